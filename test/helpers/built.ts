import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Sources whose build output is missing or older than them, relative to the root. */
export function staleBuildOutputs(projectRoot = ROOT): string[] {
  const stale: string[] = [];
  for (const folder of ['src', 'rules']) {
    for (const entry of readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const source = join(entry.parentPath, entry.name);
      const output = join(projectRoot, 'dist', relative(projectRoot, source)).replace(/\.ts$/, '.js');
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs) stale.push(relative(projectRoot, source));
    }
  }
  return stale.sort();
}

let checked = false;

/**
 * Absolute path of a build output (`builtPath('src/cli/bin.js')`). Tests that run `dist/` (the
 * CLI, worker threads, end-to-end) get it here, so that run with a plain `npx vitest` after an
 * edit they fail at once instead of testing whatever was built last (`npm test` builds first).
 */
export function builtPath(path: string): string {
  if (!checked) {
    const stale = staleBuildOutputs();
    if (stale.length > 0) {
      throw new Error(`dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}): run \`npm run build\` first (npm test does).`);
    }
    checked = true;
  }
  return join(ROOT, 'dist', path);
}
