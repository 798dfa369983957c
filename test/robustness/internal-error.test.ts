/**
 * One rule failing on one file costs that rule on that file, nothing more: the failure is an
 * `internal-error` finding that names the rule and the file, every other rule and file is
 * still checked, and the CLI exits 2 at the end with the full report. Rules are made to throw
 * with `vi.spyOn` (no test hooks in production code).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configRules } from '../../rules/config-index.js';
import { crossRules } from '../../rules/cross-index.js';
import { codeRules } from '../../rules/index.js';
import { analyzeProject } from '../../src/analyze.js';
import { runCli } from '../../src/cli/main.js';
import type { Finding } from '../../src/findings.js';
import { minifiedHandler } from '../../bench/hostile-cases.mjs';
import { assertBuilt, REPO, removeTemps, tempDir } from './generators/cli.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const PROJECT = {
  'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  bad:\n    handler: src/bad.handler\n    timeout: 900\n  good:\n    handler: src/good.handler\n',
  'src/bad.js': "import AWS from 'aws-sdk';\nexport const handler = async () => { const s3 = new AWS.S3(); return s3; };\n",
  'src/good.js': "import AWS from 'aws-sdk';\nexport const handler = async () => { const s3 = new AWS.S3(); return s3; };\n",
};

function project(files: Record<string, string> = PROJECT): string {
  const root = tempDir('lambdalint-internal-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const brief = (findings: Finding[]): string[] => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

/** Makes a code rule throw on files whose name ends with `suffix`, in `create` or in a listener. */
function breakCodeRule(id: keyof typeof codeRules, suffix: string, where: 'create' | 'listener'): void {
  const rule = codeRules[id] as unknown as { create: (context: { filename: string }) => Record<string, unknown> };
  const original = rule.create.bind(rule);
  vi.spyOn(rule, 'create').mockImplementation((context) => {
    if (!context.filename.endsWith(suffix)) return original(context);
    if (where === 'create') throw new Error('injected failure in create');
    return { ...original(context), Program: () => { throw new Error('injected failure in a listener'); } };
  });
}

describe('an internal error in one rule on one file', () => {
  it.each([['create'], ['listener']] as const)('a code rule throwing in %s: an internal-error for that rule and file; the rest still runs', async (where) => {
    breakCodeRule('no-aws-sdk-v2', 'bad.js', where);
    const { findings } = await analyzeProject({ root: project(), workers: 0 });
    const errors = findings.filter((f) => f.ruleId === 'internal-error');
    expect(errors.map((f) => `${f.file}:${f.line}`)).toEqual(['src/bad.js:1']);
    expect(errors[0].message).toContain("Rule 'no-aws-sdk-v2' failed on this file");
    expect(errors[0].message).toContain(`injected failure in ${where === 'create' ? 'create' : 'a listener'}`);
    // The same rule on the other file, other rules on the same file, config rules: all there.
    expect(brief(findings)).toEqual(
      expect.arrayContaining(['src/good.js:1 no-aws-sdk-v2', 'src/bad.js:2 no-client-in-handler', 'src/good.js:2 no-client-in-handler', 'serverless.yml:8 no-max-timeout']),
    );
    expect(brief(findings)).not.toContain('src/bad.js:1 no-aws-sdk-v2');
  });

  it('a config rule and a cross rule throwing: internal-errors naming each rule; the other rules still run', async () => {
    vi.spyOn(configRules['no-max-timeout'], 'create').mockImplementation(() => {
      throw new Error('injected config-rule failure');
    });
    vi.spyOn(crossRules['handler-resolves'], 'create').mockImplementation(() => ({
      function: () => {
        throw new Error('injected cross-rule failure');
      },
    }));
    const { findings } = await analyzeProject({ root: project(), workers: 0 });
    const errors = findings.filter((f) => f.ruleId === 'internal-error').map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^serverless\.yml:1 Rule 'handler-resolves' failed: injected cross-rule failure/),
      expect.stringMatching(/^serverless\.yml:1 Rule 'no-max-timeout' failed: injected config-rule failure/),
    ]);
    expect(brief(findings)).toEqual(expect.arrayContaining(['src/bad.js:1 no-aws-sdk-v2', 'src/good.js:1 no-aws-sdk-v2']));
  });

  it('the CLI prints the whole report and exits 2 at the end', async () => {
    breakCodeRule('no-client-in-handler', 'bad.js', 'listener');
    const root = project();
    let stdout = '';
    let stderr = '';
    const code = await runCli(['--format', 'json'], { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, version: '0.0.0' });
    expect(code, stderr).toBe(2);
    const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
    const all = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));
    expect(all).toEqual(expect.arrayContaining(['src/bad.js:1 internal-error', 'src/bad.js:1 no-aws-sdk-v2', 'src/good.js:2 no-client-in-handler', 'serverless.yml:8 no-max-timeout']));
    const internal = results.flatMap((r) => r.messages).find((m) => m.ruleId === 'internal-error');
    expect(internal?.message).toContain("Rule 'no-client-in-handler' failed on this file");
  });

  it('worker threads: a file that takes too long is stopped and reported, the other files are linted, the pass ends', async () => {
    assertBuilt();
    // The built modules: workers load dist/src/code/lint-worker.js.
    const { runLintPass } = (await import(pathToFileURL(join(REPO, 'dist/src/code/lint-pass.js')).href)) as typeof import('../../src/code/lint-pass.js');
    const { ProjectHost } = (await import(pathToFileURL(join(REPO, 'dist/src/project/host.js')).href)) as typeof import('../../src/project/host.js');
    // About 3.5 MB of code (under the 5 MB limit): linting it takes far longer than 5 s. The limit leaves a small
    // file's first lint in a fresh worker room (over 1 s at a load average of 26); the heap and the token limit
    // (1.9 million tokens here) are no limit in this test.
    const slow = `${Array.from({ length: 34_000 }, (_, i) => `export const v${i} = async (e) => { try { await e.f${i}(e, [1, 2, 3].map((x) => x * ${i})); } catch (err) { console.log(err); } };`).join('\n')}\n`;
    const files: Record<string, string> = { 'src/slow.js': slow };
    for (let i = 0; i < 6; i++) files[`src/f${i}.js`] = "import AWS from 'aws-sdk';\nexport const handler = async () => new AWS.S3();\n";
    const root = project(files);
    const handlersByFile = new Map(Object.keys(files).map((f) => [f, [{ export: 'handler' }]]));
    const started = performance.now();
    const linted = await runLintPass(new ProjectHost(root), { rules: { 'no-aws-sdk-v2': { severity: 'error' } }, handlersByFile, workers: 2, fileTimeoutMs: 5000, workerHeapMb: 4096, maxTokens: Number.POSITIVE_INFINITY });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect([...linted.keys()]).toEqual(['src/f0.js', 'src/f1.js', 'src/f2.js', 'src/f3.js', 'src/f4.js', 'src/f5.js', 'src/slow.js']);
    // A limit hit, as in the guard worker: a parse-error, not a lambdalint bug.
    expect(linted.get('src/slow.js')!.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([expect.stringMatching(/^parse-error Linting this file took longer than 5 s and was stopped/)]);
    for (let i = 0; i < 6; i++) expect(linted.get(`src/f${i}.js`)!.findings.map((f) => f.ruleId)).toEqual(['no-aws-sdk-v2']);
  });

  it('worker threads have a heap limit: a file that needs more is reported, the other files are linted, the pass ends', async () => {
    assertBuilt();
    const { runLintPass } = (await import(pathToFileURL(join(REPO, 'dist/src/code/lint-pass.js')).href)) as typeof import('../../src/code/lint-pass.js');
    const { ProjectHost } = (await import(pathToFileURL(join(REPO, 'dist/src/project/host.js')).href)) as typeof import('../../src/project/host.js');
    // 400 KB of minified code: linting it needs about 400 MB, four times the workers' heap here.
    const files: Record<string, string> = { 'src/huge.js': minifiedHandler(400_000) };
    for (let i = 0; i < 6; i++) files[`src/f${i}.js`] = "import AWS from 'aws-sdk';\nexport const handler = async () => new AWS.S3();\n";
    const root = project(files);
    const handlersByFile = new Map(Object.keys(files).map((f) => [f, [{ export: 'handler' }]]));
    const linted = await runLintPass(new ProjectHost(root), { rules: { 'no-aws-sdk-v2': { severity: 'error' } }, handlersByFile, workers: 2, workerHeapMb: 100 });
    expect([...linted.keys()]).toEqual(['src/f0.js', 'src/f1.js', 'src/f2.js', 'src/f3.js', 'src/f4.js', 'src/f5.js', 'src/huge.js']);
    expect(linted.get('src/huge.js')!.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual(['parse-error Linting this file needed more than 100 MB and was stopped; the other files were still checked']);
    for (let i = 0; i < 6; i++) expect(linted.get(`src/f${i}.js`)!.findings.map((f) => f.ruleId)).toEqual(['no-aws-sdk-v2']);
  }, 60_000);

  it('the lint workers share the guard worker\'s heap, each at least 160 MB', async () => {
    const { workerHeapMb } = await import('../../src/code/lint-pass.js');
    expect([1, 2, 4].map(workerHeapMb)).toEqual([640, 320, 160]);
  });
});

afterEach(removeTemps);
