/**
 * A tiny document model for generated YAML / JSON configs, and its writers. The generators
 * build trees of these nodes (with CloudFormation short-form tags, anchors, aliases and merge
 * keys) and write them as block YAML, flow ("JSON-ish") YAML with tags, or strict JSON.
 */

export type YV =
  | { k: 'str'; v: string }
  /** Raw number text as written: `30`, `1e400`, `0x1F`, `.inf`. */
  | { k: 'num'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'map'; pairs: Array<[string, YV]>; flow?: boolean }
  | { k: 'seq'; items: YV[]; flow?: boolean }
  | { k: 'tag'; tag: string; v: YV }
  | { k: 'anchor'; name: string; v: YV }
  | { k: 'alias'; name: string }
  /** Raw text written as is (only in YAML): a deliberately odd scalar. */
  | { k: 'raw'; v: string };

export const str = (v: string): YV => ({ k: 'str', v });
export const num = (v: string | number): YV => ({ k: 'num', v: String(v) });
export const bool = (v: boolean): YV => ({ k: 'bool', v });
export const nul: YV = { k: 'null' };
export const map = (pairs: Array<[string, YV | undefined]>, flow = false): YV => ({
  k: 'map',
  pairs: pairs.filter((p): p is [string, YV] => p[1] !== undefined),
  flow,
});
export const seq = (items: YV[], flow = false): YV => ({ k: 'seq', items, flow });
export const tag = (t: string, v: YV): YV => ({ k: 'tag', tag: t, v });

const PLAIN_SAFE = /^[A-Za-z_/][\w\-./:]*$/;
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function quote(text: string): string {
  if (text.length > 0 && PLAIN_SAFE.test(text) && !YAML_KEYWORDS.test(text) && !/:$/.test(text)) return text;
  // JSON string syntax is valid YAML double-quoted syntax.
  return JSON.stringify(text);
}

function isInline(node: YV): boolean {
  switch (node.k) {
    case 'map':
      return node.flow === true || node.pairs.length === 0;
    case 'seq':
      return node.flow === true || node.items.length === 0;
    case 'tag':
    case 'anchor':
      return isInline(node.v);
    default:
      return true;
  }
}

function inline(node: YV): string {
  switch (node.k) {
    case 'str':
      return quote(node.v);
    case 'num':
      return node.v;
    case 'bool':
      return String(node.v);
    case 'null':
      return 'null';
    case 'raw':
      return node.v;
    case 'alias':
      return `*${node.name}`;
    case 'tag':
      return `${node.tag} ${inline(node.v)}`;
    case 'anchor':
      return `&${node.name} ${inline(node.v)}`;
    case 'map':
      return `{${node.pairs.map(([k, v]) => `${quote(k)}: ${inline(v)}`).join(', ')}}`;
    case 'seq':
      return `[${node.items.map(inline).join(', ')}]`;
  }
}

/** Block lines of a collection at `indent` (a tag or anchor heads the first line's parent). */
function block(node: YV, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (node.k === 'tag' || node.k === 'anchor') return block(node.v, indent);
  if (node.k === 'map' && !isInline(node)) {
    const lines: string[] = [];
    for (const [key, value] of node.pairs) {
      const k = key === '<<' ? '<<' : quote(key);
      if (isInline(value)) lines.push(`${pad}${k}: ${inline(value)}`);
      else lines.push(`${pad}${k}:${head(value)}`, ...block(value, indent + 2));
    }
    return lines;
  }
  if (node.k === 'seq' && !isInline(node)) {
    const lines: string[] = [];
    for (const item of node.items) {
      if (isInline(item)) {
        lines.push(`${pad}- ${inline(item)}`);
      } else if (head(item) === '') {
        // Compact form: `- key: value` with the rest of the map under it.
        const inner = block(item, indent + 2);
        lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      } else {
        lines.push(`${pad}-${head(item)}`, ...block(item, indent + 2));
      }
    }
    return lines;
  }
  return [`${pad}${inline(node)}`];
}

/** ` !Tag &anchor` written after `key:` or `-` before a block collection. */
function head(node: YV): string {
  if (node.k === 'tag') return ` ${node.tag}${head(node.v)}`;
  if (node.k === 'anchor') return ` &${node.name}${head(node.v)}`;
  return '';
}

/** One document as block YAML (flow parts stay flow). */
export function toYaml(node: YV): string {
  if (isInline(node)) return `${inline(node)}\n`;
  const h = head(node).trim();
  return `${h ? `${h}\n` : ''}${block(node, 0).join('\n')}\n`;
}

/** The whole document as flow YAML: JSON-ish text that still carries `!Ref` tags and anchors. */
export function toFlowYaml(node: YV): string {
  return `${inline(node)}\n`;
}

const GETATT = '!GetAtt';

/** Strict JSON: short-form tags become their long forms, aliases the anchored value (or null). */
export function toJson(node: YV, indent: number | string = 2): string {
  const anchors = new Map<string, unknown>();
  const convert = (n: YV): unknown => {
    switch (n.k) {
      case 'str':
        return n.v;
      case 'num': {
        // Keep the text when it is a JSON number (1e400 included: JSON allows it).
        return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(n.v) ? new RawNumber(n.v) : n.v;
      }
      case 'bool':
        return n.v;
      case 'null':
        return null;
      case 'raw':
        return n.v;
      case 'alias':
        return anchors.has(n.name) ? anchors.get(n.name) : null;
      case 'anchor': {
        const value = convert(n.v);
        anchors.set(n.name, value);
        return value;
      }
      case 'tag': {
        const inner = convert(n.v);
        if (n.tag === GETATT && typeof inner === 'string') {
          const dot = inner.indexOf('.');
          return { 'Fn::GetAtt': dot < 0 ? [inner, ''] : [inner.slice(0, dot), inner.slice(dot + 1)] };
        }
        const name = n.tag === '!Ref' || n.tag === '!Condition' ? n.tag.slice(1) : `Fn::${n.tag.slice(1)}`;
        return { [name]: inner };
      }
      case 'map': {
        const out: Array<[string, unknown]> = [];
        for (const [k, v] of n.pairs) {
          if (k === '<<') continue;
          out.push([k, convert(v)]);
        }
        return new OrderedObject(out);
      }
      case 'seq':
        return n.items.map(convert);
    }
  };
  return `${stringify(convert(node), typeof indent === 'number' ? ' '.repeat(indent) : indent, '')}\n`;
}

class RawNumber {
  constructor(readonly text: string) {}
}
/** Keeps duplicate keys and key order (JSON.stringify would drop duplicates). */
class OrderedObject {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

function stringify(value: unknown, step: string, pad: string): string {
  const nl = step ? '\n' : '';
  const inner = pad + step;
  if (value instanceof RawNumber) return value.text;
  if (value instanceof OrderedObject) {
    if (value.entries.length === 0) return '{}';
    const parts = value.entries.map(([k, v]) => `${inner}${JSON.stringify(k)}:${step ? ' ' : ''}${stringify(v, step, inner)}`);
    return `{${nl}${parts.join(`,${nl}`)}${nl}${pad}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${nl}${value.map((v) => inner + stringify(v, step, inner)).join(`,${nl}`)}${nl}${pad}]`;
  }
  if (value !== null && typeof value === 'object') {
    return stringify(new OrderedObject(Object.entries(value)), step, pad);
  }
  return JSON.stringify(value) ?? 'null';
}
