/**
 * CloudFormation short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub ...`), shared by both parse paths
 * so that they turn a tag into its long form, and place the node's start at the tag, the same way.
 */
import type { YNode } from '../yaml-tree.js';

/**
 * CloudFormation short-form tags. `!GetAtt A.B` splits on the first dot;
 * `!Ref` and `!Condition` keep their names, the others become `Fn::<Name>`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export const SHORT_FORM_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

export function isShortFormTag(tag: string | undefined | null): tag is string {
  return typeof tag === 'string' && Object.hasOwn(SHORT_FORM_TAGS, tag);
}

/**
 * Start offset of a node written with a short-form tag: at the tag (`!Ref X` starts at `!`),
 * which the parser leaves out of the node's range. Found by searching back for the tag text:
 * on the node's own line, or on an earlier line when only white space follows it (`!Sub` then a
 * block on the next lines). Any other start is kept.
 */
export function startAtShortFormTag(text: string, tag: string | undefined | null, start: number): number {
  if (!isShortFormTag(tag)) return start;
  const at = text.lastIndexOf(tag, start);
  if (at < 0) return start;
  // On the node's line: no line break between (looked for forwards: a long line costs nothing).
  const lineBreak = text.indexOf('\n', at);
  if (lineBreak < 0 || lineBreak >= start) return at;
  return /^\s*$/.test(text.slice(at + tag.length, start)) ? at : start;
}

/** `!Ref X` -> `{ Ref: X }`, `!GetAtt A.B` -> `{ 'Fn::GetAtt': [A, B] }`. Other tags are ignored. */
export function applyShortFormTag(tag: string | undefined | null, value: YNode): YNode {
  if (!isShortFormTag(tag)) return value;
  const name = SHORT_FORM_TAGS[tag];
  let inner: YNode = value;
  if (name === 'Fn::GetAtt' && value.kind === 'scalar' && typeof value.value === 'string') {
    const dot = value.value.indexOf('.');
    const resource = dot < 0 ? value.value : value.value.slice(0, dot);
    const attribute = dot < 0 ? '' : value.value.slice(dot + 1);
    inner = {
      kind: 'seq',
      items: [
        { kind: 'scalar', value: resource, loc: value.loc },
        { kind: 'scalar', value: attribute, loc: value.loc },
      ],
      loc: value.loc,
    };
  } else if ((name === 'Ref' || name === 'Condition') && value.kind === 'scalar' && value.value !== null) {
    inner = { ...value, value: String(value.value) };
  }
  return { kind: 'map', pairs: [{ key: name, keyLoc: value.loc, value: inner }], loc: value.loc, tag };
}
