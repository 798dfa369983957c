/**
 * Issue 14, class 7: the report stays linear in findings and in the functions that share them.
 * Synthetic findings (no linting), no timing: the work is checked through what made it grow,
 * shared lists instead of one copy per finding, sorts counted, no argument list per finding.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFindings, dedupe } from '../../src/analyze.js';
import type { LintedFile } from '../../src/code/lint-pass.js';
import { emptyFacts } from '../../src/code/facts.js';
import type { Finding } from '../../src/findings.js';
import { assertBuilt, REPO } from './generators/cli.js';

/** Past about 120,000 to 200,000 arguments (by stack size), `push(...list)` and `Math.max(...list)` overflow the stack. */
const MANY = 300_000;

const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({ ruleId: 'no-hardcoded-secret', severity: 'error', message: 'AWS access key ID is hardcoded.', file: 'handler.js', line: i + 1, column: 11, ...extra });

/** Elements sorted by `Array#sort` during `work`. */
function sortWork(work: () => void): number {
  const original = Array.prototype.sort;
  let sorted = 0;
  Array.prototype.sort = function <T>(this: T[], compare?: (a: T, b: T) => number): T[] {
    sorted += this.length;
    return original.call(this, compare) as T[];
  };
  try {
    work();
  } finally {
    Array.prototype.sort = original;
  }
  return sorted;
}

describe('many findings', () => {
  it('code findings of one file share one list of the functions it serves', () => {
    const linted = new Map<string, LintedFile>([['handler.js', { file: 'handler.js', findings: Array.from({ length: MANY }, (_, i) => finding(i)), facts: emptyFacts(), imports: [] }]]);
    const handlers = new Map([['handler.js', [{ export: 'handler', functions: ['b', 'a', 'b'] }, { export: 'other', functions: ['c'] }]]]);
    const findings = codeFindings(linted, handlers);
    expect(findings).toHaveLength(MANY);
    expect(findings[0].functions).toEqual(['a', 'b', 'c']);
    expect(new Set(findings.map((f) => f.functions)).size).toBe(1);
  });

  it('dedupe: one finding from 4,000 functions names them all, sorting each name about once', () => {
    const count = 4000;
    const copies = Array.from({ length: count }, (_, i) => finding(0, { file: 'serverless.yml', functions: [`fn${String(count - i).padStart(5, '0')}`] }));
    let merged: Finding[] = [];
    const sorted = sortWork(() => {
      merged = dedupe([...copies, finding(1)]);
    });
    expect(merged).toHaveLength(2);
    expect(merged[0].functions).toHaveLength(count);
    expect(merged[0].functions?.slice(0, 2)).toEqual(['fn00001', 'fn00002']);
    expect(merged[1].functions).toBeUndefined();
    // Merging a sorted copy per duplicate sorted about 8 million names here.
    expect(sorted).toBeLessThan(2 * count);
  });

  it('appendAll and stylish take more findings than an argument list can (built code, in node with its default stack)', () => {
    assertBuilt();
    // Vitest's workers have a larger stack: `push(...list)` passes there, and fails in the CLI.
    const script = `
      const { appendAll } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/append-all.js')).href)});
      const { stylish } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/cli/formatters/stylish.js')).href)});
      const findings = Array.from({ length: ${MANY} }, (_, i) => ({ ruleId: 'r', severity: 'error', message: 'm', file: 'a.js', line: i + 1, column: 1 }));
      const all = [];
      appendAll(all, findings);
      const out = stylish([{ file: 'a.js', findings: all }], { cwd: '/p', rules: [], color: false });
      console.log(all.length, out.includes('${MANY}:1'));
    `;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()).toBe(`${MANY} true`);
  }, 60_000);
});
