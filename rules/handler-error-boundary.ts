import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { childNodes } from '../src/handlers/index.js';
import { createRule } from '../src/rule-creator.js';
import { getFileHandlers, type HandlerInfo, type WrapperInfo } from '../src/handlers/detect.js';
import { calleeName, dottedName, isFunctionNode, keyName, propertyName, runtimeParams, staticString, unwrapTs, walk, type FunctionNode } from '../src/handlers/ast-utils.js';
import { bindingSource, type Binding } from '../src/handlers/bindings.js';
import { findExportedFunction, functionOf, loadLocalModule, localImport, resolveLocalModule } from '../src/local-modules.js';
import { isHttpTrigger } from '../src/model/trigger.js';

type Options = [{ boundaryWrappers?: string[] }];
type MessageIds =
  | 'unguardedParse'
  | 'unguardedAwait'
  | 'unguardedThrow'
  | 'httpErrorWithoutBoundary'
  | 'catchReturnsSuccess'
  | 'unguardedJsonLoads'
  | 'unguardedSubscript';

export default createRule<Options, MessageIds>({
  name: 'handler-error-boundary',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an error boundary in HTTP handlers, so that a thrown error becomes an error response instead of a bare 502',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html',
        'https://middy.js.org/docs/middlewares/http-error-handler',
      ],
    },
    messages: {
      unguardedParse:
        "JSON.parse({{argument}}) in HTTP handler '{{handler}}' is outside try/catch: a malformed body throws and API Gateway answers 502 instead of 400.",
      unguardedAwait:
        "This await in HTTP handler '{{handler}}' is outside try/catch: if it rejects, the caller gets a bare 502 Internal server error.",
      unguardedThrow:
        "This throw in HTTP handler '{{handler}}' is never caught: the caller gets a bare 502 Internal server error instead of the reason.",
      httpErrorWithoutBoundary:
        "'{{error}}' throws an HTTP error but HTTP handler '{{handler}}' has no error boundary: API Gateway answers 502, not the error's status code.",
      catchReturnsSuccess:
        "This catch in HTTP handler '{{handler}}' returns status {{status}}: the failure looks like a success, so clients do not retry and no 5xx alarm fires.",
      unguardedJsonLoads:
        "{{call}}({{argument}}) in HTTP handler '{{handler}}' is outside try/except: a malformed or missing body raises, and the caller gets a bare 502 instead of a 400.",
      unguardedSubscript:
        "{{subscript}} in HTTP handler '{{handler}}' is outside try/except: a request without that key raises, and the caller gets a bare 502 instead of a 400.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          boundaryWrappers: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names of wrapper functions from packages (not readable as local files) that catch errors and return an HTTP response.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ boundaryWrappers: [] }],
  create(context, [options]) {
    const boundaryWrappers = new Set(options.boundaryWrappers ?? []);
    const filename = context.physicalFilename ?? context.filename;

    return {
      'Program:exit'() {
        const { handlers, bindings } = getFileHandlers(context);
        for (const handler of handlers) {
          if (!isHttpHandler(handler)) continue;
          checkCatchesReturningSuccess(context, handler);
          if (hasErrorBoundary(handler, bindings, filename, boundaryWrappers)) continue;
          checkUnguardedOperations(context, handler, bindings);
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** HTTP callers only; inferred triggers that mix HTTP with record events are too uncertain to act on. */
function isHttpHandler(handler: HandlerInfo): boolean {
  if (!handler.triggers.some(isHttpTrigger)) return false;
  if (handler.triggerSource !== 'code') return true;
  // A guess from code alone: returning `{ statusCode }` is not enough, functions invoked
  // directly or by a custom resource return it too. The handler must also read the request.
  return handler.triggers.every(isHttpTrigger) && readsHttpRequest(handler);
}

/** Request fields of API Gateway (REST, HTTP, WebSocket), ALB and Function URL events. */
const REQUEST_FIELDS = new Set([
  'body', 'httpMethod', 'pathParameters', 'queryStringParameters', 'multiValueQueryStringParameters', 'headers',
  'multiValueHeaders', 'rawPath', 'rawQueryString', 'routeKey', 'requestContext', 'cookies', 'isBase64Encoded', 'stageVariables',
]);

function readsHttpRequest(handler: HandlerInfo): boolean {
  if (handler.middlewares.some((m) => /^http/i.test(m))) return true;
  const first = runtimeParams(handler.fn)[0];
  if (first?.type === AST_NODE_TYPES.ObjectPattern) {
    return first.properties.some((p) => p.type === AST_NODE_TYPES.Property && REQUEST_FIELDS.has(keyName(p) ?? ''));
  }
  const event = handler.eventParam;
  if (event === undefined) return false;
  let reads = false;
  walk(handler.fn.body, (node) => {
    if (reads) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapTs(node.object);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === event && REQUEST_FIELDS.has(propertyName(node) ?? '')) reads = true;
    }
    // `const { body } = event`
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const init = unwrapTs(node.init);
      if (init.type === AST_NODE_TYPES.Identifier && init.name === event) {
        reads = node.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && REQUEST_FIELDS.has(keyName(p) ?? ''));
      }
    }
    return undefined;
  });
  return reads;
}

// ---------------------------------------------------------------------------
// Boundaries

const MAX_WRAPPER_DEPTH = 3;

function hasErrorBoundary(handler: HandlerInfo, bindings: Map<string, Binding>, filename: string, boundaryWrappers: Set<string>): boolean {
  if (handler.middlewares.some((name) => isErrorMiddleware(name, bindings))) return true;
  return handler.wrappers.some((wrapper) => wrapper.kind === 'call' && wrapperCatches(wrapper, bindings, filename, boundaryWrappers));
}

const NON_HANDLING_MIDDLEWARE_SOURCES = new Set(['@middy/error-logger', '@middy/input-output-logger']);

/** middy middlewares that turn an error into a response. */
function isErrorMiddleware(name: string, bindings: Map<string, Binding>): boolean {
  if (name === 'onError' || name === 'httpErrorHandler') return true;
  const binding = bindings.get(name);
  const source = bindingSource(binding);
  if (source !== undefined) {
    if (NON_HANDLING_MIDDLEWARE_SOURCES.has(source)) return false;
    if (source === '@middy/http-error-handler' || /error-?handler/i.test(source)) return true;
    // A project middleware we do not read: trust its name.
    return source.startsWith('.') && /error|catch|fault/i.test(name);
  }
  // A middleware defined in this file: it handles errors when it has an `onError` hook.
  const definition = binding?.kind === 'function' ? binding.node : binding?.kind === 'variable' ? binding.node.init : undefined;
  return definition ? mentionsErrorHook(definition) : false;
}

/**
 * Whether a wrapper `wrap(fn)` catches what `fn` throws. Wrappers defined in the
 * file or in a relative module are read; a project wrapper that cannot be read is
 * given the benefit of the doubt; package wrappers only count when named in the
 * `boundaryWrappers` option.
 */
function wrapperCatches(wrapper: WrapperInfo, bindings: Map<string, Binding>, filename: string, boundaryWrappers: Set<string>): boolean {
  if (wrapper.name !== undefined && boundaryWrappers.has(wrapper.name)) return true;
  if (wrapper.definition) return functionCatches(wrapper.definition, bindings, filename, 0);
  if (wrapper.importSource !== undefined) {
    if (!wrapper.importSource.startsWith('.')) return false;
    return importedFunctionCatches(filename, wrapper.importSource, wrapper.importedName ?? 'default', 0) ?? true;
  }
  // `const wrap = makeWrapper(opts)`: a project wrapper we cannot follow.
  const callee = unwrapTs(wrapper.call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && bindings.has(callee.name);
}

/** Undefined when the module or export cannot be read. */
function importedFunctionCatches(fromFile: string, source: string, imported: string, depth: number): boolean | undefined {
  const file = resolveLocalModule(fromFile, source);
  const module = file ? loadLocalModule(file) : undefined;
  const found = module ? findExportedFunction(module, imported) : undefined;
  if (!found) return undefined;
  return functionCatches(found.fn, found.module.bindings, found.module.file, depth);
}

/** The wrapper calls one of its function parameters inside a try block (or with `.catch()`), or delegates to a wrapper that does. */
function functionCatches(fn: FunctionNode, bindings: Map<string, Binding>, file: string, depth: number): boolean {
  const params = new Set(fn.params.flatMap(paramName));
  let caught = mentionsErrorHook(fn.body);
  if (!caught && params.size > 0) {
    walk(fn.body, (node) => {
      if (caught) return false;
      if (node.type === AST_NODE_TYPES.TryStatement && node.handler && callsParam(node.block, params)) caught = true;
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(node.callee);
        const handlesRejection = method === 'catch' || (method === 'then' && node.arguments.length >= 2);
        if (handlesRejection && callsParam(node.callee.object, params)) caught = true;
      }
      return undefined;
    });
  }
  if (caught || depth >= MAX_WRAPPER_DEPTH || params.size === 0) return caught;

  // Delegation: `const wrap = (fn) => baseWrap(fn, opts)`.
  walk(fn.body, (node) => {
    if (caught) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (!node.arguments.some((a) => carriesParam(a, params))) return undefined;
    const binding = bindings.get(node.callee.name);
    const local = binding ? functionOf(node.callee, bindings) : undefined;
    if (local && local !== fn) caught = functionCatches(local, bindings, file, depth + 1);
    const imported = localImport(binding);
    // A project module that cannot be read gets the benefit of the doubt, as a directly imported wrapper does.
    if (!caught && imported) caught = importedFunctionCatches(file, imported.source, imported.imported, depth + 1) ?? true;
    return undefined;
  });
  return caught;
}

/** `fn`, or a wrapper call around it (`withLogging(fn)`): composed wrappers delegate `fn` too. */
function carriesParam(node: TSESTree.Node, params: Set<string>): boolean {
  const inner = unwrapTs(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return params.has(inner.name);
  return inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.some((a) => carriesParam(a, params));
}

function paramName(param: TSESTree.Parameter): string[] {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return target.type === AST_NODE_TYPES.Identifier ? [target.name] : [];
}

/** A call of `fn(...)`, `fn.call(...)` or `fn.apply(...)` for a parameter `fn`. */
function callsParam(node: TSESTree.Node, params: Set<string>): boolean {
  let found = false;
  walk(node, (current) => {
    if (found) return false;
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    let callee = unwrapTs(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['call', 'apply'].includes(propertyName(callee) ?? '')) {
      callee = unwrapTs(callee.object);
    }
    if (callee.type === AST_NODE_TYPES.Identifier && params.has(callee.name)) found = true;
    return undefined;
  });
  return found;
}

/** `onError` hooks or `httpErrorHandler()` inside a wrapper or middleware definition. */
function mentionsErrorHook(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (current) => {
    if (found) return false;
    if (
      (current.type === AST_NODE_TYPES.Property || current.type === AST_NODE_TYPES.MethodDefinition) &&
      keyName(current) === 'onError'
    ) {
      found = true;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(current);
      if (name === 'httpErrorHandler' || name === 'onError') found = true;
    }
    return undefined;
  });
  return found;
}

// ---------------------------------------------------------------------------
// Unguarded operations

/** Array methods that call their callback synchronously: a throw inside escapes through the call. */
const SYNC_CALLBACK_METHODS = new Set([
  'map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort',
]);
const POWERTOOLS_EVENT_HANDLER = '@aws-lambda-powertools/event-handler';

interface Guard {
  /** Inside the block of a try statement that has a catch clause. */
  tried: boolean;
  /** Inside a catch clause or finally block: awaits there are error handling, not the happy path. */
  handling: boolean;
}

function checkUnguardedOperations(context: Context, handler: HandlerInfo, bindings: Map<string, Binding>): void {
  const data = { handler: handler.exportName };
  let awaitReported = false;
  const typeChecker = typeCheckerOf(context);

  const visit = (node: TSESTree.Node, guard: Guard): void => {
    switch (node.type) {
      case AST_NODE_TYPES.TryStatement:
        visit(node.block, { tried: guard.tried || node.handler !== null, handling: guard.handling });
        if (node.handler) visit(node.handler.body, { tried: guard.tried, handling: true });
        if (node.finalizer) visit(node.finalizer, { tried: guard.tried, handling: true });
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        // Nested functions run later (or elsewhere); only synchronous array callbacks run in place.
        if (isSyncArrayCallback(node)) visit(node.body, guard);
        return;
      case AST_NODE_TYPES.AwaitExpression:
        if (!awaitReported && !guard.tried && !guard.handling && awaitCanReject(node.argument, bindings, typeChecker)) {
          awaitReported = true;
          context.report({ node, messageId: 'unguardedAwait', data });
        }
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await && !awaitReported && !guard.tried && !guard.handling) {
          awaitReported = true;
          context.report({ node, messageId: 'unguardedAwait', data });
        }
        break;
      case AST_NODE_TYPES.CallExpression:
        if (!guard.tried && isReportableParse(node)) {
          context.report({ node, messageId: 'unguardedParse', data: { ...data, argument: shortText(context, node.arguments[0]) } });
        }
        break;
      case AST_NODE_TYPES.ThrowStatement:
        if (!guard.tried) {
          const httpError = httpErrorName(node.argument, bindings);
          if (httpError !== undefined) context.report({ node, messageId: 'httpErrorWithoutBoundary', data: { ...data, error: httpError } });
          else context.report({ node, messageId: 'unguardedThrow', data });
        }
        break;
      default:
        break;
    }
    for (const child of childNodes(node)) visit(child, guard);
  };

  visit(handler.fn.body, { tried: false, handling: false });
}

function isSyncArrayCallback(fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapTs(parent.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && SYNC_CALLBACK_METHODS.has(propertyName(callee) ?? '');
}

function isReportableParse(call: TSESTree.CallExpression): boolean {
  const callee = dottedName(call.callee);
  if (callee !== 'JSON.parse' && callee !== 'globalThis.JSON.parse') return false;
  const argument = call.arguments[0];
  if (!argument || staticString(argument) !== undefined) return false;
  // `JSON.parse(JSON.stringify(x))` is a deep copy of data that is already valid.
  const inner = unwrapTs(argument);
  return !(inner.type === AST_NODE_TYPES.CallExpression && dottedName(inner.callee) === 'JSON.stringify');
}

/** Whether awaiting this expression can throw into the handler. */
function awaitCanReject(
  argument: TSESTree.Expression,
  bindings: Map<string, Binding>,
  typeChecker: TypeChecker | undefined,
): boolean {
  const value = unwrapTs(argument);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapTs(value.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      // The rejection is handled where it is created.
      if (method === 'catch' || (method === 'then' && value.arguments.length >= 2)) return false;
      if (method === 'allSettled' && dottedName(callee.object) === 'Promise') return false;
      // Powertools event-handler routers catch route errors and answer with an error response.
      if (method === 'resolve' && isPowertoolsRouter(callee.object, bindings)) return false;
    }
  }
  // `await new Promise((resolve) => setTimeout(resolve, ms))` has no way to reject.
  if (value.type === AST_NODE_TYPES.NewExpression && dottedName(value.callee) === 'Promise') {
    const executor = value.arguments[0];
    if (executor && isFunctionNode(executor) && executor.params.length < 2) return false;
  }
  if (typeChecker) {
    const thenable = typeChecker(value);
    if (thenable === false) return false;
  }
  return true;
}

function isPowertoolsRouter(node: TSESTree.Node, bindings: Map<string, Binding>): boolean {
  const object = unwrapTs(node);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = bindings.get(object.name);
  if (binding?.kind !== 'variable' || !binding.node.init) return false;
  const init = unwrapTs(binding.node.init);
  if (init.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const source = bindingSource(bindings.get(init.callee.name));
  return source !== undefined && source.startsWith(POWERTOOLS_EVENT_HANDLER);
}

const HTTP_ERROR_SOURCES = new Set(['http-errors', '@middy/util', '@hapi/boom', 'boom']);
const HTTP_ERROR_FACTORIES = /^(?:create(?:Http)?Error|httpErrors?|HttpErrors?|Boom)$/;
const HTTP_ERROR_CLASSES =
  /^(?:Http\w*Error|HTTP\w*Error|\w*HttpError|(?:BadRequest|NotFound|Unauthorized|Forbidden|Conflict|UnprocessableEntity|MethodNotAllowed|TooManyRequests|InternalServer|ServiceUnavailable)(?:Error|Exception)?)$/;

/** The callee of an http-errors style throw (`createError(400)`, `new createHttpError.BadRequest()`, `new NotFoundError()`). */
function httpErrorName(argument: TSESTree.Expression | null, bindings: Map<string, Binding>): string | undefined {
  if (!argument) return undefined;
  const value = unwrapTs(argument);
  if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const callee = unwrapTs(value.callee);
  const root = rootIdentifier(callee);
  const source = root ? bindingSource(bindings.get(root)) : undefined;
  const name = dottedName(callee);
  if (name === undefined) return undefined;
  if (source !== undefined && (HTTP_ERROR_SOURCES.has(source) || source.startsWith(POWERTOOLS_EVENT_HANDLER))) return name;
  if (root !== undefined && HTTP_ERROR_FACTORIES.test(root)) return name;
  const last = name.split('.').pop() ?? name;
  return HTTP_ERROR_CLASSES.test(last) ? name : undefined;
}

function rootIdentifier(node: TSESTree.Node): string | undefined {
  let current = unwrapTs(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrapTs(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

// ---------------------------------------------------------------------------
// catch blocks that answer 2xx

function checkCatchesReturningSuccess(context: Context, handler: HandlerInfo): void {
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) && node !== handler.fn && !isSyncArrayCallback(node)) return;
    if (node.type === AST_NODE_TYPES.CatchClause && !catchIsSelective(node)) {
      for (const statement of node.body.body) {
        const response = successResponse(statement, handler.callbackParam);
        if (response) context.report({ node: response.property, messageId: 'catchReturnsSuccess', data: { handler: handler.exportName, status: response.status } });
      }
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(handler.fn.body);
}

/** A catch that looks at the error or rethrows handles only some errors; a 2xx there is deliberate (idempotent retries). */
function catchIsSelective(clause: TSESTree.CatchClause): boolean {
  let selective = false;
  walk(clause.body, (node) => {
    if (selective) return false;
    if (isFunctionNode(node)) return false;
    if (
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.IfStatement ||
      node.type === AST_NODE_TYPES.SwitchStatement ||
      node.type === AST_NODE_TYPES.ConditionalExpression
    ) {
      selective = true;
    }
    return undefined;
  });
  return selective;
}

/** `return { statusCode: 2xx }` or `callback(null, { statusCode: 2xx })` as a statement of the catch block. */
function successResponse(statement: TSESTree.Statement, callbackParam: string | undefined): { property: TSESTree.Property; status: string } | undefined {
  let response: TSESTree.Node | undefined;
  if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) response = statement.argument;
  if (
    callbackParam !== undefined &&
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.CallExpression &&
    statement.expression.callee.type === AST_NODE_TYPES.Identifier &&
    statement.expression.callee.name === callbackParam
  ) {
    response = statement.expression.arguments[1];
  }
  const object = response ? unwrapTs(response) : undefined;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || keyName(property) !== 'statusCode') continue;
    const value = unwrapTs(property.value);
    const status = value.type === AST_NODE_TYPES.Literal ? Number(value.value) : Number.NaN;
    if (status >= 200 && status < 300) return { property, status: String(status) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// helpers

type TypeChecker = (node: TSESTree.Node) => boolean | undefined;

/** With type information: false when the awaited value's type has no `then` (awaiting it cannot reject). */
function typeCheckerOf(context: Context): TypeChecker | undefined {
  const services = context.sourceCode.parserServices;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  return (node) => {
    try {
      const checker = program.getTypeChecker();
      const tsNode = map.get(node as never);
      if (!tsNode) return undefined;
      const type = checker.getTypeAtLocation(tsNode);
      // TypeFlags.Any | TypeFlags.Unknown: could be a promise.
      const anyOrUnknown = 1 | 2;
      if (type.getFlags() & anyOrUnknown) return undefined;
      const parts = type.isUnion() ? type.types : [type];
      return parts.some((part) => (part.getFlags() & anyOrUnknown) !== 0 || checker.getPropertyOfType(part, 'then') !== undefined);
    } catch {
      return undefined;
    }
  };
}

function shortText(context: Context, node: TSESTree.Node | undefined): string {
  if (!node) return '';
  const text = context.sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
