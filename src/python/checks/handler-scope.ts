import type { Node } from 'web-tree-sitter';
import { functionDefinition, moduleFunctions, reachableFunctions } from '../ast.js';
import type { PythonCheckContext, PythonHandler } from './types.js';

/** A handler that is a `def` (not `handler = Mangum(app)`), with its function definition. */
export interface HandlerFunction {
  handler: PythonHandler;
  fn: Node;
}

export function handlerFunctions(context: PythonCheckContext): HandlerFunction[] {
  return context.handlers.flatMap((handler) => {
    const fn = functionDefinition(handler.node);
    return fn ? [{ handler, fn }] : [];
  });
}

/** The module functions the handlers run (the handlers included), by node id, with the first handler that runs each. */
export type HandlerScope = Map<number, { fn: Node; owner: HandlerFunction }>;

export function handlerScope(context: PythonCheckContext, functions = moduleFunctions(context.root)): HandlerScope {
  const scope: HandlerScope = new Map();
  for (const owner of handlerFunctions(context)) {
    for (const [id, fn] of reachableFunctions([owner.fn], functions)) if (!scope.has(id)) scope.set(id, { fn, owner });
  }
  return scope;
}

/** The handler-run function around `node`: its innermost def, when the handlers run that def. */
export function ownerOf(node: Node, scope: HandlerScope): { fn: Node; owner: HandlerFunction } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return scope.get(current.id);
    if (current.type === 'lambda' || current.type === 'class_definition') return undefined;
  }
  return undefined;
}
