/**
 * Keeps hcl2json (HashiCorp's HCL parser compiled to Go WebAssembly) from taking the run down.
 *
 * The Go code runs on the JavaScript stack: an expression nested a few thousand levels deep
 * (`[[[[...`, `{ a = { a = ...`, `"${"${...`) overflows it, and the Go runtime does not
 * survive that. The next parse call then throws `RuntimeError: unreachable` or, after the
 * runtime's "fatal error: malloc deadlock", never answers: lambdalint hung on the next `.tf`
 * file. So: nesting is checked before parsing, a parser that failed that way is replaced by a
 * fresh instance (a few times; then Terraform files are reported as not parsed), and every call
 * is bounded in time.
 */
import { runGuarded } from '../../guard/guarded-worker.js';
import type { HclTaskResult } from './hcl-task.js';

/** Deeper nesting of brackets and `${`/`%{` templates is not parsed (hcl2json failed between 1,000 and 3,000). */
export const MAX_HCL_NESTING = 200;
/** A parse call that takes longer than this is abandoned (the parser is then considered broken). */
export const HCL_PARSE_TIMEOUT_MS = 30_000;

export class HclLimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Fresh parser instances after failures, per process; past this, Terraform parsing stops. */
export const MAX_PARSER_RESTARTS = 5;

let restarts = 0;
let brokenBy: string | undefined;

/**
 * hcl2json's `parse`, guarded. It runs in the guard worker (`src/guard/guarded-worker.ts`): the
 * Go WebAssembly blocks the thread it runs on, so only there can the time limit fire, and its
 * memory is bounded. Throws `HclLimitError` (with a position) for input it will not parse, and
 * the parser's own error for syntax errors.
 */
export async function parseHclGuarded(file: string, text: string): Promise<Record<string, unknown>> {
  const deep = hclNestingPosition(text, MAX_HCL_NESTING);
  if (deep) throw new HclLimitError(`Terraform file nested deeper than ${MAX_HCL_NESTING} levels: not parsed.`, deep.line, deep.column);
  if (brokenBy !== undefined) {
    throw new HclLimitError(`Terraform file not parsed: the Terraform parser failed ${MAX_PARSER_RESTARTS + 1} times in this run (last on ${brokenBy}).`, 1, 1);
  }
  const outcome = await runGuarded<HclTaskResult>(new URL('./hcl-task.js', import.meta.url), 'parseHcl', { file, text }, { deadlineMs: HCL_PARSE_TIMEOUT_MS });
  if (outcome.ok && outcome.value.error === undefined) return outcome.value.json as Record<string, unknown>;
  if (outcome.ok && !outcome.value.broken) throw new Error(outcome.value.error);
  // A Go runtime that failed was replaced (a new worker after a timeout, a new runtime after a crash), a few times.
  if (++restarts > MAX_PARSER_RESTARTS) brokenBy = file;
  const why = outcome.ok ? outcome.value.error : outcome.reason === 'timeout' ? `did not answer in ${HCL_PARSE_TIMEOUT_MS / 1000} s` : outcome.message;
  throw new HclLimitError(`The Terraform parser failed on this file (${why}): not parsed.`, 1, 1);
}



/**
 * Where brackets and template interpolations nest deeper than `limit`, or undefined. Strings,
 * heredocs and comments are followed so that brackets inside them do not close real ones; the
 * `${...}` and `%{...}` inside strings and heredocs count (they hold expressions).
 */
export function hclNestingPosition(text: string, limit: number): { line: number; column: number } | undefined {
  /** What each open level is: a bracket, or an interpolation inside a string or a heredoc. */
  const stack: Array<'(' | '[' | '{' | 'string' | 'heredoc'> = [];
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let heredoc: string | undefined;
  const n = text.length;
  const newline = (i: number): void => {
    line++;
    lineStart = i + 1;
  };
  const open = (i: number, kind: (typeof stack)[number]): boolean => {
    stack.push(kind);
    if (kind !== 'string' && kind !== 'heredoc') depth++;
    return depth > limit;
  };
  // `mode` is where the scanner is: in code, in a quoted string, or in a heredoc body.
  let mode: 'code' | 'string' | 'heredoc' = 'code';
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '\n') newline(i);
    if (mode === 'code') {
      if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        while (i + 1 < n && text[i + 1] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        const stop = end < 0 ? n : end + 2;
        for (let j = i + 2; j < stop; j++) if (text[j] === '\n') newline(j);
        i = stop - 1;
      } else if (c === '"') {
        mode = 'string';
      } else if (c === '<' && text[i + 1] === '<') {
        const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 80));
        if (m) {
          heredoc = m[1];
          mode = 'heredoc';
          i += m[0].length - 1;
          newline(i);
        }
      } else if (c === '!' || c === '-') {
        // Prefix operators nest too: `!!!!x`, `- - -1`.
        let run = 0;
        let j = i;
        while (j < n && (text[j] === '!' || text[j] === '-' || text[j] === ' ' || text[j] === '\t')) {
          if (text[j] !== ' ' && text[j] !== '\t') run++;
          j++;
        }
        if (depth + run > limit) return { line, column: i - lineStart + 1 };
        i = j - 1;
      } else if (c === '(' || c === '[' || c === '{') {
        if (open(i, c)) return { line, column: i - lineStart + 1 };
      } else if (c === ')' || c === ']' || c === '}') {
        const top = stack.pop();
        if (top === undefined) continue;
        depth--;
        // The `}` that ends an interpolation returns to the string or heredoc it was in.
        if (c === '}' && (stack[stack.length - 1] === 'string' || stack[stack.length - 1] === 'heredoc')) mode = stack.pop() as 'string' | 'heredoc';
      }
    } else if (mode === 'string') {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') mode = 'code';
      else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        stack.push('string');
        if (open(i, '{')) return { line, column: i - lineStart + 1 };
        mode = 'code';
        i++;
      }
    } else {
      // Heredoc body: ends at a line holding only the marker.
      if (c === '\n') {
        const end = text.indexOf('\n', i + 1);
        if (text.slice(i + 1, end < 0 ? n : end).trim() === heredoc) {
          mode = 'code';
          i = (end < 0 ? n : end) - 1;
        }
      } else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        stack.push('heredoc');
        if (open(i, '{')) return { line, column: i - lineStart + 1 };
        mode = 'code';
        i++;
      }
    }
  }
  return undefined;
}
