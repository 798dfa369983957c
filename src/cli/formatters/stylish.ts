import type { FindingSeverity } from '../../config-rules/types.js';
import { countSeverities, plural, sortResults, unsuppressed } from './shared.js';
import type { FileResult, FormatContext, FunctionCoverage } from './types.js';

type Paint = (text: string) => string;

const ANSI = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
} as const;

function palette(color: boolean): Record<keyof typeof ANSI, Paint> {
  const out = {} as Record<keyof typeof ANSI, Paint>;
  for (const [name, [open, close]] of Object.entries(ANSI) as [keyof typeof ANSI, readonly [number, number]][]) {
    out[name] = color ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
  }
  return out;
}

const SEVERITY_COLOR: Record<FindingSeverity, 'red' | 'yellow' | 'cyan'> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * ESLint's stylish layout: one block per file with findings, aligned `line:col  severity  message  rule`
 * rows, then one summary line with counts per severity, files checked and time taken.
 */
export function stylish(results: FileResult[], ctx: FormatContext): string {
  const c = palette(ctx.color);
  const sorted = sortResults(unsuppressed(results));
  let out = '';
  for (const result of sorted) {
    if (result.findings.length === 0) continue;
    const rows = result.findings.map((f) => ({
      line: String(f.line),
      column: String(f.column),
      severity: f.severity,
      message: cleanMessage(f.message),
      rule: terminalSafe(f.ruleId),
    }));
    const width = { line: widest(rows, 'line'), column: widest(rows, 'column'), severity: widest(rows, 'severity'), message: widest(rows, 'message') };
    out += `\n${c.underline(terminalSafe(result.file))}\n`;
    for (const r of rows) {
      const position = c.dim(`${r.line.padStart(width.line)}:${r.column}`) + ' '.repeat(width.column - r.column.length);
      const severity = c[SEVERITY_COLOR[r.severity]](r.severity) + ' '.repeat(width.severity - r.severity.length);
      const message = r.message + ' '.repeat(width.message - r.message.length);
      out += `  ${position}  ${severity}  ${message}  ${c.dim(r.rule)}\n`;
    }
  }
  const counts = countSeverities(sorted);
  const total = counts.error + counts.warning + counts.info;
  const checked = `${plural(sorted.length, 'file')} checked${ctx.elapsedMs === undefined ? '' : ` in ${formatDuration(ctx.elapsedMs)}`}`;
  if (total === 0) {
    out += `${c.green('✔')} No problems, ${checked}\n`;
  } else {
    const tone = counts.error > 0 ? c.red : counts.warning > 0 ? c.yellow : c.cyan;
    const summary = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`;
    out += `\n${c.bold(tone(summary))}, ${checked}\n`;
  }
  const coverage = coverageLine(ctx.functions);
  if (coverage) out += `${c.dim(coverage)}\n`;
  return out;
}

/** What the deploy configs gave to check, when it is less than everything (or nothing at all). */
export function coverageLine(functions: FunctionCoverage | undefined): string | undefined {
  if (!functions) return undefined;
  if (functions.configFiles === 0) return `No deploy config found (looked for ${LOOKED_FOR}): no function's code was checked against its config`;
  if (functions.codeChecked === functions.found) return undefined;
  return `${plural(functions.found, 'function')}, code checked for ${functions.codeChecked}: run with --list-functions to see why not`;
}

const LOOKED_FOR = 'serverless.yml/.json/.ts/.js, SAM or CloudFormation templates, CDK stacks in TypeScript, Terraform .tf files';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** One line per finding, without ESLint's trailing period, and nothing a terminal would act on. */
function cleanMessage(message: string): string {
  return terminalSafe(message.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([^ ])\.$/u, '$1'));
}

/**
 * Messages quote config values and file names from the repository being linted, which may be
 * an untrusted pull request: control characters (ANSI escapes) and bidirectional overrides are
 * shown as `\uXXXX` instead of reaching the terminal.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest value of a column, in a loop: `Math.max(...)` over a file's 120,000+ findings overflows the stack. */
function widest<K extends string>(rows: Array<Record<K, string>>, key: K): number {
  let width = 0;
  for (const row of rows) width = Math.max(width, row[key].length);
  return width;
}
