// Runs the built lambdalint CLI over each dev-corpus repository (extracted under CORPUS_DIR,
// one folder per repo named OWNER+NAME, see ../shared/corpus/README.md) and compares with the
// hand-checked expectations in ../shared/corpus/findings.json. Prints a table of findings per
// rule per repository, and each expectation as met or missed.
// Usage: npm run build && CORPUS_DIR=/tmp/corpus node bench/corpus-check.mjs [--strict]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? join(root, '..', 'shared');
const corpusDir = process.env.CORPUS_DIR ?? '/tmp/corpus';
const strict = process.argv.includes('--strict');
const manifest = JSON.parse(readFileSync(join(shared, 'corpus', 'manifest.json'), 'utf8'));
const expectations = JSON.parse(readFileSync(join(shared, 'corpus', 'findings.json'), 'utf8'));

/** Which lambdalint rules answer each expectation kind. */
const RULES_FOR_KIND = {
  'heavy-import': ['no-aws-sdk-v2', 'no-heavy-import', 'missing-dependency'],
  'missing-error-handling': ['handler-error-boundary', 'no-callback-handler', 'no-swallowed-error'],
  'env-var-undefined': ['undefined-env-var'],
  'hardcoded-config': ['no-hardcoded-config'],
  'timeout-exceeds-api-limit': ['timeout-exceeds-integration'],
};
const NEAR = 3;

const table = {};
let failures = 0;
for (const repo of manifest) {
  const dir = join(corpusDir, repo.repo.replace('/', '+'));
  if (!existsSync(dir)) {
    console.log(`SKIP ${repo.repo}: not extracted at ${dir}`);
    continue;
  }
  if (strict) writeFileSync(join(dir, 'lambdalint.config.json'), JSON.stringify({ extends: 'strict' }));
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'dist/src/cli/bin.js'), '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Date.now() - started;
  if (run.status === 2 || !run.stdout) {
    failures++;
    console.log(`CRASH ${repo.repo}: exit ${run.status} ${run.stderr.split('\n')[0]}`);
    continue;
  }
  const report = JSON.parse(run.stdout);
  const findings = report.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath })));
  const counts = {};
  for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  table[repo.repo] = counts;
  console.log(`${repo.repo}: ${findings.length} findings in ${report.length} files, exit ${run.status}, ${ms} ms`);
  for (const e of expectations.filter((x) => x.repo === repo.repo)) {
    const rules = RULES_FOR_KIND[e.kind] ?? [];
    const hit = findings.find((f) => f.file === e.path && rules.includes(f.ruleId) && Math.abs(f.line - e.line) <= NEAR);
    const ok = e.expected === 'report' ? Boolean(hit) : !hit;
    if (!ok) failures++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${e.expected.padEnd(9)} ${e.kind} ${e.path}:${e.line}${hit ? ` <- ${hit.ruleId}:${hit.line}` : ''}`);
  }
}

const rules = [...new Set(Object.values(table).flatMap((c) => Object.keys(c)))].sort();
const repos = Object.keys(table);
if (repos.length === 0) {
  // Nothing was checked: saying "all expectations met" here would be a test that cannot fail.
  console.log(`\nno corpus repository found under ${corpusDir} (see ../shared/corpus/README.md): nothing was checked`);
  process.exit(1);
}
console.log(`\n| rule | ${repos.map((r) => r.split('/')[1]).join(' | ')} |`);
console.log(`|---|${repos.map(() => '---').join('|')}|`);
for (const rule of rules) console.log(`| ${rule} | ${repos.map((r) => table[r][rule] ?? 0).join(' | ')} |`);
console.log(failures === 0 ? '\nall expectations met, no crash' : `\n${failures} expectation(s) missed or crash(es)`);
process.exitCode = failures === 0 ? 0 : 1;
