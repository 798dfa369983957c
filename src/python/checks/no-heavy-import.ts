import { basename } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { pythonHeavyPackage } from '../../knowledge/python-heavy-packages.js';
import { descendants, isModuleScope, namedChildren, stringValue, walk } from '../ast.js';
import { isPythonTestFile } from './literals.js';
import type { PythonCheck } from './types.js';

interface Options {
  allow?: string[];
  packages?: Array<{ name: string; reason?: string }>;
}

interface HeavyImport {
  statement: Node;
  /** Top-level package imported. */
  name: string;
  /** Local names the statement binds. */
  bound: string[];
  reason: string;
}

/**
 * A module-scope import of a heavy package that the module never uses: its whole import cost is paid
 * on every cold start for nothing. (A heavy package the code uses is a design choice this rule
 * cannot judge from one file.)
 */
export const noHeavyImport: PythonCheck = {
  run(context) {
    // `__init__.py` imports are usually re-exports for other modules.
    if (isPythonTestFile(context.file) || basename(context.file) === '__init__.py') return;
    const options = (context.options[0] ?? {}) as Options;
    const allow = options.allow ?? [];
    const userPackages = new Map((options.packages ?? []).map((p) => [p.name, p] as const));
    const heavyOf = (name: string): string | undefined => {
      if (allow.some((entry) => entry === name)) return undefined;
      const user = userPackages.get(name);
      if (user) return user.reason ?? 'listed as heavy in the rule options';
      return pythonHeavyPackage(name)?.reason;
    };

    const imports: HeavyImport[] = [];
    for (const node of descendants(context.root, ['import_statement', 'import_from_statement'])) {
      if (!isModuleScope(node) || underTypeChecking(node)) continue;
      const found = heavyImport(node, heavyOf);
      if (found) imports.push(found);
    }
    if (imports.length === 0) return;

    const used = usedNames(context.root);
    for (const heavy of imports) {
      if (heavy.bound.some((name) => used.has(name))) continue;
      context.report({ messageId: 'unusedHeavyImport', node: heavy.statement, data: { name: heavy.name, reason: heavy.reason } });
    }
  },
};

function heavyImport(statement: Node, heavyOf: (name: string) => string | undefined): HeavyImport | undefined {
  if (statement.type === 'import_from_statement') {
    const module = statement.childForFieldName('module_name');
    if (!module || module.type === 'relative_import') return undefined;
    const name = module.text.split('.')[0];
    const reason = heavyOf(name);
    if (reason === undefined) return undefined;
    const bound = statement.childrenForFieldName('name').flatMap((n) => {
      if (!n) return [];
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      return local ? [local] : [];
    });
    // `from pandas import *`: names unknown, assume used.
    if (namedChildren(statement).some((c) => c.type === 'wildcard_import')) return undefined;
    return { statement, name, bound, reason };
  }
  // `import numpy as np, pandas`: one statement may import several packages; the first heavy unused one is reported.
  const bound: string[] = [];
  let name: string | undefined;
  let reason: string | undefined;
  for (const n of statement.childrenForFieldName('name')) {
    if (!n) continue;
    const dotted = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
    const top = dotted?.split('.')[0];
    if (!top) continue;
    const why = heavyOf(top);
    if (why === undefined) continue;
    name ??= top;
    reason ??= why;
    bound.push(n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? top) : top);
  }
  return name !== undefined && reason !== undefined ? { statement, name, bound, reason } : undefined;
}

/** Identifiers read anywhere outside import statements, and names listed in `__all__`. */
function usedNames(root: Node): Set<string> {
  const used = new Set<string>();
  for (const node of descendants(root, ['identifier'])) {
    const parent = node.parent;
    // `x.name` and `f(name=...)` do not read `name`; import statements bind, they do not read.
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) continue;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) continue;
    if (insideImport(node)) continue;
    used.add(node.text);
  }
  for (const node of descendants(root, ['assignment'])) {
    if (node.childForFieldName('left')?.text !== '__all__') continue;
    walk(node, (item) => {
      const value = stringValue(item);
      if (value !== undefined) used.add(value);
      return undefined;
    });
  }
  return used;
}

function insideImport(node: Node): boolean {
  for (let current = node.parent, depth = 0; current && depth < 4; current = current.parent, depth++) {
    if (current.type === 'import_statement' || current.type === 'import_from_statement') return true;
  }
  return false;
}

/** `if TYPE_CHECKING:` blocks never run. */
function underTypeChecking(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'if_statement' && /TYPE_CHECKING/.test(current.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}
