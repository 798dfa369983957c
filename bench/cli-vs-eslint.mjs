// Times the built lambdalint CLI on the generated monorepo (configs, handler code and the
// cross-checks between them) against the real `eslint` CLI with lambdalint's `recommended`
// config over the same JS/TS files, side by side, alternating runs so machine noise hits
// both. Prints medians, the ratio (target: lambdalint <= 0.5x eslint's time) and the peak
// RSS of the lambdalint process (target: < 1 GB).
// Usage: npm run build && node bench/cli-vs-eslint.mjs
//   ROUNDS=5  SERVICES=8 FUNCTIONS=10 (generator size, per format)  GENERATE=0 (reuse the tree)
//   NO_GNU_TIME=1 (measure RSS in the child instead of with /usr/bin/time -v)
//   TIMEOUT_S=600 (a run that takes longer is killed and reported as a failure)
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo, LIBRARY_MODULES_PER_SERVICE, planMonorepo } from './generate-monorepo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under the package folder, so the flat config's `import lambdalint from 'lambdalint'` resolves
// through the package's self-reference.
const work = join(root, 'bench', '.generated', 'monorepo');
const rounds = Number(process.env.ROUNDS ?? 5);
const timeoutMs = Number(process.env.TIMEOUT_S ?? 600) * 1000;
const size = { servicesPerFormat: Number(process.env.SERVICES ?? 8), functionsPerService: Number(process.env.FUNCTIONS ?? 10) };
const cliBin = join(root, 'dist', 'src', 'cli', 'bin.js');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

if (!existsSync(cliBin)) {
  console.error(`lambdalint CLI not built (${cliBin} missing): run \`npm run build\` first.`);
  process.exit(1);
}

let generated;
if (process.env.GENERATE === '0' && existsSync(join(work, 'README.md'))) {
  const services = planMonorepo(size);
  const functions = services.reduce((n, s) => n + s.functions.length, 0);
  generated = { functions, graphFiles: functions + services.length * LIBRARY_MODULES_PER_SERVICE, reused: true };
} else {
  generated = generateMonorepo(work, size);
}
const eslintConfig = 'eslint.bench.config.mjs';
writeFileSync(
  join(work, eslintConfig),
  `import lambdalint from 'lambdalint';\nexport default [{ ignores: ['${eslintConfig}'] }, lambdalint.configs.recommended];\n`,
);

// Peak RSS: /usr/bin/time -v when present; otherwise the child reports its own maxRSS at exit.
const gnuTime = process.env.NO_GNU_TIME !== '1' && existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : undefined;
const killAfter = existsSync('/usr/bin/timeout') ? '/usr/bin/timeout' : undefined;
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss_kb='+process.resourceUsage().maxRSS+' user_us='+process.resourceUsage().userCPUTime+' sys_us='+process.resourceUsage().systemCPUTime+'\\n'))`;

function run(label, args) {
  const command = gnuTime ? gnuTime : process.execPath;
  // With /usr/bin/time in between, a timeout must kill node itself, not the time process: coreutils timeout does.
  const argv = gnuTime ? ['-v', ...(killAfter ? [killAfter, '-s', 'KILL', String(timeoutMs / 1000)] : []), process.execPath, ...args] : ['--import', RSS_HOOK, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: work, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs + 10_000, killSignal: 'SIGKILL' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr ?? '';
  let rssKb;
  let cpuMs;
  if (gnuTime) {
    rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
    const user = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
    const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
    cpuMs = (user + sys) * 1000;
  } else {
    const m = /@@maxrss_kb=(\d+) user_us=(\d+) sys_us=(\d+)/.exec(stderr);
    rssKb = m ? Number(m[1]) : NaN;
    cpuMs = m ? (Number(m[2]) + Number(m[3])) / 1000 : NaN;
  }
  const ownStderr = stderr.replace(/\n@@maxrss_kb=.*\n?$/, '').replace(/\n?\tCommand being timed:[\s\S]*$/, '').trim();
  const killed = result.signal !== null || /Command terminated by signal/.test(stderr);
  const timedOut = ms >= timeoutMs && (killed || result.error?.code === 'ETIMEDOUT' || result.status === 137);
  if (timedOut || killed || result.error || (result.status !== 0 && result.status !== 1)) {
    const status = timedOut
      ? `no result after ${(ms / 1000).toFixed(0)} s (TIMEOUT_S=${timeoutMs / 1000}); killed`
      : result.error
        ? String(result.error)
        : `exit ${result.status}${result.signal ? ` (${result.signal})` : ''}`;
    throw new Error(`${label} failed: ${status}\n  command: ${[process.execPath, ...args].join(' ')} (in ${work})\n  stderr: ${ownStderr.slice(0, 4000) || '(empty)'}`);
  }
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch (error) {
    throw new Error(`${label} did not print a JSON report (${error.message}); first output: ${result.stdout.slice(0, 500)}\n  stderr: ${ownStderr.slice(0, 2000)}`, {
      cause: error,
    });
  }
  const messages = report.reduce((n, f) => n + f.messages.length, 0);
  const errors = report.reduce((n, f) => n + f.messages.filter((m) => m.severity === 2).length, 0);
  return { ms, rssKb, cpuMs, status: result.status, files: report.length, messages, errors, report };
}

const lambdalintArgs = [cliBin, '--format', 'json', '.'];
const eslintArgs = [eslintBin, '--no-config-lookup', '-c', eslintConfig, '--format', 'json', '.'];
const runLambdalint = () => run('lambdalint CLI', lambdalintArgs);
const runEslint = () => run('eslint CLI', eslintArgs);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) => `[${values.map((v) => v.toFixed(0)).join(', ')}]`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

console.log(
  `monorepo: ${work}\n  ${generated.functions} functions, ${generated.graphFiles} handler-graph files${generated.reused ? ' (reused, GENERATE=0)' : ''}; ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start`,
);

let lint;
let base;
try {
  // Warm the file cache and the module caches of both once.
  runLambdalint();
  runEslint();
  const series = { lambdalint: [], eslint: [], lambdalintCpu: [], eslintCpu: [], lambdalintRss: [], eslintRss: [] };
  for (let i = 0; i < rounds; i++) {
    base = runEslint();
    series.eslint.push(base.ms);
    series.eslintCpu.push(base.cpuMs);
    series.eslintRss.push(base.rssKb);
    lint = runLambdalint();
    series.lambdalint.push(lint.ms);
    series.lambdalintCpu.push(lint.cpuMs);
    series.lambdalintRss.push(lint.rssKb);
  }
  const ruleCounts = {};
  for (const file of lint.report) for (const m of file.messages) ruleCounts[m.ruleId] = (ruleCounts[m.ruleId] ?? 0) + 1;
  const codeFiles = (report) => report.filter((f) => /\.(c|m)?(j|t)sx?$/.test(f.filePath)).length;
  console.log(`eslint: ${base.files} files in its report (${base.messages} messages, exit ${base.status})`);
  console.log(
    `lambdalint: ${lint.files} files in its report, ${codeFiles(lint.report)} of them JS/TS (${lint.messages} findings, ${lint.errors} errors, exit ${lint.status})`,
  );
  console.log(`lambdalint findings by rule: ${Object.entries(ruleCounts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => `${id} ${n}`).join(', ')}`);
  console.log(`rounds: ${rounds} (alternating, after one warm-up run of each); peak RSS via ${gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}`);
  console.log(`eslint + recommended:  median ${median(series.eslint).toFixed(0)} ms wall ${fmt(series.eslint)}; CPU median ${median(series.eslintCpu).toFixed(0)} ms; peak RSS max ${mb(Math.max(...series.eslintRss))}`);
  console.log(
    `lambdalint CLI:        median ${median(series.lambdalint).toFixed(0)} ms wall ${fmt(series.lambdalint)}; CPU median ${median(series.lambdalintCpu).toFixed(0)} ms; peak RSS max ${mb(Math.max(...series.lambdalintRss))} (median ${mb(median(series.lambdalintRss))})`,
  );
  const ratio = median(series.lambdalint) / median(series.eslint);
  console.log(`ratio lambdalint / eslint: ${ratio.toFixed(3)}x wall (target <= 0.5x), ${(median(series.lambdalintCpu) / median(series.eslintCpu)).toFixed(3)}x CPU`);
  console.log(`lambdalint peak RSS: ${mb(Math.max(...series.lambdalintRss))} (target < 1024 MB)`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
