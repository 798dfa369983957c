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

/** Summaries of one family's rules (a registry: id -> rule). */
export function summariesOf(registry: Record<string, unknown>, family: RuleFamily): RuleSummary[] {
  return Object.entries(registry).map(([id, rule]) => summarise(id, family, rule as AnyRule));
}

/** Rule settings of a preset, from the metadata of the rules given. */
export function presetFrom(rules: RuleSummary[], preset: Preset): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const severity = preset === 'recommended' ? rule.recommended : rule.strict;
    if (severity === 'off') continue;
    settings[rule.id] = { severity, options: preset === 'strict' ? rule.strictOptions : undefined };
  }
  return settings;
}
