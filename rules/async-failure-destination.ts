import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { triggerName } from '../src/config-rule-helpers.js';
import { nameList } from '../src/name-list.js';
import type { LambdaFunction, Trigger, TriggerKind } from '../src/model/index.js';

/**
 * Asynchronous invocation: Lambda retries twice, keeps events up to 6 hours, then discards them
 * unless a dead-letter queue or an on-failure destination is configured.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 * Stream event source mappings (Kinesis, DynamoDB streams): failed records are retried until they
 * expire and then dropped; an OnFailure destination on the mapping keeps a record of them. The
 * function's async destinations do not apply to mappings.
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 * Checked 2026-11-27. Synchronous callers (API Gateway, ALB, function URLs, AppSync) get the error
 * themselves, so a DLQ does nothing there (the checkov CKV_AWS_116 false positive,
 * bridgecrewio/checkov#2194). SQS is polled synchronously: its DLQ is the queue's redrive policy,
 * not the function's, so it is not checked here.
 */
const ASYNC_KINDS: ReadonlySet<TriggerKind> = new Set(['s3', 'sns', 'eventbridge', 'schedule', 'iot']);
const STREAM_KINDS: ReadonlySet<TriggerKind> = new Set(['kinesis', 'dynamodb-stream']);

export default createConfigRule({
  name: 'async-failure-destination',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a dead-letter queue or on-failure destination for asynchronously invoked functions and stream mappings',
      recommended: 'warn',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html',
      ],
    },
    messages: {
      asyncWithoutDestination:
        "{{fn}} ({{triggers}}, async) has no DLQ or on-failure destination: events that fail all of Lambda's retries are lost.",
      streamWithoutOnFailure:
        "The {{trigger}} mapping of {{fn}} has no on-failure destination: a failing record blocks its shard until it expires, then is lost.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        const asyncTriggers = fn.triggers.filter((t) => ASYNC_KINDS.has(t.kind));
        if (asyncTriggers.length > 0 && !hasAsyncFailureHandling(fn)) {
          context.report({
            messageId: 'asyncWithoutDestination',
            data: {
              fn: fn.name,
              triggers: nameList(asyncTriggers.map((t) => triggerName(t.kind))),
            },
            loc: fn.source,
            functions: [fn.name],
          });
        }
        for (const trigger of fn.triggers) {
          if (!isStreamWithoutOnFailure(trigger)) continue;
          context.report({
            messageId: 'streamWithoutOnFailure',
            data: { fn: fn.name, trigger: triggerName(trigger.kind) },
            loc: trigger.loc,
            functions: [fn.name],
          });
        }
      },
      // A stream mapping whose function is outside the analysed configs (FunctionName is an ARN or an import): the mapping is ours.
      project(model) {
        for (const { functionRef, trigger } of model.detachedTriggers ?? []) {
          if (!isStreamWithoutOnFailure(trigger)) continue;
          context.report({ messageId: 'streamWithoutOnFailure', data: { fn: functionRef, trigger: triggerName(trigger.kind) }, loc: trigger.loc, functions: [] });
        }
      },
    };
  },
});

/** A DLQ or an on-failure destination, literal or reference: either keeps failed events. */
function hasAsyncFailureHandling(fn: LambdaFunction): boolean {
  return fn.deadLetter !== undefined || fn.onFailureDestination !== undefined;
}

function isStreamWithoutOnFailure(trigger: Trigger): boolean {
  return STREAM_KINDS.has(trigger.kind) && trigger.onFailure === undefined;
}
