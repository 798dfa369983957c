import rule from '../../rules/no-hardcoded-config.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { describe, expect, it } from 'vitest';
import { pythonFindings, runPythonCheck } from '../helpers/python-check.js';
import { noHardcodedConfig } from '../../src/python/checks/no-hardcoded-config.js';

const ruleTester = createRuleTester();

ruleTester.run('no-hardcoded-config', rule, {
  valid: [
    // Values read from the environment (set from the deploy config).
    `
      import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
      import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
      export const handler = async (event: { id: string }) =>
        doc.send(new PutCommand({ TableName: process.env.TABLE_NAME!, Item: { pk: event.id } }));
    `,
    {
      // CommonJS, v2 client call, bucket from the event and object keys as data.
      code: `
        const AWS = require('aws-sdk');
        const s3 = new AWS.S3();
        exports.handler = async (event) => {
          const record = event.Records[0];
          return s3.getObject({ Bucket: record.s3.bucket.name, Key: 'reports/latest.json' }).promise();
        };
      `,
      languageOptions: CJS,
    },
    // Decision: a literal fallback after an environment read is allowed by default (local runs);
    // \`allowEnvFallback: false\` (strict) reports it.
    "const TABLE = process.env.TABLE_NAME ?? 'orders';\nexport const handler = async () => ({ TableName: TABLE });",
    "const { TABLE_NAME = 'orders' } = process.env;\nexport const params = { TableName: TABLE_NAME };",
    "export const handler = async () => ({ QueueUrl: process.env.QUEUE_URL || 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders' });",
    // String building from environment variables.
    "const topicArn = `arn:aws:sns:${process.env.AWS_REGION}:${process.env.ACCOUNT_ID}:orders`;",
    "const url = 'https://sqs.' + process.env.AWS_REGION + '.amazonaws.com/' + accountId + '/' + process.env.QUEUE_NAME;",
    "const url = `http://${process.env.BUCKET}.s3-website.${process.env.REGION}.amazonaws.com`;",
    // The account comes from the function's own ARN: nothing literal but the resource name.
    `
      export const handler = async (event: unknown, context: { invokedFunctionArn: string }) => {
        const [, , , region, account] = context.invokedFunctionArn.split(':');
        return \`https://sqs.\${region}.amazonaws.com/\${account}/receiver\`;
      };
    `,
    // AWS-managed ARNs are the same in every account.
    "export const policy = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';",
    "const policyArn = `arn:${partition}:iam::aws:policy/ReadOnlyAccess`;",
    "export const definition = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' };",
    "export const model = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';",
    // AWS-published layer ARNs (AppConfig extension) selected per region, even outside infra code.
    `
      export const APPCONFIG_LAYERS: Record<string, string> = {
        'us-east-1': 'arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:82',
        'cn-north-1': 'arn:aws-cn:lambda:cn-north-1:615057806174:layer:AWS-AppConfig-Extension:52',
        'us-gov-east-1': 'arn:aws-us-gov:lambda:us-gov-east-1:946561847325:layer:AWS-AppConfig-Extension:29',
      };
    `,
    // Infrastructure code (CDK) is not handler code: skipped entirely (corpus no-report expectation).
    `
      import * as cdk from 'aws-cdk-lib';
      import * as lambda from 'aws-cdk-lib/aws-lambda';
      const LAYER = 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension:82';
      export class OrdersStack extends cdk.Stack {
        constructor(scope: cdk.App, id: string) {
          super(scope, id, { env: { region: 'eu-west-1', account: '123456789012' } });
          new lambda.Function(this, 'Fn', { functionName: 'orders', environment: { TABLE: 'orders' } } as never);
        }
      }
    `,
    {
      code: "const { Construct } = require('constructs');\nmodule.exports.topic = 'arn:aws:sns:us-east-1:123456789012:orders';",
      languageOptions: CJS,
    },
    // serverless.ts is a deploy config.
    {
      code: "const config = { provider: { name: 'aws', region: 'eu-west-1' }, resources: { TableName: 'orders' } };\nmodule.exports = config;",
      filename: 'serverless.ts',
    },
    // Test files.
    {
      code: "import { handler } from '../src/handler';\nconst params = { TableName: 'test-orders', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q' };",
      filename: 'test/handler.test.ts',
    },
    // Obvious placeholders in examples.
    "const arn = 'arn:aws:mq:us-west-2:<account-id>:broker:<broker-name>';",
    "export const params = { Bucket: 'your-bucket-name', TableName: '', QueueUrl: 'QUEUE_URL' };",
    "const PUBLIC_ENDPOINT = 'https://your-aws-endpoint-here.us-east-1.amazonaws.com/dev/api/public';",
    // Not AWS regions / not client configuration.
    "const dynamo = new DynamoDB.DocumentClient({ region: 'localhost', endpoint: 'http://localhost:8000' });",
    "const DEFAULT_STAGE_VARIABLES = { environment: 'dev', region: 'us-east-1' };",
    "export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ region: 'eu-west-1' }) });",
    "type Region = 'us-east-1' | 'eu-west-1';",
    // Global services only answer in one region.
    "const cloudfront = new CloudFrontClient({ region: 'us-east-1' });\nconst ce = new AWS.CostExplorer({ region: 'us-east-1' });",
    "const acm = new ACMClient({ region: 'us-east-1' });",
    // Global endpoints and the default event bus are the same everywhere.
    "const url = ['https://s3.amazonaws.com', process.env.BUCKET, key].join('/');",
    "export const entry = { EventBusName: 'default', Source: 'orders', DetailType: 'created', Detail: '{}' };",
    // Lambda@Edge cannot have environment variables: literals are its only configuration.
    {
      code: `
        const { SSMClient } = require('@aws-sdk/client-ssm');
        const ssm = new SSMClient({ region: 'us-east-1' });
        exports.handler = async (event) => {
          const request = event.Records[0].cf.request;
          return request;
        };
      `,
      languageOptions: CJS,
    },
    "import type { CloudFrontRequestHandler } from 'aws-lambda';\nconst TABLE = 'edge-sessions';\nexport const handler: CloudFrontRequestHandler = async (event) => { await doc.get({ TableName: TABLE, Key: {} }); return event.Records[0].cf.request; };",
    // Upper-case template parts in a host name.
    "const APIGW_HOSTNAME = 'APIGWID-vpce-VPCEID.execute-api.us-east-1.amazonaws.com';",
    // Options.
    { code: "const s3 = new S3Client({ region: 'eu-west-1' });", options: [{ checkRegion: false }] },
    { code: "const p = { TableName: 'shared-config' };", options: [{ ignore: ['^shared-'] }] },
    // Handler shapes: middy, wrapper, class-based, config-provided handler facts.
    `
      import middy from '@middy/core';
      const client = new SQSClient({});
      export const handler = middy(async (event: { body: string }) =>
        client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body })),
      ).use(errorLogger());
    `,
    "export const handler = wrap(async (event) => sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.STATE_MACHINE_ARN, input: event.body })));",
    `
      class Lambda {
        async handler(event: unknown) {
          return lambda.send(new InvokeCommand({ FunctionName: process.env.NOTIFY_FUNCTION, Payload: JSON.stringify(event) }));
        }
      }
      const instance = new Lambda();
      export const handler = instance.handler.bind(instance);
    `,
    {
      code: "export const handler = async (event) => sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: 'x' }));",
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
    },
    // ---- added for mutation testing (round 3) ----
    // An ARN shape that classifies as "not reportable" (AWS-managed, template) is not a literal resource name either.
    `export const params = { stateMachineArn: 'arn:aws:states:::lambda:invoke', TopicArn: 'arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:orders' };`,
    // checkRegion: false also turns off the AWS.config.region assignment check.
    { code: "AWS.config.region = 'us-east-1';", options: [{ checkRegion: false }] },
    // Only a plain `=` to a `.region` member is a region setting: `||=` is a default, other members are data.
    "AWS.config.region ||= 'us-east-1';\nresult.defaultRegion = 'eu-west-1';",
    // obj.prop resolves to the named property, not the first one.
    `const TABLES = { audit: 'audit-log', orders: process.env.ORDERS_TABLE };
export const params = { TableName: TABLES.orders };`,
    // A destructuring default after an env read is a fallback, also for a reportable ARN.
    `const { ALERTS_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts' } = process.env;
export const params = { TopicArn: ALERTS_TOPIC_ARN };`,
    // A fallback after a const alias chain of an env read, up to the resolve depth.
    `const e1 = process.env.TOPIC_ARN;
const e2 = e1;
const e3 = e2;
const e4 = e3;
export const topic = e4 ?? 'arn:aws:sns:us-east-1:123456789012:alerts';`,
    // ---- added for mutation testing ----
    // A region only in plain data, keys and types; a config built from an env read; enum members and class keys.
    `const menu = { region: 'eu-west-1', label: 'Ireland' };
enum Regions { Ireland = 'eu-west-1' }
class Routes { 'arn:aws:sns:us-east-1:123456789012:orders' = 1; }
const byArn = { 'arn:aws:sns:us-east-1:123456789012:orders': 'orders' };
export const s3Config = { region: process.env.AWS_REGION ?? 'eu-west-1' };`,
    // A fallback after env reads through a const, \`env\` destructured from process, and a TS wrapper.
    `const { env } = process;
const fromEnv = process.env.TABLE;
export const a = { TableName: fromEnv || 'orders' };
export const b = { Bucket: env.BUCKET ?? ('uploads' as string) };
export const c = { QueueName: process.env['QUEUE'] ?? 'jobs' };`,
    // \`+=\` is not a plain assignment of a region; a region in a non-config call.
    "AWS.config.region += '';\nlogRegion({ region: 'eu-west-1' });",
    // A template or concatenation without any literal AWS shape.
    "export const key = `${prefix}/${id}.json`;\nexport const k2 = prefix + '/' + id;\nexport const n = 1 + 2;",
    // Lambda@Edge through the CloudFront event type only.
    "import type { CloudFrontRequestEvent } from 'aws-lambda';\nexport const handler = async (event: CloudFrontRequestEvent) => ({ TableName: 'edge-sessions' });",
    // ---- added for mutation testing (round 4) ----
    // A literal after `??` is a fallback when either side of a left-hand `??` chain reads the environment.
    "export const handler = async (event: { table?: string }) => ({ TableName: event.table ?? process.env.TABLE_NAME ?? 'orders' });",
    // A template fallback after an environment read is allowed like a string one.
    "export const queueUrl = process.env.QUEUE_URL ?? `https://sqs.us-east-1.amazonaws.com/${accountId}/orders`;",
    // A fallback wrapped in a TypeScript cast, satisfies or angle-bracket assertion is still a fallback.
    `export const topicArn = process.env.TOPIC_ARN ?? ('arn:aws:sns:us-east-1:123456789012:orders' as const);
export const queueUrl = process.env.QUEUE_URL ?? ('https://sqs.us-east-1.amazonaws.com/123456789012/jobs' satisfies string);
export const apiUrl = process.env.API_URL ?? <string>'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';`,
    // Only a `region`/`Region` key is a client region: `SourceRegion` of a command is the request's data.
    `export const handler = async (event: { imageId: string; name: string }) =>
  ec2.send(new CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: event.imageId, Name: event.name }));`,
    // Plain data handed to functions whose names only contain update/from/Client, or bound to a ...Settings... name.
    `export const handler = async (event: { tenantId: string }) => {
  await sendRegionUpdate({ tenantId: event.tenantId, region: 'eu-west-1' });
  await updateTenantRecord({ tenantId: event.tenantId, region: 'eu-west-1' });
  await notifyClientOfMigration({ tenantId: event.tenantId, region: 'eu-west-1' });
  const userSettingsResponse = { tenantId: event.tenantId, region: 'eu-west-1' };
  return userSettingsResponse;
};`,
    // An ARN written as a type is not a runtime value.
    {
      name: 'strict: an environment default naming a const is followed up to the resolve depth',
      code: `const d1 = 'orders-dev-table';
const d2 = d1;
const d3 = d2;
const d4 = d3;
const { TABLE = d4 } = process.env;
export const params = { TableName: TABLE };`,
      options: [{ allowEnvFallback: false }],
    },
    "type OrdersTopicArn = 'arn:aws:sns:us-east-1:123456789012:orders';\nexport const publish = (arn: OrdersTopicArn, message: string) => sns.send(new PublishCommand({ TopicArn: arn, Message: message }));",
  ],
  invalid: [
    {
      // v3 command input, ESM TypeScript.
      code: `
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export const handler = async (event: { message: string }) =>
  sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders', Message: event.message }));
`,
      errors: [{ messageId: 'hardcodedArn', line: 5, data: { value: 'arn:aws:sns:us-east-1:123456789012:orders' } }],
    },
    {
      // v2 client call, CommonJS `exports.handler`.
      code: `
const AWS = require('aws-sdk');
const sqs = new AWS.SQS();
exports.handler = async (event) =>
  sqs.sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', MessageBody: event.body }).promise();
`,
      languageOptions: CJS,
      errors: [{ messageId: 'hardcodedQueueUrl', line: 5 }],
    },
    {
      // The corpus case: a topic ARN built with a literal region (serverless/examples addNote.js).
      code: `
'use strict';
const AWS = require('aws-sdk');
const config = require('./config.js');
const sns = new AWS.SNS();
module.exports.addNote = (event, context, callback) => {
  const params = {
    Message: JSON.parse(event.body).note,
    TopicArn: \`arn:aws:sns:us-east-1:\${config.awsAccountId}:analyzeNote\`,
  };
  sns.publish(params, callback);
};
`,
      languageOptions: CJS,
      errors: [{ messageId: 'hardcodedArnPart', line: 9, data: { part: 'region', value: 'us-east-1' } }],
    },
    {
      code: "const tableArn = `arn:aws:dynamodb:${process.env.AWS_REGION}:123456789012:table/${name}`;",
      errors: [{ messageId: 'hardcodedArnPart', data: { part: 'account ID', value: '123456789012' }, line: 1 }],
    },
    {
      code: "const topicArn = 'arn:aws:sns:' + 'eu-west-1' + ':' + accountId + ':orders';",
      errors: [{ messageId: 'hardcodedArnPart', data: { part: 'region', value: 'eu-west-1' }, line: 1 }],
    },
    {
      // middy-wrapped handler, literal bucket in a v3 command.
      code: `
import middy from '@middy/core';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = middy(async (event: { id: string; body: string }) => {
  await s3.send(new PutObjectCommand({ Bucket: 'orders-archive-prod', Key: event.id, Body: event.body }));
}).use(httpErrorHandler());
`,
      errors: [{ messageId: 'hardcodedResourceName', line: 6, data: { property: 'Bucket', value: 'orders-archive-prod' } }],
    },
    {
      // Local wrapper function, DocumentClient params object declared separately.
      code: `
const wrap = (fn) => async (event) => fn(event);
const dynamo = new AWS.DynamoDB.DocumentClient();
export const handler = wrap(async (event) => {
  const params = { TableName: 'orders', Item: JSON.parse(event.body) };
  return dynamo.put(params).promise();
});
`,
      errors: [{ messageId: 'hardcodedResourceName', line: 5, data: { property: 'TableName', value: 'orders' } }],
    },
    {
      // Class-based (Powertools style) handler invoking another function by name.
      code: `
class Lambda {
  async handler(event: unknown) {
    await lambda.send(new InvokeCommand({ FunctionName: 'orders-dev-notify', Payload: JSON.stringify(event) }));
  }
}
const instance = new Lambda();
export const handler = instance.handler.bind(instance);
`,
      errors: [{ messageId: 'hardcodedResourceName', line: 4, data: { property: 'FunctionName', value: 'orders-dev-notify' } }],
    },
    {
      // A module-scope constant used as a resource name: reported where the literal is written.
      code: "const TABLE = 'orders';\nexport const handler = async (id: string) => doc.send(new GetCommand({ TableName: TABLE, Key: { id } }));",
      errors: [{ messageId: 'hardcodedResourceName', line: 1, data: { property: 'TableName', value: 'orders' } }],
    },
    {
      code: "export const handler = async () => sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders' }));",
      errors: [{ messageId: 'hardcodedArn', line: 1 }],
    },
    {
      code: "exports.handler = async () => sm.getSecretValue({ SecretId: 'prod/orders/db' }).promise();",
      languageOptions: CJS,
      errors: [{ messageId: 'hardcodedResourceName', data: { property: 'SecretId', value: 'prod/orders/db' }, line: 1 }],
    },
    {
      code: "const bucket = isProd ? 'orders-prod' : 'orders-dev';\nexport const params = { Bucket: bucket };",
      errors: [
        { messageId: 'hardcodedResourceName', line: 1, column: 25 },
        { messageId: 'hardcodedResourceName', line: 1, column: 41 },
      ],
    },
    {
      code: "import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ region: 'eu-west-1' });",
      errors: [{ messageId: 'hardcodedRegion', line: 2, data: { value: 'eu-west-1' } }],
    },
    {
      code: "const AWS = require('aws-sdk');\nAWS.config.update({ region: 'us-east-1' });\nAWS.config.region = 'ap-southeast-1';",
      languageOptions: CJS,
      errors: [
        { messageId: 'hardcodedRegion', line: 2, data: { value: 'us-east-1' } },
        { messageId: 'hardcodedRegion', line: 3, data: { value: 'ap-southeast-1' } },
      ],
    },
    {
      code: "const REGION = 'eu-central-1';\nconst clientConfig = { region: REGION, maxAttempts: 3 };",
      errors: [{ messageId: 'hardcodedRegion', line: 1 }],
    },
    {
      // Only a us-east-1 ACM client is a CloudFront certificate client.
      code: "const acm = new ACMClient({ region: 'eu-west-1' });",
      errors: [{ messageId: 'hardcodedRegion', line: 1 }],
    },
    {
      code: "export const handler = async () => fetch('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders');",
      errors: [{ messageId: 'hardcodedEndpoint', data: { value: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders', region: 'eu-west-1' }, line: 1 }],
    },
    {
      code: "const api = new ApiGatewayManagementApiClient({ endpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com/${stage}` });",
      errors: [{ messageId: 'hardcodedEndpoint', data: { value: 'https://${apiId}.execute-api.us-east-1.amazonaws.com/${stage}', region: 'us-east-1' }, line: 1 }],
    },
    {
      code: "const queueUrl = `https://sqs.us-east-1.amazonaws.com/${accountId}/orders`;",
      errors: [{ messageId: 'hardcodedQueueUrl', line: 1 }],
    },
    {
      code: "const queueUrl = `https://sqs.${process.env.AWS_REGION}.amazonaws.com/123456789012/orders`;",
      errors: [{ messageId: 'hardcodedQueueUrl', line: 1 }],
    },
    {
      code: "export const QUEUE = 'arn:aws-cn:sqs:cn-north-1:123456789012:orders';",
      errors: [{ messageId: 'hardcodedArn', line: 1 }],
    },
    {
      // A function URL (on.aws) is one deployment's endpoint.
      code: "const FN_URL = 'https://abcdefghijklmnop.lambda-url.us-east-1.on.aws/';",
      errors: [{ messageId: 'hardcodedEndpoint', data: { value: 'https://abcdefghijklmnop.lambda-url.us-east-1.on.aws/', region: 'us-east-1' }, line: 1 }],
    },
    {
      // Strict: a literal fallback still ships a resource name.
      code: "export const params = { TableName: process.env.TABLE_NAME ?? 'orders' };",
      options: [{ allowEnvFallback: false }],
      errors: [{ messageId: 'hardcodedResourceName', data: { property: 'TableName', value: 'orders' }, line: 1 }],
    },
    {
      code: "const { BUCKET = 'uploads' } = process.env;\nexport const params = { Bucket: BUCKET };",
      options: [{ allowEnvFallback: false }],
      errors: [{ messageId: 'hardcodedResourceName', line: 1 }],
    },
    {
      code: "const p1 = { TableName: 'shared-config' };\nconst p2 = { TableName: 'orders' };",
      options: [{ ignore: ['^shared-', '(invalid'] }],
      errors: [{ messageId: 'hardcodedResourceName', line: 2 }],
    },
    {
      // A local config object in the same file: its table name and its region.
      code: "const config = { table: 'orders', region: 'eu-west-1' };\nexport const params = { TableName: config.table };",
      errors: [
        { messageId: 'hardcodedResourceName', line: 1, column: 25, data: { property: 'TableName', value: 'orders' } },
        { messageId: 'hardcodedRegion', line: 1, column: 43 },
      ],
    },
    {
      // Config-provided handler facts do not change what is reported (the whole file is checked).
      code: "export const handler = async (event) => sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-2.amazonaws.com/123456789012/jobs', MessageBody: '1' }));",
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'hardcodedQueueUrl', line: 1 }],
    },
    // ---- added for mutation testing ----
    {
      name: 'client config objects: a factory, a credentials key, an options constant, a ternary and && region',
      code: `const a = createDynamoDbClient({ region: 'eu-west-1' });
const b = build({ region: 'eu-west-2', credentials });
const defaultOptions = { region: 'eu-west-3' };
const c = new S3Client({ region: isProd ? 'us-east-2' : 'us-west-1' });
const d = new SQSClient({ region: isProd && 'ap-south-1' });`,
      errors: [
        { messageId: 'hardcodedRegion', line: 1, column: 42, data: { value: 'eu-west-1' } },
        { messageId: 'hardcodedRegion', line: 2, column: 27, data: { value: 'eu-west-2' } },
        { messageId: 'hardcodedRegion', line: 3, column: 34, data: { value: 'eu-west-3' } },
        { messageId: 'hardcodedRegion', line: 4, column: 43, data: { value: 'us-east-2' } },
        { messageId: 'hardcodedRegion', line: 4, column: 57, data: { value: 'us-west-1' } },
        { messageId: 'hardcodedRegion', line: 5, column: 45, data: { value: 'ap-south-1' } },
      ],
    },
    {
      name: 'WAFv2 outside us-east-1, and a Region key',
      code: `const waf = new WAFV2Client({ region: 'eu-west-1' });
const cfg = { Region: 'eu-north-1', maxRetries: 2 };`,
      errors: [
        { messageId: 'hardcodedRegion', line: 1, column: 39 },
        { messageId: 'hardcodedRegion', line: 2, column: 23 },
      ],
    },
    {
      name: 'a resource name read from a const object property',
      code: `const TABLES = { orders: 'orders-prod', users: process.env.USERS };
export const params = { TableName: TABLES.orders };`,
      errors: [{ messageId: 'hardcodedResourceName', line: 1, column: 26, data: { property: 'TableName', value: 'orders-prod' } }],
    },
    {
      name: 'concatenated ARNs: a literal account (also as a number const) and a literal region',
      code: `const ACCOUNT = 123456789012;
export const a = 'arn:aws:sns:' + region + ':' + ACCOUNT + ':orders';
export const b = \`arn:aws:sqs:eu-west-1:\${account}:\${name}\`;
export const c = 'arn:aws:sns:' + region + ':' + account + ':orders';`,
      errors: [
        { messageId: 'hardcodedArnPart', line: 2, column: 18, data: { part: 'account ID', value: '123456789012' } },
        { messageId: 'hardcodedArnPart', line: 3, column: 18, data: { part: 'region', value: 'eu-west-1' } },
      ],
    },
    {
      name: 'an SQS URL template with a literal account, and an endpoint built by concatenation',
      code: `export const q = \`https://sqs.\${region}.amazonaws.com/123456789012/\${name}\`;
export const e = 'https://' + apiId + '.execute-api.eu-west-1.amazonaws.com/' + stage;
export const s = 'https://sqs.eu-west-1.amazonaws.com/' + account + '/jobs';`,
      errors: [
        { messageId: 'hardcodedQueueUrl', line: 1, column: 18, data: { value: 'https://sqs.${region}.amazonaws.com/123456789012/${name}' } },
        { messageId: 'hardcodedEndpoint', line: 2, column: 18, data: { value: "'https://' + apiId + '.execute-api.eu-west-1.amazonaws.com/' + stage", region: 'eu-west-1' } },
        { messageId: 'hardcodedQueueUrl', line: 3, column: 18 },
      ],
    },
    // ---- added for mutation testing (round 3) ----
    {
      name: 'a region with stray spaces is trimmed before the check and in the message',
      code: "export const s3 = new S3Client({ region: ' eu-west-1 ' });",
      errors: [{ messageId: 'hardcodedRegion', line: 1, column: 42, data: { value: 'eu-west-1' } }],
    },
    {
      name: 'an ARN compared against (not concatenated) is still checked',
      code: `export const handler = async (event) => {
  for (const record of event.Records) {
    if (record.eventSourceARN === 'arn:aws:sqs:us-east-1:123456789012:orders') await handleOrder(record);
  }
};`,
      errors: [{ messageId: 'hardcodedArn', line: 3, column: 35, data: { value: 'arn:aws:sqs:us-east-1:123456789012:orders' } }],
    },
    {
      name: 'a value after && is not a fallback',
      code: "export const topic = process.env.ALERTS_ENABLED && 'arn:aws:sns:us-east-1:123456789012:alerts';",
      errors: [{ messageId: 'hardcodedArn', line: 1, column: 52 }],
    },
    {
      name: 'a destructuring default in a for-of (no initialiser) is not an env fallback',
      code: `export const handler = async (event) => {
  for (const { topicArn = 'arn:aws:sns:us-east-1:123456789012:alerts' } of event.subscriptions) await notify(topicArn);
};`,
      errors: [{ messageId: 'hardcodedArn', line: 2, column: 27 }],
    },
    {
      name: 'an env read behind more const aliases than the resolve depth is not seen',
      code: `const e1 = process.env.TOPIC_ARN;
const e2 = e1;
const e3 = e2;
const e4 = e3;
const e5 = e4;
const e6 = e5;
export const topic = e6 ?? 'arn:aws:sns:us-east-1:123456789012:alerts';`,
      errors: [{ messageId: 'hardcodedArn', line: 7, column: 28 }],
    },
    {
      name: 'a concatenation whose only string part is a const bound to a literal is still a pattern',
      code: `const base = 'arn:aws:sqs:us-east-1:123456789012:';
const attempts = 3;
export const queueArn = base + queueName;
export const total = attempts + retries;`,
      errors: [{ messageId: 'hardcodedArnPart', line: 3, column: 25, data: { part: 'region', value: 'us-east-1' } }],
    },
    {
      name: 'a template inside a concatenation is part of the pattern',
      code: "export const topicArn = `arn:aws:sns:${region}:123456789012:` + topicName;",
      errors: [{ messageId: 'hardcodedArnPart', line: 1, column: 25, data: { part: 'account ID', value: '123456789012' } }],
    },
    {
      name: 'a long ARN is shortened in the message',
      code: "export const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:an-extremely-long-state-machine-name-for-orders';",
      errors: [{ messageId: 'hardcodedArn', line: 1, column: 20, data: { value: 'arn:aws:states:eu-west-1:123456789012:stateMachine:an-extremely-long-state-ma...' } }],
    },
    {
      name: 'strict: a fallback after env reads through a destructuring default and a logical chain',
      code: `const { TABLE = 'orders' } = process.env;
export const params = { TableName: TABLE, Bucket: process.env.B || 'uploads' };`,
      options: [{ allowEnvFallback: false }],
      errors: [
        { messageId: 'hardcodedResourceName', line: 1, column: 17 },
        { messageId: 'hardcodedResourceName', line: 2, column: 68 },
      ],
    },
    // ---- added for mutation testing (round 4) ----
    {
      name: 'a handler that invalidates CloudFront (not Lambda@Edge) is still checked',
      code: `import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CopyObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
const cloudfront = new CloudFrontClient({});
const s3 = new S3Client({});
export const handler = async (event: S3Event) => {
  const key = event.Records[0].s3.object.key;
  await s3.send(new CopyObjectCommand({ Bucket: 'site-assets-prod', CopySource: \`\${event.Records[0].s3.bucket.name}/\${key}\`, Key: key }));
  await cloudfront.send(new CreateInvalidationCommand({ DistributionId: process.env.DISTRIBUTION_ID, InvalidationBatch: { CallerReference: key, Paths: { Quantity: 1, Items: [\`/\${key}\`] } } }));
};`,
      errors: [{ messageId: 'hardcodedResourceName', line: 8, column: 49, data: { property: 'Bucket', value: 'site-assets-prod' } }],
    },
    {
      name: 'a literal after ?? or || that follows no environment read is not a fallback',
      code: `export const handler = async (event: { table?: string; queue?: string }) => ({
  TableName: event.table ?? 'orders',
  Bucket: bucketFromSsm() || 'uploads',
  QueueName: event.queue ?? defaults.queue ?? 'jobs',
});`,
      errors: [
        { messageId: 'hardcodedResourceName', line: 2, column: 29, data: { property: 'TableName', value: 'orders' } },
        { messageId: 'hardcodedResourceName', line: 3, column: 30, data: { property: 'Bucket', value: 'uploads' } },
        { messageId: 'hardcodedResourceName', line: 4, column: 47, data: { property: 'QueueName', value: 'jobs' } },
      ],
    },
    {
      name: 'values with stray whitespace are trimmed, and a multi-line template is checked',
      code: `export const ALERTS = 'arn:aws:sns:us-east-1:123456789012:alerts ';
export const params = { TableName: 'orders ' };
export const topicArn = \`
  arn:aws:sns:us-east-1:\${accountId}:alerts
\`.trim();`,
      errors: [
        { messageId: 'hardcodedArn', line: 1, column: 23, data: { value: 'arn:aws:sns:us-east-1:123456789012:alerts' } },
        { messageId: 'hardcodedResourceName', line: 2, column: 36, data: { property: 'TableName', value: 'orders' } },
        { messageId: 'hardcodedArnPart', line: 3, column: 25, data: { part: 'region', value: 'us-east-1' } },
      ],
    },
    {
      name: 'a template of const parts and a concatenation of literals are whole ARNs',
      code: `const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
export const ordersTopic = \`arn:aws:sns:\${REGION}:\${ACCOUNT}:orders\`;
export const auditTopic = 'arn:aws:sns:eu-west-1:' + '123456789012:audit';`,
      errors: [
        { messageId: 'hardcodedArn', line: 3, column: 28, data: { value: 'arn:aws:sns:eu-west-1:123456789012:orders' } },
        { messageId: 'hardcodedArn', line: 4, column: 27, data: { value: 'arn:aws:sns:eu-west-1:123456789012:audit' } },
      ],
    },
    {
      name: 'a short resource name is not a placeholder',
      code: "export const handler = async (event: { key: string }) => s3.send(new GetObjectCommand({ Bucket: 'logs', Key: event.key }));",
      errors: [{ messageId: 'hardcodedResourceName', line: 1, column: 97, data: { property: 'Bucket', value: 'logs' } }],
    },
    {
      name: 'a value of exactly 80 characters is shown whole',
      code: "export const arn = 'arn:aws:sns:us-east-1:123456789012:order-events-fanout-to-warehouse-and-billing1';",
      errors: [{ messageId: 'hardcodedArn', line: 1, column: 20, data: { value: 'arn:aws:sns:us-east-1:123456789012:order-events-fanout-to-warehouse-and-billing1' } }],
    },
    {
      name: 'ARNs as values of other object keys and of class fields are checked',
      code: `class OrdersPublisher {
  private readonly topicArn = 'arn:aws:sns:us-east-1:123456789012:orders';
}
export const authorizer = async () => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders' }] },
});`,
      errors: [
        { messageId: 'hardcodedArn', line: 2, column: 31 },
        { messageId: 'hardcodedArn', line: 6, column: 115, data: { value: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders' } },
      ],
    },
    {
      name: 'an ARN in an enum member initialiser is a value',
      code: "export enum Topics { Orders = 'arn:aws:sns:us-east-1:123456789012:orders', 'arn:aws:sns:us-east-1:123456789012:legacy' = 'legacy' }",
      errors: [{ messageId: 'hardcodedArn', line: 1, column: 31 }],
    },
    {
      name: 'a create...Client... factory configures a client',
      code: "export const s3 = createS3ClientWithRetries({ region: 'eu-west-1' });",
      errors: [{ messageId: 'hardcodedRegion', line: 1, column: 55, data: { value: 'eu-west-1' } }],
    },
    {
      name: 'a global identifier (undefined) in a ternary resolves to nothing',
      code: "const BUCKET = 'uploads-prod';\nexport const params = { Bucket: isProd ? BUCKET : undefined };",
      errors: [{ messageId: 'hardcodedResourceName', line: 1, column: 16 }],
    },
    {
      name: 'the resolve depth applies to every step: const aliases, ternaries, logical operators and object properties',
      code: `const a1 = 'orders-prod';
const a2 = a1;
const a3 = a2;
const a4 = a3;
const b1 = 'audit-prod';
const b2 = b1;
const b3 = b2;
const b4 = b3;
const b5 = b4;
const e1 = process.env.TABLE;
const e2 = e1;
const e3 = e2;
const e4 = e3;
const TABLES = { audit: b4 };
export const p1 = { TableName: a4 };
export const p2 = { TableName: b5 };
export const p3 = { TableName: isProd ? b4 : null };
export const p4 = { TableName: isProd ? null : b4 };
export const p5 = { TableName: enabled && b4 };
export const p6 = { TableName: event.table ?? b4 };
export const p7 = { TableName: b4 ?? event.table };
export const p8 = { TableName: TABLES.audit };
export const p9 = { TableName: e4 ?? 'fallback-one' };
export const p10 = { TableName: (event.table ?? e3) ?? 'fallback-two' };
export const p11 = { TableName: (e3 ?? event.table) ?? 'fallback-three' };`,
      errors: [
        { messageId: 'hardcodedResourceName', line: 1, column: 12, data: { property: 'TableName', value: 'orders-prod' } },
        { messageId: 'hardcodedResourceName', line: 23, column: 38, data: { property: 'TableName', value: 'fallback-one' } },
        { messageId: 'hardcodedResourceName', line: 24, column: 56, data: { property: 'TableName', value: 'fallback-two' } },
        { messageId: 'hardcodedResourceName', line: 25, column: 56, data: { property: 'TableName', value: 'fallback-three' } },
      ],
    },
    {
      name: 'a template const behind four aliases is resolved, behind five it is not',
      code: `const r1 = 'eu-west-1';
const r2 = r1;
const r3 = r2;
const r4 = r3;
const r5 = r4;
export const a = \`arn:aws:sns:\${r4}:123456789012:orders\`;
export const b = \`arn:aws:sns:\${r5}:\${account}:audit\`;`,
      errors: [
        { messageId: 'hardcodedArn', line: 6, column: 18, data: { value: 'arn:aws:sns:eu-west-1:123456789012:orders' } },
      ],
    },
  ],
});

describe('no-hardcoded-config (Python)', () => {
  it('reports ARNs, ARN parts, queue URLs, endpoints, resource names and regions', async () => {
    const code = `import os, boto3
TABLE = "orders-prod"
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:alerts"
sqs = boto3.client("sqs", region_name="eu-west-1")
table = boto3.resource("dynamodb").Table(TABLE)

def handler(event, context):
    queue = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
    account = context.invoked_function_arn.split(":")[4]
    arn = f"arn:aws:states:us-east-1:{account}:stateMachine:flow"
    url = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod"
    key = "arn:aws:kms:" + os.environ["AWS_REGION"] + ":123456789012:key/" + event["id"]
    boto3.client("s3").put_object(Bucket="my-uploads-bucket", Key=event["key"], Body=b"")
    sqs.send_message(QueueUrl=queue, MessageBody="{}")
    return {"TableName": "audit-log"}
`;
    expect(await pythonFindings(noHardcodedConfig, code)).toEqual([
      { messageId: 'hardcodedResourceName', line: 2 },
      { messageId: 'hardcodedArn', line: 3 },
      { messageId: 'hardcodedRegion', line: 4 },
      { messageId: 'hardcodedQueueUrl', line: 8 },
      { messageId: 'hardcodedArnPart', line: 10 },
      { messageId: 'hardcodedEndpoint', line: 11 },
      { messageId: 'hardcodedArnPart', line: 12 },
      { messageId: 'hardcodedResourceName', line: 13 },
      { messageId: 'hardcodedResourceName', line: 15 },
    ]);
    const findings = await runPythonCheck(noHardcodedConfig, code);
    expect(findings[0].data).toEqual({ property: 'Table', value: 'orders-prod' });
    expect(findings[6].data).toEqual({ part: 'account ID', value: '123456789012' });
  });

  it('checks a concatenation whose only text is a name bound to a literal, like the JavaScript rule', async () => {
    const code = `BASE = "arn:aws:sqs:us-east-1:123456789012:"
ATTEMPTS = 3

def handler(event, context):
    total = ATTEMPTS + event["retries"]
    return BASE + event["queue"]
`;
    expect(await pythonFindings(noHardcodedConfig, code)).toEqual([{ messageId: 'hardcodedArnPart', line: 6 }]);
    expect((await runPythonCheck(noHardcodedConfig, code))[0].data).toEqual({ part: 'region', value: 'us-east-1' });
  });

  it('accepts environment reads and their fallbacks, global services, managed ARNs, placeholders, tests, infrastructure code and Lambda@Edge', async () => {
    expect(
      await pythonFindings(
        noHardcodedConfig,
        `import os, boto3
"""Reads arn:aws:sns:eu-west-1:123456789012:alerts from the environment."""
TABLE = os.environ.get("TABLE_NAME", "orders-dev")
BUCKET = os.getenv("BUCKET") or "uploads-dev"
route53 = boto3.client("route53", region_name="us-east-1")
acm = boto3.client("acm", region_name="us-east-1")
policy = "arn:aws:iam::aws:policy/ReadOnlyAccess"
bus = {"EventBusName": "default", "Bucket": "<your-bucket>"}
table = boto3.resource("dynamodb").Table(TABLE)
`,
      ),
    ).toEqual([]);
    const literal = `import boto3\ns3 = boto3.client("s3", region_name="eu-west-1")\n`;
    expect(await pythonFindings(noHardcodedConfig, literal, { file: 'tests/test_app.py' })).toEqual([]);
    expect(await pythonFindings(noHardcodedConfig, literal, { options: [{ checkRegion: false }] })).toEqual([]);
    expect(await pythonFindings(noHardcodedConfig, `import aws_cdk as cdk\nBUCKET = {"Bucket": "site-bucket"}\n`)).toEqual([]);
    expect(
      await pythonFindings(
        noHardcodedConfig,
        `def handler(event, context):\n    request = event["Records"][0]["cf"]["request"]\n    request["origin"] = {"s3": {"domainName": "assets.s3.eu-west-1.amazonaws.com"}}\n    return request\n`,
      ),
    ).toEqual([]);
    expect(
      await pythonFindings(noHardcodedConfig, `import os\nTABLE = os.environ.get("TABLE", "orders")\nargs = {"TableName": TABLE}\n`, {
        options: [{ allowEnvFallback: false }],
      }),
    ).toEqual([{ messageId: 'hardcodedResourceName', line: 2 }]);
  });
});
