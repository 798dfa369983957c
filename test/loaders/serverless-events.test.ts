/**
 * Serverless `events:` read into triggers, field by field: each case pins the whole trigger
 * (kind, location, source link, batch settings, dead letters, S3 filters), so a wrong or a
 * missing field fails.
 */
import { describe, expect, it } from 'vitest';
import { loadServerless } from '../../src/loaders/serverless.js';
import type { Trigger } from '../../src/model/index.js';
import { fn, memoryHost } from './host.js';

const F = 'serverless.yml';
/** A location as the test writes it: `line:column` (ranges keep only their start). */
const at = (line: number, column: number) => `${line}:${column}`;

/** The triggers with every source location replaced by `line:column` (all are in serverless.yml). */
function located(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(located);
  if (typeof value !== 'object' || value === null) return value;
  if ('file' in value && 'line' in value && 'column' in value) {
    expect(value.file).toBe(F);
    return `${String(value.line)}:${String(value.column)}`;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, located(v)]));
}

/** Loads `events` (lines 9+, indented for `events:`) of function `f`, with `resources` after them. */
function triggers(events: string[], resources: string[] = []): Trigger[] {
  const text = [
    'service: s', // 1
    'provider:', // 2
    '  name: aws', // 3
    '  runtime: nodejs22.x', // 4
    'functions:', // 5
    '  f:', // 6
    '    handler: h.handler', // 7
    '    events:', // 8
    ...events.map((e) => `      ${e}`), // 9...
    ...(resources.length > 0 ? ['resources:', '  Resources:', ...resources.map((r) => `    ${r}`)] : []),
  ].join('\n');
  const result = loadServerless(F, text, memoryHost({ [F]: text }));
  expect(result.diagnostics).toEqual([]);
  return located(fn(result, 'f').triggers) as Trigger[];
}

describe('serverless sqs events', () => {
  it('links queues by logical id (GetAtt, Ref, intrinsic map) and by the QueueName in an ARN', () => {
    expect(
      triggers(
        [
          '- sqs: arn:aws:sqs:eu-west-1:123456789012:jobs-queue', // 9
          '- sqs: { arn: { Ref: Other } }', // 10
          "- sqs: { 'Fn::GetAtt': [Jobs, Arn] }", // 11
          '- sqs:', // 12
          '    arn: arn:aws:sqs:eu-west-1:123456789012:unknown', // 13
          '    batchSize: 10', // 14
          '    functionResponseTypes: [ReportBatchItemFailures]', // 15
          '- sqs: { Ref: Jobs, batchSize: 3 }', // 16
        ],
        [
          'Jobs:', // 20
          '  Type: AWS::SQS::Queue', // 21
          '  Properties: { QueueName: jobs-queue }', // 22
          'Other:', // 23
          '  Type: AWS::SQS::Queue', // 24
        ],
      ),
    ).toEqual([
      { kind: 'sqs', loc: at(9, 9), source: { ref: 'arn:aws:sqs:eu-west-1:123456789012:jobs-queue', queueId: `${F}#Jobs` } },
      { kind: 'sqs', loc: at(10, 9), source: { ref: 'Other', queueId: `${F}#Other` } },
      { kind: 'sqs', loc: at(11, 9), source: { ref: 'Jobs', queueId: `${F}#Jobs` } },
      {
        kind: 'sqs',
        loc: at(12, 9),
        source: { ref: 'arn:aws:sqs:eu-west-1:123456789012:unknown' },
        batchSize: { value: 10, loc: at(14, 11) },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: at(15, 11) },
      },
      // A map of two keys is not an intrinsic function: `arn` is looked up (absent), batchSize is read.
      { kind: 'sqs', loc: at(16, 9), batchSize: { value: 3, loc: at(16, 27) } },
    ]);
  });
});

describe('serverless stream events', () => {
  it('tells DynamoDB from Kinesis by type, by the referenced resource and by the ARN', () => {
    expect(
      triggers(
        [
          '- stream: { type: dynamodb, arn: arn:aws:kinesis:eu-west-1:1:stream/s }', // 9
          '- stream: { type: kinesis, arn: arn:aws:dynamodb:eu-west-1:1:table/t/stream/1 }', // 10
          '- stream: { arn: !GetAtt Clicks.Arn }', // 11
          '- stream: { arn: !GetAtt Consumer.ConsumerArn }', // 12
          '- stream: { arn: !GetAtt Orders.Arn }', // 13
          '- stream: arn:aws:kinesis:eu-west-1:1:stream/s', // 14
          '- stream: arn:aws:dynamodb:eu-west-1:1:table/t/stream/1', // 15
          '- stream: { arn: !GetAtt Jobs.Arn }', // 16
          '- stream: !ImportValue some-stream', // 17
          '- stream: { type: other, arn: arn:aws:kafka:eu-west-1:1:cluster/c }', // 18
          '- stream: { arn: !GetAtt Global.StreamArn }', // 19
          '- stream: !ImportValue kinesis-stream-arn', // 20
          '- stream: !ImportValue dynamodb-stream-arn', // 21
        ],
        [
          'Global:', // 24
          '  Type: AWS::DynamoDB::GlobalTable', // 25
          'Clicks:', // 21
          '  Type: AWS::Kinesis::Stream', // 22
          'Consumer:', // 23
          '  Type: AWS::Kinesis::StreamConsumer', // 24
          'Orders:', // 25
          '  Type: AWS::DynamoDB::Table', // 26
          'Jobs:', // 27
          '  Type: AWS::SQS::Queue', // 28
        ],
      ).map((t) => `${t.kind}@${String(t.loc)} ${t.source?.ref}`),
    ).toEqual([
      'dynamodb-stream@9:9 arn:aws:kinesis:eu-west-1:1:stream/s',
      'kinesis@10:9 arn:aws:dynamodb:eu-west-1:1:table/t/stream/1',
      'kinesis@11:9 Clicks',
      'kinesis@12:9 Consumer',
      'dynamodb-stream@13:9 Orders',
      'kinesis@14:9 arn:aws:kinesis:eu-west-1:1:stream/s',
      'dynamodb-stream@15:9 arn:aws:dynamodb:eu-west-1:1:table/t/stream/1',
      'other@16:9 Jobs',
      'other@17:9 !ImportValue some-stream',
      'other@18:9 arn:aws:kafka:eu-west-1:1:cluster/c',
      // Any table's StreamArn is a DynamoDB stream; a service name must sit between colons in an ARN.
      'dynamodb-stream@19:9 Global',
      'other@20:9 !ImportValue kinesis-stream-arn',
      'other@21:9 !ImportValue dynamodb-stream-arn',
    ]);
  });

  it('events written as a map are no events; a trigger without a source has no source key; an ARN must start the string', () => {
    expect(
      triggers(['- http: { path: /x, method: get }', '- sqs: x-arn:aws:sqs:eu-west-1:1:named', '- sqs: { batchSize: 5 }'], ['Named:', '  Type: AWS::SQS::Queue', '  Properties: { QueueName: named }']),
    ).toStrictEqual([
      { kind: 'rest-api', loc: '9:9' },
      { kind: 'sqs', loc: '10:9', source: { ref: 'x-arn:aws:sqs:eu-west-1:1:named' } },
      { kind: 'sqs', loc: '11:9', batchSize: { value: 5, loc: '11:16' } },
    ]);
    const text = 'service: s\nprovider: { name: aws }\nfunctions:\n  f:\n    handler: h.h\n    events: { sqs: arn:aws:sqs:eu-west-1:1:q }\n';
    const result = loadServerless(F, text, memoryHost({ [F]: text }));
    expect(result.diagnostics).toEqual([]);
    expect(fn(result, 'f').triggers).toEqual([]);
  });

  it('reads batch settings and the on-failure destination (an ARN, a map, an intrinsic)', () => {
    expect(
      triggers([
        '- stream:', // 9
        '    arn: arn:aws:kinesis:eu-west-1:1:stream/s', // 10
        '    batchSize: 100', // 11
        '    functionResponseType: ReportBatchItemFailures', // 12
        '    destinations:', // 13
        '      onFailure: arn:aws:sqs:eu-west-1:1:failed', // 14
        '- stream:', // 15
        '    arn: arn:aws:kinesis:eu-west-1:1:stream/s', // 16
        '    destinations:', // 17
        '      onFailure: { Ref: FailedTopic }', // 18
        '- stream:', // 19
        '    arn: arn:aws:kinesis:eu-west-1:1:stream/s', // 20
        '    destinations:', // 21
        '      onFailure: { type: sns }', // 22
      ]),
    ).toEqual([
      {
        kind: 'kinesis',
        loc: at(9, 9),
        source: { ref: 'arn:aws:kinesis:eu-west-1:1:stream/s' },
        batchSize: { value: 100, loc: at(11, 11) },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: at(12, 11) },
        onFailure: { value: 'arn:aws:sqs:eu-west-1:1:failed', loc: at(14, 13) },
      },
      {
        kind: 'kinesis',
        loc: at(15, 9),
        source: { ref: 'arn:aws:kinesis:eu-west-1:1:stream/s' },
        onFailure: { value: { kind: 'reference', refType: 'cfn-ref', text: '!Ref FailedTopic' }, loc: at(18, 13) },
      },
      // `onFailure: { type: sns }` without `arn`: no destination.
      { kind: 'kinesis', loc: at(19, 9), source: { ref: 'arn:aws:kinesis:eu-west-1:1:stream/s' } },
    ]);
  });
});

describe('serverless sns, eventBridge and s3 events', () => {
  it('sns: topic by ARN, by name, and the subscription redrive policy', () => {
    expect(
      triggers([
        '- sns: arn:aws:sns:eu-west-1:1:alerts', // 9
        '- sns: { arn: !Ref Alerts }', // 10
        '- sns: { topicName: alerts }', // 11
        '- sns:', // 12
        '    topicName: alerts', // 13
        '    redrivePolicy:', // 14
        '      deadLetterTargetArn: arn:aws:sqs:eu-west-1:1:dlq', // 15
        '- sns:', // 16
        '    arn: arn:aws:sns:eu-west-1:1:alerts', // 17
        '    redrivePolicy: { deadLetterTargetRef: AlertsDlq }', // 18
        '- sns:', // 19
        '    topicName: alerts', // 20
        '    redrivePolicy: { deadLetterTargetImport: { arn: a, url: u } }', // 21
        "- sns: { 'Fn::ImportValue': alerts-topic }", // 22
      ]),
    ).toEqual([
      { kind: 'sns', loc: at(9, 9), source: { ref: 'arn:aws:sns:eu-west-1:1:alerts' }, deliveryDeadLetterKnown: true },
      { kind: 'sns', loc: at(10, 9), source: { ref: '!Ref Alerts' }, deliveryDeadLetterKnown: true },
      { kind: 'sns', loc: at(11, 9), source: { ref: 'alerts' }, deliveryDeadLetterKnown: true },
      {
        kind: 'sns',
        loc: at(12, 9),
        source: { ref: 'alerts' },
        deliveryDeadLetterKnown: true,
        deliveryDeadLetter: { value: 'arn:aws:sqs:eu-west-1:1:dlq', loc: at(14, 11) },
      },
      {
        kind: 'sns',
        loc: at(16, 9),
        source: { ref: 'arn:aws:sns:eu-west-1:1:alerts' },
        deliveryDeadLetterKnown: true,
        deliveryDeadLetter: { value: 'AlertsDlq', loc: at(18, 11) },
      },
      // A target that is not a string is still a configured dead letter.
      {
        kind: 'sns',
        loc: at(19, 9),
        source: { ref: 'alerts' },
        deliveryDeadLetterKnown: true,
        deliveryDeadLetter: { value: 'configured', loc: at(21, 11) },
      },
      { kind: 'sns', loc: at(22, 9), source: { ref: '!ImportValue alerts-topic' }, deliveryDeadLetterKnown: true },
    ]);
  });

  it('eventBridge: the target dead-letter queue when set', () => {
    expect(
      triggers([
        '- eventBridge: { pattern: { source: [orders] } }', // 9
        '- eventBridge:', // 10
        '    pattern: { source: [orders] }', // 11
        '    deadLetterQueueArn: !GetAtt Dlq.Arn', // 12
        '- eventBridge: { deadLetterQueueArn: { Ref: DlqArn } }', // 13
      ]),
    ).toEqual([
      { kind: 'eventbridge', loc: at(9, 9), deliveryDeadLetterKnown: true },
      {
        kind: 'eventbridge',
        loc: at(10, 9),
        deliveryDeadLetterKnown: true,
        deliveryDeadLetter: { value: { kind: 'reference', refType: 'cfn-getatt', text: '!GetAtt Dlq.Arn' }, loc: at(12, 11) },
      },
      {
        kind: 'eventbridge',
        loc: at(13, 9),
        deliveryDeadLetterKnown: true,
        deliveryDeadLetter: { value: { kind: 'reference', refType: 'cfn-ref', text: '!Ref DlqArn' }, loc: at(13, 24) },
      },
    ]);
  });

  it('s3: bucket, event types (default s3:ObjectCreated:*) and prefix/suffix rules', () => {
    expect(
      triggers([
        '- s3: photos', // 9
        '- s3:', // 10
        '    bucket: uploads', // 11
        '    event: s3:ObjectRemoved:*', // 12
        '    rules:', // 13
        '      - prefix: incoming/', // 14
        '      - suffix: .jpg', // 15
        '      - other: ignored', // 16
        '      - not-a-map', // 17
        '- s3: { bucket: !Ref Uploads, event: !Ref EventParam }', // 18
        '- s3: { bucket: logs, rules: not-a-list }', // 19
      ]),
    ).toEqual([
      { kind: 's3', loc: at(9, 9), source: { ref: 'photos' } },
      {
        kind: 's3',
        loc: at(10, 9),
        source: { ref: 'uploads' },
        s3Events: ['s3:ObjectRemoved:*'],
        keyFilter: [
          { name: 'prefix', value: { value: 'incoming/', loc: at(14, 15) } },
          { name: 'suffix', value: { value: '.jpg', loc: at(15, 15) } },
        ],
      },
      { kind: 's3', loc: at(18, 9), source: { ref: '!Ref Uploads' }, s3Events: ['s3:ObjectCreated:*'] },
      { kind: 's3', loc: at(19, 9), source: { ref: 'logs' }, s3Events: ['s3:ObjectCreated:*'] },
    ]);
  });
});

describe('serverless http, cloudFront and unknown events', () => {
  it('http timeouts (own, else the provider), cloudFront event types, and other kinds', () => {
    const text = [
      'service: s', // 1
      'provider:', // 2
      '  name: aws', // 3
      'functions:', // 4
      '  f:', // 5
      '    handler: h.handler', // 6
      '    events:', // 7
      '      - http: GET /a', // 8
      '      - http: { path: b, method: get, timeoutInMillis: !Ref T }', // 9
      '      - cloudFront: { eventType: viewer-response }', // 10
      '      - cloudFront: { eventType: !Ref Kind }', // 11
      '      - websocket: $default', // 12
      '      - {}', // 13
      '      - just-a-string', // 14
    ].join('\n');
    const result = loadServerless(F, text, memoryHost({ [F]: text }));
    expect(located(fn(result, 'f').triggers)).toEqual([
      { kind: 'rest-api', loc: at(8, 9) },
      // A timeout that is not a literal is kept as a reference (the rule then cannot compare it).
      {
        kind: 'rest-api',
        loc: at(9, 9),
        integrationTimeoutMs: { value: { kind: 'reference', refType: 'cfn-ref', text: '!Ref T' }, loc: at(9, 39) },
      },
      { kind: 'other', loc: at(10, 9), edgeEventType: 'viewer-response' },
      { kind: 'other', loc: at(11, 9) },
      { kind: 'other', loc: at(12, 9) },
    ]);
  });
});
