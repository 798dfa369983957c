import rule from '../../rules/no-unscoped-permission.js';
import type { InvokePermission } from '../../src/model/index.js';
import { lambda, project, ref, testConfigRule, val } from '../helpers/model-builder.js';
import { runCrossRuleCases } from '../helpers/temp-project.js';

const permission = (principal: string | ReturnType<typeof ref>, extra: Partial<InvokePermission> = {}, line = 30): InvokePermission => ({
  id: `template.yaml#${extra.id ?? 'InvokePermission'}`,
  format: 'cloudformation',
  loc: val('x', line).loc,
  principal: val<string>(principal, line + 3),
  functionRef: 'Handler',
  functionName: 'Handler',
  ...extra,
});
const model = (...permissions: InvokePermission[]) => project({ functions: [lambda('Handler', { line: 10 })], permissions });

testConfigRule(rule, {
  valid: [
    { name: 's3 with SourceArn and SourceAccount', model: model(permission('s3.amazonaws.com', { sourceArn: val('!GetAtt Bucket.Arn', 35), sourceAccount: val('!Ref AWS::AccountId', 36) })) },
    { name: 'sns with SourceArn', model: model(permission('sns.amazonaws.com', { sourceArn: val('!Ref Topic', 35) })) },
    { name: 'events with SourceAccount only', model: model(permission('events.amazonaws.com', { sourceAccount: val('123456789012', 35) })) },
    { name: 'an account principal', model: model(permission('123456789012')) },
    { name: 'a role ARN principal', model: model(permission('arn:aws:iam::123456789012:role/caller')) },
    { name: 'principal from a parameter: unknown', model: model(permission(ref('!Ref CallerPrincipal'))) },
    // terraform-aws-modules/lambda examples: allowed_triggers Config with principal_org_id (dev corpus).
    { name: 'service principal with PrincipalOrgID', model: model(permission('config.amazonaws.com', { principalOrgId: val('o-abc123', 35) })) },
    { name: "'*' limited to an organization", model: model(permission('*', { principalOrgId: val('o-abc123', 35) })) },
    { name: "'*' for a function URL (no-public-function-url owns it)", model: model(permission('*', { functionUrlAuthType: val('NONE', 35) })) },
    { name: "'*' with a SourceArn condition", model: model(permission('*', { sourceArn: val('!GetAtt Rule.Arn', 35) })) },
    { name: "'*' with a SourceAccount condition", model: model(permission('*', { sourceAccount: val('123456789012', 35) })) },
    { name: 'a reference that is not a service principal: unknown', model: model(permission(ref('var.caller_principal', 'tf-variable'))) },
    { name: 'China partition principal with SourceArn', model: model(permission('s3.amazonaws.com.cn', { sourceArn: val('arn:aws-cn:s3:::b', 35) })) },
  ],
  invalid: [
    {
      name: 'S3 without SourceArn/SourceAccount (checkov CKV_AWS_364): at the Principal line',
      severity: 'warn',
      model: model(permission('s3.amazonaws.com')),
      findings: [{ messageId: 'unscopedService', at: 'template.yaml:33', severity: 'warning', functions: ['Handler'], includes: ["'InvokePermission'", 's3.amazonaws.com', "'Handler'"] }],
    },
    { name: 'China partition sns.amazonaws.com.cn is SNS', model: model(permission('sns.amazonaws.com.cn')), findings: [{ messageId: 'unscopedService', at: 'template.yaml:33', includes: ['sns.amazonaws.com'] }] },
    {
      name: '!Sub sns.${AWS::URLSuffix} is SNS (the loader keeps the Sub template as the principal)',
      model: model(permission('sns.${AWS::URLSuffix}')),
      findings: [{ messageId: 'unscopedService', at: 'template.yaml:33', includes: ['sns.amazonaws.com'] }],
    },
    {
      name: 'Terraform sns.${data.aws_partition.current.dns_suffix} (a reference) is SNS',
      model: model(permission(ref('sns.${data.aws_partition.current.dns_suffix}', 'tf-expression'))),
      findings: [{ messageId: 'unscopedService', at: 'template.yaml:33', includes: ["any account's sns.amazonaws.com resource"] }],
    },
    {
      name: "Principal '*' without any condition (KICS: wildcard principal), named by the permission's logical id",
      model: model(permission(' * ', { id: 'PublicInvoke' })),
      findings: [{ messageId: 'anyPrincipal', at: 'template.yaml:33', column: 5, functions: ['Handler'], includes: ["Permission 'PublicInvoke' lets any AWS account invoke function 'Handler'"] }],
    },
    {
      name: 'permission for a function outside the analysed configs (FunctionName is an ARN)',
      model: project({ functions: [], permissions: [{ ...permission('events.amazonaws.com'), functionRef: 'arn:aws:lambda:us-east-1:123456789012:function:shared', functionName: undefined }] }),
      findings: [{ messageId: 'unscopedService', at: 'template.yaml:33', functions: [], includes: ['function:shared'] }],
    },
  ],
});

/** A serverless service whose `resources:` grant `principal` on function `image-resize` by its generated logical id. */
const serverlessPermission = (functionName: string, extra: string[] = []): string =>
  [
    'service: images',
    'provider:',
    '  name: aws',
    '  runtime: nodejs22.x',
    'functions:',
    '  image-resize:',
    '    handler: src/resize.handler',
    'resources:',
    '  Resources:',
    '    S3InvokePermission:',
    '      Type: AWS::Lambda::Permission',
    '      Properties:',
    '        Action: lambda:InvokeFunction',
    `        FunctionName: ${functionName}`,
    '        Principal: s3.amazonaws.com',
    ...extra,
    '',
  ].join('\n');

// Serverless end to end: the permission is linked to the function serverless generates it as.
runCrossRuleCases('no-unscoped-permission', {
  valid: [
    { name: 'serverless: resources permission with SourceAccount', files: { 'serverless.yml': serverlessPermission('!GetAtt ImageDashresizeLambdaFunction.Arn', ['        SourceAccount: !Ref AWS::AccountId']) } },
  ],
  invalid: [
    {
      name: 'serverless: resources permission on !GetAtt <Name>LambdaFunction.Arn names the function',
      files: { 'serverless.yml': serverlessPermission('!GetAtt ImageDashresizeLambdaFunction.Arn') },
      errors: [{ messageId: 'unscopedService', file: 'serverless.yml', line: 'Principal: s3', functions: ['image-resize'], messageIncludes: ["'image-resize'"] }],
    },
    {
      name: 'serverless: resources permission on !Ref <Name>LambdaFunction names the function',
      files: { 'serverless.yml': serverlessPermission('!Ref ImageDashresizeLambdaFunction') },
      errors: [{ messageId: 'unscopedService', file: 'serverless.yml', line: 'Principal: s3', functions: ['image-resize'] }],
    },
  ],
});
