import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { origin, triggerName } from '../src/config-rule-helpers.js';
import { isReference, literal, type Trigger } from '../src/model/index.js';

/**
 * How long each synchronous caller waits for the function, in seconds. Checked 2026-11-27:
 * - API Gateway REST API: integration timeout 50 ms to 29 s by default; Regional and private REST
 *   APIs can raise it (quota request, then `TimeoutInMillis`), edge-optimized ones cannot.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 *   https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/
 * - API Gateway HTTP API: "Maximum integration timeout 30 seconds", cannot be increased.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * - AppSync: 30 s request execution time for queries, mutations and subscriptions, a hard limit.
 *   https://docs.aws.amazon.com/general/latest/gr/appsync.html (AppSync quotas; AWS re:Post answer
 *   QUw61RAiFGSHiWKxSnjppUfA quotes it as a 30 second hard limit)
 * - Lambda@Edge: function timeout 5 s for viewer request/response, 30 s for origin request/response.
 *   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
 * - REST API response streaming (`responseTransferMode: STREAM`): integration timeout up to 15 minutes.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 * Not covered: ALB (no fixed target timeout for Lambda targets: the idle timeout is configurable),
 * function URLs (wait up to the function timeout), unknown HTTP callers.
 */
export const CALLER_LIMITS_SECONDS = {
  restApiDefault: 29,
  httpApi: 30,
  appsync: 30,
  edgeViewer: 5,
  edgeOrigin: 30,
} as const;

interface CallerLimit {
  seconds: number;
  trigger: Trigger;
  /** Which message explains the limit. */
  messageId: 'exceedsRestApi' | 'exceedsConfiguredIntegration' | 'exceedsIntegration' | 'exceedsEdge';
}

export default createConfigRule({
  name: 'timeout-exceeds-integration',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow function timeouts longer than the API Gateway, AppSync or Lambda@Edge caller can wait',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
        'https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/',
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html',
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
        'https://docs.aws.amazon.com/general/latest/gr/appsync.html',
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge',
      ],
    },
    messages: {
      exceedsRestApi:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} exceeds the REST API's {{limit}} s: callers get 504 while the function keeps running and billing.",
      exceedsConfiguredIntegration:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} exceeds its {{trigger}} integration timeout of {{limit}} s: callers get 504 while the function keeps running.",
      exceedsIntegration:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} exceeds the {{trigger}}'s hard {{limit}} s limit: callers get an error while the function keeps running.",
      exceedsEdge:
        "Timeout {{timeout}} s ({{origin}}) of {{fn}} exceeds Lambda@Edge's {{limit}} s for {{edgeEventType}}: CloudFront rejects the association.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        const timeout = literal(fn.timeout);
        if (typeof timeout !== 'number') return;
        // One finding per function: the caller that waits the least.
        let lowest: CallerLimit | undefined;
        for (const trigger of fn.triggers) {
          const limit = callerLimit(trigger);
          if (limit && (!lowest || limit.seconds < lowest.seconds)) lowest = limit;
        }
        if (!lowest || timeout <= lowest.seconds) return;
        context.report({
          messageId: lowest.messageId,
          data: {
            fn: fn.name,
            timeout,
            origin: origin(fn.timeout),
            limit: formatSeconds(lowest.seconds),
            trigger: lowest.trigger.edgeEventType ? 'Lambda@Edge' : triggerName(lowest.trigger.kind),
            edgeEventType: lowest.trigger.edgeEventType ?? '',
          },
          loc: fn.timeout.loc,
          functions: [fn.name],
        });
      },
    };
  },
});

/** How long the trigger's caller waits, or undefined when it has no fixed limit or the limit is unknown. */
function callerLimit(trigger: Trigger): CallerLimit | undefined {
  if (trigger.edgeEventType) {
    const type = trigger.edgeEventType.toLowerCase();
    if (type.startsWith('viewer')) return { seconds: CALLER_LIMITS_SECONDS.edgeViewer, trigger, messageId: 'exceedsEdge' };
    if (type.startsWith('origin')) return { seconds: CALLER_LIMITS_SECONDS.edgeOrigin, trigger, messageId: 'exceedsEdge' };
    return undefined;
  }
  // An integration that invokes with `X-Amz-Invocation-Type: Event` does not wait for the function.
  if (trigger.asyncInvocation) return undefined;
  const configured = trigger.integrationTimeoutMs;
  // A timeout we cannot read (`!Ref Param`) may have been raised: no guess.
  if (configured && isReference(configured.value)) return undefined;
  const configuredSeconds = typeof configured?.value === 'number' ? configured.value / 1000 : undefined;
  switch (trigger.kind) {
    case 'rest-api':
      // Response streaming lifts the 29 s default (up to 15 minutes); without a configured
      // timeout we do not know the limit.
      if (trigger.responseStreaming && configuredSeconds === undefined) return undefined;
      return configuredSeconds !== undefined
        ? { seconds: configuredSeconds, trigger, messageId: 'exceedsConfiguredIntegration' }
        : { seconds: CALLER_LIMITS_SECONDS.restApiDefault, trigger, messageId: 'exceedsRestApi' };
    case 'http-api':
      return configuredSeconds !== undefined && configuredSeconds < CALLER_LIMITS_SECONDS.httpApi
        ? { seconds: configuredSeconds, trigger, messageId: 'exceedsConfiguredIntegration' }
        : { seconds: CALLER_LIMITS_SECONDS.httpApi, trigger, messageId: 'exceedsIntegration' };
    case 'appsync':
      return { seconds: CALLER_LIMITS_SECONDS.appsync, trigger, messageId: 'exceedsIntegration' };
    default:
      return undefined;
  }
}

function formatSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}
