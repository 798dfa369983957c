// fixtures/handler-tracing: each way a config reaches its handler's source through a build step.
// The `undefined-env-var` finding in the source file proves the link (the right file for the
// right function), and every function's code status is pinned.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../src/analyze.js';
import { codeStatus } from '../src/project/code-status.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'handler-tracing');

async function trace(project: string) {
  const result = await analyzeProject({
    root: join(root, project),
    rules: { 'handler-resolves': { severity: 'error' }, 'undefined-env-var': { severity: 'error' } },
    workers: 0,
  });
  return {
    findings: result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} [${(f.functions ?? []).join(', ')}]`),
    status: Object.fromEntries(result.functions.map((l) => [l.fn.name, codeStatus(l)])),
  };
}

describe('handler tracing (fixtures/handler-tracing)', () => {
  it('SAM esbuild: EntryPoints in folders name the outputs the handler points at', async () => {
    const { findings, status } = await trace('sam-esbuild');
    expect(status).toEqual({
      CreateOrderFunction: { status: 'linted', file: 'orders/src/handlers/create.ts' },
      ExpireOrdersFunction: { status: 'linted', file: 'orders/src/jobs/expire.ts' },
    });
    expect(findings).toEqual([
      'undefined-env-var orders/src/handlers/create.ts:4 [CreateOrderFunction]',
      'undefined-env-var orders/src/jobs/expire.ts:3 [ExpireOrdersFunction]',
    ]);
  });

  it('SAM CodeUri naming one file: that file is the handler module', async () => {
    const { findings, status } = await trace('codeuri-file');
    expect(status).toEqual({ PingFunction: { status: 'linted', file: 'src/ping.js' } });
    expect(findings).toEqual(['undefined-env-var src/ping.js:4 [PingFunction]']);
  });

  it('build scripts: esbuild script, package.json esbuild + zip, rollup, webpack and tsup configs map the output back to the source', async () => {
    const { findings, status } = await trace('build-scripts');
    expect(status).toEqual({
      'aws_lambda_function.api': { status: 'linted', file: 'esbuild-api/src/routes/products.ts' },
      monthly: { status: 'linted', file: 'zip-report/src/report.ts' },
      ResizeFunction: { status: 'linted', file: 'rollup-jobs/src/jobs/resize-image.ts' },
      OrderEventsFunction: { status: 'linted', file: 'webpack-events/src/order-events.ts' },
      cleanup: { status: 'linted', file: 'tsup-cron/src/cleanup.ts' },
    });
    expect(findings).toEqual([
      'undefined-env-var esbuild-api/src/routes/products.ts:4 [aws_lambda_function.api]',
      'undefined-env-var rollup-jobs/src/jobs/resize-image.ts:3 [ResizeFunction]',
      'undefined-env-var tsup-cron/src/cleanup.ts:3 [cleanup]',
      'undefined-env-var webpack-events/src/order-events.ts:4 [OrderEventsFunction]',
      'undefined-env-var zip-report/src/report.ts:3 [monthly]',
    ]);
  });

  it('other runtimes and images are config-only, never handler-resolves', async () => {
    const { findings, status } = await trace('other-runtimes');
    expect(status).toEqual({
      PricesFunction: { status: 'config-only', reason: 'other runtime (provided.al2023)' },
      InvoiceFunction: { status: 'config-only', reason: 'other runtime (Java or .NET handler)' },
      TaxFunction: { status: 'config-only', reason: 'other runtime (dotnet8)' },
      RenderFunction: { status: 'config-only', reason: 'container image' },
    });
    expect(findings).toEqual([]);
  });

  it('build output no build config explains: config-only with the reason, no guess', async () => {
    const { findings, status } = await trace('unknown-build-output');
    expect(status).toEqual({
      register: { status: 'config-only', reason: 'build output, source unknown' },
      confirm: { status: 'config-only', reason: 'build output, source unknown' },
    });
    expect(findings).toEqual([]);
  });
});
