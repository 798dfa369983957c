import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';
import { MAX_FILE_BYTES } from './limits.js';

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' | 'too-large' | 'unreadable' | 'directory'; detail: string };

/** Converts an OS path relative to the root into the `/`-separated form used in the model and output. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Reads project files for loaders and the code pass, relative to one root, once each.
 * Text is decoded as UTF-8 (UTF-16 with a BOM is decoded too); a leading BOM is dropped.
 */
export class ProjectHost implements LoaderHost {
  readonly root: string;
  private readonly cache = new Map<string, ReadOutcome>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  absolute(relativePath: string): string {
    return join(this.root, relativePath);
  }

  relative(absolutePath: string): string {
    return toPosix(relative(this.root, absolutePath));
  }

  read(relativePath: string): ReadOutcome {
    const key = posix.normalize(toPosix(relativePath));
    const cached = this.cache.get(key);
    if (cached) return cached;
    const outcome = readBounded(this.absolute(key));
    this.cache.set(key, outcome);
    return outcome;
  }

  readFile(relativePath: string): string | undefined {
    const outcome = this.read(relativePath);
    return outcome.ok ? outcome.text : undefined;
  }

  fileExists(relativePath: string): boolean {
    try {
      return statSync(this.absolute(relativePath)).isFile();
    } catch {
      return false;
    }
  }

  listDir(relativePath: string): string[] {
    try {
      return readdirSync(this.absolute(relativePath))
        .map((name) => toPosix(posix.join(toPosix(relativePath), name)))
        .sort();
    } catch {
      return [];
    }
  }
}

function readBounded(path: string): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'directory', detail: 'is a directory' };
    if (stat.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        reason: 'too-large',
        detail: `skipped: ${(stat.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB file size limit`,
      };
    }
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const n = readSync(fd, buffer, offset, stat.size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return { ok: true, text: decode(buffer.subarray(0, offset)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'file not found' };
    return { ok: false, reason: 'unreadable', detail: `cannot read: ${code ?? String(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
