import { posix } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * Resolves a relative module specifier from `fromFile` the way Node and TypeScript do:
 * exact file, added extension, `./x.js` written for `./x.ts`, then `dir/index.*`.
 */
export function resolveRelativeImport(fromFile: string, specifier: string, host: LoaderHost): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  if (target.startsWith('../') || target === '..') return undefined;
  const candidates: string[] = [];
  if (/\.[cm]?[jt]sx?$/.test(target)) {
    candidates.push(target);
    const stem = target.replace(/\.[cm]?[jt]sx?$/, '');
    const ext = target.slice(stem.length);
    // TypeScript ESM: `./x.js` names `./x.ts` in source.
    const tsFor: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
    for (const alt of tsFor[ext] ?? []) candidates.push(stem + alt);
  } else {
    for (const ext of EXTENSIONS) candidates.push(target + ext);
  }
  for (const ext of EXTENSIONS) candidates.push(`${target}/index${ext}`);
  return candidates.find((candidate) => host.fileExists(candidate));
}
