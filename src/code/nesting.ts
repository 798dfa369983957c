/**
 * How deep brackets nest in JavaScript or TypeScript source, counted on tokens without parsing:
 * strings, comments, template literals (their `${ }` count) and regular expression literals are
 * skipped, so a `{` inside any of them is not nesting. Parsers recurse once per level; thousands
 * of levels crash them (a 14 KB handler of 2,000 nested `if (e) {` aborted V8 in espree's path).
 */

/** Where `(`, `[`, `{` or `${` nest deeper than `limit` (1-based line and column), or undefined. Linear in the text. */
export function jsNestingPosition(text: string, limit: number): { line: number; column: number } | undefined {
  return scanJs(text, limit).deep;
}

export interface JsScan {
  /** Where brackets first nest deeper than the limit. */
  deep?: { line: number; column: number };
  /**
   * Tokens up to there (all of them when not too deep), roughly as a parser counts them: a word,
   * a number, a string, a regular expression, a bracket, a run of other punctuators, a template
   * literal's text between its `${ }`. Comments do not count. ESLint's memory grows with them.
   */
  tokens: number;
}

/** Nesting and token count of JavaScript or TypeScript source, in one linear pass. */
export function scanJs(text: string, limit: number): JsScan {
  let tokens = 0;
  /** Open levels: a bracket, or the `${` of a template literal (its `}` returns to the template). */
  const stack: Array<'bracket' | 'template'> = [];
  let line = 1;
  let lineStart = 0;
  /** Whether a `/` here starts a regular expression (after an operator or keyword) rather than dividing. */
  let regexAllowed = true;
  const n = text.length;
  const newline = (i: number): void => {
    line++;
    lineStart = i + 1;
  };
  /** Skips a template literal's text from `i` (after the backtick or `}`); returns the index of the closing backtick or `${`. */
  const templateText = (from: number): number => {
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        if (text.charCodeAt(i + 1) === 10) newline(i + 1);
        i++;
      } else if (c === 10) newline(i);
      else if (c === 96 /* ` */) return i;
      else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123) return i;
    }
    return n;
  };
  /** After a template's text stopped at `i`: open its `${` (true when too deep) or step over the closing backtick. */
  const afterTemplateText = (i: number): { index: number; deep: boolean } => {
    if (i < n && text.charCodeAt(i) === 36) {
      stack.push('template');
      regexAllowed = true;
      return { index: i + 1, deep: stack.length > limit };
    }
    regexAllowed = false;
    return { index: i, deep: false };
  };

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      newline(i);
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        while (i + 1 < n && text.charCodeAt(i + 1) !== 10) i++;
        continue;
      }
      if (next === 42) {
        const end = text.indexOf('*/', i + 2);
        const stop = end < 0 ? n : end + 2;
        for (let j = i + 2; j < stop; j++) if (text.charCodeAt(j) === 10) newline(j);
        i = stop - 1;
        continue;
      }
      tokens++;
      if (regexAllowed) {
        // A regular expression literal: to the unescaped `/` outside a class, on this line.
        let inClass = false;
        for (i++; i < n; i++) {
          const r = text.charCodeAt(i);
          if (r === 10) {
            newline(i);
            break;
          }
          if (r === 92) i++;
          else if (r === 91) inClass = true;
          else if (r === 93) inClass = false;
          else if (r === 47 && !inClass) break;
        }
        regexAllowed = false;
        continue;
      }
      regexAllowed = true;
      continue;
    }
    if (c === 34 || c === 39) {
      tokens++;
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === 92) {
          if (text.charCodeAt(i + 1) === 10) newline(i + 1);
          i++;
        } else if (s === c || s === 10) {
          if (s === 10) newline(i);
          break;
        }
      }
      regexAllowed = false;
      continue;
    }
    if (c === 96 /* ` */) {
      tokens++;
      const after = afterTemplateText(templateText(i + 1));
      if (after.deep) return { deep: { line, column: after.index - lineStart }, tokens };
      i = after.index;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      tokens++;
      stack.push('bracket');
      regexAllowed = true;
      if (stack.length > limit) return { deep: { line, column: i - lineStart + 1 }, tokens };
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      tokens++;
      const top = stack.pop();
      if (c === 125 && top === 'template') {
        const after = afterTemplateText(templateText(i + 1));
        if (after.deep) return { deep: { line, column: after.index - lineStart }, tokens };
        i = after.index;
        continue;
      }
      // After `)` a `/` divides in most code (`(a) / b`); `if (x) /re/.test(y)` is rare.
      regexAllowed = c === 125;
      continue;
    }
    if (isWordChar(c)) {
      tokens++;
      const start = i;
      while (i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i++;
      regexAllowed = KEYWORDS_BEFORE_EXPRESSION.has(text.slice(start, i + 1));
      continue;
    }
    // Any other punctuator: an operator, after which an expression (and so a regex) can start.
    // A run of them (`===`, `=>`, `&&`) counts once.
    if (!regexAllowed || !isOperatorChar(text.charCodeAt(i - 1))) tokens++;
    regexAllowed = true;
  }
  return { tokens };
}

/** Characters of operators that may run together (`=`, `!`, `<`, `>`, `&`, `|`, `+`, `-`, `*`, `%`, `^`, `?`, `.`, `:`). */
function isOperatorChar(c: number): boolean {
  return c === 61 || c === 33 || c === 60 || c === 62 || c === 38 || c === 124 || c === 43 || c === 45 || c === 42 || c === 37 || c === 94 || c === 63 || c === 46 || c === 58;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}
