import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { childNodes } from '../src/handlers/index.js';
import { createRule } from '../src/rule-creator.js';
import { getFileHandlers, type HandlerInfo } from '../src/handlers/detect.js';
import { isFunctionNode, isNullishValue, keyName, runtimeParams, unwrapTs, type FunctionNode } from '../src/handlers/ast-utils.js';

type Options = [{ unknownRuntime?: 'report' | 'ignore' }];
type MessageIds = 'asyncWithCallback' | 'unusedCallbackParameter' | 'callbackRemovedInNode24' | 'callbackHandlerNode24' | 'callbackCalledTwice' | 'errorCallbackFallsThrough';

/** First Node.js major version whose Lambda runtime refuses callback handlers. */
const CALLBACK_REMOVED_IN = 24;

export default createRule<Options, MessageIds>({
  name: 'no-callback-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow callback-style handlers: async handlers that also take a callback, callbacks called twice, and any callback handler on nodejs24.x and later',
      recommended: 'error',
      // Before nodejs24.x an unused callback parameter does no harm yet.
      messageSeverity: { unusedCallbackParameter: 'warning' },
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html',
        'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137',
        'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/function/callback-deprecation.ts',
      ],
    },
    messages: {
      unusedCallbackParameter:
        "Async handler '{{handler}}' declares callback '{{callback}}' but never uses it: harmless before Node.js 24, which refuses callback handlers.",
      asyncWithCallback:
        "Async handler '{{handler}}' also calls callback '{{callback}}': Lambda takes whichever of callback and promise comes first and drops the other.",
      callbackRemovedInNode24:
        "Handler '{{handler}}' takes callback '{{callback}}', which {{runtime}} no longer supports: the runtime refuses to load it and every invocation fails.",
      callbackHandlerNode24:
        "Handler '{{handler}}' takes callback '{{callback}}': it fails every invocation on nodejs24.x and later, which removed callback handlers.",
      callbackCalledTwice:
        "'{{callback}}' is called at line {{line}} and again at line {{next}}: Lambda keeps only the first call while the code in between still runs.",
      errorCallbackFallsThrough:
        "'{{callback}}' reports an error at line {{line}} but execution goes on to line {{next}}: the success path still runs and its result is dropped.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          unknownRuntime: {
            type: 'string',
            enum: ['report', 'ignore'],
            description: "What to do with callback-style handlers whose runtime is not known: 'report' names the Node.js 24 change, 'ignore' stays silent.",
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ unknownRuntime: 'report' }],
  create(context, [options]) {
    const reportUnknown = options.unknownRuntime !== 'ignore';
    return {
      'Program:exit'() {
        for (const handler of getFileHandlers(context).handlers) {
          const callback = handler.callbackParam;
          checkHandlerStyle(context, handler, callback, reportUnknown);
          if (callback !== undefined && callbackIsLambdas(handler, callback)) {
            checkCallbackFlow(context, handler.fn, callback);
          }
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

// ---------------------------------------------------------------------------
// Handler style: async + callback, callback handlers on Node.js 24+

function checkHandlerStyle(context: Context, handler: HandlerInfo, callbackParam: string | undefined, reportUnknown: boolean): void {
  // The runtime looks at the exported function; behind a wrapper that is the wrapper's function.
  if (handler.wrappers.length > 0) return;
  const fn = handler.fn;
  const params = runtimeParams(fn);
  // Lambda's runtime decides by `handler.length`, which stops at the first default or rest parameter.
  const arity = functionLength(params);
  const third = params[2];
  const callback = callbackParam ?? (third ? describeParam(third) : '');
  const data = { handler: handler.exportName, callback, runtime: handler.runtime?.trim() ?? '' };
  const node = third ?? fn;
  const major = nodeMajor(handler.runtime);

  if (arity >= 3 && typeof major === 'number' && major >= CALLBACK_REMOVED_IN) {
    context.report({ node, messageId: 'callbackRemovedInNode24', data });
    return;
  }
  if (fn.async && (arity >= 3 || callbackParam !== undefined)) {
    const unused = third !== undefined && isUnused(context, fn, third);
    context.report({ node, messageId: unused ? 'unusedCallbackParameter' : 'asyncWithCallback', data });
    return;
  }
  if (arity >= 3 && major === undefined && reportUnknown) {
    context.report({ node, messageId: 'callbackHandlerNode24', data });
  }
}

/**
 * A parameter no code reads: `async (event, context, callback) => { ... }` that never calls it.
 * A destructured callback (`{ signal }`) cannot be called at all; a default value (`callback = noop`) is not a read.
 */
function isUnused(context: Context, fn: FunctionNode, param: TSESTree.Parameter): boolean {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = context.sourceCode.getDeclaredVariables(fn).find((v) => v.defs.some((d) => d.name === target));
  return variable !== undefined && !variable.references.some((r) => r.isRead());
}

function functionLength(params: TSESTree.Parameter[]): number {
  let length = 0;
  for (const param of params) {
    if (param.type === AST_NODE_TYPES.AssignmentPattern || param.type === AST_NODE_TYPES.RestElement) break;
    length++;
  }
  return length;
}

function describeParam(param: TSESTree.Parameter): string {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  return target.type === AST_NODE_TYPES.ObjectPattern ? '{ ... }' : '...';
}

/** `nodejs22.x` -> 22; a non-Node runtime -> 'other'; no runtime -> undefined. */
function nodeMajor(runtime: string | undefined): number | 'other' | undefined {
  if (runtime === undefined || runtime.trim() === '') return undefined;
  const match = /^nodejs(\d+)?/i.exec(runtime.trim());
  if (!match) return 'other';
  return match[1] ? Number(match[1]) : 0;
}

/** The third parameter is Lambda's callback, not middy's `{ signal }` or a streaming handler's context. */
function callbackIsLambdas(handler: HandlerInfo, callback: string): boolean {
  if (handler.wrappers.some((w) => w.kind === 'middy' || w.name === 'streamifyResponse')) return false;
  return !/^_?(?:context|ctx)$/.test(callback);
}

// ---------------------------------------------------------------------------
// Callback flow: a call that does not end its path, followed by another call

interface Flow {
  /** Callback calls that may have run when control reaches the next statement. */
  next: TSESTree.CallExpression[];
  /** Calls that may have run when control leaves through break/continue. */
  exit: TSESTree.CallExpression[];
  /** Control can reach the next statement. */
  completes: boolean;
  /** Control can leave through break/continue. */
  breaks: boolean;
}

const COMPLETES: Flow = { next: [], exit: [], completes: true, breaks: false };
const ENDS: Flow = { next: [], exit: [], completes: false, breaks: false };
const BREAKS: Flow = { next: [], exit: [], completes: false, breaks: true };

function checkCallbackFlow(context: Context, handlerFn: FunctionNode, callback: string): void {
  const reported = new Set<TSESTree.CallExpression>();

  const directCalls = (node: TSESTree.Node): TSESTree.CallExpression[] => {
    const calls: TSESTree.CallExpression[] = [];
    visitCalls(node, callback, false, (call) => calls.push(call));
    return calls;
  };
  /** The first call anywhere in the statement, callbacks of callbacks included (they run later, still a second call). */
  const firstCall = (node: TSESTree.Node): TSESTree.CallExpression | undefined => {
    let first: TSESTree.CallExpression | undefined;
    visitCalls(node, callback, true, (call) => {
      first ??= call;
    });
    return first;
  };

  const report = (statement: TSESTree.Statement, call: TSESTree.CallExpression, later: TSESTree.CallExpression): void => {
    if (reported.has(call)) return;
    reported.add(call);
    const loc =
      statement.type === AST_NODE_TYPES.IfStatement ? { start: statement.loc.start, end: statement.test.loc.end } : statement.loc;
    context.report({
      loc,
      messageId: isErrorCall(call) ? 'errorCallbackFallsThrough' : 'callbackCalledTwice',
      data: { callback, line: call.loc.start.line, next: later.loc.start.line },
    });
  };

  const list = (statements: TSESTree.Statement[]): Flow => {
    let pending: Array<{ call: TSESTree.CallExpression; statement: TSESTree.Statement }> = [];
    const exit: TSESTree.CallExpression[] = [];
    let breaks = false;
    for (const statement of statements) {
      // A function declaration is hoisted, not run here.
      if (pending.length > 0 && statement.type !== AST_NODE_TYPES.FunctionDeclaration) {
        const later = firstCall(statement);
        if (later) {
          for (const p of pending) report(p.statement, p.call, later);
          pending = [];
        }
      }
      const flow = single(statement);
      exit.push(...flow.exit);
      // A break or continue in this statement (`if (done) break;`) takes the calls made so far along with it.
      if (flow.breaks) {
        exit.push(...pending.map((p) => p.call));
        breaks = true;
      }
      if (!flow.completes) return { next: [], exit, completes: false, breaks };
      pending.push(...flow.next.map((call) => ({ call, statement })));
    }
    return { next: pending.map((p) => p.call), exit, completes: true, breaks };
  };

  const single = (statement: TSESTree.Statement): Flow => {
    switch (statement.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        return ENDS;
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        return BREAKS;
      case AST_NODE_TYPES.BlockStatement:
        return list(statement.body);
      case AST_NODE_TYPES.IfStatement: {
        const consequent = single(statement.consequent);
        const alternate = statement.alternate ? single(statement.alternate) : COMPLETES;
        return {
          next: [...directCalls(statement.test), ...consequent.next, ...alternate.next],
          exit: [...consequent.exit, ...alternate.exit],
          completes: consequent.completes || alternate.completes,
          breaks: consequent.breaks || alternate.breaks,
        };
      }
      case AST_NODE_TYPES.TryStatement: {
        const block = list(statement.block.body);
        const handler = statement.handler ? list(statement.handler.body.body) : undefined;
        const finalizer = statement.finalizer ? list(statement.finalizer.body) : COMPLETES;
        const flows = [block, ...(handler ? [handler] : []), finalizer];
        return {
          next: flows.flatMap((f) => f.next),
          exit: flows.flatMap((f) => f.exit),
          completes: (block.completes || (handler?.completes ?? false)) && finalizer.completes,
          breaks: flows.some((f) => f.breaks),
        };
      }
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement: {
        const body = single(statement.body);
        const head = statement.type === AST_NODE_TYPES.ForInStatement || statement.type === AST_NODE_TYPES.ForOfStatement
          ? directCalls(statement.right)
          : statement.type === AST_NODE_TYPES.ForStatement ? [statement.init, statement.test].flatMap((n) => (n ? directCalls(n) : [])) : directCalls(statement.test);
        // The loop may run zero times; break and continue land after (or back in) the loop.
        return { next: [...head, ...body.next, ...body.exit], exit: [], completes: true, breaks: false };
      }
      case AST_NODE_TYPES.SwitchStatement: {
        const cases = statement.cases.map((c) => list(c.consequent));
        const hasDefault = statement.cases.some((c) => c.test === null);
        return {
          next: [...directCalls(statement.discriminant), ...cases.flatMap((c) => [...c.next, ...c.exit])],
          exit: [],
          completes: !hasDefault || cases.length === 0 || cases.some((c) => c.completes || c.breaks),
          breaks: false,
        };
      }
      case AST_NODE_TYPES.LabeledStatement: {
        const body = single(statement.body);
        return { next: [...body.next, ...body.exit], exit: [], completes: body.completes || body.breaks, breaks: false };
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
        return COMPLETES;
      default:
        return { next: directCalls(statement), exit: [], completes: true, breaks: false };
    }
  };

  // The handler and every function nested in it: the error branch often sits in an SDK callback.
  for (const fn of functionsUsingCallback(handlerFn, callback)) {
    if (fn.body.type === AST_NODE_TYPES.BlockStatement) list(fn.body.body);
  }
}

/** Whether the call reports a failure: an error argument, or an HTTP error response. */
function isErrorCall(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  if (first && !isNullishValue(first)) return true;
  const result = call.arguments[1] ? unwrapTs(call.arguments[1]) : undefined;
  if (result?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return result.properties.some((p) => {
    if (p.type !== AST_NODE_TYPES.Property || keyName(p) !== 'statusCode') return false;
    const value = unwrapTs(p.value);
    return value.type === AST_NODE_TYPES.Literal && Number(value.value) >= 400;
  });
}


/** The handler plus nested functions that do not shadow the callback name. */
function functionsUsingCallback(handlerFn: FunctionNode, callback: string): FunctionNode[] {
  const result: FunctionNode[] = [handlerFn];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) && node !== handlerFn) {
      if (shadows(node, callback)) return;
      result.push(node);
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(handlerFn.body);
  return result;
}

/** Calls of the callback inside `node`; `intoFunctions` also looks inside nested (non-shadowing) functions. */
function visitCalls(node: TSESTree.Node, callback: string, intoFunctions: boolean, onCall: (call: TSESTree.CallExpression) => void): void {
  if (isFunctionNode(node) && (!intoFunctions || shadows(node, callback))) return;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapTs(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === callback) onCall(node);
  }
  for (const child of childNodes(node)) visitCalls(child, callback, intoFunctions, onCall);
}

function shadows(fn: FunctionNode, name: string): boolean {
  return fn.params.some((p) => {
    const target = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p;
    return target.type === AST_NODE_TYPES.Identifier && target.name === name;
  });
}
