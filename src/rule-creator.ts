import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export type Severity = 'error' | 'warn' | 'off';

/**
 * Metadata every lambdalint rule carries, code rules and config rules alike.
 * Configs, the README table and the CLI's SARIF rule list are derived from it.
 */
export interface LambdalintDocs {
  description: string;
  /** Severity in the `recommended` config; 'off' keeps the rule out of it. */
  recommended: Severity;
  /** Severity in the `strict` config; defaults to 'error'. */
  strict?: Severity;
  /** Options the `strict` config passes (tighter budgets than the defaults). */
  strictOptions?: unknown[];
  /** Where the rule's reason comes from: AWS documentation pages, measurements. */
  sources: string[];
  /**
   * Messages whose findings are at most this severity in the CLI, whatever the rule's setting
   * (an ESLint rule has one severity, so in ESLint the rule's setting applies).
   */
  messageSeverity?: Record<string, 'warning' | 'info'>;
}

export const DOCS_BASE_URL = 'https://github.com/lambdalint/lambdalint/blob/main/docs/rules/';

export function ruleDocsUrl(name: string): string {
  return `${DOCS_BASE_URL}${name}.md`;
}

export const createRule = RuleCreator<LambdalintDocs>(ruleDocsUrl);
