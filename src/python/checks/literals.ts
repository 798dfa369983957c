import type { Node } from 'web-tree-sitter';
import { callee, descendants, isEnvRead, namedChildren, positionalArguments, stringValue, type ImportBinding } from '../ast.js';

/** Python test files: `test_*.py`, `*_test.py`, `conftest.py`, or anything under a tests folder. */
export function isPythonTestFile(file: string): boolean {
  return /(^|[\\/])(tests?|__tests__|spec|e2e)[\\/]/.test(file) || /(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$/.test(file);
}

export interface LiteralSource {
  node: Node;
  value: string;
}

/**
 * The literal strings a bound value can be: `'x'`, `a or 'x'`, `'x' if c else 'y'`, and, unless
 * `skipEnvFallback`, the default of an environment read (`os.environ.get("X", "x")`, `os.getenv("X", "x")`).
 */
export function literalSources(node: Node, bindings: Map<string, ImportBinding>, skipEnvFallback: boolean, depth = 0): LiteralSource[] {
  if (depth > 4) return [];
  const value = stringValue(node);
  if (value !== undefined) return [{ node, value }];
  switch (node.type) {
    case 'parenthesized_expression':
      return namedChildren(node).flatMap((child) => literalSources(child, bindings, skipEnvFallback, depth + 1));
    case 'boolean_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (skipEnvFallback && left && isEnvRead(left, bindings)) return [];
      return [left, right].flatMap((side) => (side ? literalSources(side, bindings, skipEnvFallback, depth + 1) : []));
    }
    case 'conditional_expression': {
      const [consequent, , alternate] = namedChildren(node);
      return [consequent, alternate].flatMap((side) => (side ? literalSources(side, bindings, skipEnvFallback, depth + 1) : []));
    }
    case 'call': {
      if (skipEnvFallback || !isEnvRead(node, bindings)) return [];
      const fallback = positionalArguments(node)[1] ?? undefined;
      return fallback ? literalSources(fallback, bindings, skipEnvFallback, depth + 1) : [];
    }
    default:
      return [];
  }
}

/** `os.environ.get("X", "x")` / `os.getenv("X", "x")` / `os.environ.get("X") or "x"`: the literal is a fallback. */
export function isEnvFallback(literal: Node, bindings: Map<string, ImportBinding>): boolean {
  const parent = literal.parent;
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call') {
    const call = parent.parent;
    return isEnvRead(call, bindings) && positionalArguments(call)[1]?.id === literal.id;
  }
  if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.text === 'default') {
    const call = parent.parent?.parent;
    return call?.type === 'call' && isEnvRead(call, bindings);
  }
  if (parent?.type === 'boolean_operator' && parent.childForFieldName('right')?.id === literal.id) {
    const left = parent.childForFieldName('left');
    return left !== null && isEnvRead(left, bindings);
  }
  return false;
}

/** A name bound to a value: `X = v`, `self.x = v`, `x: str = v`, `f(x=v)`, `{"x": v}`, `def f(x=v)`. */
export function boundValues(root: Node, visit: (name: string, value: Node) => void): void {
  for (const node of descendants(root, ['assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter'])) {
    switch (node.type) {
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const name = left?.type === 'identifier' ? left.text : left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
        if (name !== undefined && right) visit(name, right);
        if (left?.type === 'subscript' && right) {
          const key = stringValue(left.childForFieldName('subscript'));
          if (key !== undefined) visit(key, right);
        }
        break;
      }
      case 'pair': {
        const key = stringValue(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        if (key !== undefined && value) visit(key, value);
        break;
      }
      default: {
        // keyword arguments and parameter defaults
        const name = node.childForFieldName('name')?.text;
        const value = node.childForFieldName('value');
        if (name !== undefined && value) visit(name, value);
      }
    }
  }
}

/** String literals as written: each `string` not part of a `concatenated_string`, and each `concatenated_string` (f-string interpolations' own literals included). */
export function stringLiterals(root: Node, visit: (node: Node) => void): void {
  for (const node of descendants(root, ['string', 'concatenated_string'])) {
    if (node.type === 'string' && node.parent?.type === 'concatenated_string') continue;
    visit(node);
  }
}

export function isCall(node: Node | null | undefined, name: RegExp): boolean {
  return node?.type === 'call' && name.test(callee(node)?.text ?? '');
}
