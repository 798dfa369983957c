/**
 * Issue 14, class 7: scope lookups of the code rules stay linear. `ASTUtils.findVariable` given a
 * node searched the child scopes of the identifier's scope one by one before looking the name
 * up: in a handler with thousands of callbacks, every lookup read every callback's scope, and
 * `no-floating-promise` took 51 s on 10,000 `p.then((r) => r)` lines. The test counts those reads
 * (no timing): a linear lookup reads none of them.
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../../rules/index.js';

/** Reads of a child-scope entry, across every scope of the linted file. */
let childScopeReads = 0;

function countChildScopeReads(scope: TSESLint.Scope.Scope): void {
  const children = scope.childScopes;
  for (const child of children) countChildScopeReads(child);
  const counted = new Proxy(children, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) childScopeReads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  Object.defineProperty(scope, 'childScopes', { value: counted });
}

/** The TypeScript parser, with every scope's `childScopes` counting its reads. */
const countingParser = {
  parseForESLint(code: string, options: unknown) {
    const result = tsParser.parseForESLint(code, options as Parameters<typeof tsParser.parseForESLint>[1]);
    for (const scope of result.scopeManager?.scopes ?? []) if (scope.type === 'module' || scope.type === 'global') countChildScopeReads(scope);
    return result;
  },
};

const SCOPE_RULES = ['no-floating-promise', 'no-client-in-handler', 'no-hardcoded-config', 'report-batch-item-failures'] as const;

function lint(code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, [{
    files: ['**/*.js'],
    languageOptions: { parser: countingParser as unknown as Linter.Parser, sourceType: 'commonjs' },
    plugins: { lambdalint: { rules: codeRules } as unknown as ESLint.Plugin },
    rules: Object.fromEntries(SCOPE_RULES.map((id) => [`lambdalint/${id}`, 'error'])),
    settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'] }] } },
  }], { filename: 'handler.js' });
}

/** A handler with `count` promises, each followed through a callback: as many child scopes of the handler. */
function promisesWithCallbacks(count: number): string {
  const lines = ['const { SQSClient } = require("@aws-sdk/client-sqs");', 'async function work(x) { return x; }', 'exports.handler = async (event) => {'];
  for (let i = 0; i < count; i++) lines.push(`  const p${i} = work(event); p${i}.then((r) => r); const c${i} = new SQSClient({ region: 'eu-west-1' }); c${i}.send(p${i});`);
  lines.push('  for (const record of event.Records) await work(record);', '};');
  return `${lines.join('\n')}\n`;
}

describe('scope lookups of the code rules', () => {
  it('read no child scope per lookup: 400 callbacks in a handler, every promise still reported', () => {
    childScopeReads = 0;
    const count = 400;
    const messages = lint(promisesWithCallbacks(count));
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    // Each promise is found through its variable (the lookups under test).
    expect(messages.filter((m) => m.ruleId === 'lambdalint/no-floating-promise')).toHaveLength(count);
    // Linear: a bounded number of reads per callback (a child-scope search per lookup read 80,000 here).
    expect(childScopeReads).toBeLessThan(4 * count);
  });
});
