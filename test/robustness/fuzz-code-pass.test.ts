import { describe, it } from 'vitest';
import { codeRules } from '../../rules/index.js';
import { createFileLinter, type CodeRuleSetting } from '../../src/code/file-linter.js';
import { ProjectHost, type ReadOutcome } from '../../src/project/host.js';
import { presetSettings } from '../../src/rule-settings.js';
import { HANDLER_SIBLINGS, handlerCase } from './generators/handler.js';
import { assertFindings, fuzz, runs } from './generators/harness.js';

/** The lint pass reads through a ProjectHost; this one serves in-memory files (no disk). */
class MemoryProjectHost extends ProjectHost {
  files: Record<string, string> = {};
  constructor() {
    super('/lambdalint-fuzz-root');
  }
  override read(path: string): ReadOutcome {
    return Object.hasOwn(this.files, path) ? { ok: true, text: this.files[path] } : { ok: false, reason: 'missing', detail: 'file not found' };
  }
  override fileExists(path: string): boolean {
    return Object.hasOwn(this.files, path);
  }
  override listDir(dir: string): string[] {
    const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
    return Object.keys(this.files).filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).sort();
  }
}

describe('fuzz: code-rule pass (ESLint with every lambdalint code rule)', () => {
  it('never throws, never hangs, locates every finding inside the handler file', async () => {
    const host = new MemoryProjectHost();
    const rules: Record<string, CodeRuleSetting> = {};
    for (const [id, setting] of Object.entries(presetSettings('strict'))) {
      if (id in codeRules) rules[id] = { severity: setting.severity, options: setting.options ? [...setting.options] : undefined };
    }
    const lint = createFileLinter(host, { rules, reportUnusedDisableDirectives: true });
    await fuzz('code-pass', handlerCase, runs(1_500), ({ file, text, handlers }) => {
      host.files = { ...HANDLER_SIBLINGS, [file]: text };
      const linted = lint(file, handlers);
      assertFindings(linted.findings, host.files);
    });
  }, 120_000);
});
