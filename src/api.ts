export { codeRules } from '../rules/index.js';
export type { LambdalintDocs, Severity } from './rule-creator.js';
export type { LambdalintSettings, HandlerSetting } from './handlers/settings.js';
export type { TriggerKind } from './model/trigger.js';
export type * from './model/index.js';
export type { Finding } from './findings.js';
