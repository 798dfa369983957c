import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Linter, type ESLint, type Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import plugin, { CODE_FILES } from '../plugin.js';
import { codeRules } from '../../rules/index.js';
import type { Finding } from '../findings.js';
import type { HandlerSetting } from '../handlers/settings.js';
import type { ProjectHost } from '../project/host.js';
import { createFactsRule, emptyFacts, type CodeFacts } from './facts.js';
import { resolveRelativeImport } from './resolve-import.js';
import { scanJs } from './nesting.js';
import { makeAcornScopesLinear } from './acorn-scopes.js';
import { guardRule, type RuleFailure } from './guard-rules.js';
import { cliRulePlaceholders } from '../cli-rule-placeholders.js';
import { RULE_PREFIX, unknownRuleFinding } from '../suppressions.js';

export interface CodeRuleSetting {
  severity: 'error' | 'warn';
  options?: unknown[];
}

/** What every file of one lint pass shares. Plain data: it is sent to worker threads. */
export interface FileLinterOptions {
  /** Build ESLint's config for every file, as `Linter#verify` does with a plain array (tests compare both). */
  configPerFile?: boolean;
  /** Code rule id (without prefix) -> setting; rules not listed are off. */
  rules: Record<string, CodeRuleSetting>;
  handlerNames?: string[];
  reportUnusedDisableDirectives?: boolean;
  /** Files with more tokens are reported, not linted (default `MAX_LINT_TOKENS`; tests of the time limits raise it). */
  maxTokens?: number;
}

export interface LintedFile {
  file: string;
  findings: Finding[];
  facts: CodeFacts;
  /** Files this one imports, resolved, sorted. */
  imports: string[];
}

const FACTS_PLUGIN = 'lambdalint-facts';
const TS_FILE = /\.[cm]?tsx?$/;
/**
 * Deeper bracket nesting is not linted. ESLint's parsers and scope analysis recurse per level: at
 * 2,000 nested blocks V8 aborted the whole process. Real code stays under 30 levels; minified
 * bundles under 100. Documented in README ("Limits").
 */
export const MAX_JS_NESTING = 500;
/**
 * Files with more tokens are not linted. ESLint's memory grows by about 2 KB per token whatever
 * the parser (tokens, AST, scopes, code paths; measured 1.8 to 2.1 KB on the hostile generators),
 * so this keeps one file within the guard worker's 640 MB heap and 30 s: a 4.9 MB minified
 * handler (2.7 million tokens) needed 5 GB. Hand-written code has 3 to 7 tokens per line
 * (ESLint's linter.js, acorn, typescript-estree's convert.js), so a 10,000-line module has 30,000
 * to 70,000; above the limit are bundles and generated code. README ("Limits").
 */
export const MAX_LINT_TOKENS = 250_000;
/**
 * Larger JavaScript goes to the TypeScript parser too when acorn's redeclaration check could not
 * be made linear (`acorn-scopes.ts`): espree (acorn) checks each `let`/`const` against every
 * earlier declaration of its scope, which is quadratic (40,000 module-scope constants took 30 s);
 * the TypeScript parser is linear there, but needs a third more time and memory than espree.
 */
const ESPREE_MAX_CHARS = 64 * 1024;
/** Distinct configs kept ready (kind of file x handler settings); past this the cache starts over. */
const MAX_CACHED_CONFIGS = 256;

interface ConfigArray {
  normalizeSync(): void;
  getConfig(filename: string): unknown;
}
type ConfigArrayClass = new (configs: unknown[], options: { basePath: string }) => ConfigArray;

/**
 * ESLint's own config-array class, found by path (it is not exported). Given a plain array,
 * `Linter#verify` builds one of these for every file it lints, and merges and validates the
 * config again for it: a tenth of the lint time on a 2,000-file project. Given an instance (ESLint
 * checks for a `getConfig` method), it uses it as is; so each distinct config is built once.
 * Another ESLint layout, where the file is not found, gets plain arrays: slower, same results.
 */
export function loadConfigArrayClass(): ConfigArrayClass | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { FlatConfigArray } = require(join(dirname(require.resolve('eslint')), 'config', 'flat-config-array.js')) as { FlatConfigArray?: unknown };
    if (typeof FlatConfigArray !== 'function') return undefined;
    const prototype = (FlatConfigArray as { prototype: Partial<ConfigArray> }).prototype;
    return typeof prototype.getConfig === 'function' && typeof prototype.normalizeSync === 'function' ? (FlatConfigArray as ConfigArrayClass) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lints one file at a time through ESLint's Linter with the lambdalint rules, and records the
 * file's code facts from the same parse. Rule failures are isolated per rule and file.
 */
export function createFileLinter(host: ProjectHost, options: FileLinterOptions): (file: string, handlers: HandlerSetting[]) => LintedFile {
  let lastFacts: CodeFacts | undefined;
  let failures: RuleFailure[] = [];
  const factsRule = createFactsRule((_, facts) => {
    lastFacts = facts;
  });
  const guardedRules: Record<string, Rule.RuleModule> = {};
  for (const [id, rule] of Object.entries(plugin.rules)) {
    guardedRules[id] = guardRule(id, rule as unknown as Rule.RuleModule, (failure) => failures.push(failure));
  }
  // Known to ESLint (so `eslint-disable` comments may name them), never enabled here: the CLI runs the real rules.
  Object.assign(guardedRules, cliRulePlaceholders);
  const ruleConfig: Linter.RulesRecord = { [`${FACTS_PLUGIN}/facts`]: 'error' };
  for (const [id, setting] of Object.entries(options.rules)) {
    ruleConfig[`lambdalint/${id}`] = setting.options ? [setting.severity, ...setting.options] : setting.severity;
  }
  const linter = new Linter({ configType: 'flat', cwd: host.root });
  const espreeLinear = makeAcornScopesLinear();
  const ConfigArrayClass = options.configPerFile ? undefined : loadConfigArrayClass();
  const configArrays = new Map<string, ConfigArray>();
  /** The config as ESLint's verify takes it: one ready-built config array per distinct config. */
  const configFor = (key: string, config: Linter.Config): Linter.Config[] => {
    if (!ConfigArrayClass) return [config];
    let array = configArrays.get(key);
    if (!array) {
      if (configArrays.size >= MAX_CACHED_CONFIGS) configArrays.clear();
      array = new ConfigArrayClass([config], { basePath: host.root });
      array.normalizeSync();
      configArrays.set(key, array);
    }
    return array as unknown as Linter.Config[];
  };
  const baseConfig = {
    // ESLint 10 lints only files a config's `files` names explicitly.
    files: CODE_FILES,
    languageOptions: { parser: tsParser as unknown as Linter.Parser },
    plugins: {
      lambdalint: { ...plugin, rules: guardedRules } as unknown as ESLint.Plugin,
      [FACTS_PLUGIN]: { rules: { facts: factsRule as unknown as TSESLint.RuleModule<string, unknown[]> } } as unknown as ESLint.Plugin,
    },
    rules: ruleConfig,
    linterOptions: { reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ? ('warn' as const) : ('off' as const) },
  };

  return (file, handlers) => {
    const outcome = host.read(file);
    if (!outcome.ok) {
      return {
        file,
        findings: [{ ruleId: 'parse-error', severity: outcome.reason === 'too-large' ? 'warning' : 'error', message: outcome.detail, file, line: 1, column: 1 }],
        facts: emptyFacts(),
        imports: [],
      };
    }
    const scan = scanJs(outcome.text, MAX_JS_NESTING);
    const deep = scan.deep;
    if (deep) {
      return {
        file,
        findings: [{ ruleId: 'parse-error', severity: 'error', message: `Brackets nest deeper than ${MAX_JS_NESTING} levels: the file is not linted (parsers crash on such depth)`, file, ...deep }],
        // Unknown exports ('*'), not analysed: cross rules say nothing about this file.
        facts: { ...emptyFacts(), exportNames: ['*'] },
        imports: [],
      };
    }
    const maxTokens = options.maxTokens ?? MAX_LINT_TOKENS;
    if (scan.tokens > maxTokens) {
      return {
        file,
        findings: [{
          ruleId: 'parse-error',
          severity: 'warning',
          message: `skipped: ${scan.tokens.toLocaleString('en-US')} tokens, over the ${maxTokens.toLocaleString('en-US')} linted per file (about 2 KB of memory each); if it is generated or bundled, exclude it with --ignore-pattern`,
          file,
          line: 1,
          column: 1,
        }],
        facts: { ...emptyFacts(), exportNames: ['*'] },
        imports: [],
      };
    }
    const typescript = TS_FILE.test(file) || (!espreeLinear && outcome.text.length > ESPREE_MAX_CHARS);
    const sourceType = /\.c[jt]s$/.test(file) ? ('commonjs' as const) : ('module' as const);
    const settings = { lambdalint: { handlers, handlerNames: options.handlerNames, runtime: handlers[0]?.runtime } };
    const config = {
      ...baseConfig,
      languageOptions: {
        // JavaScript goes to ESLint's own parser (espree), several times faster than the TypeScript
        // parser; only TypeScript files need the latter.
        ...(typescript ? baseConfig.languageOptions : { ecmaVersion: 'latest' as const, parserOptions: { ecmaFeatures: { jsx: true } } }),
        sourceType,
      },
      settings,
    };
    lastFacts = undefined;
    failures = [];
    let messages: Linter.LintMessage[];
    let suppressed: Linter.SuppressedLintMessage[] = [];
    try {
      messages = linter.verify(outcome.text, configFor(`${typescript}\0${sourceType}\0${JSON.stringify(settings)}`, config), { filename: host.absolute(file) });
      // Public since ESLint 8 (`Linter#getSuppressedMessages`), missing from its type declarations.
      suppressed = (linter as unknown as { getSuppressedMessages(): Linter.SuppressedLintMessage[] }).getSuppressedMessages();
    } catch (error) {
      // Only the parser or ESLint itself can get here: rules are guarded.
      messages = [];
      failures.push({ ruleId: 'eslint', message: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    }
    const facts = lastFacts ?? emptyFacts();
    const imports = new Set<string>();
    for (const specifier of facts.relativeImports) {
      const resolved = resolveRelativeImport(file, specifier, host);
      if (resolved) imports.add(resolved);
    }
    // Inline comments that name other plugins' rules (`eslint-disable import/x`, `/* eslint import/x: 0 */`)
    // make ESLint report "rule not found": those belong to the user's own ESLint run, not ours.
    const findings = messages.filter((m) => m.fatal || m.ruleId === null || m.ruleId.startsWith(RULE_PREFIX)).flatMap((m) => toFindings(file, m));
    for (const m of suppressed) {
      if (m.ruleId?.startsWith(RULE_PREFIX)) findings.push({ ...toFinding(file, m), suppressions: m.suppressions.map((s) => ({ kind: 'directive', justification: s.justification })) });
    }
    for (const failure of failures) {
      findings.push({
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule '${failure.ruleId}' failed on this file (${failure.message}); the other rules and files were still checked (please report it with this file).`,
        file,
        line: 1,
        column: 1,
      });
    }
    return { file, findings, facts, imports: [...imports].sort() };
  };
}

const KNOWN_RULES = [...Object.keys(codeRules), ...Object.keys(cliRulePlaceholders)];
const UNKNOWN_RULE = /^Definition for rule '([^']+)' was not found\.$/;
const UNUSED_FROM = /^Unused eslint-disable directive \(no problems were reported from (.*)\)\.$/;

/**
 * ESLint's message as lambdalint findings. "Definition for rule 'lambdalint/x' was not found"
 * becomes an `unknown-rule` finding with a "did you mean"; ESLint's unused-directive reports leave
 * out config and cross rules, which lambdalint applies and reports itself (src/suppressions.ts).
 */
function toFindings(file: string, message: Linter.LintMessage): Finding[] {
  const unknown = message.ruleId ? UNKNOWN_RULE.exec(message.message) : null;
  if (unknown) return [unknownRuleFinding(unknown[1], 'eslint-disable comment', { file, line: message.line || 1, column: message.column || 1 }, KNOWN_RULES)];
  const unused = message.ruleId === null && !message.fatal ? UNUSED_FROM.exec(message.message) : null;
  if (unused) {
    const names = [...unused[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const ours = names.filter((n) => !(n.startsWith(RULE_PREFIX) && Object.hasOwn(cliRulePlaceholders, n.slice(RULE_PREFIX.length))));
    if (ours.length === 0) return [];
    if (ours.length < names.length) {
      const quoted = ours.map((n) => `'${n}'`);
      return [{ ...toFinding(file, message), message: `Unused eslint-disable directive (no problems were reported from ${quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}`}).` }];
    }
  }
  return [toFinding(file, message)];
}

function toFinding(file: string, message: Linter.LintMessage): Finding {
  // A message with no rule and no fatal flag is an unused disable directive.
  const ruleId = message.fatal ? 'parse-error' : message.ruleId === null ? 'unused-disable-directive' : message.ruleId.replace(/^lambdalint\//, '');
  const configured = message.severity === 2 ? 'error' : 'warning';
  const cap = codeRules[ruleId as keyof typeof codeRules]?.meta.docs?.messageSeverity?.[message.messageId ?? ''];
  return {
    ruleId,
    severity: cap === 'info' || (cap === 'warning' && configured === 'error') ? cap : configured,
    message: message.message,
    messageId: message.messageId,
    file,
    line: message.line || 1,
    column: message.column || 1,
    endLine: message.endLine,
    endColumn: message.endColumn,
  };
}
