import type { LinkedFunction } from '../cross-rules/types.js';

/** Languages whose handler code has a code pass (lint rules, facts for cross rules). */
export const ANALYSED_LANGUAGES: Readonly<Record<'node' | 'python', boolean>> = { node: true, python: true };

/** What a run did with one function's code, as `--list-functions` and the summary line report it. */
export type CodeStatus =
  | { status: 'linted'; file: string }
  | { status: 'config-only'; reason: string; file?: string }
  | { status: 'not-found'; reason: string };

/** The one place that decides whether a function's code was checked. */
export function codeStatus({ resolution }: LinkedFunction): CodeStatus {
  switch (resolution.status) {
    case 'found':
      return ANALYSED_LANGUAGES[resolution.language]
        ? { status: 'linted', file: resolution.file }
        : { status: 'config-only', reason: `${resolution.language} code is not analysed yet`, file: resolution.file };
    case 'missing-file':
      return { status: 'not-found', reason: `no ${resolution.tried.length > 1 ? resolution.tried[0].replace(/\.[^./]+$/, '.*') : resolution.tried[0]}` };
    case 'not-checked':
      return { status: 'config-only', reason: resolution.reason };
  }
}

export interface CodeCoverage {
  found: number;
  /** Functions whose handler code was linted. */
  codeChecked: number;
}

export function codeCoverage(functions: readonly LinkedFunction[]): CodeCoverage {
  return { found: functions.length, codeChecked: functions.filter((f) => codeStatus(f).status === 'linted').length };
}
