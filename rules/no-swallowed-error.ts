import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { isPerRecordCatch } from '../src/batch-records.js';
import { catchCallSite, catchClauseSite, swallowKind, SWALLOW_TEXT, type CatchSite } from '../src/catch-analysis.js';
import { createRule } from '../src/rule-creator.js';
import { enclosingHandler, isFunctionNode, isNullishValue, keyName, unwrapTs, walk, type FunctionNode, type HandlerInfo } from '../src/handlers/index.js';
import { isNonSyncTrigger, type TriggerKind } from '../src/model/trigger.js';
import { triggerName } from '../src/config-rule-helpers.js';
import { nameList } from '../src/name-list.js';

type MessageIds = 'swallowedError' | 'statusCodeResponse';

export default createRule<[], MessageIds>({
  name: 'no-swallowed-error',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow catch blocks that only log in handlers invoked asynchronously or by queues and streams, where a swallowed error means no retry and no dead-letter queue',
      recommended: 'warn',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
      ],
    },
    messages: {
      swallowedError:
        "This catch {{what}} and the {{trigger}} handler returns normally: Lambda counts a success, so the event is never retried or sent to a DLQ.",
      statusCodeResponse:
        "Returning a statusCode from this {{trigger}} handler is a success: nothing reads it, so the event is never retried or sent to a DLQ.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;

    /** The handler running `node` when all its known triggers invoke it asynchronously or by polling; unknown triggers are skipped. */
    function nonSyncOwner(node: TSESTree.Node): { handler: HandlerInfo; fn: FunctionNode } | undefined {
      const owner = enclosingHandler(context, node);
      if (!owner) return undefined;
      const triggers = owner.handler.triggers;
      if (triggers.length === 0 || !triggers.every(isNonSyncTrigger)) return undefined;
      return owner;
    }

    function check(site: CatchSite): void {
      const owner = nonSyncOwner(site.node);
      if (!owner) return;
      // A catch inside a loop over the records of a batch handler belongs to report-batch-item-failures.
      if (isPerRecordCatch(owner.handler, site.node, sourceCode)) return;
      const kind = swallowKind(site, sourceCode, owner.handler.callbackParam);
      if (!kind) return;
      if (throwsLater(site.node) || inFinally(site.node)) return;
      context.report({
        node: site.node,
        messageId: 'swallowedError',
        data: { what: SWALLOW_TEXT[kind], trigger: triggerNames(owner.handler.triggers) },
      });
    }

    /** `catch (e) { return { statusCode: 500 } }` directly in the handler: a success for an event source. */
    function checkStatusCode(clause: TSESTree.CatchClause): void {
      const owner = nonSyncOwner(clause);
      if (!owner || owner.fn !== owner.handler.fn || isPerRecordCatch(owner.handler, clause, sourceCode)) return;
      const callback = owner.handler.callbackParam;
      walk(clause.body, (node) => {
        if (isFunctionNode(node)) return false;
        let response: TSESTree.Node | undefined;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) response = node.argument;
        if (
          callback !== undefined &&
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.Identifier &&
          node.callee.name === callback &&
          (node.arguments[0] === undefined || isNullishValue(node.arguments[0]))
        ) {
          response = node.arguments[1];
        }
        if (response && isStatusCodeObject(response)) {
          context.report({ node, messageId: 'statusCodeResponse', data: { trigger: triggerNames(owner.handler.triggers) } });
        }
        return undefined;
      });
    }

    return {
      CatchClause(node) {
        check(catchClauseSite(node));
        checkStatusCode(node);
      },
      CallExpression(node) {
        const site = catchCallSite(node);
        if (site) check(site);
      },
    };
  },
});

/** A `throw` after the try statement (or `.catch` call) in the same function: the error still fails the invocation. */
function throwsLater(node: TSESTree.Node): boolean {
  const start = node.type === AST_NODE_TYPES.CatchClause && node.parent ? node.parent : node;
  let fn: TSESTree.Node | undefined;
  for (let current = start.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      fn = current;
      break;
    }
  }
  if (!fn || !isFunctionNode(fn)) return false;
  const after = start.range[1];
  let found = false;
  walk(fn.body, (current) => {
    if (found) return false;
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.ThrowStatement && current.range[0] >= after) found = true;
    return undefined;
  });
  return found;
}

/** Cleanup in a `finally` block: the try/catch it follows decides the outcome, not the cleanup. */
function inFinally(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
  }
  return false;
}

function isStatusCodeObject(node: TSESTree.Node): boolean {
  const value = unwrapTs(node);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const keys = value.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [keyName(p)] : []));
  return keys.includes('statusCode') && !keys.includes('batchItemFailures');
}

/** `SQS and EventBridge`: the handler's triggers as the AWS services are written. */
function triggerNames(triggers: readonly TriggerKind[]): string {
  return nameList(triggers.map(triggerName));
}
