import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HandlerSetting } from '../handlers/settings.js';
import { ProjectHost } from '../project/host.js';
import { emptyFacts } from './facts.js';
import { createFileLinter, type FileLinterOptions, type LintedFile } from './file-linter.js';

export type { LintedFile, CodeRuleSetting } from './file-linter.js';

export interface LintPassOptions extends FileLinterOptions {
  /** Per file: the handler exports the deploy config names, with triggers and runtime. */
  handlersByFile: Map<string, HandlerSetting[]>;
  /** Extra files to lint that no function reaches (`--all-files`). */
  extraFiles?: string[];
  /** Worker threads to use; 0 lints in this thread. Default: by job size and cores. */
  workers?: number;
  /** A file taking longer than this (ms) is stopped and reported (worker mode only). */
  fileTimeoutMs?: number;
}

/** Below this many entry files, starting workers (each loads ESLint and the parser) costs more than it saves. */
const WORKER_THRESHOLD = 60;
const MIN_CORES_FOR_WORKERS = 4;
const DEFAULT_FILE_TIMEOUT_MS = 30_000;

/**
 * Lints handler files and every local module they import, each file exactly once, and returns
 * each file's findings and code facts. Large jobs are spread over worker threads.
 */
export async function runLintPass(host: ProjectHost, options: LintPassOptions): Promise<Map<string, LintedFile>> {
  const entries = [...new Set([...options.handlersByFile.keys(), ...(options.extraFiles ?? [])])].sort();
  // Measured on the generated 320-function monorepo (bench/cli-vs-eslint.mjs): on 2 cores, two workers
  // plus the main thread cost 1.8x the CPU of one thread (each worker loads and JIT-warms ESLint and
  // the TypeScript parser) and were slower in wall time whenever the machine was busy. So workers
  // start only where there are cores to spare.
  const cores = availableParallelism();
  const workerCount = options.workers ?? (entries.length >= WORKER_THRESHOLD && cores >= MIN_CORES_FOR_WORKERS ? Math.min(cores - 1, 4) : 0);
  const results = workerCount > 0 ? await lintInWorkers(host, options, entries, workerCount) : lintInThread(host, options, entries);
  // Sorted by file, whatever order the workers finished in.
  return new Map([...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function lintInThread(host: ProjectHost, options: LintPassOptions, entries: string[]): Map<string, LintedFile> {
  const lint = createFileLinter(host, fileLinterOptions(options));
  const results = new Map<string, LintedFile>();
  const queue = [...entries];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const linted = lint(file, options.handlersByFile.get(file) ?? []);
    results.set(file, linted);
    for (const next of linted.imports) {
      if (!queued.has(next)) {
        queued.add(next);
        queue.push(next);
      }
    }
  }
  return results;
}

function fileLinterOptions(options: LintPassOptions): FileLinterOptions {
  return { rules: options.rules, handlerNames: options.handlerNames, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives };
}

interface Slot {
  worker: Worker;
  /** The worker has loaded ESLint and said so; only then is it given files. */
  ready: boolean;
  /** The one file it is linting, if any. */
  file?: string;
  timer?: NodeJS.Timeout;
}

/**
 * Each worker lints one file at a time. A file that takes too long, or on which a worker dies,
 * becomes an `internal-error` finding and a fresh worker takes over; the others go on.
 * (Before, a result could dispatch a file to a worker that had not said `ready` yet; its `ready`
 * then dispatched a second file, the first file's timer was lost, fired after the pass and
 * started a worker nobody stopped: the CLI printed its report and never exited.)
 */
function lintInWorkers(host: ProjectHost, options: LintPassOptions, entries: string[], count: number): Promise<Map<string, LintedFile>> {
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const workerUrl = new URL('./lint-worker.js', import.meta.url);
  const workerData = { root: host.root, options: fileLinterOptions(options) };
  const results = new Map<string, LintedFile>();
  const queue = [...entries];
  const queued = new Set(queue);
  const slots = new Set<Slot>();

  return new Promise((resolvePass, rejectPass) => {
    let settled = false;
    const stopAll = (): void => {
      settled = true;
      for (const slot of slots) {
        clearTimeout(slot.timer);
        void slot.worker.terminate();
      }
    };
    const finishIfDone = (): void => {
      if (settled || queue.length > 0 || [...slots].some((s) => s.file !== undefined)) return;
      stopAll();
      resolvePass(results);
    };
    const dispatch = (slot: Slot): void => {
      if (settled || !slot.ready || slot.file !== undefined) return;
      const file = queue.shift();
      if (file === undefined) {
        finishIfDone();
        return;
      }
      slot.file = file;
      slot.timer = setTimeout(() => fail(slot, `Linting this file took longer than ${timeoutMs / 1000} s and was stopped`), timeoutMs);
      slot.worker.postMessage({ file, handlers: options.handlersByFile.get(file) ?? [] });
    };
    const onResult = (slot: Slot, linted: LintedFile): void => {
      if (settled || slot.file !== linted.file) return;
      clearTimeout(slot.timer);
      slot.file = undefined;
      results.set(linted.file, linted);
      for (const next of linted.imports) {
        if (!queued.has(next)) {
          queued.add(next);
          queue.push(next);
        }
      }
      // Wake idle workers for files this result discovered.
      for (const other of slots) if (other !== slot && queue.length > 0) dispatch(other);
      dispatch(slot);
    };
    /** The slot's file failed (timeout, crash): report it, replace the worker, go on. */
    const fail = (slot: Slot, why: string): void => {
      if (settled || !slots.has(slot)) return;
      clearTimeout(slot.timer);
      const file = slot.file;
      slots.delete(slot);
      void slot.worker.terminate();
      if (file === undefined) {
        if (slot.ready) {
          start();
          return;
        }
        // A worker that dies before it is ready cannot start at all: give up on the pass.
        stopAll();
        rejectPass(new Error(`a lint worker failed to start: ${why}`));
        return;
      }
      results.set(file, {
        file,
        findings: [{
          ruleId: 'internal-error',
          severity: 'error',
          message: `${why}; the other files were still checked. Please report it with this file.`,
          file,
          line: 1,
          column: 1,
        }],
        // Unknown exports ('*'), not analysed: cross rules say nothing about this file.
        facts: { ...emptyFacts(), exportNames: ['*'] },
        imports: [],
      });
      start();
    };
    const start = (): void => {
      const slot: Slot = { worker: new Worker(workerUrl, { workerData }), ready: false };
      slots.add(slot);
      slot.worker.on('message', (message: LintedFile | { ready: true }) => {
        if ('ready' in message) {
          slot.ready = true;
          dispatch(slot);
        } else {
          onResult(slot, message);
        }
      });
      slot.worker.on('error', (error) => fail(slot, `The lint worker failed on this file (${error.message.split('\n')[0]})`));
      slot.worker.on('exit', (code) => fail(slot, `The lint worker stopped on this file (exit code ${code})`));
    };
    for (let i = 0; i < count; i++) start();
  });
}
