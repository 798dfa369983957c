import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { where } from '../src/config-rule-helpers.js';

/**
 * CloudFormation (and PyYAML, which SAM CLI and cfn-lint use) keeps the LAST value of a key
 * written twice in one map; the first is dropped without a word. A template that sets
 * `Timeout: 10` and, further down, `Timeout: 900` deploys 900. Identical duplicates lose nothing
 * and are not reported. cfn-lint reports duplicates as E0000 ("Duplicate found").
 * https://yaml.org/spec/1.2.2/#mapping (keys must be unique)
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 * Checked 2026-12-06.
 */
export default createConfigRule({
  name: 'no-duplicate-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a key written twice with different values in one map of a deploy config',
      recommended: 'error',
      sources: ['https://yaml.org/spec/1.2.2/#mapping', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html'],
    },
    messages: {
      conflictingDuplicate: "Key '{{key}}' is written twice in one map with different values; the value here wins and the one at {{first}} is silently ignored.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      project(model) {
        for (const duplicate of model.duplicateKeys ?? []) {
          context.report({ messageId: 'conflictingDuplicate', data: { key: duplicate.key, first: where(duplicate.firstLoc) }, loc: duplicate.loc });
        }
      },
    };
  },
});
