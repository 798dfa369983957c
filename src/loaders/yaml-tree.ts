/**
 * A small positioned value tree for YAML and JSON config files.
 *
 * Plain `scalar` / `seq` / `map` nodes that each carry the `SourceLocation` they were written at.
 * CloudFormation short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become their long forms
 * (`{ Ref: X }`, `{ 'Fn::GetAtt': [A, B] }`), so loaders see one shape.
 *
 * Two paths give the same tree. The fast one composes with js-yaml (yaml-tree/fast-path.ts);
 * whatever it does not reproduce exactly, and every file with a syntax error, goes through
 * `yaml` (JSON too, so positions are kept), converted here. `yaml` is loaded only then: loading
 * it costs tens of milliseconds, which a run over valid files is spared.
 *
 * Parse problems never throw: they become `parse-error` diagnostics.
 */
import { createRequire } from 'node:module';
import type { CST, Document, LineCounter, Node as YamlAstNode, ParsedNode, YAMLError } from 'yaml';
import type * as YamlModule from 'yaml';
import type { LoadDiagnostic, Reference, SourceLocation } from '../model/index.js';
import { parseYamlFast } from './yaml-tree/fast-path.js';
import { applyShortFormTag, startAtShortFormTag } from './yaml-tree/short-forms.js';
import { indentQuotedContinuations } from './yaml-tree/quoted-continuations.js';

let yamlModule: typeof YamlModule | undefined;

/** The `yaml` package, loaded on first use. */
function yamlLib(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

export interface YScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  loc: SourceLocation;
}

export interface YSeq {
  kind: 'seq';
  items: YNode[];
  loc: SourceLocation;
  /** Short-form tag this node was written with (`!If`), for messages. */
  tag?: string;
}

export interface YPair {
  key: string;
  keyLoc: SourceLocation;
  value: YNode;
}

export interface YMap {
  kind: 'map';
  pairs: YPair[];
  loc: SourceLocation;
  /** Short-form tag this intrinsic was written with (`!Ref`), for messages. */
  tag?: string;
}

/** Never produced by the parser: resolvers (serverless variables) put it where a value is unknowable. */
export interface YRef {
  kind: 'ref';
  ref: Reference;
  loc: SourceLocation;
}

export type YNode = YScalar | YSeq | YMap | YRef;

export interface ParsedYaml {
  /** One root per non-empty document (`---` separated), in source order. */
  documents: YNode[];
  diagnostics: LoadDiagnostic[];
  /** Keys written twice in one map (the last value wins, as in CloudFormation). */
  duplicateKeys?: DuplicateKey[];
}

export interface DuplicateKey {
  key: string;
  /** The later key, whose value is kept. */
  loc: SourceLocation;
  /** The earlier key, whose value is dropped. */
  firstLoc: SourceLocation;
  /** Both values are the same text: nothing is lost. */
  identical: boolean;
}

export interface ParseYamlOptions {
  /** yaml's own alias-count limit. Default: none, since aliases are bounded by their expanded size (MAX_ALIAS_EXPANSION). */
  maxAliasCount?: number;
  /** Larger files are not parsed. Default 10 MiB (CloudFormation's own limit is 1 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Characters that YAML aliases may add to a document once expanded (README "Limits"). Rules walk
 * the expanded tree, so this bounds their work too; anchors shared by a few hundred functions
 * (environment blocks, policies) stay far below it.
 */
export const MAX_ALIAS_EXPANSION = 2_000_000;

/** Size of a tree with every alias expanded (scalar and key characters, plus one per node), in time linear in its distinct nodes. */
function expandedSize(root: YNode): number {
  const sizes = new Map<YNode, number>();
  const size = (node: YNode): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (node.kind === 'scalar') total += typeof node.value === 'string' ? node.value.length : 1;
    else if (node.kind === 'seq') for (const item of node.items) total += size(item);
    else if (node.kind === 'map') for (const pair of node.pairs) total += pair.key.length + size(pair.value);
    sizes.set(node, total);
    return total;
  };
  return size(root);
}

/** Key of a one-key map that is a CloudFormation intrinsic (`Ref`, `Fn::Sub`, `Condition`). */
export function intrinsicName(node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const key = node.pairs[0].key;
  if (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')) return key;
  return undefined;
}

function diagnostic(file: string, message: string, line = 1, column = 1): LoadDiagnostic {
  return { ruleId: 'parse-error', message, loc: { file, line, column } };
}

/** First line of a yaml error, without yaml's own " at line X, column Y:" suffix. */
function errorReason(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** Position of the first NUL byte or U+FFFD (what invalid UTF-8 decodes to), or -1. */
function binaryOffset(text: string): number {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul < 0) return bad;
  if (bad < 0) return nul;
  return Math.min(nul, bad);
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse YAML or JSON text into positioned trees, one per document.
 * Syntax errors and duplicate keys become diagnostics (each duplicate key is
 * reported; for other errors only the first, since the rest usually follow
 * from it). Whatever parsed is still returned.
 */
export function parseYaml(file: string, text: string, options: ParseYamlOptions = {}): ParsedYaml {
  const rejected = rejectInput(file, text, options);
  if (rejected) return rejected;
  // Too deep a file is reported by the `yaml` path; js-yaml never sees it.
  if (nestingOffset(text, MAX_NESTING_DEPTH) === undefined) {
    const parsed = parseYamlFast(file, text);
    if (parsed) return parsed;
  }
  return parseWithYaml(file, text, options);
}

/** @internal The `yaml`-based path alone, as `parseYaml` takes it when the fast path declines (for tests). */
export function parseYamlFallback(file: string, text: string, options: ParseYamlOptions = {}): ParsedYaml {
  return rejectInput(file, text, options) ?? parseWithYaml(file, text, options);
}

/** @internal The js-yaml fast path alone, or undefined where it declines (for tests). */
export { parseYamlFast };

/** Files too large, or not text: one diagnostic, nothing parsed. */
function rejectInput(file: string, text: string, options: ParseYamlOptions): ParsedYaml | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // String length in UTF-16 units is a lower bound of the byte size; good enough as a guard.
  if (text.length > maxBytes) {
    return { documents: [], diagnostics: [diagnostic(file, `file too large to parse (${text.length} characters, limit ${maxBytes})`)] };
  }
  const bad = binaryOffset(text);
  if (bad >= 0) {
    const { line, column } = lineColumnAt(text, bad);
    const what = text.charCodeAt(bad) === 0 ? 'NUL byte' : 'invalid UTF-8';
    return { documents: [], diagnostics: [diagnostic(file, `not a text file (${what})`, line, column)] };
  }
  return undefined;
}

function parseWithYaml(file: string, text: string, options: ParseYamlOptions): ParsedYaml {
  const diagnostics: LoadDiagnostic[] = [];
  let lineCounter: LineCounter;
  let docs: Array<Document.Parsed>;
  try {
    ({ docs, lineCounter } = parseLenient(text));
  } catch (error) {
    const at = error instanceof ParseAbort ? lineColumnAt(text, error.offset) : { line: 1, column: 1 };
    diagnostics.push(diagnostic(file, error instanceof ParseAbort ? error.message : `cannot parse: ${(error as Error).message}`, at.line, at.column));
    return { documents: [], diagnostics };
  }

  const documents: YNode[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  let reportedSyntax = false;
  for (const doc of docs) {
    for (const error of doc.errors) {
      const pos = error.linePos?.[0];
      const line = pos?.line ?? 1;
      const column = pos?.col ?? 1;
      if (!reportedSyntax) {
        reportedSyntax = true;
        diagnostics.push(diagnostic(file, errorReason(error), line, column));
      }
    }
    if (doc.contents === null) continue;
    const converter = new Converter(file, doc, lineCounter, text);
    const root = converter.convert(doc.contents as ParsedNode);
    if (converter.aliasCount > 0) {
      // Counted by what the aliases expand to, not how many there are: one large anchor aliased
      // 200 times passed a count of aliases and took minutes and gigabytes to walk.
      const expanded = expandedSize(root);
      if (expanded > text.length + MAX_ALIAS_EXPANSION) {
        const loc = root.loc;
        diagnostics.push(
          diagnostic(file, `too many YAML aliases: they expand the document past ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} characters beyond its own size, so it is not read`, loc.line, loc.column),
        );
        continue;
      }
      // Then yaml's own checks (merge keys, alias loops), now bounded by the expanded size.
      try {
        doc.toJS({ maxAliasCount: options.maxAliasCount ?? -1 });
      } catch (error) {
        const loc = root.loc;
        diagnostics.push(
          diagnostic(file, `${/Excessive alias count/.test((error as Error).message) ? 'too many YAML aliases' : 'invalid YAML alias or merge key'}: ${(error as Error).message}`, loc.line, loc.column),
        );
        continue;
      }
    }
    documents.push(root);
    duplicateKeys.push(...converter.duplicates);
  }
  return duplicateKeys.length > 0 ? { documents, diagnostics, duplicateKeys } : { documents, diagnostics };
}

const FLOW_INDENT = /^Flow (map|sequence) in block collection must be sufficiently indented/;
const MAX_INDENT_RETRIES = 8;
const MISSING_QUOTE = /^Missing closing .?quote/;

/**
 * Parse; when the only trouble is a multi-line flow collection whose closing
 * line is indented no deeper than its key (`Key: [{` ... `}]`), which YAML 1.2
 * rejects but PyYAML (SAM CLI, cfn-lint, CloudFormation) accepts, indent those
 * lines and parse again. Inside a flow collection leading spaces carry no
 * meaning, and line numbers stay the same.
 */
function parseLenient(text: string): { docs: Array<Document.Parsed>; lineCounter: LineCounter } {
  let current = text;
  let quotesIndented = false;
  for (let attempt = 0; ; attempt++) {
    const lineCounter = new (yamlLib().LineCounter)();
    const docs = parseDocuments(current, lineCounter);
    const lines = new Set<number>();
    let missingQuote = false;
    for (const doc of docs) {
      for (const error of doc.errors) {
        if (error.code === 'BAD_INDENT' && FLOW_INDENT.test(error.message) && error.linePos) lines.add(error.linePos[0].line);
        if (error.code === 'MISSING_CHAR' && MISSING_QUOTE.test(error.message)) missingQuote = true;
      }
    }
    // Quoted scalars continued below their key's indentation (PyYAML accepts them): once.
    if (missingQuote && !quotesIndented && attempt < MAX_INDENT_RETRIES) {
      quotesIndented = true;
      const indented = indentQuotedContinuations(current);
      if (indented !== current) {
        current = indented;
        continue;
      }
    }
    if (lines.size === 0 || attempt >= MAX_INDENT_RETRIES) {
      return attempt === 0 || lines.size === 0 ? { docs, lineCounter } : parseLenientGiveUp(quotesIndented ? indentQuotedContinuations(text) : text);
    }
    const split = current.split('\n');
    for (const line of lines) split[line - 1] = `  ${split[line - 1]}`;
    current = split.join('\n');
  }
}

function parseLenientGiveUp(text: string): { docs: Array<Document.Parsed>; lineCounter: LineCounter } {
  const lineCounter = new (yamlLib().LineCounter)();
  return { docs: parseDocuments(text, lineCounter), lineCounter };
}

/** Deeper nesting is not composed: yaml composes (and this module converts) recursively. */
export const MAX_NESTING_DEPTH = 200;
/** Past this many errors a file is given up on: yaml builds an error object per stray token, so a 5 MB file of `]` took minutes and gigabytes. */
export const MAX_SYNTAX_ERRORS = 1000;

class ParseAbort extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * yaml's `parseAllDocuments`, bounded: the CST (built without recursion) is checked for nesting
 * depth before composing (a 10,000-level `- - - ...` overflowed the stack, and once aborted the
 * process inside V8's regexp compiler), composing stops at `MAX_SYNTAX_ERRORS`, and error
 * positions come from the line counter (`prettyErrors` re-scans the error's line per error:
 * quadratic on a long line).
 */
/**
 * yaml creates an error object for every warning, and CloudFormation's short-form tags (`!Ref`, ...)
 * are each an "unresolved tag" warning: capturing a stack trace for each was a third of the parse
 * time. The warnings are read for their code and position only, so no stack is captured.
 */
function parseDocuments(text: string, lineCounter: LineCounter): Array<Document.Parsed> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocumentsWithStacks(text, lineCounter);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseDocumentsWithStacks(text: string, lineCounter: LineCounter): Array<Document.Parsed> {
  const tooDeep = (offset: number): ParseAbort => new ParseAbort(`nested deeper than ${MAX_NESTING_DEPTH} levels: not read`, offset);
  // yaml's syntax tree costs about 1 KB per level: 5 MB of `[` took 4 GB before any check could run.
  const estimated = nestingOffset(text, MAX_NESTING_DEPTH);
  if (estimated !== undefined) throw tooDeep(estimated);
  let errors = 0;
  let first = 0;
  const countError = (offset: number): void => {
    if (errors === 0) first = offset;
    if (++errors > MAX_SYNTAX_ERRORS) throw new ParseAbort(`more than ${MAX_SYNTAX_ERRORS} syntax errors: not read as YAML (the first is here)`, first);
  };
  const tokens: CST.Token[] = [];
  const { Composer, Parser } = yamlLib();
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type === 'error') countError(token.offset);
    tokens.push(token);
  }
  const deep = deepestOffset(tokens, MAX_NESTING_DEPTH);
  if (deep !== undefined) throw tooDeep(deep);
  // Duplicate keys are found by the converter, with a map; yaml's own check compares each key with
  // every earlier one (a 30,000-key map took 12 s), and counted each duplicate as a syntax error.
  const composer = new Composer({ merge: true, uniqueKeys: false });
  // `onError` is private in yaml's types but read from the instance on every call.
  const internals = composer as unknown as { onError: (source: unknown, code: string, message: string, warning?: boolean) => void };
  const report = internals.onError;
  internals.onError = (source, code, message, warning) => {
    if (!warning) countError(errorOffset(source));
    report(source, code, message, warning);
  };
  const docs = Array.from(composer.compose(tokens, true, text.length)) as Array<Document.Parsed>;
  for (const doc of docs) {
    for (const error of doc.errors) error.linePos ??= [lineCounter.linePos(error.pos[0]), lineCounter.linePos(error.pos[1])];
  }
  return docs;
}

function errorOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source) && typeof source[0] === 'number') return source[0];
  const offset = (source as { offset?: unknown } | null)?.offset;
  return typeof offset === 'number' ? offset : 0;
}

/**
 * Where a cheap upper estimate of the nesting passes `limit`, without parsing: flow brackets
 * outside comments, plus the block indicators that open a level each on one line (`- - -`,
 * `? ? `, properties between them skipped). Nesting by indentation is left to `deepestOffset`:
 * it costs a line per level, so a 5 MB file cannot build a large tree with it.
 */
function nestingOffset(text: string, limit: number): number | undefined {
  let flow = 0;
  let lineLevels = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Past a line's start, only line breaks, brackets and comments change anything (most characters).
    if (!lineStart && (c >= 128 || NESTING_CHARACTERS[c] === 0)) continue;
    if (c === 0x0a || c === 0x0d) {
      lineStart = true;
      lineLevels = 0;
    } else if (c === 0x23 && (i === 0 || isWhiteSpace(text.charCodeAt(i - 1)))) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a && text.charCodeAt(i + 1) !== 0x0d) i++;
    } else if ((c === 0x22 || c === 0x27) && startsQuoted(text, i)) {
      // A quoted scalar closed on the same line is text: its brackets are not nesting. (One
      // left open is counted as before: a multi-line string is rare, an estimate may count high.)
      const end = quotedEnd(text, i);
      if (end >= 0) i = end;
      lineStart = false;
    } else if (c === 0x5b || c === 0x7b) {
      flow++;
      lineStart = false;
    } else if (c === 0x5d || c === 0x7d) {
      if (flow > 0) flow--;
      lineStart = false;
    } else if (lineStart && (c === 0x2d || c === 0x3f) && (i + 1 === text.length || isWhiteSpace(text.charCodeAt(i + 1)))) {
      lineLevels++;
    } else if (lineStart && (c === 0x26 || c === 0x21)) {
      while (i + 1 < text.length && !isWhiteSpace(text.charCodeAt(i + 1))) i++;
    } else if (c !== 0x20 && c !== 0x09) {
      lineStart = false;
    }
    if (flow + lineLevels > limit) return i;
  }
  return undefined;
}

/** Line breaks, `#`, `[`, `]`, `{`, `}` and quotes: the characters `nestingOffset` looks at past a line's start. */
const NESTING_CHARACTERS = new Uint8Array(128);
for (const c of '\n\r#[]{}"\'') NESTING_CHARACTERS[c.charCodeAt(0)] = 1;

/** A quote that YAML reads as the start of a quoted scalar: first on its line or after a space or an indicator. */
function startsQuoted(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return isWhiteSpace(before) || before === 0x3a || before === 0x2c || before === 0x5b || before === 0x7b || before === 0x2d || before === 0x3f;
}

/** Offset of the quote closing the one at `i` on the same line, or -1 (`\\"` escapes in double quotes, `''` in single). */
function quotedEnd(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) return -1;
    if (quote === 0x22 && c === 0x5c) j++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27) j++;
      else return j;
    }
  }
  return -1;
}

/** What `/\s/` matches, for one UTF-16 code unit. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Offset of the first CST token nested deeper than `limit` levels, or undefined. */
function deepestOffset(tokens: CST.Token[], limit: number): number | undefined {
  const stack: Array<{ token: CST.Token | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (depth > limit) return token.offset;
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if ('items' in token && Array.isArray(token.items)) {
      for (const item of token.items as CST.CollectionItem[]) {
        stack.push({ token: item.key ?? undefined, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

class Converter {
  aliasCount = 0;
  readonly duplicates: DuplicateKey[] = [];
  /** Converted anchors: an alias shares the converted node (no expansion here). */
  private readonly done = new Map<YamlAstNode, YNode>();
  private readonly inProgress = new Set<YamlAstNode>();
  private anchors: Map<string, YamlAstNode[]> | undefined;

  constructor(
    private readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  /**
   * The node an alias stands for: the last anchor of that name before it, as yaml's
   * `Alias#resolve` finds it. That walks the whole document per alias (200 aliases in a 1.5 MB
   * template took minutes); the anchors are listed once here instead.
   */
  private anchored(alias: YamlModule.Alias): YamlAstNode | undefined {
    if (!this.anchors) {
      const anchors = new Map<string, YamlAstNode[]>();
      yamlLib().visit(this.doc, {
        Node: (_, node) => {
          const name = (node as { anchor?: string }).anchor;
          if (!name || yamlLib().isAlias(node)) return;
          const list = anchors.get(name);
          if (list) list.push(node as YamlAstNode);
          else anchors.set(name, [node as YamlAstNode]);
        },
      });
      this.anchors = anchors;
    }
    const start = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    // In document order: the last one starting before the alias, by binary search.
    const candidates = this.anchors.get(alias.source) ?? [];
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((candidates[mid].range?.[0] ?? 0) < start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? candidates[lo - 1] : undefined;
  }

  loc(range: [number, number, number] | null | undefined): SourceLocation {
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(end);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  convert(node: YamlAstNode | null | undefined, fallbackLoc?: SourceLocation): YNode {
    if (node === null || node === undefined) {
      return { kind: 'scalar', value: null, loc: fallbackLoc ?? { file: this.file, line: 1, column: 1 } };
    }
    if (yamlLib().isAlias(node)) {
      this.aliasCount++;
      const target = this.anchored(node);
      if (!target || this.inProgress.has(target)) {
        return { kind: 'scalar', value: null, loc: this.loc(node.range) };
      }
      return this.convert(target);
    }
    const cached = this.done.get(node);
    if (cached) return cached;
    this.inProgress.add(node);
    const result = this.convertUncached(node, fallbackLoc);
    this.inProgress.delete(node);
    this.done.set(node, result);
    return result;
  }

  private convertUncached(node: YamlAstNode, fallbackLoc?: SourceLocation): YNode {
    const { isMap, isScalar, isSeq } = yamlLib();
    const loc = node.range ? this.loc(this.withTag(node)) : fallbackLoc ?? { file: this.file, line: 1, column: 1 };
    let value: YNode;
    if (isScalar(node)) {
      const v: unknown = node.value;
      let scalar: YScalar['value'];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') scalar = v;
      else if (v === null || v === undefined) scalar = null;
      else scalar = String(v);
      value = { kind: 'scalar', value: scalar, loc };
    } else if (isSeq(node)) {
      value = { kind: 'seq', items: node.items.map((item) => this.convert(item as YamlAstNode, loc)), loc };
    } else if (isMap(node)) {
      value = this.convertMap(node.items, loc);
    } else {
      value = { kind: 'scalar', value: null, loc };
    }
    return applyShortFormTag(node.tag, value);
  }

  /** A node's range, starting at its short-form tag (`!Ref X` starts at `!`), which yaml leaves out. */
  private withTag(node: YamlAstNode): [number, number, number] {
    const range = node.range!;
    return [startAtShortFormTag(this.text, node.tag, range[0]), range[1], range[2]];
  }

  private convertMap(items: unknown[], loc: SourceLocation): YMap {
    const { isPair, isScalar } = yamlLib();
    const explicit: Array<YPair | undefined> = [];
    const positions = new Map<string, number>();
    const merged: YPair[] = [];
    const valueText = new Map<string, string>();
    for (const item of items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as YamlAstNode | null;
      const keyLoc = keyNode && 'range' in keyNode && keyNode.range ? this.loc(keyNode.range) : loc;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // `<<: *base` / `<<: [*a, *b]` merge keys.
        this.collectMerge(item.value as YamlAstNode, merged);
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value ?? '') : keyNode ? this.keyText(keyNode) : '';
      const value = this.convert(item.value as YamlAstNode, keyLoc);
      // The last duplicate wins, as in CloudFormation and JSON; each duplicate is recorded (found by
      // a map: a search per key was quadratic on maps of thousands of keys).
      const text = this.sourceText(item.value as YamlAstNode | null);
      const existing = positions.get(key);
      if (existing !== undefined) {
        this.duplicates.push({ key, loc: keyLoc, firstLoc: explicit[existing]!.keyLoc, identical: valueText.get(key) === text });
        explicit[existing] = undefined;
      }
      positions.set(key, explicit.length);
      valueText.set(key, text);
      explicit.push({ key, keyLoc, value });
    }
    const kept = explicit.filter((pair): pair is YPair => pair !== undefined);
    if (merged.length === 0) return { kind: 'map', pairs: kept, loc };
    const keys = new Set(kept.map((p) => p.key));
    const pairs = [...kept];
    for (const pair of merged) {
      if (keys.has(pair.key)) continue;
      keys.add(pair.key);
      pairs.push(pair);
    }
    return { kind: 'map', pairs, loc };
  }

  /** The source text of a value, to tell identical duplicates from conflicting ones. */
  private sourceText(node: YamlAstNode | null): string {
    if (!node || !('range' in node) || !node.range) return '';
    const [start, end] = this.withTag(node);
    return this.text.slice(start, end).trim();
  }

  /**
   * A collection used as a key: yaml's own rendering (JSON), or the source text when rendering
   * throws (an invalid `<<` merge inside) or when the key holds collection keys itself: yaml
   * renders each such level as JSON inside JSON, doubling its length per level (30 levels of
   * `? ? ?`, 60 bytes, took 5 seconds and 1.5 GB before failing).
   */
  private keyText(keyNode: YamlAstNode): string {
    const source = (): string => (keyNode.range ? this.text.slice(keyNode.range[0], keyNode.range[1]) : '');
    if (holdsCollectionKey(keyNode)) return source();
    try {
      return String(keyNode);
    } catch {
      return source();
    }
  }

  private collectMerge(node: YamlAstNode | null, into: YPair[]): void {
    if (!node) return;
    const sources = yamlLib().isSeq(node) ? (node.items as YamlAstNode[]) : [node];
    for (const source of sources) {
      const converted = this.convert(source);
      if (converted.kind === 'map') into.push(...converted.pairs);
    }
  }

}

/** Whether a node holds, at any depth, a pair whose key is a collection. */
function holdsCollectionKey(node: YamlAstNode): boolean {
  const { isCollection, visit } = yamlLib();
  let found = false;
  visit(node, {
    Pair: (_, pair) => {
      if (!isCollection(pair.key)) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

// ---------------------------------------------------------------------------
// Accessors

export function isYMap(node: YNode | undefined): node is YMap {
  return node?.kind === 'map';
}
export function isYSeq(node: YNode | undefined): node is YSeq {
  return node?.kind === 'seq';
}

/** The pair for `key` in a map node (last one wins), or undefined. */
export function pairOf(node: YNode | undefined, key: string): YPair | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (let i = node.pairs.length - 1; i >= 0; i--) if (node.pairs[i].key === key) return node.pairs[i];
  return undefined;
}

export function get(node: YNode | undefined, key: string): YNode | undefined {
  return pairOf(node, key)?.value;
}

export function getPath(node: YNode | undefined, ...keys: string[]): YNode | undefined {
  let current = node;
  for (const key of keys) current = get(current, key);
  return current;
}

/** Scalar as a string (numbers and booleans stringified); undefined for null, maps, sequences. */
export function scalarString(node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Scalar as a finite number; numeric strings (`"30"`) count, as CloudFormation accepts them. */
export function scalarNumber(node: YNode | undefined): number | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return Number.isFinite(node.value) ? node.value : undefined;
  if (typeof node.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(node.value)) return Number(node.value);
  return undefined;
}

export function scalarBoolean(node: YNode | undefined): boolean | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value === 'string') {
    const v = node.value.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Location of a `key: value` pair: starts at the key, ends where the value ends. */
export function pairLoc(pair: YPair): SourceLocation {
  const loc: SourceLocation = { file: pair.keyLoc.file, line: pair.keyLoc.line, column: pair.keyLoc.column };
  const end = pair.value.loc;
  // An alias (`key: *anchor`) shares the anchored node's location, which may lie before the key.
  const after = end.endLine !== undefined && (end.endLine > loc.line || (end.endLine === loc.line && (end.endColumn ?? 0) >= loc.column));
  if (end.file === loc.file && after) {
    loc.endLine = end.endLine;
    loc.endColumn = end.endColumn;
  } else if (pair.keyLoc.endLine !== undefined) {
    loc.endLine = pair.keyLoc.endLine;
    loc.endColumn = pair.keyLoc.endColumn;
  }
  return loc;
}

/** Start of a location only (for "the function is defined here"). */
export function startOf(loc: SourceLocation): SourceLocation {
  return { file: loc.file, line: loc.line, column: loc.column };
}

const MAX_TEXT = 200;

/** Compact text of a node for messages: `!Ref Table`, `!GetAtt Queue.Arn`, `${ssm:/x}`. */
export function nodeText(node: YNode | undefined): string {
  const text = renderNode(node, 0);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function renderNode(node: YNode | undefined, depth: number): string {
  if (!node) return '';
  if (depth > 6) return '…';
  switch (node.kind) {
    case 'scalar':
      return node.value === null ? 'null' : String(node.value);
    case 'ref':
      return node.ref.text;
    case 'seq':
      return `[${node.items.map((i) => renderNode(i, depth + 1)).join(', ')}]`;
    case 'map': {
      const fn = intrinsicName(node);
      if (fn) {
        const arg = node.pairs[0].value;
        const short = fn === 'Ref' || fn === 'Condition' ? `!${fn}` : `!${fn.slice(4)}`;
        if (fn === 'Fn::GetAtt' && arg.kind === 'seq' && arg.items.every((i) => i.kind === 'scalar')) {
          return `!GetAtt ${arg.items.map((i) => renderNode(i, depth + 1)).join('.')}`;
        }
        return `${short} ${renderNode(arg, depth + 1)}`;
      }
      return `{ ${node.pairs.map((p) => `${p.key}: ${renderNode(p.value, depth + 1)}`).join(', ')} }`;
    }
  }
}
