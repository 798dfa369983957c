// The ESLint plugin in the editor: comments that name config and cross rules are known and used.
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin, { flatIgnores } from '../src/plugin.js';
import { resolveRuleSettings } from '../src/rule-settings.js';
import { writeProject } from './helpers/temp-project.js';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import { codeRules } from '../rules/index.js';

function lint(code: string, config = plugin.configs.recommended): { messages: Linter.LintMessage[]; suppressed: Linter.SuppressedLintMessage[] } {
  const linter = new Linter({ configType: 'flat', cwd: process.cwd() });
  const messages = linter.verify(code, [config as Linter.Config, { linterOptions: { reportUnusedDisableDirectives: 'error' } }], { filename: `${process.cwd()}/handler.mjs` });
  const suppressed = (linter as unknown as { getSuppressedMessages(): Linter.SuppressedLintMessage[] }).getSuppressedMessages();
  return { messages, suppressed };
}

describe('config and cross rules in the ESLint plugin', () => {
  it.each([...Object.keys(configRules), ...Object.keys(crossRules)])('%s: known by name, the comment counts as used, nothing shows', (id) => {
    const { messages } = lint(`// eslint-disable-next-line lambdalint/${id} -- reason\nexport const handler = async () => process.env.X;\n`);
    expect(messages).toEqual([]);
  });

  it('also `eslint-disable-line` and block comments; a typo is reported by ESLint', () => {
    expect(lint('export const a = process.env.X; // eslint-disable-line lambdalint/undefined-env-var\n').messages).toEqual([]);
    expect(lint('/* eslint-disable-next-line lambdalint/undefined-env-var */\nexport const a = process.env.X;\n').messages).toEqual([]);
    expect(lint('// eslint-disable-next-line lambdalint/undefined-env-vars\nexport const a = 1;\n').messages.map((m) => m.message)).toEqual([
      "Definition for rule 'lambdalint/undefined-env-vars' was not found.",
    ]);
  });

  it('the placeholders stay out of the rule list that tools enumerate', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(Object.keys(codeRules).sort());
    expect(Object.hasOwn(plugin.rules, 'undefined-env-var')).toBe(true);
  });
});

describe('lambdalint.configs.fromProject: one configuration for editor and CLI', () => {
  const AWS = "import AWS from 'aws-sdk';\nexport const handler = async () => AWS;\n";

  function lintIn(dir: string, file: string, code: string): string[] {
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const config = plugin.configs.fromProject(dir) as Linter.Config;
    return linter.verify(code, [config], { filename: join(dir, file) }).map((m) => m.ruleId ?? m.message);
  }

  it('without a configuration: the recommended rules', () => {
    const dir = writeProject({});
    expect(lintIn(dir, 'src/a.mjs', AWS)).toEqual(['lambdalint/no-aws-sdk-v2']);
  });

  it('a rule turned off in lambdalint.config.json is off in ESLint too; ignorePatterns and handlerNames carry over', () => {
    const dir = writeProject({
      'lambdalint.config.json': JSON.stringify({ extends: 'strict', rules: { 'lambdalint/no-aws-sdk-v2': 0, 'no-heavy-import': ['warn', { maxBytes: 1 }] }, ignorePatterns: ['legacy'], handlerNames: ['main'] }),
    });
    const config = plugin.configs.fromProject(dir);
    expect(config.rules?.['lambdalint/no-aws-sdk-v2']).toBeUndefined();
    expect(config.rules?.['lambdalint/no-heavy-import']).toEqual(['warn', { maxBytes: 1 }]);
    // The same code-rule settings the CLI uses.
    const cli = resolveRuleSettings({ extends: 'strict', rules: { 'no-aws-sdk-v2': 'off', 'no-heavy-import': ['warn', { maxBytes: 1 }] } });
    for (const id of Object.keys(codeRules)) expect(config.rules?.[`lambdalint/${id}`] !== undefined, id).toBe(id in cli);
    expect(config.settings).toEqual({ lambdalint: { handlerNames: ['main'] } });
    expect(lintIn(dir, 'src/a.mjs', AWS)).toEqual([]);
    expect(config.ignores).toEqual(['**/legacy', '**/legacy/**']);
  });

  it('from the "lambdalint" key of package.json', () => {
    const dir = writeProject({ 'package.json': JSON.stringify({ name: 'x', lambdalint: { rules: { 'no-aws-sdk-v2': 'off' } } }) });
    expect(lintIn(dir, 'src/a.mjs', AWS)).toEqual([]);
  });

  it('an invalid configuration throws the CLI\'s one-line message', () => {
    const dir = writeProject({ 'lambdalint.config.json': '{"rules": {"no-aws-sdk-2": "off"}}' });
    expect(() => plugin.configs.fromProject(dir)).toThrow(/lambdalint\.config\.json:1:12: unknown rule "no-aws-sdk-2"; did you mean "no-aws-sdk-v2"\?$/);
  });

  it('.gitignore-style patterns as flat-config globs', () => {
    expect(flatIgnores('legacy/**')).toEqual(['legacy/**']);
    expect(flatIgnores('/build/')).toEqual(['build', 'build/**']);
    expect(flatIgnores('src/gen')).toEqual(['src/gen', 'src/gen/**']);
    expect(flatIgnores('*.gen.ts')).toEqual(['**/*.gen.ts', '**/*.gen.ts/**']);
    expect(flatIgnores('!keep.ts')).toEqual(['!**/keep.ts', '!**/keep.ts/**']);
  });
});
