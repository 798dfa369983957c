// Programmatic API: `import { analyzeProject, analyzeConfigs } from 'lambdalint/api'`.
export { analyzeProject, analyzeConfigs, type AnalyzeOptions, type AnalyzeResult } from './analyze.js';
export { runCli, type CliIo } from './cli/main.js';
export { codeRules } from '../rules/index.js';
export { configRules } from '../rules/config-index.js';
export { crossRules } from '../rules/cross-index.js';
export { allRuleSummaries, presetSettings, type RuleSummary, type Preset } from './rule-settings.js';
export type { LambdalintDocs, Severity } from './rule-creator.js';
export type { LambdalintSettings, HandlerSetting } from './handlers/settings.js';
export type * from './model/index.js';
export type { Finding } from './findings.js';
