/**
 * Value arbitraries for YAML/JSON configs: CloudFormation intrinsics in short and long form,
 * numbers of every kind where numbers go, anchors and aliases, and arbitrary deep values.
 */
import fc from 'fast-check';
import { ID_POOL, anyName, nest, numberText, plainName, RUNTIMES } from './common.js';
import { bool, map, nul, num, seq, str, tag, type YV } from './yaml-doc.js';

const ATTRIBUTES = ['Arn', 'StreamArn', 'QueueName', 'QueueUrl', '', 'A.B.C'];
const SUB_TEXTS = ['/aws/lambda/${Fn1}', '${AWS::StackName}-orders', '${Param1}', '${!Literal}', '${', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q', '${Fn1.Arn}'];
export const ANCHORS = ['base', 'a', 'b', 'env'] as const;

const id = fc.constantFrom(...ID_POOL);

/** `!Ref X`, `!GetAtt A.B`, `!Sub`, `!If`, `!FindInMap`, `!Join`, `!Select`, in short or long form. */
export function intrinsic(inner: fc.Arbitrary<YV>): fc.Arbitrary<YV> {
  return fc.oneof(
    id.map((x) => tag('!Ref', str(x))),
    fc.tuple(id, fc.constantFrom(...ATTRIBUTES)).map(([a, b]) => tag('!GetAtt', str(b ? `${a}.${b}` : a))),
    fc.tuple(id, fc.constantFrom(...ATTRIBUTES)).map(([a, b]) => tag('!GetAtt', seq([str(a), str(b)], true))),
    fc.constantFrom(...SUB_TEXTS).map((s) => tag('!Sub', str(s))),
    fc.tuple(fc.constantFrom(...SUB_TEXTS), inner).map(([s, v]) => tag('!Sub', seq([str(s), map([['Var', v]])]))),
    fc.tuple(inner, inner).map(([a, b]) => tag('!If', seq([str('IsProd'), a, b]))),
    fc.tuple(id, plainName).map(([a, b]) => tag('!FindInMap', seq([str('Map1'), str(a), str(b)], true))),
    fc.array(inner, { maxLength: 3 }).map((items) => tag('!Join', seq([str('-'), seq(items)]))),
    fc.tuple(fc.nat(5), fc.array(inner, { maxLength: 3 })).map(([i, items]) => tag('!Select', seq([num(i), seq(items)], true))),
    fc.constantFrom('!ImportValue', '!Base64', '!GetAZs', '!Condition', '!Unknown', '!!str', '!!int', '!', '!Ref').chain((t) => inner.map((v) => tag(t, v))),
    id.map((x) => map([['Ref', str(x)]])),
    fc.tuple(id, fc.constantFrom(...ATTRIBUTES)).map(([a, b]) => map([['Fn::GetAtt', seq([str(a), str(b)])]])),
    fc.constantFrom(...SUB_TEXTS).map((s) => map([['Fn::Sub', str(s)]])),
  );
}

const scalar: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: anyName.map(str), weight: 4 },
  { arbitrary: numberText.map(num), weight: 2 },
  { arbitrary: fc.boolean().map(bool), weight: 1 },
  { arbitrary: fc.constant(nul), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map(str), weight: 1 },
  { arbitrary: fc.constantFrom(...wrongNumbers()), weight: 1 },
);

function wrongNumbers(): YV[] {
  return ['.inf', '-.inf', '.nan', '~', '0x1F', '1e400', '2001-12-14t21:59:43.10-05:00', '!!binary aGVsbG8=', '"multi\\nline"', "'it''s'", '|', '>'].map((v) => ({ k: 'raw', v }));
}

/** Any value, a few levels deep, anchors and aliases included. */
export const anyValue: fc.Arbitrary<YV> = fc.letrec<{ value: YV }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.array(fc.tuple(anyName, tie('value')), { maxLength: 4 }).chain((pairs) => fc.boolean().map((flow) => map(pairs, flow))), weight: 2 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }).chain((items) => fc.boolean().map((flow) => seq(items, flow))), weight: 2 },
    { arbitrary: intrinsic(scalar), weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom(...ANCHORS), tie('value')).map(([name, v]): YV => ({ k: 'anchor', name, v })), weight: 1 },
    { arbitrary: fc.constantFrom(...ANCHORS).map((name): YV => ({ k: 'alias', name })), weight: 1 },
  ),
})).value;

/** A value nested `depth` levels (flow brackets, block maps or tag chains): recursion limits. */
export const deepValue: fc.Arbitrary<YV> = fc
  .tuple(fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq', 'tags'), fc.oneof({ arbitrary: fc.integer({ min: 5, max: 60 }), weight: 3 }, { arbitrary: fc.integer({ min: 200, max: 2500 }), weight: 1 }))
  .map(([shape, depth]): YV => {
    switch (shape) {
      case 'flow-seq':
        return { k: 'raw', v: nest('[', ']', depth, '1') };
      case 'flow-map':
        return { k: 'raw', v: nest('{a: ', '}', depth, '1') };
      case 'tags':
        return { k: 'raw', v: `${'!Ref '.repeat(Math.min(depth, 50))}x` };
      default: {
        let v: YV = num(1);
        for (let i = 0; i < Math.min(depth, 120); i++) v = shape === 'block-map' ? map([['k', v]]) : seq([v]);
        return v;
      }
    }
  });

/** A value where a number is expected: mostly a number, else a reference, a string, a list... */
export const numberValue: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: numberText.map(num), weight: 10 },
  { arbitrary: numberText.map(str), weight: 1 },
  { arbitrary: fc.constantFrom('.inf', '.nan', 'thirty', '[]', '{}', 'true', '~').map((v): YV => ({ k: 'raw', v })), weight: 1 },
  { arbitrary: intrinsic(scalar), weight: 2 },
  { arbitrary: anyValue, weight: 1 },
);

export const stringValue: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: anyName.map(str), weight: 8 },
  { arbitrary: intrinsic(scalar), weight: 2 },
  { arbitrary: anyValue, weight: 1 },
);

export const runtimeValue: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: fc.constantFrom(...RUNTIMES).map(str), weight: 8 },
  { arbitrary: intrinsic(scalar), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

export const boolValue: fc.Arbitrary<YV> = fc.oneof(
  { arbitrary: fc.boolean().map(bool), weight: 6 },
  { arbitrary: fc.constantFrom('true', 'false', 'True', 'yes', 'Active').map(str), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

/** `{ KEY: value }` environment variables (secrets-looking values included). */
export const envMap: fc.Arbitrary<YV> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('TABLE_NAME', 'DB_PASSWORD', 'API_KEY', 'SECRET', 'STAGE', 'AWS_REGION', '__proto__', 'é'), plainName),
      fc.oneof(
        { arbitrary: anyName.map(str), weight: 3 },
        { arbitrary: fc.constantFrom('9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'AKIAIOSFODNN7EXAMPLE', 'hunter2', 'ghp_' + 'a'.repeat(36)).map(str), weight: 1 },
        { arbitrary: intrinsic(scalar), weight: 1 },
        { arbitrary: anyValue, weight: 1 },
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => map(pairs));
