import rule from '../../rules/log-retention.js';
import { inherited, lambda, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

testConfigRule(rule, {
  valid: [
    { name: 'AWS::Logs::LogGroup with RetentionInDays 14', model: [lambda('Api', { line: 10, logRetentionDays: val(14, 40) })] },
    { name: 'serverless provider.logRetentionInDays', model: [lambda('api', { line: 30, file: 'serverless.yml', logRetentionDays: inherited(30, 11, 'provider', 'serverless.yml') })] },
    { name: 'Terraform retention_in_days = 7', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', logRetentionDays: val(7, 22, { file: 'main.tf' }) })] },
    { name: 'CDK logRetention: RetentionDays.ONE_MONTH', model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', logRetentionDays: val(30, 27, { file: 'lib/stack.ts' }) })] },
    { name: 'retention from a parameter (reference)', model: [lambda('Api', { line: 10, logRetentionDays: val<number>(ref('!Ref Retention'), 40) })] },
    { name: 'Terraform var.retention', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', logRetentionDays: val<number>(ref('var.retention', 'tf-variable'), 22, { file: 'main.tf' }) })] },
    { name: 'ten years is still a retention', model: [lambda('Audit', { line: 10, logRetentionDays: val(3653, 40) })] },
    { name: 'function suppresses the rule', model: [lambda('Api', { line: 10, ignoredRules: [{ rule: 'log-retention', reason: 'org-wide retention Lambda', loc: val('x', 11).loc }] })] },
  ],
  invalid: [
    {
      name: 'SAM function without a log group',
      model: [lambda('Api', { line: 10, triggers: [trigger('http-api', 20)] })],
      findings: [{ messageId: 'noRetention', at: 'template.yaml:10', severity: 'error', functions: ['Api'], includes: ['Api sets no log retention', 'forever'] }],
    },
    { name: 'serverless function without logRetentionInDays', model: [lambda('hello', { line: 22, file: 'serverless.yml', format: 'serverless' })], findings: [{ messageId: 'noRetention', at: 'serverless.yml:22' }] },
    { name: 'Terraform function without aws_cloudwatch_log_group', model: [lambda('aws_lambda_function.api', { line: 5, file: 'main.tf', format: 'terraform' })], findings: [{ messageId: 'noRetention', at: 'main.tf:5' }] },
    { name: 'CDK function without logRetention', model: [lambda('Handler', { line: 18, file: 'lib/stack.ts', format: 'cdk' })], findings: [{ messageId: 'noRetention', at: 'lib/stack.ts:18' }] },
    {
      name: 'Terraform retention_in_days = 0 means never expire',
      model: [lambda('aws_lambda_function.api', { line: 5, file: 'main.tf', format: 'terraform', logRetentionDays: val(0, 30, { file: 'main.tf' }) })],
      findings: [{ messageId: 'neverExpire', at: 'main.tf:30' }],
    },
    { name: 'SQS worker', model: [lambda('Worker', { line: 40, triggers: [trigger('sqs', 50)] })], findings: [{ messageId: 'noRetention', at: 'template.yaml:40' }] },
    {
      name: 'two of three functions without retention',
      model: [lambda('A', { line: 10 }), lambda('B', { line: 30, logRetentionDays: val(14, 90) }), lambda('C', { line: 50 })],
      findings: [{ messageId: 'noRetention', at: 'template.yaml:10' }, { messageId: 'noRetention', at: 'template.yaml:50' }],
    },
    { name: 'configured as warn', severity: 'warn', model: [lambda('Api', { line: 10 })], findings: [{ messageId: 'noRetention', at: 'template.yaml:10', severity: 'warning' }] },
  ],
});
