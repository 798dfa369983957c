import { describe, expect, it } from 'vitest';
import { get, MAX_ALIAS_EXPANSION, MAX_SYNTAX_ERRORS, nodeText, pairOf, parseYaml, parseYamlFallback, type YNode } from '../../src/loaders/yaml-tree.js';

/** The value at k0.k1...k(levels-1). */
function getPathOf(root: YNode | undefined, levels: number): YNode | undefined {
  let node = root;
  for (let i = 0; i < levels; i++) node = get(node, `k${i}`);
  return node;
}

/** The tree without positions, for shape assertions. */
function plain(node: YNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plain);
    case 'map':
      return Object.fromEntries(node.pairs.map((p) => [p.key, plain(p.value)]));
    case 'ref':
      return { ref: node.ref.text };
  }
}

function parseOne(text: string): YNode {
  const parsed = parseYaml('t.yaml', text);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.documents).toHaveLength(1);
  return parsed.documents[0];
}

describe('parseYaml: CloudFormation short forms', () => {
  it('turns every short-form tag into its long form', () => {
    const root = parseOne(
      [
        'a: !Ref Table',
        'b: !GetAtt Queue.Arn',
        'c: !GetAtt [Queue, Arn]',
        'd: !Sub arn:${AWS::Partition}:s3:::${Bucket}',
        'e: !Join [":", [a, b]]',
        'f: !If [IsProd, 900, 30]',
        'g: !Select [0, !GetAZs ""]',
        'h: !Split [",", "a,b"]',
        'i: !FindInMap [Sizes, !Ref Stage, Memory]',
        'j: !ImportValue shared-queue-arn',
        'k: !Base64 hello',
        'l: !Cidr [10.0.0.0/16, 4, 8]',
        'm: !Equals [!Ref Stage, prod]',
        'n: !And [!Condition A, !Condition B]',
        'o: !Or [!Condition A, !Condition B]',
        'p: !Not [!Condition A]',
        'q: !Transform { Name: AWS::Include, Parameters: { Location: s3://x/y.yaml } }',
        'r: !UnknownTag kept',
      ].join('\n'),
    );
    expect(plain(root)).toEqual({
      a: { Ref: 'Table' },
      b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      c: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      d: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' },
      e: { 'Fn::Join': [':', ['a', 'b']] },
      f: { 'Fn::If': ['IsProd', 900, 30] },
      g: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      h: { 'Fn::Split': [',', 'a,b'] },
      i: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] },
      j: { 'Fn::ImportValue': 'shared-queue-arn' },
      k: { 'Fn::Base64': 'hello' },
      l: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      m: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      n: { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] },
      o: { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
      p: { 'Fn::Not': [{ Condition: 'A' }] },
      q: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://x/y.yaml' } } },
      r: 'kept',
    });
  });

  it('renders intrinsics back in short form for messages', () => {
    const root = parseOne('a: !GetAtt Queue.Arn\nb: !Ref Table\nc: { "Fn::Sub": "${X}-y" }\n');
    expect(nodeText(get(root, 'a'))).toBe('!GetAtt Queue.Arn');
    expect(nodeText(get(root, 'b'))).toBe('!Ref Table');
    expect(nodeText(get(root, 'c'))).toBe('!Sub ${X}-y');
  });
});

describe('parseYaml: positions', () => {
  it('keeps 1-based line and column of keys and values', () => {
    const root = parseOne('Resources:\n  Fn:\n    Properties:\n      Timeout: 900\n');
    const timeout = pairOf(get(get(get(root, 'Resources'), 'Fn'), 'Properties'), 'Timeout')!;
    expect(timeout.keyLoc).toMatchObject({ file: 't.yaml', line: 4, column: 7 });
    expect(timeout.value.loc).toMatchObject({ line: 4, column: 16 });
  });

  it('parses JSON with the same parser and keeps positions', () => {
    const root = parseOne('{\n\t"Resources": {\n\t\t"Fn": { "Properties": { "Timeout": 30 } }\n\t}\n}\n');
    const timeout = pairOf(get(get(get(root, 'Resources'), 'Fn'), 'Properties'), 'Timeout')!;
    expect(plain(timeout.value)).toBe(30);
    expect(timeout.keyLoc).toMatchObject({ line: 3, column: 27 });
  });

  it('applies YAML merge keys, explicit keys winning', () => {
    const root = parseOne('base: &base { timeout: 6, memorySize: 512 }\nfn:\n  <<: *base\n  timeout: 30\n');
    expect(plain(get(root, 'fn'))).toEqual({ timeout: 30, memorySize: 512 });
  });

  it('an alias is the last anchor of its name before it; inside its own anchor it is null', () => {
    const root = parseOne('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &x 3\nf: &x 4\ng: *x\nh: &x 5\ni: &x 6\nj: &x 7\nk: *x\nl: &y [1, *y]\n');
    expect(plain(root)).toEqual({ a: 1, b: 1, c: 2, d: 2, e: 3, f: 4, g: 4, h: 5, i: 6, j: 7, k: 7, l: [1, null] });
    // The alias shares the anchored node, and its location.
    expect(get(root, 'g')!.loc).toMatchObject({ line: 6, column: 7 });
  });

  it("an inline merge of a sequence (no alias) merges nothing, without a note: yaml's merge checks run where aliases are", () => {
    const parsed = parseYaml('t.yaml', 'c: {<<: [1], d: 2}\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents.map(plain)).toEqual([{ c: { d: 2 } }]);
  });

  it('an empty key is the empty string', () => {
    expect(plain(parseOne(': 1\n'))).toEqual({ '': 1 });
    expect(plain(parseOne('? \n: 1\n'))).toEqual({ '': 1 });
  });

  it('merge keys: explicit keys first, then the sources in order, the first source of a key winning', () => {
    const root = parseOne('a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\nd:\n  <<: *b\n  <<: {w: 0, y: 0}\n');
    expect(plain(get(root, 'c'))).toEqual({ z: 3, x: 1, y: 2 });
    expect((get(root, 'c') as { pairs: Array<{ key: string }> }).pairs.map((p) => p.key)).toEqual(['z', 'x', 'y']);
    expect(plain(get(root, 'd'))).toEqual({ x: 2, y: 2, w: 0 });
  });

  it('reads a flow collection whose closing line is not indented enough, as PyYAML does', () => {
    const text = ['Policy:', '  Statements: [{', '    "Effect": "Allow"', '  }]', 'Next: 1', ''].join('\n');
    const root = parseOne(text);
    expect(plain(root)).toEqual({ Policy: { Statements: [{ Effect: 'Allow' }] }, Next: 1 });
    expect(pairOf(root, 'Next')!.keyLoc.line).toBe(5);
  });

  it("indents such a closing line by up to 8 steps of two columns; one deeper, yaml's error is reported", () => {
    // `levels` nested keys, the last holding a flow sequence whose closing line is at column 1.
    const nested = (levels: number): string => `${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} [a,\nb]\nnext: 1\n`;
    const read = parseYaml('t.yaml', nested(8));
    expect(read.diagnostics).toEqual([]);
    expect(plain(read.documents[0])).toEqual({ k0: { k1: { k2: { k3: { k4: { k5: { k6: { k7: ['a', 'b'] } } } } } } }, next: 1 });
    expect(pairOf(read.documents[0], 'next')!.keyLoc).toMatchObject({ line: 10, column: 1 });
    // A quote left open on the last line (nothing to indent) does not use up a step.
    const unclosed = parseYaml('t.yaml', nested(8).replace('next: 1\n', 'last: "abc\n'));
    expect(unclosed.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['11:1 Missing closing "quote']);
    expect(plain(getPathOf(unclosed.documents[0], 8))).toEqual(['a', 'b']);
    const given = parseYaml('t.yaml', nested(9));
    expect(given.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['10:1 Flow sequence in block collection must be sufficiently indented and end with a ]']);
    // Given up on, the file is read as written, save for quoted scalars continued below their key.
    const quoted = parseYaml('t.yaml', `q: "x\ny"\n${nested(9)}`);
    expect(quoted.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['12:1 Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(plain(get(quoted.documents[0], 'q'))).toBe('x y');
  });
});

describe('parseYaml: bad input never throws', () => {
  it('malformed YAML: one parse-error with line and column', () => {
    const parsed = parseYaml('bad.yaml', 'Resources:\n  Fn:\n    Handler: index.handler\n   Timeout: 3\n');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'bad.yaml', line: 4, column: 1 } });
    expect(parsed.diagnostics[0].message).toBe('All mapping items must start at the same column');
  });

  it('unclosed quote: the parser reports it where the file ends', () => {
    const parsed = parseYaml('bad.yaml', 'Resources:\n  Fn:\n    Handler: "index.handler\n    Timeout: 3\n');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'bad.yaml', line: 5, column: 1 } });
    expect(parsed.diagnostics[0].message).toBe('Missing closing "quote');
  });

  it('malformed JSON: one parse-error with line and column', () => {
    const parsed = parseYaml('bad.json', '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", }\n  },,\n}\n');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'bad.json', line: 4 } });
  });

  it('alias bomb: one parse-error, nothing expanded, fast', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const parsed = parseYaml('bomb.yaml', lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0].message).toMatch(/alias/i);
    expect(parsed.diagnostics[0].loc).toMatchObject({ file: 'bomb.yaml', line: 1, column: 1 });
  });

  it(`aliases may expand a document by ${MAX_ALIAS_EXPANSION} characters beyond its own size, not one more`, () => {
    // Expanded: the root map (1), keys a and b (1 each), the anchored scalar (1 + 999), the
    // sequence (1) and 2007 aliases of the scalar (1000 each); a comment pads the text.
    const text = (pad: number): string => `a: &a ${'x'.repeat(999)}\nb: [${Array(2007).fill('*a').join(',')}]\n#${'p'.repeat(pad)}\n`;
    const expanded = 1 + 1 + 1000 + 1 + 1 + 2007 * 1000;
    const pad = expanded - MAX_ALIAS_EXPANSION - text(0).length;
    const atLimit = parseYaml('t.yaml', text(pad));
    expect(atLimit.diagnostics).toEqual([]);
    expect(atLimit.documents).toHaveLength(1);
    const past = parseYaml('t.yaml', text(pad - 1));
    expect(past.documents).toEqual([]);
    expect(past.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([
      '1:1 too many YAML aliases: they expand the document past 2,000,000 characters beyond its own size, so it is not read',
    ]);
  });

  it("maxAliasCount sets yaml's own alias limit; without it there is none", () => {
    const text = 'x: 1\nbase: &b { t: 1 }\nf: [*b, *b, *b]\n';
    expect(parseYaml('t.yaml', text, { maxAliasCount: 2 }).diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([
      '1:1 too many YAML aliases: Excessive alias count indicates a resource exhaustion attack',
    ]);
    expect(parseYaml('t.yaml', text, { maxAliasCount: 4 }).diagnostics).toEqual([]);
    expect(parseYaml('t.yaml', text).diagnostics).toEqual([]);
  });

  it('an alias before its anchor or a merge of a sequence drops its own document only, with a note at its root', () => {
    expect(parseYaml('t.yaml', 'a: *later\nb: &later 1\n').diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([
      '1:1 invalid YAML alias or merge key: Unresolved alias (the anchor must be set before the alias): later',
    ]);
    const parsed = parseYaml('t.yaml', '---\nx: 1\n---\n  b: &base [1]\n  c: {<<: *base}\n---\ny: 2\n');
    expect(parsed.documents.map(plain)).toEqual([{ x: 1 }, { y: 2 }]);
    expect(parsed.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['4:3 invalid YAML alias or merge key: Merge sources must be maps or map aliases']);
  });

  it('a few legitimate aliases are fine', () => {
    const root = parseOne('env: &env { A: "1" }\nf1: { environment: *env }\nf2: { environment: *env }\n');
    expect(plain(get(get(root, 'f2'), 'environment'))).toEqual({ A: '1' });
  });

  it('binary file (NUL bytes): one parse-error', () => {
    const parsed = parseYaml('template.yaml', 'PK\u0003\u0004\u0000\u0000binary');
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'not a text file (NUL byte)', loc: { file: 'template.yaml', line: 1, column: 5 } },
    ]);
  });

  it('invalid UTF-8: one parse-error at the first bad byte', () => {
    const text = Buffer.from([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x62, 0x3a, 0x20, 0xff, 0xfe, 0x0a]).toString('utf8');
    const parsed = parseYaml('template.yaml', text);
    expect(parsed.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'not a text file (invalid UTF-8)', loc: { file: 'template.yaml', line: 2, column: 4 } },
    ]);
  });

  it('duplicate keys: each recorded with both lines (no parse error); the last one wins', () => {
    const parsed = parseYaml('dup.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Type: AWS::Serverless::Function\n  Fn:\n    Type: X\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.duplicateKeys?.map((d) => [d.key, d.loc.line, d.loc.column, d.firstLoc.line, d.identical])).toEqual([
      ['Type', 4, 5, 3, false],
      ['Fn', 5, 3, 2, false],
    ]);
    expect(plain(get(parsed.documents[0], 'Resources'))).toEqual({ Fn: { Type: 'X' } });
  });

  it('duplicates are compared by their text without surrounding white space (the last one at the end of the file)', () => {
    expect(parseYaml('dup.yaml', 'A:\n  x: 1\nA:\n  x: 1').duplicateKeys?.map((d) => [d.key, d.identical])).toEqual([['A', true]]);
    expect(parseYaml('dup.yaml', 'A:\n  x: 1\nA:\n  x: 2').duplicateKeys?.map((d) => [d.key, d.identical])).toEqual([['A', false]]);
    // No value (`? a`) and an empty one (`a:`) are the same: nothing.
    expect(parseYaml('dup.yaml', '? a\na:\n').duplicateKeys?.map((d) => [d.key, d.identical])).toEqual([['a', true]]);
  });

  it('identical duplicates are marked identical; a different tag is a different value', () => {
    const parsed = parseYaml('dup.yaml', 'A: 1\nB: !Ref X\nA: 1\nB: !Sub X\n');
    expect(parsed.duplicateKeys?.map((d) => [d.key, d.identical])).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });

  it('multi-line quoted scalars continued below their key (PyYAML accepts them): values and positions as cfn-lint reads them', () => {
    const text = [
      'Resources:', //                                   1
      '  Fn:', //                                        2
      '    Type: AWS::Lambda::Function', //              3
      '    Properties:', //                              4
      '      Code:', //                                  5
      '        ZipFile: "exports.handler = async () => {', // 6
      '  return 1;', //                                  7
      '}"', //                                           8
      '      Environment:', //                           9
      '        Variables:', //                           10
      "          POLICY: !Sub '{", //                    11
      '  "Version": "2012-10-17", "it""s": 1', //   12
      "}'", //                                           13
      '      Timeout: 30', //                            14
      '',
    ].join('\n');
    const parsed = parseYaml('multi.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    const props = get(get(get(parsed.documents[0], 'Resources'), 'Fn'), 'Properties');
    expect(plain(get(get(props, 'Code'), 'ZipFile'))).toBe('exports.handler = async () => { return 1; }');
    expect(plain(get(get(get(props, 'Environment'), 'Variables'), 'POLICY'))).toEqual({ 'Fn::Sub': '{ "Version": "2012-10-17", "it""s": 1 }' });
    expect(pairOf(props, 'Timeout')?.keyLoc).toMatchObject({ line: 14, column: 7 });
  });

  it('several documents: each is loaded; an error in one does not drop the others', () => {
    const parsed = parseYaml('multi.yaml', 'a: 1\n---\nb: [1,\n---\nc: 3\n');
    expect(parsed.documents.map(plain)).toContainEqual({ a: 1 });
    expect(parsed.documents.map(plain)).toContainEqual({ c: 3 });
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0].loc.line).toBeGreaterThanOrEqual(3);
  });

  it('empty file: no documents, no diagnostics', () => {
    expect(parseYaml('e.yaml', '')).toEqual({ documents: [], diagnostics: [] });
    expect(parseYaml('e.yaml', '# only a comment\n')).toEqual({ documents: [], diagnostics: [] });
  });

  it('a file exactly at the size limit is parsed', () => {
    const text = `a: "${'x'.repeat(995)}"`;
    expect(text).toHaveLength(1000);
    expect(parseYaml('big.yaml', text, { maxBytes: 1000 }).diagnostics).toEqual([]);
    expect(parseYaml('big.yaml', text, { maxBytes: 999 }).diagnostics.map((d) => d.message)).toEqual(['file too large to parse (1000 characters, limit 999)']);
  });

  it('file over the size limit: one parse-error', () => {
    const parsed = parseYaml('big.yaml', `a: "${'x'.repeat(2000)}"`, { maxBytes: 1000 });
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0].message).toMatch(/too large/);
  });

  it('a UTF-16 file read as UTF-8: one parse-error at its first byte, whichever of NUL and invalid UTF-8 comes first', () => {
    const note = (text: string): string[] => parseYaml('template.yaml', text).diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`);
    // Little-endian with a byte-order mark (FF FE): invalid UTF-8 first, NUL bytes after it.
    expect(note(Buffer.from('\uFEFFa: 1\n', 'utf16le').toString('utf8'))).toEqual(['1:1 not a text file (invalid UTF-8)']);
    // Big-endian without one: a NUL byte first, and no invalid UTF-8 at all.
    expect(note(Buffer.from('a: 1\n', 'utf16le').swap16().toString('utf8'))).toEqual(['1:1 not a text file (NUL byte)']);
    // A Latin-1 byte (é) before a NUL byte further on.
    expect(note(Buffer.from([...Buffer.from('Name: caf'), 0xe9, ...Buffer.from('\nData: x'), 0x00]).toString('utf8'))).toEqual(['1:10 not a text file (invalid UTF-8)']);
  });

  it(`${MAX_SYNTAX_ERRORS} syntax errors are reported as one; past that the file is given up on, with a note at the first`, () => {
    const strays = (n: number): string => `a: 1\nb: ${']'.repeat(n)}\n`;
    const atLimit = parseYaml('t.yaml', strays(MAX_SYNTAX_ERRORS));
    expect(atLimit.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['2:4 Unexpected flow-seq-end token in YAML stream: "]"']);
    expect(atLimit.documents.map(plain)).toEqual([{ a: 1, b: null }]);
    const past = parseYaml('t.yaml', strays(MAX_SYNTAX_ERRORS + 1));
    expect(past.documents).toEqual([]);
    expect(past.diagnostics).toEqual([
      { ruleId: 'parse-error', message: `more than ${MAX_SYNTAX_ERRORS} syntax errors: not read as YAML (the first is here)`, loc: { file: 't.yaml', line: 2, column: 4 } },
    ]);
    // The first error can be a line break (the blank line after a `...` end marker that follows a
    // block scalar header): it is located on its own line, in column 1.
    const blank = parseYaml('t.yaml', `|!t ...\n\n---\n${']'.repeat(MAX_SYNTAX_ERRORS)}`);
    expect(blank.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([`2:1 more than ${MAX_SYNTAX_ERRORS} syntax errors: not read as YAML (the first is here)`]);
  });

  it("yaml's message is reported from its first line, trimmed (an invalid escape quotes the text after it)", () => {
    const note = (text: string): string[] => parseYaml('t.yaml', text).diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`);
    expect(note('Key:\n  Value: "a\\U1\n    bcdefgh"\n')).toEqual(['2:12 Invalid escape sequence \\U1']);
    expect(note('Key: "a\\x1 "\n')).toEqual(['1:8 Invalid escape sequence \\x1']);
  });

  it(`${MAX_SYNTAX_ERRORS} errors found while composing are reported as one, more are given up on at the first; warnings do not count`, () => {
    const keys = (n: number): string => `a: 1\n${'c\n'.repeat(n)}`;
    const atLimit = parseYaml('t.yaml', keys(MAX_SYNTAX_ERRORS));
    expect(atLimit.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['2:1 Implicit map keys need to be followed by map values']);
    expect(atLimit.documents).toHaveLength(1);
    const past = parseYaml('t.yaml', keys(MAX_SYNTAX_ERRORS + 1));
    expect(past.documents).toEqual([]);
    expect(past.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([`2:1 more than ${MAX_SYNTAX_ERRORS} syntax errors: not read as YAML (the first is here)`]);
    // Each short-form tag is an "unresolved tag" warning to yaml.
    const tags = parseYamlFallback('t.yaml', `[${Array(MAX_SYNTAX_ERRORS + 1).fill('!Ref a').join(', ')}]`);
    expect(tags.diagnostics).toEqual([]);
    expect((tags.documents[0] as { items: YNode[] }).items).toHaveLength(MAX_SYNTAX_ERRORS + 1);
  });

  it('leaves Error.stackTraceLimit as it found it, also when the file is given up on', () => {
    const saved = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 17;
      parseYamlFallback('t.yaml', 'a: !Ref X\n');
      expect(Error.stackTraceLimit).toBe(17);
      parseYamlFallback('t.yaml', `a: ${']'.repeat(MAX_SYNTAX_ERRORS + 1)}`);
      expect(Error.stackTraceLimit).toBe(17);
    } finally {
      Error.stackTraceLimit = saved;
    }
  });

  it('an error that indenting its line would hide is reported, not indented away (only flow collections are)', () => {
    // Indented, `c` would continue the plain scalar `b`.
    const parsed = parseYaml('t.yaml', 'a: b\nc\n');
    expect(parsed.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['2:1 Implicit map keys need to be followed by map values']);
    expect(parsed.documents.map(plain)).toEqual([{ a: 'b', c: null }]);
  });

  it('a quoted scalar continued at an indent yaml accepts is not re-indented: its end is where the file has it', () => {
    const item = (parsed: { documents: YNode[] }): YNode => (get(parsed.documents[0], 'Items') as { items: YNode[] }).items[0];
    const valid = parseYamlFallback('t.yaml', 'Items:\n  - "x\n   b"\n');
    expect(valid.diagnostics).toEqual([]);
    expect(item(valid)).toMatchObject({ value: 'x b', loc: { line: 2, column: 5, endLine: 3, endColumn: 6 } });
    // Nor when the file has another error, unrelated to quotes.
    const invalid = parseYaml('t.yaml', 'Items:\n  - "x\n   b"\nc\n');
    expect(invalid.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual(['4:1 Implicit map keys need to be followed by map values']);
    expect(item(invalid)).toMatchObject({ value: 'x b', loc: { line: 2, column: 5, endLine: 3, endColumn: 6 } });
  });

  it('a collection as a key is its JSON; one holding collection keys itself is its source text (JSON in JSON doubled per level)', () => {
    const keys = (text: string): string[] => {
      const root = parseYaml('t.yaml', text).documents[0];
      return root.kind === 'map' ? root.pairs.map((p) => p.key) : [];
    };
    expect(keys('? [a, b]\n: 1\n{a: 1, b: [2]}: 2\n')).toEqual(['["a","b"]', '{"a":1,"b":[2]}']);
    expect(keys('{{x: 1}: 2}: 3\n')).toEqual(['{{x: 1}: 2}']);
    // 22 levels: 4 million characters as JSON.
    const nested = (levels: number): string => (levels === 1 ? '{x: 1}' : `{${nested(levels - 1)}: ${levels}}`);
    const [key] = keys(`${nested(22)}: 0\n`);
    expect(key.length).toBe(nested(22).length);
    expect(key === nested(22)).toBe(true);
  });

  it('an explicitly typed !!binary scalar is read as its decoded text, not dropped', () => {
    const root = parseOne('Code: !!binary aGVsbG8=\n');
    expect(get(root, 'Code')).toMatchObject({ kind: 'scalar', value: 'hello', loc: { line: 1, column: 16 } });
  });
});
