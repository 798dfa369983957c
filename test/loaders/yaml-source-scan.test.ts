/**
 * The scanners the js-yaml fast path uses to find what js-yaml does not report: where `yaml` ends
 * a node (comments, blank lines, block scalars), its indent, and the tabs and `#note` comments that
 * make the fast path decline. Block scalar ends are the ones `yaml` 2's lexer gives (checked
 * against its CST when these cases were written); each is shown as the text up to the end.
 */
import { describe, expect, it } from 'vitest';
import {
  absorbIndentedComments,
  blockScalarEnd,
  endOfLine,
  endOfValueLine,
  hasComment,
  indentationTabs,
  isBlank,
  isWhiteSpaceOrBreak,
  leadingSpaces,
  lineStartOf,
  nextToken,
  skipBlanks,
  tokensAfterTightComments,
  trimBack,
  trivia,
  yamlIndent,
} from '../../src/loaders/yaml-tree/source-scan.js';

describe('character classes', () => {
  it('blanks are spaces and tabs; white space adds LF and CR', () => {
    expect([' ', '\t', '\n', '\r', 'a'].map((c) => isBlank(c.charCodeAt(0)))).toEqual([true, true, false, false, false]);
    expect([' ', '\t', '\n', '\r', 'a', '#'].map((c) => isWhiteSpaceOrBreak(c.charCodeAt(0)))).toEqual([true, true, true, true, false, false]);
  });
});

describe('positions on a line', () => {
  it('skipBlanks stops at the first other character or the end of the text', () => {
    expect(skipBlanks('a \t b', 1)).toBe(4);
    expect(skipBlanks('a \t\nb', 1)).toBe(3);
    expect(skipBlanks('x  ', 1)).toBe(3);
    expect(skipBlanks('ab', 0)).toBe(0);
  });

  it('trimBack goes back over blanks and line breaks, never below the floor', () => {
    expect(trimBack('a \r\n\t b', 6, 0)).toBe(1);
    expect(trimBack('    ', 4, 1)).toBe(1);
    expect(trimBack('ab', 2, 0)).toBe(2);
  });

  it('endOfLine is before the LF or CRLF, or the end of the text', () => {
    expect(endOfLine('ab\ncd', 0)).toBe(2);
    expect(endOfLine('ab\r\ncd', 1)).toBe(2);
    expect(endOfLine('ab\ncd', 3)).toBe(5);
    expect(endOfLine('a\rb', 0)).toBe(3);
    expect(endOfLine('\nab', 0)).toBe(0);
  });

  it('leadingSpaces counts spaces only, from the line start given', () => {
    expect(leadingSpaces('  \t x', 0)).toBe(2);
    expect(leadingSpaces('a\n   b', 2)).toBe(3);
    expect(leadingSpaces('b', 0)).toBe(0);
  });

  it('lineStartOf is the position after the previous LF', () => {
    expect(lineStartOf('ab\ncd', 4)).toBe(3);
    expect(lineStartOf('ab\ncd', 3)).toBe(3);
    expect(lineStartOf('ab\ncd', 2)).toBe(0);
    expect(lineStartOf('ab\r\ncd', 5)).toBe(4);
  });
});

describe('comments and blank lines', () => {
  it('nextToken skips white space, line breaks and comments', () => {
    const text = '  \t\r\n# c: 1\n  # d\n  x: 1';
    expect(nextToken(text, 0)).toBe(text.indexOf('x'));
    expect(nextToken('x', 0)).toBe(0);
    expect(nextToken('a # c', 1)).toBe(5);
  });

  it('hasComment looks for a # in [from, to)', () => {
    expect(hasComment('  # x', 0, 2)).toBe(false);
    expect(hasComment('  # x', 0, 3)).toBe(true);
    expect(hasComment('  # x', 3, 5)).toBe(false);
  });

  it('trivia: where the comment lines end and the deepest whole-line comment indent', () => {
    const text = '\n  # a\n\n    # b\n # c\nx: 1';
    expect(trivia(text, 0)).toEqual({ end: text.indexOf('x'), maxCommentIndent: 4 });
    expect(trivia('# a\nx', 0)).toEqual({ end: 4, maxCommentIndent: 0 });
    // A tab before the # does not count as indent (`yaml` counts spaces).
    expect(trivia('\t# a\nx', 0)).toEqual({ end: 5, maxCommentIndent: 0 });
    expect(trivia('\r\n  # a\r\nx', 0)).toEqual({ end: 9, maxCommentIndent: 2 });
    expect(trivia('# a', 0)).toEqual({ end: 3, maxCommentIndent: 0 });
  });

  it('trivia: undefined without a whole-line comment', () => {
    expect(trivia('\n\n  x', 0)).toBeUndefined();
    // A comment after a value on its line is no comment line.
    expect(trivia('k: 1 # c\nx', 4)).toBeUndefined();
  });

  it('endOfValueLine: after trailing blanks, the comment and the line break', () => {
    expect(endOfValueLine('a: 1   # c\nb', 4)).toBe(11);
    expect(endOfValueLine('a: 1  \nb', 4)).toBe(7);
    expect(endOfValueLine('a: 1\r\nb', 4)).toBe(6);
    expect(endOfValueLine('a: 1 # c\r\nb', 4)).toBe(10);
    expect(endOfValueLine('a: 1', 4)).toBe(4);
    expect(endOfValueLine('a: 1 # c', 4)).toBe(8);
    // A CR alone is no line break.
    expect(endOfValueLine('a: 1\rb', 4)).toBe(4);
  });

  it('absorbIndentedComments keeps comment lines indented more than the collection, with blank lines between', () => {
    const text = 'a:\n  b: 1\n    # deep\n\n    # deeper\n\n  # level\n  c: 2';
    const at = text.indexOf('    # deep');
    expect(text.slice(at, absorbIndentedComments(text, at, 2))).toBe('    # deep\n\n    # deeper\n');
    // At the collection's indent a comment is not kept.
    expect(absorbIndentedComments(text, at, 4)).toBe(at);
    expect(absorbIndentedComments('  # a\nx', 0, 1)).toBe(6);
    expect(absorbIndentedComments('  # a\nx', 0, 2)).toBe(0);
    // Blank lines with no comment after them are not kept.
    expect(absorbIndentedComments('\n\nx', 0, 0)).toBe(0);
    // Nor is a deeper line that is no comment.
    expect(absorbIndentedComments('    x: 1\n', 0, 2)).toBe(0);
    expect(absorbIndentedComments('  # a\n   \n', 0, 0)).toBe(6);
  });

  it('absorbIndentedComments: CRLF line ends, the end of the text, a lone CR', () => {
    expect(absorbIndentedComments('    # a\r\n\r\n    # b\r\nx', 0, 2)).toBe(20);
    expect(absorbIndentedComments('  # a\n  # b', 0, 0)).toBe(11);
    expect(absorbIndentedComments('  # a\n\r  # b', 0, 0)).toBe(6);
  });
});

describe('yamlIndent', () => {
  const indent = (line: string) => yamlIndent(line, 0, line.search(/[a-z]/));

  it('is the leading spaces plus the block indicators before the token and the spaces after them', () => {
    expect(indent('  key: 1')).toBe(2);
    expect(indent('- a')).toBe(2);
    expect(indent('-   a')).toBe(4);
    expect(indent('  - - a')).toBe(6);
    expect(indent('? a')).toBe(2);
    expect(indent(': a')).toBe(2);
    expect(yamlIndent('x\n  - b', 2, 6)).toBe(4);
  });

  it('counts only the indicators before the token, and only when a space or line break follows them', () => {
    expect(yamlIndent('- - a', 0, 2)).toBe(2);
    expect(indent('-a')).toBe(0);
    expect(yamlIndent('-\n', 0, 1)).toBe(1);
    expect(yamlIndent('-', 0, 1)).toBe(1);
  });

  it('is -1 when a tab is in the indentation, after an indicator, or before the token', () => {
    expect(indent(' \t- a')).toBe(-1);
    expect(indent('-\ta')).toBe(-1);
    expect(indent('- \t a')).toBe(-1);
    expect(yamlIndent('x\tb', 0, 2)).toBe(-1);
  });
});

describe('blockScalarEnd', () => {
  /** The text up to where `yaml` ends the block scalar whose header is the first `|` or `>`. */
  const upToEnd = (text: string, minIndent: number) => text.slice(0, blockScalarEnd(text, text.search(/[|>]/), minIndent));

  it.each([
    ['clip: trailing empty lines are not in the scalar', 'k: |\n  a\n\n\nx: 1', 1, 'k: |\n  a\n'],
    ['strip: the same end as clip', 'k: |-\n  a\n\n\nx: 1', 1, 'k: |-\n  a\n'],
    ['keep: trailing empty lines are in the scalar', 'k: |+\n  a\n\n\nx: 1', 1, 'k: |+\n  a\n\n\n'],
    ['folded, with an empty line inside', 'k: >\n  a\n\n  b\n\n\nx: 1', 1, 'k: >\n  a\n\n  b\n'],
    ['a header comment', 'k: | # c\n  a\nx: 1', 1, 'k: | # c\n  a\n'],
    ['empty lines before the content', 'k: |\n\n  a\n  b\nx: 1', 1, 'k: |\n\n  a\n  b\n'],
    ['a line of spaces before the content', 'k: |\n \n  a\n  b\nx: 1', 1, 'k: |\n \n  a\n  b\n'],
    ['a CR alone ends the search for the content indent', 'k: |\n\r  a\n', 1, 'k: |\n'],
    ['a CR alone after spaces: the spaces are the content indent', 'k: |\n  \r  a\n', 1, 'k: |\n  \r  a\n'],
    ['an empty line inside the content', 'k: |\n  a\n\n  b\nx: 1', 1, 'k: |\n  a\n\n  b\n'],
    ['a trailing line more indented than the content is kept; the empty line after it is not', 'k: |\n  a\n   \n\nx: 1', 1, 'k: |\n  a\n   \n'],
    ['a trailing line as indented as the content is not kept', 'k: |\n  a\n    \n  \nx: 1', 1, 'k: |\n  a\n    \n'],
    ['no content, only empty lines: the first is in the scalar', 'k: |\n\n\nx: 1', 1, 'k: |\n\n'],
    ['content less indented than the parent needs: empty', 'a:\n  k: |\n  z: 1', 3, 'a:\n  k: |\n'],
    ['an item in a sequence', '- |\n  a\n\n- b', 1, '- |\n  a\n'],
    ['the header at the end of the text', 'k: |', 1, 'k: |'],
    ['nothing after the header line', 'k: |\n', 1, 'k: |\n'],
    ['content to the end of the text, with no line break', 'k: |\n  a', 1, 'k: |\n  a'],
    ['a less indented line ends the content', 'k: |\n   a\n  b\n', 1, 'k: |\n   a\n'],
  ])('%s', (_name, text, minIndent, expected) => {
    expect(upToEnd(text, minIndent)).toBe(expected);
  });

  it.each([
    ['an explicit indent takes less indented lines', 'k: |2\n    a\n  b\nx: 1', 1, 'k: |2\n    a\n  b\n'],
    ['explicit indent 1', 'k: |1\n   a\n  b\nx: 1', 1, 'k: |1\n   a\n  b\n'],
    ['explicit indent 9', 'k: |9\n          a\n         b\nx: 1', 1, 'k: |9\n          a\n         b\n'],
    ['in a nested map the indent counts from the parent', 'a:\n  k: |2\n      x\n     y\n  z: 1', 3, 'a:\n  k: |2\n      x\n     y\n'],
    ['strip, then the indent', 'k: |-2\n    a\n  b\nx: 1', 1, 'k: |-2\n    a\n  b\n'],
    ['keep, then the indent', 'k: |+2\n    a\n  b\n\nx: 1', 1, 'k: |+2\n    a\n  b\n\n'],
    ['the indent, then keep', 'k: |2+\n    a\n  b\n\nx: 1', 1, 'k: |2+\n    a\n  b\n\n'],
    ['an explicit indent at the root counts from column 1', '|1\n  a\n b\n', 0, '|1\n  a\n b\n'],
  ])('header indicators: %s', (_name, text, minIndent, expected) => {
    expect(upToEnd(text, minIndent)).toBe(expected);
  });

  it.each([
    ['clip', 'k: |\r\n  a\r\n\r\n\r\nx: 1', 1, 'k: |\r\n  a\r\n'],
    ['keep', 'k: |+\r\n  a\r\n\r\n\r\nx: 1', 1, 'k: |+\r\n  a\r\n\r\n\r\n'],
    ['empty lines before the content', 'k: |\r\n\r\n  a\r\n  \r\nx: 1', 1, 'k: |\r\n\r\n  a\r\n'],
    ['a line of spaces before the content', 'k: |\r\n \r\n  a\r\n  b\r\nx: 1', 1, 'k: |\r\n \r\n  a\r\n  b\r\n'],
    ['the content, not a line of spaces before it, sets the indent', 'k: |\r\n \r\n  a\r\n # c\r\nx: 1', 1, 'k: |\r\n \r\n  a\r\n'],
    ['an empty line inside the content', 'k: |\r\n  a\r\n\r\n  b\r\nx: 1', 1, 'k: |\r\n  a\r\n\r\n  b\r\n'],
    ['a line of spaces inside the content', 'k: |\r\n  a\r\n \r\n  b\r\nx: 1', 1, 'k: |\r\n  a\r\n \r\n  b\r\n'],
  ])('CRLF line ends: %s', (_name, text, minIndent, expected) => {
    expect(upToEnd(text, minIndent)).toBe(expected);
  });

  it.each([
    ['a tab line after the content is in the scalar', 'k: |\n  a\n\t\nx: 1', 1, 'k: |\n  a\n\t\n'],
    ['after spaces', 'k: |\n  a\n  \t\nx: 1', 1, 'k: |\n  a\n  \t\n'],
    ['with the blank and empty lines that follow', 'k: |\n  a\n \t \n\nx: 1', 1, 'k: |\n  a\n \t \n\n'],
    ['with CRLF line ends', 'k: |\r\n  a\r\n\t\r\n\r\nx: 1', 1, 'k: |\r\n  a\r\n\t\r\n\r\n'],
  ])('tabs: %s', (_name, text, minIndent, expected) => {
    expect(upToEnd(text, minIndent)).toBe(expected);
  });

  // js-yaml rejects content at column 0 under a root header, but `yaml` ends it at a document marker.
  it.each([
    ['content at column 0 runs on', '|\na\nb\n', '|\na\nb\n'],
    ['--- and a line break', '|\na\n---\nb', '|\na\n'],
    ['... and a line break', '|\na\n...\n', '|\na\n'],
    ['--- and a space', '|\na\n--- b', '|\na\n'],
    ['--- and a tab', '|\na\n---\tb', '|\na\n'],
    ['--- and CRLF', '|\na\n---\r\nb', '|\na\n'],
    ['--- at the end of the text', '|\na\n---', '|\na\n'],
    ['---x is no marker', '|\na\n---x\nb\n', '|\na\n---x\nb\n'],
    ['indented content', '|\n a\n', '|\n a\n'],
  ])('at the root: %s', (_name, text, expected) => {
    expect(upToEnd(text, 0)).toBe(expected);
  });
});

describe('indentationTabs', () => {
  it('finds the first tab of each line whose indentation (with block indicators) holds one', () => {
    expect(indentationTabs('\tkey: 1')).toEqual([0]);
    expect(indentationTabs('a: 1\n- \tb')).toEqual([7]);
    expect(indentationTabs('a: 1\n? \tb\n: \tc')).toEqual([7, 12]);
    expect(indentationTabs(' \t\tx\n\t y')).toEqual([1, 5]);
    expect(indentationTabs('\na:\n\tb')).toEqual([4]);
    expect(indentationTabs('\n\tx')).toEqual([1]);
  });

  it('ignores tabs after the content starts, and -x or :x', () => {
    expect(indentationTabs('key:\tvalue')).toEqual([]);
    expect(indentationTabs('a\tb\tc\n\td\te')).toEqual([6]);
    expect(indentationTabs('a\nb\t\n')).toEqual([]);
    expect(indentationTabs('-x\t\n:y\t')).toEqual([]);
    expect(indentationTabs('--\tx')).toEqual([]);
    expect(indentationTabs('\ta\t')).toEqual([0]);
  });
});

describe('tokensAfterTightComments', () => {
  it('is where the next token starts after each whole-line #note comment', () => {
    expect([...tokensAfterTightComments('#note\nkey: 1')]).toEqual([6]);
    expect([...tokensAfterTightComments('a: 1\n  #x\n\n  # y\nb: 2')]).toEqual([17]);
    expect([...tokensAfterTightComments('\t#x\nb')]).toEqual([4]);
    expect([...tokensAfterTightComments('#a\n#b\nc')]).toEqual([6]);
    expect([...tokensAfterTightComments('a: 1\n#x\nb: 1\n #y\nc: 2')]).toEqual([8, 17]);
  });

  it('skips # followed by white space or ending the text, and comments after content', () => {
    expect([...tokensAfterTightComments('# note\nk: 1')]).toEqual([]);
    expect([...tokensAfterTightComments('#\tnote\n#\r\n#\nk: 1')]).toEqual([]);
    expect([...tokensAfterTightComments('a: 1\n#')]).toEqual([]);
    expect([...tokensAfterTightComments('a: 1 #x\nb: 2')]).toEqual([]);
    expect([...tokensAfterTightComments('a: b#c\nd: 1')]).toEqual([]);
  });

  it('stays linear on a 4 MB last line of comments and tabs (the line-start lookup searched to its end per #)', () => {
    // Quadratic, this took minutes; linear, milliseconds. The timeout, not a timing assertion, catches it.
    const line = 'x#y\t'.repeat(1_000_000);
    expect([...tokensAfterTightComments(`#a\nb: 1\n${line}`)]).toEqual([3]);
    expect(indentationTabs(`\ta: 1\n${line}`)).toEqual([0]);
  }, 10_000);
});
