import { RuleTester } from '@typescript-eslint/rule-tester';

/** ESM + TypeScript by default; use `cjs()` for CommonJS cases. */
export function createRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    ...(settings ? { settings } : {}),
  });
}

/** languageOptions for a CommonJS (script) case. */
export const CJS = { parserOptions: { ecmaVersion: 'latest' as const, sourceType: 'script' as const } };
