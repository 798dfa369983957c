import { createConfigRule } from '../src/config-rules/create-config-rule.js';

/**
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html (checked 2026-11-27):
 * "The default value for this setting is 3 seconds ... up to a maximum value of 900 seconds".
 */
export const DEFAULT_TIMEOUT_SECONDS = 3;

export default createConfigRule({
  name: 'no-default-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an explicit function timeout instead of the 3 s default',
      recommended: 'off',
      strict: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html'],
    },
    messages: {
      defaultTimeout:
        "Function '{{fn}}' does not set a timeout, so it gets {{whose}} {{value}} s default, a value nobody chose: a cold start that opens a database connection or calls another API can exceed it and fail with 'Task timed out', while a function that should fail fast may need less. Set the timeout explicitly, a little above the longest run you expect and below what the caller waits (29 s for an API Gateway REST API).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        if (!fn.timeout.isDefault) return;
        const value = typeof fn.timeout.value === 'number' ? fn.timeout.value : DEFAULT_TIMEOUT_SECONDS;
        // The Serverless Framework deploys its own default (6 s) when the config sets none.
        const whose = fn.format === 'serverless' ? "the Serverless Framework's" : "Lambda's";
        context.report({ messageId: 'defaultTimeout', data: { fn: fn.name, value, whose }, loc: fn.timeout.loc, functions: [fn.name] });
      },
    };
  },
});
