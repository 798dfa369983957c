import rule from '../../rules/no-default-memory.js';
import { inherited, lambda, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

const ignored = [{ rule: 'no-default-memory', reason: 'tiny router', loc: val('x', 11).loc }];

testConfigRule(rule, {
  valid: [
    { name: 'explicit 1024 MB', model: [lambda('Api', { line: 10, memorySize: 1024 })] },
    {
      name: "serverless function without memorySize: the framework deploys 1024 MB",
      model: [lambda('hello', { line: 22, file: 'serverless.yml', format: 'serverless', memorySize: val(1024, 22, { isDefault: true, file: 'serverless.yml' }) })],
    },
    { name: 'explicit 128 MB is a choice', model: [lambda('Router', { line: 10, memorySize: 128 })] },
    { name: 'Globals MemorySize', model: [lambda('Api', { line: 10, memorySize: inherited(512, 7) })] },
    { name: 'serverless provider memorySize', model: [lambda('api', { line: 30, file: 'serverless.yml', memorySize: inherited(1024, 8, 'provider', 'serverless.yml') })] },
    { name: 'reference: !Ref Memory', model: [lambda('Api', { line: 10, memorySize: ref('!Ref Memory') })] },
    { name: 'Terraform memory_size = var.memory', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', format: 'terraform', memorySize: ref('var.memory', 'tf-variable') })] },
    { name: 'CDK memorySize: 2048', model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', format: 'cdk', memorySize: val(2048, 25, { file: 'lib/stack.ts' }) })] },
    { name: 'Lambda@Edge viewer trigger: 128 MB is the maximum', model: [lambda('Auth', { line: 10, triggers: [trigger('other', 20, { edgeEventType: 'viewer-request' })] })] },
    { name: 'function suppresses the rule', model: [lambda('Api', { line: 10, ignoredRules: ignored })] },
  ],
  invalid: [
    {
      name: 'SAM function without MemorySize: reported at the definition',
      model: [lambda('Api', { line: 10, triggers: [trigger('http-api', 20)] })],
      findings: [{ messageId: 'defaultMemory', at: 'template.yaml:10', severity: 'error', functions: ['Api'], includes: ['Api sets no memory size', '128 MB'] }],
    },
    { name: 'SQS worker without memory', model: [lambda('Worker', { line: 30, triggers: [trigger('sqs', 40)] })], findings: [{ messageId: 'defaultMemory', at: 'template.yaml:30' }] },
    { name: 'serverless function without memorySize anywhere', model: [lambda('hello', { line: 22, file: 'serverless.yml', format: 'serverless' })], findings: [{ messageId: 'defaultMemory', at: 'serverless.yml:22' }] },
    { name: 'Terraform aws_lambda_function without memory_size', model: [lambda('aws_lambda_function.api', { line: 5, file: 'main.tf', format: 'terraform' })], findings: [{ messageId: 'defaultMemory', at: 'main.tf:5' }] },
    { name: 'CDK NodejsFunction without memorySize', model: [lambda('Handler', { line: 18, file: 'lib/stack.ts', format: 'cdk' })], findings: [{ messageId: 'defaultMemory', at: 'lib/stack.ts:18' }] },
    { name: 'Lambda@Edge origin trigger can use more memory', model: [lambda('Resize', { line: 10, triggers: [trigger('other', 20, { edgeEventType: 'origin-response' })] })], findings: [{ messageId: 'defaultMemory', at: 'template.yaml:10' }] },
    {
      name: 'two functions: one finding each',
      model: [lambda('A', { line: 10 }), lambda('B', { line: 30, memorySize: 256 }), lambda('C', { line: 50 })],
      findings: [{ messageId: 'defaultMemory', at: 'template.yaml:10' }, { messageId: 'defaultMemory', at: 'template.yaml:50' }],
    },
    { name: 'strict config severity error', severity: 'error', model: [lambda('S3Handler', { line: 12, triggers: [trigger('s3', 20)] })], findings: [{ messageId: 'defaultMemory', at: 'template.yaml:12', severity: 'error' }] },
  ],
});
