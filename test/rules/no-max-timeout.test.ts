import rule from '../../rules/no-max-timeout.js';
import { inherited, lambda, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

const warn = { severity: 'warn' as const };
const httpApi = (line: number) => trigger('http-api', line);

testConfigRule(rule, {
  valid: [
    { name: 'explicit 30 s', model: [lambda('Api', { line: 10, timeout: 30, triggers: [httpApi(20)] })] },
    { name: 'default timeout (3 s)', model: [lambda('Api', { line: 10 })] },
    // One cause, one finding: lambda-limits reports it as an error (test/rules/lambda-limits.test.ts).
    { name: 'above the maximum (1000 s) is lambda-limits\' finding', model: [lambda('Api', { line: 10, timeout: 1000 })] },
    { name: 'just under the maximum', model: [lambda('Batch', { line: 10, timeout: 899 })] },
    { name: 'reference: !Ref TimeoutParam', model: [lambda('Api', { line: 10, timeout: ref('!Ref TimeoutParam') })] },
    { name: 'Globals timeout 300', model: [lambda('A', { line: 20, timeout: inherited(300, 15) })] },
    { name: 'serverless provider timeout 60', model: [lambda('hello', { line: 30, file: 'serverless.yml', format: 'serverless', timeout: inherited(60, 8, 'provider', 'serverless.yml') })] },
    { name: 'terraform timeout = var.timeout', model: [lambda('aws_lambda_function.worker', { line: 1, file: 'main.tf', format: 'terraform', timeout: ref('var.timeout', 'tf-variable') })] },
    {
      name: 'queue worker at 900 s suppressed with a reason',
      model: [
        lambda('Worker', {
          line: 10,
          timeout: 900,
          triggers: [trigger('sqs', 30)],
          ignoredRules: [{ rule: 'no-max-timeout', reason: 'video transcoding takes up to 14 minutes', loc: val('x', 12).loc }],
        }),
      ],
    },
    {
      name: 'API function at 900 s suppressed',
      model: [lambda('Api', { line: 10, timeout: 900, triggers: [httpApi(30)], ignoredRules: [{ rule: 'no-max-timeout', loc: val('x', 12).loc }] })],
    },
  ],
  invalid: [
    {
      name: 'HTTP API function at 900 s: warning at the Timeout line',
      ...warn,
      model: [lambda('Api', { line: 10, timeout: 900, triggers: [httpApi(20)] })],
      findings: [{ messageId: 'maxTimeout', at: 'template.yaml:13', severity: 'warning', functions: ['Api'], includes: ['Timeout 900 s (own setting) of Api'] }],
    },
    {
      name: 'inherited from Globals: one finding at the Globals line naming both functions',
      ...warn,
      model: [
        lambda('A', { line: 20, timeout: inherited(900, 15), triggers: [httpApi(30)] }),
        lambda('B', { line: 40, timeout: inherited(900, 15), triggers: [trigger('rest-api', 50)] }),
      ],
      findings: [
        { messageId: 'maxTimeout', at: 'template.yaml:15', functions: ['A', 'B'], includes: ['(from Globals) of A and B'] },
      ],
    },
    {
      name: 'only an SQS trigger: info note',
      ...warn,
      model: [lambda('Worker', { line: 10, timeout: 900, triggers: [trigger('sqs', 30)] })],
      findings: [{ messageId: 'maxTimeoutAsync', at: 'template.yaml:13', severity: 'info', functions: ['Worker'], includes: ['Timeout 900 s (own setting) of Worker', 'no caller waits'] }],
    },
    {
      name: 'S3 and SNS triggers only: info note naming both',
      model: [lambda('Thumbs', { line: 10, timeout: 900, triggers: [trigger('s3', 30), trigger('sns', 35), trigger('s3', 40)] })],
      findings: [{ messageId: 'maxTimeoutAsync', at: 'template.yaml:13', severity: 'info', functions: ['Thumbs'], includes: ['no caller waits'] }],
    },
    {
      name: 'serverless provider timeout with a schedule: info at the provider line',
      model: [
        lambda('nightly', {
          line: 30,
          file: 'serverless.yml',
          format: 'serverless',
          timeout: inherited(900, 9, 'provider', 'serverless.yml'),
          triggers: [trigger('schedule', 34, {}, 'serverless.yml')],
        }),
      ],
      findings: [{ messageId: 'maxTimeoutAsync', at: 'serverless.yml:9', severity: 'info', functions: ['nightly'], includes: ['(from provider) of nightly'] }],
    },
    {
      name: 'queue and REST API triggers: a caller waits, so a warning',
      ...warn,
      model: [lambda('Mixed', { line: 10, timeout: 900, triggers: [trigger('sqs', 30), trigger('rest-api', 40)] })],
      findings: [{ messageId: 'maxTimeout', at: 'template.yaml:13', severity: 'warning', functions: ['Mixed'] }],
    },
    {
      name: 'no triggers (invoked by the SDK, maybe synchronously): warning',
      ...warn,
      model: [lambda('aws_lambda_function.etl', { line: 3, file: 'main.tf', format: 'terraform', timeout: 900 })],
      findings: [{ messageId: 'maxTimeout', at: 'main.tf:6', severity: 'warning', functions: ['aws_lambda_function.etl'] }],
    },
    {
      name: 'Cognito trigger is synchronous: warning',
      ...warn,
      model: [lambda('PreSignUp', { line: 10, timeout: 900, triggers: [trigger('cognito', 30)] })],
      findings: [{ messageId: 'maxTimeout', at: 'template.yaml:13', severity: 'warning', functions: ['PreSignUp'] }],
    },
    {
      name: 'a Lambda@Edge association is synchronous (CloudFront waits): warning even next to a queue',
      ...warn,
      model: [lambda('Edge', { line: 10, timeout: 900, triggers: [trigger('sqs', 30), trigger('other', 40, { edgeEventType: 'origin-request' })] })],
      findings: [{ messageId: 'maxTimeout', at: 'template.yaml:13', severity: 'warning', functions: ['Edge'] }],
    },
    {
      name: 'CDK Duration.minutes(15)',
      ...warn,
      model: [lambda('Processor', { line: 20, file: 'lib/stack.ts', format: 'cdk', timeout: val(900, 24, { file: 'lib/stack.ts', column: 16 }) })],
      findings: [{ messageId: 'maxTimeout', at: 'lib/stack.ts:24', column: 16, functions: ['Processor'] }],
    },
    {
      name: 'one of two functions sharing Globals suppresses the rule',
      ...warn,
      model: [
        lambda('A', { line: 20, timeout: inherited(900, 15), triggers: [trigger('sqs', 30)], ignoredRules: [{ rule: 'no-max-timeout', reason: 'batch', loc: val('x', 21).loc }] }),
        lambda('B', { line: 40, timeout: inherited(900, 15), triggers: [httpApi(50)] }),
      ],
      findings: [{ messageId: 'maxTimeout', at: 'template.yaml:15', functions: ['B'] }],
    },
  ],
});
