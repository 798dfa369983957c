/**
 * One Terraform block's parsed values (hcl2json JSON) paired with where its
 * parts are written (locator), so that every value read carries its line.
 */
import type { SourceLocation } from '../../model/index.js';
import { blocks, entry, type TfBody, type TfEntry, type TfPos } from './locator.js';

export class TfNode {
  constructor(
    readonly file: string,
    readonly json: Record<string, unknown>,
    /** Where the body's entries are written; undefined when the locator could not follow the text. */
    readonly body: TfBody | undefined,
    /** Fallback position: the block header or the key that holds this object. */
    readonly pos: TfPos,
  ) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.json, name) && this.json[name] !== null;
  }

  raw(name: string): unknown {
    return this.json[name];
  }

  /** Where `name` is set (its key), or this node's own position when it cannot be located. */
  loc(name?: string): SourceLocation {
    const e = name === undefined ? undefined : entry(this.body, name);
    return at(this.file, e?.key ?? this.pos);
  }

  here(): SourceLocation {
    return at(this.file, this.pos);
  }

  entry(name: string): TfEntry | undefined {
    return entry(this.body, name);
  }

  /**
   * A nested block (`environment { ... }`) or, when only written as
   * `dynamic "environment" { content { ... } }`, the dynamic block's content.
   */
  block(name: string): TfNode | undefined {
    return this.blocks(name)[0] ?? this.dynamicBlock(name);
  }

  blocks(name: string): TfNode[] {
    const list = this.json[name];
    if (!Array.isArray(list)) return [];
    const located = blocks(this.body, name);
    return list
      .filter((item): item is Record<string, unknown> => isObject(item))
      .map((item, i) => {
        const e = located[i];
        return new TfNode(this.file, item, e?.body, e?.key ?? this.pos);
      });
  }

  private dynamicBlock(name: string): TfNode | undefined {
    const dynamic = this.json.dynamic;
    if (!isObject(dynamic)) return undefined;
    const list = dynamic[name];
    if (!Array.isArray(list) || !isObject(list[0])) return undefined;
    const content = list[0].content;
    if (!Array.isArray(content) || !isObject(content[0])) return undefined;
    const located = this.body?.entries.find((e) => e.block && e.name === 'dynamic' && e.labels[0] === name);
    const contentEntry = located ? entry(located.body, 'content') : undefined;
    return new TfNode(this.file, content[0], contentEntry?.body, contentEntry?.key ?? located?.key ?? this.pos);
  }

  /** An attribute whose value is an object constructor (`variables = { A = "b" }`). */
  object(name: string): TfNode | undefined {
    const value = this.json[name];
    if (!isObject(value)) return undefined;
    const e = entry(this.body, name);
    return new TfNode(this.file, value, e?.body, e?.key ?? this.pos);
  }

  /** Entries of an object value, each as a node when it is itself an object. */
  children(): Array<{ key: string; raw: unknown; loc: SourceLocation; node?: TfNode }> {
    // Source order where the locator saw the keys; the parser's JSON is sorted by key.
    const order = new Map((this.body?.entries ?? []).map((e, i) => [e.name, i] as const));
    const keys = Object.keys(this.json).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
    return keys.map((key) => {
      const e = entry(this.body, key);
      const raw = this.json[key];
      const pos = e?.key ?? this.pos;
      return {
        key,
        raw,
        loc: at(this.file, pos),
        node: isObject(raw) ? new TfNode(this.file, raw, e?.body, pos) : undefined,
      };
    });
  }

  /** Location of the i-th element of a list attribute, or of the attribute. */
  itemLoc(name: string, index: number): SourceLocation {
    const e = entry(this.body, name);
    const item = e?.items?.[index];
    return at(this.file, item?.pos ?? e?.key ?? this.pos);
  }
}

export function at(file: string, pos: TfPos): SourceLocation {
  return { file, line: pos.line, column: pos.column };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
