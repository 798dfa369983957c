/**
 * Constructs the peers (cfn-lint, serverless-rules, checkov, KICS) read and lambdalint must read
 * the same way: several function URLs, empty OnFailure, resources whose function is elsewhere,
 * partition-neutral principals, redrive policies, ephemeral storage, indented documents.
 */
import { describe, expect, it } from 'vitest';
import { isCloudFormationTemplate, loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { loadServerless } from '../../src/loaders/serverless.js';
import { loadTerraformModule } from '../../src/loaders/terraform.js';
import { loadCdk } from '../../src/loaders/cdk.js';
import { literal } from '../../src/model/index.js';
import { fn, memoryHost } from './host.js';

const cfn = (text: string) => loadCloudFormation('template.yaml', text, memoryHost({ 'template.yaml': text }));

describe('CloudFormation and SAM', () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      AutoPublishAlias: live
      EphemeralStorage:
        Size: 256
      FunctionUrlConfig:
        AuthType: AWS_IAM
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: {}
      Events:
        Topic:
          Type: SNS
          Properties:
            Topic: !Ref Topic
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [shop] }
            DeadLetterConfig:
              Type: SQS
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
  PublicUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !Ref Api
      AuthType: NONE
  ExternalUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !ImportValue shared-fn-arn
      Qualifier: live
      AuthType: NONE
  ExternalMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
      EventSourceArn: !GetAtt Jobs.Arn
  Jobs:
    Type: AWS::SQS::Queue
  Safe:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
  SnsPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Api
      Action: lambda:InvokeFunction
      Principal: !Sub sns.\${AWS::URLSuffix}
  ChinaPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Api.Arn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com.cn
      SourceArn: !GetAtt Bucket.Arn
  Invoke:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Plain
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure: {}
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Code: { ZipFile: 'exports.handler = async () => 1' }
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: lambda
      TopicArn: !Ref Topic
      Endpoint: !GetAtt Plain.Arn
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
`;
  const result = cfn(template);

  it('several URLs on one function are each kept, with the qualifier', () => {
    const api = fn(result, 'Api');
    expect(api.functionUrls?.map((u) => literal(u.authType))).toEqual(['AWS_IAM', 'NONE']);
    expect(api.functionUrls?.[1].loc.line).toBe(38);
  });

  it('a URL and a mapping whose function is not in the template are kept, detached', () => {
    expect(result.detachedFunctionUrls?.map((d) => [d.functionRef, literal(d.url.authType), d.url.qualifier])).toEqual([['!ImportValue shared-fn-arn', 'NONE', 'live']]);
    expect(result.detachedTriggers?.map((d) => [d.functionRef, d.trigger.kind, d.trigger.source?.queueId])).toEqual([
      ['arn:aws:lambda:us-east-1:123456789012:function:elsewhere', 'sqs', 'template.yaml#Jobs'],
    ]);
  });

  it('OnFailure: {} is no destination (SAM EventInvokeConfig and AWS::Lambda::EventInvokeConfig)', () => {
    expect(fn(result, 'Api').onFailureDestination).toBeUndefined();
    expect(fn(result, 'Plain').onFailureDestination).toBeUndefined();
  });

  it('permissions: partition-neutral and China principals, SourceArn, linked functions', () => {
    expect(result.permissions?.map((p) => [p.id, literal(p.principal), p.functionName, p.sourceArn !== undefined])).toEqual([
      ['template.yaml#SnsPermission', 'sns.${AWS::URLSuffix}', 'Api', false],
      ['template.yaml#ChinaPermission', 's3.amazonaws.com.cn', 'Api', true],
    ]);
  });

  it('redrive policies, ephemeral storage, SNS/EventBridge DLQs and S3 filters', () => {
    expect(result.queues.map((q) => [q.name, q.redrivePolicy !== undefined])).toEqual([
      ['Jobs', false],
      ['Safe', true],
    ]);
    const api = fn(result, 'Api');
    expect(literal(api.ephemeralStorageMb)).toBe(256);
    const byKind = Object.fromEntries(api.triggers.map((t) => [t.kind, t]));
    expect(byKind.sns).toMatchObject({ deliveryDeadLetterKnown: true });
    expect(byKind.sns.deliveryDeadLetter).toBeUndefined();
    expect(literal(byKind.eventbridge.deliveryDeadLetter)).toBe('SQS');
    expect(byKind.s3.s3Events).toEqual(['s3:ObjectCreated:*']);
    expect(byKind.s3.keyFilter?.map((f) => [f.name, literal(f.value)])).toEqual([['prefix', 'incoming/']]);
    const plainSns = fn(result, 'Plain').triggers.find((t) => t.kind === 'sns');
    expect(plainSns?.deliveryDeadLetter).toBeDefined();
  });

  it('an EventBridge target that is a function ARN outside the template is a detached trigger with its DLQ state', () => {
    const loaded = cfn(`Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: { source: [shop] }\n      Targets:\n        - Id: A\n          Arn: arn:aws:lambda:us-east-1:111122223333:function:Hello\n        - Id: B\n          Arn: arn:aws:sqs:us-east-1:111122223333:not-a-function\n`);
    expect(loaded.detachedTriggers?.map((d) => [d.functionRef, d.trigger.kind, d.trigger.deliveryDeadLetterKnown])).toEqual([
      ['arn:aws:lambda:us-east-1:111122223333:function:Hello', 'eventbridge', true],
    ]);
  });

  it('a template indented as a whole is detected and read', () => {
    const indented = template.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
    expect(isCloudFormationTemplate(indented)).toBe(true);
    expect(cfn(indented).functions.map((f) => f.name)).toEqual(['Api', 'Plain']);
    expect(isCloudFormationTemplate('service: x\nprovider:\n  name: aws\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n')).toBe(false);
  });

  it('a template with quoted scalars continued below their key keeps its functions', () => {
    const text = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Environment:\n        Variables:\n          POLICY: !Sub '{\n  "a": "\${AWS::Region}"\n}'\n      Timeout: 30\n`;
    const loaded = cfn(text);
    expect(loaded.diagnostics).toEqual([]);
    expect(literal(fn(loaded, 'Fn').timeout)).toBe(30);
    expect(fn(loaded, 'Fn').timeout.loc.line).toBe(11);
  });
});

describe('Terraform', () => {
  const main = `resource "aws_lambda_function" "api" {
  function_name = "api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  ephemeral_storage {
    size = 20480
  }
}
resource "aws_lambda_function_url" "live" {
  function_name      = aws_lambda_function.api.function_name
  qualifier          = "live"
  authorization_type = "AWS_IAM"
}
resource "aws_lambda_function_url" "open" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"
}
resource "aws_lambda_function_url" "other" {
  function_name      = "arn:aws:lambda:us-east-1:123456789012:function:other"
  authorization_type = "NONE"
}
resource "aws_sqs_queue" "jobs" {}
resource "aws_sqs_queue" "safe" {
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 4 })
}
resource "aws_lambda_event_source_mapping" "external" {
  function_name    = "arn:aws:lambda:us-east-1:123456789012:function:other"
  event_source_arn = aws_sqs_queue.jobs.arn
}
resource "aws_lambda_permission" "sns" {
  function_name = aws_lambda_function.api.function_name
  action        = "lambda:InvokeFunction"
  principal     = "sns.\${data.aws_partition.current.dns_suffix}"
}
resource "aws_lambda_permission" "scoped" {
  function_name = aws_lambda_function.api.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.r.arn
}
resource "aws_lambda_function_event_invoke_config" "cfg" {
  function_name = aws_lambda_function.api.function_name
  destination_config {
    on_failure {}
  }
}
resource "aws_s3_bucket_notification" "n" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.api.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "in/"
  }
}
`;
  const files = { 'infra/main.tf': main };
  const loaded = loadTerraformModule('infra', ['infra/main.tf'], { readFile: (p) => (files as Record<string, string>)[p], fileExists: (p) => p in files, listDir: () => [] });

  it('URLs (unqualified and alias), detached URL and mapping, permissions, redrive, storage, filters', async () => {
    const r = await loaded;
    const api = fn(r, 'aws_lambda_function.api');
    expect(api.functionUrls?.map((u) => [literal(u.authType), u.qualifier])).toEqual([
      ['AWS_IAM', 'live'],
      ['NONE', undefined],
    ]);
    expect(r.detachedFunctionUrls?.map((d) => d.functionRef)).toEqual(['arn:aws:lambda:us-east-1:123456789012:function:other']);
    expect(r.detachedTriggers?.map((d) => [d.trigger.kind, d.trigger.source?.queueId])).toEqual([['sqs', 'infra/main.tf#aws_sqs_queue.jobs']]);
    expect(r.permissions?.map((p) => [p.id, p.functionName, p.sourceArn !== undefined])).toEqual([
      ['infra/main.tf#aws_lambda_permission.sns', 'aws_lambda_function.api', false],
      ['infra/main.tf#aws_lambda_permission.scoped', 'aws_lambda_function.api', true],
    ]);
    expect(r.queues.map((q) => [q.name, q.redrivePolicy !== undefined])).toEqual([
      ['aws_sqs_queue.jobs', false],
      ['aws_sqs_queue.safe', true],
    ]);
    expect(literal(api.ephemeralStorageMb)).toBe(20480);
    expect(api.onFailureDestination).toBeUndefined();
    const s3 = api.triggers.find((t) => t.kind === 's3');
    expect(s3?.keyFilter?.map((f) => [f.name, literal(f.value)])).toEqual([['prefix', 'in/']]);
    // The partition-neutral SNS principal still names the SNS trigger.
    expect(api.triggers.map((t) => t.kind)).toContain('sns');
  });
});

describe('Serverless Framework', () => {
  it('ephemeralStorageSize, SNS redrivePolicy, eventBridge deadLetterQueueArn, S3 rules', () => {
    const text = `service: shop
provider:
  name: aws
  runtime: nodejs22.x
functions:
  worker:
    handler: src/worker.handler
    ephemeralStorageSize: 20000
    events:
      - sns:
          arn: arn:aws:sns:us-east-1:123456789012:orders
          redrivePolicy:
            deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq
      - eventBridge:
          pattern: { source: [shop] }
      - s3:
          bucket: uploads
          event: s3:ObjectCreated:*
          rules:
            - prefix: incoming/
`;
    const r = loadServerless('serverless.yml', text, memoryHost({ 'serverless.yml': text }));
    const worker = fn(r, 'worker');
    expect(literal(worker.ephemeralStorageMb)).toBe(20000);
    const [sns, eventBridge, s3] = worker.triggers;
    expect(literal(sns.deliveryDeadLetter)).toBe('arn:aws:sqs:us-east-1:123456789012:dlq');
    expect(eventBridge).toMatchObject({ kind: 'eventbridge', deliveryDeadLetterKnown: true });
    expect(eventBridge.deliveryDeadLetter).toBeUndefined();
    expect(s3.keyFilter?.map((f) => [f.name, literal(f.value)])).toEqual([['prefix', 'incoming/']]);
  });

  it('resources that name a function by its generated logical id (<Name>LambdaFunction) are linked to it', () => {
    const text = `service: shop
provider:
  name: aws
  runtime: nodejs22.x
functions:
  image-resize_v2:
    handler: src/resize.handler
  other:
    handler: src/other.handler
resources:
  Resources:
    S3Invoke:
      Type: AWS::Lambda::Permission
      Properties:
        Action: lambda:InvokeFunction
        FunctionName: !GetAtt ImageDashresizeUnderscorev2LambdaFunction.Arn
        Principal: s3.amazonaws.com
    SnsInvoke:
      Type: AWS::Lambda::Permission
      Properties:
        Action: lambda:InvokeFunction
        FunctionName:
          Fn::GetAtt: [OtherLambdaFunction, Arn]
        Principal: sns.amazonaws.com
        SourceArn: !Ref Orders
    EventsInvoke:
      Type: AWS::Lambda::Permission
      Properties:
        Action: lambda:InvokeFunction
        FunctionName: !Ref OtherLambdaFunction
        Principal: events.amazonaws.com
    Elsewhere:
      Type: AWS::Lambda::Permission
      Properties:
        FunctionName: !GetAtt ImageResizeLambdaFunction.Arn
        Principal: s3.amazonaws.com
    Orders:
      Type: AWS::SNS::Topic
    OrdersSubscription:
      Type: AWS::SNS::Subscription
      Properties:
        Protocol: lambda
        TopicArn: !Ref Orders
        Endpoint: !GetAtt OtherLambdaFunction.Arn
`;
    const r = loadServerless('serverless.yml', text, memoryHost({ 'serverless.yml': text }));
    expect(r.permissions?.map((p) => [p.id, p.functionName])).toEqual([
      ['serverless.yml#S3Invoke', 'image-resize_v2'],
      ['serverless.yml#SnsInvoke', 'other'],
      ['serverless.yml#EventsInvoke', 'other'],
      // Not one of ours (the normalized name keeps `-` as Dash): not linked.
      ['serverless.yml#Elsewhere', undefined],
    ]);
    expect(fn(r, 'image-resize_v2').triggers.map((t) => t.kind)).toEqual(['s3']);
    expect(fn(r, 'other').triggers).toMatchObject([{ kind: 'sns', deliveryDeadLetterKnown: true }, { kind: 'eventbridge' }]);
  });
});

describe('CDK', () => {
  it('ephemeralStorageSize and a queue deadLetterQueue', () => {
    const text = `import { App, Size, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
const stack = new Stack(new App(), 'S');
const dlq = new sqs.Queue(stack, 'Dlq');
const jobs = new sqs.Queue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
new lambda.Function(stack, 'Fn', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('lambda'),
  ephemeralStorageSize: Size.gibibytes(12),
});
`;
    const file = 'lib/stack.ts';
    const r = loadCdk(file, text, memoryHost({ 'cdk.json': '{}', [file]: text }));
    expect(literal(fn(r, 'Fn').ephemeralStorageMb)).toBe(12 * 1024);
    expect(r.queues.map((q) => [q.name, q.redrivePolicy !== undefined])).toEqual([
      ['Dlq', false],
      ['Jobs', true],
    ]);
  });
});
