import rule from '../../rules/no-callback-handler.js';
import { describe, expect, it } from 'vitest';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { analyzeFiles, dedent } from '../helpers/temp-project.js';

const ruleTester = createRuleTester();

const runtime = (value: string, exportName = 'handler') => ({
  lambdalint: { handlers: [{ export: exportName, runtime: value }] },
});
const node22 = runtime('nodejs22.x');

ruleTester.run('no-callback-handler', rule, {
  valid: [
    // Async handlers without a callback.
    'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });',
    {
      code: 'exports.handler = async function (event, context) { return context.awsRequestId; };',
      languageOptions: CJS,
      settings: runtime('nodejs24.x'),
    },
    {
      // A callback handler on Node.js 22 whose if/else branches each call the callback once.
      code: `
exports.handler = (event, context, callback) => {
  s3.getObject({ Bucket: 'b', Key: event.key }, (error, data) => {
    if (error) {
      callback(error);
    } else {
      callback(null, data.Body.toString());
    }
  });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // `return callback(err)` ends the error path.
      code: `
module.exports.handler = function (event, context, cb) {
  db.get(event.id, function (err, item) {
    if (err) return cb(err);
    cb(null, item);
  });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // `callback(...); return;` ends the path too.
      code: `
exports.handler = (event, context, done) => {
  if (!event.body) {
    done(null, { statusCode: 400, body: 'missing body' });
    return;
  }
  done(null, { statusCode: 200, body: event.body });
};`,
      languageOptions: CJS,
      settings: { lambdalint: { runtime: 'nodejs20.x' } },
    },
    {
      // Without a known runtime the Node.js 24 note can be switched off.
      code: 'exports.handler = (event, context, callback) => callback(null, event);',
      languageOptions: CJS,
      options: [{ unknownRuntime: 'ignore' }],
    },
    {
      // middy passes `{ signal }` as the third argument; the runtime sees middy's function, not this one.
      code: `
import middy from '@middy/core';
const base = async (event, context, { signal }) => fetch(event.url, { signal });
export const handler = middy(base);`,
      settings: runtime('nodejs24.x'),
    },
    {
      // Response streaming handlers take (event, responseStream, context) and are exempt.
      code: `
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.write('hello');
  responseStream.end();
});`,
      settings: runtime('nodejs24.x'),
    },
    {
      // TypeScript: a non-async handler that returns a promise with two parameters is fine on Node.js 24.
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
export const handler = (event: SQSEvent, context: Context): Promise<void> =>
  Promise.all(event.Records.map((r) => process(r, context.awsRequestId))).then(() => undefined);`,
      settings: runtime('nodejs24.x'),
    },
    {
      // A hoisted function declaration after the call does not run there.
      code: `
exports.handler = (event, context, callback) => {
  callback(null, format(event));
  function format(input) {
    if (!input) callback(new Error('empty'));
    return JSON.stringify(input);
  }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // Each switch case ends with a callback call and a break, nothing calls it after the switch.
      code: `
exports.handler = function (event, context, callback) {
  switch (event.authorizationToken) {
    case 'allow':
      callback(null, policy('Allow'));
      break;
    case 'deny':
      callback(null, policy('Deny'));
      break;
    default:
      callback('Unauthorized');
  }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // try/catch with one call in each part.
      code: `
exports.handler = (event, context, callback) => {
  try {
    callback(null, { statusCode: 200, body: JSON.stringify(JSON.parse(event.body)) });
  } catch (error) {
    callback(null, { statusCode: 400, body: 'invalid JSON' });
  }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // Promise chains: success and failure each call once.
      code: `
exports.handler = function (event, context, callback) {
  fetchUser(event.id)
    .then((user) => callback(null, user))
    .catch((error) => callback(error));
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // A non-Node runtime (custom runtime) is not about the Node.js 24 change.
      code: 'exports.handler = (event, context, callback) => callback(null, 1);',
      languageOptions: CJS,
      settings: runtime('provided.al2023'),
    },
    {
      // A nested function that takes its own `callback` parameter shadows the handler's.
      code: `
exports.handler = (event, context, callback) => {
  const run = (input, callback) => {
    callback(null, input);
    callback(null, input);
  };
  run(event, () => undefined);
  callback(null, 'done');
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // A callback parameter with a default value leaves `handler.length` at 2: the Node.js 24 runtime accepts it.
      code: 'export const handler = (event, context, callback = () => undefined) => { callback(); return Promise.resolve(event); };',
      settings: runtime('nodejs24.x'),
    },
    // ---- added for mutation testing ----
    // Every path ends after its call: return, throw, else branches, a switch whose cases all return.
    {
      code: `exports.handler = (event, context, callback) => {
  if (event.a) { callback(null, 'a'); return; } else if (event.b) { callback(null, 'b'); throw new Error('x'); }
  switch (event.kind) { case 'x': return callback(null, 'x'); default: return callback(null, 'y'); }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    // A nested function that shadows the callback name, and a hoisted function declaration between the calls.
    {
      code: `exports.handler = (event, context, callback) => {
  const retry = (callback) => { callback(); callback(); };
  callback(null, retry);
  function helper() { return 1; }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    // A non-Node runtime and the ignore option: no style finding.
    { code: `exports.handler = (event, context, callback) => callback(null, 1);`, languageOptions: CJS, settings: runtime('python3.12') },
    { code: `exports.handler = (event, context, callback) => callback(null, 1);`, languageOptions: CJS, options: [{ unknownRuntime: 'ignore' }] },
    // A third parameter named context is a streaming handler's, not a callback; two-parameter handlers.
    { code: `exports.handler = (event, responseStream, context) => { context.done(); context.done(); };`, languageOptions: CJS, settings: node22 },
  ],
  invalid: [
    {
      // Real shape: the error branch of sns.publish calls back with 501 and no return,
      // so execution falls through to the success callback.
      code: `
'use strict';
const sns = new SNS();

module.exports.addNote = (event, context, callback) => {
  const data = JSON.parse(event.body);
  const params = { Message: data.note, TopicArn: process.env.TOPIC_ARN };

  sns.publish(params, (error) => {
    if (error) {
      console.error(error);
      callback(null, {
        statusCode: 501,
        body: 'Could not add the note.',
      });
    }
    const response = { statusCode: 200, body: JSON.stringify({ message: 'Added the note.' }) };
    callback(null, response);
  });
};`,
      languageOptions: CJS,
      settings: runtime('nodejs18.x', 'addNote'),
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 10, data: { callback: 'callback', line: 12, next: 18 } }],
    },
    {
      // async + callback: the first to settle wins.
      code: `
export const handler = async (event, context, callback) => {
  const item = await load(event.id);
  callback(null, item);
};`,
      settings: { lambdalint: { runtime: 'nodejs20.x' } },
      errors: [{ messageId: 'asyncWithCallback', line: 2, column: 47, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs20.x' } }],
    },
    {
      // TypeScript: an async handler typed with Handler that declares an unused callback.
      code: `
import type { Handler } from 'aws-lambda';
export const handler: Handler = async (event, context, _callback) => {
  return { ok: true, id: context.awsRequestId };
};`,
      errors: [{ messageId: 'unusedCallbackParameter', line: 3, data: { handler: 'handler', callback: '_callback', runtime: '' } }],
    },
    {
      // The same unused callback on nodejs24.x: the runtime refuses the handler.
      code: `
export const handler = async (event, context, callback) => {
  return { ok: true, id: context.awsRequestId };
};`,
      settings: runtime('nodejs24.x'),
      errors: [{ messageId: 'callbackRemovedInNode24', line: 2, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs24.x' } }],
    },
    {
      // Callback-style handler on nodejs24.x (per-handler runtime from settings).
      code: `
exports.handler = function (event, context, callback) {
  callback(null, { statusCode: 200, body: 'ok' });
};`,
      languageOptions: CJS,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'callbackRemovedInNode24', line: 2, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs24.x' } }],
    },
    {
      // async + callback on Node.js 24: one report, the runtime refuses it.
      code: 'export const handler = async (event, context, cb) => { cb(null, 1); };',
      settings: { lambdalint: { runtime: 'nodejs24.x' } },
      errors: [{ messageId: 'callbackRemovedInNode24', line: 1 }],
    },
    {
      // Unknown runtime: the Node.js 24 note.
      code: `
module.exports.handler = (event, context, callback) => {
  callback(null, event.Records.length);
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'callbackHandlerNode24', line: 2, data: { handler: 'handler', callback: 'callback', runtime: '' } }],
    },
    {
      // A callback named `done`, called twice in a row.
      code: `
exports.handler = (event, context, done) => {
  done(null, 'first');
  log('sent');
  done(null, 'second');
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 3, data: { callback: 'done', line: 3, next: 5 } }],
    },
    {
      // `if (err) cb(err)` without return, then the success call.
      code: `
export const handler = (event, context, cb) => {
  validate(event, (err, value) => {
    if (err) cb(err);
    cb(null, value);
  });
};`,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 4, data: { callback: 'cb', line: 4, next: 5 } }],
    },
    {
      // Class-based handler (Powertools style) on nodejs24.x.
      code: `
class Lambda {
  handler(event, context, callback) {
    callback(null, { processed: event.Records.length });
  }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
      settings: runtime('nodejs24.x'),
      errors: [{ messageId: 'callbackRemovedInNode24', line: 3 }],
    },
    {
      // The runtime counts parameters, so a destructured third parameter is rejected on Node.js 24 as well.
      code: 'export const handler = (event, context, { signal }) => fetch(event.url, { signal });',
      settings: runtime('nodejs24.x'),
      errors: [{ messageId: 'callbackRemovedInNode24', data: { handler: 'handler', callback: '{ ... }', runtime: 'nodejs24.x' }, line: 1 }],
    },
    {
      // A switch case that calls back and breaks, followed by another call after the switch.
      code: `
exports.handler = function (event, context, callback) {
  switch (event.type) {
    case 'ping':
      callback(null, 'pong');
      break;
    default:
      break;
  }
  callback(null, 'done');
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 3, data: { callback: 'callback', line: 5, next: 10 } }],
    },
    {
      // try/catch both fall through to another call.
      code: `
exports.handler = (event, context, callback) => {
  try {
    callback(null, compute(event));
  } catch (error) {
    callback(error);
  }
  callback(null, 'fallback');
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [
        { messageId: 'callbackCalledTwice', line: 3, data: { callback: 'callback', line: 4, next: 8 } },
        { messageId: 'errorCallbackFallsThrough', line: 3, data: { callback: 'callback', line: 6, next: 8 } },
      ],
    },
    {
      // An error callback, then a later SDK callback that calls back again.
      code: `
exports.handler = (event, context, callback) => {
  if (!event.id) {
    callback(new Error('id is required'));
  }
  table.get({ id: event.id }, (error, item) => callback(error, item));
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 3, data: { callback: 'callback', line: 4, next: 6 } }],
    },
    {
      // 'ignore' silences only the unknown-runtime note: async + callback is still reported.
      code: 'export const handler = async (event, context, callback) => callback(null, event);',
      options: [{ unknownRuntime: 'ignore' }],
      errors: [{ messageId: 'asyncWithCallback', line: 1 }],
    },
    {
      // Top-level settings runtime applies to every handler in the file.
      code: `
exports.main = (event, context, callback) => callback(null, 'ok');
exports.handler = (event, context, callback) => callback(null, 'ok');`,
      languageOptions: CJS,
      settings: { lambdalint: { runtime: 'nodejs24.x' } },
      errors: [
        { messageId: 'callbackRemovedInNode24', line: 2, data: { handler: 'main', callback: 'callback', runtime: 'nodejs24.x' } },
        { messageId: 'callbackRemovedInNode24', line: 3, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs24.x' } },
      ],
    },
    {
      // Unknown runtime plus a double call: both reported.
      code: `
exports.handler = (event, context, callback) => {
  if (event.dryRun) callback(null, 'dry run');
  callback(null, run(event));
};`,
      languageOptions: CJS,
      errors: [
        { messageId: 'callbackHandlerNode24', line: 2 },
        { messageId: 'callbackCalledTwice', line: 3, data: { callback: 'callback', line: 3, next: 4 } },
      ],
    },
    // ---- added for mutation testing: the callback flow through each statement kind ----
    {
      name: 'switch: a case that calls and falls out, then a second call after the switch',
      code: `exports.handler = (event, context, callback) => {
  switch (event.kind) {
    case 'a':
      callback(null, 'a');
      break;
    default:
      return callback(null, 'other');
  }
  callback(null, 'done');
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 4, next: 9 } }],
    },
    {
      name: 'a loop may run: a call in its body and one after it; a continue leaves the body early',
      code: `exports.handler = (event, context, callback) => {
  for (const r of event.Records) {
    if (!r.body) continue;
    callback(new Error('bad'));
  }
  callback(null, 'ok');
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 2, column: 3, data: { callback: 'callback', line: 4, next: 6 } }],
    },
    {
      name: 'try, catch and finally: the catch reports and the code after the try still runs',
      code: `exports.handler = (event, context, callback) => {
  try {
    work(event);
  } catch (err) {
    callback(null, { statusCode: 500, body: 'failed' });
  } finally {
    cleanup();
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 2, column: 3, data: { callback: 'callback', line: 5, next: 9 } }],
    },
    {
      name: 'a labeled block left with break, and a while loop test that calls',
      code: `exports.handler = (event, context, callback) => {
  check: {
    if (event.skip) break check;
    callback(null, 'checked');
  }
  while (callback(null, 'again')) {}
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 4, next: 6 } }],
    },
    {
      name: 'a call inside a nested SDK callback that does not shadow the name, with void 0 as no error',
      code: `exports.handler = (event, context, callback) => {
  s3.getObject(params, (err, data) => {
    if (err) callback(err);
    callback(void 0, data);
  });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 3, column: 5, data: { callback: 'callback', line: 3, next: 4 } }],
    },
    {
      name: 'an HTTP 4xx response given as a string status is an error call',
      code: `exports.handler = (event, context, callback) => {
  if (!event.body) callback(undefined, { statusCode: '400' });
  callback(null, { statusCode: 200, body: event.body });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 2, column: 3, data: { callback: 'callback', line: 2, next: 3 } }],
    },
    {
      name: 'a handler with a default and a rest parameter: Lambda sees the length before them',
      code: `exports.handler = (event, context, callback, retries = 3, ...rest) => callback(null, rest);`,
      languageOptions: CJS,
      settings: runtime('nodejs24.x'),
      errors: [{ messageId: 'callbackRemovedInNode24', line: 1, column: 36, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs24.x' } }],
    },
  ],
});

// Behaviours pinned for the mutation score (issue 16): wrapper exemptions, break/continue, try/catch/finally, shadowing.
ruleTester.run('no-callback-handler: wrappers, loops, try and shadowing', rule, {
  valid: [
    {
      // middy's third argument is `{ signal }`/`next`, whatever it is called: two calls through it are not Lambda callbacks.
      code: `
import middy from '@middy/core';
export const handler = middy((event, context, next) => {
  next();
  next();
});`,
      settings: node22,
    },
    {
      // A streaming handler's third argument is its context even under another name.
      code: `
export const handler = awslambda.streamifyResponse((event, responseStream, invocation) => {
  invocation(responseStream);
  invocation(responseStream);
});`,
      settings: node22,
    },
    {
      // A rest parameter stops handler.length like a default does: (event, context, ...extra) has length 2.
      code: 'export const handler = (event, context, ...extra) => Promise.resolve(extra.length);',
      settings: runtime('nodejs24.x'),
    },
    {
      // Defining a function that calls the callback does not call it.
      code: `
exports.handler = (event, context, callback) => {
  const fail = (error) => callback(error);
  if (!event.id) return fail(new Error('missing id'));
  callback(null, event.id);
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // After break the rest of the loop body does not run: the error call does not reach the success call.
      code: `
exports.handler = (event, context, callback) => {
  for (const record of event.Records) {
    if (!record.body) {
      callback(new Error(\`record \${record.messageId} has no body\`));
      break;
    }
    callback(null, JSON.parse(record.body));
    return;
  }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // The same with continue.
      code: `
exports.handler = (event, context, callback) => {
  for (const record of event.Records) {
    if (record.eventName === 'REMOVE') {
      callback(null, 'skipped a removal');
      continue;
    }
    callback(null, record.dynamodb.NewImage);
    return;
  }
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // Both the try and the catch return: the code after the try (dead) is not a second call.
      code: `
exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  try {
    return archive(event);
  } catch (error) {
    return report(error);
  } finally {
    log('archived');
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // try/finally without catch whose try returns: the code after it is dead too.
      code: `
exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  try {
    return archive(event);
  } finally {
    log('archived');
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // A switch with a default whose every case returns: the code after it is dead.
      code: `
exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  switch (event['detail-type']) {
    case 'ObjectCreated':
      audit(event);
      return store(event.detail);
    default:
      return ignore(event);
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // A stream's write(chunk, encoding, callback) shadows the handler's callback: its call is not a second call.
      code: `
exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  const sink = new Writable({
    write(chunk, encoding, callback) {
      store(chunk);
      callback();
    },
  });
  event.stream.pipe(sink);
};`,
      languageOptions: CJS,
      settings: node22,
    },
  ],
  invalid: [
    {
      name: 'a wrapper other than middy or streamifyResponse keeps the callback: a double call is reported',
      code: `
exports.handler = withSentry((event, context, done) => {
  if (!event.id) done(new Error('missing id'));
  done(null, event.id);
});`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 3, column: 3, endLine: 3, endColumn: 16, data: { callback: 'done', line: 3, next: 4 } }],
    },
    {
      name: 'the try returns but the catch goes on to the code after the try',
      code: `
exports.handler = (event, context, callback) => {
  try {
    return callback(null, { statusCode: 200, body: JSON.stringify(handle(JSON.parse(event.body))) });
  } catch (error) {
    callback(null, { statusCode: 400, body: 'invalid JSON' });
  }
  callback(null, { statusCode: 500 });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'errorCallbackFallsThrough', line: 3, column: 3, data: { callback: 'callback', line: 6, next: 8 } }],
    },
    {
      name: 'break out of a labeled block from inside a try: the call before the break reaches the call after the block',
      code: `
exports.handler = (event, context, callback) => {
  apply: {
    try {
      if (event.dryRun) {
        callback(null, { dryRun: true });
        break apply;
      }
      return callback(null, applyChanges(event));
    } catch (error) {
      return callback(error);
    }
  }
  callback(null, { applied: false });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 3, column: 3, endLine: 13, endColumn: 4, data: { callback: 'callback', line: 6, next: 14 } }],
    },
  ],
});

// Behaviours pinned for the mutation score (round 2): which paths end, what counts as an error call,
// unused callbacks, TypeScript `this` parameters, runtime strings, break inside a nested statement.
ruleTester.run('no-callback-handler: paths, error calls, unused callbacks and runtimes', rule, {
  valid: [
    {
      // if and else both return: the call after them is dead code.
      code: `exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  if (event.async) {
    return enqueue(event);
  } else {
    return processNow(event);
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // Every case returns: an if, a loop, a nested switch and a labeled loop inside a case do not leave the switch.
      code: `exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  switch (event.source) {
    case 'aws.s3':
      if (!event.detail) log('no detail');
      return store(event.detail);
    case 'aws.sqs':
      for (const record of event.Records) enqueue(record);
      return flush();
    case 'aws.dynamodb':
      switch (event.detail.eventName) {
        case 'REMOVE':
          audit(event);
          break;
      }
      return sync(event);
    case 'aws.kinesis':
      records: for (const record of event.Records) {
        for (const tag of record.tags) {
          if (tag === 'skip') continue records;
        }
        put(record);
      }
      return flush();
    default:
      return ignore(event);
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // A call followed by return inside a case ends that path: only the call after the switch runs otherwise.
      code: `exports.handler = (event, context, callback) => {
  switch (event.httpMethod) {
    case 'OPTIONS':
      callback(null, { statusCode: 204, headers: cors });
      return;
  }
  callback(null, { statusCode: 200, body: render(event) });
};`,
      languageOptions: CJS,
      settings: node22,
    },
    {
      // TypeScript's \`this\` parameter is erased: this handler has length 2 and no callback.
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
export async function handler(this: void, event: SQSEvent, context: Context) {
  return { requestId: context.awsRequestId, count: event.Records.length };
}`,
      settings: runtime('nodejs24.x'),
    },
    {
      // The same without async, on an old runtime.
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
export function handler(this: void, event: SQSEvent, context: Context): Promise<number> {
  return Promise.resolve(event.Records.length);
}`,
      settings: node22,
    },
  ],
  invalid: [
    {
      name: 'an if whose branch returns still lets the other path reach the next call',
      code: `exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202, body: 'accepted' });
  if (!event.notify) return;
  notify(event);
  callback(null, { statusCode: 200, body: 'notified' });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 2, next: 5 } }],
    },
    {
      name: 'a switch without default whose cases all return: an unmatched value goes on to the next call',
      code: `exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 202 });
  switch (event.httpMethod) {
    case 'GET':
      return read(event);
    case 'DELETE':
      return remove(event);
  }
  callback(null, { statusCode: 200 });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 2, next: 9 } }],
    },
    {
      name: 'undefined, void 0 and a 2xx response are successes; only statusCode decides, not other numbers',
      code: `exports.handler = (event, context, callback) => {
  if (event.source === 'serverless-plugin-warmup') callback(undefined, 'warm');
  if (event.httpMethod === 'OPTIONS') callback(void 0, { statusCode: 204, headers: cors });
  if (event.cached) callback(null, { statusCode: 200, body: event.cached, ttl: 3600 });
  callback(null, { statusCode: 200, body: render(event) });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [
        { messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 2, next: 3 } },
        { messageId: 'callbackCalledTwice', line: 3, column: 3, data: { callback: 'callback', line: 3, next: 4 } },
        { messageId: 'callbackCalledTwice', line: 4, column: 3, data: { callback: 'callback', line: 4, next: 5 } },
      ],
    },
    {
      name: 'a bare break in a switch case carries the call before it past the switch',
      code: `exports.handler = (event, context, callback) => {
  switch (event.action) {
    case 'preview':
      callback(null, render(event));
      if (!event.publish) break;
      return publish(event, callback);
    default:
      return callback(new Error('unknown action'));
  }
  callback(null, { published: false });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, endLine: 9, endColumn: 4, data: { callback: 'callback', line: 4, next: 10 } }],
    },
    {
      name: 'a break inside an if block in a loop carries the call before it past the loop',
      code: `exports.handler = (event, context, callback) => {
  for (const record of event.Records) {
    callback(null, transform(record));
    if (record.last) {
      break;
    }
    return;
  }
  callback(null, { empty: true });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [{ messageId: 'callbackCalledTwice', line: 2, column: 3, endLine: 8, endColumn: 4, data: { callback: 'callback', line: 3, next: 9 } }],
    },
    {
      name: 'a call that both breaks out of the loop and falls through to a later call is reported once',
      code: `exports.handler = (event, context, callback) => {
  for (const record of event.Records) {
    if (record.eventName === 'REMOVE') {
      callback(null, { deleted: record.dynamodb.Keys });
      if (event.Records.length === 1) {
        break;
      }
    }
    callback(null, { changed: record.dynamodb.NewImage });
  }
  callback(null, { processed: event.Records.length });
};`,
      languageOptions: CJS,
      settings: node22,
      errors: [
        { messageId: 'callbackCalledTwice', line: 2, column: 3, data: { callback: 'callback', line: 9, next: 11 } },
        { messageId: 'callbackCalledTwice', line: 3, column: 5, endLine: 3, endColumn: 38, data: { callback: 'callback', line: 4, next: 9 } },
      ],
    },
    {
      name: 'an async handler that reads the event but never the callback: unused, not a race',
      code: `export const handler = async (event, context, callback) => {
  const records = event.Records.map((r) => JSON.parse(r.body));
  await Promise.all(records.map(save));
  return { batchItemFailures: [] };
};`,
      settings: node22,
      errors: [{ messageId: 'unusedCallbackParameter', line: 1, column: 47, data: { handler: 'handler', callback: 'callback' } }],
    },
    {
      name: 'an async handler with a destructured third parameter never calls the callback',
      code: 'export const handler = async (event, context, { signal }) => fetch(event.url, { signal });',
      settings: node22,
      errors: [{ messageId: 'unusedCallbackParameter', line: 1, column: 47, data: { handler: 'handler', callback: '{ ... }' } }],
    },
    {
      name: 'an async handler whose callback has a default: unused when never called',
      code: 'export const handler = async (event, context, callback = () => undefined) => ({ id: event.id });',
      settings: node22,
      errors: [{ messageId: 'unusedCallbackParameter', line: 1, column: 47, data: { handler: 'handler', callback: 'callback' } }],
    },
    {
      name: 'an async handler whose callback has a default: still a race when called (length 2 does not matter before nodejs24.x)',
      code: `export const handler = async (event, context, callback = () => undefined) => {
  const item = await load(event.id);
  callback(null, item);
};`,
      settings: node22,
      errors: [{ messageId: 'asyncWithCallback', line: 1, column: 47, data: { handler: 'handler', callback: 'callback' } }],
    },
    {
      name: 'TypeScript this parameter: the callback is the parameter after context',
      code: `
import type { Callback, Context, SQSEvent } from 'aws-lambda';
export function handler(this: void, event: SQSEvent, context: Context, callback: Callback) {
  if (event.Records.length === 0) callback(null, 'empty');
  callback(null, event.Records.length);
}`,
      settings: runtime('nodejs24.x'),
      errors: [
        { messageId: 'callbackRemovedInNode24', line: 3, column: 72, data: { handler: 'handler', callback: 'callback', runtime: 'nodejs24.x' } },
        { messageId: 'callbackCalledTwice', line: 4, column: 3, data: { callback: 'callback', line: 4, next: 5 } },
      ],
    },
    {
      name: 'a blank runtime is an unknown runtime',
      code: 'exports.handler = (event, context, callback) => callback(null, event.id);',
      languageOptions: CJS,
      settings: runtime(' '),
      errors: [{ messageId: 'callbackHandlerNode24', line: 1, column: 36, data: { handler: 'handler', callback: 'callback' } }],
    },
    {
      name: 'a runtime with surrounding spaces and upper case is still nodejs24.x',
      code: 'exports.handler = (event, context, callback) => callback(null, event.id);',
      languageOptions: CJS,
      settings: runtime(' NodeJS24.x '),
      errors: [{ messageId: 'callbackRemovedInNode24', line: 1, column: 36, data: { handler: 'handler', callback: 'callback', runtime: 'NodeJS24.x' } }],
    },
  ],
});

describe('no-callback-handler severity in the CLI', () => {
  const template = (runtime: string) => dedent`
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: ${runtime}
          Handler: app.handler
          Timeout: 10
          MemorySize: 512
  `;
  const unusedCallback = 'export const handler = async (event, context, callback) => ({ ok: true, id: context.awsRequestId });\n';

  it('an unused callback of an async handler is at most a warning before nodejs24.x', async () => {
    const { findings } = await analyzeFiles({ 'template.yaml': template('nodejs22.x'), 'app.mjs': unusedCallback }, { 'no-callback-handler': {} });
    expect(findings.map((f) => [f.messageId, f.severity])).toEqual([['unusedCallbackParameter', 'warning']]);
  });

  it('is an error on nodejs24.x', async () => {
    const { findings } = await analyzeFiles({ 'template.yaml': template('nodejs24.x'), 'app.mjs': unusedCallback }, { 'no-callback-handler': {} });
    expect(findings.map((f) => [f.messageId, f.severity])).toEqual([['callbackRemovedInNode24', 'error']]);
  });

  it('deprecated-runtime says how many handlers still take a callback when it recommends nodejs24.x', async () => {
    const { findings } = await analyzeFiles(
      { 'template.yaml': template('nodejs18.x'), 'app.mjs': 'export const handler = (event, context, callback) => callback(null, event);\n' },
      { 'deprecated-runtime': {} },
    );
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('move to nodejs24.x (1 handler uses callbacks)')]);
  });
});
