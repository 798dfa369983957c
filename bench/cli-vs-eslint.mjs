// Times the built lambdalint CLI on the generated monorepo (configs, handler code and the
// cross-checks between them) against the real `eslint` CLI with lambdalint's `recommended`
// config over the same JS/TS files (those lambdalint analyses), side by side, alternating runs
// and their order so machine noise hits both. Two pairings at equal thread counts: both
// single-threaded, and lambdalint's default workers against ESLint's --concurrency. Prints
// medians, both ratios (target: lambdalint <= 0.5x eslint's time) and the peak RSS of the
// lambdalint process (target: < 1 GB).
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
import { defaultWorkerCount } from '../dist/src/code/lint-pass.js';

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

function run(label, args, env = process.env) {
  const command = gnuTime ? gnuTime : process.execPath;
  // With /usr/bin/time in between, a timeout must kill node itself, not the time process: coreutils timeout does.
  const argv = gnuTime ? ['-v', ...(killAfter ? [killAfter, '-s', 'KILL', String(timeoutMs / 1000)] : []), process.execPath, ...args] : ['--import', RSS_HOOK, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: work, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs + 10_000, killSignal: 'SIGKILL' });
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
const codeFile = (path) => /\.(c|m)?(j|t)sx?$/.test(path);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) => `[${values.map((v) => v.toFixed(0)).join(', ')}]`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

console.log(
  `monorepo: ${work}\n  ${generated.functions} functions, ${generated.graphFiles} handler-graph files${generated.reused ? ' (reused, GENERATE=0)' : ''}; ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start`,
);

/**
 * Like with like: ESLint gets exactly the JS/TS files lambdalint analysed (its report lists every
 * analysed file), and both tools run with the same number of lint threads, in two pairings:
 * both single-threaded, and lambdalint's default worker count against ESLint's `--concurrency`.
 */
function measurePair(label, threads, files) {
  const env = { ...process.env, LAMBDALINT_WORKERS: String(threads) };
  const runLambdalint = () => run('lambdalint CLI', lambdalintArgs, env);
  const eslintArgs = [eslintBin, '--no-config-lookup', '-c', eslintConfig, '--format', 'json', `--concurrency=${threads === 0 ? 'off' : threads}`, ...files];
  const runEslint = () => run('eslint CLI', eslintArgs, process.env);
  runLambdalint();
  runEslint();
  const series = { lambdalint: [], eslint: [], lambdalintCpu: [], eslintCpu: [], lambdalintRss: [] };
  let lint;
  let base;
  for (let i = 0; i < rounds; i++) {
    // Alternate which tool goes first, so neither always runs on a cache the other warmed.
    const order = i % 2 === 0 ? ['eslint', 'lambdalint'] : ['lambdalint', 'eslint'];
    for (const tool of order) {
      if (tool === 'eslint') {
        base = runEslint();
        series.eslint.push(base.ms);
        series.eslintCpu.push(base.cpuMs);
      } else {
        lint = runLambdalint();
        series.lambdalint.push(lint.ms);
        series.lambdalintCpu.push(lint.cpuMs);
        series.lambdalintRss.push(lint.rssKb);
      }
    }
  }
  const wall = median(series.lambdalint) / median(series.eslint);
  const cpu = median(series.lambdalintCpu) / median(series.eslintCpu);
  console.log(`\n${label}: ${threads === 0 ? 'one thread each' : `${threads} lint threads each`} (lambdalint LAMBDALINT_WORKERS=${threads}, eslint --concurrency=${threads === 0 ? 'off' : threads})`);
  console.log(`  eslint:     median ${median(series.eslint).toFixed(0)} ms wall ${fmt(series.eslint)}; CPU median ${median(series.eslintCpu).toFixed(0)} ms; ${base.files} files, ${base.messages} messages`);
  console.log(`  lambdalint: median ${median(series.lambdalint).toFixed(0)} ms wall ${fmt(series.lambdalint)}; CPU median ${median(series.lambdalintCpu).toFixed(0)} ms; peak RSS max ${mb(Math.max(...series.lambdalintRss))}; ${lint.messages} findings`);
  console.log(`  ratio lambdalint / eslint: ${wall.toFixed(3)}x wall, ${cpu.toFixed(3)}x CPU`);
  return { wall, cpu, rssKb: Math.max(...series.lambdalintRss), lint };
}

try {
  // The files lambdalint analyses, from one run of its own report.
  const probe = run('lambdalint CLI', lambdalintArgs, { ...process.env, LAMBDALINT_WORKERS: '0' });
  const files = probe.report.map((f) => f.filePath).filter(codeFile);
  const ruleCounts = {};
  for (const file of probe.report) for (const m of file.messages) ruleCounts[m.ruleId] = (ruleCounts[m.ruleId] ?? 0) + 1;
  console.log(`lambdalint analyses ${probe.files} files, ${files.length} of them JS/TS (${probe.messages} findings, exit ${probe.status}); eslint is given those ${files.length} files`);
  console.log(`lambdalint findings by rule: ${Object.entries(ruleCounts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => `${id} ${n}`).join(', ')}`);
  console.log(`rounds: ${rounds} per pairing (alternating order, after one warm-up run of each); peak RSS via ${gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}`);
  const workers = defaultWorkerCount(files.length);
  const single = measurePair('single-threaded', 0, files);
  const parallel = workers > 0 ? measurePair('default threads', workers, files) : undefined;
  console.log(`\nratios (target <= 0.5x wall): single-threaded ${single.wall.toFixed(3)}x${parallel ? `, ${workers} threads each ${parallel.wall.toFixed(3)}x` : ` (lambdalint uses no workers for ${files.length} files on ${availableParallelism()} CPUs)`}`);
  console.log(`lambdalint peak RSS: ${mb(Math.max(single.rssKb, parallel?.rssKb ?? 0))} (target < 1024 MB)`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
