/**
 * One function resource -> one `LambdaFunction` (src/loaders/cloudformation/functions.ts): every
 * property, where Globals apply, the code location forms, and each SAM event's attributes, pinned
 * to exact values and lines so that a changed branch fails a test.
 */
import { describe, expect, it } from 'vitest';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { Located, Trigger } from '../../src/model/index.js';
import { fn, memoryHost } from './host.js';

function load(text: string, file = 'template.yaml'): LoadResult {
  return loadCloudFormation(file, text, memoryHost({ [file]: text }));
}

/** value@line:column, plus markers. */
function at<T>(located: Located<T> | undefined): string {
  if (!located) return 'undefined';
  const value =
    typeof located.value === 'object' && located.value !== null && 'kind' in located.value
      ? `ref(${located.value.refType}: ${located.value.text})`
      : JSON.stringify(located.value);
  const marks = [located.isDefault ? 'default' : '', located.inheritedFrom ?? ''].filter(Boolean).join(',');
  return `${value}@${located.loc.line}:${located.loc.column}${marks ? ` ${marks}` : ''}`;
}

const SAM = 'Transform: AWS::Serverless-2016-10-31\n';
/** Lines of a SAM template after the transform line (line 2 is the first). */
const sam = (...lines: string[]) => load(SAM + lines.join('\n'));

describe('properties and Globals', () => {
  it('Globals: architecture, storage, concurrency, DLQ, invoke config, URL and code inherit with the globals marker', () => {
    const result = sam(
      'Globals:', // 2
      '  Function:', // 3
      '    Architectures: [arm64]', // 4
      '    EphemeralStorage: { Size: 2048 }', // 5
      '    ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 }', // 6
      '    ReservedConcurrentExecutions: 7', // 7
      '    DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:1:dlq }', // 8
      '    EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: SNS } } }', // 9
      '    FunctionUrlConfig: { AuthType: AWS_IAM }', // 10
      '    CodeUri: src/', // 11
      '    Tracing: Active', // 12
      'Resources:', // 13
      '  F:', // 14
      '    Type: AWS::Serverless::Function', // 15
      '    Properties: { Handler: a.handler }', // 16
    );
    const f = fn(result, 'F');
    expect(at(f.architecture)).toBe('"arm64"@4:5 globals');
    expect(at(f.ephemeralStorageMb)).toBe('2048@5:25 globals');
    expect(at(f.provisionedConcurrency)).toBe('3@6:37 globals');
    expect(at(f.reservedConcurrency)).toBe('7@7:5 globals');
    expect(at(f.deadLetter)).toBe('"arn:aws:sqs:eu-west-1:1:dlq"@8:5 globals');
    expect(at(f.onFailureDestination)).toBe('"SNS"@9:47 globals');
    expect(at(f.functionUrls?.[0]?.authType)).toBe('"AWS_IAM"@10:26 globals');
    expect(f.functionUrls?.[0]?.loc.line).toBe(10);
    expect(f.triggers).toEqual([{ kind: 'function-url', loc: f.functionUrls?.[0]?.loc }]);
    expect(f.code?.kind).toBe('dir');
    expect(at(f.code?.path)).toBe('"src"@11:5 globals');
    expect(at(f.tracing)).toBe('"Active"@12:5 globals');
  });

  it('own values: ephemeral storage, a scalar architecture and a scalar Layers reference', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Handler: a.handler', // 6
      '      Architectures: x86_64', // 7
      '      EphemeralStorage: { Size: 10240 }', // 8
      '      Layers: !Ref LayerArns', // 9
    );
    const f = fn(result, 'F');
    expect(at(f.architecture)).toBe('"x86_64"@7:7');
    expect(at(f.ephemeralStorageMb)).toBe('10240@8:27');
    expect(f.layers.map(at)).toEqual(['ref(cfn-ref: !Ref LayerArns)@9:15']);
  });

  it('absent or empty values leave the optional fields unset', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Handler: a.handler', // 6
      '      Architectures: []', // 7
      '      EphemeralStorage: {}', // 8
      '      ProvisionedConcurrencyConfig: {}', // 9
      '      DeadLetterQueue: { Type: SQS }', // 10
      '      EventInvokeConfig: { MaximumRetryAttempts: 0 }', // 11
      '      Environment: { Variables: ~ }', // 12
    );
    const f = fn(result, 'F');
    expect(Object.keys(f).sort()).toEqual(
      ['code', 'environment', 'environmentLoc', 'format', 'handler', 'id', 'layers', 'memorySize', 'name', 'source', 'timeout', 'triggers'].sort(),
    );
    expect(f.environmentLoc?.line).toBe(12);
  });

  it('Globals do not apply to AWS::Lambda::Function, and SAM-only properties are not read on it', () => {
    const result = load(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Globals:', // 2
        '  Function:', // 3
        '    Architectures: [arm64]', // 4
        '    EphemeralStorage: { Size: 2048 }', // 5
        '    Tracing: Active', // 6
        '    DeadLetterQueue: { TargetArn: arn:aws:sqs:eu-west-1:1:dlq }', // 7
        'Resources:', // 8
        '  Raw:', // 9
        '    Type: AWS::Lambda::Function', // 10
        '    Properties:', // 11
        '      Handler: a.handler', // 12
        '      Tracing: Active', // 13
        '      DeadLetterQueue: { TargetArn: arn:aws:sqs:eu-west-1:1:ignored }', // 14
        '      FunctionUrlConfig: { AuthType: NONE }', // 15
        '      EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: SQS } } }', // 16
        '      Events: { Q: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:1:q } } }', // 17
        '      CodeUri: src/', // 18
      ].join('\n'),
    );
    const raw = fn(result, 'Raw');
    expect(raw.format).toBe('sam');
    expect(raw.architecture).toBeUndefined();
    expect(raw.ephemeralStorageMb).toBeUndefined();
    expect(raw.tracing).toBeUndefined();
    expect(raw.deadLetter).toBeUndefined();
    expect(raw.functionUrls).toBeUndefined();
    expect(raw.onFailureDestination).toBeUndefined();
    expect(raw.triggers).toEqual([]);
    expect(raw.code).toBeUndefined();
  });

  it('environment: own Environment moves environmentLoc; an intrinsic Variables makes names unknown, a null one does not', () => {
    const result = sam(
      'Globals:', // 2
      '  Function:', // 3
      '    Environment:', // 4
      '      Variables: { A: "1" }', // 5
      'Resources:', // 6
      '  Own:', // 7
      '    Type: AWS::Serverless::Function', // 8
      '    Properties:', // 9
      '      Environment:', // 10
      '        Variables: { B: ~ }', // 11
      '  Unknown:', // 12
      '    Type: AWS::Serverless::Function', // 13
      '    Properties:', // 14
      '      Environment:', // 15
      '        Variables: !If [IsProd, { A: x }, { A: y }]', // 16
      '  Ref:', // 17
      '    Type: AWS::Serverless::Function', // 18
      '    Properties: { Environment: { Variables: !Ref Vars } }', // 19
      '  Empty:', // 20
      '    Type: AWS::Serverless::Function', // 21
      '    Properties:', // 22
      '      Environment:', // 23
      '        Variables:', // 24
    );
    const own = fn(result, 'Own');
    expect(own.environmentLoc?.line).toBe(10);
    expect(Object.fromEntries(Object.entries(own.environment).map(([k, v]) => [k, at(v)]))).toEqual({ A: '"1"@5:20 globals', B: '""@11:22' });
    expect(own.environmentUnknown).toBeUndefined();
    expect(fn(result, 'Unknown').environmentUnknown).toBe(true);
    // The intrinsic's key is not a variable: only the inherited one is known.
    expect(Object.keys(fn(result, 'Unknown').environment)).toEqual(['A']);
    expect(fn(result, 'Ref').environmentUnknown).toBe(true);
    expect(Object.keys(fn(result, 'Ref').environment)).toEqual(['A']);
    expect(fn(result, 'Empty').environmentUnknown).toBeUndefined();
    expect(fn(result, 'Empty').environmentLoc?.line).toBe(23);
  });
});

describe('code locations', () => {
  const code = (result: LoadResult, name: string) => {
    const f = fn(result, name);
    return `${f.code?.kind}:${at(f.code?.path)}${f.packageType ? ` ${f.packageType}` : ''}`;
  };

  it('SAM: InlineCode wins over ImageUri and CodeUri; ImageUri over CodeUri; PackageType Zip kept, others dropped', () => {
    const result = sam(
      'Resources:', // 2
      '  Inline:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties: { InlineCode: x, ImageUri: repo/img:1, CodeUri: src/ }', // 5
      '  Image:', // 6
      '    Type: AWS::Serverless::Function', // 7
      '    Properties: { ImageUri: repo/img:1, CodeUri: src/, PackageType: Zip }', // 8
      '  Odd:', // 9
      '    Type: AWS::Serverless::Function', // 10
      '    Properties: { CodeUri: src/, PackageType: Tarball }', // 11
      '  NoDocker:', // 12
      '    Type: AWS::Serverless::Function', // 13
      '    Properties: { PackageType: Image }', // 14
      '  EmptyDocker:', // 15
      '    Type: AWS::Serverless::Function', // 16
      '    Metadata: { DockerContext: "" }', // 17
      '    Properties: { PackageType: Image }', // 18
    );
    expect(code(result, 'Inline')).toBe('inline:"template.yaml"@5:19');
    expect(code(result, 'Image')).toBe('image:"repo/img:1"@8:19 Zip');
    expect(code(result, 'Odd')).toBe('dir:"src"@11:19');
    expect(code(result, 'NoDocker')).toBe('undefined:undefined Image');
    expect(code(result, 'EmptyDocker')).toBe('undefined:undefined Image');
  });

  it('CodeUri forms: S3 map with one part, s3:// in any case, .zip/.jar in any case, a reference, a scheme that is not s3', () => {
    const result = sam(
      'Parameters:', // 2
      '  Bucket: { Type: String }', // 3
      'Resources:', // 4
      '  BucketOnly:', // 5
      '    Type: AWS::Serverless::Function', // 6
      '    Properties: { CodeUri: { Bucket: !Ref Bucket } }', // 7
      '  KeyOnly:', // 8
      '    Type: AWS::Serverless::Function', // 9
      '    Properties: { CodeUri: { Key: fn.zip } }', // 10
      '  UpperS3:', // 11
      '    Type: AWS::Serverless::Function', // 12
      '    Properties: { CodeUri: S3://bucket/fn }', // 13
      '  Jar:', // 14
      '    Type: AWS::Serverless::Function', // 15
      '    Properties: { CodeUri: build/app.JAR }', // 16
      '  JarSources:', // 17
      '    Type: AWS::Serverless::Function', // 18
      '    Properties: { CodeUri: build/app.jar-src }', // 19
      '  Ref:', // 20
      '    Type: AWS::Serverless::Function', // 21
      '    Properties: { CodeUri: !Ref CodePath }', // 22
      '  OtherScheme:', // 23
      '    Type: AWS::Serverless::Function', // 24
      '    Properties: { CodeUri: "cache-s3://bucket/fn" }', // 25
      '  NotAMap:', // 26
      '    Type: AWS::Serverless::Function', // 27
      '    Properties: { CodeUri: { Path: x } }', // 28
    );
    expect(code(result, 'BucketOnly')).toBe('zip:"s3://?/?"@7:19');
    expect(code(result, 'KeyOnly')).toBe('zip:"s3://?/fn.zip"@10:19');
    expect(code(result, 'UpperS3')).toBe('zip:"S3://bucket/fn"@13:19');
    expect(code(result, 'Jar')).toBe('zip:"build/app.JAR"@16:19');
    expect(code(result, 'JarSources')).toBe('dir:"build/app.jar-src"@19:19');
    expect(code(result, 'Ref')).toBe('dir:ref(cfn-ref: !Ref CodePath)@22:19');
    expect(code(result, 'OtherScheme')).toBe('dir:"cache-s3://bucket/fn"@25:19');
    // A map that is neither an S3 location nor a value: SAM CLI's default, the template's directory.
    expect(code(result, 'NotAMap')).toBe('dir:"."@26:3 default');
  });

  it('AWS::Lambda::Function Code: ZipFile wins over ImageUri and S3Key; an unresolved bucket is "?"; no S3Key, no code', () => {
    const result = load(
      [
        'Resources:', // 1
        '  Zip:', // 2
        '    Type: AWS::Lambda::Function', // 3
        '    Properties: { Code: { ZipFile: x, ImageUri: repo/img:1, S3Key: k.zip } }', // 4
        '  Image:', // 5
        '    Type: AWS::Lambda::Function', // 6
        '    Properties: { Code: { ImageUri: repo/img:1, S3Key: k.zip }, PackageType: Zip }', // 7
        '  Unresolved:', // 8
        '    Type: AWS::Lambda::Function', // 9
        '    Properties: { Code: { S3Bucket: !ImportValue artifacts, S3Key: !Ref Key } }', // 10
        '  BucketOnly:', // 11
        '    Type: AWS::Lambda::Function', // 12
        '    Properties: { Code: { S3Bucket: b } }', // 13
        '  None:', // 14
        '    Type: AWS::Lambda::Function', // 15
        '    Properties: { Handler: a.handler }', // 16
      ].join('\n'),
      'app/template.yaml',
    );
    expect(code(result, 'Zip')).toBe('inline:"app/template.yaml"@4:27');
    expect(code(result, 'Image')).toBe('image:"repo/img:1"@7:27 Zip');
    expect(code(result, 'Unresolved')).toBe('zip:"s3://?/?"@10:19');
    expect(fn(result, 'BucketOnly').code).toBeUndefined();
    expect(fn(result, 'None').code).toBeUndefined();
    expect(fn(result, 'None').packageType).toBeUndefined();
  });
});

describe('Metadata: esbuild entry points and ignore lists', () => {
  it('EntryPoints are kept for a directory CodeUri only, and only when the list is not empty', () => {
    const result = sam(
      'Resources:', // 2
      '  Dir:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Metadata:', // 5
      '      BuildMethod: esbuild', // 6
      '      BuildProperties:', // 7
      '        EntryPoints: [app.ts, worker.ts]', // 8
      '    Properties: { CodeUri: src/, Handler: app.handler }', // 9
      '  Zip:', // 10
      '    Type: AWS::Serverless::Function', // 11
      '    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [app.ts] } }', // 12
      '    Properties: { CodeUri: s3://bucket/fn.zip, Handler: app.handler }', // 13
      '  NoEntries:', // 14
      '    Type: AWS::Serverless::Function', // 15
      '    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [] } }', // 16
      '    Properties: { CodeUri: src/, Handler: app.handler }', // 17
      '  Makefile:', // 18
      '    Type: AWS::Serverless::Function', // 19
      '    Metadata: { BuildMethod: makefile, BuildProperties: { EntryPoints: [app.ts] } }', // 20
      '    Properties: { CodeUri: src/, Handler: app.handler }', // 21
    );
    const dir = fn(result, 'Dir');
    expect(dir.bundler).toBe('esbuild');
    expect(dir.code?.buildEntryPoints?.map(at)).toEqual(['"app.ts"@8:9', '"worker.ts"@8:9']);
    expect(fn(result, 'Zip').bundler).toBe('esbuild');
    expect(fn(result, 'Zip').code?.buildEntryPoints).toBeUndefined();
    expect(fn(result, 'NoEntries').code).toEqual({ kind: 'dir', path: expect.objectContaining({ value: 'src' }) });
    expect(fn(result, 'Makefile').bundler).toBeUndefined();
    expect(fn(result, 'Makefile').code?.buildEntryPoints).toBeUndefined();
  });

  it('ignore: a single rule name, entries without a rule skipped, no ignore list leaves ignoredRules unset', () => {
    const result = sam(
      'Metadata:', // 2
      '  lambdalint: { ignore: no-max-timeout }', // 3
      'Resources:', // 4
      '  One:', // 5
      '    Type: AWS::Serverless::Function', // 6
      '    Metadata:', // 7
      '      lambdalint:', // 8
      '        ignore:', // 9
      '          - { reason: no rule named }', // 10
      '          - { rule: log-retention }', // 11
      '          - { rule: timeout, reason: "" }', // 12
      '  Skipped:', // 13
      '    Type: AWS::Serverless::Function', // 14
      '    Metadata: { lambdalint: { ignore: [{ reason: x }] } }', // 15
      '  Plain:', // 16
      '    Type: AWS::Serverless::Function', // 17
      '    Properties: { Handler: a.handler }', // 18
    );
    expect(result.ignoredRules).toEqual([{ rule: 'no-max-timeout', loc: { file: 'template.yaml', line: 3, column: 25 } }]);
    expect(fn(result, 'One').ignoredRules).toEqual([
      { rule: 'log-retention', loc: { file: 'template.yaml', line: 11, column: 13 } },
      { rule: 'timeout', loc: { file: 'template.yaml', line: 12, column: 13 } },
    ]);
    expect(fn(result, 'Skipped').ignoredRules).toBeUndefined();
    expect(fn(result, 'Plain').ignoredRules).toBeUndefined();
    expect('ignoredRules' in fn(result, 'Plain')).toBe(false);
  });
});

describe('onFailure destinations', () => {
  it('empty OnFailure forms name no destination; Type without Destination; an unresolved scalar; a bare map is "configured"', () => {
    const ev = (name: string, destinationConfig: string) =>
      `        ${name}: { Type: Kinesis, Properties: { Stream: arn:aws:kinesis:eu-west-1:1:stream/s, StartingPosition: LATEST, DestinationConfig: ${destinationConfig} } }`;
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Events:', // 6
      ev('EmptyMap', '{ OnFailure: {} }'), // 7
      ev('EmptyString', '{ OnFailure: "" }'), // 8
      ev('Null', '{ OnFailure: ~ }'), // 9
      ev('TypeOnly', '{ OnFailure: { Type: SQS } }'), // 10
      ev('EmptyDestination', '{ OnFailure: { Destination: ~, Type: SNS } }'), // 11
      ev('Scalar', '{ OnFailure: !Ref Target }'), // 12
      ev('Bare', '{ OnFailure: { Other: 1 } }'), // 13
      ev('Missing', '{}'), // 14
    );
    const onFailure = Object.fromEntries(fn(result, 'F').triggers.map((t) => [t.loc.line, at(t.onFailure)]));
    expect(onFailure).toEqual({
      7: 'undefined',
      8: 'undefined',
      9: 'undefined',
      10: '"SQS"@10:143',
      11: '"SNS"@11:151',
      12: 'ref(cfn-ref: !Ref Target)@12:9',
      13: '"configured"@13:139',
      14: 'undefined',
    });
  });
});

describe('SAM events', () => {
  /** A trigger with every optional field spelled out (absent fields are left out). */
  const shape = (t: Trigger) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, k === 'loc' ? t.loc.line : v && typeof v === 'object' && 'loc' in v ? at(v as Located<unknown>) : v]));

  it('HttpApi timeout; SQS, MSK, self-managed Kafka, MQ and DocumentDB batches; a missing source leaves no source key', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Events:', // 6
      '        Http: { Type: HttpApi, Properties: { TimeoutInMillis: 7000 } }', // 7
      '        NoQueue: { Type: SQS, Properties: { BatchSize: 3 } }', // 8
      '        Msk: { Type: MSK, Properties: { BatchSize: 100 } }', // 9
      '        Kafka: { Type: SelfManagedKafka, Properties: { BatchSize: 101 } }', // 10
      '        Mq: { Type: MQ, Properties: { BatchSize: 102 } }', // 11
      '        Docs: { Type: DocumentDB, Properties: { BatchSize: 103, FunctionResponseTypes: [ReportBatchItemFailures] } }', // 12
      '        NoType: { Properties: { BatchSize: 4 } }', // 13
    );
    // Strict: a source key holding undefined would differ.
    expect(fn(result, 'F').triggers.map(shape)).toStrictEqual([
      { kind: 'http-api', loc: 7, integrationTimeoutMs: '7000@7:46' },
      { kind: 'sqs', loc: 8, batchSize: '3@8:45' },
      { kind: 'other', loc: 9, batchSize: '100@9:41' },
      { kind: 'other', loc: 10, batchSize: '101@10:56' },
      { kind: 'other', loc: 11, batchSize: '102@11:39' },
      { kind: 'other', loc: 12, batchSize: '103@12:49', functionResponseTypes: '["ReportBatchItemFailures"]@12:65' },
      { kind: 'other', loc: 13 },
    ]);
  });

  it('SNS: SqsSubscription map with QueueArn and batch, false, and the topic RedrivePolicy dead letter', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Events:', // 6
      '        ViaQueue:', // 7
      '          Type: SNS', // 8
      '          Properties:', // 9
      '            Topic: !Ref T', // 10
      '            SqsSubscription: { QueueArn: arn:aws:sqs:eu-west-1:1:buffer, BatchSize: 8 }', // 11
      '        GeneratedQueue: { Type: SNS, Properties: { Topic: !Ref T, SqsSubscription: { BatchSize: 2 } } }', // 12
      '        Direct:', // 13
      '          Type: SNS', // 14
      '          Properties:', // 15
      '            Topic: !Ref T', // 16
      '            SqsSubscription: false', // 17
      '            RedrivePolicy: { deadLetterTargetArn: arn:aws:sqs:eu-west-1:1:undelivered }', // 18
      '        NoRedrive: { Type: SNS, Properties: { Topic: !Ref T, SqsSubscription: "no" } }', // 19
    );
    expect(fn(result, 'F').triggers.map(shape)).toEqual([
      { kind: 'sqs', loc: 7, source: { ref: 'arn:aws:sqs:eu-west-1:1:buffer' }, batchSize: '8@11:74' },
      { kind: 'sqs', loc: 12, source: { ref: 'F.GeneratedQueue (SqsSubscription)' }, batchSize: '2@12:86' },
      { kind: 'sns', loc: 13, source: { ref: '!Ref T' }, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"arn:aws:sqs:eu-west-1:1:undelivered"@18:30' },
      { kind: 'sns', loc: 19, source: { ref: '!Ref T' }, deliveryDeadLetterKnown: true },
    ]);
  });

  it('EventBridge and schedules: DeadLetterConfig Arn, Type only (SAM creates the queue), absent', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Events:', // 6
      '        Rule: { Type: EventBridgeRule, Properties: { Pattern: {}, DeadLetterConfig: { Arn: arn:aws:sqs:eu-west-1:1:rule-dlq } } }', // 7
      '        Cron: { Type: Schedule, Properties: { Schedule: rate(1 hour), DeadLetterConfig: { Type: SQS } } }', // 8
      '        CronV2: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 hour), DeadLetterConfig: { Arn: !GetAtt Q.Arn, Type: SQS } } }', // 9
      '        Old: { Type: CloudWatchEvent, Properties: { Pattern: {} } }', // 10
    );
    expect(fn(result, 'F').triggers.map(shape)).toEqual([
      { kind: 'eventbridge', loc: 7, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"arn:aws:sqs:eu-west-1:1:rule-dlq"@7:87' },
      { kind: 'schedule', loc: 8, deliveryDeadLetterKnown: true, deliveryDeadLetter: '"SQS"@8:91' },
      { kind: 'schedule', loc: 9, deliveryDeadLetterKnown: true, deliveryDeadLetter: 'ref(cfn-getatt: !GetAtt Q.Arn)@9:105' },
      { kind: 'eventbridge', loc: 10, deliveryDeadLetterKnown: true },
    ]);
  });

  it('S3: event names (list or one), key filter rule names lowercased, incomplete rules dropped', () => {
    const result = sam(
      'Resources:', // 2
      '  F:', // 3
      '    Type: AWS::Serverless::Function', // 4
      '    Properties:', // 5
      '      Events:', // 6
      '        Upload:', // 7
      '          Type: S3', // 8
      '          Properties:', // 9
      '            Bucket: !Ref B', // 10
      '            Events: ["s3:ObjectCreated:Put", "s3:ObjectRemoved:*"]', // 11
      '            Filter:', // 12
      '              S3Key:', // 13
      '                Rules:', // 14
      '                  - { Name: Prefix, Value: uploads/ }', // 15
      '                  - { Name: SUFFIX, Value: .jpg }', // 16
      '                  - { Name: suffix }', // 17
      '                  - { Value: .png }', // 18
      '        Single: { Type: S3, Properties: { Bucket: !Ref B, Events: "s3:ObjectCreated:*", Filter: { S3Key: { Rules: [] } } } }', // 19
      '        Nothing: { Type: S3, Properties: { Bucket: !Ref B, Events: [] } }', // 20
    );
    const [upload, single, nothing] = fn(result, 'F').triggers;
    expect(upload.s3Events).toEqual(['s3:ObjectCreated:Put', 's3:ObjectRemoved:*']);
    expect(upload.keyFilter?.map((f) => `${f.name}=${at(f.value)}`)).toEqual(['prefix="uploads/"@15:37', 'suffix=".jpg"@16:37']);
    expect(shape(single)).toEqual({ kind: 's3', loc: 19, source: { ref: '!Ref B' }, s3Events: ['s3:ObjectCreated:*'] });
    expect(shape(nothing)).toEqual({ kind: 's3', loc: 20, source: { ref: '!Ref B' } });
  });

  it('Events that is not a map is ignored', () => {
    const result = sam('Resources:', '  F:', '    Type: AWS::Serverless::Function', '    Properties: { Events: [ { Type: SQS } ] }');
    expect(fn(result, 'F').triggers).toEqual([]);
  });
});

describe('event source mapping kinds (eventSourceKind)', () => {
  const kindOf = (arn: string, extra = '') => {
    const result = load(
      [
        'Resources:',
        '  Fn: { Type: AWS::Lambda::Function, Properties: { Handler: a.handler } }',
        '  Q: { Type: AWS::SQS::Queue }',
        '  Global: { Type: AWS::DynamoDB::GlobalTable }',
        '  Table: { Type: AWS::DynamoDB::Table }',
        '  Stream: { Type: AWS::Kinesis::Stream }',
        '  Simple: { Type: AWS::Serverless::SimpleTable }',
        '  Consumer: { Type: AWS::Kinesis::StreamConsumer }',
        '  Cluster: { Type: AWS::MSK::Cluster }',
        '  Mapping:',
        '    Type: AWS::Lambda::EventSourceMapping',
        '    Properties:',
        '      FunctionName: !Ref Fn',
        ...(arn ? [`      EventSourceArn: ${arn}`] : []),
        ...(extra ? [`      ${extra}`] : []),
      ].join('\n'),
    );
    return fn(result, 'Fn').triggers[0].kind;
  };

  it.each([
    ['!GetAtt Q.Arn', '', 'sqs'],
    ['!GetAtt Q.Arn', 'StartingPosition: LATEST', 'sqs'],
    ['!ImportValue kinesis-stream-arn', 'StartingPosition: LATEST', 'other'],
    ['!GetAtt Global.StreamArn', 'StartingPosition: LATEST', 'dynamodb-stream'],
    // Any attribute of a table or stream: the resource type decides.
    ['!GetAtt Global.Arn', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['!GetAtt Table.Arn', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['!GetAtt Stream.Arn', 'StartingPosition: LATEST', 'kinesis'],
    ['!Ref Simple', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['!GetAtt Consumer.ConsumerArn', 'StartingPosition: LATEST', 'kinesis'],
    ['!GetAtt Other.StreamArn', 'StartingPosition: LATEST', 'other'],
    ['!GetAtt Cluster.StreamArn', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['!Ref Cluster', 'StartingPosition: LATEST', 'other'],
    ['arn:aws-cn:sqs:cn-north-1:1:q', 'StartingPosition: LATEST', 'sqs'],
    ['arn:aws:kinesis:eu-west-1:1:stream/s', '', 'kinesis'],
    ['arn:aws:dynamodb:eu-west-1:1:table/t/stream/2024', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['arn:aws:dynamodb:eu-west-1:1:table/t', 'StartingPosition: LATEST', 'other'],
    ['x-arn:aws:sqs:eu-west-1:1:q', 'StartingPosition: LATEST', 'other'],
    ['x-arn:aws:kinesis:eu-west-1:1:stream/s', 'StartingPosition: LATEST', 'other'],
    ['x-arn:aws:dynamodb:eu-west-1:1:table/t/stream/1', 'StartingPosition: LATEST', 'other'],
    ['!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q"', 'StartingPosition: LATEST', 'sqs'],
    ['!Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q"', 'StartingPosition: LATEST', 'sqs'],
    ['!Sub "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/s"', 'StartingPosition: LATEST', 'kinesis'],
    ['!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t/stream/x"', 'StartingPosition: LATEST', 'dynamodb-stream'],
    ['!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t"', 'StartingPosition: LATEST', 'other'],
    ['!ImportValue shared', '', 'sqs'],
    ['!ImportValue shared', 'Queues: [q]', 'other'],
    ['!ImportValue shared', 'Topics: [t]', 'other'],
    ['!ImportValue shared', 'SelfManagedEventSource: { Endpoints: {} }', 'other'],
    ['!ImportValue shared', 'DocumentDBEventSourceConfig: { DatabaseName: d }', 'other'],
    ['', '', 'other'],
    // An empty EventSourceArn (a template still being written) points at nothing: not a queue.
    ['~', '', 'other'],
    ['null', '', 'other'],
    ["''", '', 'other'],
  ])('%s %s -> %s', (arn, extra, kind) => {
    expect(kindOf(arn, extra)).toBe(kind);
  });
});
