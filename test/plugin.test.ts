// The ESLint plugin in the editor: comments that name config and cross rules are known and used.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin.js';
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
