import { posix } from 'node:path';
import type { LambdaFunction, Located } from '../model/index.js';
import { literal } from '../model/index.js';
import type { LoaderHost } from '../loaders/types.js';
import { entryOutputs, type BuildMap } from './build-scripts.js';
import { resolvePythonHandler } from '../python/resolve.js';

/** Python handler modules that a deploy plugin writes at package time (serverless-wsgi, serverless-python-requirements' unzip shim). */
const GENERATED_PYTHON_MODULES = new Set(['wsgi_handler', 'unzip_requirements']);

export const NODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

export type HandlerResolution =
  | {
      status: 'found';
      language: 'node' | 'python';
      file: string;
      exportName: string;
      /** Python: the code root (`/var/task`), where absolute imports are looked up first. */
      root?: string;
    }
  | {
      status: 'missing-file';
      language: 'node' | 'python';
      /** Paths tried, relative to the root. */
      tried: string[];
      exportName: string;
      /** An existing file close to what was looked for. */
      nearest?: string;
    }
  | { status: 'not-checked'; reason: string };

/** Why a function's code is not checked, in the words `--list-functions` shows. */
export const NOT_CHECKED = {
  image: 'container image',
  inline: 'inline code',
  /** A zip in S3 or named by a reference. */
  prebuiltZip: 'prebuilt zip artifact',
  /** A build artifact that is not in the repository and that no build config maps back to a source. */
  buildOutput: 'build output, source unknown',
  computedHandler: 'handler is computed',
  computedEntry: 'entry is computed',
  computedCode: 'code location is computed',
} as const;

/**
 * Finds the source file a function's handler string points at, statically.
 * A handler in build output is traced back through the project's build steps (`builds`); output
 * that no build step explains is "not checked", not "missing".
 */
export function resolveHandler(fn: LambdaFunction, host: LoaderHost, builds?: BuildMap): HandlerResolution {
  if (fn.packageType === 'Image' || fn.code?.kind === 'image') return { status: 'not-checked', reason: NOT_CHECKED.image };
  if (fn.code?.kind === 'inline') return { status: 'not-checked', reason: NOT_CHECKED.inline };
  const runtime = literal(fn.runtime) ?? '';
  const language = runtime.startsWith('python') ? 'python' : runtime.startsWith('nodejs') || runtime === '' ? 'node' : undefined;
  if (!language) return { status: 'not-checked', reason: `other runtime (${runtime})` };
  const written = literal(fn.handler);
  // `Package::Namespace.Class::Method` (Java, .NET) under a runtime set by a reference.
  if (runtime === '' && written?.includes('::')) return { status: 'not-checked', reason: 'other runtime (Java or .NET handler)' };

  const configDir = posix.dirname(fn.source.file);
  // CDK NodejsFunction: the entry file is the code; `handler` is the export name.
  if (fn.code?.kind === 'entry') {
    const entry = literal(fn.code.path);
    if (entry === undefined) return { status: 'not-checked', reason: NOT_CHECKED.computedEntry };
    const file = posix.normalize(entry);
    // NodejsFunction accepts `handler: 'index.main'` (used as written; the export is after the last dot).
    const handlerProp = literal(fn.handler) ?? 'handler';
    const exportName = handlerProp.includes('.') ? handlerProp.slice(handlerProp.lastIndexOf('.') + 1) : handlerProp;
    return host.fileExists(file)
      ? { status: 'found', language: 'node', file, exportName }
      : { status: 'missing-file', language: 'node', tried: [file], exportName, nearest: nearestFile(host, file) };
  }

  const handler = written;
  if (handler === undefined) return { status: 'not-checked', reason: fn.handler ? NOT_CHECKED.computedHandler : 'no handler' };
  // With an exec wrapper (Lambda Web Adapter: AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap) the handler is a
  // startup script such as `run.sh`, not a module.
  if ('AWS_LAMBDA_EXEC_WRAPPER' in fn.environment) return { status: 'not-checked', reason: 'exec wrapper runs the handler' };
  if (language === 'python' && GENERATED_PYTHON_MODULES.has(handler.slice(0, handler.lastIndexOf('.')))) {
    return { status: 'not-checked', reason: 'handler module is generated at package time' };
  }
  const base = codeBase(fn, configDir, host, builds);
  if (typeof base === 'object') return base;
  if (language === 'python') {
    const python = resolvePythonHandler(host, base, handler);
    if (python.status !== 'missing-file') return python;
    const dir = posix.dirname(python.tried[0]);
    if (isBuildOutput(python.tried[0]) && !host.fileExists(dir) && host.listDir(dir).length === 0) return { status: 'not-checked', reason: 'build output not built yet' };
    return { ...python, nearest: nearestFile(host, python.tried[0]) };
  }

  const split = splitHandler(handler, language);
  if (!split) return { status: 'not-checked', reason: `handler '${handler}' is not a file.export path` };
  // `CodeUri: src/ping.js`: `sam package` zips that one file, so it is the handler module.
  if (language === 'node' && fn.code?.kind === 'dir' && NODE_EXTENSIONS.includes(posix.extname(base)) && host.fileExists(base)) {
    return { status: 'found', language, file: base, exportName: split.exportName };
  }
  const bundled = fn.code?.buildEntryPoints ? samEsbuildEntry(fn.code.buildEntryPoints, base, split.modulePath, host) : undefined;
  if (bundled) return { status: 'found', language: 'node', file: bundled, exportName: split.exportName };

  const stem = posix.normalize(posix.join(base, split.modulePath));
  if (stem.startsWith('../')) return { status: 'not-checked', reason: 'handler is outside the analysed folder' };
  const extensions = NODE_EXTENSIONS;
  const tried = extensions.map((ext) => `${stem}${ext}`);
  const found = tried.find((path) => host.fileExists(path));
  // `run.sh`-style handlers name a file that exists as written.
  if (!found && host.fileExists(posix.normalize(posix.join(base, handler)))) return { status: 'not-checked', reason: 'handler is a script' };
  // Build output (committed or not): the source entry the build starts from is the code to check.
  const built = language === 'node' && (!found || isBuildOutput(stem)) ? builds?.sourceOf(stem) : undefined;
  if (built) return { status: 'found', language, file: built.source, exportName: split.exportName };
  if (found) return { status: 'found', language, file: found, exportName: split.exportName };
  // Handlers under a build folder that does not exist yet cannot be checked before the build.
  if (isBuildOutput(stem) && !host.fileExists(posix.dirname(stem)) && host.listDir(posix.dirname(stem)).length === 0) {
    return { status: 'not-checked', reason: NOT_CHECKED.buildOutput };
  }
  return { status: 'missing-file', language, tried, exportName: split.exportName, nearest: nearestFile(host, tried[0]) };
}

/**
 * The SAM esbuild entry point whose output the handler module names. `sam build` runs esbuild with
 * the artifact folder as `outdir`, so an entry `src/handlers/app.ts` is written as `app.js` (its path
 * below the entries' common folder); the path as written (`src/handlers/app`) is accepted too.
 */
function samEsbuildEntry(entryPoints: Array<Located<string>>, base: string, modulePath: string, host: LoaderHost): string | undefined {
  const entries = entryPoints.flatMap((e) => (typeof e.value === 'string' ? [posix.normalize(posix.join(base, e.value))] : []));
  const wanted = posix.normalize(modulePath);
  const outputs = entryOutputs(entries.map((source) => ({ source })), { outdir: '.' }, '', host);
  const match = outputs.find((o) => o.stem === wanted) ?? outputs.find((o) => posix.relative(base, o.source).replace(/\.[^./]+$/, '') === wanted);
  return match?.source;
}

/** The folder the handler path is relative to, or why there is none to check. */
function codeBase(fn: LambdaFunction, configDir: string, host: LoaderHost, builds: BuildMap | undefined): string | HandlerResolution {
  if (!fn.code) return configDir;
  const path = literal(fn.code.path);
  if (path === undefined) return { status: 'not-checked', reason: fn.code.kind === 'zip' ? NOT_CHECKED.prebuiltZip : NOT_CHECKED.computedCode };
  if (fn.code.kind !== 'zip') return posix.normalize(path); // loaders give code paths relative to the root
  if (/^s3:\/\//i.test(path) || path.includes('?')) return { status: 'not-checked', reason: NOT_CHECKED.prebuiltZip };
  // A local zip: the folder a build script zips, else not checkable.
  const root = builds?.zipRoot(path);
  if (root !== undefined) return root;
  return { status: 'not-checked', reason: host.fileExists(path) ? NOT_CHECKED.prebuiltZip : NOT_CHECKED.buildOutput };
}

/** `src/handlers/create.main` -> module `src/handlers/create`, export `main`; python `pkg.mod.fn` -> `pkg/mod`. */
export function splitHandler(handler: string, language: 'node' | 'python'): { modulePath: string; exportName: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  const modulePart = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  if (language === 'python') return { modulePath: modulePart.replace(/\./g, '/'), exportName };
  return { modulePath: modulePart, exportName };
}

function isBuildOutput(path: string): boolean {
  return /(^|\/)(dist|build|out|\.build|lib|target|bin)\//.test(path);
}

/** The file in the same (or nearest existing) folder whose name is closest to the one looked for. */
function nearestFile(host: LoaderHost, wanted: string): string | undefined {
  let dir = posix.dirname(wanted);
  while (dir !== '.' && dir !== '/' && host.listDir(dir).length === 0) dir = posix.dirname(dir);
  const wantedName = posix.basename(wanted).replace(/\.[^.]+$/, '');
  let best: { path: string; distance: number } | undefined;
  for (const path of host.listDir(dir)) {
    // `fileExists` too: a link out of the project is listed but is not a file of it.
    if (!/\.(js|mjs|cjs|ts|mts|cts|py)$/.test(path) || !host.fileExists(path)) continue;
    const name = posix.basename(path).replace(/\.[^.]+$/, '');
    const distance = editDistance(name, wantedName);
    if (distance <= Math.max(2, Math.floor(wantedName.length / 3)) && (!best || distance < best.distance)) best = { path, distance };
  }
  return best?.path;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
