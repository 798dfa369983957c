import type { Finding } from '../findings.js';
import type { ProjectModel } from '../model/index.js';
import type { LoaderHost } from '../loaders/types.js';
import type { CodeFacts } from '../code/facts.js';
import { collectRuleFindings, type RuleSetting } from '../config-rules/run.js';
import type { CrossRule, LinkedFunction } from './types.js';

/** Runs cross rules over the model, the linked functions and the code facts. */
export function runCrossRules(
  rules: ReadonlyArray<CrossRule>,
  settings: Readonly<Record<string, RuleSetting | undefined>>,
  input: { model: ProjectModel; functions: LinkedFunction[]; facts: (file: string) => CodeFacts | undefined; host: LoaderHost },
): Finding[] {
  const findings: Finding[] = [];
  // A file that could not be read or parsed has empty facts: for the rules it is unknown, not empty
  // (no exports, no reads), so they skip what depends on it instead of reporting from nothing.
  const facts = (file: string): CodeFacts | undefined => {
    const known = input.facts(file);
    return known?.analysed ? known : undefined;
  };
  for (const rule of rules) {
    const setting = settings[rule.name];
    if (!setting) continue;
    const options = (setting.options ?? rule.defaultOptions) as typeof rule.defaultOptions;
    findings.push(
      ...collectRuleFindings(rule, setting, input.model, (report) => {
        const visitor = rule.create({ id: rule.name, options, ...input, facts, report });
        for (const linked of input.functions) visitor.function?.(linked);
        visitor.project?.();
      }),
    );
  }
  return findings;
}
