// Writes a deterministic set of realistic handler files for benchmarks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SHAPES = [
  (i) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME;

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  try {
    const body = JSON.parse(event.body ?? '{}');
    const id = event.pathParameters?.id ?? 'item-${i}';
    await ddb.send(new PutCommand({ TableName: TABLE, Item: { id, ...body } }));
    const result = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
    return { statusCode: 200, body: JSON.stringify(result.Item) };
  } catch (error) {
    console.error('failed', error);
    return { statusCode: 500, body: JSON.stringify({ message: 'internal error' }) };
  }
};
`,
  (i) => `'use strict';
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});

async function processRecord(record) {
  const payload = JSON.parse(record.body);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUT_QUEUE_URL, MessageBody: JSON.stringify({ n: ${i}, payload }) }));
}

module.exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch (error) {
      console.error(error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
`,
  (i) => `import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

const upload = async (event) => {
  const key = \`uploads/\${event.pathParameters.id}-${i}.json\`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: key, Body: JSON.stringify(event.body) }));
  return { statusCode: 201, body: JSON.stringify({ key }) };
};

export const handler = middy(upload).use(httpJsonBodyParser()).use(httpErrorHandler());
`,
  (i) => `import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

const logger = new Logger({ serviceName: 'svc-${i}' });
const sns = new SNSClient({});

class Lambda {
  async handler(event) {
    for (const record of event.Records) {
      const message = record.Sns.Message;
      logger.info('received', { message });
      await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: message }));
    }
  }
}

const instance = new Lambda();
export const handler = instance.handler.bind(instance);
`,
  (i) => `const wrap = (fn) => async (event, context) => {
  try {
    const data = await fn(event, context);
    return { statusCode: 200, body: JSON.stringify(data) };
  } catch (error) {
    return { statusCode: 500, body: JSON.stringify({ error: error.message }) };
  }
};

function sum(values) {
  return values.reduce((total, value) => total + value, ${i});
}

export const handler = wrap(async (event) => {
  const values = JSON.parse(event.body).values;
  return { total: sum(values) };
});
`,
];

export function generateHandlers(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const shape = i % SHAPES.length;
    const ext = shape === 0 ? 'ts' : shape === 1 ? 'cjs' : 'mjs';
    const sub = join(dir, `service-${Math.floor(i / 25)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `handler-${i}.${ext}`), SHAPES[shape](i));
  }
}
