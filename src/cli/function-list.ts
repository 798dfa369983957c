import type { LinkedFunction } from '../cross-rules/types.js';
import { isReference, type Located } from '../model/index.js';
import { codeStatus, type CodeStatus } from '../project/code-status.js';
import { terminalSafe } from './formatters/stylish.js';

/** One row of `lambdalint --list-functions` (the `--format json` shape). */
export interface FunctionListEntry {
  name: string;
  file: string;
  line: number;
  format: string;
  runtime?: string;
  handler?: string;
  code: { status: CodeStatus['status']; file?: string; reason?: string };
}

/** Every function found, by config file, line and name. */
export function functionList(functions: readonly LinkedFunction[]): FunctionListEntry[] {
  return functions
    .map((linked): FunctionListEntry => {
      const { fn } = linked;
      const status = codeStatus(linked);
      const code: FunctionListEntry['code'] = { status: status.status };
      if (status.status !== 'not-found' && status.file) code.file = status.file;
      if (status.status !== 'linted') code.reason = status.reason;
      const runtime = asWritten(fn.runtime);
      const handler = asWritten(fn.handler);
      return {
        name: fn.name,
        file: fn.source.file,
        line: fn.source.line,
        format: fn.format,
        ...(runtime === undefined ? {} : { runtime }),
        ...(handler === undefined ? {} : { handler }),
        code,
      };
    })
    .sort((a, b) => compare(a.file, b.file) || a.line - b.line || compare(a.name, b.name));
}

/** The value as the config wrote it: a literal, or the reference's text (`!Ref Runtime`). */
function asWritten(value: Located<string> | undefined): string | undefined {
  if (!value || value.isDefault) return undefined;
  return isReference(value.value) ? value.value.text : value.value;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function formatFunctionListJson(entries: FunctionListEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** A table: function, where it is defined, format, runtime, handler, and what was done with its code. */
export function formatFunctionListTable(entries: FunctionListEntry[]): string {
  const header = ['function', 'defined at', 'format', 'runtime', 'handler', 'code'];
  const rows = entries.map((e) => [
    e.name,
    `${e.file}:${e.line}`,
    e.format,
    e.runtime ?? '-',
    e.handler ?? '-',
    e.code.status === 'linted' ? `linted ${e.code.file}` : `${e.code.status} (${e.code.reason}${e.code.file ? `: ${e.code.file}` : ''})`,
  ].map(terminalSafe));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const counts = { linted: 0, 'config-only': 0, 'not-found': 0 };
  for (const e of entries) counts[e.code.status]++;
  const summary = `${entries.length} function${entries.length === 1 ? '' : 's'}: ${counts.linted} linted, ${counts['config-only']} config-only, ${counts['not-found']} not found`;
  return [line(header), ...rows.map(line), '', summary, ''].join('\n');
}
