import { UsageError } from './errors.js';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** A parsed JSON document that can say where each value (and each object key) was written. */
export interface JsonSource {
  value: unknown;
  /** Position of the value at a JSON pointer (`/rules/no-x/0`, as ajv's `instancePath`). */
  valueAt(pointer: string): Position | undefined;
  /** Position of the key of the member at a JSON pointer; the value's position for array items and the root. */
  keyAt(pointer: string): Position | undefined;
}

/** RFC 6901 escaping of one reference token. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Strict JSON (RFC 8259) with positions, so that a config or baseline error can name `file:line:col`.
 * Syntax errors and duplicate keys are `UsageError`s. Never evaluates anything: data only.
 */
export function parseJsonSource(text: string, file: string): JsonSource {
  return new Parser(text, file).parseDocument();
}

/** Deeper JSON is refused (the parser recurses per level; a config is a few levels deep). */
const MAX_JSON_DEPTH = 64;

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly lineStarts: number[] = [0];
  private readonly values = new Map<string, number>();
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  parseDocument(): JsonSource {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file is empty; write a JSON object, for example {}', this.pos);
    const value = this.parseValue('');
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe(this.pos)} after the end of the JSON value`, this.pos);
    return {
      value,
      valueAt: (pointer) => this.at(this.values.get(pointer)),
      keyAt: (pointer) => this.at(this.keys.get(pointer) ?? this.values.get(pointer)),
    };
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private at(offset: number | undefined): Position | undefined {
    return offset === undefined ? undefined : this.position(offset);
  }

  private fail(message: string, offset: number): never {
    const { line, column } = this.position(offset);
    throw new UsageError(`invalid JSON: ${message}`, { file: this.file, line, column });
  }

  private describe(offset: number): string {
    if (offset >= this.text.length) return 'end of file';
    const ch = this.text[offset];
    if (ch === '/' && (this.text[offset + 1] === '/' || this.text[offset + 1] === '*')) return 'comment (JSON has no comments)';
    return `character ${JSON.stringify(ch)}`;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private parseValue(pointer: string): unknown {
    this.values.set(pointer, this.pos);
    const ch0 = this.text[this.pos];
    if ((ch0 === '{' || ch0 === '[') && ++this.depth > MAX_JSON_DEPTH) {
      this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels; a configuration or baseline is never that deep`, this.pos);
    }
    try {
      return this.parseValueAt(pointer);
    } finally {
      if (ch0 === '{' || ch0 === '[') this.depth--;
    }
  }

  private parseValueAt(pointer: string): unknown {
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject(pointer);
    if (ch === '[') return this.parseArray(pointer);
    if (ch === '"') return this.parseString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    if (ch === "'") this.fail("strings need double quotes, not single quotes", this.pos);
    return this.fail(`unexpected ${this.describe(this.pos)}, expected a value`, this.pos);
  }

  private parseObject(pointer: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const keyOffset = this.pos;
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail("trailing comma before '}'; JSON does not allow it, remove the comma", this.pos);
        this.fail(`unexpected ${this.describe(this.pos)}, expected a "quoted" property name`, this.pos);
      }
      const key = this.parseString();
      if (seen.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}; keep only one`, keyOffset);
      seen.add(key);
      const child = `${pointer}/${pointerToken(key)}`;
      this.keys.set(child, keyOffset);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.describe(this.pos)}, expected ':'`, this.pos);
      this.pos++;
      this.skipWhitespace();
      // defineProperty: a "__proto__" key is data, as with JSON.parse, never the prototype.
      Object.defineProperty(result, key, { value: this.parseValue(child), enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return result;
      if (next !== ',') this.fail(`unexpected ${this.describe(this.pos - 1)}, expected ',' or '}'`, this.pos - 1);
    }
  }

  private parseArray(pointer: string): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail("trailing comma before ']'; JSON does not allow it, remove the comma", this.pos);
      result.push(this.parseValue(`${pointer}/${result.length}`));
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return result;
      if (next !== ',') this.fail(`unexpected ${this.describe(this.pos - 1)}, expected ',' or ']'`, this.pos - 1);
    }
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string', start);
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('unescaped control character (a line break?) in a string', this.pos);
      if (c === 0x5c) {
        out += this.text.slice(chunk, this.pos);
        const esc = this.text[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          this.pos += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          this.fail(`invalid escape sequence in a string`, this.pos);
        }
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private parseNumber(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail(`invalid number`, this.pos);
    this.pos += match[0].length;
    return Number(match[0]);
  }
}
