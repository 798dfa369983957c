import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { triggerName } from '../src/config-rule-helpers.js';
import type { SqsQueue, Trigger } from '../src/model/index.js';

/**
 * SQS: a message whose processing keeps failing returns to the queue after each visibility timeout
 * and is received again until `MessageRetentionPeriod` (default 4 days) ends, unless a redrive policy
 * moves it to a dead-letter queue after `maxReceiveCount` receives.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 * SNS subscription and EventBridge target DLQs keep events the service could not deliver to the
 * function (throttling, a missing permission, a deleted function):
 * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 * Checked 2026-12-06. Peers: serverless-rules SQS/Lambda rules (awslabs/serverless-rules, "SQS
 * queues should have a redrive policy", ES4000 family), checkov CKV_AWS_116 (function DLQ).
 */
export interface Options {
  /** Also require a DLQ on SNS subscriptions and EventBridge targets that invoke a function (strict). */
  deliveryDeadLetters?: boolean;
}

const MAX_NAMED = 3;

export default createConfigRule({
  name: 'sqs-redrive-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a redrive policy (dead-letter queue) on SQS queues that trigger functions, and in strict mode a DLQ on SNS subscriptions and EventBridge targets',
      recommended: 'warn',
      strictOptions: [{ deliveryDeadLetters: true }],
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
        'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html',
        'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html',
      ],
    },
    messages: {
      noRedrivePolicy:
        "SQS queue '{{queue}}' triggering {{functions}} has no redrive policy: a message that always fails is retried until it expires.",
      noDeliveryDeadLetter:
        "The {{trigger}} {{what}} invoking function '{{fn}}' has no dead-letter queue, so events it cannot deliver to the function are dropped without a trace.",
    },
    schema: [
      {
        type: 'object',
        properties: { deliveryDeadLetters: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ deliveryDeadLetters: false }] as [Options],
  create(context) {
    const consumers = new Map<string, string[]>();
    const note = (trigger: Trigger, fnName: string): void => {
      const queueId = trigger.kind === 'sqs' ? trigger.source?.queueId : undefined;
      if (!queueId) return;
      consumers.set(queueId, [...(consumers.get(queueId) ?? []), fnName]);
    };
    const strict = context.options[0]?.deliveryDeadLetters === true;
    const checkDelivery = (trigger: Trigger, fnName: string, functions: string[]): void => {
      if (!strict || !trigger.deliveryDeadLetterKnown || trigger.deliveryDeadLetter) return;
      if (trigger.kind !== 'sns' && trigger.kind !== 'eventbridge' && trigger.kind !== 'schedule') return;
      context.report({
        messageId: 'noDeliveryDeadLetter',
        data: { trigger: triggerName(trigger.kind), what: trigger.kind === 'sns' ? 'subscription' : 'target', fn: fnName },
        loc: trigger.loc,
        functions,
      });
    };
    return {
      function(fn) {
        for (const trigger of fn.triggers) {
          note(trigger, fn.name);
          checkDelivery(trigger, fn.name, [fn.name]);
        }
      },
      project(model) {
        // Mappings, subscriptions and targets whose function is outside the analysed configs: they are ours.
        for (const { functionRef, trigger } of model.detachedTriggers ?? []) {
          note(trigger, functionRef);
          checkDelivery(trigger, functionRef, []);
        }
        const queues = new Map<string, SqsQueue>(model.queues.map((q) => [q.id, q]));
        for (const [queueId, fns] of consumers) {
          const queue = queues.get(queueId);
          if (!queue || queue.redrivePolicy || queue.redriveUnknown) continue;
          const unique = [...new Set(fns)];
          const named = unique.length === 1 ? `function '${unique[0]}'` : `${unique.length} functions (${unique.slice(0, MAX_NAMED).join(', ')}${unique.length > MAX_NAMED ? ', ...' : ''})`;
          const linked = unique.filter((name) => model.functions.some((f) => f.name === name));
          context.report({ messageId: 'noRedrivePolicy', data: { queue: queue.name, functions: named }, loc: queue.source, functions: linked });
        }
      },
    };
  },
});
