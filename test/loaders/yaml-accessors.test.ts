/**
 * The YAML tree accessors every config loader reads through: lookups (last duplicate wins),
 * scalar conversions, pair locations (what findings point at) and the node text of messages.
 */
import { describe, expect, it } from 'vitest';
import { get, getPath, intrinsicName, isYMap, isYSeq, nodeText, pairLoc, pairOf, parseYaml, scalarBoolean, scalarNumber, scalarString, startOf, type YNode } from '../../src/loaders/yaml-tree.js';

const doc = (yaml: string): YNode => parseYaml('t.yaml', yaml).documents[0];
const v = (yaml: string): YNode | undefined => get(doc(`v: ${yaml}\n`), 'v');

describe('lookups', () => {
  it('pairOf, get, getPath: the last duplicate wins; non-maps have no keys', () => {
    const root = doc('a: 1\nb: { c: { d: deep } }\na: 2\nlist: [x]\n');
    expect(get(root, 'a')).toMatchObject({ value: 2 });
    expect(pairOf(root, 'a')?.keyLoc).toMatchObject({ line: 3, column: 1 });
    expect(getPath(root, 'b', 'c', 'd')).toMatchObject({ value: 'deep' });
    expect(getPath(root, 'b', 'x', 'd')).toBeUndefined();
    expect(getPath(root)).toBe(root);
    expect(get(get(root, 'list'), '0')).toBeUndefined();
    expect(get(undefined, 'a')).toBeUndefined();
    expect([isYMap(root), isYMap(get(root, 'list')), isYSeq(get(root, 'list')), isYSeq(root), isYMap(undefined), isYSeq(undefined)]).toEqual([true, false, true, false, false, false]);
  });

  it('intrinsicName: one-key maps named Ref, Condition or Fn::*', () => {
    expect(intrinsicName(v('!Ref X'))).toBe('Ref');
    expect(intrinsicName(v('{ Condition: C }'))).toBe('Condition');
    expect(intrinsicName(v('!Sub x'))).toBe('Fn::Sub');
    expect(intrinsicName(v('{ Fn::Other: x }'))).toBe('Fn::Other');
    expect(intrinsicName(v('{ Ref: X, Other: y }'))).toBeUndefined();
    expect(intrinsicName(v('{ Refs: X }'))).toBeUndefined();
    expect(intrinsicName(v('{ Fn:Sub: x }'))).toBeUndefined();
    expect(intrinsicName(v('[Ref]'))).toBeUndefined();
    expect(intrinsicName(undefined)).toBeUndefined();
  });
});

describe('scalar conversions', () => {
  it.each<[string, string | undefined, number | undefined, boolean | undefined]>([
    ['text', 'text', undefined, undefined],
    ['30', '30', 30, undefined],
    ['"30"', '30', 30, undefined],
    ['" -2.5 "', ' -2.5 ', -2.5, undefined],
    ['"0.25"', '0.25', 0.25, undefined],
    ['"1e3"', '1e3', undefined, undefined],
    ['"3."', '3.', undefined, undefined],
    ['.inf', 'Infinity', undefined, undefined],
    ['true', 'true', undefined, true],
    ['"TRUE"', 'TRUE', undefined, true],
    ['"False"', 'False', undefined, false],
    ['yes', 'yes', undefined, undefined],
    ['~', undefined, undefined, undefined],
    ['[1]', undefined, undefined, undefined],
  ])('%s', (yaml, asString, asNumber, asBoolean) => {
    const node = v(yaml);
    expect(scalarString(node)).toBe(asString);
    expect(scalarNumber(node)).toBe(asNumber);
    expect(scalarBoolean(node)).toBe(asBoolean);
  });

  it('no node, no value', () => {
    expect([scalarString(undefined), scalarNumber(undefined), scalarBoolean(undefined)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('locations', () => {
  it('a pair spans from its key to the end of its value', () => {
    const root = doc('a: 1\nb:\n  c: [x,\n    y]\n');
    expect(pairLoc(pairOf(root, 'a')!)).toEqual({ file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 5 });
    // A block map ends where the next line starts.
    expect(pairLoc(pairOf(root, 'b')!)).toMatchObject({ line: 2, column: 1, endLine: 5, endColumn: 1 });
    expect(pairLoc(pairOf(get(root, 'b'), 'c')!)).toMatchObject({ line: 3, column: 3, endLine: 4, endColumn: 7 });
  });

  it('an alias value located before its key: the pair spans its key only', () => {
    const root = doc('base: &b { x: 1 }\nuse: *b\n');
    const loc = pairLoc(pairOf(root, 'use')!);
    expect(loc).toMatchObject({ line: 2, column: 1, endLine: 2 });
    expect(loc.endColumn).toBe(4);
  });

  it('an alias anchored earlier on the same line: the pair spans its key only', () => {
    const pair = pairOf(get(doc('m: { a: &x 1, b: *x }\n'), 'm'), 'b')!;
    expect(pair.value.loc).toMatchObject({ line: 1, column: 12, endColumn: 13 });
    expect(pairLoc(pair)).toEqual({ file: 't.yaml', line: 1, column: 15, endLine: 1, endColumn: 16 });
  });

  it('a value from another file (a resolved variable): the pair spans its key only, if that has an end', () => {
    const value: YNode = { kind: 'scalar', value: 30, loc: { file: 'config.yml', line: 9, column: 3, endLine: 9, endColumn: 5 } };
    const keyLoc = { file: 'serverless.yml', line: 4, column: 5, endLine: 4, endColumn: 12 };
    expect(pairLoc({ key: 'timeout', keyLoc, value })).toEqual(keyLoc);
    expect(pairLoc({ key: 'timeout', keyLoc: { file: 'serverless.yml', line: 4, column: 5 }, value })).toStrictEqual({ file: 'serverless.yml', line: 4, column: 5 });
  });

  it('startOf keeps the start only', () => {
    expect(startOf({ file: 'f', line: 2, column: 3, endLine: 4, endColumn: 5 })).toEqual({ file: 'f', line: 2, column: 3 });
  });
});

describe('nodeText', () => {
  it.each([
    ['plain', 'plain'],
    ['~', 'null'],
    ['!Ref Table', '!Ref Table'],
    ['{ Condition: IsProd }', '!Condition IsProd'],
    ['!GetAtt Queue.Arn', '!GetAtt Queue.Arn'],
    ['!GetAtt [Queue, !Ref Attr]', '!GetAtt [Queue, !Ref Attr]'],
    ['!Sub "arn:${AWS::Region}"', '!Sub arn:${AWS::Region}'],
    ['!Join ["-", [a, !Ref B]]', '!Join [-, [a, !Ref B]]'],
    ['{ a: 1, b: [x, ~] }', '{ a: 1, b: [x, null] }'],
    ['[[[[[[[[x]]]]]]]]', '[[[[[[[…]]]]]]]'],
    ['[[[[[!GetAtt A.B]]]]]', '[[[[[!GetAtt A.B]]]]]'],
    ['[[[[[[!GetAtt A.B]]]]]]', '[[[[[[!GetAtt ….…]]]]]]'],
    ['[[[[[[!Ref X]]]]]]', '[[[[[[!Ref …]]]]]]'],
    ['[[[[[[{ a: 1 }]]]]]]', '[[[[[[{ a: … }]]]]]]'],
  ])('%s', (yaml, text) => {
    expect(nodeText(v(yaml))).toBe(text);
  });

  it('a value a resolver could not know (serverless variables) is its text as written, in collections too', () => {
    const loc = { file: 'serverless.yml', line: 3, column: 9 };
    const secret: YNode = { kind: 'ref', ref: { kind: 'reference', text: '${ssm:/db/password}', refType: 'ssm' }, loc };
    expect(nodeText(secret)).toBe('${ssm:/db/password}');
    expect(nodeText({ kind: 'map', pairs: [{ key: 'DB_PASSWORD', keyLoc: loc, value: secret }], loc })).toBe('{ DB_PASSWORD: ${ssm:/db/password} }');
  });

  it('is at most 200 characters; nothing is empty', () => {
    const text = nodeText(v(`[${Array.from({ length: 100 }, (_, i) => `item${i}`).join(', ')}]`));
    expect(text).toHaveLength(200);
    expect(text.endsWith('…')).toBe(true);
    expect(nodeText(v(`"${'x'.repeat(200)}"`))).toBe('x'.repeat(200));
    expect(nodeText(undefined)).toBe('');
  });
});
