/**
 * Issue 14, class 7: acorn's redeclaration check (under ESLint's espree) is made linear, with the
 * same results. The work is counted (no timing): the elements `Array#indexOf` searches while
 * espree parses 2,000 module-scope constants, about 6 million when each declaration searches
 * the names before it.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeAcornScopesLinear, NameList } from '../../src/code/acorn-scopes.js';

const fromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
const espree = fromEslint('espree') as { parse(code: string, options: object): unknown };
const parse = (code: string, sourceType: 'module' | 'script' = 'module'): unknown => espree.parse(code, { ecmaVersion: 'latest', sourceType });

/** Elements that `Array#indexOf` could search during `work` (its array's length per call). */
function indexOfWork(work: () => void): number {
  const original = Array.prototype.indexOf;
  let searched = 0;
  Array.prototype.indexOf = function (this: unknown[], ...args: Parameters<typeof original>): number {
    searched += this.length;
    return original.apply(this, args);
  };
  try {
    work();
  } finally {
    Array.prototype.indexOf = original;
  }
  return searched;
}

describe('acorn scopes', () => {
  it('is patched in the acorn ESLint uses', () => {
    expect(makeAcornScopesLinear()).toBe(true);
  });

  it('searches a bounded number of names per declaration: 2,000 module-scope constants', () => {
    makeAcornScopesLinear();
    const count = 2000;
    const code = Array.from({ length: count }, (_, i) => `const c${i} = ${i}; let l${i}; function f${i}() { var v${i}; }`).join('\n');
    expect(indexOfWork(() => parse(code))).toBeLessThan(10 * count);
  });

  it('reports the same redeclarations as acorn', () => {
    makeAcornScopesLinear();
    for (const code of ['let a; let a;', 'const a = 1; var a;', 'var a; let a;', 'function f() {} let f;', 'let a; { var a; }', 'export { x };', 'try {} catch (e) { let e; }']) {
      expect(() => parse(code), code).toThrow(/has already been declared|Export 'x' is not defined/);
    }
    for (const code of ['var a; var a;', 'let a; { let a; }', 'function f() {} function f() {}', 'try {} catch (e) { var e; }', 'var x; export { x };']) {
      expect(() => parse(code, code.includes('function f() {} function') ? 'script' : 'module'), code).not.toThrow();
    }
  });

  it('NameList: indexOf finds the first place of a name, elements stay in order', () => {
    const list = new NameList();
    list.push('a', 'b');
    list.push('a');
    expect([...list]).toEqual(['a', 'b', 'a']);
    expect([list.indexOf('a'), list.indexOf('b'), list.indexOf('c'), list.length, list[0]]).toEqual([0, 1, -1, 3, 'a']);
  });
});
