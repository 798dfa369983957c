/**
 * AWS CDK stacks in TypeScript: imports in every style (namespace, named, `require`, v1
 * `@aws-cdk/*`), functions of each construct class with props built from constants,
 * arithmetic, template literals, `Duration`s, enums, spreads and unknown values, event
 * sources, URLs, API integrations, queues and log groups, in constructors, methods, loops and
 * conditionals.
 */
import fc from 'fast-check';
import { anyName, mutated, nest, numberText, plainName, RUNTIMES, someOf } from './common.js';

const IMPORTS = [
  "import * as cdk from 'aws-cdk-lib';",
  "import { Duration, Stack } from 'aws-cdk-lib';",
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
  "import * as sqs from 'aws-cdk-lib/aws-sqs';",
  "import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';",
  "import * as logs from 'aws-cdk-lib/aws-logs';",
  "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
  "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
  "import * as path from 'node:path';",
  "import type { Construct } from 'constructs';",
];
const ALT_IMPORTS = [
  "const lambda = require('aws-cdk-lib/aws-lambda');",
  "import * as lambda from '@aws-cdk/aws-lambda';",
  "import { aws_lambda as lambda, Duration } from 'aws-cdk-lib';",
  "import lambda = require('aws-cdk-lib/aws-lambda');",
];

const jsString = (s: string): string => JSON.stringify(s);
const CONSTS = ['TIMEOUT', 'MEMORY', 'RUNTIME', 'ENV', 'DIR', 'PROPS'];

/** A TS expression where a number goes. */
const numberExpr: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: numberText, weight: 8 },
  { arbitrary: fc.constantFrom('TIMEOUT', 'MEMORY', 'TIMEOUT * 2', 'MEMORY + 1', '-TIMEOUT', 'props.timeout', 'this.node.tryGetContext("t")', 'Number("30")', '10n', '0b101', '1_000', 'NaN', 'Infinity', '"30"', '`30`', 'undefined', 'null', 'unknownIdent', '(30 as number)', '30!', '<number>30'), weight: 3 },
  { arbitrary: fc.oneof(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1000, max: 4000 })).map((n) => nest('(', ')', n, '1')), weight: 1 },
  { arbitrary: fc.integer({ min: 2, max: 200 }).map((n) => Array.from({ length: n }, () => '1').join(' + ')), weight: 1 },
);
const durationExpr = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom('Duration', 'cdk.Duration'), fc.constantFrom('seconds', 'minutes', 'millis', 'hours', 'days', 'parse'), numberExpr).map(([d, u, n]) => `${d}.${u}(${n})`), weight: 6 },
  { arbitrary: numberExpr, weight: 1 },
  { arbitrary: fc.constantFrom('TIMEOUT_DURATION', 'Duration.seconds(TIMEOUT).plus(Duration.seconds(1))', 'props.timeout ?? Duration.seconds(3)'), weight: 1 },
);
const stringExpr = fc.oneof(
  { arbitrary: anyName.map(jsString), weight: 6 },
  { arbitrary: fc.constantFrom('`${DIR}/x`', '`prefix-${unknown}`', 'DIR + "/a"', 'process.env.NAME', 'ENV.STAGE', "['a', 'b'].join('-')"), weight: 2 },
);
const runtimeExpr = fc.oneof(
  { arbitrary: fc.constantFrom('NODEJS_20_X', 'NODEJS_22_X', 'NODEJS_16_X', 'NODEJS_LATEST', 'PYTHON_3_12', 'PROVIDED_AL2', 'NOPE').map((r) => `lambda.Runtime.${r}`), weight: 6 },
  { arbitrary: fc.constantFrom(...RUNTIMES).map((r) => `new lambda.Runtime(${jsString(r)})`), weight: 1 },
  { arbitrary: fc.constantFrom('RUNTIME', 'cdk.aws_lambda.Runtime.NODEJS_22_X', '"nodejs20.x"'), weight: 1 },
);

const fnProps = someOf<string>(
  {
    runtime: runtimeExpr,
    handler: fc.oneof(fc.constantFrom('"index.handler"', '"handler.main"', '"noexport"'), stringExpr),
    code: fc.constantFrom('lambda.Code.fromAsset("lambda")', 'lambda.Code.fromAsset(path.join(__dirname, "../lambda"))', 'lambda.Code.fromInline("exports.handler = async () => 1")', 'lambda.Code.fromBucket(bucket, "k.zip")', 'lambda.DockerImageCode.fromImageAsset("img")', 'CODE'),
    entry: fc.constantFrom('path.join(__dirname, "../lambda/orders.ts")', '"lambda/orders.ts"', 'DIR', '`${DIR}/x.ts`'),
    memorySize: numberExpr,
    timeout: durationExpr,
    environment: fc.array(fc.tuple(fc.constantFrom('TABLE', 'API_KEY', 'SECRET', '"quoted"', '["computed"]', '__proto__'), stringExpr), { maxLength: 3 }).chain((pairs) =>
      fc.constantFrom(`{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`, `{ ...ENV, ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`, 'ENV'),
    ),
    tracing: fc.constantFrom('lambda.Tracing.ACTIVE', 'lambda.Tracing.PASS_THROUGH', 'TRACING'),
    architecture: fc.constantFrom('lambda.Architecture.ARM_64', 'lambda.Architecture.X86_64'),
    logRetention: fc.constantFrom('logs.RetentionDays.ONE_WEEK', 'logs.RetentionDays.INFINITE', '14', 'RETENTION'),
    reservedConcurrentExecutions: numberExpr,
    deadLetterQueueEnabled: fc.constantFrom('true', 'false'),
    spread: fc.constantFrom('PROPS', 'props', '{ memorySize: 512 }'),
  },
  6,
).map((pairs) => `{ ${pairs.map(([k, v]) => (k === 'spread' ? `...${v}` : `${k}: ${v}`)).join(', ')} }`);

const constDecl = fc
  .tuple(fc.constantFrom(...CONSTS, 'TIMEOUT_DURATION', 'TRACING', 'RETENTION', 'CODE'), fc.oneof(numberExpr, stringExpr, durationExpr, fc.constantFrom('{ STAGE: "dev" }', '{ memorySize: 1024, timeout: Duration.seconds(20) }', 'lambda.Runtime.NODEJS_22_X')))
  .map(([name, value]) => `const ${name} = ${value};`);

const construct = fc.oneof(
  fc.tuple(fc.constantFrom('new lambda.Function', 'new NodejsFunction', 'new lambda.SingletonFunction', 'new lambda.DockerImageFunction', 'new Function', 'new cdk.aws_lambda.Function'), fc.oneof(anyName.map(jsString), fc.constant('id')), fnProps).map(([cls, id, props]) => `${cls}(this, ${id}, ${props})`),
  fc.tuple(anyName.map(jsString), durationExpr).map(([id, v]) => `new sqs.Queue(this, ${id}, { visibilityTimeout: ${v}, fifo: true })`),
  fc.tuple(anyName.map(jsString), fc.constantFrom('logs.RetentionDays.TWO_WEEKS', '7', 'RETENTION')).map(([id, r]) => `new logs.LogGroup(this, ${id}, { retention: ${r} })`),
);

const statement = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom('fn', 'fn2', 'q', 'api'), construct).map(([v, c]) => `const ${v} = ${c};`), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom('fn', 'fn2', 'this.fn'), numberExpr, fc.boolean()).map(([f, b, r]) => `${f}.addEventSource(new SqsEventSource(q, { batchSize: ${b}, reportBatchItemFailures: ${r} }));`), weight: 2 },
  { arbitrary: fc.constantFrom('fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });', 'fn.addFunctionUrl();', "new apigw.LambdaRestApi(this, 'Api', { handler: fn });", "new apigw.LambdaIntegration(fn, { timeout: Duration.seconds(40) });", "new HttpLambdaIntegration('I', fn2);", 'q.grantConsumeMessages(fn);', 'this.fn = fn;'), weight: 2 },
  { arbitrary: construct.map((c) => `for (const name of ['a', 'b']) { ${c}; }`), weight: 1 },
  { arbitrary: construct.map((c) => `if (props?.enabled) { const inner = ${c}; }`), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 5, max: 60 }), construct).map(([n, c]) => `${'{ '.repeat(n)}${c};${' }'.repeat(n)}`), weight: 1 },
);

/** A whole stack file. */
export const cdkText: fc.Arbitrary<string> = fc
  .tuple(
    fc.shuffledSubarray(IMPORTS, { minLength: 2, maxLength: 6 }),
    fc.option(fc.constantFrom(...ALT_IMPORTS), { nil: undefined, freq: 4 }),
    fc.array(constDecl, { maxLength: 3 }),
    fc.array(statement, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(plainName, statement), { maxLength: 1 }),
  )
  .map(([imports, alt, consts, body, methods]) => {
    // The loader only looks at files that import aws-cdk-lib and construct a function.
    const head = ["import * as lambda from 'aws-cdk-lib/aws-lambda';", ...imports.filter((i) => !i.includes('aws-lambda\'')), ...(alt ? [alt] : [])];
    return [
      ...head,
      '',
      ...consts,
      '',
      'export class AppStack extends cdk.Stack {',
      '  readonly fn: lambda.Function;',
      '  constructor(scope: Construct, id: string, props?: cdk.StackProps & { timeout?: number; enabled?: boolean }) {',
      '    super(scope, id, props);',
      ...body.map((s) => `    ${s}`),
      '  }',
      ...methods.map(([name, s]) => `  private ${name}(): void {\n    ${s}\n  }`),
      '}',
      "new lambda.Function(this, 'TopLevel', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });",
      '',
    ].join('\n');
  });

const TS_TOKENS = ['{', '}', '(', ')', '[', ']', ',', ';', ':', '`', '${', '/*', '//', '...', '=>', 'new ', '"', "'", '<', '>', '@', '#', '\\', 'as any', '?.', '!'];

export const cdkFile: fc.Arbitrary<{ file: string; text: string }> = mutated(cdkText, TS_TOKENS).map((text) => ({ file: 'infra/lib/app-stack.ts', text }));
