/**
 * Issue 14: hostile inputs that crashed, hung or exhausted the process. Each class has a test
 * built from the generators of `bench/hostile-cases.mjs` at a small size (no large committed
 * file); `bench/hostile.mjs` runs the same generators at full size under `/usr/bin/time`. The
 * timeouts are generous: at the old complexity these inputs took minutes or gigabytes.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aliasFanOut,
  bigTemplate,
  cdkExpansion,
  cloudFormationExpansion,
  manyTerraformBlocks,
  nestedHandler,
  serverlessExpansion,
  terraformFunction,
} from '../../bench/hostile-cases.mjs';
import { parseCliArgs } from '../../src/cli/args.js';
import { parseJsonSource } from '../../src/cli/json-source.js';
import { jsNestingPosition } from '../../src/code/nesting.js';
import { createFileLinter, MAX_JS_NESTING } from '../../src/code/file-linter.js';
import { loadCdk } from '../../src/loaders/cdk.js';
import { loadLocalModule, localModuleSource, MAX_LOCAL_MODULE_NESTING } from '../../src/local-modules.js';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { loadServerless } from '../../src/loaders/serverless.js';
import { parseDotenv } from '../../src/loaders/serverless/variables.js';
import { findBlock, locateHcl } from '../../src/loaders/terraform/locator.js';
import { parseYaml } from '../../src/loaders/yaml-tree.js';
import { discoverFiles } from '../../src/project/discover.js';
import { ProjectHost } from '../../src/project/host.js';
import { loadProject } from '../../src/project/load-project.js';
import { MAX_CONFIG_CHARS_PER_RUN, MAX_FILE_BYTES } from '../../src/project/limits.js';
import { writeProject } from '../helpers/temp-project.js';
import { assertBuilt, REPO, removeTemps, runCli, tempDir } from './generators/cli.js';
import { memoryHost } from './generators/harness.js';

afterAll(removeTemps);

const SLS = 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: handler.handler\n';

describe('1. one value expansion budget per file', () => {
  it('serverless ${self:} repeating each other ten times per level: a budget warning, the function still loads', () => {
    const text = serverlessExpansion(6, 10);
    const result = loadServerless('serverless.yml', text, memoryHost({ 'serverless.yml': text }));
    expect(result.functions.map((f) => f.name)).toEqual(['f']);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^Value expansion \(serverless variables\) passed this file's budget of 10,000,000 characters/) })]);
    expect(result.functions[0].environment?.BIG?.value).toMatchObject({ kind: 'reference' });
  }, 30_000);

  it.each(['Sub', 'Join'])('nested !%s over a long parameter default: a budget warning naming the intrinsic', (kind) => {
    const text = cloudFormationExpansion(6, 10, 1000, kind);
    const result = loadCloudFormation('template.yaml', text, memoryHost({ 'template.yaml': text }));
    expect(result.functions).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining(`(Fn::${kind}) passed this file's budget`)]);
  }, 30_000);
  it.each([
    ['template literal', cdkExpansion(4, 10, 'template', 10_000)],
    ['string +', cdkExpansion(4, 8, 'plus', 10_000)],
    // Constants re-evaluated at each use, cut short by the depth limit: steps that build nothing.
    ['constant evaluation', cdkExpansion(7, 12, 'plus')],
  ])('CDK constants repeating each other by %s: a budget warning, the function still loads', (what, text) => {
    const result = loadCdk('lib/stack.ts', text, memoryHost({ 'lib/stack.ts': text }));
    expect(result.functions).toHaveLength(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: `Value expansion (${what}) passed this file's budget of 10,000,000 characters: values built past it are unknown to the rules` })]);
    expect(result.functions[0].environment?.BIG?.value).toMatchObject({ kind: 'reference' });
  }, 30_000);

  it('CDK constants under the budget are still values', () => {
    for (const text of [cdkExpansion(2, 10, 'template'), cdkExpansion(2, 8, 'plus', 10_000)]) {
      const result = loadCdk('lib/stack.ts', text, memoryHost({ 'lib/stack.ts': text }));
      expect(result.diagnostics).toEqual([]);
      expect(result.functions[0].environment?.BIG?.value).toBe('z'.repeat(text.includes('+') ? 640_000 : 10_000));
    }
  });
});

describe('2. JavaScript nesting is checked before ESLint', () => {
  it('2,000 nested blocks: a parse-error at the first level too deep, not a crash', () => {
    const root = writeProject({ 'handler.js': nestedHandler(2000) });
    const lint = createFileLinter(new ProjectHost(root), { rules: {} });
    const linted = lint('handler.js', []);
    expect(linted.findings).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: MAX_JS_NESTING + 1, message: expect.stringContaining(`deeper than ${MAX_JS_NESTING} levels`) })]);
  });

  it('brackets inside strings, comments, template literals and regular expressions are not nesting', () => {
    const deep = '{'.repeat(600);
    expect(jsNestingPosition(`const a = "${deep}"; const b = '${deep}'; // ${deep}\n/* ${deep} */ const c = \`${deep}\`; const d = /[${deep}]/;`, 10)).toBeUndefined();
    // ... but `${ }` inside a template literal is.
    expect(jsNestingPosition(`const t = \`${'${`'.repeat(12)}${'`}'.repeat(12)}\`;`, 10)).toBeDefined();
    // Line 31 holds the 31st level: the `(` of its `if (e) {`.
    expect(jsNestingPosition(nestedHandler(30), 30)).toEqual({ line: 31, column: 4 });
  });
});

describe('2b. the ESLint plugin reads local modules (wrappers) boundedly', () => {
  it('a wrapper nested too deep, oversized, a FIFO or a link to /dev/zero is not parsed, and nothing hangs', () => {
    const wrapper = (body: string): string => `export default function wrap(h) { return async (e) => { try { return ${body}; } catch { return 500; } }; }\n`;
    const root = writeProject({
      'ok.js': wrapper('await h(e)'),
      // 600 levels of `(`: the parser overflows its stack at about 800.
      'deep.js': wrapper(`${'('.repeat(MAX_LOCAL_MODULE_NESTING + 100)}await h(e)${')'.repeat(MAX_LOCAL_MODULE_NESTING + 100)}`),
      'big.js': `${wrapper('await h(e)')}// ${'x'.repeat(600 * 1024)}\n`,
    });
    execFileSync('mkfifo', [join(root, 'fifo.js')]);
    symlinkSync('/dev/zero', join(root, 'zero.js'));
    expect(localModuleSource(join(root, 'ok.js'))).toMatchObject({ ok: true });
    expect(localModuleSource(join(root, 'deep.js'))).toEqual({ ok: false, reason: 'too-deep' });
    expect(localModuleSource(join(root, 'big.js'))).toEqual({ ok: false, reason: 'too-large' });
    expect(localModuleSource(join(root, 'fifo.js'))).toEqual({ ok: false, reason: 'unreadable' });
    expect(localModuleSource(join(root, 'zero.js'))).toEqual({ ok: false, reason: 'unreadable' });
    expect(loadLocalModule(join(root, 'ok.js'))?.program.body).toHaveLength(1);
    for (const file of ['deep.js', 'big.js', 'fifo.js', 'zero.js']) expect(loadLocalModule(join(root, file)), file).toBeUndefined();
  });

  it('its depth limit is the CLI lint\'s', () => {
    expect(MAX_LOCAL_MODULE_NESTING).toBe(MAX_JS_NESTING);
  });
});

describe('3. files the CLI reads go through the bounded, non-blocking reader', () => {
  beforeAll(assertBuilt);

  const project = (): string => {
    const dir = tempDir();
    writeFileSync(join(dir, 'serverless.yml'), SLS);
    writeFileSync(join(dir, 'handler.js'), 'exports.handler = async () => 1;\n');
    return dir;
  };

  it('--baseline that is a FIFO: refused at once (no hang), exit 2', () => {
    const dir = project();
    execFileSync('mkfifo', [join(dir, 'baseline.json')]);
    const run = runCli(['--baseline', 'baseline.json'], dir, {}, { timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a regular file');
  }, 90_000);

  it('--baseline linked to /dev/zero, config and package.json linked out: refused without showing the outside file', () => {
    const dir = project();
    symlinkSync('/dev/zero', join(dir, 'baseline.json'));
    const baseline = runCli(['--baseline', 'baseline.json'], dir);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toContain('outside the project');

    const secret = join(tempDir(), 'secret.json');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    symlinkSync(secret, join(dir, 'lambdalint.config.json'));
    const config = runCli([], dir);
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('outside the project');
    expect(config.stderr).not.toContain('TOP-SECRET');
  }, 90_000);

  it('deeply nested JSON in a config or baseline is a located usage error, not a stack overflow', () => {
    const deep = `{"rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => parseJsonSource(deep, 'lambdalint.config.json')).toThrow(/nested deeper than 64 levels/);
  });
});

describe('4. YAML aliases are counted by what they expand to', () => {
  it('one large anchor aliased 200 times: not read, quickly', () => {
    const parsed = parseYaml('template.yaml', aliasFanOut(3000, 200));
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^too many YAML aliases: they expand the document past 2,000,000 characters/)]);
  }, 30_000);

  it('a shared environment block aliased by 50 functions is fine', () => {
    const parsed = parseYaml('template.yaml', aliasFanOut(20, 50));
    expect(parsed.diagnostics).toEqual([]);
  });
});

describe('5. one run loads a bounded total of deploy configs', () => {
  it('past the total, further configs (YAML, CDK, Terraform) are not read: an error each, or a warning when allowed', async () => {
    const template = bigTemplate(3000);
    const stack = cdkExpansion(1, 1, 'template');
    const root = writeProject({
      'a/serverless.yml': SLS,
      'b/template.yaml': template,
      'c/template.yaml': template,
      'd/lib/stack.ts': stack,
      'e/main.tf': terraformFunction(0),
    });
    const files = ['a/serverless.yml', 'b/template.yaml', 'c/template.yaml', 'd/lib/stack.ts', 'e/main.tf'];
    const budget = SLS.length + template.length;
    const model = await loadProject(new ProjectHost(root), files, { maxConfigChars: budget });
    expect(model.configFiles).toEqual(['a/serverless.yml', 'b/template.yaml']);
    expect(model.diagnostics.map((d) => [d.loc.file, d.severity, d.message])).toEqual([
      ['c/template.yaml', 'error', 'not read: with the 3 KB of deploy configs before it, this 3 KB file passes the 3 KB that one run reads; check fewer paths per run'],
      ['d/lib/stack.ts', 'error', expect.stringMatching(/^not read: with the 3 KB of deploy configs before it, this 1 KB file passes/)],
      ['e/main.tf', 'error', expect.stringMatching(/^not read: with the 3 KB of deploy configs before it, this 1 KB file passes/)],
    ]);
    const whole = await loadProject(new ProjectHost(root), files);
    expect(whole.configFiles).toHaveLength(5);
    expect(whole.diagnostics).toEqual([]);
    const allowed = await loadProject(new ProjectHost(root), files, { maxConfigChars: budget, allowUnreadableConfigs: true });
    expect(allowed.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
  });

  it('the total is 10 MB', () => {
    expect(MAX_CONFIG_CHARS_PER_RUN).toBe(10 * 1024 * 1024);
  });
});

describe('6. a guard worker stops work that runs too long or needs too much memory', () => {
  beforeAll(assertBuilt);

  it('a deadline that fires during synchronous work, and a heap limit, then the next task runs', async () => {
    const guard = (await import(pathToFileURL(join(REPO, 'dist/src/guard/guarded-worker.js')).href)) as typeof import('../../src/guard/guarded-worker.js');
    const dir = tempDir();
    const task = join(dir, 'tasks.mjs');
    writeFileSync(task, 'export function spin() { for (;;); }\nexport function hog() { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); }\nexport function add({ a, b }) { return a + b; }\n');
    const url = pathToFileURL(task);
    expect(await guard.runGuarded(url, 'spin', {}, { deadlineMs: 500 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await guard.runGuarded(url, 'hog', {}, { deadlineMs: 60_000 })).toMatchObject({ ok: false, reason: 'memory' });
    expect(await guard.runGuarded(url, 'add', { a: 1, b: 2 }, { deadlineMs: 5000 })).toEqual({ ok: true, value: 3 });
    guard.closeGuard();
  }, 90_000);
});

describe('7. linear paths', () => {
  it('Terraform block lookup: 30,000 blocks', () => {
    const body = locateHcl(manyTerraformBlocks(30_000));
    for (let i = 0; i < 30_000; i++) expect(findBlock(body, 'resource', ['aws_lambda_function', `f${i}`])).toBeDefined();
  }, 30_000);

  it('YAML duplicate keys: found by the converter (yaml\'s own check is quadratic), never counted as syntax errors', () => {
    // 1,500 keys written twice in one map: yaml's uniqueKeys check compared each key with every
    // earlier one and reported each repeat as an error, so past 1,000 the file was not read at all.
    const lines = ['Resources:'];
    for (let i = 0; i < 1500; i++) lines.push(`  K${i}: a`, `  K${i}: b`);
    const parsed = parseYaml('template.yaml', `${lines.join('\n')}\n`);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.duplicateKeys).toHaveLength(1500);
    expect(parsed.duplicateKeys?.[0]).toMatchObject({ key: 'K0', identical: false, loc: { line: 3 }, firstLoc: { line: 2 } });
    const resources = parsed.documents[0].kind === 'map' ? parsed.documents[0].pairs[0].value : undefined;
    expect(resources?.kind === 'map' && resources.pairs.map((p) => p.value.kind === 'scalar' && p.value.value)).toEqual(Array(1500).fill('b'));
  }, 30_000);

  it('the dotenv comment strip on a 300 KB line of spaces', () => {
    const env = parseDotenv(`A=a${' '.repeat(300_000)}b #comment\nB=x\n`);
    expect(env.get('A')).toBe(`a${' '.repeat(300_000)}b`);
    expect(env.get('B')).toBe('x');
  }, 30_000);
});

describe('8. depth guards count structure only', () => {
  it('201 `[` and `{` inside quoted YAML strings', () => {
    const parsed = parseYaml('serverless.yml', `a: "${'['.repeat(201)}"\nb: '${'{'.repeat(201)}'\nc: [x, "${'['.repeat(300)}"]\n`);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents).toHaveLength(1);
  });

  it('300 `{` inside a CDK template literal', () => {
    const text = `import * as lambda from 'aws-cdk-lib/aws-lambda';\nconst s = \`${'{'.repeat(300)}\`;\nexport class S {\n  constructor(scope: any) {\n    new lambda.Function(scope, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });\n  }\n}\n`;
    const result = loadCdk('lib/stack.ts', text, memoryHost({ 'lib/stack.ts': text }));
    expect(result.diagnostics).toEqual([]);
    expect(result.functions).toHaveLength(1);
  });
});

describe('9. smaller', () => {
  it('--max-warnings takes digits only', () => {
    for (const bad of ['', '0x10', '1e3', ' 5', '1.5']) expect(() => parseCliArgs(['--max-warnings', bad]), bad).toThrow(/whole number/);
    expect(parseCliArgs(['--max-warnings', '10']).maxWarnings).toBe(10);
  });

  it('a path outside the root with a .gitignore is no internal error', async () => {
    const parent = writeProject({ 'other/handler.js': 'x', 'app/.gitignore': 'dist\n', 'app/serverless.yml': SLS });
    const host = new ProjectHost(join(parent, 'app'));
    const found = await discoverFiles(host, ['../other']);
    expect(found.files).toEqual(['../other/handler.js']);
  });

  it('.tf.json files are reported as not read, and an oversized config fails the run unless allowed', async () => {
    const root = writeProject({ 'infra/main.tf.json': '{}', 'serverless.yml': `${SLS}# ${'x'.repeat(MAX_FILE_BYTES)}\n` });
    const host = new ProjectHost(root);
    const model = await loadProject(host, ['infra/main.tf.json', 'serverless.yml']);
    expect(model.diagnostics.map((d) => [d.loc.file, d.severity]).sort()).toEqual([
      ['infra/main.tf.json', 'info'],
      ['serverless.yml', 'error'],
    ]);
    const allowed = await loadProject(new ProjectHost(root), ['serverless.yml'], { allowUnreadableConfigs: true });
    expect(allowed.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});
