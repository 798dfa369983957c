// Fixture projects whose handlers are reached only through a helper function (serverless.ts),
// a wrapper construct (CDK) or a module call (Terraform). Each asserts the link through a cross
// rule: a variable the traced handler reads but its config does not define is reported in the
// handler file; variables defined through the helper, the construct's props or the module's
// variables are not; and no handler is reported as unresolved.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../src/analyze.js';

const root = (fixture: string) => join(import.meta.dirname, '..', 'fixtures', fixture);

async function findings(fixture: string): Promise<string[]> {
  const result = await analyzeProject({
    root: root(fixture),
    rules: { 'undefined-env-var': { severity: 'error' }, 'handler-resolves': { severity: 'error' } },
    workers: 0,
  });
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${(f.message.match(/process\.env\.(\w+)/) ?? [])[1] ?? ''} [${(f.functions ?? []).join(', ')}]`.trim());
}

describe('handlers traced through helpers, wrapper constructs and modules', () => {
  it('serverless.ts: handlerPath(__dirname) through tsconfig paths, and a helper of path.join', async () => {
    expect(await findings('serverless-ts-app')).toEqual([
      'undefined-env-var src/functions/hello/handler.ts:8 GREETING_SIGNATURE [hello]',
      'undefined-env-var src/functions/ping/handler.ts:5 PING_TARGET [ping]',
    ]);
  });

  it('Terraform: a local module called twice (variables substituted) and a registry wrapper (nozaq/lambda-auto-package)', async () => {
    expect(await findings('terraform-modules-app')).toEqual([
      'undefined-env-var src/orders/index.mjs:13 ORDERS_TOPIC_ARN [module.orders]',
      'undefined-env-var src/reports/report.mjs:6 REPORT_FORMAT [module.reports]',
      'undefined-env-var src/thumbnail/index.mjs:3 THUMB_QUALITY [module.thumbnail]',
    ]);
  });

  it('CDK: constructs of the project wrapping NodejsFunction and lambda.Function, props mapped through', async () => {
    expect(await findings('cdk-constructs-app')).toEqual([
      'undefined-env-var lambda/audit/index.js:3 AUDIT_RETENTION_DAYS [Audit/Function]',
      'undefined-env-var src/orders/index.ts:12 PAYMENT_URL [CreateOrder/Handler]',
      'undefined-env-var src/users/index.ts:6 TABLE_NAME [GetUser/Handler]',
    ]);
  });
});
