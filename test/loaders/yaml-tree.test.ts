import { describe, expect, it } from 'vitest';
import { get, nodeText, pairOf, parseYaml, type YNode } from '../../src/loaders/yaml-tree.js';

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

  it('reads a flow collection whose closing line is not indented enough, as PyYAML does', () => {
    const text = ['Policy:', '  Statements: [{', '    "Effect": "Allow"', '  }]', 'Next: 1', ''].join('\n');
    const root = parseOne(text);
    expect(plain(root)).toEqual({ Policy: { Statements: [{ Effect: 'Allow' }] }, Next: 1 });
    expect(pairOf(root, 'Next')!.keyLoc.line).toBe(5);
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

  it('file over the size limit: one parse-error', () => {
    const parsed = parseYaml('big.yaml', `a: "${'x'.repeat(2000)}"`, { maxBytes: 1000 });
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0].message).toMatch(/too large/);
  });
});
