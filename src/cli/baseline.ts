import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import { UsageError } from './errors.js';
import { parseJsonSource } from './json-source.js';
import { bareRuleId } from '../suppressions.js';

/**
 * Baselines, for adopting lambdalint in a repository that already has findings:
 * `--baseline-write` records today's findings, `--baseline` reports only the ones not recorded.
 *
 * A finding is recorded by a fingerprint that survives line shifts: a hash of the rule, the file,
 * the trimmed text of the finding's line and, for identical lines, the occurrence index. Code
 * added above a finding keeps it recorded; editing its line makes it new.
 */

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
  fingerprints: ReadonlySet<string>;
}

/** File text by relative path. A file without text (unreadable, not passed) fingerprints by message. */
export type SourceTexts = ReadonlyMap<string, string | undefined> | Readonly<Record<string, string | undefined>>;

function textOf(sources: SourceTexts, file: string): string | undefined {
  if (sources instanceof Map) return sources.get(file);
  const record = sources as Readonly<Record<string, string | undefined>>;
  return Object.hasOwn(record, file) ? record[file] : undefined;
}

/** The fingerprint of each finding, in the order given. Independent of that order. */
export function fingerprintFindings(findings: readonly Finding[], sourceTextByFile: SourceTexts): string[] {
  const linesByFile = new Map<string, string[] | undefined>();
  const lineText = (f: Finding): string => {
    if (!linesByFile.has(f.file)) linesByFile.set(f.file, textOf(sourceTextByFile, f.file)?.split(/\r\n|\r|\n/));
    const line = linesByFile.get(f.file)?.[f.line - 1];
    // Without the source (a file that could not be read), the message stands in for the line.
    return line === undefined ? `\u0000message\u0000${f.message}` : line.trim();
  };

  const keys = findings.map((f) => `${f.ruleId}\u0000${f.file}\u0000${lineText(f)}`);
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });

  const fingerprints = new Array<string>(findings.length);
  for (const [key, indexes] of groups) {
    // Occurrence index among identical (rule, file, line text): by position, which a line shift keeps.
    indexes.sort((a, b) => comparePosition(findings[a], findings[b]) || a - b);
    indexes.forEach((index, occurrence) => {
      fingerprints[index] = createHash('sha256').update(`lambdalint/v${BASELINE_VERSION}\u0000${key}\u0000${occurrence}`).digest('hex');
    });
  }
  return fingerprints;
}

function comparePosition(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.endLine ?? 0) - (b.endLine ?? 0) ||
    (a.endColumn ?? 0) - (b.endColumn ?? 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** The baseline file for these findings: sorted, versioned JSON, ending with a newline. */
export function writeBaseline(findings: readonly Finding[], sourceTextByFile: SourceTexts): string {
  const fingerprints = fingerprintFindings(findings, sourceTextByFile);
  const entries: BaselineEntry[] = findings.map((f, i) => ({ file: f.file, ruleId: f.ruleId, fingerprint: fingerprints[i] }));
  entries.sort(
    (a, b) =>
      compareStrings(a.file, b.file) || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.fingerprint, b.fingerprint),
  );
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'lambdalint', findings: entries }, null, 2)}\n`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses a baseline file; anything malformed is a one-line `UsageError` naming the place. */
export function readBaseline(text: string, file = 'baseline'): Baseline {
  const source = parseJsonSource(text, file);
  const at = (pointer: string) => ({ file, ...source.valueAt(pointer) });
  const rewrite = 'rewrite it with --baseline-write';
  const root = source.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new UsageError(`not a lambdalint baseline (expected a JSON object with "version" and "findings"); ${rewrite}`, at(''));
  }
  const { version, findings } = root as Record<string, unknown>;
  if (version !== BASELINE_VERSION) {
    const detail =
      typeof version === 'number' && version > BASELINE_VERSION
        ? `baseline version ${version} is newer than this lambdalint reads (${BASELINE_VERSION}); update lambdalint or ${rewrite}`
        : `unsupported baseline version ${JSON.stringify(version) ?? '(missing)'} (expected ${BASELINE_VERSION}); ${rewrite}`;
    throw new UsageError(detail, at(version === undefined ? '' : '/version'));
  }
  if (!Array.isArray(findings)) {
    throw new UsageError(`"findings" must be an array; ${rewrite}`, at(findings === undefined ? '' : '/findings'));
  }
  const entries: BaselineEntry[] = findings.map((entry, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    for (const key of ['file', 'ruleId', 'fingerprint'] as const) {
      if (typeof e[key] !== 'string') {
        throw new UsageError(`findings[${i}] needs a string "${key}"; ${rewrite}`, at(`/findings/${i}`));
      }
    }
    if (!/^[0-9a-f]{64}$/.test(e.fingerprint as string)) {
      throw new UsageError(`findings[${i}].fingerprint is not a lambdalint fingerprint (64 hex digits); ${rewrite}`, at(`/findings/${i}/fingerprint`));
    }
    return { file: e.file as string, ruleId: bareRuleId(e.ruleId as string), fingerprint: e.fingerprint as string };
  });
  return { version: BASELINE_VERSION, entries, fingerprints: new Set(entries.map((e) => e.fingerprint)) };
}

/** The findings not recorded in the baseline, in the order given. */
export function filterNew(findings: readonly Finding[], baseline: Baseline, sourceTextByFile: SourceTexts): Finding[] {
  const fingerprints = fingerprintFindings(findings, sourceTextByFile);
  return findings.filter((_, i) => !baseline.fingerprints.has(fingerprints[i]));
}

/**
 * The findings, with those the baseline records marked suppressed (`external`, as SARIF calls a
 * suppression kept outside the source): the report keeps them, the exit code ignores them.
 * Findings already suppressed in the source are not fingerprinted, as `--baseline-write` leaves them out.
 */
export function markBaselined(findings: readonly Finding[], baseline: Baseline, sourceTextByFile: SourceTexts, baselineFile: string): Finding[] {
  const active = findings.filter((f) => !f.suppressions);
  const fingerprints = fingerprintFindings(active, sourceTextByFile);
  const recorded = new Set(active.filter((_, i) => baseline.fingerprints.has(fingerprints[i])));
  return findings.map((f) => (recorded.has(f) ? { ...f, suppressions: [{ kind: 'external', justification: `recorded in the baseline ${baselineFile}` }] } : f));
}
