import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HandlerSetting } from '../handlers/settings.js';
import type { ProjectHost } from '../project/host.js';
import { emptyFacts } from './facts.js';
import { GUARD_HEAP_MB, runGuarded } from '../guard/guarded-worker.js';
import type { FileLinterOptions, LintedFile } from './file-linter.js';

export type { LintedFile, CodeRuleSetting } from './file-linter.js';

export interface LintPassOptions extends FileLinterOptions {
  /** Per file: the handler exports the deploy config names, with triggers and runtime. */
  handlersByFile: Map<string, HandlerSetting[]>;
  /** Where linting starts (default: every file of `handlersByFile`); imports are followed from there. */
  entries?: string[];
  /** Extra files to lint that no function reaches (`--all-files`). */
  extraFiles?: string[];
  /** Worker threads to use; 0 lints in this thread. Default: by job size and cores. Ignored with `pool`. */
  workers?: number;
  /** Workers started earlier (`LintPool.start`), warm by now; the caller closes it. */
  pool?: LintPool;
  /** A file taking longer than this (ms) is stopped and reported (worker mode only). */
  fileTimeoutMs?: number;
  /** Heap limit of each lint worker (MB); default `workerHeapMb(workers)`. */
  workerHeapMb?: number;
}

/**
 * Below this many code files, lint workers cost more than they save: each loads ESLint and the
 * parser and warms up its own JIT (about 1.5 s of CPU). Measured on 2 cores: on the 100-file
 * fixtures two workers took 3.2 s against 2.0 s in one thread; on the 2,100-file generated
 * monorepo 7.0 s against 7.3 s (a single thread already keeps the second core a third busy with
 * V8's compiler and GC threads).
 */
const WORKER_THRESHOLD = 500;
const MAX_WORKERS = 4;
const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/**
 * Heap shared by the lint workers, as the guard worker has for one large file: with the main
 * thread (under 250 MB on the largest inputs) the process stays under the 1 GB bound of README
 * ("Limits") however large a file is. Each worker has its part, at least 160 MB (ESLint and the
 * parser loaded take about 60 MB).
 */
const POOL_HEAP_MB = GUARD_HEAP_MB;
const MIN_WORKER_HEAP_MB = 160;

/** Heap limit of each of `workers` lint workers. */
export function workerHeapMb(workers: number): number {
  return Math.max(MIN_WORKER_HEAP_MB, Math.floor(POOL_HEAP_MB / Math.max(1, workers)));
}

/**
 * Worker threads for a project with `codeFiles` code files: one per core (up to 4) for large
 * projects, none on a single core. While they lint, the main thread only reads configs and hands
 * out files.
 */
export function defaultWorkerCount(codeFiles: number): number {
  // Benchmarks compare lambdalint and ESLint at the same thread count (bench/cli-vs-eslint.mjs).
  const forced = process.env.LAMBDALINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_WORKERS);
  const cores = availableParallelism();
  return codeFiles >= WORKER_THRESHOLD && cores >= 2 ? Math.min(cores, MAX_WORKERS) : 0;
}

/**
 * Lints handler files and every local module they import, each file exactly once, and returns
 * each file's findings and code facts. Large jobs are spread over worker threads.
 */
export async function runLintPass(host: ProjectHost, options: LintPassOptions): Promise<Map<string, LintedFile>> {
  const entries = [...new Set([...(options.entries ?? options.handlersByFile.keys()), ...(options.extraFiles ?? [])])].sort();
  let results: Map<string, LintedFile>;
  const pool = options.pool ?? startPool(host, options, options.workers ?? defaultWorkerCount(entries.length));
  try {
    results = pool ? await pool.run(entries, options.handlersByFile) : await lintInThread(host, options, entries);
  } catch (error) {
    // Threads that cannot start (a process limit, a missing worker module) cost speed, not results.
    if (!(error instanceof WorkerStartError)) throw error;
    results = await lintInThread(host, options, entries);
  } finally {
    if (pool !== options.pool) pool?.close();
  }
  // Sorted by file, whatever order the workers finished in.
  return new Map([...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function startPool(host: ProjectHost, options: LintPassOptions, workers: number): LintPool | undefined {
  return workers > 0 ? LintPool.start(host.root, fileLinterOptions(options), workers, options.fileTimeoutMs, options.workerHeapMb) : undefined;
}

async function lintInThread(host: ProjectHost, options: LintPassOptions, entries: string[]): Promise<Map<string, LintedFile>> {
  if (entries.length === 0) return new Map();
  // Loaded here, not at the top: with workers, the main thread never needs ESLint or the parser.
  const { createFileLinter } = await import('./file-linter.js');
  const lint = createFileLinter(host, fileLinterOptions(options));
  const results = new Map<string, LintedFile>();
  const queue = new FileQueue(entries);
  for (let file = queue.next(); file !== undefined; file = queue.next()) {
    const handlers = options.handlersByFile.get(file) ?? [];
    const outcome = host.read(file);
    const linted =
      outcome.ok && outcome.text.length > IN_THREAD_MAX_CHARS
        ? await lintGuarded(host.root, fileLinterOptions(options), file, handlers, options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS)
        : lint(file, handlers);
    results.set(file, linted);
    queue.add(linted.imports);
  }
  return results;
}

/**
 * Larger files are linted in the guard worker, where a time and memory limit can stop them; up
 * to this size, linting in this thread is bounded (README "Limits": measured worst cases of the
 * hostile generators at this size, by bench/hostile.mjs) and saves starting a worker.
 */
export const IN_THREAD_MAX_CHARS = 128 * 1024;

/** One file in the guard worker: past the deadline or the memory limit, a finding says so and the run goes on. */
async function lintGuarded(root: string, options: FileLinterOptions, file: string, handlers: HandlerSetting[], deadlineMs: number): Promise<LintedFile> {
  const outcome = await runGuarded<LintedFile>(new URL('./lint-task.js', import.meta.url), 'lintFile', { root, options, file, handlers }, { deadlineMs });
  if (outcome.ok) return outcome.value;
  if (outcome.reason === 'timeout') return limitHit(file, `took longer than ${deadlineMs / 1000} s`);
  if (outcome.reason === 'memory') return limitHit(file, `needed more than ${GUARD_HEAP_MB} MB`);
  return notLinted(file, 'internal-error', `The lint worker failed on this file (${outcome.message}); the other files were still checked. Please report it with this file.`);
}

/** A file stopped at the time or memory limit (README "Limits"): the same finding in every mode. */
function limitHit(file: string, what: string): LintedFile {
  return notLinted(file, 'parse-error', `Linting this file ${what} and was stopped; the other files were still checked`);
}

function notLinted(file: string, ruleId: 'parse-error' | 'internal-error', message: string): LintedFile {
  return {
    file,
    findings: [{ ruleId, severity: 'error', message, file, line: 1, column: 1 }],
    // Unknown exports ('*'), not analysed: cross rules say nothing about this file.
    facts: { ...emptyFacts(), exportNames: ['*'] },
    imports: [],
  };
}

export function fileLinterOptions(options: FileLinterOptions): FileLinterOptions {
  return { rules: options.rules, handlerNames: options.handlerNames, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, configPerFile: options.configPerFile, maxTokens: options.maxTokens };
}

/** Files to lint, first the entries, then each import the first time it is seen; a file can be queued again. */
class FileQueue {
  private pending: string[];
  private readonly seen: Set<string>;
  private head = 0;

  constructor(entries: string[] = []) {
    this.pending = [...entries];
    this.seen = new Set(entries);
  }

  next(): string | undefined {
    if (this.head >= this.pending.length) return undefined;
    const file = this.pending[this.head++];
    if (this.head > 4096) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return file;
  }

  get empty(): boolean {
    return this.head >= this.pending.length;
  }

  has(file: string): boolean {
    return this.seen.has(file);
  }

  add(files: Iterable<string>): void {
    for (const file of files) {
      if (!this.seen.has(file)) {
        this.seen.add(file);
        this.pending.push(file);
      }
    }
  }

  /** Queue a file again (its settings changed), or put back one a failed worker did not get to. */
  again(file: string): void {
    this.seen.add(file);
    this.pending.push(file);
  }
}

/**
 * A file's handler settings as sent to a worker. Which functions run a handler names them in the
 * report, not in the lint: a function added later with the same export and triggers does not make
 * the file worth linting again.
 */
function settingsKey(handlers: HandlerSetting[]): string {
  return JSON.stringify(handlers.map(({ functions: _, ...lintSettings }) => lintSettings));
}

/** A worker is given this many files at a time, so that it does not wait for the main thread between two. */
const FILES_IN_FLIGHT = 6;

/** No lint worker could start: the pass is done in the calling thread instead. */
export class WorkerStartError extends Error {}

interface Slot {
  worker: Worker;
  /** The worker has loaded ESLint and said so; only then is it given files. */
  ready: boolean;
  /** Files sent to it and not answered yet, in order: it lints them one after the other. */
  inFlight: Array<{ file: string; settings: string }>;
  /** Armed while files are in flight: the first of them has taken too long. */
  timer?: NodeJS.Timeout;
}

/**
 * Lint worker threads, started before they are needed: they load ESLint while the main thread
 * reads the deploy configs, and lint the handlers of the first configs loaded while it reads the
 * others. Files come as `add`ed (the handlers known so far) and then `run` (all of them); a file
 * whose handler settings change after it was linted is linted again. A file that takes too long,
 * or on which a worker dies, becomes an `internal-error` finding and a fresh worker takes over;
 * the others go on.
 */
export class LintPool {
  private readonly slots = new Set<Slot>();
  private readonly workerUrl = new URL('./lint-worker.js', import.meta.url);
  private readonly queue = new FileQueue();
  private readonly results = new Map<string, LintedFile>();
  /** Per file: its handler settings (as sent to a worker, JSON), the latest known. */
  private readonly settings = new Map<string, string>();
  /** Per file: the settings its result in `results` was linted with. */
  private readonly lintedWith = new Map<string, string>();
  private final: { resolve: (results: Map<string, LintedFile>) => void; reject: (error: Error) => void } | undefined;
  private closed = false;
  /** Results received, stale ones included: more than the files when some were linted again. */
  lintsDone = 0;
  /** Why a worker could not start, when one could not: the pass fails with it. */
  private startFailure: Error | undefined;

  private constructor(
    private readonly root: string,
    private readonly options: FileLinterOptions,
    private readonly timeoutMs: number,
    private readonly heapMb: number,
  ) {}

  static start(root: string, options: FileLinterOptions, count: number, timeoutMs = DEFAULT_FILE_TIMEOUT_MS, heapMb = workerHeapMb(count)): LintPool {
    const pool = new LintPool(root, fileLinterOptions(options), timeoutMs, heapMb);
    for (let i = 0; i < Math.max(1, count); i++) pool.startWorker();
    return pool;
  }

  /** Handler files known so far (with their settings): start on them and what they import. */
  add(handlersByFile: Map<string, HandlerSetting[]>): void {
    if (this.closed) return;
    for (const [file, handlers] of [...handlersByFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) this.setSettings(file, handlers);
    this.dispatchAll();
  }

  /** All entry files and settings: resolves when they and every file they import are linted. One pass per pool. */
  run(entries: string[], handlersByFile: Map<string, HandlerSetting[]>): Promise<Map<string, LintedFile>> {
    if (this.startFailure) return Promise.reject(this.startFailure);
    if (this.final || this.closed) return Promise.reject(new Error('a lint pool runs one pass'));
    return new Promise((resolve, reject) => {
      this.final = { resolve, reject };
      for (const file of entries) this.setSettings(file, handlersByFile.get(file) ?? []);
      // Handler files that are not entries (pre-commit mode lints some functions only) are linted
      // with their settings when an entry reaches them.
      for (const [file, handlers] of handlersByFile) if (!this.queue.has(file)) this.settings.set(file, settingsKey(handlers));
      this.dispatchAll();
      this.finishIfDone();
    });
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      void slot.worker.terminate();
    }
    this.slots.clear();
  }

  private setSettings(file: string, handlers: HandlerSetting[]): void {
    const settings = settingsKey(handlers);
    const before = this.settings.get(file);
    this.settings.set(file, settings);
    if (!this.queue.has(file)) this.queue.add([file]);
    else if (before !== settings) this.queue.again(file);
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      // A heap limit: a file that needs more ends this worker with an error event, not the process.
      worker = new Worker(this.workerUrl, { workerData: { root: this.root, options: this.options }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    } catch (error) {
      this.giveUp(new WorkerStartError(`a lint worker failed to start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const slot: Slot = { worker, ready: false, inFlight: [] };
    this.slots.add(slot);
    slot.worker.on('message', (message: LintedFile | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        this.dispatch(slot);
      } else {
        this.onResult(slot, message);
      }
    });
    slot.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.fail(slot, { limit: `needed more than ${this.heapMb} MB` });
      else this.fail(slot, `The lint worker failed on this file (${error.message.split('\n')[0]})`);
    });
    slot.worker.on('exit', (code) => this.fail(slot, `The lint worker stopped on this file (exit code ${code})`));
  }

  private dispatchAll(): void {
    for (const slot of this.slots) this.dispatch(slot);
  }

  private dispatch(slot: Slot): void {
    if (this.closed || !slot.ready) return;
    const wasIdle = slot.inFlight.length === 0;
    while (slot.inFlight.length < FILES_IN_FLIGHT) {
      const file = this.queue.next();
      if (file === undefined) break;
      const settings = this.settings.get(file) ?? '[]';
      // Queued twice (its settings changed, then changed back, or were set twice before it was linted).
      if (this.lintedWith.get(file) === settings || this.isInFlight(file, settings)) continue;
      slot.inFlight.push({ file, settings });
      slot.worker.postMessage({ file, handlers: JSON.parse(settings) as HandlerSetting[] });
    }
    if (wasIdle && slot.inFlight.length > 0) this.armTimer(slot);
    if (slot.inFlight.length === 0) this.finishIfDone();
  }

  private isInFlight(file: string, settings: string): boolean {
    for (const slot of this.slots) if (slot.inFlight.some((f) => f.file === file && f.settings === settings)) return true;
    return false;
  }

  private armTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.fail(slot, { limit: `took longer than ${this.timeoutMs / 1000} s` }), this.timeoutMs);
  }

  private onResult(slot: Slot, linted: LintedFile): void {
    if (this.closed || slot.inFlight[0]?.file !== linted.file) return;
    const { settings } = slot.inFlight.shift()!;
    this.lintsDone++;
    clearTimeout(slot.timer);
    if (slot.inFlight.length > 0) this.armTimer(slot);
    // Settings changed while it was being linted: the file is queued again; this result is stale.
    if (settings === (this.settings.get(linted.file) ?? '[]')) {
      this.results.set(linted.file, linted);
      this.lintedWith.set(linted.file, settings);
      this.queue.add(linted.imports);
    }
    this.dispatchAll();
  }

  private finishIfDone(): void {
    const final = this.final;
    if (!final || this.closed || !this.queue.empty || [...this.slots].some((s) => s.inFlight.length > 0)) return;
    this.close();
    final.resolve(this.results);
  }

  /** Workers cannot run here: the pass (now or when it starts) fails with `error`, and the caller lints in its own thread. */
  private giveUp(error: WorkerStartError): void {
    if (this.closed) return;
    this.close();
    if (this.final) this.final.reject(error);
    else this.startFailure = error;
  }

  /**
   * The slot's current file failed: past a limit (`limit`: what it took, a `parse-error` as in the
   * guard worker) or a crash (`why`, an `internal-error`). Report it, replace the worker, go on.
   */
  private fail(slot: Slot, failure: string | { limit: string }): void {
    const why = typeof failure === 'string' ? failure : `Linting this file ${failure.limit}`;
    if (this.closed || !this.slots.has(slot)) return;
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    void slot.worker.terminate();
    const [current, ...notStarted] = slot.inFlight;
    if (current === undefined) {
      if (slot.ready) {
        this.startWorker();
        return;
      }
      // A worker that dies before it is ready cannot start at all: give up on the pass.
      this.giveUp(new WorkerStartError(`a lint worker failed to start: ${why}`));
      return;
    }
    for (const { file } of notStarted) this.queue.again(file);
    this.results.set(
      current.file,
      typeof failure === 'string' ? notLinted(current.file, 'internal-error', `${why}; the other files were still checked (please report it with this file).`) : limitHit(current.file, failure.limit),
    );
    this.finishIfDone();
    if (this.closed) return;
    this.startWorker();
    this.dispatchAll();
  }
}
