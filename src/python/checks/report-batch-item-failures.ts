import type { Node } from 'web-tree-sitter';
import { SWALLOW_TEXT } from '../../catch-analysis.js';
import { ITEM_IDENTIFIER, NEVER_IDENTIFIERS, SOURCE_IDENTIFIERS } from '../../batch-records.js';
import type { TriggerKind } from '../../model/trigger.js';
import { callee, descendants, dictEntries, dottedName, exceptClauses, importBindings, isCaught, namedChildren, positionalArguments, stringValue } from '../ast.js';
import { handlerScope, ownerOf, type HandlerScope } from './handler-scope.js';
import { batchTriggers, enclosingRecordsLoop, pythonIdentifierExample, swallowKind } from './records.js';
import type { PythonCheck, PythonCheckContext } from './types.js';

/** Powertools batch utilities turn a raising record handler into an item failure. */
const POWERTOOLS_BATCH = 'aws_lambda_powertools.utilities.batch';
const FAILURES_LIST = /^(?:batch_?item_?failures|batchItemFailures|item_?failures|failed_?items|failures)$/i;

export const reportBatchItemFailures: PythonCheck = {
  run(context) {
    const scope = handlerScope(context);
    if (scope.size === 0) return;
    const bindings = importBindings(context.root);
    const powertools = [...bindings.values()].some((b) => b.qualified.startsWith(POWERTOOLS_BATCH));
    for (const node of descendants(context.root, ['except_clause', 'raise_statement', 'pair', 'call'])) {
      if (node.type === 'except_clause') checkExcept(context, scope, node);
      else if (node.type === 'raise_statement' && !powertools) checkRaise(context, scope, node);
      else if (node.type === 'pair' && stringValue(node.childForFieldName('key')) === 'itemIdentifier') checkIdentifier(context, scope, node);
      else if (node.type === 'pair' && stringValue(node.childForFieldName('key')) === 'batchItemFailures') checkFailureList(context, scope, node);
      else if (node.type === 'call') checkAppend(context, scope, node);
    }
  },
};

function batchOwner(node: Node, scope: HandlerScope): { fn: Node; triggers: TriggerKind[]; batchSize?: number } | undefined {
  const owned = ownerOf(node, scope);
  if (!owned) return undefined;
  const triggers = batchTriggers(owned.owner.handler.triggers);
  return triggers.length > 0 ? { fn: owned.fn, triggers, batchSize: owned.owner.handler.batchSize } : undefined;
}

function checkExcept(context: PythonCheckContext, scope: HandlerScope, clause: Node): void {
  const owner = batchOwner(clause, scope);
  if (!owner || !enclosingRecordsLoop(clause, owner.fn)) return;
  const kind = swallowKind(clause);
  if (!kind) return;
  context.report({
    messageId: 'swallowedRecordError',
    node: clause,
    data: { what: SWALLOW_TEXT[kind], identifier: pythonIdentifierExample(owner.triggers) },
  });
}

function checkRaise(context: PythonCheckContext, scope: HandlerScope, raise: Node): void {
  const owner = batchOwner(raise, scope);
  // With a batch size of 1, failing the invocation fails exactly the one record.
  if (!owner || owner.batchSize === 1) return;
  const loop = enclosingRecordsLoop(raise, owner.fn);
  if (!loop) return;
  // Caught within the iteration: the except clause decides (and is checked on its own).
  if (isCaught(raise, loop)) return;
  // Caught around the loop: a swallowing except there is no-swallowed-error's finding.
  if (isCaught(loop, owner.fn) && aroundLoopSwallows(loop, owner.fn)) return;
  context.report({ messageId: 'throwFailsBatch', node: raise, data: { identifier: pythonIdentifierExample(owner.triggers) } });
}

function aroundLoopSwallows(loop: Node, fn: Node): boolean {
  for (let current = loop.parent; current && current.id !== fn.id; current = current.parent) {
    if (current.type === 'try_statement') return exceptClauses(current).some((clause) => swallowKind(clause) !== undefined);
  }
  return false;
}

/** The record field an identifier value is read from: `record["receiptHandle"]` -> receiptHandle. */
function fieldOf(node: Node): string | undefined {
  if (node.type === 'subscript') return stringValue(node.childForFieldName('subscript'));
  if (node.type === 'call' && ['record.get', 'r.get', 'msg.get', 'message.get'].includes(dottedName(callee(node)) ?? '')) {
    return stringValue(positionalArguments(node)[0]);
  }
  if (node.type === 'call' && callee(node)?.type === 'attribute' && callee(node)?.childForFieldName('attribute')?.text === 'get') {
    return stringValue(positionalArguments(node)[0]);
  }
  return undefined;
}

function checkIdentifier(context: PythonCheckContext, scope: HandlerScope, pair: Node): void {
  const value = pair.childForFieldName('value');
  const field = value ? fieldOf(value) : undefined;
  if (!value || field === undefined) return;
  const owned = ownerOf(pair, scope);
  const triggers = owned ? batchTriggers(owned.owner.handler.triggers) : [];
  const expectedFields = new Set(triggers.flatMap((t) => (ITEM_IDENTIFIER[t] ? [ITEM_IDENTIFIER[t].field] : [])));
  const wrong = NEVER_IDENTIFIERS.has(field) || (expectedFields.size > 0 && SOURCE_IDENTIFIERS.has(field) && !expectedFields.has(field));
  if (!wrong) return;
  const expected =
    triggers.length > 0 ? pythonIdentifierExample(triggers) : 'record["messageId"] (SQS) or the sequence number (Kinesis, DynamoDB streams)';
  context.report({ messageId: 'wrongItemIdentifier', node: value, data: { field, expected } });
}

/** `{"batchItemFailures": [{"id": ...}]}`: each literal entry must have an itemIdentifier. */
function checkFailureList(context: PythonCheckContext, scope: HandlerScope, pair: Node): void {
  const value = pair.childForFieldName('value');
  if (value?.type !== 'list') return;
  for (const element of namedChildren(value)) checkEntry(context, scope, element, false);
}

/** `batch_item_failures.append({...})` */
function checkAppend(context: PythonCheckContext, scope: HandlerScope, call: Node): void {
  const target = callee(call);
  if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'append') return;
  const list = target.childForFieldName('object');
  if (list?.type !== 'identifier' || !FAILURES_LIST.test(list.text)) return;
  const entry = positionalArguments(call)[0];
  if (!entry) return;
  // Ids collected first and turned into objects later: `[{"itemIdentifier": i} for i in failures]`.
  const fn = ownerOf(call, scope)?.fn;
  const mappedLater = fn !== undefined && /["']itemIdentifier["']/.test(fn.text);
  checkEntry(context, scope, entry, mappedLater);
}

function checkEntry(context: PythonCheckContext, scope: HandlerScope, entry: Node, mappedLater: boolean): void {
  const owned = ownerOf(entry, scope);
  const identifier = pythonIdentifierExample(owned ? batchTriggers(owned.owner.handler.triggers) : []);
  if (entry.type === 'dictionary') {
    if (namedChildren(entry).some((c) => c.type === 'dictionary_splat')) return;
    const keys = dictEntries(entry).map((e) => e.key);
    if (keys.includes('itemIdentifier')) return;
    context.report({
      messageId: 'missingItemIdentifier',
      node: entry,
      data: { found: keys.length > 0 ? `keys: ${keys.join(', ')}` : 'an empty dict', identifier },
    });
    return;
  }
  if (mappedLater) return;
  if (entry.type === 'subscript' || stringValue(entry) !== undefined) {
    context.report({ messageId: 'missingItemIdentifier', node: entry, data: { found: 'a bare value instead of a dict', identifier } });
  }
}
