import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/handler-error-boundary.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { describe, expect, it } from 'vitest';
import { pythonFindings, runPythonCheck, type PythonCase } from '../helpers/python-check.js';
import { handlerErrorBoundary } from '../../src/python/checks/handler-error-boundary.js';

const ruleTester = createRuleTester();

/** Handlers next to the wrapper modules in test/fixtures/handler-error-boundary/libs. */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'handler-error-boundary');
const inFixtures = (file: string): string => path.join(fixtures, file);

const restApi = (exportName: string, extra: Record<string, unknown> = {}) => ({
  lambdalint: { handlers: [{ export: exportName, trigger: ['rest-api'], ...extra }] },
});

ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      // Real shape: an API handler wrapped in a local `handler(async (event) => ...)` helper
      // whose definition (libs/handler-lib.js) catches and answers 500.
      code: `
import * as uuid from 'uuid';
import handler from './libs/handler-lib';
import dynamoDb from './libs/dynamodb-lib';

export const main = handler(async (event) => {
  const data = JSON.parse(event.body);
  const params = { TableName: process.env.tableName, Item: { id: uuid.v1(), content: data.content } };
  await dynamoDb.put(params);
  return params.Item;
});`,
      filename: inFixtures('create.js'),
    },
    {
      // Real shape: middy with httpErrorHandler() turns createError(400) and rejections into responses.
      code: `
import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import httpErrorHandler from '@middy/http-error-handler';
import createError from 'http-errors';

const baseHandler = async (event) => {
  if (!event.body.name) throw createError(400, 'name is required');
  const saved = await repository.save(event.body);
  return { statusCode: 201, body: JSON.stringify(saved) };
};

export const handler = middy(baseHandler).use(jsonBodyParser()).use(httpErrorHandler());`,
    },
    {
      // middy with an onError handler.
      code: `
const middy = require('@middy/core');
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await load(event.pathParameters.id)) });
module.exports.handler = middy(base).onError(async (request) => {
  request.response = { statusCode: 500, body: 'internal error' };
});`,
      languageOptions: CJS,
    },
    {
      // try/catch around the whole body (TypeScript, aws-lambda types).
      code: `
import type { APIGatewayProxyHandler } from 'aws-lambda';
export const handler: APIGatewayProxyHandler = async (event) => {
  try {
    const input = JSON.parse(event.body ?? '');
    const item = await table.get(input.id);
    if (!item) throw new Error('missing');
    return { statusCode: 200, body: JSON.stringify(item) };
  } catch (error) {
    console.error(error);
    await metrics.flush();
    return { statusCode: 500, body: 'internal error' };
  }
};`,
    },
    {
      // Unknown trigger: nothing is reported.
      code: `
export const handler = async (event) => {
  const order = JSON.parse(event.payload);
  await process(order);
  throw new Error('not implemented');
};`,
    },
    {
      // A queue handler (trigger from settings) is not an HTTP handler.
      code: `
export const handler = async (event) => {
  for (const record of event.Records) await process(JSON.parse(record.body));
};`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
    },
    {
      // Powertools event-handler router: it catches route errors and answers with an error response.
      code: `
import { Router } from '@aws-lambda-powertools/event-handler/experimental-rest';
const app = new Router();
app.get('/todos/:id', async ({ params }) => ({ id: params.id }));
export const handler = async (event, context) => await app.resolve(event, context);`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['http-api'] }] } },
    },
    {
      // A wrapper defined in the same file that catches.
      code: `
const wrap = (fn) => async (event, context) => {
  try {
    return await fn(event, context);
  } catch (error) {
    return { statusCode: error.statusCode ?? 500, body: error.message };
  }
};
export const handler = wrap(async (event) => {
  const body = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(await save(body)) };
});`,
    },
    {
      // CommonJS wrapper from a local module that handles rejections with .catch().
      code: `
const { withErrors } = require('./libs/cjs-wrap.js');
module.exports.handler = withErrors(async (event) => {
  const input = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(await save(input)) };
});`,
      languageOptions: CJS,
      filename: inFixtures('cjs-handler.js'),
    },
    {
      // TypeScript wrapper imported with a NodeNext '.js' specifier that resolves to ts-wrap.ts and delegates to a catching guard.
      code: `
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { withBoundary } from './libs/ts-wrap.js';
export const handler = withBoundary(async (event: APIGatewayProxyEvent) => {
  const input = JSON.parse(event.body ?? '');
  return { statusCode: 200, body: JSON.stringify(await save(input)) };
});`,
      filename: inFixtures('ts-handler.ts'),
    },
    {
      // A directory module (libs/boundary/index.js) re-exporting the catching wrapper.
      code: `
import { safe } from './libs/boundary';
export const handler = safe(async (event) => ({ statusCode: 200, body: JSON.stringify(await load(event.pathParameters.id)) }));`,
      filename: inFixtures('dir-handler.js'),
    },
    {
      // A package wrapper named in the option.
      code: `
import { withHttpErrors } from '@acme/lambda-kit';
export const handler = withHttpErrors(async (event) => {
  const input = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(await save(input)) };
});`,
      options: [{ boundaryWrappers: ['withHttpErrors'] }],
    },
    {
      // A project wrapper that cannot be read gets the benefit of the doubt.
      code: `
import { wrapped } from './does-not-exist/wrapper';
export const handler = wrapped(async (event) => ({ statusCode: 200, body: JSON.parse(event.body).name }));`,
      filename: inFixtures('missing-wrapper.js'),
    },
    {
      // A catch that answers 2xx only for an expected error is deliberate (idempotent delete).
      code: `
export const handler = async (event) => {
  try {
    await table.delete(event.pathParameters.id);
  } catch (error) {
    if (error.name !== 'ConditionalCheckFailedException') return { statusCode: 500, body: 'failed' };
    return { statusCode: 204, body: '' };
  }
  return { statusCode: 204, body: '' };
};`,
    },
    {
      // Only the return value looks like HTTP and the request is never read: invoked directly, not an HTTP handler.
      code: `
export const handler = async (event) => {
  const result = await codebuild.send(new StartBuildCommand({ projectName: event.project }));
  return { statusCode: 200, body: result.build.id };
};`,
    },
    {
      // Awaits that cannot reject, parses that cannot throw.
      code: `
export const handler = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  await notify(event.body).catch(() => undefined);
  await Promise.allSettled([a(), b()]);
  const copy = JSON.parse(JSON.stringify(event.headers));
  const defaults = JSON.parse('{"limit": 10}');
  return { statusCode: 200, body: JSON.stringify({ copy, defaults }) };
};`,
    },
    {
      // Class-based handler (Powertools style) with its own try/catch.
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
class Lambda {
  async handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    try {
      return { statusCode: 200, body: JSON.stringify(await this.load(event.pathParameters?.id)) };
    } catch {
      return { statusCode: 500, body: 'internal error' };
    }
  }
  async load(id?: string) { return { id }; }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
    },
    {
      // Real shape (callback style): the parse is guarded, the DynamoDB error path answers through the callback.
      code: `
module.exports.create = (event, context, callback) => {
  let data;
  try {
    data = JSON.parse(event.body);
  } catch (error) {
    callback(null, { statusCode: 400, body: 'invalid JSON' });
    return;
  }
  dynamoDb.put({ TableName: 'todos', Item: data }, (error) => {
    if (error) {
      callback(null, { statusCode: 501, body: 'could not create' });
      return;
    }
    callback(null, { statusCode: 200, body: JSON.stringify(data) });
  });
};`,
      languageOptions: CJS,
      settings: restApi('create'),
    },
  ],
  invalid: [
    {
      // Real shape: a JSON.parse of the body at the top of a callback-style API handler with no try/catch;
      // the DynamoDB error path is handled, so only the parse is reported.
      code: `
'use strict';
const dynamoDb = new DocumentClient();

module.exports.create = (event, context, callback) => {
  const timestamp = Date.now();
  const data = JSON.parse(event.body);
  if (typeof data.text !== 'string') {
    callback(null, { statusCode: 400, body: 'invalid' });
    return;
  }
  dynamoDb.put({ TableName: 'todos', Item: { text: data.text, createdAt: timestamp } }, (error) => {
    if (error) {
      callback(null, { statusCode: error.statusCode || 501, body: 'could not create' });
      return;
    }
    callback(null, { statusCode: 200, body: '{}' });
  });
};`,
      languageOptions: CJS,
      settings: restApi('create', { runtime: 'nodejs18.x' }),
      errors: [{ messageId: 'unguardedParse', line: 7, data: { handler: 'create', argument: 'event.body' } }],
    },
    {
      // Real shape: the parse sits before a try block that already guards the awaited call.
      code: `
export const handler = async (event) => {
  const input = JSON.parse(event.body);
  try {
    await table.put(input);
  } catch (error) {
    return { statusCode: 500, body: 'could not save' };
  }
  return { statusCode: 201, body: '' };
};`,
      errors: [{ messageId: 'unguardedParse', line: 3 }],
    },
    {
      // Only the first unguarded await is reported.
      code: `
import type { APIGatewayProxyHandler } from 'aws-lambda';
export const handler: APIGatewayProxyHandler = async (event) => {
  const user = await users.get(event.pathParameters!.id);
  const orders = await orders.list(user.id);
  return { statusCode: 200, body: JSON.stringify(orders) };
};`,
      errors: [{ messageId: 'unguardedAwait', line: 4, data: { handler: 'handler' } }],
    },
    {
      // Each unguarded parse and throw is reported, the awaits once.
      code: `
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const meta = JSON.parse(event.headers['x-meta']);
  if (!body.id) throw new Error('id is required');
  await audit(meta);
  await save(body);
  return { statusCode: 200, body: '' };
};`,
      languageOptions: CJS,
      errors: [
        { messageId: 'unguardedParse', line: 3 },
        { messageId: 'unguardedParse', line: 4 },
        { messageId: 'unguardedThrow', line: 5 },
        { messageId: 'unguardedAwait', line: 6 },
      ],
    },
    {
      // An http-errors style throw with no boundary at all.
      code: `
import createHttpError from 'http-errors';
export const handler = async (event) => {
  if (!event.queryStringParameters?.q) throw new createHttpError.BadRequest('q is required');
  return { statusCode: 200, body: 'ok' };
};`,
      errors: [{ messageId: 'httpErrorWithoutBoundary', line: 4, data: { handler: 'handler', error: 'createHttpError.BadRequest' } }],
    },
    {
      // middy without an error-handling middleware: createError(400) still ends as a 502.
      code: `
import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import errorLogger from '@middy/error-logger';
import { createError } from '@middy/util';
const baseHandler = async (event) => {
  if (!event.body.name) throw createError(400, 'name is required');
  return { statusCode: 200, body: 'ok' };
};
export const handler = middy(baseHandler).use(jsonBodyParser()).use(errorLogger());`,
      errors: [{ messageId: 'httpErrorWithoutBoundary', line: 7, data: { handler: 'handler', error: 'createError' } }],
    },
    {
      // A catch that answers 200: the failure is reported to the client as success.
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  try {
    await queue.send(event.body);
    return { statusCode: 202, body: 'queued' };
  } catch (error) {
    console.error(error);
    return { statusCode: 200, body: JSON.stringify({ ok: false }) };
  }
}`,
      errors: [{ messageId: 'catchReturnsSuccess', line: 9, data: { handler: 'handler', status: '200' } }],
    },
    {
      // The same through the callback (CommonJS, exports.handler).
      code: `
exports.handler = (event, context, callback) => {
  try {
    const input = JSON.parse(event.body);
    callback(null, { statusCode: 201, body: JSON.stringify(store(input)) });
  } catch (error) {
    callback(null, { statusCode: 200, body: 'ignored' });
  }
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'catchReturnsSuccess', line: 7 }],
    },
    {
      // A local wrapper in the same file that does not catch is no boundary.
      code: `
const logged = (fn) => async (event) => {
  console.log('request', event.requestContext.requestId);
  return fn(event);
};
export const handler = logged(async (event) => {
  const input = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(input) };
});`,
      errors: [{ messageId: 'unguardedParse', line: 7 }],
    },
    {
      // An imported local wrapper (libs/no-catch.js) that lets errors through.
      code: `
import timed from './libs/no-catch.js';
export const handler = timed(async (event) => {
  const item = await items.get(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(item) };
});`,
      filename: inFixtures('timed-handler.js'),
      errors: [{ messageId: 'unguardedAwait', line: 4 }],
    },
    {
      // Class-based handler (Powertools style), typed event, no try/catch.
      code: `
import type { APIGatewayProxyEvent } from 'aws-lambda';
class Lambda {
  async handler(event: APIGatewayProxyEvent) {
    const item = await this.repository.get(event.pathParameters?.id);
    return { statusCode: 200, body: JSON.stringify(item) };
  }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
      errors: [{ messageId: 'unguardedAwait', line: 5 }],
    },
    {
      // Trigger and runtime from settings (as the CLI passes them from the deploy config).
      code: `
export const handler = async (event) => {
  const response = await fetch(process.env.UPSTREAM_URL);
  return { statusCode: response.status, body: await response.text() };
};`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['http-api'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'unguardedAwait', line: 3 }],
    },
    {
      // A rethrow from the catch block escapes.
      code: `
export const handler = async (event) => {
  try {
    return { statusCode: 200, body: JSON.stringify(await load(event.pathParameters.id)) };
  } catch (error) {
    console.error('load failed', error);
    throw error;
  }
};`,
      errors: [{ messageId: 'unguardedThrow', line: 7 }],
    },
    {
      // A parse inside a synchronous array callback escapes through map().
      code: `
export const handler = async (event) => {
  const lines = event.body.split('\\n').map((line) => JSON.parse(line));
  return { statusCode: 200, body: String(lines.length) };
};`,
      errors: [{ messageId: 'unguardedParse', line: 3, data: { handler: 'handler', argument: 'line' } }],
    },
    {
      // Function URL handler type; a `for await` loop over a stream counts as an await.
      code: `
import type { LambdaFunctionURLHandler } from 'aws-lambda';
export const handler: LambdaFunctionURLHandler = async () => {
  let count = 0;
  for await (const page of paginate(client, {})) count += page.Items.length;
  return { statusCode: 200, body: String(count) };
};`,
      errors: [{ messageId: 'unguardedAwait', line: 5 }],
    },
    {
      // Powertools router call is safe, but a parse before it is not.
      code: `
import { Router } from '@aws-lambda-powertools/event-handler/experimental-rest';
const app = new Router();
export const handler = async (event, context) => {
  const trace = JSON.parse(event.headers['x-trace']);
  return app.resolve({ ...event, trace }, context);
};`,
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['http-api'] }] } },
      errors: [{ messageId: 'unguardedParse', line: 5 }],
    },
  ],
});

const restApiHandler = restApi('handler');

// The boundaries the docs promise: each case fails when the exemption, or the module resolution
// behind it, breaks.
ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      name: 'middy middleware defined in the file with an onError hook',
      code: `
import middy from '@middy/core';
const errorsToResponses = () => ({
  onError: async (request) => { request.response = { statusCode: 500, body: 'internal error' }; },
});
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(JSON.parse(event.body)) });
export const handler = middy(base).use(errorsToResponses());`,
      settings: restApiHandler,
    },
    {
      name: 'an error-handler middleware package other than the middy one',
      code: `
import middy from '@middy/core';
import errorHandler from '@acme/lambda-error-handler';
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(JSON.parse(event.body)) });
export const handler = middy(base).use(errorHandler());`,
      settings: restApiHandler,
    },
    {
      name: 'a local wrapper that handles rejection with then(ok, fail)',
      code: `
const safe = (fn) => async (event) => fn(event).then((result) => result, () => ({ statusCode: 500, body: 'internal error' }));
export const handler = safe(async (event) => {
  const item = await items.get(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(item) };
});`,
      settings: restApiHandler,
    },
    {
      name: 'with type information, awaiting a value that is not thenable cannot reject',
      code: `
const cached: { id: string } = { id: 'a' };
export const handler = async (event: { body: string }) => {
  const item = await cached;
  return { statusCode: 200, body: JSON.stringify({ item, length: event.body.length }) };
};`,
      filename: 'typed-handler.ts', // joined to tsconfigRootDir by the RuleTester
      languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtures } },
      settings: restApiHandler,
    },
  ],
  invalid: [
    {
      name: 'a local wrapper whose then() has no rejection handler',
      code: `
const logged = (fn) => async (event) => fn(event).then((result) => result);
export const handler = logged(async (event) => {
  const item = await items.get(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(item) };
});`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4 }],
    },
    {
      name: 'without type information the same await is reported',
      code: `
const cached: { id: string } = { id: 'a' };
export const handler = async (event: { body: string }) => {
  const item = await cached;
  return { statusCode: 200, body: JSON.stringify({ item, length: event.body.length }) };
};`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4 }],
    },
    {
      name: 'a wrapper imported by its emitted .mjs name is read from the .mts source (and does not catch)',
      code: `
import logged from './libs/esm-wrap.mjs';
export const handler = logged(async (event) => {
  const item = await items.get(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(item) };
});`,
      filename: inFixtures('esm-handler.ts'),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4 }],
    },
    {
      name: 'a wrapper imported by its emitted .cjs name is read from the .cts source (and does not catch)',
      code: `
import logged from './libs/cjs-wrap.cjs';
export const handler = logged(async (event) => {
  const item = await items.get(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(item) };
});`,
      filename: inFixtures('cjs-handler.ts'),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4 }],
    },
  ],
});

// Which handlers count as HTTP handlers when the trigger is only inferred from the code
// (no settings): the handler must also read the request, by field, destructuring or an http* middleware.
ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      name: 'a handler shared by an API and an EventBridge rule is not an HTTP handler',
      code: `
export const handler = async (event) => {
  const order = event.detail ?? JSON.parse(event.body);
  await orders.save(order);
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};`,
    },
    {
      name: 'middlewares named http... only at the start of the name say that the request is read',
      code: `
import middy from '@middy/core';
import cors from '@middy/http-cors';
import { addHttpTiming } from './middlewares/timing';
const base = async (event) => {
  const report = await reports.build(event);
  return { statusCode: 200, body: JSON.stringify(report) };
};
export const handler = middy(base).use(cors()).use(addHttpTiming());`,
    },
    {
      name: 'a handler without parameters cannot read a request',
      code: `
export const handler = async () => {
  const response = await fetch(process.env.STATUS_URL);
  return { statusCode: response.ok ? 200 : 503, body: await response.text() };
};`,
    },
    {
      name: 'a destructured event with no request field is a direct invocation',
      code: `
export const handler = async ({ orderId, amount }) => {
  const receipt = await payments.charge(orderId, amount);
  return { statusCode: 200, body: JSON.stringify(receipt) };
};`,
    },
    {
      name: 'request-like fields of another object (an upstream response) are not the request',
      code: `
export const handler = async (event) => {
  const upstream = await fetch(event.url);
  const { headers } = upstream;
  return { statusCode: upstream.status, body: upstream.body ? headers.get('etag') : '' };
};`,
    },
    {
      name: 'fields destructured from the event that are not request fields',
      code: `
export const handler = async (event) => {
  const { orderId, amount } = event;
  const receipt = await payments.charge(orderId, amount);
  return { statusCode: 200, body: JSON.stringify(receipt) };
};`,
    },
  ],
  invalid: [
    {
      name: 'an http... middleware says the request is read even when the code passes the event on whole',
      code: `
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
const base = async (event) => {
  const todo = await todos.create(parseTodo(event));
  return { statusCode: 201, body: JSON.stringify(todo) };
};
export const handler = middy(base).use(httpJsonBodyParser());`,
      errors: [{ messageId: 'unguardedAwait', line: 5, column: 16 }],
    },
    {
      name: 'one request field among the destructured parameters is enough',
      code: `
export const handler = async ({ body, ...request }) => {
  const order = JSON.parse(body);
  return { statusCode: 201, body: JSON.stringify({ id: order.id, stage: request.stage }) };
};`,
      errors: [{ messageId: 'unguardedParse', line: 3, column: 17, data: { handler: 'handler', argument: 'body' } }],
    },
    {
      name: 'a request field read first stays read when other fields are destructured later',
      code: `
export const handler = async (event) => {
  const id = event.pathParameters.id;
  const { version } = event;
  const item = await items.get(id);
  return { statusCode: 200, body: JSON.stringify({ item, version }) };
};`,
      errors: [{ messageId: 'unguardedAwait', line: 5, column: 16 }],
    },
    {
      name: 'request fields destructured from the event, next to other fields',
      code: `
export const handler = async (event) => {
  const { body, version } = event;
  const input = JSON.parse(body);
  return { statusCode: 200, body: JSON.stringify({ input, version }) };
};`,
      errors: [{ messageId: 'unguardedParse', line: 4, column: 17, data: { handler: 'handler', argument: 'body' } }],
    },
  ],
});

// Error boundaries: which middlewares and wrappers count, and how far delegation is followed.
ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      name: 'a middleware named httpErrorHandler counts whatever package it comes from',
      code: `
import middy from '@middy/core';
import { httpErrorHandler, jsonBody } from '@acme/lambda-middlewares';
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.list(event.queryStringParameters)) });
export const handler = middy(base).use(jsonBody()).use(httpErrorHandler());`,
      settings: restApiHandler,
    },
    {
      name: 'a package whose name says errorhandler (without a dash)',
      code: `
import middy from '@middy/core';
import handleErrors from '@acme/middy-errorhandler';
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.list(event.queryStringParameters)) });
export const handler = middy(base).use(handleErrors());`,
      settings: restApiHandler,
    },
    {
      name: 'a project middleware that is not read is trusted by its name',
      code: `
import middy from '@middy/core';
import { catchAll } from './middleware/catch-all.js';
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.list(event.queryStringParameters)) });
export const handler = middy(base).use(catchAll());`,
      settings: restApiHandler,
    },
    {
      name: 'a middleware factory returning a class instance with an onError method',
      code: `
import middy from '@middy/core';
const errorResponses = () => new (class {
  async onError(request) {
    request.response = { statusCode: 500, body: 'internal error' };
  }
})();
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.list(event.queryStringParameters)) });
export const handler = middy(base).use(errorResponses());`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper made by a factory call in this file (not followed) gets the benefit of the doubt',
      code: `
import { createApi } from '@acme/lambda-kit';
const api = createApi({ cors: true });
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a local wrapper that builds a middy handler with httpErrorHandler()',
      code: `
import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import httpErrorHandler from '@middy/http-error-handler';
const api = (fn) => middy(fn).use(jsonBodyParser()).use(httpErrorHandler());
export const handler = api(async (event) => ({ statusCode: 201, body: JSON.stringify(await orders.create(event.body)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a local wrapper that registers an onError handler on middy',
      code: `
import middy from '@middy/core';
const toErrorResponse = async (request) => {
  request.response = { statusCode: 500, body: 'internal error' };
};
const api = (fn) => middy(fn).onError(toErrorResponse);
export const handler = api(async (event) => ({ statusCode: 201, body: JSON.stringify(await orders.create(event.body)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper that calls the handler with fn.call inside try',
      code: `
const withErrors = (fn) => async function (event, context) {
  try {
    return await fn.call(this, event, context);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
export const handler = withErrors(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper that calls the handler with fn.apply inside try',
      code: `
const withErrors = (fn) => async function (...args) {
  try {
    return await fn.apply(this, args);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
export const handler = withErrors(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'delegation is followed three wrappers deep',
      code: `
const withErrors = (fn) => async (event) => {
  try {
    return await fn(event);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
const withAuth = (fn) => withErrors(fn);
const withTracing = (fn) => withAuth(fn);
const api = (fn) => withTracing(fn);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper that delegates to a catching wrapper in one of its branches',
      code: `
const withErrors = (fn) => async (event) => {
  try {
    return await fn(event);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
const withLogging = (fn) => async (event) => {
  console.log(event.requestContext.requestId);
  return fn(event);
};
const api = (fn) => {
  if (process.env.ERRORS_AS_RESPONSES !== 'false') return withErrors(fn);
  return withLogging(fn);
};
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper composed of two wrappers delegates through the inner call to the catching one',
      code: `
const withErrors = (fn) => async (event) => {
  try {
    return await fn(event);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
const withLogging = (fn) => async (event) => {
  console.log(event.requestContext.requestId);
  return fn(event);
};
const api = (fn) => withErrors(withLogging(fn));
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a delegate that gets options next to the handler is still followed',
      code: `
const withErrors = (fn, options) => async (event) => {
  try {
    return await fn(event);
  } catch (error) {
    return { statusCode: 500, body: options.expose ? error.message : 'internal error' };
  }
};
const errorOptions = { expose: false };
const api = (fn) => withErrors(fn, errorOptions);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
    },
    {
      name: 'a wrapper that delegates to a catching wrapper imported from a local module',
      code: `
import apiHandler from './libs/handler-lib.js';
const api = (fn) => apiHandler(fn);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      filename: inFixtures('delegating-handler.js'),
      settings: restApiHandler,
    },
    {
      name: 'a wrapper that delegates to a project wrapper that cannot be read gets the benefit of the doubt, as an imported one does',
      code: `
import apiHandler from './libs/not-in-this-checkout.js';
const api = (fn) => apiHandler(fn);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      filename: inFixtures('delegating-handler.js'),
      settings: restApiHandler,
    },
    {
      name: 'an imported wrapper whose delegation reaches the catching layer three imports deep',
      code: `
import withLayers from './libs/layers/one.js';
export const handler = withLayers(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      filename: inFixtures('layered-handler.js'),
      settings: restApiHandler,
    },
  ],
  invalid: [
    {
      name: 'middlewares that do not turn errors into responses',
      code: `
import middy from '@middy/core';
import * as shared from '@acme/middlewares';
import { validateBody } from './middleware/validate.js';
import { reportErrors } from '@acme/observability';
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.create(event.body)) });
export const handler = middy(base).use(validateBody()).use(reportErrors()).use(shared.inputValidator());`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 6, column: 72 }],
    },
    {
      name: 'a middleware defined in this file with a before hook only',
      code: `
import middy from '@middy/core';
const logRequests = () => ({
  before: async (request) => {
    console.log(request.event.requestContext.requestId);
  },
});
const base = async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.create(event.body)) });
export const handler = middy(base).use(logRequests());`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 8, column: 72 }],
    },
    {
      name: 'a package wrapper not named in boundaryWrappers',
      code: `
import { wrapHandler } from '@sentry/aws-serverless';
export const handler = wrapHandler(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 3, column: 94 }],
    },
    {
      name: 'a wrapper reached through a namespace (not readable) is no boundary',
      code: `
import * as Sentry from '@sentry/serverless';
export const handler = Sentry.AWSLambda.wrapHandler(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 3, column: 111 }],
    },
    {
      name: 'a wrapper composed of two wrappers, neither of which catches',
      code: `
const withTiming = (fn) => async (event) => {
  const started = Date.now();
  const result = await fn(event);
  console.log(Date.now() - started);
  return result;
};
const withLogging = (fn) => async (event) => {
  console.log(event.requestContext.requestId);
  return fn(event);
};
const api = (fn) => withTiming(withLogging(fn));
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 13, column: 86 }],
    },
    {
      name: 'delegation is not followed a fourth wrapper deep',
      code: `
const withErrors = (fn) => async (event) => {
  try {
    return await fn(event);
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};
const withAuth = (fn) => withErrors(fn);
const withTracing = (fn) => withAuth(fn);
const withLogging = (fn) => withTracing(fn);
const api = (fn) => withLogging(fn);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 13, column: 86 }],
    },
    {
      name: 'delegation through imports is not followed a fourth wrapper deep either',
      code: `
import withLayers from './libs/layers/one.js';
const api = (fn) => withLayers(fn);
export const handler = api(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      filename: inFixtures('layered-handler.js'),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4, column: 86 }],
    },
    {
      name: 'a catching helper the wrapper uses for something other than the handler',
      code: `
const bestEffort = (task) => {
  try {
    return task();
  } catch {
    return undefined;
  }
};
const withMetrics = (fn) => async (event) => {
  bestEffort(() => metrics.addCount('requests'));
  return fn(event);
};
export const handler = withMetrics(async (event) => ({ statusCode: 200, body: JSON.stringify(await orders.get(event.pathParameters.id)) }));`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 13, column: 94 }],
    },
    {
      name: 'a wrapper whose try block guards only its own call, not the handler',
      code: `
const withAuth = (fn) => async (event) => {
  let user;
  try {
    user = await verifyToken(event.headers.authorization);
  } catch {
    return { statusCode: 401, body: 'unauthorized' };
  }
  return fn({ ...event, user });
};
export const handler = withAuth(async (event) => {
  const orders = await db.listOrders(event.user.id);
  return { statusCode: 200, body: JSON.stringify(orders) };
});`,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 12, column: 18 }],
    },
  ],
});

/** Line and column of the first `token` on a 1-based line of `code`: pins a report to the node it names. */
const at = (code: string, line: number, token: string): { line: number; column: number } => {
  const column = code.split('\n')[line - 1].indexOf(token) + 1;
  if (column === 0) throw new Error(`no ${token} on line ${line}`);
  return { line, column };
};

/** A handler that awaits `expression` (after `setup` at module scope); the await is on line `awaitLine(setup)`. */
const awaiting = (setup: string, expression: string): string => `
${setup ? `${setup}\n` : ''}export const handler = async (event) => {
  const result = await ${expression};
  return { statusCode: 200, body: JSON.stringify(result) };
};`;
const awaitAt = (setup: string) => ({ line: (setup ? setup.split('\n').length : 0) + 3, column: 18 });

const parses = `
export const handler = async (event) => {
  const filter = JSON.parse(event.queryStringParameters?.orderFilter);
  const order = JSON.parse(Buffer.from(event.body, 'base64').toString('utf8'));
  const meta = JSON.parse(event.isBase64Encoded
    ? atob(event.headers['x-meta'])
    : event.headers['x-meta']);
  const trace = globalThis.JSON.parse(event.headers['x-trace']);
  return { statusCode: 200, body: JSON.stringify({ filter, order, meta, trace }) };
};`;

const httpErrors = `
import { badRequest } from '@hapi/boom';
import { ValidationError } from 'yup';
import { BadRequestError as InvalidInput } from '@aws-lambda-powertools/event-handler/experimental-rest';
import { createError } from './lib/errors.js';
export const handler = async (event) => {
  const id = event.pathParameters?.id;
  if (!event.body) throw badRequest('body is required');
  if (!id) throw new ValidationError('id is required');
  if (id.length > 64) throw new InvalidInput('id is too long');
  if (event.headers['content-type'] !== 'application/json') throw createError(415, 'JSON only');
  return { statusCode: 204, body: '' };
};`;

const tryFinally = `
export const handler = async (event) => {
  const client = pool.checkout();
  try {
    const rows = await client.query('SELECT * FROM orders WHERE id = $1', [event.pathParameters.id]);
    return { statusCode: 200, body: JSON.stringify(rows) };
  } finally {
    client.release();
  }
};`;

const forAwaitThenAwait = `
export const handler = async (event) => {
  const keys = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: process.env.BUCKET, Prefix: event.rawPath })) keys.push(...(page.Contents ?? []));
  await audit.record(event.requestContext.requestId, keys.length);
  return { statusCode: 200, body: JSON.stringify(keys) };
};`;

const dnsHost = "event.queryStringParameters.host";

// Which operations in an HTTP handler without a boundary are reported, and where.
ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      name: 'awaits in a finally block are error handling, not the happy path',
      code: `
export const handler = async (event) => {
  try {
    return { statusCode: 200, body: JSON.stringify(await orders.list(event.queryStringParameters)) };
  } catch {
    return { statusCode: 500, body: 'internal error' };
  } finally {
    await metrics.flush();
  }
};`,
      settings: restApiHandler,
    },
    {
      name: 'a function defined in the handler runs where it is called (here inside try)',
      code: `
export const handler = async (event) => {
  const toOrder = (line) => JSON.parse(line);
  try {
    const orders = event.body.split('\\n').map(toOrder);
    return { statusCode: 200, body: JSON.stringify(await save(orders)) };
  } catch {
    return { statusCode: 400, body: 'invalid order line' };
  }
};`,
      settings: restApiHandler,
    },
    {
      name: 'a route callback registered on a Powertools router runs inside the router, which answers its errors',
      code: `
import { Router, BadRequestError } from '@aws-lambda-powertools/event-handler/experimental-rest';
const app = new Router();
export const handler = async (event, context) => {
  app.get('/orders/:id', ({ params }) => {
    if (!params.id) throw new BadRequestError('id is required');
    return orders.get(params.id);
  });
  return app.resolve(event, context);
};`,
      settings: restApiHandler,
    },
    {
      name: 'async array callbacks run later: their rejections surface where the promises are awaited',
      code: `
export const handler = async (event) => {
  const ids = event.multiValueQueryStringParameters?.id ?? [];
  const lookups = ids.map(async (id) => {
    const item = await table.get(id);
    if (!item) throw new Error(\`no item \${id}\`);
    return item;
  });
  try {
    return { statusCode: 200, body: JSON.stringify(await Promise.all(lookups)) };
  } catch {
    return { statusCode: 404, body: 'not found' };
  }
};`,
      settings: restApiHandler,
    },
    {
      name: 'a plain for...of loop is no await',
      code: `
export const handler = async (event) => {
  let total = 0;
  for (const line of event.body.split('\\n')) total += Number(line) || 0;
  return { statusCode: 200, body: String(total) };
};`,
      settings: restApiHandler,
    },
    {
      name: 'a for await loop inside try',
      code: `
export const handler = async (event) => {
  let count = 0;
  try {
    for await (const page of paginateQuery({ client }, { TableName: 'orders', KeyConditionExpression: event.queryStringParameters.q })) count += page.Count ?? 0;
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
  return { statusCode: 200, body: String(count) };
};`,
      settings: restApiHandler,
    },
    {
      name: 'then() with a rejection handler handles the rejection where it is created',
      code: awaiting('', 'cache.get(event.pathParameters.id).then((hit) => hit, () => undefined)'),
      settings: restApiHandler,
    },
  ],
  invalid: [
    {
      name: 'try/finally without catch guards nothing',
      code: tryFinally,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...at(tryFinally, 5, 'await') }],
    },
    {
      name: 'a for await loop counts as the first unguarded await, and the awaits after it are not reported again',
      code: forAwaitThenAwait,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...at(forAwaitThenAwait, 4, 'for await') }],
    },
    {
      name: 'the message shows the parsed argument on one line, cut to 40 characters',
      code: parses,
      settings: restApiHandler,
      errors: [
        { messageId: 'unguardedParse', ...at(parses, 3, 'JSON.parse'), data: { handler: 'handler', argument: 'event.queryStringParameters?.orderFilter' } },
        { messageId: 'unguardedParse', ...at(parses, 4, 'JSON.parse'), data: { handler: 'handler', argument: "Buffer.from(event.body, 'base64').toS..." } },
        { messageId: 'unguardedParse', ...at(parses, 5, 'JSON.parse'), data: { handler: 'handler', argument: 'event.isBase64Encoded ? atob(event.he...' } },
        { messageId: 'unguardedParse', ...at(parses, 8, 'globalThis'), data: { handler: 'handler', argument: "event.headers['x-trace']" } },
      ],
    },
    {
      name: 'HTTP errors from boom, Powertools (renamed) and a local createError; other errors are plain throws',
      code: httpErrors,
      settings: restApiHandler,
      errors: [
        { messageId: 'httpErrorWithoutBoundary', ...at(httpErrors, 8, 'throw'), data: { handler: 'handler', error: 'badRequest' } },
        { messageId: 'unguardedThrow', ...at(httpErrors, 9, 'throw') },
        { messageId: 'httpErrorWithoutBoundary', ...at(httpErrors, 10, 'throw'), data: { handler: 'handler', error: 'InvalidInput' } },
        { messageId: 'httpErrorWithoutBoundary', ...at(httpErrors, 11, 'throw'), data: { handler: 'handler', error: 'createError' } },
      ],
    },
    {
      name: 'then() without a rejection handler',
      code: awaiting('', 'table.get(event.pathParameters.id).then((output) => output.Item)'),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...awaitAt('') }],
    },
    {
      name: 'a call with two arguments that is not then()',
      code: awaiting('', "s3.send(new GetObjectCommand({ Bucket: 'exports', Key: event.pathParameters.key }), { abortSignal: AbortSignal.timeout(3000) })"),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...awaitAt('') }],
    },
    {
      name: 'Promise.all rejects with the first rejection (only allSettled does not)',
      code: awaiting('', 'Promise.all([users.get(event.pathParameters.id), orders.list(event.pathParameters.id)])'),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...awaitAt('') }],
    },
    {
      name: 'a new Promise whose executor takes reject can reject',
      code: awaiting('', "new Promise((resolve, reject) => upload(event.body).on('done', resolve).on('error', reject))"),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', ...awaitAt('') }],
    },
    ...[
      ["import { Resolver } from 'node:dns/promises';\nconst resolver = new Resolver();", `resolver.resolve(${dnsHost})`],
      ["import dns from 'node:dns';\nconst resolver = new dns.promises.Resolver();", `resolver.resolve(${dnsHost})`],
      ["import dns from 'node:dns/promises';", `dns.resolve(${dnsHost})`],
      ["import dns from 'node:dns';", `dns.promises.resolve(${dnsHost})`],
    ].map(([setup, expression]) => ({
      name: `resolve() of something other than a Powertools router: ${expression.split('(')[0]} after ${setup.split('\n').pop()}`,
      code: awaiting(setup, expression),
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait' as const, ...awaitAt(setup) }],
    })),
  ],
});

const catchWithTernaryInCallback = `
export const handler = async (event) => {
  const cart = JSON.parse(event.body ?? '{}');
  try {
    await checkout(cart);
    return { statusCode: 201, body: '' };
  } catch (error) {
    logger.error('checkout failed', { skus: cart.lines.map((line) => (line.sku ? line.sku : 'unknown')) });
    return { statusCode: 200, body: JSON.stringify({ ok: false }) };
  }
};`;

const compensation = `
export const handler = async (event) => {
  try {
    await payments.capture(event.pathParameters.id);
  } catch (error) {
    try {
      await payments.release(event.pathParameters.id);
    } catch {
      throw error;
    }
    return { statusCode: 202, body: 'released; retry later' };
  }
  return { statusCode: 200, body: 'captured' };
};`;

const typed = { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtures } };
const typedAwaitOf = (setup: string, expression: string) => `
${setup}
export const handler = async (event: { body: string }) => {
  const result = await ${expression};
  return { statusCode: 200, body: JSON.stringify(result) };
};`;

// catch blocks that answer 2xx, and awaits judged with type information.
ruleTester.run('handler-error-boundary', rule, {
  valid: [
    {
      name: 'a catch inside a function the handler defines answers for that function, not for the handler',
      code: `
export const handler = async (event) => {
  const deliver = async (webhook) => {
    try {
      await fetch(webhook.url, { method: 'POST', body: event.body });
      return { url: webhook.url, statusCode: 200 };
    } catch {
      return { url: webhook.url, statusCode: 202 };
    }
  };
  try {
    return { statusCode: 207, body: JSON.stringify(await Promise.all(webhooks.map(deliver))) };
  } catch {
    return { statusCode: 500, body: 'internal error' };
  }
};`,
      settings: restApiHandler,
    },
    {
      name: 'a catch that switches on the error',
      code: `
export const handler = async (event) => {
  try {
    await table.delete(event.pathParameters.id);
  } catch (error) {
    switch (error.name) {
      case 'ConditionalCheckFailedException':
        logger.info('already deleted');
        break;
      default:
        logger.error('delete failed', error);
    }
    return { statusCode: 204, body: '' };
  }
  return { statusCode: 204, body: '' };
};`,
      settings: restApiHandler,
    },
    {
      name: 'a catch that looks at the error in a conditional expression',
      code: `
export const handler = async (event) => {
  try {
    await table.put(JSON.parse(event.body));
  } catch (error) {
    const outcome = error.name === 'ConditionalCheckFailedException' ? 'duplicate' : 'failed';
    metrics.addMetric(outcome, 1);
    return { statusCode: 200, body: outcome };
  }
  return { statusCode: 201, body: 'created' };
};`,
      settings: restApiHandler,
    },
    {
      name: 'with type information, awaiting a union of non-thenables cannot reject',
      code: typedAwaitOf('const cache = new Map<string, { id: string }>();', "cache.get(event.body) ?? { id: 'none' }"),
      filename: 'typed-handler.ts',
      languageOptions: typed,
      settings: restApiHandler,
    },
  ],
  invalid: [
    {
      name: 'a catch that rethrows when compensation fails is selective: its 2xx is not reported, the rethrow is',
      code: compensation,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedThrow', ...at(compensation, 9, 'throw') }],
    },
    {
      name: 'a conditional inside a callback in the catch does not make the catch selective',
      code: catchWithTernaryInCallback,
      settings: restApiHandler,
      errors: [
        { messageId: 'unguardedParse', ...at(catchWithTernaryInCallback, 3, 'JSON.parse') },
        { messageId: 'catchReturnsSuccess', ...at(catchWithTernaryInCallback, 9, 'statusCode'), data: { handler: 'handler', status: '200' } },
      ],
    },
    {
      name: 'with type information, awaiting a promise is reported',
      code: typedAwaitOf('const load = async (id: string): Promise<{ id: string }> => ({ id });', 'load(event.body)'),
      filename: 'typed-handler.ts',
      languageOptions: typed,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4, column: 18 }],
    },
    {
      name: 'with type information, awaiting a promise or undefined is reported',
      code: typedAwaitOf('const pending = new Map<string, Promise<string>>();', 'pending.get(event.body)'),
      filename: 'typed-handler.ts',
      languageOptions: typed,
      settings: restApiHandler,
      errors: [{ messageId: 'unguardedAwait', line: 4, column: 18 }],
    },
  ],
});

describe('handler-error-boundary (Python)', () => {
  const run = (code: string, setup: PythonCase = { triggers: ['rest-api'] }) => pythonFindings(handlerErrorBoundary, code, setup);

  it('reports json.loads of the body, raises and risky request subscripts outside try/except', async () => {
    const code = `import json
from aws_lambda_powertools.event_handler.exceptions import NotFoundError

def lambda_handler(event, context):
    body = json.loads(event["body"])
    name = event["queryStringParameters"]["name"]
    user = load(event["pathParameters"]["id"])
    if user is None:
        raise NotFoundError("no such user")
    if not body:
        raise ValueError("empty")
    return {"statusCode": 200, "body": json.dumps({"name": name, "user": user})}
`;
    expect(await run(code)).toEqual([
      { messageId: 'unguardedJsonLoads', line: 5 },
      { messageId: 'unguardedSubscript', line: 6 },
      { messageId: 'httpErrorWithoutBoundary', line: 9 },
      { messageId: 'unguardedThrow', line: 11 },
    ]);
    const [parse] = await runPythonCheck(handlerErrorBoundary, code, { triggers: ['rest-api'] });
    expect(parse.data).toEqual({ call: 'json.loads', argument: 'event["body"]', handler: 'lambda_handler' });
    expect(parse.column).toBe(12);
  });

  it('reports a missing body key only for HTTP API and function URL events, which leave it out', async () => {
    const code = `def handler(event, context):
    return {"statusCode": 200, "body": event["body"].upper()}
`;
    expect(await run(code, { triggers: ['http-api'] })).toEqual([{ messageId: 'unguardedSubscript', line: 2 }]);
    expect(await run(code, { triggers: ['rest-api'] })).toEqual([]);
  });

  it('reports a broad except that answers 2xx, and a rethrow from an except clause', async () => {
    const code = `import json
def handler(event, context):
    try:
        save(json.loads(event["body"]))
    except Exception as error:
        print(error)
        return {"statusCode": 200, "body": "ok"}
    try:
        publish()
    except Exception:
        raise
    return {"statusCode": 201}
`;
    expect(await run(code)).toEqual([
      { messageId: 'catchReturnsSuccess', line: 7 },
      { messageId: 'unguardedThrow', line: 11 },
    ]);
  });

  it('accepts code guarded by try/except, guarded lookups, resolvers, frameworks and wrapping decorators', async () => {
    expect(
      await run(`import json
def handler(event, context):
    try:
        body = json.loads(event.get("body") or "{}")
        item = event["queryStringParameters"]["id"]
    except (ValueError, KeyError, TypeError):
        return {"statusCode": 400, "body": "bad request"}
    params = event.get("queryStringParameters") or {}
    if event["queryStringParameters"] and "q" in event["queryStringParameters"]:
        q = event["queryStringParameters"]["q"]
    user = event["pathParameters"]["id"]
    host = event["headers"]["Host"] + event["headers"]["X-Forwarded-For"] + event["headers"]["x-amzn-vpce-id"]
    copy = json.loads(json.dumps(body))
    constant = json.loads('{"a": 1}')
    return {"statusCode": 200, "body": json.dumps([item, params, user, copy, constant])}
`),
    ).toEqual([]);
    // Powertools resolver: the router answers route errors (with @app.exception_handler for others).
    expect(
      await run(`from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.logging import correlation_paths
logger = Logger()
app = APIGatewayRestResolver()

@app.get("/todos/<todo_id>")
def get_todo(todo_id: str):
    raise ValueError("route code is not the handler's flow")

@app.exception_handler(ValueError)
def handle_value_error(ex: ValueError):
    return {"statusCode": 400}

@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def lambda_handler(event, context):
    return app.resolve(event, context)
`),
    ).toEqual([]);
    // Mangum and Chalice apps are the handler; aws-wsgi answers errors for the WSGI app.
    expect(await run(`from mangum import Mangum
from app import api
handler = Mangum(api)
`)).toEqual([]);
    expect(await run(`import awsgi
from app import app
def lambda_handler(event, context):
    return awsgi.response(app, event, context)
`)).toEqual([]);
    // A decorator that catches, defined here or imported from a local module.
    expect(
      await run(`import json, functools
def http_errors(fn):
    @functools.wraps(fn)
    def wrapper(event, context):
        try:
            return fn(event, context)
        except Exception:
            return {"statusCode": 500}
    return wrapper

@http_errors
def handler(event, context):
    return {"statusCode": 200, "body": json.loads(event["body"])["name"]}
`),
    ).toEqual([]);
    expect(await run(`import json
from .middleware import api
@api
def handler(event, context):
    raise ValueError("x")
`)).toEqual([]);
  });

  it('checks only HTTP handlers, and a Powertools-decorated handler is still the handler', async () => {
    const code = `import json
from aws_lambda_powertools import Metrics, Tracer
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent, event_source
tracer = Tracer()
metrics = Metrics()

@metrics.log_metrics(capture_cold_start_metric=True)
@tracer.capture_lambda_handler
@event_source(data_class=APIGatewayProxyEvent)
def handler(event, context):
    return json.loads(event["body"])
`;
    expect(await run(code, { triggers: ['sqs'] })).toEqual([]);
    expect(await run(code, { triggers: [] })).toEqual([]);
    expect(await run(code, { triggers: ['function-url'] })).toEqual([{ messageId: 'unguardedJsonLoads', line: 11 }]);
  });
});
