import type { Node } from 'web-tree-sitter';
import { SWALLOW_TEXT } from '../../catch-analysis.js';
import { triggerName } from '../../config-rule-helpers.js';
import { isNonSyncTrigger, type TriggerKind } from '../../model/trigger.js';
import { descendants, dictEntries, functionBody, isFunction, namedChildren, walk } from '../ast.js';
import { handlerScope, ownerOf } from './handler-scope.js';
import { batchTriggers, enclosingRecordsLoop, swallowKind } from './records.js';
import type { PythonCheck } from './types.js';

/**
 * Except clauses that swallow the error in handlers whose callers all invoke asynchronously or poll
 * (the event is then not retried and never reaches a DLQ). Per-record catches of batch handlers are
 * `report-batch-item-failures`' findings.
 */
export const noSwallowedError: PythonCheck = {
  run(context) {
    const scope = handlerScope(context);
    if (scope.size === 0) return;
    for (const node of descendants(context.root, ['except_clause', 'except_group_clause'])) {
      const owned = ownerOf(node, scope);
      if (!owned) continue;
      const triggers = owned.owner.handler.triggers;
      if (triggers.length === 0 || !triggers.every(isNonSyncTrigger)) continue;
      const perRecord = batchTriggers(triggers).length > 0 && enclosingRecordsLoop(node, owned.fn) !== undefined;
      if (perRecord) continue;
      const trigger = triggerNames(triggers);
      const kind = swallowKind(node);
      if (kind && !raisesLater(node, owned.fn) && !inFinally(node, owned.fn)) {
        context.report({ messageId: 'swallowedError', node, data: { what: SWALLOW_TEXT[kind], trigger } });
      }
      if (owned.fn.id === owned.owner.fn.id) {
        for (const response of statusCodeReturns(node)) context.report({ messageId: 'statusCodeResponse', node: response, data: { trigger } });
      }
    }
  },
};

/** A `raise` after the try statement in the same function: the error still fails the invocation. */
function raisesLater(clause: Node, fn: Node): boolean {
  const tryStatement = clause.parent;
  const after = tryStatement?.endIndex ?? clause.endIndex;
  let found = false;
  const body = functionBody(fn);
  if (!body) return false;
  walk(body, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type === 'raise_statement' && node.startIndex >= after) found = true;
    return undefined;
  });
  return found;
}

function inFinally(node: Node, fn: Node): boolean {
  for (let current = node.parent; current && current.id !== fn.id; current = current.parent) if (current.type === 'finally_clause') return true;
  return false;
}

/** `return {"statusCode": 500, ...}` in the except clause (not in nested defs): a success for an event source. */
function statusCodeReturns(clause: Node): Node[] {
  const found: Node[] = [];
  walk(clause, (node) => {
    if (isFunction(node)) return false;
    if (node.type !== 'return_statement') return undefined;
    const value = namedChildren(node)[0];
    const keys = value ? dictEntries(value).map((e) => e.key) : [];
    if (keys.includes('statusCode') && !keys.includes('batchItemFailures')) found.push(node);
    return undefined;
  });
  return found;
}

/** `SQS and EventBridge`: the handler's triggers as the AWS services are written (as the JavaScript rule shows them). */
function triggerNames(triggers: readonly TriggerKind[]): string {
  const names = [...new Set(triggers.map(triggerName))];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
