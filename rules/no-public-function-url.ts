import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { literal } from '../src/model/index.js';

/**
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html (checked 2026-11-27): with AuthType
 * NONE "Lambda doesn't perform any authentication before invoking your function ... Choose this
 * option to allow public, unauthenticated access to your function URL."
 */
export default createConfigRule({
  name: 'no-public-function-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow function URLs without authentication (AuthType NONE)',
      recommended: 'warn',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
    },
    messages: {
      publicFunctionUrl:
        "{{fn}} has a function URL with auth type NONE: anyone who finds the URL can invoke it, unauthenticated, and each call is billed.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        const url = fn.functionUrl;
        const authType = literal(url?.authType);
        if (!url || typeof authType !== 'string' || authType.trim().toUpperCase() !== 'NONE') return;
        context.report({ messageId: 'publicFunctionUrl', data: { fn: fn.name }, loc: url.authType.loc, functions: [fn.name] });
      },
    };
  },
});
