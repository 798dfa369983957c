import { posix } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';

export interface PackageManifest {
  file: string;
  dependencies: Set<string>;
  devDependencies: Set<string>;
}

const cache = new WeakMap<LoaderHost, Map<string, PackageManifest | null>>();

function readManifest(host: LoaderHost, file: string): PackageManifest | undefined {
  let perHost = cache.get(host);
  if (!perHost) {
    perHost = new Map();
    cache.set(host, perHost);
  }
  if (perHost.has(file)) return perHost.get(file) ?? undefined;
  let manifest: PackageManifest | undefined;
  const text = host.readFile(file);
  if (text !== undefined) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const keys = (value: unknown): string[] => (value && typeof value === 'object' ? Object.keys(value) : []);
      manifest = {
        file,
        dependencies: new Set([...keys(json.dependencies), ...keys(json.optionalDependencies), ...keys(json.peerDependencies)]),
        devDependencies: new Set(keys(json.devDependencies)),
      };
    } catch {
      manifest = undefined; // an unparseable package.json is npm's error to report
    }
  }
  perHost.set(file, manifest ?? null);
  return manifest;
}

/** package.json files from the file's folder up to the root, nearest first (workspaces hoist to parents). */
export function manifestsFor(host: LoaderHost, file: string): PackageManifest[] {
  const result: PackageManifest[] = [];
  let dir = posix.dirname(file);
  for (;;) {
    const manifest = readManifest(host, dir === '.' ? 'package.json' : `${dir}/package.json`);
    if (manifest) result.push(manifest);
    if (dir === '.' || dir === '' || dir === '/') break;
    dir = posix.dirname(dir);
  }
  return result;
}
