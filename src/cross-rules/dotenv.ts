import { posix } from 'node:path';
import type { LambdaFunction } from '../model/index.js';
import type { LoaderHost } from '../loaders/types.js';

/** Keys of a dotenv file (`KEY=value`, `export KEY=value`). */
export function dotenvKeys(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line);
    if (match) keys.push(match[1]);
  }
  return keys;
}

/**
 * Names a function gets from dotenv files: the files the config loads (`useDotenv`,
 * serverless-dotenv-plugin), and, when its code loads dotenv itself, any `.env*` file in
 * the service folder or its `config/` and `env/` subfolders. Undefined when code loads dotenv
 * but no file was found: the names cannot be known.
 */
export function dotenvNames(fn: LambdaFunction, codeLoadsDotenv: boolean, host: LoaderHost): Set<string> | undefined {
  const names = new Set<string>();
  for (const file of fn.dotenvFiles ?? []) for (const key of dotenvKeys(host.readFile(file) ?? '')) names.add(key);
  if (!codeLoadsDotenv) return names;
  const serviceDir = posix.dirname(fn.source.file);
  let found = false;
  for (const dir of [serviceDir, `${serviceDir}/config`, `${serviceDir}/env`]) {
    for (const path of host.listDir(dir === '.' ? '.' : dir)) {
      if (!/^\.env(\.|$)/.test(posix.basename(path))) continue;
      const text = host.readFile(path);
      if (text === undefined) continue;
      found = true;
      for (const key of dotenvKeys(text)) names.add(key);
    }
  }
  return found ? names : undefined;
}
