import rule from '../../rules/no-client-in-handler.js';
import { describe, expect, it } from 'vitest';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { pythonFindings, runPythonCheck, type PythonCase } from '../helpers/python-check.js';
import { noClientInHandler } from '../../src/python/checks/no-client-in-handler.js';

const ruleTester = createRuleTester();

const sdk = (client: string, handler = 'handler') => ({ messageId: 'sdkClientInHandler' as const, data: { client, handler } });
const db = (client: string, handler = 'handler') => ({ messageId: 'dbClientInHandler' as const, data: { client, handler } });

ruleTester.run('no-client-in-handler', rule, {
  valid: [
    // Objects of client packages that are not clients: a query, an id, a command, a data type, an error,
    // a request; and a default-imported class of an unrelated package.
    `import { Query } from 'pg';
import { ObjectId } from 'mongodb';
import Redis from 'ioredis';
import { ValidationError } from 'sequelize';
import { errors } from '@elastic/elasticsearch';
import sql from 'mssql';
import PQueue from 'p-queue';
export const handler = async (event) => [
  new Query('SELECT 1'),
  new ObjectId(),
  new Redis.Command('get', ['orders']),
  new ValidationError('bad'),
  new errors.ResponseError({}),
  new sql.Request(),
  new PQueue({ concurrency: 2 }),
];`,
    // Created once at module scope and reused.
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async (event) => s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));`,
    {
      code: `const AWS = require('aws-sdk');
const ddb = new AWS.DynamoDB.DocumentClient();
module.exports.handler = async (event) => ddb.get({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();`,
      languageOptions: CJS,
    },
    `import middy from '@middy/core';
import { Pool } from 'pg';
const pool = new Pool({ max: 1 });
export const handler = middy(async () => (await pool.query('SELECT 1')).rows);`,
    // Per-tenant clients: credentials from the event.
    `import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
export const handler = async (event) => {
  const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: event.requestContext.authorizer.roleArn } }) });
  return s3.config.region();
};`,
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getTenantCredentials } from './tenant.js';
export const handler = async (event: { pathParameters: { tenantId: string } }) => {
  const { tenantId } = event.pathParameters;
  const credentials = await getTenantCredentials(tenantId);
  const ddb = new DynamoDBClient({ credentials });
  const doc = DynamoDBDocumentClient.from(ddb);
  return doc;
};`,
    // Values derived from the event through a loop and a helper the handler calls.
    `import { S3Client } from '@aws-sdk/client-s3';
function clientFor(region) { return new S3Client({ region }); }
export const handler = async (event) => {
  for (const record of event.Records) await clientFor(record.awsRegion).destroy();
};`,
    `import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
const clientFor = (region: string) => new S3Client({ region });
export const handler = async (event) =>
  Promise.all(event.Records.map((r) => clientFor(r.awsRegion).send(new ListBucketsCommand({}))));`,
    // Lazy initialisation into module-scope state.
    `import { S3Client } from '@aws-sdk/client-s3';
let client;
export const handler = async () => {
  if (!client) client = new S3Client({});
  return client;
};`,
    `import { Pool } from 'pg';
let pool: Pool | undefined;
export const handler = async () => {
  pool ??= new Pool({ connectionString: process.env.DATABASE_URL });
  return pool.query('SELECT 1');
};`,
    {
      code: `const mysql = require('mysql2/promise');
let connection;
async function getConnection() {
  if (connection) return connection;
  connection = await mysql.createConnection({ host: process.env.DB_HOST });
  return connection;
}
exports.handler = async () => (await getConnection()).query('SELECT 1');`,
      languageOptions: CJS,
    },
    `import mongoose from 'mongoose';
let isConnected = false;
export const handler = async () => {
  if (!isConnected) {
    await mongoose.connect(process.env.MONGO_URI);
    isConnected = true;
  }
  return mongoose.connection.readyState;
};`,
    `import mongoose from 'mongoose';
let conn = null;
export const handler = async () => {
  if (conn == null) {
    conn = mongoose.connect(process.env.MONGO_URI, { serverSelectionTimeoutMS: 5000 }).then(() => mongoose);
    await conn;
  }
  return conn;
};`,
    `import { createClient } from 'redis';
let redis;
const getRedis = () => (redis ??= createClient({ url: process.env.REDIS_URL }));
export const handler = async () => (await getRedis()).get('k');`,
    `import { S3Client } from '@aws-sdk/client-s3';
const clients = new Map();
export const handler = async () => {
  const region = process.env.TARGET_REGION;
  if (!clients.has(region)) clients.set(region, new S3Client({ region }));
  return clients.get(region);
};`,
    // The AWS SDK team's pattern: one-time setup in a helper, called by the handler only once.
    `import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
async function prepare() {
  const credentials = fromTemporaryCredentials({ params: { RoleArn: process.env.ROLE_ARN } });
  const dynamodb = new DynamoDB({ credentials });
  return dynamodb;
}
let client: DynamoDB | null = null;
export async function handler(event) {
  if (!client) client = await prepare();
  return client.getItem({ TableName: process.env.TABLE, Key: { id: { S: event.id } } });
}`,
    {
      code: `const { Pool } = require('pg');
let pool;
let ready = false;
function prepare() { pool = new Pool(); }
exports.handler = async () => {
  if (!ready) {
    prepare();
    ready = true;
  }
  return pool.query('SELECT 1');
};`,
      languageOptions: CJS,
    },
    // Class-based handler: the client lives on the instance, created once at module scope.
    `import { S3Client } from '@aws-sdk/client-s3';
class Lambda {
  private readonly s3 = new S3Client({});
  private sqs;
  constructor() { this.sqs = new S3Client({}); }
  async handler(event) { return [this.s3, this.sqs, event]; }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
    // Commands, uploads and credentials are per request, not clients.
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
const s3 = new S3Client({});
export const handler = async (event) => {
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'k', Body: 'b' }));
  return new Upload({ client: s3, params: { Bucket: process.env.BUCKET, Key: 'k', Body: 'b' } }).done();
};`,
    {
      code: `const AWS = require('aws-sdk');
exports.handler = async () => new AWS.SharedIniFileCredentials({ profile: 'x' });`,
      languageOptions: CJS,
    },
    // Same names that do not come from a client library.
    `import { Client } from './graphql-client.js';
class Pool { constructor(readonly size: number) {} }
export const handler = async () => [new Client(), new Pool(1)];`,
    // Odd callee shapes inside a handler never throw.
    `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => {
  new (event.factory())();
  event.getFn()();
  event.obj?.createClient?.();
  new event.Client();
  return db;
};`,
    // Not a handler and not called by one.
    `import { S3Client } from '@aws-sdk/client-s3';
export function makeClient() { return new S3Client({}); }
export const handler = async () => 'ok';`,
    // Settings name the exact handler export: 'handler' here is not one.
    {
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
export const handler = async () => new SQSClient({});`,
      settings: { lambdalint: { handlers: [{ export: 'main', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
    },
    // ---- added for mutation testing: lazy shapes and event-derived settings ----
    `import { S3Client } from '@aws-sdk/client-s3';
import { Pool } from 'pg';
import mongoose from 'mongoose';
let s3;
let pool;
const clients = new Map();
let connected = false;
export const handler = async (event) => {
  s3 ||= new S3Client({});
  pool = pool ?? new Pool();
  if (!clients.has(event.region)) clients.set(event.region, new S3Client({ region: event.region }));
  if (!connected) { await mongoose.connect(process.env.URI); connected = true; }
  return [s3, pool, clients];
};`,
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
let ddb;
function getClient() {
  if (ddb) return ddb;
  ddb = new DynamoDBClient({});
  return ddb;
}
export const handler = async () => getClient();`,
    `import { STSClient } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';
async function clientFor(tenant) { return new S3Client({ credentials: tenant.credentials }); }
export const handler = async (event) => {
  const out = [];
  for (const { tenant } of event.items) out.push(await clientFor(tenant));
  event.Records.map((record) => new STSClient({ region: record.awsRegion }));
  let region;
  region = event.region;
  return [out, new STSClient({ region })];
};`,
    // A class instance field assigned once per instance (this.x ??=) and a name that is only a property key.
    `import { S3Client } from '@aws-sdk/client-s3';
class Service {
  async handle(event) {
    this.s3 ??= new S3Client({});
    return this.s3;
  }
}
const service = new Service();
export const handler = service.handle.bind(service);`,
    // v2 classes that are not service clients, and v3 exceptions.
    `import AWS from 'aws-sdk';
import { S3ServiceException } from '@aws-sdk/client-s3';
export const handler = async () => [new AWS.Config({}), new AWS.EnvironmentCredentials('AWS'), new S3ServiceException({})];`,
  ],
  invalid: [
    {
      code: `import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
export const handler = async () => {
  const s3 = new S3Client({});
  return s3.send(new ListBucketsCommand({}));
};`,
      errors: [{ ...sdk('new S3Client()'), line: 3, column: 14 }],
    },
    {
      code: `const AWS = require('aws-sdk');
module.exports.handler = async (event) => {
  const ddb = new AWS.DynamoDB.DocumentClient();
  return ddb.get({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
};`,
      languageOptions: CJS,
      errors: [{ ...sdk('new AWS.DynamoDB.DocumentClient()'), line: 3 }],
    },
    {
      code: `const { DynamoDB } = require('aws-sdk');
exports.handler = function (event, context, callback) {
  const client = new DynamoDB.DocumentClient();
  client.scan({ TableName: process.env.TABLE }, callback);
};`,
      languageOptions: CJS,
      errors: [{ ...sdk('new DynamoDB.DocumentClient()'), line: 3 }],
    },
    {
      // The outer `.from()` is reported once, not the inner client as well.
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const handler = async (event) => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return doc.send(event.command);
};`,
      errors: [{ ...sdk('DynamoDBDocumentClient.from()'), line: 4 }],
    },
    {
      code: `import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { Pool } from 'pg';
export const handler = middy(async () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  return (await pool.query('SELECT 1')).rows;
}).use(httpErrorHandler());`,
      errors: [{ ...db('new Pool()'), line: 5 }],
    },
    {
      code: `const pg = require('pg');
const withLogging = (fn) => async (event) => fn(event);
module.exports.handler = withLogging(async () => {
  const client = new pg.Client();
  await client.connect();
  return client.query('SELECT 1');
});`,
      languageOptions: CJS,
      errors: [{ ...db('new pg.Client()'), line: 4 }],
    },
    {
      // A module function that the handler calls runs per invocation too.
      code: `import mysql from 'mysql2/promise';
async function query(sql: string) {
  const conn = await mysql.createConnection({ host: process.env.DB_HOST });
  return conn.query(sql);
}
export const handler = async () => query('SELECT 1');`,
      errors: [{ ...db('mysql.createConnection()'), line: 3 }],
    },
    {
      // The same helper called without a guard creates a client per invocation.
      code: `import { DynamoDB } from '@aws-sdk/client-dynamodb';
async function prepare() {
  return new DynamoDB({});
}
export async function handler() {
  const client = await prepare();
  return client;
}`,
      errors: [{ ...sdk('new DynamoDB()'), line: 3 }],
    },
    {
      code: `import mongoose from 'mongoose';
export const handler = async () => {
  await mongoose.connect(process.env.MONGO_URI);
  return mongoose.connection.readyState;
};`,
      errors: [{ ...db('mongoose.connect()'), line: 3 }],
    },
    {
      code: `import { MongoClient } from 'mongodb';
class Lambda {
  async handler(event) {
    const client = new MongoClient(process.env.MONGO_URI);
    return client.db().collection('c').findOne({});
  }
}
const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);`,
      errors: [{ ...db('new MongoClient()'), line: 4 }],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
export async function handler() {
  const prisma = new PrismaClient();
  return prisma.user.findMany();
}`,
      errors: [{ ...db('new PrismaClient()'), line: 3 }],
    },
    {
      code: `import { createClient } from 'redis';
import Redis from 'ioredis';
export const handler = async () => {
  const a = createClient({ url: process.env.REDIS_URL });
  const b = new Redis(process.env.REDIS_URL);
  return [a, b];
};`,
      errors: [{ ...db('createClient()'), line: 4 }, { ...db('new Redis()'), line: 5 }],
    },
    {
      code: `import { Sequelize } from 'sequelize';
import knex from 'knex';
export const handler = async () => {
  const sequelize = new Sequelize(process.env.DATABASE_URL);
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  return [sequelize, db];
};`,
      errors: [{ ...db('new Sequelize()'), line: 4 }, { ...db('knex()'), line: 5 }],
    },
    {
      code: `exports.handler = async () => {
  const db = require('knex')({ client: 'mysql2' });
  return db.raw('select 1');
};`,
      languageOptions: CJS,
      errors: [{ ...db("require('knex')()"), line: 2 }],
    },
    {
      // Assigning to module state without a guard still creates a client per invocation.
      code: `import { S3Client } from '@aws-sdk/client-s3';
let s3: S3Client;
export const handler = async () => {
  s3 = new S3Client({});
  return s3;
};`,
      errors: [{ ...sdk('new S3Client()'), line: 4 }],
    },
    {
      // Handler named by settings (config-provided facts).
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
export async function main(event) {
  const sqs = new SQSClient({});
  return sqs;
}`,
      settings: { lambdalint: { handlers: [{ export: 'main', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ ...sdk('new SQSClient()', 'main'), line: 3 }],
    },
    {
      // Aggregated v3 client and a lazy `await import()` inside the handler.
      code: `import { S3 } from '@aws-sdk/client-s3';
export const handler = async () => {
  const { SNSClient } = await import('@aws-sdk/client-sns');
  return [new S3({}), new SNSClient({})];
};`,
      errors: [{ ...sdk('new S3()'), line: 4, column: 11 }, { ...sdk('new SNSClient()'), line: 4, column: 23 }],
    },
    {
      // Reading the event elsewhere does not make the client per-tenant.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
export const handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const s3 = new S3Client({ region: process.env.AWS_REGION });
  return s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: key }));
};`,
      errors: [{ ...sdk('new S3Client()'), line: 4 }],
    },
    {
      code: `import AWS from 'aws-sdk';
import type { SQSHandler } from 'aws-lambda';
export const processor: SQSHandler = async (event) => {
  const sqs = new AWS.SQS({ apiVersion: '2012-11-05' });
  await Promise.all(event.Records.map((r) => sqs.deleteMessage({ QueueUrl: process.env.QUEUE_URL!, ReceiptHandle: r.receiptHandle }).promise()));
};`,
      errors: [{ ...sdk('new AWS.SQS()', 'processor'), line: 4 }],
    },
    {
      code: `import { Pool } from 'pg';
let pool;
export const handler = async (event) => {
  if (event.reset) pool = new Pool();
  return pool;
};`,
      errors: [{ ...db('new Pool()'), line: 4 }],
    },
    // ---- added for mutation testing: each client library the docs list, each import shape ----
    {
      name: 'database clients of every supported library, created per invocation',
      code: `import PgPool from 'pg-pool';
import { Pool as NeonPool } from '@neondatabase/serverless';
import Redis, { Cluster } from 'ioredis';
import { Client as Elastic } from '@elastic/elasticsearch';
import { Client as OpenSearch } from '@opensearch-project/opensearch';
import sql from 'mssql';
import { Sequelize } from 'sequelize-typescript';
import mysql from 'mysql2/promise';
import mariadb from 'mariadb';
import { MongoClient } from 'mongodb';
import * as redis from '@redis/client';
import postgres from 'postgres';
import { knex } from 'knex';
export const handler = async (event) => [
  new PgPool(),
  new NeonPool(),
  new Redis(),
  new Cluster([]),
  new Elastic({}),
  new OpenSearch({}),
  new sql.ConnectionPool({}),
  new Sequelize('x'),
  mysql.createPool({}),
  mariadb.createPoolCluster(),
  MongoClient.connect('mongodb://x'),
  redis.createCluster({}),
  postgres('x'),
  knex({}),
];`,
      errors: [
        { ...db('new PgPool()'), line: 15, column: 3 },
        { ...db('new NeonPool()'), line: 16 },
        { ...db('new Redis()'), line: 17 },
        { ...db('new Cluster()'), line: 18 },
        { ...db('new Elastic()'), line: 19 },
        { ...db('new OpenSearch()'), line: 20 },
        { ...db('new sql.ConnectionPool()'), line: 21 },
        { ...db('new Sequelize()'), line: 22 },
        { ...db('mysql.createPool()'), line: 23 },
        { ...db('mariadb.createPoolCluster()'), line: 24 },
        { ...db('MongoClient.connect()'), line: 25 },
        { ...db('redis.createCluster()'), line: 26 },
        { ...db('postgres()'), line: 27 },
        { ...db('knex()'), line: 28 },
      ],
    },
    {
      name: 'require with a property path, a TypeScript import-equals, a dynamic import and a renamed destructuring',
      code: `import AWS = require('aws-sdk');
const S3 = require('aws-sdk').S3;
const { default: db } = require('knex');
const { createConnection: connect = null } = require('mysql');
export const handler = async (event) => {
  const { Client } = await import('pg');
  return [new AWS.Lambda(), new S3(), db({}), connect({}), new Client()];
};`,
      errors: [
        { ...sdk('new AWS.Lambda()'), line: 7, column: 11 },
        { ...sdk('new S3()'), line: 7, column: 29 },
        { ...db('db()'), line: 7, column: 39 },
        { ...db('connect()'), line: 7, column: 47 },
        { ...db('new Client()'), line: 7, column: 60 },
      ],
    },
    {
      name: 'ioredis under any default name or as the named Redis class, a v2 client from aws-sdk/clients, a lib-dynamodb client constructed directly',
      code: `import IORedis from 'ioredis';
import { Redis } from 'ioredis';
import S3 from 'aws-sdk/clients/s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const handler = async (event) => [new IORedis(), new Redis(), new S3(), new DynamoDBDocumentClient({})];`,
      errors: [
        { ...db('new IORedis()'), line: 5, column: 42 },
        { ...db('new Redis()'), line: 5, column: 57 },
        { ...sdk('new S3()'), line: 5, column: 70 },
        { ...sdk('new DynamoDBDocumentClient()'), line: 5, column: 80 },
      ],
    },
    {
      name: 'factories imported under another name, mariadb/callback and mongodb 3.x connect',
      code: `import { createPool as makePool } from 'mysql2';
import mariadb from 'mariadb/callback';
import mongodb from 'mongodb';
const { createConnection: open } = require('mysql2/promise');
export const handler = async (event) => [makePool({}), mariadb.createConnection({}), await mongodb.connect(process.env.MONGO_URL), await open({})];`,
      errors: [
        { ...db('makePool()'), line: 5, column: 42 },
        { ...db('mariadb.createConnection()'), line: 5, column: 56 },
        { ...db('mongodb.connect()'), line: 5, column: 92 },
        { ...db('open()'), line: 5, column: 138 },
      ],
    },
    {
      name: 'a long callee is shortened in the message',
      code: `import { ExtremelyLongServiceNameThatKeepsGoingAndGoingForeverAndEverClient } from '@aws-sdk/client-whatever';
export const handler = async () => new ExtremelyLongServiceNameThatKeepsGoingAndGoingForeverAndEverClient({});`,
      errors: [{ ...sdk('new ExtremelyLongServiceNameThatKeepsGoingAndGoingForeverAndE...()'), line: 2, column: 36 }],
    },
    {
      name: 'a module-scope variable assigned without a guard, and a handler-local cache',
      code: `import { S3Client } from '@aws-sdk/client-s3';
let s3;
export const handler = async (event) => {
  const cache = new Map();
  if (!cache.has('s3')) cache.set('s3', new S3Client({}));
  s3 = new S3Client({});
  let local;
  local ??= new S3Client({});
  return [s3, local, cache];
};`,
      errors: [
        { ...sdk('new S3Client()'), line: 5, column: 41 },
        { ...sdk('new S3Client()'), line: 6, column: 8 },
        { ...sdk('new S3Client()'), line: 8, column: 13 },
      ],
    },
    {
      name: 'a guard on something else does not make the creation lazy',
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
let sqs;
let ready = false;
export const handler = async (event) => {
  if (event.flush) sqs = new SQSClient({});
  if (!ready) { sqs = new SQSClient({}); }
  return sqs;
};`,
      errors: [
        { ...sdk('new SQSClient()'), line: 5, column: 26 },
        { ...sdk('new SQSClient()'), line: 6, column: 23 },
      ],
    },
    {
      name: 'a helper called once behind a guard and once without one',
      code: `import { SNSClient } from '@aws-sdk/client-sns';
let sns;
function make() { return new SNSClient({}); }
export const handler = async (event) => {
  if (!sns) sns = make();
  const other = make();
  return [sns, other];
};`,
      errors: [{ ...sdk('new SNSClient()'), line: 3, column: 26 }],
    },
  ],
});


// Behaviours pinned for the mutation score (issue 16): which factory calls are clients.
ruleTester.run('no-client-in-handler: factory calls by module', rule, {
  valid: [
    {
      // Factory-named calls of other modules are not clients: local wrappers (which usually cache) and generic-pool.
      code: `import { connect, createPool, createClient, createConnection, createCluster, MongoClient } from './lib/db.js';
import { DynamoDBDocumentClient } from './lib/ddb.js';
import genericPool from 'generic-pool';
const baseClient = {};
export const handler = async (event) => {
  const workers = genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { max: 2 });
  const docs = DynamoDBDocumentClient.from(baseClient);
  await connect();
  return [workers, docs, createPool(), createClient(), createConnection(), createCluster(), MongoClient.connect(process.env.MONGO_URI)];
};`,
    },
    {
      // A shorthand property and a computed key read the event-derived name: a per-tenant client.
      code: `import { S3Client } from '@aws-sdk/client-s3';
export const handler = async (event) => {
  const { region, credentials } = event.tenant;
  const s3 = new S3Client({ region, [credentials.kind]: credentials.value });
  return s3.config.region();
};`,
    },
    {
      // A helper behind a guard, warmed once at module scope; other plain calls in the handler are not calls of the helper.
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
let client;
function prepare() { return new S3Client({}); }
client = prepare();
export const handler = async (event) => {
  if (!client) client = prepare();
  return client.send(new GetObjectCommand(parseRequest(event)));
};`,
    },
  ],
  invalid: [
    {
      name: 'a plain assignment to module state without a guard replaces the client on every invocation',
      code: `import { S3Client } from '@aws-sdk/client-s3';
let s3;
export const handler = async (event) => {
  s3 = new S3Client({});
  return s3.config.region();
};`,
      errors: [{ ...sdk('new S3Client()'), line: 4, column: 8 }],
    },
    {
      name: 'only the arguments of calls of the helper itself (in functions) make its parameters event-derived',
      code: `import { S3Client } from '@aws-sdk/client-s3';
async function clientFor(region) { return new S3Client({ region }); }
export const defaultClient = clientFor(process.env.AWS_REGION);
export const handler = async (event) => {
  audit(event.requestContext.requestId);
  const s3 = await clientFor('eu-west-1');
  return s3.config.region();
};`,
      errors: [{ ...sdk('new S3Client()'), line: 2, column: 43 }],
    },
    {
      name: 'event-derived names used only as property keys or member names are not reads: still one client per invocation',
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
const settings = { region: process.env.AWS_REGION };
export const handler = async (event) => {
  const { region } = event;
  const s3 = new S3Client({ region: 'eu-west-1' });
  const sqs = new SQSClient({ endpoint: settings.region });
  return [s3, sqs, region];
};`,
      errors: [
        { ...sdk('new S3Client()'), line: 6, column: 14 },
        { ...sdk('new SQSClient()'), line: 7, column: 15 },
      ],
    },
    {
      name: 'names in a parameter default value do not come from the event',
      code: `import { S3Client } from '@aws-sdk/client-s3';
const MAX_ATTEMPTS = 3;
export const handler = async ({ key, attempts = MAX_ATTEMPTS }) => {
  const s3 = new S3Client({ maxAttempts: MAX_ATTEMPTS });
  return [s3, key, attempts];
};`,
      errors: [{ ...sdk('new S3Client()'), line: 4, column: 14 }],
    },
    {
      name: 'a PrismaClient taken from the CommonJS default export of @prisma/client is a database client',
      code: `import prisma from '@prisma/client';
const { PrismaClient } = prisma;
export const handler = async (event) => {
  const db = new PrismaClient();
  return db.user.findUnique({ where: { id: event.id } });
};`,
      errors: [{ ...db('new PrismaClient()'), line: 4, column: 14 }],
    },
    {
      name: 'DynamoDBDocument.from and mongoose.createConnection in the handler',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import mongoose from 'mongoose';
export const handler = async (event) => {
  const docs = DynamoDBDocument.from(new DynamoDBClient({}));
  const conn = await mongoose.createConnection(process.env.MONGO_URI).asPromise();
  return [docs, conn];
};`,
      errors: [
        { ...sdk('DynamoDBDocument.from()'), line: 5, column: 16 },
        { ...db('mongoose.createConnection()'), line: 6, column: 22 },
      ],
    },
  ],
});

// Behaviours pinned for the mutation score: guard shapes, import shapes, helper chains and event-derived names.
ruleTester.run('no-client-in-handler: guards, import shapes and event-derived names', rule, {
  valid: [
    {
      name: 'a flag set in the branch that assigns the client to module state',
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
let sqs;
let ready = false;
export const handler = async (event) => {
  if (!ready) {
    sqs = new SQSClient({});
    ready = true;
  }
  return sqs;
};`,
    },
    {
      name: 'a callback passed inline to a call whose result is cached runs as part of that call',
      code: `import mysql from 'mysql2/promise';
import mysqlCallbacks from 'mysql2';
import pRetry from 'p-retry';
import { SQSClient } from '@aws-sdk/client-sqs';
let connection;
let replica;
let queues;
let legacy;
let warmed = false;
export const handler = async () => {
  connection ??= await pRetry(() => mysql.createConnection({ host: process.env.DB_HOST }), { retries: 3 });
  legacy ??= await new Promise((resolve, reject) => {
    const conn = mysqlCallbacks.createConnection({ host: process.env.LEGACY_HOST });
    conn.connect((error) => (error ? reject(error) : resolve(conn)));
  });
  if (!replica) {
    replica = await pRetry(async () => {
      const conn = await mysql.createConnection({ host: process.env.REPLICA_HOST });
      await conn.ping();
      return conn;
    });
  }
  if (!warmed) {
    queues = ['orders', 'invoices'].map(() => new SQSClient({}));
    warmed = true;
  }
  return [connection, replica, legacy, queues];
};`,
    },
    {
      name: 'lazy creation through .asPromise(), a readyState check on the library, a ternary and a || fallback on it',
      code: `import mongoose from 'mongoose';
let tenants;
export const handler = async () => {
  tenants ??= await mongoose.createConnection(process.env.TENANTS_URI).asPromise();
  if (mongoose.connection.readyState !== 1) await mongoose.connect(process.env.MONGO_URI);
  const orders = mongoose.connection.readyState === 1 ? mongoose : await mongoose.connect(process.env.MONGO_URI);
  const users = mongoose.connection.readyState === 1 || (await mongoose.connect(process.env.MONGO_URI));
  return [tenants, orders, users];
};`,
    },
    {
      name: 'an early return in a block, and an early throw, before the assignment',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Pool } from 'pg';
import { logger } from './logger.js';
let ddb;
let pool;
function getClient() {
  if (ddb) {
    logger.debug('reusing the DynamoDB client');
    return ddb;
  }
  ddb = new DynamoDBClient({});
  return ddb;
}
function init() {
  if (pool) throw new Error('init() must run once');
  pool = new Pool({ max: 1 });
}
export const handler = async () => {
  if (!pool) init();
  return [getClient(), await pool.query('SELECT 1')];
};`,
    },
    {
      name: 'a Node global and an instance member as the cache',
      code: `const AWS = require('aws-sdk');
const { Pool } = require('pg');
class Repository {
  async query(sql) {
    if (!this.pool) this.pool = new Pool({ max: 1 });
    return this.pool.query(sql);
  }
}
const repository = new Repository();
exports.handler = async (event) => {
  if (!global.s3) global.s3 = new AWS.S3();
  return [await global.s3.listBuckets().promise(), await repository.query('SELECT 1')];
};`,
      languageOptions: CJS,
    },
    {
      name: 'a helper with a retry that calls itself, and a helper that only a cached helper calls',
      code: `import mysql from 'mysql2/promise';
import { Pool } from 'pg';
let connection;
let pool;
async function connect(attempt = 1) {
  try {
    return await mysql.createConnection({ host: process.env.DB_HOST });
  } catch (error) {
    if (attempt >= 3) throw error;
    return connect(attempt + 1);
  }
}
function buildPool() {
  return new Pool({ max: 1 });
}
async function getPool() {
  const created = buildPool();
  await created.query('SELECT 1');
  return created;
}
export const handler = async () => {
  connection ??= await connect();
  pool ??= await getPool();
  return [await connection.query('SELECT 1'), await pool.query('SELECT 1')];
};`,
    },
    {
      name: 'event-derived names: renamed destructuring, a member assignment, keys of a for-in, a closure assigned later',
      code: `import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { loadTenant } from './tenants.js';
export const handler = async (event) => {
  const { region: targetRegion } = event.detail;
  const target = new S3Client({ region: targetRegion });
  const options = { region: process.env.AWS_REGION };
  options.credentials = event.credentials;
  const source = new S3Client(options);
  for (const region in event.bucketsByRegion) {
    const regional = new S3Client({ region });
    await regional.send(new ListObjectsV2Command({ Bucket: event.bucketsByRegion[region] }));
  }
  let tenant;
  let roleArn;
  const resolveRole = () => {
    roleArn = \`arn:aws:iam::\${tenant.accountId}:role/reader\`;
  };
  tenant = await loadTenant(event.tenantId);
  resolveRole();
  const tenantS3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: roleArn } }) });
  return [target, source, tenantS3];
};`,
    },
    {
      name: 'require() of another package called directly, and a Cognito command whose name contains Client',
      code: `const { CognitoIdentityProviderClient, CreateUserPoolClientCommand } = require('@aws-sdk/client-cognito-identity-provider');
const cognito = new CognitoIdentityProviderClient({});
exports.handler = async (event) => {
  const log = require('debug')('clients:handler');
  log('creating an app client for %s', event.userPoolId);
  return cognito.send(new CreateUserPoolClientCommand({ UserPoolId: process.env.USER_POOL_ID, ClientName: 'web' }));
};`,
      languageOptions: CJS,
    },
    {
      name: 'local wrapper modules named after a client library are not the library',
      code: `import { Pool } from '../lib/pg';
import { MongoClient } from '../lib/mongo';
import { ConnectionPool } from '../lib/mssql';
import { Sequelize } from '../lib/sequelize';
import { createPool } from '../lib/mysql';
import { createClient } from '../lib/redis';
import connect from '../lib/connect';
export const handler = async () => {
  await connect();
  return [new Pool(), new MongoClient(), new ConnectionPool(), new Sequelize(), createPool(), createClient()];
};`,
    },
  ],
  invalid: [
    {
      name: 'the default export named explicitly, import-equals, require().default and a destructured require of pg',
      code: `import { default as IORedis } from 'ioredis';
import Redis = require('ioredis');
const Cluster = require('ioredis').default;
const { types, Pool } = require('pg');
types.setTypeParser(1700, parseFloat);
export const handler = async (event) => [new IORedis(), new Redis(), new Cluster(), new Pool()];`,
      errors: [
        { ...db('new IORedis()'), line: 6, column: 42 },
        { ...db('new Redis()'), line: 6, column: 57 },
        { ...db('new Cluster()'), line: 6, column: 70 },
        { ...db('new Pool()'), line: 6, column: 85 },
      ],
    },
    {
      name: 'a lib-dynamodb client constructed around a new client is reported once',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const handler = async (event) => {
  const doc = new DynamoDBDocumentClient(new DynamoDBClient({}));
  return doc.send(event.command);
};`,
      errors: [{ ...sdk('new DynamoDBDocumentClient()'), line: 4, column: 15 }],
    },
    {
      name: 'whitespace in a callee is dropped from the message, a 60-character callee is not shortened',
      code: `import mongoose from 'mongoose';
import { SixtyCharacterLongNameForAnExampleServiceOfTheAwsSdkV3Client } from '@aws-sdk/client-example';
export const handler = async () => {
  const connection = await mongoose
    .connect(process.env.MONGO_URI)
    .then((m) => m.connection);
  return [connection, new SixtyCharacterLongNameForAnExampleServiceOfTheAwsSdkV3Client({})];
};`,
      errors: [
        { ...db('mongoose.connect()'), line: 4, column: 28 },
        { ...sdk('new SixtyCharacterLongNameForAnExampleServiceOfTheAwsSdkV3Client()'), line: 7, column: 23 },
      ],
    },
    {
      name: 'a callback passed inline to a call that is not cached runs on every invocation',
      code: `import mysql from 'mysql2/promise';
import pRetry from 'p-retry';
import { SQSClient } from '@aws-sdk/client-sqs';
export const handler = async (event) => {
  const connection = await pRetry(() => mysql.createConnection({ host: process.env.DB_HOST }), { retries: 3 });
  const queues = ['orders', 'invoices'].map(() => new SQSClient({}));
  return [connection, queues, event];
};`,
      errors: [
        { ...db('mysql.createConnection()'), line: 5, column: 41 },
        { ...sdk('new SQSClient()'), line: 6, column: 51 },
      ],
    },
    {
      name: 'a per-request store (AsyncLocalStorage) is not module state',
      code: `import { AsyncLocalStorage } from 'node:async_hooks';
import mysql from 'mysql2/promise';
const requestContext = new AsyncLocalStorage();
export const handler = async (event) =>
  requestContext.run({ requestId: event.requestContext.requestId }, async () => {
    requestContext.getStore().connection ??= await mysql.createConnection({ host: process.env.DB_HOST });
    return requestContext.getStore().connection.query('SELECT 1');
  });`,
      errors: [{ ...db('mysql.createConnection()'), line: 6, column: 52 }],
    },
    {
      name: 'a connection used as the test of an if is not guarded by it',
      code: `import mongoose from 'mongoose';
export const handler = async () => {
  if ((await mongoose.connect(process.env.MONGO_URI)).connection.readyState !== 1) throw new Error('database unavailable');
  return 'ok';
};`,
      errors: [{ ...db('mongoose.connect()'), line: 3, column: 14 }],
    },
    {
      name: 'a connection used as the test of a ternary is not guarded by it',
      code: `import mongoose from 'mongoose';
export const handler = async () =>
  (await mongoose.connect(process.env.MONGO_URI)).connection.readyState === 1 ? 'up' : 'down';`,
      errors: [{ ...db('mongoose.connect()'), line: 3, column: 10 }],
    },
    {
      name: 'a connection on the left of && is not guarded by the right side',
      code: `import mongoose from 'mongoose';
export const handler = async () => {
  const up = (await mongoose.connect(process.env.MONGO_URI)) && mongoose.connection.readyState === 1;
  return up;
};`,
      errors: [{ ...db('mongoose.connect()'), line: 3, column: 21 }],
    },
    {
      name: 'a guard after the creation does not make it lazy',
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
let lastMessageId;
export const handler = async (event) => {
  const sqs = new SQSClient({});
  if (lastMessageId === event.id) return 'duplicate';
  lastMessageId = event.id;
  return sqs;
};`,
      errors: [{ ...sdk('new SQSClient()'), line: 4, column: 15 }],
    },
    {
      name: 'a fallback on something other than the assigned variable creates a client per invocation',
      code: `import { S3Client } from '@aws-sdk/client-s3';
let s3;
export const handler = async (event, deps = {}) => {
  s3 = deps.s3 ?? new S3Client({});
  return s3.config.region();
};`,
      errors: [{ ...sdk('new S3Client()'), line: 4, column: 19 }],
    },
    {
      name: 'a migration handler that creates knex per call under an unrelated condition',
      code: `exports.handler = async (event) => {
  if (event.migrate) {
    const db = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
    await db.migrate.latest();
  }
  return 'done';
};`,
      languageOptions: CJS,
      errors: [{ ...db("require('knex')()"), line: 3, column: 16 }],
    },
    {
      name: 'keys of a renamed destructuring, member names of an assignment and type annotations are not event-derived',
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
const region = process.env.AWS_REGION;
const defaults = { region, maxAttempts: 3 };
export const handler = async (event: Partial<typeof defaults>) => {
  const { region: sourceRegion } = event;
  const result = { statusCode: 200, region: '' };
  result.region = event.region;
  const s3 = new S3Client({ region });
  const sqs = new SQSClient(defaults);
  return [s3, sqs, sourceRegion, result];
};`,
      errors: [
        { ...sdk('new S3Client()'), line: 9, column: 14 },
        { ...sdk('new SQSClient()'), line: 10, column: 15 },
      ],
    },
    {
      name: 'helpers that call each other: the chain is followed a few levels only, and the client is reported',
      code: `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
async function scanPage(startKey) {
  const ddb = new DynamoDBClient({});
  const page = await ddb.send(new ScanCommand({ TableName: process.env.TABLE, ExclusiveStartKey: startKey }));
  return nextPage(page);
}
async function nextPage(page) {
  return page.LastEvaluatedKey ? [...page.Items, ...(await scanPage(page.LastEvaluatedKey))] : page.Items;
}
export const handler = async () => scanPage(undefined);`,
      errors: [{ ...sdk('new DynamoDBClient()'), line: 3, column: 15 }],
    },
  ],
});

describe('no-client-in-handler (Python)', () => {
  const run = (code: string, setup: PythonCase = {}) => pythonFindings(noClientInHandler, code, setup);

  it('reports boto3 clients, resources and sessions created in the handler, through import aliases', async () => {
    const code = `import boto3
import boto3 as b
from boto3 import resource
from boto3.session import Session

def lambda_handler(event, context):
    s3 = boto3.client("s3")
    table = b.resource("dynamodb").Table("orders")
    queue = resource("sqs")
    session = Session()
    ec2 = boto3.session.Session().client("ec2")
    return s3, table, queue, session, ec2
`;
    expect(await run(code)).toEqual([
      { messageId: 'sdkClientInHandler', line: 7 },
      { messageId: 'sdkClientInHandler', line: 8 },
      { messageId: 'sdkClientInHandler', line: 9 },
      { messageId: 'sdkClientInHandler', line: 10 },
      { messageId: 'sdkClientInHandler', line: 11 },
    ]);
    const [first] = await runPythonCheck(noClientInHandler, code);
    expect(first.data).toEqual({ client: "boto3.client('s3')", handler: 'lambda_handler' });
    expect(first.column).toBe(10);
  });

  it('reports database and HTTP pools, and creations in a module function the handler calls', async () => {
    const code = `import pymysql
import psycopg2, redis, requests, httpx
from pymongo import MongoClient
from sqlalchemy import create_engine

def get_connection():
    return pymysql.connect(host="db", user="app")

def handler(event, context):
    conn = get_connection()
    pg = psycopg2.connect("dbname=app")
    cache = redis.Redis(host="cache")
    other = redis.from_url("redis://cache")
    mongo = MongoClient("mongodb://db")
    engine = create_engine("postgresql://db/app")
    with requests.Session() as http:
        http.get("https://example.com")
    client = httpx.Client()
    return conn, pg, cache, other, mongo, engine, client
`;
    expect(await run(code)).toEqual([
      { messageId: 'dbClientInHandler', line: 7 },
      { messageId: 'dbClientInHandler', line: 11 },
      { messageId: 'dbClientInHandler', line: 12 },
      { messageId: 'dbClientInHandler', line: 13 },
      { messageId: 'dbClientInHandler', line: 14 },
      { messageId: 'dbClientInHandler', line: 15 },
      { messageId: 'httpClientInHandler', line: 16 },
      { messageId: 'httpClientInHandler', line: 18 },
    ]);
  });

  it('reports a handler decorated by Powertools, and an async handler', async () => {
    const code = `import boto3
from aws_lambda_powertools import Logger, Tracer
logger = Logger()
tracer = Tracer()

@logger.inject_lambda_context
@tracer.capture_lambda_handler
def handler(event, context):
    return boto3.client("sqs").send_message(QueueUrl="q", MessageBody="x")
`;
    expect(await run(code)).toEqual([{ messageId: 'sdkClientInHandler', line: 9 }]);
  });

  it('allows module-scope clients, lazy initialisation into module state, cached helpers and per-call credentials', async () => {
    const code = `import boto3, functools, pymysql, os
s3 = boto3.client("s3")
_ddb = None
_conn = None
_clients = {}

def ddb():
    global _ddb
    if _ddb is None:
        _ddb = boto3.resource("dynamodb")
    return _ddb

def regional(region):
    if region not in _clients:
        _clients[region] = boto3.client("sqs", region_name=region)
    return _clients[region]

@functools.lru_cache(maxsize=None)
def secrets():
    return boto3.client("secretsmanager")

def connect():
    return pymysql.connect(host=os.environ["DB_HOST"])

def unused_helper():
    return boto3.client("sns")

def handler(event, context):
    global _conn
    if _conn is None:
        _conn = connect()
    creds = boto3.client("sts").get_caller_identity() if False else event["credentials"]
    tenant = boto3.client(
        "s3",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    target = boto3.client("s3", region_name=event["region"])
    region = boto3.session.Session().region_name
    return ddb(), regional("eu-west-1"), secrets(), s3, tenant, target
`;
    // Only the sts client in the conditional expression is created per call.
    expect(await run(code)).toEqual([{ messageId: 'sdkClientInHandler', line: 32 }]);
  });

  it('ignores local names that look like client factories, functions no handler calls, and files without handlers', async () => {
    const code = `import boto3
def client(name):
    return name

def handler(event, context):
    return client("s3")

def main():
    return boto3.client("s3")
`;
    expect(await run(code)).toEqual([]);
    expect(await run(code, { handlers: [] })).toEqual([]);
  });

  it('does not report async HTTP clients, which are bound to the event loop of one invocation', async () => {
    const code = `import asyncio, httpx, aiohttp
async def fetch():
    async with httpx.AsyncClient() as client:
        return await client.get("https://example.com")

def handler(event, context):
    return asyncio.run(fetch())
`;
    expect(await run(code)).toEqual([]);
  });
});
