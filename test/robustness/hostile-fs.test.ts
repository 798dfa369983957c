/**
 * A hostile file system (built in temp folders): link loops, links out of the project,
 * unreadable files, FIFOs, non-UTF-8 and UTF-16 text, BOM and CRLF, a 100 MB file, 20 levels
 * of folders, names with spaces and unicode. Each gives a note or a finding, never a crash or
 * a hang, and line numbers stay right.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/analyze.js';
import type { Finding } from '../../src/findings.js';
import { MAX_FILE_BYTES } from '../../src/project/limits.js';
import { assertBuilt, flatFindings, removeTemps, runCli, tempDir } from './generators/cli.js';
import { lineCount } from './generators/harness.js';

afterAll(removeTemps);

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const SERVERLESS = (handler: string, extra = ''): string =>
  `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  fn:\n    handler: ${handler}\n${extra}`;
const HANDLER = "import AWS from 'aws-sdk';\nexport const handler = async () => new AWS.S3();\n";

async function analyse(root: string, allFiles = false): Promise<Finding[]> {
  const result = await analyzeProject({ root, allFiles, workers: 0 });
  for (const f of result.findings) {
    expect(f.ruleId, `${f.file}:${f.line} ${f.message}`).not.toBe('internal-error');
    const text = result.sources.get(f.file);
    if (text !== undefined) expect(f.line, `${f.file}:${f.line} ${f.ruleId}`).toBeLessThanOrEqual(lineCount(text));
  }
  return result.findings;
}

const brief = (findings: Finding[]): string[] => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

// Symbolic links, FIFOs, modes and uid switching are POSIX.
describe.skipIf(process.platform === 'win32')('hostile file system', () => {
  const SECRET = 'TOP-SECRET-TOKEN-d41d8cd98f00';
  let root: string;
  let outside: string;

  beforeAll(() => {
    assertBuilt();
    const base = tempDir('lambdalint-hostile-');
    root = join(base, 'project');
    outside = join(base, 'outside');
    write(outside, {
      'secret.js': `${SECRET} = ) not even javascript {\n`,
      'secret.yml': `Resources: ${SECRET}\n`,
      'dir/vendored.js': `export const x = '${SECRET}';\n`,
    });
    write(root, {
      'serverless.yml': SERVERLESS('src/handler.handler', '  linked:\n    handler: src/linked.handler\n  looped:\n    handler: src/loop/src/loop/src/handler.handler\ncustom:\n  outside: ${file(./linked.yml)}\n'),
      'src/handler.js': `import { x } from './leak.js';\n${HANDLER}`,
    });
    // Links: out of the project (a file, a folder, an include), a folder loop, a file loop.
    symlinkSync(join(outside, 'secret.js'), join(root, 'src/linked.js'));
    symlinkSync(join(outside, 'secret.js'), join(root, 'src/leak.js'));
    symlinkSync(join(outside, 'secret.yml'), join(root, 'linked.yml'));
    symlinkSync(join(outside, 'secret.yml'), join(root, 'template.yaml'));
    symlinkSync(join(outside, 'dir'), join(root, 'vendor'));
    symlinkSync('..', join(root, 'src/loop'));
    symlinkSync('self.js', join(root, 'src/self.js'));
  });

  it('link loops end and links out of the project are never read or printed', async () => {
    const findings = await analyse(root, true);
    expect(brief(findings)).toEqual([
      // The link out of the project is not a file of it (the `looped` handler, reached through
      // the folder loop, is found: the loop is walked as far as the path goes, no further).
      'serverless.yml:9 handler-resolves',
      'src/handler.js:2 no-aws-sdk-v2',
      'src/handler.js:3 no-client-in-handler',
      'src/loop/src/loop/src/handler.js:2 no-aws-sdk-v2',
      'src/loop/src/loop/src/handler.js:3 no-client-in-handler',
    ]);
    const run = runCli(['--format', 'json', '--all-files'], root);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stdout).not.toContain(outside);
    const files = new Set(flatFindings(run.stdout).map((f) => f.file));
    expect([...files].filter((f) => f.startsWith('vendor/') || f === 'template.yaml' || f === 'src/leak.js')).toEqual([]);
    // A link given by name is not followed either.
    const named = runCli(['--format', 'json', 'src/linked.js', 'template.yaml'], root);
    expect(named.stdout).not.toContain(SECRET);
  });

  it('a FIFO and folders named like config files do not hang the run', () => {
    const dir = tempDir('lambdalint-fifo-');
    write(dir, { 'serverless.yml': SERVERLESS('src/fifo.handler'), 'src/ok.js': HANDLER });
    const mkfifo = spawnSync('mkfifo', [join(dir, 'src/fifo.js')]);
    if (mkfifo.status !== 0) throw new Error(`mkfifo failed: ${String(mkfifo.stderr)}`);
    // Not package.json: src/cli/config-file.ts reads it with readFileSync, which waits on a FIFO forever (reported).
    spawnSync('mkfifo', [join(dir, '.env')]);
    mkdirSync(join(dir, 'template.yaml'));
    mkdirSync(join(dir, 'sub/serverless.yml'), { recursive: true });
    const run = runCli(['--format', 'json', '--all-files'], dir, {}, { timeout: 60_000 });
    expect(run.signal, 'the run was killed: it hung').toBeNull();
    expect(run.status, run.stderr).toBe(1);
    const found = flatFindings(run.stdout).map((f) => `${f.file} ${f.ruleId}`);
    expect(found).toContain('serverless.yml handler-resolves');
    expect(found).toContain('src/ok.js no-aws-sdk-v2');
    // Named explicitly, the FIFO is still not opened.
    const named = runCli(['--format', 'json', 'src/fifo.js'], dir, {}, { timeout: 60_000 });
    expect(named.signal).toBeNull();
  });

  it('unreadable files (permission denied) become parse-error findings', (ctx) => {
    const dir = tempDir('lambdalint-eacces-');
    write(dir, {
      'serverless.yml': SERVERLESS('src/handler.handler'),
      'src/handler.js': HANDLER,
      'api/serverless.yml': SERVERLESS('h.handler'),
      'api/h.js': HANDLER,
      'ok/serverless.yml': SERVERLESS('h.handler'),
      'ok/h.js': HANDLER,
    });
    chmodSync(join(dir, 'src/handler.js'), 0o000);
    chmodSync(join(dir, 'api/serverless.yml'), 0o000);
    // Root reads any file whatever its mode: as root, the CLI runs as `nobody` instead.
    const asRoot = process.getuid?.() === 0;
    // mkdtemp makes the folder private; `nobody` must be able to enter it (its parent is the system temp folder).
    chmodSync(dir, 0o755);
    const run = runCli(['--format', 'json'], dir, {}, asRoot ? { uid: 65534, gid: 65534 } : {});
    if (asRoot && run.status === null && run.signal === null) {
      console.warn('running as root and cannot start the CLI as nobody (uid 65534): the permission-denied case is skipped');
      ctx.skip();
    }
    expect(run.status, run.stderr).toBe(1);
    const findings = flatFindings(run.stdout);
    const unreadable = findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(unreadable).toEqual(['api/serverless.yml:1 cannot read it (EACCES); check its permissions', 'src/handler.js:1 cannot read it (EACCES); check its permissions']);
    // The readable function is still checked.
    expect(findings.map((f) => `${f.file} ${f.ruleId}`)).toContain('ok/h.js no-aws-sdk-v2');
  });

  it('non-UTF-8 and UTF-16 files: decoded when marked, a located note when not', async () => {
    const dir = tempDir('lambdalint-enc-');
    const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Timeout: 900\n';
    write(dir, {
      // Latin-1 é on line 3: not UTF-8.
      'latin1/template.yaml': Buffer.concat([Buffer.from('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Caf'), Buffer.from([0xe9]), Buffer.from(':\n    Type: AWS::SQS::Queue\n')]),
      'utf16le/template.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(template, 'utf16le')]),
      'utf16be/template.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(template, 'utf16le').swap16()]),
      // UTF-16 without a BOM: NUL bytes.
      'nobom/template.yaml': Buffer.from(template, 'utf16le'),
      'serverless.yml': SERVERLESS('src/latin1.handler'),
      'src/latin1.js': Buffer.concat([Buffer.from("import AWS from 'aws-sdk';\nconst s = '"), Buffer.from([0xe9, 0xff]), Buffer.from("';\nexport const handler = async () => s;\n")]),
    });
    const findings = await analyse(dir);
    const notes = findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
    expect(notes).toEqual(['latin1/template.yaml:3:6 not a text file (invalid UTF-8)', 'nobom/template.yaml:1:2 not a text file (NUL byte; UTF-16 text needs a byte order mark)']);
    expect(brief(findings)).toEqual(expect.arrayContaining(['utf16le/template.yaml:8 no-max-timeout', 'utf16be/template.yaml:8 no-max-timeout', 'src/latin1.js:1 no-aws-sdk-v2']));
  });

  it('BOM and CRLF (and CR) line endings keep line numbers exact', async () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      Timeout: 900',
      '',
    ].join('\n');
    const handler = ['// header', '', "import AWS from 'aws-sdk';", '', 'export const handler = async () => {', '  const s3 = new AWS.S3();', '  return s3;', '};', ''].join('\n');
    for (const [name, eol, bom] of [
      ['crlf', '\r\n', ''],
      ['bom-crlf', '\r\n', '\uFEFF'],
      ['bom-lf', '\n', '\uFEFF'],
      ['cr', '\r', ''],
    ] as const) {
      const dir = tempDir(`lambdalint-eol-${name}-`);
      write(dir, { 'template.yaml': bom + template.replace(/\n/g, eol), 'src/app.js': bom + handler.replace(/\n/g, eol) });
      const findings = await analyse(dir);
      expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), name).toEqual([
        'src/app.js:3:17 no-aws-sdk-v2',
        'src/app.js:6:14 no-client-in-handler',
        'template.yaml:10:7 no-max-timeout',
      ]);
    }
  });

  it(`a 100 MB file is skipped with a note (limit ${MAX_FILE_BYTES / 1024 / 1024} MB), the rest is analysed`, async () => {
    const dir = tempDir('lambdalint-huge-');
    write(dir, { 'serverless.yml': SERVERLESS('src/huge.handler', '  ok:\n    handler: src/ok.handler\n'), 'src/ok.js': HANDLER, 'src/huge.js': '', 'data/template.json': '' });
    // Sparse: 100 MB by size without writing 100 MB.
    truncateSync(join(dir, 'src/huge.js'), 100 * 1024 * 1024);
    truncateSync(join(dir, 'data/template.json'), 100 * 1024 * 1024);
    const started = performance.now();
    const findings = await analyse(dir);
    expect(performance.now() - started).toBeLessThan(20_000);
    const notes = findings.filter((f) => f.ruleId === 'parse-error');
    // A possible deploy config that cannot be read fails the run (issue 14: padding the only
    // config past the limit must not pass CI); `--allow-unreadable-configs` makes it a warning.
    expect(notes.map((f) => `${f.file} ${f.severity} ${f.message}`)).toEqual([
      'data/template.json error skipped: 100.0 MB is over the 5 MB file size limit; if it is generated or data, exclude it with --ignore-pattern',
      'src/huge.js warning skipped: 100.0 MB is over the 5 MB file size limit; if it is generated or data, exclude it with --ignore-pattern',
    ]);
    expect(brief(findings)).toContain('src/ok.js:1 no-aws-sdk-v2');
  });

  it('20 levels of folders, and names with spaces, unicode and option-like names', async () => {
    const dir = tempDir('lambdalint-names-');
    const deep = Array.from({ length: 20 }, (_, i) => `level-${i + 1}`).join('/');
    write(dir, {
      [`${deep}/serverless.yml`]: SERVERLESS('src/handler.handler'),
      [`${deep}/src/handler.js`]: HANDLER,
      'my service/serverless.yml': SERVERLESS('src/ünï cödé.handler', '  dash:\n    handler: src/--version.handler\n'),
      'my service/src/ünï cödé.js': HANDLER,
      'my service/src/--version.js': HANDLER,
      'サービス/template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  関数:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Timeout: 900\n',
    });
    const findings = await analyse(dir);
    expect(brief(findings)).toEqual(
      expect.arrayContaining([
        `${deep}/src/handler.js:1 no-aws-sdk-v2`,
        'my service/src/ünï cödé.js:1 no-aws-sdk-v2',
        'my service/src/--version.js:1 no-aws-sdk-v2',
        'サービス/template.yaml:8 no-max-timeout',
      ]),
    );
    // Given as an argument (after `--`), and percent-encoded in SARIF.
    const sarif = runCli(['--format', 'sarif', '--', 'my service'], dir);
    expect(sarif.status, sarif.stderr).toBe(1);
    const uris = [...sarif.stdout.matchAll(/"uri": "([^"]+)"/g)].map((m) => m[1]);
    expect(uris).toContain('my%20service/src/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9.js');
    expect(uris.every((uri) => uri.startsWith('my%20service/'))).toBe(true);
  });
});
