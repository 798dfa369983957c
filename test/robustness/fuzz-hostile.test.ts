/**
 * Fuzzing the hostile shapes of issue 14 at random sizes: value expansion, alias fan-out,
 * brackets inside strings and long lines. Each input must stay within the per-input time limit
 * of the harness; the expected diagnostics follow from the size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasFanOut, cdkExpansion, cloudFormationExpansion, serverlessExpansion } from '../../bench/hostile-cases.mjs';
import { jsNestingPosition } from '../../src/code/nesting.js';
import { loadCdk } from '../../src/loaders/cdk.js';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { loadServerless } from '../../src/loaders/serverless.js';
import { parseDotenv } from '../../src/loaders/serverless/variables.js';
import { MAX_ALIAS_EXPANSION, parseYaml } from '../../src/loaders/yaml-tree.js';
import { assertLoadResult, fuzz, memoryHost, runs } from './generators/harness.js';

const BUDGET = /passed this file's budget/;

describe('fuzz: hostile shapes', () => {
  it('value expansion: bounded, a budget warning exactly when the expansion passes 10 M characters', async () => {
    const shape = fc.record({ levels: fc.integer({ min: 1, max: 7 }), fan: fc.integer({ min: 1, max: 12 }), kind: fc.constantFrom('sls', 'Sub', 'Join') });
    await fuzz('expansion', shape, runs(60), ({ levels, fan, kind }) => {
      const file = kind === 'sls' ? 'serverless.yml' : 'template.yaml';
      const text = kind === 'sls' ? serverlessExpansion(levels, fan) : cloudFormationExpansion(levels, fan, 1000, kind);
      const files = { [file]: text };
      const result = kind === 'sls' ? loadServerless(file, text, memoryHost(files)) : loadCloudFormation(file, text, memoryHost(files));
      assertLoadResult(result, files);
      expect(result.functions).toHaveLength(1);
      const expanded = (kind === 'sls' ? 100 : 1000) * fan ** levels;
      if (expanded > 20_000_000) expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(BUDGET));
      if (expanded < 1_000_000) expect(result.diagnostics).toEqual([]);
    });
  }, 120_000);

  it('CDK value expansion (template literals, string +): bounded, a budget warning when the expansion passes 10 M characters', async () => {
    const shape = fc.record({ levels: fc.integer({ min: 1, max: 7 }), fan: fc.integer({ min: 1, max: 12 }), kind: fc.constantFrom('template', 'plus') });
    await fuzz('CDK expansion', shape, runs(20), ({ levels, fan, kind }) => {
      const text = cdkExpansion(levels, fan, kind);
      const files = { 'lib/stack.ts': text };
      const result = loadCdk('lib/stack.ts', text, memoryHost(files));
      assertLoadResult(result, files);
      expect(result.functions).toHaveLength(1);
      const expanded = 100 * fan ** levels;
      // Constants are evaluated again at each use, and each level (each step of a `+` tree) is
      // charged: about the final size times the levels, plus 200 per evaluation step (about one
      // per leaf of 100 characters, two for `+` trees: two to four times the final size).
      const charged = expanded * (levels * (kind === 'plus' ? Math.ceil(Math.log2(fan)) + 1 : 1) + 4);
      // String `+` chains also meet the evaluator's depth limit first (the value is then unknown, silently).
      if (kind === 'template' && expanded > 20_000_000) expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(BUDGET));
      if (charged < 5_000_000) expect(result.diagnostics).toEqual([]);
    });
  }, 120_000);

  it('duplicate keys in large maps: each recorded, never a syntax error, linear', async () => {
    const shape = fc.record({ keys: fc.integer({ min: 1, max: 2000 }), repeated: fc.integer({ min: 0, max: 2000 }), flow: fc.boolean() });
    await fuzz('duplicate keys', shape, runs(30), ({ keys, repeated, flow }) => {
      const dup = Math.min(keys, repeated);
      const pairs: string[] = [];
      for (let i = 0; i < keys; i++) pairs.push(`K${i}: a`);
      for (let i = 0; i < dup; i++) pairs.push(`K${i}: b`);
      const text = flow ? `m: {${pairs.join(', ')}}\n` : `m:\n${pairs.map((p) => `  ${p}`).join('\n')}\n`;
      const parsed = parseYaml('a.yaml', text);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.duplicateKeys ?? []).toHaveLength(dup);
      const map = parsed.documents[0].kind === 'map' ? parsed.documents[0].pairs[0].value : undefined;
      expect(map?.kind === 'map' ? map.pairs.length : -1).toBe(keys);
    });
  }, 120_000);

  it('alias fan-out: bounded, refused exactly when the expanded size passes the limit', async () => {
    const shape = fc.record({ keys: fc.integer({ min: 1, max: 1500 }), aliases: fc.integer({ min: 1, max: 300 }) });
    await fuzz('alias fan-out', shape, runs(60), ({ keys, aliases }) => {
      const text = aliasFanOut(keys, aliases);
      const parsed = parseYaml('template.yaml', text);
      const refused = parsed.diagnostics.some((d) => /too many YAML aliases/.test(d.message));
      // Each alias repeats `keys` pairs of about 10 characters each.
      if (keys * aliases * 16 < MAX_ALIAS_EXPANSION) expect(refused).toBe(false);
      if (keys * aliases * 8 > MAX_ALIAS_EXPANSION + text.length) expect(refused).toBe(true);
    });
  }, 120_000);

  it('brackets inside quoted YAML strings and JS strings are not nesting', async () => {
    const shape = fc.record({ count: fc.integer({ min: 0, max: 2000 }), bracket: fc.constantFrom('[', '{', ']', '}'), quote: fc.constantFrom('"', "'") });
    await fuzz('nesting inside strings', shape, runs(200), ({ count, bracket, quote }) => {
      const inner = bracket.repeat(count);
      const yaml = parseYaml('a.yaml', `a: ${quote}${inner}${quote}\nb: [1, ${quote}${inner}${quote}]\n`);
      expect(yaml.diagnostics).toEqual([]);
      expect(jsNestingPosition(`const a = ${quote}${inner}${quote}; const t = \`${inner}\`; // ${inner}\n`, 10)).toBeUndefined();
    });
  }, 120_000);

  it('long lines: dotenv values and YAML scalars of up to 200 KB stay linear', async () => {
    const shape = fc.record({ length: fc.integer({ min: 0, max: 200_000 }), fill: fc.constantFrom(' ', '\t', 'x', ' #', '[') });
    await fuzz('long lines', shape, runs(40), ({ length, fill }) => {
      const line = fill.repeat(Math.ceil(length / fill.length)).slice(0, length);
      const env = parseDotenv(`A=a${line}b\n`);
      expect(env.has('A')).toBe(true);
      const yaml = parseYaml('a.yaml', `a: "${line.replace(/["\\]/g, '')}"\n`);
      expect(yaml.documents).toHaveLength(1);
    });
  }, 120_000);
});
