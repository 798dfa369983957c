/**
 * The fast path of `parseYaml`: js-yaml composes the documents (several times faster than `yaml`
 * from a cold start), and its undocumented but long-standing `listener` option reports where each
 * node opens and closes. From those events this module builds the same positioned tree the
 * `yaml`-based path builds: same values (YAML 1.2 core schema), same ranges (including where
 * `yaml` ends a block collection: after the comments it keeps), same duplicate-key diagnostics.
 *
 * It only has to be right on input it accepts: whenever the text steps outside what it reproduces
 * exactly (aliases, merge keys, explicit `?` keys, complex keys, directives, tabs in block
 * indentation, anything js-yaml warns about or rejects, ...), `parseYamlFast` returns undefined
 * and the caller takes the `yaml` path, which also reports syntax errors.
 */
import { loadAll, Schema, Type, type LoadOptions } from 'js-yaml';
import type { LoadDiagnostic, SourceLocation } from '../../model/index.js';
import type { ParsedYaml, YNode, YPair, YScalar } from '../yaml-tree.js';
import { resolveCorePlainScalar, type CoreScalar } from './core-scalars.js';
import { LineIndex } from './line-index.js';
import { applyShortFormTag, startAtShortFormTag } from './short-forms.js';
import {
  absorbIndentedComments,
  blockScalarEnd,
  endOfLine,
  endOfValueLine,
  hasComment,
  indentationTabs,
  isWhiteSpaceOrBreak,
  leadingSpaces,
  lineStartOf,
  nextToken,
  skipBlanks,
  trimBack,
  tokensAfterTightComments,
  trivia,
  yamlIndent,
  type Trivia,
} from './source-scan.js';

/**
 * Local tags (`!Ref`, `!Sub`, any `!Name`) are kept as written, of every kind; no other tag is
 * known (`!!str` and the like make js-yaml throw, so they take the `yaml` path), and no implicit
 * type either: plain scalars stay strings and are resolved here by `yaml`'s core-schema rules.
 */
const SCHEMA = new Schema({
  explicit: (['scalar', 'sequence', 'mapping'] as const).map((kind) => new Type('!', { kind, multi: true, construct: (data: unknown) => data })),
});

/** js-yaml's own nesting guard: deeper documents take the `yaml` path, which has its own limit. */
const MAX_DEPTH = 100;

/** `yaml` rejects implicit keys longer than 1024 characters; long keys take the `yaml` path. */
const MAX_IMPLICIT_KEY = 1000;

/** Above this many pairs, a mapping looks keys up in a set rather than scanning its pairs. */
const SMALL_MAPPING = 8;

const HASH = 0x23;
const QUESTION = 0x3f;

/** What js-yaml's state holds when the listener runs (its published types leave most of it out). */
interface ComposeState {
  position: number;
  kind: 'scalar' | 'mapping' | 'sequence' | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

/** Thrown to stop js-yaml as soon as the input is known to need the `yaml` path. */
const NEEDS_FALLBACK = new Error('needs the yaml path');

function needsFallback(): never {
  throw NEEDS_FALLBACK;
}

type Form = 'open' | 'plain' | 'quoted' | 'block-scalar' | 'empty' | 'flow' | 'block';

/**
 * A node as js-yaml composes it: opened (gathering its children), then closed as a scalar, an
 * empty node or a collection. One shape for every form (allocated once per node, and fast for V8);
 * the fields a form does not use keep their defaults.
 */
class Composed {
  form: Form = 'open';
  children: Composed[] | undefined = undefined;
  /** `yaml`'s `range[0]`: the content, after tag and anchor. */
  start = -1;
  /** `yaml`'s `range[1]`. */
  end = -1;
  /** Local tag (`!Ref`), or `!`. */
  tag: string | undefined = undefined;
  /** A scalar's value as `yaml` resolves it (any tag gives a string); an empty node's: null, or '' when tagged. */
  value: CoreScalar = null;
  /** Empty node: end of its properties, when it has any. */
  propsEnd: number | undefined = undefined;
  /** Empty node: whether a comment comes before its properties. */
  commentBeforeProps = false;
  /** Collection: its kind and items. */
  kind: 'seq' | 'map' = 'seq';
  items: YNode[] | YPair[] = NO_ITEMS;
  /** Collection: js-yaml's constructed value, which identifies a node passed through unchanged by a wrapper. */
  result: unknown = undefined;
  /** Block collection: `yaml`'s `range[2]`, past trailing comments it keeps. */
  trailEnd = -1;
  /** Block collection: trailing comment lines it did not keep, for its parent to weigh. */
  pending: Trivia | undefined = undefined;
  /** Block collection: its last item. */
  lastItem: Composed | undefined = undefined;

  constructor(
    /** Where js-yaml opened the node (before separation space and properties). */
    readonly open: number,
  ) {}
}

const NO_ITEMS: YNode[] = [];
const NO_CHILDREN: Composed[] = [];

/** How a child sits in its parent: decides an empty node's position and a block scalar's indent. */
type Role = 'block-value' | 'flow-value' | 'item' | 'flow-item' | 'root';

interface OrderedDiagnostic {
  order: number;
  diagnostic: LoadDiagnostic;
}

/**
 * Parse with js-yaml and rebuild `yaml`'s tree, or return undefined when the `yaml` path must
 * decide (invalid input, or a construct this path does not reproduce exactly).
 */
export function parseYamlFast(file: string, text: string): ParsedYaml | undefined {
  if (!isCandidate(text)) return undefined;
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const builder = new TreeBuilder(file, text, base);
  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    json: true,
    maxDepth: MAX_DEPTH,
    listener: (event, state) => builder.onEvent(event, state as unknown as ComposeState),
    onWarning: needsFallback,
  };
  try {
    loadAll(base ? text.slice(base) : text, null, options);
    return builder.finish();
  } catch {
    return undefined;
  }
}

/**
 * Input the fast path never takes: directives (`%YAML 1.1` changes the schema), carriage returns
 * not followed by a line feed (js-yaml reads a line break, `yaml` does not), byte-order marks
 * other than one leading the text, and that one before a `-`.
 */
function isCandidate(text: string): boolean {
  if (text.charCodeAt(0) === 0x25 || text.includes('\n%')) return false;
  // After a byte-order mark, `yaml` does not see a block sequence's `-` as an indicator; one
  // further on is a token of its own to `yaml`, text to js-yaml.
  if ((text.charCodeAt(0) === 0xfeff && text.charCodeAt(1) === 0x2d) || text.indexOf('\ufeff', 1) >= 0) return false;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return false;
  }
  // js-yaml starts a document at `---` whatever follows; `yaml` (and YAML) only before white space.
  for (let at = text.indexOf('---'); at >= 0; at = text.indexOf('---', at + 3)) {
    if (isAtLineStart(text, at) && at + 3 < text.length && !isWhiteSpaceOrBreak(text.charCodeAt(at + 3))) return false;
  }
  // js-yaml reads on after `... ` on the same line; `yaml` takes only a comment there.
  for (let at = text.indexOf('...'); at >= 0; at = text.indexOf('...', at + 3)) {
    if (!isAtLineStart(text, at) || (at + 3 < text.length && !isWhiteSpaceOrBreak(text.charCodeAt(at + 3)))) continue;
    const rest = skipBlanks(text, at + 3);
    if (rest < text.length && text.charCodeAt(rest) !== HASH && !isWhiteSpaceOrBreak(text.charCodeAt(rest))) return false;
  }
  return true;
}

function isAtLineStart(text: string, at: number): boolean {
  return at === 0 || text.charCodeAt(at - 1) === 0x0a || (at === 1 && text.charCodeAt(0) === 0xfeff);
}

class TreeBuilder {
  private readonly stack: Composed[] = [];
  private readonly roots: Composed[] = [];
  private readonly diagnostics: OrderedDiagnostic[] = [];
  private readonly lines: LineIndex;
  /** Tabs in indentation: `yaml` accepts them only inside flow collections and quoted scalars. */
  private readonly tabs: number[];
  /** Ranges of flow collections and quoted scalars, when there are tabs to place. */
  private readonly tabFriendly: Array<[number, number]> = [];
  /** Where a value must not start: after a `#note` comment line (see `tokensAfterTightComments`). */
  private readonly afterTightComments: Set<number>;

  constructor(
    private readonly file: string,
    private readonly text: string,
    /** 1 when a byte-order mark was cut off before js-yaml: its positions are one short. */
    private readonly base: number,
  ) {
    this.lines = new LineIndex(file, text);
    this.tabs = indentationTabs(text);
    this.afterTightComments = tokensAfterTightComments(text);
  }

  onEvent(event: 'open' | 'close', state: ComposeState): void {
    if (event === 'open') {
      this.stack.push(new Composed(state.position + this.base));
      return;
    }
    const node = this.close(this.stack.pop()!, state);
    const parent = this.stack[this.stack.length - 1];
    if (!parent) this.roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }

  finish(): ParsedYaml {
    if (this.tabs.length > 0) this.checkTabs();
    const documents: YNode[] = [];
    for (const root of this.roots) {
      const node = this.rootNode(root);
      if (node) documents.push(node);
    }
    const diagnostics = this.diagnostics.sort((a, b) => a.order - b.order).map((d) => d.diagnostic);
    return { documents, diagnostics };
  }

  // -------------------------------------------------------------------------
  // Nodes, as each closes

  private close(node: Composed, state: ComposeState): Composed {
    const tag = state.tag === null || state.tag === '?' ? undefined : state.tag;
    switch (state.kind) {
      case 'scalar':
        return this.scalar(node, state, tag);
      case 'sequence':
      case 'mapping':
        return this.collection(node, state, tag);
      default:
        return this.empty(node, state, tag);
    }
  }

  private scalar(node: Composed, state: ComposeState, tag: string | undefined): Composed {
    if (typeof state.result !== 'string') needsFallback();
    const text = this.text;
    const start = this.contentStart(node.open, state, tag);
    const first = text.charCodeAt(start);
    node.start = start;
    node.tag = tag;
    node.value = state.result;
    if (first === 0x22 || first === 0x27) {
      node.form = 'quoted';
      node.end = trimBack(text, this.closePosition(state), start);
      if (text.charCodeAt(node.end) === HASH) needsFallback();
      this.allowTabsIn(start, node.end);
    } else if (first === 0x7c || first === 0x3e) {
      // Its end depends on the parent's indent: set when the parent closes.
      node.form = 'block-scalar';
    } else {
      // An alias, or properties js-yaml read differently.
      if (first === 0x2a || first === 0x21 || first === 0x26 || first === HASH) needsFallback();
      node.form = 'plain';
      node.end = trimBack(text, this.closePosition(state), start);
      if (tag === undefined) node.value = resolveCorePlainScalar(state.result);
    }
    return node;
  }

  private empty(node: Composed, state: ComposeState, tag: string | undefined): Composed {
    // An alias leaves no kind, only the anchored value. Properties js-yaml does not report are
    // the next node's, or ones it dropped (a failed nested key clears them).
    const next = this.text.charCodeAt(nextToken(this.text, node.open));
    if (state.result !== null || next === 0x2a) needsFallback();
    if (tag === undefined && state.anchor === null && (next === 0x21 || next === 0x26)) needsFallback();
    node.form = 'empty';
    node.tag = tag;
    // An empty node with a tag is an empty string to `yaml`; without, null.
    node.value = tag === undefined ? null : '';
    if (tag !== undefined || state.anchor !== null) {
      const props = this.properties(node.open, state, tag);
      node.propsEnd = props.end;
      node.commentBeforeProps = props.commentBefore;
    }
    return node;
  }

  private collection(node: Composed, state: ComposeState, tag: string | undefined): Composed {
    const children = node.children ?? NO_CHILDREN;
    if (children.length === 1) {
      const only = children[0];
      // A flow collection read as a would-be key (`Key:\n  [a, b]`), then kept as the value.
      if (only.form === 'flow' && only.result === state.result) {
        if (only.tag !== undefined && tag !== undefined) needsFallback();
        if (tag !== undefined) only.tag = tag;
        return only;
      }
    }
    // The children become the items: let go of them (less for the garbage collector to copy).
    node.children = undefined;
    const isMapping = state.kind === 'mapping';
    const start = this.contentStart(node.open, state, tag);
    const first = this.text.charCodeAt(start);
    node.tag = tag;
    node.result = state.result;
    node.kind = isMapping ? 'map' : 'seq';
    if (!isMapping) {
      if (!Array.isArray(state.result)) needsFallback();
      node.start = start;
      if (first === 0x5b) return this.flowSequence(node, children, this.closePosition(state), state.result.length);
      if (first === 0x2d && state.result.length === children.length) return this.blockSequence(node, children);
      needsFallback();
    }
    if (first === 0x7b && (children.length === 0 || !isCollection(children[0]))) {
      node.start = start;
      return this.flowMap(node, children, this.closePosition(state));
    }
    return this.blockMap(node, children);
  }

  private closePosition(state: ComposeState): number {
    return Math.min(state.position + this.base, this.text.length);
  }

  /**
   * Where a node's content starts: after separation and its properties. (A block mapping without
   * properties of its own starts at its first key, whatever properties that key has.)
   */
  private contentStart(open: number, state: ComposeState, tag: string | undefined): number {
    if (tag === undefined && state.anchor === null) {
      const code = this.text.charCodeAt(open);
      return isWhiteSpaceOrBreak(code) || code === HASH ? nextToken(this.text, open) : open;
    }
    return this.properties(open, state, tag).contentStart;
  }

  /**
   * A node's properties (`!Tag`, `&anchor`) from where js-yaml opened it, read as js-yaml reads
   * them (after a line break, a second tag or anchor of a mapping is its first key's; anything else
   * on several lines takes the `yaml` path); they must agree with what js-yaml reports.
   */
  private properties(open: number, state: ComposeState, tag: string | undefined): { contentStart: number; end: number | undefined; commentBefore: boolean } {
    const nestedKeyMayFollow = state.kind === 'mapping';
    const text = this.text;
    let at = nextToken(text, open);
    const commentBefore = hasComment(text, open, at);
    let newline = false;
    let foundTag: string | undefined;
    let anchor = false;
    let end: number | undefined;
    for (;;) {
      const ch = text.charCodeAt(at);
      if (ch !== 0x21 && ch !== 0x26) break;
      // After a line break, a second tag or anchor is the first key's; other properties on
      // several lines take the `yaml` path.
      if (end !== undefined && newline) {
        if (nestedKeyMayFollow && ((ch === 0x21 && foundTag !== undefined) || (ch === 0x26 && anchor))) break;
        needsFallback();
      }
      if (ch === 0x21) {
        if (foundTag !== undefined) needsFallback();
        end = tokenEnd(text, at, isWhiteSpaceOrBreak);
        foundTag = text.slice(at, end);
      } else {
        if (anchor) needsFallback();
        end = tokenEnd(text, at, isAnchorEnd);
        // `&x[1]`: `yaml` wants white space between an anchor and a flow collection, js-yaml does not.
        if (text.charCodeAt(end) === 0x5b || text.charCodeAt(end) === 0x7b) needsFallback();
        anchor = true;
      }
      at = nextToken(text, end);
      newline = text.slice(end, at).includes('\n');
    }
    if (foundTag !== undefined && !isPlainLocalTag(foundTag)) needsFallback();
    if (foundTag !== tag || anchor !== (state.anchor !== null)) needsFallback();
    return { contentStart: at, end, commentBefore };
  }

  // -------------------------------------------------------------------------
  // Collections

  private flowSequence(node: Composed, children: Composed[], close: number, length: number): Composed {
    const text = this.text;
    const items: YNode[] = [];
    for (let i = 0; i < children.length; ) {
      if (this.isExplicitKeyInFlow(children[i])) needsFallback();
      const colon = nextToken(text, children[i].end);
      if (text.charCodeAt(colon) === 0x3a && i + 1 < children.length) {
        items.push(this.flowSequencePair(children[i], children[i + 1], colon));
        i += 2;
      } else {
        items.push(this.valueNode(children[i], 'flow-item', -1));
        i += 1;
      }
    }
    if (items.length !== length) needsFallback();
    node.items = items;
    return this.finishFlow(node, children, close);
  }

  /** `[a, Ref: X]`: a one-pair mapping, from its key to its value. */
  private flowSequencePair(keyNode: Composed, valueNode: Composed, colon: number): YNode {
    const key = asKey(keyNode);
    if (this.isExplicitKeyInFlow(key) || colon - key.start > MAX_IMPLICIT_KEY) needsFallback();
    const value = this.valueNode(valueNode, 'flow-value', colon + 1);
    const pair: YPair = { key: keyText(key), keyLoc: this.location(key.start, key.end), value };
    return { kind: 'map', pairs: [pair], loc: this.location(key.start, valueNode.end) };
  }

  private flowMap(node: Composed, children: Composed[], close: number): Composed {
    const text = this.text;
    const pairs = new PairCollector();
    for (let i = 0; i < children.length; ) {
      const key = asKey(children[i]);
      if (this.isExplicitKeyInFlow(key)) needsFallback();
      const keyLoc = this.location(key.start, key.end);
      const colon = nextToken(text, key.end);
      let value: YNode;
      let pairEnd = key.end;
      if (text.charCodeAt(colon) === 0x3a) {
        const valueNode = i + 1 < children.length ? children[i + 1] : needsFallback();
        value = this.valueNode(valueNode, 'flow-value', colon + 1);
        pairEnd = valueNode.end;
        i += 2;
      } else {
        // `{ a, b: 1 }`: a key without a value is null, placed at the key.
        value = { kind: 'scalar', value: null, loc: keyLoc };
        i += 1;
      }
      // `yaml` checks a flow mapping's key after composing its value: ordered by the value's end.
      if (pairs.add({ key: keyText(key), keyLoc, value }, key.value)) this.duplicate(key.start, pairEnd);
    }
    // A key written twice: the `yaml` path records which duplicates conflict.
    if (pairs.repeated) needsFallback();
    node.items = pairs.pairs();
    return this.finishFlow(node, children, close);
  }

  private finishFlow(node: Composed, children: Composed[], close: number): Composed {
    const end = trimBack(this.text, close, node.start);
    if (this.text.charCodeAt(end) === HASH) needsFallback();
    this.checkFlowGaps(children, node.start, end);
    this.allowTabsIn(node.start, end);
    node.form = 'flow';
    node.end = node.trailEnd = end;
    return node;
  }

  private blockSequence(node: Composed, children: Composed[]): Composed {
    const indent = this.indentOf(node.start);
    node.items = children.map((child) => this.valueNode(child, 'item', indent));
    // `yaml` ends an empty last item (`- !Ref`) past comments before its `-` too.
    if (children[children.length - 1].form === 'empty') needsFallback();
    return this.finishBlock(node, children[children.length - 1], indent);
  }

  private blockMap(node: Composed, children: Composed[]): Composed {
    const text = this.text;
    let count = children.length;
    // A last key that read nothing is js-yaml looking for one more key where the mapping ends.
    if (count % 2 === 1) {
      const extra = children[count - 1];
      if (extra.form !== 'empty' || extra.propsEnd !== undefined || extra.tag !== undefined || text.charCodeAt(extra.open - 1) === QUESTION) needsFallback();
      count -= 1;
    }
    if (count === 0) needsFallback();
    node.start = asKey(children[0]).start;
    const indent = this.indentOf(node.start);
    const pairs = new PairCollector();
    for (let i = 0; i < count; i += 2) {
      const key = asKey(children[i]);
      if (text.charCodeAt(key.open - 1) === QUESTION || key.end - key.start > MAX_IMPLICIT_KEY) needsFallback();
      const valueNode = children[i + 1];
      // `key: !Tag nested: map` on one line: js-yaml reads a mapping, `yaml` rejects it.
      if (valueNode.form === 'block' && valueNode.kind === 'map' && !this.lineBreakBetween(key.start, valueNode.start)) needsFallback();
      const pair: YPair = { key: keyText(key), keyLoc: this.location(key.start, key.end), value: this.valueNode(valueNode, 'block-value', indent) };
      // `yaml` checks a block mapping's key before composing its value: ordered by the key.
      if (pairs.add(pair, key.value)) this.duplicate(i === 0 ? key.start : this.blockKeyReportedAt(key, children[i - 1]), key.start);
    }
    if (pairs.repeated) needsFallback();
    node.items = pairs.pairs();
    return this.finishBlock(node, children[count - 1], indent);
  }

  /**
   * Where `yaml` reports a block mapping key (a duplicate): where the tokens before the key start,
   * which is at the key, except after an empty value (`a:` then the key) that keeps the line
   * break and indentation before the key: then where that value ends. It does not keep them when
   * a comment follows it, when the key has properties, or when blank lines separate them from
   * an empty value of this mapping (`yaml` splits those off).
   */
  private blockKeyReportedAt(key: Composed, previousValue: Composed): number {
    const text = this.text;
    let last = previousValue;
    while (last.form === 'block' && last.lastItem) last = last.lastItem;
    if (last.form !== 'empty' || hasComment(text, last.end, key.start) || nextToken(text, key.open) !== key.start) return key.start;
    const lineBreaks = text.slice(last.end, key.start).split('\n').length - 1;
    return last === previousValue && lineBreaks >= 2 ? key.start : last.end;
  }

  /**
   * Where `yaml` ends a block collection: where its last item ends, counting what `yaml` attaches
   * to that item (the rest of its line, comment lines indented deeper). Comment lines after that
   * stay with the innermost collection indented no deeper than one of them, else move outwards.
   */
  private finishBlock(node: Composed, last: Composed, indent: number): Composed {
    const text = this.text;
    let end: number;
    let rest: Trivia | undefined;
    switch (last.form) {
      case 'block':
        end = last.trailEnd;
        rest = last.pending;
        break;
      case 'empty':
        end = this.emptyLastValueEnd(last, indent);
        rest = undefined;
        break;
      case 'block-scalar':
        end = last.end;
        rest = trivia(text, end);
        break;
      default: {
        const lineEnd = endOfValueLine(text, last.end);
        end = lineEnd === last.end ? lineEnd : absorbIndentedComments(text, lineEnd, indent);
        rest = trivia(text, end);
      }
    }
    const keeps = rest !== undefined && indent !== 0 && rest.maxCommentIndent >= indent;
    node.form = 'block';
    node.end = end;
    node.lastItem = last;
    node.trailEnd = keeps ? rest!.end : end;
    node.pending = keeps ? undefined : rest;
    return node;
  }

  /**
   * Where `yaml` ends an empty last value: it takes all that follows, up to the next content, when
   * a comment is among it (before its properties, or after). A `---` at the mapping's own indent
   * first gives back what follows the second line break (after the last properties or deeper
   * comment).
   */
  private emptyLastValueEnd(last: Composed, indent: number): number {
    const text = this.text;
    const next = nextToken(text, last.end);
    let end = next;
    if (indent === 0 && text.startsWith('---', next)) {
      const secondLineBreak = this.secondLineBreakAfterProperties(last.open, next, indent);
      if (secondLineBreak >= 0) end = secondLineBreak;
    }
    return last.commentBeforeProps || hasComment(text, last.end, end) ? end : last.end;
  }

  /** The `yaml` parser's split of an empty value's trailing tokens (`Parser.blockMap`): -1 when it keeps them all. */
  private secondLineBreakAfterProperties(from: number, to: number, indent: number): number {
    const text = this.text;
    const lineBreaks: number[] = [];
    for (let at = from; at < to; ) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x09) at++;
      else if (code === 0x0a || code === 0x0d) {
        lineBreaks.push(at);
        at += code === 0x0d ? 2 : 1;
      } else if (code === HASH) {
        const lineStart = lineStartOf(text, at);
        if (skipBlanks(text, lineStart) === at && leadingSpaces(text, lineStart) > indent) lineBreaks.length = 0;
        at = endOfLine(text, at);
      } else {
        lineBreaks.length = 0;
        at = tokenEnd(text, at, isWhiteSpaceOrBreak);
      }
    }
    return lineBreaks.length >= 2 ? lineBreaks[1] : -1;
  }

  /**
   * `yaml`'s indent of a block collection starting at `start`. Tabs in it, and a `---` before it
   * on its line (`yaml` rejects the collection), take the `yaml` path.
   */
  private indentOf(start: number): number {
    const text = this.text;
    const lineStart = lineStartOf(text, start);
    const indent = yamlIndent(text, lineStart, start);
    const lineContent = lineStart === 0 ? this.base : lineStart;
    if (indent < 0 || (text.startsWith('---', lineContent) && start > lineContent + 3)) needsFallback();
    return indent;
  }

  /** In a flow collection, a comment must follow white space (js-yaml also takes `[a,#c`). Children are placed by now. */
  private checkFlowGaps(children: Composed[], start: number, end: number): void {
    let from = start + 1;
    for (const child of children) {
      this.checkGap(from, child.open);
      from = child.end;
    }
    this.checkGap(from, end - 1);
  }

  private checkGap(from: number, to: number): void {
    const text = this.text;
    for (let at = from; at < to; at++) {
      if (text.charCodeAt(at) !== HASH) continue;
      if (!isWhiteSpaceOrBreak(text.charCodeAt(at - 1))) needsFallback();
      while (at < to && text.charCodeAt(at) !== 0x0a) at++;
    }
  }

  private isExplicitKeyInFlow(key: Composed): boolean {
    const before = trimBack(this.text, key.open, 0);
    return this.text.charCodeAt(before - 1) === QUESTION && isWhiteSpaceOrBreak(this.text.charCodeAt(before));
  }

  private lineBreakBetween(from: number, to: number): boolean {
    const newline = this.text.indexOf('\n', from);
    return newline >= 0 && newline < to;
  }

  /** Every indentation tab must be inside a flow collection or a quoted scalar. */
  private checkTabs(): void {
    const ranges = this.tabFriendly.sort((a, b) => a[0] - b[0]);
    let range = 0;
    let coveredUntil = -1;
    for (const tab of this.tabs) {
      while (range < ranges.length && ranges[range][0] < tab) coveredUntil = Math.max(coveredUntil, ranges[range++][1]);
      if (tab >= coveredUntil) needsFallback();
    }
  }

  private allowTabsIn(start: number, end: number): void {
    if (this.tabs.length > 0) this.tabFriendly.push([start, end]);
  }

  private duplicate(at: number, order: number): void {
    const { line, column } = this.lines.lineColumn(at);
    this.diagnostics.push({
      order,
      diagnostic: { ruleId: 'parse-error', message: 'duplicate key: Map keys must be unique', loc: { file: this.file, line, column } },
    });
  }

  // -------------------------------------------------------------------------
  // Values

  /** A child's YNode; `at` is the parent's indent (block value, item) or the end of the `:` (flow value). */
  private valueNode(node: Composed, role: Role, at: number): YNode {
    if (this.afterTightComments.size > 0 && node.form !== 'block' && this.afterTightComments.has(nextToken(this.text, node.open))) needsFallback();
    switch (node.form) {
      case 'flow':
      case 'block':
        return this.collectionNode(node);
      case 'empty':
        this.placeEmpty(node, role, at);
        return this.scalarNode(node);
      case 'block-scalar':
        this.placeBlockScalar(node, role, at);
        return this.scalarNode(node);
      default:
        return this.scalarNode(node);
    }
  }

  /**
   * `yaml` puts an empty node after its properties, or after its indicator, and the spaces that
   * follow; in a flow sequence, at the next token (`,` or `]`).
   */
  private placeEmpty(node: Composed, role: Role, at: number): void {
    let from: number;
    if (node.propsEnd !== undefined) from = node.propsEnd;
    else if (role === 'block-value') from = node.open;
    else if (role === 'flow-value') from = at;
    else needsFallback();
    node.start = node.end = role === 'flow-item' ? nextToken(this.text, from) : skipBlanks(this.text, from);
    // `[!Ref\n, a]`: `yaml` rejects a `,` on a later line than an empty item's properties.
    if (this.text.charCodeAt(node.start) === 0x2c && this.lineBreakBetween(from, node.start)) needsFallback();
  }

  private placeBlockScalar(node: Composed, role: Role, parentIndent: number): void {
    const text = this.text;
    // The `yaml` lexer's least indent for the content: one more than the parent's, 0 at the root
    // (where js-yaml takes the indent of the header's line instead).
    if (role !== 'root' && role !== 'block-value' && role !== 'item') needsFallback();
    if (role === 'root' && leadingSpaces(text, lineStartOf(text, node.start)) > 0) needsFallback();
    node.end = blockScalarEnd(text, node.start, role === 'root' ? 0 : parentIndent + 1);
    if (!this.isBlockScalarIndentClear(node, role)) needsFallback();
    // A last line of only blanks, without a line break: js-yaml adds one before reading and takes
    // it as a line of the block scalar, `yaml` does not.
    const lastLine = text.lastIndexOf('\n') + 1;
    if (node.end >= lastLine && lastLine < text.length && skipBlanks(text, lastLine) === text.length) needsFallback();
  }

  /**
   * Block scalar indentation both parsers read alike: no indentation indicator, no leading blank
   * line longer than the first content line (`yaml` rejects it, js-yaml takes its length as the
   * indent), no content at column 0 inside a collection (`yaml` rejects it).
   */
  private isBlockScalarIndentClear(node: Composed, role: Role): boolean {
    const text = this.text;
    // An indentation indicator (`|2`): js-yaml and `yaml` differ on blank lines longer than it.
    if (/^[|>][-+]?[1-9]/.test(text.slice(node.start, node.start + 3))) return false;
    let longestBlank = 0;
    for (let lineStart = text.indexOf('\n', node.start) + 1; lineStart > 0 && lineStart < node.end; lineStart = text.indexOf('\n', lineStart) + 1) {
      let at = lineStart;
      while (text.charCodeAt(at) === 0x20) at++;
      const code = text.charCodeAt(at);
      if (code === 0x0a || code === 0x0d || at >= text.length) {
        longestBlank = Math.max(longestBlank, at - lineStart);
        continue;
      }
      return longestBlank <= at - lineStart && (at > lineStart || role === 'root');
    }
    return true;
  }

  private scalarNode(node: Composed): YNode {
    const loc = this.location(startAtShortFormTag(this.text, node.tag, node.start), node.end);
    const scalar: YScalar = { kind: 'scalar', value: node.value, loc };
    return node.tag === undefined ? scalar : applyShortFormTag(node.tag, scalar);
  }

  private collectionNode(node: Composed): YNode {
    const loc = this.location(startAtShortFormTag(this.text, node.tag, node.start), node.end);
    const collection: YNode = node.kind === 'seq' ? { kind: 'seq', items: node.items as YNode[], loc } : { kind: 'map', pairs: node.items as YPair[], loc };
    return node.tag === undefined ? collection : applyShortFormTag(node.tag, collection);
  }

  private rootNode(root: Composed): YNode | undefined {
    if (root.form === 'empty' && root.propsEnd === undefined) {
      const at = this.emptyDocumentAt(root.open);
      if (at === undefined) return undefined;
      root.start = root.end = at;
      return this.scalarNode(root);
    }
    return this.valueNode(root, 'root', 0);
  }

  /**
   * An empty document: `yaml` has one after a `---` (null, just after the marker), none for text
   * that is only comments. js-yaml reports an empty document in both cases; anything else it
   * reads as empty takes the `yaml` path.
   */
  private emptyDocumentAt(open: number): number | undefined {
    const text = this.text;
    if (this.roots.length === 1 && nextToken(text, this.base) === text.length) return undefined;
    const marker = text.lastIndexOf('---', open - 1);
    const atLineStart = marker === this.base || text.charCodeAt(marker - 1) === 0x0a;
    if (marker < 0 || !atLineStart || !(marker + 3 >= text.length || isWhiteSpaceOrBreak(text.charCodeAt(marker + 3)))) needsFallback();
    if (nextToken(text, marker + 3) < Math.min(open, text.length)) needsFallback();
    return skipBlanks(text, marker + 3);
  }

  private location(start: number, end: number): SourceLocation {
    return this.lines.location(start, end);
  }
}

/** The pairs of one mapping: duplicates detected as `yaml` does, the last one kept as the converter does. */
class PairCollector {
  private readonly list: YPair[] = [];
  /** Resolved key values, in the order of `list`. */
  private readonly values: CoreScalar[] = [];
  /** Past a few pairs, the key texts and values seen, for constant-time lookups. */
  private texts: Set<string> | undefined;
  private valueSet: Set<CoreScalar> | undefined;
  /** A key text was seen twice. */
  repeated = false;

  /**
   * Add a pair; true when `yaml` reports its key as a duplicate: resolved values compared with
   * `===` (`1` and `1.0` are the same key, `1` and `"1"` are not, NaN never repeats). Equal
   * values have equal texts, so only a repeated text is looked at closer.
   */
  add(pair: YPair, value: CoreScalar): boolean {
    let duplicate = false;
    if (this.hasText(pair.key)) {
      this.repeated = true;
      duplicate = this.hasValue(value);
    }
    this.list.push(pair);
    this.values.push(value);
    if (this.texts && this.valueSet) {
      this.texts.add(pair.key);
      this.valueSet.add(value);
    } else if (this.list.length > SMALL_MAPPING) {
      this.texts = new Set(this.list.map((p) => p.key));
      this.valueSet = new Set(this.values);
    }
    return duplicate;
  }

  /** In source order; a key given twice (as text) keeps its last pair, at the last place. */
  pairs(): YPair[] {
    if (!this.repeated) return this.list;
    const last = new Map(this.list.map((pair) => [pair.key, pair]));
    return this.list.filter((pair) => last.get(pair.key) === pair);
  }

  private hasText(text: string): boolean {
    if (this.texts) return this.texts.has(text);
    for (const pair of this.list) if (pair.key === text) return true;
    return false;
  }

  /** `===` on values seen: a Set agrees with it (`0` and `-0` alike) except for NaN, never a duplicate. */
  private hasValue(value: CoreScalar): boolean {
    if (typeof value === 'number' && Number.isNaN(value)) return false;
    return this.valueSet ? this.valueSet.has(value) : this.values.includes(value);
  }
}

function isCollection(node: Composed): boolean {
  return node.form === 'flow' || node.form === 'block';
}

/** A mapping key must be a plain or quoted scalar here; `<<` (a merge key to `yaml`) takes the `yaml` path. */
function asKey(node: Composed): Composed {
  if ((node.form !== 'plain' && node.form !== 'quoted') || node.value === '<<') needsFallback();
  return node;
}

/** Keys keep their value, whatever the tag (`!Ref Name: x` has the key `Name`), as text. */
function keyText(key: Composed): string {
  return String(key.value ?? '');
}

function tokenEnd(text: string, at: number, isEnd: (code: number) => boolean): number {
  let end = at + 1;
  while (end < text.length && !isEnd(text.charCodeAt(end))) end++;
  return end;
}

/** Characters that end an anchor name: white space and flow indicators. */
function isAnchorEnd(code: number): boolean {
  return isWhiteSpaceOrBreak(code) || code === 0x2c || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}

/** A local tag (`!Name`) of characters `yaml` reads in a tag; js-yaml reads any up to white space. */
const PLAIN_LOCAL_TAG = /^!(?:[0-9A-Za-z\-#;/?:@&=+$_.~*'()])*$/;

function isPlainLocalTag(tag: string): boolean {
  return PLAIN_LOCAL_TAG.test(tag);
}
