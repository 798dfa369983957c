import type { Node } from 'web-tree-sitter';
import type { EnvRead } from '../code/facts.js';

/** Blocks whose statements run at import time when they sit at module level. */
const MODULE_BLOCKS = new Set(['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'block', 'match_statement', 'case_clause']);

type ModuleStatement = { node: Node; names: string[] };
/** Per parse: the facts, the handler lookup and the read attribution all need the module's statements. */
const statementsByTree = new WeakMap<object, ModuleStatement[]>();

/** Module-level statements (through `if`/`try`/`with` blocks, not under `if __name__ == "__main__"`), with the names each binds. */
export function moduleStatements(root: Node): ModuleStatement[] {
  const cached = statementsByTree.get(root.tree);
  if (cached) return cached;
  const result: ModuleStatement[] = [];
  const visit = (parent: Node): void => {
    for (const child of parent.namedChildren) {
      if (!child) continue;
      if (child.type === 'if_statement' && /^__name__\s*==\s*['"]__main__['"]$/.test(child.childForFieldName('condition')?.text ?? '')) continue;
      if (MODULE_BLOCKS.has(child.type)) {
        visit(child);
        continue;
      }
      result.push({ node: child, names: boundBy(child) });
    }
  };
  visit(root);
  statementsByTree.set(root.tree, result);
  return result;
}

function boundBy(statement: Node): string[] {
  switch (statement.type) {
    case 'function_definition':
    case 'class_definition':
      return [statement.childForFieldName('name')?.text ?? ''].filter(Boolean);
    case 'decorated_definition':
      return [statement.childForFieldName('definition')?.childForFieldName('name')?.text ?? ''].filter(Boolean);
    case 'expression_statement': {
      const names: string[] = [];
      for (const expression of statement.namedChildren) {
        for (let a = expression; a?.type === 'assignment' || a?.type === 'augmented_assignment'; a = a.childForFieldName('right')) {
          names.push(...targetNames(a.childForFieldName('left')));
        }
      }
      return names;
    }
    case 'import_from_statement':
      if (statement.namedChildren.some((n) => n?.type === 'wildcard_import')) return ['*'];
      return statement.childrenForFieldName('name').flatMap((n) => (n ? [n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? '') : n.text] : []));
    case 'import_statement':
      return statement.childrenForFieldName('name').flatMap((n) => (n ? [n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? '') : n.text.split('.')[0]] : []));
    default:
      return [];
  }
}

function targetNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') return target.namedChildren.flatMap((c) => targetNames(c));
  return [];
}

/** The module-level statement that first binds `name`: its `def` (or decorated definition), class, `assignment` or import. */
export function moduleBinding(root: Node, name: string): Node | undefined {
  const statement = moduleStatements(root).find((s) => s.names.includes(name))?.node;
  // `handler = Mangum(app)`: the assignment itself, not the expression statement around it.
  return statement?.type === 'expression_statement' ? (statement.namedChildren.find((c) => c?.type === 'assignment') ?? statement) : statement;
}

/**
 * Marks each environment read (or service write) inside a function with the handlers of this module
 * that run it, as for JavaScript (`EnvRead.exports`): a handler runs what its code mentions, transitively
 * (`process()` called from `handler`, a dispatch table it indexes), and what is registered on
 * something it mentions (`@app.get` routes of the `app` that `handler = Mangum(app)` wraps).
 * Reads at module scope, and reads no handler reaches, concern every function (no `exports`).
 * Only a module with two or more handlers needs this.
 */
export function attributeReads(root: Node, reads: Array<Pick<EnvRead, 'exports'>>, readNodes: Node[], handlerNames: readonly string[]): void {
  if (new Set(handlerNames).size < 2 || !reads.some((_, i) => insideFunction(readNodes[i]))) return;
  const statements = moduleStatements(root);
  const names = new Set(statements.flatMap((s) => s.names));
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string): void => {
    if (from === to) return;
    const set = edges.get(from) ?? new Set<string>();
    set.add(to);
    edges.set(from, set);
  };
  for (const { node, names: bound } of statements) {
    const mentioned = node.descendantsOfType('identifier').flatMap((id) => (id && names.has(id.text) ? [id.text] : []));
    if (bound.length > 0) {
      for (const from of bound) for (const to of mentioned) edge(from, to);
      // `@app.get("/x")` on a def: `app` reaches the route.
      if (node.type === 'decorated_definition') {
        for (const decorator of node.namedChildren) {
          if (decorator?.type !== 'decorator') continue;
          for (const id of decorator.descendantsOfType('identifier')) if (id && names.has(id.text)) for (const to of bound) edge(id.text, to);
        }
      }
    } else {
      // `app.include_router(router)`, `app.add_route(...)`: everything mentioned reaches everything else.
      for (const from of mentioned) for (const to of mentioned) edge(from, to);
    }
  }
  const reach = new Map<string, Set<string>>();
  for (const handler of new Set(handlerNames)) {
    const seen = new Set([handler]);
    const queue = [handler];
    for (let head = 0; head < queue.length; head++) {
      for (const next of edges.get(queue[head]) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    reach.set(handler, seen);
  }
  const statementOf = (node: Node): string[] => {
    for (const s of statements) if (s.node.startIndex <= node.startIndex && node.endIndex <= s.node.endIndex) return s.names;
    return [];
  };
  for (let i = 0; i < reads.length; i++) {
    if (!insideFunction(readNodes[i])) continue;
    const owners = statementOf(readNodes[i]);
    const exports = [...reach].filter(([, reached]) => owners.some((o) => reached.has(o))).map(([h]) => h);
    if (exports.length > 0) reads[i].exports = exports.sort();
  }
}

function insideFunction(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition' || current.type === 'lambda') return true;
  return false;
}
