import type { Finding } from '../../findings.js';
import type { Severity } from '../../rule-creator.js';

/** The findings of one analysed file. Files without findings are listed too (JUnit, counts). */
export interface FileResult {
  /** Relative to the analysis root, `/` separators. */
  file: string;
  findings: Finding[];
  /** The file's text, when read: JSON output includes it, SARIF fingerprints use it. */
  source?: string;
}

/** What a report says about one rule (SARIF `tool.driver.rules`, JUnit and stylish links). */
export interface RuleMetaSummary {
  /** Bare id: `no-aws-sdk-v2`. */
  id: string;
  description: string;
  /** The rule's docs page (`ruleDocsUrl(id)`). */
  url: string;
  /** Default severity: the rule's severity in the `recommended` preset ('off' when not in it). */
  recommended: Severity;
  /** AWS pages or measurements behind the rule. */
  sources: string[];
  /** Rule family, reported as a SARIF tag. */
  family?: 'code' | 'config' | 'cross';
  type?: 'problem' | 'suggestion' | 'layout';
}

export interface FormatContext {
  /** The analysis root. Paths in reports stay relative to it; no formatter prints it. */
  cwd: string;
  /** Every rule that ran (findings of rules not listed, like `parse-error`, still get a descriptor). */
  rules: RuleMetaSummary[];
  /** Wall time of the run; only `stylish` prints it. */
  elapsedMs?: number;
  /** ANSI colours; the caller decides from the TTY and NO_COLOR / FORCE_COLOR. */
  color: boolean;
  /** lambdalint's version for SARIF `tool.driver.version`; defaults to the package's version. */
  version?: string;
  /** What the run found: stylish says when not every function's code was checked, SARIF puts it in `run.properties`. */
  functions?: FunctionCoverage;
}

export interface FunctionCoverage {
  /** Functions in the deploy configs. */
  found: number;
  /** Of those, how many had their handler code linted. */
  codeChecked: number;
  /** Deploy config files loaded (0: none found). */
  configFiles: number;
}

/** A pure function: same results and context, same text. */
export type Formatter = (results: FileResult[], ctx: FormatContext) => string;
