import type { Finding } from './findings.js';
import type { LambdaFunction, ProjectModel, SourceLocation } from './model/index.js';
import { closest } from './did-you-mean.js';

/**
 * Suppressions, for every rule family and every file kind:
 * - comments: `lambdalint-disable-next-line <rule>[, <rule>] [-- reason]` (and `-line`) in YAML,
 *   Terraform and code; in code also ESLint's `eslint-disable-next-line lambdalint/<rule>`, which
 *   ESLint applies to code rules and this module to the config and cross rules whose findings
 *   land in code (an `undefined-env-var` at `process.env.X`);
 * - CloudFormation `Metadata: { lambdalint: { ignore: [...] } }` on a function or the template.
 * A suppressed finding stays in the output, marked, as ESLint keeps `suppressedMessages`.
 */

/** ESLint's shape (`SuppressedLintMessage.suppressions`): `directive` in source, `external` from a baseline. */
export interface Suppression {
  kind: 'directive' | 'external';
  justification: string;
}

/** Findings that are not a rule's: never suppressed, not rule names in a suppression. */
export const BUILT_IN_RULES = new Set(['parse-error', 'internal-error', 'unused-disable-directive', 'unknown-rule']);

export const RULE_PREFIX = 'lambdalint/';

/** `lambdalint/no-max-timeout` and `no-max-timeout` name the same rule. */
export function bareRuleId(id: string): string {
  return id.startsWith(RULE_PREFIX) ? id.slice(RULE_PREFIX.length) : id;
}

interface CommentSyntax {
  /** Line comment openers. */
  line: readonly string[];
  /** `/* ... *\/` comments. */
  block: boolean;
  /** ESLint lints this file and applies its `eslint-disable` comments to code rules. */
  eslint: boolean;
  /** `-next-line` skips blank and comment lines (configs); in code it is the very next line, as in ESLint. */
  skipCommentLines: boolean;
}

/** Comment syntax by file name: one entry per language. */
const COMMENT_SYNTAX: ReadonlyArray<[RegExp, CommentSyntax]> = [
  [/\.(ya?ml|template)$/i, { line: ['#'], block: false, eslint: false, skipCommentLines: true }],
  [/\.tf$/i, { line: ['#', '//'], block: true, eslint: false, skipCommentLines: true }],
  [/\.[cm]?[jt]sx?$/i, { line: ['//'], block: true, eslint: true, skipCommentLines: false }],
  // Python: no ESLint; `-next-line` is the very next line, as in code.
  [/\.py$/i, { line: ['#'], block: false, eslint: false, skipCommentLines: false }],
];

export function commentSyntaxOf(file: string): CommentSyntax | undefined {
  return COMMENT_SYNTAX.find(([pattern]) => pattern.test(file))?.[1];
}

export interface Directive {
  file: string;
  /** Line of the comment. */
  line: number;
  column: number;
  /** Line it applies to. */
  target: number;
  style: 'lambdalint' | 'eslint';
  kind: 'next-line' | 'line';
  /** Bare ids of the rules it names (for `eslint` style, only `lambdalint/` ones); empty with `all`. */
  rules: string[];
  /** No rule named: every rule. */
  all: boolean;
  reason: string;
  /** Rules (or `*` for all) it suppressed a finding of. */
  used: Set<string>;
}

const DIRECTIVE = /(#|\/\/|\/\*)\s*(lambdalint|eslint)-disable-(next-line|line)(?=\s|\*\/|$)(.*)$/;

/** Suppression comments of one file; none for a file kind without comments (JSON). */
export function parseDirectives(file: string, text: string): Directive[] {
  const syntax = commentSyntaxOf(file);
  if (!syntax || !text.includes('-disable-')) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const directives: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]);
    if (!match) continue;
    const [, opener, prefix, kind] = match;
    if (opener === '/*' ? !syntax.block : !syntax.line.includes(opener)) continue;
    const style = prefix === 'eslint' ? 'eslint' : 'lambdalint';
    if (style === 'eslint' && !syntax.eslint) continue;
    let body = match[4];
    if (opener === '/*') body = body.replace(/\*\/.*$/, '');
    // ESLint's separator: two or more dashes between white space.
    const [list, ...reason] = body.split(/\s-{2,}\s/);
    const written = list.split(/[\s,]+/).filter(Boolean);
    const rules = style === 'eslint' ? written.filter((r) => r.startsWith(RULE_PREFIX)).map(bareRuleId) : written.map(bareRuleId);
    // An ESLint comment about other plugins' rules only.
    if (style === 'eslint' && written.length > 0 && rules.length === 0) continue;
    let target = i;
    if (kind === 'next-line') {
      target = i + 1;
      if (syntax.skipCommentLines) while (target < lines.length && isCommentOrBlank(lines[target], syntax)) target++;
    }
    directives.push({
      file,
      line: i + 1,
      column: match.index + 1,
      target: target + 1,
      style,
      kind: kind as Directive['kind'],
      rules,
      all: written.length === 0,
      reason: reason.join(' -- ').trim(),
      used: new Set(),
    });
  }
  return directives;
}

function isCommentOrBlank(line: string, syntax: CommentSyntax): boolean {
  const trimmed = line.trim();
  return trimmed === '' || syntax.line.some((opener) => trimmed.startsWith(opener));
}

export interface SuppressionOptions {
  /** Every rule id (bare) and whether ESLint runs it (`code`). */
  rules: ReadonlyArray<{ id: string; family: 'code' | 'config' | 'cross' }>;
  /** For `Metadata.lambdalint.ignore`. */
  model?: Pick<ProjectModel, 'functions' | 'ignoredRules'>;
  /** Text of a project file. */
  textOf(file: string): string | undefined;
  /** Files whose comments to read even without findings (for unused directives): every analysed file. */
  files?: readonly string[];
  reportUnused?: boolean;
}

/**
 * Marks the findings that a comment or a `Metadata` entry suppresses, and adds findings for
 * suppressions that name an unknown rule and, when asked, for those that suppress nothing.
 * Suppressed findings are kept, with `suppressions`.
 */
export function applySuppressions(findings: readonly Finding[], options: SuppressionOptions): Finding[] {
  const known = new Set(options.rules.map((r) => r.id));
  const codeRules = new Set(options.rules.filter((r) => r.family === 'code').map((r) => r.id));
  const byFile = new Map<string, Directive[]>();
  const directivesOf = (file: string): Directive[] => {
    let list = byFile.get(file);
    if (!list) {
      const text = options.textOf(file);
      list = text === undefined ? [] : parseDirectives(file, text);
      byFile.set(file, list);
    }
    return list;
  };
  if (options.reportUnused) for (const file of options.files ?? []) directivesOf(file);

  const metadata = metadataIgnores(options.model);
  const out: Finding[] = findings.map((finding) => {
    if (finding.suppressions || BUILT_IN_RULES.has(finding.ruleId)) return finding;
    const directive = directivesOf(finding.file).find(
      (d) =>
        d.target === finding.line &&
        // ESLint has already applied its own comments to the code rules' findings.
        !(d.style === 'eslint' && codeRules.has(finding.ruleId)) &&
        (d.all || d.rules.includes(finding.ruleId)),
    );
    if (directive) {
      directive.used.add(directive.all ? '*' : finding.ruleId);
      return { ...finding, suppressions: [{ kind: 'directive', justification: directive.reason }] };
    }
    const ignore = metadata(finding);
    if (ignore) return { ...finding, suppressions: [{ kind: 'directive', justification: ignore.reason ?? '' }] };
    return finding;
  });

  for (const list of byFile.values()) {
    for (const d of list) {
      // ESLint reports unknown rules in its own comments ("Definition for rule ... was not found").
      if (d.style === 'lambdalint') {
        for (const rule of d.rules) {
          if (!known.has(rule)) out.push(unknownRuleFinding(rule, `lambdalint-disable-${d.kind}`, { file: d.file, line: d.line, column: d.column }, known));
        }
      }
      if (options.reportUnused) {
        const unused = unusedFinding(d, known);
        if (unused) out.push(unused);
      }
    }
  }
  for (const item of metadataItems(options.model)) {
    const rule = bareRuleId(item.rule);
    if (!known.has(rule)) out.push(unknownRuleFinding(item.rule, 'Metadata lambdalint ignore', item.loc, known));
  }
  // A bare `eslint-disable-next-line` that suppressed a config or cross finding is used, whatever ESLint said.
  return out.filter((f) => !(f.ruleId === 'unused-disable-directive' && f.message === ESLINT_UNUSED_BARE && usedBareEslintDirectiveAt(directivesOf(f.file), f.line)));
}

/** ESLint's report of an `eslint-disable` comment with no rule that suppressed no ESLint problem. */
const ESLINT_UNUSED_BARE = 'Unused eslint-disable directive (no problems were reported).';

function usedBareEslintDirectiveAt(directives: Directive[], line: number): boolean {
  return directives.some((d) => d.style === 'eslint' && d.all && d.line === line && d.used.size > 0);
}

function unusedFinding(d: Directive, known: ReadonlySet<string>): Finding | undefined {
  const name = d.style === 'eslint' ? `eslint-disable-${d.kind}` : `lambdalint-disable-${d.kind}`;
  let message: string;
  if (d.all) {
    // ESLint judges its own bare comments.
    if (d.style === 'eslint' || d.used.size > 0) return undefined;
    message = `Unused ${name} directive (no problems were reported on line ${d.target}); remove it.`;
  } else {
    const unused = d.rules.filter((r) => known.has(r) && !d.used.has(r));
    if (unused.length === 0) return undefined;
    const shown = unused.map((r) => `'${d.style === 'eslint' ? RULE_PREFIX : ''}${r}'`).join(' or ');
    message = `Unused ${name} directive (no problems were reported from ${shown} on line ${d.target}); remove it.`;
  }
  return { ruleId: 'unused-disable-directive', severity: 'warning', message, file: d.file, line: d.line, column: d.column };
}

/** A suppression that names no rule lambdalint has suppresses nothing: a typo, or a rule from elsewhere. */
export function unknownRuleFinding(written: string, where: string, loc: SourceLocation, known: Iterable<string>): Finding {
  const guess = closest(bareRuleId(written), known);
  return {
    ruleId: 'unknown-rule',
    severity: 'error',
    message: `Unknown rule '${written}' in ${where} suppresses nothing${guess ? `; did you mean '${guess}'?` : '.'}`,
    file: loc.file,
    line: loc.line,
    column: loc.column,
  };
}

interface IgnoreItem {
  rule: string;
  reason?: string;
  loc: SourceLocation;
}

function metadataItems(model: SuppressionOptions['model']): IgnoreItem[] {
  if (!model) return [];
  return [...model.functions.flatMap((fn) => fn.ignoredRules ?? []), ...(model.ignoredRules ?? [])];
}

/**
 * The `Metadata` entry that suppresses a finding: on every function the finding concerns, or on
 * the template those functions (or the finding) are in.
 */
function metadataIgnores(model: SuppressionOptions['model']): (finding: Finding) => IgnoreItem | undefined {
  if (!model || (model.functions.every((fn) => !fn.ignoredRules) && !model.ignoredRules?.length)) return () => undefined;
  const byName = new Map<string, LambdaFunction[]>();
  for (const fn of model.functions) byName.set(fn.name, [...(byName.get(fn.name) ?? []), fn]);
  const templateIgnore = (file: string, rule: string): IgnoreItem | undefined =>
    model.ignoredRules?.find((i) => i.loc.file === file && bareRuleId(i.rule) === rule);
  const functionIgnore = (fn: LambdaFunction, rule: string): IgnoreItem | undefined =>
    fn.ignoredRules?.find((i) => bareRuleId(i.rule) === rule) ?? templateIgnore(fn.source.file, rule);
  return (finding) => {
    const inFile = templateIgnore(finding.file, finding.ruleId);
    if (inFile) return inFile;
    const names = finding.functions ?? [];
    if (names.length === 0) return undefined;
    let first: IgnoreItem | undefined;
    for (const name of names) {
      const fns = byName.get(name) ?? [];
      const ignores = fns.map((fn) => functionIgnore(fn, finding.ruleId));
      if (fns.length === 0 || ignores.some((i) => !i)) return undefined;
      first ??= ignores[0];
    }
    return first;
  };
}
