import rule from '../../rules/no-default-timeout.js';
import { inherited, lambda, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

testConfigRule(rule, {
  valid: [
    { name: 'explicit 10 s', model: [lambda('Api', { line: 10, timeout: 10 })] },
    { name: 'explicit 3 s is a choice', model: [lambda('Api', { line: 10, timeout: 3 })] },
    { name: 'Globals Timeout', model: [lambda('Api', { line: 10, timeout: inherited(15, 6) })] },
    { name: 'serverless provider timeout', model: [lambda('api', { line: 30, file: 'serverless.yml', timeout: inherited(6, 9, 'provider', 'serverless.yml') })] },
    { name: 'reference', model: [lambda('Api', { line: 10, timeout: ref('!Ref Timeout') })] },
    { name: 'Terraform timeout = local.timeout', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', timeout: ref('local.timeout', 'tf-expression') })] },
    { name: 'CDK Duration.seconds(20)', model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', timeout: val(20, 24, { file: 'lib/stack.ts' }) })] },
    { name: 'function suppresses the rule', model: [lambda('Api', { line: 10, ignoredRules: [{ rule: 'no-default-timeout', loc: val('x', 11).loc }] })] },
  ],
  invalid: [
    {
      name: 'SAM function without Timeout',
      model: [lambda('Api', { line: 10, triggers: [trigger('rest-api', 20)] })],
      findings: [{ messageId: 'defaultTimeout', at: 'template.yaml:10', severity: 'error', functions: ['Api'], includes: ['Api sets no timeout', '3 s'] }],
    },
    { name: 'SQS worker without timeout', model: [lambda('Worker', { line: 30, triggers: [trigger('sqs', 40)] })], findings: [{ messageId: 'defaultTimeout', at: 'template.yaml:30' }] },
    {
      name: "serverless function: the framework's 6 s default applies",
      model: [lambda('hello', { line: 22, file: 'serverless.yml', format: 'serverless', timeout: val(6, 22, { isDefault: true, file: 'serverless.yml' }) })],
      findings: [{ messageId: 'defaultTimeout', at: 'serverless.yml:22', includes: ["the Serverless Framework's 6 s default"] }],
    },
    { name: 'Terraform function', model: [lambda('aws_lambda_function.api', { line: 5, file: 'main.tf', format: 'terraform' })], findings: [{ messageId: 'defaultTimeout', at: 'main.tf:5' }] },
    { name: 'CDK function', model: [lambda('Handler', { line: 18, file: 'lib/stack.ts', format: 'cdk' })], findings: [{ messageId: 'defaultTimeout', at: 'lib/stack.ts:18' }] },
    { name: 'EventBridge schedule', model: [lambda('Nightly', { line: 10, triggers: [trigger('schedule', 20)] })], findings: [{ messageId: 'defaultTimeout', at: 'template.yaml:10' }] },
    {
      name: 'memory set but timeout not',
      model: [lambda('Api', { line: 10, memorySize: 1024 })],
      findings: [{ messageId: 'defaultTimeout', at: 'template.yaml:10' }],
    },
    {
      name: 'three functions, two without timeout',
      model: [lambda('A', { line: 10 }), lambda('B', { line: 30, timeout: 8 }), lambda('C', { line: 50 })],
      findings: [{ messageId: 'defaultTimeout', at: 'template.yaml:10' }, { messageId: 'defaultTimeout', at: 'template.yaml:50' }],
    },
  ],
});
