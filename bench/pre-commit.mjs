// Times the CLI as the pre-commit hook runs it (given the staged files) on the generated
// monorepo, against the whole-project run, side by side, alternating runs. Each case names what a
// commit could change: one handler, a module shared by one service's handlers, one config file.
// Usage: npm run build && node bench/generate-monorepo.mjs && node bench/pre-commit.mjs
//   ROUNDS=3
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.generated', 'monorepo');
const cliBin = join(root, 'dist', 'src', 'cli', 'bin.js');
const rounds = Number(process.env.ROUNDS ?? 3);
if (!existsSync(cliBin) || !existsSync(join(work, 'README.md'))) {
  console.error('Build first and generate the monorepo: npm run build && node bench/generate-monorepo.mjs');
  process.exit(1);
}

const first = (dir, pattern) => readdirSync(join(work, dir)).filter((f) => pattern.test(f)).sort()[0];
const service = `services/${first('services', /./)}`;
const samDir = `sam/${first('sam', /./)}`;
const cases = [
  ['whole project', []],
  ['one handler', [`${service}/src/handlers/${first(`${service}/src/handlers`, /\.[jt]s$/)}`]],
  ['a shared module', [`${service}/src/lib/util/${first(`${service}/src/lib/util`, /\.[jt]s$/)}`]],
  ['one SAM template', [`${samDir}/template.yaml`]],
];

function run(files) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cliBin, '--format', 'json', ...files], { cwd: work, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`lambdalint ${files.join(' ')}: exit ${result.status}\n${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, files: report.length, findings: report.reduce((n, f) => n + f.messages.length, 0) };
}

console.log(`monorepo: ${work}; ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const times = cases.map(() => []);
let last = [];
run([]);
for (let r = 0; r < rounds; r++) last = cases.map(([, files], i) => { const out = run(files); times[i].push(out.ms); return out; });
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const whole = median(times[0]);
cases.forEach(([label, files], i) => {
  const m = median(times[i]);
  console.log(`${label.padEnd(16)} median ${m.toFixed(0).padStart(5)} ms  ${(m / whole).toFixed(2)}x of whole  (${last[i].files} files in report, ${last[i].findings} findings)${files.length ? `  ${files.join(' ')}` : ''}`);
});
