import { Linter, type ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import plugin, { CODE_FILES } from '../plugin.js';
import type { Finding } from '../findings.js';
import type { HandlerSetting } from '../handlers/settings.js';
import type { ProjectHost } from '../project/host.js';
import { createFactsRule, emptyFacts, type CodeFacts } from './facts.js';
import { resolveRelativeImport } from './resolve-import.js';

export interface CodeRuleSetting {
  severity: 'error' | 'warn';
  options?: unknown[];
}

export interface LintPassOptions {
  /** Code rule id (without prefix) -> setting; rules not listed are off. */
  rules: Record<string, CodeRuleSetting>;
  /** Per file: the handler exports the deploy config names, with triggers and runtime. */
  handlersByFile: Map<string, HandlerSetting[]>;
  /** Extra files to lint that no function reaches (`--all-files`). */
  extraFiles?: string[];
  handlerNames?: string[];
  reportUnusedDisableDirectives?: boolean;
}

export interface LintedFile {
  file: string;
  findings: Finding[];
  facts: CodeFacts;
  /** Files this one imports, resolved. */
  imports: string[];
  /** Source text, for baselines and formatters. */
  source: string;
}

const FACTS_PLUGIN = 'lambdalint-facts';

/**
 * Lints handler files and every local module they import, each file once, in-process
 * through ESLint's Linter, and records code facts from the same parse.
 */
export function runLintPass(host: ProjectHost, options: LintPassOptions): Map<string, LintedFile> {
  let lastFacts: CodeFacts | undefined;
  const factsRule = createFactsRule((_, facts) => {
    lastFacts = facts;
  });
  const linter = new Linter({ configType: 'flat', cwd: host.root });
  const ruleConfig: Linter.RulesRecord = { [`${FACTS_PLUGIN}/facts`]: 'error' };
  for (const [id, setting] of Object.entries(options.rules)) {
    ruleConfig[`lambdalint/${id}`] = setting.options ? [setting.severity, ...setting.options] : setting.severity;
  }
  const baseConfig = {
    // ESLint 10 lints only files a config's `files` names explicitly.
    files: CODE_FILES,
    languageOptions: { parser: tsParser as unknown as Linter.Parser },
    plugins: {
      lambdalint: plugin as unknown as ESLint.Plugin,
      [FACTS_PLUGIN]: { rules: { facts: factsRule as unknown as TSESLint.RuleModule<string, unknown[]> } } as unknown as ESLint.Plugin,
    },
    rules: ruleConfig,
    linterOptions: { reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ? ('warn' as const) : ('off' as const) },
  };

  const results = new Map<string, LintedFile>();
  const queue = [...options.handlersByFile.keys(), ...(options.extraFiles ?? [])].sort();
  const queued = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const outcome = host.read(file);
    if (!outcome.ok) {
      results.set(file, {
        file,
        findings: [{ ruleId: 'parse-error', severity: 'error', message: `${file}: ${outcome.detail}`, file, line: 1, column: 1 }],
        facts: emptyFacts(),
        imports: [],
        source: '',
      });
      continue;
    }
    const handlers = options.handlersByFile.get(file) ?? [];
    const config = {
      ...baseConfig,
      languageOptions: { ...baseConfig.languageOptions, sourceType: file.endsWith('.cjs') || file.endsWith('.cts') ? ('commonjs' as const) : ('module' as const) },
      settings: { lambdalint: { handlers, handlerNames: options.handlerNames, runtime: handlers[0]?.runtime } },
    };
    lastFacts = undefined;
    const messages = linter.verify(outcome.text, [config], { filename: host.absolute(file) });
    const facts = lastFacts ?? emptyFacts();
    const imports: string[] = [];
    for (const specifier of facts.relativeImports) {
      const resolved = resolveRelativeImport(file, specifier, host);
      if (!resolved) continue;
      imports.push(resolved);
      if (!queued.has(resolved)) {
        queued.add(resolved);
        queue.push(resolved);
      }
    }
    // Inline comments that name other plugins' rules (`eslint-disable import/x`, `/* eslint import/x: 0 */`)
    // make ESLint report "rule not found": those belong to the user's own ESLint run, not ours.
    const findings = messages.filter((m) => m.fatal || m.ruleId === null || m.ruleId.startsWith('lambdalint/')).map((m) => toFinding(file, m));
    results.set(file, { file, findings, facts, imports: [...new Set(imports)].sort(), source: outcome.text });
  }
  return results;
}

function toFinding(file: string, message: Linter.LintMessage): Finding {
  // A message with no rule and no fatal flag is an unused disable directive.
  const ruleId = message.fatal ? 'parse-error' : message.ruleId === null ? 'unused-disable-directive' : message.ruleId.replace(/^lambdalint\//, '');
  return {
    ruleId,
    severity: message.severity === 2 ? 'error' : 'warning',
    message: message.message,
    messageId: message.messageId,
    file,
    line: message.line || 1,
    column: message.column || 1,
    endLine: message.endLine,
    endColumn: message.endColumn,
  };
}
