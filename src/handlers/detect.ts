import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import type { TriggerKind } from '../model/trigger.js';
import { dottedName, calleeName, isFunctionNode, keyName, runtimeParams, typeReferenceName, unwrapTs, type FunctionNode } from './ast-utils.js';
import { triggerOfHandlerType } from './aws-lambda-types.js';
import { moduleBindings, bindingSource, type Binding } from './bindings.js';
import { readSettings, type HandlerSetting, type LambdalintSettings } from './settings.js';
import { inferTriggers } from './trigger-inference.js';

/** A wrapper the handler function is passed through: `middy(fn)`, `wrap(fn)`. */
export interface WrapperInfo {
  kind: 'middy' | 'call';
  call: TSESTree.CallExpression;
  /** Callee name: `middy`, `handler`, `withSentry`. */
  name: string | undefined;
  /** Local definition of the wrapper function when it is in this file. */
  definition?: FunctionNode;
  /** Module the wrapper is imported from (`./libs/handler-lib`), to follow it. */
  importSource?: string;
  importedName?: string;
}

export interface HandlerInfo {
  exportName: string;
  /** The function that implements the handler. */
  fn: FunctionNode;
  /** The node that exports it, for reports that concern the export. */
  exportNode: TSESTree.Node;
  /** Wrappers, outermost first. */
  wrappers: WrapperInfo[];
  /** Names of middy middlewares attached with `.use()` (`httpErrorHandler`, ...) and `.onError` handlers as 'onError'. */
  middlewares: string[];
  /** Known or inferred triggers; empty when unknown. */
  triggers: TriggerKind[];
  /** Where `triggers` came from. */
  triggerSource: 'settings' | 'types' | 'code' | 'unknown';
  runtime?: string;
  /** Deploy-config functions using this export (from settings). */
  functions?: string[];
  /** The largest batch size of its event source mappings, when the config sets every one (from settings). */
  maxBatchSize?: number;
  eventParam?: string;
  callbackParam?: string;
}

export interface FileHandlers {
  handlers: HandlerInfo[];
  bindings: Map<string, Binding>;
  settings: LambdalintSettings;
  /** Handler functions plus the module functions they call, transitively. */
  handlerScope: Map<FunctionNode, HandlerInfo>;
}

const MIDDY_SOURCES = new Set(['@middy/core', 'middy']);
const MIDDY_CHAIN_METHODS = new Set(['use', 'before', 'after', 'onError', 'handler', 'applyMiddleware']);

const cache = new WeakMap<TSESTree.Program, FileHandlers>();

/** Handlers of the file being linted; computed once per file and shared by all rules. */
export function getFileHandlers(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileHandlers {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  const result = detectHandlers(program, readSettings(context.settings));
  cache.set(program, result);
  return result;
}

export function detectHandlers(program: TSESTree.Program, settings: LambdalintSettings): FileHandlers {
  const bindings = moduleBindings(program);
  const exports = collectExports(program);
  const handlers: HandlerInfo[] = [];
  const seen = new Set<FunctionNode>();

  const wanted: HandlerSetting[] = settings.handlers ?? settings.handlerNames.map((name) => ({ export: name }));
  for (const want of wanted) {
    const exported = exports.get(want.export);
    if (!exported) continue;
    const resolved = resolveHandlerFunction(exported.value, bindings, 0);
    if (!resolved || seen.has(resolved.fn)) continue;
    seen.add(resolved.fn);
    handlers.push(buildInfo(want, exported.node, resolved, settings));
  }

  // Functions typed with an aws-lambda handler type are handlers whatever their name.
  if (!settings.handlers) {
    for (const [name, binding] of bindings) {
      if (binding.kind !== 'variable' || !binding.node.init) continue;
      const typeName = declaredTypeName(binding.node);
      if (!typeName || !triggerOfHandlerType(typeName)) continue;
      const resolved = resolveHandlerFunction(binding.node.init, bindings, 0);
      if (!resolved || seen.has(resolved.fn)) continue;
      seen.add(resolved.fn);
      handlers.push(buildInfo({ export: name }, binding.node, resolved, settings));
    }
  }

  return { handlers, bindings, settings, handlerScope: computeHandlerScope(handlers, bindings) };
}

interface Resolved {
  fn: FunctionNode;
  wrappers: WrapperInfo[];
  middlewares: string[];
  /** Type annotation name on the declarator that led to the function. */
  typeName?: string;
  typeArgument?: TSESTree.TypeNode;
}

function buildInfo(
  want: HandlerSetting,
  exportNode: TSESTree.Node,
  resolved: Resolved,
  settings: LambdalintSettings,
): HandlerInfo {
  const params = runtimeParams(resolved.fn);
  const paramName = (index: number): string | undefined => {
    const p = params[index];
    if (!p) return undefined;
    const target = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p;
    return target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
  };
  const info: HandlerInfo = {
    exportName: want.export,
    fn: resolved.fn,
    exportNode,
    wrappers: resolved.wrappers,
    middlewares: resolved.middlewares,
    triggers: [],
    triggerSource: 'unknown',
    runtime: want.runtime ?? settings.runtime,
    functions: want.functions,
    maxBatchSize: want.maxBatchSize,
    eventParam: paramName(0),
    callbackParam: paramName(2),
  };
  if (want.trigger && want.trigger.length > 0) {
    info.triggers = [...want.trigger];
    info.triggerSource = 'settings';
  } else {
    const inferred = inferTriggers(info, resolved.typeName, resolved.typeArgument);
    info.triggers = inferred.triggers;
    info.triggerSource = inferred.source;
  }
  return info;
}

interface ExportEntry {
  value: TSESTree.Node;
  node: TSESTree.Node;
}

/** Exported names and the expressions they are bound to, in ESM and CommonJS forms. */
function collectExports(program: TSESTree.Program): Map<string, ExportEntry> {
  const exports = new Map<string, ExportEntry>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const decl = statement.declaration;
      if (decl?.type === AST_NODE_TYPES.FunctionDeclaration && decl.id) {
        exports.set(decl.id.name, { value: decl, node: decl });
      } else if (decl?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of decl.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
            exports.set(declarator.id.name, { value: declarator.id, node: declarator });
          }
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          if (specifier.type !== AST_NODE_TYPES.ExportSpecifier) continue;
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
          exports.set(exported, { value: specifier.local, node: specifier });
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      exports.set('default', { value: statement.declaration, node: statement });
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      collectCommonJsExports(statement.expression, exports);
    }
  }
  return exports;
}

function collectCommonJsExports(expression: TSESTree.Expression, exports: Map<string, ExportEntry>): void {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return;
  const target = dottedName(expression.left);
  if (target === undefined) {
    return;
  }
  const named = /^(?:module\.)?exports\.([^.]+)$/.exec(target);
  if (named) {
    exports.set(named[1], { value: expression.right, node: expression });
    // `exports.a = exports.b = fn` chains.
    if (expression.right.type === AST_NODE_TYPES.AssignmentExpression) collectCommonJsExports(expression.right, exports);
    return;
  }
  if (target === 'module.exports') {
    const right = unwrapTs(expression.right);
    if (right.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of right.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = keyName(property);
      if (name !== undefined) exports.set(name, { value: property.value, node: property });
    }
  }
}

function declaredTypeName(declarator: TSESTree.VariableDeclarator): string | undefined {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return typeReferenceName(declarator.id.typeAnnotation?.typeAnnotation);
}

function declaredTypeArgument(declarator: TSESTree.VariableDeclarator): TSESTree.TypeNode | undefined {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotation = declarator.id.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  return annotation.typeArguments?.params[0];
}

const MAX_RESOLVE_DEPTH = 8;

/** Follows identifiers, wrappers and bound methods from an exported value to the function that runs. */
function resolveHandlerFunction(node: TSESTree.Node, bindings: Map<string, Binding>, depth: number): Resolved | undefined {
  if (depth > MAX_RESOLVE_DEPTH) return undefined;
  const value = unwrapTs(node);
  if (isFunctionNode(value)) return { fn: value, wrappers: [], middlewares: [] };

  if (value.type === AST_NODE_TYPES.Identifier) {
    const binding = bindings.get(value.name);
    if (binding?.kind === 'function') return { fn: binding.node, wrappers: [], middlewares: [] };
    if (binding?.kind === 'variable' && binding.node.init) {
      const inner = resolveHandlerFunction(binding.node.init, bindings, depth + 1);
      if (inner && !inner.typeName) {
        inner.typeName = declaredTypeName(binding.node);
        inner.typeArgument = declaredTypeArgument(binding.node);
      }
      return inner;
    }
    return undefined;
  }

  if (value.type === AST_NODE_TYPES.CallExpression) return resolveCall(value, bindings, depth);

  // `instance.handler` of a class instance (Powertools-style classes), without bind.
  if (value.type === AST_NODE_TYPES.MemberExpression) return resolveClassMethod(value, bindings);

  return undefined;
}

function resolveCall(call: TSESTree.CallExpression, bindings: Map<string, Binding>, depth: number): Resolved | undefined {
  const callee = unwrapTs(call.callee);

  // `instance.handler.bind(instance)`
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    dottedName(callee.property) === 'bind' &&
    unwrapTs(callee.object).type === AST_NODE_TYPES.MemberExpression
  ) {
    return resolveClassMethod(unwrapTs(callee.object) as TSESTree.MemberExpression, bindings);
  }

  // middy chains: middy(fn).use(a()).use(b()), middy().use(a()).handler(fn)
  const chain = middyChain(call, bindings);
  if (chain) {
    const target = chain.fnArgument ? resolveHandlerFunction(chain.fnArgument, bindings, depth + 1) : undefined;
    if (!target) return undefined;
    const wrapper: WrapperInfo = { kind: 'middy', call: chain.root, name: 'middy' };
    return { ...target, wrappers: [wrapper, ...target.wrappers], middlewares: [...chain.middlewares, ...target.middlewares] };
  }

  // Any other call: `wrap(async (event) => ...)` — the first argument that is a function.
  for (const argument of call.arguments) {
    const target = resolveHandlerFunction(argument, bindings, depth + 1);
    if (!target) continue;
    const name = calleeName(call);
    const wrapper: WrapperInfo = { kind: 'call', call, name };
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = bindings.get(callee.name);
      const definition = binding ? bindingFunction(binding) : undefined;
      if (definition) wrapper.definition = definition;
      const source = bindingSource(binding);
      if (source !== undefined && binding && (binding.kind === 'import' || binding.kind === 'require')) {
        wrapper.importSource = source;
        wrapper.importedName = binding.imported;
      }
    }
    return { ...target, wrappers: [wrapper, ...target.wrappers] };
  }
  return undefined;
}

function bindingFunction(binding: Binding): FunctionNode | undefined {
  if (binding.kind === 'function') return binding.node;
  if (binding.kind === 'variable' && binding.node.init) {
    const init = unwrapTs(binding.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

interface MiddyChain {
  root: TSESTree.CallExpression;
  fnArgument?: TSESTree.Node;
  middlewares: string[];
}

function middyChain(call: TSESTree.CallExpression, bindings: Map<string, Binding>): MiddyChain | undefined {
  const middlewares: string[] = [];
  let fnArgument: TSESTree.Node | undefined;
  let current: TSESTree.Node = call;
  for (;;) {
    current = unwrapTs(current);
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapTs(current.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = bindings.get(callee.name);
      const source = bindingSource(binding);
      const isMiddy = callee.name === 'middy' || (source !== undefined && MIDDY_SOURCES.has(source));
      if (!isMiddy) return undefined;
      fnArgument ??= current.arguments[0];
      return { root: current, fnArgument, middlewares };
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = dottedName(callee.property);
    if (method === undefined || !MIDDY_CHAIN_METHODS.has(method)) return undefined;
    if (method === 'handler') fnArgument = current.arguments[0];
    else if (method === 'onError') middlewares.push('onError');
    else for (const argument of current.arguments) middlewares.push(...middlewareNames(argument));
    current = callee.object;
  }
}

/** `httpErrorHandler()` -> httpErrorHandler; `[a(), b()]` -> both; `{ onError }` -> onError. */
function middlewareNames(node: TSESTree.Node): string[] {
  const value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(value);
    return name ? [name] : [];
  }
  if (value.type === AST_NODE_TYPES.Identifier) return [value.name];
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.flatMap((e) => (e ? middlewareNames(e) : []));
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    return value.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property && keyName(p) === 'onError' ? ['onError'] : []));
  }
  return [];
}

/** `obj.handler` where `obj = new SomeClass()` and the class has a `handler` method. */
function resolveClassMethod(member: TSESTree.MemberExpression, bindings: Map<string, Binding>): Resolved | undefined {
  const methodName = dottedName(member.property);
  const object = unwrapTs(member.object);
  if (methodName === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const instance = bindings.get(object.name);
  let classNode: TSESTree.ClassDeclaration | undefined;
  if (instance?.kind === 'variable' && instance.node.init) {
    const init = unwrapTs(instance.node.init);
    if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
      const cls = bindings.get(init.callee.name);
      if (cls?.kind === 'class') classNode = cls.node;
    }
  } else if (instance?.kind === 'class') {
    classNode = instance.node; // static method
  }
  if (!classNode) return undefined;
  for (const element of classNode.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && keyName(element) === methodName && isFunctionNode(element.value)) {
      return { fn: element.value, wrappers: [], middlewares: [] };
    }
    if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === methodName && element.value) {
      const value = unwrapTs(element.value);
      if (isFunctionNode(value)) return { fn: value, wrappers: [], middlewares: [] };
    }
  }
  return undefined;
}

/** Handler functions and the module-scope functions they call, transitively. */
/** The handler's function and every module function it calls, transitively. */
export function reachableFunctions(handler: HandlerInfo, bindings: Map<string, Binding>): Set<FunctionNode> {
  const reached = new Set<FunctionNode>();
  const queue: FunctionNode[] = [handler.fn];
  while (queue.length > 0) {
    const fn = queue.pop()!;
    if (reached.has(fn)) continue;
    reached.add(fn);
    for (const called of calledModuleFunctions(fn, bindings)) if (!reached.has(called)) queue.push(called);
  }
  return reached;
}

function computeHandlerScope(handlers: HandlerInfo[], bindings: Map<string, Binding>): Map<FunctionNode, HandlerInfo> {
  const scope = new Map<FunctionNode, HandlerInfo>();
  for (const handler of handlers) {
    const queue: FunctionNode[] = [handler.fn];
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (scope.has(fn)) continue;
      scope.set(fn, handler);
      for (const called of calledModuleFunctions(fn, bindings)) if (!scope.has(called)) queue.push(called);
    }
  }
  return scope;
}

function calledModuleFunctions(fn: FunctionNode, bindings: Map<string, Binding>): FunctionNode[] {
  const result: FunctionNode[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      const binding = bindings.get(node.callee.name);
      const target = binding ? bindingFunction(binding) : undefined;
      if (target) result.push(target);
    }
    // `this.process(record)` inside a class method: the sibling method runs for the handler too.
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.object.type === AST_NODE_TYPES.ThisExpression && !node.callee.computed) {
      const target = siblingMethod(fn, dottedName(node.callee.property));
      if (target) result.push(target);
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && 'type' in c) visit(c as TSESTree.Node);
      } else if (child && typeof child === 'object' && 'type' in child) {
        visit(child as TSESTree.Node);
      }
    }
  };
  visit(fn.body);
  return result;
}

/** The method `name` of the class whose method `fn` is. */
function siblingMethod(fn: FunctionNode, name: string | undefined): FunctionNode | undefined {
  const method = fn.parent;
  const classBody = method?.type === AST_NODE_TYPES.MethodDefinition || method?.type === AST_NODE_TYPES.PropertyDefinition ? method.parent : undefined;
  if (name === undefined || classBody?.type !== AST_NODE_TYPES.ClassBody) return undefined;
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && !element.computed && keyName(element) === name && isFunctionNode(element.value)) {
      return element.value;
    }
  }
  return undefined;
}

/**
 * The handler whose code runs `node`: `node` is inside a handler function or
 * inside a module function that a handler calls. Undefined at module scope.
 */
export function enclosingHandler(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  node: TSESTree.Node,
): { handler: HandlerInfo; fn: FunctionNode } | undefined {
  const { handlerScope } = getFileHandlers(context);
  if (handlerScope.size === 0) return undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      const handler = handlerScope.get(current);
      if (handler) return { handler, fn: current };
    }
  }
  return undefined;
}
