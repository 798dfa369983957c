import rule from '../../rules/process-all-records.js';
import { describe, expect, it } from 'vitest';
import { createRuleTester } from '../helpers/rule-tester.js';
import { pythonFindings, runPythonCheck, type PythonCase } from '../helpers/python-check.js';
import { processAllRecords } from '../../src/python/checks/process-all-records.js';

const ruleTester = createRuleTester();
const sqs = (maxBatchSize?: number) => ({
  lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], functions: ['Import'], ...(maxBatchSize === undefined ? {} : { maxBatchSize }) }] },
});

ruleTester.run('process-all-records', rule, {
  valid: [
    // Every record: for...of.
    `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) await save(JSON.parse(record.body));
};`,
    // Records[0] next to a loop: the first record is special, all are processed.
    `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  console.log('first', event.Records[0].messageId);
  await Promise.all(event.Records.map((r) => save(r.body)));
};`,
    // A guard that breaks loudly on a batch larger than one.
    `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  if (event.Records.length !== 1) throw new Error('expected one record');
  await save(event.Records[0].body);
};`,
    // BatchSize: 1 in the deploy config (serverless-rules' advice for one-at-a-time work).
    { code: `export const handler = async (event) => save(event.Records[0].body);`, settings: sqs(1) },
    // Batch size is a reference: unknown, not reported.
    { code: `export const handler = async (event) => save(event.Records[0].body);`, settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'] }] } } },
    // S3 and SNS deliver one record per invocation in practice: not batch sources.
    `import type { S3Event } from 'aws-lambda';
export const handler = async (event: S3Event) => {
  const key = event.Records[0].s3.object.key;
  await index(key);
};`,
    { code: `export const handler = async (event) => publish(event.Records[0].Sns.Message);`, settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sns'] }] } } },
    // Records handed to a helper as a whole.
    { code: `export const handler = async (event) => processAll(event.Records);`, settings: sqs(10) },
    // The first record destructured apart from the rest, which are processed too.
    { code: `export const handler = async (event) => { const [first, ...rest] = event.Records; await head(first); await tail(rest); };`, settings: sqs(10) },
    { code: `export const handler = async (event) => { const [first, second] = event.Records; await pair(first, second); };`, settings: sqs(2) },
    // A records array renamed while destructuring, then looped over.
    { code: `export const handler = async ({ Records: records }) => { for (const r of records) await save(r.body); };`, settings: sqs(10) },
    // Another element than the first.
    { code: `export const handler = async (event) => save(event.Records[event.Records.length - 1].body);`, settings: sqs(10) },
    // A handler without batch triggers next to one with: only the batch handler's code counts.
    {
      code: `export const api = async (event) => ({ statusCode: 200, body: event.Records[0].body });
export const worker = async (event) => { for (const r of event.Records) await save(r.body); };`,
      settings: { lambdalint: { handlers: [{ export: 'api', trigger: ['http-api'] }, { export: 'worker', trigger: ['sqs'], maxBatchSize: 10 }] } },
    },
  ],
  invalid: [
    {
      name: 'SQS handler reading event.Records[0] with the default batch size (10)',
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  const body = JSON.parse(event.Records[0].body);
  await save(body);
};`,
      errors: [{ messageId: 'firstRecordOnly', line: 3, column: 27, data: { trigger: 'SQS', functions: '', batch: 10 } }],
    },
    {
      name: 'event["Records"][0] with BatchSize 5 from the config',
      code: `export const handler = async (event) => save(event["Records"][0].body);`,
      settings: sqs(5),
      errors: [{ messageId: 'firstRecordOnly', line: 1, column: 46, data: { trigger: 'SQS', batch: 5 } }],
    },
    {
      name: 'destructured first record from a Kinesis event',
      code: `import type { KinesisStreamEvent } from 'aws-lambda';
export const handler = async (event: KinesisStreamEvent) => {
  const [record] = event.Records;
  await save(Buffer.from(record.kinesis.data, 'base64').toString());
};`,
      errors: [{ messageId: 'firstRecordOnly', line: 3, column: 20, data: { trigger: 'Kinesis stream', batch: 100 } }],
    },
    {
      name: 'destructured Records parameter, DynamoDB stream',
      code: `import type { DynamoDBStreamEvent } from 'aws-lambda';
export const handler = async ({ Records }: DynamoDBStreamEvent) => {
  await save(Records[0].dynamodb?.NewImage);
};`,
      errors: [{ messageId: 'firstRecordOnly', line: 3, column: 14, data: { trigger: 'DynamoDB stream', batch: 100 } }],
    },
    {
      name: 'in a helper the handler calls',
      code: `function firstBody(event) { return JSON.parse(event.Records[0].body); }
export const handler = async (event) => save(firstBody(event));`,
      settings: sqs(10),
      errors: [{ messageId: 'firstRecordOnly', line: 1, column: 47, data: { trigger: 'SQS', batch: 10 } }],
    },
    {
      name: 'optional chaining and a type assertion: Records?.[0] as SQSRecord, BatchSize 2',
      code: `export const handler = async (event) => save((event?.Records?.[0] as SQSRecord).body);`,
      settings: sqs(2),
      errors: [{ messageId: 'firstRecordOnly', line: 1, column: 47, data: { trigger: 'SQS', batch: 2 } }],
    },
    {
      name: 'Records read twice, both times only the first: reported at the first read',
      code: `export const handler = async (event) => { await save(event.Records[0].body); await ack(event.Records[0].receiptHandle); };`,
      settings: sqs(10),
      errors: [{ messageId: 'firstRecordOnly', line: 1, column: 54 }],
    },
  ],
});

describe('process-all-records (Python)', () => {
  const run = (code: string, setup: PythonCase = {}) => pythonFindings(processAllRecords, code, setup);
  const sqs = (maxBatchSize: number | undefined): PythonCase => ({ triggers: ['sqs'], maxBatchSize });

  it('reports a batch handler that reads only event["Records"][0], with the trigger and the batch size', async () => {
    const code = `import json

def handler(event, context):
    body = json.loads(event["Records"][0]["body"])
    save(body)
`;
    expect(await run(code, sqs(10))).toEqual([{ messageId: 'firstRecordOnly', line: 4 }]);
    const [finding] = await runPythonCheck(processAllRecords, code, sqs(10));
    expect(finding).toMatchObject({ column: 23, data: { trigger: 'SQS', batch: 10 } });
    const [stream] = await runPythonCheck(processAllRecords, code, { triggers: ['kinesis', 'dynamodb-stream'], maxBatchSize: 100 });
    expect(stream.data).toEqual({ trigger: 'Kinesis stream/DynamoDB stream', batch: 100 });
  });

  it('reports event.get("Records")[0], records = event["Records"]; records[0], a fallback, and a helper the handler calls', async () => {
    expect(await run(`def handler(event, context):\n    record = event.get("Records")[0]\n    save(record)\n`, sqs(10))).toEqual([{ messageId: 'firstRecordOnly', line: 2 }]);
    expect(await run(`def handler(event, context):\n    records = event["Records"]\n    save(records[0]["body"])\n`, sqs(5))).toEqual([{ messageId: 'firstRecordOnly', line: 3 }]);
    expect(await run(`def handler(event, context):\n    save((event.get("Records") or [{}])[0])\n`, sqs(10))).toEqual([{ messageId: 'firstRecordOnly', line: 2 }]);
    const helper = `def first_body(event):
    return event["Records"][0]["body"]

def handler(event, context):
    save(first_body(event))
`;
    expect(await run(helper, sqs(10))).toEqual([{ messageId: 'firstRecordOnly', line: 2 }]);
  });

  it('accepts a loop, a len() guard, the list handed to a helper, an unpacking that raises on more, and another index', async () => {
    const cases = [
      `def handler(event, context):\n    for record in event["Records"]:\n        save(record)\n`,
      // Records[0] next to a loop: the first record is special, all are processed.
      `def handler(event, context):\n    print(event["Records"][0]["messageId"])\n    for record in event["Records"]:\n        save(record)\n`,
      `def handler(event, context):\n    if len(event["Records"]) != 1:\n        raise ValueError("expected one record")\n    save(event["Records"][0])\n`,
      `def handler(event, context):\n    records = event["Records"]\n    assert len(records) == 1\n    save(records[0])\n`,
      `def handler(event, context):\n    process_all(event["Records"])\n`,
      // `record, = ...` raises ValueError on a larger batch: the batch fails loudly, nothing is dropped.
      `def handler(event, context):\n    record, = event["Records"]\n    save(record)\n`,
      `def handler(event, context):\n    save(event["Records"][-1])\n`,
      // Powertools data class: event.records is iterated.
      `def handler(event, context):\n    for record in event.records:\n        save(record)\n    save(event["Records"][0])\n`,
    ];
    for (const code of cases) expect(await run(code, sqs(10)), code).toEqual([]);
  });

  it('accepts a batch size of 1, a batch size that is a reference (unset), and non-batch triggers', async () => {
    const code = `def handler(event, context):\n    save(event["Records"][0]["body"])\n`;
    expect(await run(code, sqs(1))).toEqual([]);
    expect(await run(code, sqs(undefined))).toEqual([]);
    // S3 and SNS deliver one record per invocation in practice.
    expect(await run(code, { triggers: ['s3'], maxBatchSize: undefined })).toEqual([]);
    expect(await run(code, { triggers: ['sns'] })).toEqual([]);
    // A function the handler does not run.
    expect(await run(`def other(event):\n    return event["Records"][0]\n\ndef handler(event, context):\n    return 1\n`, sqs(10))).toEqual([]);
  });
});
