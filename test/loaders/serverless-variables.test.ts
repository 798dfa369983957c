/**
 * Serverless variables resolved statically, form by form: what folds to a value, what falls back,
 * and what must stay a reference (deploy-time values; never the analysing machine's environment,
 * never a JavaScript resolver, never a file outside the project).
 */
import { describe, expect, it } from 'vitest';
import type { LoadDiagnostic } from '../../src/model/index.js';
import { ExpansionBudget } from '../../src/loaders/expansion-budget.js';
import { findVariables, hasVariables, parseDotenv, VariableResolver } from '../../src/loaders/serverless/variables.js';
import { get, parseYaml, type YNode } from '../../src/loaders/yaml-tree.js';
import { memoryHost } from './host.js';

interface Setup {
  files?: Record<string, string>;
  env?: Map<string, string>;
  serviceDir?: string;
  budget?: ExpansionBudget;
}

function resolver(config: string, setup: Setup = {}): { r: VariableResolver; root: YNode; diagnostics: LoadDiagnostic[] } {
  const root = parseYaml('serverless.yml', config).documents[0];
  const diagnostics: LoadDiagnostic[] = [];
  const r = new VariableResolver(root, { serviceDir: setup.serviceDir ?? '', host: memoryHost(setup.files ?? {}), diagnostics, env: setup.env, budget: setup.budget });
  return { r, root, diagnostics };
}

/** A resolved node as text: `"string"`, `42`, `ref(type: text)`, `[..]`, `{k: v}`. */
function show(node: YNode): string {
  switch (node.kind) {
    case 'scalar':
      return JSON.stringify(node.value);
    case 'ref':
      return `ref(${node.ref.refType}: ${node.ref.text})`;
    case 'seq':
      return `[${node.items.map(show).join(', ')}]`;
    case 'map':
      return `{${node.pairs.map((p) => `${p.key}: ${show(p.value)}`).join(', ')}}`;
  }
}

const CONFIG = [
  'service: orders',
  'provider:',
  '  name: aws',
  'custom:',
  '  name: table',
  '  n: 5',
  '  flag: true',
  '  list: [a, b]',
  '  nested: { deep: { value: x } }',
  '  stages: { dev: small, prod: big }',
  '  empty: ~',
].join('\n');

/** The value of `${yaml}` written as custom.v in CONFIG. */
function value(yaml: string, setup: Setup = {}): string {
  const { r, root } = resolver(`${CONFIG}\n  v: ${yaml}\n`, setup);
  return show(r.resolve(get(get(root, 'custom'), 'v')!));
}

describe('VariableResolver: sources', () => {
  it.each([
    ['${self:custom.name}', '"table"'],
    ['${self:custom.n}', '5'],
    ['${self:custom.flag}', 'true'],
    ['${self:custom.list}', '["a", "b"]'],
    ['${self:custom.list.1}', '"b"'],
    ['${self:custom.list.x}', 'ref(serverless-variable: ${self:custom.list.x})'],
    ['${self:custom.nested}', '{deep: {value: "x"}}'],
    ['${self:custom.nested.deep.value}', '"x"'],
    ['${self:custom.missing}', 'ref(serverless-variable: ${self:custom.missing})'],
    ['${self:custom.name.deeper}', 'ref(serverless-variable: ${self:custom.name.deeper})'],
    ['${self:service}', '"orders"'],
    ['${self:}', '{service: "orders", provider: {name: "aws"}, custom: {name: "table", n: 5, flag: true, list: ["a", "b"], nested: {deep: {value: "x"}}, stages: {dev: "small", prod: "big"}, empty: null, v: ref(serverless-variable: circular variable reference)}}'],
    ['${self:provider.stage}', '"dev"'],
    ['${self:provider.region}', '"us-east-1"'],
    ['"${self: custom.name }"', '"table"'],
    ['${sls:stage}', '"dev"'],
    ['"${sls: stage }"', '"dev"'],
    ['${self:custom.list.}', 'ref(serverless-variable: ${self:custom.list.})'],
    ['${sls:instanceId}', 'ref(serverless-variable: ${sls:instanceId})'],
    ['${opt:stage}', 'ref(serverless-variable: ${opt:stage})'],
    ['${env:HOME}', 'ref(serverless-variable: ${env:HOME})'],
    ['${ssm:/a/b}', 'ref(ssm: ${ssm:/a/b})'],
    ['${ssm(eu-west-1):/a/b}', 'ref(ssm: ${ssm(eu-west-1):/a/b})'],
    ['${cf:stack.Output}', 'ref(serverless-variable: ${cf:stack.Output})'],
    ['${s3:bucket/key}', 'ref(serverless-variable: ${s3:bucket/key})'],
    ['${self:custom.v}', 'ref(serverless-variable: circular variable reference)'],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toBe(expected);
  });

  it('env reads only the project dotenv values, never the machine environment', () => {
    expect(process.env.PATH).toBeDefined();
    expect(value('${env:PATH}')).toBe('ref(serverless-variable: ${env:PATH})');
    const env = new Map([['LEVEL', 'debug']]);
    expect(value('${env:LEVEL}', { env })).toBe('"debug"');
    expect(value('"${env: LEVEL }"', { env })).toBe('"debug"');
    expect(value('${env:OTHER, "info"}', { env })).toBe('"info"');
  });
});

describe('VariableResolver: fallbacks and literals', () => {
  it.each([
    ['${opt:stage, "dev"}', '"dev"'],
    ["${opt:stage, 'dev'}", '"dev"'],
    ['${opt:stage, 3}', '3'],
    ['${opt:stage, -1.5}', '-1.5'],
    ['${opt:stage, true}', 'true'],
    ['${opt:stage, false}', 'false'],
    ['${opt:stage, null}', 'null'],
    ['${opt:stage, self:custom.name}', '"table"'],
    ['${opt:stage, ${self:custom.name}}', '"table"'],
    ['${opt:stage, , "x"}', '"x"'],
    ['${opt:a, opt:b, "c"}', '"c"'],
    ['${opt:stage, ssm:/x, "d"}', 'ref(ssm: ${opt:stage, ssm:/x, "d"})'],
    ['${opt:stage, "a,b"}', '"a,b"'],
    ['${opt:stage, "x", "y"}', '"x"'],
    // A variable followed by text is no whole variable: the result names no source.
    ['${opt:stage, ${self:custom.name}-x}', 'ref(serverless-variable: ${opt:stage, ${self:custom.name}-x})'],
    ["${opt:stage, 'it''s'}", `"it''s"`],
    ['${opt:stage, "${self:custom.name}-x"}', '"table-x"'],
    ['${opt:stage, "x"}-${self:custom.name}', '"x-table"'],
    ['${opt:stage}', 'ref(serverless-variable: ${opt:stage})'],
    ['${opt:stage, not a variable!}', 'ref(serverless-variable: ${opt:stage, not a variable!})'],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toBe(expected);
  });
});

describe('VariableResolver: strings with variables', () => {
  it.each([
    ['pre-${self:custom.name}-post', '"pre-table-post"'],
    ['${self:custom.name}${self:custom.n}', '"table5"'],
    ['a-${self:custom.empty}-b', '"a--b"'],
    ['a-${self:custom.flag}', '"a-true"'],
    ['a-${ssm:/x}-${self:custom.name}', 'ref(ssm: a-${ssm:/x}-${self:custom.name})'],
    ['a-${self:custom.list}', 'ref(serverless-variable: a-${self:custom.list})'],
    ['a-${self:custom.list}-${ssm:/x}', 'ref(serverless-variable: a-${self:custom.list}-${ssm:/x})'],
    ['${self:custom.stages.${sls:stage}}', '"small"'],
    ['${self:custom.stages.${opt:stage, "prod"}}', '"big"'],
    ['${self:custom.stages.${ssm:/s}}', 'ref(ssm: ${self:custom.stages.${ssm:/s}})'],
    ['${self:custom.stages.${self:custom.list}}', 'ref(serverless-variable: ${self:custom.stages.${self:custom.list}})'],
    ['"arn:${AWS::Region}:x"', '"arn:${AWS::Region}:x"'],
    ['"${Foo}-${Bar.Arn}"', '"${Foo}-${Bar.Arn}"'],
    ['"${ unclosed"', '"${ unclosed"'],
    ['"x ${self:custom.name"', '"x ${self:custom.name"'],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toBe(expected);
  });

  it('keeps the location of the node the variable is written in', () => {
    const { r, root } = resolver(`${CONFIG}\n  v: \${self:custom.name}\n  w: x-\${self:custom.n}\n  u: \${ssm:/p}\n`);
    const custom = get(root, 'custom');
    for (const key of ['v', 'w', 'u']) {
      const raw = get(custom, key)!;
      expect(r.resolve(raw).loc, key).toEqual(raw.loc);
    }
    // A map or list taken whole keeps its own locations.
    const list = get(custom, 'list')!;
    const { r: r2, root: root2 } = resolver(`${CONFIG}\n  v: \${self:custom.list}\n`);
    expect(r2.resolve(get(get(root2, 'custom'), 'v')!).loc).toEqual(list.loc);
  });

  it('findVariables and hasVariables: outermost Serverless variables only', () => {
    expect(findVariables('a ${self:x} b ${env:Y, "z"} ${AWS::Region} ${Foo} ${ ${self:a} }')).toEqual([
      { start: 2, end: 11, body: 'self:x' },
      { start: 14, end: 27, body: 'env:Y, "z"' },
      { start: 50, end: 64, body: ' ${self:a} ' },
    ]);
    expect(findVariables('${file(./a.yml):b}')).toEqual([{ start: 0, end: 18, body: 'file(./a.yml):b' }]);
    expect(findVariables('${self:a.${opt:b}}')).toEqual([{ start: 0, end: 18, body: 'self:a.${opt:b}' }]);
    expect(findVariables('${self:a')).toEqual([]);
    expect(findVariables('${AWS::Region}')).toEqual([]);
    expect(findVariables('${1x:y}')).toEqual([]);
    expect(hasVariables('${self:a}')).toBe(true);
    expect(hasVariables('${Foo}')).toBe(false);
    expect(hasVariables('plain')).toBe(false);
  });
});

describe('VariableResolver: files', () => {
  const files = {
    'config/app.yml': 'table: orders\nnested:\n  value: 7\nlist: [x]\n',
    'config/app.json': '{ "table": "json-orders" }',
    'config/broken.yml': 'a: [x\n',
    'config/empty.yml': '',
    'notes.txt': 'plain text',
    'api/local.yml': 'x: local\n',
    'handler.js': 'module.exports = {}',
    'resolver.ts': 'export default {}',
    'plugin.cjs': 'module.exports = {}',
    'config/app.yaml': 'table: yaml-orders\n',
    // Present in the host, but outside the project or a home path: never read.
    '~/secrets.yml': 'x: leaked\n',
    '..': 'x: leaked\n',
  };

  it.each([
    ['${file(./config/app.yml):table}', '"orders"'],
    ['${file(config/app.yml):nested.value}', '7'],
    ['${file(./config/app.yml)}', '{table: "orders", nested: {value: 7}, list: ["x"]}'],
    ['${file(./config/app.yml):}', '{table: "orders", nested: {value: 7}, list: ["x"]}'],
    ["${file('./config/app.yml'):table}", '"orders"'],
    ['${file("./config/app.json"):table}', '"json-orders"'],
    ['${file(./config/app.yml):missing}', 'ref(serverless-variable: ${file(./config/app.yml):missing})'],
    ['${file(./config/app.yml):missing, "fb"}', '"fb"'],
    ['${file(./nope.yml):x, "fb"}', '"fb"'],
    ['${file(./nope.yml):x}', 'ref(serverless-variable: ${file(./nope.yml):x})'],
    ['${file(./notes.txt)}', '"plain text"'],
    // A file with a syntax error gives what could be parsed (and a parse-error); an empty one nothing.
    ['${file(./config/broken.yml):a, "fb"}', '["x"]'],
    ['${file(./config/empty.yml):a, "fb"}', 'ref(serverless-variable: ${file(./config/empty.yml):a, "fb"})'],
    ['${file(./handler.js):x, "fb"}', 'ref(serverless-variable: ${file(./handler.js):x, "fb"})'],
    ['${file(./resolver.ts)}', 'ref(serverless-variable: ${file(./resolver.ts)})'],
    ['${file(../outside.yml):x}', 'ref(serverless-variable: ${file(../outside.yml):x})'],
    ['${file(/etc/passwd)}', 'ref(serverless-variable: ${file(/etc/passwd)})'],
    ['${file(~/secrets.yml):x}', 'ref(serverless-variable: ${file(~/secrets.yml):x})'],
    ['${file():x}', 'ref(serverless-variable: ${file():x})'],
    ['${file(..)}', 'ref(serverless-variable: ${file(..)})'],
    ['${file(./plugin.cjs)}', 'ref(serverless-variable: ${file(./plugin.cjs)})'],
    ['${file(./config/app.yaml):table}', '"yaml-orders"'],
    ['${file(.\\config\\app.yml):table}', '"orders"'],
  ])('%s', (yaml, expected) => {
    expect(value(yaml, { files })).toBe(expected);
  });

  it('paths are relative to the service folder; only files that exist and parse are included', () => {
    const { r, root, diagnostics } = resolver(`${CONFIG}\n  a: \${file(./local.yml):x}\n  b: \${file(../config/app.yml):table}\n  c: \${file(./broken.yml):a}\n  d: \${file(./missing.yml):a, 1}\n  e: \${file(../../x.yml):a, 2}\n`, {
      serviceDir: 'api',
      files: { ...files, 'api/broken.yml': 'a: [x\n' },
    });
    const custom = get(root, 'custom');
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => show(r.resolve(get(custom, k)!)))).toEqual([
      '"local"',
      '"orders"',
      '["x"]',
      '1',
      'ref(serverless-variable: ${file(../../x.yml):a, 2})',
    ]);
    expect(r.includedFiles()).toEqual(['api/broken.yml', 'api/local.yml', 'config/app.yml']);
    expect(diagnostics.map((d) => `${d.ruleId}@${d.loc.file}`)).toEqual(['parse-error@api/broken.yml']);
  });
});

describe('VariableResolver: stage, children and limits', () => {
  it('the stage: provider.stage resolved, dev by default, unknown when it cannot be resolved', () => {
    expect(resolver('provider:\n  stage: prod\n').r.stage()).toBe('prod');
    expect(resolver('provider:\n  stage: ${opt:stage, "qa"}\n').r.stage()).toBe('qa');
    expect(resolver('provider:\n  stage: 2\n').r.stage()).toBe('2');
    expect(resolver('provider:\n  name: aws\n').r.stage()).toBe('dev');
    expect(resolver('service: x\n').r.stage()).toBe('dev');
    expect(resolver('provider:\n  stage: ${ssm:/stage}\n').r.stage()).toBeUndefined();
    expect(resolver('provider:\n  stage: ~\n').r.stage()).toBeUndefined();
    const { r, root } = resolver('provider:\n  stage: ${ssm:/stage}\ncustom:\n  v: ${sls:stage}\n');
    expect(show(r.resolve(get(get(root, 'custom'), 'v')!))).toBe('ref(serverless-variable: ${sls:stage})');
  });

  it('child: the last of duplicate keys, list indexes, through whole-node variables', () => {
    const { r, root } = resolver('a: 1\na: 2\nlist: [x, y]\nalias: ${self:list}\n');
    expect(show(r.child(root, 'a')!)).toBe('2');
    expect(show(r.child(r.child(root, 'list'), '1')!)).toBe('"y"');
    expect(r.child(r.child(root, 'list'), 'first')).toBeUndefined();
    expect(show(r.child(r.child(root, 'alias'), '0')!)).toBe('"x"');
    expect(r.child(root, 'missing')).toBeUndefined();
    expect(r.child(undefined, 'a')).toBeUndefined();
    expect(r.child(r.child(root, 'a'), 'x')).toBeUndefined();
    expect(r.shallow(undefined)).toBeUndefined();
  });

  it('setEnv forgets values resolved before', () => {
    const { r, root } = resolver('custom:\n  v: ${env:LEVEL, "info"}\n');
    const node = get(get(root, 'custom'), 'v')!;
    expect(show(r.resolve(node))).toBe('"info"');
    r.setEnv(new Map([['LEVEL', 'debug']]));
    expect(show(r.resolve(node))).toBe('"debug"');
  });

  it('deep chains end in a reference at the depth limit', () => {
    const chain = (n: number) => `custom:\n${Array.from({ length: n }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}`).join('\n')}\n  v${n}: end\n`;
    const short = resolver(chain(20));
    expect(show(short.r.resolve(get(get(short.root, 'custom'), 'v0')!))).toBe('"end"');
    const long = resolver(chain(21));
    expect(show(long.r.resolve(get(get(long.root, 'custom'), 'v0')!))).toBe('ref(serverless-variable: ${self:custom.v21})');
  });

  it('a spent expansion budget makes strings references', () => {
    const budget = new ExpansionBudget(15);
    const { r, root } = resolver('custom:\n  a: xxxxxxxxxxxxxxxxxxxxxxxx\n  v: pre-${self:custom.a}\n  w: ${self:custom.a}\n', { budget });
    expect(show(r.resolve(get(get(root, 'custom'), 'v')!))).toBe('ref(serverless-variable: pre-${self:custom.a})');
    expect(show(r.resolve(get(get(root, 'custom'), 'w')!))).toBe('ref(serverless-variable: ${self:custom.a})');
    expect(budget.exhausted?.what).toBe('serverless variables');
  });
});

describe('parseDotenv', () => {
  it('reads KEY=value lines with export, quotes and comments', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B = two words ',
      'C="quoted # not a comment"',
      "D='single'",
      'E=`back`',
      'F="line\\nbreak"',
      "G='no\\nescape'",
      'H=value # comment',
      'I=value#not-a-comment',
      'J=',
      'K.dotted-name=x',
      'not a line',
      '  L=indented',
      'M="unclosed',
      'N=#hash',
    ].join('\r\n');
    expect(Object.fromEntries(parseDotenv(text))).toEqual({
      A: '1',
      B: 'two words',
      C: 'quoted # not a comment',
      D: 'single',
      E: 'back',
      F: 'line\nbreak',
      G: 'no\\nescape',
      H: 'value',
      I: 'value#not-a-comment',
      J: '',
      'K.dotted-name': 'x',
      L: 'indented',
      M: '"unclosed',
      N: '#hash',
    });
  });
});
