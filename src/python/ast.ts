import type { Node } from 'web-tree-sitter';

/**
 * Helpers over tree-sitter Python syntax trees shared by the Python checks: import bindings,
 * qualified call names, scopes, try/except coverage and the values of string literals.
 */

/** Stands for an interpolated (unknown) part of a string pattern; never appears in AWS names. */
export const DYNAMIC = '\u0000';

/** Named children without comments (comments can sit between any two nodes). */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** Depth-first walk; `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (visit(current) === false) continue;
    const children = current.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && child.type !== 'comment') stack.push(child);
    }
  }
}

const descendantCache = new WeakMap<Node, Map<string, Node[]>>();

/**
 * Nodes of the given types under `root`, in source order. Found by tree-sitter itself (in
 * WebAssembly), much faster than a walk in JavaScript; cached per root object, so the checks of
 * one file share each search.
 */
export function descendants(root: Node, types: readonly string[]): Node[] {
  let byTypes = descendantCache.get(root);
  if (!byTypes) {
    byTypes = new Map();
    descendantCache.set(root, byTypes);
  }
  const key = types.join(',');
  let nodes = byTypes.get(key);
  if (!nodes) {
    nodes = root.descendantsOfType([...types]).filter((n): n is Node => n !== null);
    byTypes.set(key, nodes);
  }
  return nodes;
}

export function line(node: Node): number {
  return node.startPosition.row + 1;
}

// ---------------------------------------------------------------------------
// Imports

/** What a local name is bound to by an import: `boto3.client` for `from boto3 import client`. */
export interface ImportBinding {
  /** Fully qualified name: `boto3` for `import boto3 as b`, `boto3.session.Session` for `from boto3.session import Session`. */
  qualified: string;
  /** Top-level package: `boto3`. */
  package: string;
  node: Node;
  /** The import statement is at module scope (runs at init). */
  atModuleScope: boolean;
}

/**
 * Local names bound by the file's imports, wherever they are (a function-local `import boto3`
 * binds for that function; names rarely collide, so one map serves the file). Names from relative
 * imports (`from .util import wrap`) get the package '.'.
 */
export function importBindings(root: Node): Map<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  for (const node of descendants(root, ['import_statement', 'import_from_statement'])) {
    if (node.type === 'import_statement') {
      const atModuleScope = isModuleScope(node);
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const dotted = name.childForFieldName('name')?.text;
          const alias = name.childForFieldName('alias')?.text;
          if (dotted && alias) bindings.set(alias, { qualified: dotted, package: dotted.split('.')[0], node, atModuleScope });
        } else {
          // `import os.path` binds `os`.
          const first = name.text.split('.')[0];
          bindings.set(first, { qualified: first, package: first, node, atModuleScope });
        }
      }
      continue;
    }
    {
      const module = node.childForFieldName('module_name');
      if (!module) continue;
      const atModuleScope = isModuleScope(node);
      // `from .util import wrap`: a local module; `package` '.' keeps it apart from installed packages.
      const relative = module.type === 'relative_import';
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        const imported = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
        if (imported && local) {
          const qualified = relative && module.text.endsWith('.') ? `${module.text}${imported}` : `${module.text}.${imported}`;
          bindings.set(local, { qualified, package: relative ? '.' : module.text.split('.')[0], node, atModuleScope });
        }
      }
    }
  }
  return bindings;
}

/** `a.b.c` for an identifier/attribute chain; undefined for anything else (calls, subscripts). */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute')?.text;
    return object !== undefined && attribute !== undefined ? `${object}.${attribute}` : undefined;
  }
  return undefined;
}

/** The dotted name with its root resolved through imports: `b.client` -> `boto3.client` after `import boto3 as b`. */
export function qualifiedName(node: Node | null | undefined, bindings: Map<string, ImportBinding>): string | undefined {
  const name = dottedName(node);
  if (name === undefined) return undefined;
  const [root, ...rest] = name.split('.');
  const binding = bindings.get(root);
  if (!binding) return undefined;
  return [binding.qualified, ...rest].join('.');
}

export function callee(call: Node): Node | null {
  return call.childForFieldName('function');
}

/** Positional arguments of a call (no keywords, no splats). */
export function positionalArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  return namedChildren(list).filter((a) => !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(a.type));
}

export function keywordArguments(call: Node): Array<{ name: string; value: Node; node: Node }> {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  const result: Array<{ name: string; value: Node; node: Node }> = [];
  for (const argument of namedChildren(list)) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (name && value) result.push({ name, value, node: argument });
  }
  return result;
}

export function keywordArgument(call: Node, name: string): Node | undefined {
  return keywordArguments(call).find((k) => k.name === name)?.value;
}

// ---------------------------------------------------------------------------
// Scopes

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

export function isFunction(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** The innermost `def` or `lambda` around `node` (not `node` itself). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** Not inside any function or class body: runs once, when the module is imported. */
export function isModuleScope(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === 'class_definition') return false;
  }
  return true;
}

/** `function_definition` of a def, unwrapping `decorated_definition`. */
export function functionDefinition(node: Node): Node | undefined {
  if (node.type === 'function_definition') return node;
  if (node.type === 'decorated_definition') {
    const definition = node.childForFieldName('definition');
    return definition?.type === 'function_definition' ? definition : undefined;
  }
  return undefined;
}

/** Decorator expressions of a def (`app.route('/x')`, `logger.inject_lambda_context`). */
export function decoratorsOf(fn: Node): Node[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildren(parent)
    .filter((child) => child.type === 'decorator')
    .flatMap((decorator) => namedChildren(decorator).slice(0, 1));
}

/** Module-level functions by name (decorated ones too); later definitions win, as in Python. */
export function moduleFunctions(root: Node): Map<string, Node> {
  const functions = new Map<string, Node>();
  const visit = (statements: Node[]): void => {
    for (const statement of statements) {
      const fn = functionDefinition(statement);
      const name = fn?.childForFieldName('name')?.text;
      if (fn && name) functions.set(name, fn);
      // `if TYPE_CHECKING:` / `try:` blocks at module scope still define module functions.
      if (['if_statement', 'try_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(statement.type)) {
        visit(namedChildren(statement));
      }
    }
  };
  visit(namedChildren(root));
  return functions;
}

/** Parameter names of a def, in order (`self` included). */
export function parameterNames(fn: Node): string[] {
  const parameters = fn.childForFieldName('parameters');
  if (!parameters) return [];
  const names: string[] = [];
  for (const parameter of namedChildren(parameters)) {
    if (parameter.type === 'identifier') names.push(parameter.text);
    else if (['default_parameter', 'typed_parameter', 'typed_default_parameter'].includes(parameter.type)) {
      const name = parameter.childForFieldName('name') ?? namedChildren(parameter).find((c) => c.type === 'identifier');
      if (name?.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

/** The body block of a def. */
export function functionBody(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

/** Names declared `global` in a function body (not in nested defs). */
export function globalNames(fn: Node): Set<string> {
  const names = new Set<string>();
  const body = functionBody(fn);
  if (!body) return names;
  walk(body, (node) => {
    if (isFunction(node) || node.type === 'class_definition') return false;
    if (node.type === 'global_statement') for (const name of namedChildren(node)) names.add(name.text);
    return undefined;
  });
  return names;
}

/** Calls `name(...)` of module functions made by `fn` (its own body, not nested defs or lambdas). */
export function calledModuleFunctions(fn: Node, functions: Map<string, Node>): Node[] {
  const called: Node[] = [];
  const body = functionBody(fn);
  if (!body) return called;
  walk(body, (node) => {
    if (node.type === 'function_definition' || node.type === 'class_definition') return false;
    if (node.type === 'call') {
      const target = callee(node);
      const callee_ = target?.type === 'identifier' ? functions.get(target.text) : undefined;
      if (callee_ && callee_.id !== fn.id) called.push(callee_);
    }
    // A function passed by name (`map(process, records)`, `executor.submit(process, r)`) runs too.
    if (node.type === 'argument_list') {
      for (const argument of namedChildren(node)) {
        const passed = argument.type === 'identifier' ? functions.get(argument.text) : undefined;
        if (passed && passed.id !== fn.id) called.push(passed);
      }
    }
    return undefined;
  });
  return called;
}

/** Module functions that `roots` run, directly or through each other (the roots included), by node id. */
export function reachableFunctions(roots: Node[], functions: Map<string, Node>): Map<number, Node> {
  const reached = new Map<number, Node>(roots.map((fn) => [fn.id, fn]));
  const queue = [...roots];
  while (queue.length > 0) {
    const fn = queue.shift()!;
    for (const called of calledModuleFunctions(fn, functions)) {
      if (reached.has(called.id)) continue;
      reached.set(called.id, called);
      queue.push(called);
    }
  }
  return reached;
}

/**
 * The value of the one assignment `name = value` that binds the name `use` reads: in the function
 * around it, else at module level. Undefined when there are several, or when the function binds the
 * name otherwise (a parameter, a loop target): then the value is not known.
 */
export function singleAssignment(use: Node, root: Node): Node | undefined {
  const fn = enclosingFunction(use);
  if (fn && parameterNames(fn).includes(use.text)) return undefined;
  for (const scope of fn ? [functionBody(fn), root] : [root]) {
    if (!scope) continue;
    const values: Node[] = [];
    let otherBinding = false;
    walk(scope, (node) => {
      if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') return false;
      if (node.type === 'assignment' && node.childForFieldName('left')?.type === 'identifier' && node.childForFieldName('left')?.text === use.text) {
        const right = node.childForFieldName('right');
        if (right) values.push(right);
      }
      if (node.type === 'for_statement' && node.childForFieldName('left')?.text === use.text) otherBinding = true;
      return undefined;
    });
    if (otherBinding || values.length > 1) return undefined;
    if (values.length === 1) return values[0];
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// try/except

/** Exception class names an except clause catches (`Exception`, `json.JSONDecodeError`); `*` for a bare `except:`. */
export function caughtExceptions(clause: Node): string[] {
  const children = namedChildren(clause).filter((c) => c.type !== 'block');
  const value = clause.childForFieldName('value') ?? children[0];
  if (!value) return ['*'];
  const target = value.type === 'as_pattern' ? namedChildren(value)[0] : value;
  if (!target) return ['*'];
  const types = target.type === 'tuple' || target.type === 'parenthesized_expression' ? namedChildren(target) : [target];
  return types.map((t) => dottedName(t) ?? '?');
}

const BROAD_EXCEPTIONS = new Set(['*', 'Exception', 'BaseException', 'builtins.Exception']);

export function catchesEverything(clause: Node): boolean {
  return caughtExceptions(clause).some((name) => BROAD_EXCEPTIONS.has(name));
}

/** The except clauses of a try statement (`except*` groups too). */
export function exceptClauses(tryStatement: Node): Node[] {
  return namedChildren(tryStatement).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
}

/**
 * Whether `node` runs inside the body of a try statement, between it and `boundary`, with an except
 * clause that catches any of `names` (or everything). `names` undefined: any except clause counts.
 */
export function isCaught(node: Node, boundary: Node, names?: ReadonlySet<string>): boolean {
  let child: Node = node;
  for (let current = node.parent; current && !current.equals(boundary); child = current, current = current.parent) {
    if (current.type !== 'try_statement') continue;
    const body = current.childForFieldName('body');
    if (!body || !body.equals(child)) continue;
    for (const clause of exceptClauses(current)) {
      if (names === undefined || catchesEverything(clause)) return true;
      if (caughtExceptions(clause).some((name) => names.has(name) || names.has(name.split('.').pop() ?? name))) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Strings

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/gs, (whole, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return SIMPLE_ESCAPES[escape] ?? whole;
  });
}

/**
 * A string literal as a pattern: its text, with `DYNAMIC` for each f-string interpolation
 * (`resolve` may supply a known value for one). Concatenated literals (`'a' 'b'`) are joined.
 */
export function stringPattern(node: Node, resolve?: (expression: Node) => string | undefined): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = namedChildren(node).map((part) => stringPattern(part, resolve));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  const start = namedChildren(node).find((c) => c.type === 'string_start')?.text ?? '';
  const raw = /r/i.test(start.replace(/["']/g, ''));
  let value = '';
  for (const child of namedChildren(node)) {
    if (child.type === 'string_content') value += raw ? child.text : decodeEscapes(child.text);
    else if (child.type === 'interpolation') {
      const expression = child.childForFieldName('expression');
      value += (expression && resolve?.(expression)) ?? DYNAMIC;
    } else if (child.type === 'escape_sequence') value += decodeEscapes(child.text);
  }
  return value;
}

/** The value of a string literal without interpolations; undefined otherwise. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const pattern = stringPattern(node);
  return pattern === undefined || pattern.includes(DYNAMIC) ? undefined : pattern;
}

/** A docstring: a string that is a whole statement (module, class or function documentation). */
export function isDocstring(node: Node): boolean {
  return node.parent?.type === 'expression_statement' && namedChildren(node.parent).length === 1;
}

/** The value under parentheses and the left side of `or` / `and` fallbacks: `(os.environ.get("X") or "")`. */
export function unwrapFallbacks(node: Node): Node | undefined {
  let value = node;
  while (value.type === 'parenthesized_expression' || value.type === 'boolean_operator') {
    const inner = value.type === 'boolean_operator' ? value.childForFieldName('left') : namedChildren(value)[0];
    if (!inner) return undefined;
    value = inner;
  }
  return value;
}

/** The variable name of an env read (`isEnvRead`): `os.environ["X"]` or `os.getenv("X")` give `X`. */
export function envReadName(read: Node): string | undefined {
  return read.type === 'subscript' ? stringValue(read.childForFieldName('subscript')) : stringValue(positionalArguments(read)[0]);
}

/** `os.environ.get("X", ...)`, `os.getenv("X", ...)`, `os.environ["X"]`, `environ.get(...)`. */
export function isEnvRead(node: Node, bindings: Map<string, ImportBinding>): boolean {
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    return isEnviron(value, bindings);
  }
  if (node.type !== 'call') return false;
  const target = callee(node);
  const name = qualifiedName(target, bindings);
  if (name === 'os.getenv' || name === 'os.environ.get') return true;
  return target?.type === 'attribute' && target.childForFieldName('attribute')?.text === 'get' && isEnviron(target.childForFieldName('object'), bindings);
}

function isEnviron(node: Node | null | undefined, bindings: Map<string, ImportBinding>): boolean {
  return qualifiedName(node, bindings) === 'os.environ';
}

// ---------------------------------------------------------------------------
// Dictionaries and responses

/** `{"statusCode": 200, ...}` entries with literal string keys. */
export function dictEntries(node: Node): Array<{ key: string; value: Node; pair: Node }> {
  if (node.type !== 'dictionary') return [];
  const entries: Array<{ key: string; value: Node; pair: Node }> = [];
  for (const pair of namedChildren(node)) {
    if (pair.type !== 'pair') continue;
    const key = stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) entries.push({ key, value, pair });
  }
  return entries;
}

/** The literal `statusCode` of a response dictionary (`{"statusCode": 200}` or `dict(statusCode=200)`). */
export function responseStatus(node: Node): { status: number; node: Node } | undefined {
  for (const entry of dictEntries(node)) {
    if (entry.key === 'statusCode' && entry.value.type === 'integer') return { status: Number(entry.value.text), node: entry.pair };
  }
  if (node.type === 'call' && callee(node)?.text === 'dict') {
    const status = keywordArguments(node).find((k) => k.name === 'statusCode');
    if (status?.value.type === 'integer') return { status: Number(status.value.text), node: status.node };
  }
  return undefined;
}
