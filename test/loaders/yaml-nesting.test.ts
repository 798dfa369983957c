/**
 * How deep a YAML file may nest, with exact expectations on small inputs (a few hundred levels at
 * most). Two checks stand guard: a cheap estimate over the text before anything is parsed (flow
 * brackets outside comments and outside quoted scalars closed on their line, plus the block
 * indicators `- - -` / `? ?` that open a level each on one line), then the CST's real depth, which
 * also sees nesting by indentation. Either one aborts reading with a note at the first level too deep.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, parseYaml, parseYamlFallback } from '../../src/loaders/yaml-tree.js';

const TOO_DEEP = `nested deeper than ${MAX_NESTING_DEPTH} levels: not read`;

/** `line:column message` of each diagnostic, and how many documents were read. */
function outcome(text: string, parse = parseYaml): { documents: number; diagnostics: string[] } {
  const parsed = parse('t.yaml', text);
  return { documents: parsed.documents.length, diagnostics: parsed.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`) };
}

const READ = { documents: 1, diagnostics: [] };
const abortedAt = (where: string): { documents: number; diagnostics: string[] } => ({ documents: 0, diagnostics: [`${where} ${TOO_DEEP}`] });

const open = (n: number): string => '['.repeat(n);
const close = (n: number): string => ']'.repeat(n);
/** `n` block sequences opened on one line (`- - - x`). */
const dashes = (n: number): string => `${'- '.repeat(n)}x`;

describe('flow brackets', () => {
  it('at the top level: 200 nested sequences are read, 201 stop at the 201st bracket', () => {
    expect(outcome(`${open(200)}x${close(200)}`)).toEqual(READ);
    expect(outcome(`${open(201)}${close(201)}`)).toEqual(abortedAt('1:201'));
    expect(outcome(`${open(201)}${close(201)}`, parseYamlFallback)).toEqual(abortedAt('1:201'));
  });

  it('brackets of a plain scalar count, whatever follows them on the line', () => {
    expect(outcome(`Key: ${open(MAX_NESTING_DEPTH + 1)}`)).toEqual(abortedAt(`1:${6 + MAX_NESTING_DEPTH}`));
    // Closing brackets never take the count below zero.
    expect(outcome(`Key: ]]]]${open(MAX_NESTING_DEPTH + 1)}`)).toEqual(abortedAt(`1:${10 + MAX_NESTING_DEPTH}`));
  });
});

describe('quoted scalars', () => {
  const many = open(MAX_NESTING_DEPTH + 10);

  it('brackets inside a double- or single-quoted scalar closed on its line are text', () => {
    expect(outcome(`Pattern: "${many}"\n`)).toEqual(READ);
    expect(outcome(`Pattern: '${many}'\n`)).toEqual(READ);
    expect(outcome(`- "${many}"\n- '${many}'\n`)).toEqual(READ);
    expect(outcome(`Pattern: ""\nNext: '${many}'\n`)).toEqual(READ);
  });

  it('an escaped double quote does not close the scalar; a backslash in single quotes escapes nothing', () => {
    expect(outcome(`Message: "say \\"${many}\\" twice"\n`)).toEqual(READ);
    expect(outcome(`Path: 'C:\\' # ${many}\n`)).toEqual(READ);
    // The scalar closed at the quote after the backslash: the brackets after it are not quoted.
    expect(outcome(`Path: 'C:\\' ${many}\n`)).toEqual(abortedAt(`1:${13 + MAX_NESTING_DEPTH}`));
  });

  it("a doubled quote ('') in single quotes does not close the scalar", () => {
    expect(outcome(`Message: 'it''s ${many}'\n`)).toEqual(READ);
    expect(outcome(`Message: 'it'' ${many} ''s'\n`)).toEqual(READ);
  });

  it('a quoted scalar left open at the end of its line (LF or a lone CR) is counted: the estimate may count high', () => {
    expect(outcome(`Message: "${many}\n  "\n`)).toEqual(abortedAt(`1:${11 + MAX_NESTING_DEPTH}`));
    expect(outcome(`Message: '${many}\r  '\r`)).toEqual(abortedAt(`1:${11 + MAX_NESTING_DEPTH}`));
  });
});

describe('comments', () => {
  const many = open(MAX_NESTING_DEPTH + 10);

  it('brackets in a comment do not count; a # inside a word starts no comment', () => {
    expect(outcome(`# ${many}\nKey: 1 # ${many}\n`)).toEqual(READ);
    expect(outcome(`Key: 1\t# ${many}\n`)).toEqual(READ);
    expect(outcome(`Key: value#${open(MAX_NESTING_DEPTH + 1)}\n`)).toEqual(abortedAt(`1:${12 + MAX_NESTING_DEPTH}`));
  });

  it('a byte-order mark before a comment is white space: the comment is one', () => {
    expect(outcome(`\uFEFF# ${many}\nKey: 1\n`)).toEqual(READ);
  });
});

describe('block indicators on one line', () => {
  it('on the first line: 200 levels are read, 201 stop at the 201st indicator', () => {
    expect(outcome(dashes(200))).toEqual(READ);
    expect(outcome(dashes(201))).toEqual(abortedAt('1:401'));
  });

  it('on a later line, after an LF or a lone CR (a line break in YAML)', () => {
    expect(outcome(`---\n${dashes(201)}`)).toEqual(abortedAt('2:401'));
    // Line numbers count LF only.
    expect(outcome(`---\r${dashes(201)}`)).toEqual(abortedAt('1:405'));
  });

  it('each line counts on its own', () => {
    expect(outcome(`${dashes(150)}\n${dashes(150)}\n`)).toEqual(READ);
  });
});

describe('nesting by indentation, seen by the CST', () => {
  /** `first` levels of `- ` on one line, then `second` more on the next, indented under the last one. */
  const split = (first: number, second: number): string => `${'- '.repeat(first)}\n${' '.repeat(2 * first)}${dashes(second)}`;

  it('no line passes the estimate: 200 levels in all are read, 201 stop at the first level too deep', () => {
    expect(outcome(split(150, 50))).toEqual(READ);
    expect(outcome(split(150, 51))).toEqual(abortedAt('2:403'));
    expect(outcome(split(150, 51), parseYamlFallback)).toEqual(abortedAt('2:403'));
  });
});
