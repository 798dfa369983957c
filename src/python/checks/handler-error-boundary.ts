import type { Node } from 'web-tree-sitter';
import { isHttpTrigger } from '../../model/trigger.js';
import {
  callee,
  catchesEverything,
  decoratorsOf,
  dottedName,
  exceptClauses,
  functionBody,
  importBindings,
  isCaught,
  isFunction,
  moduleFunctions,
  namedChildren,
  parameterNames,
  positionalArguments,
  qualifiedName,
  responseStatus,
  stringValue,
  walk,
  type ImportBinding,
} from '../ast.js';
import { handlerFunctions, type HandlerFunction } from './handler-scope.js';
import type { PythonCheck, PythonCheckContext } from './types.js';

const JSON_PARSERS = new Set(['json.loads', 'simplejson.loads', 'ujson.loads', 'orjson.loads']);
const JSON_ERRORS: ReadonlySet<string> = new Set(['ValueError', 'JSONDecodeError', 'TypeError', 'JSONDecodeError']);
const LOOKUP_ERRORS: ReadonlySet<string> = new Set(['KeyError', 'LookupError', 'TypeError', 'IndexError', 'ValueError']);

/** Request maps that can be absent or None: subscripting a key of them raises when the client leaves it out. */
const CLIENT_MAPS = new Set(['queryStringParameters', 'multiValueQueryStringParameters', 'headers', 'multiValueHeaders', 'stageVariables']);
/**
 * Keys that HTTP API (payload 2.0) and function URL events leave out when the request has none (REST
 * and ALB events carry them as null). `pathParameters` is left out: the route guarantees its parameters.
 */
const OMITTED_KEYS = new Set(['body', 'queryStringParameters', 'multiValueQueryStringParameters', 'cookies', 'stageVariables']);

/** Headers every request through API Gateway or an ALB carries (the client's Host, and those the service adds). */
const ALWAYS_PRESENT_HEADER = /^(?:host|x-forwarded-(?:for|proto|port)|x-amzn-[\w-]+)$/i;

/** Exceptions that frameworks turn into an HTTP response with their status (Powertools, Chalice, werkzeug). */
const HTTP_ERROR_CLASSES =
  /^(?:\w*HTTPException|\w*HttpError|\w*HTTPError|ServiceError|(?:BadRequest|NotFound|Unauthorized|Forbidden|Conflict|UnprocessableEntity|MethodNotAllowed|TooManyRequests|RequestTimeout|InternalServer|ServiceUnavailable|RequestEntityTooLarge)(?:Error|Exception)?)$/;
const HTTP_ERROR_PACKAGES = new Set(['aws_lambda_powertools', 'chalice', 'werkzeug', 'fastapi', 'starlette', 'falcon']);
/** Decorator packages that wrap a handler without turning errors into responses. */
const NON_BOUNDARY_PACKAGES = new Set(['aws_lambda_powertools', 'functools', 'aws_xray_sdk', 'sentry_sdk', 'datadog_lambda', 'epsagon', 'thundra']);

export const handlerErrorBoundary: PythonCheck = {
  run(context) {
    const http = handlerFunctions(context).filter(({ handler }) => handler.triggers.some(isHttpTrigger));
    if (http.length === 0) return;
    const bindings = importBindings(context.root);
    const functions = moduleFunctions(context.root);
    for (const owner of http) {
      checkCatchesReturningSuccess(context, owner);
      if (hasBoundary(context.root, owner.fn, bindings, functions)) continue;
      checkUnguarded(context, owner, bindings);
    }
  },
};

/**
 * A decorator that may catch: one defined in this module with a broad `except`, one imported from a
 * local module or a package that is not known to only wrap (benefit of the doubt, as for JavaScript
 * wrappers that cannot be read), or a Chalice app's.
 */
function hasBoundary(root: Node, fn: Node, bindings: Map<string, ImportBinding>, functions: Map<string, Node>): boolean {
  for (const decorator of decoratorsOf(fn)) {
    const target = decorator.type === 'call' ? callee(decorator) : decorator;
    const name = dottedName(target);
    if (name === undefined) continue;
    const rootName = name.split('.')[0];
    const local = functions.get(rootName);
    if (local) {
      if (catchesBroadly(local)) return true;
      continue;
    }
    const binding = bindings.get(rootName);
    const origin = binding?.package ?? packageOfInstance(root, rootName, bindings);
    if (origin === undefined) continue;
    if (!NON_BOUNDARY_PACKAGES.has(origin)) return true;
  }
  return false;
}

/** Package of the class a module variable is made from: `logger = Logger()` -> aws_lambda_powertools. */
function packageOfInstance(root: Node, name: string, bindings: Map<string, ImportBinding>): string | undefined {
  for (const statement of namedChildren(root)) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== name) continue;
    const value = assignment.childForFieldName('right');
    if (value?.type !== 'call') continue;
    const qualified = qualifiedName(callee(value), bindings);
    if (qualified !== undefined) return qualified.split('.')[0];
  }
  return undefined;
}

function catchesBroadly(fn: Node): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === 'try_statement' && exceptClauses(node).some(catchesEverything)) found = true;
    return undefined;
  });
  return found;
}

/** Nodes of the handler's own flow: not nested defs or lambdas (they run later, or elsewhere). */
function walkOwnFlow(fn: Node, visit: (node: Node) => boolean | void): void {
  const body = functionBody(fn);
  if (!body) return;
  walk(body, (node) => {
    if (isFunction(node) || node.type === 'class_definition' || node.type === 'decorated_definition') return false;
    return visit(node);
  });
}

function checkUnguarded(context: PythonCheckContext, owner: HandlerFunction, bindings: Map<string, ImportBinding>): void {
  const { fn, handler } = owner;
  const params = parameterNames(fn);
  const event = params[0];
  const aliases = eventAliases(fn, event);
  const omittedKeysRaise = handler.triggers.some((t) => t === 'http-api' || t === 'function-url');
  let subscriptReported = false;
  const parsed: Node[] = [];

  walkOwnFlow(fn, (node) => {
    if (node.type === 'call') {
      const name = qualifiedName(callee(node), bindings);
      if (name === undefined || !JSON_PARSERS.has(name)) return undefined;
      const argument = positionalArguments(node)[0];
      if (!argument || stringValue(argument) !== undefined) return undefined;
      // `json.loads(json.dumps(x))` is a deep copy of data that is already valid.
      if (argument.type === 'call' && /(?:^|\.)dumps$/.test(callee(argument)?.text ?? '')) return undefined;
      if (isCaught(node, fn, JSON_ERRORS)) return undefined;
      parsed.push(argument);
      context.report({
        messageId: 'unguardedJsonLoads',
        node,
        data: { call: callee(node)?.text ?? name, argument: shortText(argument), handler: handler.name },
      });
      return undefined;
    }
    if (node.type === 'raise_statement') {
      if (isCaught(node, fn)) return undefined;
      const error = httpErrorName(node, bindings);
      if (error !== undefined) context.report({ messageId: 'httpErrorWithoutBoundary', node, data: { error, handler: handler.name } });
      else context.report({ messageId: 'unguardedThrow', node, data: { handler: handler.name } });
      return undefined;
    }
    if (node.type === 'subscript' && !subscriptReported && event !== undefined) {
      const keys = requestKeys(node, event, aliases);
      if (!keys || !isOutermost(node) || isAssignedTo(node)) return undefined;
      const clientKey = keys.length >= 2 && CLIENT_MAPS.has(keys[0]) && !(keys[0] === 'headers' && ALWAYS_PRESENT_HEADER.test(keys[1]));
      const risky = clientKey || (omittedKeysRaise && OMITTED_KEYS.has(keys[0]));
      if (!risky || isCaught(node, fn, LOOKUP_ERRORS) || parsed.some((p) => contains(p, node)) || isGuarded(node, fn)) return undefined;
      subscriptReported = true;
      context.report({ messageId: 'unguardedSubscript', node, data: { subscript: shortText(node), handler: handler.name } });
    }
    return undefined;
  });
}

/** Names bound to a part of the event: `params = event["queryStringParameters"]` -> params: [queryStringParameters]. */
function eventAliases(fn: Node, event: string | undefined): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  if (event === undefined) return aliases;
  walkOwnFlow(fn, (node) => {
    if (node.type !== 'assignment') return undefined;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'subscript') return undefined;
    const keys = requestKeys(right, event, aliases);
    if (keys) aliases.set(left.text, keys);
    return undefined;
  });
  return aliases;
}

/** The string keys of a subscript chain rooted at the event (or an alias of part of it). */
function requestKeys(node: Node, event: string, aliases: Map<string, string[]>): string[] | undefined {
  const keys: string[] = [];
  let current: Node | null = node;
  while (current?.type === 'subscript') {
    const key = stringValue(current.childForFieldName('subscript'));
    if (key === undefined) return undefined;
    keys.unshift(key);
    current = current.childForFieldName('value');
  }
  if (current?.type !== 'identifier' || keys.length === 0) return undefined;
  if (current.text === event) return keys;
  const alias = aliases.get(current.text);
  return alias ? [...alias, ...keys] : undefined;
}

function isOutermost(node: Node): boolean {
  const parent = node.parent;
  return !(parent?.type === 'subscript' && parent.childForFieldName('value')?.id === node.id);
}

function isAssignedTo(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'delete_statement') return true;
  return (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.childForFieldName('left')?.id === node.id;
}

/** Inside an `if`, conditional expression or `and`/`or` whose condition looks at the same map or key. */
function isGuarded(node: Node, fn: Node): boolean {
  const value = node.childForFieldName('value');
  const key = node.childForFieldName('subscript')?.text;
  const probes = [value?.text, key].filter((p): p is string => p !== undefined);
  let child: Node = node;
  for (let current = node.parent; current && current.id !== fn.id; child = current, current = current.parent) {
    let condition: Node | null = null;
    if (current.type === 'if_statement' || current.type === 'elif_clause' || current.type === 'while_statement') condition = current.childForFieldName('condition');
    else if (current.type === 'conditional_expression') condition = namedChildren(current)[1] ?? null;
    else if (current.type === 'boolean_operator') condition = current.childForFieldName('left');
    if (condition && condition.id !== child.id && probes.some((p) => condition.text.includes(p))) return true;
    // `else` of an `if` that tested it.
    if (current.type === 'else_clause' && current.parent?.type === 'if_statement') {
      const test = current.parent.childForFieldName('condition');
      if (test && probes.some((p) => test.text.includes(p))) return true;
    }
  }
  return false;
}

function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The raised class when it is an HTTP error a framework would turn into a response: `raise BadRequestError("...")`. */
function httpErrorName(raise: Node, bindings: Map<string, ImportBinding>): string | undefined {
  const value = namedChildren(raise)[0];
  if (!value) return undefined;
  const target = value.type === 'call' ? callee(value) : value;
  const name = dottedName(target);
  if (name === undefined) return undefined;
  const qualified = qualifiedName(target, bindings);
  if (qualified !== undefined && HTTP_ERROR_PACKAGES.has(qualified.split('.')[0])) return name;
  return HTTP_ERROR_CLASSES.test(name.split('.').pop() ?? name) ? name : undefined;
}

// ---------------------------------------------------------------------------
// except clauses that answer 2xx

function checkCatchesReturningSuccess(context: PythonCheckContext, owner: HandlerFunction): void {
  walkOwnFlow(owner.fn, (node) => {
    if (node.type !== 'except_clause' || !catchesEverything(node) || isSelective(node)) return undefined;
    const block = namedChildren(node).find((c) => c.type === 'block');
    for (const statement of block ? namedChildren(block) : []) {
      if (statement.type !== 'return_statement') continue;
      const value = namedChildren(statement)[0];
      const response = value ? responseStatus(value) : undefined;
      if (response && response.status >= 200 && response.status < 300) {
        context.report({ messageId: 'catchReturnsSuccess', node: response.node, data: { handler: owner.handler.name, status: String(response.status) } });
      }
    }
    return undefined;
  });
}

/** An except body that looks at the error or re-raises handles only some errors; a 2xx there is deliberate. */
function isSelective(clause: Node): boolean {
  let selective = false;
  walk(clause, (node) => {
    if (selective || isFunction(node)) return false;
    if (['raise_statement', 'if_statement', 'match_statement', 'conditional_expression'].includes(node.type)) selective = true;
    return undefined;
  });
  return selective;
}

function shortText(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
