import { posix } from 'node:path';
import { ts } from '../typescript-api.js';
import type { LoaderHost } from '../loaders/types.js';

interface Aliases {
  /** `paths` keys: exact names, or prefixes for `*` patterns. */
  exact: Set<string>;
  prefixes: string[];
  /** `baseUrl`, relative to the root: bare imports may resolve under it. */
  baseUrl?: string;
}

const cache = new WeakMap<LoaderHost, Map<string, Aliases | null>>();

/** The nearest tsconfig.json (or jsconfig.json) above a file, read as JSON with comments. */
function aliasesFor(host: LoaderHost, file: string): Aliases | undefined {
  let perHost = cache.get(host);
  if (!perHost) {
    perHost = new Map();
    cache.set(host, perHost);
  }
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (perHost.has(dir)) return perHost.get(dir) ?? undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const path = dir === '.' ? name : `${dir}/${name}`;
      const text = host.readFile(path);
      if (text === undefined) continue;
      const aliases = readAliases(host, path, text, 0);
      perHost.set(dir, aliases ?? null);
      return aliases;
    }
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

function readAliases(host: LoaderHost, path: string, text: string, depth: number): Aliases | undefined {
  const parsed = ts.parseConfigFileTextToJson(path, text);
  const options = (parsed.config?.compilerOptions ?? {}) as { paths?: Record<string, unknown>; baseUrl?: unknown };
  let inherited: Aliases | undefined;
  const extendsPath = parsed.config?.extends;
  if (typeof extendsPath === 'string' && extendsPath.startsWith('.') && depth < 5) {
    const target = posix.normalize(posix.join(posix.dirname(path), extendsPath.endsWith('.json') ? extendsPath : `${extendsPath}.json`));
    const parentText = host.readFile(target);
    if (parentText !== undefined) inherited = readAliases(host, target, parentText, depth + 1);
  }
  const aliases: Aliases = { exact: new Set(inherited?.exact), prefixes: [...(inherited?.prefixes ?? [])], baseUrl: inherited?.baseUrl };
  for (const key of Object.keys(options.paths ?? {})) {
    if (key.endsWith('*')) aliases.prefixes.push(key.slice(0, -1));
    else aliases.exact.add(key);
  }
  if (typeof options.baseUrl === 'string') aliases.baseUrl = posix.normalize(posix.join(posix.dirname(path), options.baseUrl));
  return aliases;
}

/** Whether a bare specifier is a TypeScript path alias (or resolves under `baseUrl`), not a package. */
export function isPathAlias(host: LoaderHost, file: string, specifier: string): boolean {
  const aliases = aliasesFor(host, file);
  if (!aliases) return false;
  if (aliases.exact.has(specifier) || aliases.prefixes.some((prefix) => prefix !== '' && specifier.startsWith(prefix))) return true;
  if (aliases.baseUrl !== undefined) {
    const base = posix.join(aliases.baseUrl, specifier);
    return ['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].some((ext) => host.fileExists(base + ext));
  }
  return false;
}
