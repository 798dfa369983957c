import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionExpression
  | TSESTree.FunctionDeclaration;

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** `null`, `undefined` or `void x`: an argument that passes no value (`callback(null)`, `callback(void 0)`). */
export function isNullishValue(node: TSESTree.Node): boolean {
  const value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.Literal && value.value === null) return true;
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return true;
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/** Parameters as JavaScript sees them: a TypeScript `this` parameter (`function (this: void, event)`) is erased. */
export function runtimeParams(fn: FunctionNode): TSESTree.Parameter[] {
  const first = fn.params[0];
  return first?.type === AST_NODE_TYPES.Identifier && first.name === 'this' ? fn.params.slice(1) : fn.params;
}

/** Strips TS-only wrappers (`x as T`, `x!`, `x satisfies T`) and parentheses-free chains. */
export function unwrapTs(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** The outermost of `x?.y`, `x as T`, `x!` around a node: what its parent really receives. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.ChainExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** `a.b.c` for identifiers and non-computed members; undefined for anything else. */
export function dottedName(node: TSESTree.Node): string | undefined {
  const n = unwrapTs(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const object = dottedName(n.object);
    const property = propertyName(n);
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** Static property name of a member expression (`a.b`, `a['b']`). */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  if (
    node.property.type === AST_NODE_TYPES.TemplateLiteral &&
    node.property.expressions.length === 0 &&
    node.property.quasis.length === 1
  ) {
    return node.property.quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

/** Name of a property key (`{ a: 1 }`, `{ 'a': 1 }`); undefined when computed from an expression. */
export function keyName(property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/** Name of the called function: `foo()` -> foo, `a.b.foo()` -> foo. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapTs(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/** Type name of a type reference annotation (`SQSHandler`, `lambda.SQSHandler`). */
export function typeReferenceName(node: TSESTree.TypeNode | undefined): string | undefined {
  if (!node || node.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = node.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}

/** The string value of a literal or a template literal without expressions. */
export function staticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Visits every descendant node; `enter` returning false skips the node's children. */
export function walk(node: TSESTree.Node, enter: (node: TSESTree.Node, parent: TSESTree.Node | undefined) => boolean | void): void {
  const stack: Array<[TSESTree.Node, TSESTree.Node | undefined]> = [[node, undefined]];
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!;
    if (enter(current, parent) === false) continue;
    const children: TSESTree.Node[] = [];
    for (const key of Object.keys(current)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
      const value = (current as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], current]);
  }
}

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Direct child nodes of a node, skipping type annotations (they never run). */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation' || key === 'returnType') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

/** True for files that are tests or test helpers, where hardcoded values are expected. */
export function isTestFile(filename: string): boolean {
  return /(^|[\\/])(__tests__|__mocks__|tests?|spec|e2e)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/.test(filename);
}

/**
 * The variable a name refers to, from the scope ESLint gives the identifier up through the
 * enclosing scopes; null for an undeclared (global) name. `ASTUtils.findVariable` given a node
 * first searches the scope's child scopes for a smaller one around it, one by one: that is the
 * identifier's own scope already, and with thousands of callbacks in one function it made every
 * lookup linear and a rule quadratic (issue 14).
 */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}
