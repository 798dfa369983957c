import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Measures what an installed npm package costs to load: bytes and number of
 * files of the package plus its `dependencies`, resolved the way Node resolves
 * them. Only the file system is read (stat/readdir/package.json): nothing from
 * the measured project is required or executed.
 *
 * File count matters as much as bytes: Node's module-load time tracks the number
 * of files it resolves and reads (aws-sdk-js-v3 supplemental-docs/performance).
 */
export interface PackageCost {
  /** Bytes of files Node can load (.js, .cjs, .mjs, .json, .node, .wasm). */
  bytes: number;
  files: number;
  /** Packages in the dependency closure, the package itself included. */
  packages: number;
  /** Dependencies listed in a package.json that resolve to no installed package. */
  missing: string[];
  /** A bound was hit: the numbers are a lower bound. */
  truncated: boolean;
}

/** Extensions of files Node may load; type declarations, source maps and docs are never loaded. */
const RUNTIME_EXTENSIONS = /\.(?:js|cjs|mjs|json|node|wasm)$/;
/** Bounds so a pathological tree (huge packages, link farms) cannot hang the linter. */
const MAX_ENTRIES_PER_CLOSURE = 20_000;
const MAX_PACKAGES_PER_CLOSURE = 2_000;
const MAX_DIR_DEPTH = 24;

interface OwnCost {
  bytes: number;
  files: number;
  entries: number;
  truncated: boolean;
  dependencies: string[];
}

// Process-wide caches: one measurement per package directory, one lookup per (dir, name).
const closureCache = new Map<string, PackageCost>();
const ownCache = new Map<string, OwnCost>();
const resolveCache = new Map<string, string | null>();

/** Clears the caches (tests that rewrite a node_modules tree use it). */
export function clearPackageCostCache(): void {
  closureCache.clear();
  ownCache.clear();
  resolveCache.clear();
}

/**
 * Directory of package `name` as Node would find it from `fromDir`: the first
 * `<ancestor>/node_modules/<name>` with a package.json, walking up. Returns the
 * real path (symlinks resolved, as Node does), or undefined.
 */
export function resolvePackageDir(fromDir: string, name: string): string | undefined {
  const key = `${fromDir}\0${name}`;
  const cached = resolveCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  for (let dir = fromDir, depth = 0; depth < 64; depth++) {
    // Node skips `.../node_modules/node_modules` lookups.
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', name);
      if (isFile(join(candidate, 'package.json'))) {
        found = safeRealpath(candidate);
        break;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  resolveCache.set(key, found ?? null);
  return found;
}

/** Cost of the package at `packageDir` and of its dependency closure. Never throws. */
export function measurePackage(packageDir: string): PackageCost {
  const root = safeRealpath(packageDir);
  const cached = closureCache.get(root);
  if (cached) return cached;

  const result: PackageCost = { bytes: 0, files: 0, packages: 0, missing: [], truncated: false };
  const seen = new Set<string>([root]);
  const queue = [root];
  let entries = 0;
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (result.packages >= MAX_PACKAGES_PER_CLOSURE || entries >= MAX_ENTRIES_PER_CLOSURE) {
      result.truncated = true;
      break;
    }
    const own = ownCost(dir);
    result.packages++;
    result.bytes += own.bytes;
    result.files += own.files;
    entries += own.entries;
    if (own.truncated) result.truncated = true;
    for (const dependency of own.dependencies) {
      // Dependencies resolve from the dependent's own directory, walking up.
      const depDir = resolvePackageDir(dir, dependency);
      if (depDir === undefined) {
        if (!result.missing.includes(dependency)) result.missing.push(dependency);
        continue;
      }
      if (seen.has(depDir)) continue; // dependency cycles and links back up the tree
      seen.add(depDir);
      queue.push(depDir);
    }
  }
  closureCache.set(root, result);
  return result;
}

/** Bytes and files of one package directory, without its nested node_modules. */
function ownCost(packageDir: string): OwnCost {
  const cached = ownCache.get(packageDir);
  if (cached) return cached;
  const cost: OwnCost = { bytes: 0, files: 0, entries: 0, truncated: false, dependencies: readDependencies(packageDir) };
  const stack: Array<[string, number]> = [[packageDir, 0]];
  while (stack.length > 0) {
    const [dir, depth] = stack.pop()!;
    if (depth > MAX_DIR_DEPTH) {
      cost.truncated = true;
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // unreadable or vanished directory
    }
    for (const name of names) {
      if (cost.entries >= MAX_ENTRIES_PER_CLOSURE) {
        cost.truncated = true;
        stack.length = 0;
        break;
      }
      cost.entries++;
      // Nested node_modules hold other packages: counted only if the closure resolves to them.
      if (depth === 0 && name === 'node_modules') continue;
      const path = join(dir, name);
      let stats;
      try {
        stats = lstatSync(path);
      } catch {
        continue;
      }
      if (stats.isSymbolicLink()) {
        // Links to files count as the file; linked directories are not followed (loops).
        try {
          const target = statSync(path);
          if (target.isFile() && RUNTIME_EXTENSIONS.test(name)) {
            cost.bytes += target.size;
            cost.files++;
          }
        } catch {
          // dangling link
        }
        continue;
      }
      if (stats.isDirectory()) stack.push([path, depth + 1]);
      else if (stats.isFile() && RUNTIME_EXTENSIONS.test(name)) {
        cost.bytes += stats.size;
        cost.files++;
      }
    }
  }
  ownCache.set(packageDir, cost);
  return cost;
}

/** `dependencies` and `optionalDependencies` names from package.json; [] on any problem. */
function readDependencies(packageDir: string): string[] {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as unknown;
    if (!pkg || typeof pkg !== 'object') return [];
    const names = new Set<string>();
    for (const field of ['dependencies', 'optionalDependencies'] as const) {
      const deps = (pkg as Record<string, unknown>)[field];
      if (deps && typeof deps === 'object' && !Array.isArray(deps)) {
        for (const name of Object.keys(deps)) if (isPackageName(name)) names.add(name);
      }
    }
    return [...names];
  } catch {
    return [];
  }
}

/** A plausible npm package name (`x`, `@scope/x`); guards path joins against `../` tricks. */
export function isPackageName(name: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) && !name.includes('..');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `1234567` -> `1.2 MB` (decimal units, as npm and packagephobia report sizes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} B`;
}
