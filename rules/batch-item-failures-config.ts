import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { triggerName } from '../src/config-rule-helpers.js';
import { isBatchTrigger } from '../src/model/index.js';
import { literal } from '../src/model/index.js';

export default createCrossRule({
  name: 'batch-item-failures-config',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require partial batch responses in code and `ReportBatchItemFailures` on the event source mapping to go together',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html',
      ],
    },
    messages: {
      responseIgnored:
        "{{fn}} returns batchItemFailures but its {{kind}} source lacks ReportBatchItemFailures: Lambda ignores them and retries the whole batch.",
      neverReturned:
        "{{fn}} enables ReportBatchItemFailures on its {{kind}} source but never returns batchItemFailures: any failure still retries the whole batch.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function({ fn, resolution, files }) {
        if (resolution.status !== 'found' || resolution.language !== 'node') return;
        const handler = context.facts(resolution.file)?.handlers.find((h) => h.exportName === resolution.exportName);
        if (!handler) return;
        // The response can be built in a module the handler calls.
        const returns =
          handler.returnsBatchItemFailures ||
          files.slice(1).some((file) => context.facts(file)?.handlers.some((h) => h.returnsBatchItemFailures));
        for (const trigger of fn.triggers) {
          if (!isBatchTrigger(trigger.kind)) continue;
          const types = literal(trigger.functionResponseTypes);
          if (trigger.functionResponseTypes && types === undefined) continue; // a reference: unknown
          const enabled = (types ?? []).includes('ReportBatchItemFailures');
          if (returns && !enabled) {
            context.report({ messageId: 'responseIgnored', data: { fn: fn.name, kind: triggerName(trigger.kind), handlerFile: resolution.file }, loc: trigger.loc, functions: [fn.name] });
          } else if (!returns && enabled) {
            context.report({
              messageId: 'neverReturned',
              data: { fn: fn.name, kind: triggerName(trigger.kind), handlerFile: resolution.file },
              loc: trigger.functionResponseTypes!.loc,
              functions: [fn.name],
            });
          }
        }
      },
    };
  },
});
