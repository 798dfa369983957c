/**
 * Same tree, same bytes: the CLI's JSON and SARIF reports are identical from run to run, with
 * the tree in two different folders (no timestamps, no absolute paths, stable order of files,
 * findings and rule metadata; the booby-trapped test shows a run writes nothing into the tree);
 * paths are relative to the working directory; the lint pass gives the same findings on worker
 * threads as on the main thread.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { analyzeProject as AnalyzeProject } from '../../src/analyze.js';
import { assertBuilt, flatFindings, REPO, removeTemps, runCliAsync, stopChildren, tempDir } from './generators/cli.js';

afterAll(() => {
  stopChildren();
  removeTemps();
});

/** Every fixture project but the booby-trapped one. */
function copyFixtures(root: string): void {
  cpSync(join(REPO, 'fixtures'), root, { recursive: true, filter: (src) => !src.includes('booby-trapped') });
}

/** Generated handlers: over the CLI's threshold for worker threads (60 entry files). */
function generateHandlers(root: string): void {
  const functions: string[] = [];
  for (let i = 0; i < 64; i++) {
    const dir = join(root, 'generated', 'src', `f${String(i).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    const variant = i % 5;
    const code = [
      variant === 0 ? "import AWS from 'aws-sdk';" : "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { helper } from '../../lib/helper.js';",
      `export const handler = async (event${variant === 1 ? ', context, callback' : ''}) => {`,
      variant === 2 ? '  const client = new DynamoDBClient({});' : '  const value = process.env.TABLE_NAME;',
      variant === 3 ? '  try { await helper(event); } catch (e) {}' : '  await helper(event);',
      variant === 4 ? '  for (const r of event.Records) { await helper(r); }' : '',
      '  return { statusCode: 200 };',
      '};',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'index.mjs'), code);
    functions.push(`  f${i}:\n    handler: src/f${String(i).padStart(2, '0')}/index.handler\n    timeout: ${[3, 30, 900, 60, 6][variant]}\n    events:\n      - ${variant === 4 ? 'sqs: arn:aws:sqs:eu-west-1:1:q' : 'httpApi: GET /x'}\n`);
  }
  mkdirSync(join(root, 'generated', 'lib'), { recursive: true });
  writeFileSync(join(root, 'generated', 'lib', 'helper.js'), 'export const helper = async (e) => e;\n');
  writeFileSync(join(root, 'generated', 'serverless.yml'), `service: generated\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n${functions.join('')}`);
}

let base: string;
let treeA: string;
let treeB: string;

beforeAll(() => {
  assertBuilt();
  base = tempDir('lambdalint-determinism-');
  treeA = join(base, 'a', 'project');
  treeB = join(base, 'elsewhere', 'deeper', 'project');
  copyFixtures(treeA);
  cpSync(treeA, treeB, { recursive: true });
});

describe('deterministic output', () => {
  it('JSON and SARIF: byte-identical on the same tree in two folders; no absolute paths', async () => {
    const json = ['--format', 'json'];
    const sarif = ['--format', 'sarif'];
    const [jsonA, jsonB, sarifA, sarifB] = await Promise.all([runCliAsync(json, treeA), runCliAsync(json, treeB), runCliAsync(sarif, treeA), runCliAsync(sarif, treeB)]);
    for (const run of [jsonA, jsonB, sarifA, sarifB]) expect(run.status, run.stderr).toBe(1);
    expect(jsonB.stdout === jsonA.stdout, 'JSON differs').toBe(true);
    expect(sarifB.stdout === sarifA.stdout, 'SARIF differs').toBe(true);
    for (const out of [jsonA.stdout, sarifA.stdout]) {
      expect(out.length).toBeGreaterThan(1000);
      for (const path of [base, REPO.replace(/\/$/, ''), treeA]) expect(out).not.toContain(path);
    }
    // Rule metadata in a stable order.
    const rules = (JSON.parse(sarifA.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> }).runs[0].tool.driver.rules.map((r) => r.id);
    expect(rules).toEqual([...rules].sort());
  });

  it('paths are relative to the working directory, whatever paths are given', async () => {
    const [fromParent, fromInside] = await Promise.all([
      runCliAsync(['--format', 'json', 'project/serverless-app', 'project/sam-app'], join(base, 'a')),
      runCliAsync(['--format', 'json', '.'], join(treeA, 'serverless-app')),
    ]);
    expect(fromParent.status, fromParent.stderr).toBe(1);
    const files = [...new Set(flatFindings(fromParent.stdout).map((f) => f.file))];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(file).toMatch(/^project\/(serverless-app|sam-app)\//);
    expect(fromInside.status, fromInside.stderr).toBe(1);
    for (const f of flatFindings(fromInside.stdout)) expect(f.file).not.toMatch(/^(\/|\.\.|project)/);
  });

  it('worker threads (workers: 2) and the main thread (workers: 0) give identical findings', async () => {
    const root = join(base, 'workers', 'project');
    copyFixtures(root);
    generateHandlers(root);
    // The built module: worker threads load dist/src/code/lint-worker.js.
    const { analyzeProject } = (await import(pathToFileURL(join(REPO, 'dist/src/analyze.js')).href)) as { analyzeProject: typeof AnalyzeProject };
    const inThread = await analyzeProject({ root, allFiles: true, workers: 0, now: new Date('2026-11-27') });
    const inWorkers = await analyzeProject({ root, allFiles: true, workers: 2, now: new Date('2026-11-27') });
    expect(inThread.findings.length).toBeGreaterThan(100);
    expect(inWorkers.findings).toEqual(inThread.findings);
    expect(inWorkers.files).toEqual(inThread.files);
    expect(inWorkers.functions.map((f) => [f.fn.id, f.files])).toEqual(inThread.functions.map((f) => [f.fn.id, f.files]));
  });
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});
