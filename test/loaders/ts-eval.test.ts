/**
 * The static evaluator of handler/asset path helpers (serverless.ts, CDK): each supported form
 * has a case with its value, and each unsupported or unsafe form a case that stays NOT_STATIC.
 */
import type * as TS from 'typescript';
import { describe, expect, it } from 'vitest';
import { EVAL_STEPS, NOT_STATIC, evaluateStatic, isHelperFunction, newBudget, type EvalBudget, type EvalContext, type Evaluated } from '../../src/loaders/ts-eval.js';
import { ts } from '../../src/typescript-api.js';

/**
 * Evaluates `expr` in a file whose top-level `const`s and functions are `source`: names resolve
 * to those consts, calls to those functions. `__dirname` is /app/src/lib, `process.cwd()` /app.
 */
function evaluate(expr: string, source = '', budget?: EvalBudget): Evaluated | 'NOT_STATIC' {
  const file = ts.createSourceFile('x.ts', `${source}\nconst __result = ${expr};\n`, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, TS.Expression>();
  const functions = new Map<string, TS.Node>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name)) functions.set(`this.${member.name.text}`, member);
    }
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      if (isHelperFunction(decl.initializer)) functions.set(decl.name.text, decl.initializer);
      else consts.set(decl.name.text, decl.initializer);
    }
  }
  const context: EvalContext = {
    resolveName: (id, b) => {
      const init = consts.get(id.text);
      return init ? evaluateStatic(init, context, b) : NOT_STATIC;
    },
    resolveFunction: (callee) => {
      const found = functions.get(callee.getText());
      return found && isHelperFunction(found) ? { fn: found, context } : undefined;
    },
    dirname: '/app/src/lib',
    filename: '/app/src/lib/x.ts',
    cwd: '/app',
  };
  const result = consts.get('__result');
  if (!result) throw new Error('no expression');
  const value = evaluateStatic(result, context, budget);
  return value === NOT_STATIC ? 'NOT_STATIC' : value;
}

describe('evaluateStatic: literals and operators', () => {
  it.each([
    ["'a'", 'a'],
    ['`plain`', 'plain'],
    ['42', 42],
    ['true', true],
    ['false', false],
    ['null', null],
    ['undefined', undefined],
    ['`a${1}b${"c"}d`', 'a1bcd'],
    ['`x${true}`', 'xtrue'],
    ["['a', 1, ...['b', 'c']]", ['a', 1, 'b', 'c']],
    ['!0', true],
    ["!'a'", false],
    ['-3', -3],
    ['+3', 3],
    ["'a' + 'b'", 'ab'],
    ["'a' + 1", 'a1'],
    ['1 + 2', 3],
    ['5 - 2', 3],
    ['1 === 1', true],
    ["1 === '1'", false],
    ['1 !== 2', true],
    ["'a' !== 'a'", false],
    ["undefined ?? 'd'", 'd'],
    ["null ?? 'd'", 'd'],
    ["'' ?? 'd'", ''],
    ["'' || 'd'", 'd'],
    ["'x' || 'd'", 'x'],
    ["'x' && 'y'", 'y'],
    ["'' && 'y'", ''],
    ["true ? 'yes' : 'no'", 'yes'],
    ["0 ? 'yes' : 'no'", 'no'],
    ["('a' as string)", 'a'],
    ["('a'!)", 'a'],
    ["(<string>'a')", 'a'],
    ["('a' satisfies string)", 'a'],
    ["['a', 'b'][1]", 'b'],
    ["'abc'[0]", 'a'],
    ["['a'][5]", undefined],
    ["['a'][-1]", undefined],
    ["['a'][0.5]", undefined],
    ["['a', 'b']['length']", 2],
    ["'abc'['length']", 3],
    ["'abc'.length", 3],
    ["['a'].length", 1],
    ['__dirname', '/app/src/lib'],
    ['__filename', '/app/src/lib/x.ts'],
    ['process.cwd()', '/app'],
  ])('%s', (expr, value) => {
    expect(evaluate(expr)).toEqual(value);
  });

  it.each([
    ['unknownName'],
    ['`a${unknownName}`'],
    ['`a${/x/}`'],
    ['`a${["x"]}`'],
    ["[...'ab']"],
    ['[unknownName]'],
    ['!unknownName'],
    ["-'a'"],
    ['~1'],
    ["'a' - 'b'"],
    ['2 * 3'],
    ["['a'] + 'b'"],
    ["'b' + ['a']"],
    ['/x/ + "a"'],
    ['"a" + /x/'],
    ['unknownName + "a"'],
    ['"a" + unknownName'],
    ['unknownName ?? "a"'],
    ['unknownName ? "a" : "b"'],
    ["['a'][unknownName]"],
    ['unknownName[0]'],
    ["({ a: 1 })['a']"],
    ["'abc'.foo"],
    ['unknownName.length'],
    ['(1).length'],
    ['process.env.STAGE'],
    ['process.cwd(1)'],
    ['Date.now()'],
    ["'a'.toString(...[])"],
    ['`${unknownName}`.length'],
    ['new Date()'],
    ['(() => "a")()'],
    ['unknownFn("a")'],
    ['unknownName.split("/")'],
    ['(1).toFixed(2)'],
    ["'a'.repeat(3)"],
    ["['a'].map(String)"],
    // Only path.posix is read as posix; path.win32 joins with backslashes.
    ["path.win32.join('a', 'b')"],
  ])('%s is not static', (expr) => {
    expect(evaluate(expr)).toBe('NOT_STATIC');
  });

  it('optional chaining on undefined and null is undefined; on other values not static', () => {
    expect(evaluate('undefined?.length')).toBeUndefined();
    expect(evaluate('null?.length')).toBeUndefined();
    expect(evaluate('undefined.length')).toBe('NOT_STATIC');
    expect(evaluate('undefined?.trim()')).toBeUndefined();
    expect(evaluate('null?.trim()')).toBeUndefined();
    expect(evaluate('undefined.trim()')).toBe('NOT_STATIC');
    expect(evaluate('(1)?.trim()')).toBe('NOT_STATIC');
  });
});

describe('evaluateStatic: path, string and array methods', () => {
  it.each([
    ["path.join('a', '../b', 'c')", 'b/c'],
    ["posix.join('a', 'b')", 'a/b'],
    ["nodePath.join('a', 'b')", 'a/b'],
    ["path.posix.join('a', 'b')", 'a/b'],
    ['path.sep', '/'],
    ["path.resolve('x', '../y')", '/app/y'],
    ["path.resolve('x', '/abs/./p', 'q')", '/abs/p/q'],
    ["path.dirname('/a/b/c.ts')", '/a/b'],
    ["path.basename('/a/b/c.ts')", 'c.ts'],
    ["path.basename('/a/b/c.ts', '.ts')", 'c'],
    ["path.extname('/a/b/c.ts')", '.ts'],
    ["path.normalize('a//b/../c')", 'a/c'],
    ["path.relative('/app', '/app/src/x')", 'src/x'],
    ["path.join(__dirname, '..', 'handlers')", '/app/src/handlers'],
    ["'a/b/c'.split('/')", ['a', 'b', 'c']],
    ["'a1b2c'.split(/\\d/)", ['a', 'b', 'c']],
    ["'abcdef'.substring(2)", 'cdef'],
    ["'abcdef'.substring(1, 3)", 'bc'],
    ["'abcdef'.substring()", 'abcdef'],
    ["'abcdef'.slice(-2)", 'ef'],
    ["'abcdef'.slice(1, 2)", 'b'],
    ["'abcdef'.substr(1, 2)", 'bc'],
    ["'abcdef'.substr()", 'abcdef'],
    ["'a.b.c'.replace('.', '/')", 'a/b.c'],
    ["'a.b.c'.replace('.', '$&')", 'a$&b.c'],
    ["'a.b.c'.replaceAll('.', '/')", 'a/b/c'],
    ["'a\\\\b\\\\c'.replace(/\\\\/g, '/')", 'a/b/c'],
    ["'a.b.c'.replace(/\\./, '/')", 'a/b.c'],
    ["'a.b.c'.replaceAll(/\\./g, '/')", 'a/b/c'],
    ["'a'.concat('b', 'c')", 'abc'],
    ["'AbC'.toLowerCase()", 'abc'],
    ["'AbC'.toUpperCase()", 'ABC'],
    ["'  a '.trim()", 'a'],
    ["'abc'.startsWith('ab')", true],
    ["'abc'.startsWith('b')", false],
    ["'abc'.endsWith('bc')", true],
    ["'abc'.includes('d')", false],
    ["'abc'.toString()", 'abc'],
    ["['a', null, undefined, 1].join('/')", 'a///1'],
    ["['a', 'b'].join()", 'a,b'],
    ["['a', 'b', 'c'].slice(1)", ['b', 'c']],
    ["['a', 'b', 'c'].slice(0, -1)", ['a', 'b']],
    ["['a'].concat('b', ['c'])", ['a', 'b', 'c']],
    ["['a', 'b'].at(-1)", 'b'],
    ["'a/b/c'.split('/').slice(0, -1).join('/')", 'a/b'],
  ])('%s', (expr, value) => {
    expect(evaluate(expr)).toEqual(value);
  });

  it.each([
    ["path.join('a', 1)"],
    ["path.dirname('a', 'b')"],
    ["path.basename()"],
    ["path.basename('a', 'b', 'c')"],
    ["path.extname('a', 'b')"],
    ["path.normalize('a', 'b')"],
    ["path.relative('a')"],
    ["path.parse('a')"],
    ["'abc'.split(1)"],
    ["'abc'.substring(0.5)"],
    ["'abc'.slice(0, 'x')"],
    ["'abc'.replace('a', 1)"],
    ["'abc'.replace(1, 'b')"],
    ["'abc'.replace(/a/, '$1')"],
    ["'abc'.replaceAll(/a/, 'b')"],
    ["'abc'.concat(1)"],
    ["'abc'.includes(1)"],
    ["['a'].join(1)"],
    ["['a'].slice('x')"],
    ["['a'].at('0')"],
    ["['a'].includes('a')"],
  ])('%s is not static', (expr) => {
    expect(evaluate(expr)).toBe('NOT_STATIC');
  });

  it('runs regular expressions only on short inputs and only when they cannot backtrack badly', () => {
    const long = 'a'.repeat(2_001);
    expect(evaluate(`'${long}'.split(/a/).length`)).toBe('NOT_STATIC');
    expect(evaluate(`'${long}'.replace(/a/g, 'b')`)).toBe('NOT_STATIC');
    expect(evaluate(`'${'a'.repeat(2_000)}'.split(/a/).length`)).toBe(2_001);
    expect(evaluate(`'${'a'.repeat(2_000)}'.replace(/a/g, '').length`)).toBe(0);
    for (const unsafe of ['/(a+)+$/', '/(a)\\1/', '/a(?=b)/', '/a(?!b)/', '/(?<=a)b/', `/${'a'.repeat(65)}/`, '/a/y', '/(/']) {
      expect(evaluate(`'aab'.split(${unsafe})`), unsafe).toBe('NOT_STATIC');
    }
    expect(evaluate(`'aab'.split(/${'a'.repeat(64)}/)`)).toEqual(['aab']);
    expect(evaluate("'a\\nB'.split(/b/imsu)")).toEqual(['a\n', '']);
    expect(evaluate("'ab'.replace(/(a)b/, 'x')")).toBe('x');
    expect(evaluate("'ab'.replace(/(a)?b/, 'x')")).toBe('NOT_STATIC');
  });
});

describe('evaluateStatic: helper functions', () => {
  const helpers = [
    "const handlerPath = (context: string) => `${context.split(process.cwd())[1].substring(1).replace(/\\\\/g, '/')}`;",
    'const withDefault = (name: string, fn = "main") => name + "." + fn;',
    'function entry(name: string) { const dir = path.join("src", name); const file = dir + ".ts"; return file; }',
    'function empty(name: string) { return; }',
    'function noReturn(name: string) { const x = name; }',
    'function withLet(name: string) { let x = name; return x; }',
    'function branchy(name: string) { if (name) { return name; } return "x"; }',
    'function destructured({ name }: { name: string }) { return name; }',
    'function rest(...names: string[]) { return "x"; }',
    'function noInit(name: string) { const x: string; return "x"; }',
    'function badInit(name: string) { const x = unknownName; return "x"; }',
    'function badDefault(name = unknownName) { return "x"; }',
    'function destructuredConst(name: string) { const { a } = { a: 1 }; return "x"; }',
    'const forever = (s: string): string => forever(s + "x");',
    'async function later(s: string) { return s; }',
    'function* gen(s: string) { return s; }',
    'declare function declared(s: string): string;',
    'const fromEnv = (s: string) => s + process.env.SUFFIX;',
    'class Stack { entryFor(name: string) { return "lambda/" + name; } }',
  ].join('\n');

  it.each([
    ["handlerPath('/app/src/functions/hello')", 'src/functions/hello'],
    ["handlerPath(__dirname) + '/handler.main'", 'src/lib/handler.main'],
    ["withDefault('index')", 'index.main'],
    ["withDefault('index', 'run')", 'index.run'],
    ["entry('orders')", 'src/orders.ts'],
    ["empty('x')", undefined],
    ["this.entryFor('orders')", 'lambda/orders'],
  ])('%s', (expr, value) => {
    expect(evaluate(expr, helpers)).toEqual(value);
  });

  it.each([
    ["noReturn('x')"],
    ["withLet('x')"],
    ["branchy('x')"],
    ["destructured({ name: 'x' })"],
    ["rest('x')"],
    ["noInit('x')"],
    ["badInit('x')"],
    ['badDefault()'],
    ["destructuredConst('x')"],
    ["forever('x')"],
    ["later('x')"],
    ["gen('x')"],
    ["declared('x')"],
    ["fromEnv('x')"],
    ["entry(unknownName)"],
    ["entry(...['x'])"],
  ])('%s is not static', (expr) => {
    expect(evaluate(expr, helpers)).toBe('NOT_STATIC');
  });

  it('bounds the nesting of helper calls and the steps of one evaluation', () => {
    const chain = Array.from({ length: 14 }, (_, i) => `const f${i} = (s: string) => f${i + 1}(s);`).join('\n');
    const nested = `${chain}\nconst f14 = (s: string) => s;`;
    // f0 -> f14 is 15 calls deep: over the limit of 12; f3 -> f14 is 12 calls deep: within it.
    expect(evaluate("f0('x')", nested)).toBe('NOT_STATIC');
    expect(evaluate("f2('x')", nested)).toBe('NOT_STATIC');
    expect(evaluate("f3('x')", nested)).toBe('x');

    expect(evaluate("'a' + 'b'", '', { steps: 3, calls: 0 })).toBe('ab');
    expect(evaluate("'a' + 'b'", '', { steps: 2, calls: 0 })).toBe('NOT_STATIC');
    expect(evaluate("f14('x')", nested, { steps: 100, calls: EVAL_STEPS - 1 })).toBe('x');
    expect(evaluate("f14('x')", nested, { steps: 100, calls: EVAL_STEPS })).toBe('NOT_STATIC');
    expect(newBudget()).toEqual({ steps: EVAL_STEPS, calls: 0 });
    expect(EVAL_STEPS).toBe(5_000);
  });

  it('recognises helper functions', () => {
    const file = ts.createSourceFile('x.ts', 'const a = () => 1;\nconst b = function () { return 1; };\nfunction c() {}\nclass D { e() {} }\nconst f = 1;\n', ts.ScriptTarget.Latest, true);
    const [a, b, c, d, f] = file.statements;
    const init = (s: TS.Statement) => (s as TS.VariableStatement).declarationList.declarations[0].initializer;
    expect(isHelperFunction(init(a))).toBe(true);
    expect(isHelperFunction(init(b))).toBe(true);
    expect(isHelperFunction(c)).toBe(true);
    expect(isHelperFunction((d as TS.ClassDeclaration).members[0])).toBe(true);
    expect(isHelperFunction(init(f))).toBe(false);
    expect(isHelperFunction(undefined)).toBe(false);
  });
});
