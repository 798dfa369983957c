import type { Node } from 'web-tree-sitter';
import { emptyFacts, type CodeFacts, type EnvRead } from '../code/facts.js';
import type { SourceLocation } from '../model/index.js';
import { moduleStatements } from './scope.js';
import { importBindings } from './ast.js';
import { pythonServiceWrites } from './service-writes.js';

type Loc = Omit<SourceLocation, 'file'>;

/** One `import` / `from ... import` statement of a Python module. */
export interface PythonImport {
  /** Dotted module as written, without the leading dots: `pkg.mod`; '' for `from . import x`. */
  module: string;
  /** Leading dots of a relative import; 0 for an absolute one. */
  level: number;
  /** `from m import a, b`: `['a', 'b']` (`'*'` for a wildcard); empty for `import m`. */
  names: string[];
  loc: Loc;
  /**
   * A failure to import does not stop the module from loading: inside `try` with an
   * `except ImportError` (or broader) clause, or under `if TYPE_CHECKING:`.
   */
  guarded: boolean;
  /** Inside a function: it runs when the function is called, not at init. */
  inFunction: boolean;
}

/** What a module-level name is bound to, for handler resolution and `handler-signature`. */
export interface PythonDefinition {
  name: string;
  kind: 'def' | 'async def' | 'class' | 'assignment' | 'import';
  loc: Loc;
  /** Of a `def`: positional parameters it accepts (`Infinity` with `*args`) and how many have no default. */
  positional?: { max: number; required: number };
  /** Of a `def` or class: it has decorators, which may change what is called. */
  decorated?: boolean;
}

/** Code facts of a Python module: the shared shape the cross rules read, plus what only Python has. */
export interface PythonFacts extends CodeFacts {
  language: 'python';
  imports: PythonImport[];
  /** Module-level bindings, first binding of each name. */
  definitions: PythonDefinition[];
}

export function isPythonFacts(facts: CodeFacts | undefined): facts is PythonFacts {
  return (facts as PythonFacts | undefined)?.language === 'python';
}

export function locOf(node: Node): Loc {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** The env reads of a module with the syntax node of each, so the pass can tell which handler runs it. */
export interface ExtractedFacts {
  facts: PythonFacts;
  readNodes: Node[];
  /** The call of each `facts.serviceWrites` entry, in order. */
  writeNodes: Node[];
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** Reads the facts the cross rules need from one parsed module. */
export function extractPythonFacts(root: Node): ExtractedFacts {
  const facts: PythonFacts = { ...emptyFacts(), language: 'python', imports: [], definitions: [] };
  const readNodes: Node[] = [];
  const definitions = new Map<string, PythonDefinition>();
  const define = (definition: PythonDefinition): void => {
    if (!definitions.has(definition.name)) definitions.set(definition.name, definition);
  };
  collectDefinitions(root, define, facts);

  // Names that stand for the `os` module, `os.environ` and `os.getenv` in this module.
  const osNames = new Set<string>();
  const environNames = new Set<string>();
  const getenvNames = new Set<string>();

  const addRead = (read: EnvRead, node: Node): void => {
    facts.envReads.push(read);
    readNodes.push(node);
  };

  // tree-sitter finds the nodes of a type in one call; walking every node from JavaScript costs
  // a call into WebAssembly per step. Imports first: they bind the names the reads use.
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement', 'future_import_statement'])) {
    if (!node) continue;
    for (const imp of importsOf(node)) {
      facts.imports.push(imp);
      if (imp.level === 0 && imp.module === 'os') {
        if (imp.names.length === 0) osNames.add(importBinding(node, 'os') ?? 'os');
        for (const [name, local] of fromImportBindings(node)) {
          if (name === 'environ') environNames.add(local);
          if (name === 'getenv') getenvNames.add(local);
        }
      }
      // python-dotenv: `load_dotenv()` (or `dotenv_values`) may bring variables from a .env file.
      if (imp.level === 0 && imp.module.split('.')[0] === 'dotenv') facts.loadsDotenv = true;
      if (readsEnvironmentByName(imp)) facts.readsWholeEnv = true;
    }
  }
  // os.environ, os.getenv (`env = os.environ` adds an alias for the pass below).
  if (osNames.size > 0) {
    for (const node of root.descendantsOfType('attribute')) {
      const object = node?.childForFieldName('object');
      if (!node || object?.type !== 'identifier' || !osNames.has(object.text)) continue;
      const attribute = node.childForFieldName('attribute')?.text;
      if (attribute === 'environ') envUse(node);
      else if (attribute === 'getenv') getenvUse(node);
    }
  }
  // environ / getenv imported from os, and aliases.
  if (environNames.size > 0 || getenvNames.size > 0) {
    for (const node of root.descendantsOfType('identifier')) {
      if (!node) continue;
      if (environNames.has(node.text) && !isBindingSite(node)) envUse(node);
      else if (getenvNames.has(node.text) && !isBindingSite(node)) getenvUse(node);
    }
  }

  /** One use of an expression that is `os.environ`. */
  function envUse(envNode: Node): void {
    const parent = envNode.parent;
    if (!parent) return;
    // os.environ["X"] (read, write or del)
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === envNode.id) {
      const key = parent.childForFieldName('subscript');
      const name = key ? stringValue(key) : undefined;
      if (name === undefined) {
        facts.readsWholeEnv = true;
        return;
      }
      const write = isAssignmentTarget(parent) || parent.parent?.type === 'delete_statement';
      addRead({ name, loc: locOf(parent), hasFallback: write || isGuardedByTruthiness(parent), ...(write ? { write: true } : {}) }, parent);
      return;
    }
    // os.environ.get("X"[, default]), os.environ.setdefault("X", v), os.environ.pop("X", None)
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === envNode.id) {
      const method = parent.childForFieldName('attribute')?.text;
      const call = parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id ? parent.parent : undefined;
      if (call && (method === 'get' || method === 'setdefault' || method === 'pop')) {
        const args = argumentsOf(call);
        const name = args[0] ? stringValue(args[0]) : undefined;
        if (name === undefined) {
          facts.readsWholeEnv = true;
          return;
        }
        const write = method !== 'get';
        addRead({ name, loc: locOf(call), hasFallback: write || args.length > 1 || isGuardedByTruthiness(call), ...(write ? { write: true } : {}) }, call);
        return;
      }
      // os.environ.copy(), .items(), .keys(), update(...): any variable may be read or written.
      facts.readsWholeEnv = true;
      return;
    }
    // "X" in os.environ: the code checks before it reads.
    if (parent.type === 'comparison_operator') {
      const left = parent.namedChildren[0];
      const name = left && left.id !== envNode.id ? stringValue(left) : undefined;
      if (name !== undefined) {
        addRead({ name, loc: locOf(parent), hasFallback: true }, parent);
        return;
      }
    }
    // env = os.environ: its uses are uses of os.environ (module or function level alike).
    if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === envNode.id) {
      const left = parent.childForFieldName('left');
      if (left?.type === 'identifier') {
        environNames.add(left.text);
        return;
      }
    }
    // {**os.environ}, dict(os.environ), a parameter default, a call argument: any variable may be read.
    facts.readsWholeEnv = true;
  }

  /** `os.getenv` (or an alias of it): a call reads one variable. */
  function getenvUse(calleeNode: Node): void {
    const call = calleeNode.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== calleeNode.id) {
      facts.readsWholeEnv = true;
      return;
    }
    const args = argumentsOf(call);
    const name = args[0] ? stringValue(args[0]) : undefined;
    if (name === undefined) {
      facts.readsWholeEnv = true;
      return;
    }
    addRead({ name, loc: locOf(call), hasFallback: args.length > 1 || isGuardedByTruthiness(call) }, call);
  }

  facts.definitions = [...definitions.values()];
  facts.exportNames = [...new Set(facts.definitions.map((d) => d.name).concat(facts.exportNames))].sort();
  facts.packageImports = facts.imports
    .filter((imp) => imp.level === 0 && imp.module !== '' && imp.module !== '__future__')
    .map((imp) => ({ name: imp.module.split('.')[0], source: imp.module, loc: imp.loc, typeOnly: imp.guarded }));
  const { writes, writeNodes, testsKeys } = pythonServiceWrites(root, importBindings(root));
  if (writes.length > 0) facts.serviceWrites = writes;
  if (testsKeys) facts.testsKeys = true;
  facts.analysed = true;
  return { facts, readNodes, writeNodes };
}

/**
 * Settings libraries that read variables named after fields or arguments (`class Settings(BaseSettings):
 * table_name: str` reads TABLE_NAME): the names read cannot be listed.
 */
const SETTINGS_LIBRARIES = new Set(['pydantic_settings', 'environs', 'decouple', 'dynaconf', 'envparse', 'environ', 'starlette.config']);

function readsEnvironmentByName(imp: PythonImport): boolean {
  if (imp.level > 0) return false;
  if (SETTINGS_LIBRARIES.has(imp.module) || SETTINGS_LIBRARIES.has(imp.module.split('.')[0])) return true;
  // pydantic v1 kept BaseSettings in pydantic itself.
  return imp.module === 'pydantic' && imp.names.includes('BaseSettings');
}

/** Module-level bindings (see `moduleStatements`) with what each name is bound to. */
function collectDefinitions(root: Node, define: (definition: PythonDefinition) => void, facts: PythonFacts): void {
  for (const { node, names } of moduleStatements(root)) {
    const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    for (const name of names) {
      if (name === '*') facts.exportNames.push('*');
      else if (definition?.type === 'function_definition') {
        define({
          name,
          kind: isAsync(definition) ? 'async def' : 'def',
          loc: locOf(node.type === 'decorated_definition' ? definition : node),
          positional: positionalParameters(definition),
          ...(node.type === 'decorated_definition' ? { decorated: true } : {}),
        });
        // A module `__getattr__` makes any attribute name resolvable.
        if (name === '__getattr__') facts.exportNames.push('*');
      } else if (definition?.type === 'class_definition') define({ name, kind: 'class', loc: locOf(node) });
      else if (node.type === 'import_statement' || node.type === 'import_from_statement') define({ name, kind: 'import', loc: locOf(node) });
      else define({ name, kind: 'assignment', loc: locOf(node) });
    }
  }
}

export function isAsync(definition: Node): boolean {
  return definition.children.some((c) => c?.type === 'async');
}

/** Positional parameters of a `def`: how many it takes (Infinity with `*args`) and how many have no default. */
export function positionalParameters(definition: Node): { max: number; required: number } {
  const parameters = definition.childForFieldName('parameters');
  let max = 0;
  let required = 0;
  for (const parameter of parameters?.namedChildren ?? []) {
    if (!parameter) continue;
    switch (parameter.type) {
      case 'identifier':
      case 'typed_parameter':
        max++;
        required++;
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        max++;
        break;
      case 'list_splat_pattern':
        // `*args` takes any number of positional arguments; a `typed_parameter` holding `*args: Any` too.
        return { max: Infinity, required };
      case 'keyword_separator':
      case 'dictionary_splat_pattern':
        return { max, required };
      default:
        break;
    }
    if (parameter.type === 'typed_parameter' && parameter.namedChildren[0]?.type === 'list_splat_pattern') return { max: Infinity, required: required - 1 };
    if (parameter.type === 'typed_parameter' && parameter.namedChildren[0]?.type === 'dictionary_splat_pattern') return { max: max - 1, required: required - 1 };
  }
  return { max, required };
}

/** The import statements of one node (a `future_import_statement` is stdlib). */
function importsOf(node: Node): PythonImport[] {
  // At column 0 a statement is at module level, in no block: no need to look up (`parent` is not cheap in tree-sitter).
  const nested = node.startPosition.column > 0;
  const guarded = nested && isGuardedImport(node);
  const inFunction = nested && hasAncestor(node, FUNCTION_TYPES);
  const loc = locOf(node);
  if (node.type === 'future_import_statement') return [{ module: '__future__', level: 0, names: [], loc, guarded, inFunction }];
  if (node.type === 'import_statement') {
    return node.childrenForFieldName('name').flatMap((name) => {
      const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
      return dotted ? [{ module: dotted.text.replace(/\s+/g, ''), level: 0, names: [], loc, guarded, inFunction }] : [];
    });
  }
  const moduleNode = node.childForFieldName('module_name');
  let level = 0;
  let module = '';
  if (moduleNode?.type === 'relative_import') {
    level = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix')?.text.length ?? 1;
    module = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name')?.text.replace(/\s+/g, '') ?? '';
  } else if (moduleNode) module = moduleNode.text.replace(/\s+/g, '');
  const names = [...fromImportBindings(node)].map(([name]) => name);
  return [{ module, level, names, loc, guarded, inFunction }];
}

/** `from m import a as b, c` -> [['a','b'], ['c','c']]; a wildcard -> [['*','*']]. */
function fromImportBindings(node: Node): Array<[string, string]> {
  if (node.type !== 'import_from_statement') return [];
  const result: Array<[string, string]> = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'wildcard_import') result.push(['*', '*']);
  }
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const original = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (original && alias) result.push([original, alias]);
    } else result.push([name.text, name.text]);
  }
  return result;
}

/** The local name `import os as o` binds for `module` (undefined when it is not imported by that statement). */
function importBinding(node: Node, module: string): string | undefined {
  for (const name of node.childrenForFieldName('name')) {
    if (name?.type === 'aliased_import' && name.childForFieldName('name')?.text === module) return name.childForFieldName('alias')?.text;
    if (name?.type === 'dotted_name' && name.text.split('.')[0] === module) return module;
  }
  return undefined;
}

/** Inside `try:` with an `except` that catches ImportError (or broader), or under `if TYPE_CHECKING:`. */
function isGuardedImport(node: Node): boolean {
  for (let current = node.parent, child: Node = node; current; child = current, current = current.parent) {
    if (current.type === 'try_statement' && child.type === 'block' && current.childForFieldName('body')?.id === child.id) {
      const catchesImport = current.namedChildren.some((clause) => {
        if (clause?.type !== 'except_clause') return false;
        const caught = clause.namedChildren.filter((c) => c && c.type !== 'block').map((c) => c!.text).join(' ');
        return caught === '' || /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/.test(caught);
      });
      if (catchesImport) return true;
    }
    if (current.type === 'if_statement' && /\bTYPE_CHECKING\b/.test(current.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

function hasAncestor(node: Node, types: Set<string>): boolean {
  for (let current = node.parent; current; current = current.parent) if (types.has(current.type)) return true;
  return false;
}

/** The value of a plain string literal (no interpolation, no concatenation), else undefined. */
export function stringValue(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content') value += child.text;
    else if (child.type === 'escape_sequence') return undefined;
  }
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
  if (/[fFbB]/.test(start)) return undefined;
  return value;
}

function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return (list?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
}

function isAssignmentTarget(node: Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.childForFieldName('left')?.id === node.id;
}

/** `os.environ.get("X") or "default"`: the code copes with the variable missing. */
function isGuardedByTruthiness(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'boolean_operator' && parent.childForFieldName('left')?.id === node.id && parent.children.some((c) => c?.type === 'or');
}

/** An identifier that is being bound (an import alias, a parameter, an assignment target), not used. */
function isBindingSite(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'aliased_import' || parent.type === 'dotted_name') return true;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return true;
  if (parent.type === 'parameters' || parent.type === 'default_parameter' || parent.type === 'typed_parameter') return true;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return true;
  return isAssignmentTarget(node);
}
