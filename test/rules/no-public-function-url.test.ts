import rule from '../../rules/no-public-function-url.js';
import { at, lambda, project, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

const url = (authType: string | ReturnType<typeof ref>, line: number, file = 'template.yaml') => ({ authType: val<string>(authType, line + 1, { file }), loc: at(line, 7, file) });

testConfigRule(rule, {
  valid: [
    { name: 'no function URL', model: [lambda('Api', { line: 10 })] },
    { name: 'AuthType AWS_IAM', model: [lambda('Api', { line: 10, functionUrl: url('AWS_IAM', 20) })] },
    { name: 'serverless url.authorizer: aws_iam', model: [lambda('api', { line: 30, file: 'serverless.yml', functionUrl: url('AWS_IAM', 33, 'serverless.yml') })] },
    { name: 'Terraform authorization_type = "AWS_IAM"', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', functionUrl: url('AWS_IAM', 20, 'main.tf') })] },
    { name: 'CDK FunctionUrlAuthType.AWS_IAM', model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', functionUrl: url('AWS_IAM', 30, 'lib/stack.ts') })] },
    { name: 'auth type from a parameter (reference)', model: [lambda('Api', { line: 10, functionUrl: url(ref('!Ref UrlAuth'), 20) })] },
    { name: 'detached URL with AWS_IAM', model: project({ functions: [], detachedFunctionUrls: [{ functionRef: 'arn:aws:lambda:us-east-1:123456789012:function:x', format: 'cloudformation', url: url('AWS_IAM', 20) }] }) },
    { name: 'HTTP API trigger is not a function URL', model: [lambda('Api', { line: 10, triggers: [trigger('http-api', 20)] })] },
    {
      name: 'public URL suppressed with a reason (handler checks a signed token)',
      model: [lambda('Webhook', { line: 10, functionUrl: url('NONE', 20), ignoredRules: [{ rule: 'no-public-function-url', reason: 'Stripe signature checked in handler', loc: at(11) }] })],
    },
  ],
  invalid: [
    {
      name: 'two URLs on one function (alias URL with AWS_IAM, unqualified NONE): the public one is reported, whatever the order',
      model: [lambda('Api', { line: 10, functionUrls: [{ ...url('AWS_IAM', 40), qualifier: 'live' }, url('NONE', 20)] })],
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21', functions: ['Api'] }],
    },
    {
      name: 'two URLs, NONE first: still reported once',
      model: [lambda('Api', { line: 10, functionUrls: [url('NONE', 20), { ...url('AWS_IAM', 40), qualifier: 'live' }] })],
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21' }],
    },
    {
      name: 'URL of a function not in the analysed configs (TargetFunctionArn is an imported ARN)',
      model: project({ functions: [], detachedFunctionUrls: [{ functionRef: '!ImportValue shared-fn-arn', format: 'cloudformation', url: url('NONE', 20) }] }),
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21', includes: ['!ImportValue shared-fn-arn'] }],
    },
    {
      name: 'SAM FunctionUrlConfig AuthType NONE: reported at the AuthType line',
      severity: 'warn',
      model: [lambda('Api', { line: 10, functionUrl: url('NONE', 20) })],
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21', severity: 'warning', functions: ['Api'], includes: ['Api has a function URL with auth type NONE'] }],
    },
    { name: 'AWS::Lambda::Url resource', model: [lambda('Api', { line: 10, functionUrl: url('NONE', 60) })], findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:61' }] },
    { name: 'serverless url: true', model: [lambda('api', { line: 30, file: 'serverless.yml', functionUrl: url('NONE', 33, 'serverless.yml') })], findings: [{ messageId: 'publicFunctionUrl', at: 'serverless.yml:34' }] },
    { name: 'Terraform authorization_type = "NONE"', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', functionUrl: url('NONE', 20, 'main.tf') })], findings: [{ messageId: 'publicFunctionUrl', at: 'main.tf:21' }] },
    { name: 'CDK addFunctionUrl({ authType: NONE })', model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', functionUrl: url('NONE', 30, 'lib/stack.ts') })], findings: [{ messageId: 'publicFunctionUrl', at: 'lib/stack.ts:31' }] },
    { name: 'lower-case none', model: [lambda('Api', { line: 10, functionUrl: url('none', 20) })], findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21' }] },
    {
      name: 'with a function-url trigger as well',
      model: [lambda('Stream', { line: 10, functionUrl: url('NONE', 20), triggers: [trigger('function-url', 20)] })],
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21' }],
    },
    {
      name: 'two public functions',
      model: [lambda('A', { line: 10, functionUrl: url('NONE', 20) }), lambda('B', { line: 40, functionUrl: url('AWS_IAM', 50) }), lambda('C', { line: 70, functionUrl: url('NONE', 80) })],
      findings: [{ messageId: 'publicFunctionUrl', at: 'template.yaml:21' }, { messageId: 'publicFunctionUrl', at: 'template.yaml:81' }],
    },
  ],
});
