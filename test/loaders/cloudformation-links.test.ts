/**
 * Resources that attach to a function from outside it (src/loaders/cloudformation/links.ts):
 * mappings, URLs, invoke configs, log groups, API integrations (methods, inline OpenAPI), push
 * sources and permissions. Each case pins the trigger kind, its line and the fields rules read.
 */
import { describe, expect, it } from 'vitest';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { Located, Trigger } from '../../src/model/index.js';
import { fn, memoryHost } from './host.js';

function load(text: string): LoadResult {
  return loadCloudFormation('template.yaml', text, memoryHost({ 'template.yaml': text }));
}

/** value@line:column. */
function at<T>(located: Located<T> | undefined): string {
  if (!located) return 'undefined';
  const value =
    typeof located.value === 'object' && located.value !== null && 'kind' in located.value
      ? `ref(${located.value.refType}: ${located.value.text})`
      : JSON.stringify(located.value);
  return `${value}@${located.loc.line}:${located.loc.column}`;
}

/** A trigger with its located fields as `value@line:column` and its loc as a line. */
const shape = (t: Trigger) =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, k === 'loc' ? t.loc.line : v && typeof v === 'object' && 'loc' in v ? at(v as Located<unknown>) : v]));

const FN = '  Fn: { Type: AWS::Lambda::Function, Properties: { Handler: index.handler, FunctionName: named-fn } }';
/** A template whose line 3 is the `Fn` function and whose further lines start at 5. */
const template = (...lines: string[]) => load(['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', FN, '  # the case:', ...lines].join('\n'));

describe('API integrations', () => {
  it('RestApi and HttpApi with an inline OpenAPI Body link each operation to its function, with timeoutInMillis', () => {
    const result = template(
      '  Rest:', // 5
      '    Type: AWS::ApiGateway::RestApi', // 6
      '    Properties:', // 7
      '      Body:', // 8
      '        openapi: 3.0.1', // 9
      '        paths:', // 10
      '          /orders:', // 11
      '            get:', // 12
      '              x-amazon-apigateway-integration:', // 13
      '                type: aws_proxy', // 14
      '                timeoutInMillis: 12000', // 15
      '                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations', // 16
      '            post:', // 17
      '              x-amazon-apigateway-integration: { type: http_proxy, uri: https://example.com }', // 18
      '          /bad: 3', // 19
      '  Http:', // 20
      '    Type: AWS::ApiGatewayV2::Api', // 21
      '    Properties:', // 22
      '      Body:', // 23
      '        paths:', // 24
      '          /items:', // 25
      '            get:', // 26
      '              x-amazon-apigateway-integration: { uri: !GetAtt Fn.Arn, payloadFormatVersion: "2.0" }', // 27
      '  NoPaths:', // 28
      '    Type: AWS::ApiGateway::RestApi', // 29
      '    Properties: { Body: { paths: [] } }', // 30
      '  WrongKey:', // 31
      '    Type: AWS::ApiGateway::RestApi', // 32
      '    Properties: { DefinitionBody: { paths: { /x: { get: { x-amazon-apigateway-integration: { uri: !GetAtt Fn.Arn } } } } } }', // 33
    );
    expect(fn(result, 'Fn').triggers.map(shape)).toStrictEqual([
      { kind: 'rest-api', loc: 12, integrationTimeoutMs: '12000@15:17' },
      { kind: 'http-api', loc: 26 },
    ]);
  });

  it('SAM Api/HttpApi DefinitionBody: a function with its own event of that kind gets no second trigger', () => {
    const result = load(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Resources:', // 2
        '  Own:', // 3
        '    Type: AWS::Serverless::Function', // 4
        '    Properties:', // 5
        '      Handler: a.handler', // 6
        '      Events: { Get: { Type: Api, Properties: { Path: /a, Method: get, RestApiId: !Ref Rest } } }', // 7
        '  Other:', // 8
        '    Type: AWS::Serverless::Function', // 9
        '    Properties: { Handler: b.handler }', // 10
        '  Rest:', // 11
        '    Type: AWS::Serverless::Api', // 12
        '    Properties:', // 13
        '      DefinitionBody:', // 14
        '        paths:', // 15
        '          /a:', // 16
        '            get: { x-amazon-apigateway-integration: { uri: !Sub "${Own.Arn}" } }', // 17
        '            put: { x-amazon-apigateway-integration: { uri: !Sub "${Other.Arn}" } }', // 18
        '  HttpDef:', // 19
        '    Type: AWS::Serverless::HttpApi', // 20
        '    Properties:', // 21
        '      Body: { paths: { /h: { get: { x-amazon-apigateway-integration: { uri: !GetAtt Own.Arn } } } } }', // 22
        '      DefinitionBody:', // 23
        '        paths:', // 24
        '          /h:', // 25
        '            get: { x-amazon-apigateway-integration: { uri: !GetAtt Own.Arn } }', // 26
      ].join('\n'),
    );
    expect(fn(result, 'Own').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['rest-api@7', 'http-api@26']);
    expect(fn(result, 'Other').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['rest-api@18']);
  });

  it('Method without a function, V2 integrations on a SAM HttpApi, a WebSocket API and an unknown API', () => {
    const result = template(
      '  Method:', // 5
      '    Type: AWS::ApiGateway::Method', // 6
      '    Properties: { Integration: { Type: HTTP_PROXY, Uri: https://example.com } }', // 7
      '  SamHttp:', // 8
      '    Type: AWS::Serverless::HttpApi', // 9
      '  ToSam:', // 10
      '    Type: AWS::ApiGatewayV2::Integration', // 11
      '    Properties: { ApiId: !Ref SamHttp, IntegrationUri: !GetAtt Fn.Arn, TimeoutInMillis: 9000 }', // 12
      '  Ws:', // 13
      '    Type: AWS::ApiGatewayV2::Api', // 14
      '    Properties: { ProtocolType: WEBSOCKET }', // 15
      '  ToWs:', // 16
      '    Type: AWS::ApiGatewayV2::Integration', // 17
      '    Properties: { ApiId: !Ref Ws, IntegrationUri: !GetAtt Fn.Arn }', // 18
      '  ToImported:', // 19
      '    Type: AWS::ApiGatewayV2::Integration', // 20
      '    Properties: { ApiId: !ImportValue api, IntegrationUri: !GetAtt Fn.Arn }', // 21
      '  ToNothing:', // 22
      '    Type: AWS::ApiGatewayV2::Integration', // 23
      '    Properties: { ApiId: !Ref Ws, IntegrationUri: https://example.com }', // 24
    );
    expect(fn(result, 'Fn').triggers.map(shape)).toStrictEqual([
      { kind: 'http-api', loc: 10, integrationTimeoutMs: '9000@12:72' },
      { kind: 'other', loc: 16 },
      { kind: 'other', loc: 19 },
    ]);
  });
});

describe('push sources', () => {
  it('rules, schedules, topics, buckets, target groups, IoT, Cognito, AppSync and CloudFront: kinds, lines and fields', () => {
    const result = template(
      '  Rule:', // 5
      '    Type: AWS::Events::Rule', // 6
      '    Properties:', // 7
      '      EventPattern: { source: [shop] }', // 8
      '      Targets:', // 9
      '        - { Id: a, Arn: !GetAtt Fn.Arn, DeadLetterConfig: { Arn: arn:aws:sqs:eu-west-1:1:rule-dlq } }', // 10
      '        - { Id: b, Arn: !GetAtt Other.Arn }', // 11
      '  Scheduler:', // 12
      '    Type: AWS::Scheduler::Schedule', // 13
      '    Properties: { ScheduleExpression: rate(1 hour), Target: { Arn: !GetAtt Fn.Arn, RoleArn: r } }', // 14
      '  SqsSub:', // 15
      '    Type: AWS::SNS::Subscription', // 16
      '    Properties: { Protocol: sqs, Endpoint: !GetAtt Fn.Arn }', // 17
      '  LambdaSub:', // 18
      '    Type: AWS::SNS::Subscription', // 19
      '    Properties:', // 20
      '      Protocol: lambda', // 21
      '      Endpoint: !GetAtt Fn.Arn', // 22
      '      RedrivePolicy: \'{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:1:sub-dlq"}\'', // 23
      '  Topic:', // 24
      '    Type: AWS::SNS::Topic', // 25
      '    Properties:', // 26
      '      Subscription:', // 27
      '        - { Protocol: sqs, Endpoint: !GetAtt Fn.Arn }', // 28
      '        - { Protocol: lambda, Endpoint: !GetAtt Fn.Arn }', // 29
      '  Bucket:', // 30
      '    Type: AWS::S3::Bucket', // 31
      '    Properties:', // 32
      '      NotificationConfiguration:', // 33
      '        LambdaConfigurations:', // 34
      '          - Event: s3:ObjectCreated:*', // 35
      '            Function: !GetAtt Fn.Arn', // 36
      '            Filter: { S3Key: { Rules: [{ Name: Suffix, Value: .csv }] } }', // 37
      '  Instances:', // 38
      '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', // 39
      '    Properties: { TargetType: instance, Targets: [{ Id: !GetAtt Fn.Arn }] }', // 40
      '  Lambdas:', // 41
      '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', // 42
      '    Properties: { TargetType: lambda, Targets: { Id: !GetAtt Fn.Arn } }', // 43
      '  Iot:', // 44
      '    Type: AWS::IoT::TopicRule', // 45
      '    Properties: { TopicRulePayload: { Sql: x, Actions: [{ Lambda: { FunctionArn: !GetAtt Fn.Arn } }, { Sns: {} }] } }', // 46
      '  Pool:', // 47
      '    Type: AWS::Cognito::UserPool', // 48
      '    Properties: { LambdaConfig: { PreSignUp: !GetAtt Fn.Arn, PostConfirmation: !GetAtt Fn.Arn } }', // 49
      '  Graph:', // 50
      '    Type: AWS::Serverless::GraphQLApi', // 51
      '    Properties: { DataSources: { Lambda: { Resolver: { FunctionArn: !GetAtt Fn.Arn } } } }', // 52
      '  Cdn:', // 53
      '    Type: AWS::CloudFront::Distribution', // 54
      '    Properties:', // 55
      '      DistributionConfig:', // 56
      '        DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: !Ref Version }] }', // 57
      '        CacheBehaviors:', // 58
      '          - LambdaFunctionAssociations: { EventType: origin-response, LambdaFunctionARN: !Ref Version }', // 59
      '  Version:', // 60
      '    Type: AWS::Lambda::Version', // 61
      '    Properties: { FunctionName: !GetAtt [Fn, Arn] }', // 62
      '  NoLambdaSources:', // 63
      '    Type: AWS::Serverless::GraphQLApi', // 64
      '    Properties: { DataSources: { DynamoDb: { Orders: { TableName: t } } } }', // 65
      '  NoTriggers:', // 66
      '    Type: AWS::Cognito::UserPool', // 67
      '    Properties: { UserPoolName: p }', // 68
    );
    expect(fn(result, 'Fn').triggers.map(shape)).toStrictEqual([
      { kind: 'eventbridge', loc: 5, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"arn:aws:sqs:eu-west-1:1:rule-dlq"@10:61' },
      { kind: 'schedule', loc: 12 },
      { kind: 'sns', loc: 18, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"{\\"deadLetterTargetArn\\": \\"arn:aws:sqs:eu-west-1:1:sub-dlq\\"}"@23:7' },
      { kind: 'sns', loc: 24 },
      { kind: 's3', loc: 30, source: { ref: 'Bucket' }, s3Events: ['s3:ObjectCreated:*'], keyFilter: [{ name: 'suffix', value: { value: '.csv', loc: { file: 'template.yaml', line: 37, column: 56, endLine: 37, endColumn: 67 } } }] },
      { kind: 'alb', loc: 41 },
      { kind: 'iot', loc: 44 },
      { kind: 'cognito', loc: 47 },
      { kind: 'cognito', loc: 47 },
      { kind: 'appsync', loc: 50 },
      { kind: 'other', loc: 53 },
      { kind: 'other', loc: 53, edgeEventType: 'origin-response' },
    ]);
    expect(result.detachedTriggers).toBeUndefined();
  });

  it('a rule with ScheduleExpression is a schedule; dead letters of rule targets and subscriptions in every form', () => {
    const result = template(
      '  Cron:', // 5
      '    Type: AWS::Events::Rule', // 6
      '    Properties:', // 7
      '      ScheduleExpression: rate(1 day)', // 8
      '      Targets: { Id: a, Arn: !GetAtt Fn.Arn, DeadLetterConfig: !If [HasDlq, { Arn: x }, !Ref AWS::NoValue] }', // 9
      '  EmptyRedrive:', // 10
      '    Type: AWS::SNS::Subscription', // 11
      '    Properties: { Protocol: lambda, Endpoint: named-fn, RedrivePolicy: "  " }', // 12
      '  MapRedrive:', // 13
      '    Type: AWS::SNS::Subscription', // 14
      '    Properties: { Protocol: lambda, Endpoint: named-fn, RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn } }', // 15
      '  NoArn:', // 16
      '    Type: AWS::SNS::Subscription', // 17
      '    Properties: { Protocol: lambda, Endpoint: named-fn, RedrivePolicy: { maxReceiveCount: 3 } }', // 18
    );
    expect(fn(result, 'Fn').triggers.map(shape)).toStrictEqual([
      { kind: 'schedule', loc: 5, deliveryDeadLetterKnown: true, deliveryDeadLetter: 'ref(cfn-intrinsic: !If [HasDlq, { Arn: x }, !Ref AWS::NoValue])@9:46' },
      { kind: 'sns', loc: 10, deliveryDeadLetterKnown: true },
      { kind: 'sns', loc: 13, deliveryDeadLetterKnown: true, deliveryDeadLetter: 'ref(cfn-getatt: !GetAtt Dlq.Arn)@15:74' },
      { kind: 'sns', loc: 16, deliveryDeadLetterKnown: true },
    ]);
  });

  it('rule targets and subscriptions that are Lambda ARNs outside the template are detached; other ARNs are dropped', () => {
    const result = template(
      '  Rule:', // 5
      '    Type: AWS::Events::Rule', // 6
      '    Properties:', // 7
      '      EventPattern: { source: [shop] }', // 8
      '      Targets:', // 9
      '        - { Id: a, Arn: "arn:aws-cn:lambda:cn-north-1:1:function:far", DeadLetterConfig: { Arn: arn:aws:sqs:eu-west-1:1:d } }', // 10
      '        - { Id: b, Arn: "x-arn:aws:lambda:eu-west-1:1:function:far" }', // 11
      '  Sub:', // 12
      '    Type: AWS::SNS::Subscription', // 13
      '    Properties: { Protocol: lambda, Endpoint: "arn:aws:lambda:eu-west-1:1:function:far:live" }', // 14
    );
    expect(fn(result, 'Fn').triggers).toEqual([]);
    expect(result.detachedTriggers?.map((d) => ({ ...d, trigger: shape(d.trigger) }))).toStrictEqual([
      {
        functionRef: 'arn:aws-cn:lambda:cn-north-1:1:function:far',
        format: 'cloudformation',
        trigger: { kind: 'eventbridge', loc: 5, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"arn:aws:sqs:eu-west-1:1:d"@10:92' },
      },
      { functionRef: 'arn:aws:lambda:eu-west-1:1:function:far:live', format: 'cloudformation', trigger: { kind: 'sns', loc: 12, deliveryDeadLetterKnown: true } },
    ]);
  });
});

describe('mappings, URLs and invoke configs', () => {
  it('a mapping is linked through an alias, a qualified ARN and a SAM alias; one outside the template is detached as written', () => {
    const result = load(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Resources:', // 2
        '  Fn:', // 3
        '    Type: AWS::Serverless::Function', // 4
        '    Properties: { Handler: a.handler, FunctionName: named-fn, AutoPublishAlias: live }', // 5
        '  Live:', // 6
        '    Type: AWS::Lambda::Alias', // 7
        '    Properties: { FunctionName: !Ref Fn, Name: live2 }', // 8
        '  ByAlias:', // 9
        '    Type: AWS::Lambda::EventSourceMapping', // 10
        '    Properties: { FunctionName: !Ref Live, EventSourceArn: arn:aws:sqs:eu-west-1:1:a }', // 11
        '  ByQualifiedArn:', // 12
        '    Type: AWS::Lambda::EventSourceMapping', // 13
        '    Properties: { FunctionName: "arn:aws:lambda:eu-west-1:1:function:named-fn:live", EventSourceArn: arn:aws:sqs:eu-west-1:1:b }', // 14
        '  BySamAlias:', // 15
        '    Type: AWS::Lambda::EventSourceMapping', // 16
        '    Properties: { FunctionName: !Ref FnAliaslive, EventSourceArn: arn:aws:sqs:eu-west-1:1:c }', // 17
        '  Imported:', // 18
        '    Type: AWS::Lambda::EventSourceMapping', // 19
        '    Properties:', // 20
        '      FunctionName: !ImportValue worker-arn', // 21
        '      EventSourceArn: !GetAtt Stream.Arn', // 22
        '      StartingPosition: LATEST', // 23
        '      BatchSize: 50', // 24
        '      DestinationConfig: { OnFailure: { Destination: arn:aws:sqs:eu-west-1:1:f } }', // 25
        '  NoFunction:', // 26
        '    Type: AWS::Lambda::EventSourceMapping', // 27
        '    Properties: { EventSourceArn: arn:aws:sqs:eu-west-1:1:d }', // 28
      ].join('\n'),
    );
    expect(fn(result, 'Fn').triggers.map(shape)).toStrictEqual([
      { kind: 'sqs', loc: 9, source: { ref: 'arn:aws:sqs:eu-west-1:1:a' } },
      { kind: 'sqs', loc: 12, source: { ref: 'arn:aws:sqs:eu-west-1:1:b' } },
      { kind: 'sqs', loc: 15, source: { ref: 'arn:aws:sqs:eu-west-1:1:c' } },
    ]);
    expect(result.detachedTriggers?.map((d) => ({ ...d, trigger: shape(d.trigger) }))).toStrictEqual([
      {
        functionRef: '!ImportValue worker-arn',
        format: 'sam',
        trigger: { kind: 'other', loc: 18, source: { ref: '!GetAtt Stream.Arn' }, batchSize: '50@24:7', onFailure: '"arn:aws:sqs:eu-west-1:1:f"@25:41' },
      },
      { functionRef: '', format: 'sam', trigger: { kind: 'sqs', loc: 26, source: { ref: 'arn:aws:sqs:eu-west-1:1:d' } } },
    ]);
  });

  it('URLs: qualifier literal or reference, AuthType missing stays unknown, a URL outside the template is detached', () => {
    const result = template(
      '  Unqualified:', // 5
      '    Type: AWS::Lambda::Url', // 6
      '    Properties: { TargetFunctionArn: !GetAtt Fn.Arn }', // 7
      '  Alias:', // 8
      '    Type: AWS::Lambda::Url', // 9
      '    Properties: { TargetFunctionArn: named-fn, Qualifier: live, AuthType: AWS_IAM }', // 10
      '  ByParam:', // 11
      '    Type: AWS::Lambda::Url', // 12
      '    Properties: { TargetFunctionArn: !Ref Fn, Qualifier: !Ref Stage, AuthType: NONE }', // 13
      '  Elsewhere:', // 14
      '    Type: AWS::Lambda::Url', // 15
      '    Properties: { TargetFunctionArn: other-fn, AuthType: NONE }', // 16
    );
    const f = fn(result, 'Fn');
    expect(f.functionUrls?.map((u) => ({ ...u, authType: at(u.authType), loc: u.loc.line }))).toStrictEqual([
      { authType: 'ref(unknown: AWS::Lambda::Url without AuthType)@5:3', loc: 5 },
      { authType: '"AWS_IAM"@10:65', loc: 8, qualifier: 'live' },
      { authType: '"NONE"@13:70', loc: 11, qualifier: '!Ref Stage' },
    ]);
    expect(f.triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['function-url@5', 'function-url@8', 'function-url@11']);
    expect(result.detachedFunctionUrls?.map((d) => [d.functionRef, d.format, at(d.url.authType), d.url.loc.line, d.url.qualifier])).toEqual([
      ['other-fn', 'cloudformation', '"NONE"@16:48', 14, undefined],
    ]);
  });

  it('invoke configs: no destination leaves the function alone; a config for another function changes nothing', () => {
    const result = template(
      '  Empty:', // 5
      '    Type: AWS::Lambda::EventInvokeConfig', // 6
      '    Properties: { FunctionName: !Ref Fn, MaximumRetryAttempts: 0 }', // 7
      '  Foreign:', // 8
      '    Type: AWS::Lambda::EventInvokeConfig', // 9
      '    Properties: { FunctionName: other, DestinationConfig: { OnFailure: { Destination: arn:aws:sqs:eu-west-1:1:x } } }', // 10
    );
    expect(fn(result, 'Fn').onFailureDestination).toBeUndefined();
    expect(result.detachedTriggers).toBeUndefined();
  });
});

describe('log groups', () => {
  it('only /aws/lambda/ names link; LoggingConfig from SAM Globals; a group outside the template is an unknown retention', () => {
    const result = load(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Globals:', // 2
        '  Function:', // 3
        '    LoggingConfig: { LogGroup: /shared/external }', // 4
        'Resources:', // 5
        '  A:', // 6
        '    Type: AWS::Serverless::Function', // 7
        '    Properties: { Handler: a.handler, FunctionName: a-fn }', // 8
        '  NotLambda:', // 9
        '    Type: AWS::Logs::LogGroup', // 10
        '    Properties: { LogGroupName: /ecs/a-fn, RetentionInDays: 1 }', // 11
        '  SubNoPrefix:', // 12
        '    Type: AWS::Logs::LogGroup', // 13
        '    Properties: { LogGroupName: !Sub "/custom/${B}", RetentionInDays: 3 }', // 14
        '  SubAttribute:', // 15
        '    Type: AWS::Logs::LogGroup', // 16
        '    Properties: { LogGroupName: !Sub "/aws/lambda/${B.Arn}", RetentionInDays: 5 }', // 17
        '  Nested:', // 18
        '    Type: AWS::Logs::LogGroup', // 19
        '    Properties: { LogGroupName: /custom/aws/lambda/b-fn, RetentionInDays: 9 }', // 20
        '  ALogs:', // 21
        '    Type: AWS::Logs::LogGroup', // 22
        '    Properties: { LogGroupName: /aws/lambda/a-fn, RetentionInDays: 14 }', // 23
        '  ALogsAgain:', // 24
        '    Type: AWS::Logs::LogGroup', // 25
        '    Properties: { LogGroupName: !Sub "/aws/lambda/${A}" }', // 26
        '  B:', // 27
        '    Type: AWS::Serverless::Function', // 28
        '    Properties: { Handler: b.handler, FunctionName: b-fn }', // 29
        '  Raw:', // 30
        '    Type: AWS::Lambda::Function', // 31
        '    Properties: { Handler: r.handler }', // 32
        '  Own:', // 33
        '    Type: AWS::Lambda::Function', // 34
        '    Properties: { Handler: o.handler, LoggingConfig: { LogGroup: !ImportValue shared-logs } }', // 35
        '  RefOutside:', // 36
        '    Type: AWS::Lambda::Function', // 37
        '    Properties: { Handler: o.handler, LoggingConfig: { LogGroup: !Ref NotLambda } }', // 38
        '  Unnamed:', // 39
        '    Type: AWS::Logs::LogGroup', // 40
        '    Properties: { RetentionInDays: 1 }', // 41
        '  RawLogGroup:', // 42
        '    Type: AWS::Logs::LogGroup', // 43
        '    Properties: { RetentionInDays: 2 }', // 44
        '  RawLambdaFunction:', // 45
        '    Type: AWS::Lambda::Function', // 46
        '    Properties: { Handler: r.handler }', // 47
      ].join('\n'),
    );
    // A group without retention does not erase the one another group gave; Globals do not override either.
    expect(at(fn(result, 'A').logRetentionDays)).toBe('14@23:51');
    // None of the groups naming B is its /aws/lambda/ group (prefix, attribute, nested path): Globals decide.
    expect(at(fn(result, 'B').logRetentionDays)).toBe('ref(unknown: /shared/external)@4:22');
    // Globals apply to SAM functions only.
    expect(fn(result, 'Raw').logRetentionDays).toBeUndefined();
    expect(at(fn(result, 'Own').logRetentionDays)).toBe('ref(unknown: LoggingConfig.LogGroup)@35:56');
    expect(at(fn(result, 'RefOutside').logRetentionDays)).toBe('1@11:44');
    // `<Fn>LogGroup` names the group of `<Fn>LambdaFunction` in serverless only.
    expect(fn(result, 'RawLambdaFunction').logRetentionDays).toBeUndefined();
    expect(result.logGroups.map((g) => g.name)).toContain('Unnamed');
  });
});

describe('permissions', () => {
  it('every field, principal forms, and a trigger only when the function has none of that family', () => {
    const result = template(
      '  Rule:', // 5
      '    Type: AWS::Events::Rule', // 6
      '    Properties: { ScheduleExpression: rate(1 day), Targets: [{ Id: a, Arn: !GetAtt Fn.Arn }] }', // 7
      '  FromEvents:', // 8
      '    Type: AWS::Lambda::Permission', // 9
      '    Properties: { FunctionName: !Ref Fn, Principal: events.amazonaws.com, SourceArn: !GetAtt Rule.Arn, SourceAccount: "123456789012" }', // 10
      '  FromSns:', // 11
      '    Type: AWS::Lambda::Permission', // 12
      '    Properties:', // 13
      '      FunctionName: named-fn', // 14
      '      Principal: !Join [., [sns, !Ref AWS::URLSuffix]]', // 15
      '  FromSnsAgain:', // 16
      '    Type: AWS::Lambda::Permission', // 17
      '    Properties: { FunctionName: "arn:aws:lambda:eu-west-1:1:function:named-fn:live", Principal: sns.amazonaws.com }', // 18
      '  Public:', // 19
      '    Type: AWS::Lambda::Permission', // 20
      '    Properties: { FunctionName: !Ref Fn, Principal: "*", PrincipalOrgID: o-abc, FunctionUrlAuthType: NONE, Action: lambda:InvokeFunctionUrl }', // 21
      '  NoPrincipal:', // 22
      '    Type: AWS::Lambda::Permission', // 23
      '    Properties: { FunctionName: !ImportValue far }', // 24
      '  Computed:', // 25
      '    Type: AWS::Lambda::Permission', // 26
      '    Properties: { FunctionName: !Ref Fn, Principal: !Join ["", [!Ref Service, .amazonaws.com]] }', // 27
      '  SubOther:', // 28
      '    Type: AWS::Lambda::Permission', // 29
      '    Properties: { FunctionName: !Ref Fn, Principal: !Sub "${Account}" }', // 30
      '  PolicyShape:', // 31
      '    Type: AWS::Lambda::Permission', // 32
      '    Properties: { FunctionName: !Ref Fn, Principal: { Service: sns.amazonaws.com } }', // 33
      '  Api:', // 34
      '    Type: AWS::Lambda::Permission', // 35
      '    Properties: { FunctionName: !Ref Fn, Principal: apigateway.amazonaws.com }', // 36
    );
    const permissions = result.permissions?.map((p) => {
      const { id, format, loc, principal, functionRef, ...rest } = p;
      return [id, format, loc.line, at(principal), functionRef, Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'object' ? at(v) : v]))];
    });
    expect(permissions).toStrictEqual([
      ['template.yaml#FromEvents', 'cloudformation', 8, '"events.amazonaws.com"@10:42', 'Fn', { functionName: 'Fn', sourceArn: 'ref(cfn-getatt: !GetAtt Rule.Arn)@10:75', sourceAccount: '"123456789012"@10:104' }],
      ['template.yaml#FromSns', 'cloudformation', 11, '"sns.${AWS::URLSuffix}"@15:7', 'Fn', { functionName: 'Fn' }],
      ['template.yaml#FromSnsAgain', 'cloudformation', 16, '"sns.amazonaws.com"@18:86', 'Fn', { functionName: 'Fn' }],
      ['template.yaml#Public', 'cloudformation', 19, '"*"@21:42', 'Fn', { functionName: 'Fn', principalOrgId: '"o-abc"@21:58', functionUrlAuthType: '"NONE"@21:81' }],
      ['template.yaml#NoPrincipal', 'cloudformation', 22, 'ref(unknown: Principal (missing))@22:3', '!ImportValue far', {}],
      ['template.yaml#Computed', 'cloudformation', 25, 'ref(cfn-intrinsic: !Join [, [!Ref Service, .amazonaws.com]])@27:42', 'Fn', { functionName: 'Fn' }],
      ['template.yaml#SubOther', 'cloudformation', 28, 'ref(cfn-sub: !Sub ${Account})@30:42', 'Fn', { functionName: 'Fn' }],
      ['template.yaml#PolicyShape', 'cloudformation', 31, 'ref(unknown: { Service: sns.amazonaws.com })@33:42', 'Fn', { functionName: 'Fn' }],
      ['template.yaml#Api', 'cloudformation', 34, '"apigateway.amazonaws.com"@36:42', 'Fn', { functionName: 'Fn' }],
    ]);
    // The rule already is a schedule (events family); the first SNS permission adds sns, the second not again.
    expect(fn(result, 'Fn').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['schedule@5', 'sns@11']);
  });

  it('a scheduler permission on a function with an EventBridge rule adds nothing; an S3 one adds s3', () => {
    const result = template(
      '  Rule:', // 5
      '    Type: AWS::Events::Rule', // 6
      '    Properties: { EventPattern: {}, Targets: [{ Id: a, Arn: !GetAtt Fn.Arn }] }', // 7
      '  Scheduler:', // 8
      '    Type: AWS::Lambda::Permission', // 9
      '    Properties: { FunctionName: !Ref Fn, Principal: scheduler.amazonaws.com }', // 10
      '  Bucket:', // 11
      '    Type: AWS::Lambda::Permission', // 12
      '    Properties: { FunctionName: !Ref Fn, Principal: s3.amazonaws.com }', // 13
    );
    expect(fn(result, 'Fn').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['eventbridge@5', 's3@11']);
  });
});
