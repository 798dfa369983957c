import type { FileResult, FormatContext, RuleMetaSummary } from '../../src/cli/formatters/types.js';

/** A small fixed project: every severity, a parse error, a clean file, and text that needs escaping. */
export const RULES: RuleMetaSummary[] = [
  {
    id: 'no-max-timeout',
    description: 'Disallow the 900-second maximum timeout.',
    url: 'https://github.com/lambdalint/lambdalint/blob/main/docs/rules/no-max-timeout.md',
    recommended: 'warn',
    sources: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html'],
    family: 'config',
    type: 'suggestion',
  },
  {
    id: 'no-aws-sdk-v2',
    description: 'Disallow the AWS SDK for JavaScript v2.',
    url: 'https://github.com/lambdalint/lambdalint/blob/main/docs/rules/no-aws-sdk-v2.md',
    recommended: 'error',
    sources: [
      'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html',
      'https://aws.amazon.com/blogs/developer/announcing-end-of-support-for-aws-sdk-for-javascript-v2/',
    ],
    family: 'code',
    type: 'problem',
  },
  {
    id: 'unused-env-var',
    description: 'Disallow environment variables the handler never reads.',
    url: 'https://github.com/lambdalint/lambdalint/blob/main/docs/rules/unused-env-var.md',
    recommended: 'off',
    sources: [],
    family: 'cross',
    type: 'suggestion',
  },
];

const HANDLER = [
  "import AWS from 'aws-sdk';",
  '',
  'export const handler = async () => process.env.TABLE;',
  "import S3 from 'aws-sdk/clients/s3';",
  '',
].join('\n');

export function sampleResults(): FileResult[] {
  // Deliberately unsorted: formatters sort files and findings.
  return [
    {
      file: 'src/handler.ts',
      source: HANDLER,
      findings: [
        {
          ruleId: 'no-aws-sdk-v2',
          severity: 'error',
          message: "Use the AWS SDK v3 (@aws-sdk/*) instead of 'aws-sdk/clients/s3'.",
          messageId: 'noAwsSdkV2',
          file: 'src/handler.ts',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 37,
        },
        {
          ruleId: 'no-aws-sdk-v2',
          severity: 'error',
          message: "Use the AWS SDK v3 (@aws-sdk/*) instead of 'aws-sdk'.",
          messageId: 'noAwsSdkV2',
          file: 'src/handler.ts',
          line: 1,
          column: 17,
          endLine: 1,
          endColumn: 26,
        },
      ],
    },
    { file: 'src/clean.ts', source: 'export const handler = async () => 1;\n', findings: [] },
    {
      file: 'serverless.yml',
      source: 'service: demo\nfunctions:\n  api:\n    handler: src/handler.handler\n    timeout: 900\n',
      findings: [
        {
          ruleId: 'no-max-timeout',
          severity: 'warning',
          message: 'Function "api" sets timeout: 900, the maximum.',
          messageId: 'maxTimeout',
          file: 'serverless.yml',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 17,
          functions: ['api'],
        },
        {
          ruleId: 'unused-env-var',
          severity: 'info',
          message: 'Env "A,B:C" is 100% unused <never read> & \'quoted\'\nsecond line\r\nthird',
          file: 'serverless.yml',
          line: 2,
          column: 1,
          endLine: 3,
          endColumn: 6,
          functions: ['api', 'worker'],
        },
      ],
    },
    {
      file: 'odd dir/a,b:c%d.yml',
      findings: [
        {
          ruleId: 'parse-error',
          severity: 'error',
          message: 'Unexpected token \u001b[31m "]]>" at 3:1',
          file: 'odd dir/a,b:c%d.yml',
          line: 3,
          column: 1,
        },
      ],
    },
  ];
}

export function sampleContext(overrides: Partial<FormatContext> = {}): FormatContext {
  return { cwd: '/project', rules: RULES, elapsedMs: 1234.5, color: false, version: '1.2.3', ...overrides };
}
