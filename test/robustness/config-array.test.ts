// The file linter builds each distinct ESLint config once (ESLint's own config-array class, found
// by path); that must give exactly what `Linter#verify` gives when it builds the config per file.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../../rules/index.js';
import { createFileLinter, loadConfigArrayClass, type CodeRuleSetting } from '../../src/code/file-linter.js';
import { ProjectHost } from '../../src/project/host.js';
import { presetSettings } from '../../src/rule-settings.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

function codeFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) codeFiles(path, out);
    else if (/\.(c|m)?(j|t)sx?$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(FIXTURES, path).split('\\').join('/'));
  }
  return out;
}

describe('ESLint config built once per kind of file', () => {
  it('finds the config-array class in the installed ESLint (else every file pays for building its config)', () => {
    expect(loadConfigArrayClass()).toBeTypeOf('function');
  });

  it('gives the same findings and facts as a config built per file, over every fixture code file', () => {
    const rules: Record<string, CodeRuleSetting> = {};
    for (const [id, setting] of Object.entries(presetSettings('strict'))) {
      if (id in codeRules) rules[id] = { severity: setting.severity, options: setting.options ? [...setting.options] : undefined };
    }
    const host = new ProjectHost(FIXTURES);
    const cached = createFileLinter(host, { rules });
    const perFile = createFileLinter(host, { rules, configPerFile: true });
    const files = codeFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(40);
    let findings = 0;
    // Each file with and without handler settings: the settings are part of what is cached.
    for (const file of files) {
      for (const handlers of [[], [{ export: 'handler', trigger: ['sqs' as const], runtime: 'nodejs20.x' }]]) {
        const a = cached(file, handlers);
        expect(a).toEqual(perFile(file, handlers));
        findings += a.findings.length;
      }
    }
    expect(findings).toBeGreaterThan(20);
  });
});
