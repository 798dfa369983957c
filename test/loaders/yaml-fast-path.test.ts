/**
 * The js-yaml fast path of `parseYaml` against the `yaml` path it stands in for: on every fixture
 * and on inputs chosen to hit each corner (tags everywhere, flow in block, block scalars, comments
 * and blank lines at every indent, CRLF, byte-order marks, empty documents; duplicate keys are declined), the
 * fast path either declines or gives exactly the same documents, positions and diagnostics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, parseYaml, parseYamlFallback, parseYamlFast } from '../../src/loaders/yaml-tree.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const TEST_FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function configFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...configFiles(path));
    else if (/\.(ya?ml|json|template)$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** The fast path's output equals the `yaml` path's; returns whether the fast path took the input. */
function agrees(text: string, file = 'f.yaml'): boolean {
  const fast = parseYamlFast(file, text);
  if (fast) expect(fast, JSON.stringify(text)).toStrictEqual(parseYamlFallback(file, text));
  return fast !== undefined;
}

function variants(text: string): string[] {
  return [text, text.replace(/\n/g, '\r\n'), `\uFEFF${text}`, text.replace(/\n+$/, '')];
}

/** Inputs the fast path must take, with their output the same as the `yaml` path's. */
const TAKEN: Record<string, string> = {
  'short forms in every position': [
    'a: !Ref Table',
    'b: !GetAtt Queue.Arn',
    'c: !GetAtt [Queue, Arn]',
    'd: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"',
    'e: !Join [":", [a, !Ref B]]',
    'f: !If',
    '  - IsProd',
    '  - !Ref Big',
    '  - 30',
    'g: !Sub',
    '  - "${A}-${B}"',
    '  - A: !Ref X',
    '    B: !GetAtt Y.Z',
    'h: !Ref',
    'i: [!Ref A, !Sub "x", {k: !GetAtt B.C}]',
    '!Ref tagged-key: v',
    'j: !Unknown kept',
    'k: ! 123',
    'l: !Base64 |',
    '  #!/bin/bash',
    '  echo hi',
    'm: !Transform { Name: AWS::Include, Parameters: { Location: s3://x/y.yaml } }',
  ].join('\n'),
  'scalars resolved as YAML 1.2 core': [
    'strings: [yes, no, on, off, y, n, 2010-09-09, 12:30, 0b101, 1_000, 017, "123", \'true\', a#b, http://x/y#z]',
    'numbers: [0, -0, +12, 0x1F, 0o17, 1e3, 1.5, .5, 1., -.inf, .Inf, .nan, 9999999999999999999, 1e400]',
    'booleans: [true, True, TRUE, false, False, FALSE]',
    'nulls: [~, null, Null, NULL, ""]',
    'empty:',
    'anchored: &x value',
    'anchored-empty: &y',
  ].join('\n'),
  'block scalars with chomping': [
    'literal: |',
    '  line 1',
    '    more indented',
    '',
    '  line 3',
    'folded: >-',
    '  folded',
    '  text',
    '',
    'keep: |+',
    '  kept',
    '',
    '',
    'seq:',
    '  - |',
    '    in a sequence',
    '  - >',
    '    folded',
    'last: |',
    '  end',
  ].join('\n'),
  'flow and block mixed, over several lines': [
    'Policy:',
    '  Statement: [{',
    '      Effect: Allow,',
    '      Action: ["s3:GetObject", s3:PutObject],',
    '      Resource: "*"',
    '    }]',
    'Pairs: [a: 1, Ref: X, "k": [1, 2]]',
    'Empty: [] # none',
    'EmptyMap: {}',
    'Later:',
    '  [a, b]',
    'LaterMap:',
    '  {a: 1}',
    'Quoted: "multi',
    '  line \\u00e9 \\t tab"',
    "Single: 'it''s",
    "  folded'",
    'Plain: first',
    '  second',
  ].join('\n'),
  'comments and blank lines at every indent': [
    '# head',
    'a:   # after key',
    '  b: 1 # after value',
    '      # deeper',
    '',
    '  # same indent',
    '  c:',
    '    - x',
    '    # after item',
    '',
    '# column zero',
    '    # indented after',
    'd: |',
    '  text',
    '  # not a comment',
    '',
    '# before e',
    'e:',
    '  f:',
    '    # only comments',
    '  g: [1, 2]   ',
    '   ',
    'h: 1',
    '# tail',
  ].join('\n'),
  'sequences of maps and nested sequences': ['- a: 1', '  b: 2', '- - x', '  - y', '-', '  c: 3', '- !Sub', '  - s', '- [1, 2]', '- {k: v}'].join('\n'),
  'several documents, empty ones included': ['a: 1', '---', 'b: 2', '...', '---', '---', '# only a comment', '---', '- c'].join('\n'),
  'unicode and long lines': `name: "é😀"\nkey-é: ${'x'.repeat(5000)}\n"😀": [é, ü]\n`,
  'JSON with tabs': '{\n\t"AWSTemplateFormatVersion": "2010-09-09",\n\t"Resources": {\n\t\t"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Timeout": 30, "Layers": []}}\n\t}\n}\n',
  'a scalar document': 'just text\n  continued\n',
  'only a comment': '# nothing here\n',
  // A comment in a flow collection after white space; the rest of its line is the comment's.
  'comments inside flow collections': ['a: [b, #c x#y', '  d] # t', 'm: {k: 1, #c', '  j: 2}'].join('\n'),
  // Anchors end at flow indicators; an empty item sits at the next token, past a line break.
  'anchored and tagged empty nodes in flow collections': ['a: [&x, b]', 'c: [d, &y]', 'e: {k: &z}', 'f: [g, !Ref', '  ]', 'h: [&w', '  ]', 'i: [!Ref , j]'].join('\n'),
  'a first document opened by a marker, empty': ['---', '---', 'a: 1'].join('\n'),
  // `yaml` keeps a comment after a block collection only inside an indented one.
  "a sequence at its key's indent, then a comment": 'a:\n- x\n# c\n',
  '#note comment lines before block collections': ['a:', '#note', '  b: 1', 'c:', '#note', '  - d'].join('\n'),
  'an empty block scalar, and blanks ending the text after a block scalar': ['a: |', 'b: |', '  x', 'c: d', '  '].join('\n'),
  'block scalars with leading blank lines': ['a: |', '', ' ', '  x', 'b: >', '', '  y'].join('\n'),
  // Only `---` and `...` at a line start, before white space, are markers.
  'dots and dashes inside text': ['x... y: 1', 'a: b... c', 'd: x---y', 'e: f', '...x: 1'].join('\n'),
  'document end markers before a comment and at the very end': ['a: 1', '... # c', '---', 'b: 2', '...'].join('\n'),
  'a lone document marker': '--- # only a marker\n',
  'a tagged empty document': '--- !Ref\n',
  'a flow collection on the line after a tag': 'a: !Ref\n  [b, c]\n',
  "a second tag or anchor after a line break is the first key's": ['a: !Ref', '  !Sub b: 1', 'c: &x', '  &y d: 1'].join('\n'),
  'empty values in flow collections': 'a: {b: , c:}\nd: [e: ]\n',
  // `yaml` takes implicit keys up to 1024 characters; the fast path up to 1000.
  'implicit keys of 1000 characters': `${'k'.repeat(1000)}: v\nb: [${'j'.repeat(1000)}: v]\n`,
  'a scalar document after a comment': '# c\nx\n',
  'a tag and an anchor before a scalar, then more lines': 'a: !Ref &x b\nc: 1\n',
  'mappings whose first key has properties': '!Ref a: 1\nb:\n  &x c: 2\n',
  'a null key is the empty text': '~: a\nb: 1\n',
  // Before a `---`, `yaml` gives back what follows the second line break after an empty last value's properties or deeper comment.
  'empty last values before a document marker, with comments and blank lines': [
    'a: !Ref # c',
    '',
    '---',
    'b: # c',
    '',
    '',
    '---',
    'c: !Ref',
    '  # deeper',
    '',
    '# c',
    '---',
    'd: &x',
    '# c',
    '',
    '',
    '---',
    'e: !Ref',
    '',
    '  # d',
    '',
    '---',
    'f: # c',
    '---',
    'g: # c',
    '',
    '',
  ].join('\n'),
};

/** Inputs the fast path declines by design: the `yaml` path decides. */
const DECLINED: Record<string, string> = {
  // A key written twice (as text: `~`, `null` and `""` are one key here) takes the `yaml` path, which records
  // which duplicates conflict (no-duplicate-key).
  'keys of every kind': [
    '200: ok',
    '1.0: one',
    'true: yes',
    '~: tilde',
    'null: word',
    '"quoted key": 1',
    "'single': 2",
    '"": empty',
    'a b  : spaced',
    '0x1F: hex',
  ].join('\n'),
  'duplicate keys, nested and in flow': [
    'Resources:',
    '  Fn:',
    '    Type: A',
    '    Type: B',
    '  Fn:',
    '    Type: C',
    '1: a',
    '"1": b',
    '1.0: c',
    'flow: {a: 1, a: {b: 1, b: 2}, c: 3}',
    'empty:',
    'empty:',
    'nested:',
    '  inner:',
    'nested:',
  ].join('\n'),
  alias: 'base: &b { x: 1 }\nuse: *b\n',
  'merge key': 'base: &b { x: 1 }\nfn:\n  <<: *b\n  y: 2\n',
  'merge key without alias': 'fn:\n  <<: { x: 1 }\n',
  'explicit key': '? a\n: b\n',
  'complex key': '[a, b]: c\n',
  directive: '%YAML 1.1\n---\na: yes\n',
  'core tag': 'a: !!str 1\n',
  'verbatim tag': 'a: !<!Ref> X\n',
  'tab in block indentation': 'a:\n\tb: 1\n',
  'nested mapping on the key line': 'a: !Ref b: c\n',
  'flow closing line under its key (PyYAML leniency)': 'Policy:\n  Statements: [{\n    "Effect": "Allow"\n  }]\nNext: 1\n',
  'syntax error': 'Resources:\n  Fn:\n    Handler: index.handler\n   Timeout: 3\n',
  'unclosed quote': 'a: "b\n',
  'lone carriage return': 'a: 1\rb: 2\n',
  'empty sequence item': '- \n- a\n',
  // `yaml` ends an empty last item past the comment lines before its `-`.
  'empty last item after a comment line': '- a\n# c\n- !Ref\n',
  'indentation indicator': 'a: |2\n    two more\n',
  'indentation indicator after a chomping indicator': 'a: |-1\n  x\n  \n',
  // js-yaml reads a comment after any `,`; `yaml` only after white space.
  'comment right after a comma in a flow sequence': 'a: [b,#c\n  d]\n',
  'comment right after a comma, on the line after a comment': 'a: [b # c\n  ,#d\n  e]\n',
  'explicit key ending a mapping, without a value': 'a: 1\n?\n',
  'explicit key ending a mapping, with a key node': 'a: 1\n? b\n',
  'document marker inside a comment on a marker line': '--- #---\n',
  'two document end markers': '---\n...\n...\n',
  // `yaml` lowers its least indent on a `#note` line: `b` and `c` are one key to it.
  'value after a #note comment line': 'a:\n#note\n  b\nc: 1\n',
  // js-yaml reads the blank last line (no line break) as one more line of a kept block scalar.
  'blank last line of a kept block scalar, without a line break': 'a: |+\n  x\n\n  ',
  'tab on a blank line of a block scalar': 'a: |\n  x\n\t\n',
  'alias of an empty node': 'a: &x\nb: *x\n',
  // Properties js-yaml does not report for an empty node: the next node's.
  'empty value before a key with a tag': 'a:\n!Ref b: 1\n',
  'empty value before a key with an anchor': 'a:\n&x b: 1\n',
  'empty key with a tag in a flow sequence pair': '[!Ref : b]\n',
  // `yaml` wants white space between an anchor and a flow collection (js-yaml does not).
  'anchor right before a flow sequence': 'a: &x[a -b]\n',
  'anchor right before a flow mapping': '- &x{a: 1}\n',
  // `yaml` rejects a `,` on a later line than an empty item's properties.
  "comma on the line after an empty item's tag": '[!Ref\n, a]\n',
  "comma on the line after an empty item's anchor": 'a: [b, &x\n  , c]\n',
  'second byte-order mark': '\uFEFF\uFEFFa: 1\n',
  'carriage return opening the text': '\ra: 1\n',
  // js-yaml reads on after `... ` on its line, and starts a document at `---` whatever follows.
  'content after a document end marker': 'a: 1\n... x\n',
  'content after a document end marker opening the text': '... x\n',
  'content after a document end marker after a byte-order mark': '\uFEFF... x\n',
  'document start marker followed by text': '---x\n',
  'block mapping on a document start marker line': '--- a: 1\n',
  'block sequence on a document start marker line': '--- - a\n',
  'two tags on a flow collection read as a would-be key': 'a: !Ref\n  !Sub [b]\n',
  'a tag and an anchor on two lines': 'a: !Ref\n  &x\n',
  'explicit key in a flow sequence': 'a: [? b]\n',
  'explicit key in a flow mapping': 'a: {? b: 1}\n',
  'comment right after a flow collection': 'a: [b]#c\n',
  'comment right after a quoted scalar': 'a: "b"#c\n',
  'tab indenting a quoted scalar': '\t"a"\n',
  // Past a few pairs keys are looked up in a set: a key written twice is still seen.
  'a key repeated after the ninth pair': `${Array.from({ length: 10 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk9: x\n`,
  'implicit key over 1024 characters': `${'k'.repeat(1030)}: v\n`,
  'implicit key of a flow sequence pair over 1024 characters': `[${'k'.repeat(1030)}: v]\n`,
};

describe('parseYaml fast path (js-yaml): same output as the yaml path', () => {
  it('every fixture file', () => {
    const files = [...configFiles(FIXTURES), ...configFiles(TEST_FIXTURES)];
    expect(files.length).toBeGreaterThan(20);
    const taken = files.filter((file) => agrees(readFileSync(file, 'utf8'), file));
    // Fixtures are ordinary configs: the fast path must take nearly all of them. The peers/ fixtures
    // hold deliberate duplicate keys (no-duplicate-key), which take the yaml path.
    const withDuplicates = files.filter((file) => /[\\/]fixtures[\\/][^\\/]+-app[\\/]peers[\\/]/.test(file) && /\.(ya?ml|json)$/.test(file));
    expect(withDuplicates.length).toBe(3);
    expect(taken.length).toBeGreaterThanOrEqual(files.length - 2 - withDuplicates.length);
  });

  for (const [name, text] of Object.entries(TAKEN)) {
    it(`takes: ${name} (LF, CRLF, BOM, no final line break)`, () => {
      const [lf, ...others] = variants(text);
      expect(agrees(lf)).toBe(true);
      for (const variant of others) agrees(variant);
    });
  }

  for (const [name, text] of Object.entries(DECLINED)) {
    it(`declines: ${name}`, () => {
      expect(parseYamlFast('f.yaml', text)).toBeUndefined();
      expect(parseYaml('f.yaml', text)).toStrictEqual(parseYamlFallback('f.yaml', text));
    });
  }

  it('takes: block scalars and document markers at the very end, CRLF after a byte-order mark', () => {
    for (const text of ['a: |', 'a: |\n  x\n', 'a: 1\n---', '\uFEFFa: 1\r\nb: [x, y]\r\n', 'a: |\r\n\r\n  x\r\n', '\uFEFFa: b... c\n', 'a: # c\r\n\r\n\r\n---\r\nb: 1\r\n']) expect(agrees(text), JSON.stringify(text)).toBe(true);
  });

  it('parseYaml takes the fast path on an ordinary template', () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Runtime: nodejs22.x',
      '      Role: !GetAtt Role.Arn',
      '      Environment:',
      '        Variables:',
      '          TABLE: !Ref Table',
      '',
    ].join('\n');
    const fast = parseYamlFast('template.yaml', template);
    expect(fast).toBeDefined();
    expect(parseYaml('template.yaml', template)).toStrictEqual(fast);
    expect(fast).toStrictEqual(parseYamlFallback('template.yaml', template));
  });

  it('generated documents: comments, blank lines, empty values and scalars at random indents', () => {
    const random = seeded(20240611);
    let taken = 0;
    for (let i = 0; i < 400; i++) if (agrees(generatedDocument(random))) taken++;
    // Documents with a repeated key (about 6 in 10 here) take the `yaml` path; the fast path takes the rest.
    expect(taken).toBeGreaterThan(140);
  });

  it('deep nesting never reaches js-yaml unguarded, and is reported as before', () => {
    const brackets = '['.repeat(5000);
    expect(parseYaml('f.yaml', brackets)).toStrictEqual(parseYamlFallback('f.yaml', brackets));
    expect(parseYaml('f.yaml', brackets).diagnostics[0].message).toMatch(/nested deeper than/);
    // Indentation nesting: js-yaml's own depth guard stops it, the yaml path decides.
    const indented = Array.from({ length: MAX_NESTING_DEPTH + 50 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expect(parseYamlFast('f.yaml', indented)).toBeUndefined();
    expect(parseYaml('f.yaml', indented)).toStrictEqual(parseYamlFallback('f.yaml', indented));
    const moderate = Array.from({ length: 150 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expect(() => parseYaml('f.yaml', moderate)).not.toThrow();
  });
});

/** A small linear congruential generator: the same documents on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function generatedDocument(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const trivia = (): string => {
    let out = '';
    while (random() < 0.35) out += random() < 0.4 ? `${pick(['', ' ', '   '])}\n` : `${' '.repeat(Math.floor(random() * 9))}# c\n`;
    return out;
  };
  const leaf = (indent: number): string => {
    const roll = random();
    if (roll < 0.15) return `${pick(['', ' ', '  # t', ' !Ref', ' &a', ' !Ref # t'])}\n`;
    if (roll < 0.3) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(['', `${' '.repeat(indent + 2)}txt`, `${' '.repeat(indent + 4)}more`]));
      return ` ${pick(['|', '>-', '|+', '>'])}\n${lines.join('\n')}\n`;
    }
    if (roll < 0.4) return ` ${pick(['[a, b]', '{x: 1}', '[]', '"q"', "'s'"])}${pick(['', ' # t', '  '])}\n`;
    if (roll < 0.5) return ` ${pick(['a', '!Ref X', '1', 'x y'])}\n${' '.repeat(indent + 2)}cont\n`;
    return ` ${pick(['v', '!Ref X', '!GetAtt A.B', '1', 'true', '~', 'a b'])}${pick(['', ' # t', '  ', '\t# t'])}\n`;
  };
  const map = (indent: number, depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      out += `${' '.repeat(indent)}${pick(['a', 'b', 'c', 'a', '"a"', '1'])}:`;
      if (depth < 4 && random() < 0.45) {
        out += `${pick(['', ' # h', ' !Sub'])}\n${trivia()}`;
        const inner = indent + pick([2, 2, 4, 1]);
        out += random() < 0.7 ? map(inner, depth + 1) : seq(random() < 0.3 ? indent : inner, depth + 1);
      } else out += leaf(indent);
      out += trivia();
    }
    return out;
  };
  const seq = (indent: number, depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      if (depth < 4 && random() < 0.35) out += `${' '.repeat(indent)}- ${map(indent + 2, depth + 1).slice(indent + 2)}`;
      else if (depth < 4 && random() < 0.2) out += `${' '.repeat(indent)}-\n${trivia()}${map(indent + 2, depth + 1)}`;
      else out += `${' '.repeat(indent)}-${leaf(indent)}`;
      out += trivia();
    }
    return out;
  };
  let text = trivia() + (random() < 0.8 ? map(0, 0) : seq(0, 0));
  if (random() < 0.15) text += `---\n${trivia()}${map(0, 0)}`;
  if (random() < 0.2) text = text.replace(/\n+$/, '');
  if (random() < 0.1) text = text.replace(/\n/g, '\r\n');
  return text;
}
