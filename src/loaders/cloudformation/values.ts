/**
 * Static evaluation of CloudFormation values: literals stay literals,
 * `!Ref Param` takes the parameter's `Default`, simple `!Sub`/`!Join`/
 * `!FindInMap`/`!Select` over literals are folded, everything else becomes a
 * `Reference` (never a guess).
 */
import type { Located, Reference, SourceLocation } from '../../model/index.js';
import {
  get,
  intrinsicName,
  nodeText,
  pairLoc,
  scalarBoolean,
  scalarString,
  type YMap,
  type YNode,
  type YPair,
} from '../yaml-tree.js';
import type { ExpansionBudget } from '../expansion-budget.js';

export interface CfnParameter {
  name: string;
  defaultNode?: YNode;
  noEcho: boolean;
  loc: SourceLocation;
}

export interface CfnResource {
  id: string;
  type: string;
  /** The resource's map (`Type`, `Properties`, `Metadata`, ...). */
  node: YMap;
  properties: YNode | undefined;
  /** Location of the logical id key. */
  loc: SourceLocation;
}

export interface TemplateScope {
  parameters: Map<string, CfnParameter>;
  resources: Map<string, CfnResource>;
  mappings: YNode | undefined;
  /** The file's value expansion budget (`!Sub`, `!Join`); none: unbounded (tests). */
  budget?: ExpansionBudget;
  /** Logical ids the framework generates outside `Resources` (serverless `<Name>LambdaFunction`), which templates may reference. */
  generatedIds?: ReadonlySet<string>;
}

/** A resource the template defines, or one the framework generates. */
function isResource(scope: TemplateScope, id: string): boolean {
  return scope.resources.has(id) || scope.generatedIds?.has(id) === true;
}

export type Resolved =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'reference'; ref: Reference }
  | { kind: 'none' };

const MAX_DEPTH = 20;

export function reference(node: YNode, refType: Reference['refType'], noEcho?: boolean): Reference {
  const ref: Reference = { kind: 'reference', text: nodeText(node), refType };
  if (noEcho) ref.noEcho = true;
  return ref;
}

/** `{{resolve:ssm:...}}`, `{{resolve:secretsmanager:...}}`: CloudFormation dynamic references. */
export function dynamicReference(text: string): Reference | undefined {
  const match = /\{\{resolve:(ssm-secure|ssm|secretsmanager):[^}]*\}\}/.exec(text);
  if (!match) return undefined;
  return { kind: 'reference', text, refType: match[1] === 'secretsmanager' ? 'secretsmanager' : 'ssm' };
}

/** Evaluate a node statically. Maps and sequences that are not intrinsics are `none`. */
export function resolve(node: YNode | undefined, scope: TemplateScope, depth = 0): Resolved {
  if (!node) return { kind: 'none' };
  if (depth > MAX_DEPTH) return { kind: 'reference', ref: reference(node, 'cfn-intrinsic') };
  switch (node.kind) {
    case 'ref':
      return { kind: 'reference', ref: node.ref };
    case 'scalar': {
      if (node.value === null) return { kind: 'none' };
      if (typeof node.value === 'string') {
        const dynamic = dynamicReference(node.value);
        if (dynamic) return { kind: 'reference', ref: dynamic };
      }
      return { kind: 'literal', value: node.value };
    }
    case 'seq':
      return { kind: 'none' };
    case 'map':
      break;
  }
  const fn = intrinsicName(node);
  if (!fn) return { kind: 'none' };
  // Every evaluation costs a little: nested intrinsics over parameters can be exponential in time.
  if (scope.budget && !scope.budget.charge(0, fn, node.loc)) return { kind: 'reference', ref: reference(node, 'cfn-intrinsic') };
  const arg = node.pairs[0].value;
  switch (fn) {
    case 'Ref':
      return resolveRef(node, scalarString(arg), scope, depth);
    case 'Fn::GetAtt':
      return { kind: 'reference', ref: reference(node, 'cfn-getatt') };
    case 'Fn::ImportValue':
      return { kind: 'reference', ref: reference(node, 'cfn-import') };
    case 'Fn::Sub':
      return resolveSub(node, arg, scope, depth);
    case 'Fn::Join': {
      if (arg.kind !== 'seq' || arg.items.length !== 2) break;
      const delimiter = resolve(arg.items[0], scope, depth + 1);
      const list = arg.items[1];
      if (delimiter.kind !== 'literal' || list.kind !== 'seq') break;
      const parts: string[] = [];
      const separator = String(delimiter.value);
      for (const item of list.items) {
        const part = resolve(item, scope, depth + 1);
        if (part.kind === 'reference' && (part.ref.refType === 'ssm' || part.ref.refType === 'secretsmanager')) {
          return { kind: 'reference', ref: { ...part.ref, text: nodeText(node) } };
        }
        if (part.kind !== 'literal') return { kind: 'reference', ref: reference(node, 'cfn-intrinsic') };
        const text = String(part.value);
        // Charged before it is joined: past the budget, the value is unknown.
        if (scope.budget && !scope.budget.charge(text.length + separator.length, 'Fn::Join', node.loc)) {
          return { kind: 'reference', ref: reference(node, 'cfn-intrinsic') };
        }
        parts.push(text);
      }
      return { kind: 'literal', value: parts.join(separator) };
    }
    case 'Fn::Select': {
      if (arg.kind !== 'seq' || arg.items.length !== 2) break;
      const index = resolve(arg.items[0], scope, depth + 1);
      const list = arg.items[1];
      if (index.kind === 'literal' && list.kind === 'seq') {
        const item = list.items[Number(index.value)];
        if (item) return resolve(item, scope, depth + 1);
      }
      break;
    }
    case 'Fn::FindInMap': {
      if (arg.kind !== 'seq' || arg.items.length < 3) break;
      const keys = arg.items.slice(0, 3).map((item) => resolve(item, scope, depth + 1));
      if (keys.every((k) => k.kind === 'literal')) {
        const [map, top, second] = keys.map((k) => String((k as { value: unknown }).value));
        const found = get(get(get(scope.mappings, map), top), second);
        if (found) return resolve(found, scope, depth + 1);
      }
      break;
    }
    default:
      break;
  }
  return { kind: 'reference', ref: reference(node, 'cfn-intrinsic') };
}

const PSEUDO_PARAMETER = /^AWS::/;

function resolveRef(node: YNode, name: string | undefined, scope: TemplateScope, depth: number): Resolved {
  if (!name) return { kind: 'reference', ref: reference(node, 'cfn-ref') };
  const parameter = scope.parameters.get(name);
  if (parameter) {
    if (parameter.noEcho) return { kind: 'reference', ref: reference(node, 'cfn-parameter', true) };
    if (parameter.defaultNode) {
      const value = resolve(parameter.defaultNode, scope, depth + 1);
      if (value.kind === 'literal') return value;
    }
    return { kind: 'reference', ref: reference(node, 'cfn-parameter') };
  }
  if (PSEUDO_PARAMETER.test(name)) return { kind: 'reference', ref: reference(node, 'cfn-ref') };
  return { kind: 'reference', ref: reference(node, 'cfn-ref') };
}

/** `${Name}`, `${Name.Attr}`, `${!Literal}` in a `Fn::Sub` string. */
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function resolveSub(node: YNode, arg: YNode, scope: TemplateScope, depth: number): Resolved {
  let template: string | undefined;
  let variables: YNode | undefined;
  if (arg.kind === 'seq') {
    template = scalarString(arg.items[0]);
    variables = arg.items[1];
  } else {
    template = scalarString(arg);
  }
  if (template === undefined) return { kind: 'reference', ref: reference(node, 'cfn-sub') };
  const dynamic = dynamicReference(template);
  if (dynamic) return { kind: 'reference', ref: { ...dynamic, text: nodeText(node) } };
  if (scope.budget && !scope.budget.charge(template.length, 'Fn::Sub', node.loc)) return { kind: 'reference', ref: reference(node, 'cfn-sub') };
  let unresolved = false;
  const value = template.replace(SUB_VARIABLE, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const fromVariables = get(variables, name);
    const resolved = fromVariables
      ? resolve(fromVariables, scope, depth + 1)
      : name.includes('.')
        ? ({ kind: 'none' } as Resolved)
        : resolveRef(node, name, scope, depth);
    if (resolved.kind === 'literal') {
      const text = String(resolved.value);
      if (!scope.budget || scope.budget.charge(text.length, 'Fn::Sub', node.loc)) return text;
    }
    unresolved = true;
    return whole;
  });
  if (unresolved) return { kind: 'reference', ref: reference(node, 'cfn-sub') };
  return { kind: 'literal', value };
}

// ---------------------------------------------------------------------------
// Located values

export function located<T>(value: T | Reference, loc: SourceLocation): Located<T> {
  return { value, loc };
}

/** A string property: literal (numbers stringified) or Reference; undefined when absent or not a string. */
export function locatedString(pair: YPair | undefined, scope: TemplateScope): Located<string> | undefined {
  if (!pair) return undefined;
  return stringAt(pair.value, pairLoc(pair), scope);
}

export function stringAt(node: YNode, loc: SourceLocation, scope: TemplateScope): Located<string> | undefined {
  const resolved = resolve(node, scope);
  if (resolved.kind === 'literal') return located(String(resolved.value), loc);
  if (resolved.kind === 'reference') return located<string>(resolved.ref, loc);
  return undefined;
}

/** A numeric property: numbers and numeric strings; other literals are ignored; intrinsics are References. */
export function locatedNumber(pair: YPair | undefined, scope: TemplateScope): Located<number> | undefined {
  if (!pair) return undefined;
  const resolved = resolve(pair.value, scope);
  const loc = pairLoc(pair);
  if (resolved.kind === 'literal') {
    const n = typeof resolved.value === 'number' ? resolved.value : Number(resolved.value);
    if (typeof resolved.value === 'boolean' || !Number.isFinite(n) || String(resolved.value).trim() === '') {
      return undefined;
    }
    return located(n, loc);
  }
  if (resolved.kind === 'reference') return located<number>(resolved.ref, loc);
  return undefined;
}

/** A list of strings (`FunctionResponseTypes`); a single intrinsic becomes one Reference for the whole list. */
export function locatedStringList(pair: YPair | undefined, scope: TemplateScope): Located<string[]> | undefined {
  if (!pair) return undefined;
  const loc = pairLoc(pair);
  const node = pair.value;
  if (node.kind === 'seq') {
    const values: string[] = [];
    for (const item of node.items) {
      const resolved = resolve(item, scope);
      if (resolved.kind === 'literal') values.push(String(resolved.value));
      else if (resolved.kind === 'reference') return located<string[]>(resolved.ref, loc);
    }
    return located(values, loc);
  }
  const resolved = resolve(node, scope);
  if (resolved.kind === 'literal') return located([String(resolved.value)], loc);
  if (resolved.kind === 'reference') return located<string[]>(resolved.ref, loc);
  return undefined;
}

export function booleanValue(node: YNode | undefined, scope: TemplateScope): boolean | undefined {
  const direct = scalarBoolean(node);
  if (direct !== undefined) return direct;
  const resolved = resolve(node, scope);
  if (resolved.kind === 'literal') return scalarBoolean({ kind: 'scalar', value: resolved.value, loc: node!.loc });
  return undefined;
}

// ---------------------------------------------------------------------------
// Which resources a value points at

export interface ResourceMention {
  id: string;
  attribute?: string;
}

/**
 * Logical ids a value refers to: `!Ref X`, `!GetAtt X.Arn`, `${X}` / `${X.Arn}`
 * inside `!Sub`, anywhere inside `!Join`/`!If`/... Only ids present in `scope.resources`.
 */
export function mentionedResources(node: YNode | undefined, scope: TemplateScope, depth = 0): ResourceMention[] {
  const out: ResourceMention[] = [];
  collectMentions(node, scope, depth, out);
  return out;
}

function collectMentions(node: YNode | undefined, scope: TemplateScope, depth: number, out: ResourceMention[]): void {
  if (!node || depth > MAX_DEPTH) return;
  if (node.kind === 'seq') {
    for (const item of node.items) collectMentions(item, scope, depth + 1, out);
    return;
  }
  if (node.kind !== 'map') return;
  const fn = intrinsicName(node);
  if (!fn) {
    for (const pair of node.pairs) collectMentions(pair.value, scope, depth + 1, out);
    return;
  }
  const arg = node.pairs[0].value;
  if (fn === 'Ref') {
    const id = scalarString(arg);
    if (id && isResource(scope, id)) out.push({ id });
    // SAM: `!Ref Fn.Version` / `!Ref Fn.Alias`
    else if (id && id.includes('.')) {
      const [base, attribute] = id.split('.', 2);
      if (isResource(scope, base)) out.push({ id: base, attribute });
    }
    return;
  }
  if (fn === 'Fn::GetAtt') {
    let id: string | undefined;
    let attribute: string | undefined;
    if (arg.kind === 'seq') {
      id = scalarString(arg.items[0]);
      attribute = scalarString(arg.items[1]);
    } else {
      const text = scalarString(arg);
      if (text) [id, attribute] = text.split('.', 2);
    }
    if (id && isResource(scope, id)) out.push({ id, attribute });
    return;
  }
  if (fn === 'Fn::Sub') {
    const template = arg.kind === 'seq' ? scalarString(arg.items[0]) : scalarString(arg);
    const variables = arg.kind === 'seq' ? arg.items[1] : undefined;
    if (template) {
      for (const match of template.matchAll(SUB_VARIABLE)) {
        const name = match[1];
        if (name.startsWith('!')) continue;
        const fromVariables = get(variables, name);
        if (fromVariables) {
          collectMentions(fromVariables, scope, depth + 1, out);
          continue;
        }
        const [id, attribute] = name.split('.', 2);
        if (isResource(scope, id)) out.push(attribute ? { id, attribute } : { id });
      }
    }
    return;
  }
  collectMentions(arg, scope, depth + 1, out);
}
