/**
 * Terraform values as hcl2json gives them (every expression a `${...}` template): what folds to a
 * literal through variable defaults and locals, and what stays a reference.
 */
import { describe, expect, it } from 'vitest';
import { ExpansionBudget } from '../../src/loaders/expansion-budget.js';
import { exprText, isTemplate, resolve, resolveExpression, scalarOf, splitTemplate, type TfScope, type TfValue } from '../../src/loaders/terraform/values.js';

function scope(budget?: ExpansionBudget): TfScope {
  return {
    variables: new Map<string, { hasDefault: boolean; value: unknown }>([
      ['timeout', { hasDefault: true, value: 30 }],
      ['name', { hasDefault: true, value: 'orders' }],
      ['nothing', { hasDefault: false, value: undefined }],
      ['computed', { hasDefault: true, value: '${data.x.y}' }],
      ['tags', { hasDefault: true, value: { a: 'b' } }],
      ['nullable', { hasDefault: true, value: null }],
      ['self', { hasDefault: true, value: '${var.self}' }],
    ]),
    locals: new Map<string, unknown>([
      ['prefix', 'app-${var.name}'],
      ['chain', '${local.prefix}'],
      ['unknown', '${aws_sqs_queue.q.arn}'],
      ['list', ['a', 'b']],
      ['loop_a', '${local.loop_b}'],
      ['loop_b', '${local.loop_a}'],
    ]),
    budget,
    budgetFile: 'main.tf',
  };
}

function show(value: TfValue): string {
  switch (value.kind) {
    case 'literal':
      return `literal ${JSON.stringify(value.value)}`;
    case 'reference':
      return `${value.ref.refType} ${value.ref.text}`;
    case 'null':
      return 'null';
    default:
      return `${value.kind} ${JSON.stringify(value.value)}`;
  }
}

describe('resolve', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'null'],
    [5, 'literal 5'],
    [false, 'literal false'],
    [['a'], 'list ["a"]'],
    [{ k: 1 }, 'object {"k":1}'],
    ['plain', 'literal "plain"'],
    ['cost $${x} and %%{y}', 'literal "cost ${x} and %{y}"'],
    ['${var.timeout}', 'literal 30'],
    ['${var.name}', 'literal "orders"'],
    ['${ var.name }', 'literal "orders"'],
    ['${var.nothing}', 'tf-variable var.nothing'],
    ['${var.missing}', 'tf-variable var.missing'],
    ['${var.computed}', 'tf-variable var.computed'],
    ['${var.tags}', 'object {"a":"b"}'],
    ['${var.nullable}', 'null'],
    ['${var.self}', 'tf-variable var.self'],
    ['${local.prefix}', 'literal "app-orders"'],
    ['${local.chain}', 'literal "app-orders"'],
    ['${local.unknown}', 'tf-expression local.unknown'],
    ['${local.list}', 'list ["a","b"]'],
    ['${local.missing}', 'tf-expression local.missing'],
    ['${local.loop_a}', 'tf-expression local.loop_a'],
    ['${aws_sqs_queue.q.arn}', 'tf-expression aws_sqs_queue.q.arn'],
    ['${var.name}-${var.timeout}s', 'literal "orders-30s"'],
    ['x-${var.nothing}', 'tf-variable x-${var.nothing}'],
    ['x-${aws_sqs_queue.q.arn}', 'tf-expression x-${aws_sqs_queue.q.arn}'],
    ['x-${var.tags}', 'tf-variable x-${var.tags}'],
    ['%{ if var.x }a%{ endif }', 'tf-expression %{ if var.x }a%{ endif }'],
    ['${unclosed', 'tf-expression ${unclosed'],
    ['${jsonencode({ a = "}" })}', 'tf-expression jsonencode({ a = "}" })'],
    ['${var.name}${"\\"}"}', 'tf-expression ${var.name}${"\\"}"}'],
    // Only a whole `var.x` / `local.x` expression is a lookup (both regex anchors matter).
    ['${xvar.name}', 'tf-expression xvar.name'],
    ['${var.name.first}', 'tf-expression var.name.first'],
    ['${xlocal.prefix}', 'tf-expression xlocal.prefix'],
    ['${local.prefix.x}', 'tf-expression local.prefix.x'],
    ['${var.1name}', 'tf-expression var.1name'],
    ['x-${xvar.nothing}', 'tf-expression x-${xvar.nothing}'],
    ['x-${var.nothing.b}', 'tf-expression x-${var.nothing.b}'],
    ['${var.nothing}-suffix', 'tf-variable ${var.nothing}-suffix'],
    ['x-${var.1a}', 'tf-expression x-${var.1a}'],
  ])('%j', (raw, expected) => {
    expect(show(resolve(raw, scope()))).toBe(expected);
  });

  it('a value that is not JSON (a bigint) is an unknown reference', () => {
    expect(show(resolve(10n, scope()))).toBe('unknown 10');
  });

  it('follows 16 chained lookups, not more', () => {
    const locals = new Map<string, unknown>(Array.from({ length: 20 }, (_, i) => [`l${i}`, i === 19 ? 'end' : `\${local.l${i + 1}}`]));
    const s: TfScope = { variables: new Map(), locals };
    // l4 -> l19 is 16 lookups: l19 is looked up at depth 15.
    expect(show(resolve('${local.l4}', s))).toBe('literal "end"');
    expect(show(resolve('${local.l3}', s))).toBe('tf-expression local.l3');
    expect(show(resolveExpression('local.l4', s))).toBe('literal "end"');
    expect(show(resolveExpression('local.l4', s, 1))).toBe('tf-expression local.l4');
  });

  it('a spent budget makes interpolations references', () => {
    // Each expression costs at least 10; each interpolated piece at least 10.
    expect(show(resolve('${var.name}-${var.timeout}', scope(new ExpansionBudget(30))))).toBe('tf-variable ${var.name}-${var.timeout}');
    expect(show(resolve('${var.name}-${var.timeout}', scope(new ExpansionBudget(40))))).toBe('literal "orders-30"');
    expect(show(resolve('${var.name}', scope(new ExpansionBudget(9))))).toBe('tf-variable var.name');
    expect(show(resolve('${local.unknown}', scope(new ExpansionBudget(9))))).toBe('tf-expression local.unknown');
    const budget = new ExpansionBudget(9);
    resolve('${var.name}', scope(budget));
    expect(budget.exhausted).toEqual({ what: 'Terraform interpolation', loc: { file: 'main.tf', line: 1, column: 1 } });
  });

  it('a budget spent on an interpolated piece is reported at the module file, or at no file', () => {
    // 10 for the expression, then 10 for the piece "orders": past 19.
    const piece = new ExpansionBudget(19);
    expect(show(resolve('${var.name}-x', scope(piece)))).toBe('tf-variable ${var.name}-x');
    expect(piece.exhausted).toEqual({ what: 'Terraform interpolation', loc: { file: 'main.tf', line: 1, column: 1 } });
    const unnamed = new ExpansionBudget(19);
    expect(show(resolve('${var.name}-x', { ...scope(unnamed), budgetFile: undefined }))).toBe('tf-variable ${var.name}-x');
    expect(unnamed.exhausted).toEqual({ what: 'Terraform interpolation', loc: { file: '', line: 1, column: 1 } });
    const expression = new ExpansionBudget(9);
    expect(show(resolveExpression('local.prefix', { ...scope(expression), budgetFile: undefined }))).toBe('tf-expression local.prefix');
    expect(expression.exhausted).toEqual({ what: 'Terraform interpolation', loc: { file: '', line: 1, column: 1 } });
  });
});

describe('templates', () => {
  it.each([
    ['${a}', true],
    ['x${a}', true],
    ['%{if a}', true],
    ['x%{if a}', true],
    ['$${a}', false],
    ['%%{a}', false],
    ['plain $ and % and {}', false],
  ])('isTemplate(%j) is %s', (s, expected) => {
    expect(isTemplate(s)).toBe(expected);
  });

  it('splits text and expressions; directives and unclosed sequences are not split', () => {
    expect(splitTemplate('a${ b }c${"}"}$${d}%%{e}')).toEqual([{ text: 'a' }, { expr: 'b' }, { text: 'c' }, { expr: '"}"' }, { text: '${d}%{e}' }]);
    expect(splitTemplate('${ {a = {b = 1}} }')).toEqual([{ expr: '{a = {b = 1}}' }]);
    expect(splitTemplate('${"a\\"}"}')).toEqual([{ expr: '"a\\"}"' }]);
    expect(splitTemplate('')).toEqual([]);
    expect(splitTemplate('a%{ if x }')).toBeUndefined();
    expect(splitTemplate('${a')).toBeUndefined();
  });

  it('exprText: the expression of a whole-value template, else the text as written', () => {
    expect(exprText('${var.x}')).toBe('var.x');
    expect(exprText('a-${var.x}')).toBe('a-${var.x}');
    expect(exprText('${var.x}-a')).toBe('${var.x}-a');
    expect(exprText('%{ if var.x }a%{ endif }')).toBe('%{ if var.x }a%{ endif }');
    expect(exprText('plain')).toBe('plain');
    expect(exprText({ a: 1 })).toBe('{"a":1}');
    expect(exprText(5)).toBe('5');
    expect(exprText(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(exprText(cyclic)).toBe('[object Object]');
  });

  it('scalarOf', () => {
    expect(scalarOf({ kind: 'literal', value: 3 })).toBe(3);
    expect(scalarOf({ kind: 'null' })).toBeUndefined();
    expect(scalarOf({ kind: 'object', value: { a: 1 } })).toBeUndefined();
    expect(scalarOf({ kind: 'list', value: ['a'] })).toBeUndefined();
  });
});
