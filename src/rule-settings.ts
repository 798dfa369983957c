import { codeRules } from '../rules/index.js';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import type { RuleSetting } from './config-rules/run.js';
import type { LambdalintConfig } from './cli/config-file.js';
import { presetFrom, summariesOf, type RuleSummary } from './rule-summary.js';

export type { Preset, RuleFamily, RuleSummary } from './rule-summary.js';
import type { Preset } from './rule-summary.js';

/** Every rule of every family, sorted by id. */
export function allRuleSummaries(): RuleSummary[] {
  const rules: RuleSummary[] = [
    ...summariesOf(codeRules, 'code'),
    ...summariesOf(configRules, 'config'),
    ...summariesOf(crossRules, 'cross'),
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Rule settings of a preset, from each rule's metadata. */
export function presetSettings(preset: Preset): Record<string, RuleSetting> {
  return presetFrom(allRuleSummaries(), preset);
}

/** Each rule's `meta.schema` (ESLint's form), by id: what `lambdalint.config.json` options are checked against. */
export function ruleOptionSchemas(): Map<string, unknown> {
  const registries: Array<Record<string, unknown>> = [codeRules, configRules, crossRules];
  return new Map(registries.flatMap((registry) => Object.entries(registry).map(([id, rule]) => [id, (rule as { meta: { schema?: unknown } }).meta.schema] as const)));
}

/** Preset (recommended unless `extends: strict`) plus the user's rule entries, from a validated configuration. */
export function resolveRuleSettings(config: Pick<LambdalintConfig, 'extends' | 'rules'>): Record<string, RuleSetting> {
  const settings = presetSettings(config.extends ?? 'recommended');
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
    if (severity === 'off') delete settings[id];
    else settings[id] = { severity, options: options.length > 0 ? options : undefined };
  }
  return settings;
}
