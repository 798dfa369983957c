import { describe, expect, it } from 'vitest';
import { indentQuotedContinuations } from '../../src/loaders/yaml-tree/quoted-continuations.js';

// PyYAML accepts quoted scalars whose continuation lines sit no deeper than their key; the YAML 1.2
// parser does not. Each case pins where a quoted scalar opens (and where nothing opens: comments,
// block scalar text, quotes inside words) and how far its continuation lines are moved.
const UNCHANGED = Symbol('unchanged');

const cases: Array<[string, string, string | typeof UNCHANGED]> = [
  ["a quoted scalar under a top-level key: continuation lines go one column in", "POLICY: !Sub '{\n\"Version\": \"2012-10-17\"\n}'\nNext: 1", "POLICY: !Sub '{\n \"Version\": \"2012-10-17\"\n }'\nNext: 1"],
  ["a nested key: continuation lines go under the key", "Resources:\n  Fn:\n    Value: \"a\nb\n  c\"\n    Other: 1", "Resources:\n  Fn:\n    Value: \"a\n     b\n     c\"\n    Other: 1"],
  ["blank continuation lines stay blank", "k: 'a\n\nb'", "k: 'a\n\n b'"],
  ["a sequence item: under the item content", "- 'a\nb'\n- c", "- 'a\n   b'\n- c"],
  ["an escaped double quote does not close the scalar", "k: \"a \\\" b\nc\"\nd: 1", "k: \"a \\\" b\n c\"\nd: 1"],
  ["a doubled single quote does not close the scalar", "k: 'it''s\nb'\nd: 1", "k: 'it''s\n b'\nd: 1"],
  ["flow collections and keys open scalars", "a: [ 'x\ny' ]\nb: { k: 'x\ny' }\nc: [1, 'x\ny']\n? 'x\ny'\n: 1", "a: [ 'x\n y' ]\nb: { k: 'x\n y' }\nc: [1, 'x\n y']\n? 'x\n y'\n: 1"],
  ["an anchor before the quote opens a scalar", "k: &name 'x\ny'", "k: &name 'x\n y'"],
  ["'key:' with no space does not open a scalar", "key:'a\nb: 1", UNCHANGED],
  ["a JSON-style key opens one", "\"key\":'a\nb'", "\"key\":'a\n b'"],
  ["a quote inside a plain word opens nothing", "k: it's\nb: 1", UNCHANGED],
  ["a comment line that looks like an item with a quote opens nothing", "# - 'x\ny: 1", UNCHANGED],
  ["a trailing comment opens nothing", "a: 1 # - 'x\nb: 2", UNCHANGED],
  ["a hash inside a word is no comment", "a: b#c - 'x\nd: 1", "a: b#c - 'x\n d: 1"],
  ["a key with a quote inside block scalar text opens nothing", "Code: |\n  echo: 'start\ny: 1", UNCHANGED],
  ["a blank line does not end a block scalar", "Code: |\n  a\n\n  k: 'x\ny: 1", UNCHANGED],
  ["a pipe in a comment is no block scalar header", "a: 1 # see |\n  k: 'x\nb'", "a: 1 # see |\n  k: 'x\n   b'"],
  ["block scalar text is not YAML: its quotes open nothing", "Code: |\n  x = 'it\n\n  more 'text\ny: 'a\nb'", "Code: |\n  x = 'it\n\n  more 'text\ny: 'a\n b'"],
  ["a block scalar header with a comment", "Code: > # folded\n  it's text\ny: 'a\nb'", "Code: > # folded\n  it's text\ny: 'a\n b'"],
  ["a block scalar in a sequence", "- |-\n  it's\n- 'a\nb'", "- |-\n  it's\n- 'a\n   b'"],
  ["a block scalar header with a tag", "k: !Sub |\n  it's ${AWS::Region}\nz: 'a\nb'", "k: !Sub |\n  it's ${AWS::Region}\nz: 'a\n b'"],
  ["a block scalar ends at a line indented no deeper than its key", "  k: |\n    it's\n  j: 'a\nb'", "  k: |\n    it's\n  j: 'a\n   b'"],
  ["a pipe inside a plain value is no block scalar header", "cmd: a | b\nc: 'x\ny'", "cmd: a | b\nc: 'x\n y'"],
  ["a line already indented enough is left as it is", "k: 'a\n   b'", UNCHANGED],
];

describe('indentQuotedContinuations', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const output = indentQuotedContinuations(input);
    // Unchanged text comes back as the same string, so callers can skip re-parsing.
    if (expected === UNCHANGED) expect(output).toBe(input);
    else expect(output).toBe(expected);
  });
});
