/**
 * The python-app fixture (SAM and serverless Python functions) through the BUILT CLI: the findings
 * of the Python pass, the handler model and the cross rules, and `#` suppression comments in Python.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeProject } from '../helpers/temp-project.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const FIXTURE = join(ROOT, 'fixtures', 'python-app');

beforeAll(() => {
  if (!existsSync(BIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}, 300_000);

interface Message {
  ruleId: string;
  line: number;
  message: string;
  functions?: string[];
}

function lambdalint(cwd: string, args: string[] = []): Promise<{ code: number; messages: Array<Message & { file: string }> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, '-f', 'json', ...args], { cwd, env }, (error, stdout) => {
      if (error && typeof error.code !== 'number') return reject(error);
      const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Message[] }>;
      resolve({ code: error ? Number(error.code) : 0, messages: results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath }))) });
    });
  });
}

const EXPECTED = [
  'sam/orders/app.py:4 missing-dependency OrdersApi',
  'sam/orders/app.py:21 undefined-env-var OrdersApi',
  'sam/template.yaml:27 sqs-redrive-policy OrdersWorker',
  'sam/template.yaml:40 unused-env-var OrdersApi',
  'sam/thumbnails/app.py:15 no-recursive-trigger Thumbnails',
  'sam/worker/handler.py:13 handler-signature OrdersWorker',
  'serverless/imports/sync.py:7 temporary-credentials sync',
  'serverless/imports/sync.py:16 process-all-records sync',
  'serverless/reports/export.py:6 handler-signature export',
  'serverless/serverless.yml:36 handler-resolves weekly',
];

/** A copy of the fixture to edit. */
function copy(): string {
  const dir = writeProject({}, 'lambdalint-python-app-');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('python-app fixture (built CLI)', () => {
  it('reports the Python problems of SAM and serverless functions, each naming its functions', async () => {
    const run = await lambdalint(FIXTURE);
    expect(run.code).toBe(1);
    expect(run.messages.map((m) => `${m.file}:${m.line} ${m.ruleId} ${(m.functions ?? []).join(',')}`)).toEqual(EXPECTED);
    const byRule = Object.fromEntries(run.messages.map((m) => [m.ruleId + ':' + m.line, m.message]));
    expect(byRule['missing-dependency:4']).toContain('PyYAML');
    expect(byRule['process-all-records:16']).toContain('up to 5 records');
    expect(byRule['no-recursive-trigger:15']).toContain("Function 'Thumbnails' writes to the S3 bucket that triggers it (the bucket of the event record)");
    expect(byRule['handler-resolves:36']).toContain("(it defines 'daily', 'weekly')");
    // New messages are one sentence of at most 200 characters.
    expect(byRule['handler-signature:13'].length).toBeLessThanOrEqual(200);
    expect(byRule['handler-signature:6'].length).toBeLessThanOrEqual(200);
  });

  it('honours `# lambdalint-disable-next-line <rule> -- reason` in a Python module, and reports an unused one', async () => {
    const dir = copy();
    const handler = join(dir, 'serverless/handler.py');
    const original = readFileSync(handler, 'utf8');
    writeFileSync(handler, original.replace(/ *# lambdalint-disable-next-line.*\n/, ''));
    const unsuppressed = await lambdalint(dir);
    expect(unsuppressed.messages.filter((m) => m.file === 'serverless/handler.py').map((m) => `${m.line} ${m.ruleId}`)).toEqual(['11 undefined-env-var']);

    writeFileSync(handler, original.replace('    bucket = os.environ', '    # lambdalint-disable-next-line handler-signature -- nothing to suppress\n    bucket = os.environ'));
    const unused = await lambdalint(dir, ['--report-unused-disable-directives']);
    expect(unused.messages.filter((m) => m.file === 'serverless/handler.py').map((m) => `${m.line} ${m.ruleId}`)).toEqual(['10 unused-disable-directive']);
  });
});
