// Runs in the guard worker (`src/guard/guarded-worker.ts`): lints one file, keeping a linter per root and options.
import { ProjectHost } from '../project/host.js';
import type { HandlerSetting } from '../handlers/settings.js';
import { createFileLinter, type FileLinterOptions, type LintedFile } from './file-linter.js';

const linters = new Map<string, (file: string, handlers: HandlerSetting[]) => LintedFile>();

export function lintFile(input: { root: string; options: FileLinterOptions; file: string; handlers: HandlerSetting[] }): LintedFile {
  const key = `${input.root}\0${JSON.stringify(input.options)}`;
  let lint = linters.get(key);
  if (!lint) {
    if (linters.size >= 4) linters.clear();
    lint = createFileLinter(new ProjectHost(input.root), input.options);
    linters.set(key, lint);
  }
  return lint(input.file, input.handlers);
}
