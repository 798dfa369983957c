/**
 * Static evaluation of CloudFormation values (what a rule sees for `Timeout: !Ref T`, a `!Sub`
 * ARN, a `!FindInMap` memory size) and which resources a value mentions (how triggers, queues
 * and permissions are linked). Each intrinsic has cases that fold and cases that must stay a
 * reference: a guess would be a false finding.
 */
import { describe, expect, it } from 'vitest';
import { ExpansionBudget } from '../../src/loaders/expansion-budget.js';
import {
  booleanValue,
  dynamicReference,
  locatedNumber,
  locatedString,
  locatedStringList,
  mentionedResources,
  resolve,
  type CfnParameter,
  type CfnResource,
  type TemplateScope,
} from '../../src/loaders/cloudformation/values.js';
import { get, pairOf, parseYaml, type YMap, type YNode } from '../../src/loaders/yaml-tree.js';

const loc = { file: 't.yaml', line: 1, column: 1 };

function node(yaml: string): YNode {
  const parsed = parseYaml('t.yaml', `v: ${yaml}\n`);
  expect(parsed.diagnostics).toEqual([]);
  return get(parsed.documents[0], 'v')!;
}

function parameter(name: string, defaultYaml?: string, noEcho = false): [string, CfnParameter] {
  return [name, { name, defaultNode: defaultYaml === undefined ? undefined : node(defaultYaml), noEcho, loc }];
}

function resource(id: string, type: string): [string, CfnResource] {
  return [id, { id, type, node: { kind: 'map', pairs: [], loc } as YMap, properties: undefined, loc }];
}

function scope(budget?: ExpansionBudget): TemplateScope {
  return {
    parameters: new Map([
      parameter('Env', 'prod'),
      parameter('Size', '512'),
      parameter('Flag', 'true'),
      parameter('Secret', 'hunter2', true),
      parameter('NoDefault'),
      parameter('Computed', '!Ref AWS::Region'),
      parameter('Chained', '!Ref Env'),
    ]),
    resources: new Map([resource('Queue', 'AWS::SQS::Queue'), resource('Fn', 'AWS::Lambda::Function'), resource('Table', 'AWS::DynamoDB::Table')]),
    mappings: node('{ Sizes: { prod: { memory: 1024, name: big }, dev: { memory: 128 } } }'),
    budget,
  };
}

/** `literal <json>`, `<refType> <text>` (with ` noEcho`), or `none`. */
function show(yaml: string, s: TemplateScope = scope()): string {
  const r = resolve(node(yaml), s);
  if (r.kind === 'literal') return `literal ${JSON.stringify(r.value)}`;
  if (r.kind === 'reference') return `${r.ref.refType} ${r.ref.text}${r.ref.noEcho ? ' noEcho' : ''}`;
  return 'none';
}

describe('resolve', () => {
  it.each([
    ['plain', 'literal "plain"'],
    ['42', 'literal 42'],
    ['true', 'literal true'],
    ['~', 'none'],
    ['[a, b]', 'none'],
    ['{ a: 1 }', 'none'],
    ['{ a: 1, Ref: Env }', 'none'],
    ["'{{resolve:ssm:/app/size}}'", 'ssm {{resolve:ssm:/app/size}}'],
    ["'{{resolve:ssm-secure:/app/pw:1}}'", 'ssm {{resolve:ssm-secure:/app/pw:1}}'],
    ["'x-{{resolve:secretsmanager:db:SecretString:password}}'", 'secretsmanager x-{{resolve:secretsmanager:db:SecretString:password}}'],
    ["'{{resolve:other:x}}'", 'literal "{{resolve:other:x}}"'],
    ['!Ref Env', 'literal "prod"'],
    ['!Ref Size', 'literal 512'],
    ['!Ref Flag', 'literal true'],
    ['!Ref Secret', 'cfn-parameter !Ref Secret noEcho'],
    ['!Ref NoDefault', 'cfn-parameter !Ref NoDefault'],
    ['!Ref Computed', 'cfn-parameter !Ref Computed'],
    ['!Ref Chained', 'literal "prod"'],
    ['!Ref AWS::Region', 'cfn-ref !Ref AWS::Region'],
    ['!Ref Queue', 'cfn-ref !Ref Queue'],
    ['!Ref Unknown', 'cfn-ref !Ref Unknown'],
    ['!Ref', 'cfn-ref !Ref '],
    ['!GetAtt Queue.Arn', 'cfn-getatt !GetAtt Queue.Arn'],
    ['!ImportValue shared-arn', 'cfn-import !ImportValue shared-arn'],
    ['!Sub "${Env}-orders"', 'literal "prod-orders"'],
    ['!Sub "plain"', 'literal "plain"'],
    ['!Sub "${!Literal}-${Env}"', 'literal "${Literal}-prod"'],
    ['!Sub ["${A}-${Env}", { A: !Ref Size }]', 'literal "512-prod"'],
    ['!Sub ["${A}", { A: !GetAtt Queue.Arn }]', 'cfn-sub !Sub [${A}, { A: !GetAtt Queue.Arn }]'],
    ['!Sub "${Queue.Arn}"', 'cfn-sub !Sub ${Queue.Arn}'],
    ['!Sub "arn:${AWS::Partition}:s3:::b"', 'cfn-sub !Sub arn:${AWS::Partition}:s3:::b'],
    ['!Sub "${NoDefault}"', 'cfn-sub !Sub ${NoDefault}'],
    ['!Sub [42]', 'literal "42"'],
    ['!Sub [[a]]', 'cfn-sub !Sub [[a]]'],
    ['!Sub "{{resolve:ssm:/x}}"', 'ssm !Sub {{resolve:ssm:/x}}'],
    ['!Join ["-", [a, !Ref Env, 3]]', 'literal "a-prod-3"'],
    ['!Join ["", []]', 'literal ""'],
    ['!Join ["-", [a, !Ref NoDefault]]', 'cfn-intrinsic !Join [-, [a, !Ref NoDefault]]'],
    ["!Join ['-', [a, '{{resolve:ssm:/x}}']]", 'ssm !Join [-, [a, {{resolve:ssm:/x}}]]'],
    ["!Join ['-', [a, '{{resolve:secretsmanager:s}}']]", 'secretsmanager !Join [-, [a, {{resolve:secretsmanager:s}}]]'],
    ['!Join ["-", [a, ~]]', 'cfn-intrinsic !Join [-, [a, null]]'],
    ['!Join [!Ref NoDefault, [a]]', 'cfn-intrinsic !Join [!Ref NoDefault, [a]]'],
    ['!Join ["-", !Ref List]', 'cfn-intrinsic !Join [-, !Ref List]'],
    ['!Join ["-"]', 'cfn-intrinsic !Join [-]'],
    ['!Join "-"', 'cfn-intrinsic !Join -'],
    ['!Select [1, [a, b, c]]', 'literal "b"'],
    ['!Select ["0", [!Ref Env]]', 'literal "prod"'],
    ['!Select [5, [a]]', 'cfn-intrinsic !Select [5, [a]]'],
    ['!Select [!Ref NoDefault, [a]]', 'cfn-intrinsic !Select [!Ref NoDefault, [a]]'],
    ['!Select [0, !Ref List]', 'cfn-intrinsic !Select [0, !Ref List]'],
    ['!Select [0]', 'cfn-intrinsic !Select [0]'],
    ['!Select "0"', 'cfn-intrinsic !Select 0'],
    ['!FindInMap [Sizes, !Ref Env, memory]', 'literal 1024'],
    ['!FindInMap [Sizes, dev, memory]', 'literal 128'],
    ['!FindInMap [Sizes, dev, name]', 'cfn-intrinsic !FindInMap [Sizes, dev, name]'],
    ['!FindInMap [Sizes, dev, memory, { DefaultValue: 1 }]', 'literal 128'],
    ['!FindInMap [Sizes, !Ref NoDefault, memory]', 'cfn-intrinsic !FindInMap [Sizes, !Ref NoDefault, memory]'],
    ['!FindInMap [Sizes, dev]', 'cfn-intrinsic !FindInMap [Sizes, dev]'],
    ['!FindInMap Sizes', 'cfn-intrinsic !FindInMap Sizes'],
    ['!If [IsProd, a, b]', 'cfn-intrinsic !If [IsProd, a, b]'],
    ['!Base64 x', 'cfn-intrinsic !Base64 x'],
  ])('%s', (yaml, expected) => {
    expect(show(yaml)).toBe(expected);
  });

  it('stops at a depth of 20 nested intrinsics', () => {
    const nested = (n: number) => `${'!Select [0, ['.repeat(n)}x${']]'.repeat(n)}`;
    expect(show(nested(10))).toBe('literal "x"');
    expect(show(nested(21))).toMatch(/^cfn-intrinsic /);
  });

  it('an exhausted expansion budget makes values references', () => {
    // Each intrinsic costs at least 10 characters; `!Sub` then its template (22), each variable at least 10.
    const sub = '!Sub "${Env}-orders-and-more"';
    expect(show(sub, scope(new ExpansionBudget(9)))).toBe('cfn-intrinsic !Sub ${Env}-orders-and-more');
    expect(show(sub, scope(new ExpansionBudget(31)))).toBe('cfn-sub !Sub ${Env}-orders-and-more');
    expect(show(sub, scope(new ExpansionBudget(41)))).toBe('cfn-sub !Sub ${Env}-orders-and-more');
    expect(show(sub, scope(new ExpansionBudget(52)))).toBe('literal "prod-orders-and-more"');
    // `!Join`: 10, then each part with its separator at least 10 (a `!Ref` part costs its own 10 first).
    const join = '!Join ["-", [aaaa, bbbb]]';
    expect(show(join, scope(new ExpansionBudget(29)))).toBe('cfn-intrinsic !Join [-, [aaaa, bbbb]]');
    expect(show(join, scope(new ExpansionBudget(30)))).toBe('literal "aaaa-bbbb"');
    // Once spent, a budget stays spent, even for a cheaper value.
    const budget = new ExpansionBudget(29);
    expect(show(join, scope(budget))).toMatch(/^cfn-intrinsic /);
    expect(show('!Select [0, [a]]', scope(budget))).toMatch(/^cfn-intrinsic /);
    expect(budget.diagnostic()).toEqual({
      ruleId: 'parse-error',
      severity: 'warning',
      message: "Value expansion (Fn::Join) passed this file's budget of 29 characters: values built past it are unknown to the rules",
      loc: { file: 't.yaml', line: 1, column: 4 },
    });
    expect(new ExpansionBudget().limit).toBe(10_000_000);
    expect(new ExpansionBudget().diagnostic()).toBeUndefined();
  });
});

describe('located values', () => {
  const doc = parseYaml(
    't.yaml',
    [
      'Str: text', // 1
      'Num: 30', // 2
      'NumStr: "45"', // 3
      'Blank: " "', // 4
      'Bool: true', // 5
      'NaN: abc', // 6
      'Inf: .inf', // 7
      'RefNum: !Ref NoDefault', // 8
      'Null: ~', // 9
      'List: [a, 1]', // 10
      'ListRef: [a, !Ref NoDefault]', // 11
      'ListNone: [a, ~, b]', // 12
      'One: ReportBatchItemFailures', // 13
      'OneRef: !Ref NoDefault', // 14
      'BoolStr: "false"', // 15
      'BoolRef: !Ref Flag', // 16
      'Map: { a: 1 }', // 17
    ].join('\n'),
  ).documents[0];
  const p = (key: string) => pairOf(doc, key);
  const s = scope();
  const brief = (v: { value: unknown; loc: { line: number; column: number } } | undefined) => (v ? `${JSON.stringify(v.value)}@${v.loc.line}:${v.loc.column}` : 'undefined');

  it('strings', () => {
    expect(brief(locatedString(p('Str'), s))).toBe('"text"@1:1');
    expect(brief(locatedString(p('Num'), s))).toBe('"30"@2:1');
    expect(brief(locatedString(p('RefNum'), s))).toBe('{"kind":"reference","text":"!Ref NoDefault","refType":"cfn-parameter"}@8:1');
    expect(locatedString(p('Null'), s)).toBeUndefined();
    expect(locatedString(p('Map'), s)).toBeUndefined();
    expect(locatedString(undefined, s)).toBeUndefined();
  });

  it('numbers: numbers and numeric strings; other literals are not numbers', () => {
    expect(brief(locatedNumber(p('Num'), s))).toBe('30@2:1');
    expect(brief(locatedNumber(p('NumStr'), s))).toBe('45@3:1');
    expect(locatedNumber(p('Blank'), s)).toBeUndefined();
    expect(locatedNumber(p('Bool'), s)).toBeUndefined();
    expect(locatedNumber(p('NaN'), s)).toBeUndefined();
    expect(locatedNumber(p('Inf'), s)).toBeUndefined();
    expect(locatedNumber(p('Null'), s)).toBeUndefined();
    expect(locatedNumber(undefined, s)).toBeUndefined();
    expect(brief(locatedNumber(p('RefNum'), s))).toBe('{"kind":"reference","text":"!Ref NoDefault","refType":"cfn-parameter"}@8:1');
  });

  it('string lists: a list, one value, or one reference for the whole list', () => {
    expect(brief(locatedStringList(p('List'), s))).toBe('["a","1"]@10:1');
    expect(brief(locatedStringList(p('ListRef'), s))).toBe('{"kind":"reference","text":"!Ref NoDefault","refType":"cfn-parameter"}@11:1');
    expect(brief(locatedStringList(p('ListNone'), s))).toBe('["a","b"]@12:1');
    expect(brief(locatedStringList(p('One'), s))).toBe('["ReportBatchItemFailures"]@13:1');
    expect(brief(locatedStringList(p('OneRef'), s))).toBe('{"kind":"reference","text":"!Ref NoDefault","refType":"cfn-parameter"}@14:1');
    expect(locatedStringList(p('Null'), s)).toBeUndefined();
    expect(locatedStringList(undefined, s)).toBeUndefined();
  });

  it('booleans: literal, quoted, through a parameter', () => {
    expect(booleanValue(get(doc, 'Bool'), s)).toBe(true);
    expect(booleanValue(get(doc, 'BoolStr'), s)).toBe(false);
    expect(booleanValue(get(doc, 'BoolRef'), s)).toBe(true);
    expect(booleanValue(get(doc, 'RefNum'), s)).toBeUndefined();
    expect(booleanValue(get(doc, 'Str'), s)).toBeUndefined();
    expect(booleanValue(undefined, s)).toBeUndefined();
  });

  it('dynamic references', () => {
    expect(dynamicReference('{{resolve:ssm:/a}}')).toEqual({ kind: 'reference', text: '{{resolve:ssm:/a}}', refType: 'ssm' });
    expect(dynamicReference('{{resolve:ssm-secure:/a}}')?.refType).toBe('ssm');
    expect(dynamicReference('{{resolve:secretsmanager:a}}')?.refType).toBe('secretsmanager');
    expect(dynamicReference('{{resolve:ssm:/a')).toBeUndefined();
    expect(dynamicReference('{{resolve:s3:/a}}')).toBeUndefined();
  });
});

describe('mentionedResources', () => {
  it.each([
    ['!Ref Queue', [{ id: 'Queue' }]],
    ['!Ref Unknown', []],
    ['!Ref Fn.Version', [{ id: 'Fn', attribute: 'Version' }]],
    ['!Ref Other.Alias', []],
    ['!Ref', []],
    ['!GetAtt Queue.Arn', [{ id: 'Queue', attribute: 'Arn' }]],
    ['!GetAtt [Table, StreamArn]', [{ id: 'Table', attribute: 'StreamArn' }]],
    ['!GetAtt Unknown.Arn', []],
    ['!GetAtt Queue', [{ id: 'Queue', attribute: '' }]],
    ['!Sub "${Queue.Arn}/${Fn}/${!Queue}/${AWS::Region}/${Unknown}"', [{ id: 'Queue', attribute: 'Arn' }, { id: 'Fn' }]],
    ['!Sub ["${Q}-${Fn}", { Q: !GetAtt Queue.QueueName }]', [{ id: 'Queue', attribute: 'QueueName' }, { id: 'Fn' }]],
    ['!Sub ""', []],
    ['!Join [":", [a, !Ref Queue, [!GetAtt Fn.Arn]]]', [{ id: 'Queue' }, { id: 'Fn', attribute: 'Arn' }]],
    ['!If [C, !Ref Queue, !Ref Table]', [{ id: 'Queue' }, { id: 'Table' }]],
    ['{ Arn: !GetAtt Queue.Arn, Other: [!Ref Fn] }', [{ id: 'Queue', attribute: 'Arn' }, { id: 'Fn' }]],
    ['Queue', []],
  ])('%s', (yaml, mentions) => {
    expect(mentionedResources(node(yaml), scope())).toEqual(mentions);
  });

  it('stops at a depth of 20', () => {
    const nested = (n: number) => `${'['.repeat(n)}!Ref Queue${']'.repeat(n)}`;
    expect(mentionedResources(node(nested(20)), scope())).toEqual([{ id: 'Queue' }]);
    expect(mentionedResources(node(nested(21)), scope())).toEqual([]);
    expect(mentionedResources(undefined, scope())).toEqual([]);
  });
});
