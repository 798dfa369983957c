import type { ProjectModel } from '../model/index.js';
import type { ConfigRule, ConfigRuleReport, FindingSeverity } from './types.js';
import type { Finding } from '../findings.js';

export interface ConfigRuleSetting {
  severity: 'error' | 'warn';
  options?: readonly unknown[];
}

const RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

/**
 * Runs config rules over the model. A rule that throws becomes one `internal-error`
 * finding and the other rules still run.
 */
export function runConfigRules(
  model: ProjectModel,
  rules: ReadonlyArray<ConfigRule>,
  settings: Readonly<Record<string, ConfigRuleSetting | undefined>>,
  now: Date = new Date(),
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings[rule.name];
    if (!setting) continue;
    const configured: FindingSeverity = setting.severity === 'error' ? 'error' : 'warning';
    const options = (setting.options ?? rule.defaultOptions) as typeof rule.defaultOptions;
    const report = (r: ConfigRuleReport): void => {
      const severity = r.severity && RANK[r.severity] < RANK[configured] ? r.severity : configured;
      const ignored = r.functions && model.functions.some(
        (fn) => r.functions!.includes(fn.name) && fn.ignoredRules?.some((i) => i.rule === rule.name),
      );
      if (ignored) return;
      findings.push({
        ruleId: rule.name,
        severity,
        message: interpolate(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
        messageId: r.messageId,
        file: r.loc.file,
        line: r.loc.line,
        column: r.loc.column,
        endLine: r.loc.endLine,
        endColumn: r.loc.endColumn,
        functions: r.functions,
      });
    };
    try {
      const visitor = rule.create({ id: rule.name, options, model, now, report });
      for (const fn of model.functions) visitor.function?.(fn);
      visitor.project?.(model);
    } catch (error) {
      findings.push({
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule '${rule.name}' failed: ${error instanceof Error ? error.message : String(error)}. Please report this with the config that triggers it.`,
        file: model.configFiles[0] ?? '.',
        line: 1,
        column: 1,
      });
    }
  }
  return findings;
}
