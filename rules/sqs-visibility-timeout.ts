import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { literal, type SqsQueue } from '../src/model/index.js';

/**
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html (checked 2026-11-27):
 * "set the source queue's visibility timeout to at least six times the configuration timeout on your
 * function" and "Your function's timeout must be less than or equal to the queue's visibility
 * timeout. Lambda validates this requirement when you create or update an event source mapping and
 * will return an error if the function timeout exceeds the queue's visibility timeout."
 * Defaults (queue 30 s, function 3 s) come from the loaders as `isDefault` values.
 */
export const RECOMMENDED_VISIBILITY_FACTOR = 6;

export default createConfigRule({
  name: 'sqs-visibility-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an SQS queue visibility timeout of at least 6 times the timeout of the function it triggers',
      recommended: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html'],
    },
    messages: {
      visibilityBelowTimeout:
        "Queue {{queue}} visibility timeout {{visibility}} s is below the {{timeout}} s timeout of {{fn}}: Lambda rejects the event source mapping at deploy.",
      visibilityBelowSixTimes:
        "Queue {{queue}} visibility timeout {{visibility}} s is under 6x the {{timeout}} s timeout of {{fn}} ({{recommended}} s): retried messages run twice.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    let queues: Map<string, SqsQueue> | undefined;
    const reported = new Set<string>();
    return {
      function(fn) {
        const timeout = literal(fn.timeout);
        if (typeof timeout !== 'number') return;
        queues ??= new Map(context.model.queues.map((q) => [q.id, q]));
        for (const trigger of fn.triggers) {
          if (trigger.kind !== 'sqs' || !trigger.source?.queueId) continue;
          const queue = queues.get(trigger.source.queueId);
          if (!queue) continue;
          const visibility = literal(queue.visibilityTimeout);
          if (typeof visibility !== 'number') continue;
          const recommended = timeout * RECOMMENDED_VISIBILITY_FACTOR;
          if (visibility >= recommended) continue;
          // Two mappings from the same queue to the same function: one finding.
          const key = `${queue.id}\0${fn.id}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const belowTimeout = visibility < timeout;
          context.report({
            messageId: belowTimeout ? 'visibilityBelowTimeout' : 'visibilityBelowSixTimes',
            data: {
              queue: queue.name,
              visibility,
              fn: fn.name,
              timeout,
              recommended,
            },
            loc: queue.visibilityTimeout.isDefault ? queue.source : queue.visibilityTimeout.loc,
            severity: belowTimeout ? undefined : 'warning',
            functions: [fn.name],
          });
        }
      },
    };
  },
});
