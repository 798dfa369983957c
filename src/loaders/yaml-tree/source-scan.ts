/**
 * Small scanners over YAML source text, for what js-yaml does not report: where a node's
 * properties end, and where `yaml` ends a node (its comments, blank lines and block scalars).
 * They run on text js-yaml already accepted, so they only need to be right for valid YAML.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

export function isWhiteSpaceOrBreak(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/** Position after spaces and tabs. */
export function skipBlanks(text: string, at: number): number {
  while (isBlank(text.charCodeAt(at))) at++;
  return at;
}

/** Position before the spaces, tabs and line breaks that end at `at`. */
export function trimBack(text: string, at: number, floor: number): number {
  while (at > floor && isWhiteSpaceOrBreak(text.charCodeAt(at - 1))) at--;
  return at;
}

/** End of the line that `at` is on, before its line break. */
export function endOfLine(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  if (newline < 0) return text.length;
  return text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
}

/** Position after the line break at `at`, if there is one. */
function afterLineBreak(text: string, at: number): number {
  if (text.charCodeAt(at) === LF) return at + 1;
  if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) return at + 2;
  return at;
}

/** Number of spaces (not tabs) a line starts with: how `yaml` measures a comment's indent. */
export function leadingSpaces(text: string, lineStart: number): number {
  let at = lineStart;
  while (text.charCodeAt(at) === SPACE) at++;
  return at - lineStart;
}

export function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/**
 * `lineStartOf` for increasing positions, in time linear in the text: asked once per tab or `#`
 * of a long line, `lineStartOf` scanned back over the whole line each time (a 40 KB line of
 * tabs took 2 s, 300 KB minutes).
 */
function lineStartTracker(text: string): (at: number) => number {
  let lastAt = 0;
  let lineStart = 0;
  // The first line break at or after lastAt, found once per line: searching for it on every call
  // scanned to the end of a long last line each time.
  let nextBreak = text.indexOf('\n');
  return (at) => {
    if (at < lastAt) return lineStartOf(text, at);
    if (nextBreak >= 0 && nextBreak < at) {
      lineStart = text.lastIndexOf('\n', at - 1) + 1;
      nextBreak = text.indexOf('\n', at);
    }
    lastAt = at;
    return lineStart;
  };
}

/** First position from `at` that is not white space, a line break or a comment. */
export function nextToken(text: string, at: number): number {
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === SPACE || code === TAB || code === LF || code === CR) at++;
    else if (code === HASH) at = endOfLine(text, at);
    else return at;
  }
}

/** Whether white space and comments from `from` to `to` hold a comment. */
export function hasComment(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === HASH) return true;
  return false;
}

/** Comment lines after a block collection's content: where they end, and the deepest one's indent. */
export interface Trivia {
  end: number;
  maxCommentIndent: number;
}

/** The blank and comment lines from `at` (a line start) to the next token; undefined without comments. */
export function trivia(text: string, at: number): Trivia | undefined {
  let maxCommentIndent = -1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === SPACE || code === TAB || code === LF || code === CR) at++;
    else if (code === HASH) {
      const lineStart = lineStartOf(text, at);
      if (skipBlanks(text, lineStart) === at) maxCommentIndent = Math.max(maxCommentIndent, leadingSpaces(text, lineStart));
      at = endOfLine(text, at);
    } else break;
  }
  return maxCommentIndent < 0 ? undefined : { end: at, maxCommentIndent };
}

/** End of a line's trailing blanks and comment, after its line break: where `yaml` ends a flow value in a block. */
export function endOfValueLine(text: string, at: number): number {
  at = skipBlanks(text, at);
  if (text.charCodeAt(at) === HASH) at = endOfLine(text, at);
  return afterLineBreak(text, at);
}

/**
 * After a flow value that ends a line in a block collection, `yaml` keeps the comment lines that
 * follow when they are indented more than the collection (blank lines between them included).
 */
export function absorbIndentedComments(text: string, at: number, collectionIndent: number): number {
  let scan = at;
  for (;;) {
    const lineStart = scan;
    const first = skipBlanks(text, lineStart);
    const code = text.charCodeAt(first);
    if (code === LF || code === CR) {
      scan = afterLineBreak(text, first);
      if (scan === first) return at;
      continue;
    }
    if (code !== HASH || leadingSpaces(text, lineStart) <= collectionIndent) return at;
    at = afterLineBreak(text, endOfLine(text, first));
    if (at === endOfLine(text, first)) return at;
    scan = at;
  }
}

/**
 * `yaml`'s indent of a block collection whose first token is at `target`, on the line starting at
 * `lineStart`: the line's leading spaces, plus the `- `, `? `, `: ` indicators before the token
 * with the spaces after them. Returns -1 when a tab takes part (js-yaml and `yaml` measure tabs
 * differently).
 */
export function yamlIndent(text: string, lineStart: number, target: number): number {
  let at = lineStart;
  while (text.charCodeAt(at) === SPACE) at++;
  let indent = at - lineStart;
  while (at < target) {
    const code = text.charCodeAt(at);
    if (code === TAB) return -1;
    const indicator = code === 0x2d || code === 0x3f || code === 0x3a;
    if (!indicator || !(at + 1 >= text.length || isWhiteSpaceOrBreak(text.charCodeAt(at + 1)))) break;
    at++;
    indent++;
    const blanks = skipBlanks(text, at);
    if (text.slice(at, blanks).includes('\t')) return -1;
    indent += blanks - at;
    at = blanks;
  }
  return text.slice(lineStart, target).includes('\t') ? -1 : indent;
}

/**
 * End of a block scalar whose header (`|`, `>-`, ...) is at `header`, as `yaml`'s lexer ends it
 * (`parseBlockScalar`): the header line, the lines indented at least as the content, then trailing
 * empty lines only when kept (`+`) or more indented than the content.
 * `minIndent` is the lexer's `indentNext`: the parent collection's indent + 1 (0 at the root).
 */
export function blockScalarEnd(text: string, header: number, minIndent: number): number {
  let explicitIndent = -1;
  let keep = false;
  let at = header + 1;
  for (;; at++) {
    const ch = text[at];
    if (ch === '+') keep = true;
    else if (ch !== undefined && ch > '0' && ch <= '9') explicitIndent = Number(ch) - 1;
    else if (ch !== '-') break;
  }
  const contentStart = afterLineBreak(text, endOfLine(text, at));
  if (contentStart === endOfLine(text, at)) return text.length;

  let nl = contentStart - 1;
  let indent = 0;
  let ch: string | undefined;
  scan: for (let i = contentStart; (ch = text[i]) !== undefined; ++i) {
    switch (ch) {
      case ' ':
        indent += 1;
        break;
      case '\n':
        nl = i;
        indent = 0;
        break;
      case '\r':
        if (text[i + 1] === '\n') break;
        break scan;
      default:
        break scan;
    }
  }
  let indentNext = minIndent;
  if (indent >= indentNext) {
    indentNext = explicitIndent === -1 ? indent : explicitIndent + (indentNext === 0 ? 1 : indentNext);
    do {
      const cs = continueScalar(text, nl + 1, indentNext);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = text.length;
  }
  let i = nl + 1;
  ch = text[i];
  while (ch === ' ') ch = text[++i];
  if (ch === '\t') {
    while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n') ch = text[++i];
    nl = i - 1;
  } else if (!keep) {
    for (;;) {
      let j = nl - 1;
      let c = text[j];
      if (c === '\r') c = text[--j];
      const lastChar = j;
      while (c === ' ') c = text[--j];
      if (c === '\n' && j >= contentStart && j + 1 + indent > lastChar) nl = j;
      else break;
    }
  }
  return Math.min(nl + 1, text.length);
}

/** `yaml` lexer's `continueScalar`: where the line at `offset` continues a scalar, or -1. */
function continueScalar(text: string, offset: number, indentNext: number): number {
  let ch = text[offset];
  if (indentNext > 0) {
    let indent = 0;
    while (ch === ' ') ch = text[++indent + offset];
    if (ch === '\r' && text[indent + offset + 1] === '\n') return offset + indent + 1;
    return ch === '\n' || indent >= indentNext ? offset + indent : -1;
  }
  if (ch === '-' || ch === '.') {
    const marker = text.substr(offset, 3);
    if ((marker === '---' || marker === '...') && isEmptyChar(text[offset + 3])) return -1;
  }
  return offset;
}

function isEmptyChar(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}

/**
 * Positions of the first tab in each line's indentation, in order: its leading white space, with
 * the block indicators (`- `, `? `, `: `) in it.
 */
export function indentationTabs(text: string): number[] {
  const tabs: number[] = [];
  const lineStartAt = lineStartTracker(text);
  for (let at = text.indexOf('\t'); at >= 0; at = text.indexOf('\t', at + 1)) {
    let before = lineStartAt(at);
    while (before < at) {
      const code = text.charCodeAt(before);
      if (isBlank(code)) before++;
      else if ((code === 0x2d || code === 0x3f || code === 0x3a) && isBlank(text.charCodeAt(before + 1))) before++;
      else break;
    }
    if (before < at) continue;
    tabs.push(at);
    at = text.indexOf('\n', at);
    if (at < 0) break;
  }
  return tabs;
}

/**
 * Where the next token starts after each whole-line comment whose `#` is followed by a character
 * (`#note`, not `# note`). The `yaml` lexer lowers its least indent on such a line, so the scalar
 * or flow collection that comes next may run on where js-yaml ends it.
 */
export function tokensAfterTightComments(text: string): Set<number> {
  const found = new Set<number>();
  const lineStartAt = lineStartTracker(text);
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    if (isWhiteSpaceOrBreak(text.charCodeAt(at + 1)) || at + 1 >= text.length) continue;
    const lineStart = lineStartAt(at);
    if (skipBlanks(text, lineStart) === at) found.add(nextToken(text, at));
  }
  return found;
}
