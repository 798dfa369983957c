// cfn-lint-style snapshot tests: each fixture project in, the exact config findings out.
// A change in loaders or config rules shows up as a diff of test/snapshots/<fixture>.json.
// Review a diff by hand before accepting it (vitest -u).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeConfigs } from '../src/analyze.js';
import { presetSettings } from '../src/rule-settings.js';
import { configRules } from '../rules/config-index.js';

const FIXTURES = ['sam-app', 'cloudformation-app', 'serverless-app', 'terraform-app', 'cdk-app'];
/** Pinned so deprecated-runtime findings do not change with the calendar. */
const NOW = new Date('2026-11-27T00:00:00Z');
const root = join(import.meta.dirname, '..', 'fixtures');
/** Rule/format pairs that cannot apply, with the reason. */
const NOT_APPLICABLE = new Set([
  // The Serverless Framework deploys 1024 MB when memorySize is unset: never Lambda's 128 MB default.
  'no-default-memory on serverless-app',
  // Duplicate keys are a YAML/JSON matter: HCL and TypeScript report them themselves (terraform validate, tsc).
  'no-duplicate-key on terraform-app',
  'no-duplicate-key on cdk-app',
]);

describe('config rules on every fixture format (strict: every config rule on)', () => {
  for (const fixture of FIXTURES) {
    it(fixture, async () => {
      const { model, findings } = await analyzeConfigs([fixture], { root, rules: presetSettings('strict'), now: NOW });
      expect(model.functions.length).toBeGreaterThan(0);
      const rows = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}${f.functions ? ` [${f.functions.join(', ')}]` : ''}`);
      await expect(`${JSON.stringify(rows, null, 2)}\n`).toMatchFileSnapshot(join('snapshots', `${fixture}.json`));
    });
  }

  it('every config rule fires on at least one fixture, and on every format it applies to', async () => {
    const byRule = new Map<string, Set<string>>();
    for (const fixture of FIXTURES) {
      const { findings } = await analyzeConfigs([fixture], { root, rules: presetSettings('strict'), now: NOW });
      for (const f of findings) byRule.set(f.ruleId, new Set([...(byRule.get(f.ruleId) ?? []), fixture]));
    }
    const missing: string[] = [];
    for (const rule of Object.keys(configRules)) {
      const formats = byRule.get(rule) ?? new Set();
      for (const fixture of FIXTURES) if (!formats.has(fixture) && !NOT_APPLICABLE.has(`${rule} on ${fixture}`)) missing.push(`${rule} on ${fixture}`);
    }
    expect(missing).toEqual([]);
  });
});
