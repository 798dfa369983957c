import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderHost, LoadResult } from '../../src/loaders/types.js';
import type { LambdaFunction } from '../../src/model/index.js';

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

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The function called `name`; throws, listing the names there are, when there is none. */
export function fn(from: LoadResult | LambdaFunction[], name: string): LambdaFunction {
  const functions = Array.isArray(from) ? from : from.functions;
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name} in ${functions.map((f) => f.name).join(', ')}`);
  return found;
}
