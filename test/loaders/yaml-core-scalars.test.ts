/**
 * The fast YAML path's own plain-scalar resolution and line index, checked value by value against
 * what `yaml` (the slow path) gives: both paths must load the same model, with the same lines.
 */
import { describe, expect, it } from 'vitest';
import { LineCounter, parse } from 'yaml';
import { resolveCorePlainScalar } from '../../src/loaders/yaml-tree/core-scalars.js';
import { LineIndex } from '../../src/loaders/yaml-tree/line-index.js';

describe('resolveCorePlainScalar', () => {
  it.each([
    ['', null],
    ['~', null],
    ['null', null],
    ['Null', null],
    ['NULL', null],
    ['nULL', 'nULL'],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['tRUE', 'tRUE'],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['yes', 'yes'],
    ['no', 'no'],
    ['0o17', 15],
    ['0o8', '0o8'],
    ['0o', '0o'],
    ['0', 0],
    ['42', 42],
    ['+42', 42],
    ['-42', -42],
    ['007', 7],
    ['9x', '9x'],
    ['0x1F', 31],
    ['0xff', 255],
    ['0xg', '0xg'],
    ['.inf', Number.POSITIVE_INFINITY],
    ['+.Inf', Number.POSITIVE_INFINITY],
    ['-.INF', Number.NEGATIVE_INFINITY],
    ['.nan', NaN],
    ['.NaN', NaN],
    ['.NAN', NaN],
    ['-.nan', '-.nan'],
    ['.Nan', '.Nan'],
    ['1e3', 1000],
    ['-1.5E-2', -0.015],
    ['.5e+1', 5],
    ['1.e2', 100],
    ['1e', '1e'],
    ['3.14', 3.14],
    ['-.5', -0.5],
    ['+1.', 1],
    ['1.2.3', '1.2.3'],
    ['.', '.'],
    ['+', '+'],
    ['2024-01-01', '2024-01-01'],
    ['1_000', '1_000'],
    ['arn:aws:sqs', 'arn:aws:sqs'],
    ['/1', '/1'],
    [':1', ':1'],
  ])('%j', (source, value) => {
    expect(resolveCorePlainScalar(source)).toEqual(value);
    // The slow path: `yaml`'s core schema on the same plain scalar (empty means null there too).
    expect(parse(`k: ${source}`)?.k ?? null).toEqual(value);
  });

  it('strings that are not plain scalars in a document stay strings', () => {
    expect(resolveCorePlainScalar('-')).toBe('-');
    expect(resolveCorePlainScalar(' 1')).toBe(' 1');
  });

  it('-0 stays negative zero, as in yaml', () => {
    expect(Object.is(resolveCorePlainScalar('-0'), -0)).toBe(true);
    expect(Object.is(resolveCorePlainScalar('0'), 0)).toBe(true);
  });
});

describe('LineIndex', () => {
  const text = 'a: 1\nbb: 2\n\nccc: 3\r\nd: 4';
  const counter = new LineCounter();
  parse(text, { lineCounter: counter });

  it('gives the line and column yaml gives for every offset, looked up in any order', () => {
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
    for (const order of [offsets, [...offsets].reverse(), offsets.map((_, i) => (i * 7) % offsets.length)]) {
      const index = new LineIndex('t.yml', text);
      for (const offset of order) {
        const { line, col } = counter.linePos(offset);
        expect(index.lineColumn(offset), `offset ${offset}`).toEqual({ line, column: col });
      }
    }
  });

  it('locates ranges: start and end, on one line and across lines', () => {
    const index = new LineIndex('t.yml', text);
    expect(index.location(5, 7)).toEqual({ file: 't.yml', line: 2, column: 1, endLine: 2, endColumn: 3 });
    expect(index.location(3, 3)).toEqual({ file: 't.yml', line: 1, column: 4, endLine: 1, endColumn: 4 });
    expect(index.location(0, text.length)).toEqual({ file: 't.yml', line: 1, column: 1, endLine: 5, endColumn: 5 });
    expect(index.location(11, 12)).toEqual({ file: 't.yml', line: 3, column: 1, endLine: 4, endColumn: 1 });
  });

  it('a text without line breaks is one line', () => {
    const index = new LineIndex('t.yml', 'abc');
    expect(index.lineColumn(0)).toEqual({ line: 1, column: 1 });
    expect(index.lineColumn(3)).toEqual({ line: 1, column: 4 });
  });
});
