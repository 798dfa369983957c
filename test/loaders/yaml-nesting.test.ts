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

  it('brackets and block indicators on one line add up', () => {
    expect(outcome(`${'- '.repeat(100)}${open(100)}x${close(100)}`)).toEqual(READ);
    expect(outcome(`${'- '.repeat(100)}${open(101)}x${close(101)}`)).toEqual(abortedAt('1:301'));
  });

  it('flow maps count like sequences', () => {
    expect(outcome(`${'{a: '.repeat(MAX_NESTING_DEPTH + 1)}1${'}'.repeat(MAX_NESTING_DEPTH + 1)}`)).toEqual(abortedAt('1:801'));
  });

  it('closing brackets end their levels: collections closed on their line do not add up across lines', () => {
    expect(outcome(`a: ${open(150)}x${close(150)}\nb: ${open(150)}x${close(150)}\n`)).toEqual(READ);
    expect(outcome(`a: ${'{k: '.repeat(150)}1${'}'.repeat(150)}\nb: ${'{k: '.repeat(150)}1${'}'.repeat(150)}\n`)).toEqual(READ);
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

  it('a quote opens a scalar at the start of the text and after a key or item in JSON', () => {
    expect(outcome(`"${many}"`)).toEqual(READ);
    expect(outcome(`{"Pattern":"${many}"}`)).toEqual(READ);
    expect(outcome(`["${many}","${many}"]`)).toEqual(READ);
    expect(outcome(`{"${many}":1}`)).toEqual(READ);
  });

  it('a quote right after - or ? opens a quoted scalar as well', () => {
    expect(outcome(`Key: -'${many}'\n`)).toEqual(READ);
    expect(outcome(`Key: ?'${many}'\n`)).toEqual(READ);
  });

  it('an apostrophe inside a word opens no quoted scalar', () => {
    expect(outcome(`Message: don't ${open(MAX_NESTING_DEPTH + 1)} won't\n`)).toEqual(abortedAt(`1:${16 + MAX_NESTING_DEPTH}`));
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
    expect(outcome(`Key: 1 #${many}\n`)).toEqual(READ);
    expect(outcome(`Key: value#${open(MAX_NESTING_DEPTH + 1)}\n`)).toEqual(abortedAt(`1:${12 + MAX_NESTING_DEPTH}`));
  });

  it('a byte-order mark before a comment is white space: the comment is one', () => {
    expect(outcome(`\uFEFF# ${many}\nKey: 1\n`)).toEqual(READ);
  });

  // Each end of each range of what `/\s/` matches, and the characters just outside.
  const around = [0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x21, 0x9f, 0xa0, 0xa1, 0x167f, 0x1680, 0x1681, 0x1fff, 0x2000, 0x2005, 0x200a, 0x200b];
  around.push(0x2027, 0x2028, 0x2029, 0x202a, 0x202e, 0x202f, 0x2030, 0x205e, 0x205f, 0x2060, 0x2fff, 0x3000, 0x3001, 0xfefe, 0xfeff, 0xff00);
  it.each(around.map((c) => [c.toString(16).padStart(4, '0'), String.fromCharCode(c)]))('U+%s before a #: a comment where /\\s/ matches it', (_code, c) => {
    const { diagnostics } = outcome(`Key: 1${c}# ${open(MAX_NESTING_DEPTH + 1)}\n`);
    if (/\s/.test(c)) expect(diagnostics.filter((d) => d.endsWith(TOO_DEEP))).toEqual([]);
    else expect(diagnostics).toEqual([`1:${10 + MAX_NESTING_DEPTH} ${TOO_DEEP}`]);
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

  it('after a comment line ended by an LF or a lone CR', () => {
    expect(outcome(`# note\n${dashes(201)}`)).toEqual(abortedAt('2:401'));
    expect(outcome(`# note\r${dashes(201)}`)).toEqual(abortedAt('1:408'));
  });

  it('explicit keys (`? ? ?`) count as well', () => {
    expect(outcome(`${'? '.repeat(201)}x`)).toEqual(abortedAt('1:401'));
  });

  it('an indicator at the end of the text counts; a minus sign of a number is no indicator', () => {
    expect(outcome(`${'- '.repeat(200)}-`)).toEqual(abortedAt('1:401'));
    expect(outcome(`${'- '.repeat(200)}-1`)).toEqual(READ);
  });

  it('anchors and tags between indicators do not end the run', () => {
    expect(outcome(`${'- &a '.repeat(201)}x`)).toEqual(abortedAt('1:1001'));
    expect(outcome(`${'- !Ref '.repeat(201)}x`)).toEqual(abortedAt('1:1401'));
  });

  it('indented, or separated by tabs', () => {
    expect(outcome(`  ${dashes(201)}`)).toEqual(abortedAt('1:403'));
    expect(outcome(`${'-\t'.repeat(201)}x`)).toEqual(abortedAt('1:401'));
  });

  it('after text on the line, dashes are text (a plain scalar), not indicators', () => {
    expect(outcome(`x ${dashes(201)}`)).toEqual(READ);
    // Nor after a quoted scalar or a bracket: the note is yaml's syntax error, not the nesting.
    expect(outcome(`"a" ${dashes(201)}`)).toEqual({ documents: 1, diagnostics: ['1:5 Unexpected seq-item-ind at node end'] });
    expect(outcome(`[a] ${dashes(201)}`)).toEqual({ documents: 1, diagnostics: ['1:5 Unexpected seq-item-ind at node end'] });
    expect(outcome(`[${dashes(201)}]`)).toEqual({ documents: 1, diagnostics: ['1:2 Implicit keys of flow sequence pairs need to be on a single line'] });
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

  it('explicit keys (`? ? ?`) nest as deep as values', () => {
    const keys = (first: number, second: number): string => `${'? '.repeat(first)}\n${' '.repeat(2 * first)}${'? '.repeat(second)}x`;
    expect(outcome(keys(150, 50))).toEqual(READ);
    expect(outcome(keys(150, 51))).toEqual(abortedAt('2:403'));
  });

  it('a map value on the next line is one level deeper than its key', () => {
    const value = (second: number): string => `${'- '.repeat(150)}k:\n${' '.repeat(302)}${dashes(second)}`;
    expect(outcome(value(49))).toEqual(READ);
    expect(outcome(value(50))).toEqual(abortedAt('2:403'));
  });
});
