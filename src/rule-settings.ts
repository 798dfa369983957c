import { codeRules } from '../rules/index.js';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import type { LambdalintDocs, Severity } from './rule-creator.js';
import type { RuleSetting } from './config-rules/run.js';

export type Preset = 'recommended' | 'strict';
export type RuleFamily = 'code' | 'config' | 'cross';

/** What every rule, whatever its family, tells about itself. */
export interface RuleSummary {
  id: string;
  family: RuleFamily;
  type: 'problem' | 'suggestion' | 'layout';
  description: string;
  url: string;
  recommended: Severity;
  strict: Severity;
  strictOptions?: unknown[];
  sources: string[];
}

interface AnyRule {
  meta: { type: string; docs?: Partial<LambdalintDocs> & { url?: string } };
}

function summarise(id: string, family: RuleFamily, rule: AnyRule): RuleSummary {
  const docs = rule.meta.docs ?? {};
  return {
    id,
    family,
    type: rule.meta.type as RuleSummary['type'],
    description: docs.description ?? id,
    url: docs.url ?? '',
    recommended: docs.recommended ?? 'off',
    strict: docs.strict ?? 'error',
    strictOptions: docs.strictOptions,
    sources: docs.sources ?? [],
  };
}

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
  const settings: Record<string, RuleSetting> = {};
  for (const rule of allRuleSummaries()) {
    const severity = preset === 'recommended' ? rule.recommended : rule.strict;
    if (severity === 'off') continue;
    settings[rule.id] = { severity, options: preset === 'strict' ? rule.strictOptions : undefined };
  }
  return settings;
}
