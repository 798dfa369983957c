import { RuleTester } from '@typescript-eslint/rule-tester';

type RunArgs = Parameters<RuleTester['run']>;

/**
 * Every expected error pins its `line`: a case that only names the messageId still passes when
 * the rule reports the right problem at the wrong place.
 */
class PinnedRuleTester extends RuleTester {
  override run(...[name, rule, tests]: RunArgs): void {
    for (const test of tests.invalid) {
      const unpinned = test.errors.findIndex((error) => typeof error !== 'object' || error.line === undefined);
      if (unpinned >= 0) throw new Error(`${name}: invalid case ${JSON.stringify(test.name ?? test.code.slice(0, 60))} does not pin the line of error ${unpinned + 1}`);
    }
    super.run(name, rule, tests);
  }
}

/** ESM + TypeScript by default; use `cjs()` for CommonJS cases. */
export function createRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new PinnedRuleTester({
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    ...(settings ? { settings } : {}),
  });
}

/** languageOptions for a CommonJS (script) case. */
export const CJS = { parserOptions: { ecmaVersion: 'latest' as const, sourceType: 'script' as const } };
