import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FindingSeverity } from '../../config-rules/types.js';
import type { Finding } from '../../findings.js';
import { fingerprintFindings } from '../baseline.js';
import { RULE_HELP } from './rule-help.generated.js';
import { sortResults } from './shared.js';
import type { FileResult, FormatContext, RuleMetaSummary } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/lambdalint/lambdalint';
/** The key of lambdalint's fingerprint in `partialFingerprints` (versioned, as SARIF recommends). */
export const FINGERPRINT_KEY = 'lambdalint/v1';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<FindingSeverity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** Findings that do not come from a rule of the plugin: the loader's and the CLI's own. */
const BUILT_IN: Record<string, string> = {
  'parse-error': 'A project file could not be read or parsed; the rest of the project is still checked.',
  'internal-error': 'A lambdalint rule failed on this input; please report it with the file that triggers it.',
  'unused-disable-directive': 'A suppression comment suppresses nothing (reported with --report-unused-disable-directives).',
  'unknown-rule': 'A suppression (comment or Metadata ignore list) names a rule that does not exist, so it suppresses nothing.',
};

/** Finding suppression kinds (ESLint's) as SARIF's: a comment or `Metadata` entry is in the source; a baseline is not. */
const SUPPRESSION_KIND = { directive: 'inSource', external: 'external' } as const;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: every rule that ran in `tool.driver.rules` (with
 * the `help` text code scanning shows next to an alert), one result per finding with `ruleIndex`,
 * a relative `uri` under `%SRCROOT%`, and the baseline fingerprint as `partialFingerprints`.
 */
export function sarif(results: FileResult[], ctx: FormatContext): string {
  const sorted = sortResults(results);
  const rules = collectRules(sorted, ctx.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));

  const sarifResults = sorted.flatMap((result) => {
    // As the baseline does: findings suppressed in the source are fingerprinted apart.
    const sources = new Map([[result.file, result.source]]);
    const inSource = (f: Finding): boolean => f.suppressions?.some((x) => x.kind === 'directive') ?? false;
    const fingerprints = new Map<Finding, string>();
    for (const group of [result.findings.filter((f) => !inSource(f)), result.findings.filter(inSource)]) {
      fingerprintFindings(group, sources).forEach((fingerprint, i) => fingerprints.set(group[i], fingerprint));
    }
    return result.findings.map((f) => {
      const region: Record<string, number> = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) };
      if (f.endLine !== undefined && f.endLine >= region.startLine) region.endLine = f.endLine;
      if (f.endColumn !== undefined && f.endColumn >= 1) region.endColumn = f.endColumn;
      return {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeUri(result.file), uriBaseId: '%SRCROOT%' },
              region,
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(f)! },
        ...(f.suppressions
          ? { suppressions: f.suppressions.map((x) => ({ kind: SUPPRESSION_KIND[x.kind], ...(x.justification ? { justification: x.justification } : {}) })) }
          : {}),
        ...(f.functions && f.functions.length > 0 ? { properties: { functions: [...f.functions] } } : {}),
      };
    });
  });

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lambdalint',
            informationUri: INFORMATION_URI,
            version: ctx.version ?? packageVersion(),
            rules: rules.map(describeRule),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The directory lambdalint analysed; result paths are relative to it.' } },
        },
        // Finding columns count UTF-16 code units, as ESLint's do.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        ...(ctx.functions
          ? { properties: { functions: ctx.functions.found, functionsCodeChecked: ctx.functions.codeChecked, deployConfigFiles: ctx.functions.configFiles } }
          : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The rules that ran, plus any rule a finding names that is not among them; sorted by id. */
function collectRules(results: readonly FileResult[], known: readonly RuleMetaSummary[]): RuleMetaSummary[] {
  const byId = new Map<string, RuleMetaSummary>();
  for (const rule of known) byId.set(rule.id, rule);
  for (const result of results) {
    for (const f of result.findings) {
      if (byId.has(f.ruleId)) continue;
      byId.set(f.ruleId, {
        id: f.ruleId,
        description: BUILT_IN[f.ruleId] ?? `lambdalint rule ${f.ruleId}.`,
        url: INFORMATION_URI,
        recommended: 'error',
        sources: [],
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A rule descriptor. The explanation and the fix come from the rule's docs page (generated into
 * RULE_HELP by `npm run docs`): findings stay one sentence, code scanning shows the rest next to them.
 */
function describeRule(rule: RuleMetaSummary) {
  const sources = rule.sources;
  const url = /^https?:\/\//.test(rule.url) ? rule.url : INFORMATION_URI;
  const page = RULE_HELP[rule.id];
  const summary = page?.summary ?? rule.description;
  const fix = page?.fix ? ['', 'How to fix:', '', page.fix] : [];
  const fullText = page ? `${rule.description.replace(/\.$/, '')}.\n\n${page.summary}` : sources.length > 0 ? `${rule.description} Sources: ${sources.join(' ')}` : rule.description;
  const helpText = [summary, ...fix, '', `Documentation: ${url}`, ...(sources.length > 0 ? ['', 'Sources:', ...sources.map((s) => `- ${s}`)] : [])].join('\n');
  const helpMarkdown = [
    summary,
    ...(page?.fix ? ['', '**How to fix**', '', page.fix] : []),
    '',
    `[Documentation](${url})`,
    ...(sources.length > 0 ? ['', 'Sources:', '', ...sources.map((s) => (/^https?:\/\/\S+$/.test(s) ? `- <${s}>` : `- ${s}`))] : []),
  ].join('\n');
  const tags = ['lambda', ...(rule.family ? [rule.family] : []), ...(rule.type ? [rule.type] : [])];
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: fullText },
    helpUri: url,
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: rule.recommended === 'off' ? { enabled: false } : { level: rule.recommended === 'error' ? 'error' : 'warning' },
    properties: { tags },
  };
}

/** `no-aws-sdk-v2` -> `NoAwsSdkV2`: SARIF's readable rule name. */
function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

let cachedVersion: string | undefined;

/** lambdalint's own version, from its package.json (src/cli/formatters in tests, dist/src/cli/formatters built). */
function packageVersion(): string {
  if (cachedVersion === undefined) {
    cachedVersion = '0.0.0';
    for (const up of ['../../../', '../../../../']) {
      const candidate = fileURLToPath(new URL(`${up}package.json`, import.meta.url));
      if (!existsSync(candidate)) continue;
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lambdalint' && typeof pkg.version === 'string') {
        cachedVersion = pkg.version;
        break;
      }
    }
  }
  return cachedVersion;
}
