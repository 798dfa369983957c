import { posix } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';
import type { PythonImport } from './facts.js';

export type PythonHandlerResolution =
  | { status: 'found'; language: 'python'; file: string; exportName: string; root: string }
  | { status: 'missing-file'; language: 'python'; tried: string[]; exportName: string }
  | { status: 'not-checked'; reason: string };

/**
 * Finds the module a Python handler string names, from the function's code root (`root`: the
 * folder that becomes `/var/task`), the way the runtime imports it: `pkg.sub.mod.fn` and
 * `dir/mod.fn` both name `pkg/sub/mod` (the runtime turns `/` into `.`), a module being a
 * `.py` file or a package folder's `__init__.py`.
 */
export function resolvePythonHandler(host: LoaderHost, root: string, handler: string): PythonHandlerResolution {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return { status: 'not-checked', reason: `handler '${handler}' is not a module.function path` };
  const exportName = handler.slice(dot + 1);
  const modulePath = handler.slice(0, dot).replace(/\./g, '/');
  const stem = posix.normalize(posix.join(root, modulePath));
  if (stem.startsWith('../')) return { status: 'not-checked', reason: 'handler is outside the analysed folder' };
  const tried = [`${stem}.py`, `${stem}/__init__.py`];
  const found = tried.find((path) => host.fileExists(path));
  if (found) return { status: 'found', language: 'python', file: found, exportName, root: posix.normalize(root) };
  return { status: 'missing-file', language: 'python', tried: [tried[0]], exportName };
}

/**
 * The local files one import statement runs, in the order Python runs them: each package's
 * `__init__.py` on the way, then the module; for `from pkg import name`, also `pkg/name.py`
 * when `name` is a submodule. Absolute imports are looked up in `roots` (the code root first, as
 * `sys.path` has `/var/task` first); a module found in none of them is not local (a package,
 * the standard library, or a layer's).
 */
/**
 * File lookups for import resolution, with each folder listed once: a project of 1,000 handlers
 * asks for `json/__init__.py`, `json.py` and `json/` under each root for every handler.
 */
export class PythonModuleLookup {
  private readonly listings = new Map<string, Set<string>>();

  constructor(private readonly host: LoaderHost) {}

  private entries(dir: string): Set<string> {
    const key = dir === '' ? '.' : dir;
    let entries = this.listings.get(key);
    if (!entries) {
      entries = new Set(this.host.listDir(key));
      this.listings.set(key, entries);
    }
    return entries;
  }

  isFile(path: string): boolean {
    // `fileExists` too: it refuses links out of the project.
    return this.entries(posix.dirname(path)).has(path) && this.host.fileExists(path);
  }

  /** A folder with something in it (a namespace package when it has no `__init__.py`). */
  isDir(path: string): boolean {
    return this.entries(posix.dirname(path)).has(path) && this.entries(path).size > 0;
  }
}

export function resolvePythonImport(lookup: PythonModuleLookup, imp: PythonImport, fromFile: string, roots: readonly string[]): string[] | undefined {
  if (imp.level > 0) {
    // `from . import x` in pkg/mod.py is relative to pkg/; each extra dot goes one folder up.
    let base = posix.dirname(fromFile);
    for (let i = 1; i < imp.level; i++) base = posix.dirname(base);
    if (base.startsWith('..')) return undefined;
    return moduleFiles(lookup, base, imp.module ? imp.module.split('.') : [], imp.names);
  }
  const parts = imp.module.split('.');
  for (const root of roots) {
    const files = moduleFiles(lookup, root, parts, imp.names);
    if (files && files.length > 0) return files;
  }
  return undefined;
}

/** Whether a top-level module name exists as a local module or package under one of `roots`. */
export function isLocalModule(lookup: PythonModuleLookup, name: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const path = join(root, name);
    return lookup.isFile(`${path}.py`) || lookup.isDir(path);
  });
}

function join(root: string, path: string): string {
  return root === '.' || root === '' ? path : posix.join(root, path);
}

function moduleFiles(lookup: PythonModuleLookup, base: string, parts: string[], names: readonly string[]): string[] | undefined {
  const files: string[] = [];
  let dir = base;
  for (let i = 0; i < parts.length; i++) {
    const path = join(dir, parts[i]);
    const last = i === parts.length - 1;
    const init = `${path}/__init__.py`;
    if (lookup.isFile(init)) {
      files.push(init);
      dir = path;
      continue;
    }
    if (last && lookup.isFile(`${path}.py`)) return [...files, `${path}.py`];
    // A namespace package (a folder without __init__.py) is importable too.
    if (lookup.isDir(path)) {
      dir = path;
      continue;
    }
    return undefined;
  }
  // `from pkg import name` also imports pkg/name.py when `name` is a submodule.
  for (const name of names) {
    if (name === '*') continue;
    const path = join(dir, name);
    if (lookup.isFile(`${path}.py`)) files.push(`${path}.py`);
    else if (lookup.isFile(`${path}/__init__.py`)) files.push(`${path}/__init__.py`);
  }
  return files;
}
