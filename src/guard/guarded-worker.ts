/**
 * Runs a function under a deadline and a memory limit, in a worker thread that can be stopped.
 *
 * A timer on the main thread cannot interrupt synchronous work there (a WebAssembly parse, a
 * parser in a pathological case): the timer only fires once the work is done. In a worker, the
 * main thread stays free, and `terminate()` stops it wherever it is; `resourceLimits` turns an
 * out-of-memory into an error event instead of the end of the process.
 *
 * One worker serves every task (tasks run one after the other), started on the first task and
 * replaced after a task that timed out or crashed it; it does not keep the process alive.
 *
 *   const outcome = await runGuarded<Result>(new URL('./my-task.js', import.meta.url), 'myTask', input, { deadlineMs: 30_000 });
 *   if (outcome.ok) use(outcome.value); else report(outcome.reason, outcome.message);
 *
 * A task is a named export of an ES module, `(input) => value | Promise<value>`, with input and
 * value plain data (structured clone). Modules stay loaded in the worker between tasks, so a task
 * module may keep caches at module scope (a parser, a linter per options).
 */
import { Worker } from 'node:worker_threads';

export interface GuardOptions {
  /** Wall time from when the task starts in the worker; past it the worker is stopped. */
  deadlineMs: number;
}

export type GuardOutcome<T> =
  | { ok: true; value: T }
  /** `timeout`: past the deadline; `memory`: past the heap limit; `error`: the task threw (the worker lives on); `crash`: the worker died. */
  | { ok: false; reason: 'timeout' | 'memory' | 'error' | 'crash'; message: string };

/**
 * Heap of the guard worker. With the main thread (under 250 MB on the largest inputs), the
 * process stays under the 1 GB bound documented in README ("Limits").
 */
export const GUARD_HEAP_MB = 640;

interface Job {
  moduleUrl: string;
  exportName: string;
  input: unknown;
  deadlineMs: number;
  resolve: (outcome: GuardOutcome<unknown>) => void;
}

class GuardedWorker {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout; id: number } | undefined;
  private nextId = 1;

  run<T>(moduleUrl: URL, exportName: string, input: unknown, options: GuardOptions): Promise<GuardOutcome<T>> {
    return new Promise((resolve) => {
      this.queue.push({ moduleUrl: moduleUrl.href, exportName, input, deadlineMs: options.deadlineMs, resolve: resolve as Job['resolve'] });
      this.pump();
    });
  }

  /** Stops the worker (a later task starts a new one); a task still running ends as a crash. */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    this.finish({ ok: false, reason: 'crash', message: 'the worker was stopped' });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./guard-host.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: GUARD_HEAP_MB } });
    worker.unref();
    worker.on('message', (message: { id: number; ok: boolean; value?: unknown; message?: string }) => {
      if (!this.current || message.id !== this.current.id) return;
      this.finish(message.ok ? { ok: true, value: message.value } : { ok: false, reason: 'error', message: message.message ?? 'failed' });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish({ ok: false, reason: memory ? 'memory' : 'crash', message: memory ? `ran out of its ${GUARD_HEAP_MB} MB memory` : error.message.split('\n')[0] });
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish({ ok: false, reason: 'crash', message: `the worker stopped (exit code ${code})` });
    });
    return worker;
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: Worker;
    try {
      worker = this.worker ??= this.start();
    } catch (error) {
      job.resolve({ ok: false, reason: 'crash', message: `the worker could not start (${error instanceof Error ? error.message : String(error)})` });
      this.pump();
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => {
      const stopped = this.worker;
      this.worker = undefined;
      if (stopped) void stopped.terminate();
      this.finish({ ok: false, reason: 'timeout', message: `did not finish in ${job.deadlineMs / 1000} s` });
    }, job.deadlineMs);
    timer.unref();
    this.current = { job, timer, id };
    // Working: the process waits for the answer. Idle: the worker does not keep it alive.
    worker.ref();
    worker.postMessage({ id, moduleUrl: job.moduleUrl, exportName: job.exportName, input: job.input });
  }

  private finish(outcome: GuardOutcome<unknown>): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    this.worker?.unref();
    current.job.resolve(outcome);
    this.pump();
  }
}

let shared: GuardedWorker | undefined;

/**
 * Run from TypeScript sources (vitest), there is no compiled worker script: tasks run in this
 * thread, unguarded. The guard itself is tested on the build (`dist/`), as the lint pool is.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

async function runInThread<T>(moduleUrl: URL, exportName: string, input: unknown): Promise<GuardOutcome<T>> {
  try {
    const module = (await import(moduleUrl.href.replace(/\.js$/, '.ts'))) as Record<string, (input: unknown) => unknown>;
    return { ok: true, value: (await module[exportName](input)) as T };
  } catch (error) {
    return { ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `exportName` of the module at `moduleUrl` on `input` in the shared guard worker. Never rejects. */
export function runGuarded<T>(moduleUrl: URL, exportName: string, input: unknown, options: GuardOptions): Promise<GuardOutcome<T>> {
  if (FROM_SOURCE) return runInThread<T>(moduleUrl, exportName, input);
  shared ??= new GuardedWorker();
  return shared.run<T>(moduleUrl, exportName, input, options);
}

/** Stops the shared guard worker, if one runs (tests; the CLI lets it go with the process). */
export function closeGuard(): void {
  shared?.close();
}
