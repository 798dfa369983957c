/**
 * Source positions for Terraform files.
 *
 * Values come from a real HCL2 parser (`@cdktf/hcl2json`, HashiCorp's hcl
 * library compiled to WASM), which gives no positions. This module only
 * LOCATES: it walks the text once, skipping strings, heredocs, comments and
 * bracketed expressions, and records where each block header, attribute key,
 * object-constructor key and list element starts. It never decides what a
 * value is; the loader reads values from the parser's JSON and asks the
 * locator for the line.
 *
 * Limits (documented in the loader): keys written as parenthesised
 * expressions `(var.k) = 1` are not recorded; for-expressions
 * `{ for k, v in x : k => v }` are skipped as opaque values; when the text
 * is not valid HCL the locator stops at the first place it cannot follow
 * and returns what it has (the parser's diagnostic is what users see).
 */

export interface TfPos {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A block (`resource "a" "b" { }`), an attribute (`key = value`) or an object key (`KEY = "v"` / `KEY: "v"`). */
export interface TfEntry {
  name: string;
  labels: string[];
  block: boolean;
  /** Where the key (or block type) starts. */
  key: TfPos;
  /** Where the value starts (attributes only). */
  value?: TfPos;
  /** Body of a block, or of an object-constructor value `{ ... }`. */
  body?: TfBody;
  /** Elements of a list value `[ ... ]`. */
  items?: TfItem[];
}

export interface TfItem {
  pos: TfPos;
  body?: TfBody;
}

export interface TfBody {
  open: TfPos;
  entries: TfEntry[];
}

const MAX_DEPTH = 100;
const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

/** Walks `text` and returns the top-level body with every nested body it could follow. */
export function locateHcl(text: string): TfBody {
  return new Scanner(text).run();
}

/** First entry named `name` (attribute or block). */
export function entry(body: TfBody | undefined, name: string): TfEntry | undefined {
  return body?.entries.find((e) => e.name === name);
}

/** Every block named `name`, in source order. */
export function blocks(body: TfBody | undefined, name: string): TfEntry[] {
  return body ? body.entries.filter((e) => e.block && e.name === name) : [];
}

/** The top-level block `type "label1" "label2"`. */
export function findBlock(body: TfBody, type: string, labels: string[]): TfEntry | undefined {
  let index = blockIndexes.get(body);
  if (!index) {
    // Built once per body: a search per block was quadratic (16,000 blocks took 32 s).
    index = new Map();
    for (const e of body.entries) {
      const key = blockKey(e.name, e.labels);
      if (e.block && !index.has(key)) index.set(key, e);
    }
    blockIndexes.set(body, index);
  }
  return index.get(blockKey(type, labels));
}

const blockIndexes = new WeakMap<TfBody, Map<string, TfEntry>>();
const entryOrders = new WeakMap<TfBody, Map<TfEntry, number>>();

/** Position of an entry in its body (built once per body, like the block index). */
export function entryOrder(body: TfBody, entry: TfEntry): number {
  let order = entryOrders.get(body);
  if (!order) {
    order = new Map(body.entries.map((e, i) => [e, i]));
    entryOrders.set(body, order);
  }
  return order.get(entry) ?? -1;
}

function blockKey(type: string, labels: readonly string[]): string {
  return JSON.stringify([type, ...labels]);
}

class Scanner {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  run(): TfBody {
    const open = this.at(0);
    try {
      return { open, entries: this.body(0, '') };
    } catch {
      // Defensive only: the scanner stops on anything it cannot follow.
      return { open, entries: [] };
    }
  }

  private at(offset: number): TfPos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private cur(): string {
    return this.text[this.pos] ?? '';
  }

  /** Entries of a block body or object constructor, up to the matching `close` (or EOF). */
  private body(depth: number, close: string): TfEntry[] {
    const entries: TfEntry[] = [];
    if (depth > MAX_DEPTH) {
      this.skipBalanced(close);
      return entries;
    }
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.text.length) return entries;
      if (this.cur() === close) {
        this.pos++;
        return entries;
      }
      if (this.cur() === ',') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const name = this.readKey();
      if (name === undefined) {
        // Not a key we can name (`(expr) = v`, `for` expression...): skip one item.
        this.skipExpression(close, depth);
        if (this.pos === start) this.pos++;
        continue;
      }
      const key = this.at(start);
      const labels: string[] = [];
      for (;;) {
        this.skipTrivia(false);
        if (this.cur() === '"') {
          const label = this.readQuoted();
          labels.push(label);
          continue;
        }
        if (IDENT_START.test(this.cur())) {
          labels.push(this.readIdent());
          continue;
        }
        break;
      }
      this.skipTrivia(false);
      if (this.cur() === '{') {
        const open = this.at(this.pos);
        this.pos++;
        entries.push({ name, labels, block: true, key, body: { open, entries: this.body(depth + 1, '}') } });
        continue;
      }
      if ((this.cur() === '=' && this.text[this.pos + 1] !== '=' && this.text[this.pos + 1] !== '>') || this.cur() === ':') {
        this.pos++;
        this.skipTrivia(false);
        const entryValue: TfEntry = { name, labels, block: false, key, value: this.at(this.pos) };
        if (this.cur() === '{') {
          const open = this.at(this.pos);
          this.pos++;
          entryValue.body = { open, entries: this.body(depth + 1, '}') };
          this.skipExpression(close, depth);
        } else if (this.cur() === '[') {
          this.pos++;
          entryValue.items = this.list(depth + 1);
          this.skipExpression(close, depth);
        } else {
          this.skipExpression(close, depth);
        }
        entries.push(entryValue);
        continue;
      }
      // Something else (a bare expression in a list-like object, or broken text): move on.
      this.skipExpression(close, depth);
      if (this.pos === start) this.pos++;
    }
  }

  private list(depth: number): TfItem[] {
    const items: TfItem[] = [];
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.text.length) return items;
      if (this.cur() === ']') {
        this.pos++;
        return items;
      }
      if (this.cur() === ',') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const item: TfItem = { pos: this.at(start) };
      if (this.cur() === '{' && depth <= MAX_DEPTH) {
        const open = this.at(this.pos);
        this.pos++;
        item.body = { open, entries: this.body(depth + 1, '}') };
      }
      this.skipExpression(']', depth, true);
      items.push(item);
      if (this.pos === start) this.pos++;
    }
  }

  private readKey(): string | undefined {
    if (this.cur() === '"') return this.readQuoted();
    if (IDENT_START.test(this.cur())) {
      const ident = this.readIdent();
      // `for` expressions are opaque values, not keys.
      return ident === 'for' ? undefined : ident;
    }
    return undefined;
  }

  private readIdent(): string {
    const start = this.pos;
    while (this.pos < this.text.length && IDENT_CHAR.test(this.cur())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A quoted string's raw text (escapes kept, interpolations skipped over). */
  private readQuoted(): string {
    const start = this.pos + 1;
    this.skipString();
    return this.text.slice(start, Math.max(start, this.pos - 1));
  }

  /** Whitespace and comments; newlines too when `newlines`. */
  private skipTrivia(newlines: boolean): void {
    for (;;) {
      const c = this.cur();
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) {
        this.pos++;
      } else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) {
        while (this.pos < this.text.length && this.cur() !== '\n') this.pos++;
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else {
        return;
      }
    }
  }

  /**
   * Skips the rest of an expression: up to a newline, `,` or the container's
   * closing character at bracket depth 0 (not consumed).
   */
  private skipExpression(close: string, _depth: number, inList = false): void {
    let nesting = 0;
    while (this.pos < this.text.length) {
      const c = this.cur();
      if (nesting === 0 && (c === close || c === ',' || (c === '\n' && !inList))) return;
      if (c === '"') this.skipString();
      else if (c === '<' && this.text[this.pos + 1] === '<' && this.isHeredocStart()) this.skipHeredoc();
      else if (c === '#' || (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*'))) this.skipTrivia(false);
      else if (c === '(' || c === '[' || c === '{') {
        nesting++;
        this.pos++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (nesting === 0) return; // unbalanced: let the caller deal with it
        nesting--;
        this.pos++;
      } else this.pos++;
    }
  }

  /** Skips to the character that closes the current container (used past the depth bound). */
  private skipBalanced(close: string): void {
    this.skipExpression(close, 0, true);
    if (this.cur() === close) this.pos++;
  }

  private isHeredocStart(): boolean {
    return /^<<-?[A-Za-z_][A-Za-z0-9_]*[ \t]*\r?\n/.test(this.text.slice(this.pos, this.pos + 80));
  }

  private skipHeredoc(): void {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.pos, this.pos + 80));
    if (!m) {
      this.pos += 2;
      return;
    }
    const marker = m[1];
    let lineEnd = this.text.indexOf('\n', this.pos);
    while (lineEnd >= 0) {
      const next = this.text.indexOf('\n', lineEnd + 1);
      const line = this.text.slice(lineEnd + 1, next < 0 ? this.text.length : next);
      if (line.trim() === marker) {
        this.pos = lineEnd + 1 + line.indexOf(marker) + marker.length;
        return;
      }
      lineEnd = next;
    }
    this.pos = this.text.length;
  }

  /** Skips a quoted string including `${ }` / `%{ }` template sequences (which may hold strings). */
  private skipString(): void {
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const c = this.cur();
      if (c === '\\') {
        this.pos += 2;
      } else if (c === '"') {
        this.pos++;
        return;
      } else if (c === '\n') {
        return; // unterminated on this line: HCL strings are single-line
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === c && this.text[this.pos + 2] === '{') {
        this.pos += 3; // `$${` / `%%{` escapes
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        this.pos += 2;
        this.skipTemplateSequence();
      } else {
        this.pos++;
      }
    }
  }

  private skipTemplateSequence(): void {
    let nesting = 0;
    while (this.pos < this.text.length) {
      const c = this.cur();
      if (c === '"') this.skipString();
      else if (c === '{') {
        nesting++;
        this.pos++;
      } else if (c === '}') {
        this.pos++;
        if (nesting === 0) return;
        nesting--;
      } else this.pos++;
    }
  }
}
