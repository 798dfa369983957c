import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/no-floating-promise.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';

const ruleTester = createRuleTester();
const here = path.dirname(fileURLToPath(import.meta.url));
/** Type information from a default project: the rule uses it when present. */
const TYPED = { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: path.resolve(here, '../..') } };

ruleTester.run('no-floating-promise', rule, {
  valid: [
    // Awaited and returned SDK v3 calls.
    `import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(client);
export const handler = async (event: { id: string }) => {
  await ddb.send(new PutCommand({ TableName: 't', Item: { id: event.id } }));
  return ddb.send(new GetCommand({ TableName: 't', Key: { id: event.id } }));
};`,
    // Real shape: promises collected with push, then an awaited Promise.all (helper called by the handler).
    `const docClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
async function saveOrder(order, items) {
  const promises = [docClient.send(new PutCommand({ Item: order }))];
  for (const item of items) {
    promises.push(docClient.send(new PutCommand({ Item: item })));
  }
  await Promise.all(promises);
}
export const handler = async (event) => {
  await saveOrder(event.order, event.items);
  return { statusCode: 201 };
};`,
    // Started early, awaited later.
    `export const handler = async (event) => {
  const pending = fetch(event.url);
  const started = Date.now();
  const response = await pending;
  return { started, status: response.status };
};`,
    // Callback handler: the chain itself calls the callback (v2 .promise()).
    {
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.handler = (event, context, callback) => {
  s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }).promise()
    .then(() => callback(null, { statusCode: 200 }))
    .catch(callback);
};`,
      languageOptions: CJS,
    },
    // A chain on a plain promise that settles the callback in then and catch.
    {
      code: `module.exports.hello = (event, context, callback) => {
  const p = new Promise((resolve) => { resolve('success'); });
  p.then(() => callback(null, { message: 'ok' })).catch((e) => callback(e));
};`,
      languageOptions: CJS,
      settings: { lambdalint: { handlers: [{ export: 'hello', runtime: 'nodejs20.x' }] } },
    },
    // The callback is called by the work handed to the promise-returning helper, and in nested chains.
    {
      code: `const dbExecute = (db, fn) => db.then(fn).finally(() => db.close());
function dbConnectAndExecute(dbUrl, fn) { return dbExecute(mongoose.connect(dbUrl), fn); }
module.exports.handler = (event, context, callback) => {
  dbConnectAndExecute(process.env.MONGO_URL, () => (
    UserModel.find({ _id: event.pathParameters.id })
      .then((user) => callback(null, { statusCode: 200, body: JSON.stringify(user) }))
      .catch((err) => callback(null, { statusCode: 500, body: err.message }))
  ));
};
module.exports.main = (event, context, callback) => {
  getJoke().then((joke) => {
    tweet(joke).then((r) => callback(null, r)).catch((e) => callback(e));
  }).catch(callback);
};`,
      languageOptions: CJS,
    },
    // A parameter that happens to share a name with nothing async: calling it is not a promise.
    `export async function handler(event, { onError }) {
  try { await fetch(event.url); } catch { onError('network'); }
}`,
    // Inside a Promise executor, chaining into resolve/reject is the completion.
    `export const handler = async (event) => {
  return await new Promise((resolve, reject) => {
    sqsClient.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: event.body })).then(resolve, reject);
  });
};`,
    // Async work per record collected with an awaited Promise.allSettled.
    `async function processRecord(record) { await ddb.send(new PutCommand({ Item: JSON.parse(record.body) })); }
export const handler = async (event) => {
  const results = await Promise.allSettled(event.Records.map(async (record) => processRecord(record)));
  return results;
};`,
    // middy-wrapped, awaited.
    `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
const lambdaHandler = async (event) => {
  await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: JSON.stringify(event.body) }));
  return { statusCode: 202 };
};
export const handler = middy(lambdaHandler).use(jsonBodyParser());`,
    // Local wrapper function, Promise.all awaited with destructuring.
    `const wrap = (fn) => async (event, context) => fn(event, context);
export const handler = wrap(async (event) => {
  const [a, b] = await Promise.all([fetch(event.a), fetch(event.b)]);
  return { a: a.status, b: b.status };
});`,
    // Class-based (Powertools style): the sibling method's promise is returned and awaited.
    `class Lambda {
  async handler(event) {
    await this.save(event);
    return 'ok';
  }
  async save(event) {
    return ddb.send(new PutCommand({ TableName: 't', Item: event }));
  }
}
const instance = new Lambda();
export const handler = instance.handler.bind(instance);`,
    // Handlers come from settings: the floating call is in an export that is not a handler.
    {
      code: `export const worker = async (event) => { await sqs.send(new DeleteMessageCommand({})); };
export const handler = async () => { sqs.send(new SendMessageCommand({})); };`,
      settings: { lambdalint: { handlers: [{ export: 'worker', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
    },
    // Module scope (init phase) and non-handler code are out of scope.
    `async function loadConfig() { return fetch('https://config'); }
const configPromise = loadConfig();
export async function helperNotCalled() { fetch('https://x'); }
export const handler = async () => (await configPromise).json();`,
    // \`send\` on something that is not an SDK client.
    {
      code: `const wsClient = new WebSocket(process.env.WS_URL);
exports.handler = async (event) => {
  wsClient.send(JSON.stringify(event));
  const messenger = new Messenger(twilio);
  const res = createResponse();
  res.send('done');
  return messenger;
};`,
      languageOptions: CJS,
    },
    // Returned chain and returned array of promises.
    {
      code: `module.exports.handler = (event) => fetch(event.url).then((r) => r.json());
module.exports.main = async (event) => {
  const pending = [];
  for (const record of event.Records) pending.push(processRecord(record));
  return Promise.all(pending);
};
async function processRecord(record) { return record; }`,
      languageOptions: CJS,
    },
    // Passed to another function (which may await it): not judged.
    `export const handler = async (event) => {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000));
  return Promise.race([fetch(event.url), timeout]);
};`,
    // A plain synchronous helper.
    `function format(x) { return String(x); }
export const handler = async (event) => { format(event); return 'ok'; };`,
    // With type information, a \`send\` that returns void is not a promise.
    {
      code: `declare const notificationClient: { send(message: string): void };
export const handler = async () => { notificationClient.send('hi'); };`,
      filename: 'typed-valid.ts',
      languageOptions: TYPED,
    },
    // ---- added for mutation testing (round 3): exemptions and limits ----
    // A generator that returns a promise is not a promise producer: calling it only builds an iterator.
    `function* pages(urls) {
  return fetch(urls[0]);
}
export const handler = async (event) => {
  pages(event.urls);
  return { statusCode: 200 };
};`,
    // Producers are followed through at most five plain functions: the sixth level is not looked into.
    // (The handler comes first: a helper visited on its own first is remembered as a producer.)
    `export const handler = async (event) => {
  step1(event.url);
};
function step1(url) { return step2(url); }
function step2(url) { return step3(url); }
function step3(url) { return step4(url); }
function step4(url) { return step5(url); }
function step5(url) { return step6(url); }
function step6(url) { return fetch(url); }`,
    // A recursive helper that returns numbers is not a producer (the recursion guard assumes "no" while looking).
    `function countDown(n) {
  if (n > 0) return countDown(n - 1);
  return 0;
}
export const handler = async (event) => {
  countDown(event.retries);
  return { statusCode: 200 };
};`,
    // A helper that only returns a promise from a nested function (never called) does not return one itself.
    `function makeSender(url) {
  const send = () => {
    return fetch(url);
  };
  return send;
}
export const handler = async (event) => {
  makeSender(event.url);
  return { statusCode: 200 };
};`,
    // Object-literal methods: a sync method next to an async one is not a producer.
    `const orders = {
  save: async (order) => { await ddb.send(new PutCommand({ TableName: 'orders', Item: order })); },
  count(list) { return list.length; },
};
export const handler = async (event) => {
  orders.count(event.items);
  return { statusCode: 200 };
};`,
    // Class methods: a sync method declared after an async one is not a producer.
    `class OrderService {
  async save(order) { await ddb.send(new PutCommand({ TableName: 'orders', Item: order })); }
  format(order) { return JSON.stringify(order); }
  async handle(event) {
    this.format(event.order);
    return { statusCode: 200 };
  }
}
const service = new OrderService();
export const handler = service.handle.bind(service);`,
    // send() of something whose name merely contains "Command" on a non-client object is not an SDK call.
    `export const handler = async (event) => {
  socket.send(new CommandFrame(event.body));
  return { statusCode: 200 };
};`,
    // Ordinary method calls and async callbacks given to non-map methods are not producers.
    `export const handler = async (event) => {
  logger.info('received', event.id);
  const router = createRouter();
  router.use(async (request, next) => { await next(); });
  return router.handle(event);
};`,
    // Yielded promises are the consumer's to await.
    `async function* downloads(urls) {
  for (const url of urls) yield fetch(url);
}
export const handler = async (event) => {
  for await (const response of downloads(event.urls)) console.log(response.status);
};`,
    // A promise in a conditional's test position is not followed (the ternary value is not the promise).
    `export const handler = async (event) => {
  fetch(event.url) ? log('started') : log('skipped');
};`,
    // Handed to a non-logging function (waitUntil-style): it may wait for it.
    `export const handler = async (event) => {
  waitUntil(fetch(event.url));
  return { statusCode: 202 };
};`,
    // A property of the promise is read: we cannot tell what its owner does with it.
    `export const handler = async (event) => {
  const job = fetch(event.url);
  registry.set(event.id, job.id);
};`,
    // Compound assignment is not followed.
    `export const handler = async (event) => {
  let pending = null;
  pending ??= fetch(event.url);
  return { statusCode: 200 };
};`,
    // Callback handler: each of context.succeed, context.fail and context.done settles the invocation.
    {
      code: `exports.handler = (event, context) => {
  if (event.kind === 'a') loadOrder(event.id).then((order) => context.succeed(order));
  else if (event.kind === 'b') loadOrder(event.id).catch((error) => context.fail(error));
  else loadOrder(event.id).finally(() => context.done());
};`,
      languageOptions: CJS,
    },
    // ---- added for mutation testing ----
    // Stored, then awaited through a reassignment, a conditional test or a ternary branch.
    `export const handler = async (event) => {
  let p;
  p = fetch(event.url);
  const q = event.fast ? fetch(event.a) : fetch(event.b);
  if (await p) return q;
  return null;
};`,
    // A chain that settles the handler's context (context.succeed) or the executor's resolve.
    {
      code: `exports.handler = (event, context) => {
  fetch(event.url).then((r) => context.succeed(r)).catch((e) => context.fail(e));
};`,
      languageOptions: CJS,
    },
    {
      code: `exports.handler = (event, ctx, done) => {
  fetch(event.url).then(done);
};`,
      languageOptions: CJS,
    },
    // Module-level state outlives the invocation; a generator is not a promise; a promise() with arguments is not SDK v2.
    `let warm;
function* ids() { yield 1; }
export const handler = async (event) => {
  warm = fetch(event.url);
  ids();
  event.emitter.promise(1);
  return 'ok';
};`,
    // A spread into an awaited Promise.all, and a returned async map.
    `export const handler = async (event) => {
  const first = [fetch(event.a)];
  await Promise.all([...first, fetch(event.b)]);
  return event.items.map(async (i) => save(i));
};`,
    // ---- added for mutation testing (round 4): limits, non-producers and exemptions ----
    // Arrow helpers count levels like function declarations: a sixth arrow level is not looked into.
    `export const handler = async (event) => {
  step1(event.url);
};
const step1 = (url) => step2(url);
const step2 = (url) => step3(url);
const step3 = (url) => step4(url);
const step4 = (url) => step5(url);
const step5 = (url) => step6(url);
const step6 = (url) => fetch(url);`,
    // send() on objects that are not SDK clients: a *Client* class that does not end in Client, a
    // Client.from*() factory other than from(), a name that only contains "client".
    `import { clientSocket } from './socket';
const socket = new ClientSocket(process.env.GATEWAY_URL);
const iotHub = Client.fromConnectionString(process.env.IOT_HUB_CONNECTION);
export const handler = async (event) => {
  socket.send(JSON.stringify(event));
  iotHub.send(event.deviceId, event.message, (err) => console.log(err));
  clientSocket.send(JSON.stringify(event));
};`,
    // new of anything but Promise is not a promise, even when only logged.
    `export const handler = async (event) => {
  const receivedAt = new Date();
  console.log('received at', receivedAt);
  return { statusCode: 200 };
};`,
    // Only send() is judged by the client's name: pg's client.release() is not a promise.
    `export const handler = async (event) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM orders WHERE id = $1', [event.id]);
    return rows;
  } finally {
    client.release();
  }
};`,
    // forEach/map with a sync named function or a method reference does not start promises.
    `function logRecord(record) { console.log(record.messageId); }
export const handler = async (event) => {
  event.Records.forEach(console.log);
  event.Records.forEach(logRecord);
  return event.Records.map(getId);
};`,
    // forEach(async ...) in init code or in an export that is not a handler is out of scope.
    `const params = {};
['DB_URL', 'API_KEY'].forEach(async (name) => { params[name] = await loadParameter(name); });
export function warmCache(keys) { keys.forEach(async (key) => { await cache.load(key); }); }
export const handler = async (event) => params[event.key];`,
    // Promises are followed over at most 64 steps: a 64-link chain is not followed to its statement.
    `export const handler = async (event) => {
  fetch(event.url)${'.then((r) => r)'.repeat(64)};
};`,
    // Any other use of an array of promises than push/unshift/length/splice may wait for them.
    `export const handler = async (event) => {
  const writes = event.Records.map((r) => ddb.send(new PutCommand({ TableName: 'orders', Item: r })));
  return Promise.allSettled(writes.slice(0, 25));
};`,
    // A promise returned to a callback of an unknown method (p-queue's add) is that method's to wait for.
    `export const handler = async (event) => {
  const queue = new PQueue({ concurrency: 2 });
  queue.add(() => fetch(event.a));
  queue.add(() => fetch(event.b));
  await queue.onIdle();
};`,
    // CommonJS: a top-level variable is global state and outlives the invocation, like module state.
    {
      code: `let warm;
exports.handler = async (event) => {
  warm = fetch(event.url);
  return 'ok';
};`,
      languageOptions: CJS,
    },
  ],
  invalid: [
    {
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: { id: string }) => {
  ddb.send(new PutCommand({ TableName: 't', Item: { id: event.id } }));
  return { statusCode: 202 };
};`,
      errors: [{ messageId: 'floatingPromise', line: 5, data: { what: 'ddb.send()' } }],
    },
    {
      // SDK v2 `.promise()`, CommonJS.
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.handler = async (event) => {
  s3.putObject({ Bucket: 'b', Key: event.key, Body: '' }).promise();
  return 'ok';
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromise', line: 4 }],
    },
    {
      code: `export const handler = async (event) => {
  fetch('https://hooks.example.com', { method: 'POST', body: JSON.stringify(event) });
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, data: { what: 'fetch()' } }],
    },
    {
      // An async function declared in the file, called without await.
      code: `async function audit(event) { await ddb.send(new PutCommand({ Item: event })); }
export const handler = async (event) => {
  audit(event);
  return { statusCode: 200 };
};`,
      errors: [{ messageId: 'floatingPromise', line: 3, data: { what: 'audit()' } }],
    },
    {
      // A local async arrow and a non-async function returning a promise.
      code: `const publish = (msg) => sns.send(new PublishCommand({ Message: msg }));
export const handler = async (event) => {
  const notify = async () => { await publish('a'); };
  notify();
  publish('b');
};`,
      errors: [
        { messageId: 'floatingPromise', line: 4, data: { what: 'notify()' } },
        { messageId: 'floatingPromise', line: 5, data: { what: 'publish()' } },
      ],
    },
    {
      code: `export const handler = async (event: SQSEvent) => {
  event.Records.forEach(async (record) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: record.body }));
  });
};`,
      errors: [{ messageId: 'asyncForEach', line: 2 }],
    },
    {
      // forEach with a callback that returns a promise.
      code: `exports.handler = async (event) => {
  event.items.forEach((item) => ddbClient.send(new PutItemCommand({ Item: item })));
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'asyncForEach', line: 2 }],
    },
    {
      code: `export const handler = async () => {
  new Promise((resolve) => setTimeout(resolve, 100));
  return 'done';
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, data: { what: 'new Promise()' } }],
    },
    {
      // A then-chain statement on an imported function's result.
      code: `import { sendMetrics } from './metrics';
export const handler = async (event) => {
  sendMetrics(event).then(() => console.log('sent'));
  return { ok: true };
};`,
      errors: [{ messageId: 'floatingPromise', line: 3 }],
    },
    {
      code: `export const handler = async (event) => {
  void snsClient.send(new PublishCommand({ TopicArn: 't', Message: 'm' }));
  return { statusCode: 202 };
};`,
      errors: [{ messageId: 'voidPromise', line: 2, data: { what: 'snsClient.send()' } }],
    },
    {
      // Callback handler that fires a promise and calls back right away.
      code: `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
module.exports.handler = (event, context, callback) => {
  sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }));
  callback(null, { statusCode: 202 });
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromiseCallbackHandler', line: 4, data: { what: 'sqs.send()' } }],
    },
    {
      // Assigned, never awaited.
      code: `export const handler = async (event) => {
  const saved = ddbClient.send(new PutItemCommand({ Item: event }));
  console.log('saving', saved);
  return { ok: true };
};`,
      errors: [{ messageId: 'floatingPromise', line: 2 }],
    },
    {
      // An array of promises only counted.
      code: `export const handler = async (event) => {
  const sends = event.Records.map((r) => sqsClient.send(new SendMessageCommand({ MessageBody: r.body })));
  return { queued: sends.length };
};`,
      errors: [{ messageId: 'floatingPromise', line: 2 }],
    },
    {
      // map(async ...) and Promise.all that are not awaited.
      code: `async function handle(r) { return r; }
export const handler = async (event) => {
  event.Records.map(async (r) => handle(r));
  Promise.all([handle(1), handle(2)]);
};`,
      errors: [
        { messageId: 'floatingPromise', line: 3, data: { what: 'event.Records.map()' } },
        { messageId: 'floatingPromise', line: 4, data: { what: 'Promise.all()' } },
      ],
    },
    {
      // middy-wrapped.
      code: `import middy from '@middy/core';
async function publish(e) { await eventBridge.send(new PutEventsCommand({ Entries: [e] })); }
export const handler = middy(async (event) => {
  publish(event);
  return { statusCode: 202 };
}).use(httpErrorHandler());`,
      errors: [{ messageId: 'floatingPromise', line: 4 }],
    },
    {
      // Local wrapper.
      code: `export const handler = withSentry(async (event) => {
  fetch(event.callbackUrl, { method: 'POST' });
  return { statusCode: 200 };
});`,
      errors: [{ messageId: 'floatingPromise', line: 2 }],
    },
    {
      // Class-based: a sibling async method called without await, and a floating send inside it.
      code: `class Lambda {
  async handler(event) {
    this.save(event);
    return 'ok';
  }
  async save(event) {
    this.client.send(new PutCommand({ Item: event }));
  }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
      errors: [
        { messageId: 'floatingPromise', line: 3, data: { what: 'this.save()' } },
        { messageId: 'floatingPromise', line: 7 },
      ],
    },
    {
      // Inside a module function the handler calls.
      code: `async function processRecord(record) {
  s3Client.send(new PutObjectCommand({ Bucket: 'b', Key: record.messageId, Body: record.body }));
}
exports.handler = async (event) => {
  for (const record of event.Records) await processRecord(record);
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromise', line: 2 }],
    },
    {
      // Handler named by settings.
      code: `export const consume = async (event) => {
  (async () => { await sqs.send(new DeleteMessageCommand({})); })();
};`,
      settings: { lambdalint: { handlers: [{ export: 'consume', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'floatingPromise', line: 2, data: { what: 'async IIFE' } }],
    },
    {
      // With type information, any call whose type is a promise.
      code: `declare function saveAudit(id: string): Promise<void>;
export const handler = async (event: { id: string }) => {
  saveAudit(event.id);
};`,
      filename: 'typed-invalid.ts',
      languageOptions: TYPED,
      errors: [{ messageId: 'floatingPromise', line: 3, data: { what: 'saveAudit()' } }],
    },
    // ---- added for mutation testing (round 3) ----
    {
      name: 'a producer found through exactly five plain functions (the depth limit) is reported',
      code: `export const handler = async (event) => {
  step1(event.url);
};
const step1 = (url) => step2(url);
const step2 = (url) => step3(url);
const step3 = (url) => step4(url);
const step4 = (url) => step5(url);
const step5 = (url) => fetch(url);`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'step1()' } },
      ],
    },
    {
      name: 'an async object-literal method is a producer, named in the message',
      code: `const orders = {
  count(list) { return list.length; },
  save: async (order) => { await ddb.send(new PutCommand({ TableName: 'orders', Item: order })); },
};
export const handler = async (event) => {
  orders.save(event.order);
};`,
      errors: [{ messageId: 'floatingPromise', line: 6, column: 3, data: { what: 'orders.save()' } }],
    },
    {
      name: 'a two-link chain on a producer is reported once, at the producer',
      code: `export const handler = async (event) => {
  fetch(event.url).then((response) => response.json()).catch(() => null);
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'fetch()' } }],
    },
    {
      name: 'an array literal of promises only counted is floating',
      code: `export const handler = async (event) => {
  const jobs = [fetch(event.a), fetch(event.b)];
  metrics.count = jobs.length;
};`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 17, data: { what: 'fetch()' } },
        { messageId: 'floatingPromise', line: 2, column: 33, data: { what: 'fetch()' } },
      ],
    },
    {
      name: 'a promise assigned to a local and never read again is floating',
      code: `export const handler = async (event) => {
  let pending;
  pending = fetch(event.url);
  return { statusCode: 202 };
};`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 13, data: { what: 'fetch()' } }],
    },
    {
      name: 'callback handler: a chain on a stored promise that only logs does not settle the callback',
      code: `exports.handler = (event, context, callback) => {
  const pending = loadOrder(event.id);
  pending.then((order) => console.log(order));
  callback(null, { statusCode: 202 });
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromiseCallbackHandler', line: 3, column: 3, data: { what: 'pending.then()' } }],
    },
    {
      name: 'the chain head is looked for over at most 64 links',
      code: `export const handler = async (event) => {
  getData(event.id)${'.then((r) => r)'.repeat(65)};
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'getData(event.id).then().then()' } }],
    },
    {
      name: 'callback handler: a settling call more than 64 links down the chain is not seen',
      code: `exports.handler = (event, context, callback) => {
  getData(event.id).then((r) => callback(null, r))${'.then((r) => r)'.repeat(64)};
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromiseCallbackHandler', line: 2, column: 3 }],
    },
    {
      name: 'with type information an any-typed result falls back to the heuristics',
      code: `declare const ddb: any;
export const handler = async (event: { id: string }) => {
  ddb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: event.id } } }));
};`,
      languageOptions: TYPED,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'ddb.send()' } }],
    },
  // ---- added for mutation testing: each documented producer, sink and message ----
    {
      name: 'void fetch(): its own message, at the call',
      code: `export const handler = async (event) => {
  void fetch(event.url);
};`,
      errors: [{ messageId: 'voidPromise', line: 2, column: 8, data: { what: 'fetch()' } }],
    },
    {
      name: 'forEach with a named async function',
      code: `async function save(record) { await ddb.send(new PutCommand({ Item: record })); }
export const handler = async (event) => {
  event.Records.forEach(save);
};`,
      errors: [{ messageId: 'asyncForEach', line: 3, column: 3 }],
    },
    {
      name: 'a callback handler: its own message',
      code: `exports.handler = (event, context, callback) => {
  fetch(event.url);
  callback(null, 'ok');
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromiseCallbackHandler', line: 2, column: 3, data: { what: 'fetch()' } }],
    },
    {
      name: 'a non-async handler that returns a promise is not callback style',
      code: `exports.handler = (event) => {
  fetch(event.audit);
  return fetch(event.url);
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3 }],
    },
    {
      name: 'new Promise, Promise.all and a client built with new XClient()',
      code: `const sqs = new SQSClient({});
export const handler = async (event) => {
  new Promise((resolve) => setTimeout(resolve, 10));
  Promise.all([fetch(event.a), fetch(event.b)]);
  sqs.send(event.command);
};`,
      errors: [
        { messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'new Promise()' } },
        { messageId: 'floatingPromise', line: 4, column: 3, data: { what: 'Promise.all()' } },
        { messageId: 'floatingPromise', line: 5, column: 3, data: { what: 'sqs.send()' } },
      ],
    },
    {
      name: 'a command held in a variable, a client from XClient.from() and a *Client property',
      code: `const docs = DynamoDBDocumentClient.from(raw);
export const handler = async (event) => {
  const put = new PutCommand({ Item: event });
  other.send(put);
  docs.send(event.command);
  this.s3Client.send(event.command);
};`,
      errors: [
        { messageId: 'floatingPromise', line: 4, column: 3, data: { what: 'other.send()' } },
        { messageId: 'floatingPromise', line: 5, column: 3, data: { what: 'docs.send()' } },
        { messageId: 'floatingPromise', line: 6, column: 3, data: { what: 'this.s3Client.send()' } },
      ],
    },
    {
      name: 'SDK v2 .promise() and a .then chain on a local async function',
      code: `async function getForecast(city) { return city; }
export const handler = async (event) => {
  s3.putObject({ Bucket: 'b', Key: 'k' }).promise();
  getForecast(event.city).then((f) => console.log(f));
};`,
      errors: [
        { messageId: 'floatingPromise', line: 3, column: 3, data: { what: 's3.putObject({ Bucket: \'b\', Key: \'k\' }).promise()' } },
        { messageId: 'floatingPromise', line: 4, column: 3, data: { what: 'getForecast()' } },
      ],
    },
    {
      name: 'a chain on an unknown value is reported as a chain',
      code: `export const handler = async (event) => {
  loadUser(event.id).then((u) => save(u)).catch(console.error);
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'loadUser().catch()' } }],
    },
    {
      name: 'functions returning Promise.resolve, Promise.reject or a chain; object-literal and class methods',
      code: `function later() { return Promise.resolve(1); }
const fail = () => Promise.reject(new Error('x'));
function chained(x) { return x.then((v) => v); }
const repo = { save: async (item) => item, load(id) { return fetch(id); } };
class Store { async put(x) { return x; } static async drop() {} }
const store = new Store();
export const handler = async (event) => {
  later();
  fail();
  chained(event.p);
  repo.save(event);
  repo.load(event.id);
  store.put(event);
  Store.drop();
};`,
      errors: [
        { messageId: 'floatingPromise', line: 8, column: 3, data: { what: 'later()' } },
        { messageId: 'floatingPromise', line: 9, column: 3, data: { what: 'fail()' } },
        { messageId: 'floatingPromise', line: 10, column: 3, data: { what: 'chained()' } },
        { messageId: 'floatingPromise', line: 11, column: 3, data: { what: 'repo.save()' } },
        { messageId: 'floatingPromise', line: 12, column: 3, data: { what: 'repo.load()' } },
        { messageId: 'floatingPromise', line: 13, column: 3, data: { what: 'store.put()' } },
        { messageId: 'floatingPromise', line: 14, column: 3, data: { what: 'Store.drop()' } },
      ],
    },
    {
      name: 'this.method() of the handler class, including an arrow property',
      code: `class Handler {
  notify = async (x) => x;
  async handle(event) {
    this.notify(event);
    this.audit(event);
    return 'ok';
  }
  audit(event) { return fetch(event.url); }
}
const h = new Handler();
export const handler = h.handle.bind(h);`,
      errors: [
        { messageId: 'floatingPromise', line: 4, column: 5, data: { what: 'this.notify()' } },
        { messageId: 'floatingPromise', line: 5, column: 5, data: { what: 'this.audit()' } },
      ],
    },
    {
      name: 'items.map(async ...) and flatMap as statements: arrays of promises',
      code: `export const handler = async (event) => {
  event.Records.map(async (r) => save(r));
  event.Records.flatMap(async (r) => [save(r)]);
};`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'event.Records.map()' } },
        { messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'event.Records.flatMap()' } },
      ],
    },
    {
      name: 'a sync map callback returning fetch: the array is never awaited',
      code: `export const handler = async (event) => {
  event.urls.map((u) => fetch(u));
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 25, data: { what: 'fetch()' } }],
    },
    {
      name: 'conditional, logical, sequence and TypeScript wrappers still float',
      code: `export const handler = async (event) => {
  event.fast ? fetch(event.a) : fetch(event.b);
  event.ok && fetch(event.c);
  (fetch(event.d), 1);
  fetch(event.e) as Promise<Response>;
  fetch(event.f)!;
};`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 16 },
        { messageId: 'floatingPromise', line: 2, column: 33 },
        { messageId: 'floatingPromise', line: 3, column: 15 },
        { messageId: 'floatingPromise', line: 4, column: 4 },
        { messageId: 'floatingPromise', line: 5, column: 3 },
        { messageId: 'floatingPromise', line: 6, column: 3 },
      ],
    },
    {
      name: 'collected, counted or logged, but never awaited',
      code: `export const handler = async (event) => {
  const pending = [];
  pending.push(fetch(event.a));
  console.log(pending.length, fetch(event.b));
  const later = fetch(event.c);
  logger.info(later);
};`,
      errors: [
        { messageId: 'floatingPromise', line: 3, column: 16 },
        { messageId: 'floatingPromise', line: 4, column: 31 },
        { messageId: 'floatingPromise', line: 5, column: 17 },
      ],
    },
    {
      name: 'a long callee is shortened in the message',
      code: `export const handler = async (event) => {
  void someVeryLongServiceObjectName.withAnEvenLongerChainOfProperties.andOneMore.start().then(done);
};`,
      errors: [{ messageId: 'voidPromise', line: 2, column: 8, data: { what: 'someVeryLongServiceObjectName.withAnEvenLongerChainOfProp...().then()' } }],
    },
    // ---- added for mutation testing (round 4) ----
    {
      name: 'mutual recursion: a helper looked at while its partner is being looked at is still a producer',
      code: `export const handler = async (event) => {
  await publish(event.detail);
  republish(event.detail);
  return { statusCode: 202 };
};
function publish(detail) {
  if (!detail.retry) return eventBridge.send(new PutEventsCommand({ Entries: [detail] }));
  return republish({ ...detail, retry: false });
}
function republish(detail) { return publish(detail); }`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'republish()' } }],
    },
    {
      name: 'a chain on a variable holding a producer is reported once, at the producer',
      code: `export const handler = async (event) => {
  const pending = fetch(event.url);
  pending.then((response) => console.log(response.status));
  return { statusCode: 202 };
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 19, data: { what: 'fetch()' } }],
    },
    {
      name: 'a chain on a variable assigned later is reported as the chain, not twice',
      code: `export const handler = async (event) => {
  let pending;
  pending = fetch(event.url);
  pending.then((response) => console.log(response.status));
};`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 3, data: { what: 'pending.then()' } }],
    },
    {
      name: 'a callee over several lines is put on one line in the message',
      code: `export const handler = async (event) => {
  s3.putObject({
    Bucket: BUCKET,
    Key: event.key,
  })
    .promise();
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, data: { what: 's3.putObject({ Bucket: BUCKET, Key: event.key, }).promise()' } }],
    },
    {
      name: 'a callee of exactly 60 characters is not shortened; of 63 it is',
      code: `export const handler = async (event) => {
  notificationsService.deliveryChannels.primaryWebhook.deliver(event).then(() => console.log('sent'));
  notificationsService.deliveryChannels.primaryWebhook.deliverAll(event).then(() => console.log('sent'));
};`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 3, data: { what: 'notificationsService.deliveryChannels.primaryWebhook.deliver().then()' } },
        { messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'notificationsService.deliveryChannels.primaryWebhook.deli...().then()' } },
      ],
    },
    {
      name: 'in a comma expression only the last value is returned: the others float',
      code: `export const handler = async (event) => (fetch(event.auditUrl), fetch(event.url));`,
      errors: [{ messageId: 'floatingPromise', line: 1, column: 42, data: { what: 'fetch()' } }],
    },
    {
      name: 'collected with unshift and only counted',
      code: `export const handler = async (event) => {
  const queue = [];
  queue.unshift(fetch(event.priorityUrl));
  return { queued: queue.length };
};`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 17, data: { what: 'fetch()' } }],
    },
    {
      name: 'flatMap returning arrays of promises, only counted',
      code: `export const handler = async (event) => {
  const sends = event.Records.flatMap((r) => [fetch(r.a), fetch(r.b)]);
  return { queued: sends.length };
};`,
      errors: [
        { messageId: 'floatingPromise', line: 2, column: 47, data: { what: 'fetch()' } },
        { messageId: 'floatingPromise', line: 2, column: 59, data: { what: 'fetch()' } },
      ],
    },
    {
      name: 'a promise returned from a then callback floats with its chain; an unknown head chain is reported once',
      code: `async function saveResult(result) { await ddb.send(new PutCommand({ TableName: 'results', Item: result })); }
export const handler = async (event) => {
  fetch(event.url).then((response) => saveResult(response));
  loadUser(event.id).then((user) => fetch(user.avatarUrl));
  fetch(event.next).then(async (response) => {
    await saveResult(await response.json());
  });
};`,
      errors: [
        { messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'fetch()' } },
        { messageId: 'floatingPromise', line: 3, column: 39, data: { what: 'saveResult()' } },
        { messageId: 'floatingPromise', line: 4, column: 3, data: { what: 'loadUser().then()' } },
        { messageId: 'floatingPromise', line: 5, column: 3, data: { what: 'fetch()' } },
      ],
    },
    {
      name: 'a variable reassigned with its own chain is still followed',
      code: `export const handler = async (event) => {
  let upload = s3Client.send(new PutObjectCommand({ Bucket: 'b', Key: event.key }));
  upload = upload.then(() => console.log('uploaded'));
  return { statusCode: 202 };
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 16, data: { what: 's3Client.send()' } }],
    },
    {
      name: 'a stored promise that is voided, then logged: the void message',
      code: `export const handler = async (event) => {
  const flush = fetch(event.metricsUrl);
  void flush;
  console.log('flush started', flush);
};`,
      errors: [{ messageId: 'voidPromise', line: 2, column: 17, data: { what: 'fetch()' } }],
    },
    {
      name: 'a stored promise returned from a forEach callback: the forEach message',
      code: `export const handler = async (event) => {
  event.Records.forEach((record) => {
    const sent = sqsClient.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: record.body }));
    return sent;
  });
};`,
      errors: [{ messageId: 'asyncForEach', line: 3, column: 18 }],
    },
    {
      name: 'forEach with a concise async callback is reported once, on the forEach',
      code: `export const handler = async (event) => {
  event.Records.forEach(async (record) => sqsClient.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: record.body })));
};`,
      errors: [{ messageId: 'asyncForEach', line: 2, column: 3 }],
    },
    {
      name: 'this.method(): an arrow property declared first does not hide the method',
      code: `class OrderService {
  log = (message) => console.log(message);
  async save(order) { await ddb.send(new PutCommand({ TableName: 'orders', Item: order })); }
  async handle(event) {
    this.save(event.order);
    return { statusCode: 202 };
  }
}
const service = new OrderService();
export const handler = service.handle.bind(service);`,
      errors: [{ messageId: 'floatingPromise', line: 5, column: 5, data: { what: 'this.save()' } }],
    },
    {
      name: 'with type information a union with a promise member is a promise',
      code: `declare function cachedFetch(url: string): Response | Promise<Response>;
export const handler = async (event: { url: string }) => {
  cachedFetch(event.url);
};`,
      filename: 'typed-union.ts',
      languageOptions: TYPED,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'cachedFetch()' } }],
    },
    {
      name: 'a destructured element of an async map is not its producer: its chain is reported',
      code: `export const handler = async (event) => {
  const [primary] = event.regions.map(async (region) => replicate(region, event.item));
  primary.then(() => console.log('primary written'));
};`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'primary.then()' } }],
    },
    {
      name: 'an async map only counted is floating, like a map returning promises',
      code: `export const handler = async (event) => {
  const jobs = event.Records.map(async (record) => save(record));
  return { queued: jobs.length };
};`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 16, data: { what: 'event.Records.map()' } }],
    },
    {
      name: 'with type information an async map is still an array of promises',
      code: `declare function save(id: string): Promise<void>;
export const handler = async (event: { ids: string[] }) => {
  event.ids.map(async (id) => {
    await save(id);
  });
};`,
      filename: 'typed-map.ts',
      languageOptions: TYPED,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, data: { what: 'event.ids.map()' } }],
    },
  ],
});
