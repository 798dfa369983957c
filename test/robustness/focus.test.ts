// Pre-commit mode lints only the functions the given files belong to. Its findings must be the
// whole analysis's, restricted to those files and functions: compared here file by file over every
// fixture project, and on cases built to catch a scan that misses an import.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { analyzeProject, type AnalyzeResult } from '../../src/analyze.js';
import { createFileLinter } from '../../src/code/file-linter.js';
import type { Finding } from '../../src/findings.js';
import { restrictToFocus } from '../../src/project/focus.js';
import { ProjectHost } from '../../src/project/host.js';
import { scanImportGraph } from '../../src/project/import-scan.js';
import { presetSettings } from '../../src/rule-settings.js';
import { codeRules } from '../../rules/index.js';
import { dedent, writeProject } from '../helpers/temp-project.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const projects = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const key = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message} [${(f.functions ?? []).join(',')}]`;
const restricted = (result: AnalyzeResult, file: string): string[] => restrictToFocus(result.findings, new Set([file]), result.functions).map(key).sort();

/** Every file of the project a commit could touch (no dependencies, no build output). */
function projectFiles(root: string): string[] {
  return fg.sync(['**/*'], { cwd: root, ignore: ['**/node_modules/**', '**/cdk.out/**', '**/.aws-sam/**', '**/.serverless/**'], dot: true }).sort();
}

describe.concurrent('pre-commit mode gives the findings of the whole analysis, restricted', () => {
  for (const project of projects) {
    it(`fixtures/${project}: every file given alone`, async () => {
      const root = join(FIXTURES, project);
      const full = await analyzeProject({ root, workers: 0 });
      for (const file of projectFiles(root)) {
        const focused = await analyzeProject({ root, focus: [file], workers: 0 });
        expect({ file, findings: restricted(focused, file) }).toEqual({ file, findings: restricted(full, file) });
      }
    }, 120_000);
  }
});

describe('pre-commit mode lints only the functions of the given files', () => {
  const service = (name: string, extra = ''): Record<string, string> => ({
    [`${name}/serverless.yml`]: dedent`
      service: ${name}
      provider:
        name: aws
        runtime: nodejs22.x
        timeout: 10
        memorySize: 512
      functions:
        api:
          handler: src/api.handler
          events:
            - httpApi: GET /${name}
    `,
    [`${name}/src/api.mjs`]: `import { load } from './load.mjs';\n${extra}export const handler = async () => ({ statusCode: 200, body: await load() });\n`,
    [`${name}/src/load.mjs`]: 'export async function load() {\n  return process.env.TABLE;\n}\n',
  });

  it("a handler file: the other service's code is not linted", async () => {
    const root = writeProject({ ...service('alpha'), ...service('beta') });
    const full = await analyzeProject({ root, workers: 0 });
    const focused = await analyzeProject({ root, focus: ['alpha/src/api.mjs'], workers: 0 });
    expect(full.files).toContain('beta/src/load.mjs');
    expect(focused.files).not.toContain('beta/src/api.mjs');
    expect(focused.files).not.toContain('beta/src/load.mjs');
    expect(focused.files).toContain('alpha/src/load.mjs');
    expect(restricted(focused, 'alpha/src/api.mjs')).toEqual(restricted(full, 'alpha/src/api.mjs'));
    expect(restricted(focused, 'alpha/src/api.mjs').some((f) => f.includes('undefined-env-var'))).toBe(true);
  });

  it('a file no function mentions (package.json, tsconfig.json): the whole project', async () => {
    const root = writeProject({ ...service('alpha'), ...service('beta'), 'package.json': '{ "name": "x" }\n' });
    const focused = await analyzeProject({ root, focus: ['package.json'], workers: 0 });
    expect(focused.files).toContain('beta/src/load.mjs');
    expect(focused.files).toContain('alpha/src/load.mjs');
  });

  it('a module reached only through an unusual import form still pulls in its function', async () => {
    const forms = [
      "const lazy = () => require(`./load.mjs`);\n",
      "export { load as again } from './load.mjs';\n",
      "const loaded = await import('./load.mjs');\n",
      "function inner() { if (Math.random()) { return require('./load.mjs'); } }\n",
    ];
    for (const form of forms) {
      const files = service('alpha', form);
      // The only static import goes through the form under test.
      files['alpha/src/api.mjs'] = `${form}export const handler = async () => ({ statusCode: 200 });\n`;
      const root = writeProject(files);
      const full = await analyzeProject({ root, workers: 0 });
      const focused = await analyzeProject({ root, focus: ['alpha/src/load.mjs'], workers: 0 });
      expect({ form, files: focused.files }).toEqual({ form, files: full.files });
      expect(restricted(focused, 'alpha/src/load.mjs')).toEqual(restricted(full, 'alpha/src/load.mjs'));
      expect(restricted(full, 'alpha/src/load.mjs').length).toBeGreaterThan(0);
    }
  });
});

describe('the import scan finds every import the lint pass follows', () => {
  for (const project of projects) {
    it(`fixtures/${project}`, () => {
      const root = join(FIXTURES, project);
      const host = new ProjectHost(root);
      const rules = Object.fromEntries(Object.keys(presetSettings('recommended')).filter((id) => id in codeRules).map((id) => [id, { severity: 'error' as const }]));
      const lint = createFileLinter(host, { rules });
      const code = projectFiles(root).filter((f) => /\.(c|m)?(j|t)sx?$/.test(f) && !f.endsWith('.d.ts'));
      const scanned = scanImportGraph(host, code);
      for (const file of code) {
        const followed = lint(file, []).imports;
        const found = scanned.get(file) ?? [];
        expect({ file, missing: followed.filter((f) => !found.includes(f)) }).toEqual({ file, missing: [] });
      }
    });
  }
});
