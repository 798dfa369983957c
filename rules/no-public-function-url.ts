import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { literal, type FunctionUrl } from '../src/model/index.js';

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
    const check = (fnName: string, url: FunctionUrl, functions: string[]): void => {
      const authType = literal(url.authType);
      if (typeof authType !== 'string' || authType.trim().toUpperCase() !== 'NONE') return;
      context.report({ messageId: 'publicFunctionUrl', data: { fn: fnName }, loc: url.authType.loc, functions });
    };
    return {
      // Every URL of the function (the unqualified one and one per alias), in any order.
      function(fn) {
        for (const url of fn.functionUrls ?? []) check(fn.name, url, [fn.name]);
      },
      // URLs of functions outside the analysed configs (`TargetFunctionArn` is an ARN or an import).
      project(model) {
        for (const { functionRef, url } of model.detachedFunctionUrls ?? []) check(functionRef, url, []);
      },
    };
  },
});
