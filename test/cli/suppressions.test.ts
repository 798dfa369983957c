/**
 * Suppressions of every rule family where its finding is (code, YAML, Terraform, CloudFormation
 * Metadata), kept in the JSON and SARIF reports, hidden elsewhere; unknown rules reported with a
 * "did you mean". Through `runCli` in this process, on small projects on disk.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseDirectives } from '../../src/suppressions.js';
import { dedent, writeFiles, writeProject, type Files } from '../helpers/temp-project.js';

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  suppressions?: Array<{ kind: string; justification: string }>;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

async function cli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, version: '0.0.0' });
  return { code, stdout, stderr };
}

async function json(cwd: string, args: string[] = []): Promise<{ code: number; results: JsonResult[] }> {
  const run = await cli(cwd, ['-f', 'json', ...args]);
  return { code: run.code, results: JSON.parse(run.stdout) as JsonResult[] };
}

const at = (results: JsonResult[], key: 'messages' | 'suppressedMessages'): string[] =>
  results.flatMap((r) => r[key].map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));

const TEMPLATE = dedent`
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  Resources:
    ApiFunction:
      Type: AWS::Serverless::Function
      Properties:
        Runtime: nodejs22.x
        Handler: src/api.handler
        CodeUri: .
        MemorySize: 256
        Timeout: 900
`;

/** `undefined-env-var` (cross) at line 3, `no-aws-sdk-v2` (code) at line 1, `no-max-timeout` (config) at template.yaml:11. */
const API = dedent`
  import AWS from 'aws-sdk';

  export const handler = async () => ({ table: process.env.TABLE_NAME, sdk: typeof AWS });
`;

const PACKAGE = JSON.stringify({ name: 'demo', private: true, dependencies: { 'aws-sdk': '^2.1600.0' } });

function project(files: Files = {}): string {
  return writeProject({ 'template.yaml': TEMPLATE, 'src/api.mjs': API, 'package.json': PACKAGE, ...files });
}

describe('every finding can be suppressed where it is', () => {
  it('without suppressions: one finding of each family', async () => {
    const { code, results } = await json(project());
    expect(code).toBe(1);
    expect(at(results, 'messages')).toEqual(['src/api.mjs:1 no-aws-sdk-v2', 'src/api.mjs:3 undefined-env-var', 'template.yaml:11 no-max-timeout']);
    expect(at(results, 'suppressedMessages')).toEqual([]);
  });

  it.each([
    ['ESLint comment, line comment', '// eslint-disable-next-line lambdalint/undefined-env-var -- set by the deploy pipeline'],
    ['ESLint comment, block comment', '/* eslint-disable-next-line lambdalint/undefined-env-var -- set by the deploy pipeline */'],
    ['lambdalint comment', '// lambdalint-disable-next-line undefined-env-var -- set by the deploy pipeline'],
    ['lambdalint comment, prefixed id', '/* lambdalint-disable-next-line lambdalint/undefined-env-var -- set by the deploy pipeline */'],
  ])('a cross-rule finding in code, by %s: kept in suppressedMessages with the reason', async (_name, comment) => {
    const dir = project({ 'src/api.mjs': API.replace('export const handler', `${comment}\nexport const handler`) });
    const { results } = await json(dir);
    expect(at(results, 'messages')).toEqual(['src/api.mjs:1 no-aws-sdk-v2', 'template.yaml:11 no-max-timeout']);
    const api = results.find((r) => r.filePath === 'src/api.mjs')!;
    expect(api.suppressedMessages).toMatchObject([
      { ruleId: 'undefined-env-var', line: 4, suppressions: [{ kind: 'directive', justification: 'set by the deploy pipeline' }] },
    ]);
    // Suppressed findings count nowhere.
    expect(api.errorCount).toBe(1);
    // ESLint knows the name: no "Definition for rule ... was not found".
    expect(JSON.stringify(results)).not.toContain('was not found');
  });

  it('`eslint-disable-line` at the end of the line', async () => {
    const dir = project({ 'src/api.mjs': API.replace('typeof AWS });', 'typeof AWS }); // eslint-disable-line lambdalint/undefined-env-var') });
    expect(at((await json(dir)).results, 'suppressedMessages')).toEqual(['src/api.mjs:3 undefined-env-var']);
  });

  it('code rules: ESLint comments and lambdalint comments alike', async () => {
    for (const comment of ['// eslint-disable-next-line lambdalint/no-aws-sdk-v2 -- legacy', '// lambdalint-disable-next-line no-aws-sdk-v2 -- legacy']) {
      const { results } = await json(project({ 'src/api.mjs': `${comment}\n${API}` }));
      const api = results.find((r) => r.filePath === 'src/api.mjs')!;
      expect(api.suppressedMessages).toMatchObject([{ ruleId: 'no-aws-sdk-v2', line: 2, suppressions: [{ kind: 'directive', justification: 'legacy' }] }]);
      expect(api.messages.map((m) => m.ruleId)).toEqual(['undefined-env-var']);
    }
  });

  it('config rules in YAML; the stylish, GitHub and JUnit reports hide suppressed findings, SARIF marks them inSource', async () => {
    const dir = project({ 'template.yaml': TEMPLATE.replace('      Timeout: 900', '      # lambdalint-disable-next-line no-max-timeout -- video encoding\n      Timeout: 900') });
    const { results } = await json(dir);
    expect(at(results, 'suppressedMessages')).toEqual(['template.yaml:12 no-max-timeout']);
    for (const format of ['stylish', 'github', 'junit']) {
      const run = await cli(dir, ['-f', format]);
      expect(run.stdout).toContain('undefined-env-var');
      expect(run.stdout).not.toContain('no-max-timeout');
    }
    const sarif = JSON.parse((await cli(dir, ['-f', 'sarif'])).stdout) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown }> }> };
    const results_ = sarif.runs[0].results;
    expect(results_.find((r) => r.ruleId === 'no-max-timeout')?.suppressions).toEqual([{ kind: 'inSource', justification: 'video encoding' }]);
    expect(results_.find((r) => r.ruleId === 'undefined-env-var')).not.toHaveProperty('suppressions');
  });

  it('CloudFormation Metadata on the function suppresses its findings of every family, in the template and in its handler', async () => {
    const withMetadata = TEMPLATE.replace(
      '    Type: AWS::Serverless::Function\n',
      '    Type: AWS::Serverless::Function\n    Metadata:\n      lambdalint:\n        ignore:\n          - no-max-timeout\n          - rule: lambdalint/no-aws-sdk-v2\n            reason: migrating in JIRA-12\n',
    );
    const { code, results } = await json(project({ 'template.yaml': withMetadata }));
    expect(at(results, 'messages')).toEqual(['src/api.mjs:3 undefined-env-var']);
    expect(code).toBe(1);
    const suppressed = results.flatMap((r) => r.suppressedMessages);
    expect(suppressed.map((m) => [m.ruleId, m.suppressions])).toEqual([
      ['no-aws-sdk-v2', [{ kind: 'directive', justification: 'migrating in JIRA-12' }]],
      ['no-max-timeout', [{ kind: 'directive', justification: '' }]],
    ]);
  });

  it('template-level Metadata suppresses the rule for every function of the template', async () => {
    const dir = project({ 'template.yaml': TEMPLATE.replace('Resources:', 'Metadata:\n  lambdalint:\n    ignore: [undefined-env-var, no-max-timeout]\nResources:') });
    const { code, results } = await json(dir);
    expect(at(results, 'messages')).toEqual(['src/api.mjs:1 no-aws-sdk-v2']);
    expect(at(results, 'suppressedMessages').sort()).toEqual(['src/api.mjs:3 undefined-env-var', 'template.yaml:14 no-max-timeout']);
    expect(code).toBe(1);
  });

  it('Terraform comments', async () => {
    const dir = writeProject({
      'main.tf': dedent`
        resource "aws_lambda_function" "worker" {
          function_name = "worker"
          role          = "arn:aws:iam::123456789012:role/worker"
          runtime       = "nodejs22.x"
          handler       = "index.handler"
          filename      = "worker.zip"
          memory_size   = 256
          // lambdalint-disable-next-line no-max-timeout -- nightly batch
          timeout       = 900
        }
      `,
    });
    expect(at((await json(dir)).results, 'suppressedMessages')).toEqual(['main.tf:9 no-max-timeout']);
  });
});

describe('a suppression naming an unknown rule is reported, with a did-you-mean', () => {
  it.each([
    ['YAML comment', { 'template.yaml': TEMPLATE.replace('      Timeout: 900', '      # lambdalint-disable-next-line no-max-timout\n      Timeout: 900') }, 'template.yaml:11', "'no-max-timout'", 'no-max-timeout'],
    ['lambdalint comment in code', { 'src/api.mjs': `// lambdalint-disable-next-line no-aws-sdk-2\n${API}` }, 'src/api.mjs:1', "'no-aws-sdk-2'", 'no-aws-sdk-v2'],
    ['ESLint comment in code', { 'src/api.mjs': `// eslint-disable-next-line lambdalint/undefined-env-vars\n${API}` }, 'src/api.mjs:1', "'lambdalint/undefined-env-vars'", 'undefined-env-var'],
    [
      'Metadata ignore list',
      { 'template.yaml': TEMPLATE.replace('    Type: AWS::Serverless::Function\n', '    Type: AWS::Serverless::Function\n    Metadata:\n      lambdalint:\n        ignore: [no-max-timeuot]\n') },
      'template.yaml:8',
      "'no-max-timeuot'",
      'no-max-timeout',
    ],
  ])('%s', async (_name, files, where, written, guess) => {
    const { code, results } = await json(project(files as Files));
    const unknown = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'unknown-rule').map((m) => ({ ...m, at: `${r.filePath}:${m.line}` })));
    expect(unknown).toHaveLength(1);
    expect(unknown[0].at).toBe(where);
    expect(unknown[0].severity).toBe(2);
    expect(unknown[0].message).toContain(written);
    expect(unknown[0].message).toContain(`did you mean '${guess}'?`);
    expect(code).toBe(1);
  });

  it('ESLint comments about other plugins are not ours to judge', async () => {
    const dir = project({ 'src/api.mjs': `// eslint-disable-next-line import/no-unresolved\n${API}` });
    expect(JSON.stringify((await json(dir)).results)).not.toContain('unknown-rule');
  });
});

describe('--report-unused-disable-directives', () => {
  it('an ESLint comment for a cross rule is reported once when it suppresses nothing, never when it does', async () => {
    const api = `// eslint-disable-next-line lambdalint/undefined-env-var -- stale\nconst unrelated = 1;\n${API.replace('export const handler', '// eslint-disable-next-line lambdalint/undefined-env-var\nexport const handler')}`;
    const { results } = await json(project({ 'src/api.mjs': api }), ['--report-unused-disable-directives']);
    const unused = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'unused-disable-directive').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(unused).toEqual([
      "src/api.mjs:1 Unused eslint-disable-next-line directive (no problems were reported from 'lambdalint/undefined-env-var' on line 2); remove it.",
    ]);
    expect(at(results, 'suppressedMessages')).toEqual(['src/api.mjs:6 undefined-env-var']);
  });

  it('a bare eslint-disable-next-line that suppressed a cross-rule finding is used', async () => {
    const api = API.replace('export const handler', '// eslint-disable-next-line\nexport const handler');
    const { results } = await json(project({ 'src/api.mjs': api }), ['--report-unused-disable-directives']);
    expect(at(results, 'messages')).toEqual(['src/api.mjs:1 no-aws-sdk-v2', 'template.yaml:11 no-max-timeout']);
  });
});

describe('baseline', () => {
  it('recorded findings are suppressed as `external`: in JSON and SARIF, not in the exit code', async () => {
    const dir = project();
    expect((await cli(dir, ['--baseline-write', 'baseline.json'])).code).toBe(0);
    writeFiles(dir, { 'src/other.mjs': 'export const x = 1;\n' });
    const { code, results } = await json(dir, ['--baseline', 'baseline.json']);
    expect(code).toBe(0);
    expect(at(results, 'messages')).toEqual([]);
    const suppressed = results.flatMap((r) => r.suppressedMessages);
    expect(suppressed).toHaveLength(3);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'external', justification: 'recorded in the baseline baseline.json' }]);
    const sarif = JSON.parse((await cli(dir, ['-f', 'sarif', '--baseline', 'baseline.json'])).stdout) as { runs: Array<{ results: Array<{ suppressions?: Array<{ kind: string }> }> }> };
    expect(sarif.runs[0].results.map((r) => r.suppressions?.[0].kind)).toEqual(['external', 'external', 'external']);
  });
});

describe('parseDirectives', () => {
  it('reads each syntax of each file kind, and only there', () => {
    const code = '// lambdalint-disable-next-line a, lambdalint/b -- why -- really\nx;\n# lambdalint-disable-next-line c\ny: 1\n';
    expect(parseDirectives('a.ts', code).map((d) => [d.line, d.target, d.rules, d.reason])).toEqual([[1, 2, ['a', 'b'], 'why -- really']]);
    // `#` is no comment in JavaScript, `//` none in YAML.
    expect(parseDirectives('a.yml', code).map((d) => [d.line, d.target, d.rules])).toEqual([[3, 4, ['c']]]);
    // JSON has no comments; ESLint comments mean nothing in YAML.
    expect(parseDirectives('template.json', code)).toEqual([]);
    expect(parseDirectives('a.yml', '# eslint-disable-next-line lambdalint/a\nx: 1\n')).toEqual([]);
    // In config files, comment lines between the comment and its line are skipped; in code they are not (as in ESLint).
    expect(parseDirectives('a.yml', '# lambdalint-disable-next-line a\n# note\n\nx: 1\n')[0].target).toBe(4);
    expect(parseDirectives('a.js', '// lambdalint-disable-next-line a\n// note\nx;\n')[0].target).toBe(2);
    expect(parseDirectives('a.tf', '/* lambdalint-disable-next-line a -- why */\nx = 1\n')[0]).toMatchObject({ target: 2, rules: ['a'], reason: 'why' });
  });
});
