import plugin from './plugin.js';

export default plugin;
export { codeRules } from '../rules/index.js';
export type { LambdalintDocs, Severity } from './rule-creator.js';
export type { LambdalintSettings, HandlerSetting } from './handlers/settings.js';
export type { TriggerKind } from './model/trigger.js';
