import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { batchTriggers } from '../src/batch-records.js';
import { createRule } from '../src/rule-creator.js';
import { enclosingHandler, getFileHandlers, propertyName, unwrapTs, type HandlerInfo } from '../src/handlers/index.js';
import { triggerName } from '../src/config-rule-helpers.js';

type MessageIds = 'firstRecordOnly';

/**
 * Lambda hands an SQS, Kinesis or DynamoDB-stream function up to BatchSize records per invocation
 * (default 10 for SQS, 100 for streams) and treats a successful return as "every record done": SQS
 * deletes the whole batch, a stream checkpoints past it. A handler that reads only Records[0]
 * silently drops the others.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html (batch size)
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html (BatchSize defaults)
 * Checked 2026-12-06.
 */
export default createRule<[], MessageIds>({
  name: 'process-all-records',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require SQS, Kinesis and DynamoDB stream handlers to process every record of the batch, not only Records[0]',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
        'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html',
      ],
    },
    messages: {
      firstRecordOnly:
        '{{trigger}} handler reads only Records[0] while a batch holds up to {{batch}} records: the others are acknowledged without being processed.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const fileHandlers = getFileHandlers(context);
    const uses = new Map<HandlerInfo, { first: TSESTree.Node[]; other: boolean }>();
    if (fileHandlers.handlers.every((h) => batchTriggers(h).length === 0)) return {};

    const note = (records: TSESTree.Node): void => {
      const owner = enclosingHandler(context, records);
      if (!owner || batchTriggers(owner.handler).length === 0) return;
      const entry = uses.get(owner.handler) ?? { first: [], other: false };
      if (isFirstOnly(records)) entry.first.push(records);
      else entry.other = true;
      uses.set(owner.handler, entry);
    };

    return {
      MemberExpression(node) {
        if (propertyName(node) === 'Records') note(node);
      },
      // `({ Records }) => Records[0]`
      'Identifier[name="Records"]'(node: TSESTree.Identifier) {
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node) return;
        if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand) return;
        if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) return;
        note(node);
      },
      'Program:exit'() {
        for (const [handler, entry] of uses) {
          if (entry.other || entry.first.length === 0) continue;
          const setting = fileHandlers.settings.handlers?.find((h) => h.export === handler.exportName);
          const kinds = batchTriggers(handler);
          // Configured from the deploy config: a batch size of 1 makes Records[0] the whole batch.
          const batch = setting ? setting.maxBatchSize : kinds.includes('sqs') && kinds.length === 1 ? 10 : 100;
          if (batch === undefined || batch <= 1) continue;
          context.report({
            node: entry.first[0],
            messageId: 'firstRecordOnly',
            // The functions are named on the finding itself (lint workers do not get function names).
            data: { trigger: kinds.map(triggerName).join('/'), batch },
          });
        }
      },
    };
  },
});

/** `Records[0]`, `Records?.[0]`, `const [record] = Records` (one element, no rest). */
function isFirstOnly(records: TSESTree.Node): boolean {
  let current: TSESTree.Node = records;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.ChainExpression)) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.computed) {
    const index = unwrapTs(parent.property);
    return index.type === AST_NODE_TYPES.Literal && index.value === 0;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.ArrayPattern) {
    return parent.id.elements.length === 1 && parent.id.elements[0]?.type !== AST_NODE_TYPES.RestElement;
  }
  return false;
}
