/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  // The README lists code rules here; config and cross rules come from scripts/rules-table.mjs.
  pathRuleList: 'README.md',
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  ruleDocSectionInclude: ['How to fix', 'Examples', 'When not to use it', 'Sources'],
  // Every page has an Options section, "This rule has no options." included.
  ruleDocSectionOptions: false,
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options'],
  urlConfigs: 'https://github.com/lambdalint/lambdalint#configs',
};
