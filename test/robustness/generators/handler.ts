/**
 * Lambda handler modules in JavaScript and TypeScript: every export style (ESM, CommonJS,
 * callbacks, wrappers), AWS SDK v2 and v3 clients at module scope and in the handler,
 * floating promises, swallowed errors, batch responses, environment reads, heavy imports,
 * local imports, unicode identifiers, deep nesting; then the usual mutations.
 */
import fc from 'fast-check';
import { mutated, nest, numberText, plainName } from './common.js';
import type { HandlerSetting } from '../../../src/handlers/settings.js';
import { TRIGGER_KINDS } from '../../../src/model/trigger.js';

const IMPORTS = [
  "import AWS from 'aws-sdk';",
  "const AWS = require('aws-sdk');",
  "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
  "import { S3 } from 'aws-sdk';",
  "import { SQSClient } from '@aws-sdk/client-sqs';",
  "import moment from 'moment';",
  "import _ from 'lodash';",
  "import 'dotenv/config';",
  "require('dotenv').config();",
  "import { helper } from './lib/helper.js';",
  "import * as util from './util';",
  "const local = require('./lib/helper');",
  "import type { SQSEvent, Context } from 'aws-lambda';",
  "import middy from '@middy/core';",
  "import { Pool } from 'pg';",
  "import axios from 'axios';",
  "export * from './lib/helper.js';",
];

const MODULE_SCOPE = [
  'const client = new DynamoDBClient({});',
  'const s3 = new AWS.S3();',
  'let cache;',
  'const TABLE = process.env.TABLE_NAME;',
  "const { API_KEY, SECRET = 'x' } = process.env;",
  'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
  "const apiKey = 'sk_live_51H8abcdefghijklmnopqrstuv';",
  "const password = 'hunter2';",
  "const endpoint = 'https://internal.example.com/api';",
  'const ünïcödé = 1, λ = 2, 变量 = 3;',
  'class Service { async run() { await fetch(endpoint); } }',
  'export const config = { runtime: "edge" };',
  'process.env.STAGE ??= "dev";',
];

const BODY = [
  'const res = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: {} }));',
  'client.send(new GetItemCommand({}));',
  'fetch("https://example.com");',
  'Promise.all(event.Records.map(async (r) => r));',
  'try { await helper(event); } catch (e) {}',
  'try { await helper(event); } catch (e) { console.log(e); }',
  'try { JSON.parse(event.body); } catch { return { statusCode: 400 }; }',
  'for (const record of event.Records ?? []) { await process(record); }',
  'const failures = []; for (const r of event.Records) { try { await work(r); } catch { failures.push({ itemIdentifier: r.messageId }); } } return { batchItemFailures: failures };',
  'return { batchItemFailures: [] };',
  'const local = new DynamoDBClient({});',
  'const s3local = new AWS.S3();',
  'await new Promise((r) => setTimeout(r, 10));',
  'setTimeout(() => {}, 1000);',
  'callback(null, { statusCode: 200 });',
  'context.callbackWaitsForEmptyEventLoop = false;',
  'console.log(process.env.UNDEFINED_VAR, process.env["ALSO"], process.env[name]);',
  'const env = { ...process.env };',
  'throw new Error("boom");',
  'if (!event) return;',
  'label: for (;;) { break label; }',
  'const gen = function* () { yield 1; };',
  'return await import("heavy-module");',
  'new Function("return 1")();',
  'eval("1");',
  'with (obj) { x; }',
  'debugger;',
];

const statements = fc.array(fc.constantFrom(...BODY), { maxLength: 6 });

/** The handler, exported in one of the styles Lambda loads. */
const handlerExport = fc.tuple(fc.constantFrom('handler', 'main', 'lambdaHandler', 'default', 'notTheHandler', 'ünï'), statements, fc.integer({ min: 0, max: 11 })).map(([name, body, style]) => {
  const inner = body.join('\n  ');
  switch (style) {
    case 0:
      return `export const ${name} = async (event, context) => {\n  ${inner}\n};`;
    case 1:
      return `export async function ${name}(event: SQSEvent, context: Context): Promise<unknown> {\n  ${inner}\n}`;
    case 2:
      return `exports.${name} = function (event, context, callback) {\n  ${inner}\n};`;
    case 3:
      return `module.exports.${name} = async (event) => {\n  ${inner}\n};`;
    case 4:
      return `module.exports = { ${name}: async (event) => {\n  ${inner}\n} };`;
    case 5:
      return `export default async function (event) {\n  ${inner}\n}`;
    case 6:
      return `const impl = async (event) => {\n  ${inner}\n};\nexport const ${name} = middy(impl).use(x());`;
    case 7:
      return `async function impl(event) {\n  ${inner}\n}\nexport { impl as ${name} };`;
    case 8:
      return `export const ${name} = (event, context, callback) => {\n  ${inner}\n};`;
    case 9:
      return `export const ${name} = wrap(async (event) => {\n  ${inner}\n});`;
    case 10:
      return `export class H { static async ${name}(event) {\n  ${inner}\n} }\nexport const ${name} = H.${name};`;
    default:
      return `export const ${name} = ${nest('(', ')', 3, `async (event) => { ${inner} }`)};`;
  }
});

/** Deep nesting and long expressions: parser and traversal recursion. */
const deep = fc.tuple(fc.oneof({ arbitrary: fc.integer({ min: 10, max: 200 }), weight: 4 }, { arbitrary: fc.integer({ min: 1000, max: 3000 }), weight: 1 }), fc.constantFrom('paren', 'array', 'block', 'sum', 'if', 'arrow', 'template')).map(([n, shape]) => {
  switch (shape) {
    case 'paren':
      return `const deep = ${nest('(', ')', n, '1')};`;
    case 'array':
      return `const deep = ${nest('[', ']', n, '1')};`;
    case 'block':
      return nest('{ ', ' }', n, 'x();');
    case 'sum':
      return `const sum = ${Array.from({ length: n }, (_, i) => i).join(' + ')};`;
    case 'if':
      return `${'if (a) '.repeat(n)}b();`;
    case 'arrow':
      return `const f = ${'() => '.repeat(n)}1;`;
    default:
      return `const t = ${'`${'.repeat(Math.min(n, 500))}1${'}`'.repeat(Math.min(n, 500))};`;
  }
});

export const handlerSource: fc.Arbitrary<string> = fc
  .tuple(
    fc.shuffledSubarray(IMPORTS, { maxLength: 5 }),
    fc.shuffledSubarray(MODULE_SCOPE, { maxLength: 4 }),
    fc.array(handlerExport, { minLength: 1, maxLength: 2 }),
    fc.option(deep, { nil: undefined, freq: 8 }),
    fc.option(numberText.map((n) => `const n = ${n};`), { nil: undefined }),
    fc.option(plainName.map((n) => `export const ${n} = 1;`), { nil: undefined }),
  )
  .map(([imports, scope, exports, deepCode, n, extra]) => [...imports, '', ...scope, ...(n ? [n] : []), ...(deepCode ? [deepCode] : []), '', ...exports, ...(extra ? [extra] : []), ''].join('\n'));

const JS_TOKENS = ['{', '}', '(', ')', '[', ']', ';', ',', '`', '${', '/*', '//', '"', "'", '=>', 'async ', 'await ', 'export ', 'import(', 'require(', '#!', '<', '>', '@', '#private', '?.', '??', '\\u{', '/', 'yield '];

export interface HandlerCase {
  file: string;
  text: string;
  handlers: HandlerSetting[];
}

export const handlerCase: fc.Arbitrary<HandlerCase> = fc.record({
  file: fc.constantFrom('src/handler.ts', 'src/handler.js', 'src/handler.mjs', 'src/handler.cjs', 'src/handler.mts', 'src/handler.tsx', 'src/ünï cödé.js'),
  text: mutated(handlerSource, JS_TOKENS),
  handlers: fc.array(
    fc.record(
      {
        export: fc.constantFrom('handler', 'main', 'default', 'missing', ''),
        trigger: fc.subarray([...TRIGGER_KINDS], { maxLength: 2 }),
        runtime: fc.constantFrom('nodejs20.x', 'nodejs16.x', 'nodejs24.x', 'python3.12', ''),
        functions: fc.array(plainName, { maxLength: 2 }),
      },
      { requiredKeys: ['export'] },
    ),
    { maxLength: 2 },
  ),
});

/** Files the handlers import, so local-module resolution has something to find. */
export const HANDLER_SIBLINGS: Record<string, string> = {
  'src/lib/helper.js': 'export const helper = async (e) => e;\nexport default helper;\n',
  'src/util/index.ts': 'export const util = 1;\n',
  'package.json': '{ "name": "app", "dependencies": { "@aws-sdk/client-dynamodb": "3.0.0" } }\n',
};
