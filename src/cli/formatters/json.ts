import type { Finding } from '../../findings.js';
import { sortResults } from './shared.js';
import type { FileResult, FormatContext } from './types.js';

/** One message of ESLint's `LintResult`, plus lambdalint's extras. */
export interface EslintJsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  /** Set on `parse-error` findings, as ESLint sets it on parsing errors. */
  fatal?: true;
  /** `info` findings are severity 1 in ESLint's scale; this keeps the difference. */
  lambdalintSeverity?: 'info';
  /** Deploy-config functions the finding concerns. */
  functions?: string[];
}

/** ESLint's `SuppressedLintMessage`: `directive` for a comment or `Metadata` entry, `external` for the baseline. */
export interface EslintJsonSuppressedMessage extends EslintJsonMessage {
  suppressions: Array<{ kind: 'directive' | 'external'; justification: string }>;
}

export interface EslintJsonResult {
  filePath: string;
  messages: EslintJsonMessage[];
  suppressedMessages: EslintJsonSuppressedMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: 0;
  fixableWarningCount: 0;
  source?: string;
  usedDeprecatedRules: [];
}

/**
 * The shape of ESLint's `json` formatter (an array of `LintResult`), so tooling that reads ESLint
 * reports reads lambdalint's. Suppressed findings go to `suppressedMessages`, as in ESLint, and
 * count in no total. `filePath` stays relative to the working directory (ESLint's is absolute), so
 * the report is the same on every machine; `path.resolve(filePath)` gives ESLint's value.
 */
export function json(results: FileResult[], _ctx: FormatContext): string {
  const out: EslintJsonResult[] = sortResults(results).map((result) => {
    let errorCount = 0;
    let fatalErrorCount = 0;
    let warningCount = 0;
    const toMessage = (f: Finding): EslintJsonMessage => {
      const fatal = f.ruleId === 'parse-error';
      const message: EslintJsonMessage = {
        ruleId: f.ruleId,
        severity: f.severity === 'error' ? 2 : 1,
        message: f.message,
        line: f.line,
        column: f.column,
      };
      if (f.messageId !== undefined) message.messageId = f.messageId;
      if (f.endLine !== undefined) message.endLine = f.endLine;
      if (f.endColumn !== undefined) message.endColumn = f.endColumn;
      if (fatal) message.fatal = true;
      if (f.severity === 'info') message.lambdalintSeverity = 'info';
      if (f.functions && f.functions.length > 0) message.functions = [...f.functions];
      return message;
    };
    const messages: EslintJsonMessage[] = [];
    const suppressedMessages: EslintJsonSuppressedMessage[] = [];
    for (const f of result.findings) {
      if (f.suppressions) {
        suppressedMessages.push({ ...toMessage(f), suppressions: f.suppressions.map((s) => ({ kind: s.kind, justification: s.justification })) });
        continue;
      }
      messages.push(toMessage(f));
      if (f.severity === 'error') {
        errorCount++;
        if (f.ruleId === 'parse-error') fatalErrorCount++;
      } else {
        warningCount++;
      }
    }
    // ESLint's key order.
    return {
      filePath: result.file,
      messages,
      suppressedMessages,
      errorCount,
      fatalErrorCount,
      warningCount,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      ...(result.source === undefined ? {} : { source: result.source }),
      usedDeprecatedRules: [],
    };
  });
  return JSON.stringify(out);
}
