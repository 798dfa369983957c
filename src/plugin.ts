import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { codeRules } from '../rules/index.js';
import type { LambdalintDocs } from './rule-creator.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFile } from './cli/config-file.js';
import { allRuleSummaries, resolveRuleSettings, ruleOptionSchemas } from './rule-settings.js';
import { cliRulePlaceholders } from './cli-rule-placeholders.js';

// `../../package.json` from dist/src/plugin.js, `../package.json` from src/plugin.ts (tests run the source).
const pkg = JSON.parse(readPackageJson()) as { name: string; version: string };

function readPackageJson(): string {
  try {
    return readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  } catch {
    return readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  }
}

export const PLUGIN_NAME = 'lambdalint';
export const CODE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

type RuleEntry = [string, { meta: { docs?: LambdalintDocs } }];

interface Plugin {
  meta: { name: string; version: string };
  rules: typeof codeRules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    strict: TSESLint.FlatConfig.Config;
    /**
     * The flat config from the project's `lambdalint.config.json` (or the `lambdalint` key of its
     * package.json) in `dir` (default: the working directory): the same preset, rule settings,
     * ignore patterns and handler names as the CLI, so a rule turned off once is off everywhere.
     */
    fromProject(dir?: string): TSESLint.FlatConfig.Config;
  };
}

const plugin: Plugin = {
  meta: { name: pkg.name, version: pkg.version },
  rules: withPlaceholders(codeRules),
  configs: {} as Plugin['configs'],
};

/**
 * The code rules, plus the config and cross rules as placeholders that ESLint can find by name
 * (`eslint-disable-next-line lambdalint/undefined-env-var`). The placeholders are not enumerable:
 * tools that list a plugin's rules (eslint-doc-generator, rule tables) see only the code rules.
 */
function withPlaceholders(rules: typeof codeRules): typeof codeRules {
  const all = { ...rules };
  for (const [id, rule] of Object.entries(cliRulePlaceholders)) {
    Object.defineProperty(all, id, { value: rule, enumerable: false });
  }
  return all;
}

/** Every placeholder on: they report only what an `eslint-disable` comment suppresses at once. */
function placeholderSettings(): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(Object.keys(cliRulePlaceholders).map((id) => [`${PLUGIN_NAME}/${id}`, 'warn' as const]));
}

/** A config whose rule severities and options come from each rule's own metadata. */
function makeConfig(level: 'recommended' | 'strict'): TSESLint.FlatConfig.Config {
  const rules: TSESLint.FlatConfig.Rules = placeholderSettings();
  for (const [name, rule] of Object.entries(codeRules) as RuleEntry[]) {
    const docs = rule.meta.docs;
    const severity = level === 'recommended' ? docs?.recommended : (docs?.strict ?? 'error');
    if (!severity || severity === 'off') continue;
    const options = level === 'strict' ? docs?.strictOptions : undefined;
    rules[`${PLUGIN_NAME}/${name}`] = options ? [severity, ...options] : severity;
  }
  return {
    name: `${PLUGIN_NAME}/${level}`,
    files: CODE_FILES,
    // The TypeScript parser reads JS as well, so one config covers handler code in either language
    // without the user adding a parser.
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    plugins: { [PLUGIN_NAME]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules,
  };
}

plugin.configs.recommended = makeConfig('recommended');
plugin.configs.strict = makeConfig('strict');
// Not enumerable: tools that list a plugin's configs (eslint-doc-generator) see config objects only.
Object.defineProperty(plugin.configs, 'fromProject', { value: fromProject, enumerable: false });

function fromProject(dir: string = process.cwd()): TSESLint.FlatConfig.Config {
  const root = resolve(dir);
  const loaded = loadConfigFile(root, { knownRules: allRuleSummaries().map((r) => r.id), ruleSchemas: ruleOptionSchemas() });
  const config = loaded?.config ?? {};
  const rules = placeholderSettings();
  for (const [id, setting] of Object.entries(resolveRuleSettings(config))) {
    if (Object.hasOwn(codeRules, id)) rules[`${PLUGIN_NAME}/${id}`] = setting.options ? [setting.severity, ...setting.options] : setting.severity;
  }
  const settings = config.handlerNames ? { ...config.settings, lambdalint: { ...(config.settings?.lambdalint as object | undefined), handlerNames: config.handlerNames } } : config.settings;
  // ESLint reads `ignores` relative to the directory of eslint.config.js: the project's, as a rule.
  const ignores = (config.ignorePatterns ?? []).flatMap((pattern) => flatIgnores(pattern));
  return {
    name: `${PLUGIN_NAME}/from-project`,
    files: CODE_FILES,
    ...(ignores.length > 0 ? { ignores } : {}),
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    plugins: { [PLUGIN_NAME]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules,
    ...(settings ? { settings } : {}),
  };
}

/** A .gitignore-style pattern (lambdalint's `ignorePatterns`) as ESLint flat-config globs. */
export function flatIgnores(pattern: string): string[] {
  const negated = pattern.startsWith('!');
  let glob = negated ? pattern.slice(1) : pattern;
  const anchored = glob.replace(/\/$/, '').includes('/');
  glob = glob.replace(/^\//, '').replace(/\/$/, '');
  if (!anchored && !glob.startsWith('**/')) glob = `**/${glob}`;
  const bang = negated ? '!' : '';
  return glob.endsWith('/**') ? [`${bang}${glob}`] : [`${bang}${glob}`, `${bang}${glob}/**`];
}

export default plugin;
