import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Sources whose build output is missing or older than them, relative to the root. */
export function staleBuildOutputs(projectRoot = root): string[] {
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

/**
 * The CLI, plugin and end-to-end tests run `dist/`: run directly with `npx vitest`, they would
 * test whatever was built last. `npm test` builds first; anything else must fail fast.
 */
export default function checkBuildIsCurrent(): void {
  const stale = staleBuildOutputs();
  if (stale.length > 0) {
    throw new Error(`dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}): run \`npm run build\` (npm test builds first).`);
  }
}
