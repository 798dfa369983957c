// The config-only path (`analyzeConfigs`): it loads no ESLint, no parser for code and no code or
// cross rules, so a run over deploy configs alone starts in a fraction of the time.
import { configRules } from '../rules/config-index.js';
import type { ConfigRule } from './config-rules/types.js';
import { runConfigRules, type RuleSetting } from './config-rules/run.js';
import { compareFindings, type Finding } from './findings.js';
import type { ProjectModel } from './model/index.js';
import { discoverFiles } from './project/discover.js';
import { ProjectHost } from './project/host.js';
import { loadProject } from './project/load-project.js';
import { presetFrom, summariesOf } from './rule-summary.js';

export interface AnalyzeConfigsOptions {
  /** Folder that paths in the model and output are relative to (default: process.cwd()). */
  root?: string;
  /** Rule id -> setting; default: the `recommended` preset. Only config rules run here. */
  rules?: Record<string, RuleSetting>;
  ignorePatterns?: string[];
  gitignore?: boolean;
  /** "Today" for date-dependent rules. */
  now?: Date;
}

/** Deploy configs only: the function model and the config-rule findings. */
export async function analyzeConfigs(paths: string[] = ['.'], options: AnalyzeConfigsOptions = {}): Promise<{ model: ProjectModel; findings: Finding[] }> {
  const host = new ProjectHost(options.root ?? process.cwd());
  const discovery = await discoverFiles(host, paths, { ignorePatterns: options.ignorePatterns, gitignore: options.gitignore });
  const model = await loadProject(host, discovery.files);
  const rules = options.rules ?? presetFrom(summariesOf(configRules, 'config'), 'recommended');
  const findings = [...diagnosticFindings(model), ...runConfigRules(model, Object.values(configRules) as ConfigRule[], rules, options.now)];
  return { model, findings: findings.sort(compareFindings) };
}

/** Load problems (parse errors, unreadable files) as findings. */
export function diagnosticFindings(model: ProjectModel): Finding[] {
  return model.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity ?? 'error',
    message: d.message,
    file: d.loc.file,
    line: d.loc.line,
    column: d.loc.column,
  }));
}
