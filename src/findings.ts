import type { FindingSeverity } from './config-rules/types.js';
import type { Suppression } from './suppressions.js';

/** One reported problem, from any rule family (code, config, cross) or from loading. */
export interface Finding {
  /** `no-max-timeout`, `lambdalint/no-aws-sdk-v2` is reported as `no-aws-sdk-v2`; `parse-error`, `internal-error`. */
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  messageId?: string;
  /** Relative to the analysis root, `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Deploy-config functions the finding concerns. */
  functions?: string[];
  /** Set when a comment, a `Metadata` entry or the baseline suppresses it: kept in JSON and SARIF, hidden elsewhere. */
  suppressions?: Suppression[];
}

/** Stable order: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
