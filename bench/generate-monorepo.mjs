// Writes a deterministic serverless monorepo for benchmarks: services deployed with all four
// config formats lambdalint reads (Serverless Framework, AWS SAM, Terraform, AWS CDK in
// TypeScript), each with handler files that import a service library (SDK v3 clients, domain
// modules, utilities) that imports more local modules. Environment reads match what the
// configs define. A few deliberate problems (a max timeout, a dead runtime, an undefined env
// var, aws-sdk v2, a client built per invocation, a floating promise, a callback handler, a
// plaintext secret, a short SQS visibility timeout, a handler that does not exist) are spread
// over the functions so the cross-checks have something to find.
//
// Default size: 4 formats x 8 services x 10 functions = 320 functions; each service has 56
// library modules, so 32 x (10 + 56) = 2,112 handler-graph files.
// Usage: node bench/generate-monorepo.mjs   (SERVICES=8 FUNCTIONS=10 per service and format)
// Output: bench/.generated/monorepo (gitignored). Same parameters, same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOMAINS = ['orders', 'billing', 'catalog', 'shipping', 'identity', 'reviews', 'support', 'analytics', 'inventory', 'payments'];
const ENTITIES = [
  ['order', ['customerId', 'total', 'currency']],
  ['customer', ['email', 'name', 'tier']],
  ['invoice', ['orderId', 'amount', 'dueDate']],
  ['payment', ['invoiceId', 'amount', 'method']],
  ['shipment', ['orderId', 'carrier', 'trackingCode']],
  ['product', ['sku', 'title', 'price']],
  ['review', ['productId', 'rating', 'comment']],
  ['coupon', ['code', 'percentOff', 'expiresAt']],
  ['ticket', ['customerId', 'subject', 'priority']],
  ['report', ['period', 'metric', 'value']],
];
/** Function slot i of a service: trigger and verb. Slot i handles entity i % 8. */
const SLOTS = [
  ['http', 'create'],
  ['http', 'get'],
  ['http', 'list'],
  ['sqs', 'process'],
  ['http', 'update'],
  ['s3', 'ingest'],
  ['schedule', 'report'],
  ['sqs', 'sync'],
  ['http', 'delete'],
  ['events', 'handle'],
];
const ENTITIES_PER_SERVICE = 8;
const UTILS = ['errors', 'logger', 'config', 'json', 'ids', 'time', 'retry', 'metrics', 'http', 'middleware'];
const CLIENTS = ['dynamo', 's3', 'sqs', 'sns', 'events', 'secrets'];
const ENTITY_MODULES = ['model', 'mapper', 'validate', 'repository', 'service'];
/** Library modules each service has (56 by default), besides its handler files. */
export const LIBRARY_MODULES_PER_SERVICE = UTILS.length + CLIENTS.length + ENTITIES_PER_SERVICE * ENTITY_MODULES.length;

const pascal = (s) => s.replace(/(^|[-_])(\w)/g, (_, __, c) => c.toUpperCase());
const camel = (s) => s.replace(/[-_](\w)/g, (_, c) => c.toUpperCase());
const plural = (s) => (s.endsWith('y') ? `${s.slice(0, -1)}ies` : `${s}s`);

/** Deterministic problems, by the global function number g (0-based over the whole monorepo). */
const problem = {
  maxTimeout: (g) => g % 31 === 3,
  deadRuntime: (g) => g % 61 === 29,
  undefinedEnv: (g) => g % 37 === 5,
  sdkV2: (g) => g % 41 === 7,
  clientInHandler: (g) => g % 43 === 11,
  floatingPromise: (g) => g % 47 === 13,
  callback: (g) => g % 53 === 17,
  hardcodedSecret: (g) => g % 59 === 23,
  shortVisibility: (g) => g % 7 === 3,
  noBatchReport: (g) => g % 29 === 14,
  // A `delete` slot, whose entity another function also reaches: only the handler file goes unreached.
  missingHandler: (g) => g % 10 === 8 && Math.floor(g / 10) % 10 === 4,
  secretInEnv: (g) => g % 67 === 33,
};

/** Module syntax of one service: TypeScript (bundled), ES modules (.mjs) or CommonJS (.js). */
function language(kind) {
  const cjs = kind === 'cjs';
  return {
    kind,
    ts: kind === 'ts',
    ext: kind === 'ts' ? '.ts' : kind === 'esm' ? '.mjs' : '.js',
    spec: (path) => (kind === 'esm' ? `${path}.mjs` : path),
    T: (text) => (kind === 'ts' ? text : ''),
    ex: cjs ? '' : 'export ',
    imp: (names, from) => (cjs ? `const { ${names.join(', ')} } = require('${from}');` : `import { ${names.join(', ')} } from '${from}';`),
    impDefault: (name, from) => (cjs ? `const ${name} = require('${from}');` : `import ${name} from '${from}';`),
    impType: (names, from) => (kind === 'ts' ? `import type { ${names.join(', ')} } from '${from}';\n` : ''),
    exports: (names) => (cjs ? `\nmodule.exports = { ${names.join(', ')} };\n` : ''),
    strict: cjs ? `'use strict';\n\n` : '',
  };
}

// ---------------------------------------------------------------- library modules

function utilModule(name, L, svc) {
  const { T, ex, imp, spec } = L;
  switch (name) {
    case 'errors':
      return `${L.strict}${ex}class AppError extends Error {
  ${L.ts ? 'readonly statusCode: number;\n  readonly code: string;\n\n  ' : ''}constructor(message${T(': string')}, statusCode${T(': number')} = 500, code${T(': string')} = 'internal') {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.code = code;
  }
}

${ex}class NotFoundError extends AppError {
  constructor(what${T(': string')}, id${T(': string')}) {
    super(\`\${what} \${id} not found\`, 404, 'not-found');
  }
}

${ex}class ValidationError extends AppError {
  ${L.ts ? 'readonly details: string[];\n\n  ' : ''}constructor(details${T(': string[]')}) {
    super(\`invalid input: \${details.join(', ')}\`, 400, 'invalid');
    this.details = details;
  }
}

${ex}class ConfigError extends AppError {
  constructor(message${T(': string')}) {
    super(message, 500, 'config');
  }
}

${ex}function isAppError(error${T(': unknown')})${T(': error is AppError')} {
  return error instanceof AppError;
}
${L.exports(['AppError', 'NotFoundError', 'ValidationError', 'ConfigError', 'isAppError'])}`;
    case 'logger':
      return `${L.strict}${L.ts ? "type Level = 'debug' | 'info' | 'warn' | 'error';\n\n" : ''}const LEVELS${T(': Record<Level, number>')} = { debug: 10, info: 20, warn: 30, error: 40 };
const SERVICE = '${svc.name}';
const threshold = LEVELS[(process.env.LOG_LEVEL ?? 'info')${T(' as Level')}] ?? 20;

function write(level${T(': Level')}, message${T(': string')}, data${T(': Record<string, unknown>')} = {})${T(': void')} {
  if (LEVELS[level] < threshold) return;
  const entry = { level, message, service: SERVICE, time: new Date().toISOString(), ...data };
  const line = JSON.stringify(entry, (_key, value) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value));
  if (level === 'error') console.error(line);
  else console.log(line);
}

${ex}const logger = {
  debug: (message${T(': string')}, data${T('?: Record<string, unknown>')}) => write('debug', message, data),
  info: (message${T(': string')}, data${T('?: Record<string, unknown>')}) => write('info', message, data),
  warn: (message${T(': string')}, data${T('?: Record<string, unknown>')}) => write('warn', message, data),
  error: (message${T(': string')}, data${T('?: Record<string, unknown>')}) => write('error', message, data),
};

${ex}function withContext(context${T(': Record<string, unknown>')}) {
  return {
    info: (message${T(': string')}, data${T(': Record<string, unknown>')} = {}) => write('info', message, { ...context, ...data }),
    error: (message${T(': string')}, data${T(': Record<string, unknown>')} = {}) => write('error', message, { ...context, ...data }),
  };
}
${L.exports(['logger', 'withContext'])}`;
    case 'config':
      return `${L.strict}${imp(['ConfigError'], spec('./errors'))}

${ex}const stage = process.env.STAGE ?? 'dev';
${ex}const isProduction = stage === 'prod';

${ex}function required(value${T(': string | undefined')}, name${T(': string')})${T(': string')} {
  if (value === undefined || value === '') throw new ConfigError(\`\${name} is not set\`);
  return value;
}

${ex}function numberSetting(value${T(': string | undefined')}, fallback${T(': number')})${T(': number')} {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

${ex}const pageSize = numberSetting(process.env.PAGE_SIZE ?? '25', 25);
${L.exports(['stage', 'isProduction', 'required', 'numberSetting', 'pageSize'])}`;
    case 'json':
      return `${L.strict}${imp(['ValidationError'], spec('./errors'))}

${ex}function parseJson(text${T(': string | null | undefined')})${T(': Record<string, unknown>')} {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(['body must be a JSON object']);
    return value;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(['body is not valid JSON']);
  }
}

${ex}function stableStringify(value${T(': unknown')})${T(': string')} {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return \`[\${value.map(stableStringify).join(',')}]\`;
  const keys = Object.keys(value).sort();
  return \`{\${keys.map((key) => \`\${JSON.stringify(key)}:\${stableStringify((value${T(' as Record<string, unknown>')})[key])}\`).join(',')}}\`;
}
${L.exports(['parseJson', 'stableStringify'])}`;
    case 'ids':
      return `${L.strict}${imp(['randomUUID', 'createHash'], 'node:crypto')}

${ex}function newId(prefix${T(': string')})${T(': string')} {
  return \`\${prefix}_\${randomUUID().replace(/-/g, '').slice(0, 20)}\`;
}

${ex}function idempotencyKey(...parts${T(': unknown[]')})${T(': string')} {
  return createHash('sha256').update(parts.map(String).join('|')).digest('hex').slice(0, 32);
}
${L.exports(['newId', 'idempotencyKey'])}`;
    case 'time':
      return `${L.strict}${ex}function nowIso()${T(': string')} {
  return new Date().toISOString();
}

${ex}function addDays(iso${T(': string')}, days${T(': number')})${T(': string')} {
  const date = new Date(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
}

${ex}function ttlInDays(days${T(': number')})${T(': number')} {
  return Math.floor(Date.now() / 1000) + days * 24 * 60 * 60;
}

${ex}function sleep(ms${T(': number')})${T(': Promise<void>')} {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
${L.exports(['nowIso', 'addDays', 'ttlInDays', 'sleep'])}`;
    case 'retry':
      return `${L.strict}${imp(['sleep'], spec('./time'))}
${imp(['logger'], spec('./logger'))}

const RETRYABLE = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'TooManyRequestsException', 'ServiceUnavailable']);

${ex}async function withRetry${T('<T>')}(operation${T(': () => Promise<T>')}, attempts = 3, baseDelayMs = 100)${T(': Promise<T>')} {
  let lastError${T(': unknown')};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      const name = (error${T(' as { name?: string }')})?.name ?? '';
      if (!RETRYABLE.has(name) || attempt === attempts) break;
      logger.warn('retrying', { attempt, name });
      await sleep(baseDelayMs * 2 ** (attempt - 1) + Math.floor(Math.random() * baseDelayMs));
    }
  }
  throw lastError;
}
${L.exports(['withRetry'])}`;
    case 'metrics':
      return `${L.strict}${imp(['logger'], spec('./logger'))}

const NAMESPACE = '${pascal(svc.name)}';

${ex}function putMetric(name${T(': string')}, value${T(': number')}, unit = 'Count', dimensions${T(': Record<string, string>')} = {})${T(': void')} {
  // CloudWatch embedded metric format: one log line, no API call.
  const dimensionNames = Object.keys(dimensions);
  console.log(JSON.stringify({
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: NAMESPACE, Dimensions: [dimensionNames], Metrics: [{ Name: name, Unit: unit }] }] },
    [name]: value,
    ...dimensions,
  }));
}

${ex}async function timed${T('<T>')}(name${T(': string')}, work${T(': () => Promise<T>')})${T(': Promise<T>')} {
  const start = Date.now();
  try {
    return await work();
  } finally {
    const elapsed = Date.now() - start;
    putMetric(\`\${name}Duration\`, elapsed, 'Milliseconds');
    if (elapsed > 1000) logger.warn('slow operation', { name, elapsed });
  }
}
${L.exports(['putMetric', 'timed'])}`;
    case 'http':
      return `${L.strict}${imp(['isAppError'], spec('./errors'))}
${imp(['logger'], spec('./logger'))}
${L.ts ? "import type { APIGatewayProxyResultV2 } from 'aws-lambda';\n" : ''}
const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

${ex}function json(statusCode${T(': number')}, body${T(': unknown')})${T(': APIGatewayProxyResultV2')} {
  return { statusCode, headers: HEADERS, body: JSON.stringify(body) };
}

${ex}const ok = (body${T(': unknown')}) => json(200, body);
${ex}const created = (body${T(': unknown')}) => json(201, body);
${ex}const noContent = ()${T(': APIGatewayProxyResultV2')} => ({ statusCode: 204, headers: HEADERS, body: '' });

${ex}function errorResponse(error${T(': unknown')})${T(': APIGatewayProxyResultV2')} {
  if (isAppError(error)) return json(error.statusCode, { code: error.code, message: error.message });
  logger.error('unhandled error', { error });
  return json(500, { code: 'internal', message: 'internal error' });
}
${L.exports(['json', 'ok', 'created', 'noContent', 'errorResponse'])}`;
    case 'middleware':
      if (L.ts) {
        return `import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { errorResponse } from './http';
import { withContext } from './logger';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export function withHttp(handler: HttpHandler) {
  const safe: HttpHandler = async (event, context) => {
    const log = withContext({ requestId: context.awsRequestId, route: event.routeKey });
    try {
      const result = await handler(event, context);
      log.info('handled');
      return result;
    } catch (error) {
      log.error('request failed', { error });
      return errorResponse(error);
    }
  };
  return middy(safe).use(httpJsonBodyParser({ disableContentTypeError: true })).use(httpErrorHandler());
}
`;
      }
      return `${L.strict}${imp(['errorResponse'], spec('./http'))}
${imp(['withContext'], spec('./logger'))}

${ex}function withHttp(handler) {
  return async (event, context) => {
    const log = withContext({ requestId: context.awsRequestId, route: event.routeKey });
    try {
      const result = await handler(event, context);
      log.info('handled');
      return result;
    } catch (error) {
      log.error('request failed', { error });
      return errorResponse(error);
    }
  };
}
${L.exports(['withHttp'])}`;
    default:
      throw new Error(name);
  }
}

function clientModule(name, L) {
  const { T, ex, imp, spec } = L;
  const head = `${L.strict}${imp(['required'], spec('../util/config'))}\n`;
  switch (name) {
    case 'dynamo':
      return `${head}${imp(['DynamoDBClient'], '@aws-sdk/client-dynamodb')}
${imp(['DynamoDBDocumentClient', 'GetCommand', 'PutCommand', 'QueryCommand', 'DeleteCommand'], '@aws-sdk/lib-dynamodb')}

${ex}const TABLE = required(process.env.TABLE_NAME, 'TABLE_NAME');
${ex}const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

${ex}async function getItem(pk${T(': string')}, sk${T(': string')}) {
  const result = await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk, sk } }));
  return result.Item;
}

${ex}async function putItem(item${T(': Record<string, unknown>')}, ifNew = false) {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: ifNew ? 'attribute_not_exists(pk)' : undefined }));
}

${ex}async function queryByPk(pk${T(': string')}, limit${T(': number')}, cursor${T('?: Record<string, unknown>')}) {
  const result = await ddb.send(new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    Limit: limit,
    ExclusiveStartKey: cursor,
  }));
  return { items: result.Items ?? [], cursor: result.LastEvaluatedKey };
}

${ex}async function deleteItem(pk${T(': string')}, sk${T(': string')}) {
  await ddb.send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk } }));
}
${L.exports(['TABLE', 'ddb', 'getItem', 'putItem', 'queryByPk', 'deleteItem'])}`;
    case 's3':
      return `${head}${imp(['S3Client', 'GetObjectCommand', 'PutObjectCommand'], '@aws-sdk/client-s3')}

const BUCKET = required(process.env.BUCKET_NAME, 'BUCKET_NAME');
const s3 = new S3Client({});

${ex}async function readJson(key${T(': string')}, bucket = BUCKET)${T(': Promise<unknown>')} {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = await result.Body${T('!')}.transformToString();
  return JSON.parse(text);
}

${ex}async function writeJson(key${T(': string')}, value${T(': unknown')})${T(': Promise<void>')} {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
}
${L.exports(['readJson', 'writeJson'])}`;
    case 'sqs':
      return `${head}${imp(['SQSClient', 'SendMessageBatchCommand'], '@aws-sdk/client-sqs')}

const QUEUE_URL = required(process.env.QUEUE_URL, 'QUEUE_URL');
const sqs = new SQSClient({});

${ex}async function enqueue(messages${T(': unknown[]')})${T(': Promise<number>')} {
  let failed = 0;
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    const result = await sqs.send(new SendMessageBatchCommand({
      QueueUrl: QUEUE_URL,
      Entries: chunk.map((message, index) => ({ Id: String(i + index), MessageBody: JSON.stringify(message) })),
    }));
    failed += result.Failed?.length ?? 0;
  }
  return failed;
}
${L.exports(['enqueue'])}`;
    case 'sns':
      return `${head}${imp(['SNSClient', 'PublishCommand'], '@aws-sdk/client-sns')}

const TOPIC_ARN = required(process.env.TOPIC_ARN, 'TOPIC_ARN');
const sns = new SNSClient({});

${ex}async function notify(subject${T(': string')}, message${T(': unknown')})${T(': Promise<void>')} {
  await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Subject: subject.slice(0, 100), Message: JSON.stringify(message) }));
}
${L.exports(['notify'])}`;
    case 'events':
      return `${L.strict}${imp(['stage'], spec('../util/config'))}
${imp(['EventBridgeClient', 'PutEventsCommand'], '@aws-sdk/client-eventbridge')}

const EVENT_BUS_NAME = process.env.EVENT_BUS_NAME ?? 'default';
const eventBridge = new EventBridgeClient({});

${ex}async function publish(detailType${T(': string')}, detail${T(': Record<string, unknown>')})${T(': Promise<void>')} {
  const result = await eventBridge.send(new PutEventsCommand({
    Entries: [{ EventBusName: EVENT_BUS_NAME, Source: \`app.\${stage}\`, DetailType: detailType, Detail: JSON.stringify(detail) }],
  }));
  if (result.FailedEntryCount) throw new Error(\`\${result.FailedEntryCount} events were not accepted\`);
}
${L.exports(['publish'])}`;
    case 'secrets':
      return `${head}${imp(['SecretsManagerClient', 'GetSecretValueCommand'], '@aws-sdk/client-secrets-manager')}

const SECRET_ID = required(process.env.SECRET_ID, 'SECRET_ID');
const secrets = new SecretsManagerClient({});
let cached${T(': { value: Record<string, string>; expires: number } | undefined')};

${ex}async function getSecret(key${T(': string')})${T(': Promise<string | undefined>')} {
  if (!cached || cached.expires < Date.now()) {
    const result = await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    cached = { value: JSON.parse(result.SecretString ?? '{}'), expires: Date.now() + 5 * 60 * 1000 };
  }
  return cached.value[key];
}
${L.exports(['getSecret'])}`;
    default:
      throw new Error(name);
  }
}

/** The side-effect client each entity's service uses, besides DynamoDB. */
const sideClient = (entityIndex) => CLIENTS[1 + (entityIndex % (CLIENTS.length - 1))];
const SIDE_CALL = {
  s3: { names: ['writeJson'], call: (e, v) => `await writeJson(\`${plural(e)}/\${${v}.id}.json\`, ${v});` },
  sqs: { names: ['enqueue'], call: (e, v) => `await enqueue([{ type: '${e}.changed', id: ${v}.id }]);` },
  sns: { names: ['notify'], call: (e, v) => `await notify('${e} changed', { id: ${v}.id });` },
  events: { names: ['publish'], call: (e, v) => `await publish('${pascal(e)}Changed', { id: ${v}.id });` },
  secrets: { names: ['getSecret'], call: (e, v) => `if (!(await getSecret('${e}-signing-key'))) throw new Error('signing key missing for ' + ${v}.id);` },
};

function entityModule(part, entity, fields, entityIndex, L) {
  const { T, ex, imp, spec } = L;
  const P = pascal(entity);
  const anyT = (t) => (L.ts ? `: ${t}` : '');
  switch (part) {
    case 'model':
      return `${L.strict}${imp(['newId'], spec('../util/ids'))}
${imp(['nowIso'], spec('../util/time'))}

${L.ts ? `export interface ${P} {\n  id: string;\n  status: '${['active', 'archived'].join("' | '")}';\n  createdAt: string;\n  updatedAt: string;\n${fields.map((f) => `  ${f}: ${/amount|total|price|rating|value|percentOff/.test(f) ? 'number' : 'string'};`).join('\n')}\n}\n\n` : ''}${ex}const ${entity.toUpperCase()}_STATUSES = ['active', 'archived'];

${ex}function new${P}(input${anyT(`Omit<${P}, 'id' | 'status' | 'createdAt' | 'updatedAt'>`)})${anyT(P)} {
  const now = nowIso();
  return { id: newId('${entity.slice(0, 3)}'), status: 'active', createdAt: now, updatedAt: now, ...input };
}

${ex}function touch(${entity}${anyT(P)})${anyT(P)} {
  return { ...${entity}, updatedAt: nowIso() };
}
${L.exports([`${entity.toUpperCase()}_STATUSES`, `new${P}`, 'touch'])}`;
    case 'mapper':
      return `${L.strict}${L.impType([P], './model')}${imp(['stableStringify'], spec('../util/json'))}

const PK = '${entity.toUpperCase()}';

${ex}function toItem(${entity}${anyT(P)}) {
  return { pk: PK, sk: ${entity}.id, data: stableStringify(${entity}), status: ${entity}.status };
}

${ex}function fromItem(item${anyT('Record<string, unknown> | undefined')})${anyT(`${P} | undefined`)} {
  if (!item || typeof item.data !== 'string') return undefined;
  return JSON.parse(item.data);
}

${ex}const partitionKey = PK;
${L.exports(['toItem', 'fromItem', 'partitionKey'])}`;
    case 'validate':
      return `${L.strict}${imp(['ValidationError'], spec('../util/errors'))}

const REQUIRED = ${JSON.stringify(fields).replace(/"/g, "'").replace(/,/g, ', ')};

${ex}function validate${P}Input(input${T(': Record<string, unknown>')}) {
  const problems${T(': string[]')} = [];
  for (const field of REQUIRED) {
    if (input[field] === undefined || input[field] === null || input[field] === '') problems.push(\`\${field} is required\`);
  }
${fields
  .filter((f) => /amount|total|price|rating|value|percentOff/.test(f))
  .map((f) => `  if (input.${f} !== undefined && (typeof input.${f} !== 'number' || input.${f} < 0)) problems.push('${f} must be a positive number');\n`)
  .join('')}  if (problems.length > 0) throw new ValidationError(problems);
  return input${L.ts ? ` as Omit<import('./model').${P}, 'id' | 'status' | 'createdAt' | 'updatedAt'>` : ''};
}
${L.exports([`validate${P}Input`])}`;
    case 'repository':
      return `${L.strict}${imp(['getItem', 'putItem', 'queryByPk', 'deleteItem'], spec('../clients/dynamo'))}
${imp(['toItem', 'fromItem', 'partitionKey'], spec('./mapper'))}
${imp(['withRetry'], spec('../util/retry'))}
${L.impType([P], './model')}
${ex}async function find${P}(id${T(': string')}) {
  return fromItem(await withRetry(() => getItem(partitionKey, id)));
}

${ex}async function save${P}(${entity}${anyT(P)}, ifNew = false) {
  await withRetry(() => putItem(toItem(${entity}), ifNew));
  return ${entity};
}

${ex}async function list${pascal(plural(entity))}(limit${T(': number')}, cursor${T('?: Record<string, unknown>')}) {
  const page = await queryByPk(partitionKey, limit, cursor);
  return { items: page.items.map(fromItem).filter(Boolean), cursor: page.cursor };
}

${ex}async function remove${P}(id${T(': string')}) {
  await deleteItem(partitionKey, id);
}
${L.exports([`find${P}`, `save${P}`, `list${pascal(plural(entity))}`, `remove${P}`])}`;
    case 'service': {
      const side = sideClient(entityIndex);
      const s = SIDE_CALL[side];
      return `${L.strict}${imp([`find${P}`, `save${P}`, `list${pascal(plural(entity))}`, `remove${P}`], spec('./repository'))}
${imp([`validate${P}Input`], spec('./validate'))}
${imp([`new${P}`, 'touch'], spec('./model'))}
${imp(['NotFoundError'], spec('../util/errors'))}
${imp(['logger'], spec('../util/logger'))}
${imp(['timed', 'putMetric'], spec('../util/metrics'))}
${imp(['pageSize'], spec('../util/config'))}
${imp(s.names, spec(`../clients/${side}`))}

${ex}async function create${P}(input${T(': Record<string, unknown>')}) {
  const ${entity} = new${P}(validate${P}Input(input));
  await timed('Create${P}', () => save${P}(${entity}, true));
  ${s.call(entity, entity)}
  putMetric('${P}Created', 1);
  logger.info('${entity} created', { id: ${entity}.id });
  return ${entity};
}

${ex}async function get${P}(id${T(': string')}) {
  const ${entity} = await find${P}(id);
  if (!${entity}) throw new NotFoundError('${entity}', id);
  return ${entity};
}

${ex}async function update${P}(id${T(': string')}, changes${T(': Record<string, unknown>')}) {
  const current = await get${P}(id);
  const next = touch({ ...current, ...validate${P}Input({ ...current, ...changes }) });
  await save${P}(next);
  ${s.call(entity, 'next')}
  return next;
}

${ex}async function delete${P}(id${T(': string')}) {
  await get${P}(id);
  await remove${P}(id);
  logger.info('${entity} deleted', { id });
}

${ex}async function list${pascal(plural(entity))}Page(cursor${T('?: Record<string, unknown>')}) {
  return list${pascal(plural(entity))}(pageSize, cursor);
}

${ex}async function apply${P}Change(message${T(': Record<string, unknown>')}) {
  const id = String(message.id ?? '');
  if (!id) throw new Error('message without id');
  return message.deleted ? delete${P}(id) : update${P}(id, message);
}
${L.exports([`create${P}`, `get${P}`, `update${P}`, `delete${P}`, `list${pascal(plural(entity))}Page`, `apply${P}Change`])}`;
    }
    default:
      throw new Error(part);
  }
}

// ---------------------------------------------------------------- handlers

function handlerModule(fn, svc, L) {
  const { T, imp, spec } = L;
  const e = fn.entity;
  const P = pascal(e);
  const g = fn.g;
  const lib = (path) => spec(`../lib/${path}`);
  const lines = [L.strict.trimEnd()].filter(Boolean);
  const preamble = [];
  const body = [];
  const exportHandler = (value) => (L.kind === 'cjs' ? `exports.handler = ${value};` : `export const handler = ${value};`);
  const extraEnv = problem.undefinedEnv(g) ? `  const flagsUrl = process.env.FEATURE_FLAGS_URL;\n  logger.info('flags', { flagsUrl });\n` : '';
  const decls = [];
  if (problem.hardcodedSecret(g)) decls.push(`const PARTNER_PASSWORD = 'hunter22hunter';`);
  if (problem.sdkV2(g)) preamble.push(L.impDefault('AWS', 'aws-sdk'));
  if (problem.clientInHandler(g)) preamble.push(imp(['CloudWatchClient', 'PutMetricDataCommand'], '@aws-sdk/client-cloudwatch'));
  if (problem.floatingPromise(g)) {
    preamble.push(imp(['SQSClient', 'SendMessageCommand'], '@aws-sdk/client-sqs'));
    decls.push('const auditQueue = new SQSClient({});');
  }
  if (decls.length > 0) preamble.push(`\n${decls.join('\n')}`);
  const secret = problem.hardcodedSecret(g);

  const perCallClient = problem.clientInHandler(g)
    ? `  const cloudwatch = new CloudWatchClient({});\n  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Custom', MetricData: [{ MetricName: 'Invocations', Value: 1 }] }));\n`
    : '';
  const sdkV2Use = problem.sdkV2(g) ? `  const xray = new AWS.XRay();\n  logger.debug('xray client', { region: xray.config.region });\n` : '';
  const floating = problem.floatingPromise(g) ? `  auditQueue.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ audit: true, at: Date.now() }) }));\n` : '';
  const secretUse = secret ? `  logger.debug('partner', { configured: PARTNER_PASSWORD.length > 0 });\n` : '';
  const extras = `${extraEnv}${perCallClient}${sdkV2Use}${floating}${secretUse}`;

  if (fn.trigger === 'http') {
    const typeImport = L.impType(problem.callback(g) ? ['APIGatewayProxyEventV2', 'Callback', 'Context'] : ['APIGatewayProxyEventV2'], 'aws-lambda');
    lines.push(`${typeImport}${imp(['withHttp'], lib('util/middleware'))}`);
    const op = { create: `create${P}`, get: `get${P}`, list: `list${pascal(plural(e))}Page`, update: `update${P}`, delete: `delete${P}` }[fn.verb];
    lines.push(imp([op], lib(`${e}/service`)));
    const respond = fn.verb === 'create' ? 'created' : fn.verb === 'delete' ? 'noContent' : 'ok';
    lines.push(imp([respond, 'json'], lib('util/http')));
    lines.push(imp(['parseJson'], lib('util/json')));
    lines.push(imp(['logger'], lib('util/logger')));
    lines.push(...preamble);
    const ev = `event${T(': APIGatewayProxyEventV2')}`;
    const call = {
      create: `const input = parseJson(event.body);\n  return ${respond}(await ${op}(input));`,
      get: `const id = event.pathParameters?.id;\n  if (!id) return json(400, { message: 'id is required' });\n  return ${respond}(await ${op}(id));`,
      list: `const cursor = event.queryStringParameters?.cursor;\n  const page = await ${op}(cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString()) : undefined);\n  return ${respond}({ items: page.items, cursor: page.cursor ? Buffer.from(JSON.stringify(page.cursor)).toString('base64url') : undefined });`,
      update: `const id = event.pathParameters?.id;\n  if (!id) return json(400, { message: 'id is required' });\n  return ${respond}(await ${op}(id, parseJson(event.body)));`,
      delete: `const id = event.pathParameters?.id;\n  if (!id) return json(400, { message: 'id is required' });\n  await ${op}(id);\n  return ${respond}();`,
    }[fn.verb];
    body.push(`async function handle(${ev}) {
  ${extras.trimStart()}${extras ? '  ' : ''}${call}
}
`);
    if (problem.callback(g)) {
      // Async and a callback: Lambda keeps whichever comes first.
      const params = L.ts ? 'event: APIGatewayProxyEventV2, context: Context, callback: Callback' : 'event, context, callback';
      body.push(exportHandler(`async (${params}) => {
  try {
    callback(null, await handle(event));
  } catch (error) {
    callback(error${T(' as Error')});
  }
}`));
    } else {
      body.push(exportHandler('withHttp(handle)'));
    }
  } else if (fn.trigger === 'sqs') {
    lines.push(`${L.impType(['SQSEvent', 'SQSBatchResponse'], 'aws-lambda')}${imp([`apply${P}Change`], lib(`${e}/service`))}`);
    lines.push(imp(['logger'], lib('util/logger')));
    lines.push(imp(['parseJson'], lib('util/json')));
    lines.push(...preamble);
    body.push(`${exportHandler(`async (event${T(': SQSEvent')})${T(': Promise<SQSBatchResponse>')} => {
${extras}  const batchItemFailures${T(": SQSBatchResponse['batchItemFailures']")} = [];
  for (const record of event.Records) {
    try {
      await apply${P}Change(parseJson(record.body));
    } catch (error) {
      logger.error('record failed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}`)}`);
  } else if (fn.trigger === 's3') {
    lines.push(`${L.impType(['S3Event'], 'aws-lambda')}${imp([`create${P}`], lib(`${e}/service`))}`);
    lines.push(imp(['readJson'], lib('clients/s3')));
    lines.push(imp(['logger'], lib('util/logger')));
    lines.push(...preamble);
    body.push(`${exportHandler(`async (event${T(': S3Event')}) => {
${extras}  let imported = 0;
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
    const rows = (await readJson(key, record.s3.bucket.name))${T(' as Record<string, unknown>[]')};
    for (const row of rows) {
      await create${P}(row);
      imported++;
    }
  }
  logger.info('import done', { imported });
  return { imported };
}`)}`);
  } else if (fn.trigger === 'schedule') {
    lines.push(`${L.impType(['ScheduledEvent'], 'aws-lambda')}${imp([`list${pascal(plural(e))}Page`], lib(`${e}/service`))}`);
    lines.push(imp(['putMetric'], lib('util/metrics')));
    lines.push(imp(['logger'], lib('util/logger')));
    lines.push(...preamble);
    body.push(`${exportHandler(`async (event${T(': ScheduledEvent')}) => {
${extras}  let cursor${T(': Record<string, unknown> | undefined')};
  let total = 0;
  do {
    const page = await list${pascal(plural(e))}Page(cursor);
    total += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  putMetric('${pascal(plural(e))}Total', total);
  logger.info('report', { time: event.time, total });
}`)}`);
  } else {
    lines.push(`${L.impType(['EventBridgeEvent'], 'aws-lambda')}${imp([`apply${P}Change`], lib(`${e}/service`))}`);
    lines.push(imp(['logger'], lib('util/logger')));
    lines.push(...preamble);
    body.push(`${exportHandler(`async (event${T(': EventBridgeEvent<string, Record<string, unknown>>')}) => {
${extras}  logger.info('event', { source: event.source, detailType: event['detail-type'] });
  await apply${P}Change(event.detail);
}`)}`);
  }
  return `${lines.filter((l) => l !== '').join('\n')}\n\n${body.join('\n')}\n`;
}

// ---------------------------------------------------------------- service library + handlers

function writeService(svc, write) {
  const L = language(svc.lang);
  const src = svc.srcDir;
  for (const name of UTILS) write(`${src}/lib/util/${name}${L.ext}`, utilModule(name, L, svc));
  for (const name of CLIENTS) write(`${src}/lib/clients/${name}${L.ext}`, clientModule(name, L));
  svc.entities.forEach(([entity, fields], index) => {
    for (const part of ENTITY_MODULES) write(`${src}/lib/${entity}/${part}${L.ext}`, entityModule(part, entity, fields, index, L));
  });
  for (const fn of svc.functions) write(`${src}/handlers/${fn.file}${L.ext}`, handlerModule(fn, svc, L));
}

function packageJson(svc, extra = {}) {
  const deps = {
    '@aws-sdk/client-dynamodb': '^3.600.0',
    '@aws-sdk/lib-dynamodb': '^3.600.0',
    '@aws-sdk/client-s3': '^3.600.0',
    '@aws-sdk/client-sqs': '^3.600.0',
    '@aws-sdk/client-sns': '^3.600.0',
    '@aws-sdk/client-eventbridge': '^3.600.0',
    '@aws-sdk/client-secrets-manager': '^3.600.0',
    '@aws-sdk/client-cloudwatch': '^3.600.0',
  };
  if (svc.lang === 'ts') Object.assign(deps, { '@middy/core': '^5.4.0', '@middy/http-error-handler': '^5.4.0', '@middy/http-json-body-parser': '^5.4.0' });
  const pkg = {
    name: `@bench/${svc.name}`,
    private: true,
    version: '1.0.0',
    ...(svc.lang === 'cjs' ? { type: 'commonjs' } : svc.lang === 'esm' ? { type: 'module' } : {}),
    dependencies: deps,
    devDependencies: { '@types/aws-lambda': '^8.10.140', ...(svc.lang === 'ts' ? { typescript: '^5.5.0', esbuild: '^0.23.0' } : {}), ...extra },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

// ---------------------------------------------------------------- serverless.yml

function serverlessYml(svc) {
  const L = language(svc.lang);
  const out = [];
  out.push(`service: ${svc.name}`, `frameworkVersion: '3'`, '');
  if (svc.lang === 'ts') out.push('plugins:', '  - serverless-esbuild', '', 'custom:', '  esbuild:', '    bundle: true', '    minify: false', '    target: node22', '');
  out.push(
    'provider:',
    '  name: aws',
    '  runtime: nodejs22.x',
    '  architecture: arm64',
    "  stage: ${opt:stage, 'dev'}",
    "  region: ${opt:region, 'eu-west-1'}",
    '  memorySize: 512',
    '  timeout: 10',
    '  logRetentionInDays: 14',
    '  tracing:',
    '    lambda: true',
    '  environment:',
    '    STAGE: ${self:provider.stage}',
    '    LOG_LEVEL: info',
    '    TABLE_NAME: ${self:service}-${self:provider.stage}',
    '    BUCKET_NAME: ${self:service}-${self:provider.stage}-files',
    '    QUEUE_URL:',
    '      Ref: OutboxQueue',
    '    TOPIC_ARN:',
    '      Ref: EventsTopic',
    '    EVENT_BUS_NAME: default',
    '    SECRET_ID: ${ssm:/${self:service}/${self:provider.stage}/secret-id}',
    '',
    'functions:',
  );
  const resources = [];
  for (const fn of svc.functions) {
    const handlerPath = problem.missingHandler(fn.g) ? `src/handlers/${fn.file}-v2` : `src/handlers/${fn.file}`;
    out.push(`  ${fn.name}:`, `    handler: ${handlerPath}.handler`);
    if (problem.deadRuntime(fn.g)) out.push('    runtime: nodejs16.x');
    if (fn.timeout !== 10) out.push(`    timeout: ${fn.timeout}`);
    if (fn.memory !== 512) out.push(`    memorySize: ${fn.memory}`);
    if (problem.secretInEnv(fn.g)) out.push('    environment:', '      PARTNER_API_KEY: 3f9d2c7e8a1b4f6d9e0c2a7b5d8f1e3c');
    if (fn.trigger === 'http') {
      const method = { create: 'post', get: 'get', list: 'get', update: 'put', delete: 'delete' }[fn.verb];
      const path = fn.verb === 'create' || fn.verb === 'list' ? `/${plural(fn.entity)}` : `/${plural(fn.entity)}/{id}`;
      out.push('    events:', '      - httpApi:', `          method: ${method}`, `          path: ${path}`);
    } else if (fn.trigger === 'sqs') {
      const queue = `${pascal(fn.name)}Queue`;
      out.push('    events:', '      - sqs:', '          arn:', `            Fn::GetAtt: [${queue}, Arn]`, '          batchSize: 10');
      if (!problem.noBatchReport(fn.g)) out.push('          functionResponseType: ReportBatchItemFailures');
      resources.push(`    ${queue}:`, '      Type: AWS::SQS::Queue', '      Properties:', `        VisibilityTimeout: ${fn.visibility}`, '        RedrivePolicy:', '          deadLetterTargetArn:', '            Fn::GetAtt: [DeadLetterQueue, Arn]', '          maxReceiveCount: 5');
    } else if (fn.trigger === 's3') {
      out.push('    destinations:', '      onFailure:', '        type: sqs', '        arn:', '          Fn::GetAtt: [DeadLetterQueue, Arn]');
      out.push('    events:', '      - s3:', `          bucket: ${svc.name}-\${self:provider.stage}-imports`, '          event: s3:ObjectCreated:*', '          rules:', `            - prefix: ${plural(fn.entity)}/`);
    } else if (fn.trigger === 'schedule') {
      out.push('    destinations:', '      onFailure:', '        type: sqs', '        arn:', '          Fn::GetAtt: [DeadLetterQueue, Arn]');
      out.push('    events:', '      - schedule: rate(1 hour)');
    } else {
      out.push('    destinations:', '      onFailure:', '        type: sqs', '        arn:', '          Fn::GetAtt: [DeadLetterQueue, Arn]');
      out.push('    events:', '      - eventBridge:', '          pattern:', `            source: ['app.\${self:provider.stage}']`, `            detail-type: [${pascal(fn.entity)}Changed]`);
    }
  }
  out.push(
    '',
    'resources:',
    '  Resources:',
    '    Table:',
    '      Type: AWS::DynamoDB::Table',
    '      Properties:',
    '        TableName: ${self:provider.environment.TABLE_NAME}',
    '        BillingMode: PAY_PER_REQUEST',
    '        AttributeDefinitions:',
    '          - { AttributeName: pk, AttributeType: S }',
    '          - { AttributeName: sk, AttributeType: S }',
    '        KeySchema:',
    '          - { AttributeName: pk, KeyType: HASH }',
    '          - { AttributeName: sk, KeyType: RANGE }',
    '    OutboxQueue:',
    '      Type: AWS::SQS::Queue',
    '      Properties:',
    '        VisibilityTimeout: 60',
    '    DeadLetterQueue:',
    '      Type: AWS::SQS::Queue',
    '      Properties:',
    '        MessageRetentionPeriod: 1209600',
    '    EventsTopic:',
    '      Type: AWS::SNS::Topic',
    ...resources,
  );
  void L;
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- SAM

function samTemplate(svc) {
  const out = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    `Description: ${svc.name} (generated benchmark service)`,
    '',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: dev',
    '  SecretId:',
    '    Type: String',
    `    Default: /${svc.name}/secret-id`,
    '',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs22.x',
    '    Architectures: [arm64]',
    '    MemorySize: 512',
    '    Timeout: 10',
    '    Tracing: Active',
    '    Environment:',
    '      Variables:',
    '        STAGE: !Ref Stage',
    '        LOG_LEVEL: info',
    '        TABLE_NAME: !Ref Table',
    '        BUCKET_NAME: !Ref FilesBucket',
    '        QUEUE_URL: !Ref OutboxQueue',
    '        TOPIC_ARN: !Ref EventsTopic',
    '        EVENT_BUS_NAME: default',
    '        SECRET_ID: !Ref SecretId',
    '',
    'Resources:',
  ];
  for (const fn of svc.functions) {
    const id = `${pascal(fn.name)}Function`;
    const handlerPath = problem.missingHandler(fn.g) ? `handlers/${fn.file}-v2` : `handlers/${fn.file}`;
    out.push(`  ${id}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: src/', `      Handler: ${handlerPath}.handler`);
    if (problem.deadRuntime(fn.g)) out.push('      Runtime: nodejs16.x');
    if (fn.timeout !== 10) out.push(`      Timeout: ${fn.timeout}`);
    if (fn.memory !== 512) out.push(`      MemorySize: ${fn.memory}`);
    if (problem.secretInEnv(fn.g)) out.push('      Environment:', '        Variables:', '          PARTNER_API_KEY: 3f9d2c7e8a1b4f6d9e0c2a7b5d8f1e3c');
    out.push('      Policies:', '        - DynamoDBCrudPolicy:', '            TableName: !Ref Table');
    if (fn.trigger === 'http') {
      const method = { create: 'post', get: 'get', list: 'get', update: 'put', delete: 'delete' }[fn.verb];
      const path = fn.verb === 'create' || fn.verb === 'list' ? `/${plural(fn.entity)}` : `/${plural(fn.entity)}/{id}`;
      out.push('      Events:', '        Api:', '          Type: HttpApi', '          Properties:', `            Path: ${path}`, `            Method: ${method}`);
    } else if (fn.trigger === 'sqs') {
      out.push('      Events:', '        Queue:', '          Type: SQS', '          Properties:', `            Queue: !GetAtt ${pascal(fn.name)}Queue.Arn`, '            BatchSize: 10');
      if (!problem.noBatchReport(fn.g)) out.push('            FunctionResponseTypes:', '              - ReportBatchItemFailures');
    } else {
      out.push('      EventInvokeConfig:', '        MaximumRetryAttempts: 2', '        DestinationConfig:', '          OnFailure:', '            Type: SQS', '            Destination: !GetAtt DeadLetterQueue.Arn');
      if (fn.trigger === 's3') {
        out.push('      Events:', '        Upload:', '          Type: S3', '          Properties:', '            Bucket: !Ref ImportsBucket', '            Events: s3:ObjectCreated:*');
      } else if (fn.trigger === 'schedule') {
        out.push('      Events:', '        Hourly:', '          Type: Schedule', '          Properties:', '            Schedule: rate(1 hour)');
      } else {
        out.push('      Events:', '        Changed:', '          Type: EventBridgeRule', '          Properties:', '            Pattern:', '              source: [!Sub "app.${Stage}"]', `              detail-type: [${pascal(fn.entity)}Changed]`);
      }
    }
    out.push(`  ${id}Logs:`, '    Type: AWS::Logs::LogGroup', '    Properties:', `      LogGroupName: !Sub /aws/lambda/\${${id}}`, '      RetentionInDays: 14');
    if (fn.trigger === 'sqs') {
      out.push(`  ${pascal(fn.name)}Queue:`, '    Type: AWS::SQS::Queue', '    Properties:', `      VisibilityTimeout: ${fn.visibility}`, '      RedrivePolicy:', '        deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn', '        maxReceiveCount: 5');
    }
  }
  out.push(
    '  Table:',
    '    Type: AWS::DynamoDB::Table',
    '    Properties:',
    '      BillingMode: PAY_PER_REQUEST',
    '      AttributeDefinitions:',
    '        - { AttributeName: pk, AttributeType: S }',
    '        - { AttributeName: sk, AttributeType: S }',
    '      KeySchema:',
    '        - { AttributeName: pk, KeyType: HASH }',
    '        - { AttributeName: sk, KeyType: RANGE }',
    '  FilesBucket:',
    '    Type: AWS::S3::Bucket',
    '  ImportsBucket:',
    '    Type: AWS::S3::Bucket',
    '  OutboxQueue:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      VisibilityTimeout: 60',
    '  DeadLetterQueue:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      MessageRetentionPeriod: 1209600',
    '  EventsTopic:',
    '    Type: AWS::SNS::Topic',
    '',
    'Outputs:',
    '  TableName:',
    '    Value: !Ref Table',
  );
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- Terraform

function terraformFiles(svc, useRegistryModule) {
  const main = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    archive = {
      source = "hashicorp/archive"
    }
  }
}

locals {
  name_prefix = "${svc.name}-\${var.stage}"
  runtime     = "nodejs22.x"
}

data "archive_file" "src" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/build/src.zip"
}

resource "aws_iam_role" "lambda" {
  name = "\${local.name_prefix}-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_dynamodb_table" "main" {
  name         = local.name_prefix
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"
  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
}

resource "aws_s3_bucket" "files" {
  bucket = "\${local.name_prefix}-files"
}

resource "aws_s3_bucket" "imports" {
  bucket = "\${local.name_prefix}-imports"
}

resource "aws_sqs_queue" "outbox" {
  name                       = "\${local.name_prefix}-outbox"
  visibility_timeout_seconds = 60
}

resource "aws_sqs_queue" "dlq" {
  name                      = "\${local.name_prefix}-dlq"
  message_retention_seconds = 1209600
}

resource "aws_sns_topic" "events" {
  name = "\${local.name_prefix}-events"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "\${local.name_prefix}-api"
  protocol_type = "HTTP"
}
`;
  const variables = `variable "stage" {
  type    = string
  default = "dev"
}

variable "log_level" {
  type    = string
  default = "info"
}

variable "secret_id" {
  type    = string
  default = "/${svc.name}/secret-id"
}
`;
  const fns = [];
  const s3Functions = [];
  for (const fn of svc.functions) {
    const r = fn.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const handlerPath = problem.missingHandler(fn.g) ? `handlers/${fn.file}-v2` : `handlers/${fn.file}`;
    const runtime = problem.deadRuntime(fn.g) ? '"nodejs16.x"' : 'local.runtime';
    const env = [
      '      STAGE          = var.stage',
      '      LOG_LEVEL      = var.log_level',
      '      TABLE_NAME     = aws_dynamodb_table.main.name',
      '      BUCKET_NAME    = aws_s3_bucket.files.bucket',
      '      QUEUE_URL      = aws_sqs_queue.outbox.url',
      '      TOPIC_ARN      = aws_sns_topic.events.arn',
      '      EVENT_BUS_NAME = "default"',
      '      SECRET_ID      = var.secret_id',
      ...(problem.secretInEnv(fn.g) ? ['      PARTNER_API_KEY = "3f9d2c7e8a1b4f6d9e0c2a7b5d8f1e3c"'] : []),
    ];
    const async = fn.trigger === 's3' || fn.trigger === 'schedule' || fn.trigger === 'events';
    let ref;
    if (useRegistryModule) {
      ref = `module.${r}.lambda_function_arn`;
      fns.push(`module "${r}" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "\${local.name_prefix}-${fn.file}"
  handler       = "${handlerPath}.handler"
  runtime       = ${runtime}
  architectures = ["arm64"]
  timeout       = ${fn.timeout}
  memory_size   = ${fn.memory}
  source_path   = "\${path.module}/src"
  tracing_mode  = "Active"

  cloudwatch_logs_retention_in_days = 14
${async ? '\n  dead_letter_target_arn    = aws_sqs_queue.dlq.arn\n  attach_dead_letter_policy = true\n' : ''}
  environment_variables = {
${env.map((l) => l.slice(2)).join('\n')}
  }
}
`);
    } else {
      ref = `aws_lambda_function.${r}.arn`;
      fns.push(`resource "aws_lambda_function" "${r}" {
  function_name    = "\${local.name_prefix}-${fn.file}"
  role             = aws_iam_role.lambda.arn
  handler          = "${handlerPath}.handler"
  runtime          = ${runtime}
  architectures    = ["arm64"]
  timeout          = ${fn.timeout}
  memory_size      = ${fn.memory}
  filename         = data.archive_file.src.output_path
  source_code_hash = data.archive_file.src.output_base64sha256

  environment {
    variables = {
${env.join('\n')}
    }
  }

  tracing_config {
    mode = "Active"
  }
${async ? '\n  dead_letter_config {\n    target_arn = aws_sqs_queue.dlq.arn\n  }\n' : ''}}

resource "aws_cloudwatch_log_group" "${r}" {
  name              = "/aws/lambda/\${aws_lambda_function.${r}.function_name}"
  retention_in_days = 14
}
`);
    }
    if (fn.trigger === 'http') {
      const method = { create: 'POST', get: 'GET', list: 'GET', update: 'PUT', delete: 'DELETE' }[fn.verb];
      const path = fn.verb === 'create' || fn.verb === 'list' ? `/${plural(fn.entity)}` : `/${plural(fn.entity)}/{id}`;
      fns.push(`resource "aws_apigatewayv2_integration" "${r}" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = ${useRegistryModule ? `module.${r}.lambda_function_invoke_arn` : `aws_lambda_function.${r}.invoke_arn`}
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "${r}" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "${method} ${path}"
  target    = "integrations/\${aws_apigatewayv2_integration.${r}.id}"
}
`);
    } else if (fn.trigger === 'sqs') {
      fns.push(`resource "aws_sqs_queue" "${r}" {
  name                       = "\${local.name_prefix}-${fn.file}"
  visibility_timeout_seconds = ${fn.visibility}
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_lambda_event_source_mapping" "${r}" {
  event_source_arn        = aws_sqs_queue.${r}.arn
  function_name           = ${ref}
  batch_size              = 10${problem.noBatchReport(fn.g) ? '' : '\n  function_response_types = ["ReportBatchItemFailures"]'}
}
`);
    } else if (fn.trigger === 's3') {
      s3Functions.push({ r, ref, fn });
    } else {
      const pattern = fn.trigger === 'schedule' ? '  schedule_expression = "rate(1 hour)"' : `  event_pattern = jsonencode({\n    source      = ["app.\${var.stage}"]\n    detail-type = ["${pascal(fn.entity)}Changed"]\n  })`;
      fns.push(`resource "aws_cloudwatch_event_rule" "${r}" {
  name = "\${local.name_prefix}-${fn.file}"
${pattern}
}

resource "aws_cloudwatch_event_target" "${r}" {
  rule = aws_cloudwatch_event_rule.${r}.name
  arn  = ${ref}
}
`);
    }
  }
  if (s3Functions.length > 0) {
    fns.push(`resource "aws_s3_bucket_notification" "imports" {
  bucket = aws_s3_bucket.imports.id
${s3Functions
  .map(({ ref, fn }) => `
  lambda_function {
    lambda_function_arn = ${ref}
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "${plural(fn.entity)}/"
  }`)
  .join('\n')}
}
`);
  }
  return { 'main.tf': main, 'variables.tf': variables, 'functions.tf': fns.join('\n') };
}

// ---------------------------------------------------------------- CDK

function cdkStack(svc) {
  const cls = `${pascal(svc.name)}Stack`;
  const out = [];
  out.push(`import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

const HANDLERS_DIR = path.join(__dirname, '../services/${svc.name}/src/handlers');
const STAGE = 'dev';

export class ${cls} extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const files = new s3.Bucket(this, 'Files');
    const imports = new s3.Bucket(this, 'Imports');
    const outbox = new sqs.Queue(this, 'Outbox', { visibilityTimeout: Duration.seconds(60) });
    const deadLetters = new sqs.Queue(this, 'DeadLetters', { retentionPeriod: Duration.days(14) });
    const topic = new sns.Topic(this, 'Events');
    const api = new HttpApi(this, 'Api');
`);
  for (const fn of svc.functions) {
    const v = fn.name;
    const file = problem.missingHandler(fn.g) ? `${fn.file}-v2` : fn.file;
    const async = fn.trigger === 's3' || fn.trigger === 'schedule' || fn.trigger === 'events';
    const timeout = fn.timeout % 60 === 0 ? `Duration.minutes(${fn.timeout / 60})` : `Duration.seconds(${fn.timeout})`;
    out.push(`    const ${v} = new NodejsFunction(this, '${pascal(fn.name)}', {
      entry: path.join(HANDLERS_DIR, '${file}.ts'),
      runtime: lambda.Runtime.${problem.deadRuntime(fn.g) ? 'NODEJS_16_X' : 'NODEJS_22_X'},
      architecture: lambda.Architecture.ARM_64,
      memorySize: ${fn.memory},
      timeout: ${timeout},
      tracing: lambda.Tracing.ACTIVE,
      logRetention: logs.RetentionDays.TWO_WEEKS,${async ? '\n      deadLetterQueue: deadLetters,' : ''}
      environment: {
        STAGE: STAGE,
        LOG_LEVEL: 'info',
        TABLE_NAME: table.tableName,
        BUCKET_NAME: files.bucketName,
        QUEUE_URL: outbox.queueUrl,
        TOPIC_ARN: topic.topicArn,
        EVENT_BUS_NAME: 'default',
        SECRET_ID: '/${svc.name}/secret-id',${problem.secretInEnv(fn.g) ? "\n        PARTNER_API_KEY: '3f9d2c7e8a1b4f6d9e0c2a7b5d8f1e3c'," : ''}
      },
    });
    table.grantReadWriteData(${v});`);
    if (fn.trigger === 'http') {
      const method = { create: 'POST', get: 'GET', list: 'GET', update: 'PUT', delete: 'DELETE' }[fn.verb];
      const path = fn.verb === 'create' || fn.verb === 'list' ? `/${plural(fn.entity)}` : `/${plural(fn.entity)}/{id}`;
      out.push(`    api.addRoutes({ path: '${path}', methods: [HttpMethod.${method}], integration: new HttpLambdaIntegration('${pascal(fn.name)}Integration', ${v}) });`);
    } else if (fn.trigger === 'sqs') {
      out.push(`    const ${v}Queue = new sqs.Queue(this, '${pascal(fn.name)}Queue', {
      visibilityTimeout: Duration.seconds(${fn.visibility}),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    ${v}.addEventSource(new SqsEventSource(${v}Queue, { batchSize: 10${problem.noBatchReport(fn.g) ? '' : ', reportBatchItemFailures: true'} }));`);
    } else if (fn.trigger === 's3') {
      out.push(`    imports.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(${v}), { prefix: '${plural(fn.entity)}/' });`);
    } else if (fn.trigger === 'schedule') {
      out.push(`    new events.Rule(this, '${pascal(fn.name)}Schedule', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(${v})] });`);
    } else {
      out.push(`    new events.Rule(this, '${pascal(fn.name)}Rule', {
      eventPattern: { source: [\`app.\${STAGE}\`], detailType: ['${pascal(fn.entity)}Changed'] },
      targets: [new targets.LambdaFunction(${v})],
    });`);
    }
    out.push('');
  }
  out.push('  }', '}', '');
  return { cls, text: out.join('\n') };
}

// ---------------------------------------------------------------- the plan

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Services, functions and what each function does: the same for the same parameters. */
export function planMonorepo({ servicesPerFormat = 8, functionsPerService = 10 } = {}) {
  const random = mulberry32(20260601);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const services = [];
  let g = 0;
  const formats = ['serverless', 'sam', 'terraform', 'cdk'];
  for (const format of formats) {
    for (let k = 0; k < servicesPerFormat; k++) {
      const domain = DOMAINS[(k + formats.indexOf(format) * 3) % DOMAINS.length];
      const name = `${domain}-${format === 'serverless' ? 'sls' : format === 'terraform' ? 'tf' : format}-${k + 1}`;
      const lang = format === 'cdk' ? 'ts' : format === 'serverless' ? (k % 2 === 0 ? 'ts' : 'cjs') : format === 'sam' ? (k % 3 === 2 ? 'cjs' : 'esm') : k % 2 === 0 ? 'esm' : 'cjs';
      const dir = format === 'serverless' ? `services/${name}` : format === 'sam' ? `sam/${name}` : format === 'terraform' ? `terraform/${name}` : `cdk/services/${name}`;
      const offset = (k * 3 + formats.indexOf(format)) % ENTITIES.length;
      const entities = Array.from({ length: ENTITIES_PER_SERVICE }, (_, i) => ENTITIES[(offset + i) % ENTITIES.length]);
      const functions = [];
      for (let i = 0; i < functionsPerService; i++, g++) {
        const [trigger, verb] = SLOTS[i % SLOTS.length];
        const entityIndex = i % ENTITIES_PER_SERVICE;
        const entity = entities[entityIndex][0];
        const round = Math.floor(i / SLOTS.length);
        const subject = verb === 'list' || verb === 'report' ? plural(entity) : entity;
        const file = `${verb}-${subject}${verb === 'ingest' ? '-file' : verb === 'handle' ? '-event' : ''}${round > 0 ? `-${round + 1}` : ''}`;
        let timeout = trigger === 'http' ? pick([6, 10, 10, 15, 20, 28]) : trigger === 'sqs' ? pick([30, 60, 120]) : pick([60, 120, 300]);
        if (problem.maxTimeout(g)) timeout = 900;
        const memory = pick([256, 512, 512, 1024, 1769]);
        const visibility = problem.shortVisibility(g) ? Math.max(30, timeout * 2) : timeout * 6;
        functions.push({ g, name: camel(file), file, trigger, verb, entity, entityIndex, timeout, memory, visibility });
      }
      services.push({ format, name, lang, dir, srcDir: format === 'serverless' ? `${dir}/src` : format === 'cdk' ? `${dir}/src` : `${dir}/src`, entities, functions });
    }
  }
  return services;
}

/** Writes the monorepo under `dir` (replacing it). Returns counts. */
export function generateMonorepo(dir, options = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const services = planMonorepo(options);
  let files = 0;
  let graphFiles = 0;
  const write = (rel, text) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files++;
  };
  const writeGraph = (rel, text) => {
    write(rel, text);
    graphFiles++;
  };
  const cdkStacks = [];
  for (const svc of services) {
    writeService(svc, writeGraph);
    if (svc.format === 'serverless') {
      write(`${svc.dir}/serverless.yml`, serverlessYml(svc));
      write(`${svc.dir}/package.json`, packageJson(svc, { serverless: '^3.39.0', ...(svc.lang === 'ts' ? { 'serverless-esbuild': '^1.52.0' } : {}) }));
    } else if (svc.format === 'sam') {
      write(`${svc.dir}/template.yaml`, samTemplate(svc));
      write(`${svc.dir}/src/package.json`, packageJson(svc));
      write(`${svc.dir}/samconfig.toml`, `version = 0.1\n[default.deploy.parameters]\nstack_name = "${svc.name}"\ncapabilities = "CAPABILITY_IAM"\nresolve_s3 = true\n`);
    } else if (svc.format === 'terraform') {
      const tf = terraformFiles(svc, svc === services.filter((s) => s.format === 'terraform').at(-1));
      for (const [name, text] of Object.entries(tf)) write(`${svc.dir}/${name}`, text);
      write(`${svc.dir}/src/package.json`, packageJson(svc));
    } else {
      const stack = cdkStack(svc);
      cdkStacks.push({ svc, ...stack });
      write(`cdk/lib/${svc.name}-stack.ts`, stack.text);
      write(`${svc.dir}/package.json`, packageJson(svc));
    }
  }
  if (cdkStacks.length > 0) {
    write(
      'cdk/bin/app.ts',
      `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
${cdkStacks.map(({ svc, cls }) => `import { ${cls} } from '../lib/${svc.name}-stack';`).join('\n')}

const app = new cdk.App();
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' };
${cdkStacks.map(({ svc, cls }) => `new ${cls}(app, '${pascal(svc.name)}', { env });`).join('\n')}
`,
    );
    write('cdk/cdk.json', `${JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/app.ts' }, null, 2)}\n`);
    write(
      'cdk/package.json',
      `${JSON.stringify({ name: '@bench/cdk-app', private: true, version: '1.0.0', dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.3.0' }, devDependencies: { 'aws-cdk': '^2.150.0', 'ts-node': '^10.9.2', typescript: '^5.5.0', '@types/node': '^20.14.0' } }, null, 2)}\n`,
    );
  }
  const functions = services.reduce((n, s) => n + s.functions.length, 0);
  const byFormat = {};
  for (const s of services) byFormat[s.format] = (byFormat[s.format] ?? 0) + s.functions.length;
  write(
    'README.md',
    `# Generated benchmark monorepo\n\nWritten by \`bench/generate-monorepo.mjs\`; do not edit. ${services.length} services, ${functions} functions (${Object.entries(byFormat)
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')}), ${graphFiles} handler-graph files.\n`,
  );
  return { services: services.length, functions, byFormat, graphFiles, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = join(root, 'bench', '.generated', 'monorepo');
  const result = generateMonorepo(out, {
    servicesPerFormat: Number(process.env.SERVICES ?? 8),
    functionsPerService: Number(process.env.FUNCTIONS ?? 10),
  });
  console.log(
    `wrote ${out}: ${result.services} services, ${result.functions} functions (${Object.entries(result.byFormat)
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')}), ${result.graphFiles} handler-graph files, ${result.files} files in all`,
  );
}
