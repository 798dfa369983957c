import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import type { LambdaFunction } from '../src/model/index.js';

/**
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html (checked 2026-11-27):
 * memory 128 MB (the default, "the lowest possible setting") to 10,240 MB; CPU is allocated in
 * proportion to memory, "At 1,769 MB, a function has the equivalent of one vCPU".
 * Lambda@Edge viewer triggers allow at most 128 MB, so the default is the only choice there:
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
 */
export const ONE_VCPU_MEMORY_MB = 1769;

export default createConfigRule({
  name: 'no-default-memory',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an explicit memory size instead of the 128 MB default',
      recommended: 'off',
      strict: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html'],
    },
    messages: {
      defaultMemory:
        "{{fn}} sets no memory size and gets the 128 MB default, a small CPU share: cold starts and every invocation run slower.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        // Only Lambda's own 128 MB default starves the CPU; the Serverless Framework deploys 1024 MB when unset.
        if (!fn.memorySize.isDefault || fn.memorySize.value !== 128 || isViewerEdgeFunction(fn)) return;
        context.report({ messageId: 'defaultMemory', data: { fn: fn.name }, loc: fn.memorySize.loc, functions: [fn.name] });
      },
    };
  },
});

/** Lambda@Edge viewer functions cannot have more than 128 MB. */
function isViewerEdgeFunction(fn: LambdaFunction): boolean {
  return fn.triggers.some((t) => t.edgeEventType?.toLowerCase().startsWith('viewer'));
}
