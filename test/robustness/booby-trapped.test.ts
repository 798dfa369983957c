/**
 * lambdalint must be safe on an untrusted pull request: it reads configs and code as text and
 * never runs them. `fixtures/booby-trapped` has a trap in every file that could be executed
 * (serverless.ts, a CDK app and stack, a handler, a plugin named by the config, other tools'
 * configs) and this test adds a dependency whose main file is trapped too. A trap writes a
 * `TRAP-FIRED-*` marker and calls `process.exit(42)`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyFixture, flatFindings, listTree, removeTemps, runCli, tempDir } from './generators/cli.js';

const TRAP = (name: string): string =>
  `require('node:fs').writeFileSync(require('node:path').join(process.env.LAMBDALINT_TRAP_DIR || process.cwd(), 'TRAP-FIRED-${name}'), 'executed\\n');\nprocess.exit(42);\n`;

let project: string;
let trapDir: string;
let before: string[];

beforeAll(() => {
  assertBuilt();
  project = copyFixture('booby-trapped');
  // A dependency with side effects in its main file and install scripts (node_modules is not
  // committed: it is created here).
  const pkg = join(project, 'node_modules', 'evil-pkg');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'evil-pkg', version: '1.0.0', main: 'index.js', scripts: { install: 'node index.js', postinstall: 'node index.js' } }, null, 2));
  writeFileSync(join(pkg, 'index.js'), `// TRAP: a dependency's main file.\n${TRAP('node-modules')}module.exports = { name: 'evil' };\n`);
  trapDir = tempDir('lambdalint-traps-');
  before = listTree(project);
});
afterAll(removeTemps);

function assertNoTrapFired(): void {
  expect(readdirSync(trapDir), 'markers in LAMBDALINT_TRAP_DIR').toEqual([]);
  // Nothing at all was written into the project (no marker, no cache, no report).
  expect(listTree(project)).toEqual(before);
}

/** Every file with a trap, and the marker it writes. */
const TRAPPED = {
  'serverless.ts': 'serverless-ts',
  'bin/app.ts': 'cdk-app',
  'lib/stack.ts': 'cdk-stack',
  'lambda/legacy.js': 'cdk-lambda',
  'src/handler.js': 'handler',
  'evil-plugin.js': 'plugin',
  'eslint.config.js': 'eslint-config',
  'lambdalint.config.mjs': 'lambdalint-config-mjs',
  'node_modules/evil-pkg/index.js': 'node-modules',
};

describe('booby-trapped project', () => {
  it('the traps are live: each file, when run, writes its marker and exits 42', () => {
    const runDir = tempDir('lambdalint-trap-control-');
    for (const [file, marker] of Object.entries(TRAPPED)) {
      // Transpiled to CommonJS so Node runs TypeScript and ESM alike; the trap is at the top.
      const js = ts.transpileModule(readFileSync(join(project, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const script = join(runDir, `${marker}.cjs`);
      writeFileSync(script, js);
      const run = spawnSync(process.execPath, [script], { cwd: runDir, env: { ...process.env, LAMBDALINT_TRAP_DIR: runDir }, encoding: 'utf8' });
      expect(run.status, `${file}: ${run.stderr}`).toBe(42);
      expect(readdirSync(runDir), file).toContain(`TRAP-FIRED-${marker}`);
    }
  });

  it('a config that names a plugin is a usage error, and the plugin is not loaded', () => {
    const run = runCli(['--format', 'json'], project, { LAMBDALINT_TRAP_DIR: trapDir });
    expect(run.signal).toBeNull();
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('lambdalint.config.json:2:3');
    expect(run.stderr).toContain('unknown key "plugins"');
    expect(run.stderr).toContain('never loads plugins');
    assertNoTrapFired();
  });

  it.each([
    ['deploy configs and the handlers they name', []],
    ['every JS/TS file (--all-files)', ['--all-files']],
  ])('runs to the end over %s without executing anything, and still reports', (_name, extra) => {
    const run = runCli(['--format', 'json', '--config', 'ci.lambdalint.config.json', ...extra], project, { LAMBDALINT_TRAP_DIR: trapDir });
    expect(run.signal).toBeNull();
    // 1: errors were found. A trap would have exited 42 with no report.
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout.trimEnd()).toMatch(/\]$/);
    expect(run.stderr).toBe('');
    const findings = flatFindings(run.stdout);
    const where = new Set(findings.map((f) => `${f.file} ${f.ruleId}`));
    // From the serverless.ts config (read statically), the CDK stack, and the handler's code.
    expect(where).toContain('serverless.ts timeout-exceeds-integration');
    expect(where).toContain('lib/stack.ts deprecated-runtime');
    // The handler was parsed and its facts checked against the config.
    expect(where).toContain('src/handler.js undefined-env-var');
    expect(findings.filter((f) => f.ruleId === 'internal-error' || f.ruleId === 'parse-error')).toEqual([]);
    assertNoTrapFired();
  });
});
