import type { Finding } from './findings.js';

/** `# lambdalint-disable-next-line rule-a, rule-b -- reason` (also `//` in Terraform). */
const DIRECTIVE = /^\s*(?:#|\/\/)\s*lambdalint-disable-next-line(?:\s+([^\n]*?))?\s*(?:--\s*(.*))?$/;

export interface Directive {
  file: string;
  /** Line of the comment. */
  line: number;
  /** Line it applies to: the next line that is not blank or a comment. */
  target: number;
  /** Empty: every rule. */
  rules: string[];
  reason?: string;
  used: boolean;
}

const COMMENT_FILES = /\.(ya?ml|tf|template)$/;

/** Suppression comments of a YAML or Terraform file. Code files use ESLint's own comments. */
export function parseDirectives(file: string, text: string): Directive[] {
  if (!COMMENT_FILES.test(file) || !text.includes('lambdalint-disable')) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const directives: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]);
    if (!match) continue;
    let target = i + 1;
    while (target < lines.length && /^\s*(#|\/\/|$)/.test(lines[target])) target++;
    const rules = (match[1] ?? '')
      .split(/[\s,]+/)
      .map((r) => r.replace(/^lambdalint\//, ''))
      .filter(Boolean);
    directives.push({ file, line: i + 1, target: target + 1, rules, reason: match[2]?.trim() || undefined, used: false });
  }
  return directives;
}

/**
 * Drops findings suppressed by comment directives, and, when asked, reports the directives
 * that suppressed nothing.
 */
export function applyDirectives(
  findings: Finding[],
  configFiles: readonly string[],
  textOf: (file: string) => string | undefined,
  reportUnused: boolean,
): Finding[] {
  const byFile = new Map<string, Directive[]>();
  const directivesOf = (file: string): Directive[] => {
    let list = byFile.get(file);
    if (!list) {
      const text = textOf(file);
      list = text === undefined ? [] : parseDirectives(file, text);
      byFile.set(file, list);
    }
    return list;
  };
  for (const file of configFiles) directivesOf(file);
  const kept = findings.filter((finding) => {
    if (finding.ruleId === 'parse-error' || finding.ruleId === 'internal-error') return true;
    const directive = directivesOf(finding.file).find(
      (d) => d.target === finding.line && (d.rules.length === 0 || d.rules.includes(finding.ruleId)),
    );
    if (!directive) return true;
    directive.used = true;
    return false;
  });
  if (reportUnused) {
    for (const list of byFile.values()) {
      for (const d of list) {
        if (d.used) continue;
        kept.push({
          ruleId: 'unused-disable-directive',
          severity: 'warning',
          message: `Unused lambdalint-disable-next-line directive${d.rules.length ? ` (no problems were reported from ${d.rules.map((r) => `'${r}'`).join(', ')} on line ${d.target})` : ''}; remove it.`,
          file: d.file,
          line: d.line,
          column: 1,
        });
      }
    }
  }
  return kept;
}
