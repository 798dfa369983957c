import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isServerlessConfig, loadServerless, serverlessLogicalId } from '../../src/loaders/serverless.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { Located } from '../../src/model/index.js';
import { FIXTURES, directoryHost, fn, memoryHost } from './host.js';

function load(text: string, files: Record<string, string> = {}, file = 'serverless.yml'): LoadResult {
  return loadServerless(file, text, memoryHost({ [file]: text, ...files }));
}

function at<T>(located: Located<T> | undefined): string {
  if (!located) return 'undefined';
  const value =
    typeof located.value === 'object' && located.value !== null && 'kind' in located.value
      ? `ref(${located.value.refType}: ${located.value.text})`
      : JSON.stringify(located.value);
  const marks = [located.isDefault ? 'default' : '', located.inheritedFrom ?? ''].filter(Boolean).join(',');
  const file = located.loc.file === 'serverless.yml' ? '' : `${located.loc.file}:`;
  return `${value}@${file}${located.loc.line}:${located.loc.column}${marks ? ` ${marks}` : ''}`;
}

const HEAD = 'service: orders\nprovider:\n  name: aws\n  runtime: nodejs22.x\n';

describe('isServerlessConfig', () => {
  it('accepts serverless configs by name and content', () => {
    expect(isServerlessConfig('serverless.yml', HEAD)).toBe(true);
    expect(isServerlessConfig('api/serverless.yaml', HEAD)).toBe(true);
    expect(isServerlessConfig('serverless.json', '{ "service": "x", "provider": { "name": "aws" } }')).toBe(true);
    expect(isServerlessConfig('serverless.ts', "export default { service: 'x', provider: { name: 'aws' } };")).toBe(true);
  });

  it('rejects other files', () => {
    expect(isServerlessConfig('template.yaml', HEAD)).toBe(false);
    expect(isServerlessConfig('serverless.template.yml', 'name: aws-node\norg: serverlessinc\ndescription: x\n')).toBe(false);
    expect(isServerlessConfig('serverless-compose.yml', 'services:\n  api:\n    path: api\n')).toBe(false);
    expect(isServerlessConfig('serverless.js', 'module.exports = function plugin() {}')).toBe(false);
  });
});

describe('loadServerless: functions and provider defaults', () => {
  it('merges provider settings into functions; function values win', () => {
    const result = load(
      [
        'service: orders', // 1
        'provider:', // 2
        '  name: aws', // 3
        '  runtime: nodejs20.x', // 4
        '  memorySize: 512', // 5
        '  timeout: 40', // 6
        '  architecture: arm64', // 7
        '  logRetentionInDays: 14', // 8
        '  tracing:', // 9
        '    lambda: true', // 10
        '  layers:', // 11
        '    - arn:aws:lambda:eu-west-1:1:layer:base:1', // 12
        '  environment:', // 13
        '    TABLE: orders', // 14
        '    MODE: provider', // 15
        'functions:', // 16
        '  inherits:', // 17
        '    handler: src/a.handler', // 18
        '  overrides:', // 19
        '    handler: src/b.handler', // 20
        '    runtime: nodejs22.x', // 21
        '    memorySize: 1024', // 22
        '    timeout: 10', // 23
        '    architecture: x86_64', // 24
        '    logRetentionInDays: 3', // 25
        '    tracing: PassThrough', // 26
        '    reservedConcurrency: 5', // 27
        '    provisionedConcurrency: 1', // 28
        '    layers: [arn:aws:lambda:eu-west-1:1:layer:own:2]', // 29
        '    environment:', // 30
        '      MODE: function', // 31
      ].join('\n'),
    );
    expect(result.diagnostics).toEqual([]);
    const a = fn(result, 'inherits');
    expect(a).toMatchObject({ id: 'serverless.yml#inherits', format: 'serverless', source: { file: 'serverless.yml', line: 17, column: 3 } });
    expect(at(a.handler)).toBe('"src/a.handler"@18:5');
    expect(at(a.runtime)).toBe('"nodejs20.x"@4:3 provider');
    expect(at(a.memorySize)).toBe('512@5:3 provider');
    expect(at(a.timeout)).toBe('40@6:3 provider');
    expect(at(a.architecture)).toBe('"arm64"@7:3 provider');
    expect(at(a.logRetentionDays)).toBe('14@8:3 provider');
    expect(at(a.tracing)).toBe('"Active"@10:5 provider');
    expect(a.layers.map(at)).toEqual(['"arn:aws:lambda:eu-west-1:1:layer:base:1"@12:7 provider']);
    expect(at(a.environment.TABLE)).toBe('"orders"@14:5 provider');
    expect(a.code).toEqual({ kind: 'dir', path: { value: '.', loc: { file: 'serverless.yml', line: 17, column: 3 } } });

    const b = fn(result, 'overrides');
    expect(at(b.runtime)).toBe('"nodejs22.x"@21:5');
    expect(at(b.memorySize)).toBe('1024@22:5');
    expect(at(b.timeout)).toBe('10@23:5');
    expect(at(b.architecture)).toBe('"x86_64"@24:5');
    expect(at(b.logRetentionDays)).toBe('3@25:5');
    expect(at(b.tracing)).toBe('"PassThrough"@26:5');
    expect(at(b.reservedConcurrency)).toBe('5@27:5');
    expect(at(b.provisionedConcurrency)).toBe('1@28:5');
    expect(b.layers.map(at)).toEqual(['"arn:aws:lambda:eu-west-1:1:layer:own:2"@29:14']);
    expect(at(b.environment.TABLE)).toBe('"orders"@14:5 provider');
    expect(at(b.environment.MODE)).toBe('"function"@31:7');
  });

  it("uses the Serverless Framework's own defaults (6 s, 1024 MB) at the function definition", () => {
    const f = fn(load(`${HEAD}functions:\n  hello:\n    handler: handler.hello\n`), 'hello');
    expect(at(f.timeout)).toBe('6@6:3 default');
    expect(at(f.memorySize)).toBe('1024@6:3 default');
  });

  it('loads only provider.name aws', () => {
    expect(load('service: x\nprovider:\n  name: google\nfunctions:\n  f: { handler: index.f }\n').functions).toEqual([]);
    expect(load('service: x\nprovider:\n  name: azure\nfunctions:\n  f: { handler: index.f }\n').functions).toEqual([]);
    expect(load('service: x\nfunctions:\n  f: { handler: index.f }\n').functions).toEqual([]);
  });

  it('reads functions as a list of maps and through ${file()} includes', () => {
    const result = load(
      `${HEAD}functions:\n  - ${'${file(./fns/a.yml)}'}\n  - c:\n      handler: c.handler\n  - ${'${file(./fns/d.yml)}'}\n`,
      {
        'fns/a.yml': 'a:\n  handler: a.handler\n  timeout: 12\nb:\n  handler: b.handler\n',
        'fns/d.yml': 'd:\n  handler: d.handler\n',
      },
    );
    expect(result.functions.map((f) => `${f.name}@${f.source.file}:${f.source.line}`)).toEqual([
      'a@fns/a.yml:1',
      'b@fns/a.yml:4',
      'c@serverless.yml:7',
      'd@fns/d.yml:1',
    ]);
    expect(at(fn(result, 'a').timeout)).toBe('12@fns/a.yml:3:3');
    expect(fn(result, 'a').id).toBe('serverless.yml#a');
  });

  it('reads the whole functions block from a file, and a single function from a file', () => {
    const result = load(`${HEAD}functions: ${'${file(./functions.yml)}'}\n`, {
      'functions.yml': 'one:\n  handler: one.handler\ntwo: ${file(./two.yml)}\n',
      'two.yml': 'handler: two.handler\ntimeout: 20\n',
    });
    expect(result.functions.map((f) => f.name)).toEqual(['one', 'two']);
    expect(at(fn(result, 'two').timeout)).toBe('20@two.yml:2:1');
    expect(fn(result, 'two').source).toEqual({ file: 'functions.yml', line: 3, column: 1 });
  });

  it('records handlers as written and the service directory as the code directory', () => {
    const result = load(`${HEAD}functions:\n  f:\n    handler: src/handlers/f.main\n`, {}, 'services/api/serverless.yml');
    const f = fn(result, 'f');
    expect(f.handler?.value).toBe('src/handlers/f.main');
    expect(f.code?.path.value).toBe('services/api');
  });

  it('image functions and packaged artifacts', () => {
    const result = load(`${HEAD}functions:\n  img:\n    image: { name: appimage }\n  zip:\n    handler: x.y\n    package:\n      artifact: build/zip.zip\n`);
    expect(fn(result, 'img')).toMatchObject({ packageType: 'Image', code: { kind: 'image', path: { value: 'appimage' } } });
    expect(fn(result, 'img').handler).toBeUndefined();
    expect(fn(result, 'zip').code).toMatchObject({ kind: 'zip', path: { value: 'build/zip.zip', loc: { line: 11 } } });
  });
});

describe('loadServerless: variables', () => {
  const files = {
    'config/dev.yml': 'tableName: orders-dev\nnested:\n  deep:\n    value: 42\n',
    'config/prod.yml': 'tableName: orders-prod\n',
    'config/all.yml': 'a: 1\nb: two\n',
    'loop.yml': 'x: ${file(./loop.yml):y}\ny: ${file(./loop.yml):x}\n',
    'secrets.js': 'module.exports = () => ({ key: "x" })',
  };
  const text = [
    'service: orders', // 1
    'custom:', // 2
    '  stage: ${opt:stage, "dev"}', // 3
    '  table: ${file(./config/${self:custom.stage}.yml):tableName}', // 4
    '  deep: ${file(./config/dev.yml):nested.deep.value}', // 5
    '  whole: ${file(./config/all.yml)}', // 6
    '  a: ${self:custom.b}', // 7
    '  b: ${self:custom.a}', // 8
    'provider:', // 9
    '  name: aws', // 10
    '  stage: ${self:custom.stage}', // 11
    '  environment:', // 12
    '    STAGE: ${sls:stage}', // 13
    '    PROVIDER_STAGE: ${self:provider.stage}', // 14
    '    TABLE: ${self:custom.table}', // 15
    '    DEEP: ${self:custom.deep}', // 16
    '    WHOLE_B: ${self:custom.whole.b}', // 17
    '    NAME: ${self:service}-${sls:stage}-api', // 18
    '    ENV_DEFAULT: ${env:LOG_LEVEL, "info"}', // 19
    "    ENV_SINGLE: ${env:MODE, 'fast'}", // 20
    '    ENV_MISSING: ${env:NOT_SET}', // 21
    '    SSM: ${ssm:/orders/${sls:stage}/db-password}', // 22
    '    SSM_CONCAT: postgres://app:${ssm:/db/password}@db:5432', // 23
    '    CF: ${cf:other-stack.QueueUrl}', // 24
    '    AWS: ${aws:accountId}', // 25
    '    CYCLE: ${self:custom.a}', // 26
    '    MISSING_FILE: ${file(./nope.yml):x, "fallback"}', // 27
    '    JS_FILE: ${file(./secrets.js):key}', // 28
    '    FILE_LOOP: ${file(./loop.yml):x}', // 29
    '    REGION: ${opt:region, self:provider.region}', // 30
    '    SUB: !Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q"', // 31
    'functions:', // 32
    '  f:', // 33
    '    handler: f.handler', // 34
  ].join('\n');

  it('resolves what can be known statically and keeps the rest as references', () => {
    const result = load(text, files);
    const env = Object.fromEntries(Object.entries(fn(result, 'f').environment).map(([k, v]) => [k, at(v).replace(/@\d+:\d+ provider$/, '')]));
    expect(env).toEqual({
      STAGE: '"dev"',
      PROVIDER_STAGE: '"dev"',
      TABLE: '"orders-dev"',
      DEEP: '"42"',
      WHOLE_B: '"two"',
      NAME: '"orders-dev-api"',
      ENV_DEFAULT: '"info"',
      ENV_SINGLE: '"fast"',
      ENV_MISSING: 'ref(serverless-variable: ${env:NOT_SET})',
      SSM: 'ref(ssm: ${ssm:/orders/${sls:stage}/db-password})',
      SSM_CONCAT: 'ref(ssm: postgres://app:${ssm:/db/password}@db:5432)',
      CF: 'ref(serverless-variable: ${cf:other-stack.QueueUrl})',
      AWS: 'ref(serverless-variable: ${aws:accountId})',
      CYCLE: 'ref(serverless-variable: circular variable reference)',
      MISSING_FILE: '"fallback"',
      JS_FILE: 'ref(serverless-variable: ${file(./secrets.js):key})',
      FILE_LOOP: 'ref(serverless-variable: circular variable reference)',
      REGION: '"us-east-1"',
      SUB: 'ref(cfn-sub: !Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q)',
    });
    // Resolved values are located where the function gets them: the provider's environment line.
    expect(at(fn(result, 'f').environment.TABLE)).toBe('"orders-dev"@15:5 provider');
  });

  it('follows the stage into file names', () => {
    const result = load(text.replace('${opt:stage, "dev"}', 'prod'), files);
    expect(fn(result, 'f').environment.TABLE.value).toBe('orders-prod');
    expect(fn(result, 'f').environment.STAGE.value).toBe('prod');
  });

  it('without provider.stage the stage is Serverless\'s default, dev', () => {
    const result = load(`${HEAD}useDotenv: true\nfunctions:\n  f:\n    handler: f.h\n    environment:\n      STAGE: \${sls:stage}\n`, {
      '.env.dev': 'A=1\n',
      '.env.prod': 'B=1\n',
    });
    expect(fn(result, 'f').environment.STAGE.value).toBe('dev');
    expect(fn(result, 'f').dotenvFiles).toEqual(['.env.dev']);
  });

  it('numbers from variables stay numbers', () => {
    const result = load(`${HEAD}custom:\n  t: 45\nfunctions:\n  f:\n    handler: f.h\n    timeout: \${self:custom.t}\n    memorySize: \${file(./sizes.yml):big}\n`, { 'sizes.yml': 'big: 2048\n' });
    expect(at(fn(result, 'f').timeout)).toBe('45@10:5');
    expect(at(fn(result, 'f').memorySize)).toBe('2048@11:5');
  });

  it('a timeout from SSM is a reference, not a default', () => {
    const result = load(`${HEAD}  timeout: \${ssm:/orders/timeout}\nfunctions:\n  f:\n    handler: f.h\n`);
    expect(at(fn(result, 'f').timeout)).toBe('ref(ssm: ${ssm:/orders/timeout})@5:3 provider');
  });

  it('reads .env files when useDotenv is on (only those that exist)', () => {
    const result = load(`${HEAD}useDotenv: true\nfunctions:\n  f:\n    handler: f.h\n    environment:\n      LEVEL: \${env:LOG_LEVEL, 'info'}\n`, {
      '.env': '# comment\nLOG_LEVEL=debug\nexport OTHER="x y"\n',
    });
    const f = fn(result, 'f');
    expect(f.dotenvFiles).toEqual(['.env']);
    expect(f.environment.LEVEL.value).toBe('debug');
  });

  it('serverless-dotenv-plugin also loads .env.<stage>', () => {
    const result = load(`${HEAD}  stage: prod\nplugins:\n  - serverless-dotenv-plugin\nfunctions:\n  f:\n    handler: f.h\n`, {
      '.env': 'A=1\n',
      '.env.prod': 'B=2\n',
      '.env.dev': 'C=3\n',
    });
    expect(fn(result, 'f').dotenvFiles).toEqual(['.env', '.env.prod']);
  });
});

describe('loadServerless: events', () => {
  const text = [
    'service: orders', // 1
    'provider:', // 2
    '  name: aws', // 3
    '  apiGateway:', // 4
    '    timeoutInMillis: 10000', // 5
    'functions:', // 6
    '  f:', // 7
    '    handler: f.handler', // 8
    '    events:', // 9
    '      - http: GET /orders', // 10
    '      - http:', // 11
    '          path: orders', // 12
    '          method: post', // 13
    '          timeoutInMillis: 40000', // 14
    '      - httpApi: "GET /v2/orders"', // 15
    '      - sqs: arn:aws:sqs:eu-west-1:123456789012:external', // 16
    '      - sqs:', // 17
    '          arn: !GetAtt Jobs.Arn', // 18
    '          batchSize: 5', // 19
    '          functionResponseType: ReportBatchItemFailures', // 20
    '      - sqs:', // 21
    '          arn:', // 22
    '            Fn::GetAtt: [Jobs, Arn]', // 23
    '      - sns: alerts', // 24
    '      - s3: { bucket: uploads, event: "s3:ObjectCreated:*" }', // 25
    '      - stream: arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2024', // 26
    '      - stream:', // 27
    '          type: kinesis', // 28
    '          arn: !ImportValue clicks-stream-arn', // 29
    '          destinations:', // 30
    '            onFailure:', // 31
    '              arn: arn:aws:sqs:eu-west-1:123456789012:failed', // 32
    '              type: sqs', // 33
    '      - stream: { arn: !GetAtt Table.StreamArn }', // 34
    '      - schedule: rate(1 hour)', // 35
    '      - eventBridge: { pattern: { source: [orders] } }', // 36
    '      - cloudwatchEvent: { event: { source: [aws.ec2] } }', // 37
    '      - cognitoUserPool: { pool: users, trigger: PreSignUp }', // 38
    '      - alb: { listenerArn: arn, priority: 1, conditions: { path: /x } }', // 39
    '      - iot: { sql: "SELECT * FROM t" }', // 40
    '      - websocket: $connect', // 41
    '      - cloudFront: { eventType: origin-request, origin: s3://bucket.s3.amazonaws.com }', // 42
    '      - kafka: { topic: t }', // 43
    'resources:', // 44
    '  Resources:', // 45
    '    Jobs:', // 46
    '      Type: AWS::SQS::Queue', // 47
    '      Properties: { VisibilityTimeout: 90 }', // 48
    '    Table:', // 49
    '      Type: AWS::DynamoDB::Table', // 50
  ].join('\n');

  it('maps every event to a trigger at its line', () => {
    const f = fn(load(text), 'f');
    expect(f.triggers.map((t) => `${t.kind}@${t.loc.line}:${t.loc.column}`)).toEqual([
      'rest-api@10:9',
      'rest-api@11:9',
      'http-api@15:9',
      'sqs@16:9',
      'sqs@17:9',
      'sqs@21:9',
      'sns@24:9',
      's3@25:9',
      'dynamodb-stream@26:9',
      'kinesis@27:9',
      'dynamodb-stream@34:9',
      'schedule@35:9',
      'eventbridge@36:9',
      'eventbridge@37:9',
      'cognito@38:9',
      'alb@39:9',
      'iot@40:9',
      'other@41:9',
      'other@42:9',
      'other@43:9',
    ]);
  });

  it('keeps queue links, batch settings, destinations and integration timeouts', () => {
    const result = load(text);
    const t = fn(result, 'f').triggers;
    expect(at(t[0].integrationTimeoutMs)).toBe('10000@5:5 provider');
    expect(at(t[1].integrationTimeoutMs)).toBe('40000@14:11');
    expect(t[2].integrationTimeoutMs).toBeUndefined();
    expect(t[3].source).toEqual({ ref: 'arn:aws:sqs:eu-west-1:123456789012:external' });
    expect(t[4].source).toEqual({ ref: 'Jobs', queueId: 'serverless.yml#Jobs' });
    expect(at(t[4].batchSize)).toBe('5@19:11');
    expect(at(t[4].functionResponseTypes)).toBe('["ReportBatchItemFailures"]@20:11');
    expect(t[5].source).toEqual({ ref: 'Jobs', queueId: 'serverless.yml#Jobs' });
    expect(t[6].source).toEqual({ ref: 'alerts' });
    expect(t[7].source).toEqual({ ref: 'uploads' });
    expect(at(t[9].onFailure)).toBe('"arn:aws:sqs:eu-west-1:123456789012:failed"@31:13');
    expect(t[9].source).toEqual({ ref: '!ImportValue clicks-stream-arn' });
    expect(t[18].edgeEventType).toBe('origin-request');
    expect(result.queues.map((q) => `${q.id} ${at(q.visibilityTimeout)}`)).toEqual(['serverless.yml#Jobs 90@48:21']);
  });

  it('function URLs, async destinations, DLQ and bundler plugins', () => {
    const result = load(
      [
        'service: x', // 1
        'provider: { name: aws }', // 2
        'plugins:', // 3
        '  - serverless-offline', // 4
        '  - serverless-webpack', // 5
        'functions:', // 6
        '  open:', // 7
        '    handler: a.h', // 8
        '    url: true', // 9
        '  iam:', // 10
        '    handler: b.h', // 11
        '    url:', // 12
        '      authorizer: aws_iam', // 13
        '  async:', // 14
        '    handler: c.h', // 15
        '    onError: arn:aws:sns:eu-west-1:123456789012:dlq', // 16
        '    destinations:', // 17
        '      onFailure:', // 18
        '        type: sqs', // 19
        '        arn: !GetAtt Failures.Arn', // 20
        '  simple:', // 21
        '    handler: d.h', // 22
        '    destinations: { onFailure: arn:aws:lambda:eu-west-1:123456789012:function:handler }', // 23
        '    url: false', // 24
      ].join('\n'),
    );
    expect(at(fn(result, 'open').functionUrls?.[0]?.authType)).toBe('"NONE"@9:5 default');
    expect(fn(result, 'open').triggers.map((t) => `${t.kind}@${t.loc.line}`)).toEqual(['function-url@9']);
    expect(at(fn(result, 'iam').functionUrls?.[0]?.authType)).toBe('"AWS_IAM"@13:7');
    expect(at(fn(result, 'async').deadLetter)).toBe('"arn:aws:sns:eu-west-1:123456789012:dlq"@16:5');
    expect(at(fn(result, 'async').onFailureDestination)).toBe('ref(cfn-getatt: !GetAtt Failures.Arn)@18:7');
    expect(at(fn(result, 'simple').onFailureDestination)).toBe('"arn:aws:lambda:eu-west-1:123456789012:function:handler"@23:21');
    expect(fn(result, 'simple').functionUrls).toBeUndefined();
    expect(result.functions.every((f) => f.bundler === 'webpack')).toBe(true);
  });

  it('loads the resources block (a list of includes) with the CloudFormation loader', () => {
    const result = load(`${HEAD}functions:\n  hello:\n    handler: h.h\nresources:\n  - \${file(./res/queues.yml)}\n  - Resources:\n      HelloLogGroup:\n        Type: AWS::Logs::LogGroup\n        Properties: { RetentionInDays: 5 }\n`, {
      'res/queues.yml': 'Resources:\n  Work:\n    Type: AWS::SQS::Queue\n  Fifo:\n    Type: AWS::SQS::Queue\n    Properties: { FifoQueue: true, VisibilityTimeout: 600 }\n',
    });
    expect(result.queues.map((q) => `${q.id}@${q.source.file}:${q.source.line} ${at(q.visibilityTimeout)}`)).toEqual([
      'serverless.yml#Work@res/queues.yml:2 30@res/queues.yml:2:3 default',
      'serverless.yml#Fifo@res/queues.yml:4 600@res/queues.yml:6:36',
    ]);
    // A resources override of the generated log group sets the function's retention.
    expect(at(fn(result, 'hello').logRetentionDays)).toBe('5@13:23');
    expect(result.logGroups.map((g) => g.id)).toEqual(['serverless.yml#HelloLogGroup']);
    expect(serverlessLogicalId('my-fn_x')).toBe('MyDashfnUnderscorexLambdaFunction');
  });
});

describe('loadServerless: serverless.ts and serverless.json', () => {
  it('reads a static object literal, following consts and relative/tsconfig-path imports, never executing', () => {
    const files = {
      'tsconfig.json': '{ "extends": "./tsconfig.paths.json" }',
      'tsconfig.paths.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@functions/*": ["src/functions/*"] } } }',
      'src/functions/hello/index.ts': [
        "import { handlerPath } from '@libs/handler-resolver';",
        'export default {',
        '  handler: `${handlerPath(__dirname)}/handler.main`,',
        "  events: [{ http: { method: 'post', path: 'hello' } }],",
        '};',
      ].join('\n'),
      'src/functions/index.ts': "export { default as hello } from './hello';\n",
    };
    const text = [
      "import type { AWS } from '@serverless/typescript';", // 1
      "import hello from '@functions/hello';", // 2
      "import { hello as again } from './src/functions';", // 3
      'const runtime = "nodejs20.x";', // 4
      'const shared = { timeout: 12 } as const;', // 5
      'const serverlessConfiguration: AWS = {', // 6
      "  service: 'ts-service',", // 7
      "  plugins: ['serverless-esbuild'],", // 8
      '  provider: {', // 9
      "    name: 'aws',", // 10
      '    runtime,', // 11
      '    ...shared,', // 12
      '    environment: { STAGE: `${process.env.STAGE}`, FIXED: `v${1}` },', // 13
      '  },', // 14
      '  functions: { hello, again, computed: makeFunction() },', // 15
      '};', // 16
      'module.exports = serverlessConfiguration;', // 17
    ].join('\n');
    const result = loadServerless('serverless.ts', text, memoryHost({ 'serverless.ts': text, ...files }));
    expect(result.functions.map((f) => f.name)).toEqual(['hello', 'again']);
    const hello = fn(result, 'hello');
    expect(at(hello.handler)).toBe('"src/functions/hello/handler.main"@src/functions/hello/index.ts:3:3');
    expect(at(hello.runtime)).toBe('"nodejs20.x"@serverless.ts:11:5 provider');
    expect(at(hello.timeout)).toBe('12@serverless.ts:5:18 provider');
    expect(at(hello.environment.STAGE)).toBe('ref(unknown: `${process.env.STAGE}`)@serverless.ts:13:20 provider');
    expect(at(hello.environment.FIXED)).toBe('"v1"@serverless.ts:13:51 provider');
    expect(hello.triggers.map((t) => `${t.kind}@${t.loc.file}:${t.loc.line}`)).toEqual(['rest-api@src/functions/hello/index.ts:4']);
    expect(hello.bundler).toBe('esbuild');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', severity: 'info', loc: { file: 'serverless.ts', line: 15, column: 30 } }),
    ]);
  });

  it('a config that is not a static object literal is skipped with a note, never run', () => {
    const text = "import { build } from './build';\nexport default build({ service: 'x', provider: { name: 'aws' } });\n";
    const result = loadServerless('serverless.ts', text, memoryHost({ 'serverless.ts': text }));
    expect(result.functions).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', severity: 'info', loc: { file: 'serverless.ts', line: 1, column: 1 } }),
    ]);
  });

  it('reads serverless.json', () => {
    const text = '{\n  "service": "x",\n  "provider": { "name": "aws", "timeout": 20 },\n  "functions": {\n    "f": { "handler": "f.h" }\n  }\n}\n';
    const f = fn(load(text, {}, 'serverless.json'), 'f');
    expect(at(f.timeout)).toBe('20@serverless.json:3:32 provider');
    expect(f.source).toEqual({ file: 'serverless.json', line: 5, column: 5 });
  });
});

describe('loadServerless: bad input', () => {
  it('malformed YAML: one parse-error', () => {
    const result = load('service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: [f.h\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'serverless.yml' } });
  });

  it('binary serverless.yml: one parse-error', () => {
    const result = load('service\u0000\u0001\u0002');
    expect(result.functions).toEqual([]);
    expect(result.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'not a text file (NUL byte)', loc: { file: 'serverless.yml', line: 1, column: 8 } },
    ]);
  });

  it('a broken included file is reported against that file', () => {
    const result = load(`${HEAD}functions: \${file(./fns.yml)}\n`, { 'fns.yml': 'a:\n  handler: [x\n' });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].loc.file).toBe('fns.yml');
  });

  it('duplicate function names are recorded as conflicting duplicates (the last wins)', () => {
    const result = load(`${HEAD}functions:\n  f:\n    handler: a.h\n  f:\n    handler: b.h\n`);
    expect(result.duplicateKeys?.map((d) => `${d.loc.line}:${d.loc.column}`)).toEqual(['8:3']);
    expect(result.functions.map((f) => f.handler?.value)).toEqual(['b.h']);
  });

  it('deeply nested and self-referencing variables terminate', () => {
    const chain = Array.from({ length: 80 }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}`).join('\n');
    const result = load(`${HEAD}  timeout: \${self:custom.v0}\ncustom:\n${chain}\n  v80: 5\nfunctions:\n  f:\n    handler: f.h\n`);
    expect(fn(result, 'f').timeout.value).toMatchObject({ kind: 'reference' });
  });
});

describe('fixture: serverless-app', () => {
  const dir = `${FIXTURES}serverless-app`;
  const result = loadServerless('serverless.yml', readFileSync(`${dir}/serverless.yml`, 'utf8'), directoryHost(dir));

  it('loads every function with the lines the rules point at', () => {
    expect(result.diagnostics).toEqual([]);
    const summary = Object.fromEntries(result.functions.map((f) => [f.name, `timeout ${at(f.timeout)} | ${f.triggers.map((t) => `${t.kind}@${t.loc.file}:${t.loc.line}`).join(',')}`]));
    expect(summary).toEqual({
      getOrder: 'timeout 40@21:3 provider | rest-api@serverless.yml:37',
      listOrders: 'timeout 10@44:5 | http-api@serverless.yml:46',
      worker: 'timeout 60@53:5 | sqs@serverless.yml:55',
      thumbnail: 'timeout 20@63:5 | s3@serverless.yml:65',
      orderStream: 'timeout 15@72:5 | dynamodb-stream@serverless.yml:74',
      publicStatus: 'timeout 5@85:5 | function-url@serverless.yml:86',
      admin: 'timeout 300@functions/admin.yml:4:1 | schedule@functions/admin.yml:9',
    });
  });

  it('resolves includes, references and links', () => {
    const worker = fn(result, 'worker');
    expect(worker.triggers[0].source).toEqual({ ref: 'OrdersQueue', queueId: 'serverless.yml#OrdersQueue' });
    expect(result.queues.map((q) => `${q.id} ${at(q.visibilityTimeout)}`)).toEqual([
      'serverless.yml#OrdersQueue 30@resources/queues.yml:5:7',
      'serverless.yml#OrdersDeadLetterQueue 30@resources/queues.yml:9:3 default',
    ]);
    expect(at(worker.environment.TABLE_NAME)).toBe('"orders-dev"@26:5 provider');
    expect(at(worker.environment.DB_PASSWORD)).toBe('ref(ssm: ${ssm:/orders/${sls:stage}/db-password})@29:5 provider');
    expect(worker.environment.LOG_LEVEL.value).toBe('debug');
    expect(worker.dotenvFiles).toEqual(['.env']);
    expect(worker.bundler).toBe('esbuild');
    expect(at(fn(result, 'admin').runtime)).toBe('"nodejs16.x"@functions/admin.yml:3:1');
    expect(fn(result, 'admin').source).toEqual({ file: 'serverless.yml', line: 89, column: 3 });
    expect(at(fn(result, 'publicStatus').functionUrls?.[0]?.authType)).toBe('"NONE"@86:5 default');
    expect(fn(result, 'thumbnail').deadLetter).toBeUndefined();
    expect(fn(result, 'thumbnail').onFailureDestination).toBeUndefined();
    expect(at(fn(result, 'orderStream').triggers[0].onFailure)).toBe('ref(cfn-getatt: !GetAtt OrdersDeadLetterQueue.Arn)@80:13');
    expect(at(fn(result, 'getOrder').logRetentionDays)).toBe('14@22:3 provider');
    // So the CLI does not load resources/queues.yml again as a template of its own.
    expect(result.includedFiles).toEqual(['config/dev.yml', 'functions/admin.yml', 'resources/queues.yml']);
  });
});

describe('loadServerless: serverless.ts handlers computed by helper functions (ts-eval)', () => {
  // The aws-nodejs-typescript template's helper, as the template writes it (escaped backslash regex).
  const RESOLVER = "export const handlerPath = (context: string) => {\n  return `${context.split(process.cwd())[1].substring(1).replace(/\\\\/g, '/')}`\n};\n";
  const TSCONFIG = {
    'api/tsconfig.json': '{ "extends": "./tsconfig.paths.json" }',
    'api/tsconfig.paths.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@functions/*": ["src/functions/*"], "@libs/*": ["src/libs/*"] } } }',
  };
  const CONFIG = [
    "import hello from '@functions/hello';",
    "import { jobs } from './src/functions/jobs';",
    "export default { service: 'x', provider: { name: 'aws', runtime: 'nodejs20.x' }, functions: { hello, ...jobs } };",
  ].join('\n');

  function loadTs(files: Record<string, string>) {
    return loadServerless('api/serverless.ts', CONFIG, memoryHost({ 'api/serverless.ts': CONFIG, ...TSCONFIG, ...files }));
  }

  it('evaluates the template helper imported through tsconfig paths, relative to the service folder (process.cwd())', () => {
    const result = loadTs({
      'api/src/libs/handler-resolver.ts': RESOLVER,
      'api/src/functions/hello/index.ts': "import { handlerPath } from '@libs/handler-resolver';\nexport default {\n  handler: `${handlerPath(__dirname)}/handler.main`,\n};\n",
      'api/src/functions/jobs/index.ts': [
        "import * as path from 'path';",
        "import { handlerPath } from '../../libs/handler-resolver';",
        'function entry(name: string, fn = "main") { const dir = path.join(handlerPath(__dirname), name); return dir + "." + fn; }',
        "const base = (s: string) => s.split('/').slice(0, -1).join('/');",
        'export const jobs = {',
        "  cleanup: { handler: entry('cleanup') },",
        "  report: { handler: base(`${handlerPath(__dirname)}/x`) + '/report.run' },",
        "  upper: { handler: 'src/' + 'Jobs'.toLowerCase() + '/up.main' },",
        '};',
      ].join('\n'),
    });
    expect(result.functions.map((f) => `${f.name} ${at(f.handler)}`)).toEqual([
      'hello "src/functions/hello/handler.main"@api/src/functions/hello/index.ts:3:3',
      'cleanup "src/functions/jobs/cleanup.main"@api/src/functions/jobs/index.ts:6:14',
      'report "src/functions/jobs/report.run"@api/src/functions/jobs/index.ts:7:13',
      'upper "src/jobs/up.main"@api/src/functions/jobs/index.ts:8:12',
    ]);
  });

  it('does not evaluate impure or unbounded helpers: the handler stays a reference, nothing throws', () => {
    const result = loadTs({
      'api/src/libs/handler-resolver.ts': [
        "import { readFileSync } from 'fs';",
        'export const handlerPath = (context: string) => readFileSync(context + "/name.txt", "utf8");',
        'export const forever = (s: string): string => forever(s + "x");',
        'export const stamped = (s: string) => `${s}-${Date.now()}`;',
        'export const fromEnv = (s: string) => s + process.env.SUFFIX;',
        'export function branchy(s: string) { if (s) { return s; } return "x"; }',
        'export const evil = (s: string) => s.replace(/(a+)+$/, "b");',
      ].join('\n'),
      'api/src/functions/hello/index.ts': "import { handlerPath } from '@libs/handler-resolver';\nexport default { handler: `${handlerPath(__dirname)}/handler.main` };\n",
      'api/src/functions/jobs/index.ts': [
        "import { forever, stamped, fromEnv, branchy, evil } from '@libs/handler-resolver';",
        'export const jobs = {',
        "  a: { handler: forever('src/a') },",
        "  b: { handler: stamped('src/b') },",
        "  c: { handler: fromEnv('src/c') },",
        "  d: { handler: branchy('src/d') },",
        "  e: { handler: evil('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!') },",
        '};',
      ].join('\n'),
    });
    expect(result.functions.map((f) => `${f.name} ${at(f.handler).replace(/@.*/, '')}`)).toEqual([
      'hello ref(unknown: `${handlerPath(__dirname)}/handler.main`)',
      "a ref(unknown: forever('src/a'))",
      "b ref(unknown: stamped('src/b'))",
      "c ref(unknown: fromEnv('src/c'))",
      "d ref(unknown: branchy('src/d'))",
      "e ref(unknown: evil('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'))",
    ]);
  });
});

describe('isServerlessConfig: names', () => {
  it.each([
    ['serverless.prod.yml', HEAD, true],
    ['serverless.dev-eu.yaml', HEAD, true],
    ['api\\serverless.yml', HEAD, true],
    ['my-serverless.yml', HEAD, false],
    ['serverless.yml', 'provider:\n  name: aws\n', false],
    ['serverless.yml', 'service: x\n', false],
    ['serverless.json', '{ "service": "x" }', false],
    ['serverless.cjs', "module.exports = { service: 'x', provider: { name: 'aws' } };", true],
    ['serverless.mts', "export default { service: 'x', provider: { name: 'aws' } };", true],
    ['serverless.mjs', "export default { name: 'x' };", false],
  ])('%s', (file, text, expected) => {
    expect(isServerlessConfig(file, text)).toBe(expected);
  });

  it('logical ids: dashes and underscores spelled out, first letter upper-cased', () => {
    expect(serverlessLogicalId('my-fn_v2')).toBe('MyDashfnUnderscorev2LambdaFunction');
  });
});

describe('loadServerless: the config as a whole', () => {
  const F = 'functions:\n  hello:\n    handler: h.handler\n';

  it('a plain config: no plugins, bundler, dotenv files, includes or duplicate keys, and no keys for them', () => {
    const result = load(`${HEAD}${F}`, { '.env': 'A=1\n' });
    expect(Object.keys(result).sort()).toEqual(['diagnostics', 'functions', 'logGroups', 'queues']);
    const f = fn(result, 'hello');
    for (const key of ['deployPlugins', 'bundler', 'dotenvFiles']) expect(key in f).toBe(false);
  });

  it('functions in resources are serverless functions, even beside SAM resource types or CDK-looking ids', () => {
    const result = load(
      `${HEAD}${F}resources:\n  Resources:\n    ExtraFnA1B2C3D4:\n      Type: AWS::Lambda::Function\n      Properties: { Handler: x.handler }\n    ApiE5F6A7B8:\n      Type: AWS::Serverless::Api\n    LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A:\n      Type: AWS::Lambda::Function\n      Properties: { Handler: index.handler }\n`,
    );
    // Not a CDK template: a function with the id of a CDK handler is the user's own.
    expect(result.functions.map((f) => `${f.name}:${f.format}`)).toEqual([
      'hello:serverless',
      'ExtraFnA1B2C3D4:serverless',
      'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A:serverless',
    ]);
    expect(result.cdkSynthesized).toBeUndefined();
  });

  it('a configured bundler plugin wins over build.esbuild', () => {
    expect(fn(load(`${HEAD}plugins: [serverless-webpack]\nbuild: { esbuild: true }\n${F}`), 'hello').bundler).toBe('webpack');
  });

  it('a config that is not a map, or has no provider, loads nothing and says nothing', () => {
    expect(load('just a string\n')).toEqual({ functions: [], queues: [], logGroups: [], diagnostics: [] });
    expect(load(`service: x\n${F}`)).toEqual({ functions: [], queues: [], logGroups: [], diagnostics: [] });
  });

  it('serverless.mjs / .cjs are read like serverless.ts; a config that cannot be read says why', () => {
    for (const file of ['serverless.mjs', 'serverless.cjs']) {
      const text = "export default { service: 's', provider: { name: 'aws' }, functions: { f: { handler: 'f.h' } } };\n";
      expect(loadServerless(file, text, memoryHost({ [file]: text })).functions.map((f) => f.id)).toEqual([`${file}#f`]);
    }
    const text = "import { build } from './build';\nexport default build({ service: 'x', provider: { name: 'aws' } });\n";
    const [note] = loadServerless('serverless.ts', text, memoryHost({ 'serverless.ts': text })).diagnostics;
    expect(note.message).toMatch(/^serverless\.ts was not loaded: .+ \(it is never executed\)$/);
    expect(note.message).not.toContain('not a static config');
  });

  it('resources: permissions, detached triggers and URLs come through; a resource in two parts keeps its first place', () => {
    const result = load(
      `${HEAD}${F}resources:\n  - \${file(./queues.yml)}\n  - Resources:\n      Jobs:\n        Type: AWS::SQS::Queue\n        Properties: { VisibilityTimeout: 60 }\n      Perm:\n        Type: AWS::Lambda::Permission\n        Properties: { FunctionName: !Ref HelloLambdaFunction, Principal: s3.amazonaws.com }\n      Mapping:\n        Type: AWS::Lambda::EventSourceMapping\n        Properties: { FunctionName: far, EventSourceArn: !GetAtt Jobs.Arn }\n      Url:\n        Type: AWS::Lambda::Url\n        Properties: { TargetFunctionArn: far, AuthType: NONE }\n`,
      { 'queues.yml': 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n  Dlq:\n    Type: AWS::SQS::Queue\n' },
    );
    expect(result.queues.map((q) => `${q.name} ${at(q.visibilityTimeout)}`)).toEqual(['Jobs 60@13:23', 'Dlq 30@queues.yml:4:3 default']);
    expect(result.permissions?.map((p) => [p.id, p.functionName])).toEqual([['serverless.yml#Perm', 'hello']]);
    expect(result.detachedTriggers?.map((d) => [d.functionRef, d.format, d.trigger.kind, d.trigger.source])).toEqual([
      ['far', 'serverless', 'sqs', { ref: 'Jobs', queueId: 'serverless.yml#Jobs' }],
    ]);
    expect(result.detachedFunctionUrls?.map((d) => [d.functionRef, d.format])).toEqual([['far', 'serverless']]);
    expect(result.includedFiles).toEqual(['queues.yml']);
  });

  it('events link queues of resources by id or QueueName; other resources and untyped entries are no queues', () => {
    const result = load(
      `${HEAD}functions:\n  hello:\n    handler: h.handler\n    events:\n      - sqs: arn:aws:sqs:eu-west-1:1:named-jobs\n      - stream: { arn: !GetAtt Table.StreamArn }\n      - sqs: { arn: !GetAtt Untyped.Arn }\n      - sqs: arn:aws:sqs:eu-west-1:1:5\nresources:\n  Resources:\n    Jobs:\n      Type: AWS::SQS::Queue\n      Properties: { QueueName: named-jobs }\n    Numbered:\n      Type: AWS::SQS::Queue\n      Properties: { QueueName: 5 }\n    Table:\n      Type: AWS::DynamoDB::Table\n    Untyped:\n      Properties: {}\n`,
    );
    expect(fn(result, 'hello').triggers.map((t) => [t.kind, t.source])).toEqual([
      ['sqs', { ref: 'arn:aws:sqs:eu-west-1:1:named-jobs', queueId: 'serverless.yml#Jobs' }],
      ['dynamodb-stream', { ref: 'Table' }],
      ['sqs', { ref: '!GetAtt Untyped.Arn' }],
      ['sqs', { ref: 'arn:aws:sqs:eu-west-1:1:5' }],
    ]);
  });

  it('useDotenv left out reads no .env; an existing but empty .env reports a provider problem once', () => {
    expect(fn(load(`${HEAD}${F}`, { '.env': 'A=1\n' }), 'hello').dotenvFiles).toBeUndefined();
    const result = load(`service: x\nprovider:\n  name: aws\n  timeout: \${file(./broken.yml):timeout}\nuseDotenv: true\n${F}`, { '.env': '# nothing\n', 'broken.yml': 'timeout: [x\n' });
    expect(fn(result, 'hello').dotenvFiles).toEqual(['.env']);
    expect(result.diagnostics.map((d) => `${d.loc.file}:${d.loc.line}`)).toEqual(['broken.yml:2']);
  });

  it('a config that builds more than the expansion budget gets one warning', () => {
    const refs = Array(100).fill('${self:custom.big}').join('');
    const env = Array.from({ length: 11 }, (_, i) => `      V${i}: "${refs}"`).join('\n');
    const result = load(`${HEAD}custom:\n  big: ${'x'.repeat(10_000)}\nfunctions:\n  hello:\n    handler: h.handler\n    environment:\n${env}\n`);
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.message.replace(/ \(.*\)/, '')])).toEqual([
      ['parse-error', 'warning', "Value expansion passed this file's budget of 10,000,000 characters: values built past it are unknown to the rules"],
    ]);
  });
});
