/**
 * SAM / CloudFormation templates: Parameters, Globals, functions of both types with events,
 * queues, log groups, event source mappings, URLs, permissions, API integrations, written as
 * block YAML, flow YAML with tags, or JSON, with several `---` documents now and then.
 */
import fc from 'fast-check';
import { ID_POOL, anyName, mutated, someOf } from './common.js';
import { map, num, seq, str, tag, toFlowYaml, toJson, toYaml, type YV } from './yaml-doc.js';
import { anyValue, boolValue, deepValue, envMap, numberValue, runtimeValue, stringValue } from './yaml-values.js';

const id = fc.constantFrom(...ID_POOL);
const maybe = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });

const SAM_EVENT_TYPES = ['Api', 'HttpApi', 'SQS', 'S3', 'SNS', 'Schedule', 'ScheduleV2', 'DynamoDB', 'Kinesis', 'EventBridgeRule', 'CloudWatchEvent', 'MSK', 'MQ', 'IoTRule', 'Cognito', 'Alexa', ''];

const samEvent: fc.Arbitrary<YV> = fc
  .tuple(
    fc.constantFrom(...SAM_EVENT_TYPES),
    someOf<YV>(
      {
        Path: fc.constantFrom('/orders', '/{id}', '', '/ünï').map(str),
        Method: fc.constantFrom('GET', 'post', 'ANY').map(str),
        TimeoutInMillis: numberValue,
        Queue: fc.oneof(id.map((x) => tag('!GetAtt', str(`${x}.Arn`))), fc.constant(str('arn:aws:sqs:eu-west-1:123456789012:q')), anyValue),
        Stream: fc.oneof(id.map((x) => tag('!GetAtt', str(`${x}.StreamArn`))), anyValue),
        BatchSize: numberValue,
        FunctionResponseTypes: fc.oneof(fc.constant(seq([str('ReportBatchItemFailures')])), anyValue),
        StartingPosition: fc.constantFrom('LATEST', 'TRIM_HORIZON').map(str),
        DestinationConfig: fc.constant(map([['OnFailure', map([['Destination', tag('!GetAtt', str('Queue1.Arn'))]])]])),
        Schedule: fc.constantFrom('rate(5 minutes)', 'cron(0 12 * * ? *)').map(str),
        Bucket: id.map((x) => tag('!Ref', str(x))),
        Topic: id.map((x) => tag('!Ref', str(x))),
      },
      4,
    ),
  )
  .map(([type, props]) => map([['Type', str(type)], ['Properties', map(props)]]));

const functionProps = (sam: boolean): fc.Arbitrary<YV> =>
  someOf<YV>(
      {
        Runtime: runtimeValue,
        Handler: fc.oneof(fc.constantFrom('index.handler', 'src/a.handler', 'app.lambda_handler', 'noexport', '.', '../../etc.passwd', 'a..b').map(str), stringValue),
        MemorySize: numberValue,
        Timeout: numberValue,
        Environment: envMap.map((vars) => map([['Variables', vars]])),
        Architectures: fc.constantFrom('arm64', 'x86_64', 'sparc').map((a) => seq([str(a)])),
        Tracing: fc.constantFrom('Active', 'PassThrough').map(str),
        TracingConfig: fc.constant(map([['Mode', str('Active')]])),
        ReservedConcurrentExecutions: numberValue,
        Layers: fc.array(stringValue, { maxLength: 3 }).map((items) => seq(items)),
        PackageType: fc.constantFrom('Zip', 'Image').map(str),
        FunctionName: stringValue,
        DeadLetterConfig: fc.constant(map([['TargetArn', tag('!GetAtt', str('Queue1.Arn'))]])),
        LoggingConfig: fc.constant(map([['LogGroup', tag('!Ref', str('Logs1'))]])),
        ...(sam
          ? {
              CodeUri: fc.oneof(fc.constantFrom('src/', './src/orders', '.', 's3://bucket/key.zip', '../outside').map(str), anyValue),
              InlineCode: fc.constantFrom('exports.handler = async () => 1;').map(str),
              Events: fc.array(fc.tuple(anyName, samEvent), { maxLength: 2 }).map((pairs) => map(pairs)),
              FunctionUrlConfig: fc.constantFrom('NONE', 'AWS_IAM').map((a) => map([['AuthType', str(a)]])),
              AutoPublishAlias: fc.constantFrom('live', '').map(str),
              DeadLetterQueue: fc.constant(map([['Type', str('SQS')], ['TargetArn', tag('!GetAtt', str('Queue1.Arn'))]])),
              EventInvokeConfig: fc.constant(map([['DestinationConfig', map([['OnFailure', map([['Type', str('SQS')]])]])]])),
              ProvisionedConcurrencyConfig: numberValue.map((v) => map([['ProvisionedConcurrentExecutions', v]])),
              ImageUri: stringValue,
            }
          : {
              Code: fc.oneof(fc.constant(map([['ZipFile', str('exports.handler = async () => 1;')]])), fc.constant(map([['S3Bucket', str('b')], ['S3Key', str('k.zip')]]))),
            }),
      },
      6,
    ).map((props) => map(props));

const resource: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: functionProps(true).map((p) => map([['Type', str('AWS::Serverless::Function')], ['Properties', p]])), weight: 5 },
  { arbitrary: functionProps(false).map((p) => map([['Type', str('AWS::Lambda::Function')], ['Properties', p]])), weight: 3 },
  {
    arbitrary: fc.record({ v: numberValue, fifo: boolValue, name: stringValue }, { requiredKeys: [] }).map((r) =>
      map([['Type', str('AWS::SQS::Queue')], ['Properties', map([['VisibilityTimeout', r.v], ['FifoQueue', r.fifo], ['QueueName', r.name]])]]),
    ),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(id, numberValue).map(([fn, days]) =>
      map([['Type', str('AWS::Logs::LogGroup')], ['Properties', map([['LogGroupName', tag('!Sub', str(`/aws/lambda/\${${fn}}`))], ['RetentionInDays', days]])]]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(id, id, numberValue).map(([fn, q, batch]) =>
      map([
        ['Type', str('AWS::Lambda::EventSourceMapping')],
        ['Properties', map([['FunctionName', tag('!Ref', str(fn))], ['EventSourceArn', tag('!GetAtt', str(`${q}.Arn`))], ['BatchSize', batch], ['FunctionResponseTypes', seq([str('ReportBatchItemFailures')])]])],
      ]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(id, fc.constantFrom('NONE', 'AWS_IAM')).map(([fn, auth]) =>
      map([['Type', str('AWS::Lambda::Url')], ['Properties', map([['TargetFunctionArn', tag('!GetAtt', str(`${fn}.Arn`))], ['AuthType', str(auth)]])]]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(id, fc.constantFrom('apigateway.amazonaws.com', 's3.amazonaws.com', 'events.amazonaws.com', 'sns.amazonaws.com')).map(([fn, principal]) =>
      map([['Type', str('AWS::Lambda::Permission')], ['Properties', map([['FunctionName', tag('!Ref', str(fn))], ['Principal', str(principal)], ['Action', str('lambda:InvokeFunction')]])]]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(id, numberValue).map(([fn, ms]) =>
      map([
        ['Type', str('AWS::ApiGateway::Method')],
        ['Properties', map([['Integration', map([['Type', str('AWS_PROXY')], ['Uri', tag('!Sub', str(`arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`))], ['TimeoutInMillis', ms]])]])],
      ]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('AWS::Lambda::Version', 'AWS::Lambda::Alias', 'AWS::Events::Rule', 'AWS::SNS::Subscription', 'AWS::Lambda::EventInvokeConfig', 'AWS::Serverless::Api', 'AWS::Custom::Thing', 'NotAType', ''), id, anyValue).map(([type, fn, extra]) =>
      map([['Type', str(type)], ['Properties', map([['FunctionName', tag('!Ref', str(fn))], ['Targets', seq([map([['Arn', tag('!GetAtt', str(`${fn}.Arn`))], ['Id', str('t')]])])], ['Extra', extra]])]]),
    ),
    weight: 1,
  },
  { arbitrary: anyValue, weight: 1 },
  { arbitrary: deepValue.map((v) => map([['Type', str('AWS::Serverless::Function')], ['Properties', map([['Timeout', v]])]])), weight: 1 },
);

const parameter: fc.Arbitrary<YV> = fc
  .record({ Type: fc.constantFrom('String', 'Number', 'CommaDelimitedList').map(str), Default: anyValue, NoEcho: boolValue }, { requiredKeys: ['Type'] })
  .map((p) => map(Object.entries(p)));

/** One template document as a tree. Resource ids come mostly from the shared pool. */
export const templateTree: fc.Arbitrary<YV> = fc
  .record(
    {
      version: maybe(fc.constant(str('2010-09-09')), 0),
      transform: maybe(fc.oneof(fc.constant(str('AWS::Serverless-2016-10-31')), fc.constant(seq([str('AWS::Serverless-2016-10-31'), str('AWS::LanguageExtensions')])))),
      parameters: maybe(fc.array(fc.tuple(fc.oneof(id, anyName), parameter), { maxLength: 3 })),
      globals: maybe(functionProps(true)),
      resources: fc.array(fc.tuple(fc.oneof({ arbitrary: id, weight: 4 }, { arbitrary: anyName, weight: 1 }), resource), { minLength: 0, maxLength: 5 }),
      conditions: maybe(fc.constant(map([['IsProd', tag('!Equals', seq([tag('!Ref', str('Param1')), str('prod')], true))]]))),
      mappings: maybe(fc.constant(map([['Map1', map([['Fn1', map([['x', num(1)]])]])]]))),
      anchors: maybe(fc.constant(true)),
    },
    { requiredKeys: ['resources'] },
  )
  .map((t) =>
    map([
      ['AWSTemplateFormatVersion', t.version],
      ['Transform', t.transform],
      ['Parameters', t.parameters && map(t.parameters)],
      ['Mappings', t.mappings],
      ['Conditions', t.conditions],
      ['Globals', t.globals && map([['Function', t.anchors ? ({ k: 'anchor', name: 'base', v: t.globals } as YV) : t.globals]])],
      ['Resources', map(t.resources)],
    ]),
  );

/** YAML (block or flow with tags) or JSON text of 1-3 documents. */
export const templateText: fc.Arbitrary<{ file: string; text: string }> = fc
  .tuple(fc.constantFrom('block', 'block', 'block', 'flow', 'json'), fc.oneof({ arbitrary: fc.array(templateTree, { minLength: 1, maxLength: 1 }), weight: 4 }, { arbitrary: fc.array(templateTree, { minLength: 2, maxLength: 3 }), weight: 1 }), fc.constantFrom(0, 2, 4, '\t'))
  .chain(([style, docs, indent]) => {
    const text =
      style === 'json'
        ? toJson(docs[0], indent)
        : docs.map((d) => (style === 'flow' ? toFlowYaml(d) : toYaml(d))).join('---\n');
    const file = style === 'json' ? 'template.json' : 'template.yaml';
    const tokens = style === 'json' ? JSON_TOKENS : YAML_TOKENS;
    return mutated(fc.constant(text), tokens).map((t) => ({ file, text: t }));
  });

export const YAML_TOKENS = [':', ': ', '- ', '-', '&a ', '*a', '*base', '<<: *base\n', '!Ref ', '!GetAtt ', '!Sub ', '{', '}', '[', ']', '"', "'", '#', '\n---\n', '\n...\n', '\t', '%YAML 1.2\n', '? ', '|\n', '>-\n', ',', '@', '`', '!!', '!<tag:x>', '&', '*'];
const JSON_TOKENS = ['{', '}', '[', ']', '"', ',', ':', 'null', '1e999', '\\u0000', '\\', '/*', '//', 'NaN', '"Ref"', '!Ref '];

