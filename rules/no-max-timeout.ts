import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { origin } from '../src/config-rule-helpers.js';
import { isNonSyncTrigger, literal, type LambdaFunction } from '../src/model/index.js';

/**
 * Lambda's maximum timeout: 900 s (15 minutes).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html (checked 2026-11-27:
 * "adjust this in increments of 1 second up to a maximum value of 900 seconds (15 minutes)").
 */
export const MAX_TIMEOUT_SECONDS = 900;

export default createConfigRule({
  name: 'no-max-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow function timeouts at the 900 s Lambda maximum',
      recommended: 'warn',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html'],
    },
    messages: {
      maxTimeout:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} is the Lambda maximum: a stuck run is billed for 15 minutes and its caller waits that long.",
      maxTimeoutAsync:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} is the Lambda maximum: no caller waits, but a stuck run is billed for 15 minutes.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        const timeout = literal(fn.timeout);
        // Above 900 s the deploy fails: that is `lambda-limits`' finding (an error), not this warning.
        if (typeof timeout !== 'number' || timeout !== MAX_TIMEOUT_SECONDS) return;
        const data = { fn: fn.name, timeout, origin: origin(fn.timeout), max: MAX_TIMEOUT_SECONDS };
        const asyncKinds = onlyNonSyncTriggers(fn);
        if (asyncKinds) {
          context.report({
            messageId: 'maxTimeoutAsync',
            data,
            loc: fn.timeout.loc,
            severity: 'info',
            functions: [fn.name],
          });
          return;
        }
        context.report({ messageId: 'maxTimeout', data, loc: fn.timeout.loc, functions: [fn.name] });
      },
    };
  },
});

/**
 * The distinct trigger kinds when every trigger is a queue, stream or asynchronous source;
 * undefined when the function has a synchronous trigger or none at all (then anything may call
 * it synchronously, e.g. the SDK's Invoke).
 */
function onlyNonSyncTriggers(fn: LambdaFunction): LambdaFunction['triggers'][number]['kind'][] | undefined {
  if (fn.triggers.length === 0) return undefined;
  // Lambda@Edge associations are `other` triggers: synchronous, like every kind outside the non-sync list.
  if (!fn.triggers.every((t) => isNonSyncTrigger(t.kind))) return undefined;
  return [...new Set(fn.triggers.map((t) => t.kind))];
}
