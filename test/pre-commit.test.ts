/**
 * The real `pre-commit` (the Debian package) running lambdalint's hook in a temporary git
 * repository: a bad commit is refused with the rule named, the fixed commit goes through.
 *
 * The first group declares the hook `repo: local` with the definition read from this project's
 * `.pre-commit-hooks.yaml` (id, name, files, require_serial), but with `language: system` and
 * `entry: node <this checkout>/dist/src/cli/bin.js`, so each commit is checked against the code
 * in this checkout: pre-commit selects the staged files with the hook's `files` pattern and passes
 * them to lambdalint, which must find the functions they belong to.
 *
 * The last test uses the hook exactly as the README tells users to: `repo:` this repository (its
 * committed HEAD, cloned by pre-commit), `language: node`, so pre-commit runs `npm install`,
 * `npm pack` (the prepack build) and `npm install -g` of the tarball, from the npm registry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { builtPath } from './helpers/built.js';
import { dedent, writeFiles, writeProject } from './helpers/temp-project.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');

const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
// Locally the test is skipped without pre-commit; in CI it must run, so it fails instead.
const skip = !havePreCommit && !process.env.CI;

interface HookDefinition {
  id: string;
  name: string;
  files: string;
  require_serial?: boolean;
}

/** The published hook, as users get it with `repo: <lambdalint>`. */
function publishedHook(): HookDefinition {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
  const hook = hooks.find((h) => h.id === 'lambdalint');
  if (!hook) throw new Error('.pre-commit-hooks.yaml has no lambdalint hook');
  return hook;
}

/** Environment for git and pre-commit: nothing from an enclosing git hook, a private pre-commit cache. */
function cleanEnv(cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_') && !key.startsWith('PRE_COMMIT')) env[key] = value;
  return { ...env, PRE_COMMIT_HOME: cacheDir, NO_COLOR: '1', LAMBDALINT_DEBUG: '' };
}

const SERVERLESS = dedent`
  service: hooks-demo
  provider:
    name: aws
    runtime: nodejs22.x
    memorySize: 256
    timeout: 10
    logRetentionInDays: 14
  functions:
    worker:
      handler: src/worker.main
      events:
        - sqs:
            arn: arn:aws:sqs:eu-west-1:123456789012:hooks-demo
`;

const WORKER = dedent`
  export const handler = async (event) => {
    for (const record of event.Records) console.log(record.messageId);
  };
`;

describe.skipIf(skip)(`pre-commit runs the lambdalint hook${skip ? ' (skipped: pre-commit is not installed; apt-get install pre-commit)' : ''}`, () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  /** `git commit`: exit status and the hook output. */
  const commit = (message: string): { status: number; output: string } => {
    const result = spawnSync('git', ['commit', '-m', message], { cwd: repo, env, encoding: 'utf8' });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  };
  const commitCount = (): number => Number(spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, env, encoding: 'utf8' }).stdout.trim() || 0);

  beforeAll(() => {
    if (!havePreCommit) throw new Error('pre-commit is not installed, and CI is set: install the Debian package pre-commit (apt-get install -y pre-commit)');
    builtPath('src/cli/bin.js'); // fails fast when dist/ is older than the sources
    const cache = writeProject({});
    env = cleanEnv(cache);
    repo = writeProject({});
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'lambdalint test');
    git('config', 'commit.gpgsign', 'false');

    const hook = publishedHook();
    expect(hook).toMatchObject({ id: 'lambdalint', require_serial: true });
    const config = {
      repos: [
        {
          repo: 'local',
          hooks: [
            {
              id: hook.id,
              name: hook.name,
              // Single quotes: pre-commit splits `entry` like a shell would.
              entry: `node '${BIN}'`,
              language: 'system',
              files: hook.files,
              require_serial: hook.require_serial ?? false,
            },
          ],
        },
      ],
    };
    writeFiles(repo, { '.pre-commit-config.yaml': stringify(config) });
    execFileSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' });
  }, 300_000);

  it('refuses a commit whose config names a handler export that does not exist, then accepts the fix', () => {
    writeFiles(repo, { 'serverless.yml': SERVERLESS, 'src/worker.mjs': WORKER, 'README.md': '# hooks demo\n' });
    git('add', '-A');
    const bad = commit('add worker');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(/lambdalint\.+Failed/);
    expect(bad.output).toContain('handler-resolves');
    expect(bad.output).toContain("src/worker.mjs has no export 'main'");
    expect(commitCount()).toBe(0);

    writeFiles(repo, { 'serverless.yml': SERVERLESS.replace('src/worker.main', 'src/worker.handler') });
    git('add', '-A');
    const good = commit('add worker');
    expect(good.output).toMatch(/lambdalint\.+Passed/);
    expect(good.status).toBe(0);
    expect(commitCount()).toBe(1);
  });

  it('a changed handler pulls in its config: the finding in serverless.yml fails the commit', () => {
    // Only the handler changes: it now returns batchItemFailures, which the SQS event ignores.
    writeFiles(repo, {
      'src/worker.mjs': dedent`
        export const handler = async (event) => {
          const batchItemFailures = [];
          for (const record of event.Records) {
            if (!record.body) batchItemFailures.push({ itemIdentifier: record.messageId });
          }
          return { batchItemFailures };
        };
      `,
    });
    git('add', 'src/worker.mjs');
    const bad = commit('report partial batch failures');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('serverless.yml');
    expect(bad.output).toContain('batch-item-failures-config');
    expect(commitCount()).toBe(1);

    writeFiles(repo, {
      'serverless.yml': SERVERLESS.replace('src/worker.main', 'src/worker.handler').replace(
        'arn: arn:aws:sqs:eu-west-1:123456789012:hooks-demo',
        'arn: arn:aws:sqs:eu-west-1:123456789012:hooks-demo\n          functionResponseType: ReportBatchItemFailures',
      ),
    });
    git('add', '-A');
    const good = commit('report partial batch failures');
    expect(good.output).toMatch(/lambdalint\.+Passed/);
    expect(good.status).toBe(0);
    expect(commitCount()).toBe(2);
  });

  it('skips commits with no file the hook matches', () => {
    writeFiles(repo, { 'README.md': '# hooks demo\n\nNow with partial batch responses.\n' });
    git('add', '-A');
    const result = commit('docs');
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/lambdalint\.+\(no files to check\)Skipped/);
  });
});

describe.skipIf(skip)('the published hook, installed by pre-commit (language: node) from a clone of this repository', () => {
  // pre-commit's environment (node_modules) takes longer to remove than a hook's default 10 s.
  const cache = mkdtempSync(join(tmpdir(), 'lambdalint-pre-commit-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }), 120_000);

  it('installs and refuses a commit with a finding, as the README says', () => {
    if (!havePreCommit) throw new Error('pre-commit is not installed, and CI is set: install the Debian package pre-commit (apt-get install -y pre-commit)');
    const env = cleanEnv(cache);
    const repo = writeProject({});
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'lambdalint test');
    git('config', 'commit.gpgsign', 'false');
    // The committed state of this checkout: what a user's pre-commit would clone at that rev.
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, env, encoding: 'utf8' }).trim();
    writeFiles(repo, {
      '.pre-commit-config.yaml': stringify({ repos: [{ repo: ROOT, rev, hooks: [{ id: 'lambdalint' }] }] }),
      'serverless.yml': SERVERLESS,
      'src/worker.mjs': WORKER,
    });
    git('add', '-A');
    const result = spawnSync('pre-commit', ['run', '--files', 'serverless.yml', 'src/worker.mjs'], { cwd: repo, env, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    expect(output, output).toMatch(/lambdalint\.+Failed/);
    expect(output).toContain("src/worker.mjs has no export 'main'");
    expect(result.status).toBe(1);
  }, 900_000);
});
