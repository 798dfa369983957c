import type { SourceLocation } from '../../model/index.js';

/**
 * Offsets to 1-based line and column, as `yaml`'s LineCounter reports them (a line starts after
 * each `\n`; a column counts UTF-16 units from 1).
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly file: string,
    text: string,
  ) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  /** Line of the previous lookup: most lookups land on it or the next line. */
  private recent = 0;

  /** Index of the line holding `offset` (0-based). */
  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    const recent = this.recent;
    if (starts[recent] <= offset) {
      if (recent + 1 === starts.length || offset < starts[recent + 1]) return recent;
      if (recent + 2 === starts.length || offset < starts[recent + 2]) return (this.recent = recent + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.recent = low);
  }

  location(start: number, end: number): SourceLocation {
    const startLine = this.lineOf(start);
    const endLine = end === start ? startLine : this.lineOf(end);
    return {
      file: this.file,
      line: startLine + 1,
      column: start - this.lineStarts[startLine] + 1,
      endLine: endLine + 1,
      endColumn: end - this.lineStarts[endLine] + 1,
    };
  }

  lineColumn(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.lineStarts[line] + 1 };
  }
}
