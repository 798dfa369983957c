import rule from '../../rules/process-all-records.js';
import { createRuleTester } from '../helpers/rule-tester.js';

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
