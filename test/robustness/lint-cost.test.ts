/**
 * Issue 14, class 5: what one code file may cost. ESLint's memory grows by about 2 KB per token,
 * so a file over the token budget is reported, not linted (a 4.9 MB minified handler needed 5 GB);
 * the count comes from the same linear scan as the nesting check. Generated inputs, no timing.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { manyFindings, manyVariables, minifiedHandler } from '../../bench/hostile-cases.mjs';
import { createFileLinter, MAX_LINT_TOKENS } from '../../src/code/file-linter.js';
import { scanJs } from '../../src/code/nesting.js';
import { ProjectHost } from '../../src/project/host.js';
import { writeProject } from '../helpers/temp-project.js';

const fromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
const espree = fromEslint('espree') as { tokenize(code: string, options: object): unknown[] };
const espreeTokens = (code: string): number => espree.tokenize(code, { ecmaVersion: 'latest', sourceType: 'module' }).length;

describe('token count of the nesting scan', () => {
  it('counts tokens as espree does on generated code, and within a tenth on varied code', () => {
    const minified = minifiedHandler(20_000);
    expect(scanJs(minified, 500).tokens).toBe(espreeTokens(minified));
    const code = '// c\nconst a = `x${b + 1}y${c}`; /* d */ if (a === 3 && b !== c) { x => x?.y ?? /re[/]/g.test("s\\""); } let z = a++ + --b; z **= 2; obj.k = [1, 2.5e3, 0x1f];\nexport default async function f(...args) { return await g(...args); }\n';
    const counted = scanJs(code, 500).tokens;
    expect(Math.abs(counted - espreeTokens(code))).toBeLessThanOrEqual(espreeTokens(code) / 10);
  });

  it('stops counting where nesting is too deep', () => {
    expect(scanJs(`${'('.repeat(20)}a`, 10)).toEqual({ deep: { line: 1, column: 11 }, tokens: 11 });
  });
});

describe('token budget per linted file', () => {
  it('a minified handler over the budget: a warning with the count, the file is not linted and its exports are unknown', () => {
    const text = minifiedHandler(520_000);
    const tokens = scanJs(text, 500).tokens;
    expect(tokens).toBeGreaterThan(MAX_LINT_TOKENS);
    const root = writeProject({ 'handler.js': text });
    const linted = createFileLinter(new ProjectHost(root), { rules: { 'no-floating-promise': { severity: 'error' } } })('handler.js', [{ export: 'handler' }]);
    expect(linted.findings).toEqual([expect.objectContaining({ ruleId: 'parse-error', severity: 'warning', line: 1, message: `skipped: ${tokens.toLocaleString('en-US')} tokens, over the 250,000 linted per file (about 2 KB of memory each); if it is generated or bundled, exclude it with --ignore-pattern` })]);
    expect(linted.facts.exportNames).toEqual(['*']);
  });

  it('a file under the budget is linted (10,000 module-scope constants, through espree)', () => {
    const text = `${manyVariables(10_000)}${manyFindings(2)}`;
    const root = writeProject({ 'handler.js': text });
    const linted = createFileLinter(new ProjectHost(root), { rules: { 'no-hardcoded-secret': { severity: 'error' } } })('handler.js', [{ export: 'handler' }]);
    // The key on the last lines (an all-zero key reads as a placeholder).
    const line = text.split('\n').findIndex((l) => l.startsWith('const k1 ')) + 1;
    expect(linted.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual([`no-hardcoded-secret:${line}`]);
  }, 60_000);
});
