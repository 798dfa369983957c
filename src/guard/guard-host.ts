// Worker thread of `guarded-worker.ts`: runs the tasks it is sent, one at a time.
import { parentPort } from 'node:worker_threads';

type Task = (input: unknown) => unknown;
const modules = new Map<string, Promise<Record<string, unknown>>>();

parentPort!.on('message', (job: { id: number; moduleUrl: string; exportName: string; input: unknown }) => {
  void (async () => {
    try {
      let loading = modules.get(job.moduleUrl);
      if (!loading) {
        loading = import(job.moduleUrl) as Promise<Record<string, unknown>>;
        modules.set(job.moduleUrl, loading);
      }
      const task = (await loading)[job.exportName];
      if (typeof task !== 'function') throw new Error(`${job.exportName} is not a function of ${job.moduleUrl}`);
      const value = await (task as Task)(job.input);
      parentPort!.postMessage({ id: job.id, ok: true, value });
    } catch (error) {
      parentPort!.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
