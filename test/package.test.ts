/**
 * The package as a user gets it, following the README: `npm pack` (what a publish would upload),
 * `npm install --save-dev <tarball> eslint` into a new project (dependencies from the registry),
 * then the CLI, an ESLint flat config using the plugin (ESM, CommonJS `require`, and
 * `configs.fromProject()`), all from the installed copy, never from this checkout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staleBuildOutputs } from './helpers/built.js';
import { dedent, writeFiles, writeProject } from './helpers/temp-project.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tarball: string;
let contents: string[];
let project: string;

function run(command: string, args: string[], cwd = project): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LAMBDALINT_DEBUG: '' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const binOf = (name: string): string => join(project, 'node_modules', '.bin', name);

// Its node_modules takes longer to remove than a hook's default 10 s.
afterAll(() => rmSync(project, { recursive: true, force: true }), 120_000);

beforeAll(() => {
  const packDir = writeProject({});
  // Packs the dist/ that `npm test` built, without prepack: rebuilding here would rewrite dist/ while
  // the tests that run it (pre-commit, e2e) are reading it in the other worker. stdout is the
  // tarball's name only (.npmrc), as pre-commit expects.
  const stale = staleBuildOutputs();
  if (stale.length > 0) throw new Error(`dist/ is older than ${stale[0]}: run \`npm run build\` first (npm test does).`);
  const packed = execFileSync(NPM, ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }).trim();
  expect(packed).toMatch(/^lambdalint-[\d.]+\.tgz$/);
  tarball = join(packDir, packed);
  contents = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));

  project = mkdtempSync(join(tmpdir(), 'lambdalint-package-'));
  writeFiles(project, {
    'package.json': JSON.stringify({ name: 'orders', private: true, type: 'module' }, null, 2),
    'serverless.yml': dedent`
      service: orders
      provider:
        name: aws
        runtime: nodejs22.x
        memorySize: 256
        timeout: 10
      functions:
        worker:
          handler: src/worker.main
    `,
    'src/worker.mjs': "import AWS from 'aws-sdk';\n\nconst s3 = new AWS.S3();\n\nexport const handler = async () => s3.listBuckets().promise();\n",
    // The README's editor configuration, as written there.
    'eslint.config.js': "import lambdalint from 'lambdalint';\n\nexport default [lambdalint.configs.recommended];\n",
    'eslint.config.cjs': "const lambdalint = require('lambdalint');\n\nmodule.exports = [lambdalint.configs.recommended];\n",
    'eslint.from-project.config.js': "import lambdalint from 'lambdalint';\n\nexport default [lambdalint.configs.fromProject()];\n",
  });
  // The README's install command, with the tarball for the package name.
  execFileSync(NPM, ['install', '--save-dev', tarball, 'eslint', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
}, 900_000);

describe('the packed tarball', () => {
  it('has the built code, its types, the docs, the schema and the LICENSE; no source maps, no sources', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/bin.js', 'dist/src/api.js', 'schema/lambdalint.config.schema.json', 'docs/rules/no-aws-sdk-v2.md']) {
      expect(contents, file).toContain(file);
    }
    expect(contents.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(contents.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(contents.filter((f) => f.startsWith('test/') || f.startsWith('fixtures/'))).toEqual([]);
  });

  it('package.json: eslint only as a peer, caret ranges, metadata, nothing built on install', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'lambdalint', 'package.json'), 'utf8')) as Record<string, Record<string, string> & string[]>;
    expect(pkg.dependencies.eslint).toBeUndefined();
    expect(pkg.peerDependencies.eslint).toBeDefined();
    for (const [name, range] of Object.entries(pkg.dependencies)) if (name.startsWith('@typescript-eslint/')) expect(range, name).toMatch(/^\^/);
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.install).toBeUndefined();
    expect(pkg.keywords).toEqual(expect.arrayContaining(['eslintplugin', 'eslint-plugin', 'aws-lambda']));
    expect(pkg.repository).toBeDefined();
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.license).toBe('MIT');
  });
});

describe('installed with eslint into a new project', () => {
  it('one ESLint: the project\'s, which the plugin and the CLI share', () => {
    expect(existsSync(join(project, 'node_modules', 'eslint', 'package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'lambdalint', 'node_modules', 'eslint'))).toBe(false);
  });

    // require('aws-sdk') on a runtime without it: missing-dependency speaks for it (one finding per cause).
  it('npx lambdalint: the deploy config, the handler code and the link between them', () => {
    const result = run(binOf('lambdalint'), ['-f', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const found = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`),
    );
    expect(found).toEqual(expect.arrayContaining(['serverless.yml:9 handler-resolves', 'src/worker.mjs:1 missing-dependency']));
  });

  it('npx eslint with the README\'s flat config (ESM import)', () => {
    const result = run(binOf('eslint'), ['-f', 'json', 'src']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['lambdalint/no-aws-sdk-v2']);
  });

  it("require('lambdalint') returns the plugin, in a real CommonJS require and a CommonJS ESLint config", () => {
    const required = run(process.execPath, ['-e', "const p = require('lambdalint'); console.log(p.meta.name, Object.keys(p.configs).join(','), typeof p.configs.fromProject, typeof p.rules['no-aws-sdk-v2'].create)"]);
    expect(required.stderr).toBe('');
    expect(required.stdout.trim()).toBe('lambdalint recommended,strict function function');
    const result = run(binOf('eslint'), ['-c', 'eslint.config.cjs', '-f', 'json', 'src']);
    expect(JSON.parse(result.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['lambdalint/no-aws-sdk-v2']);
  });

  it('configs.fromProject(): a rule turned off in lambdalint.config.json is off in ESLint and in the CLI', () => {
    writeFiles(project, { 'lambdalint.config.json': JSON.stringify({ rules: { 'no-aws-sdk-v2': 'off' } }) });
    try {
      const eslint = run(binOf('eslint'), ['-c', 'eslint.from-project.config.js', '-f', 'json', 'src']);
      expect(eslint.stderr).toBe('');
      expect(JSON.parse(eslint.stdout)[0].messages).toEqual([]);
      const cli = run(binOf('lambdalint'), ['-f', 'json']);
      expect(cli.stdout).not.toContain('no-aws-sdk-v2');
    } finally {
      writeFiles(project, { 'lambdalint.config.json': '{}' });
    }
  });
});

// The peer range starts at ESLint 9: the lowest major gets the same editor and CLI checks.
describe('installed with ESLint 9, the lowest major of the peer range', () => {
  let project9: string;
  const bin9 = (name: string): string => join(project9, 'node_modules', '.bin', name);

  beforeAll(() => {
    project9 = mkdtempSync(join(tmpdir(), 'lambdalint-eslint9-'));
    writeFiles(project9, {
      'package.json': JSON.stringify({ name: 'orders9', private: true, type: 'module' }, null, 2),
      'serverless.yml': 'service: orders\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  worker:\n    handler: src/worker.handler\n',
      'src/worker.mjs': "import AWS from 'aws-sdk';\n\nexport const handler = async () => new AWS.S3().listBuckets().promise();\n",
      'eslint.config.js': "import lambdalint from 'lambdalint';\n\nexport default [lambdalint.configs.recommended];\n",
    });
    execFileSync(NPM, ['install', '--save-dev', tarball, 'eslint@9', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project9, encoding: 'utf8', stdio: 'pipe' });
  }, 900_000);
  afterAll(() => rmSync(project9, { recursive: true, force: true }), 120_000);

  it('npx eslint (9.x) runs the plugin from the flat config', () => {
    const version = run(bin9('eslint'), ['--version'], project9);
    expect(version.stdout.trim()).toMatch(/^v9\./);
    const result = run(bin9('eslint'), ['-f', 'json', 'src'], project9);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)[0].messages.map((m: { ruleId: string; line: number }) => `${m.line} ${m.ruleId}`)).toEqual([
      '1 lambdalint/no-aws-sdk-v2',
      '3 lambdalint/no-client-in-handler',
    ]);
  });

  it('npx lambdalint lints the handler code with ESLint 9', () => {
    const result = run(bin9('lambdalint'), ['-f', 'json'], project9);
    expect(result.stderr).toBe('');
    const found = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`),
    );
    expect(found).toEqual(expect.arrayContaining(['src/worker.mjs:3 no-client-in-handler']));
  });
});
