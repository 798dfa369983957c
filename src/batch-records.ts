import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { dottedName, isFunctionNode, keyName, propertyName, skipWrappers, unwrapTs, variableOf, walk, type FunctionNode } from './handlers/ast-utils.js';
import { bindingSource, type Binding } from './handlers/bindings.js';
import type { HandlerInfo } from './handlers/detect.js';
import { isBatchTrigger, type TriggerKind } from './model/trigger.js';

/**
 * Loops over the records of a batch event (SQS, Kinesis, DynamoDB streams) and the ways a
 * handler reports partial batch failures. Shared by `report-batch-item-failures` (which owns
 * catches inside these loops) and `no-swallowed-error` (which skips them).
 */

/** One pass over `event.Records`: a loop statement or an iterator callback. */
export interface RecordsLoop {
  /** The loop statement or the iterator call (`event.Records.map(...)`). */
  node: TSESTree.Node;
  /** The code that runs once per record: the loop body or the callback function. */
  body: TSESTree.Node;
  /** Results collected with `Promise.allSettled`: a throw in one record does not fail the others. */
  settled: boolean;
}

const ITERATOR_METHODS = new Set(['forEach', 'map', 'flatMap', 'reduce', 'filter', 'some', 'every', 'find']);
/** Methods that give back (part of) the same records. */
const RECORD_SUBSET_METHODS = new Set(['filter', 'slice', 'concat', 'reverse', 'sort']);
const MAX_DEPTH = 6;

/** `event.Records`, `records` where `const records = event.Records`, `Records` of a destructured event. */
export function isRecordsExpression(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  let value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type === AST_NODE_TYPES.MemberExpression) return propertyName(value) === 'Records';
  if (value.type === AST_NODE_TYPES.LogicalExpression) return isRecordsExpression(value.left, sourceCode, depth + 1);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapTs(value.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee);
    return method !== undefined && RECORD_SUBSET_METHODS.has(method) && isRecordsExpression(callee.object, sourceCode, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (value.name === 'Records' || /^records$/i.test(value.name)) return true;
  const variable = findVariable(value, sourceCode);
  const definition = variable?.defs[0];
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && definition.node.id.type === AST_NODE_TYPES.Identifier) {
    return isRecordsExpression(definition.node.init, sourceCode, depth + 1);
  }
  return false;
}

function findVariable(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  try {
    return variableOf(sourceCode, identifier);
  } catch {
    return null;
  }
}

/** `for (...; i < event.Records.length; ...)` */
function isRecordsIndexLoop(loop: TSESTree.ForStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const test = loop.test ? unwrapTs(loop.test) : undefined;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return false;
  for (const side of [test.left, test.right]) {
    const value = unwrapTs(side);
    if (value.type === AST_NODE_TYPES.MemberExpression && propertyName(value) === 'length' && isRecordsExpression(value.object, sourceCode)) {
      return true;
    }
  }
  return false;
}

/** Whether `call` (an array of per-record promises) is passed to `Promise.allSettled`. */
function collectedBySettled(call: TSESTree.Node): boolean {
  const current = skipWrappers(call);
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && dottedName(parent.callee) === 'Promise.allSettled';
}

/** The loop over the records the node runs in once per record, innermost first; undefined when none. */
export function enclosingRecordsLoop(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): RecordsLoop | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ForOfStatement && child === current.body && isRecordsExpression(current.right, sourceCode)) {
      return { node: current, body: current.body, settled: false };
    }
    if (current.type === AST_NODE_TYPES.ForStatement && child === current.body && isRecordsIndexLoop(current, sourceCode)) {
      return { node: current, body: current.body, settled: false };
    }
    if (isFunctionNode(current)) {
      const call = current.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
      const callee = unwrapTs(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      const method = propertyName(callee);
      if (method === undefined || !ITERATOR_METHODS.has(method) || !isRecordsExpression(callee.object, sourceCode)) continue;
      return { node: call, body: current, settled: collectedBySettled(call) };
    }
  }
  return undefined;
}

export function batchTriggers(handler: HandlerInfo): TriggerKind[] {
  return handler.triggers.filter(isBatchTrigger);
}

/** A catch that runs once per record of a batch handler: `report-batch-item-failures` owns it. */
export function isPerRecordCatch(handler: HandlerInfo, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return batchTriggers(handler).length > 0 && enclosingRecordsLoop(node, sourceCode) !== undefined;
}

export const POWERTOOLS_BATCH = '@aws-lambda-powertools/batch';
/** middy middlewares that turn `Promise.allSettled` results into `batchItemFailures`. */
export const MIDDY_PARTIAL_BATCH = new Set(['@middy/sqs-partial-batch-failure', '@middy/event-batch-response', '@middy/event-batch-handler']);

/** How the handler reports failed records, if at all. */
export interface PartialBatchReporting {
  /** Powertools `processPartialResponse` / `BatchProcessor`: a throwing record handler becomes an item failure. */
  powertools: boolean;
  /** middy `sqs-partial-batch-failure` / `event-batch-response`: rejected results of `Promise.allSettled` become item failures. */
  middy: boolean;
  /** The handler builds `batchItemFailures` itself. */
  manual: boolean;
}

export function partialBatchReporting(
  handler: HandlerInfo,
  bindings: Map<string, Binding>,
  scope: Map<FunctionNode, HandlerInfo>,
): PartialBatchReporting {
  let powertools = false;
  for (const binding of bindings.values()) {
    if (bindingSource(binding) === POWERTOOLS_BATCH) powertools = true;
  }
  const middy = handler.middlewares.some(
    (name) => MIDDY_PARTIAL_BATCH.has(bindingSource(bindings.get(name)) ?? '') || /partialBatch|eventBatch|batchResponse/i.test(name),
  );
  let manual = false;
  for (const [fn, owner] of scope) {
    if (owner !== handler || manual) continue;
    walk(fn.body, (node) => {
      if (manual) return false;
      if (node.type === AST_NODE_TYPES.Property && keyName(node) === 'batchItemFailures') manual = true;
      if (node.type === AST_NODE_TYPES.Identifier && node.name === 'batchItemFailures') manual = true;
      return undefined;
    });
  }
  return { powertools, middy, manual };
}

/** Record fields that are never a valid `itemIdentifier` (verified 2026-11-27 against the pages in `sources`). */
export const NEVER_IDENTIFIERS = new Set([
  'receiptHandle', 'eventID', 'eventId', 'md5OfBody', 'body', 'partitionKey', 'eventSourceARN', 'awsRegion',
  'Keys', 'data', 'eventName', 'approximateArrivalTimestamp', 'ApproximateCreationDateTime',
]);
/** Fields that are the identifier for one event source and wrong for the others. */
export const SOURCE_IDENTIFIERS = new Set(['messageId', 'sequenceNumber', 'SequenceNumber']);

/** The record field Lambda expects as `itemIdentifier`, per trigger. */
export const ITEM_IDENTIFIER: Partial<Record<TriggerKind, { field: string; example: string }>> = {
  sqs: { field: 'messageId', example: 'record.messageId' },
  kinesis: { field: 'sequenceNumber', example: 'record.kinesis.sequenceNumber' },
  'dynamodb-stream': { field: 'SequenceNumber', example: 'record.dynamodb.SequenceNumber' },
};

/** How to name the identifier in messages for the handler's batch triggers. */
export function identifierExample(triggers: TriggerKind[]): string {
  const examples = triggers.flatMap((t) => (ITEM_IDENTIFIER[t] ? [ITEM_IDENTIFIER[t].example] : []));
  return examples.length > 0 ? [...new Set(examples)].join(' / ') : 'record.messageId';
}
