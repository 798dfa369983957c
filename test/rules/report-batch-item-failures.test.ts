import { describe, expect, it } from 'vitest';
import { analyzeFiles, dedent } from '../helpers/temp-project.js';
import rule from '../../rules/report-batch-item-failures.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { pythonFindings, runPythonCheck, type PythonCase } from '../helpers/python-check.js';
import { reportBatchItemFailures } from '../../src/python/checks/report-batch-item-failures.js';

const ruleTester = createRuleTester();
const sqsSettings = { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } };

ruleTester.run('report-batch-item-failures', rule, {
  valid: [
    // Required shape: Powertools processPartialResponse.
    `import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = async (record: SQSRecord): Promise<void> => {
  const payload = JSON.parse(record.body);
  if (!payload.orderId) throw new Error('missing orderId');
  await saveOrder(payload);
};
export const handler: SQSHandler = async (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });`,
    // Per-record catch that records the failure and returns batchItemFailures.
    `import type { SQSEvent, SQSBatchResponse, SQSBatchItemFailure } from 'aws-lambda';
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await processMessage(JSON.parse(record.body));
    } catch (err) {
      console.error('failed', record.messageId, err);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};`,
    // Real shape: forEach with a catch that pushes the messageId (CommonJS).
    {
      // Batch size 1 (from the deploy config): throwing fails exactly the one record, as it should.
      code: `module.exports.handler = async (event) => {
  for (const record of event.Records) {
    try {
      await sendEmail(JSON.parse(record.body));
    } catch (err) {
      console.error(err);
      throw err;
    }
  }
};`,
      languageOptions: CJS,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x', maxBatchSize: 1 }] } },
    },
    {
      code: `exports.handler = (event) => {
  const batchItemFailures = [];
  event.Records.forEach((record) => {
    try {
      handle(record.body);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  });
  return { batchItemFailures };
};`,
      languageOptions: CJS,
    },
    // Kinesis: the sequence number.
    `import type { KinesisStreamHandler } from 'aws-lambda';
export const handler: KinesisStreamHandler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await process(Buffer.from(record.kinesis.data, 'base64').toString());
    } catch {
      batchItemFailures.push({ itemIdentifier: record.kinesis.sequenceNumber });
      break;
    }
  }
  return { batchItemFailures };
};`,
    // DynamoDB streams (trigger from settings): SequenceNumber, destructured.
    {
      code: `export const handler = async (event) => {
  const failures = [];
  for (const { dynamodb } of event.Records) {
    const { SequenceNumber } = dynamodb;
    try { await replicate(dynamodb.NewImage); } catch (e) { failures.push({ itemIdentifier: SequenceNumber }); }
  }
  return { batchItemFailures: failures };
};`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['dynamodb-stream'] }] } },
    },
    // middy sqs-partial-batch-failure: throwing per record inside Promise.allSettled is the contract.
    `import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
const lambdaHandler = async (event) => Promise.allSettled(event.Records.map(async (record) => {
  if (!record.body) throw new Error('empty message ' + record.messageId);
  await save(JSON.parse(record.body));
}));
export const handler = middy(lambdaHandler).use(sqsPartialBatchFailure());`,
    // middy event-batch-response (Kinesis): a rejected per-record promise becomes an item failure.
    `import middy from '@middy/core';
import eventBatchResponse from '@middy/event-batch-response';
import type { KinesisStreamEvent } from 'aws-lambda';
const lambdaHandler = async (event: KinesisStreamEvent) => {
  const results = [];
  for (const record of event.Records) {
    results.push((async () => {
      if (!record.kinesis.data) throw new Error('empty record');
      await index(record.kinesis.data);
    })());
  }
  return Promise.allSettled(results);
};
export const handler = middy().use(eventBatchResponse()).handler(lambdaHandler);`,
    // Manual reporting from Promise.allSettled results.
    `export const handler = async (event) => {
  const results = await Promise.allSettled(event.Records.map(async (record) => {
    if (!record.body) throw new Error('empty');
    await save(record.body);
  }));
  return {
    batchItemFailures: results.flatMap((r, i) => (r.status === 'rejected' ? [{ itemIdentifier: event.Records[i].messageId }] : [])),
  };
};`,
    // A throw caught within the same iteration.
    `export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      if (!record.body) throw new Error('empty');
      await save(record.body);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};`,
    // Ids collected first, mapped to { itemIdentifier } before returning.
    {
      code: `exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try { await save(record.body); } catch { batchItemFailures.push(record.messageId); }
  }
  return { batchItemFailures: batchItemFailures.map((id) => ({ itemIdentifier: id })) };
};`,
      languageOptions: CJS,
      settings: sqsSettings,
    },
    // Validation before the loop: nothing has been processed yet.
    `export const handler = async (event) => {
  if (!Array.isArray(event.Records)) throw new Error('not an SQS event');
  for (const record of event.Records) await save(record.body);
};`,
    // SNS and S3 are not batch event sources: no-swallowed-error's concern.
    `import type { SNSEvent } from 'aws-lambda';
export const handler = async (event: SNSEvent) => {
  for (const record of event.Records) {
    try { await notify(record.Sns.Message); } catch (e) { console.error(e); }
  }
};`,
    {
      code: `module.exports.handler = async (event) => {
  for (const record of event.Records) {
    try { await resize(record.s3.object.key); } catch (e) { console.log(e); }
  }
};`,
      languageOptions: CJS,
    },
    // Unknown trigger: nothing says what the records are.
    `export const handler = async (event) => {
  for (const record of event.Records) {
    try { await handle(record); } catch (e) { console.log(e); }
  }
};`,
    // Class-based handler with reporting.
    `import type { SQSEvent } from 'aws-lambda';
class Consumer {
  async handler(event: SQSEvent) {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try { await this.consume(record); } catch { batchItemFailures.push({ itemIdentifier: record.messageId }); }
    }
    return { batchItemFailures };
  }
  async consume(record) { return record; }
}
const consumer = new Consumer();
export const handler = consumer.handler.bind(consumer);`,
    // A catch that sends the record to an error queue and a catch with a comment (deliberate).
    {
      code: `export const handler = withLogging(async (event) => {
  for (const record of event.Records) {
    try { await save(record.body); } catch (err) { await sendToDlq(record, err); }
    try { await metrics(record.messageId); } catch { /* metrics are best effort */ }
  }
});`,
      settings: sqsSettings,
    },
    // ---- added for mutation testing ----
    // Batch size 1: a throw fails exactly one record.
    {
      code: `export const handler = async (event) => { for (const record of event.Records) { if (!record.body) throw new Error('empty'); } };`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], maxBatchSize: 1 }] } },
    },
    // Caught around the loop by a catch that swallows: no-swallowed-error's finding, not this rule's.
    {
      code: `export const handler = async (event) => {
  try { for (const record of event.Records) { if (!record.body) throw new Error('empty'); } } catch (err) { console.error(err); }
};`,
      settings: sqsSettings,
    },
    // Ids collected first and mapped to objects before being returned; entries with a spread; outside handlers, a source identifier.
    {
      code: `export const handler = async (event) => {
  const result = { batchItemFailures: [] };
  for (const record of event.Records) { try { await save(record); } catch { result.batchItemFailures.push(record.messageId); } }
  return { batchItemFailures: result.batchItemFailures.map((id) => ({ itemIdentifier: id })) };
};
export const other = { batchItemFailures: [{ ...base }], entry: { itemIdentifier: item.sequenceNumber } };`,
      settings: sqsSettings,
    },
  ],
  invalid: [
    {
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    try {
      await processOrder(JSON.parse(record.body));
    } catch (error) {
      console.error('could not process', record.messageId, error);
    }
  }
};`,
      errors: [{ messageId: 'swallowedRecordError', line: 6, data: { what: 'only logs the error', identifier: 'record.messageId' } }],
    },
    {
      code: `exports.handler = async (event) => {
  event.Records.forEach((record) => {
    try {
      handle(JSON.parse(record.body));
    } catch (e) {}
  });
};`,
      languageOptions: CJS,
      settings: sqsSettings,
      errors: [{ messageId: 'swallowedRecordError', line: 5, data: { what: 'is empty', identifier: 'record.messageId' } }],
    },
    {
      // Kinesis, a .catch per record inside Promise.all.
      code: `import type { KinesisStreamEvent } from 'aws-lambda';
export const handler = async (event: KinesisStreamEvent) => {
  await Promise.all(event.Records.map((record) =>
    index(record.kinesis.data).catch((err) => logger.error('index failed', err))));
};`,
      errors: [{ messageId: 'swallowedRecordError', line: 4, data: { what: 'only logs the error', identifier: 'record.kinesis.sequenceNumber' } }],
    },
    {
      // A throw after earlier records were processed, no partial batch response.
      code: `export const handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    if (!order.id) throw new Error('order without id: ' + record.messageId);
    await chargeCard(order);
  }
};`,
      errors: [{ messageId: 'throwFailsBatch', line: 4 }],
    },
    {
      // Log and rethrow per record.
      code: `module.exports.handler = async (event) => {
  for (const record of event.Records) {
    try {
      await sendEmail(JSON.parse(record.body));
    } catch (err) {
      console.error(err);
      throw err;
    }
  }
};`,
      languageOptions: CJS,
      settings: sqsSettings,
      errors: [{ messageId: 'throwFailsBatch', line: 7 }],
    },
    {
      // Promise.all over the records: one rejection fails the batch.
      code: `export const handler = async (event: SQSEvent) => {
  await Promise.all(event.Records.map(async (record) => {
    const res = await fetch(process.env.WEBHOOK, { method: 'POST', body: record.body });
    if (!res.ok) throw new Error('webhook failed for ' + record.messageId);
  }));
};`,
      errors: [{ messageId: 'throwFailsBatch', line: 4 }],
    },
    {
      // Index loop over the records of a DynamoDB stream.
      code: `import type { DynamoDBStreamEvent } from 'aws-lambda';
export const handler = async (event: DynamoDBStreamEvent) => {
  for (let i = 0; i < event.Records.length; i++) {
    const image = event.Records[i].dynamodb?.NewImage;
    if (!image) throw new Error('no image');
    await project(image);
  }
};`,
      errors: [{ messageId: 'throwFailsBatch', line: 5, data: { identifier: 'record.dynamodb.SequenceNumber' } }],
    },
    {
      // Manual reporting does not catch a throw that escapes the loop.
      code: `export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    if (record.attributes.ApproximateReceiveCount > 5) throw new Error('poison message');
    try { await save(record.body); } catch { batchItemFailures.push({ itemIdentifier: record.messageId }); }
  }
  return { batchItemFailures };
};`,
      settings: sqsSettings,
      errors: [{ messageId: 'throwFailsBatch', line: 4 }],
    },
    {
      code: `export const handler = async (event: SQSEvent) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try { await save(record.body); } catch { batchItemFailures.push({ itemIdentifier: record.receiptHandle }); }
  }
  return { batchItemFailures };
};`,
      errors: [{ messageId: 'wrongItemIdentifier', line: 4, data: { field: 'receiptHandle', expected: 'record.messageId' } }],
    },
    {
      // Kinesis with eventID.
      code: `export const handler: KinesisStreamHandler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try { await save(record.kinesis.data); } catch { batchItemFailures.push({ itemIdentifier: record.eventID }); }
  }
  return { batchItemFailures };
};`,
      errors: [{ messageId: 'wrongItemIdentifier', line: 4, data: { field: 'eventID', expected: 'record.kinesis.sequenceNumber' } }],
    },
    {
      // A DynamoDB stream handler reporting an SQS-style messageId (trigger from settings).
      code: `exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const id = record.messageId;
    try { await save(record.dynamodb.NewImage); } catch { batchItemFailures.push({ itemIdentifier: id }); }
  }
  return { batchItemFailures };
};`,
      languageOptions: CJS,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['dynamodb-stream'] }] } },
      errors: [{ messageId: 'wrongItemIdentifier', line: 5, data: { field: 'messageId', expected: 'record.dynamodb.SequenceNumber' } }],
    },
    {
      // Destructured receipt handle.
      code: `export const handler = async (event: SQSEvent) => {
  const failures = [];
  for (const record of event.Records) {
    const { receiptHandle } = record;
    try { await save(record.body); } catch { failures.push({ itemIdentifier: receiptHandle }); }
  }
  return { batchItemFailures: failures };
};`,
      errors: [{ messageId: 'wrongItemIdentifier', line: 5, data: { field: 'receiptHandle', expected: 'record.messageId' } }],
    },
    {
      // Bad key name and a bare id.
      code: `export const handler = async (event: SQSEvent) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try { await save(record.body); } catch {
      batchItemFailures.push({ messageId: record.messageId });
      batchItemFailures.push(record.messageId);
    }
  }
  return { batchItemFailures };
};`,
      errors: [
        { messageId: 'missingItemIdentifier', line: 5, data: { found: 'keys: messageId', identifier: 'record.messageId' } },
        { messageId: 'missingItemIdentifier', line: 6 },
      ],
    },
    {
      // middy-wrapped: the middleware cannot see a failure the catch swallowed.
      code: `import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
export const handler = middy(async (event: SQSEvent) => Promise.allSettled(event.Records.map(async (record) => {
  try { await save(record.body); } catch (err) { logger.warn('skipping', { err }); }
}))).use(sqsPartialBatchFailure());`,
      errors: [{ messageId: 'swallowedRecordError', line: 4 }],
    },
    {
      // Class-based handler.
      code: `class Consumer {
  async handler(event: SQSEvent) {
    for (const record of event.Records) {
      try { await this.consume(record); } catch (err) { this.logger.error(err); continue; }
    }
  }
  async consume(record) { return record; }
}
const consumer = new Consumer();
export const handler = consumer.handler.bind(consumer);`,
      errors: [{ messageId: 'swallowedRecordError', line: 4 }],
    },
    {
      // Local wrapper and an alias of the records.
      code: `export const handler = wrap(async (event) => {
  const records = event.Records;
  for (const record of records) {
    try { await save(record.body); } catch { continue; }
  }
});`,
      settings: sqsSettings,
      errors: [{ messageId: 'swallowedRecordError', line: 4, data: { what: 'is empty', identifier: 'record.messageId' } }],
    },
    // ---- added for mutation testing ----
    {
      name: 'identifier values built from a record field: template, String(), renamed and defaulted destructuring, optional chain',
      code: `export const handler = async (event: SQSEvent) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const { receiptHandle: handle } = record;
    const { md5OfBody = '' } = record;
    try { await save(record.body); } catch {
      batchItemFailures.push({ itemIdentifier: \`\${record.eventSourceARN}\` });
      batchItemFailures.push({ itemIdentifier: String(record.awsRegion) });
      batchItemFailures.push({ itemIdentifier: handle });
      batchItemFailures.push({ itemIdentifier: md5OfBody });
      batchItemFailures.push({ itemIdentifier: record?.body });
    }
  }
  return { batchItemFailures };
};`,
      errors: [
        { messageId: 'wrongItemIdentifier', line: 7, column: 48, data: { field: 'eventSourceARN', expected: 'record.messageId' } },
        { messageId: 'wrongItemIdentifier', line: 8, column: 48, data: { field: 'awsRegion', expected: 'record.messageId' } },
        { messageId: 'wrongItemIdentifier', line: 9, column: 48, data: { field: 'receiptHandle', expected: 'record.messageId' } },
        { messageId: 'wrongItemIdentifier', line: 10, column: 48, data: { field: 'md5OfBody', expected: 'record.messageId' } },
        { messageId: 'wrongItemIdentifier', line: 11, column: 48, data: { field: 'body', expected: 'record.messageId' } },
      ],
    },
    {
      name: 'outside a batch handler a never-valid field names both identifiers',
      code: `export function failure(record) { return { itemIdentifier: record.receiptHandle }; }`,
      errors: [{ messageId: 'wrongItemIdentifier', line: 1, column: 60, data: { field: 'receiptHandle', expected: 'record.messageId (SQS) or the sequence number (Kinesis, DynamoDB streams)' } }],
    },
    {
      name: 'returned entries without itemIdentifier: an empty object, a bare string, a mapped object',
      code: `export const handler = async (event: SQSEvent) => {
  if (event.Records.length === 0) return { batchItemFailures: [{}, 'all'] };
  const failed = await run(event.Records);
  return { batchItemFailures: failed.map((r) => ({ id: r.messageId })) };
};`,
      errors: [
        { messageId: 'missingItemIdentifier', line: 2, column: 64, data: { found: 'an empty object', identifier: 'record.messageId' } },
        { messageId: 'missingItemIdentifier', line: 2, column: 68, data: { found: 'a bare value instead of an object', identifier: 'record.messageId' } },
        { messageId: 'missingItemIdentifier', line: 4, column: 50, data: { found: 'keys: id', identifier: 'record.messageId' } },
      ],
    },
    {
      name: 'a handler with SQS and Kinesis triggers names both identifiers; a throw caught around the loop and rethrown',
      code: `export const handler = async (event) => {
  try {
    for (const record of event.Records) {
      try { await save(record); } catch (e) { console.error(e); }
      if (!record) throw new Error('no record');
    }
  } catch (err) {
    throw err;
  }
};`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs', 'kinesis'], maxBatchSize: 10 }] } },
      errors: [
        { messageId: 'swallowedRecordError', line: 4, column: 35, data: { what: 'only logs the error', identifier: 'record.messageId / record.kinesis.sequenceNumber' } },
        { messageId: 'throwFailsBatch', line: 5, column: 20, data: { identifier: 'record.messageId / record.kinesis.sequenceNumber' } },
      ],
    },
  ],
});

describe('report-batch-item-failures (Python)', () => {
  const run = (code: string, setup: PythonCase) => pythonFindings(reportBatchItemFailures, code, setup);

  it('reports per-record except clauses that only log, and raises that fail the whole batch', async () => {
    const code = `import json, logging
from aws_lambda_powertools.utilities.data_classes import SQSEvent, event_source
logger = logging.getLogger()

@event_source(data_class=SQSEvent)
def handler(event, context):
    for record in event.records:
        try:
            process(json.loads(record.body))
        except Exception as error:
            logger.error("record failed: %s", error)
    for i, record in enumerate(event["Records"]):
        if not record["body"]:
            raise ValueError("empty message")
`;
    expect(await run(code, { triggers: ['sqs'] })).toEqual([
      { messageId: 'swallowedRecordError', line: 10 },
      { messageId: 'throwFailsBatch', line: 14 },
    ]);
    const [swallowed] = await runPythonCheck(reportBatchItemFailures, code, { triggers: ['sqs'] });
    expect(swallowed.data).toEqual({ what: 'only logs the error', identifier: 'record["messageId"]' });
    expect(await run(code, { triggers: ['sqs'], handlers: [{ name: 'handler', triggers: ['sqs'], batchSize: 1 }] })).toEqual([
      { messageId: 'swallowedRecordError', line: 10 },
    ]);
  });

  it('reports wrong and missing item identifiers', async () => {
    const code = `def handler(event, context):
    batch_item_failures = []
    for record in event["Records"]:
        try:
            process(record)
        except Exception:
            batch_item_failures.append({"itemIdentifier": record["eventID"]})
            batch_item_failures.append({"id": record["kinesis"]["sequenceNumber"]})
    return {"batchItemFailures": batch_item_failures}
`;
    expect(await run(code, { triggers: ['kinesis'] })).toEqual([
      { messageId: 'wrongItemIdentifier', line: 7 },
      { messageId: 'missingItemIdentifier', line: 8 },
    ]);
  });

  it('accepts reported failures, re-raises, Powertools batch processing and non-batch triggers', async () => {
    const manual = `def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            process(record)
        except Exception:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
`;
    expect(await run(manual, { triggers: ['sqs'] })).toEqual([]);
    const powertools = `from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
processor = BatchProcessor(event_type=EventType.SQS)

def record_handler(record):
    if not record.body:
        raise ValueError("empty")

def handler(event, context):
    for record in event["Records"]:
        if "skip" in record["body"]:
            raise ValueError("not a batch record handler")
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
`;
    expect(await run(powertools, { triggers: ['sqs'] })).toEqual([]);
    const stream = `def handler(event, context):
    for record in event["Records"]:
        try:
            process(record)
        except Exception:
            print("failed")
`;
    expect(await run(stream, { triggers: ['dynamodb-stream'] })).toEqual([{ messageId: 'swallowedRecordError', line: 5 }]);
    expect(await run(stream, { triggers: ['s3'] })).toEqual([]);
  });
});

describe('batch size from the deploy config', () => {
  const template = (batchSize: number) => dedent`
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Mailer:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          Handler: app.handler
          Events:
            Queue:
              Type: SQS
              Properties:
                Queue: arn:aws:sqs:us-east-1:123456789012:mail
                BatchSize: ${batchSize}
  `;
  const code = "export const handler = async (event) => {\n  for (const record of event.Records) {\n    if (!record.body) throw new Error('empty');\n    await send(record.body);\n  }\n};\n";

  it('BatchSize 1: a throw fails one record, not reported', async () => {
    const { findings } = await analyzeFiles({ 'template.yaml': template(1), 'app.mjs': code }, { 'report-batch-item-failures': {} });
    expect(findings).toEqual([]);
  });

  it('BatchSize 10: the throw retries the whole batch', async () => {
    const { findings } = await analyzeFiles({ 'template.yaml': template(10), 'app.mjs': code }, { 'report-batch-item-failures': {} });
    expect(findings.map((f) => f.messageId)).toEqual(['throwFailsBatch']);
  });
});
