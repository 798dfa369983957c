// The lint pool starts on the handlers of the first configs loaded while the others load; a file
// whose handler settings change after it was linted must be linted again with the new ones.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLintPass } from '../../src/code/lint-pass.js';
import { ProjectHost } from '../../src/project/host.js';
import { writeProject } from '../helpers/temp-project.js';
import { assertBuilt, REPO } from './generators/cli.js';

type LintPassModule = typeof import('../../src/code/lint-pass.js');

// `run` is no handler by its name: only settings make it one, and only then does the callback count.
const FILES: Record<string, string> = {
  'src/main.js': "import { run } from './jobs.js';\nexport const handler = async (event) => run(event);\n",
  'src/jobs.js': 'export function run(event, context, callback) {\n  callback(null, event);\n}\n',
};

function project(): string {
  return writeProject(FILES, 'lambdalint-pool-');
}

async function pool(root: string): Promise<ReturnType<LintPassModule['LintPool']['start']>> {
  assertBuilt();
  // The built module: workers load dist/src/code/lint-worker.js.
  const { LintPool } = (await import(pathToFileURL(join(REPO, 'dist/src/code/lint-pass.js')).href)) as LintPassModule;
  return LintPool.start(root, { rules: { 'no-callback-handler': { severity: 'error' } } }, 2);
}

/** Waits until the pool has finished `count` lints (at most 25 s). */
async function lintsDone(lintPool: { lintsDone: number }, count: number): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (lintPool.lintsDone < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

const ruleIds = (linted: Map<string, { findings: Array<{ ruleId: string }> }>, file: string): string[] => linted.get(file)!.findings.map((f) => f.ruleId);

describe('LintPool', () => {
  it('lints imports of the first handlers without settings, then again once a later config names them handlers', async () => {
    const lintPool = await pool(project());
    try {
      lintPool.add(new Map([['src/main.js', [{ export: 'handler' }]]]));
      // Until the workers have started and linted src/main.js and the src/jobs.js it imports
      // (polled: a fixed sleep was too short on a loaded machine).
      await lintsDone(lintPool, 2);
      const final = new Map([
        ['src/main.js', [{ export: 'handler' }]],
        ['src/jobs.js', [{ export: 'run' }]],
      ]);
      const linted = await lintPool.run(['src/jobs.js', 'src/main.js'], final);
      expect([...linted.keys()].sort()).toEqual(['src/jobs.js', 'src/main.js']);
      expect(ruleIds(linted, 'src/jobs.js')).toEqual(['no-callback-handler']);
      expect(ruleIds(linted, 'src/main.js')).toEqual([]);
      expect(lintPool.lintsDone).toBe(3);
    } finally {
      lintPool.close();
    }
  }, 45_000);

  it('without the later config, the imported file is linted once, as a module', async () => {
    const lintPool = await pool(project());
    try {
      lintPool.add(new Map([['src/main.js', [{ export: 'handler' }]]]));
      const linted = await lintPool.run(['src/main.js'], new Map([['src/main.js', [{ export: 'handler' }]]]));
      expect([...linted.keys()].sort()).toEqual(['src/jobs.js', 'src/main.js']);
      expect(ruleIds(linted, 'src/jobs.js')).toEqual([]);
      expect(lintPool.lintsDone).toBe(2);
    } finally {
      lintPool.close();
    }
  }, 45_000);

  it('the names of the functions a handler serves do not make a file worth linting again', async () => {
    const lintPool = await pool(project());
    try {
      lintPool.add(new Map([['src/jobs.js', [{ export: 'run', functions: ['a'] }]]]));
      await lintsDone(lintPool, 1);
      const linted = await lintPool.run(['src/jobs.js'], new Map([['src/jobs.js', [{ export: 'run', functions: ['a', 'b'] }]]]));
      expect(ruleIds(linted, 'src/jobs.js')).toEqual(['no-callback-handler']);
      expect(lintPool.lintsDone).toBe(1);
    } finally {
      lintPool.close();
    }
  }, 45_000);

  it('a handler file that is no entry (pre-commit mode) is linted with its settings when an entry reaches it', async () => {
    const root = project();
    const lintPool = await pool(root);
    try {
      const handlersByFile = new Map([['src/main.js', [{ export: 'handler' }]], ['src/jobs.js', [{ export: 'run' }]]]);
      const linted = await lintPool.run(['src/main.js'], handlersByFile);
      expect(ruleIds(linted, 'src/jobs.js')).toEqual(['no-callback-handler']);
      const inThread = await runLintPass(new ProjectHost(root), {
        rules: { 'no-callback-handler': { severity: 'error' } },
        handlersByFile,
        entries: ['src/main.js'],
        workers: 0,
      });
      expect(inThread).toEqual(new Map([...linted].sort(([a], [b]) => (a < b ? -1 : 1))));
    } finally {
      lintPool.close();
    }
  }, 45_000);

  it('workers that cannot start (here: run from the TypeScript sources, there is no lint-worker.js) leave the pass to this thread', async () => {
    const root = project();
    const handlersByFile = new Map([['src/main.js', [{ export: 'handler' }]], ['src/jobs.js', [{ export: 'run' }]]]);
    const rules = { 'no-callback-handler': { severity: 'error' as const } };
    const inThread = await runLintPass(new ProjectHost(root), { rules, handlersByFile, workers: 0 });
    const withWorkers = await runLintPass(new ProjectHost(root), { rules, handlersByFile, workers: 2 });
    expect(ruleIds(withWorkers, 'src/jobs.js')).toEqual(['no-callback-handler']);
    expect(withWorkers).toEqual(inThread);
  }, 45_000);
});

