// Every message of every rule is one sentence a user reads in a terminal: at most 200 characters
// with realistic worst-case data, and a median under 140. A new placeholder needs a worst case here.
import { describe, expect, it } from 'vitest';
import { codeRules } from '../rules/index.js';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import { interpolate } from '../src/config-rules/run.js';
import { HEAVY_PACKAGES } from '../src/heavy-packages.js';
import { functionList, nameList } from '../src/name-list.js';
import { PYTHON_HEAVY_PACKAGES } from '../src/knowledge/python-heavy-packages.js';
import { RUNTIMES, formatRuntimeDate } from '../src/runtimes.js';

const MAX_LENGTH = 200;
const MAX_MEDIAN = 140;

const sixtyOneFunctions = ['ArticlesShow', 'ArticlesRecent', ...Array.from({ length: 59 }, (_, i) => `ArticlesFunction${i}`)];
const longest = (values: readonly string[]): string => values.reduce((a, b) => (b.length > a.length ? b : a), '');
const longestDate = longest(RUNTIMES.flatMap((r) => [r.deprecated, r.blockCreate, r.blockUpdate].filter((d): d is string => Boolean(d)).map(formatRuntimeDate)));

/** The longest realistic value of each placeholder, as the rules build it. */
const WORST: Record<string, string> = {
  fn: nameList(sixtyOneFunctions),
  functions: nameList(sixtyOneFunctions),
  triggers: nameList(['EventBridge', 'schedule', 'IoT rule']),
  trigger: 'API Gateway HTTP API',
  kind: 'DynamoDB stream',
  handlerFile: 'services/orders/src/handlers/process-orders.ts',
  runtime: 'nodejs16.x',
  name: longest(RUNTIMES.map((r) => r.name)),
  deprecated: longestDate,
  blockCreate: longestDate,
  blockUpdate: longestDate,
  replacement: 'nodejs24.x',
  callbacks: ' (12 handlers use callbacks)',
  days: '89',
  handler: 'processOrderEvents',
  argument: `${'event.requestContext.authorizer.claims.'.slice(0, 37)}...`,
  error: 'createHttpError.UnprocessableEntity',
  status: '200',
  tried: 'services/orders/src/handlers/process{.js,.mjs,.cjs}',
  hint: " (did you mean 'processOrder'?)",
  file: 'services/orders/src/handlers/process-orders.ts',
  exportName: 'processOrderEvents',
  source: 'aws-sdk/clients/cognitoidentityserviceprovider',
  manifest: 'services/orders/package.json',
  dir: 'services/orders/src/handlers',
  callback: 'callback',
  line: '120',
  next: '134',
  client: `new ${'DynamoDBDocumentClient.from'}()`,
  whose: "the Serverless Framework's",
  value: 'arn:aws:dynamodb:eu-central-1:123456789012:table/production-orders-table-v2',
  what: `${'this.ordersRepository.saveOrderWithItemsAndNotify'.slice(0, 57)}...()`,
  part: 'account ID',
  region: 'ap-southeast-2',
  property: 'TableName',
  masked: 'AKIA***',
  label: 'ENCRYPTED PRIVATE KEY',
  tokenKind: 'Anthropic API key',
  measured: ' (14.2 MB in 2,345 files or more installed)',
  reason: longest(HEAVY_PACKAGES.map((p) => p.reason ?? '')),
  alternative: longest(HEAVY_PACKAGES.map((p) => p.alternative)),
  size: '14.2 MB',
  files: '2,345',
  atLeast: ' or more',
  maxSize: '1 MB',
  maxFiles: '250',
  timeout: '900',
  origin: 'from provider',
  max: '900',
  limit: '29',
  edgeEventType: 'viewer-response',
  queue: 'OrdersProcessingQueue-production',
  visibility: '300',
  recommended: '5400',
  config: 'services/orders/serverless.yml',
  field: 'record.dynamodb.Keys.id',
  expected: 'record.dynamodb.SequenceNumber',
  found: 'keys: id, messageId, error',
  identifier: 'record.messageId',
};

/** Placeholders that mean something else in one rule (`name` is a package, an env var or a runtime). */
const WORST_IN: Record<string, Record<string, string>> = {
  'handler-resolves': { fn: 'ProcessOrderEventsFunction', hint: ' (did you mean src/handlers/orders.ts?)' },
  'missing-dependency': { name: '@middy/http-json-body-parser', source: 'aws-sdk/clients/dynamodb' },
  'no-heavy-import': { name: 'googleapis' },
  'undefined-env-var': { name: 'PAYMENT_PROVIDER_WEBHOOK_SECRET' },
  'unused-env-var': { name: 'PAYMENT_PROVIDER_WEBHOOK_SECRET', fn: 'ProcessOrderEventsFunction', files: '120' },
  'no-secret-in-environment': { name: 'STRIPE_WEBHOOK_SIGNING_SECRET', masked: 'sk_live_***' },
  'no-hardcoded-secret': { name: 'stripeWebhookSigningSecret' },
  'no-default-timeout': { value: '6' },
  'no-swallowed-error': { what: 'only logs the error', trigger: 'SQS and EventBridge' },
  'report-batch-item-failures': { what: 'only logs the error' },
  'handler-error-boundary': { call: 'json.loads', subscript: 'event["queryStringParameters"]["customer_id"]' },
  // A handler behind all three batch sources names them all (JavaScript and Python alike).
  'process-all-records': { trigger: 'SQS/Kinesis stream/DynamoDB stream', batch: '10000' },
  'no-unscoped-permission': { permission: 'aws_lambda_permission.allow_orders_bucket', principal: 'elasticloadbalancing.amazonaws.com', fn: 'ProcessOrderEventsFunction' },
  'no-duplicate-key': { key: 'ReservedConcurrentExecutions', first: 'services/orders/template.yaml:120' },
  'lambda-limits': { what: 'Ephemeral storage', value: '20480', unit: 'MB', min: '512', max: '10240' },
  'sqs-redrive-policy': { trigger: 'EventBridge', what: 'target', fn: 'ProcessOrderEventsFunction' },
  'handler-signature': { name: 'process_order_events_handler', accepts: 'requires 3 positional arguments' },
  'no-recursive-trigger': { fn: 'ProcessOrderEventsFunction', what: 'S3 bucket', target: 'THUMBNAIL_UPLOADS_BUCKET = !Ref ThumbnailUploadsBucket' },
};
/** Per message: `value` is an ARN in one and a region in another. */
const WORST_FOR: Record<string, Record<string, string>> = {
  'handler-resolves/missingExport': { hint: " (did you mean 'processOrder'?)" },
  'lambda-limits/tooManyLayers': { value: '7', max: '5' },
  'lambda-limits/environmentTooLarge': { value: '5,210' },
  'missing-dependency/notInRequirements': { name: 'aws_lambda_powertools', distribution: 'aws-lambda-powertools', manifest: 'services/orders/requirements.txt' },
  'no-heavy-import/unusedHeavyImport': { name: 'sklearn', reason: longest(PYTHON_HEAVY_PACKAGES.map((p) => p.reason)) },
  'undefined-env-var/undefinedEnvVar': { read: "os.environ['PAYMENT_PROVIDER_WEBHOOK_SECRET']", missing: 'unset (KeyError or None)' },
  'no-hardcoded-config/hardcodedArnPart': { value: '123456789012' },
  'no-hardcoded-config/hardcodedRegion': { value: 'ap-southeast-2' },
  'no-hardcoded-config/hardcodedResourceName': { value: 'production-orders-table-v2' },
  'no-hardcoded-config/hardcodedQueueUrl': { value: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/production-orders-queue' },
  'no-hardcoded-config/hardcodedEndpoint': { value: 'https://a1b2c3d4e5.execute-api.ap-southeast-2.amazonaws.com/production' },
};

/** What a message usually says: one function, short names; the median is taken over these. */
const TYPICAL: Record<string, string> = {
  ...WORST,
  fn: 'CreateOrder',
  functions: 'CreateOrder',
  triggers: 'S3',
  trigger: 'SQS',
  kind: 'SQS',
  handler: 'handler',
  argument: 'event.body',
  error: 'createError.NotFound',
  tried: 'src/orders/create{.js,.ts}',
  hint: '',
  file: 'src/orders/create.js',
  exportName: 'handler',
  source: 'aws-sdk',
  manifest: 'package.json',
  dir: 'src/orders',
  client: 'new DynamoDBClient()',
  what: 'sendEmail()',
  measured: '',
  callbacks: '',
  queue: 'OrdersQueue',
  value: 'arn:aws:sns:us-east-1:123456789012:orders',
  reason: 'it is 269 KB minified with its dependencies',
  found: 'keys: id',
  masked: 'AKIA***',
  config: 'serverless.yml',
  origin: 'own setting',
  size: '3.1 MB',
  files: '410',
};

interface RuleWithMessages {
  meta: { messages?: Record<string, string> };
}

const allRules: Array<[string, RuleWithMessages]> = [
  ...Object.entries(codeRules as Record<string, RuleWithMessages>),
  ...Object.entries(configRules as Record<string, RuleWithMessages>),
  ...Object.entries(crossRules as Record<string, RuleWithMessages>),
];

const rendered = allRules.flatMap(([rule, { meta }]) =>
  Object.entries(meta.messages ?? {}).map(([id, template]) => {
    const specific = { ...WORST_IN[rule], ...WORST_FOR[`${rule}/${id}`] };
    return {
      rule,
      id,
      template,
      text: interpolate(template, { ...WORST, ...specific }),
      typical: interpolate(template, { ...TYPICAL, ...specific }),
    };
  }),
);

describe('rule messages', () => {
  it('cover every rule', () => {
    expect(new Set(rendered.map((m) => m.rule)).size).toBe(allRules.length);
  });

  it('have a worst case for every placeholder', () => {
    const missing = rendered.filter((m) => /\{\{\s*\w+\s*\}\}/.test(m.text)).map((m) => `${m.rule}/${m.id}: ${m.text.match(/\{\{\s*\w+\s*\}\}/g)!.join(' ')}`);
    expect(missing).toEqual([]);
  });

  it.each(rendered.map((m) => [`${m.rule}/${m.id}`, m] as const))('%s is one sentence of at most 200 characters', (_, m) => {
    expect(m.text.length, m.text).toBeLessThanOrEqual(MAX_LENGTH);
    // One sentence: no full stop inside (decimals, file names and `e.g.` aside).
    expect(m.text.replace(/\.\.\.|\.(?=\w)|e\.g\./g, '').slice(0, -1), m.text).not.toMatch(/\.\s/);
    expect(m.text).toMatch(/[.]$/);
  });

  it('have a median length under 140 characters', () => {
    if (process.env.PRINT_MESSAGES) for (const m of rendered) console.log(m.typical.length, m.text.length, `${m.rule}/${m.id}`);
    const lengths = rendered.map((m) => m.typical.length).sort((a, b) => a - b);
    const mid = lengths.length / 2;
    const median = lengths.length % 2 === 1 ? lengths[Math.floor(mid)] : (lengths[mid - 1] + lengths[mid]) / 2;
    expect(median).toBeLessThan(MAX_MEDIAN);
  });
});

describe('nameList', () => {
  it('caps long lists', () => {
    expect(nameList([])).toBe('');
    expect(nameList(['A'])).toBe('A');
    expect(nameList(['A', 'B'])).toBe('A and B');
    expect(nameList(['A', 'B', 'C'])).toBe('A, B and C');
    expect(nameList(sixtyOneFunctions)).toBe('ArticlesShow, ArticlesRecent and 59 more');
    expect(nameList(['A', 'A', 'B'])).toBe('A and B');
  });

  it('names a count of functions', () => {
    expect(functionList(['A'])).toBe('A');
    expect(functionList(['A', 'B', 'C', 'D'])).toBe('4 functions (A, B and 2 more)');
  });
});
