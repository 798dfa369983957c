/**
 * End-to-end: the BUILT CLI (`node dist/src/cli/bin.js`) as a user runs it, in fixture projects
 * (one per config format, a mixed monorepo, the cross-checks project) and in temporary copies of
 * them that a test edits (config files, suppressions, baselines, broken files).
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPath } from '../helpers/built.js';
import { dedent, writeFiles, writeProject, type Files } from '../helpers/temp-project.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const FIXTURES = join(ROOT, 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

// `npm test` builds first (pretest); a bare `vitest run` on a fresh checkout builds here.
beforeAll(() => {
  builtPath('src/cli/bin.js'); // fails fast when dist/ is older than the sources
}, 300_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd`, without colour and without the caller's LAMBDALINT_DEBUG. */
function lambdalint(cwd: string, args: string[] = []): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.LAMBDALINT_DEBUG;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  functions?: string[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

/**
 * Runtimes whose end of support had passed when these expectations were written. Other runtimes
 * reach theirs as time goes on (the CLI has no option to fix "today"), so `deprecated-runtime`
 * findings for them are left out of the comparison instead of failing next year.
 */
const DEPRECATED_WHEN_WRITTEN = new Set(['nodejs16.x', 'nodejs18.x', 'nodejs20.x']);

function isStable(m: JsonMessage): boolean {
  if (m.ruleId !== 'deprecated-runtime') return true;
  const runtime = /^Runtime (\S+) of /.exec(m.message)?.[1];
  return runtime !== undefined && DEPRECATED_WHEN_WRITTEN.has(runtime);
}

/** `file:line rule-id` for each finding of a `--format json` run, in output order. */
function findingsOf(run: Run): string[] {
  const results = JSON.parse(run.stdout) as JsonResult[];
  return results.flatMap((r) => r.messages.filter(isStable).map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));
}

function messagesOf(run: Run): Array<JsonMessage & { file: string }> {
  return (JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages.filter(isStable).map((m) => ({ ...m, file: r.filePath })));
}

/** A temporary copy of a fixture, with some files replaced or added. */
function copyFixture(name: string, changes: Files = {}): string {
  const dir = writeProject({});
  cpSync(fixture(name), dir, { recursive: true });
  writeFiles(dir, changes);
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

/** One line on stderr, naming the problem; no stack trace. */
function expectUsageError(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lambdalint: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** What the monorepo fixture reports (see fixtures/monorepo/README.md). */
const MONOREPO = [
  'libs/shared/config.mjs:3 undefined-env-var',
  'services/billing/template.yaml:18 sqs-redrive-policy',
  'services/billing/template.yaml:37 batch-item-failures-config',
  'services/events/src/audit.js:1 missing-dependency',
  'services/events/template.json:33 deprecated-runtime',
  'services/ingest/main.tf:8 sqs-redrive-policy',
  'services/orders/serverless.yml:29 handler-resolves',
  'services/web/lambda/api.ts:10 handler-error-boundary',
  'services/web/lib/web-stack.ts:29 handler-resolves',
];

describe.concurrent('fixture projects, one per config format', () => {
  it('serverless-app (serverless.yml with ${file()} includes, useDotenv, serverless-esbuild)', async () => {
    const run = await lambdalint(fixture('serverless-app'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'functions/admin.yml:3 deprecated-runtime',
      'jobs/serverless.yml:16 no-max-timeout',
      'jobs/serverless.yml:18 no-secret-in-environment',
      'peers/serverless.yml:10 async-failure-destination',
      'peers/serverless.yml:12 lambda-limits',
      'peers/serverless.yml:15 no-duplicate-key',
      'peers/serverless.yml:22 sqs-redrive-policy',
      'peers/serverless.yml:31 no-unscoped-permission',
      'peers/src/import.mjs:3 process-all-records',
      'resources/queues.yml:5 sqs-visibility-timeout',
      'serverless.yml:15 deprecated-runtime',
      'serverless.yml:21 timeout-exceeds-integration',
      'serverless.yml:61 async-failure-destination',
      'serverless.yml:86 no-public-function-url',
      'src/handlers/get-order.ts:10 handler-error-boundary',
      'src/handlers/list-orders.ts:8 handler-error-boundary',
    ]);
  });

  it('sam-app (SAM template.yaml with Globals and Metadata)', async () => {
    const run = await lambdalint(fixture('sam-app'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'peers/template.yaml:6 async-failure-destination',
      'peers/template.yaml:14 no-duplicate-key',
      'peers/template.yaml:16 lambda-limits',
      'peers/template.yaml:24 sqs-redrive-policy',
      'peers/template.yaml:33 no-unscoped-permission',
      'src/legacy/export.js:1 no-aws-sdk-v2',
      'src/legacy/export.js:7 no-client-in-handler',
      'src/legacy/export.js:15 no-hardcoded-config',
      'src/orders/create.mjs:15 handler-error-boundary',
      'src/orders/list.mjs:7 handler-error-boundary',
      'src/reports/index.ts:11 handler-error-boundary',
      'src/webhook/index.mjs:2 handler-error-boundary',
      'template.yaml:18 deprecated-runtime',
      'template.yaml:21 timeout-exceeds-integration',
      'template.yaml:87 no-max-timeout',
      'template.yaml:87 timeout-exceeds-integration',
      'template.yaml:96 sqs-redrive-policy',
      'template.yaml:99 sqs-visibility-timeout',
      'template.yaml:126 deprecated-runtime',
      'template.yaml:133 no-secret-in-environment',
      'template.yaml:149 no-public-function-url',
      'template.yaml:155 async-failure-destination',
      'template.yaml:214 async-failure-destination',
    ]);
  });

  it('sam-app with the strict preset from --config <file>', async () => {
    const config = join(writeProject({ 'strict.json': '{ "extends": "strict" }\n' }), 'strict.json');
    const run = await lambdalint(fixture('sam-app'), ['--config', config, '--format', 'json']);
    expect(run.code).toBe(1);
    // log-retention is strict-only; AuditFunction's Metadata ignores it (and its log group keeps 30 days).
    const logRetention = messagesOf(run).filter((m) => m.ruleId === 'log-retention');
    expect(logRetention.map((m) => m.functions?.join())).toEqual([
      'ImportFunction',
      'ListOrdersFunction',
      'ReportFunction',
      'ProcessOrderFunction',
      'LegacyExportFunction',
      'WebhookFunction',
      'ThumbnailFunction',
      'StreamConsumerFunction',
    ]);
  });

  it('cloudformation-app (plain CloudFormation JSON)', async () => {
    const run = await lambdalint(fixture('cloudformation-app'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'batch/template.json:5 async-failure-destination',
      'batch/template.json:12 no-max-timeout',
      'batch/template.json:17 no-secret-in-environment',
      'peers/template.json:5 async-failure-destination',
      'peers/template.json:13 no-duplicate-key',
      'peers/template.json:15 lambda-limits',
      'peers/template.json:18 sqs-redrive-policy',
      'peers/template.json:36 no-unscoped-permission',
      'peers/template.json:44 no-unscoped-permission',
      'src/api/index.mjs:15 handler-error-boundary',
      'template.json:30 deprecated-runtime',
      'template.json:33 timeout-exceeds-integration',
      'template.json:64 sqs-visibility-timeout',
      'template.json:101 deprecated-runtime',
      'template.json:111 no-public-function-url',
      'template.json:152 deprecated-runtime',
    ]);
  });

  it('terraform-app (resources, archive_file, the registry module)', async () => {
    const run = await lambdalint(fixture('terraform-app'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'functions.tf:56 deprecated-runtime',
      'functions.tf:57 no-max-timeout',
      'functions.tf:57 timeout-exceeds-integration',
      'functions.tf:75 sqs-redrive-policy',
      'functions.tf:75 sqs-visibility-timeout',
      'functions.tf:101 deprecated-runtime',
      'functions.tf:106 no-secret-in-environment',
      'functions.tf:114 no-public-function-url',
      'functions.tf:123 async-failure-destination',
      'peers/main.tf:9 async-failure-destination',
      'peers/main.tf:15 lambda-limits',
      'peers/main.tf:19 sqs-redrive-policy',
      'peers/main.tf:32 no-unscoped-permission',
      'src/orders/index.mjs:6 handler-error-boundary',
      'src/orders/index.mjs:7 handler-error-boundary',
      'thumbnail.tf:2 sqs-redrive-policy',
    ]);
  });

  it('cdk-app (NodejsFunction, lambda.Function + Code.fromAsset)', async () => {
    const run = await lambdalint(fixture('cdk-app'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'lambda/import.js:6 temporary-credentials',
      // BROKEN on purpose: it sends to NEXT_QUEUE_URL = queue.queueUrl, the queue that triggers it.
      'lambda/import.js:16 no-recursive-trigger',
      'lambda/orders.ts:7 handler-error-boundary',
      'lambda/orders.ts:8 handler-error-boundary',
      'lib/peers-stack.ts:15 sqs-redrive-policy',
      'lib/peers-stack.ts:20 lambda-limits',
      'lib/peers-stack.ts:25 no-unscoped-permission',
      'lib/shop-stack.ts:40 no-max-timeout',
      'lib/shop-stack.ts:40 timeout-exceeds-integration',
      'lib/shop-stack.ts:50 sqs-redrive-policy',
      'lib/shop-stack.ts:50 sqs-visibility-timeout',
      'lib/shop-stack.ts:61 deprecated-runtime',
      'lib/shop-stack.ts:65 no-secret-in-environment',
      'lib/shop-stack.ts:68 no-public-function-url',
      'lib/shop-stack.ts:72 async-failure-destination',
      'lib/shop-stack.ts:81 sqs-redrive-policy',
    ]);
  });

  it('monorepo (all five formats, shared libraries, workspaces)', async () => {
    const run = await lambdalint(fixture('monorepo'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual(MONOREPO);
    const messages = messagesOf(run);
    // A shared module read by functions of two configs is one finding naming both.
    const shared = messages.find((m) => m.ruleId === 'undefined-env-var')!;
    expect(shared.functions).toEqual(['InvoiceFunction', 'aws_lambda_function.ingest']);
    expect(shared.message).toContain('InvoiceFunction and aws_lambda_function.ingest in services/billing/template.yaml and services/ingest/main.tf');
    // The Terraform comment and the CloudFormation Metadata suppress the two nodejs18.x functions.
    expect(messages.filter((m) => m.functions?.some((f) => f === 'NotifyFunction' || f === 'aws_lambda_function.ingest') && m.ruleId === 'deprecated-runtime')).toEqual([]);
  });

  it('cross-checks (each cross rule broken once; unused-env-var turned on by its lambdalint.config.json)', async () => {
    const run = await lambdalint(fixture('cross-checks'), ['--format', 'json']);
    expect(run.code).toBe(1);
    expect(messagesOf(run).map((m) => `${m.file}:${m.line} ${m.ruleId} ${m.messageId} ${m.functions?.join(',')}`)).toEqual([
      'serverless.yml:18 handler-resolves missingExport resolveBroken',
      'serverless.yml:38 unused-env-var unusedEnvVar unusedBroken',
      'serverless.yml:59 batch-item-failures-config responseIgnored batchBroken',
      'src/notify.mjs:6 undefined-env-var undefinedEnvVar envBroken',
      'src/validate.mjs:1 missing-dependency devDependencyOnly depsBroken',
    ]);
    expect(messagesOf(run).find((m) => m.ruleId === 'unused-env-var')?.severity).toBe(1);
  });
});

describe.concurrent('output formats (monorepo)', () => {
  const monorepo = fixture('monorepo');

  it('stylish (default): grouped by file, rule ids, a summary line, no colour when not a TTY', async () => {
    const run = await lambdalint(monorepo);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\u001b[');
    const lines = run.stdout.split('\n');
    const header = lines.indexOf('libs/shared/config.mjs');
    expect(header).toBeGreaterThan(-1);
    expect(lines[header + 1]).toMatch(/^\s+3:29\s+error\s+process\.env\.EVENT_BUS_NAME has no fallback.*\s+undefined-env-var$/);
    expect(run.stdout).toMatch(/^services\/events\/template\.json\n\s+33:9\s+warning\s+Runtime nodejs20\.x .*deprecated-runtime$/m);
    expect(run.stdout).toMatch(/✖ 9 problems \(6 errors, 3 warnings, 0 infos\), \d+ files checked in [\d.]+m?s/);
  });

  it('json: the shape of ESLint\'s JSON formatter', async () => {
    const run = await lambdalint(monorepo, ['-f', 'json']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<JsonResult & Record<string, unknown>>;
    const config = results.find((r) => r.filePath === 'libs/shared/config.mjs')!;
    expect(config).toMatchObject({ errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [] });
    expect(config.messages[0]).toMatchObject({ ruleId: 'undefined-env-var', severity: 2, line: 3, column: 29, messageId: 'undefinedEnvVar' });
    expect(typeof config.source).toBe('string');
    // Clean files are listed too (as ESLint lists every linted file), without source.
    const clean = results.find((r) => r.filePath === 'services/ingest/src/index.mjs')!;
    expect(clean).toMatchObject({ messages: [], errorCount: 0 });
    expect(clean.source).toBeUndefined();
  });

  it('sarif: SARIF 2.1.0 with rule metadata, help URIs and one result per finding', async () => {
    const run = await lambdalint(monorepo, ['--format', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('lambdalint');
    const rule = sarifRun.tool.driver.rules.find((r) => r.id === 'handler-resolves')!;
    expect(rule.helpUri).toMatch(/docs\/rules\/handler-resolves\.md$/);
    const results = sarifRun.results
      .map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId} ${r.level}`)
      .filter((r) => !r.includes('deprecated-runtime'));
    expect(results).toEqual(
      expect.arrayContaining([
        'libs/shared/config.mjs:3 undefined-env-var error',
        'services/billing/template.yaml:37 batch-item-failures-config error',
        'services/orders/serverless.yml:29 handler-resolves error',
      ]),
    );
    expect(results).toHaveLength(MONOREPO.length - 1);
  });

  it('github: one workflow command per finding, annotating file and line', async () => {
    const run = await lambdalint(monorepo, ['--format', 'github']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n').filter((l) => !l.includes('deprecated-runtime'));
    expect(lines).toHaveLength(MONOREPO.length - 1);
    expect(lines[0]).toMatch(/^::error file=libs\/shared\/config\.mjs,line=3,col=29,title=undefined-env-var::process\.env\.EVENT_BUS_NAME /);
    expect(run.stdout).toMatch(/^::warning file=services\/events\/template\.json,line=33,.*title=deprecated-runtime::/m);
    expect(run.stdout).toMatch(/^::error file=services\/web\/lib\/web-stack\.ts,line=29,.*title=handler-resolves::services\/web\/lambda\/legacy\.js has no export 'main'/m);
  });

  it('junit: a testsuite per file, a failing testcase per finding', async () => {
    const run = await lambdalint(monorepo, ['--format', 'junit']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="lambdalint" tests="\d+" failures="9" errors="0">/);
    expect(run.stdout).toContain('<testcase classname="services/orders/serverless.yml" name="handler-resolves at 29:5">');
    expect(run.stdout).toContain('<testcase classname="services/ingest/main.tf" name="sqs-redrive-policy at 8:1">');
    expect(run.stdout.match(/<failure /g)).toHaveLength(9);
  });

  it('--output-file writes the report there and nothing to stdout; the exit code is the same', async () => {
    const dir = writeProject({});
    const out = join(dir, 'reports', 'lambdalint.sarif');
    const run = await lambdalint(monorepo, ['--format', 'sarif', '--output-file', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ version: '2.1.0' });
  });
});

describe.concurrent('exit codes', () => {
  /** A project with one warning (nodejs20.x is past end of support) and nothing else. */
  const warningsOnly = (): string =>
    writeProject({
      'serverless.yml': dedent`
        service: clean
        provider:
          name: aws
          runtime: nodejs20.x
          memorySize: 256
          timeout: 10
          logRetentionInDays: 14
        functions:
          ping:
            handler: ping.handler
      `,
      'ping.mjs': 'export const handler = async () => ({ ok: true });\n',
    });

  it('0 without findings', async () => {
    const dir = writeProject({
      'serverless.yml': dedent`
        service: clean
        provider:
          name: aws
          runtime: nodejs22.x
          memorySize: 256
          timeout: 10
          logRetentionInDays: 14
        functions:
          ping:
            handler: ping.handler
      `,
      'ping.mjs': 'export const handler = async () => ({ ok: true });\n',
    });
    const run = await lambdalint(dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/✔ No problems, 2 files checked/);
  });

  it('0 with warnings only; 1 with more warnings than --max-warnings', async () => {
    const dir = warningsOnly();
    const plain = await lambdalint(dir, ['-f', 'json']);
    expect(plain.code).toBe(0);
    expect(findingsOf(plain)).toEqual(['serverless.yml:4 deprecated-runtime']);
    expect((await lambdalint(dir, ['--max-warnings', '1'])).code).toBe(0);
    const strict = await lambdalint(dir, ['--max-warnings', '0']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('lambdalint found too many warnings (1, maximum 0).\n');
  });

  it('--quiet shows errors only: warnings neither print nor count', async () => {
    const quietWarnings = await lambdalint(warningsOnly(), ['--quiet', '--max-warnings', '0', '-f', 'json']);
    expect(quietWarnings.code).toBe(0);
    expect(findingsOf(quietWarnings)).toEqual([]);
    const monorepo = await lambdalint(fixture('monorepo'), ['--quiet', '-f', 'json']);
    expect(monorepo.code).toBe(1);
    expect(messagesOf(monorepo).every((m) => m.severity === 2)).toBe(true);
    // sqs-redrive-policy is a warning in recommended: --quiet drops it.
    expect(findingsOf(monorepo)).toEqual(MONOREPO.filter((f) => !f.endsWith('deprecated-runtime') && !f.endsWith('sqs-redrive-policy')));
  });

  it('1 with errors', async () => {
    expect((await lambdalint(fixture('cross-checks'))).code).toBe(1);
  });
});

describe.concurrent('usage errors: one line on stderr with the fix, exit 2, no stack trace', () => {
  it('an unknown option', async () => {
    expectUsageError(await lambdalint(fixture('monorepo'), ['--frobnicate']), /unknown option '--frobnicate'; run 'lambdalint --help'/);
  });

  it('an unknown format', async () => {
    expectUsageError(await lambdalint(fixture('monorepo'), ['--format', 'xml']), /unknown format 'xml'; use one of stylish, json, sarif, github, junit/);
  });

  it('a path that does not exist', async () => {
    expectUsageError(await lambdalint(fixture('monorepo'), ['services/nope']), /no such file or directory: services\/nope; check the path/);
  });

  it('a lambdalint.config.json that is not valid JSON', async () => {
    const dir = copyFixture('cross-checks', { 'lambdalint.config.json': '{ "rules": { "unused-env-var": "warn", } }\n' });
    expectUsageError(await lambdalint(dir), /lambdalint\.config\.json/);
  });

  it('a lambdalint.config.json with an unknown rule or severity', async () => {
    const unknownRule = copyFixture('cross-checks', { 'lambdalint.config.json': '{ "rules": { "no-such-rule": "error" } }\n' });
    expectUsageError(await lambdalint(unknownRule), /lambdalint\.config\.json.*no-such-rule/);
    const badSeverity = copyFixture('cross-checks', { 'lambdalint.config.json': '{ "rules": { "handler-resolves": "fatal" } }\n' });
    expectUsageError(await lambdalint(badSeverity), /lambdalint\.config\.json/);
  });

  it('--help and --version exit 0', async () => {
    const help = await lambdalint(fixture('monorepo'), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: lambdalint \[options\] \[paths\.\.\.\]/);
    const version = await lambdalint(fixture('monorepo'), ['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n` });
  });
});

describe.concurrent('configuration, suppressions, baseline (temporary copies of the monorepo)', () => {
  it('lambdalint.config.json turns a rule off and changes another one\'s severity', async () => {
    const dir = copyFixture('monorepo', {
      'lambdalint.config.json': JSON.stringify({ rules: { 'handler-resolves': 'off', 'lambdalint/undefined-env-var': 'warn', 'unused-env-var': 'error' } }),
    });
    const run = await lambdalint(dir, ['-f', 'json']);
    expect(run.code).toBe(1);
    const messages = messagesOf(run);
    expect(messages.filter((m) => m.ruleId === 'handler-resolves')).toEqual([]);
    expect(messages.find((m) => m.ruleId === 'undefined-env-var')?.severity).toBe(1);
    // unused-env-var (strict only) is now on: the fixture defines nothing unused.
    expect(messages.filter((m) => m.ruleId === 'unused-env-var')).toEqual([]);
  });

  it('the same settings from the "lambdalint" key of package.json', async () => {
    const dir = copyFixture('monorepo');
    edit(dir, 'package.json', (text) => text.replace('"private": true,', '"private": true,\n  "lambdalint": { "rules": { "handler-resolves": "off" } },'));
    const run = await lambdalint(dir, ['-f', 'json']);
    expect(findingsOf(run)).toEqual(MONOREPO.filter((f) => !f.endsWith('handler-resolves')));
  });

  it('YAML and Terraform `# lambdalint-disable-next-line <rule> -- reason`, and --report-unused-disable-directives', async () => {
    const dir = copyFixture('monorepo');
    edit(dir, 'services/orders/serverless.yml', (text) =>
      text.replace('    handler: src/get.handler', '    # lambdalint-disable-next-line handler-resolves -- renamed in SHOP-42\n    handler: src/get.handler'),
    );
    // Suppresses nothing: no timeout finding on that line.
    edit(dir, 'services/billing/template.yaml', (text) =>
      text.replace('    Timeout: 20', '    # lambdalint-disable-next-line no-max-timeout -- left over\n    Timeout: 20'),
    );
    const run = await lambdalint(dir, ['-f', 'json']);
    expect(findingsOf(run)).toEqual(
      MONOREPO.filter((f) => f !== 'services/orders/serverless.yml:29 handler-resolves').map((f) =>
        // One line was added above the billing findings (at line 9).
        f.replace(/^(services\/billing\/template\.yaml):(\d+) /, (_, file: string, line: string) => `${file}:${Number(line) > 9 ? Number(line) + 1 : line} `),
      ),
    );

    const unused = await lambdalint(dir, ['-f', 'json', '--report-unused-disable-directives']);
    const reported = messagesOf(unused).filter((m) => m.ruleId === 'unused-disable-directive');
    // The billing comment is unused; the orders comment and the fixture's own Terraform comment are used.
    expect(reported.map((m) => `${m.file}:${m.line} ${m.severity}`)).toEqual(['services/billing/template.yaml:9 1']);
    expect(reported[0].message).toContain("'no-max-timeout'");
  });

  it('CloudFormation `Metadata: { lambdalint: { ignore: [...] } }`', async () => {
    const dir = copyFixture('monorepo');
    edit(dir, 'services/events/template.json', (text) => text.replace(/"rule": "deprecated-runtime"/, '"rule": "no-default-memory"'));
    const run = await lambdalint(dir, ['-f', 'json']);
    // Without its ignore entry, NotifyFunction's nodejs18.x is reported.
    const after = MONOREPO.indexOf('services/events/template.json:33 deprecated-runtime') + 1;
    expect(findingsOf(run)).toEqual([...MONOREPO.slice(0, after), 'services/events/template.json:69 deprecated-runtime', ...MONOREPO.slice(after)]);
  });

  it('--baseline-write, then --baseline: a line shift adds nothing, a new problem is the only finding', async () => {
    const dir = copyFixture('monorepo');
    const write = await lambdalint(dir, ['--baseline-write', '.lambdalint-baseline.json']);
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/^lambdalint: wrote \d+ finding\(s\) to the baseline \.lambdalint-baseline\.json\n$/);
    expect(JSON.parse(readFileSync(join(dir, '.lambdalint-baseline.json'), 'utf8'))).toBeTypeOf('object');

    // Lines added above every finding.
    edit(dir, 'services/orders/serverless.yml', (text) => `# Owner: orders team\n# Runbook: wiki/orders\n\n${text}`);
    edit(dir, 'libs/shared/config.mjs', (text) => `// Shared configuration.\n${text}`);
    edit(dir, 'services/events/src/audit.js', (text) => `'use strict';\n\n${text}`);
    const shifted = await lambdalint(dir, ['--baseline', '.lambdalint-baseline.json', '-f', 'json']);
    expect(shifted.code).toBe(0);
    expect(findingsOf(shifted)).toEqual([]);

    // A new problem: a variable no function defines.
    edit(dir, 'libs/shared/config.mjs', (text) => `${text}export const paymentsUrl = process.env.PAYMENTS_URL;\n`);
    const added = await lambdalint(dir, ['--baseline', '.lambdalint-baseline.json', '-f', 'json']);
    expect(added.code).toBe(1);
    expect(findingsOf(added)).toEqual(['libs/shared/config.mjs:6 undefined-env-var']);
  });

  it('--baseline with a file that does not exist is a usage error', async () => {
    expectUsageError(await lambdalint(fixture('monorepo'), ['--baseline', 'missing-baseline.json']), /cannot read the baseline file; create it with --baseline-write missing-baseline\.json/);
  });

  it('a file that does not parse is a finding, and the rest is still analysed', async () => {
    const dir = copyFixture('monorepo');
    edit(dir, 'services/billing/template.yaml', (text) => text.replace('      CodeUri: src/\n      Handler: invoice.handler', '      CodeUri: [src/\n      Handler: invoice.handler'));
    edit(dir, 'services/web/lambda/api.ts', (text) => text.replace('export const handler', 'export const handler = = '));
    const run = await lambdalint(dir, ['-f', 'json']);
    expect(run.code).toBe(1);
    const findings = findingsOf(run);
    expect(findings.filter((f) => f.endsWith(' parse-error')).map((f) => f.split(':')[0])).toEqual([
      'services/billing/template.yaml',
      'services/web/lambda/api.ts',
    ]);
    // The other services are checked as before.
    expect(findings).toEqual(
      expect.arrayContaining([
        'libs/shared/config.mjs:3 undefined-env-var',
        'services/events/src/audit.js:1 missing-dependency',
        'services/orders/serverless.yml:29 handler-resolves',
        'services/web/lib/web-stack.ts:29 handler-resolves',
      ]),
    );
    expect(findings).not.toContain('services/web/lambda/api.ts:10 handler-error-boundary');
    // The api handler's file did not parse: that is the finding, not a missing export.
    expect(findings.filter((f) => f.endsWith(' handler-resolves'))).toEqual([
      'services/orders/serverless.yml:29 handler-resolves',
      'services/web/lib/web-stack.ts:29 handler-resolves',
    ]);
  });
});

describe.concurrent('given files, as pre-commit passes them (monorepo)', () => {
  const monorepo = fixture('monorepo');

  it("a handler file: its functions' config findings and the shared module findings that name them", async () => {
    const run = await lambdalint(monorepo, ['-f', 'json', 'services/billing/src/invoice.mjs']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual([
      'libs/shared/config.mjs:3 undefined-env-var',
      'services/billing/template.yaml:18 sqs-redrive-policy',
      'services/billing/template.yaml:37 batch-item-failures-config',
    ]);
  });

  it("a config file: its own findings and its handlers' code findings", async () => {
    const run = await lambdalint(monorepo, ['-f', 'json', 'services/web/lib/web-stack.ts']);
    expect(run.code).toBe(1);
    expect(findingsOf(run)).toEqual(['services/web/lambda/api.ts:10 handler-error-boundary', 'services/web/lib/web-stack.ts:29 handler-resolves']);
  });

  it('a shared module: the findings of every function that imports it', async () => {
    const run = await lambdalint(monorepo, ['-f', 'json', 'libs/shared/events.mjs']);
    expect(findingsOf(run)).toEqual([
      'libs/shared/config.mjs:3 undefined-env-var',
      'services/billing/template.yaml:18 sqs-redrive-policy',
      'services/billing/template.yaml:37 batch-item-failures-config',
      'services/ingest/main.tf:8 sqs-redrive-policy',
    ]);
  });

  it('several files at once', async () => {
    const run = await lambdalint(monorepo, ['-f', 'json', 'services/orders/serverless.yml', 'services/events/src/audit.js']);
    expect(findingsOf(run)).toEqual([
      'services/events/src/audit.js:1 missing-dependency',
      'services/events/template.json:33 deprecated-runtime',
      'services/orders/serverless.yml:29 handler-resolves',
    ]);
  });

  it('two services with a function of the same name: only the changed service\'s findings', async () => {
    const service = (name: string): Files => ({
      [`${name}/serverless.yml`]: dedent`
        service: ${name}
        provider:
          name: aws
          runtime: nodejs22.x
          timeout: 60
        functions:
          create:
            handler: create.handler
            events:
              - http: POST /${name}
      `,
      [`${name}/create.mjs`]: 'export const handler = async () => ({ statusCode: 201 });\n',
    });
    const dir = writeProject({ ...service('alpha'), ...service('beta') });
    const run = await lambdalint(dir, ['-f', 'json', 'alpha/create.mjs']);
    expect(run.code).toBe(1);
    // beta's `create` has the same finding on the same line of its own config: not shown.
    expect(findingsOf(run)).toEqual(['alpha/serverless.yml:5 timeout-exceeds-integration']);
  });

  it('a file no function uses: nothing else, exit 0', async () => {
    const run = await lambdalint(monorepo, ['-f', 'json', 'scripts/seed.mjs']);
    expect(run.code).toBe(0);
    expect(findingsOf(run)).toEqual([]);
  });
});

describe.concurrent('what was checked: --list-functions, the summary line, SARIF run properties', () => {
  const tracing = fixture('handler-tracing');

  it('--list-functions --format json: every function with its code status, sorted by file and line', async () => {
    const { code, stdout } = await lambdalint(tracing, ['--list-functions', '--format', 'json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Array<{ name: string; file: string; line: number; code: { status: string } }>;
    expect(entries.map((e) => `${e.file}:${e.line}`)).toEqual([...entries.map((e) => `${e.file}:${e.line}`)].sort());
    expect(Object.keys(entries[0])).toEqual(['name', 'file', 'line', 'format', 'runtime', 'handler', 'code']);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName.CreateOrderFunction).toEqual({
      name: 'CreateOrderFunction',
      file: 'sam-esbuild/template.yaml',
      line: 13,
      format: 'sam',
      runtime: 'nodejs22.x',
      handler: 'create.handler',
      code: { status: 'linted', file: 'sam-esbuild/orders/src/handlers/create.ts' },
    });
    expect(byName.InvoiceFunction).toMatchObject({ runtime: '!Ref JavaRuntime', code: { status: 'config-only', reason: 'other runtime (Java or .NET handler)' } });
    expect(byName.register.code).toEqual({ status: 'config-only', reason: 'build output, source unknown' });
    expect(entries.map((e) => e.code.status).filter((s) => s === 'linted')).toHaveLength(8);
  });

  it('--list-functions (stylish): a table with a count per status; a not-found handler says what was tried', async () => {
    const root = writeProject({
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  gone:\n    handler: src/gone.handler\n  here:\n    handler: src/here.handler\n',
      'src/here.js': 'export const handler = async () => ({});\n',
    });
    const { code, stdout } = await lambdalint(root, ['--list-functions']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^function +defined at +format +runtime +handler +code$/);
    expect(lines[1]).toMatch(/^gone +serverless\.yml:6 +serverless +nodejs22\.x +src\/gone\.handler +not-found \(no src\/gone\.\*\)$/);
    expect(lines[2]).toMatch(/^here +serverless\.yml:8 .* linted src\/here\.js$/);
    expect(lines.at(-1)).toBe('2 functions: 1 linted, 0 config-only, 1 not found');
  });

  it('--list-functions with a format other than stylish or json is a usage error', async () => {
    const { code, stderr } = await lambdalint(tracing, ['--list-functions', '--format', 'sarif']);
    expect(code).toBe(2);
    expect(stderr).toBe('lambdalint: --list-functions prints a table (stylish) or json, not sarif; use --format json for a machine-readable list\n');
  });

  it('stylish says how many functions had their code checked when not all; SARIF carries the counts', async () => {
    const stylishRun = await lambdalint(tracing);
    expect(stylishRun.stdout.trimEnd().split('\n').at(-1)).toBe('14 functions, code checked for 8: run with --list-functions to see why not');
    const sarifRun = await lambdalint(tracing, ['--format', 'sarif']);
    expect(JSON.parse(sarifRun.stdout).runs[0].properties).toEqual({ functions: 14, functionsCodeChecked: 8, deployConfigFiles: 9 });
  });

  it('a run that finds no deploy config says so in one line, with what it looked for', async () => {
    const root = writeProject({ 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n' });
    const { code, stdout } = await lambdalint(root);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '✔ No problems, 0 files checked in ' +
        stdout.split(' in ')[1].split('\n')[0] +
        '\nNo deploy config found (looked for serverless.yml/.json/.ts/.js, SAM or CloudFormation templates, CDK stacks in TypeScript, Terraform .tf files): no function\'s code was checked against its config\n',
    );
  });
});
