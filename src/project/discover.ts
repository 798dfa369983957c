import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { DEFAULT_IGNORED_DIRS } from './limits.js';
import { ProjectHost, toPosix } from './host.js';

export interface DiscoverOptions {
  /** Extra gitignore-style patterns (`--ignore-pattern`, config `ignorePatterns`). */
  ignorePatterns?: string[];
  /** Respect `.gitignore` files (default true). */
  gitignore?: boolean;
}

export interface Discovery {
  /** Every candidate file under the given paths, relative to the root, sorted. */
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** JavaScript or TypeScript, declaration files included. */
export const JS_OR_TS = /\.(c|m)?(j|t)sx?$/;

/** A JavaScript or TypeScript file with code in it (not a declaration file). */
export function isCodeFile(file: string): boolean {
  return JS_OR_TS.test(file) && !/\.d\.[cm]?ts$/.test(file);
}

const CANDIDATE_GLOB = '**/*.{yml,yaml,json,template,tf,js,mjs,cjs,ts,mts,cts,jsx,tsx}';

/**
 * Lists the files to analyse under `paths` (files or directories, relative to the root),
 * skipping dependency and build directories, `.gitignore`d files and ignore patterns.
 * Symbolic links are not followed, so link loops and links out of the project are inert.
 */
export async function discoverFiles(host: ProjectHost, paths: string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const missing: string[] = [];
  const files = new Set<string>();
  const ignoreGlobs = DEFAULT_IGNORED_DIRS.map((dir) => `**/${dir}/**`);
  for (const given of paths.length > 0 ? paths : ['.']) {
    const relativePath = toPosix(posix.normalize(host.relative(resolve(host.root, given)))) || '.';
    let stat;
    try {
      stat = statSync(host.absolute(relativePath));
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isFile()) {
      // A named file that is a link out of the project is not followed, as the glob does not.
      if (host.isInside(relativePath) !== false) files.add(relativePath);
      continue;
    }
    const base = relativePath === '.' ? '' : `${fg.escapePath(relativePath)}/`;
    const found = await fg(`${base}${CANDIDATE_GLOB}`, {
      cwd: host.root,
      ignore: ignoreGlobs,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      unique: true,
    });
    for (const file of found) files.add(file);
  }

  const filters = await buildIgnore(host, options);
  // A path given outside the root (`../other`) is no concern of the project's ignore files (and
  // the `ignore` package throws on `../` paths).
  const outside = (file: string): boolean => file.startsWith('../') || posix.isAbsolute(file);
  const kept = [...files].filter((file) => outside(file) || !filters.some((f) => f.ignores(file)));
  return { files: kept.sort(), missing };
}

interface ScopedIgnore {
  ignores(file: string): boolean;
}

async function buildIgnore(host: ProjectHost, options: DiscoverOptions): Promise<ScopedIgnore[]> {
  const filters: ScopedIgnore[] = [];
  if (options.ignorePatterns && options.ignorePatterns.length > 0) {
    const ig = ignore().add(options.ignorePatterns);
    filters.push({ ignores: (file) => ig.ignores(file) });
  }
  if (options.gitignore === false) return filters;
  const gitignores = await fg('**/.gitignore', {
    cwd: host.root,
    ignore: DEFAULT_IGNORED_DIRS.map((dir) => `**/${dir}/**`),
    dot: true,
    followSymbolicLinks: false,
    suppressErrors: true,
  });
  for (const file of gitignores.sort()) {
    const text = host.readFile(file);
    if (text === undefined) continue;
    const dir = posix.dirname(file);
    const ig: Ignore = ignore().add(text);
    filters.push({
      ignores: (candidate) => {
        if (dir !== '.' && !candidate.startsWith(`${dir}/`)) return false;
        const inner = dir === '.' ? candidate : candidate.slice(dir.length + 1);
        return inner.length > 0 && ig.ignores(inner);
      },
    });
  }
  return filters;
}
