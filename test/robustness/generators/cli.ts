/**
 * Running the built CLI (`dist/src/cli/bin.js`, built by `npm test`'s pretest) as a subprocess
 * on a temporary copy of a project, and small file-tree helpers for those tests.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPath } from '../../helpers/built.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO, 'dist/src/cli/bin.js');

/** Throws when dist/ is missing or older than the sources (see builtPath). */
export function assertBuilt(): void {
  builtPath('src/cli/bin.js');
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `lambdalint ...args` in `cwd`; the environment is the test's minus colour settings, plus `env`. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}, options: SpawnSyncOptions = {}): CliRun {
  const started = performance.now();
  const { NO_COLOR: _n, FORCE_COLOR: _f, LAMBDALINT_DEBUG: _d, ...rest } = process.env;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 90_000,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    ms: performance.now() - started,
  };
}

const children = new Set<ReturnType<typeof spawn>>();

/** Stops runs still going (a test that timed out leaves its child behind otherwise). */
export function stopChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** `runCli`, without blocking: several runs can go side by side. */
export function runCliAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const started = performance.now();
  const { NO_COLOR: _n, FORCE_COLOR: _f, LAMBDALINT_DEBUG: _d, ...rest } = process.env;
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...rest, ...env }, timeout: 90_000 });
    children.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', rejectRun);
    child.on('close', (status, signal) => {
      children.delete(child);
      resolveRun({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
  });
}

const temps: string[] = [];

export function tempDir(prefix = 'lambdalint-robust-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of `fixtures/<name>` in a new temporary folder; returns the copy's path. */
export function copyFixture(name: string): string {
  const dest = join(tempDir(), name);
  cpSync(join(REPO, 'fixtures', name), dest, { recursive: true });
  return dest;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every path under `root` (files and folders, links not followed), relative, sorted. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      out.push(relative(root, path));
      if (lstatSync(path).isDirectory()) walk(path);
    }
  };
  walk(root);
  return out.sort();
}

/** ESLint-style JSON report -> flat findings. */
export interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  fatal?: boolean;
}
export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  source?: string;
}

export function flatFindings(stdout: string): Array<JsonMessage & { file: string }> {
  const results = JSON.parse(stdout) as JsonResult[];
  return results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath })));
}
