import type { ProjectModel } from '../model/index.js';
import type { ConfigRule, ConfigRuleReport, FindingSeverity } from './types.js';
import type { Finding } from '../findings.js';
import { nameList } from '../name-list.js';

export interface RuleSetting {
  severity: 'error' | 'warn';
  options?: readonly unknown[];
}

const RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

interface RuleLike {
  name: string;
  meta: { messages: Record<string, string> };
}

/**
 * Runs one model-level rule (config or cross rule) and collects its reports as findings.
 * Reports may lower the severity (info notes) but never raise it; suppressions (comments,
 * `Metadata.lambdalint.ignore`) are applied later, to every family at once. A rule that throws becomes one
 * `internal-error` finding, and the caller goes on with the other rules.
 */
export function collectRuleFindings(
  rule: RuleLike,
  setting: RuleSetting,
  model: ProjectModel,
  run: (report: (r: ConfigRuleReport) => void) => void,
): Finding[] {
  const configured: FindingSeverity = setting.severity === 'error' ? 'error' : 'warning';
  const groups = new Map<string, { report: ConfigRuleReport; severity: FindingSeverity; names: string[] }>();
  const report = (r: ConfigRuleReport): void => {
    const severity = r.severity && RANK[r.severity] < RANK[configured] ? r.severity : configured;
    // One finding per cause: functions that inherit one setting are reported once, at its line.
    const { fn, ...rest } = r.data ?? {};
    const key = JSON.stringify([r.loc.file, r.loc.line, r.loc.column, r.messageId, severity, rest]);
    const group = groups.get(key);
    if (!group) groups.set(key, { report: r, severity, names: fn === undefined ? [] : [String(fn)] });
    else if (fn !== undefined) group.names.push(String(fn));
    if (group && r.functions) group.report = { ...group.report, functions: [...new Set([...(group.report.functions ?? []), ...r.functions])] };
  };
  const findings: Finding[] = [];
  const flush = (): void => {
    for (const { report: r, severity, names } of groups.values()) {
      const data = names.length > 0 ? { ...r.data, fn: nameList(names) } : r.data;
      findings.push({
        ruleId: rule.name,
        severity,
        message: interpolate(rule.meta.messages[r.messageId] ?? r.messageId, data),
        messageId: r.messageId,
        file: r.loc.file,
        line: r.loc.line,
        column: r.loc.column,
        endLine: r.loc.endLine,
        endColumn: r.loc.endColumn,
        functions: r.functions,
      });
    }
  };
  try {
    run(report);
    flush();
  } catch (error) {
    if (findings.length === 0) flush();
    findings.push({
      ruleId: 'internal-error',
      severity: 'error',
      message: `Rule '${rule.name}' failed: ${error instanceof Error ? error.message : String(error)}; the other rules still ran (please report it with the config).`,
      file: model.configFiles[0] ?? '.',
      line: 1,
      column: 1,
    });
  }
  return findings;
}

/** Runs config rules over the model. */
export function runConfigRules(
  model: ProjectModel,
  rules: ReadonlyArray<ConfigRule>,
  settings: Readonly<Record<string, RuleSetting | undefined>>,
  now: Date = new Date(),
  code: { callbackHandlers?: ReadonlySet<string> } = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings[rule.name];
    if (!setting) continue;
    const options = (setting.options ?? rule.defaultOptions) as typeof rule.defaultOptions;
    findings.push(
      ...collectRuleFindings(rule, setting, model, (report) => {
        const visitor = rule.create({ id: rule.name, options, model, now, report, callbackHandlers: code.callbackHandlers });
        for (const fn of model.functions) visitor.function?.(fn);
        visitor.project?.(model);
      }),
    );
  }
  return findings;
}
