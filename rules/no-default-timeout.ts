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
        "{{fn}} sets no timeout and gets {{whose}} {{value}} s default: too short for a slow cold start, or too long to fail fast.",
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
