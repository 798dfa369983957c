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
  ])('%s', (literal, expected) => {
    expect(read(`const name = 'orders';\nconst n = 3;\nconst nothing = null;\nconst list = ['x', 'y'];\nconst shared = { a: 3, b: 4 };\nexport default ${literal};`)).toBe(expected);
  });

  it('long unknown expressions are shortened to 200 characters', () => {
    const long = `build(${'x'.repeat(300)})`;
    const shown = read(`export default { a: ${long} };`);
    expect(shown).toBe(`{a: ref(${long.slice(0, 199)}…)}`);
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
  });

  it('looksLikeServerlessTs', () => {
    expect(looksLikeServerlessTs("export default { service: 'a', provider: {} }")).toBe(true);
    expect(looksLikeServerlessTs('export default { service: 1 }')).toBe(false);
    expect(looksLikeServerlessTs('export default { provider: {} }')).toBe(false);
    expect(looksLikeServerlessTs('export default { myservice: 1, provider: {} }')).toBe(false);
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
  ])('%s -> %s', (imports, expression, expected) => {
    expect(read(`${imports}\nexport default { v: ${expression} };`, files)).toBe(`{v: ${expected}}`);
  });

  it('local helpers: declarations and const arrows; let arrows and bodiless declarations are not helpers', () => {
    const text = [
      'function twice(s: string) { return s + s; }',
      'const arrow = (s: string) => `${s}!`;',
      'let changing = (s: string) => s;',
      'declare function declared(s: string): string;',
      "export default { a: twice('x'), b: arrow('y'), c: changing('z'), d: declared('w') };",
    ].join('\n');
    expect(read(text)).toBe('{a: "xx", b: "y!", c: ref(changing(\'z\')), d: ref(declared(\'w\'))}');
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
  });

  it('__dirname and process.cwd() are made relative to the service; paths outside it are unknown', () => {
    expect(read("import * as path from 'path';\nexport default { a: path.join(__dirname, 'src'), b: process.cwd(), c: path.join(__dirname, '..', 'x'), d: __filename + '' };", {}, 'api/serverless.ts')).toBe(
      '{a: "src", b: ".", c: ref(path.join(__dirname, \'..\', \'x\')), d: "serverless.ts"}',
    );
  });

  it('a JavaScript config (CommonJS)', () => {
    expect(read("const fn = require('./fn');\nmodule.exports = { service: 'js', fn };", {}, 'serverless.js')).toBe('{service: "js", fn: ref(require(\'./fn\'))}');
  });

  it('import cycles end', () => {
    const cyclic = { 'a.ts': "export { x } from './b';\n", 'b.ts': "export { x } from './a';\n" };
    expect(read("import { x } from './a';\nexport default { x };", cyclic)).toBe('{x: ref(x)}');
  });
});
