import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { LoaderHost } from '../../src/loaders/types.js';

/** A host over in-memory files (paths relative to the root, `/`-separated). */
export function memoryHost(files: Record<string, string>): LoaderHost {
  return {
    readFile: (path) => files[posix.normalize(path)],
    fileExists: (path) => posix.normalize(path) in files,
    listDir: (dir) => {
      const prefix = dir === '' || dir === '.' ? '' : `${posix.normalize(dir)}/`;
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .sort();
    },
  };
}

/** A read-only host over a directory on disk (the fixtures). */
export function directoryHost(root: string): LoaderHost {
  return {
    readFile: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    fileExists: (path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile(),
    listDir: (dir) => {
      try {
        return readdirSync(join(root, dir)).map((name) => posix.join(dir, name)).sort();
      } catch {
        return [];
      }
    },
  };
}

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
