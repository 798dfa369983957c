import type { FindingSeverity } from '../../config-rules/types.js';
import { compareFindings } from '../../findings.js';
import type { FileResult } from './types.js';

/** Files by path, findings by line, column, rule and message: the order every format prints. */
export function sortResults(results: readonly FileResult[]): FileResult[] {
  return [...results]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((r) => ({ ...r, findings: [...r.findings].sort(compareFindings) }));
}

/** Without suppressed findings: what stylish, GitHub and JUnit show (JSON and SARIF keep them, marked). */
export function unsuppressed(results: readonly FileResult[]): FileResult[] {
  return results.map((r) => (r.findings.some((f) => f.suppressions) ? { ...r, findings: r.findings.filter((f) => !f.suppressions) } : r));
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export function countSeverities(results: readonly FileResult[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];
