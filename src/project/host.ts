import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';
import { MAX_FILE_BYTES } from './limits.js';

type EntryKind = 'file' | 'link' | 'other';

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' | 'too-large' | 'unreadable' | 'directory' | 'outside'; detail: string };

/** Converts an OS path relative to the root into the `/`-separated form used in the model and output. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Reads project files for loaders and the code pass, relative to one root, once each.
 * Text is decoded as UTF-8 (UTF-16 with a BOM is decoded too); a leading BOM is dropped.
 *
 * Nothing outside the root is read or reported as existing: not through `../` paths, and not
 * through symbolic links that point out of the project (a pull request could otherwise add
 * `src/handler.js -> ~/.aws/credentials` and have its text printed in a report).
 */
export class ProjectHost implements LoaderHost {
  readonly root: string;
  private readonly cache = new Map<string, ReadOutcome>();
  private readonly realCache = new Map<string, string | null>();
  /** Directory (relative) -> its entries, or null when it cannot be listed or is not inside the root. */
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();
  private realRoot: string | undefined;

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
    const outcome: ReadOutcome =
      this.isInside(key) === false
        ? { ok: false, reason: 'outside', detail: 'not read: it is outside the project (a symbolic link or a `..` path leads there)' }
        : readBounded(this.absolute(key), MAX_FILE_BYTES);
    this.cache.set(key, outcome);
    return outcome;
  }

  /**
   * Whether the path, with symbolic links followed, stays inside the root; undefined when it
   * does not exist (or cannot be resolved).
   */
  isInside(relativePath: string): boolean | undefined {
    const real = this.realPath(this.absolute(relativePath));
    if (real === null) return undefined;
    this.realRoot ??= this.realPath(this.root) ?? this.root;
    const rel = relative(this.realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  private realPath(absolute: string): string | null {
    let real = this.realCache.get(absolute);
    if (real === undefined) {
      try {
        real = realpathSync.native(absolute);
      } catch {
        real = null;
      }
      this.realCache.set(absolute, real);
    }
    return real;
  }

  readFile(relativePath: string): string | undefined {
    const outcome = this.read(relativePath);
    return outcome.ok ? outcome.text : undefined;
  }

  /**
   * A regular file inside the project (a link out of it does not count: it is never read).
   * Answered from a listing of its directory, read once: import resolution asks about several
   * candidate names per import, and one `stat` + `realpath` each cost a quarter of a second on a
   * 2,000-file project. Only symbolic links are looked at one by one.
   */
  fileExists(relativePath: string): boolean {
    const key = posix.normalize(toPosix(relativePath));
    const entries = this.listing(posix.dirname(key));
    const kind = entries?.get(posix.basename(key));
    if (entries && kind !== 'link') return kind === 'file';
    return this.fileExistsByStat(relativePath);
  }

  private listing(dir: string): Map<string, EntryKind> | null {
    let entries = this.listings.get(dir);
    if (entries !== undefined) return entries;
    entries = null;
    if (dir !== '..' && !dir.startsWith('../') && !isAbsolute(dir) && this.isInside(dir) === true) {
      try {
        entries = new Map();
        for (const entry of readdirSync(this.absolute(dir), { withFileTypes: true })) {
          entries.set(entry.name, entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : 'other');
        }
      } catch {
        entries = null;
      }
    }
    this.listings.set(dir, entries);
    return entries;
  }

  private fileExistsByStat(relativePath: string): boolean {
    try {
      return statSync(this.absolute(relativePath)).isFile() && this.isInside(relativePath) === true;
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

/**
 * Reads a file the CLI itself is pointed at (baseline, config, package.json) with the same care
 * as project files: a regular file only (a FIFO or device is refused without blocking), at most
 * `maxBytes`, and, when `path` lies inside `root`, never through a symbolic link leading out of
 * it (the refusal never shows the outside file's content). A path given outside the root (an
 * explicit `--baseline ../x.json`) is the user's choice and is read.
 */
export function readCliFile(root: string, path: string, maxBytes: number): ReadOutcome {
  const absolute = resolve(root, path);
  const lexical = relative(resolve(root), absolute);
  const givenInside = lexical === '' || (!lexical.startsWith('..') && !isAbsolute(lexical));
  if (givenInside) {
    let real: string | undefined;
    let realRoot: string;
    try {
      realRoot = realpathSync.native(resolve(root));
      real = realpathSync.native(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'file not found' };
      realRoot = resolve(root);
    }
    if (real !== undefined) {
      const rel = relative(realRoot, real);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        return { ok: false, reason: 'outside', detail: 'not read: it is a symbolic link to a file outside the project' };
      }
    }
  }
  return readBounded(absolute, maxBytes);
}

/**
 * Reads a regular file of at most `maxBytes` at an absolute path, without blocking (a FIFO or
 * device is refused) and decoded as project files are. No root check: callers that have a
 * project root use `ProjectHost#read` or `readCliFile`.
 */
export function readRegularFile(path: string, maxBytes: number): ReadOutcome {
  return readBounded(path, maxBytes);
}

function readBounded(path: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait forever for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'directory', detail: 'is a directory' };
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: 'not read: not a regular file (a FIFO, socket or device)' };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        reason: 'too-large',
        detail: `skipped: ${(stat.size / 1024 / 1024).toFixed(1)} MB is over the ${maxBytes / 1024 / 1024} MB file size limit; if it is generated or data, exclude it with --ignore-pattern`,
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
    // A name that is not valid UTF-8 reaches us with U+FFFD in it, and then cannot be opened.
    if (code === 'ENOENT' && path.includes('\uFFFD')) return { ok: false, reason: 'unreadable', detail: 'not read: its file name is not valid UTF-8; rename it' };
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'file not found' };
    return { ok: false, reason: 'unreadable', detail: `cannot read it (${code ?? String(error)}); check its permissions` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function decode(buffer: Buffer): string {
  return lineBreaks(decodeText(buffer));
}

function decodeText(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A lone CR (classic Mac line ending) is a line break to editors and ESLint but not to the
 * YAML parser, which read such a template as one line. It becomes LF: same length, so every
 * offset and column stays, and line numbers are the ones an editor shows.
 */
function lineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
