import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { parse as Parse } from '@typescript-eslint/typescript-estree';
import { dottedName, isFunctionNode, keyName, unwrapTs, type FunctionNode } from './handlers/ast-utils.js';
import { bindingSource, moduleBindings, type Binding } from './handlers/bindings.js';
import { jsNestingPosition } from './code/nesting.js';
import { readRegularFile } from './project/host.js';

/**
 * Reading the project's own modules (never executing them): resolve a relative
 * import, parse the file once, find the function it exports. Rules use this to
 * follow a handler wrapper such as `handler(async (event) => ...)` into
 * `./libs/handler-lib.js`.
 */

export interface LocalModule {
  file: string;
  program: TSESTree.Program;
  bindings: Map<string, Binding>;
}

/** Files larger than this are not parsed: wrappers are small, bundles are not. */
const MAX_FILE_BYTES = 512 * 1024;
/**
 * Deeper bracket nesting is not parsed: the parser recurses once per level and overflows its
 * stack (800 nested `(` already do), where V8 may abort the editor's process instead of
 * throwing. The same depth as the CLI's lint (`MAX_JS_NESTING`, src/code/file-linter.ts).
 */
export const MAX_LOCAL_MODULE_NESTING = 500;
const MAX_REEXPORT_DEPTH = 4;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** NodeNext-style specifiers name the emitted file (`./wrap.js`) while the source is `./wrap.ts`. */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Parsed modules by absolute path; the stat key drops stale entries in long-lived processes (editors). */
const parsed = new Map<string, { key: string; module: LocalModule | undefined }>();

/** Absolute path of a relative import (`./libs/handler-lib`) from `fromFile`, or undefined. */
export function resolveLocalModule(fromFile: string, source: string): string | undefined {
  if (!source.startsWith('./') && !source.startsWith('../') && source !== '.' && source !== '..') return undefined;
  if (!fromFile || !path.isAbsolute(fromFile)) return undefined;
  const base = path.resolve(path.dirname(fromFile), source);
  const candidates: string[] = [];
  const ext = path.extname(base);
  if (ext) {
    candidates.push(base);
    for (const alt of SOURCE_EXTENSIONS[ext] ?? []) candidates.push(base.slice(0, -ext.length) + alt);
  }
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(path.join(base, `index${e}`));
  return candidates.find(isFile);
}

/** Parses a project file once (per content version); undefined when it cannot be read or parsed. */
export function loadLocalModule(file: string): LocalModule | undefined {
  let key: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    key = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
  const hit = parsed.get(file);
  if (hit && hit.key === key) return hit.module;
  const module = parseFile(file);
  parsed.set(file, { key, module });
  return module;
}

/**
 * The function a module exports under `name` ('default' for the default export),
 * in ESM or CommonJS form, following `export { x } from './y'` re-exports.
 */
export function findExportedFunction(module: LocalModule, name: string, depth = 0): { fn: FunctionNode; module: LocalModule } | undefined {
  if (depth > MAX_REEXPORT_DEPTH) return undefined;
  let value: TSESTree.Node | undefined;
  let cjsDefault: TSESTree.Node | undefined;
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const decl = statement.declaration;
      if (decl?.type === AST_NODE_TYPES.FunctionDeclaration && decl.id?.name === name) value = decl;
      if (decl?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const d of decl.declarations) {
          if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name && d.init) value = d.init;
        }
      }
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ExportSpecifier || exportName(specifier.exported) !== name) continue;
        const local = exportName(specifier.local);
        if (statement.source) {
          const target = resolveLocalModule(module.file, String(statement.source.value));
          const next = target ? loadLocalModule(target) : undefined;
          return next ? findExportedFunction(next, local, depth + 1) : undefined;
        }
        value = specifier.local;
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      value = statement.declaration;
    } else if (statement.type === AST_NODE_TYPES.TSExportAssignment) {
      cjsDefault = statement.expression; // `export = fn`
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const found = commonJsExport(statement.expression, name);
      if (found?.kind === 'named') value = found.node;
      if (found?.kind === 'default') cjsDefault = found.node;
    }
  }
  // `import wrap from './x'` of a CommonJS module gets `module.exports`.
  if (!value && name === 'default') value = cjsDefault;
  // `const { wrap } = require('./x')` of `module.exports = { wrap }`.
  if (!value && cjsDefault) {
    const object = unwrapTs(cjsDefault);
    if (object.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && keyName(property) === name) value = property.value;
      }
    }
  }
  const fn = value ? functionOf(value, module.bindings) : undefined;
  return fn ? { fn, module } : undefined;
}

/** The function an expression or binding stands for, following local identifiers. */
export function functionOf(node: TSESTree.Node, bindings: Map<string, Binding>, depth = 0): FunctionNode | undefined {
  if (depth > 4) return undefined;
  const value = unwrapTs(node);
  if (isFunctionNode(value)) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const binding = bindings.get(value.name);
    if (binding?.kind === 'function') return binding.node;
    if (binding?.kind === 'variable' && binding.node.init) return functionOf(binding.node.init, bindings, depth + 1);
  }
  return undefined;
}

/** Where a module-scope name comes from, when it is imported from a relative path. */
export function localImport(binding: Binding | undefined): { source: string; imported: string } | undefined {
  if (!binding || (binding.kind !== 'import' && binding.kind !== 'require')) return undefined;
  const source = bindingSource(binding);
  if (source === undefined || !source.startsWith('.')) return undefined;
  return { source, imported: binding.imported };
}

function commonJsExport(expression: TSESTree.Expression, name: string): { kind: 'named' | 'default'; node: TSESTree.Node } | undefined {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
  const target = dottedName(expression.left);
  if (target === 'module.exports') return { kind: 'default', node: expression.right };
  if (target === `module.exports.${name}` || target === `exports.${name}`) return { kind: 'named', node: expression.right };
  if (expression.right.type === AST_NODE_TYPES.AssignmentExpression) return commonJsExport(expression.right, name);
  return undefined;
}

function exportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : String(node.value);
}

let parse: typeof Parse | undefined;

/** The parser, loaded when a wrapper is first followed (it loads TypeScript: 0.3 s that most runs never need). */
function parser(): typeof Parse {
  parse ??= (createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as { parse: typeof Parse }).parse;
  return parse;
}

/**
 * The text of a module, when it is safe to parse: a regular file (read without blocking: a FIFO
 * put in place of a wrapper must not hang the editor), at most 512 KB, nested at most
 * `MAX_LOCAL_MODULE_NESTING` levels. Otherwise why not.
 */
export function localModuleSource(file: string): { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'too-large' | 'too-deep' } {
  const outcome = readRegularFile(file, MAX_FILE_BYTES);
  if (!outcome.ok) return { ok: false, reason: outcome.reason === 'too-large' ? 'too-large' : 'unreadable' };
  if (jsNestingPosition(outcome.text, MAX_LOCAL_MODULE_NESTING)) return { ok: false, reason: 'too-deep' };
  return outcome;
}

function parseFile(file: string): LocalModule | undefined {
  const source = localModuleSource(file);
  if (!source.ok) return undefined;
  const text = source.text;
  const jsxFirst = /\.[jt]sx$/.test(file);
  for (const jsx of [jsxFirst, !jsxFirst]) {
    try {
      const program = parser()(text, { jsx, loc: true, range: true, comment: false, tokens: false }) as TSESTree.Program;
      return { file, program, bindings: moduleBindings(program) };
    } catch {
      // try the other JSX mode, then give up
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
