/**
 * Serverless Framework configs: service, provider defaults, functions (as a map, a list, or
 * `${file()}` includes) with events of every kind, variables of every source (including
 * cycles, nesting and unterminated ones), `resources:` with CloudFormation, written as YAML,
 * JSON or a static `serverless.ts` object literal.
 */
import fc from 'fast-check';
import { ID_POOL, anyName, mutated, plainName, someOf } from './common.js';
import { bool, map, num, seq, str, tag, toJson, toYaml, type YV } from './yaml-doc.js';
import { YAML_TOKENS } from './cloudformation.js';
import { anyValue, boolValue, envMap, intrinsic, numberValue, runtimeValue, stringValue } from './yaml-values.js';

/** Variable references, valid and not: every source, defaults, nesting, cycles, unterminated. */
export const variableText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '${self:custom.timeout}',
    '${self:custom.loop}',
    '${self:custom.a}',
    '${self:provider.stage}',
    "${opt:stage, 'dev'}",
    '${opt:stage}',
    '${sls:stage}',
    '${env:LOG_LEVEL}',
    "${env:LOG_LEVEL, 'info'}",
    '${ssm:/orders/${sls:stage}/db-password}',
    '${file(./config/dev.yml):tableName}',
    '${file(./config/${opt:stage, "dev"}.yml):tableName}',
    '${file(./loop.yml)}',
    '${file(./missing.yml)}',
    '${file(../../etc/passwd)}',
    '${file(/etc/passwd)}',
    '${file(./handler.js):x}',
    '${cf:stack.Output}',
    '${aws:region}',
    '${self:}',
    '${self:custom.${self:custom.a}}',
    '${',
    '${self:custom.timeout',
    '${{}}',
    '${self:custom.__proto__}',
    '${self:custom.constructor.name}',
    '${strToBool(true)}',
    '${self:custom.timeout, ${self:custom.a}, 30}',
  ),
  fc.array(fc.constantFrom('${self:custom.a}', '${opt:x, ', '${', '}', 'a', '${sls:stage}-'), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
);

const customBlock: fc.Arbitrary<YV> = fc
  .tuple(numberValue, fc.constantFrom(...['${self:custom.b}', '${self:custom.a}', '1']), fc.constantFrom('${self:custom.a}', '${self:custom.loop}', 'b'), anyValue)
  .map(([timeout, a, b, extra]) =>
    map([
      ['timeout', timeout],
      ['a', str(a)],
      ['b', str(b)],
      ['loop', str('${self:custom.loop}')],
      ['tableName', str('orders-${sls:stage}')],
      ['extra', extra],
    ]),
  );

const varValue: fc.Arbitrary<YV> = variableText.map(str);
const withVars = (arb: fc.Arbitrary<YV>): fc.Arbitrary<YV> => fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: varValue, weight: 1 });

const event: fc.Arbitrary<YV> = fc.oneof(
  fc.record({ path: fc.constantFrom('orders/{id}', '/', '').map(str), method: fc.constantFrom('get', 'POST', 'any').map(str) }).map((h) => map([['http', map([['path', h.path], ['method', h.method], ['async', bool(false)]])]])),
  fc.constant(map([['httpApi', map([['path', str('/orders')], ['method', str('get')]])]])),
  fc.constant(map([['httpApi', str('*')]])),
  fc.constant(map([['http', str('GET orders')]])),
  fc.tuple(fc.oneof(fc.constantFrom(...ID_POOL).map((id) => tag('!GetAtt', str(`${id}.Arn`))), fc.constant(str('arn:aws:sqs:eu-west-1:1:q')), varValue), withVars(numberValue), fc.boolean()).map(([arn, batch, report]) =>
    map([['sqs', map([['arn', arn], ['batchSize', batch], ['functionResponseType', report ? str('ReportBatchItemFailures') : undefined]])]]),
  ),
  fc.constant(map([['sqs', str('arn:aws:sqs:eu-west-1:1:q')]])),
  fc.tuple(fc.constantFrom('dynamodb', 'kinesis', 'nope'), withVars(numberValue)).map(([type, batch]) =>
    map([['stream', map([['type', str(type)], ['arn', tag('!GetAtt', str('Table1.StreamArn'))], ['batchSize', batch], ['destinations', map([['onFailure', tag('!GetAtt', str('Queue1.Arn'))]])]])]]),
  ),
  fc.constant(map([['s3', map([['bucket', str('uploads-${sls:stage}')], ['event', str('s3:ObjectCreated:*')]])]])),
  fc.constant(map([['sns', str('topic')]])),
  fc.constant(map([['schedule', str('rate(5 minutes)')]])),
  fc.constant(map([['eventBridge', map([['pattern', map([['source', seq([str('x')])]])]])]])),
  fc.constant(map([['alb', map([['priority', num(1)]])]])),
  fc.constant(map([['cloudFront', map([['eventType', str('viewer-request')]])]])),
  fc.tuple(anyName, anyValue).map(([k, v]) => map([[k, v]])),
  anyValue,
);

const fnDef: fc.Arbitrary<YV> = someOf<YV>(
  {
    handler: fc.oneof(fc.constantFrom('src/handler.handler', 'handler.main', 'src/missing.handler', 'noexport', '', '../x.handler').map(str), withVars(stringValue)),
    runtime: withVars(runtimeValue),
    memorySize: withVars(numberValue),
    timeout: withVars(numberValue),
    environment: envMap,
    events: fc.array(event, { maxLength: 3 }).map((items) => seq(items)),
    url: fc.oneof(fc.constant(bool(true)), fc.constant(map([['authorizer', str('aws_iam')]])), anyValue),
    onError: stringValue,
    destinations: fc.constant(map([['onFailure', map([['type', str('sqs')], ['arn', tag('!GetAtt', str('Queue1.Arn'))]])]])),
    reservedConcurrency: numberValue,
    provisionedConcurrency: numberValue,
    layers: fc.array(stringValue, { maxLength: 2 }).map((items) => seq(items)),
    image: fc.oneof(stringValue, fc.constant(map([['uri', str('123.dkr.ecr/x:latest')]]))),
    package: fc.constant(map([['artifact', str('build/fn.zip')]])),
    tracing: boolValue,
    logRetentionInDays: numberValue,
  },
  6,
).map((pairs) => map(pairs));

const provider: fc.Arbitrary<YV> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constant(str('aws')), weight: 8 }, { arbitrary: fc.constantFrom('azure', '', '${opt:provider}').map(str), weight: 1 }),
    someOf<YV>(
      {
        runtime: withVars(runtimeValue),
        stage: fc.constant(str("${opt:stage, 'dev'}")),
        memorySize: withVars(numberValue),
        timeout: withVars(numberValue),
        environment: envMap,
        tracing: boolValue.map((v) => map([['lambda', v]])),
        logRetentionInDays: numberValue,
        layers: fc.array(stringValue, { maxLength: 2 }).map((items) => seq(items)),
        architecture: fc.constantFrom('arm64', 'x86_64').map(str),
      },
      5,
    ),
  )
  .map(([name, rest]) => map([['name', name], ...rest]));

const resources: fc.Arbitrary<YV> = fc.oneof(
  fc.tuple(numberValue, fc.constantFrom(...ID_POOL)).map(([v, id]) =>
    map([['Resources', map([[id, map([['Type', str('AWS::SQS::Queue')], ['Properties', map([['VisibilityTimeout', v], ['QueueName', str('q')]])]])]])]]),
  ),
  fc.constant(seq([str('${file(./resources/queues.yml)}'), map([['Resources', map([])]])])),
  intrinsic(anyValue),
  anyValue,
);

/** A serverless config tree. */
export const serverlessTree: fc.Arbitrary<YV> = fc
  .tuple(
    fc.oneof(plainName, anyName).map(str),
    provider,
    fc.array(fc.tuple(fc.oneof({ arbitrary: plainName, weight: 4 }, { arbitrary: anyName, weight: 1 }), fc.oneof({ arbitrary: fnDef, weight: 8 }, { arbitrary: varValue, weight: 1 }, { arbitrary: anyValue, weight: 1 })), { maxLength: 4 }),
    fc.constantFrom('map', 'list', 'include'),
    someOf<YV>(
      {
        custom: customBlock,
        plugins: fc.array(fc.constantFrom('serverless-esbuild', 'serverless-webpack', 'serverless-dotenv-plugin', 'serverless-offline', '${self:custom.a}').map(str), { maxLength: 3 }).map((items) => seq(items)),
        useDotenv: boolValue,
        package: fc.constant(map([['individually', bool(true)]])),
        resources,
        frameworkVersion: fc.constant(str('3')),
        build: fc.constant(map([['esbuild', bool(true)]])),
      },
      5,
    ),
  )
  .map(([service, providerNode, fns, shape, rest]) => {
    const functions =
      shape === 'map' ? map(fns) : shape === 'list' ? seq(fns.map(([k, v]) => map([[k, v]]))) : map([...fns, ['included', str('${file(./functions/admin.yml)}')]]);
    return map([['service', service], ['provider', providerNode], ['functions', functions], ...rest]);
  });

/** Files the configs include (`${file()}`), some of them broken or including themselves. */
export const INCLUDED_FILES: Record<string, string> = {
  'config/dev.yml': 'tableName: orders-dev\ntimeout: 10\n',
  'functions/admin.yml': 'handler: src/handler.handler\ntimeout: ${self:custom.timeout}\nevents:\n  - http: GET admin\n',
  'resources/queues.yml': 'Resources:\n  Queue1:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 30\n',
  'loop.yml': 'a: ${file(./loop.yml)}\n',
  '.env': 'LOG_LEVEL=debug\nSECRET=abc\n',
  'src/handler.js': 'export const handler = async () => ({ statusCode: 200 });\n',
};

/** serverless.ts text of a tree: `export default { ... }` with TS syntax (or `module.exports =`). */
export function toServerlessTs(node: YV, style: 'export' | 'const' | 'commonjs'): string {
  const value = tsValue(node, '  ');
  if (style === 'export') return `export default ${value};\n`;
  if (style === 'commonjs') return `module.exports = ${value};\n`;
  return `import type { AWS } from '@serverless/typescript';\n\nconst serverlessConfiguration: AWS = ${value};\n\nmodule.exports = serverlessConfiguration;\n`;
}

function tsValue(node: YV, pad: string): string {
  switch (node.k) {
    case 'str':
      return JSON.stringify(node.v);
    case 'num':
      return /^-?\d/.test(node.v) ? node.v : JSON.stringify(node.v);
    case 'bool':
      return String(node.v);
    case 'null':
      return 'null';
    case 'raw':
      return JSON.stringify(node.v);
    case 'alias':
      return `${node.name}Ref`;
    case 'anchor':
      return tsValue(node.v, pad);
    case 'tag':
      return `{ ${JSON.stringify(node.tag === '!Ref' ? 'Ref' : `Fn::${node.tag.slice(1)}`)}: ${tsValue(node.v, pad)} }`;
    case 'seq':
      return `[${node.items.map((i) => tsValue(i, pad + '  ')).join(', ')}]`;
    case 'map':
      if (node.pairs.length === 0) return '{}';
      return `{\n${node.pairs.map(([k, v]) => `${pad}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${tsValue(v, pad + '  ')},`).join('\n')}\n${pad.slice(2)}}`;
  }
}

const TS_TOKENS = ['{', '}', '(', ')', '[', ']', ',', ':', '`', '${', '/*', '//', '...', 'process.env.X', 'require("x")', 'import(', '"', "'", ';', '=>', 'export default ', 'as const', '!'];

/** Text of one serverless config file and the file name. */
export const serverlessText: fc.Arbitrary<{ file: string; text: string }> = fc
  .tuple(serverlessTree, fc.constantFrom('yml', 'yml', 'yml', 'yml', 'json', 'ts'), fc.constantFrom<'export' | 'const' | 'commonjs'>('export', 'const', 'commonjs'))
  .chain(([tree, kind, tsStyle]) => {
    if (kind === 'ts') return mutated(fc.constant(toServerlessTs(tree, tsStyle)), TS_TOKENS).map((text) => ({ file: 'serverless.ts', text }));
    const text = kind === 'json' ? toJson(tree, 2) : toYaml(tree);
    return mutated(fc.constant(text), YAML_TOKENS).map((t) => ({ file: kind === 'json' ? 'serverless.json' : 'serverless.yml', text: t }));
  });
