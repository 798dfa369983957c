/**
 * PyYAML (and so CloudFormation, SAM CLI and cfn-lint) accepts a multi-line single- or
 * double-quoted scalar whose continuation lines are indented no deeper than its key:
 *
 *   POLICY: !Sub '{
 *   "Version": "2012-10-17"
 *   }'
 *
 * YAML 1.2 (the `yaml` library) rejects it ("Missing closing quote"). Leading spaces of a quoted
 * scalar's continuation lines are folded away, so indenting those lines under their key changes
 * no value, and line numbers stay the same.
 */

/** Indicators after which a quote opens a scalar: `key: '`, `- '`, `[ '`, `{ '`, `, '`, `? '`, a tag or anchor. */
function opensScalar(before: string): boolean {
  const trimmed = before.trimEnd();
  if (trimmed === '') return true;
  if (/(?:^|\s)-$|[:[{,?]$/.test(trimmed)) return before.length > trimmed.length || /[[{,]$|["']:$/.test(trimmed);
  const token = /(\S+)$/.exec(trimmed)?.[1] ?? '';
  return (token.startsWith('!') || token.startsWith('&')) && before.length > trimmed.length;
}

/** Column of the first content on a line, past indentation and `- ` sequence indicators. */
function contentColumn(line: string): number {
  const match = /^[ \t]*(?:-[ \t]+)*/.exec(line);
  return match ? match[0].length : 0;
}

const BLOCK_SCALAR_HEADER = /(?:^|[:\-\s])[ \t]*(?:![^\s]*[ \t]+)?(?:&[^\s]+[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/** The text with under-indented continuation lines of quoted scalars indented under their key; unchanged when there are none. */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let quote: '"' | "'" | undefined;
  let needed = 0;
  let blockIndent = -1;
  let changed = false;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index];
    const indent = /^[ ]*/.exec(line)![0].length;
    if (quote === undefined && blockIndent >= 0) {
      // Inside a block scalar (`|`, `>`): its lines are text, not YAML.
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (quote !== undefined && line.trim() !== '' && indent < needed) {
      line = ' '.repeat(needed) + line.slice(indent);
      lines[index] = line;
      changed = true;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote === '"') {
        if (ch === '\\') i++;
        else if (ch === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (ch === "'" && line[i + 1] === "'") i++;
        else if (ch === "'") quote = undefined;
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if ((ch === '"' || ch === "'") && opensScalar(line.slice(0, i))) {
        quote = ch;
        needed = contentColumn(line) + 1;
      }
    }
    if (quote === undefined && BLOCK_SCALAR_HEADER.test(stripComment(line)) && /[:-]/.test(line)) blockIndent = indent;
  }
  return changed ? lines.join('\n') : text;
}

function stripComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash < 0 ? line : line.slice(0, hash);
}
