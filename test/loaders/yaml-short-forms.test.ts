/**
 * Helpers both YAML parse paths share, with absolute expectations (the fast-path tests compare the
 * two paths, which a bug in a shared helper passes): CloudFormation short-form tags, where a
 * tagged node starts, and PyYAML's under-indented quoted continuation lines.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlFallback, type YNode } from '../../src/loaders/yaml-tree.js';
import { applyShortFormTag, isShortFormTag, startAtShortFormTag } from '../../src/loaders/yaml-tree/short-forms.js';
import { indentQuotedContinuations } from '../../src/loaders/yaml-tree/quoted-continuations.js';

const loc = { file: 't.yml', line: 1, column: 1 };
const scalar = (value: string | number | null): YNode => ({ kind: 'scalar', value, loc });

describe('short-form tags', () => {
  it.each([
    ['!Ref', 'Ref'],
    ['!Condition', 'Condition'],
    ['!GetAtt', 'Fn::GetAtt'],
    ['!Sub', 'Fn::Sub'],
    ['!Join', 'Fn::Join'],
    ['!If', 'Fn::If'],
    ['!Select', 'Fn::Select'],
    ['!Split', 'Fn::Split'],
    ['!FindInMap', 'Fn::FindInMap'],
    ['!ImportValue', 'Fn::ImportValue'],
    ['!GetAZs', 'Fn::GetAZs'],
    ['!Base64', 'Fn::Base64'],
    ['!Cidr', 'Fn::Cidr'],
    ['!Equals', 'Fn::Equals'],
    ['!And', 'Fn::And'],
    ['!Or', 'Fn::Or'],
    ['!Not', 'Fn::Not'],
    ['!Transform', 'Fn::Transform'],
    ['!Length', 'Fn::Length'],
    ['!ToJsonString', 'Fn::ToJsonString'],
    ['!ForEach', 'Fn::ForEach'],
  ])('%s becomes %s in both parse paths', (tag, name) => {
    expect(isShortFormTag(tag)).toBe(true);
    const text = `k: ${tag} v\n`;
    for (const parsed of [parseYaml('t.yml', text), parseYamlFallback('t.yml', text)]) {
      const value = (parsed.documents[0] as { pairs: Array<{ value: YNode }> }).pairs[0].value;
      expect(value).toMatchObject({ kind: 'map', tag, pairs: [{ key: name }] });
    }
  });

  it('other tags are not short forms', () => {
    for (const tag of ['!Unknown', 'Ref', '!ref', '!toString', '!hasOwnProperty', '', undefined, null]) expect(isShortFormTag(tag)).toBe(false);
    const value = scalar('x');
    expect(applyShortFormTag('!Unknown', value)).toBe(value);
    expect(applyShortFormTag(undefined, value)).toBe(value);
  });

  it('!GetAtt splits on the first dot; without a dot the attribute is empty', () => {
    expect(applyShortFormTag('!GetAtt', scalar('Queue.Arn.Extra'))).toEqual({
      kind: 'map',
      tag: '!GetAtt',
      loc,
      pairs: [{ key: 'Fn::GetAtt', keyLoc: loc, value: { kind: 'seq', loc, items: [scalar('Queue'), scalar('Arn.Extra')] } }],
    });
    expect(applyShortFormTag('!GetAtt', scalar('Queue'))).toMatchObject({ pairs: [{ value: { items: [scalar('Queue'), scalar('')] } }] });
    // A list is already the long form's argument.
    const list: YNode = { kind: 'seq', items: [scalar('Q'), scalar('Arn')], loc };
    expect(applyShortFormTag('!GetAtt', list)).toMatchObject({ pairs: [{ key: 'Fn::GetAtt', value: list }] });
    expect(applyShortFormTag('!GetAtt', scalar(5))).toMatchObject({ pairs: [{ value: scalar(5) }] });
  });

  it('!Ref and !Condition names are strings; other values are kept', () => {
    expect(applyShortFormTag('!Ref', scalar(123))).toEqual({ kind: 'map', tag: '!Ref', loc, pairs: [{ key: 'Ref', keyLoc: loc, value: scalar('123') }] });
    expect(applyShortFormTag('!Condition', scalar(1))).toMatchObject({ pairs: [{ key: 'Condition', value: scalar('1') }] });
    expect(applyShortFormTag('!Ref', scalar(null))).toMatchObject({ pairs: [{ key: 'Ref', value: scalar(null) }] });
    expect(applyShortFormTag('!Sub', scalar(123))).toMatchObject({ pairs: [{ key: 'Fn::Sub', value: scalar(123) }] });
  });

  it('a tagged node starts at its tag: on its line, or on an earlier line followed only by white space', () => {
    const text = 'a: !Ref X\nb: !Sub\n  - x\nc: !Ref\n  # gap\n  Y\nd: Z\n';
    expect(startAtShortFormTag(text, '!Ref', text.indexOf('X'))).toBe(text.indexOf('!Ref'));
    expect(startAtShortFormTag(text, '!Sub', text.indexOf('- x'))).toBe(text.indexOf('!Sub'));
    // A comment between the tag and the node: the node's own start is kept.
    expect(startAtShortFormTag(text, '!Ref', text.indexOf('Y'))).toBe(text.indexOf('Y'));
    expect(startAtShortFormTag(text, '!Unknown', 5)).toBe(5);
    expect(startAtShortFormTag(text, '!GetAtt', 5)).toBe(5);
    expect(startAtShortFormTag('!Ref X', '!Ref', 5)).toBe(0);
  });

  it('parsed locations start at the tag', () => {
    for (const parsed of [parseYaml('t.yml', 'a: !Ref X\nb: !Sub\n  - "${A}"\n  - A: 1\n'), parseYamlFallback('t.yml', 'a: !Ref X\nb: !Sub\n  - "${A}"\n  - A: 1\n')]) {
      const [a, b] = (parsed.documents[0] as { pairs: Array<{ value: YNode }> }).pairs;
      expect([a.value.loc.line, a.value.loc.column, b.value.loc.line, b.value.loc.column]).toEqual([1, 4, 2, 4]);
    }
  });
});

describe('indentQuotedContinuations', () => {
  it('indents under-indented continuation lines of quoted scalars under their key', () => {
    expect(indentQuotedContinuations("  POLICY: !Sub '{\n\"Version\": 1\n  }'\nnext: 1\n")).toBe("  POLICY: !Sub '{\n   \"Version\": 1\n   }'\nnext: 1\n");
    expect(indentQuotedContinuations('a: "x\ny\\"\nz"\nb: 1\n')).toBe('a: "x\n y\\"\n z"\nb: 1\n');
    expect(indentQuotedContinuations('- "x\ny"\n')).toBe('- "x\n   y"\n');
    expect(indentQuotedContinuations("- - 'x\ny'\n")).toBe("- - 'x\n     y'\n");
    expect(indentQuotedContinuations("a: [ 'x\ny' ]\n")).toBe("a: [ 'x\n y' ]\n");
    expect(indentQuotedContinuations('a: {k: "x\ny"}\n')).toBe('a: {k: "x\n y"}\n');
    expect(indentQuotedContinuations('a: &anchor "x\ny"\n')).toBe('a: &anchor "x\n y"\n');
    expect(indentQuotedContinuations('"x\ny"\n')).toBe('"x\n y"\n');
    // Blank continuation lines are left alone.
    expect(indentQuotedContinuations('a: "x\n\ny"\n')).toBe('a: "x\n\n y"\n');
  });

  it('loads such a scalar as PyYAML does, on the same lines', () => {
    const parsed = parseYaml('t.yml', "Resources:\n  P: !Sub '{\n\"a\": 1\n}'\n  Q: 2\n");
    expect(parsed.diagnostics).toEqual([]);
    const resources = (parsed.documents[0] as { pairs: Array<{ value: { pairs: Array<{ key: string; value: YNode }> } }> }).pairs[0].value;
    expect(resources.pairs.map((p) => `${p.key}@${p.value.loc.line}`)).toEqual(['P@2', 'Q@5']);
    expect(resources.pairs[0].value).toMatchObject({ pairs: [{ key: 'Fn::Sub', value: { value: '{ "a": 1 }' } }] });
  });

  it.each([
    ['no quotes', 'a: 1\nb: x\n'],
    ['closed quotes', 'a: "x"\nb: \'y\'\n'],
    ["escaped single quotes ('')", "a: 'it''s\n  more'\nb: 1\n"],
    ['an escaped double quote', 'a: "say \\"hi\\"\n  more"\nb: 1\n'],
    ['quotes inside a plain scalar', "a: it's\nb: x\"y\n"],
    ['a quote after a word', "a: b'c\nd: 1\n"],
    ['a quote in a comment', "a: 1 # it's\nb: 2\n"],
    ['a comment line', "# it's\nb: 2\n"],
    ['a quote in a literal block scalar', "a: |\n  it's\nb: 'x'\n"],
    ['a quote in a folded block scalar with a header', "a: >-2 # c\n  it's\n\n  more\nb: 1\n"],
    ['a quote in a tagged block scalar', "a: !Sub |\n  it's\nb: 1\n"],
    ['a quote in a block scalar in a list', "- |\n  it's\n- 'x'\n"],
    ['a continuation indented enough', 'a: "x\n y"\n'],
    ['a key in quotes', '"a": 1\n\'b\': 2\n'],
    ['a tag then a quote without space', "a: !x'y\nb: 1\n"],
  ])('leaves %s unchanged', (_name, text) => {
    expect(indentQuotedContinuations(text)).toBe(text);
  });

  it('after a block scalar ends, quoted scalars are handled again', () => {
    expect(indentQuotedContinuations("a: |\n  it's\nb: 'x\ny'\n")).toBe("a: |\n  it's\nb: 'x\n y'\n");
    expect(indentQuotedContinuations("a: |\n  it's\n\n  more\nb: 'x\ny'\n")).toBe("a: |\n  it's\n\n  more\nb: 'x\n y'\n");
  });
});
