import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { dottedName, isFunctionNode, isNullishValue, propertyName, unwrapTs, walk } from './handlers/ast-utils.js';

/**
 * How an error handler disposes of the error, as far as the invocation's outcome is concerned.
 * Shared by `no-swallowed-error` and `report-batch-item-failures`, so both agree on what
 * "swallowed" means.
 */
export type SwallowKind = 'empty' | 'logs' | 'succeeds';

/** The `{{what}}` of the swallowed-error messages, shared by every rule and language that reports one. */
export const SWALLOW_TEXT: Record<SwallowKind, string> = {
  empty: 'is empty',
  logs: 'only logs the error',
  succeeds: 'calls back without the error',
};

/** A place where an error is caught: a `catch` clause, or a `.catch(fn)` callback. */
export interface CatchSite {
  /** The node to report: the CatchClause, or the `.catch(...)` call. */
  node: TSESTree.CatchClause | TSESTree.CallExpression;
  /** The code that runs with the error; undefined when it is a bare reference (`.catch(console.error)`). */
  body: TSESTree.BlockStatement | TSESTree.Expression | undefined;
  /** Set when the error goes straight to a logging function: `.catch(console.error)`. */
  logReference?: boolean;
}

const LOGGER_SEGMENTS = /^(?:console|logger|log|Logger|LOGGER|LOG|_logger|log4js|winston|pino)$/;
const LOG_FUNCTION = /^(?:log|logError|logErr|logWarn|logWarning|logException)$/;
/** Error-reporting SDKs: they record the error but do not fail the invocation. */
const REPORTER_METHODS = /^(?:captureException|captureMessage|captureError|notify|noticeError|recordException)$/;
/** Calls that only reshape a value (message building before logging). */
const PURE_CALLS = new Set(['String', 'Number', 'Boolean', 'JSON.stringify', 'Object.keys', 'Object.entries', 'inspect', 'util.inspect']);
const PURE_METHODS = new Set(['toString', 'toJSON', 'join', 'slice', 'substring', 'trim', 'toLowerCase', 'toUpperCase', 'map', 'filter']);

/** `console.error(..)`, `logger.warn(..)`, `this.logger.error(..)`, `log(..)`, `Sentry.captureException(..)`. */
export function isLogCallee(callee: TSESTree.Node): boolean {
  const target = unwrapTs(callee);
  if (target.type === AST_NODE_TYPES.Identifier) return LOG_FUNCTION.test(target.name) || REPORTER_METHODS.test(target.name);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(target);
  if (method !== undefined && REPORTER_METHODS.test(method)) return true;
  const object = dottedName(target.object);
  if (object === undefined) return false;
  return object.split('.').some((segment) => LOGGER_SEGMENTS.test(segment));
}

function isLogCall(node: TSESTree.Node): boolean {
  let expression = unwrapTs(node);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrapTs(expression.argument);
  if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') expression = unwrapTs(expression.argument);
  return expression.type === AST_NODE_TYPES.CallExpression && isLogCallee(expression.callee);
}

/** True when evaluating the expression has no effect besides building a value (no calls that do work, no assignments). */
function isPureExpression(node: TSESTree.Node): boolean {
  let pure = true;
  walk(node, (current) => {
    if (!pure) return false;
    if (isFunctionNode(current)) return false;
    if (
      current.type === AST_NODE_TYPES.AssignmentExpression ||
      current.type === AST_NODE_TYPES.UpdateExpression ||
      current.type === AST_NODE_TYPES.AwaitExpression ||
      current.type === AST_NODE_TYPES.NewExpression ||
      current.type === AST_NODE_TYPES.YieldExpression
    ) {
      pure = false;
      return false;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(current.callee);
      const method = current.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(current.callee) : undefined;
      if (!(name !== undefined && PURE_CALLS.has(name)) && !(method !== undefined && PURE_METHODS.has(method)) && !isLogCallee(current.callee)) {
        pure = false;
        return false;
      }
    }
    return undefined;
  });
  return pure;
}

interface StatementScan {
  onlyLogs: boolean;
  logged: boolean;
  /** The handler's callback parameter: `callback()` with no error ends the invocation as a success. */
  successCallback: string | undefined;
  calledBack: boolean;
}

/** `callback()`, `callback(null)`: the invocation ends as a success. A result argument is a value the caller acts on. */
function isEmptySuccessCall(node: TSESTree.Node, callback: string | undefined): boolean {
  if (callback === undefined) return false;
  const call = unwrapTs(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapTs(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== callback) return false;
  return call.arguments.every(isNullishValue);
}

/** Whether every statement only logs, builds a message, or leaves (`return;`, `continue`, `break`). */
function scanStatements(statements: TSESTree.Statement[], scan: StatementScan): void {
  for (const statement of statements) {
    if (!scan.onlyLogs) return;
    switch (statement.type) {
      case AST_NODE_TYPES.EmptyStatement:
      case AST_NODE_TYPES.ContinueStatement:
      case AST_NODE_TYPES.BreakStatement:
        break;
      case AST_NODE_TYPES.ReturnStatement:
        // `return;` ends the function normally; a returned value goes to the caller, who may act on it.
        if (statement.argument && isEmptySuccessCall(statement.argument, scan.successCallback)) scan.calledBack = true;
        else if (statement.argument) scan.onlyLogs = false;
        break;
      case AST_NODE_TYPES.ExpressionStatement:
        if (isLogCall(statement.expression)) scan.logged = true;
        else if (isEmptySuccessCall(statement.expression, scan.successCallback)) scan.calledBack = true;
        else scan.onlyLogs = false;
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) {
          if (declarator.init && !isPureExpression(declarator.init)) scan.onlyLogs = false;
        }
        break;
      case AST_NODE_TYPES.BlockStatement:
        scanStatements(statement.body, scan);
        break;
      case AST_NODE_TYPES.IfStatement:
        if (!isPureExpression(statement.test)) {
          scan.onlyLogs = false;
          break;
        }
        scanStatements([statement.consequent], scan);
        if (statement.alternate) scanStatements([statement.alternate], scan);
        break;
      default:
        scan.onlyLogs = false;
    }
  }
}

/**
 * 'empty' when the handler does nothing, 'logs' when it only logs (or reports to an error tracker)
 * and then lets execution continue, 'succeeds' when it ends the invocation with `callback()` (given
 * the handler's callback parameter) after at most logging; undefined when it does anything else
 * (rethrows, returns a value, records the failure, calls back with an error or a result, sets a
 * flag). An empty block holding a comment is taken as a deliberate choice (as ESLint's no-empty
 * does) and is not swallowed.
 */
export function swallowKind(
  site: CatchSite,
  sourceCode: Readonly<TSESLint.SourceCode>,
  successCallback?: string,
): SwallowKind | undefined {
  if (site.logReference) return 'logs';
  const body = site.body;
  if (!body) return undefined;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    if (body.body.length === 0) return sourceCode.getCommentsInside(body).length > 0 ? undefined : 'empty';
    const scan: StatementScan = { onlyLogs: true, logged: false, successCallback, calledBack: false };
    scanStatements(body.body, scan);
    if (!scan.onlyLogs) return undefined;
    if (scan.calledBack) return 'succeeds';
    return scan.logged ? 'logs' : 'empty';
  }
  if (isLogCall(body)) return 'logs';
  if (isEmptySuccessCall(body, successCallback)) return 'succeeds';
  const value = unwrapTs(body);
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return 'empty';
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void' && isPureExpression(value.argument)) return 'empty';
  return undefined;
}

/** The catch site of a `promise.catch(fn)` call; undefined for other calls. */
export function catchCallSite(call: TSESTree.CallExpression): CatchSite | undefined {
  const callee = unwrapTs(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'catch') return undefined;
  const argument = call.arguments[0];
  if (!argument) return undefined;
  const handler = unwrapTs(argument);
  if (isFunctionNode(handler)) {
    return { node: call, body: handler.body as TSESTree.BlockStatement | TSESTree.Expression };
  }
  if (handler.type === AST_NODE_TYPES.MemberExpression && isLogCallee(handler)) return { node: call, body: undefined, logReference: true };
  return undefined;
}

/** The catch site of a catch clause. */
export function catchClauseSite(clause: TSESTree.CatchClause): CatchSite {
  return { node: clause, body: clause.body };
}
