/**
 * Runs the CLI on each hostile case of `hostile-cases.mjs` (generated into a temporary folder)
 * under `/usr/bin/time -v`, and prints wall time, peak RSS and exit code per case. The promise
 * (README "Limits"): every case ends with a report (exit 0, 1 or 2) in under 30 s and 1 GB.
 *
 *   npm run bench:hostile                 # every case at full size
 *   node bench/hostile.mjs js-nesting     # cases whose name contains an argument
 *   SCALE=0.1 KILL_AFTER=120 node bench/hostile.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './hostile-cases.mjs';

const BIN = fileURLToPath(new URL('../dist/src/cli/bin.js', import.meta.url));
if (!existsSync(BIN)) throw new Error('run `npm run build` first');
const scale = Number(process.env.SCALE ?? 1);
const killAfter = Number(process.env.KILL_AFTER ?? 90);
const filters = process.argv.slice(2);
const LIMIT_S = 30;
const LIMIT_MB = 1024;

console.log(`hostile inputs: ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}, scale ${scale}, killed after ${killAfter} s`);
const rows = [];
for (const c of CASES.filter((k) => filters.length === 0 || filters.some((f) => k.name.includes(f)))) {
  const base = mkdtempSync(join(tmpdir(), 'lambdalint-hostile-'));
  const dir = join(base, 'project');
  try {
    const extra = c.write(dir, scale) ?? [];
    const report = join(base, 'report.json');
    const run = spawnSync('/usr/bin/time', ['-v', 'timeout', '-s', 'KILL', String(killAfter), process.execPath, BIN, '--format', 'json', '-o', report, ...extra], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const stderr = run.stderr ?? '';
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
    const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
    const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    const mb = rss ? Number(rss[1]) / 1024 : NaN;
    const status = /Exit status: (\d+)/.exec(stderr)?.[1] ?? String(run.status);
    const exit = Number(status);
        // A report, or a one-line usage error (exit 2) naming the file and the reason.
    const reported = existsSync(report) || (exit === 2 && /^lambdalint: /m.test(stderr));
    const ok = [0, 1, 2].includes(exit) && seconds < LIMIT_S && mb < LIMIT_MB && reported;
    const note = stderr.split('\n').find((l) => l.startsWith('lambdalint:'))?.slice(0, 100) ?? '';
    rows.push({ case: c.name, what: c.what, seconds, cpu, mb, exit, ok, note });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(32)} ${seconds.toFixed(1).padStart(6)} s (cpu ${cpu.toFixed(1).padStart(5)} s) ${mb.toFixed(0).padStart(6)} MB  exit ${status}${existsSync(report) ? '' : ' (no report)'} ${note}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
console.log('\n| case | input | wall s | CPU s | peak RSS MB | exit |\n| --- | --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.case} | ${r.what} | ${r.seconds.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.mb.toFixed(0)} | ${r.exit} |`);
const failed = rows.filter((r) => !r.ok);
console.log(failed.length === 0 ? `\nevery case ended with a report in under ${LIMIT_S} s and ${LIMIT_MB} MB` : `\n${failed.length} case(s) over a limit or without a report: ${failed.map((r) => r.case).join(', ')}`);
process.exitCode = failed.length === 0 ? 0 : 1;
