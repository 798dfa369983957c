import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuildOutputs } from './helpers/built.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambdalint-build-'));
  for (const folder of ['src', 'rules', 'dist/src', 'dist/rules']) mkdirSync(join(dir, folder), { recursive: true });
  return dir;
}

describe('build freshness check', () => {
  it('passes when every source has a newer build output', () => {
    const dir = project();
    writeFileSync(join(dir, 'src/a.ts'), '');
    writeFileSync(join(dir, 'dist/src/a.js'), '');
    expect(staleBuildOutputs(dir)).toEqual([]);
  });
  it('names a source edited after the last build, and one never built', () => {
    const dir = project();
    writeFileSync(join(dir, 'src/a.ts'), '');
    writeFileSync(join(dir, 'dist/src/a.js'), '');
    utimesSync(join(dir, 'dist/src/a.js'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    writeFileSync(join(dir, 'rules/b.ts'), '');
    expect(staleBuildOutputs(dir)).toEqual(['rules/b.ts', 'src/a.ts']);
  });
});
