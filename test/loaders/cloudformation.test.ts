import { describe, expect, it } from 'vitest';
import { isCloudFormationTemplate, loadCloudFormation } from '../../src/loaders/cloudformation.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { Located } from '../../src/model/index.js';
import { FIXTURES, directoryHost, fn, memoryHost } from './host.js';
import { readFileSync } from 'node:fs';

function load(text: string, file = 'template.yaml', files: Record<string, string> = {}): LoadResult {
  return loadCloudFormation(file, text, memoryHost({ [file]: text, ...files }));
}

/** value@line:column, plus markers, for compact assertions. */
function at<T>(located: Located<T> | undefined): string {
  if (!located) return 'undefined';
  const value =
    typeof located.value === 'object' && located.value !== null && 'kind' in located.value
      ? `ref(${located.value.refType}${located.value.noEcho ? ',noEcho' : ''}: ${located.value.text})`
      : JSON.stringify(located.value);
  const marks = [located.isDefault ? 'default' : '', located.inheritedFrom ?? ''].filter(Boolean).join(',');
  return `${value}@${located.loc.line}:${located.loc.column}${marks ? ` ${marks}` : ''}`;
}

const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';

describe('isCloudFormationTemplate', () => {
  it.each([
    ['AWSTemplateFormatVersion', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'],
    ['SAM transform only', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n'],
    ['SAM transform in a list', 'Transform:\n  - AWS::LanguageExtensions\n  - AWS::Serverless-2016-10-31\n'],
    ['Resources with AWS types only', '# no version\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n'],
    ['JSON with version', '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {} }'],
    ['JSON resources only', '{\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue" } }\n}'],
  ])('recognises %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(true);
  });

  it.each([
    ['serverless.yml with a resources block', 'service: x\nprovider:\n  name: aws\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n'],
    ['serverless.json', '{ "service": "x", "provider": { "name": "aws" }, "resources": { "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } } }'],
    ['CodeDeploy appspec (Resources is a list)', 'version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\n'],
    ['package.json', '{ "name": "x", "version": "1.0.0" }'],
    ['Kubernetes manifest', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n'],
    ['OpenAPI document', 'openapi: 3.0.0\npaths:\n  /x:\n    get: {}\n'],
  ])('rejects %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(false);
  });
});

describe('loadCloudFormation: function properties', () => {
  it('reads the SAM function properties with exact locations', () => {
    const result = load(
      SAM +
        [
          'Resources:', // 3
          '  Api:', // 4
          '    Type: AWS::Serverless::Function', // 5
          '    Properties:', // 6
          '      CodeUri: src/api/', // 7
          '      Handler: app.handler', // 8
          '      Runtime: nodejs22.x', // 9
          '      MemorySize: 1769', // 10
          '      Timeout: 29', // 11
          '      Architectures: [arm64]', // 12
          '      Tracing: Active', // 13
          '      ReservedConcurrentExecutions: 50', // 14
          '      ProvisionedConcurrencyConfig:', // 15
          '        ProvisionedConcurrentExecutions: 2', // 16
          '      Layers:', // 17
          '        - arn:aws:lambda:eu-west-1:123456789012:layer:utils:3', // 18
          '        - !Ref PowertoolsLayer', // 19
          '      Environment:', // 20
          '        Variables:', // 21
          '          MODE: fast', // 22
          '          RETRIES: 3', // 23
        ].join('\n'),
    );
    const f = fn(result, 'Api');
    expect(f).toMatchObject({ id: 'template.yaml#Api', format: 'sam', source: { file: 'template.yaml', line: 4, column: 3 } });
    expect(at(f.runtime)).toBe('"nodejs22.x"@9:7');
    expect(at(f.handler)).toBe('"app.handler"@8:7');
    expect(f.code?.kind).toBe('dir');
    expect(at(f.code?.path)).toBe('"src/api"@7:7');
    expect(at(f.memorySize)).toBe('1769@10:7');
    expect(at(f.timeout)).toBe('29@11:7');
    expect(at(f.architecture)).toBe('"arm64"@12:7');
    expect(at(f.tracing)).toBe('"Active"@13:7');
    expect(at(f.reservedConcurrency)).toBe('50@14:7');
    expect(at(f.provisionedConcurrency)).toBe('2@16:9');
    expect(f.layers.map(at)).toEqual([
      '"arn:aws:lambda:eu-west-1:123456789012:layer:utils:3"@18:11',
      'ref(cfn-ref: !Ref PowertoolsLayer)@19:11',
    ]);
    expect(at(f.environment.MODE)).toBe('"fast"@22:11');
    expect(at(f.environment.RETRIES)).toBe('"3"@23:11');
    expect(f.environmentLoc).toMatchObject({ line: 20, column: 7 });
    expect(result.diagnostics).toEqual([]);
  });

  it('uses AWS defaults located at the function definition when nothing is set', () => {
    const result = load(SAM + 'Resources:\n  Bare:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: "exports.handler = async () => 1"\n      Handler: index.handler\n      Runtime: nodejs22.x\n');
    const f = fn(result, 'Bare');
    expect(at(f.timeout)).toBe('3@4:3 default');
    expect(at(f.memorySize)).toBe('128@4:3 default');
    expect(f.code).toMatchObject({ kind: 'inline', path: { value: 'template.yaml', loc: { line: 7 } } });
  });

  it('defaults SAM CodeUri to the template directory, as SAM CLI does', () => {
    const result = load(SAM + 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/app.handler\n', 'services/orders/template.yaml');
    expect(fn(result, 'F').code).toMatchObject({ kind: 'dir', path: { value: 'services/orders', isDefault: true, loc: { line: 4 } } });
  });

  it('merges SAM Globals.Function: function values win, inherited ones point at Globals', () => {
    const result = load(
      SAM +
        [
          'Globals:', // 3
          '  Function:', // 4
          '    Runtime: nodejs20.x', // 5
          '    Timeout: 100', // 6
          '    MemorySize: 256', // 7
          '    Layers: [arn:aws:lambda:eu-west-1:1:layer:base:1]', // 8
          '    Environment:', // 9
          '      Variables:', // 10
          '        TABLE: orders', // 11
          '        MODE: global', // 12
          'Resources:', // 13
          '  A:', // 14
          '    Type: AWS::Serverless::Function', // 15
          '    Properties:', // 16
          '      Handler: a.handler', // 17
          '      Timeout: 10', // 18
          '      Layers: [arn:aws:lambda:eu-west-1:1:layer:extra:2]', // 19
          '      Environment:', // 20
          '        Variables:', // 21
          '          MODE: own', // 22
          '  B:', // 23
          '    Type: AWS::Lambda::Function', // 24
          '    Properties:', // 25
          '      Handler: b.handler', // 26
          '      Runtime: python3.13', // 27
        ].join('\n'),
    );
    const a = fn(result, 'A');
    expect(at(a.timeout)).toBe('10@18:7');
    expect(at(a.runtime)).toBe('"nodejs20.x"@5:5 globals');
    expect(at(a.memorySize)).toBe('256@7:5 globals');
    expect(at(a.environment.TABLE)).toBe('"orders"@11:9 globals');
    expect(at(a.environment.MODE)).toBe('"own"@22:11');
    expect(a.layers.map(at)).toEqual([
      '"arn:aws:lambda:eu-west-1:1:layer:base:1"@8:14 globals',
      '"arn:aws:lambda:eu-west-1:1:layer:extra:2"@19:16',
    ]);
    // Globals apply to AWS::Serverless::Function only.
    const b = fn(result, 'B');
    expect(at(b.timeout)).toBe('3@23:3 default');
    expect(b.environment).toEqual({});
  });

  it('resolves !Ref to parameter defaults; NoEcho and default-less parameters stay references', () => {
    const result = load(
      SAM +
        [
          'Parameters:', // 3
          '  FnTimeout: { Type: Number, Default: 900 }', // 4
          '  Stage: { Type: String, Default: prod }', // 5
          '  DbPassword: { Type: String, NoEcho: true }', // 6
          '  ApiKey: { Type: String, NoEcho: "true", Default: dummy }', // 7
          '  Region: { Type: String }', // 8
          'Mappings:', // 9
          '  Sizes: { prod: { Memory: 2048 } }', // 10
          'Resources:', // 11
          '  F:', // 12
          '    Type: AWS::Serverless::Function', // 13
          '    Properties:', // 14
          '      Handler: index.handler', // 15
          '      Timeout: !Ref FnTimeout', // 16
          '      MemorySize: !FindInMap [Sizes, !Ref Stage, Memory]', // 17
          '      Environment:', // 18
          '        Variables:', // 19
          '          STAGE: !Ref Stage', // 20
          '          PREFIX: !Sub "/app/${Stage}/"', // 21
          '          PASSWORD: !Ref DbPassword', // 22
          '          API_KEY: !Ref ApiKey', // 23
          '          REGION: !Ref Region', // 24
          '          ACCOUNT: !Ref AWS::AccountId', // 25
          '          NAME: !Join ["-", [orders, !Ref Stage]]', // 26
          '          URL: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com"', // 27
          '          TOKEN: "{{resolve:ssm-secure:/app/token:1}}"', // 28
          '          SECRET: "{{resolve:secretsmanager:app/secret:SecretString:key}}"', // 29
          '          ARN: !GetAtt Queue.Arn', // 30
          '          IMPORTED: !ImportValue shared-table', // 31
          '          CHOSEN: !If [IsProd, a, b]', // 32
        ].join('\n'),
    );
    const f = fn(result, 'F');
    expect(at(f.timeout)).toBe('900@16:7');
    expect(at(f.memorySize)).toBe('2048@17:7');
    const env = Object.fromEntries(Object.entries(f.environment).map(([k, v]) => [k, at(v)]));
    expect(env).toEqual({
      STAGE: '"prod"@20:11',
      PREFIX: '"/app/prod/"@21:11',
      PASSWORD: 'ref(cfn-parameter,noEcho: !Ref DbPassword)@22:11',
      API_KEY: 'ref(cfn-parameter,noEcho: !Ref ApiKey)@23:11',
      REGION: 'ref(cfn-parameter: !Ref Region)@24:11',
      ACCOUNT: 'ref(cfn-ref: !Ref AWS::AccountId)@25:11',
      NAME: '"orders-prod"@26:11',
      URL: 'ref(cfn-sub: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com)@27:11',
      TOKEN: 'ref(ssm: {{resolve:ssm-secure:/app/token:1}})@28:11',
      SECRET: 'ref(secretsmanager: {{resolve:secretsmanager:app/secret:SecretString:key}})@29:11',
      ARN: 'ref(cfn-getatt: !GetAtt Queue.Arn)@30:11',
      IMPORTED: 'ref(cfn-import: !ImportValue shared-table)@31:11',
      CHOSEN: 'ref(cfn-intrinsic: !If [IsProd, a, b])@32:11',
    });
  });

  it('reads every code location form', () => {
    const result = load(
      SAM +
        [
          'Resources:', // 3
          '  S3Code:', // 4
          '    Type: AWS::Serverless::Function', // 5
          '    Properties:', // 6
          '      CodeUri: { Bucket: my-artifacts, Key: fn/v1.zip }', // 7
          '  ZipCode:', // 8
          '    Type: AWS::Serverless::Function', // 9
          '    Properties:', // 10
          '      CodeUri: ../build/fn.zip', // 11
          '  Image:', // 12
          '    Type: AWS::Serverless::Function', // 13
          '    Properties:', // 14
          '      PackageType: Image', // 15
          '      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest', // 16
          '  Docker:', // 17
          '    Type: AWS::Serverless::Function', // 18
          '    Metadata:', // 19
          '      DockerContext: ./image', // 20
          '      Dockerfile: Dockerfile', // 21
          '    Properties:', // 22
          '      PackageType: Image', // 23
          '  RawInline:', // 24
          '    Type: AWS::Lambda::Function', // 25
          '    Properties:', // 26
          '      Code:', // 27
          '        ZipFile: "exports.handler = async () => 1"', // 28
          '  RawS3:', // 29
          '    Type: AWS::Lambda::Function', // 30
          '    Properties:', // 31
          '      Code: { S3Bucket: artifacts, S3Key: raw.zip }', // 32
          '  RawImage:', // 33
          '    Type: AWS::Lambda::Function', // 34
          '    Properties:', // 35
          '      Code: { ImageUri: repo/fn:1 }', // 36
          '  RawLocal:', // 37
          '    Type: AWS::Lambda::Function', // 38
          '    Properties:', // 39
          '      Code: ./src/raw', // 40
        ].join('\n'),
      'app/template.yaml',
    );
    const code = (name: string) => {
      const f = fn(result, name);
      return `${f.code?.kind}:${at(f.code?.path)}${f.packageType ? ` ${f.packageType}` : ''}`;
    };
    expect(code('S3Code')).toBe('zip:"s3://my-artifacts/fn/v1.zip"@7:7');
    expect(code('ZipCode')).toBe('zip:"build/fn.zip"@11:7');
    expect(code('Image')).toBe('image:"123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest"@16:7 Image');
    expect(code('Docker')).toBe('image:"app/image"@20:7 Image');
    expect(code('RawInline')).toBe('inline:"app/template.yaml"@28:9');
    expect(code('RawS3')).toBe('zip:"s3://artifacts/raw.zip"@32:7');
    expect(code('RawImage')).toBe('image:"repo/fn:1"@36:15 Image');
    expect(code('RawLocal')).toBe('dir:"app/src/raw"@40:7');
  });

  it('reads CloudFormation tracing, DLQ and Metadata (ignore rules, esbuild)', () => {
    const result = load(
      [
        'AWSTemplateFormatVersion: "2010-09-09"', // 1
        'Resources:', // 2
        '  F:', // 3
        '    Type: AWS::Lambda::Function', // 4
        '    Metadata:', // 5
        '      BuildMethod: esbuild', // 6
        '      lambdalint:', // 7
        '        ignore:', // 8
        '          - no-max-timeout', // 9
        '          - { rule: log-retention, reason: shared log group }', // 10
        '    Properties:', // 11
        '      Handler: index.handler', // 12
        '      TracingConfig: { Mode: PassThrough }', // 13
        '      DeadLetterConfig:', // 14
        '        TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq', // 15
      ].join('\n'),
    );
    const f = fn(result, 'F');
    expect(f.format).toBe('cloudformation');
    expect(f.bundler).toBe('esbuild');
    expect(at(f.tracing)).toBe('"PassThrough"@13:24');
    expect(at(f.deadLetter)).toBe('"arn:aws:sqs:eu-west-1:123456789012:dlq"@14:7');
    expect(f.ignoredRules).toEqual([
      { rule: 'no-max-timeout', loc: { file: 'template.yaml', line: 9, column: 13 } },
      { rule: 'log-retention', reason: 'shared log group', loc: { file: 'template.yaml', line: 10, column: 13 } },
    ]);
  });
});

describe('loadCloudFormation: SAM events', () => {
  const template = SAM + [
    'Resources:', // 3
    '  Queue:', // 4
    '    Type: AWS::SQS::Queue', // 5
    '    Properties: { VisibilityTimeout: 120, FifoQueue: true }', // 6
    '  Table:', // 7
    '    Type: AWS::DynamoDB::Table', // 8
    '  F:', // 9
    '    Type: AWS::Serverless::Function', // 10
    '    Properties:', // 11
    '      Handler: index.handler', // 12
    '      Events:', // 13
    '        Rest:', // 14
    '          Type: Api', // 15
    '          Properties: { Path: /a, Method: get, TimeoutInMillis: 5000 }', // 16
    '        Http:', // 17
    '          Type: HttpApi', // 18
    '        Jobs:', // 19
    '          Type: SQS', // 20
    '          Properties:', // 21
    '            Queue: !GetAtt Queue.Arn', // 22
    '            BatchSize: 5', // 23
    '            FunctionResponseTypes: [ReportBatchItemFailures]', // 24
    '        External:', // 25
    '          Type: SQS', // 26
    '          Properties: { Queue: "arn:aws:sqs:eu-west-1:123456789012:other" }', // 27
    '        Topic:', // 28
    '          Type: SNS', // 29
    '          Properties: { Topic: !Ref AlertsTopic }', // 30
    '        Upload:', // 31
    '          Type: S3', // 32
    '          Properties: { Bucket: !Ref Bucket, Events: "s3:ObjectCreated:*" }', // 33
    '        Changes:', // 34
    '          Type: DynamoDB', // 35
    '          Properties:', // 36
    '            Stream: !GetAtt Table.StreamArn', // 37
    '            StartingPosition: LATEST', // 38
    '            DestinationConfig: { OnFailure: { Destination: !GetAtt Queue.Arn } }', // 39
    '        Clicks:', // 40
    '          Type: Kinesis', // 41
    '          Properties:', // 42
    '            Stream: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', // 43
    '            FunctionResponseTypes: [ReportBatchItemFailures]', // 44
    '            DestinationConfig:', // 45
    '              OnFailure:', // 46
    '                Destination: arn:aws:sqs:eu-west-1:123456789012:failed', // 47
    '        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }', // 48
    '        NightlyV2: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day) } }', // 49
    '        Rule: { Type: EventBridgeRule, Properties: { Pattern: { source: [x] } } }', // 50
    '        OldRule: { Type: CloudWatchEvent, Properties: { Pattern: { source: [x] } } }', // 51
    '        SignUp: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PreSignUp } }', // 52
    '        Device: { Type: IoTRule, Properties: { Sql: "SELECT * FROM t" } }', // 53
    '        Logs: { Type: CloudWatchLogs, Properties: { LogGroupName: x, FilterPattern: "" } }', // 54
    '        Broker: { Type: MQ, Properties: { Broker: x, Queues: [q] } }', // 55
    '        Fanout: { Type: SNS, Properties: { Topic: !Ref T, SqsSubscription: true } }', // 56
  ].join('\n');

  it('maps every event type to a trigger kind at the event line', () => {
    const f = fn(load(template), 'F');
    expect(f.triggers.map((t) => `${t.kind}@${t.loc.line}:${t.loc.column}`)).toEqual([
      'rest-api@14:9',
      'http-api@17:9',
      'sqs@19:9',
      'sqs@25:9',
      'sns@28:9',
      's3@31:9',
      'dynamodb-stream@34:9',
      'kinesis@40:9',
      'schedule@48:9',
      'schedule@49:9',
      'eventbridge@50:9',
      'eventbridge@51:9',
      'cognito@52:9',
      'iot@53:9',
      'other@54:9',
      'other@55:9',
      'sqs@56:9',
    ]);
  });

  it('keeps the attributes rules need', () => {
    const result = load(template);
    const [rest, , jobs, external, topic, upload, changes, clicks] = fn(result, 'F').triggers;
    expect(at(rest.integrationTimeoutMs)).toBe('5000@16:48');
    expect(jobs.source).toEqual({ ref: 'Queue', queueId: 'template.yaml#Queue' });
    expect(at(jobs.batchSize)).toBe('5@23:13');
    expect(at(jobs.functionResponseTypes)).toBe('["ReportBatchItemFailures"]@24:13');
    expect(external.source).toEqual({ ref: 'arn:aws:sqs:eu-west-1:123456789012:other' });
    expect(topic.source).toEqual({ ref: '!Ref AlertsTopic' });
    expect(upload.source).toEqual({ ref: '!Ref Bucket' });
    expect(changes.source).toEqual({ ref: 'Table' });
    expect(at(changes.onFailure)).toBe('ref(cfn-getatt: !GetAtt Queue.Arn)@39:47');
    expect(at(clicks.functionResponseTypes)).toBe('["ReportBatchItemFailures"]@44:13');
    expect(at(clicks.onFailure)).toBe('"arn:aws:sqs:eu-west-1:123456789012:failed"@47:17');
    expect(result.queues).toEqual([
      {
        id: 'template.yaml#Queue',
        name: 'Queue',
        source: { file: 'template.yaml', line: 4, column: 3 },
        visibilityTimeout: { value: 120, loc: { file: 'template.yaml', line: 6, column: 19, endLine: 6, endColumn: 41 } },
        fifo: true,
      },
    ]);
  });
});

describe('loadCloudFormation: resources that attach to functions', () => {
  it('event source mappings: function by Ref, GetAtt or name; source kind from what the ARN points at', () => {
    const result = load(
      [
        'Resources:', // 1
        '  Q:', // 2
        '    Type: AWS::SQS::Queue', // 3
        '  Stream:', // 4
        '    Type: AWS::Kinesis::Stream', // 5
        '  Table:', // 6
        '    Type: AWS::DynamoDB::Table', // 7
        '  Fn:', // 8
        '    Type: AWS::Lambda::Function', // 9
        '    Properties: { FunctionName: named-fn, Handler: index.handler, Runtime: nodejs22.x }', // 10
        '  ByRef:', // 11
        '    Type: AWS::Lambda::EventSourceMapping', // 12
        '    Properties:', // 13
        '      FunctionName: !Ref Fn', // 14
        '      EventSourceArn: !GetAtt Q.Arn', // 15
        '      BatchSize: 10', // 16
        '      FunctionResponseTypes: [ReportBatchItemFailures]', // 17
        '  ByGetAtt:', // 18
        '    Type: AWS::Lambda::EventSourceMapping', // 19
        '    Properties:', // 20
        '      FunctionName: !GetAtt Fn.Arn', // 21
        '      EventSourceArn: !GetAtt Stream.Arn', // 22
        '      StartingPosition: LATEST', // 23
        '      DestinationConfig: { OnFailure: { Destination: !GetAtt Q.Arn } }', // 24
        '  ByName:', // 25
        '    Type: AWS::Lambda::EventSourceMapping', // 26
        '    Properties:', // 27
        '      FunctionName: named-fn', // 28
        '      EventSourceArn: !GetAtt Table.StreamArn', // 29
        '      StartingPosition: TRIM_HORIZON', // 30
        '  ByArn:', // 31
        '    Type: AWS::Lambda::EventSourceMapping', // 32
        '    Properties:', // 33
        '      FunctionName: arn:aws:lambda:eu-west-1:123456789012:function:named-fn:live', // 34
        '      EventSourceArn: arn:aws:sqs:eu-west-1:123456789012:external', // 35
        '  Elsewhere:', // 36
        '    Type: AWS::Lambda::EventSourceMapping', // 37
        '    Properties:', // 38
        '      FunctionName: some-other-stack-fn', // 39
        '      EventSourceArn: !GetAtt Q.Arn', // 40
      ].join('\n'),
    );
    const triggers = fn(result, 'Fn').triggers;
    expect(triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['sqs@11', 'kinesis@18', 'dynamodb-stream@25', 'sqs@31']);
    expect(triggers[0].source).toEqual({ ref: 'Q', queueId: 'template.yaml#Q' });
    expect(at(triggers[0].batchSize)).toBe('10@16:7');
    expect(at(triggers[0].functionResponseTypes)).toBe('["ReportBatchItemFailures"]@17:7');
    expect(at(triggers[1].onFailure)).toBe('ref(cfn-getatt: !GetAtt Q.Arn)@24:41');
    expect(triggers[3].source).toEqual({ ref: 'arn:aws:sqs:eu-west-1:123456789012:external' });
    expect(at(result.queues[0].visibilityTimeout)).toBe('30@2:3 default');
  });

  it('function URLs, invoke configs, DLQs (SAM and CloudFormation forms)', () => {
    const result = load(
      SAM +
        [
          'Resources:', // 3
          '  Sam:', // 4
          '    Type: AWS::Serverless::Function', // 5
          '    Properties:', // 6
          '      Handler: index.handler', // 7
          '      FunctionUrlConfig:', // 8
          '        AuthType: AWS_IAM', // 9
          '      DeadLetterQueue: { Type: SNS, TargetArn: !Ref Alarm }', // 10
          '      EventInvokeConfig:', // 11
          '        DestinationConfig:', // 12
          '          OnFailure:', // 13
          '            Type: SQS', // 14
          '  Raw:', // 15
          '    Type: AWS::Lambda::Function', // 16
          '    Properties: { Handler: index.handler }', // 17
          '  RawUrl:', // 18
          '    Type: AWS::Lambda::Url', // 19
          '    Properties: { TargetFunctionArn: !GetAtt Raw.Arn, AuthType: NONE }', // 20
          '  RawInvoke:', // 21
          '    Type: AWS::Lambda::EventInvokeConfig', // 22
          '    Properties:', // 23
          '      FunctionName: !Ref Raw', // 24
          '      Qualifier: $LATEST', // 25
          '      DestinationConfig:', // 26
          '        OnFailure:', // 27
          '          Destination: arn:aws:sns:eu-west-1:123456789012:failures', // 28
        ].join('\n'),
    );
    const sam = fn(result, 'Sam');
    expect(at(sam.functionUrls?.[0]?.authType)).toBe('"AWS_IAM"@9:9');
    expect(sam.functionUrls?.[0]?.loc.line).toBe(8);
    expect(sam.triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['function-url@8']);
    expect(at(sam.deadLetter)).toBe('ref(cfn-ref: !Ref Alarm)@10:7');
    expect(at(sam.onFailureDestination)).toBe('"SQS"@13:11');
    const raw = fn(result, 'Raw');
    expect(at(raw.functionUrls?.[0]?.authType)).toBe('"NONE"@20:55');
    expect(raw.triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['function-url@18']);
    expect(at(raw.onFailureDestination)).toBe('"arn:aws:sns:eu-west-1:123456789012:failures"@28:11');
  });

  it('log groups: by !Sub /aws/lambda/${Fn}, by !Join, by literal name, and by LoggingConfig.LogGroup', () => {
    const result = load(
      SAM +
        [
          'Resources:', // 3
          '  A:', // 4
          '    Type: AWS::Serverless::Function', // 5
          '    Properties: { Handler: a.handler }', // 6
          '  ALogs:', // 7
          '    Type: AWS::Logs::LogGroup', // 8
          '    Properties:', // 9
          '      LogGroupName: !Sub /aws/lambda/${A}', // 10
          '      RetentionInDays: 14', // 11
          '  B:', // 12
          '    Type: AWS::Serverless::Function', // 13
          '    Properties: { Handler: b.handler }', // 14
          '  BLogs:', // 15
          '    Type: AWS::Logs::LogGroup', // 16
          '    Properties:', // 17
          '      LogGroupName: !Join ["", ["/aws/lambda/", !Ref B]]', // 18
          '      RetentionInDays: 30', // 19
          '  C:', // 20
          '    Type: AWS::Serverless::Function', // 21
          '    Properties: { Handler: c.handler, FunctionName: orders-c }', // 22
          '  CLogs:', // 23
          '    Type: AWS::Logs::LogGroup', // 24
          '    Properties: { LogGroupName: /aws/lambda/orders-c, RetentionInDays: 7 }', // 25
          '  D:', // 26
          '    Type: AWS::Serverless::Function', // 27
          '    Properties:', // 28
          '      Handler: d.handler', // 29
          '      LoggingConfig: { LogGroup: !Ref Shared, LogFormat: JSON }', // 30
          '  Shared:', // 31
          '    Type: AWS::Logs::LogGroup', // 32
          '    Properties: { LogGroupName: /shared/app, RetentionInDays: 90 }', // 33
          '  E:', // 34
          '    Type: AWS::Serverless::Function', // 35
          '    Properties:', // 36
          '      Handler: e.handler', // 37
          '      LoggingConfig: { LogGroup: /shared/app }', // 38
          '  NoRetention:', // 39
          '    Type: AWS::Serverless::Function', // 40
          '    Properties: { Handler: n.handler }', // 41
          '  NoRetentionLogs:', // 42
          '    Type: AWS::Logs::LogGroup', // 43
          '    Properties: { LogGroupName: !Sub "/aws/lambda/${NoRetention}" }', // 44
        ].join('\n'),
    );
    expect(at(fn(result, 'A').logRetentionDays)).toBe('14@11:7');
    expect(at(fn(result, 'B').logRetentionDays)).toBe('30@19:7');
    expect(at(fn(result, 'C').logRetentionDays)).toBe('7@25:55');
    expect(at(fn(result, 'D').logRetentionDays)).toBe('90@33:46');
    expect(at(fn(result, 'E').logRetentionDays)).toBe('90@33:46');
    expect(fn(result, 'NoRetention').logRetentionDays).toBeUndefined();
    expect(result.logGroups.map((g) => `${g.id}@${g.source.line} ${at(g.retentionDays)}`)).toEqual([
      'template.yaml#ALogs@7 14@11:7',
      'template.yaml#BLogs@15 30@19:7',
      'template.yaml#CLogs@23 7@25:55',
      'template.yaml#Shared@31 90@33:46',
      'template.yaml#NoRetentionLogs@42 undefined',
    ]);
  });

  it('API Gateway methods, HTTP API integrations and push sources attach triggers', () => {
    const result = load(
      [
        'AWSTemplateFormatVersion: "2010-09-09"', // 1
        'Resources:', // 2
        '  Fn:', // 3
        '    Type: AWS::Lambda::Function', // 4
        '    Properties: { Handler: index.handler }', // 5
        '  Method:', // 6
        '    Type: AWS::ApiGateway::Method', // 7
        '    Properties:', // 8
        '      HttpMethod: GET', // 9
        '      Integration:', // 10
        '        Type: AWS_PROXY', // 11
        '        TimeoutInMillis: 60000', // 12
        '        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations', // 13
        '  HttpApi:', // 14
        '    Type: AWS::ApiGatewayV2::Api', // 15
        '    Properties: { ProtocolType: HTTP, Name: x }', // 16
        '  HttpIntegration:', // 17
        '    Type: AWS::ApiGatewayV2::Integration', // 18
        '    Properties:', // 19
        '      ApiId: !Ref HttpApi', // 20
        '      IntegrationType: AWS_PROXY', // 21
        '      IntegrationUri: !GetAtt Fn.Arn', // 22
        '  Rule:', // 23
        '    Type: AWS::Events::Rule', // 24
        '    Properties: { ScheduleExpression: rate(5 minutes), Targets: [{ Id: t, Arn: !GetAtt Fn.Arn }] }', // 25
        '  Bucket:', // 26
        '    Type: AWS::S3::Bucket', // 27
        '    Properties:', // 28
        '      NotificationConfiguration:', // 29
        '        LambdaConfigurations: [{ Event: "s3:ObjectCreated:*", Function: !GetAtt Fn.Arn }]', // 30
        '  Sub:', // 31
        '    Type: AWS::SNS::Subscription', // 32
        '    Properties: { Protocol: lambda, TopicArn: !Ref T, Endpoint: !GetAtt Fn.Arn }', // 33
        '  Targets:', // 34
        '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', // 35
        '    Properties: { TargetType: lambda, Targets: [{ Id: !GetAtt Fn.Arn }] }', // 36
        '  Resolver:', // 37
        '    Type: AWS::AppSync::DataSource', // 38
        '    Properties: { Type: AWS_LAMBDA, LambdaConfig: { LambdaFunctionArn: !GetAtt Fn.Arn } }', // 39
        '  Version:', // 40
        '    Type: AWS::Lambda::Version', // 41
        '    Properties: { FunctionName: !Ref Fn }', // 42
        '  Cdn:', // 43
        '    Type: AWS::CloudFront::Distribution', // 44
        '    Properties:', // 45
        '      DistributionConfig:', // 46
        '        DefaultCacheBehavior:', // 47
        '          LambdaFunctionAssociations: [{ EventType: viewer-request, LambdaFunctionARN: !Ref Version }]', // 48
        '  Invoke:', // 49
        '    Type: AWS::Lambda::Permission', // 50
        '    Properties: { FunctionName: !Ref Fn, Principal: iot.amazonaws.com, Action: lambda:InvokeFunction }', // 51
      ].join('\n'),
    );
    const triggers = fn(result, 'Fn').triggers;
    expect(triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual([
      'rest-api@6',
      'http-api@17',
      'schedule@23',
      's3@26',
      'sns@31',
      'alb@34',
      'appsync@37',
      'other@43',
      'iot@49',
    ]);
    expect(at(triggers[0].integrationTimeoutMs)).toBe('60000@12:9');
    expect(triggers[7].edgeEventType).toBe('viewer-request');
  });
});

describe('loadCloudFormation: bad input', () => {
  it('binary template.yaml: one parse-error, nothing else, no throw', () => {
    const text = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]).toString('utf8');
    const result = load(text);
    expect(result.functions).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'template.yaml', line: 1, column: 1 } });
  });

  it('malformed template: one parse-error with the line, what parsed still loads', () => {
    const result = load(
      SAM + 'Resources:\n  Good:\n    Type: AWS::Serverless::Function\n    Properties: { Handler: a.handler }\n  Bad:\n    Type: AWS::Serverless::Function\n    Properties: { Handler: [b.handler }\n',
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].loc.line).toBe(9);
    expect(result.functions.map((f) => f.name)).toContain('Good');
  });

  it('malformed JSON template: one parse-error', () => {
    const result = load('{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function" \n  }\n', 'template.json');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'template.json' } });
  });

  it('conflicting duplicate keys are recorded (no-duplicate-key), not parse errors; the template still loads', () => {
    const result = load(SAM + 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 3\n      Timeout: 900\n      MemorySize: 256\n      MemorySize: 256\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.duplicateKeys?.map((d) => `${d.key} ${d.loc.line}:${d.loc.column} first ${d.firstLoc.line}`)).toEqual(['Timeout 8:7 first 7']);
    expect(at(fn(result, 'F').timeout)).toBe('900@8:7');
  });

  it('alias bomb: one parse-error, returns quickly', () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    let prev = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
      prev = name;
    }
    const result = load(`${SAM}${lines.join('\n')}\nResources: {}\n`);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toMatch(/alias/);
  });

  it('several documents: each is loaded as a template', () => {
    const doc = (name: string) => `${SAM}Resources:\n  ${name}:\n    Type: AWS::Serverless::Function\n    Properties: { Handler: x.handler }\n`;
    const result = load(`${doc('First')}---\n${doc('Second')}`);
    expect(result.functions.map((f) => `${f.id}@${f.source.line}`)).toEqual(['template.yaml#First@4', 'template.yaml#Second@11']);
  });

  it('odd shapes are read without a loader failure', () => {
    for (const text of [
      'Resources: [1, 2]',
      'Resources:\n  F: 3\n',
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: nope\n',
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events: [1]\n      Environment: { Variables: [a] }\n      Layers: 3\n',
      'Globals: 1\nResources:\n  F:\n    Type: AWS::Serverless::Function\n',
      'Parameters: [1]\nMappings: 2\nResources:\n  F:\n    Type: AWS::Lambda::Function\n',
      '- just\n- a list\n',
      '42',
    ]) {
      // The loader catches everything, so "does not throw" cannot fail: a caught bug would
      // surface as an internal-error diagnostic instead.
      const { diagnostics } = load(text);
      expect(diagnostics.filter((d) => d.ruleId === 'internal-error' || /cannot load/i.test(d.message))).toEqual([]);
    }
  });
});

describe('fixtures', () => {
  const loadFixture = (dir: string, file: string) => loadCloudFormation(file, readFileSync(`${FIXTURES}${dir}/${file}`, 'utf8'), directoryHost(`${FIXTURES}${dir}`));

  it('sam-app: every function with the lines that set what the rules check', () => {
    const result = loadFixture('sam-app', 'template.yaml');
    expect(result.diagnostics).toEqual([]);
    const summary = Object.fromEntries(result.functions.map((f) => [f.name, `timeout ${at(f.timeout)} | ${f.triggers.map((t) => `${t.kind}@${t.loc.line}`).join(',')}`]));
    expect(summary).toEqual({
      ListOrdersFunction: 'timeout 100@21:5 globals | http-api@50',
      CreateOrderFunction: 'timeout 10@62:7 | rest-api@64',
      ReportFunction: 'timeout 900@87:7 | http-api@90',
      ProcessOrderFunction: 'timeout 60@110:7 | sqs@112',
      LegacyExportFunction: 'timeout 30@127:7 | schedule@136',
      WebhookFunction: 'timeout 10@147:7 | function-url@148',
      ThumbnailFunction: 'timeout 20@160:7 | s3@162',
      AuditFunction: 'timeout 15@186:7 | eventbridge@200',
      StreamConsumerFunction: 'timeout 30@212:7 | dynamodb-stream@214',
    });
    expect(fn(result, 'ProcessOrderFunction').triggers[0].source).toEqual({ ref: 'OrdersQueue', queueId: 'template.yaml#OrdersQueue' });
    expect(result.queues.map((q) => `${q.id} ${at(q.visibilityTimeout)}`)).toEqual([
      'template.yaml#OrdersQueue 30@99:7',
      'template.yaml#OrdersDeadLetterQueue 30@101:3 default',
    ]);
    expect(at(fn(result, 'LegacyExportFunction').runtime)).toBe('"nodejs16.x"@126:7');
    expect(at(fn(result, 'LegacyExportFunction').environment.DB_PASSWORD)).toBe('"hunter2-prod-password"@133:11');
    expect(at(fn(result, 'AuditFunction').environment.DB_PASSWORD)).toBe('ref(cfn-parameter,noEcho: !Ref DbPassword)@191:11');
    expect(at(fn(result, 'WebhookFunction').functionUrls?.[0]?.authType)).toBe('"NONE"@149:9');
    expect(fn(result, 'ThumbnailFunction').deadLetter).toBeUndefined();
    expect(fn(result, 'ThumbnailFunction').onFailureDestination).toBeUndefined();
    expect(at(fn(result, 'CreateOrderFunction').logRetentionDays)).toBe('14@75:7');
    expect(at(fn(result, 'AuditFunction').logRetentionDays)).toBe('30@172:7');
    expect(fn(result, 'ListOrdersFunction').logRetentionDays).toBeUndefined();
    expect(fn(result, 'StreamConsumerFunction').triggers[0].onFailure).toBeUndefined();
    expect(fn(result, 'ReportFunction').bundler).toBe('esbuild');
    expect(fn(result, 'ListOrdersFunction').code?.path.value).toBe('src/orders');
  });

  it('cloudformation-app: a plain JSON template', () => {
    const result = loadFixture('cloudformation-app', 'template.json');
    expect(result.diagnostics).toEqual([]);
    const summary = Object.fromEntries(result.functions.map((f) => [f.name, `${f.format} timeout ${at(f.timeout)} | ${f.triggers.map((t) => `${t.kind}@${t.loc.line}`).join(',')}`]));
    expect(summary).toEqual({
      JobsApiFunction: 'cloudformation timeout 60@33:9 | rest-api@46',
      JobWorkerFunction: 'cloudformation timeout 45@83:9 | sqs@86',
      StatusPageFunction: 'cloudformation timeout 5@104:9 | function-url@107',
      NotifierFunction: 'cloudformation timeout 20@131:9 | sns@135',
      ClickCounterFunction: 'cloudformation timeout 30@155:9 | kinesis@159',
    });
    expect(at(fn(result, 'JobsApiFunction').triggers[0].integrationTimeoutMs)).toBe('29000@56:11');
    expect(fn(result, 'JobWorkerFunction').triggers[0].source).toEqual({ ref: 'JobsQueue', queueId: 'template.json#JobsQueue' });
    expect(at(result.queues[0].visibilityTimeout)).toBe('60@64:9');
    expect(at(fn(result, 'StatusPageFunction').functionUrls?.[0]?.authType)).toBe('"NONE"@111:9');
    expect(at(fn(result, 'StatusPageFunction').logRetentionDays)).toBe('7@118:9');
    expect(at(fn(result, 'NotifierFunction').memorySize)).toBe('128@124:5 default');
    expect(at(fn(result, 'ClickCounterFunction').runtime)).toBe('"nodejs18.x"@152:9');
    expect(at(fn(result, 'JobsApiFunction').environment.API_KEY)).toBe('ref(cfn-parameter,noEcho: !Ref ApiKey)@37:13');
    expect(fn(result, 'JobsApiFunction').code).toMatchObject({ kind: 'dir', path: { value: 'src/api' } });
  });
});

describe('loadCloudFormation: the template as a whole', () => {
  const formats = (text: string) => load(text).functions.map((f) => `${f.name}:${f.format}`);
  const raw = 'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Handler: a.handler }\n';

  it('the SAM transform as a string or in a list makes the functions sam; other transforms do not', () => {
    expect(formats(`Transform: AWS::Serverless-2016-10-31\n${raw}`)).toEqual(['F:sam']);
    expect(formats(`Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n${raw}`)).toEqual(['F:sam']);
    expect(formats(`Transform: [AWS::LanguageExtensions]\n${raw}`)).toEqual(['F:cloudformation']);
    expect(formats(`Transform: AWS::Include\n${raw}`)).toEqual(['F:cloudformation']);
    expect(formats(`Transform: { Name: AWS::Include }\n${raw}`)).toEqual(['F:cloudformation']);
    expect(formats(raw)).toEqual(['F:cloudformation']);
    // A SAM resource type without the transform still means SAM.
    expect(formats(`${raw}  Api:\n    Type: AWS::Serverless::Api\n`)).toEqual(['F:sam']);
  });

  it('resources without a map or a Type are skipped; a clean template has no duplicate keys, ignores or detached parts', () => {
    const result = load(`AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Loose: 3\n  Untyped: { Properties: { Handler: a.handler } }\n  ${raw.split('\n').slice(1).join('\n  ')}`);
    expect(result.functions.map((f) => f.id)).toEqual(['template.yaml#F']);
    expect(Object.keys(result).sort()).toEqual(['diagnostics', 'functions', 'logGroups', 'queues']);
  });

  it('the same logical id in two documents gets the document number; template ignores of both documents are kept', () => {
    const doc = (ignore: string) => `Metadata: { lambdalint: { ignore: [${ignore}] } }\n${raw}`;
    const result = load(`${doc('no-max-timeout')}---\n${doc('log-retention')}`);
    expect(result.functions.map((f) => `${f.id}@${f.source.line}`)).toEqual(['template.yaml#F@3', 'template.yaml#F@2@9']);
    expect(result.ignoredRules?.map((r) => `${r.rule}@${r.loc.line}`)).toEqual(['no-max-timeout@1', 'log-retention@7']);
  });

  it('permissions, detached triggers and URLs of several documents are all kept', () => {
    const doc = (n: number) =>
      `Resources:\n  P${n}:\n    Type: AWS::Lambda::Permission\n    Properties: { FunctionName: far-${n}, Principal: s3.amazonaws.com }\n  U${n}:\n    Type: AWS::Lambda::Url\n    Properties: { TargetFunctionArn: far-${n}, AuthType: NONE }\n  M${n}:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: { FunctionName: far-${n}, EventSourceArn: arn:aws:sqs:eu-west-1:1:q }\n`;
    const result = load(`${doc(1)}---\n${doc(2)}`);
    expect(result.permissions?.map((p) => p.functionRef)).toEqual(['far-1', 'far-2']);
    expect(result.detachedFunctionUrls?.map((d) => d.functionRef)).toEqual(['far-1', 'far-2']);
    expect(result.detachedTriggers?.map((d) => d.functionRef)).toEqual(['far-1', 'far-2']);
  });

  it('queues: redrive policy in every form, FIFO only when set, queue names and function names link by literal', () => {
    const result = load(
      [
        'Parameters:', // 1
        '  Prefix: { Type: String, Default: shop }', // 2
        '  Hidden: { Type: String, NoEcho: true, Default: x }', // 3
        'Resources:', // 4
        '  Object:', // 5
        '    Type: AWS::SQS::Queue', // 6
        '    Properties: { QueueName: !Sub "${Prefix}-jobs", RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 } }', // 7
        '  Json:', // 8
        '    Type: AWS::SQS::Queue', // 9
        '    Properties: { RedrivePolicy: \'{"maxReceiveCount": 3}\', FifoQueue: false }', // 10
        '  Conditional:', // 11
        '    Type: AWS::SQS::Queue', // 12
        '    Properties: { RedrivePolicy: !If [HasDlq, { deadLetterTargetArn: x }, !Ref AWS::NoValue] }', // 13
        '  NoTarget:', // 14
        '    Type: AWS::SQS::Queue', // 15
        '    Properties: { RedrivePolicy: { maxReceiveCount: 3 } }', // 16
        '  Empty:', // 17
        '    Type: AWS::SQS::Queue', // 18
        '    Properties: { RedrivePolicy: "", QueueName: !Ref Hidden }', // 19
        '  Tilde:', // 20
        '    Type: AWS::SQS::Queue', // 21
        '    Properties: { RedrivePolicy: ~ }', // 22
        '  Fn:', // 23
        '    Type: AWS::Lambda::Function', // 24
        '    Properties: { Handler: a.handler, FunctionName: !Sub "${Prefix}-worker" }', // 25
        '  Mapping:', // 26
        '    Type: AWS::Lambda::EventSourceMapping', // 27
        '    Properties: { FunctionName: shop-worker, EventSourceArn: "arn:aws:sqs:eu-west-1:1:shop-jobs" }', // 28
      ].join('\n'),
    );
    expect(result.queues.map((q) => [q.name, at(q.redrivePolicy), q.fifo])).toEqual([
      ['Object', 'ref(cfn-getatt: !GetAtt Dlq.Arn)@7:70', undefined],
      ['Json', '"{\\"maxReceiveCount\\": 3}"@10:19', false],
      ['Conditional', 'ref(cfn-intrinsic: !If [HasDlq, { deadLetterTargetArn: x }, !Ref AWS::NoValue])@13:19', undefined],
      ['NoTarget', '"configured"@16:19', undefined],
      ['Empty', 'undefined', undefined],
      ['Tilde', 'undefined', undefined],
    ]);
    expect(result.queues.map((q) => 'fifo' in q)).toEqual([false, true, false, false, false, false]);
    expect(fn(result, 'Fn').triggers.map((t) => [t.kind, t.loc.line, t.source])).toEqual([
      ['sqs', 26, { ref: 'arn:aws:sqs:eu-west-1:1:shop-jobs', queueId: 'template.yaml#Object' }],
    ]);
  });

  it('versions and aliases by Ref or GetAtt, SAM AutoPublishAlias from Globals: triggers through them reach the function', () => {
    const result = load(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Globals:', // 2
        '  Function: { AutoPublishAlias: live }', // 3
        'Resources:', // 4
        '  Fn:', // 5
        '    Type: AWS::Serverless::Function', // 6
        '    Properties: { Handler: a.handler }', // 7
        '  ByGetAtt:', // 8
        '    Type: AWS::Lambda::Alias', // 9
        '    Properties: { FunctionName: !GetAtt Fn.Arn, Name: x }', // 10
        '  ByRef:', // 11
        '    Type: AWS::Lambda::Version', // 12
        '    Properties: { FunctionName: !Ref Fn }', // 13
        '  ByName:', // 14
        '    Type: AWS::Lambda::Version', // 15
        '    Properties: { FunctionName: fn-name }', // 16
        '  Perm1: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref ByGetAtt, Principal: s3.amazonaws.com } }', // 17
        '  Perm2: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref ByRef, Principal: sns.amazonaws.com } }', // 18
        '  Perm3: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref FnAliaslive, Principal: iot.amazonaws.com } }', // 19
        '  Perm4: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref ByName, Principal: events.amazonaws.com } }', // 20
        '  ByGetAttString:', // 21
        '    Type: AWS::Lambda::Version', // 22
        '    Properties: { FunctionName: { "Fn::GetAtt": "Fn.Arn" } }', // 23
        '  Perm5: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref ByGetAttString, Principal: cognito-idp.amazonaws.com } }', // 24
        '  Raw:', // 25
        '    Type: AWS::Lambda::Function', // 26
        '    Properties: { Handler: r.handler }', // 27
        '  Perm6: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Ref RawAliaslive, Principal: s3.amazonaws.com } }', // 28
      ].join('\n'),
    );
    // Globals and AutoPublishAlias are SAM's: a plain function gets no generated alias.
    expect(fn(result, 'Raw').triggers).toEqual([]);
    expect(fn(result, 'Fn').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['s3@17', 'sns@18', 'iot@19', 'cognito@24']);
    expect(result.permissions?.map((p) => p.functionName ?? p.functionRef)).toEqual(['Fn', 'Fn', 'Fn', '!Ref ByName', 'Fn', '!Ref RawAliaslive']);
  });

  it('a template that builds more than the expansion budget gets one warning at the first refused value', () => {
    const join = `!Join ["", [${Array(100).fill('!Ref Big').join(', ')}]]`;
    const lines = [
      'Parameters:',
      `  Big: { Type: String, Default: ${'x'.repeat(10_000)} }`,
      'Resources:',
      '  F:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Handler: a.handler',
      '      Environment:',
      '        Variables:',
      ...Array.from({ length: 11 }, (_, i) => `          V${i}: ${join}`),
    ];
    const result = load(lines.join('\n'));
    expect(result.diagnostics).toEqual([
      {
        ruleId: 'parse-error',
        severity: 'warning',
        message: "Value expansion (Fn::Join) passed this file's budget of 10,000,000 characters: values built past it are unknown to the rules",
        loc: { file: 'template.yaml', line: 19, column: 15 },
      },
    ]);
    // V0 to V8 (9 MB) fit; V9, on line 19, would pass 10 MB.
    expect(fn(result, 'F').environment.V8.value).toHaveLength(1_000_000);
    expect(at(fn(result, 'F').environment.V9)).toMatch(/^ref\(cfn-intrinsic: !Join /);
  });

  it('parameters: NoEcho only when true; a parameter without Default stays a reference', () => {
    const result = load(
      [
        'Parameters:', // 1
        '  Open: { Type: String, NoEcho: false, Default: visible }', // 2
        '  Bare: { Type: String }', // 3
        'Resources:', // 4
        '  F:', // 5
        '    Type: AWS::Lambda::Function', // 6
        '    Properties:', // 7
        '      Handler: a.handler', // 8
        '      Environment: { Variables: { OPEN: !Ref Open, BARE: !Ref Bare } }', // 9
      ].join('\n'),
    );
    const env = fn(result, 'F').environment;
    expect(at(env.OPEN)).toBe('"visible"@9:35');
    expect(at(env.BARE)).toBe('ref(cfn-parameter: !Ref Bare)@9:52');
  });
});
