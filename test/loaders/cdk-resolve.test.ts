/**
 * The static reader under the CDK loader (src/loaders/cdk/resolve.ts): which aws-cdk-lib export an
 * expression names, constant values of the file, props objects and the constructs a name holds.
 */
import { describe, expect, it } from 'vitest';
import type * as TS from 'typescript';
import { ts } from '../../src/typescript-api.js';
import { CdkSource, canonicalModule, skipOuter, withBindings } from '../../src/loaders/cdk/resolve.js';

const FILE = 'app/lib/stack.ts';

/** A reader of `text` as app/lib/stack.ts in the CDK app app/. */
const source = (text: string) => new CdkSource(FILE, text, 'app');

/** The initializer of the variable `name` declared anywhere in the file. */
function init(src: CdkSource, name: string): TS.Expression {
  let found: TS.Expression | undefined;
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(src.sf);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

/** What `evaluate` gives for each variable, as `value` or `?text`. */
function values(text: string, names: string[]): Record<string, unknown> {
  const src = source(text);
  return Object.fromEntries(
    names.map((name) => {
      const v = src.evaluate(init(src, name));
      return [name, v.kind === 'value' ? v.value : `?${v.text}`];
    }),
  );
}

describe('canonicalModule', () => {
  it.each([
    ['aws-cdk-lib', ''],
    ['@aws-cdk/core', ''],
    ['aws-cdk-lib/core', ''],
    ['aws-cdk-lib/aws-lambda', 'aws-lambda'],
    ['@aws-cdk/aws-lambda', 'aws-lambda'],
    ['@aws-cdk/aws-lambda-python-alpha', 'aws-lambda-python'],
    ['aws-cdk-lib/aws-lambda-nodejs', 'aws-lambda-nodejs'],
    ['aws-cdk-lib/aws-s3', 'aws-s3'],
  ])('%s is %j', (spec, module) => {
    expect(canonicalModule(spec)).toBe(module);
  });

  it.each([['constructs'], ['my-aws-cdk-lib/aws-lambda'], ['aws-cdk-lib/aws-lambda/lib'], ['aws-cdk-lib/'], ['@aws-cdk/Aws-Lambda'], ['aws-cdk-lib/aws_lambda'], ['@aws-cdk']])('%s is not the CDK', (spec) => {
    expect(canonicalModule(spec)).toBeUndefined();
  });
});

describe('qualify', () => {
  const text = [
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import cdk, { Duration as D, Stack } from 'aws-cdk-lib';",
    "import s3 = require('aws-cdk-lib/aws-s3');",
    "import { Bucket } from './local';",
    "const sqs = require('aws-cdk-lib/aws-sqs');",
    "const { Topic, Subscription: Sub } = require('aws-cdk-lib/aws-sns');",
    "const notCdk = require('lodash');",
    "const fake = load('aws-cdk-lib/aws-lambda');",
    "function nested() { const lambda = require('lodash'); const r = lambda.Function; return r; }",
    'const a = lambda.Function;',
    'const b = cdk.aws_lambda_nodejs.NodejsFunction;',
    'const c = D.seconds;',
    'const d = Stack;',
    'const e = s3.Bucket;',
    'const f = sqs.Queue;',
    'const g = Topic;',
    'const h = Sub;',
    'const i = Bucket;',
    'const j = notCdk.x;',
    'const k = (lambda as any).Runtime.NODEJS_22_X;',
    'const l = cdk.Duration.minutes;',
    'function shadow(lambda: any) { const m = lambda.Function; return m; }',
    'const n = this.lambda;',
    'const o = lambda["Function"];',
    'const p = fake.Function;',
    'const q = lambda.aws_events.Rule;',
  ].join('\n');
  const src = source(text);
  it.each([
    ['a', 'aws-lambda:Function'],
    ['b', 'aws-lambda-nodejs:NodejsFunction'],
    ['c', ':Duration.seconds'],
    ['d', ':Stack'],
    ['e', 'aws-s3:Bucket'],
    ['f', 'aws-sqs:Queue'],
    ['g', 'aws-sns:Topic'],
    ['h', 'aws-sns:Subscription'],
    ['i', undefined],
    ['j', undefined],
    ['k', 'aws-lambda:Runtime.NODEJS_22_X'],
    ['l', ':Duration.minutes'],
    ['m', undefined],
    ['n', undefined],
    ['o', undefined],
    ['p', undefined],
    // A local `require` of another module inside a function shadows the import.
    ['r', undefined],
    // Only aws-cdk-lib's root re-exports modules as `aws_*`.
    ['q', 'aws-lambda:aws_events.Rule'],
  ])('%s names %s', (name, key) => {
    expect(src.qualify(init(src, name))).toBe(key);
  });

  it('a file importing the CDK, and one that does not', () => {
    expect(src.importsCdk).toBe(true);
    expect(source("import { x } from './local';\nconst notCdk = require('lodash');\nimport y = require('z');").importsCdk).toBe(false);
    expect(source("import 'aws-cdk-lib';").importsCdk).toBe(false);
    expect(source("const x = load('aws-cdk-lib');").importsCdk).toBe(false);
    expect(source("const { Duration } = require('aws-cdk-lib');").importsCdk).toBe(true);
  });
});

describe('evaluate', () => {
  it('literals, templates, arithmetic and constants of the file', () => {
    const text = [
      "const name = 'orders';",
      'const n = 6;',
      'let once = 2;',
      'let twice = 1;',
      'twice = 3;',
      "const CONFIG = { timeout: 30, nested: { memory: 512 }, 'quoted-key': 'q' };",
      "const key = 'timeout';",
      'const s = "str";',
      'const nst = `plain`;',
      'const num = 1.5e3;',
      'const t = true;',
      'const f = false;',
      'const tpl = `${name}-${n}x`;',
      'const tplUnknown = `${name}-${process.env.STAGE}`;',
      'const neg = -n;',
      'const pos = +n;',
      "const negString = -'a';",
      'const notNumber = !t;',
      'const add = n + 4;',
      "const concat = name + '-' + n;",
      'const sub = n - 10;',
      "const subString = name - 1;",
      'const mul = n * 7;',
      "const mulString = name * 2;",
      'const div = n / 4;',
      'const divZero = n / 0;',
      "const divString = name / 2;",
      'const mod = n % 4;',
      'const unknownSide = n + process.env.X;',
      'const member = CONFIG.timeout;',
      'const deep = CONFIG.nested.memory;',
      "const element = CONFIG['quoted-key'];",
      'const byKey = CONFIG[key];',
      'const byUnknownKey = CONFIG[process.env.K];',
      'const missing = CONFIG.nothing;',
      'const onceValue = once;',
      'const twiceValue = twice;',
      'const fallback = n ?? 9;',
      'const cast = (n as number)!;',
      'const external = process.env.STAGE;',
    ].join('\n');
    expect(
      values(text, [
        's', 'nst', 'num', 't', 'f', 'tpl', 'tplUnknown', 'neg', 'pos', 'negString', 'notNumber', 'add', 'concat', 'sub', 'subString', 'mul', 'mulString', 'div', 'divZero', 'divString', 'mod',
        'unknownSide', 'member', 'deep', 'element', 'byKey', 'byUnknownKey', 'missing', 'onceValue', 'twiceValue', 'fallback', 'cast', 'external',
      ]),
    ).toEqual({
      s: 'str',
      nst: 'plain',
      num: 1500,
      t: true,
      f: false,
      tpl: 'orders-6x',
      tplUnknown: '?`${name}-${process.env.STAGE}`',
      neg: -6,
      pos: 6,
      negString: "?-'a'",
      notNumber: '?!t',
      add: 10,
      concat: 'orders-6',
      sub: -4,
      subString: '?name - 1',
      mul: 42,
      mulString: '?name * 2',
      div: 1.5,
      divZero: '?n / 0',
      divString: '?name / 2',
      mod: '?n % 4',
      unknownSide: '?n + process.env.X',
      member: 30,
      deep: 512,
      element: 'q',
      byKey: 30,
      byUnknownKey: '?CONFIG[process.env.K]',
      missing: '?CONFIG.nothing',
      onceValue: 2,
      twiceValue: '?twice',
      fallback: 6,
      cast: 6,
      external: '?process.env.STAGE',
    });
  });

  it('paths: __dirname, __filename, process.cwd(), path.join and path.resolve, relative to the analysis root', () => {
    const text = [
      "import * as path from 'path';",
      "import { join } from 'path';",
      "const j = path.join(__dirname, '..', 'lambda', 'orders');",
      "const bare = join(__dirname, 'x.ts');",
      'const file = __filename;',
      'const cwd = process.cwd();',
      "const resolved = path.resolve(__dirname, '../src');",
      "const fromApp = path.resolve('assets');",
      "const absolute = path.resolve('assets', '/opt/code', 'fn');",
      "const relative = 'functions/./orders/../users';",
      "const unknownPart = path.join(__dirname, process.env.DIR);",
      "const numberPart = path.join(__dirname, 5);",
      "const otherJoin = other.join('a', 'b');",
      "const cwdWithArg = process.cwd('x');",
      "const label = `${__dirname}/x`;",
    ].join('\n');
    const src = source(text);
    const path = (name: string) => {
      const v = src.pathValue(init(src, name));
      return v.kind === 'value' ? v.value : `?${v.text}`;
    };
    expect(['j', 'bare', 'file', 'cwd', 'resolved', 'fromApp', 'absolute', 'relative', 'unknownPart', 'numberPart', 'otherJoin', 'cwdWithArg'].map((n) => `${n} ${String(path(n))}`)).toEqual([
      'j app/lambda/orders',
      'bare app/lib/x.ts',
      'file app/lib/stack.ts',
      'cwd app',
      'resolved app/src',
      'fromApp app/assets',
      'absolute /opt/code/fn',
      'relative app/functions/users',
      'unknownPart ?path.join(__dirname, process.env.DIR)',
      'numberPart ?path.join(__dirname, 5)',
      'otherJoin ?other.join(\'a\', \'b\')',
      "cwdWithArg ?process.cwd('x')",
    ]);
    // A number is not a path; a string built from __dirname is shown without the root marker.
    expect(source('const n = 5;').pathValue(init(source('const n = 5;'), 'n'))).toMatchObject({ kind: 'unknown', text: '5' });
    const label = src.evaluate(init(src, 'label'));
    expect(label.kind === 'value' && src.cleanString(String(label.value))).toBe('app/lib/x');
    expect(src.cleanString(String((src.evaluate(init(src, 'cwd')) as { value: string }).value))).toBe('app');
  });

  it('join keeps a relative path as written; resolve starts at the app; posix is path', () => {
    const text = [
      "import * as path from 'path';",
      "import { posix } from 'path';",
      "const joined = path.join('a', 'b');",
      "const resolved = path.resolve('a', 'b');",
      "const viaPosix = posix.join('c', 'd');",
    ].join('\n');
    const src = source(text);
    const shown = (name: string) => {
      const v = src.evaluate(init(src, name));
      return v.kind === 'value' ? src.cleanString(String(v.value)) : `?${v.text}`;
    };
    expect(['joined', 'resolved', 'viaPosix'].map(shown)).toEqual(['a/b', 'app/a/b', 'c/d']);
  });

  it('a stack at the root of an app at the analysis root: the root itself is "."', () => {
    const text = ["import * as path from 'path';", 'const cwd = process.cwd();', "const up = path.join(__dirname, 'lib', '../');", 'const label = `${__dirname}`;', "const suffixed = __dirname + '!';"].join('\n');
    const src = new CdkSource('stack.ts', text, '.');
    const path = (name: string) => {
      const v = src.pathValue(init(src, name));
      return v.kind === 'value' ? v.value : `?${v.text}`;
    };
    expect(path('cwd')).toBe('.');
    expect(path('up')).toBe('.');
    const shown = (name: string) => src.cleanString(String((src.evaluate(init(src, name)) as { value: string }).value));
    expect(shown('label')).toBe('.');
    expect(shown('suffixed')).toBe('.!');
  });

  it('a local named __dirname or __filename is that local, not the file', () => {
    const text = "const __dirname = 'declared';\nconst d = __dirname;\nfunction f(__filename: string) { const n = __filename; return n; }";
    expect(values(text, ['d', 'n'])).toEqual({ d: 'declared', n: '?__filename' });
  });

  it('toRootRelative and cleanString', () => {
    const src = source('');
    expect(src.toRootRelative('/opt/x')).toBe('/opt/x');
    expect(src.toRootRelative('lambda/./a')).toBe('app/lambda/a');
    expect(src.toRootRelative('../outside')).toBe('outside');
    expect(src.cleanString('no marker')).toBe('no marker');
  });

  it('text of an expression: whitespace collapsed, cut at 200 characters', () => {
    const long = `'${'x'.repeat(250)}'`;
    const src = source(`const spaced = a  +\n    b;\nconst long = ${long};\nconst exact = '${'y'.repeat(198)}';`);
    expect(src.text(init(src, 'spaced'))).toBe('a + b');
    expect(src.text(init(src, 'long'))).toBe(`${long.slice(0, 197)}...`);
    expect(src.text(init(src, 'exact'))).toBe(`'${'y'.repeat(198)}'`);
  });
});

describe('fallbacks and bindings (a wrapper construct read for one instantiation)', () => {
  const text = [
    "import { Construct } from 'constructs';",
    'class Fn extends Construct {',
    "  constructor(scope: Construct, id: string, props: any, { mode = 'fast', level }: any = {}) {",
    '    super(scope, id);',
    '    const memory = props.memorySize ?? 256;',
    '    const timeout = props.timeout || 3;',
    "    const name = props.name ?? 'default';",
    '    const chosen = mode;',
    '    const lvl = level ?? 1;',
    '  }',
    '}',
    "new Fn(this, 'A', { memorySize: 1024, name: 'a' }, { level: 5 });",
    "new Fn(this, 'B', {});",
    "new Fn(this, 'C', { ...shared }, { ...more });",
    "new Fn(this, 'D');",
  ].join('\n');
  const src = source(text);
  const ctor = (src.sf.statements[1] as TS.ClassDeclaration).members.find(ts.isConstructorDeclaration)!;
  const instantiation = (i: number) => ((src.sf.statements[2 + i] as TS.ExpressionStatement).expression as TS.NewExpression).arguments;
  const read = (args: readonly TS.Expression[] | undefined) =>
    withBindings(src, ctor.parameters, args, () =>
      Object.fromEntries(['memory', 'timeout', 'name', 'chosen', 'lvl'].map((n) => {
        const v = src.evaluate(init(src, n));
        return [n, v.kind === 'value' ? v.value : '?'];
      })),
    );

  it('a set prop wins; an unset one takes the fallback; spread props may set anything', () => {
    expect(read(instantiation(0))).toEqual({ memory: 1024, timeout: 3, name: 'a', chosen: 'fast', lvl: 5 });
    expect(read(instantiation(1))).toEqual({ memory: 256, timeout: 3, name: 'default', chosen: 'fast', lvl: 1 });
    expect(read(instantiation(2))).toEqual({ memory: '?', timeout: '?', name: '?', chosen: '?', lvl: '?' });
    expect(read(instantiation(3))).toEqual({ memory: 256, timeout: 3, name: 'default', chosen: 'fast', lvl: 1 });
  });

  it('outside an instantiation a prop is unknown, never its fallback', () => {
    expect(values(text, ['memory', 'timeout', 'lvl'])).toEqual({ memory: '?props.memorySize ?? 256', timeout: '?props.timeout || 3', lvl: '?level ?? 1' });
  });

  it('constants: a fallback after a known value, two declarations, a destructuring default, a reassigned field', () => {
    const consts = [
      'const known = 7;',
      'const viaKnown = known ?? 1;',
      'var twice = 1;',
      'var twice = 2;',
      'const viaTwice = twice ?? 3;',
      'const { port = 8080 } = {};',
      'const viaPort = port;',
      'class K {',
      '  x = 1;',
      '  y = 2;',
      '  m() { this.x = 5; const viaX = this.x; const viaY = this.y; return [viaX, viaY]; }',
      '}',
    ].join('\n');
    expect(values(consts, ['viaKnown', 'viaTwice', 'viaPort', 'viaX', 'viaY'])).toEqual({ viaKnown: 7, viaTwice: '?twice ?? 3', viaPort: 8080, viaX: '?this.x', viaY: 2 });
  });

  it('fallback chains are bounded: 25 links per pick, 25 picks per evaluation, so c0 stops at c626', () => {
    const chain = (n: number) => [...Array.from({ length: n }, (_, i) => `const c${i} = c${i + 1} ?? 'x';`), `const c${n} = 'end';`].join('\n');
    expect(values(chain(600), ['c0'])).toEqual({ c0: 'end' });
    expect(values(chain(700), ['c0'])).toEqual({ c0: "?c626 ?? 'x'" });
  });
});

describe('props', () => {
  it('object literals through consts and spreads; later keys win; computed keys skipped; what cannot be followed is unknown', () => {
    const text = [
      "const base = { memorySize: 256, timeout: 10, 'quoted': 1 };",
      'const p = { ...base, memorySize: 512, handler, [computed]: 1, 7: "seven" };',
      'const q = { ...elsewhere, a: 1 };',
      'const r = base;',
    ].join('\n');
    const src = source(text);
    const p = src.props(init(src, 'p'));
    expect(p.entries().map((e) => `${e.key}=${src.text(e.value)}`)).toEqual(['timeout=10', 'quoted=1', 'memorySize=512', 'handler=handler', '7="seven"']);
    expect(p.unknown).toBeUndefined();
    expect(p.get('memorySize') && src.text(p.get('memorySize')!.node)).toBe('memorySize: 512');
    const twoSpreads = source('const t = { ...one, ...two };');
    expect(twoSpreads.text(twoSpreads.props(init(twoSpreads, 't')).unknown!)).toBe('one');
    const q = src.props(init(src, 'q'));
    expect(q.entries().map((e) => e.key)).toEqual(['a']);
    expect(q.unknown && src.text(q.unknown)).toBe('elsewhere');
    expect(src.props(init(src, 'r')).entries().map((e) => e.key)).toEqual(['memorySize', 'timeout', 'quoted']);
    expect(src.props(undefined).entries()).toEqual([]);
    expect(src.props(undefined).unknown).toBeUndefined();
  });
});

describe('constructs', () => {
  it('follows variables, conditionals, ??, returns, parameters of local calls, fields and versions', () => {
    const text = [
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      'class S {',
      '  fn: any;',
      '  constructor(flag: boolean) {',
      "    const a = new lambda.Function(this, 'A', {});",
      "    const b = new lambda.Function(this, 'B', {});",
      '    const either = flag ? a : b;',
      '    const fallback = maybe ?? a;',
      "    this.fn = new lambda.Function(this, 'C', {});",
      '    const field = this.fn;',
      '    const made = this.make();',
      '    use(b);',
      '    const version = a.currentVersion;',
      '    const other = a.functionName;',
      '    const plain = 5;',
      '  }',
      "  make() { return new lambda.Function(this, 'D', {}); }",
      '}',
      'function use(p: any) { const param = p; return param; }',
      "const arrow = () => new lambda.Function(this, 'E', {});",
      'const fromArrow = arrow();',
      "function outer() { const inner = () => { return new lambda.Function(this, 'F', {}); }; return inner; }",
      'const fromOuter = outer();',
    ].join('\n');
    const src = source(text);
    const ids = (name: string) => src.constructs(init(src, name)).map((n) => src.text(n.arguments![1]));
    expect(ids('either')).toEqual(["'A'", "'B'"]);
    expect(ids('fallback')).toEqual(["'A'"]);
    expect(ids('field')).toEqual(["'C'"]);
    expect(ids('made')).toEqual(["'D'"]);
    expect(ids('param')).toEqual(["'B'"]);
    expect(ids('version')).toEqual(["'A'"]);
    expect(ids('other')).toEqual([]);
    expect(ids('plain')).toEqual([]);
    expect(ids('fromArrow')).toEqual(["'E'"]);
    // The returns of a function nested in the called one are not its returns.
    expect(ids('fromOuter')).toEqual([]);
    expect(src.constructs(undefined)).toEqual([]);
  });
});

describe('skipOuter', () => {
  it('skips parentheses, as, !, satisfies and <T> casts', () => {
    const src = source('const x = (<any>((y as any)! satisfies unknown));');
    expect(src.text(skipOuter(init(src, 'x')))).toBe('y');
  });
});

describe('imports that are not CDK bindings', () => {
  it('an import alias of a namespace member, a require through an object or of a computed name, a bare declaration: none is an import', () => {
    const src = source([
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      'import Fn = lambda.Function;',
      "const viaObject = loader.require('aws-cdk-lib/aws-sqs');",
      "const name = 'aws-cdk-lib/aws-sns';",
      'const computed = require(name);',
      'const noArgs = require();',
      'let declared: any;',
      'const a = Fn;',
      'const b = viaObject.Queue;',
      'const c = computed.Topic;',
      "const [first] = require('aws-cdk-lib/aws-s3');",
      'const d = noArgs.X;',
      'const e = lambda.Function;',
      'const f = first.Bucket;',
    ].join('\n'));
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => src.qualify(init(src, n)))).toEqual([undefined, undefined, undefined, undefined, 'aws-lambda:Function', undefined]);
    expect(source("const [first] = require('aws-cdk-lib');").importsCdk).toBe(false);
  });
});

describe('evaluate: names with several values, helper functions of the file', () => {
  it('a name declared twice has no value; a single declaration has; an array pattern is not followed', () => {
    expect(values('var v = 1;\nvar v = 2;\nconst twice = v;\nvar w = 3;\nconst once = w;\nconst [first = 1] = {} as any;\nconst fi = first ?? 2;', ['twice', 'once', 'fi'])).toEqual({ twice: '?v', once: 3, fi: '?first ?? 2' });
  });

  it('helpers return strings, numbers and booleans; they read constants of the file and call each other; objects are no value', () => {
    const text = [
      "import * as path from 'path';",
      "const BASE = 'lambda';",
      'function size() { return 512; }',
      'function enabled() { return true; }',
      'function config() { return { a: 1 }; }',
      'const entryOf = (n: string) => `${BASE}/${n}.ts`;',
      'const nested = (n: string) => entryOf(n) + "!";',
      "const fromCwd = (n: string) => path.join(process.cwd(), n);",
      'const here = () => __filename;',
      'const dir = () => __dirname;',
      'const STAGE = process.env.STAGE;',
      'const external = (n: string) => `${STAGE}/${n}`;',
      'const s = size();',
      'const e = enabled();',
      'const o = config();',
      "const en = entryOf('orders');",
      "const ne = nested('users');",
      "const cw = fromCwd('x');",
      'const h = here();',
      'const di = dir();',
      "const ex = external('x');",
    ].join('\n');
    const src = source(text);
    const shown = (name: string) => {
      const v = src.evaluate(init(src, name));
      return v.kind === 'value' ? (typeof v.value === 'string' ? src.cleanString(v.value) : v.value) : `?${v.text}`;
    };
    expect(['s', 'e', 'o', 'en', 'ne', 'cw', 'h', 'di', 'ex'].map(shown)).toEqual([512, true, '?config()', 'lambda/orders.ts', 'lambda/users.ts!', 'app/x', 'app/lib/stack.ts', 'app/lib', "?external('x')"]);
  });
});

describe('fallbacks through destructured variables (a wrapper construct read for one instantiation)', () => {
  const text = [
    "import { Construct } from 'constructs';",
    'class Fn extends Construct {',
    '  constructor(scope: Construct, id: string, props: any) {',
    '    super(scope, id);',
    "    const { size, kind = 'k', timeout: t = 9 } = props;",
    '    const [first = 1] = props.list;',
    '    const sz = size ?? 64;',
    '    const kd = kind;',
    '    const tt = t;',
    '    const fi = first ?? 2;',
    '  }',
    '}',
    "new Fn(this, 'A', { size: 128, kind: 'set', timeout: 30 });",
    "new Fn(this, 'B', {});",
    "new Fn(this, 'C', { ...shared });",
    "new Fn(this, 'D', { t: 1, list: {} });",
  ].join('\n');
  const src = source(text);
  const ctor = (src.sf.statements[1] as TS.ClassDeclaration).members.find(ts.isConstructorDeclaration)!;
  const instantiation = (i: number) => ((src.sf.statements[2 + i] as TS.ExpressionStatement).expression as TS.NewExpression).arguments;
  const read = (args: readonly TS.Expression[] | undefined) =>
    withBindings(src, ctor.parameters, args, () =>
      Object.fromEntries(['sz', 'kd', 'tt', 'fi'].map((n) => {
        const v = src.evaluate(init(src, n));
        return [n, v.kind === 'value' ? v.value : '?'];
      })),
    );

  it('a set prop wins, renamed or not; an unset one takes the default or fallback; spread props may set anything; array patterns are not followed', () => {
    expect(read(instantiation(0))).toEqual({ sz: 128, kd: 'set', tt: 30, fi: '?' });
    expect(read(instantiation(1))).toEqual({ sz: 64, kd: 'k', tt: 9, fi: '?' });
    expect(read(instantiation(2))).toEqual({ sz: '?', kd: '?', tt: '?', fi: '?' });
    // A renamed element is looked up by the prop's name, not the local's.
    expect(read(instantiation(3))).toEqual({ sz: 64, kd: 'k', tt: 9, fi: '?' });
  });
});

describe('props: depth and order', () => {
  it('spreads of names are followed 23 deep (each name is a step too), spreads of literals 24 deep; deeper is unknown', () => {
    const chain = (n: number) => [`const s${n} = { a: 1 };`, ...Array.from({ length: n }, (_, i) => `const s${n - 1 - i} = { ...s${n - i} };`)].join('\n');
    const deep = source(chain(23));
    expect(deep.props(init(deep, 's0')).entries().map((e) => e.key)).toEqual(['a']);
    expect(deep.props(init(deep, 's0')).unknown).toBeUndefined();
    const deeper = source(chain(24));
    expect(deeper.props(init(deeper, 's0')).entries()).toEqual([]);
    expect(deeper.text(deeper.props(init(deeper, 's0')).unknown!)).toBe('s24');
    const inline = (n: number) => source(`const p = ${'{ ...'.repeat(n)}{ a: 1 }${' }'.repeat(n)};`);
    const literal = inline(24);
    expect(literal.props(init(literal, 'p')).entries().map((e) => e.key)).toEqual(['a']);
    const tooDeep = inline(25);
    expect(tooDeep.props(init(tooDeep, 'p')).entries()).toEqual([]);
    expect(tooDeep.text(tooDeep.props(init(tooDeep, 'p')).unknown!)).toBe('{ a: 1 }');
  });

  it('a shorthand property set again moves to where it is set last; methods and non-objects give nothing', () => {
    const src = source("const handler = 'h';\nconst p = { handler: 'x', memorySize: 1, handler };\nconst m = { run() { return 1; }, a: 2 };\nconst n = 5;");
    expect(src.props(init(src, 'p')).entries().map((e) => `${e.key}=${src.text(e.value)}`)).toEqual(['memorySize=1', 'handler=handler']);
    expect(src.props(init(src, 'm')).entries().map((e) => e.key)).toEqual(['a']);
    const n = src.props(init(src, 'n'));
    expect(n.entries()).toEqual([]);
    expect(src.text(n.unknown!)).toBe('5');
  });
});

describe('constructs: more holders', () => {
  it('parameters of every call, object members, latestVersion, property arrows and function expressions, bodiless and bare-return functions', () => {
    const text = [
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "const a = new lambda.Function(this, 'A', {});",
      "const b = new lambda.Function(this, 'B', {});",
      'function use(p: any) { const param = p; return param; }',
      'use(a);',
      'use(b);',
      'use();',
      "const holder = { fn: new lambda.Function(this, 'H', {}) };",
      'let assigned: any;',
      'assigned = a;',
      'assigned = b;',
      'const both = assigned;',
      'const member = holder.fn;',
      'const latest = a.latestVersion;',
      'class K {',
      "  make = () => new lambda.Function(this, 'P', {});",
      '  m() { const fromProperty = this.make(); return fromProperty; }',
      '}',
      "const expr = function () { return new lambda.Function(this, 'X', {}); };",
      "const blockArrow = () => { return new lambda.Function(this, 'Y', {}); };",
      'const fromBlock = blockArrow();',
      'const fromExpr = expr();',
      'declare function external(): any;',
      'const fromDeclared = external();',
      "function early(flag: boolean) { if (flag) return; return new lambda.Function(this, 'E', {}); }",
      'const fromEarly = early(true);',
    ].join('\n');
    const src = source(text);
    const ids = (name: string) => src.constructs(init(src, name)).map((n) => src.text(n.arguments![1]));
    expect(['both', 'param', 'member', 'latest', 'fromProperty', 'fromExpr', 'fromBlock', 'fromDeclared', 'fromEarly'].map((n) => `${n}: ${ids(n).join(',')}`)).toEqual([
      "both: 'A','B'",
      "param: 'A','B'",
      "member: 'H'",
      "latest: 'A'",
      "fromProperty: 'P'",
      "fromExpr: 'X'",
      "fromBlock: 'Y'",
      'fromDeclared: ',
      "fromEarly: 'E'",
    ]);
  });

  it('a chain of names is followed 24 deep', () => {
    const chain = (n: number) => ["import * as lambda from 'aws-cdk-lib/aws-lambda';", `const v${n} = new lambda.Function(this, 'Deep', {});`, ...Array.from({ length: n }, (_, i) => `const v${n - 1 - i} = v${n - i};`)].join('\n');
    const ok = source(chain(24));
    expect(ok.constructs(init(ok, 'v0')).length).toBe(1);
    const far = source(chain(25));
    expect(far.constructs(init(far, 'v0'))).toEqual([]);
  });
});

describe('pathValue of a fallback', () => {
  it('an unknown path names what the fallback picked, not the whole expression', () => {
    const src = source("const DIR = process.env.DIR;\nconst picked = DIR ?? 'lambda';");
    expect(src.pathValue(init(src, 'picked'))).toEqual({ kind: 'unknown', text: 'process.env.DIR' });
  });
});

describe('members of constant objects', () => {
  it('a shorthand member has the value of the name it repeats; a nested object is props', () => {
    const src = source("const handler = 'h';\nconst p = { handler };\nconst v = p.handler;\nconst C = { inner: { a: 1 } };\nconst nested = C.inner;");
    expect(values("const handler = 'h';\nconst p = { handler };\nconst v = p.handler;", ['v'])).toEqual({ v: 'h' });
    expect(src.props(init(src, 'nested')).entries().map((e) => e.key)).toEqual(['a']);
  });

  it('a helper that cannot be evaluated does not stop the next one', () => {
    const text = [
      'const forever = (s: string): string => forever(s);',
      'const entryOf = (n: string) => `lambda/${n}.ts`;',
      "const stuck = forever('x');",
      "const fine = entryOf('a');",
    ].join('\n');
    expect(values(text, ['stuck', 'fine'])).toEqual({ stuck: "?forever('x')", fine: 'lambda/a.ts' });
  });
});

describe('a let that changes has no value', () => {
  it('compound assignments and ++/-- change it; reading it in an expression does not', () => {
    const text = [
      'let grown = 1;',
      'grown += 1;',
      'let counted = 1;',
      'counted++;',
      'let lowered = 5;',
      '--lowered;',
      'let defaulted: number | undefined = 1;',
      'defaulted ??= 2;',
      'let flipped = 1;',
      'flipped ^= 1;',
      'let seen = 3;',
      'const sum = seen + 1;',
      'const viaGrown = grown;',
      'const viaCounted = counted;',
      'const viaLowered = lowered;',
      'const viaDefaulted = defaulted;',
      'const viaFlipped = flipped;',
      'const viaSeen = seen;',
    ].join('\n');
    expect(values(text, ['viaGrown', 'viaCounted', 'viaLowered', 'viaDefaulted', 'viaFlipped', 'viaSeen', 'sum'])).toEqual({
      viaGrown: '?grown',
      viaCounted: '?counted',
      viaLowered: '?lowered',
      viaDefaulted: '?defaulted',
      viaFlipped: '?flipped',
      viaSeen: 3,
      sum: 4,
    });
  });
});
