/**
 * Building blocks shared by the grammar-aware generators: names (ASCII, unicode, hostile),
 * numbers written the ways config files write them (and the ways they should not), and
 * text mutations that keep most of a valid file and break one thing (truncation, a lost
 * line, a stray token, another line ending, a BOM).
 */
import fc from 'fast-check';

/** Logical ids / names the generators reuse, so references (`!Ref Fn1`, `aws_sqs_queue.q1`) often hit. */
export const ID_POOL = ['Fn1', 'Fn2', 'Queue1', 'Queue2', 'Param1', 'Table1', 'Api1', 'Logs1', 'Fönktion', '函数', 'a-b_c'] as const;

/** Names that break naive code: prototype keys, empty, spaces, dots, interpolation, unicode. */
const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  'a/b',
  '${x}',
  '$ref',
  '-',
  '0',
  '1e3',
  'null',
  'true',
  'ünïcödé',
  'функция',
  '🦄λ',
  'ｆｕｌｌｗｉｄｔｈ',
  '\u202Eevil',
  'zero\u200Bwidth',
  'x'.repeat(300),
];

export const plainName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);

/** A name: mostly ordinary, sometimes from the pool, sometimes unicode or hostile. */
export const anyName: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: plainName, weight: 5 },
  { arbitrary: fc.constantFrom(...ID_POOL), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_NAMES), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), weight: 1 },
);

/** Text of a number as it can be written in YAML / HCL / TS source: valid, huge, odd or not a number at all. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1000 }).map(String), weight: 6 },
  { arbitrary: fc.constantFrom('3', '30', '60', '128', '900', '901', '1024', '10240', '0', '-1', '29'), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '9007199254740993',
      '1e400',
      '-1e400',
      '1e-400',
      '123456789012345678901234567890',
      '0.5',
      '-0',
      '1.7976931348623157e308',
      '0x1F',
      '0o17',
      '1_000',
    ),
    weight: 2,
  },
  { arbitrary: fc.double({ noNaN: false }).map(String), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String), weight: 1 },
);

/** Where a number is expected, text that is sometimes not a number. */
export const wrongNumberText: fc.Arbitrary<string> = fc.constantFrom('.inf', '-.inf', '.nan', 'NaN', 'Infinity', 'thirty', '"30"', "'30'", 'true', 'null', '~', '[]', '{}', '[30]', '{ a: 1 }', '""');

export const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs16.x', 'nodejs12.x', 'nodejs24.x', 'python3.12', 'python2.7', 'java21', 'provided.al2', 'go1.x', 'nodejs', ''] as const;

export interface Mutation {
  /** Line-oriented formats: the tokens a stray insertion picks from. */
  tokens: readonly string[];
}

const UNICODE_NOISE = ['\u2028', '\u2029', '\u200B', '\u202E', '\uD800', '\uDFFF', '\u00A0', '\u0085', '\t', '\r', '\uFEFF', '𝟘', 'é', 'e\u0301'];

type Op =
  | { op: 'truncate'; at: number }
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'delete-chars'; at: number; n: number }
  | { op: 'replace-number'; at: number; by: string };

function opArb(tokens: readonly string[]): fc.Arbitrary<Op> {
  const pos = fc.nat({ max: 1_000_000 });
  return fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), at: pos }),
    fc.record({ op: fc.constant('delete-line' as const), at: pos }),
    fc.record({ op: fc.constant('duplicate-line' as const), at: pos }),
    fc.record({ op: fc.constant('swap-lines' as const), a: pos, b: pos }),
    fc.record({ op: fc.constant('indent' as const), at: pos, by: fc.integer({ min: -4, max: 6 }) }),
    fc.record({ op: fc.constant('insert' as const), at: pos, token: fc.oneof({ arbitrary: fc.constantFrom(...tokens), weight: 4 }, { arbitrary: fc.constantFrom(...UNICODE_NOISE), weight: 1 }) }),
    fc.record({ op: fc.constant('delete-chars' as const), at: pos, n: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ op: fc.constant('replace-number' as const), at: pos, by: fc.oneof(numberText, wrongNumberText) }),
  );
}

function applyOp(text: string, op: Op): string {
  const lines = text.split('\n');
  const line = (at: number): number => at % Math.max(1, lines.length);
  switch (op.op) {
    case 'truncate':
      return text.slice(0, op.at % (text.length + 1));
    case 'delete-line':
      lines.splice(line(op.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = line(op.at);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = line(op.a);
      const b = line(op.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(op.at);
      lines[i] = op.by >= 0 ? ' '.repeat(op.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-op.by}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + op.token + text.slice(at);
    }
    case 'delete-chars': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + op.n);
    }
    case 'replace-number': {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const m = numbers[op.at % numbers.length];
      return text.slice(0, m.index) + op.by + text.slice(m.index! + m[0].length);
    }
  }
}

export type LineEnding = 'lf' | 'crlf' | 'cr';

/** Line endings and BOM: the text a Windows editor or an odd tool would save. */
export function encodeText(text: string, ending: LineEnding, bom: boolean): string {
  const withEnding = ending === 'lf' ? text : text.replace(/\n/g, ending === 'crlf' ? '\r\n' : '\r');
  return bom ? `\uFEFF${withEnding}` : withEnding;
}

export const lineEndingArb = fc.oneof(
  { arbitrary: fc.constant<LineEnding>('lf'), weight: 6 },
  { arbitrary: fc.constant<LineEnding>('crlf'), weight: 2 },
  { arbitrary: fc.constant<LineEnding>('cr'), weight: 1 },
);

/**
 * A valid text from `base`, then (in about half the cases) 1-3 mutations, another line ending
 * and sometimes a BOM. The result records what was done, so a counterexample reads clearly.
 */
export function mutated(base: fc.Arbitrary<string>, tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.oneof({ arbitrary: fc.constant<Op[]>([]), weight: 3 }, { arbitrary: fc.array(opArb(tokens), { minLength: 1, maxLength: 3 }), weight: 2 }),
      lineEndingArb,
      fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
    )
    .map(([text, ops, ending, bom]) => encodeText(ops.reduce(applyOp, text), ending, bom));
}

/** `n` levels of `open`/`close` around `inner`: deep nesting (recursion limits). */
export function nest(open: string, close: string, n: number, inner: string): string {
  return open.repeat(n) + inner + close.repeat(n);
}

export const depthArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 4 },
  { arbitrary: fc.integer({ min: 100, max: 3000 }), weight: 1 },
);

/** Up to `max` of the named fields, in a random order: a sparse record (keeps inputs small and fast). */
export function someOf<T>(fields: Record<string, fc.Arbitrary<T>>, max: number, min = 0): fc.Arbitrary<Array<[string, T]>> {
  const keys = Object.keys(fields);
  return fc
    .shuffledSubarray(keys, { minLength: Math.min(min, keys.length), maxLength: Math.min(max, keys.length) })
    .chain((chosen) => fc.tuple(...chosen.map((key) => fields[key].map((value): [string, T] => [key, value]))));
}
