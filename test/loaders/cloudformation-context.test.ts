/**
 * How a template's references find their target: code paths relative to the template, the
 * function a permission, mapping or rule names (by Ref, GetAtt, Sub, alias, name or ARN), and
 * the queue an event source reads.
 */
import { describe, expect, it } from 'vitest';
import { emptyResult } from '../../src/loaders/types.js';
import { eventSource, mentionedType, relativeToTemplate, targetFunction, type TemplateContext } from '../../src/loaders/cloudformation/context.js';
import type { CfnResource } from '../../src/loaders/cloudformation/values.js';
import { get, parseYaml, type YMap, type YNode } from '../../src/loaders/yaml-tree.js';
import type { LambdaFunction, SqsQueue } from '../../src/model/index.js';

const loc = { file: 'template.yaml', line: 1, column: 1 };
const node = (yaml: string): YNode => get(parseYaml('t.yaml', `v: ${yaml}\n`).documents[0], 'v')!;
const fn = (name: string): LambdaFunction => ({ id: `template.yaml#${name}`, name, format: 'cloudformation', source: loc, memorySize: { value: 128, loc }, timeout: { value: 3, loc }, environment: {}, triggers: [], layers: [] });
const resource = (id: string, type: string): [string, CfnResource] => [id, { id, type, node: { kind: 'map', pairs: [], loc } as YMap, properties: undefined, loc }];

function context(): TemplateContext {
  const functions = new Map([['Api', fn('Api')], ['Worker', fn('Worker')]]);
  const queue: SqsQueue = { id: 'template.yaml#Jobs', name: 'Jobs', source: loc, visibilityTimeout: { value: 30, loc } } as SqsQueue;
  return {
    file: 'template.yaml',
    format: 'cloudformation',
    globals: undefined,
    parameters: new Map(),
    resources: new Map([
      resource('Api', 'AWS::Lambda::Function'),
      resource('Worker', 'AWS::Lambda::Function'),
      resource('ApiAlias', 'AWS::Lambda::Alias'),
      resource('Orphan', 'AWS::Lambda::Alias'),
      resource('Jobs', 'AWS::SQS::Queue'),
      resource('Table', 'AWS::DynamoDB::Table'),
    ]),
    mappings: undefined,
    functions,
    functionNames: new Map([['api-fn', 'Api']]),
    aliases: new Map([['ApiAlias', 'Api'], ['Orphan', 'Missing']]),
    queues: new Map([['Jobs', queue]]),
    queueNames: new Map([['jobs-queue', 'Jobs']]),
    result: emptyResult(),
  };
}

describe('relativeToTemplate', () => {
  it.each([
    ['template.yaml', 'src/', 'src'],
    ['stacks/api/template.yaml', './src/handlers', 'stacks/api/src/handlers'],
    ['stacks/api/template.yaml', '../shared', 'stacks/shared'],
    ['stacks/template.yaml', '.', 'stacks'],
    ['template.yaml', '.', '.'],
    ['template.yaml', './', '.'],
    ['template.yaml', 'src\\win\\path', 'src/win/path'],
    ['template.yaml', 's3://bucket/key.zip', 's3://bucket/key.zip'],
    ['template.yaml', 'HTTPS://example.com/x.zip', 'HTTPS://example.com/x.zip'],
    ['template.yaml', '/abs/path', '/abs/path'],
    ['template.yaml', 'src///', 'src'],
    // A scheme counts only at the start: a path with `://` inside is a path.
    ['app/template.yaml', 'out/v1://x', 'app/out/v1:/x'],
    ['template.yaml', 'git+ssh://host/repo', 'git+ssh://host/repo'],
    ['template.yaml', '1s3://bucket/key', '1s3:/bucket/key'],
  ])('%s + %s = %s', (file, written, expected) => {
    expect(relativeToTemplate(file, written)).toBe(expected);
  });
});

describe('targetFunction', () => {
  it.each([
    ['!Ref Api', 'Api'],
    ['!GetAtt Worker.Arn', 'Worker'],
    ['!Sub "${Api.Arn}"', 'Api'],
    ['!Ref ApiAlias', 'Api'],
    // An alias of a function not in the template does not end the search.
    ['!Sub "${Orphan}-${Api.Arn}"', 'Api'],
    ['!Ref Api.Alias', 'Api'],
    ['api-fn', 'Api'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:api-fn', 'Api'],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:api-fn:live', 'Api'],
    ['!Join [":", [arn, aws, lambda, eu-west-1, "1", function, api-fn]]', 'Api'],
  ])('%s is %s', (yaml, name) => {
    expect(targetFunction(node(yaml), context())?.name).toBe(name);
  });

  it.each([['!Ref Orphan'], ['!Ref Jobs'], ['other-fn'], ['arn:aws:lambda:eu-west-1:1:function:other'], ['arn:aws:sqs:eu-west-1:1:api-fn'], ['x-arn:aws:lambda:eu-west-1:1:function:api-fn'], ['!Ref Unknown'], ['~']])('%s is none', (yaml) => {
    expect(targetFunction(node(yaml), context())).toBeUndefined();
  });

  it('no node, no function', () => {
    expect(targetFunction(undefined, context())).toBeUndefined();
  });
});

describe('eventSource and mentionedType', () => {
  it.each([
    ['!GetAtt Jobs.Arn', { ref: 'Jobs', queueId: 'template.yaml#Jobs' }],
    ['!GetAtt Table.StreamArn', { ref: 'Table' }],
    ['arn:aws:sqs:eu-west-1:123456789012:jobs-queue', { ref: 'arn:aws:sqs:eu-west-1:123456789012:jobs-queue', queueId: 'template.yaml#Jobs' }],
    ['arn:aws-us-gov:sqs:us-gov-west-1:1:jobs-queue', { ref: 'arn:aws-us-gov:sqs:us-gov-west-1:1:jobs-queue', queueId: 'template.yaml#Jobs' }],
    ['arn:aws:sqs:eu-west-1:123456789012:other', { ref: 'arn:aws:sqs:eu-west-1:123456789012:other' }],
    ['x-arn:aws:sqs:eu-west-1:123456789012:jobs-queue', { ref: 'x-arn:aws:sqs:eu-west-1:123456789012:jobs-queue' }],
    ['arn:aws:kinesis:eu-west-1:1:stream/jobs-queue', { ref: 'arn:aws:kinesis:eu-west-1:1:stream/jobs-queue' }],
    ['!ImportValue shared-queue', { ref: '!ImportValue shared-queue' }],
    ['[a, b]', { ref: '' }],
  ])('%s', (yaml, source) => {
    expect(eventSource(node(yaml), context())).toEqual(source);
  });

  it('no node, no source; types of mentioned resources', () => {
    const ctx = context();
    expect(eventSource(undefined, ctx)).toBeUndefined();
    expect(mentionedType(node('!GetAtt Table.StreamArn'), ctx)).toEqual({ type: 'AWS::DynamoDB::Table', attribute: 'StreamArn' });
    expect(mentionedType(node('!Ref Jobs'), ctx)).toEqual({ type: 'AWS::SQS::Queue', attribute: undefined });
    expect(mentionedType(node('!Ref Unknown'), ctx)).toBeUndefined();
    expect(mentionedType(undefined, ctx)).toBeUndefined();
  });
});
