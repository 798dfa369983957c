import { codeRules } from '../rules/index.js';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import type { RuleSetting } from './config-rules/run.js';
import { presetFrom, summarise, type AnyRule, type RuleSummary } from './rule-summary.js';

export type { Preset, RuleFamily, RuleSummary } from './rule-summary.js';
import type { Preset } from './rule-summary.js';

/** Every rule of every family, sorted by id. */
export function allRuleSummaries(): RuleSummary[] {
  const rules: RuleSummary[] = [
    ...Object.entries(codeRules).map(([id, rule]) => summarise(id, 'code', rule as unknown as AnyRule)),
    ...Object.entries(configRules).map(([id, rule]) => summarise(id, 'config', rule as unknown as AnyRule)),
    ...Object.entries(crossRules).map(([id, rule]) => summarise(id, 'cross', rule as unknown as AnyRule)),
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Rule settings of a preset, from each rule's metadata. */
export function presetSettings(preset: Preset): Record<string, RuleSetting> {
  return presetFrom(allRuleSummaries(), preset);
}
