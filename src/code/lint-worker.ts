// Worker thread: lints the files the main thread sends, one at a time, and posts the results.
import { parentPort, workerData } from 'node:worker_threads';
import { ProjectHost } from '../project/host.js';
import { createFileLinter, type FileLinterOptions } from './file-linter.js';
import type { HandlerSetting } from '../handlers/settings.js';

const { root, options } = workerData as { root: string; options: FileLinterOptions };
const lint = createFileLinter(new ProjectHost(root), options);

parentPort!.on('message', (job: { file: string; handlers: HandlerSetting[] }) => {
  parentPort!.postMessage(lint(job.file, job.handlers));
});
parentPort!.postMessage({ ready: true });
