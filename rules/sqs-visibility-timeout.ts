import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { origin, where } from '../src/config-rule-helpers.js';
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
        "Queue '{{queue}}' has a visibility timeout of {{visibility}} s ({{visibilityOrigin}}), shorter than the {{timeout}} s timeout of function '{{fn}}' that it triggers (timeout {{timeoutOrigin}}): Lambda rejects the event source mapping at deploy because the function timeout exceeds the queue's visibility timeout. Set the queue's visibility timeout to at least {{recommended}} s (6x the function timeout, AWS's recommendation) or lower the function timeout.",
      visibilityBelowSixTimes:
        "Queue '{{queue}}' has a visibility timeout of {{visibility}} s ({{visibilityOrigin}}), less than 6x the {{timeout}} s timeout of function '{{fn}}' that it triggers (timeout {{timeoutOrigin}}): when Lambda retries a throttled or failed batch, messages become visible again while still being processed and are handled twice. Set the queue's visibility timeout to at least {{recommended}} s, as AWS recommends.",
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
              visibilityOrigin: queue.visibilityTimeout.isDefault
                ? `not set, so the SQS default applies; queue defined at ${where(queue.source)}`
                : origin(queue.visibilityTimeout),
              fn: fn.name,
              timeout,
              timeoutOrigin: fn.timeout.isDefault ? `not set, the Lambda default; function at ${where(fn.source)}` : origin(fn.timeout),
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
