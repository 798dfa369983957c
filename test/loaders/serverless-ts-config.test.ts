/**
 * `serverless.ts` / `serverless.js` read statically: each TypeScript form the reader turns into a
 * value, the module forms it follows (exports, re-exports, tsconfig paths), and what stays a
 * reference. Nothing is executed.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeServerlessTs, readServerlessTs } from '../../src/loaders/serverless/ts-config.js';
import type { YNode } from '../../src/loaders/yaml-tree.js';
import { memoryHost } from './host.js';

function show(node: YNode | undefined): string {
  if (!node) return 'undefined';
  switch (node.kind) {
    case 'scalar':
      return JSON.stringify(node.value);
    case 'ref':
      return `ref(${node.ref.text})`;
    case 'seq':
      return `[${node.items.map(show).join(', ')}]`;
    case 'map':
      return `{${node.pairs.map((p) => `${p.key}: ${show(p.value)}`).join(', ')}}`;
  }
}

function read(text: string, files: Record<string, string> = {}, file = 'serverless.ts'): string {
  const result = readServerlessTs(file, text, memoryHost({ [file]: text, ...files }));
  return result.root ? show(result.root) : `none: ${result.note}`;
}

describe('readServerlessTs: the exported config', () => {
  it.each([
    ["export default { service: 'a' };", "{service: \"a\"}"],
    ["module.exports = { service: 'a' };", "{service: \"a\"}"],
    ["export = { service: 'a' };", "{service: \"a\"}"],
    ["const config = { service: 'a' };\nexport default config;", "{service: \"a\"}"],
    ["const config = { service: 'a' } as const;\nmodule.exports = (config);", "{service: \"a\"}"],
    ["const config = { service: 'a' } satisfies object;\nexport default config!;", "{service: \"a\"}"],
    ["export default <object>{ service: 'a' };", "{service: \"a\"}"],
    ["export const service = 'a';", "none: no static `export default` / `module.exports` object found"],
    ["export default build();", "none: the exported config is not a static object literal"],
    ["export default 'config';", "none: the exported config is not a static object literal"],
    ["exports.x = { service: 'a' };", "none: no static `export default` / `module.exports` object found"],
    // Only a plain assignment exports.
    ["module.exports ||= { service: 'a' };", "none: no static `export default` / `module.exports` object found"],
  ])('%s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});

describe('readServerlessTs: values', () => {
  it.each([
    ["{ a: 'x', b: `y`, c: 1.5, d: -2, e: true, f: false, g: null }", '{a: "x", b: "y", c: 1.5, d: -2, e: true, f: false, g: null}'],
    ['{ a: undefined, b: 1 }', '{b: 1}'],
    ['{ a: [1, , 2, ...[3, 4], ...rest] }', '{a: [1, 2, 3, 4, ref(rest)]}'],
    ["{ a: `x-${name}-${n}` }", '{a: "x-orders-3"}'],
    ['{ a: `x-${unknownName}` }', '{a: ref(`x-${unknownName}`)}'],
    ['{ a: `x-${nothing}` }', '{a: "x-null"}'],
    ['{ a: `x-${1 + 2}` }', '{a: "x-3"}'],
    ["{ ['k' + 'ey']: 1, [name]: 2, [unknownName]: 3, 4: 'four', 'q-k': 5, [`t`]: 6 }", '{key: 1, orders: 2, 4: "four", q-k: 5, t: 6}'],
    ['{ name, unknownName }', '{name: "orders", unknownName: ref(unknownName)}'],
    ['{ a: 1, ...shared, ...unknownName, a2: 2 }', '{a: 3, b: 4, a2: 2}'],
    ['{ a: 1, a: 2 }', '{a: 2}'],
    ['{ a: 1 + 2, b: n > 1 ? "big" : "small", c: name.length, d: [1, 2][1], e: "ab".toUpperCase() }', '{a: 3, b: ref(n > 1 ? "big" : "small"), c: 6, d: 2, e: "AB"}'],
    ['{ a: process.env.STAGE, b: build(), c: new Date() }', '{a: ref(process.env.STAGE), b: ref(build()), c: ref(new Date())}'],
    ['{ a: list }', '{a: ["x", "y"]}'],
    ['{ a: `${list}` }', '{a: ref(`${list}`)}'],
    ['{ a: (((1))) }', '{a: 1}'],
    ['{ get a() { return 1; }, b() {} }', '{}'],
    ["{ a: name === 'orders' ? 'big' : 'small', b: name === 'orders', c: n !== 3 }", '{a: "big", b: true, c: false}'],
    // Prefix operators are read only as `-` before a number literal.
    ['{ a: -2, b: +2, c: -n, d: !true }', '{a: -2, b: ref(+2), c: ref(-n), d: ref(!true)}'],
    ['{ [nothing]: 1, [n]: 2 }', '{3: 2}'],
    ['{ a: `x-${undefined}` }', '{a: "x-undefined"}'],
    ['{ a: list.length, b: mixed.length, c: mixed[0] }', '{a: 2, b: ref(mixed.length), c: ref(mixed[0])}'],
    ['{ a: build(\n  1,\n    2) }', '{a: ref(build( 1, 2))}'],
  ])('%s', (literal, expected) => {
    expect(read(`const name = 'orders';\nconst n = 3;\nconst nothing = null;\nconst list = ['x', 'y'];\nconst mixed = ['x', build()];\nconst shared = { a: 3, b: 4 };\nexport default ${literal};`)).toBe(expected);
  });

  it('long unknown expressions are shortened to 200 characters', () => {
    const long = `build(${'x'.repeat(300)})`;
    const shown = read(`export default { a: ${long} };`);
    expect(shown).toBe(`{a: ref(${long.slice(0, 199)}…)}`);
    const exactly200 = `build(${'x'.repeat(193)})`;
    expect(read(`export default { a: ${exactly200} };`)).toBe(`{a: ref(${exactly200})}`);
  });

  it('values are located where they are written', () => {
    const result = readServerlessTs('serverless.ts', "export default {\n  service: 'a',\n  n: 1,\n};\n", memoryHost({}));
    const root = result.root as { loc: unknown; pairs: Array<{ keyLoc: unknown; value: YNode }> };
    expect(root.loc).toEqual({ file: 'serverless.ts', line: 1, column: 16, endLine: 4, endColumn: 2 });
    expect(root.pairs[1].keyLoc).toEqual({ file: 'serverless.ts', line: 3, column: 3, endLine: 3, endColumn: 4 });
    expect(root.pairs[1].value.loc).toEqual({ file: 'serverless.ts', line: 3, column: 6, endLine: 3, endColumn: 7 });
  });

  it('a value nested deeper than 60 levels becomes a reference', () => {
    // The value of `a` is at depth 1; the element inside n lists at depth n + 1.
    expect(read(`export default { a: ${'['.repeat(59)}1${']'.repeat(59)} };`)).toBe(`{a: ${'['.repeat(59)}1${']'.repeat(59)}}`);
    expect(read(`export default { a: ${'['.repeat(60)}1${']'.repeat(60)} };`)).toBe(`{a: ${'['.repeat(60)}ref(1)${']'.repeat(60)}}`);
    // Parentheses count as levels too.
    expect(read(`export default { a: ${'('.repeat(59)}1${')'.repeat(59)} };`)).toBe('{a: 1}');
    expect(read(`export default { a: ${'('.repeat(60)}1${')'.repeat(60)} };`)).toBe('{a: ref(1)}');
  });

  it('one step budget for an evaluation and the names it evaluates, renewed for the next value', () => {
    // Each name doubles the work: 2^20 steps, past the budget unless the nested evaluations each get their own.
    const chain = ["const a0 = 'x';", ...Array.from({ length: 20 }, (_, i) => `const a${i + 1} = a${i} + a${i};`)].join('\n');
    expect(read(`${chain}\nexport default { a: a20, b: 1 + 2 };`)).toBe('{a: ref(a19 + a19), b: 3}');
  });

  it('the file kind follows the extension: .js, .cjs and .mjs are JavaScript (with JSX), the rest TypeScript', () => {
    // In JavaScript `<object>{...}` opens a JSX element; in TypeScript it is a type assertion.
    for (const file of ['serverless.js', 'serverless.cjs', 'serverless.mjs']) {
      expect(read("module.exports = <object>{ service: 'a' };", {}, file)).toBe('none: the exported config is not a static object literal');
    }
    expect(read("export default <object>{ service: 'a' };", {}, 'app.js/serverless.ts')).toBe('{service: "a"}');
  });

  it('looksLikeServerlessTs', () => {
    expect(looksLikeServerlessTs("export default { service: 'a', provider: {} }")).toBe(true);
    expect(looksLikeServerlessTs('export default { service: 1 }')).toBe(false);
    expect(looksLikeServerlessTs('export default { provider: {} }')).toBe(false);
    expect(looksLikeServerlessTs('export default { myservice: 1, provider: {} }')).toBe(false);
    expect(looksLikeServerlessTs('export default { service: 1, myprovider: {} }')).toBe(false);
    expect(looksLikeServerlessTs('export default { service : 1, provider\t: {} }')).toBe(true);
  });
});

describe('readServerlessTs: modules', () => {
  const files = {
    'src/a.ts': "export const a = { handler: 'a.h' };\nexport default { handler: 'default.h' };\n",
    'src/b.js': "module.exports = { handler: 'b.h' };\n",
    'src/index.ts': "export * from './a';\nexport { default as aDefault, a as renamed } from './a';\nconst local = 1;\nexport { local, local as alias };\n",
    'src/deep/index.ts': "export { b } from '../c';\n",
    'src/c.ts': "export const b = 'from-c';\n",
    'src/types.ts': "export type T = { a: 1 };\nexport const t = 't';\n",
    'lib/helper.ts': 'export function path(name: string) { return `src/${name}`; }\nexport const arrow = (s: string) => s + ".main";\nexport default function def() { return "d"; }\n',
    'lib/reexport.ts': "export { path as renamedPath } from './helper';\nexport * from './helper';\n",
    '../outside.ts': "export const o = 'outside';\n",
    'src/hidden.ts': 'const hidden = 1;\nconst hiddenArrow = (s: string) => s;\nfunction hiddenFn(s: string) { return s; }\nexport const shown = 2;\n',
    'src/typeonly.ts': "export type { t } from './types';\n",
    'src/ns.ts': "export * as all from './a';\n",
    'src/jsdir/index.js': "export const j = 'index.js';\n",
    'src/data': 'not code',
    'src/data.ts': 'export const d = 1;\n',
    'lib/local.ts': 'function twice(s: string) { return s + s; }\nexport { twice as double };\n',
    'lib/cycle-a.ts': "export * from './cycle-b';\n",
    'lib/cycle-b.ts': "export * from './cycle-a';\n",
  };

  it.each([
    ["import { a } from './src/a';", 'a', '{handler: "a.h"}'],
    ["import d from './src/a';", 'd', '{handler: "default.h"}'],
    ["import b from './src/b';", 'b', '{handler: "b.h"}'],
    ["import b from './src/b.js';", 'b', '{handler: "b.h"}'],
    ["import { a } from './src';", 'a', '{handler: "a.h"}'],
    ["import { aDefault, renamed, local, alias } from './src/index';", '[aDefault, renamed, local, alias]', '[{handler: "default.h"}, {handler: "a.h"}, 1, 1]'],
    ["import { b } from './src/deep';", 'b', '"from-c"'],
    ["import { missing } from './src/a';", 'missing', 'ref(missing)'],
    ["import { x } from './src/nope';", 'x', 'ref(x)'],
    ["import { o } from '../outside';", 'o', 'ref(o)'],
    ["import type { t } from './src/types';", 't', 'ref(t)'],
    ["import { t } from './src/types';", 't', '"t"'],
    ["import * as all from './src/a';", 'all', 'ref(all)'],
    ["import './src/a';", 'undefinedName', 'ref(undefinedName)'],
    ["import { path } from './lib/helper';", "path('orders')", '"src/orders"'],
    ["import { arrow } from './lib/helper';", "arrow('x')", '"x.main"'],
    ["import { renamedPath, arrow } from './lib/reexport';", "[renamedPath('r'), arrow('y')]", '["src/r", "y.main"]'],
    ["import def from './lib/helper';", 'def()', 'ref(def())'],
    ["import { def } from './lib/helper';", 'def()', 'ref(def())'],
    ["import { a as renamedA } from './src/a';", 'renamedA', '{handler: "a.h"}'],
    ["import { hidden, hiddenArrow, hiddenFn, shown } from './src/hidden';", "[hidden, hiddenArrow('x'), hiddenFn('y'), shown]", "[ref(hidden), ref(hiddenArrow('x')), ref(hiddenFn('y')), 2]"],
    ["import { t } from './src/typeonly';", 't', 'ref(t)'],
    ["import { a } from './src/ns';", 'a', 'ref(a)'],
    ["import { handler } from './src/b';", 'handler', 'ref(handler)'],
    ["import { a } from './src/a.js';", 'a', '{handler: "a.h"}'],
    ["import { j } from './src/jsdir';", 'j', '"index.js"'],
    ["import { d } from './src/data';", 'd', '1'],
    ["import { double } from './lib/local';", "double('x')", '"xx"'],
    ["import { f } from './lib/cycle-a';", "f('x')", "ref(f('x'))"],
  ])('%s -> %s', (imports, expression, expected) => {
    expect(read(`${imports}\nexport default { v: ${expression} };`, files)).toBe(`{v: ${expected}}`);
  });

  it('local helpers: declarations and const arrows; let arrows and bodiless declarations are not helpers', () => {
    const text = [
      'function twice(s: string) { return s + s; }',
      'const arrow = (s: string) => `${s}!`;',
      'let changing = (s: string) => s;',
      'declare function declared(s: string): string;',
      "const paren = ((s: string) => s + '?');",
      "const cast = ((s: string) => s + '#') as (s: string) => string;",
      "const checked = ((s: string) => s + '%') satisfies (s: string) => string;",
      "export default { a: twice('x'), b: arrow('y'), c: changing('z'), d: declared('w'), e: paren('p'), f: cast('c'), g: checked('s') };",
    ].join('\n');
    expect(read(text)).toBe('{a: "xx", b: "y!", c: ref(changing(\'z\')), d: ref(declared(\'w\')), e: "p?", f: "c#", g: "s%"}');
  });

  it('tsconfig paths, through relative extends, with and without a star', () => {
    const tsFiles = {
      'api/tsconfig.json': '{ "extends": "./configs/base" }',
      'api/configs/base.json': '{ "extends": "../tsconfig.paths.json" }',
      'api/tsconfig.paths.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "@fns/*": ["functions/*"], "@config": ["config/index.ts"] } } }',
      'api/src/functions/hello/index.ts': "export default { handler: 'hello.h' };\n",
      'api/src/config/index.ts': "export const stage = 'dev';\n",
    };
    const text = "import hello from '@fns/hello';\nimport { stage } from '@config';\nimport { x } from '@other/x';\nexport default { hello, stage, x };";
    expect(read(text, tsFiles, 'api/serverless.ts')).toBe('{hello: {handler: "hello.h"}, stage: "dev", x: ref(x)}');
  });

  it('tsconfig without paths, or extending a package, gives no aliases', () => {
    const text = "import hello from '@fns/hello';\nexport default { hello };";
    const fn = { 'src/functions/hello/index.ts': "export default { handler: 'hello.h' };\n" };
    expect(read(text, { 'tsconfig.json': '{ "compilerOptions": {} }', ...fn })).toBe('{hello: ref(hello)}');
    expect(read(text, { 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }', ...fn })).toBe('{hello: ref(hello)}');
    expect(read(text, fn)).toBe('{hello: ref(hello)}');
    expect(read(text, { 'tsconfig.json': '{ "compilerOptions": { "paths": { "@fns/*": ["src/functions/*"] } } }', ...fn })).toBe('{hello: {handler: "hello.h"}}');
  });

  it("the template's handlerPath(__dirname) without its helper file is the file's folder relative to the service", () => {
    const files2 = { 'api/src/functions/hello/index.ts': "import { handlerPath } from '@libs/missing';\nexport default { handler: `${handlerPath(__dirname)}/handler.main`, dir: handlerPath(__dirname), other: handlerPath('x') };\n" };
    expect(read("import hello from './src/functions/hello';\nexport default { hello };", files2, 'api/serverless.ts')).toBe(
      "{hello: {handler: \"src/functions/hello/handler.main\", dir: \"src/functions/hello\", other: ref(handlerPath('x'))}}",
    );
    expect(read('export default { dir: handlerPath(__dirname) };')).toBe('{dir: "."}');
    // A bodiless declaration is no helper; a helper whose value is not static is not replaced.
    expect(read('declare function handlerPath(d: string): string;\nexport default { dir: handlerPath(__dirname) };')).toBe('{dir: "."}');
    expect(read('function handlerPath(d: string) { return process.env.X; }\nexport default { dir: handlerPath(__dirname) };')).toBe('{dir: ref(handlerPath(__dirname))}');
    // Only handlerPath, with __dirname as its one argument.
    expect(read("export default { a: other(__dirname), b: handlerPath(__dirname, 'x'), c: handlerPath(dir) };")).toBe(
      "{a: ref(other(__dirname)), b: ref(handlerPath(__dirname, 'x')), c: ref(handlerPath(dir))}",
    );
  });

  it('__dirname and process.cwd() are made relative to the service; paths outside it are unknown', () => {
    expect(read("import * as path from 'path';\nexport default { a: path.join(__dirname, 'src'), b: process.cwd(), c: path.join(__dirname, '..', 'x'), d: __filename + '' };", {}, 'api/serverless.ts')).toBe(
      '{a: "src", b: ".", c: ref(path.join(__dirname, \'..\', \'x\')), d: "serverless.ts"}',
    );
    // A sibling folder whose name starts with the service's is outside it too.
    expect(read("import * as path from 'path';\nexport default { a: path.join(__dirname, '..', 'api2') };", {}, 'api/serverless.ts')).toBe(
      "{a: ref(path.join(__dirname, '..', 'api2'))}",
    );
  });

  it('a JavaScript config (CommonJS)', () => {
    expect(read("const fn = require('./fn');\nmodule.exports = { service: 'js', fn };", {}, 'serverless.js')).toBe('{service: "js", fn: ref(require(\'./fn\'))}');
  });

  it('each module and tsconfig file is read once', () => {
    const shared = { 'src/a.ts': "export const a = 1;\nexport const b = 2;\n", 'tsconfig.json': '{ "compilerOptions": { "paths": { "@a": ["src/a.ts"] } } }' };
    const reads: string[] = [];
    const host = memoryHost({ 'serverless.ts': '', ...shared });
    const counting = { ...host, readFile: (path: string) => (reads.push(path), host.readFile(path)) };
    const text = "import { a } from './src/a';\nimport { b } from './src/a';\nimport { a as c } from '@a';\nimport { b as d } from '@a';\nexport default { a, b, c, d };";
    expect(show(readServerlessTs('serverless.ts', text, counting).root)).toBe('{a: 1, b: 2, c: 1, d: 2}');
    expect(reads).toEqual(['src/a.ts', 'tsconfig.json']);
  });

  it('a file that exists but cannot be read is skipped', () => {
    const host = { ...memoryHost({ 'src/a.ts': "export const a = 'ts';\n", 'src/a/index.ts': "export const a = 'index';\n" }) };
    const unreadable = { ...host, readFile: (path: string) => (path === 'src/a.ts' ? undefined : host.readFile(path)) };
    expect(show(readServerlessTs('serverless.ts', "import { a } from './src/a';\nexport default { a };", unreadable).root)).toBe('{a: "index"}');
  });

  it('tsconfig paths: a star with a suffix, no fallback to a pattern that does not match, extends at most 5 files deep or to a package', () => {
    const conf = { 'conf/dev.ts': "export const stage = 'dev';\n", 'config/index.ts': "export const stage = 'exact';\n" };
    const paths = '{ "compilerOptions": { "paths": { "~/*/conf": ["conf/*.ts"], "@config": ["config/index.ts"] } } }';
    const text = "import { stage as a } from '~/dev/conf';\nimport { stage as b } from 'x/dev/conf';\nimport { stage as c } from '~/devXXXXX';\nimport { stage as d } from '@nope';\nexport default { a, b, c, d };";
    expect(read(text, { 'tsconfig.json': paths, ...conf })).toBe('{a: "dev", b: ref(b), c: ref(c), d: ref(d)}');
    const chain = (depth: number) => {
      const files: Record<string, string> = { ...conf };
      for (let i = 0; i < depth; i++) files[i === 0 ? 'tsconfig.json' : `t${i}.json`] = `{ "extends": "./t${i + 1}" }`;
      files[`t${depth}.json`] = paths;
      return files;
    };
    expect(read("import { stage } from '@config';\nexport default { stage };", chain(4))).toBe('{stage: "exact"}');
    expect(read("import { stage } from '@config';\nexport default { stage };", chain(5))).toBe('{stage: ref(stage)}');
    expect(read("import { stage } from '@config';\nexport default { stage };", { 'tsconfig.json': '{ "extends": "shared/tsconfig.json" }', 'shared/tsconfig.json': '{ "compilerOptions": { "baseUrl": "..", "paths": { "@config": ["config/index.ts"] } } }', ...conf })).toBe('{stage: ref(stage)}');
  });

  it('import cycles end', () => {
    const cyclic = { 'a.ts': "export { x } from './b';\n", 'b.ts': "export { x } from './a';\n" };
    expect(read("import { x } from './a';\nexport default { x };", cyclic)).toBe('{x: ref(x)}');
  });
});
