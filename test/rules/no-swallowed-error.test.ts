import rule from '../../rules/no-swallowed-error.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { describe, expect, it } from 'vitest';
import { pythonFindings, runPythonCheck, type PythonCase } from '../helpers/python-check.js';
import { noSwallowedError } from '../../src/python/checks/no-swallowed-error.js';

const ruleTester = createRuleTester();
const handlerWith = (...trigger: string[]) => ({ lambdalint: { handlers: [{ export: 'handler', trigger, runtime: 'nodejs22.x' }] } });

ruleTester.run('no-swallowed-error', rule, {
  valid: [
    {
      name: 'callback(err, response) passes the error on: the invocation fails, so it is not a success response',
      code: `module.exports.handler = (event, context, callback) => {
  try {
    process(event.Records[0].Sns.Message);
    callback(null, { statusCode: 200 });
  } catch (err) {
    callback(err, { statusCode: 500, body: err.message });
  }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
    },
    {
      name: 'a response that carries batchItemFailures reports the failed records',
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
    return { statusCode: 200 };
  } catch (err) {
    console.error(err);
    return { statusCode: 207, batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
  }
};`,
    },
    // HTTP handlers answer the caller: handler-error-boundary's concern.
    `import type { APIGatewayProxyHandler } from 'aws-lambda';
export const handler: APIGatewayProxyHandler = async (event) => {
  try { return { statusCode: 200, body: await load(event.pathParameters?.id) }; }
  catch (err) { console.error(err); return { statusCode: 500, body: 'error' }; }
};`,
    // Unknown trigger: not reported.
    `export const handler = async (event) => {
  try { await work(event); } catch (err) { console.error(err); }
};`,
    // Log and rethrow.
    `import type { SQSHandler } from 'aws-lambda';
export const handler: SQSHandler = async (event) => {
  try {
    for (const record of event.Records) await save(record.body);
  } catch (err) {
    logger.error('batch failed', err as Error);
    throw err;
  }
};`,
    // Per-record catches in a batch handler belong to report-batch-item-failures (even when they swallow).
    `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    try { await save(record.body); } catch (err) { console.error(record.messageId, err); }
  }
};`,
    // callback(err) fails the invocation.
    {
      code: `module.exports.handler = (event, context, callback) => {
  try { publish(event.Records[0].Sns.Message); callback(null); }
  catch (err) { console.error(err); callback(err); }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
    },
    {
      name: 'callback(null, result) in the catch hands a value to the caller, and done() is not the callback parameter',
      code: `module.exports.handler = (event, context, callback) => {
  try { publish(event.Records[0].Sns.Message); callback(null); }
  catch (err) { console.error(err); callback(null, { failed: true }); }
  try { publish(event.Records[0].Sns.Message); } catch (err) { console.error(err); done(); }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
    },
    // A helper that hands the error back to its caller.
    `import type { S3Handler } from 'aws-lambda';
async function tryResize(key) {
  try { await resize(key); return null; } catch (err) { return err; }
}
export const handler: S3Handler = async (event) => {
  const error = await tryResize(event.Records[0].s3.object.key);
  if (error) throw error;
};`,
    // An empty catch with a comment is deliberate.
    `import type { EventBridgeHandler } from 'aws-lambda';
export const handler: EventBridgeHandler<'Order', { id: string }, void> = async (event) => {
  try { await cache.delete(event.detail.id); } catch { /* cache miss is fine */ }
  await store(event.detail);
};`,
    // Retry loop: the error still fails the invocation after the last attempt.
    `import type { ScheduledHandler } from 'aws-lambda';
export const handler: ScheduledHandler = async () => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await syncPartners(); } catch (err) { console.warn('attempt failed', attempt, err); }
  }
  throw new Error('sync failed after 3 attempts');
};`,
    // A flag that is acted on, and a .catch that wraps and rethrows.
    {
      code: `exports.handler = async (event) => {
  let failed = false;
  try { await notify(event.detail); } catch (err) { console.error(err); failed = true; }
  await audit(event.detail).catch((err) => { throw new AuditError(err); });
  if (failed) throw new Error('notify failed');
};`,
      languageOptions: CJS,
      settings: handlerWith('eventbridge'),
    },
    // A fallback value is a decision, not a swallow; a call that records the failure.
    `import type { S3Handler } from 'aws-lambda';
export const handler: S3Handler = async (event) => {
  const tags = await getTags(event.Records[0].s3.object.key).catch(() => null);
  try { await index(tags); } catch (err) { await markFailed(event, err); }
};`,
    // Best-effort cleanup in finally: the try/catch before it decides the outcome.
    `import type { S3Handler } from 'aws-lambda';
export const handler: S3Handler = async (event) => {
  const tmp = '/tmp/' + event.Records[0].s3.object.key;
  try {
    await download(event.Records[0].s3.object.key, tmp);
    await transcode(tmp);
  } finally {
    await unlink(tmp).catch(() => {});
  }
};`,
    {
      // The return inside the callback answers the map, not the event source.
      name: 'a statusCode object returned by a function inside the catch is not the handler response',
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
  } catch (err) {
    await audit(event.Records.map((r) => { return { statusCode: 500, id: r.messageId }; }));
    throw err;
  }
};`,
    },
    {
      name: 'a call of another function than the callback with (null, statusCode object) is no response',
      code: `module.exports.handler = (event, context, callback) => {
  try {
    process(event.Records[0].Sns.Message);
    callback(null);
  } catch (err) {
    record(null, { statusCode: 500, body: err.message });
    callback(err);
  }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
    },
    {
      name: 'returning a rejected promise from the catch fails the invocation: not a statusCode response',
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
  } catch (err) {
    console.error(err);
    return Promise.reject(err);
  }
};`,
    },
    // Init code at module scope is not in a handler.
    `import type { SNSHandler } from 'aws-lambda';
let config = {};
try { config = JSON.parse(process.env.CONFIG ?? '{}'); } catch { console.warn('default config'); }
export const handler: SNSHandler = async (event) => { await forward(event, config); };`,
    // Mixed or synchronous triggers are not reported.
    {
      code: `export const handler = async (event) => {
  try { await work(event); } catch (err) { console.error(err); }
};`,
      settings: handlerWith('http-api', 'sqs'),
    },
    {
      code: `export const handler = async (event) => {
  try { await work(event); } catch (err) { console.error(err); }
};`,
      settings: handlerWith('appsync'),
    },
  ],
  invalid: [
    {
      // Real shape: a try around the whole loop that only logs.
      code: `import { SQSHandler, SQSMessageAttributes } from 'aws-lambda';
const receiver: SQSHandler = async (event) => {
  try {
    for (const record of event.Records) {
      const messageAttributes: SQSMessageAttributes = record.messageAttributes;
      console.log('Message Body -->  ', record.body, messageAttributes);
    }
  } catch (error) {
    console.log(error);
  }
};
export default receiver;`,
      errors: [{ messageId: 'swallowedError', line: 8, data: { what: 'only logs the error', trigger: 'SQS' } }],
    },
    {
      // Kinesis, default export typed with the handler type.
      code: `import { KinesisStreamHandler } from 'aws-lambda';
const consumer: KinesisStreamHandler = async (event) => {
  try {
    for (const record of event.Records) {
      await index(Buffer.from(record.kinesis.data, 'base64').toString());
    }
  } catch (error) {
    logger.error('failed', { error });
  }
};
export default consumer;`,
      errors: [{ messageId: 'swallowedError', line: 7, data: { what: 'only logs the error', trigger: 'Kinesis stream' } }],
    },
    {
      code: `module.exports.handler = async (event) => {
  try {
    await forward(JSON.parse(event.Records[0].Sns.Message));
  } catch (e) {}
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
      errors: [{ messageId: 'swallowedError', line: 4, data: { what: 'is empty', trigger: 'SNS' } }],
    },
    {
      code: `import type { EventBridgeHandler } from 'aws-lambda';
export const handler: EventBridgeHandler<'OrderPlaced', { id: string }, void> = async (event) => {
  await fulfil(event.detail).catch(console.error);
};`,
      errors: [{ messageId: 'swallowedError', line: 3, data: { what: 'only logs the error', trigger: 'EventBridge' } }],
    },
    {
      code: `import type { S3Event } from 'aws-lambda';
export async function handler(event: S3Event) {
  const key = event.Records[0].s3.object.key;
  try {
    await createThumbnail(key);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.error(\`thumbnail failed: \${message}\`);
    return;
  }
  await tag(key);
}`,
      errors: [{ messageId: 'swallowedError', line: 6 }],
    },
    {
      // In a module function the handler calls.
      code: `import type { ScheduledHandler } from 'aws-lambda';
async function cleanup() {
  try { await deleteExpired(); } catch (err) { console.error('cleanup failed', err); }
}
export const handler: ScheduledHandler = async () => { await cleanup(); };`,
      errors: [{ messageId: 'swallowedError', line: 3, data: { what: 'only logs the error', trigger: 'schedule' } }],
    },
    {
      // DynamoDB stream: a catch around the loop is not a per-record catch.
      code: `export const handler = async (event) => {
  try {
    for (const record of event.Records) await project(record.dynamodb.NewImage);
  } catch (error) {
    console.error('Error processing records:', error);
  }
};`,
      errors: [{ messageId: 'swallowedError', line: 4, data: { what: 'only logs the error', trigger: 'DynamoDB stream' } }],
    },
    {
      // A per-record helper: not lexically inside the loop, so this rule reports it.
      code: `async function processRecord(record) {
  try { await save(JSON.parse(record.body)); } catch (err) { console.error(err); }
}
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) await processRecord(record);
};`,
      errors: [{ messageId: 'swallowedError', line: 2, data: { what: 'only logs the error', trigger: 'SQS' } }],
    },
    {
      // middy-wrapped.
      code: `import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
const lambdaHandler = async (event: SNSEvent) => {
  try { await deliver(event.Records[0].Sns.Message); } catch (err) { Sentry.captureException(err); }
};
export const handler = middy(lambdaHandler).use(injectLambdaContext(logger));`,
      errors: [{ messageId: 'swallowedError', line: 4 }],
    },
    {
      // Class-based.
      code: `import type { SNSEvent } from 'aws-lambda';
class Notifier {
  async handler(event: SNSEvent) {
    try { await this.send(event); } catch (err) { this.logger.warn('send failed', err); }
  }
  async send(event: SNSEvent) { return event; }
}
const notifier = new Notifier();
export const handler = notifier.handler.bind(notifier);`,
      errors: [{ messageId: 'swallowedError', line: 4, data: { what: 'only logs the error', trigger: 'SNS' } }],
    },
    {
      // Local wrapper, trigger from settings, a .catch with an empty block.
      code: `export const handler = withTracing(async (event) => {
  await publish(event.detail).catch(() => {});
});`,
      settings: handlerWith('eventbridge'),
      errors: [{ messageId: 'swallowedError', line: 2, data: { what: 'is empty', trigger: 'EventBridge' } }],
    },
    {
      // An HTTP-style error response from a queue handler is a success.
      code: `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => {
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
    return { statusCode: 200 };
  } catch (err) {
    console.error(err);
    return { statusCode: 500, body: 'failed' };
  }
};`,
      errors: [{ messageId: 'statusCodeResponse', line: 8, data: { trigger: 'SQS' } }],
    },
    {
      // Only a throw after the try statement fails the invocation; one before it ran already.
      name: 'a throw before the try statement does not excuse a catch that only logs',
      code: `import type { SQSHandler } from 'aws-lambda';
export const handler: SQSHandler = async (event) => {
  if (event.Records.length === 0) throw new Error('empty batch');
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
  } catch (err) {
    console.error(err);
  }
};`,
      errors: [{ messageId: 'swallowedError', line: 6, column: 5, data: { what: 'only logs the error', trigger: 'SQS' } }],
    },
    {
      // The listener's throw runs later, on another event: it does not fail this invocation.
      name: 'a throw inside a function defined after the try does not excuse a catch that only logs',
      code: `import type { SQSHandler } from 'aws-lambda';
export const handler: SQSHandler = async (event) => {
  try {
    await Promise.all(event.Records.map((r) => save(r.body)));
  } catch (err) {
    console.error(err);
  }
  emitter.on('error', (e) => { throw e; });
};`,
      errors: [{ messageId: 'swallowedError', line: 5, column: 5, data: { what: 'only logs the error', trigger: 'SQS' } }],
    },
    {
      name: 'callback(undefined, statusCode object) in the catch is a success response too',
      code: `module.exports.handler = (event, context, callback) => {
  try {
    process(event.Records[0].Sns.Message);
    callback(undefined, { statusCode: 200 });
  } catch (err) {
    callback(undefined, { statusCode: 500, body: err.message });
  }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
      errors: [{ messageId: 'statusCodeResponse', line: 6, column: 5, data: { trigger: 'SNS' } }],
    },
    {
      // Callback handler answering an SNS event with a 500 response.
      code: `module.exports.handler = (event, context, callback) => {
  try {
    process(event.Records[0].Sns.Message);
    callback(null, { statusCode: 200 });
  } catch (err) {
    callback(null, { statusCode: 500, body: err.message });
  }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
      errors: [{ messageId: 'statusCodeResponse', line: 6, data: { trigger: 'SNS' } }],
    },
    {
      // A TypeScript `this` parameter is erased: the event and the callback are the parameters after it.
      name: 'a handler with a this parameter: the trigger from the event type, and the callback after the context',
      code: `import type { Callback, Context, SQSEvent } from 'aws-lambda';
export function handler(this: void, event: SQSEvent, context: Context, done: Callback): void {
  try { publish(event.Records[0].body); } catch (err) { console.error(err); done(); }
}`,
      errors: [{ messageId: 'swallowedError', line: 3, column: 43, data: { what: 'calls back without the error', trigger: 'SQS' } }],
    },
    {
      name: 'callback() or callback(null) after logging ends the invocation as a success, in a clause, after return, and in .catch',
      code: `module.exports.handler = (event, context, done) => {
  try { publish(event.Records[0].Sns.Message); } catch (err) { console.error(err); done(); }
  try { publish(event.Records[0].Sns.Message); } catch (err) { return done(null); }
  publish(event.Records[0].Sns.Message).catch(() => done(undefined));
  try { publish(event.Records[0].Sns.Message); } catch (err) { done(void 0); }
};`,
      languageOptions: CJS,
      settings: handlerWith('sns'),
      errors: [
        { messageId: 'swallowedError', line: 2, column: 50, data: { what: 'calls back without the error', trigger: 'SNS' } },
        { messageId: 'swallowedError', line: 3, column: 50, data: { what: 'calls back without the error', trigger: 'SNS' } },
        { messageId: 'swallowedError', line: 4, column: 3, data: { what: 'calls back without the error', trigger: 'SNS' } },
        { messageId: 'swallowedError', line: 5, column: 50, data: { what: 'calls back without the error', trigger: 'SNS' } },
      ],
    },
  ],
});

describe('no-swallowed-error (Python)', () => {
  const run = (code: string, setup: PythonCase) => pythonFindings(noSwallowedError, code, setup);

  it('reports broad except clauses that only log or pass in asynchronously invoked handlers and their helpers', async () => {
    const code = `import logging
logger = logging.getLogger()

def notify(message):
    try:
        send(message)
    except Exception:
        pass

def handler(event, context):
    try:
        notify(event["Records"][0]["Sns"]["Message"])
    except Exception as error:
        logger.exception("failed: %s", error)
    try:
        archive(event)
    except:
        print("archive failed")
        return {"statusCode": 500}
`;
    expect(await run(code, { triggers: ['sns'] })).toEqual([
      { messageId: 'swallowedError', line: 7 },
      { messageId: 'swallowedError', line: 13 },
      { messageId: 'statusCodeResponse', line: 19 },
    ]);
    const findings = await runPythonCheck(noSwallowedError, code, { triggers: ['sns'] });
    expect(findings[1].data).toEqual({ what: 'only logs the error', trigger: 'SNS' });
    expect(findings[0].data).toEqual({ what: 'is empty', trigger: 'SNS' });
  });

  it('accepts re-raising, specific exceptions, commented passes, recorded failures, sync triggers and per-record catches', async () => {
    const code = `import logging
logger = logging.getLogger()

def handler(event, context):
    try:
        work(event)
    except Exception:
        logger.exception("failed")
        raise
    try:
        table.delete_item(Key={"id": event["id"]})
    except table.meta.client.exceptions.ConditionalCheckFailedException:
        pass
    try:
        cleanup()
    except Exception:
        pass  # best effort: the next run cleans up
    try:
        publish(event)
    except Exception as error:
        failures.append(error)
    try:
        audit(event)
    except Exception:
        logger.error("audit failed")
    if failures:
        raise RuntimeError("some steps failed")
`;
    expect(await run(code, { triggers: ['eventbridge'] })).toEqual([]);
    expect(await run(code.replace('raise RuntimeError', 'print'), { triggers: ['rest-api'] })).toEqual([]);
    expect(await run(code.replace('raise RuntimeError', 'print'), { triggers: [] })).toEqual([]);
    const perRecord = `def handler(event, context):
    for record in event["Records"]:
        try:
            save(record["body"])
        except Exception as error:
            print(error)
`;
    expect(await run(perRecord, { triggers: ['sqs'] })).toEqual([]);
    expect(await run(perRecord, { triggers: ['s3'] })).toEqual([{ messageId: 'swallowedError', line: 5 }]);
  });
});
