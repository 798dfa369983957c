import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  batchTriggers,
  enclosingRecordsLoop,
  identifierExample,
  ITEM_IDENTIFIER,
  NEVER_IDENTIFIERS,
  partialBatchReporting,
  SOURCE_IDENTIFIERS,
  type PartialBatchReporting,
} from '../src/batch-records.js';
import { catchCallSite, catchClauseSite, swallowKind, SWALLOW_TEXT, type CatchSite } from '../src/catch-analysis.js';
import { createRule } from '../src/rule-creator.js';
import {
  dottedName,
  enclosingHandler,
  getFileHandlers,
  isFunctionNode,
  keyName,
  propertyName,
  unwrapTs,
  variableOf,
  walk,
  type HandlerInfo,
} from '../src/handlers/index.js';
import type { TriggerKind } from '../src/model/trigger.js';

type MessageIds = 'swallowedRecordError' | 'throwFailsBatch' | 'wrongItemIdentifier' | 'missingItemIdentifier';

const MAX_DEPTH = 4;

export default createRule<[], MessageIds>({
  name: 'report-batch-item-failures',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require SQS, Kinesis and DynamoDB stream handlers to report failed records with a partial batch response instead of swallowing them or failing the whole batch',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html',
        'https://www.npmjs.com/package/@aws-lambda-powertools/batch',
        'https://middy.js.org/docs/middlewares/sqs-partial-batch-failure',
        'https://middy.js.org/docs/middlewares/event-batch-response',
      ],
    },
    messages: {
      swallowedRecordError:
        "This per-record catch {{what}} without adding the record to batchItemFailures: the invocation succeeds and the record is never retried.",
      throwFailsBatch:
        "This throw escapes the loop over event.Records: Lambda retries the whole batch, so the records already processed are processed again.",
      wrongItemIdentifier:
        "itemIdentifier comes from '{{field}}' but Lambda expects {{expected}}: it rejects the response and retries the whole batch.",
      missingItemIdentifier:
        "This batchItemFailures entry has no itemIdentifier ({{found}}): Lambda treats the response as a failure and retries the whole batch.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const fileHandlers = getFileHandlers(context);
    const reportingCache = new Map<HandlerInfo, PartialBatchReporting>();

    function batchOwner(node: TSESTree.Node): { handler: HandlerInfo; triggers: TriggerKind[] } | undefined {
      const owner = enclosingHandler(context, node);
      if (!owner) return undefined;
      const triggers = batchTriggers(owner.handler);
      return triggers.length > 0 ? { handler: owner.handler, triggers } : undefined;
    }

    function reportingOf(handler: HandlerInfo): PartialBatchReporting {
      let reporting = reportingCache.get(handler);
      if (!reporting) {
        reporting = partialBatchReporting(handler, fileHandlers.bindings, fileHandlers.handlerScope);
        reportingCache.set(handler, reporting);
      }
      return reporting;
    }

    function checkCatch(site: CatchSite): void {
      const owner = batchOwner(site.node);
      if (!owner || !enclosingRecordsLoop(site.node, sourceCode)) return;
      const kind = swallowKind(site, sourceCode);
      if (!kind) return;
      context.report({
        node: site.node,
        messageId: 'swallowedRecordError',
        data: { what: SWALLOW_TEXT[kind], identifier: identifierExample(owner.triggers) },
      });
    }

    function checkThrow(node: TSESTree.ThrowStatement): void {
      const owner = batchOwner(node);
      // Batch size 1: throwing fails exactly the one record, which is what a failure should do.
      if (!owner || owner.handler.maxBatchSize === 1) return;
      const loop = enclosingRecordsLoop(node, sourceCode);
      // Promise.allSettled keeps one record's rejection from failing the others.
      if (!loop || loop.settled) return;
      const reporting = reportingOf(owner.handler);
      // These turn a throwing record into an item failure by design.
      if (reporting.powertools || reporting.middy) return;
      if (caughtBefore(node, loop.node)) return;
      context.report({ node, messageId: 'throwFailsBatch', data: { identifier: identifierExample(owner.triggers) } });
    }

    /** Whether a try block between the throw and the handler catches it without rethrowing. */
    function caughtBefore(node: TSESTree.Node, loop: TSESTree.Node): boolean {
      let insideLoop = true;
      let child: TSESTree.Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current === loop) insideLoop = false;
        if (isFunctionNode(current) && !insideLoop) return false;
        if (current.type !== AST_NODE_TYPES.TryStatement || current.block !== child || !current.handler) continue;
        // Caught within the iteration: the catch decides (and is checked on its own).
        if (insideLoop) return true;
        // Caught around the loop: a swallowing catch there is no-swallowed-error's finding.
        return swallowKind(catchClauseSite(current.handler), sourceCode) !== undefined;
      }
      return false;
    }

    function findVariable(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
      try {
        return variableOf(sourceCode, identifier);
      } catch {
        return null;
      }
    }

    /** The record field an identifier value is read from: `record.receiptHandle` -> receiptHandle. */
    function fieldOf(node: TSESTree.Node, depth = 0): string | undefined {
      if (depth > MAX_DEPTH) return undefined;
      let value = unwrapTs(node);
      if (value.type === AST_NODE_TYPES.ChainExpression) value = unwrapTs(value.expression);
      if (value.type === AST_NODE_TYPES.MemberExpression) return propertyName(value);
      if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 1) return fieldOf(value.expressions[0], depth + 1);
      if (value.type === AST_NODE_TYPES.CallExpression && dottedName(value.callee) === 'String' && value.arguments[0]) {
        return fieldOf(value.arguments[0], depth + 1);
      }
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(value)?.defs[0];
      if (!definition) return undefined;
      // `const { receiptHandle } = record`, `({ messageId }) => ...`: the destructured key.
      const pattern = destructuredKey(value.name, definition.name);
      if (pattern !== undefined) return pattern;
      if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        return fieldOf(definition.node.init, depth + 1);
      }
      return undefined;
    }

    function checkIdentifier(property: TSESTree.Property): void {
      const field = fieldOf(property.value);
      if (field === undefined) return;
      const owner = enclosingHandler(context, property);
      const triggers = owner ? batchTriggers(owner.handler) : [];
      const expectedFields = new Set(triggers.flatMap((t) => (ITEM_IDENTIFIER[t] ? [ITEM_IDENTIFIER[t].field] : [])));
      const wrong = NEVER_IDENTIFIERS.has(field) || (expectedFields.size > 0 && SOURCE_IDENTIFIERS.has(field) && !expectedFields.has(field));
      if (!wrong) return;
      const expected = triggers.length > 0 ? identifierExample(triggers) : 'record.messageId (SQS) or the sequence number (Kinesis, DynamoDB streams)';
      context.report({ node: property.value, messageId: 'wrongItemIdentifier', data: { field, expected } });
    }

    /** An entry added to batchItemFailures without an `itemIdentifier` key. */
    function checkEntry(entry: TSESTree.Node, reportNode: TSESTree.Node, mappedLater = false): void {
      const value = unwrapTs(entry);
      const owner = enclosingHandler(context, entry);
      const identifier = owner ? identifierExample(batchTriggers(owner.handler)) : 'record.messageId';
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        if (value.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return;
        const keys = value.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [keyName(p) ?? '?'] : []));
        if (keys.includes('itemIdentifier')) return;
        context.report({ node: reportNode, messageId: 'missingItemIdentifier', data: { found: keys.length > 0 ? `keys: ${keys.join(', ')}` : 'an empty object', identifier } });
        return;
      }
      // A bare id instead of an object (unless the ids are mapped to objects before being returned).
      if (mappedLater) return;
      if (value.type === AST_NODE_TYPES.MemberExpression || (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string')) {
        context.report({ node: reportNode, messageId: 'missingItemIdentifier', data: { found: 'a bare value instead of an object', identifier } });
      }
    }

    return {
      CatchClause(node) {
        checkCatch(catchClauseSite(node));
      },
      CallExpression(node) {
        const site = catchCallSite(node);
        if (site) {
          checkCatch(site);
          return;
        }
        const callee = unwrapTs(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'push') return;
        const target = dottedName(callee.object);
        if (target === undefined || !/(?:^|\.)batchItemFailures$/.test(target)) return;
        const mappedLater = isMappedIn(node, target);
        for (const argument of node.arguments) checkEntry(argument, argument, mappedLater);
      },
      ThrowStatement(node) {
        checkThrow(node);
      },
      Property(node) {
        const key = keyName(node);
        if (key === 'itemIdentifier') {
          checkIdentifier(node);
          return;
        }
        if (key !== 'batchItemFailures') return;
        const value = unwrapTs(node.value);
        if (value.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of value.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) checkEntry(element, element);
          return;
        }
        // `batchItemFailures: failed.map((r) => ({ id: r.messageId }))`
        if (value.type === AST_NODE_TYPES.CallExpression) {
          const mapper = unwrapTs(value.callee);
          const callback = value.arguments[0] ? unwrapTs(value.arguments[0]) : undefined;
          if (mapper.type === AST_NODE_TYPES.MemberExpression && propertyName(mapper) === 'map' && callback && isFunctionNode(callback) && callback.body.type !== AST_NODE_TYPES.BlockStatement) {
            checkEntry(callback.body, callback.body);
          }
        }
      },
    };
  },
});

/** Whether the function around `node` calls `<target>.map(...)`: ids collected first, objects built later. */
function isMappedIn(node: TSESTree.Node, target: string): boolean {
  let fn: TSESTree.Node | undefined;
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) fn = current;
  if (!fn) return false;
  let found = false;
  walk(fn, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.MemberExpression && propertyName(current) === 'map' && dottedName(current.object) === target) found = true;
    return undefined;
  });
  return found;
}

/** The property key a destructured name came from: `{ receiptHandle: handle }` -> receiptHandle for `handle`. */
function destructuredKey(name: string, definitionName: TSESTree.Node): string | undefined {
  const property = definitionName.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.parent?.type === AST_NODE_TYPES.ObjectPattern) {
    const key = keyName(property);
    return key ?? name;
  }
  if (property?.type === AST_NODE_TYPES.AssignmentPattern && property.parent?.type === AST_NODE_TYPES.Property) {
    return keyName(property.parent) ?? name;
  }
  return undefined;
}
