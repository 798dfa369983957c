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
      errors: [{ messageId: 'firstRecordOnly', line: 1, data: { trigger: 'SQS', functions: " of 'Import'", batch: 5 } }],
    },
    {
      name: 'destructured first record from a Kinesis event',
      code: `import type { KinesisStreamEvent } from 'aws-lambda';
export const handler = async (event: KinesisStreamEvent) => {
  const [record] = event.Records;
  await save(Buffer.from(record.kinesis.data, 'base64').toString());
};`,
      errors: [{ messageId: 'firstRecordOnly', line: 3 }],
    },
    {
      name: 'destructured Records parameter, DynamoDB stream',
      code: `import type { DynamoDBStreamEvent } from 'aws-lambda';
export const handler = async ({ Records }: DynamoDBStreamEvent) => {
  await save(Records[0].dynamodb?.NewImage);
};`,
      errors: [{ messageId: 'firstRecordOnly', line: 3 }],
    },
    {
      name: 'in a helper the handler calls',
      code: `function firstBody(event) { return JSON.parse(event.Records[0].body); }
export const handler = async (event) => save(firstBody(event));`,
      settings: sqs(10),
      errors: [{ messageId: 'firstRecordOnly', line: 1 }],
    },
  ],
});
