import { posix } from 'node:path';
import type * as TypeScript from 'typescript';
import { ts } from '../typescript-api.js';
import type { LoaderHost } from '../loaders/types.js';

/**
 * What the project's build steps produce, read statically (never executed): esbuild, rollup,
 * webpack and tsup configs or scripts, and `package.json` scripts that call `esbuild`/`tsup` or
 * zip a folder. Maps a deployed path (`dist/create.js`, a zip built from `dist/`) back to the
 * source entry the build started from, so the handler's source is what gets linted.
 */
export interface BuildMap {
  /** Source entry (relative to the root) that the build writes to `outputStem` (a path without extension), with the build file that says so. */
  sourceOf(outputStem: string): { source: string; via: string } | undefined;
  /** The folder whose content a local zip is built from (`cd dist && zip -r ../app.zip .`). */
  zipRoot(zipPath: string): string | undefined;
}

/** Build configs by name; any other script qualifies when its name says it builds or bundles. */
const BUILD_CONFIG = /(^|\/)(rollup|webpack|tsup|esbuild)\.config\.[cm]?[jt]s$/;
const BUILD_SCRIPT = /(^|\/)[^/]*(build|bundle|esbuild)[^/]*\.[cm]?[jt]s$/i;
const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];
/** Stands for the analysis root in evaluated paths, so `path.resolve(__dirname, '..')` stays computable. */
const ROOT = '/__root__';

interface Output {
  stem: string;
  source: string;
  via: string;
}

/** Build files among `files` (relative to the root), read on the first question and once per run. */
export function lazyBuildMap(host: LoaderHost, files: readonly string[]): BuildMap {
  let built: { outputs: Map<string, Output>; zips: Map<string, string> } | undefined;
  const get = () => (built ??= readBuildFiles(host, files));
  return {
    sourceOf: (stem) => get().outputs.get(posix.normalize(stem)),
    zipRoot: (zip) => get().zips.get(posix.normalize(zip)),
  };
}

function readBuildFiles(host: LoaderHost, files: readonly string[]): { outputs: Map<string, Output>; zips: Map<string, string> } {
  const outputs = new Map<string, Output>();
  const zips = new Map<string, string>();
  const scripts = new Set(files.filter((f) => !f.includes('node_modules/') && (BUILD_CONFIG.test(f) || BUILD_SCRIPT.test(f))));
  const add = (list: Output[]): void => {
    for (const output of list) if (!outputs.has(output.stem)) outputs.set(output.stem, output);
  };
  for (const file of files.filter((f) => posix.basename(f) === 'package.json' && !f.includes('node_modules/'))) {
    const text = host.readFile(file);
    if (text === undefined) continue;
    const fromScripts = readPackageScripts(file, text, host);
    add(fromScripts.outputs);
    for (const [zip, root] of fromScripts.zips) if (!zips.has(zip)) zips.set(zip, root);
    for (const script of fromScripts.runs) if (host.fileExists(script)) scripts.add(script);
  }
  for (const file of [...scripts].sort()) {
    const text = host.readFile(file);
    if (text === undefined || !/esbuild|rollup|webpack|tsup|entryPoints|entry|input/.test(text)) continue;
    try {
      add(readBuildConfig(file, text, packageDir(host, file), host, files));
    } catch {
      // A script we cannot read statically maps nothing: its functions stay "source unknown".
    }
  }
  return { outputs, zips };
}

/** Where npm runs the scripts that use this file: the nearest folder with a package.json, else the file's own. */
function packageDir(host: LoaderHost, file: string): string {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (host.fileExists(dir === '.' ? 'package.json' : `${dir}/package.json`)) return dir;
    if (dir === '.' || dir === '/' || dir === '') return posix.dirname(file);
  }
}

// ---------------------------------------------------------------------------------------------
// package.json scripts

interface ScriptResult {
  outputs: Output[];
  zips: Map<string, string>;
  /** Scripts the package runs with node/tsx/ts-node: read as build files too. */
  runs: string[];
}

/** `esbuild src/a.ts --bundle --outfile=dist/a.js`, `tsup src/a.ts -d dist`, `cd dist && zip -r ../a.zip .`. */
export function readPackageScripts(file: string, text: string, host: LoaderHost): ScriptResult {
  const result: ScriptResult = { outputs: [], zips: new Map(), runs: [] };
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch {
    return result;
  }
  if (!scripts || typeof scripts !== 'object') return result;
  const packageRoot = posix.dirname(file);
  for (const script of Object.values(scripts as Record<string, unknown>)) {
    if (typeof script !== 'string') continue;
    let cwd = packageRoot;
    for (const command of script.split(/&&|\|\||;|\|/)) {
      const words = (command.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
      while (words.length > 0 && /^(npx|pnpm|yarn|exec|dlx|bunx|cross-env|[A-Z_]+=\S*)$/.test(words[0])) words.shift();
      const [tool, ...args] = words;
      if (tool === 'cd' && args[0]) cwd = posix.normalize(posix.join(cwd, args[0]));
      else if (tool === 'esbuild' || tool === 'tsup') result.outputs.push(...cliBuild(tool, args, cwd, file, host));
      else if (tool === 'zip') zipCommand(args, cwd, result.zips);
      else if (/^(node|tsx|ts-node|bun|vite-node)$/.test(tool ?? '')) {
        const script = args.find((a) => !a.startsWith('-') && /\.[cm]?[jt]s$/.test(a));
        if (script) result.runs.push(posix.normalize(posix.join(cwd, script)));
      }
    }
  }
  return result;
}

function cliBuild(tool: 'esbuild' | 'tsup', args: string[], cwd: string, via: string, host: LoaderHost): Output[] {
  const entries: string[] = [];
  let outfile: string | undefined;
  let outdir: string | undefined;
  let outbase: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? (args[i + 1]?.startsWith('-') ? undefined : args[++i]);
    if (flag === '--outfile') outfile = value();
    else if (flag === '--outdir' || flag === '--out-dir' || flag === '--outDir' || flag === '-d') outdir = value();
    else if (flag === '--outbase') outbase = value();
    else if (flag === '--entry') entries.push(...(value() ?? '').split(','));
    else if (!arg.startsWith('-')) entries.push(arg);
    // Other flags (`--bundle`, `--platform=node`) take their value with `=` in esbuild's CLI.
    else if (tool === 'tsup' && inline === undefined && /^--(format|target|external|platform)$/.test(flag)) i++;
  }
  if (tool === 'tsup') outdir ??= 'dist';
  const at = (p: string) => posix.normalize(posix.join(cwd, p));
  return entryOutputs(entries.map((e) => ({ source: at(e) })), { outfile: outfile && at(outfile), outdir: outdir && at(outdir), outbase: outbase && at(outbase) }, via, host);
}

/** `zip -r ../a.zip .` in `dist` (content rooted at cwd); `zip -j a.zip dist/a.js` (files at the zip's root). */
function zipCommand(args: string[], cwd: string, zips: Map<string, string>): void {
  const junk = args.some((a) => /^-[a-zA-Z]*j/.test(a));
  const positional = args.filter((a) => !a.startsWith('-'));
  const [zip, ...inputs] = positional;
  if (!zip || !/\.zip$/.test(zip) || inputs.length === 0) return;
  const zipPath = posix.normalize(posix.join(cwd, zip));
  if (junk) {
    const dirs = new Set(inputs.map((i) => posix.dirname(posix.normalize(posix.join(cwd, i)))));
    if (dirs.size === 1) zips.set(zipPath, [...dirs][0]);
  } else {
    zips.set(zipPath, cwd);
  }
}

// ---------------------------------------------------------------------------------------------
// Build entry points -> outputs, the way each bundler names them

interface Entry {
  source: string;
  /** Output name given with the entry (esbuild `{ out: in }`, rollup/webpack entry keys). */
  name?: string;
}

/**
 * esbuild's naming (tsup uses esbuild): `outfile` for one entry; with `outdir`, each entry's path
 * relative to `outbase`, which defaults to the entries' lowest common ancestor folder.
 * https://esbuild.github.io/api/#outbase
 */
export function entryOutputs(entries: Entry[], out: { outfile?: string; outdir?: string; outbase?: string }, via: string, host: LoaderHost): Output[] {
  const resolved = entries.map((e) => ({ ...e, source: existingSource(host, e.source) }));
  if (resolved.some((e) => e.source === undefined)) return []; // an entry we cannot find: nothing is guessed
  const known = resolved as Array<{ source: string; name?: string }>;
  if (out.outfile && known.length === 1) return [{ stem: stemOf(out.outfile), source: known[0].source, via }];
  if (!out.outdir) return [];
  const outdir = out.outdir;
  const unnamed = known.filter((e) => e.name === undefined).map((e) => e.source);
  const outbase = out.outbase ?? commonDir(unnamed);
  return known.map((e) => ({
    stem: posix.normalize(posix.join(outdir, e.name ?? stemOf(posix.relative(outbase, e.source)))),
    source: e.source,
    via,
  }));
}

function existingSource(host: LoaderHost, path: string): string | undefined {
  const normalized = posix.normalize(path);
  if (host.fileExists(normalized)) return normalized;
  for (const candidate of [...SOURCE_EXTENSIONS.map((x) => `${normalized}${x}`), ...SOURCE_EXTENSIONS.map((x) => `${normalized}/index${x}`)]) {
    if (host.fileExists(candidate)) return candidate;
  }
  return undefined;
}

function stemOf(path: string): string {
  return posix.normalize(path).replace(/\.[^./]+$/, '');
}

function commonDir(paths: string[]): string {
  if (paths.length === 0) return '.';
  const parts = paths.map((p) => posix.dirname(p).split('/'));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return common.length > 0 ? common.join('/') : '.';
}

// ---------------------------------------------------------------------------------------------
// Config files and build scripts (TypeScript AST, evaluated only where values are literal)

type Value = string | number | boolean | undefined | Value[] | { [key: string]: Value };
type Obj = { [key: string]: Value };

/**
 * Every object literal in the file that reads as a build config: esbuild (`entryPoints` with
 * `outfile`/`outdir`), rollup (`input` + `output.file`/`output.dir`), webpack (`entry` +
 * `output.path`) and tsup (`entry` + `outDir`, or any `entry` in a tsup config).
 */
export function readBuildConfig(file: string, text: string, cwd: string, host: LoaderHost, files: readonly string[] = []): Output[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const evaluator = new Evaluator(source, posix.dirname(file), cwd);
  const outputs: Output[] = [];
  const tsupFile = /(^|\/)tsup\.config\./.test(file);
  const visit = (node: TypeScript.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const names = new Set(node.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '')));
      const looksLikeConfig =
        (names.has('entryPoints') && (names.has('outfile') || names.has('outdir') || hasSpread(node))) ||
        (names.has('input') && names.has('output')) ||
        (names.has('entry') && (names.has('output') || names.has('outDir') || tsupFile));
      if (looksLikeConfig) {
        const config = evaluator.value(node);
        if (config && typeof config === 'object' && !Array.isArray(config)) outputs.push(...configOutputs(config, { cwd, via: file, host, files }, tsupFile));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return outputs;
}

interface Scope {
  /** Folder the build runs in (relative paths start there). */
  cwd: string;
  via: string;
  host: LoaderHost;
  /** The project's files, for esbuild and tsup glob entry points (`src/handlers/**`). */
  files: readonly string[];
}

function hasSpread(node: TypeScript.ObjectLiteralExpression): boolean {
  return node.properties.some(ts.isSpreadAssignment);
}

function configOutputs(config: Obj, scope: Scope, tsupFile: boolean): Output[] {
  const { cwd, via, host } = scope;
  const path = (value: Value): string | undefined => (typeof value === 'string' ? rootRelative(value, cwd) : undefined);
  if ('entryPoints' in config) {
    const entries = entryList(config.entryPoints, cwd, scope.files);
    if (!entries) return [];
    return entryOutputs(entries, { outfile: path(config.outfile), outdir: path(config.outdir), outbase: path(config.outbase) }, via, host);
  }
  if ('input' in config) {
    const entries = entryList(config.input, cwd);
    if (!entries) return [];
    const outputs = Array.isArray(config.output) ? config.output : [config.output];
    return outputs.flatMap((output) => {
      if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
      const pattern = typeof output.entryFileNames === 'string' ? output.entryFileNames : '[name].js';
      if (typeof output.file === 'string') return entryOutputs(entries, { outfile: path(output.file) }, via, host);
      const dir = path(output.dir);
      if (!dir) return [];
      return named(entries, pattern, host).map((e) => ({ stem: posix.normalize(posix.join(dir, stemOf(e.fileName))), source: e.source, via }));
    });
  }
  if ('entry' in config) {
    const isWebpack = 'output' in config;
    if (!isWebpack && (tsupFile || 'outDir' in config)) {
      const entries = entryList(config.entry, cwd, scope.files);
      return entries ? entryOutputs(entries, { outdir: path(config.outDir) ?? posix.join(cwd, 'dist') }, via, host) : [];
    }
    const output = config.output;
    if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
    // webpack: a single entry is chunk `main`; `output.path` defaults to ./dist (webpack 5).
    const single = typeof config.entry === 'string' ? config.entry : Array.isArray(config.entry) && config.entry.length === 1 ? config.entry[0] : undefined;
    const entries = typeof single === 'string' ? [{ source: rootRelative(single, cwd), name: 'main' }] : entryList(config.entry, cwd);
    if (!entries) return [];
    const dir = path(output.path) ?? posix.join(cwd, 'dist');
    const pattern = typeof output.filename === 'string' ? output.filename : '[name].js';
    return named(entries, pattern, host).map((e) => ({ stem: posix.normalize(posix.join(dir, stemOf(e.fileName))), source: e.source, via }));
  }
  return [];
}

/** Output file names from a `[name]` pattern; entries without a name are named after their file. Patterns with hashes give nothing. */
function named(entries: Entry[], pattern: string, host: LoaderHost): Array<{ fileName: string; source: string }> {
  if (/\[(?!name\])[^\]]*\]/.test(pattern)) return [];
  if (!pattern.includes('[name]') && entries.length > 1) return [];
  return entries.flatMap((e) => {
    const source = existingSource(host, e.source);
    if (!source) return [];
    const name = e.name ?? stemOf(posix.basename(source));
    return [{ fileName: pattern.replace(/\[name\]/g, name), source }];
  });
}

/**
 * `'src/a.ts'`, `['src/a.ts']`, `{ a: 'src/a.ts' }`, `[{ in, out }]`; undefined when any part is computed.
 * Given the project's files, `*` and `**` patterns expand as esbuild (0.19+) and tsup expand them.
 */
function entryList(value: Value, cwd: string, files?: readonly string[]): Entry[] | undefined {
  if (typeof value === 'string') value = [value];
  if (Array.isArray(value)) {
    const list: Entry[] = [];
    for (const item of value) {
      if (typeof item === 'string' && item.includes('*')) {
        const matches = files ? expandGlob(rootRelative(item, cwd), files) : [];
        if (matches.length === 0) return undefined;
        list.push(...matches.map((source) => ({ source })));
      } else if (typeof item === 'string') list.push({ source: rootRelative(item, cwd) });
      else if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.in === 'string') {
        list.push({ source: rootRelative(item.in, cwd), name: typeof item.out === 'string' ? item.out : undefined });
      } else return undefined;
    }
    return list;
  }
  if (value && typeof value === 'object') {
    const list: Entry[] = [];
    for (const [name, source] of Object.entries(value)) {
      // webpack `{ main: ['./a.js'] }` / `{ main: { import: './a.js' } }`: one file per chunk only.
      const file = typeof source === 'string' ? source : Array.isArray(source) && source.length === 1 && typeof source[0] === 'string' ? source[0] : undefined;
      if (file === undefined) return undefined;
      list.push({ source: rootRelative(file, cwd), name });
    }
    return list;
  }
  return undefined;
}

/** Code files matching a `*` / `**` pattern (relative to the root). */
function expandGlob(pattern: string, files: readonly string[]): string[] {
  const regex = new RegExp(
    `^${pattern
      .split(/(\*\*\/?|\*)/)
      .map((part) => (part.startsWith('**') ? '(?:.*/)?' + (part === '**' ? '[^/]*' : '') : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
  return files.filter((f) => regex.test(f) && /\.[cm]?[jt]sx?$/.test(f) && !/\.d\.[cm]?ts$/.test(f)).sort();
}

/** An evaluated path (relative to cwd, or under ROOT) made relative to the analysis root. */
function rootRelative(path: string, cwd: string): string {
  if (path.startsWith(`${ROOT}/`) || path === ROOT) return posix.normalize(path.slice(ROOT.length + 1) || '.');
  return posix.normalize(posix.join(cwd, path));
}

/** Literal values of a script: strings, arrays, objects, `const` bindings, `path.join/resolve`, `__dirname`. */
class Evaluator {
  private readonly constants = new Map<string, TypeScript.Expression>();

  constructor(
    private readonly source: TypeScript.SourceFile,
    private readonly fileDir: string,
    private readonly cwd: string,
  ) {
    const collect = (node: TypeScript.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) {
        if (!this.constants.has(node.name.text)) this.constants.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, collect);
    };
    collect(source);
  }

  value(node: TypeScript.Expression, depth = 0): Value {
    if (depth > 20) return undefined;
    const next = (n: TypeScript.Expression) => this.value(n, depth + 1);
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return next(node.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const part = next(span.expression);
        if (typeof part !== 'string' && typeof part !== 'number') return undefined;
        text += String(part) + span.literal.text;
      }
      return text;
    }
    if (ts.isIdentifier(node)) {
      if (node.text === '__dirname') return posix.join(ROOT, this.fileDir);
      const init = this.constants.get(node.text);
      return init ? next(init) : undefined;
    }
    if (ts.isPropertyAccessExpression(node) && node.getText(this.source) === 'import.meta.dirname') return posix.join(ROOT, this.fileDir);
    if (ts.isArrayLiteralExpression(node)) {
      const items: Value[] = [];
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = next(element.expression);
          if (!Array.isArray(spread)) return undefined;
          items.push(...spread);
        } else {
          const item = next(element);
          if (item === undefined) return undefined;
          items.push(item);
        }
      }
      return items;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const object: Obj = {};
      for (const property of node.properties) {
        if (ts.isSpreadAssignment(property)) {
          const spread = next(property.expression);
          if (spread && typeof spread === 'object' && !Array.isArray(spread)) Object.assign(object, spread);
        } else if (ts.isPropertyAssignment(property)) {
          const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
          if (key !== undefined) object[key] = next(property.initializer);
        } else if (ts.isShorthandPropertyAssignment(property)) {
          object[property.name.text] = next(property.name);
        }
      }
      return object;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(this.source);
      if (/^(path\.)?(posix\.)?(join|resolve)$/.test(callee)) {
        const args = node.arguments.map((a) => next(a));
        if (!args.every((a): a is string => typeof a === 'string')) return undefined;
        // Relative paths start from the folder npm runs the script in.
        return callee.endsWith('resolve') ? posix.resolve(posix.join(ROOT, this.cwd), ...args) : posix.join(...args);
      }
      if (callee === 'process.cwd') return posix.join(ROOT, this.cwd);
      // `defineConfig({...})`, `build({...})`: the argument is the config.
      return undefined;
    }
    return undefined;
  }
}
