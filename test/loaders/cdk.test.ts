import { describe, expect, it } from 'vitest';
import { FIXTURES, directoryHost, fn } from './host.js';
import { isCdkFile, isCdkPath, loadCdk, MAX_CDK_FILE_BYTES } from '../../src/loaders/cdk.js';
import type { LoaderHost } from '../../src/loaders/types.js';

function memoryHost(files: Record<string, string> = {}): LoaderHost {
  return {
    readFile: (p) => files[p],
    fileExists: (p) => p in files,
    listDir: () => [],
  };
}

const FILE = 'app/lib/stack.ts';
const at = (line: number, column: number) => ({ file: FILE, line, column });

/** Loads `text` as app/lib/stack.ts of a CDK app rooted at app/ (cdk.json). */
function load(text: string, files: Record<string, string> = {}) {
  return loadCdk(FILE, text, memoryHost({ 'app/cdk.json': '{}', [FILE]: text, ...files }));
}

const ref = (text: string) => ({ kind: 'reference', text, refType: 'cdk-expression' });

describe('cdk loader: fixtures/cdk-app', () => {
  const S = 'cdk-app/lib/shop-stack.ts';
  const loc = (line: number, column: number) => ({ file: S, line, column });
  const host = directoryHost(FIXTURES);
  const r = loadCdk(S, host.readFile(S)!, host);

  it('finds every function with no diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.id)).toEqual([`${S}#export`, `${S}#ingest`, `${S}#Webhook`, `${S}#reports`, `${S}#thumbnail`, `${S}#orders`]);
    expect(r.functions.every((f) => f.format === 'cdk')).toBe(true);
  });

  it('clean: function returned from a method, behind a LambdaRestApi, constants resolved', () => {
    const orders = fn(r.functions, 'orders');
    expect(orders.source).toEqual(loc(95, 12));
    expect(orders.timeout).toEqual({ value: 10, loc: loc(99, 7) });
    expect(orders.memorySize).toEqual({ value: 512, loc: loc(98, 7) });
    expect(orders.runtime).toEqual({ value: 'nodejs22.x', loc: loc(97, 7) });
    expect(orders.tracing).toEqual({ value: 'Active', loc: loc(100, 7) });
    expect(orders.logRetentionDays).toEqual({ value: 30, loc: loc(101, 7) });
    expect(orders.code).toEqual({ kind: 'entry', path: { value: 'cdk-app/lambda/orders.ts', loc: loc(96, 7) } });
    expect(orders.handler).toEqual({ value: 'handler', loc: loc(95, 12), isDefault: true });
    expect(orders.bundler).toBe('nodejs-function');
    expect(orders.environmentLoc).toEqual(loc(102, 7));
    expect(orders.environment).toEqual({
      TABLE_NAME: { value: ref('table.tableName'), loc: loc(103, 9) },
      LOG_LEVEL: { value: 'info', loc: loc(104, 9) },
    });
    expect(orders.triggers).toEqual([{ kind: 'rest-api', loc: loc(33, 5) }]);
  });

  it('broken: 15 minutes behind an HTTP API', () => {
    const exp = fn(r.functions, 'export');
    expect(exp.timeout).toEqual({ value: 900, loc: loc(40, 7) });
    expect(exp.triggers).toEqual([{ kind: 'http-api', loc: loc(46, 20) }]);
  });

  it('broken: default queue visibility, linked by variable to the 60 s consumer', () => {
    const ingest = fn(r.functions, 'ingest');
    expect(ingest.timeout).toEqual({ value: 60, loc: loc(55, 7) });
    expect(ingest.triggers).toEqual([
      {
        kind: 'sqs',
        loc: loc(57, 27),
        source: { ref: 'ingestQueue', queueId: `${S}#IngestQueue`, resourceId: `${S}#IngestQueue@50:25` },
        batchSize: { value: 10, loc: loc(57, 61) },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: loc(57, 76) },
      },
    ]);
    expect(r.queues).toEqual([
      { id: `${S}#IngestQueue`, name: 'IngestQueue', source: loc(50, 25), visibilityTimeout: { value: 30, loc: loc(50, 25), isDefault: true } },
      { id: `${S}#ThumbnailQueue`, name: 'ThumbnailQueue', source: loc(81, 28), visibilityTimeout: { value: 120, loc: loc(81, 68) } },
    ]);
  });

  it('broken: nodejs16.x, plaintext API key, public URL, defaults at the definition', () => {
    const webhook = fn(r.functions, 'Webhook');
    expect(webhook.runtime).toEqual({ value: 'nodejs16.x', loc: loc(61, 7) });
    expect(webhook.handler).toEqual({ value: 'webhook.handler', loc: loc(62, 7) });
    expect(webhook.code).toEqual({ kind: 'dir', path: { value: 'cdk-app/lambda', loc: loc(63, 7) } });
    expect(webhook.environment.API_KEY).toEqual({ value: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', loc: loc(65, 9) });
    expect(webhook.functionUrls).toEqual([{ authType: { value: 'NONE', loc: loc(68, 30) }, loc: loc(68, 5) }]);
    expect(webhook.triggers).toEqual([{ kind: 'function-url', loc: loc(68, 5) }]);
    expect(webhook.timeout).toEqual({ value: 3, loc: loc(60, 21), isDefault: true });
    expect(webhook.memorySize).toEqual({ value: 128, loc: loc(60, 21), isDefault: true });
  });

  it('broken: S3 notification target without DLQ or retention', () => {
    const reports = fn(r.functions, 'reports');
    expect(reports.triggers).toEqual([
      { kind: 's3', loc: loc(78, 63), source: { ref: 'uploads', resourceId: `${S}#Uploads@71:21` }, s3Events: ['s3:ObjectCreated:*'] },
    ]);
    expect(reports.deadLetter).toBeUndefined();
    expect(reports.logRetentionDays).toBeUndefined();
  });

  it('clean: class field, default entry next to the stack, DLQ, log group retention', () => {
    const thumb = fn(r.functions, 'thumbnail');
    expect(thumb.runtime?.value).toBe('nodejs22.x');
    expect(thumb.architecture).toEqual({ value: 'arm64', loc: loc(84, 7) });
    expect(thumb.timeout).toEqual({ value: 20, loc: loc(86, 7) });
    expect(thumb.code).toEqual({ kind: 'entry', path: { value: 'cdk-app/lib/shop-stack.thumbnail.ts', loc: loc(82, 24), isDefault: true } });
    expect(thumb.deadLetter).toEqual({ value: 'deadLetterQueueEnabled', loc: loc(87, 7) });
    expect(thumb.logRetentionDays).toEqual({ value: 14, loc: loc(88, 60) });
    expect(thumb.triggers.map((t) => [t.kind, t.loc.line, t.source?.queueId])).toEqual([['sqs', 91, `${S}#ThumbnailQueue`]]);
    expect(r.logGroups).toEqual([{ id: `${S}#ThumbnailLogs`, name: 'ThumbnailLogs', source: loc(88, 17), retentionDays: { value: 14, loc: loc(88, 60) } }]);
  });
});

describe('cdk loader: data flow within the file', () => {
  it('follows a function returned by a method, stored in a local, passed as a parameter into LambdaRestApi', () => {
    const r = load(`import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class ApiStack extends cdk.Stack {
  readonly entryPath = path.join(__dirname, '../handlers/api.ts');

  constructor(scope: Construct, id: string) {
    super(scope, id);
    let apiFn = this.makeFunction();
    this.makeApi(apiFn);
  }

  private makeFunction(): cdk.aws_lambda.IFunction {
    return new cdk.aws_lambda_nodejs.NodejsFunction(this, 'api-fn', {
      runtime: cdk.aws_lambda.Runtime.NODEJS_22_X,
      entry: this.entryPath,
      memorySize: 256,
      timeout: cdk.Duration.minutes(2),
    });
  }

  private makeApi(handler: cdk.aws_lambda.IFunction) {
    return new cdk.aws_apigateway.LambdaRestApi(this, 'rest', {
      handler: handler,
      proxy: false,
    });
  }
}
`);
    const api = fn(r.functions, 'api-fn');
    expect(api.source).toEqual(at(15, 12));
    expect(api.timeout).toEqual({ value: 120, loc: at(19, 7) });
    expect(api.code).toEqual({ kind: 'entry', path: { value: 'app/handlers/api.ts', loc: at(17, 7) } });
    expect(api.triggers).toEqual([{ kind: 'rest-api', loc: at(24, 12) }]);
  });

  it('follows this.fn fields, conditionals, versions and aliases', () => {
    const r = load(`import { Stack, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export class S extends Stack {
  fn: lambda.Function;
  constructor(scope: any, id: string, prod: boolean) {
    super(scope, id);
    this.fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'app.main',
      code: lambda.Code.fromAsset('src'),
    });
    const alias = new lambda.Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion });
    const target = prod ? alias : this.fn;
    new apigw.LambdaIntegration(target, { timeout: Duration.seconds(60) });
    new HttpLambdaIntegration('Http', alias);
  }
}
`);
    const f = fn(r.functions, 'Fn');
    expect(f.runtime).toEqual({ value: 'python3.12', loc: at(11, 7) });
    expect(f.code).toEqual({ kind: 'dir', path: { value: 'app/src', loc: at(13, 7) } });
    expect(f.triggers).toEqual([
      { kind: 'rest-api', loc: at(17, 5), integrationTimeoutMs: { value: 60000, loc: at(17, 43) } },
      { kind: 'http-api', loc: at(18, 5) },
    ]);
  });

  it('resolves constants: const objects, arithmetic, templates, path helpers; the rest are references', () => {
    const r = load(`import { Duration, aws_lambda as lambda } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

const CONFIG = { timeout: 15 * 60, memory: 1024, stage: 'prod' } as const;
const SERVICE = \`orders-\${CONFIG.stage}\`;

export function build(scope: any, props: { tableName: string }) {
  return new NodejsFunction(scope, \`\${SERVICE}-fn\`, {
    entry: 'src/handler.ts',
    timeout: Duration.seconds(CONFIG.timeout),
    memorySize: CONFIG['memory'],
    runtime: lambda.Runtime.NODEJS_LATEST,
    environment: {
      SERVICE,
      TABLE: props.tableName,
      RETRIES: String(3),
      'QUOTED-KEY': \`plain\`,
    },
  });
}
`);
    const f = fn(r.functions, 'orders-prod-fn');
    expect(f.id).toBe(`${FILE}#orders-prod-fn`);
    expect(f.timeout).toEqual({ value: 900, loc: at(10, 5) });
    expect(f.memorySize).toEqual({ value: 1024, loc: at(11, 5) });
    expect(f.runtime).toEqual({ value: ref('lambda.Runtime.NODEJS_LATEST'), loc: at(12, 5) });
    expect(f.code?.path.value).toBe('app/src/handler.ts');
    expect(f.environment).toEqual({
      SERVICE: { value: 'orders-prod', loc: at(14, 7) },
      TABLE: { value: ref('props.tableName'), loc: at(15, 7) },
      RETRIES: { value: ref('String(3)'), loc: at(16, 7) },
      'QUOTED-KEY': { value: 'plain', loc: at(17, 7) },
    });
  });

  it('a string built from __dirname is shown relative to the analysis root', () => {
    const r = load("import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport function f(scope: any) {\n  new lambda.Function(scope, 'F', { handler: 'i.h', code: lambda.Code.fromAsset('x'), environment: { DIR: __dirname, FILE: `${__dirname}/x.txt` } });\n}\n");
    expect(fn(r.functions, 'F').environment).toEqual({ DIR: { value: 'app/lib', loc: at(3, 102) }, FILE: { value: 'app/lib/x.txt', loc: at(3, 118) } });
  });

  it('props that come from outside the file make every unset value a reference, not a default', () => {
    const r = load(`import * as lambda from 'aws-cdk-lib/aws-lambda';
export function make(scope: any, shared: lambda.FunctionProps) {
  new lambda.Function(scope, 'Spread', { ...shared, memorySize: 512 });
  new lambda.Function(scope, 'Whole', shared);
}
`);
    const spread = fn(r.functions, 'Spread');
    expect(spread.memorySize).toEqual({ value: 512, loc: at(3, 53) });
    expect(spread.timeout).toEqual({ value: ref('shared (may set timeout)'), loc: at(3, 45) });
    const whole = fn(r.functions, 'Whole');
    expect(whole.timeout.isDefault).toBeUndefined();
    expect(whole.timeout.value).toEqual(ref('shared (may set timeout)'));
  });
});

describe('cdk loader: imports and constructs', () => {
  it('recognises v1 @aws-cdk modules, alpha PythonFunction, require() and namespace imports', () => {
    const r = load(`import * as cdk from '@aws-cdk/core';
import * as lambda from '@aws-cdk/aws-lambda';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
const lambdaNodejs = require('aws-cdk-lib/aws-lambda-nodejs');

export class S extends cdk.Stack {
  constructor(scope: cdk.App) {
    super(scope, 'S');
    new lambda.Function(this, 'V1', { runtime: lambda.Runtime.NODEJS_12_X, handler: 'i.h', code: lambda.Code.fromInline('exports.h=1'), timeout: cdk.Duration.seconds(5) });
    new PythonFunction(this, 'Py', { entry: 'py', index: 'app.py', handler: 'main', runtime: lambda.Runtime.PYTHON_3_9 });
    new lambdaNodejs.NodejsFunction(this, 'Req', { entry: 'x.ts' });
    lambda.Function.fromFunctionArn(this, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:x');
  }
}
`);
    expect(r.functions.map((f) => f.name)).toEqual(['V1', 'Py', 'Req']);
    const v1 = fn(r.functions, 'V1');
    expect(v1.runtime?.value).toBe('nodejs12.x');
    expect(v1.timeout.value).toBe(5);
    expect(v1.code).toEqual({ kind: 'inline', path: { value: '(inline)', loc: at(9, 92) } });
    const py = fn(r.functions, 'Py');
    expect(py.handler).toEqual({ value: 'app.main', loc: at(10, 68) });
    expect(py.code?.path.value).toBe('app/py');
    expect(py.runtime?.value).toBe('python3.9');
    const req = fn(r.functions, 'Req');
    expect(req.runtime).toEqual({ value: ref('Runtime.NODEJS_LATEST (NodejsFunction default)'), loc: at(11, 5), isDefault: true });
  });

  it('ignores CloudFront functions, local classes and files without CDK imports', () => {
    const r = load(`import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Function as CfFunction, FunctionCode } from 'aws-cdk-lib/aws-cloudfront';
class Function { constructor(..._args: unknown[]) {} }
export function f(scope: any) {
  new cloudfront.Function(scope, 'Cf', { code: FunctionCode.fromInline('') });
  new CfFunction(scope, 'Cf2', { code: FunctionCode.fromInline('') });
  new Function(scope, 'Local', {});
}
`);
    expect(r.functions).toEqual([]);
    expect(load(`const x = new Function('return 1');\n`).functions).toEqual([]);
  });

  it('maps every event source and invoker', () => {
    const r = load(`import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';

export function wire(scope: any, table: any, stream: any, topic: any, bucket: any, api: appsync.GraphqlApi) {
  const dlq = new sqs.Queue(scope, 'Dlq', { visibilityTimeout: Duration.minutes(5), fifo: true });
  const f = new lambda.Function(scope, 'F', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset('dist'),
    events: [new sources.SnsEventSource(topic)],
    onFailure: new destinations.SqsDestination(dlq),
    reservedConcurrentExecutions: 2,
  });
  f.addEventSource(new sources.DynamoEventSource(table, {
    startingPosition: lambda.StartingPosition.LATEST,
    batchSize: 100,
    onFailure: new sources.SqsDlq(dlq),
  }));
  f.addEventSource(new sources.KinesisEventSource(stream, { startingPosition: lambda.StartingPosition.LATEST }));
  f.addEventSource(new sources.S3EventSource(bucket, { events: [] }));
  new events.Rule(scope, 'Nightly', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new targets.LambdaFunction(f)] });
  const rule = new events.Rule(scope, 'OnOrder', { eventPattern: { source: ['shop'] } });
  rule.addTarget(new targets.LambdaFunction(f));
  topic.addSubscription(new subs.LambdaSubscription(f));
  api.addLambdaDataSource('Ds', f);
  new cognito.UserPool(scope, 'Pool', { lambdaTriggers: { preSignUp: f } });
  f.addEventSourceMapping('Map', { eventSourceArn: dlq.queueArn, batchSize: 5, reportBatchItemFailures: true });
  new lambda.FunctionUrl(scope, 'Url', { function: f });
  f.configureAsyncInvoke({ retryAttempts: 0, onFailure: new destinations.SqsDestination(dlq) });
  f.addEnvironment('MODE', 'batch');
}
`);
    const f = fn(r.functions, 'F');
    expect(f.reservedConcurrency).toEqual({ value: 2, loc: at(20, 5) });
    expect(f.onFailureDestination).toEqual({ value: ref('new destinations.SqsDestination(dlq)'), loc: at(37, 46) });
    expect(f.environment.MODE).toEqual({ value: 'batch', loc: at(38, 3) });
    expect(f.functionUrls).toEqual([{ authType: { value: 'AWS_IAM', loc: at(36, 3), isDefault: true }, loc: at(36, 3) }]);
    expect(f.triggers).toEqual([
      { kind: 'sns', loc: at(18, 14), source: { ref: 'topic', resourceId: `${FILE}#topic@12:59` }, deliveryDeadLetterKnown: true },
      { kind: 'schedule', loc: at(29, 99), deliveryDeadLetterKnown: true },
      { kind: 'eventbridge', loc: at(31, 18), deliveryDeadLetterKnown: true },
      { kind: 'sns', loc: at(32, 25), source: { ref: 'topic', resourceId: `${FILE}#topic@12:59` }, deliveryDeadLetterKnown: true },
      { kind: 'cognito', loc: at(34, 59) },
      { kind: 'function-url', loc: at(36, 3) },
      {
        kind: 'dynamodb-stream',
        loc: at(22, 20),
        source: { ref: 'table', resourceId: `${FILE}#table@12:34` },
        batchSize: { value: 100, loc: at(24, 5) },
        onFailure: { value: ref('new sources.SqsDlq(dlq)'), loc: at(25, 5) },
      },
      { kind: 'kinesis', loc: at(27, 20), source: { ref: 'stream', resourceId: `${FILE}#stream@12:46` } },
      { kind: 's3', loc: at(28, 20), source: { ref: 'bucket', resourceId: `${FILE}#bucket@12:71` }, s3Events: [] },
      { kind: 'appsync', loc: at(33, 3) },
      {
        kind: 'sqs',
        loc: at(35, 3),
        source: { ref: 'dlq.queueArn', queueId: 'app/lib/stack.ts#Dlq', resourceId: 'app/lib/stack.ts#Dlq@13:15' },
        batchSize: { value: 5, loc: at(35, 66) },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: at(35, 80) },
      },
    ]);
    expect(r.queues).toEqual([
      { id: 'app/lib/stack.ts#Dlq', name: 'Dlq', source: at(13, 15), visibilityTimeout: { value: 300, loc: at(13, 45) }, fifo: true },
    ]);
  });
});

describe('cdk loader: the bucket, queue or topic behind triggers and environment variables', () => {
  const HEAD = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';

export function wire(scope: any, extra: any) {
  const uploads = new s3.Bucket(scope, 'Uploads');
  const jobs = new sqs.Queue(scope, 'Jobs');
  const topic = new sns.Topic(scope, 'Topic');
  const dlq = new sqs.Queue(scope, 'Dlq');
  const f = new lambda.Function(scope, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist'), environment: ENV });
`;
  const UPLOADS = `${FILE}#Uploads@12:19`;
  const JOBS = `${FILE}#Jobs@13:16`;
  const TOPIC = `${FILE}#Topic@14:17`;
  const wire = (env: string, body: string) => fn(load(`${HEAD.replace('ENV', env)}${body}\n}\n`).functions, 'F');

  it('binds env vars to the construct whose name, URL or ARN they hold (through consts and aliases, addEnvironment last)', () => {
    const f = wire("{ BUCKET: uploads.bucketName, QUEUE: jobs.queueUrl, TOPIC: topic.topicArn, MODE: 'x', OTHER: extra.bucketName }", [
      '  const same = uploads;',
      '  const url = jobs.queueUrl;',
      '  f.addEnvironment("ALIAS", same.bucketArn);',
      '  f.addEnvironment("URL", url);',
      '  f.addEnvironment("TOPIC", "literal");',
      '  const imported = s3.Bucket.fromBucketName(scope, "Shared", "shared-bucket");',
      '  f.addEnvironment("SHARED", imported.bucketName);',
      '  f.addEnvironment("EITHER", (extra.flag ? uploads : imported).bucketName);',
    ].join('\n'));
    // `extra` (a parameter) is made elsewhere: named by its declaration.
    expect(f.environmentResources).toEqual({ BUCKET: UPLOADS, QUEUE: JOBS, ALIAS: UPLOADS, URL: JOBS, SHARED: `${FILE}#Shared@22:20`, OTHER: `${FILE}#extra@11:34` });
  });

  it("follows a wrapper construct's props to the construct passed at its instantiation", () => {
    const r = load(`import { Construct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { S3EventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';

class Resizer extends Construct {
  constructor(scope: Construct, id: string, props: { bucket: s3.Bucket; output: s3.Bucket }) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist'), environment: { OUT: props.output.bucketName } });
    fn.addEventSource(new S3EventSource(props.bucket, { events: [s3.EventType.OBJECT_CREATED] }));
  }
}

export class AppStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const uploads = new s3.Bucket(this, 'Uploads');
    const thumbs = new s3.Bucket(this, 'Thumbs');
    new Resizer(this, 'Same', { bucket: uploads, output: uploads });
    new Resizer(this, 'Other', { bucket: uploads, output: thumbs });
  }
}
`);
    const same = fn(r.functions, 'Same/Fn');
    const other = fn(r.functions, 'Other/Fn');
    expect(same.triggers[0].source).toEqual({ ref: 'props.bucket', resourceId: `${FILE}#Uploads@18:21` });
    expect(same.environmentResources).toEqual({ OUT: `${FILE}#Uploads@18:21` });
    expect(other.triggers[0].source).toEqual({ ref: 'props.bucket', resourceId: `${FILE}#Uploads@18:21` });
    expect(other.environmentResources).toEqual({ OUT: `${FILE}#Thumbs@19:20` });
  });

  it('records the bucket, events and key filters of S3 notifications and event sources', () => {
    const f = wire('{}', [
      "  uploads.addEventNotification(s3.EventType.OBJECT_CREATED_PUT, new s3n.LambdaDestination(f), { prefix: 'in/' }, { suffix: '.png' });",
      '  const dest = new s3n.LambdaDestination(f);',
      '  uploads.addObjectCreatedNotification(dest);',
      '  uploads.addObjectRemovedNotification(new s3n.LambdaDestination(f), extra.filter);',
      "  f.addEventSource(new sources.S3EventSource(uploads, { events: [s3.EventType.OBJECT_CREATED], filters: [{ prefix: 'raw/' }] }));",
      '  f.addEventSource(new sources.S3EventSource(uploads, { ...extra.options }));',
    ].join('\n'));
    const source = { ref: 'uploads', resourceId: UPLOADS };
    expect(f.triggers).toEqual([
      {
        kind: 's3',
        loc: at(17, 65),
        source,
        s3Events: ['s3:ObjectCreated:Put'],
        keyFilter: [{ name: 'prefix', value: { value: 'in/', loc: at(17, 97) } }, { name: 'suffix', value: { value: '.png', loc: at(17, 116) } }],
      },
      { kind: 's3', loc: at(18, 16), source, s3Events: ['s3:ObjectCreated:*'] },
      { kind: 's3', loc: at(20, 40), source, s3Events: ['s3:ObjectRemoved:*'], keyFilter: [{ name: 'filter', value: { value: ref('extra.filter'), loc: at(20, 70) } }] },
      { kind: 's3', loc: at(21, 20), source, s3Events: ['s3:ObjectCreated:*'], keyFilter: [{ name: 'prefix', value: { value: 'raw/', loc: at(21, 108) } }] },
      { kind: 's3', loc: at(22, 20), source, keyFilter: [{ name: 'filter', value: { value: ref('extra.options'), loc: at(22, 60) } }] },
    ]);
  });

  it('records the topic and dead-letter queue of SNS subscriptions, and EventBridge target DLQs', () => {
    const f = wire('{}', [
      '  topic.addSubscription(new subs.LambdaSubscription(f, { deadLetterQueue: dlq }));',
      '  topic.addSubscription(new subs.LambdaSubscription(f));',
      '  f.addEventSource(new sources.SnsEventSource(topic, { deadLetterQueue: dlq, filterPolicy: {} }));',
      '  f.addEventSource(new sources.SnsEventSource(topic, extra.options));',
      "  new events.Rule(scope, 'R', { eventPattern: { source: ['x'] }, targets: [new targets.LambdaFunction(f, { deadLetterQueue: dlq })] });",
      '  f.addEventSource(new sources.SqsEventSource(jobs));',
    ].join('\n'));
    const source = { ref: 'topic', resourceId: TOPIC };
    expect(f.triggers).toEqual([
      { kind: 'sns', loc: at(17, 25), source, deliveryDeadLetterKnown: true, deliveryDeadLetter: { value: ref('dlq'), loc: at(17, 58) } },
      { kind: 'sns', loc: at(18, 25), source, deliveryDeadLetterKnown: true },
      { kind: 'eventbridge', loc: at(21, 76), deliveryDeadLetterKnown: true, deliveryDeadLetter: { value: ref('dlq'), loc: at(21, 108) } },
      { kind: 'sns', loc: at(19, 20), source, deliveryDeadLetterKnown: true, deliveryDeadLetter: { value: ref('dlq'), loc: at(19, 56) } },
      { kind: 'sns', loc: at(20, 20), source },
      { kind: 'sqs', loc: at(22, 20), source: { ref: 'jobs', queueId: `${FILE}#Jobs`, resourceId: JOBS } },
    ]);
  });
  it('S3: an unknown event type member, events and filters from elsewhere, a filter with other keys or spread into', () => {
    const f = wire('{}', [
      "  uploads.addEventNotification(s3.EventType.NEW_THING as any, new s3n.LambdaDestination(f), { prefix: 'a/', other: 'x' } as any, { ...extra.f, suffix: '.csv' });",
      '  f.addEventSource(new sources.S3EventSource(uploads, { events: extra.events, filters: extra.filters }));',
      "  f.addEventSource(new sources.S3EventSource(uploads, { events: [extra.kind, 's3:ObjectTagging:*' as any] }));",
    ].join('\n'));
    const source = { ref: 'uploads', resourceId: UPLOADS };
    expect(f.triggers).toEqual([
      {
        kind: 's3',
        loc: at(17, 63),
        source,
        s3Events: ['EventType.NEW_THING'],
        keyFilter: [
          { name: 'prefix', value: { value: 'a/', loc: at(17, 95) } },
          { name: 'suffix', value: { value: '.csv', loc: at(17, 144) } },
          { name: 'filter', value: { value: ref("{ ...extra.f, suffix: '.csv' }"), loc: at(17, 130) } },
        ],
      },
      { kind: 's3', loc: at(18, 20), source, s3Events: ['extra.events'], keyFilter: [{ name: 'filter', value: { value: ref('extra.filters'), loc: at(18, 88) } }] },
      { kind: 's3', loc: at(19, 20), source, s3Events: ['extra.kind', 's3:ObjectTagging:*'] },
    ]);
  });

  it('a subscription DLQ next to spread options is known; a queue ARN from elsewhere; targets of scheduled rules up to six levels up', () => {
    const f = wire('{}', [
      '  topic.addSubscription(new subs.LambdaSubscription(f, { ...extra.opts, deadLetterQueue: dlq }));',
      "  f.addEventSourceMapping('M', { eventSourceArn: extra.queueArn });",
      "  new events.Rule(scope, 'R6', { schedule: extra.s, targets: [extra.a(extra.b(new targets.LambdaFunction(f)))] });",
      "  new events.Rule(scope, 'R7', { schedule: extra.s, targets: [extra.a(extra.b(extra.c(new targets.LambdaFunction(f))))] });",
      "  f.addEnvironment('ONLY_NAME');",
    ].join('\n'));
    expect(f.triggers).toEqual([
      { kind: 'sns', loc: at(17, 25), source: { ref: 'topic', resourceId: TOPIC }, deliveryDeadLetterKnown: true, deliveryDeadLetter: { value: ref('dlq'), loc: at(17, 73) } },
      { kind: 'schedule', loc: at(19, 79), deliveryDeadLetterKnown: true },
      { kind: 'eventbridge', loc: at(20, 87), deliveryDeadLetterKnown: true },
      { kind: 'sqs', loc: at(18, 3), source: { ref: 'extra.queueArn', resourceId: `${FILE}#extra@11:34` } },
    ]);
    expect(f.environment).toEqual({});
  });

  it('binds env vars through ?? and || to an imported bucket, and this.x to the field it names', () => {
    const f = wire('{ A: (extra.b ?? imported).bucketName, B: (extra.b || imported).bucketName }', "  const imported = s3.Bucket.fromBucketName(scope, 'Shared', 'shared-bucket');");
    expect(f.environmentResources).toEqual({ A: `${FILE}#Shared@17:20`, B: `${FILE}#Shared@17:20` });
    const r = load([
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      'export class S {',
      '  readonly uploads: any;',
      '  constructor(scope: any, props: any) {',
      '    this.uploads = props.bucket;',
      "    new lambda.Function(scope, 'F', { handler: 'i.h', code: lambda.Code.fromAsset('x'), environment: { B: this.uploads.bucketName } });",
      '  }',
      '}',
    ].join('\n'));
    expect(fn(r.functions, 'F').environmentResources).toEqual({ B: `${FILE}#this.uploads@3:3` });
  });
});

describe('cdk loader: bad input', () => {
  it('a file with syntax errors gives one parse-error and a best-effort model', () => {
    const r = load(`import * as lambda from 'aws-cdk-lib/aws-lambda';
export function f(scope: any) {
  new lambda.Function(scope, 'Half', { runtime: lambda.Runtime.NODEJS_22_X, memorySize: 256 ;
}
`);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: FILE, line: 3 } });
    expect(r.diagnostics[0].message).toMatch(/^Cannot parse TypeScript: /);
    expect(fn(r.functions, 'Half').runtime?.value).toBe('nodejs22.x');
  });

  it('the parse error points at the first syntax error, line and column', () => {
    const r = load("import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport function f(scope: any) {\n    const x = ;\n}\n");
    expect(r.diagnostics).toEqual([{ ruleId: 'parse-error', message: 'Cannot parse TypeScript: Expression expected. (read on a best-effort basis)', loc: at(3, 15) }]);
  });

  it('binary and oversized files are diagnostics, never throws on garbage', () => {
    expect(load('import x from "aws-cdk-lib";\u0000\u0001').diagnostics[0].message).toMatch(/binary/);
    expect(load(`import * as cdk from 'aws-cdk-lib';\n//${'x'.repeat(MAX_CDK_FILE_BYTES)}`).diagnostics[0].message).toMatch(/not parsed/);
    // The loader catches everything, so "does not throw" cannot fail: a caught bug would surface
    // as an internal-error diagnostic instead.
    for (const garbage of ['}}}{{{', 'new new new', "import * as l from 'aws-cdk-lib/aws-lambda'; new l.Function(", '\uFEFF<<<>>>']) {
      expect(load(garbage).diagnostics.filter((d) => d.ruleId === 'internal-error')).toEqual([]);
    }
  });

  it('recursion through self-referencing values is bounded', () => {
    const r = load(`import * as lambda from 'aws-cdk-lib/aws-lambda';
let a: any = b; let b: any = a;
function loop(x: any): any { return loop(x); }
export function f(scope: any) {
  const fnA = new lambda.Function(scope, 'A', { timeout: a, memorySize: loop(1) } as any);
  let g = fnA; g = g; fnA.addEventSource(g);
}
`);
    expect(fn(r.functions, 'A').timeout.value).toEqual(ref('a'));
  });
});

describe('cdk detection', () => {
  it('isCdkFile: a CDK import and a Lambda construct', () => {
    expect(isCdkFile(`import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_lambda.Function(this, 'x', {})`)).toBe(true);
    expect(isCdkFile(`import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";\nnew NodejsFunction(this, 'x')`)).toBe(true);
    expect(isCdkFile(`const lambda = require('@aws-cdk/aws-lambda');\nnew lambda.Function(this, 'x', {})`)).toBe(true);
    expect(isCdkFile(`import * as cdk from 'aws-cdk-lib';\nnew cdk.App();`)).toBe(false);
    expect(isCdkFile(`new Function('return 1')`)).toBe(false);
  });

  it.each([
    ["import * as cdk from 'aws-cdk-lib';", true],
    ["import * as cdk from'aws-cdk-lib';", true],
    ["const cdk = await import('aws-cdk-lib');", true],
    ["const cdk = require ( 'aws-cdk-lib' );", true],
    ["import 'aws-cdk-lib/aws-lambda';", true],
    ['import { Construct } from "constructs";', true],
    ["import * as lambda from '@aws-cdk/aws-lambda';", true],
    ["import * as lambda from 'aws-cdk-lib/aws-lambda/lib/function';", false],
    ["import * as extra from 'aws-cdk-lib-extra';", false],
    ["import * as mine from 'my-aws-cdk-lib';", false],
    ["import * as scoped from '@aws-cdk';", false],
    ["import * as scoped from '@aws-cdk/';", false],
    ["// built with aws-cdk-lib, 'aws-cdk-lib'", false],
  ])('isCdkFile: %s is a CDK import: %s', (head, expected) => {
    expect(isCdkFile(`${head}\nnew lambda.Function(this, 'x', {});\n`)).toBe(expected);
  });

  it.each([
    ["new lambda.Function(this, 'x', {})", true],
    ["new NodejsFunction<Props>(this, 'x', {})", true],
    ["new  PythonFunction (this, 'x', {})", true],
    ["new lambda.FunctionUrl(this, 'x', {})", false],
    ['new Function;', false],
    ["renew lambda.Function(this, 'x')", false],
  ])('isCdkFile: %s constructs a function: %s', (statement, expected) => {
    expect(isCdkFile(`import * as cdk from 'aws-cdk-lib';\n${statement}\n`)).toBe(expected);
  });

  it.each([
    ["import Api from './api';\nnew Api(this, 'A');", true],
    ["import { Api } from \"../api\";\nnew Api<Props>(this, 'A');", true],
    ["import { Api } from './api';\nnew  Api (this, 'A');", true],
    ["import { Api } from './api';\nnew ApiGateway(this, 'A');", false],
    ["import { Api } from './api';\nnew OtherApi(this, 'A');", false],
    ["import { Api } from 'api';\nnew Api(this, 'A');", false],
    ["import { type Api } from './api';\nnew Api(this, 'A');", false],
  ])('isCdkFile: a construct of the project, %s: %s', (code, expected) => {
    expect(isCdkFile(`import * as cdk from 'aws-cdk-lib';\n${code}\n`, 'lib/stack.ts')).toBe(expected);
  });

  it('isCdkPath: .ts sources outside cdk.out and node_modules', () => {
    expect(isCdkPath('lib/stack.ts')).toBe(true);
    expect(isCdkPath('lib/stack.d.ts')).toBe(false);
    expect(isCdkPath('cdk.out/asset.123/index.ts')).toBe(false);
    expect(isCdkPath('node_modules/x/index.ts')).toBe(false);
    expect(isCdkPath('lib/stack.js')).toBe(false);
  });
});

describe('cdk loader: wrapper constructs of the project, helper functions, CDK v1', () => {
  const CONSTRUCT = 'app/lib/constructs/service-function.ts';
  const construct = [
    "import * as path from 'path';", // 1
    "import { Duration } from 'aws-cdk-lib';", // 2
    "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 3
    "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';", // 4
    "import { Construct } from 'constructs';", // 5
    'export interface ServiceFunctionProps {', // 6
    '  entry: string;', // 7
    '  environment?: Record<string, string>;', // 8
    '  memorySize?: number;', // 9
    '  timeout?: Duration;', // 10
    '}', // 11
    'export class ServiceFunction extends Construct {', // 12
    '  public readonly fn: NodejsFunction;', // 13
    '  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {', // 14
    '    super(scope, id);', // 15
    "    this.fn = new NodejsFunction(this, 'Handler', {", // 16
    '      entry: props.entry,', // 17
    '      runtime: lambda.Runtime.NODEJS_22_X,', // 18
    '      memorySize: props.memorySize ?? 512,', // 19
    '      timeout: props.timeout ?? Duration.seconds(15),', // 20
    '      environment: { ...props.environment, SERVICE: id },', // 21
    '    });', // 22
    '  }', // 23
    '}', // 24
    'export class PyJob extends Construct {', // 25
    '  constructor(scope: Construct, id: string, { codeDir, handler = "job.run", env }: { codeDir: string; handler?: string; env?: Record<string, string> }) {', // 26
    '    super(scope, id);', // 27
    "    new lambda.Function(this, `${id}Fn`, {", // 28
    '      runtime: lambda.Runtime.PYTHON_3_12,', // 29
    '      handler,', // 30
    '      code: lambda.Code.fromAsset(path.join(__dirname, "../../jobs", codeDir)),', // 31
    '      environment: env,', // 32
    '    });', // 33
    '  }', // 34
    '}', // 35
  ].join('\n');

  it('one function per instantiation, props mapped through (props.x, ??, spreads, destructuring), named by the construct path', () => {
    const stack = [
      "import * as cdk from 'aws-cdk-lib';", // 1
      "import * as apigw from 'aws-cdk-lib/aws-apigateway';", // 2
      "import { ServiceFunction, PyJob } from './constructs/service-function';", // 3
      'export class Api extends cdk.Stack {', // 4
      '  constructor(scope: cdk.App, id: string) {', // 5
      '    super(scope, id);', // 6
      "    const orders = new ServiceFunction(this, 'Orders', {", // 7
      "      entry: 'src/orders.ts',", // 8
      "      environment: { TABLE: 'orders' },", // 9
      '      memorySize: 1024,', // 10
      '    });', // 11
      "    new ServiceFunction(this, 'Users', { entry: 'src/users.ts' });", // 12
      "    new PyJob(this, 'Nightly', { codeDir: 'nightly', env: { MODE: 'full' } });", // 13
      "    new apigw.LambdaRestApi(this, 'Rest', { handler: orders.fn });", // 14
      '  }', // 15
      '}', // 16
    ].join('\n');
    const r = load(stack, { [CONSTRUCT]: construct });
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => `${f.id} @${f.source.line}`)).toEqual([`${FILE}#Orders/Handler @7`, `${FILE}#Users/Handler @12`, `${FILE}#Nightly/NightlyFn @13`]);
    const orders = fn(r.functions, 'Orders/Handler');
    expect(orders.code).toEqual({ kind: 'entry', path: { value: 'app/src/orders.ts', loc: { file: CONSTRUCT, line: 17, column: 7 } } });
    expect(orders.memorySize).toEqual({ value: 1024, loc: { file: CONSTRUCT, line: 19, column: 7 } });
    expect(orders.timeout.value).toBe(15);
    expect(Object.keys(orders.environment)).toEqual(['TABLE', 'SERVICE']);
    expect(orders.environment.TABLE).toEqual({ value: 'orders', loc: at(9, 22) });
    expect(orders.environment.SERVICE.value).toBe('Orders');
    expect(orders.environmentUnknown).toBeUndefined();
    expect(orders.triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['rest-api@14']);
    const users = fn(r.functions, 'Users/Handler');
    expect(users.memorySize.value).toBe(512);
    expect(Object.keys(users.environment)).toEqual(['SERVICE']);
    const job = fn(r.functions, 'Nightly/NightlyFn');
    expect(job.handler?.value).toBe('job.run');
    expect(job.code?.path.value).toBe('app/jobs/nightly');
    expect(job.environment.MODE.value).toBe('full');
    // The constructs' own functions are templates: dropped when loaded from their file on its own.
    expect(r.instantiated?.map((l) => `${l.file}:${l.line}`)).toEqual([`${CONSTRUCT}:16`, `${CONSTRUCT}:16`, `${CONSTRUCT}:28`]);
  });

  it('a stack file that only instantiates constructs imported from the project is read (they may create functions)', () => {
    const head = "import * as cdk from 'aws-cdk-lib';\n";
    expect(isCdkFile(`${head}import { OrdersApi } from './orders-api';\nnew OrdersApi(this, 'Api', {});\n`)).toBe(true);
    expect(isCdkFile(`${head}import Api, { Other as Renamed } from '../constructs/api';\nnew Renamed(this, 'X');\n`)).toBe(true);
    expect(isCdkFile(`${head}import { OrdersApi } from './orders-api';\nconst x = OrdersApi;\n`)).toBe(false);
    expect(isCdkFile(`${head}import { Bucket } from 'aws-cdk-lib/aws-s3';\nnew Bucket(this, 'B');\n`)).toBe(false);
    expect(isCdkFile(`${head}import { OrdersApi } from '../lib/orders-api';\nnew OrdersApi(stack, 'Api', {});\n`, 'test/orders-api.test.ts')).toBe(false);
  });

  it('a class that extends NodejsFunction: its super(scope, id, props) is the function, named by the instantiation', () => {
    const r = load([
      "import * as cdk from 'aws-cdk-lib';",
      "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
      "import { NodeFn } from './node-fn';",
      'export class S extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    const login = new NodeFn(this, 'Login', { entryFileName: 'login', environment: { POOL: 'p' } });",
      "    new apigw.LambdaRestApi(this, 'Api', { handler: login });",
      '  }',
      '}',
    ].join('\n'), {
      'app/lib/node-fn.ts': [
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        "import * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';",
        "import { Construct } from 'constructs';",
        'export class NodeFn extends lambdaNode.NodejsFunction {',
        '  constructor(scope: Construct, functionName: string, props: { entryFileName: string; environment?: Record<string, string> }) {',
        '    super(scope, functionName, {',
        '      entry: `src/${props.entryFileName}.ts`,',
        "      handler: 'handler',",
        '      runtime: lambda.Runtime.NODEJS_22_X,',
        '      environment: props.environment,',
        '    });',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(r.functions.map((f) => `${f.name} ${String(f.code?.path.value)} ${Object.keys(f.environment).join(',')} ${f.triggers.map((t) => t.kind).join(',')}`)).toEqual(['Login app/src/login.ts POOL rest-api']);
  });

  it('a construct in the stack file, a construct that instantiates itself, stacks are not expanded', () => {
    const r = load([
      "import * as cdk from 'aws-cdk-lib';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { Construct } from 'constructs';",
      'class Loop extends Construct {',
      '  constructor(scope: Construct, id: string, props: { dir: string }) {',
      '    super(scope, id);',
      "    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(props.dir) });",
      "    new Loop(this, 'Again', props);",
      '  }',
      '}',
      'class Inner extends cdk.Stack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    new lambda.Function(this, 'StackFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('x') });",
      '  }',
      '}',
      'export class Outer extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    new Loop(this, 'L', { dir: 'lambda/loop' });",
      "    new Inner(scope, 'Inner');",
      '  }',
      '}',
    ].join('\n'));
    expect(r.functions.map((f) => `${f.name} ${String(typeof f.code?.path.value === 'string' ? f.code.path.value : 'ref')}`)).toEqual([
      'Fn ref',
      'StackFn app/x',
      'L/Fn app/lambda/loop',
    ]);
  });

  it('helper functions of the stack file compute entries; impure or recursive ones stay references', () => {
    const r = load([
      "import * as path from 'path';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
      "const entryOf = (name: string) => path.join(__dirname, '..', 'lambda', name, 'index.ts');",
      'const forever = (s: string): string => forever(s);',
      'export class S extends cdk.Stack {',
      '  private handlerFile(name: string) { return `lambda/${name}.ts`; }',
      '  constructor(scope: any, id: string) {',
      '    super(scope, id);',
      "    new NodejsFunction(this, 'A', { entry: entryOf('orders') });",
      "    new NodejsFunction(this, 'B', { entry: this.handlerFile('users') });",
      "    new NodejsFunction(this, 'C', { entry: forever('x') });",
      "    new NodejsFunction(this, 'D', { entry: require('fs').readFileSync('x', 'utf8') });",
      '  }',
      '}',
    ].join('\n').replace("'path';", "'path';\nimport * as cdk from 'aws-cdk-lib';"));
    expect(r.functions.map((f) => `${f.name} ${typeof f.code?.path.value === 'string' ? f.code.path.value : 'ref'}`)).toEqual([
      'A app/lambda/orders/index.ts',
      'B app/lambda/users.ts',
      'C ref',
      'D ref',
    ]);
  });

  it('CDK v1: @aws-cdk/aws-lambda with Code.asset (the deprecated alias), paths from the app folder', () => {
    const r = load([
      "import * as cdk from '@aws-cdk/core';",
      "import * as lambda from '@aws-cdk/aws-lambda';",
      "import { NodejsFunction } from '@aws-cdk/aws-lambda-nodejs';",
      'export class V1 extends cdk.Stack {',
      '  constructor(scope: cdk.Construct, id: string) {',
      '    super(scope, id);',
      "    new lambda.Function(this, 'Old', { runtime: lambda.Runtime.NODEJS_14_X, handler: 'index.handler', code: lambda.Code.asset('functions/old') });",
      "    new NodejsFunction(this, 'Bundled', { entry: 'functions/bundled.ts', environment: { A: 'b' } });",
      '  }',
      '}',
    ].join('\n'));
    expect(r.functions.map((f) => `${f.name} ${f.code?.kind}:${String(f.code?.path.value)} ${String(f.runtime?.value && typeof f.runtime.value === 'string' ? f.runtime.value : 'ref')}`)).toEqual([
      'Old dir:app/functions/old nodejs14.x',
      'Bundled entry:app/functions/bundled.ts ref',
    ]);
  });
});

describe('cdk loader: wrapper constructs, less common shapes', () => {
  const worker = [
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import { Construct } from 'constructs';",
    'export class Worker extends Construct {',
    '  constructor(scope: Construct, id: string, props: { dir: string }) {',
    '    super(scope, id);',
    "    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(props.dir) });",
    '  }',
    '}',
  ].join('\n');
  const names = (r: ReturnType<typeof load>) => r.functions.map((f) => `${f.name} ${typeof f.code?.path.value === 'string' ? f.code.path.value : 'ref'}`);

  it('a file without a CDK import is not read, even when it instantiates a construct of the project', () => {
    const text = "import { Construct } from 'constructs';\nimport { Worker } from './worker';\nexport function f(scope: Construct) { new Worker(scope, 'W', { dir: 'w' }); }\n";
    expect(load(text, { 'app/lib/worker.ts': worker }).functions).toEqual([]);
    // The same with a CDK import: the wrapper's function.
    expect(names(load(`import * as cdk from 'aws-cdk-lib';\n${text}`, { 'app/lib/worker.ts': worker }))).toEqual(['W/Fn app/w']);
  });

  it('wrappers inside wrappers are followed three levels deep', () => {
    const chain = (levels: number) => {
      const classes = Array.from({ length: levels }, (_, i) => {
        const body = i === levels - 1 ? "new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(props.dir) });" : `new L${i + 1}(this, 'C${i + 1}', props);`;
        return `class L${i} extends Construct {\n  constructor(scope: Construct, id: string, props: { dir: string }) {\n    super(scope, id);\n    ${body}\n  }\n}`;
      });
      return load([
        "import * as cdk from 'aws-cdk-lib';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        "import { Construct } from 'constructs';",
        ...classes,
        "export class S extends cdk.Stack { constructor(scope: cdk.App, id: string) { super(scope, id); new L0(this, 'Top', { dir: 'deep' }); } }",
      ].join('\n'));
    };
    // The function of the innermost class as written (a template) comes first, then the instantiation's.
    const three = chain(3);
    expect(names(three)).toEqual(['Fn ref', 'Top/C1/C2/Fn app/deep']);
    // Each level's function and the instantiations inside the wrappers are templates of the outer one.
    expect(three.instantiated?.map((l) => l.line)).toEqual([19, 13, 7]);
    expect(names(chain(4))).toEqual(['Fn ref']);
    expect(chain(4).instantiated).toBeUndefined();
  });
  it('a class that extends a function class and creates another: both named under the instantiation; without a constructor it is not read', () => {
    const r = load([
      "import * as cdk from 'aws-cdk-lib';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
      "import { Construct } from 'constructs';",
      'class WithHelper extends NodejsFunction {',
      '  constructor(scope: Construct, id: string, props: { entry: string }) {',
      '    super(scope, id, { entry: props.entry });',
      "    new lambda.Function(this, 'Helper', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'h.handler', code: lambda.Code.fromAsset('helper') });",
      '  }',
      '}',
      'class Bare extends NodejsFunction {}',
      'export class S extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    new WithHelper(this, 'Main', { entry: 'src/main.ts' });",
      "    new Bare(this, 'Bare', { entry: 'src/bare.ts' });",
      "    new WithHelper(this, id + 'Dyn', { entry: 'src/dyn.ts' });",
      '  }',
      '}',
    ].join('\n'));
    expect(r.diagnostics).toEqual([]);
    expect(names(r)).toEqual(['Helper app/helper', 'Main/Main app/src/main.ts', 'Main/Helper app/helper', 'construct at app/lib/stack.ts:17/function at app/lib/stack.ts:7 app/src/dyn.ts', 'construct at app/lib/stack.ts:17/Helper app/helper']);
  });

  it('stacks, nested stacks, stages and apps are not expanded; neither is a class that only implements an interface; a construct is', () => {
    const fnIn = (cls: string) => `class ${cls} {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    new lambda.Function(this, '${cls.split(' ')[0]}Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('x') });\n  }\n}`;
    const r = load([
      "import * as cdk from 'aws-cdk-lib';",
      "import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      fnIn('A extends Stack'),
      fnIn('B extends NestedStack'),
      fnIn('C extends cdk.Stage'),
      fnIn('D extends App'),
      fnIn('E implements cdk.IAspect'),
      // A base named like a stack is not one.
      'class StackResource { constructor(_scope: any, _id: string) {} }',
      fnIn('F extends StackResource'),
      'class G extends StackResource {}',
      "export function build(scope: any) { for (const C of [A, B, C, D, E]) void C; new A(scope, 'a'); new B(scope, 'b'); new C(scope, 'c'); new D(scope, 'd'); new E(scope, 'e'); new F(scope, 'f'); new G(scope, 'g'); }",
    ].join('\n'));
    // G has no constructor of its own: nothing to expand, and no error.
    expect(r.diagnostics).toEqual([]);
    expect(names(r)).toEqual(['AFn app/x', 'BFn app/x', 'CFn app/x', 'DFn app/x', 'EFn app/x', 'FFn app/x', 'f/FFn app/x']);
  });

  it('reads an import written with its .ts or .mjs extension', () => {
    const stack = (from: string) => `import * as cdk from 'aws-cdk-lib';\nimport { Worker } from '${from}';\nexport function f(scope: any) { new Worker(scope, 'W', { dir: 'w' }); }\n`;
    expect(names(load(stack('./worker.ts'), { 'app/lib/worker.ts': worker }))).toEqual(['W/Fn app/w']);
    expect(names(load(stack('./worker.mjs'), { 'app/lib/worker.ts': worker }))).toEqual(['W/Fn app/w']);
    expect(names(load(stack('./worker.cjs'), { 'app/lib/worker.ts': worker }))).toEqual(['W/Fn app/w']);
  });

  it('a default import takes the default class even when a named class comes first; a super call after other calls is the function', () => {
    const files = {
      'app/lib/worker.ts': `${worker.replace('class Worker', 'class First').replace('fromAsset(props.dir)', "fromAsset('first')")}\n${worker.replace('export class Worker', 'export default class Worker')}`,
      'app/lib/node-fn.ts': [
        "import * as path from 'path';",
        "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
        'export class NodeFn extends NodejsFunction {',
        '  constructor(scope: any, id: string, props: { name: string }) {',
        "    const entry = path.join('src', `${props.name}.ts`);",
        '    super(scope, id, { entry });',
        '  }',
        '}',
      ].join('\n'),
    };
    const r = load("import * as cdk from 'aws-cdk-lib';\nimport Worker from './worker';\nimport { NodeFn } from './node-fn';\nexport function f(scope: any) { new Worker(scope, 'W', { dir: 'w' }); new NodeFn(scope, 'N', { name: 'orders' }); }\n", files);
    expect(names(r)).toEqual(['W/Fn app/w', 'N app/src/orders.ts']);
  });

  it('reads at most 50 files of wrapper constructs per stack', () => {
    const files: Record<string, string> = {};
    const imports: string[] = [];
    const uses: string[] = [];
    for (let i = 0; i < 51; i++) {
      files[`app/lib/w${i}.ts`] = worker.replace('class Worker', `class W${i}`);
      imports.push(`import { W${i} } from './w${i}';`);
      uses.push(`new W${i}(scope, 'I${i}', { dir: 'd${i}' });`);
    }
    const r = load(["import * as cdk from 'aws-cdk-lib';", ...imports, `export function f(scope: any) {\n${uses.join('\n')}\n}`].join('\n'), files);
    expect(r.functions).toHaveLength(50);
    expect(names(r).slice(-1)).toEqual(['I49/Fn app/d49']);
  });
  it('a constructor with overload signatures is read through its implementation', () => {
    const r = load([
      "import * as cdk from 'aws-cdk-lib';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { Construct } from 'constructs';",
      'class Over extends Construct {',
      '  constructor(scope: Construct, id: string);',
      '  constructor(scope: Construct, id: string, props?: { dir: string }) {',
      '    super(scope, id);',
      "    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(props?.dir ?? 'default') });",
      '  }',
      '}',
      "export function f(scope: any) { new Over(scope, 'O', { dir: 'given' }); }",
    ].join('\n'));
    expect(r.diagnostics).toEqual([]);
    expect(names(r)).toEqual(['Fn ref', 'O/Fn app/given']);
  });
});

describe('cdk loader: values that are not what a prop takes', () => {
  const r = load([
    "import * as cdk from 'aws-cdk-lib';", // 1
    "import { Duration, Size } from 'aws-cdk-lib';", // 2
    "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 3
    "import * as sqs from 'aws-cdk-lib/aws-sqs';", // 4
    "import * as logs from 'aws-cdk-lib/aws-logs';", // 5
    "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';", // 6
    'class Custom { constructor(_n: string) {} }', // 7
    'export function build(scope: any, id: string, shared: any) {', // 8
    '  new sqs.Queue(scope, `${id}-q`, { fifo: false });', // 9
    '  new logs.LogGroup(scope, `${id}-g`);', // 10
    "  new lambda.Function(scope, 'Values', { memorySize: '512' as any, timeout: Duration.seconds('30' as any), runtime: new Custom('nodejs20.x') as any, architecture: shared.arch, tracing: shared.tracing, ephemeralStorageSize: Size.kibibytes(512), handler: 'index.handler', code: lambda.Code.fromAsset('src') });", // 11
    "  new lambda.Function(scope, 'Empty', { timeout: Duration.seconds(), ephemeralStorageSize: Size.mebibytes(), runtime: new lambda.Runtime(), architecture: new lambda.Architecture(), handler: 'index.handler', code: lambda.Code.fromAsset() });", // 12
    "  new lambda.Function(scope, 'Calls', { timeout: shared.timeoutOf(5), runtime: 'nodejs20.x' as any, handler: 'index.handler', code: shared.code, ephemeralStorageSize: Size.gibibytes('2' as any), tracing: 5 as any });", // 13
    "  new NodejsFunction(scope, 'Named', { entry: 'src/n.ts', handler: 'main' });", // 14
    '  new lambda.DockerImageFunction(scope, \'ImageElsewhere\', { code: shared.image });', // 15
    "  new lambda.Function(scope, 'WrongModule', { timeout: (lambda as any).Duration.seconds(5), handler: 'index.handler', code: lambda.Code.fromAsset('src') });", // 16
    '}', // 17
  ].join('\n'));
  const f = (name: string) => fn(r.functions, name);

  it('a number or duration given as a string, a class that is not Runtime, values from elsewhere: references', () => {
    expect(r.diagnostics).toEqual([]);
    const v = f('Values');
    expect(v.memorySize).toEqual({ value: ref("'512' as any"), loc: at(11, 42) });
    expect(v.timeout).toEqual({ value: ref("Duration.seconds('30' as any)"), loc: at(11, 68) });
    expect(v.runtime).toEqual({ value: ref("new Custom('nodejs20.x') as any"), loc: at(11, 108) });
    expect(v.architecture).toEqual({ value: ref('shared.arch'), loc: at(11, 150) });
    expect(v.tracing).toEqual({ value: ref('shared.tracing'), loc: at(11, 177) });
    expect(v.ephemeralStorageMb).toEqual({ value: ref('Size.kibibytes(512)'), loc: at(11, 202) });
  });

  it('calls without arguments are references, and code without an asset is no code', () => {
    const e = f('Empty');
    expect([e.timeout.value, e.ephemeralStorageMb?.value, e.runtime?.value, e.architecture?.value]).toEqual([ref('Duration.seconds()'), ref('Size.mebibytes()'), ref('new lambda.Runtime()'), ref('new lambda.Architecture()')]);
    expect(e.code).toBeUndefined();
    const c = f('Calls');
    expect([c.timeout.value, c.runtime?.value, c.ephemeralStorageMb?.value, c.tracing?.value]).toEqual([ref('shared.timeoutOf(5)'), ref("'nodejs20.x' as any"), ref("Size.gibibytes('2' as any)"), ref('5 as any')]);
    expect(c.code).toBeUndefined();
    expect(c.packageType).toBeUndefined();
    // Duration of another module than the core is not a duration.
    expect(f('WrongModule').timeout.value).toEqual(ref('(lambda as any).Duration.seconds(5)'));
  });

  it('a NodejsFunction handler as written; an image function with code from elsewhere is still an image', () => {
    expect(f('Named').handler).toEqual({ value: 'main', loc: at(14, 59) });
    expect(f('ImageElsewhere').packageType).toBe('Image');
    expect(f('ImageElsewhere').code).toBeUndefined();
  });

  it('a queue and a log group with computed ids are named by where they are; fifo: false is kept', () => {
    expect(r.queues).toEqual([
      { id: `${FILE}#queue at ${FILE}:9`, name: `queue at ${FILE}:9`, source: at(9, 3), visibilityTimeout: { value: 30, loc: at(9, 3), isDefault: true }, fifo: false },
    ]);
    expect(Object.keys(r.queues[0])).toContain('fifo');
    expect(r.logGroups).toEqual([{ id: `${FILE}#log group at ${FILE}:10`, name: `log group at ${FILE}:10`, source: at(10, 3), retentionDays: { value: 731, loc: at(10, 3) } }]);
  });
});

describe('cdk loader: every form of code', () => {
  const forms: Array<[string, string, string]> = [
    ["lambda.Code.asset('a')", 'dir', 'app/a'],
    ["lambda.AssetCode.fromAsset('b')", 'dir', 'app/b'],
    ["new lambda.AssetCode('c')", 'dir', 'app/c'],
    ["lambda.InlineCode.fromInline('x')", 'inline', '(inline)'],
    ["new lambda.InlineCode('x')", 'inline', '(inline)'],
    ["lambda.Code.fromAssetImage('img')", 'image', 'app/img'],
    ["new lambda.AssetImageCode('img2', {})", 'image', 'app/img2'],
    ['lambda.DockerImageCode.fromEcr(repo)', 'image', 'ref'],
    ['new lambda.EcrImageCode(repo)', 'image', 'ref'],
    ["lambda.Code.fromBucketV2(bucket, 'k')", 'zip', 'ref'],
    ["new lambda.S3Code(bucket, 'k')", 'zip', 'ref'],
    ["new lambda.S3CodeV2(bucket, 'k')", 'zip', 'ref'],
    ['lambda.Code.fromCfnParameters()', 'zip', 'ref'],
    ['lambda.Code.fromDockerBuild(dir)', 'none', ''],
    ['lambda.Code.fromAssetImage()', 'none', ''],
  ];
  it.each(forms)('%s is %s code', (code, kind, path) => {
    const r = load(`import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport function f(scope: any, repo: any, bucket: any, dir: any) {\n  new lambda.Function(scope, 'F', { handler: 'index.handler', code: ${code} });\n}\n`);
    const c = fn(r.functions, 'F').code;
    expect(c ? `${c.kind} ${typeof c.path.value === 'string' ? c.path.value : 'ref'}` : 'none ').toBe(`${kind} ${path}`);
    expect(fn(r.functions, 'F').packageType).toBe(kind === 'image' ? 'Image' : undefined);
  });

  it.each([['ts'], ['js'], ['mjs'], ['mts'], ['cts'], ['cjs']])('a NodejsFunction without entry finds its handler file %s next to the stack', (ext) => {
    const text = "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nexport function f(scope: any) { new NodejsFunction(scope, 'Api'); }\n";
    expect(fn(load(text, { [`app/lib/stack.Api.${ext}`]: '' }).functions, 'Api').code?.path.value).toBe(`app/lib/stack.Api.${ext}`);
  });

  it('the handler file .ts wins over .js; with neither it is the .ts file', () => {
    const text = "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nexport function f(scope: any) { new NodejsFunction(scope, 'Api'); }\n";
    expect(fn(load(text, { 'app/lib/stack.Api.js': '', 'app/lib/stack.Api.ts': '' }).functions, 'Api').code?.path.value).toBe('app/lib/stack.Api.ts');
    expect(fn(load(text).functions, 'Api').code?.path.value).toBe('app/lib/stack.Api.ts');
    // A stack written as .mts: the name without that extension.
    const mts = loadCdk('app/lib/stack.mts', text, memoryHost({ 'app/cdk.json': '{}' }));
    expect(fn(mts.functions, 'Api').code?.path.value).toBe('app/lib/stack.Api.ts');
  });
});

describe('cdk loader: permissions, URLs and integrations, less common shapes', () => {
  const r = load([
    "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 1
    "import * as iam from 'aws-cdk-lib/aws-iam';", // 2
    "import * as apigw from 'aws-cdk-lib/aws-apigateway';", // 3
    "import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';", // 4
    "const MODE = 'Event';", // 5
    'export function f(scope: any, shared: any) {', // 6
    "  const fn = new lambda.Function(scope, 'F', { handler: 'i.h', code: lambda.Code.fromAsset('x') });", // 7
    "  fn.addPermission('Arn', { principal: new iam.ArnPrincipal('arn:aws:iam::123456789012:role/x') });", // 8
    "  fn.addPermission('NoService', { principal: new iam.ServicePrincipal() as any });", // 9
    '  fn.addPermission();', // 10
    "  new lambda.FunctionUrl(scope, 'U', { function: fn, authType: lambda.FunctionUrlAuthType.NONE });", // 11
    "  new apigw.LambdaIntegration(fn, { requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': MODE } });", // 12
    "  new apigw.LambdaIntegration(fn, { requestParameters: shared.params });", // 13
    "  fn.addEventSource(new sources.ManagedKafkaEventSource({ clusterArn: 'arn', topic: 't' } as any));", // 14
    "  fn.addEventSource(new sources.SelfManagedKafkaEventSource(shared.kafka));", // 15
    '}', // 16
  ].join('\n'));
  const f = fn(r.functions, 'F');

  it('principals other than services and anyone are references, as is a service principal without a service; no permission without arguments', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.permissions?.map((p) => [p.id, p.principal])).toEqual([
      [`${FILE}#F.Arn`, { value: ref("new iam.ArnPrincipal('arn:aws:iam::123456789012:role/x')"), loc: at(8, 29) }],
      [`${FILE}#F.NoService`, { value: ref('new iam.ServicePrincipal() as any'), loc: at(9, 35) }],
    ]);
  });

  it('a FunctionUrl construct with an auth type, an Event invocation header from a constant, Kafka sources with their source', () => {
    expect(f.functionUrls).toEqual([{ authType: { value: 'NONE', loc: at(11, 54) }, loc: at(11, 3) }]);
    expect(f.triggers).toEqual([
      { kind: 'function-url', loc: at(11, 3) },
      { kind: 'rest-api', loc: at(12, 3), asyncInvocation: true },
      { kind: 'rest-api', loc: at(13, 3) },
      { kind: 'other', loc: at(14, 21), source: { ref: "{ clusterArn: 'arn', topic: 't' } as any" } },
      { kind: 'other', loc: at(15, 21), source: { ref: 'shared.kafka', resourceId: `${FILE}#shared.kafka@6:31` } },
    ]);
  });
});

describe('cdk loader: environments, dead letters and retention, less common shapes', () => {
  const r = load([
    "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 1
    "import * as logs from 'aws-cdk-lib/aws-logs';", // 2
    "import * as sqs from 'aws-cdk-lib/aws-sqs';", // 3
    'export function f(scope: any, shared: any) {', // 4
    "  const dlq = new sqs.Queue(scope, 'Dlq');", // 5
    "  new lambda.Function(scope, 'EnvElsewhere', { handler: 'i.h', code: lambda.Code.fromAsset('x'), environment: shared.env });", // 6
    "  new lambda.Function(scope, 'EnvSpread', { handler: 'i.h', code: lambda.Code.fromAsset('x'), environment: { ...shared.env, MODE: 'y' } });", // 7
    "  new lambda.Function(scope, 'Dlq', { handler: 'i.h', code: lambda.Code.fromAsset('x'), deadLetterQueueEnabled: true, deadLetterQueue: dlq });", // 8
    "  new lambda.Function(scope, 'Forever', { handler: 'i.h', code: lambda.Code.fromAsset('x'), logRetention: logs.RetentionDays.INFINITE, layers: [] });", // 9
    "  new lambda.Function(scope, 'Enabled', { handler: 'i.h', code: lambda.Code.fromAsset('x'), deadLetterQueueEnabled: shared.flag });", // 10
    "  new lambda.Function(scope, 'OwnGroup', { handler: 'i.h', code: lambda.Code.fromAsset('x'), logGroup: new CustomGroup(scope, 'G') });", // 11
    '}', // 12
    'class CustomGroup { constructor(_s: any, _id: string) {} }', // 13
  ].join('\n'));
  const f = (name: string) => fn(r.functions, name);

  it('an environment from elsewhere, or spread into, may hold more variables', () => {
    expect([f('EnvElsewhere').environment, f('EnvElsewhere').environmentUnknown, f('EnvElsewhere').environmentLoc]).toEqual([{}, true, at(6, 98)]);
    expect([f('EnvSpread').environment, f('EnvSpread').environmentUnknown]).toEqual([{ MODE: { value: 'y', loc: at(7, 125) } }, true]);
  });

  it('a dead-letter queue given is the dead letter, enabled or not; enabled from elsewhere is none', () => {
    expect(f('Dlq').deadLetter).toEqual({ value: ref('dlq'), loc: at(8, 119) });
    expect('deadLetter' in f('Enabled')).toBe(false);
  });

  it('a log retention that never expires is no retention; no layers are none; a log group that is not a CDK LogGroup is a reference', () => {
    expect('logRetentionDays' in f('Forever')).toBe(false);
    expect(f('OwnGroup').logRetentionDays).toEqual({ value: ref("new CustomGroup(scope, 'G')"), loc: at(11, 94) });
    expect(f('Forever').layers).toEqual([]);
  });
});

describe('cdk loader: chains of constants are followed a bounded number of steps', () => {
  /** `const p0 = init; const p1 = p0; ... const pn = p(n-1);` */
  const chain = (prefix: string, n: number, init: string) => [`const ${prefix}0 = ${init};`, ...Array.from({ length: n }, (_, i) => `const ${prefix}${i + 1} = ${prefix}${i};`)].join('\n');
  const loadChains = (n: number) => {
    const text = [
      "import { Duration } from 'aws-cdk-lib';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      chain('d', n, 'Duration.seconds(9)'),
      chain('t', n, 'lambda.Tracing.ACTIVE'),
      chain('c', n, "lambda.Code.fromAsset('src')"),
      chain('b', n, "new s3.Bucket(this, 'B')"),
      chain('u', n, 'b0.bucketName'),
      chain('i', n, "s3.Bucket.fromBucketName(this, 'I', 'x')"),
      `export function f(scope: any) { new lambda.Function(scope, 'F', { handler: 'i.h', timeout: d${n}, tracing: t${n}, code: c${n}, environment: { B: u${n}, C: b${n}.bucketName, I: i${n}.bucketName } }); }`,
    ].join('\n');
    return fn(load(text).functions, 'F');
  };

  it('a duration through six names, an enum, code and a bucket attribute through seven', () => {
    expect(loadChains(6).timeout.value).toBe(9);
    expect(loadChains(7).timeout.value).toEqual(ref('Duration.seconds(9)'));
    const seven = loadChains(7);
    expect([seven.tracing?.value, seven.code?.kind]).toEqual(['Active', 'dir']);
    expect(seven.environmentResources).toEqual({ B: `${FILE}#B@28:12`, C: `${FILE}#B@28:12`, I: `${FILE}#I@44:12` });
    const eight = loadChains(8);
    expect([eight.tracing?.value, eight.code]).toEqual([ref('t8'), undefined]);
    // The bucket itself is still found through its variables; the imported one is named by the last name.
    expect(eight.environmentResources).toEqual({ C: `${FILE}#B@31:12`, I: `${FILE}#i8@57:7` });
  });
});
