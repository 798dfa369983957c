import type { Node } from 'web-tree-sitter';
import { triggerName } from '../../config-rule-helpers.js';
import { callee, descendants, positionalArguments, stringValue, walk } from '../ast.js';
import { handlerScope, ownerOf, type HandlerFunction } from './handler-scope.js';
import { batchTriggers } from './records.js';
import type { PythonCheck } from './types.js';

/** How deep `records = event["Records"]; first = records; first[0]` is followed. */
const MAX_ALIAS_DEPTH = 3;

/**
 * The Python visitor of `process-all-records`: a batch handler whose only uses of the records are
 * `event["Records"][0]` (also `event.get("Records")[0]`, or `records[0]` after `records =
 * event["Records"]`). Any other use (a loop, `len(...)` in a guard, handing the list to a helper,
 * an unpacking such as `record, = ...` that raises on a larger batch) means the batch is handled.
 */
export const processAllRecords: PythonCheck = {
  run(context) {
    if (context.handlers.every((h) => batchTriggers(h.triggers).length === 0)) return;
    const scope = handlerScope(context);
    if (scope.size === 0) return;
    const uses = new Map<HandlerFunction, { first: Node[]; other: boolean }>();
    for (const node of descendants(context.root, ['subscript', 'call', 'attribute'])) {
      if (!isRecordsAccess(node)) continue;
      const owned = ownerOf(node, scope);
      if (!owned || batchTriggers(owned.owner.handler.triggers).length === 0) continue;
      const entry = uses.get(owned.owner) ?? { first: [], other: false };
      classify(node, owned.fn, entry, 0);
      uses.set(owned.owner, entry);
    }
    for (const [owner, entry] of uses) {
      if (entry.other || entry.first.length === 0) continue;
      // From the deploy config (AWS default when unset); a batch size of 1 makes Records[0] the whole batch.
      const batch = owner.handler.maxBatchSize;
      if (batch === undefined || batch <= 1) continue;
      context.report({
        messageId: 'firstRecordOnly',
        node: entry.first[0],
        data: { trigger: batchTriggers(owner.handler.triggers).map(triggerName).join('/'), batch },
      });
    }
  },
};

/** `x["Records"]`, `x.get("Records"[, default])`, `x.Records` / `x.records` (Powertools data classes). */
function isRecordsAccess(node: Node): boolean {
  switch (node.type) {
    case 'subscript':
      return stringValue(node.childForFieldName('subscript')) === 'Records';
    case 'call': {
      const target = callee(node);
      return target?.type === 'attribute' && target.childForFieldName('attribute')?.text === 'get' && stringValue(positionalArguments(node)[0]) === 'Records';
    }
    case 'attribute': {
      const name = node.childForFieldName('attribute')?.text;
      return name === 'Records' || name === 'records';
    }
    default:
      return false;
  }
}

/** Records how the list of records (`node`) is used: its first element only, or otherwise. */
function classify(node: Node, fn: Node, entry: { first: Node[]; other: boolean }, depth: number): void {
  let current = node;
  // `(event.get("Records") or [])[0]`: the fallback does not change what is read.
  for (;;) {
    const parent = current.parent;
    if (parent?.type === 'parenthesized_expression') current = parent;
    else if (parent?.type === 'boolean_operator' && parent.childForFieldName('left')?.id === current.id) current = parent;
    else break;
  }
  const parent = current.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === current.id) {
    const index = parent.childForFieldName('subscript');
    if (index?.type === 'integer' && Number(index.text) === 0) entry.first.push(node);
    else entry.other = true;
    return;
  }
  // `records = event["Records"]`: its uses decide.
  const target = parent?.type === 'assignment' && parent.childForFieldName('right')?.id === current.id ? parent.childForFieldName('left') : undefined;
  if (target?.type === 'identifier' && depth < MAX_ALIAS_DEPTH) {
    for (const use of nameUses(fn, target)) classify(use, fn, entry, depth + 1);
    return;
  }
  entry.other = true;
}

/** Reads of the name `target` binds, in `fn` (nested functions too: they close over it). */
function nameUses(fn: Node, target: Node): Node[] {
  const uses: Node[] = [];
  walk(fn, (node) => {
    if (node.type !== 'identifier' || node.text !== target.text || node.id === target.id) return undefined;
    const parent = node.parent;
    // `obj.records`, `f(records=...)`: a different name that is spelled the same.
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return undefined;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return undefined;
    // Another binding of the name (`records = []`): not a read of this list.
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return undefined;
    uses.push(node);
    return undefined;
  });
  return uses;
}
