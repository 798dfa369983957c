import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HandlerSetting } from '../handlers/settings.js';
import { ProjectHost } from '../project/host.js';
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
const DEFAULT_FILE_TIMEOUT_MS = 30_000;

/**
 * Lints handler files and every local module they import, each file exactly once, and returns
 * each file's findings and code facts. Large jobs are spread over worker threads.
 */
export async function runLintPass(host: ProjectHost, options: LintPassOptions): Promise<Map<string, LintedFile>> {
  const entries = [...new Set([...options.handlersByFile.keys(), ...(options.extraFiles ?? [])])].sort();
  const workerCount = options.workers ?? (entries.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 0);
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
  file?: string;
  timer?: NodeJS.Timeout;
}

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
    const finishIfDone = (): void => {
      if (settled || queue.length > 0 || [...slots].some((s) => s.file !== undefined)) return;
      settled = true;
      for (const slot of slots) void slot.worker.terminate();
      resolvePass(results);
    };
    const dispatch = (slot: Slot): void => {
      const file = queue.shift();
      if (file === undefined) {
        finishIfDone();
        return;
      }
      slot.file = file;
      slot.timer = setTimeout(() => onTimeout(slot), timeoutMs);
      slot.worker.postMessage({ file, handlers: options.handlersByFile.get(file) ?? [] });
    };
    const onResult = (slot: Slot, linted: LintedFile): void => {
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
      for (const other of slots) if (other.file === undefined && other !== slot && queue.length > 0) dispatch(other);
      dispatch(slot);
    };
    const onTimeout = (slot: Slot): void => {
      const file = slot.file!;
      results.set(file, {
        file,
        findings: [{
          ruleId: 'internal-error',
          severity: 'error',
          message: `Linting this file took longer than ${timeoutMs / 1000} s and was stopped; the other files were still checked. Please report it with this file.`,
          file,
          line: 1,
          column: 1,
        }],
        facts: { relativeImports: [], packageImports: [], envReads: [], readsWholeEnv: false, exportNames: ['*'], loadsDotenv: false, handlers: [] },
        imports: [],
      });
      slots.delete(slot);
      void slot.worker.terminate();
      start();
    };
    const start = (): void => {
      const slot: Slot = { worker: new Worker(workerUrl, { workerData }) };
      slots.add(slot);
      slot.worker.on('message', (message: LintedFile | { ready: true }) => {
        if ('ready' in message) dispatch(slot);
        else onResult(slot, message);
      });
      slot.worker.on('error', (error) => {
        if (settled) return;
        settled = true;
        for (const s of slots) void s.worker.terminate();
        rejectPass(error);
      });
    };
    for (let i = 0; i < count; i++) start();
  });
}
