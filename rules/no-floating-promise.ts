import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { isLogCallee } from '../src/catch-analysis.js';
import { createRule } from '../src/rule-creator.js';
import {
  calleeName,
  dottedName,
  enclosingHandler,
  getFileHandlers,
  isFunctionNode,
  keyName,
  propertyName,
  skipWrappers,
  unwrapTs,
  variableOf,
  walk,
  type FunctionNode,
  type HandlerInfo,
  runtimeParams,
} from '../src/handlers/index.js';

type MessageIds = 'floatingPromise' | 'floatingPromiseCallbackHandler' | 'voidPromise' | 'asyncForEach';

/** What happens to a promise, followed from where it is created. */
type Outcome = 'handled' | 'floating' | 'voided' | 'forEach' | 'neutral';

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any']);
/** Uses of an array of promises that neither wait for nor pass on its promises. */
const COLLECTION_NEUTRAL = new Set(['push', 'unshift', 'length', 'splice']);
const MAX_DEPTH = 4;
const MAX_STEPS = 64;

export default createRule<[], MessageIds>({
  name: 'no-floating-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require promises started in a Lambda handler to be awaited or returned before the handler finishes',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html',
      ],
    },
    messages: {
      floatingPromise:
        "'{{what}}' starts a promise nothing awaits: Lambda freezes the environment when the handler settles, so the work may not finish and errors are lost.",
      floatingPromiseCallbackHandler:
        "'{{what}}' starts a promise this callback handler does not wait for: results and errors never reach the callback, and a rejection crashes the runtime.",
      voidPromise:
        "'void {{what}}' leaves the promise unawaited: Lambda freezes the environment when the handler returns, so the work may never finish.",
      asyncForEach:
        "forEach does not wait for its async callback: the handler returns first and Lambda freezes the pending work mid-flight, losing its errors.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const fileHandlers = getFileHandlers(context);
    if (fileHandlers.handlers.length === 0) return {};
    const sourceCode = context.sourceCode;
    const typeOracle = createTypeOracle(context);
    const promiseFunctions = new Map<FunctionNode, boolean>();
    const reported = new Set<TSESTree.Node>();

    // ---- what produces a promise -------------------------------------------------------------

    function findVariable(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
      try {
        return variableOf(sourceCode, identifier);
      } catch {
        return null;
      }
    }

    /** The function a name refers to, when it is declared in this file. */
    function functionOf(identifier: TSESTree.Identifier): FunctionNode | undefined {
      const definition = findVariable(identifier)?.defs[0];
      if (!definition) return undefined;
      // Parameters have the function as their definition node: they are not that function.
      if (definition.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
      if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        const init = unwrapTs(definition.node.init);
        if (isFunctionNode(init)) return init;
      }
      return undefined;
    }

    /** Initialiser of the variable a name refers to (`const x = <init>`). */
    function initOf(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
      const definition = findVariable(identifier)?.defs[0];
      if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier) {
        return definition.node.init ?? undefined;
      }
      return undefined;
    }

    /** Async functions and functions that return a promise expression. */
    function returnsPromise(fn: FunctionNode, depth: number): boolean {
      if (fn.async) return true;
      if (fn.generator || depth > MAX_DEPTH) return false;
      const cached = promiseFunctions.get(fn);
      if (cached !== undefined) return cached;
      promiseFunctions.set(fn, false); // recursion guard
      let result = false;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        result = isPromiseExpression(fn.body, depth + 1);
      } else {
        walk(fn.body, (node) => {
          if (result) return false;
          if (isFunctionNode(node)) return false;
          if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseExpression(node.argument, depth + 1)) result = true;
          return undefined;
        });
      }
      promiseFunctions.set(fn, result);
      return result;
    }

    function isPromiseExpression(node: TSESTree.Node, depth: number): boolean {
      const value = unwrapChain(node);
      if (producerLabel(value, depth) !== undefined) return true;
      if (value.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = dottedName(value.callee);
      if (name === 'Promise.resolve' || name === 'Promise.reject') return true;
      const callee = unwrapTs(value.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && CHAIN_METHODS.has(propertyName(callee) ?? '');
    }

    /** A method of a class or object literal declared in this file. */
    function methodOf(member: TSESTree.MemberExpression): FunctionNode | undefined {
      const name = propertyName(member);
      if (name === undefined) return undefined;
      const object = unwrapTs(member.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const classBody = enclosingClassBody(member);
        return classBody ? classMethod(classBody, name) : undefined;
      }
      if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(object)?.defs[0];
      if (definition?.type === 'ClassName' && definition.node.type === AST_NODE_TYPES.ClassDeclaration) return classMethod(definition.node.body, name);
      const init = initOf(object);
      if (!init) return undefined;
      const value = unwrapTs(init);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property || keyName(property) !== name) continue;
          const fn = unwrapTs(property.value);
          return isFunctionNode(fn) ? fn : undefined;
        }
      }
      if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
        const cls = findVariable(value.callee)?.defs[0];
        if (cls?.type === 'ClassName' && cls.node.type === AST_NODE_TYPES.ClassDeclaration) return classMethod(cls.node.body, name);
      }
      return undefined;
    }

    /** `client.send(new PutCommand(...))`, `ddbDocClient.send(command)`, `s3.send(...)` on `new S3Client()`. */
    function isSdkSend(call: TSESTree.CallExpression, member: TSESTree.MemberExpression): boolean {
      const first = call.arguments[0] ? unwrapTs(call.arguments[0]) : undefined;
      const isCommand = (node: TSESTree.Node | undefined): boolean => {
        const value = node ? unwrapTs(node) : undefined;
        return value?.type === AST_NODE_TYPES.NewExpression && /Command$/.test(calleeName(value) ?? '');
      };
      if (isCommand(first)) return true;
      if (first?.type === AST_NODE_TYPES.Identifier && isCommand(initOf(first))) return true;
      const object = unwrapTs(member.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        const init = initOf(object);
        const value = init ? unwrapTs(init) : undefined;
        // What the object was built from decides: `new SQSClient()` yes, `new WebSocket()` no.
        if (value?.type === AST_NODE_TYPES.NewExpression) return /Client$/.test(calleeName(value) ?? '');
        if (value?.type === AST_NODE_TYPES.CallExpression && /Client\.from$/.test(dottedName(value.callee) ?? '')) return true;
      }
      const objectName = dottedName(member.object);
      return objectName !== undefined && /client$/i.test(objectName.split('.').pop() ?? '');
    }

    /** A short name for the promise in messages, or undefined when the node is not known to produce one. */
    function producerLabel(node: TSESTree.Node, depth = 0): string | undefined {
      const value = unwrapChain(node);
      if (value.type === AST_NODE_TYPES.NewExpression) {
        return value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Promise' ? 'new Promise()' : undefined;
      }
      if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const typed = typeOracle?.(value);
      // An array is not a thenable, but an async map's array holds promises.
      if (typed === false && !isAsyncMap(value)) return undefined;
      const heuristic = heuristicLabel(value, depth);
      if (heuristic !== undefined) return heuristic;
      return typed === true && !isChainCall(value) ? label(value) : undefined;
    }

    function heuristicLabel(call: TSESTree.CallExpression, depth: number): string | undefined {
      const callee = unwrapTs(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (callee.name === 'fetch') return label(call);
        const fn = functionOf(callee);
        return fn && returnsPromise(fn, depth) ? label(call) : undefined;
      }
      if (isFunctionNode(callee)) return callee.async ? 'async IIFE' : undefined;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = propertyName(callee);
      if (method === undefined) return undefined;
      if (method === 'promise' && call.arguments.length === 0) return label(call);
      if (method === 'send' && isSdkSend(call, callee)) return label(call);
      if (COMBINATORS.has(dottedName(callee) ?? '')) return label(call);
      if (isAsyncMap(call)) return label(call);
      const fn = methodOf(callee);
      return fn && returnsPromise(fn, depth) ? label(call) : undefined;
    }

    /** `items.map(async (x) => ...)`: an array of promises. */
    function isAsyncMap(call: TSESTree.CallExpression): boolean {
      const callee = unwrapTs(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee);
      return (method === 'map' || method === 'flatMap') && isAsyncCallback(call.arguments[0]);
    }

    function isAsyncCallback(argument: TSESTree.Node | undefined): boolean {
      if (!argument) return false;
      const value = unwrapTs(argument);
      if (isFunctionNode(value)) return value.async;
      if (value.type === AST_NODE_TYPES.Identifier) return functionOf(value)?.async === true;
      return false;
    }

    /** An outermost `.then/.catch/.finally` chain whose head is not itself a known producer. */
    function isChainProducer(call: TSESTree.CallExpression): boolean {
      if (!isChainCall(call)) return false;
      const outer = skipWrappers(call);
      if (outer.parent?.type === AST_NODE_TYPES.MemberExpression && outer.parent.object === outer && CHAIN_METHODS.has(propertyName(outer.parent) ?? '')) {
        return false;
      }
      const head = chainHead(call);
      if (producerLabel(head) !== undefined) return false;
      if (head.type === AST_NODE_TYPES.Identifier) {
        const init = initOf(head);
        if (init && producerLabel(init) !== undefined) return false;
      }
      return true;
    }

    function label(call: TSESTree.CallExpression): string {
      return `${shortText(call.callee)}()`;
    }

    function shortText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s*\.\s*/g, '.').replace(/\s+/g, ' ');
      return text.length > 60 ? `${text.slice(0, 57)}...` : text;
    }

    /** `getForecast().then()` for a chain whose head is `getForecast(...)`. */
    function chainLabel(call: TSESTree.CallExpression): string {
      const head = chainHead(call);
      const method = propertyName(unwrapTs(call.callee) as TSESTree.MemberExpression) ?? 'then';
      const headText = head.type === AST_NODE_TYPES.CallExpression ? label(head) : shortText(head);
      return `${headText}.${method}()`;
    }

    // ---- where a promise goes ---------------------------------------------------------------

    interface Trace {
      handler: HandlerInfo;
      /** Names that settle the invocation or an enclosing promise: the callback, resolve, reject. */
      completions: Set<string>;
      visited: Set<TSESLint.Scope.Variable>;
      collection: boolean;
      steps: number;
    }

    function traceUp(start: TSESTree.Node, trace: Trace): Outcome {
      let current = start;
      while (trace.steps++ < MAX_STEPS) {
        const parent = current.parent;
        if (!parent) return 'handled';
        switch (parent.type) {
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.TSAsExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSSatisfiesExpression:
          case AST_NODE_TYPES.TSTypeAssertion:
            current = parent;
            continue;
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.YieldExpression:
            return 'handled';
          case AST_NODE_TYPES.ReturnStatement:
            return returnedFrom(enclosingFunction(parent), trace);
          case AST_NODE_TYPES.ArrowFunctionExpression:
            return parent.body === current ? returnedFrom(parent, trace) : 'handled';
          case AST_NODE_TYPES.UnaryExpression:
            return parent.operator === 'void' ? 'voided' : 'handled';
          case AST_NODE_TYPES.ExpressionStatement:
            return 'floating';
          case AST_NODE_TYPES.SequenceExpression:
            if (parent.expressions[parent.expressions.length - 1] !== current) return 'floating';
            current = parent;
            continue;
          case AST_NODE_TYPES.ConditionalExpression:
            if (parent.test === current) return 'handled';
            current = parent;
            continue;
          case AST_NODE_TYPES.LogicalExpression:
            current = parent;
            continue;
          case AST_NODE_TYPES.ArrayExpression:
          case AST_NODE_TYPES.SpreadElement:
            trace.collection = true;
            current = parent;
            continue;
          case AST_NODE_TYPES.MemberExpression: {
            if (parent.object !== current) return 'handled';
            const property = propertyName(parent) ?? '';
            const call = parent.parent;
            if (CHAIN_METHODS.has(property) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
              if (settlesCompletion(call, trace.completions)) return 'handled';
              if (isChainProducer(call)) return 'handled'; // traced on its own
              trace.collection = false;
              current = call;
              continue;
            }
            if (trace.collection && COLLECTION_NEUTRAL.has(property)) return 'neutral';
            return 'handled';
          }
          case AST_NODE_TYPES.CallExpression: {
            if (parent.callee === current) return 'handled';
            // Promise.all(...) is a producer of its own and is followed from there.
            if (COMBINATORS.has(dottedName(parent.callee) ?? '')) return 'handled';
            const callee = unwrapTs(parent.callee);
            if (
              callee.type === AST_NODE_TYPES.MemberExpression &&
              (propertyName(callee) === 'push' || propertyName(callee) === 'unshift') &&
              unwrapTs(callee.object).type === AST_NODE_TYPES.Identifier
            ) {
              return traceVariable(unwrapTs(callee.object) as TSESTree.Identifier, { ...trace, collection: true });
            }
            // Logging a promise does not wait for it.
            if (isLogCallee(parent.callee)) return 'neutral';
            // Passed to some other function: it may wait for it; we cannot tell.
            return 'handled';
          }
          case AST_NODE_TYPES.VariableDeclarator:
            if (parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) return traceVariable(parent.id, trace);
            return 'handled';
          case AST_NODE_TYPES.AssignmentExpression:
            if (parent.right === current && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.Identifier) {
              return traceVariable(parent.left, trace);
            }
            return 'handled';
          default:
            return 'handled';
        }
      }
      return 'handled';
    }

    /** The promise is the return value of `fn`. */
    function returnedFrom(fn: FunctionNode | undefined, trace: Trace): Outcome {
      if (!fn) return 'handled';
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return 'handled';
      const callee = unwrapTs(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return 'handled';
      const method = propertyName(callee);
      if (method === 'forEach') return 'forEach';
      if (method === 'map' || method === 'flatMap') {
        if (producerLabel(call) !== undefined) return 'handled'; // `map(async ...)` is followed on its own
        return traceUp(call, { ...trace, collection: true });
      }
      if (method !== undefined && CHAIN_METHODS.has(method)) {
        if (isChainProducer(call)) return 'handled';
        return traceUp(call, { ...trace, collection: false });
      }
      return 'handled';
    }

    function traceVariable(identifier: TSESTree.Identifier, trace: Trace): Outcome {
      const variable = findVariable(identifier);
      // Module state outlives the invocation; unknown names are not ours to judge.
      if (!variable || variable.scope.type === 'module' || variable.scope.type === 'global') return 'handled';
      if (trace.visited.has(variable)) return 'neutral';
      trace.visited.add(variable);
      let result: Outcome = 'floating';
      for (const reference of variable.references) {
        if (reference.identifier === identifier || !reference.isRead()) continue;
        const outcome = traceUp(reference.identifier, { ...trace, collection: trace.collection });
        if (outcome === 'handled') return 'handled';
        if (outcome === 'voided' || outcome === 'forEach') result = outcome;
      }
      return result;
    }

    // ---- reporting --------------------------------------------------------------------------

    function check(node: TSESTree.Node, what: string): void {
      if (reported.has(node)) return;
      const owner = enclosingHandler(context, node);
      if (!owner) return;
      const completions = completionNames(node, owner.handler);
      // `work(() => x.then(r => callback(null, r)))`, `a.then(resolve).catch(reject)`: the work settles the invocation itself.
      if (node.type === AST_NODE_TYPES.CallExpression && chainSettles(node, completions)) return;
      // An async map's array is a collection: only counting it (`jobs.length`) does not wait for its promises.
      const collection = node.type === AST_NODE_TYPES.CallExpression && isAsyncMap(node);
      const outcome = traceUp(node, { handler: owner.handler, completions, visited: new Set(), collection, steps: 0 });
      // 'neutral' at the top: only logged or counted, never waited for.
      if (outcome === 'handled') return;
      if (outcome === 'forEach') {
        // An async forEach callback is reported once, on the forEach call.
        if (enclosingFunction(node)?.async) return;
        reported.add(node);
        context.report({ node, messageId: 'asyncForEach' });
        return;
      }
      reported.add(node);
      if (outcome === 'voided') {
        context.report({ node, messageId: 'voidPromise', data: { what } });
        return;
      }
      const callbackStyle = !owner.handler.fn.async && !returnsPromise(owner.handler.fn, 0);
      context.report({ node, messageId: callbackStyle ? 'floatingPromiseCallbackHandler' : 'floatingPromise', data: { what } });
    }

    return {
      CallExpression(node) {
        // Cheap scope test first: most calls of a file are not in a handler's code.
        if (!enclosingHandler(context, node)) return;
        const callee = unwrapTs(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'forEach' && isAsyncCallback(node.arguments[0])) {
          context.report({ node, messageId: 'asyncForEach' });
          return;
        }
        if (isChainCall(node)) {
          if (isChainProducer(node)) check(node, chainLabel(node));
          return;
        }
        const what = producerLabel(node);
        if (what !== undefined) check(node, what);
      },
      NewExpression(node) {
        if (!enclosingHandler(context, node)) return;
        const what = producerLabel(node);
        if (what !== undefined) check(node, what);
      },
    };
  },
});

function unwrapChain(node: TSESTree.Node): TSESTree.Node {
  let value = unwrapTs(node);
  while (value.type === AST_NODE_TYPES.ChainExpression) value = unwrapTs(value.expression);
  return value;
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrapTs(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && CHAIN_METHODS.has(propertyName(callee) ?? '');
}

/** `a.then(f).catch(g)` -> `a` */
function chainHead(call: TSESTree.CallExpression): TSESTree.Node {
  let current: TSESTree.Node = call;
  for (let i = 0; i < MAX_STEPS; i++) {
    const value = unwrapChain(current);
    if (value.type !== AST_NODE_TYPES.CallExpression || !isChainCall(value)) return value;
    current = (unwrapTs(value.callee) as TSESTree.MemberExpression).object;
  }
  return current;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

function classMethod(body: TSESTree.ClassBody, name: string): FunctionNode | undefined {
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && keyName(element) === name && isFunctionNode(element.value)) return element.value;
    if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name && element.value) {
      const value = unwrapTs(element.value);
      if (isFunctionNode(value)) return value;
    }
  }
  return undefined;
}

/** The handler's callback, `context.succeed/fail/done`, and resolve/reject of enclosing `new Promise` executors. */
function completionNames(node: TSESTree.Node, handler: HandlerInfo): Set<string> {
  const names = new Set<string>();
  if (handler.callbackParam) names.add(handler.callbackParam);
  const contextParam = runtimeParams(handler.fn)[1];
  if (contextParam?.type === AST_NODE_TYPES.Identifier) {
    for (const method of ['succeed', 'fail', 'done']) names.add(`${contextParam.name}.${method}`);
  }
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === current && calleeName(parent) === 'Promise') {
      for (const param of current.params.slice(0, 2)) if (param.type === AST_NODE_TYPES.Identifier) names.add(param.name);
    }
  }
  return names;
}

/** `p.then((r) => callback(null, r))`, `p.then(resolve, reject)`: the chain settles the invocation itself. */
function settlesCompletion(call: TSESTree.CallExpression, names: Set<string>): boolean {
  if (names.size === 0) return false;
  for (const argument of call.arguments) {
    const value = unwrapTs(argument);
    const name = dottedName(value);
    if (name !== undefined && names.has(name)) return true;
    if (!isFunctionNode(value)) continue;
    let found = false;
    walk(value.body, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = dottedName(node.callee);
        if (callee !== undefined && names.has(callee)) found = true;
      }
      return undefined;
    });
    if (found) return true;
  }
  return false;
}

/** Whether any call of a `.then/.catch` chain (including its head call) settles a completion. */
function chainSettles(call: TSESTree.CallExpression, names: Set<string>): boolean {
  let current: TSESTree.Node = call;
  for (let i = 0; i < MAX_STEPS; i++) {
    const value = unwrapChain(current);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    if (settlesCompletion(value, names)) return true;
    if (!isChainCall(value)) return false;
    current = (unwrapTs(value.callee) as TSESTree.MemberExpression).object;
  }
  return false;
}

type TypeOracle = (node: TSESTree.Node) => boolean | undefined;

/** With type information: whether an expression's type is a thenable; undefined when unknown or `any`. */
function createTypeOracle(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeOracle | undefined {
  const services = context.sourceCode.parserServices as
    | { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): ts.Node | undefined } }
    | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  let checker: ts.TypeChecker;
  try {
    checker = program.getTypeChecker();
  } catch {
    return undefined;
  }
  const ANY_OR_UNKNOWN = 1 | 2; // ts.TypeFlags.Any | ts.TypeFlags.Unknown, without loading typescript at runtime
  const thenable = (type: ts.Type): boolean => {
    if (type.isUnion()) return type.types.some(thenable);
    return type.getProperty('then') !== undefined;
  };
  return (node) => {
    try {
      const tsNode = map.get(node);
      if (!tsNode) return undefined;
      const type = checker.getTypeAtLocation(tsNode);
      if (type.flags & ANY_OR_UNKNOWN) return undefined;
      return thenable(type);
    } catch {
      return undefined;
    }
  };
}
