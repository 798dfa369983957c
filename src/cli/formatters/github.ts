import type { FindingSeverity } from '../../config-rules/types.js';
import { sortResults, unsuppressed } from './shared.js';
import type { FileResult, FormatContext } from './types.js';

const COMMAND: Record<FindingSeverity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which annotate the pull
 * request's diff. Escaping follows @actions/core's `issueCommand`, so no message or file name can
 * end the command early or start another one.
 */
export function github(results: FileResult[], _ctx: FormatContext): string {
  let out = '';
  for (const result of sortResults(unsuppressed(results))) {
    for (const f of result.findings) {
      const props: [string, string | number][] = [['file', result.file], ['line', f.line]];
      const endLine = f.endLine ?? f.line;
      // GitHub ignores columns on multi-line annotations (@actions/core: "cannot be sent when
      // startLine and endLine are different values").
      if (endLine === f.line) {
        props.push(['col', f.column]);
        if (f.endLine !== undefined) props.push(['endLine', f.endLine]);
        if (f.endColumn !== undefined) props.push(['endColumn', f.endColumn]);
      } else {
        props.push(['endLine', endLine]);
      }
      props.push(['title', f.ruleId]);
      const properties = props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      out += `::${COMMAND[f.severity]} ${properties}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}

/** @actions/core `escapeData`: the message part. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core `escapeProperty`: property values also escape `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
