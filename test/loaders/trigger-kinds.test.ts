/**
 * Every trigger kind every loader recognises, one case each, with the expected kind written here
 * (not read from the loaders' tables): dropping or changing an entry of a table fails a case.
 */
import { describe, expect, it } from 'vitest';
import { loadCdk } from '../../src/loaders/cdk.js';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { loadServerless } from '../../src/loaders/serverless.js';
import { loadTerraformModule } from '../../src/loaders/terraform.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { TriggerKind } from '../../src/model/index.js';
import { memoryHost } from './host.js';

function kindsOf(result: LoadResult, name: string): TriggerKind[] {
  expect(result.diagnostics.filter((d) => d.ruleId === 'internal-error')).toEqual([]);
  const fn = result.functions.find((f) => f.name === name);
  expect(fn, `function ${name} loaded`).toBeDefined();
  return fn!.triggers.map((t) => t.kind);
}

describe('serverless events', () => {
  const cases: Array<[string, string, TriggerKind]> = [
    ['http', '- http: { path: /x, method: get }', 'rest-api'],
    ['httpApi', '- httpApi: { path: /x, method: get }', 'http-api'],
    ['sqs', '- sqs: arn:aws:sqs:us-east-1:123456789012:jobs', 'sqs'],
    ['sns', '- sns: topic', 'sns'],
    ['s3', '- s3: { bucket: uploads, event: "s3:ObjectCreated:*" }', 's3'],
    ['schedule', '- schedule: rate(1 hour)', 'schedule'],
    ['eventBridge', '- eventBridge: { pattern: { source: [app] } }', 'eventbridge'],
    ['cloudwatchEvent', '- cloudwatchEvent: { event: { source: [app] } }', 'eventbridge'],
    ['cognitoUserPool', '- cognitoUserPool: { pool: users, trigger: PreSignUp }', 'cognito'],
    ['alb', '- alb: { listenerArn: arn, priority: 1, conditions: { path: /x } }', 'alb'],
    ['iot', "- iot: { sql: \"SELECT * FROM 'topic'\" }", 'iot'],
    ['DynamoDB stream', '- stream: { type: dynamodb, arn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1 }', 'dynamodb-stream'],
    ['Kinesis stream', '- stream: { type: kinesis, arn: arn:aws:kinesis:us-east-1:123456789012:stream/s }', 'kinesis'],
  ];
  it.each(cases)('%s', (_label, event, kind) => {
    const text = `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.handler\n    events:\n      ${event}\n`;
    expect(kindsOf(loadServerless('serverless.yml', text, memoryHost({ 'serverless.yml': text })), 'f')).toEqual([kind]);
  });
});

describe('SAM events', () => {
  const cases: Array<[string, string, TriggerKind]> = [
    ['Api', 'Path: /x\n            Method: get', 'rest-api'],
    ['HttpApi', 'Path: /x\n            Method: get', 'http-api'],
    ['SQS', 'Queue: arn:aws:sqs:us-east-1:123456789012:jobs', 'sqs'],
    ['SNS', 'Topic: arn:aws:sns:us-east-1:123456789012:t', 'sns'],
    ['S3', 'Bucket: !Ref Uploads\n            Events: s3:ObjectCreated:*', 's3'],
    ['DynamoDB', 'Stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1\n            StartingPosition: LATEST', 'dynamodb-stream'],
    ['Kinesis', 'Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s\n            StartingPosition: LATEST', 'kinesis'],
    ['Schedule', 'Schedule: rate(1 hour)', 'schedule'],
    ['ScheduleV2', 'ScheduleExpression: rate(1 hour)', 'schedule'],
    ['EventBridgeRule', 'Pattern: { source: [app] }', 'eventbridge'],
    ['CloudWatchEvent', 'Pattern: { source: [app] }', 'eventbridge'],
    ['Cognito', 'UserPool: !Ref Users\n            Trigger: PreSignUp', 'cognito'],
    ['IoTRule', "Sql: SELECT * FROM 'topic'", 'iot'],
  ];
  it.each(cases)('%s', (type, properties, kind) => {
    const text = `Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h.handler\n      Runtime: nodejs22.x\n      Events:\n        E:\n          Type: ${type}\n          Properties:\n            ${properties}\n`;
    expect(kindsOf(loadCloudFormation('template.yaml', text, memoryHost({})), 'F')).toEqual([kind]);
  });
});

describe('CloudFormation permissions', () => {
  const cases: Array<[string, TriggerKind]> = [
    ['s3.amazonaws.com', 's3'],
    ['sns.amazonaws.com', 'sns'],
    ['events.amazonaws.com', 'eventbridge'],
    ['scheduler.amazonaws.com', 'schedule'],
    ['iot.amazonaws.com', 'iot'],
    ['cognito-idp.amazonaws.com', 'cognito'],
    ['elasticloadbalancing.amazonaws.com', 'alb'],
  ];
  it.each(cases)('%s', (principal, kind) => {
    const text = `Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: h.handler\n      Runtime: nodejs22.x\n      Role: arn:aws:iam::123456789012:role/r\n      Code: { ZipFile: "exports.handler = async () => {}" }\n  P:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref F\n      Principal: ${principal}\n`;
    expect(kindsOf(loadCloudFormation('template.yaml', text, memoryHost({})), 'F')).toEqual([kind]);
  });
});

describe('Terraform permissions', () => {
  const cases: Array<[string, TriggerKind]> = [
    ['s3.amazonaws.com', 's3'],
    ['sns.amazonaws.com', 'sns'],
    ['events.amazonaws.com', 'eventbridge'],
    ['scheduler.amazonaws.com', 'schedule'],
    ['cognito-idp.amazonaws.com', 'cognito'],
    ['iot.amazonaws.com', 'iot'],
    ['elasticloadbalancing.amazonaws.com', 'alb'],
  ];
  it.each(cases)('%s', async (principal, kind) => {
    const main = `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  handler       = "h.handler"\n  runtime       = "nodejs22.x"\n  role          = "arn:aws:iam::123456789012:role/r"\n  filename      = "f.zip"\n}\n\nresource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.f.function_name\n  principal     = "${principal}"\n}\n`;
    const result = await loadTerraformModule('infra', ['infra/main.tf'], memoryHost({ 'infra/main.tf': main }));
    expect(kindsOf(result, 'aws_lambda_function.f')).toEqual([kind]);
  });
});

describe('CDK triggers', () => {
  const FILE = 'app/lib/stack.ts';
  const header = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as elbTargets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
export function build(scope: any, queue: any, table: any, stream: any, consumer: any, bucket: any, topic: any, rule: any, group: any, api: any, httpApi: any) {
  const fn = new lambda.Function(scope, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
`;
  const cases: Array<[string, string, TriggerKind]> = [
    ['SqsEventSource', 'fn.addEventSource(new sources.SqsEventSource(queue));', 'sqs'],
    ['DynamoEventSource', 'fn.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));', 'dynamodb-stream'],
    ['KinesisEventSource', 'fn.addEventSource(new sources.KinesisEventSource(stream, { startingPosition: lambda.StartingPosition.LATEST }));', 'kinesis'],
    ['KinesisConsumerEventSource', 'fn.addEventSource(new sources.KinesisConsumerEventSource(consumer, { startingPosition: lambda.StartingPosition.LATEST }));', 'kinesis'],
    ['SnsEventSource', 'fn.addEventSource(new sources.SnsEventSource(topic));', 'sns'],
    ['S3EventSource', 'fn.addEventSource(new sources.S3EventSource(bucket, { events: [] }));', 's3'],
    ['S3EventSourceV2', 'fn.addEventSource(new sources.S3EventSourceV2(bucket, { events: [] }));', 's3'],
    ['ApiEventSource', "fn.addEventSource(new sources.ApiEventSource('GET', '/x'));", 'rest-api'],
    ['LambdaIntegration', "api.root.addMethod('GET', new apigw.LambdaIntegration(fn));", 'rest-api'],
    ['HttpLambdaIntegration', "httpApi.addRoutes({ path: '/x', integration: new integrations.HttpLambdaIntegration('I', fn) });", 'http-api'],
    ['events LambdaFunction target', 'rule.addTarget(new targets.LambdaFunction(fn));', 'eventbridge'],
    ['scheduler LambdaInvoke target', "new (require('aws-cdk-lib/aws-scheduler').Schedule)(scope, 'S', { target: new schedulerTargets.LambdaInvoke(fn, {}) });", 'schedule'],
    ['ALB LambdaTarget', "group.addTarget(new elbTargets.LambdaTarget(fn));", 'alb'],
    ['LambdaSubscription', 'topic.addSubscription(new subs.LambdaSubscription(fn));', 'sns'],
    ['LambdaDestination', "bucket.addEventNotification('s3:ObjectCreated:*', new s3n.LambdaDestination(fn));", 's3'],
    ['FunctionUrl', 'fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });', 'function-url'],
    ['FunctionUrl construct', "new lambda.FunctionUrl(scope, 'U', { function: fn });", 'function-url'],
    ['LambdaRestApi', "new apigw.LambdaRestApi(scope, 'Api', { handler: fn });", 'rest-api'],
    ['TokenAuthorizer', "new apigw.TokenAuthorizer(scope, 'A', { handler: fn });", 'other'],
    ['RequestAuthorizer', "new apigw.RequestAuthorizer(scope, 'A', { handler: fn, identitySources: [] });", 'other'],
    ['WebSocketLambdaIntegration', "new integrations.WebSocketLambdaIntegration('I', fn);", 'other'],
    ['HttpLambdaAuthorizer', "new authorizers.HttpLambdaAuthorizer('A', fn);", 'other'],
    ['WebSocketLambdaAuthorizer', "new authorizers.WebSocketLambdaAuthorizer('A', fn);", 'other'],
    ['LambdaDataSource', "new appsync.LambdaDataSource(scope, 'Ds', { api, lambdaFunction: fn });", 'appsync'],
    ['addLambdaDataSource', "api.addLambdaDataSource('Ds', fn);", 'appsync'],
    ['EventSourceMapping construct', "new lambda.EventSourceMapping(scope, 'M', { target: fn, eventSourceArn: queue.queueArn });", 'sqs'],
    ['UserPool lambdaTriggers', "new cognito.UserPool(scope, 'P', { lambdaTriggers: { preSignUp: fn } });", 'cognito'],
    ['UserPool addTrigger', "new cognito.UserPool(scope, 'P').addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn);", 'cognito'],
    ['ManagedKafkaEventSource', "fn.addEventSource(new sources.ManagedKafkaEventSource({ clusterArn: 'arn', topic: 't', startingPosition: lambda.StartingPosition.LATEST }));", 'other'],
    ['SelfManagedKafkaEventSource', "fn.addEventSource(new sources.SelfManagedKafkaEventSource({ bootstrapServers: ['b:9092'], topic: 't', startingPosition: lambda.StartingPosition.LATEST }));", 'other'],
    ['an integration of an alias of a version', "new apigw.LambdaIntegration(new lambda.Alias(scope, 'Live', { aliasName: 'live', version: new lambda.Version(scope, 'V', { lambda: fn }) }));", 'rest-api'],
  ];
  it.each(cases)('%s', (_label, statement, kind) => {
    const text = `${header}  ${statement}\n}\n`;
    expect(kindsOf(loadCdk(FILE, text, memoryHost({ 'app/cdk.json': '{}', [FILE]: text })), 'Fn')).toEqual([kind]);
  });

  it.each([
    ['addTrigger of a construct that is not a user pool', "new apigw.RestApi(scope, 'R').addTrigger('x', fn);"],
    ['addTrigger of something unknown', "group.addTrigger('x', fn);"],
    ['a user pool without triggers', "new cognito.UserPool(scope, 'P', { selfSignUpEnabled: true });"],
    ['an authorizer whose handler is not a function of the file', "new apigw.TokenAuthorizer(scope, 'A', { handler: api.fn });"],
    ['a class of the CDK that invokes nothing', "new lambda.LayerVersion(scope, 'L', { code: lambda.Code.fromAsset('layer') });"],
  ])('%s is no trigger', (_label, statement) => {
    const text = `${header}  ${statement}\n}\n`;
    expect(kindsOf(loadCdk(FILE, text, memoryHost({ 'app/cdk.json': '{}', [FILE]: text })), 'Fn')).toEqual([]);
  });
});
