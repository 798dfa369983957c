import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { detectHandlers, reachableFunctions } from '../handlers/detect.js';
import { readSettings } from '../handlers/settings.js';
import { dottedName, isFunctionNode, propertyName, staticString, unwrapTs, walk, type FunctionNode } from '../handlers/ast-utils.js';
import { moduleLoadVisitors, packageName } from '../module-imports.js';
import type { SourceLocation } from '../model/index.js';
import { serviceWriteOf, type ServiceWrite } from './service-writes.js';

type Loc = Omit<SourceLocation, 'file'>;

export interface EnvRead {
  name: string;
  loc: Loc;
  /** `process.env.X ?? 'x'`, `|| 'x'`, a default in a destructuring: the code copes without it. */
  hasFallback: boolean;
  /** `process.env.X = 'x'` (or `??=`, `delete`): the code sets the variable itself; not a read. */
  write?: boolean;
  /**
   * Handler exports of this file whose code runs this read. Absent when the read is at module scope
   * or in a function no handler of this file calls: then it concerns every function that runs the file.
   */
  exports?: string[];
}

export interface PackageImport {
  name: string;
  source: string;
  loc: Loc;
  /** Erased at compile time: `import type`, or, in TypeScript, an import none of whose bindings is used as a value. */
  typeOnly: boolean;
  /** An `import` with bindings, at least one of which is used as a value: TypeScript keeps it. */
  usedAsValue?: boolean;
}

/** What the cross rules need to know about one code file. Computed during the lint pass. */
export interface CodeFacts {
  /**
   * True once the facts rule ran over the whole file. Unset or false when the file could not be
   * read, parsed or linted in time (`emptyFacts()`): nothing is known about it.
   */
  analysed?: boolean;
  /** Relative module specifiers loaded by the file (`./lib/db`). */
  relativeImports: string[];
  packageImports: PackageImport[];
  envReads: EnvRead[];
  /** The whole `process.env` is used (`{ ...process.env }`, `process.env[name]`): reads cannot be listed. */
  readsWholeEnv: boolean;
  exportNames: string[];
  /** The file loads dotenv (`dotenv/config`, `require('dotenv').config()`). */
  loadsDotenv: boolean;
  /** Per handler export: does it return a partial batch response. */
  handlers: Array<{
    exportName: string;
    returnsBatchItemFailures: boolean;
    /** Declares Lambda's third parameter (callback), which the nodejs24.x runtime refuses. */
    takesCallback?: boolean;
    loc: Loc;
  }>;
  /** Writes to S3, SQS or SNS whose target is an env var or the event's bucket (`no-recursive-trigger`). */
  serviceWrites?: ServiceWrite[];
  /** The file tests a key or name (`startsWith`, `endsWith`, a regex test): it may guard against its own writes. */
  testsKeys?: boolean;
}

export function emptyFacts(): CodeFacts {
  return { analysed: false, relativeImports: [], packageImports: [], envReads: [], readsWholeEnv: false, exportNames: [], loadsDotenv: false, handlers: [] };
}

function locOf(node: TSESTree.Node): Loc {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

/**
 * An internal ESLint rule that records `CodeFacts` for each linted file into `sink`,
 * so the CLI gets facts from the same parse as the lint.
 */
export function createFactsRule(sink: (filename: string, facts: CodeFacts) => void): TSESLint.RuleModule<'none', []> {
  return {
    defaultOptions: [],
    meta: { type: 'problem', messages: { none: '' }, schema: [] },
    create(context) {
      const facts = emptyFacts();
      const readNodes: TSESTree.Node[] = [];
      const commonJsExports = new Set<string>();
      const addRead = (read: EnvRead, node: TSESTree.Node): void => {
        facts.envReads.push(read);
        readNodes.push(node);
      };
      const loads = moduleLoadVisitors((load) => {
        if (load.source.startsWith('.')) {
          if (!load.typeOnly) facts.relativeImports.push(load.source);
          return;
        }
        if (load.source === 'dotenv/config' || load.source === 'dotenv-flow/config') facts.loadsDotenv = true;
        const name = packageName(load.source);
        if (!name) return;
        const imp: PackageImport = { name, source: load.source, loc: locOf(load.node), typeOnly: load.typeOnly };
        const declaration = load.node.parent;
        if (load.kind === 'import' && declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.specifiers.length > 0) {
          const variables = context.sourceCode.getDeclaredVariables(declaration);
          imp.usedAsValue = variables.some((v) => v.references.some((r) => r.isValueReference));
          // TypeScript (and esbuild) drop an import whose bindings are used only as types, or not at all.
          if (!imp.usedAsValue && /\.[cm]?tsx?$/.test(context.filename)) imp.typeOnly = true;
        }
        facts.packageImports.push(imp);
      });
      /** One use of an expression that is `process.env` (or an alias of it): a read, a write, or the whole object. */
      const envUse = (envNode: TSESTree.Node): void => {
        let current = envNode;
        while (current.parent && isTsWrapper(current.parent)) current = current.parent;
        const parent = current.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
          const name = propertyName(parent);
          // process.env[name]: any variable may be read.
          if (name === undefined) facts.readsWholeEnv = true;
          else if (isWrite(parent)) addRead({ name, loc: locOf(parent), hasFallback: true, write: true }, parent);
          else addRead({ name, loc: locOf(parent), hasFallback: hasFallback(parent) }, parent);
          return;
        }
        if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
          // const { A, B = 'x' } = process.env
          if (parent.id.type === AST_NODE_TYPES.ObjectPattern) return destructured(parent.id);
          // const env = process.env: its uses are uses of process.env.
          if (parent.id.type === AST_NODE_TYPES.Identifier) return aliasUses(parent, parent.id.name);
        }
        // `{ ...process.env }`, `cleanEnv(process.env, ...)`, `Object.keys(process.env)`: any variable may be read.
        facts.readsWholeEnv = true;
      };
      const destructured = (pattern: TSESTree.ObjectPattern): void => {
        for (const property of pattern.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            facts.readsWholeEnv = true;
            continue;
          }
          const name = property.computed ? staticString(property.key) : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : staticString(property.key);
          if (name === undefined) {
            facts.readsWholeEnv = true;
            continue;
          }
          addRead({ name, loc: locOf(property), hasFallback: property.value.type === AST_NODE_TYPES.AssignmentPattern }, property);
        }
      };
      /** Every reference to the variable `name` that `declaration` declares is a use of process.env. */
      const aliasUses = (declaration: TSESTree.Node, name: string): void => {
        const variable = context.sourceCode.getDeclaredVariables(declaration).find((v) => v.name === name);
        if (!variable) {
          facts.readsWholeEnv = true;
          return;
        }
        for (const reference of variable.references) if (reference.isRead()) envUse(reference.identifier);
      };
      return {
        ...(loads as TSESLint.RuleListener),
        MemberExpression(node) {
          if (node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'process' && propertyName(node) === 'env') envUse(node);
        },
        // import { env } from 'node:process' (ImportDeclaration itself is taken by the module-load visitors)
        ImportSpecifier(node) {
          const source = node.parent.type === AST_NODE_TYPES.ImportDeclaration ? node.parent.source.value : undefined;
          if (source !== 'process' && source !== 'node:process') return;
          const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
          if (imported === 'env') aliasUses(node, node.local.name);
        },
        // const { env } = process / require('node:process')
        VariableDeclarator(node) {
          if (!node.init || node.id.type !== AST_NODE_TYPES.ObjectPattern) return;
          const init = unwrapTs(node.init);
          const isProcess =
            dottedName(init) === 'process' ||
            (init.type === AST_NODE_TYPES.CallExpression && dottedName(init.callee) === 'require' && ['process', 'node:process'].includes(staticString(init.arguments[0]) ?? ''));
          if (!isProcess) return;
          for (const property of node.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'env') continue;
            if (property.value.type === AST_NODE_TYPES.Identifier) aliasUses(node, property.value.name);
            else if (property.value.type === AST_NODE_TYPES.ObjectPattern) destructured(property.value);
          }
        },
        AssignmentExpression(node) {
          for (const name of commonJsExportNames(node)) commonJsExports.add(name);
        },
        ObjectExpression(node) {
          const write = serviceWriteOf(node, context.sourceCode);
          if (write) (facts.serviceWrites ??= []).push(write);
        },
        'CallExpression > MemberExpression.callee[property.name=/^(startsWith|endsWith|test|match|includes)$/]'() {
          facts.testsKeys = true;
        },
        CallExpression(node) {
          // require('dotenv').config() / dotenv.config()
          const callee = unwrapTs(node.callee);
          if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'config') {
            const object = unwrapTs(callee.object);
            const isDotenv =
              (object.type === AST_NODE_TYPES.CallExpression && staticString(object.arguments[0])?.startsWith('dotenv')) ||
              (object.type === AST_NODE_TYPES.Identifier && /^dotenv/i.test(object.name));
            if (isDotenv) facts.loadsDotenv = true;
          }
        },
        'Program:exit'(program: TSESTree.Program) {
          facts.exportNames = [...new Set([...moduleExportNames(program), ...commonJsExports])].sort();
          const settings = readSettings(context.settings);
          // Handler detection (every export taken as a candidate) serves two things: which handler
          // export runs each env read, which only matters in a file a deploy config names as a
          // handler; and partial batch responses, which need one of these words in the text. Other
          // files, most of a project, skip it.
          const isHandlerFile = (settings.handlers?.length ?? 0) > 0;
          if (!isHandlerFile && !BATCH_RESPONSE_WORDS.test(context.sourceCode.text)) {
            facts.analysed = true;
            sink(context.filename, facts);
            return;
          }
          const found = detectHandlers(program, { ...settings, handlers: undefined, handlerNames: facts.exportNames });
          for (const handler of found.handlers) {
            // The handler, the module functions it calls (`return processAll(event)`) and local wrappers it is built with.
            const functions = [
              handler.fn,
              ...[...found.handlerScope].filter(([, owner]) => owner === handler).map(([fn]) => fn),
              ...handler.wrappers.flatMap((w) => (w.definition ? [w.definition] : [])),
            ];
            facts.handlers.push({
              exportName: handler.exportName,
              // middy's sqs-partial-batch-failure middleware builds the response itself.
              returnsBatchItemFailures:
                functions.some(mentionsBatchItemFailures) || handler.middlewares.some((m) => /partialbatch/i.test(m)),
              takesCallback: handler.wrappers.length === 0 && handler.fn.params.filter((p) => !(p.type === AST_NODE_TYPES.Identifier && p.name === 'this')).length >= 3,
              loc: locOf(handler.exportNode),
            });
          }
          attributeReads(facts.envReads, readNodes, found.handlers.map((h) => ({
            exportName: h.exportName,
            reach: new Set([...reachableFunctions(h, found.bindings), ...h.wrappers.flatMap((w) => (w.definition ? [w.definition] : []))]),
          })));
          facts.analysed = true;
          sink(context.filename, facts);
        },
      };
    },
  };
}

function isTsWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}

/** `process.env.X = ...`, `process.env.X ??= ...`, `delete process.env.X`. */
function isWrite(node: TSESTree.MemberExpression): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return true;
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
}

function hasFallback(node: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.left === current && (parent.operator === '??' || parent.operator === '||')) {
    return true;
  }
  // `const { X = 'x' } = ...` handled elsewhere; `x = process.env.X ?? ...` handled above.
  if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.right === current) return false;
  return false;
}

/** Words without which no function of a file can return a partial batch response (see `mentionsBatchItemFailures`). */
const BATCH_RESPONSE_WORDS = /batchItemFailures|processPartialResponse|partialbatch/i;

/** ESM export names of the file (CommonJS ones come from `commonJsExportNames` during the traversal). */
function moduleExportNames(program: TSESTree.Program): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const decl = statement.declaration;
      if ((decl?.type === AST_NODE_TYPES.FunctionDeclaration || decl?.type === AST_NODE_TYPES.ClassDeclaration) && decl.id) names.push(decl.id.name);
      if (decl?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const d of decl.declarations) if (d.id.type === AST_NODE_TYPES.Identifier) names.push(d.id.name);
      }
      for (const s of statement.specifiers) {
        if (s.type === AST_NODE_TYPES.ExportSpecifier) names.push(s.exported.type === AST_NODE_TYPES.Identifier ? s.exported.name : String(s.exported.value));
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      names.push('default');
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      names.push('*');
    }
  }
  return names;
}

/** `exports.x = ...`, `module.exports.x = ...`, `module.exports = { a, b }` ('*' when not a literal object). */
function commonJsExportNames(node: TSESTree.AssignmentExpression): string[] {
  const target = dottedName(node.left);
  if (!target) return [];
  const named = /^(?:module\.)?exports\.([^.]+)$/.exec(target);
  if (named) return [named[1]];
  if (target !== 'module.exports') return [];
  const right = unwrapTs(node.right);
  if (right.type !== AST_NODE_TYPES.ObjectExpression) return ['*'];
  const names: string[] = [];
  for (const p of right.properties) {
    if (p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier) names.push(p.key.name);
    if (p.type === AST_NODE_TYPES.SpreadElement) names.push('*');
  }
  return names;
}

function mentionsBatchItemFailures(fn: TSESTree.Node): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    // Powertools: processPartialResponse / processPartialResponseSync build the response.
    if (node.type === AST_NODE_TYPES.Identifier && /^(batchItemFailures|processPartialResponse(Sync)?)$/.test(node.name)) found = true;
    return undefined;
  });
  return found;
}

/** Marks each read inside a handler's code with the handler exports that run it. */
function attributeReads(reads: EnvRead[], nodes: TSESTree.Node[], handlers: Array<{ exportName: string; reach: Set<FunctionNode> }>): void {
  if (handlers.length === 0) return;
  for (let i = 0; i < reads.length; i++) {
    const enclosing: FunctionNode[] = [];
    for (let current = nodes[i].parent; current; current = current.parent) if (isFunctionNode(current)) enclosing.push(current);
    if (enclosing.length === 0) continue; // module scope: runs for every function loading the file
    const exports = handlers.filter((h) => enclosing.some((fn) => h.reach.has(fn))).map((h) => h.exportName);
    if (exports.length > 0) reads[i].exports = [...new Set(exports)].sort();
  }
}
