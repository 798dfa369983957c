/**
 * Static values from `@cdktf/hcl2json` output. hcl2json keeps every
 * expression as its source text wrapped in `${...}` (a template), so a value
 * is literal when its string holds no unescaped `${` / `%{`.
 * `var.x` resolves to the variable's default and `local.x` to the local's
 * value when those are literal; everything else is a `Reference`.
 */
import type { ExpansionBudget } from '../expansion-budget.js';
import type { Reference } from '../../model/index.js';

export type TfScalar = string | number | boolean;

/** A resolved value: a literal scalar, a reference, or a structured literal (map/list) as the parser gave it. */
export type TfValue =
  | { kind: 'literal'; value: TfScalar }
  | { kind: 'null' }
  | { kind: 'reference'; ref: Reference }
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'list'; value: unknown[] };

export interface TfScope {
  /** `variable "x" { default = ... }` raw default values (undefined: declared without default). */
  variables: Map<string, { hasDefault: boolean; value: unknown }>;
  /** `locals { x = ... }` raw values. */
  locals: Map<string, unknown>;
  /** The module's value expansion budget (interpolation over locals and defaults); none: unbounded (tests). */
  budget?: ExpansionBudget;
  /** Where a budget warning is reported (the module's first file). */
  budgetFile?: string;
}

/** Bound on chained local/variable lookups (`local.a` -> `local.b` -> ...). */
const MAX_DEPTH = 16;

export function reference(text: string, refType: Reference['refType'] = 'tf-expression'): Reference {
  return { kind: 'reference', text, refType };
}

/** True when the string contains a template sequence (`${` or `%{` not escaped as `$${` / `%%{`). */
export function isTemplate(s: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(s);
}

function unescapeLiteral(s: string): string {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Splits a template into literal text and `${ }` expressions; undefined when it holds `%{ }` directives. */
export function splitTemplate(s: string): Array<{ text: string } | { expr: string }> | undefined {
  const parts: Array<{ text: string } | { expr: string }> = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      lit += s[i + 1] + '{';
      i += 3;
    } else if (s.startsWith('%{', i)) {
      return undefined;
    } else if (s.startsWith('${', i)) {
      const end = matchBrace(s, i + 2);
      if (end < 0) return undefined;
      if (lit) parts.push({ text: lit });
      lit = '';
      parts.push({ expr: s.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      lit += s[i];
      i++;
    }
  }
  if (lit) parts.push({ text: lit });
  return parts;
}

/** Index of the `}` closing a template sequence that starts at `from`, skipping nested braces and strings. */
function matchBrace(s: string, from: number): number {
  let nesting = 0;
  let inString = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') nesting++;
    else if (c === '}') {
      if (nesting === 0) return i;
      nesting--;
    }
  }
  return -1;
}

/** Source text of a value for messages: `${var.x}` -> `var.x`, other templates kept as written. */
export function exprText(raw: unknown): string {
  if (typeof raw === 'string') {
    const parts = splitTemplate(raw);
    if (parts && parts.length === 1 && 'expr' in parts[0]) return parts[0].expr;
    return raw;
  }
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

export function resolve(raw: unknown, scope: TfScope, depth = 0, seen: ReadonlySet<string> = new Set()): TfValue {
  if (raw === null || raw === undefined) return { kind: 'null' };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { kind: 'literal', value: raw };
  if (Array.isArray(raw)) return { kind: 'list', value: raw };
  if (typeof raw === 'object') return { kind: 'object', value: raw as Record<string, unknown> };
  if (typeof raw !== 'string') return { kind: 'reference', ref: reference(String(raw), 'unknown') };
  if (!isTemplate(raw)) return { kind: 'literal', value: unescapeLiteral(raw) };
  const parts = splitTemplate(raw);
  if (!parts) return { kind: 'reference', ref: reference(raw) };
  if (parts.length === 1 && 'expr' in parts[0]) return resolveExpression(parts[0].expr, scope, depth, seen);
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = resolveExpression(part.expr, scope, depth, seen);
    if (value.kind !== 'literal') return { kind: 'reference', ref: reference(raw, refTypeOf(part.expr)) };
    const piece = String(value.value);
    if (scope.budget && !scope.budget.charge(piece.length, 'Terraform interpolation', { file: scope.budgetFile ?? '', line: 1, column: 1 })) {
      return { kind: 'reference', ref: reference(raw, refTypeOf(part.expr)) };
    }
    out += piece;
  }
  return { kind: 'literal', value: out };
}

function refTypeOf(expr: string): Reference['refType'] {
  return /^var\.[A-Za-z_][\w-]*$/.test(expr) ? 'tf-variable' : 'tf-expression';
}

/** One expression's source text (without `${ }`). */
export function resolveExpression(expr: string, scope: TfScope, depth = 0, seen: ReadonlySet<string> = new Set()): TfValue {
  const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(expr);
  const local = /^local\.([A-Za-z_][\w-]*)$/.exec(expr);
  if (scope.budget && !scope.budget.charge(0, 'Terraform interpolation', { file: scope.budgetFile ?? '', line: 1, column: 1 })) {
    return { kind: 'reference', ref: reference(expr, refTypeOf(expr)) };
  }
  if (depth < MAX_DEPTH && !seen.has(expr)) {
    const next = new Set(seen).add(expr);
    if (variable) {
      const declared = scope.variables.get(variable[1]);
      if (declared?.hasDefault) {
        const value = resolve(declared.value, scope, depth + 1, next);
        if (value.kind !== 'reference') return value;
      }
      return { kind: 'reference', ref: reference(expr, 'tf-variable') };
    }
    if (local && scope.locals.has(local[1])) {
      const value = resolve(scope.locals.get(local[1]), scope, depth + 1, next);
      if (value.kind !== 'reference') return value;
    }
  }
  // `null` written as an expression, `true`/`false`, numbers: hcl2json already gives these as JSON.
  return { kind: 'reference', ref: reference(expr, refTypeOf(expr)) };
}

/** The literal scalar of a value, when there is one. */
export function scalarOf(value: TfValue): TfScalar | undefined {
  return value.kind === 'literal' ? value.value : undefined;
}
