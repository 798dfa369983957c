// The ESLint plugin as a user runs it: the real `eslint` binary, a flat `eslint.config.js` that
// imports the built package by name (`import lambdalint from 'lambdalint'`), over fixtures/.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRules } from '../rules/index.js';

const root = join(import.meta.dirname, '..');

interface EslintFileResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; fatal?: boolean; message: string }>;
}

function runEslint(): EslintFileResult[] {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', 'fixtures/eslint.config.js', '--format', 'json', 'fixtures'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // 1: lint errors found (expected: the fixtures have deliberate problems); 2 would be a crash.
  expect(result.status, result.stderr).toBe(1);
  return JSON.parse(result.stdout) as EslintFileResult[];
}

/** Every problem ESLint reports on fixtures/, as `file:line rule`. Each is a deliberate one (marked BROKEN in the fixture). */
const EXPECTED = [
  'fixtures/cdk-app/lambda/import.js:6 lambdalint/temporary-credentials',
  'fixtures/cdk-app/lambda/orders.ts:7 lambdalint/handler-error-boundary',
  'fixtures/cdk-app/lambda/orders.ts:8 lambdalint/handler-error-boundary',
  'fixtures/cdk-app/lib/shop-stack.ts:65 lambdalint/no-hardcoded-secret',
  'fixtures/cloudformation-app/src/api/index.mjs:15 lambdalint/handler-error-boundary',
  'fixtures/code-smells/src/digest.mjs:2 lambdalint/no-heavy-import',
  'fixtures/code-smells/src/ingest.mjs:11 lambdalint/report-batch-item-failures',
  'fixtures/code-smells/src/legacy-webhook.mjs:2 lambdalint/no-callback-handler',
  'fixtures/code-smells/src/notify.mjs:10 lambdalint/no-floating-promise',
  'fixtures/code-smells/src/notify.mjs:11 lambdalint/no-swallowed-error',
  'fixtures/monorepo/services/events/src/audit.js:1 lambdalint/no-aws-sdk-v2',
  'fixtures/monorepo/services/web/lambda/api.ts:10 lambdalint/handler-error-boundary',
  'fixtures/sam-app/src/legacy/export.js:1 lambdalint/no-aws-sdk-v2',
  'fixtures/sam-app/src/legacy/export.js:15 lambdalint/no-hardcoded-config',
  'fixtures/sam-app/src/legacy/export.js:7 lambdalint/no-client-in-handler',
  'fixtures/sam-app/src/orders/create.mjs:15 lambdalint/handler-error-boundary',
  'fixtures/sam-app/src/reports/index.ts:11 lambdalint/handler-error-boundary',
  'fixtures/sam-app/src/webhook/index.mjs:2 lambdalint/handler-error-boundary',
  'fixtures/serverless-app/peers/src/import.mjs:3 lambdalint/process-all-records',
  'fixtures/serverless-app/src/handlers/get-order.ts:10 lambdalint/handler-error-boundary',
  'fixtures/serverless-app/src/handlers/list-orders.ts:8 lambdalint/handler-error-boundary',
  // Without the deploy config ESLint cannot see batch_size = 1: reported here, not by the CLI.
  'fixtures/terraform-app/peers/src/import.mjs:4 lambdalint/process-all-records',
  'fixtures/terraform-app/src/orders/index.mjs:6 lambdalint/handler-error-boundary',
  'fixtures/terraform-app/src/orders/index.mjs:7 lambdalint/handler-error-boundary',
];

describe('eslint CLI with lambdalint.configs.recommended over fixtures/', () => {
  const results = runEslint();
  const found = results
    .flatMap((file) => file.messages.map((m) => `${relative(root, file.filePath)}:${m.line} ${m.ruleId ?? (m.fatal ? 'parse-error' : 'none')}`))
    .sort();

  it('reports exactly the deliberate problems, with rule ids and lines', () => {
    expect(found).toEqual(EXPECTED);
  });

  it('covers every code rule', () => {
    const rules = new Set(found.map((row) => row.split(' ')[1]));
    expect(Object.keys(codeRules).filter((id) => !rules.has(`lambdalint/${id}`))).toEqual([]);
  });

  it('parses every fixture file (no fatal errors)', () => {
    expect(results.flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.filePath}: ${m.message}`))).toEqual([]);
  });
});
