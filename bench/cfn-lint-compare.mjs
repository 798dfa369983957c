// Loads every SAM / CloudFormation template of the dev corpus with lambdalint and times
// `cfn-lint` (the Python tool) on the same template list in the same run, alternating
// runs so machine noise hits both. Prints templates/second for each and the ratio.
//
// lambdalint is measured three ways:
//   loader   - in-process: read + isCloudFormationTemplate + loadCloudFormation, per template
//   configs  - in-process: analyzeConfigs(templates) = discovery + loaders + model + config rules
//   process  - `node` child running analyzeConfigs over the list: process start and module
//              loading included, like for like with one cfn-lint process over all files
// cfn-lint runs once per round as a user would run it (one process, all files), and once
// on a one-resource template, so its start-up cost and its cost per template can be told apart.
//
// Usage: npm run build && node bench/cfn-lint-compare.mjs
//   CORPUS_DIR=/tmp/corpus  ROUNDS=3  SAM_ONLY=1 (only templates with the SAM transform)
//   CFN_LINT=/path/to/cfn-lint (default: cfn-lint on PATH)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
const loaderPath = join(dist, 'loaders', 'cloudformation.js');
const analyzePath = join(dist, 'analyze-configs.js');
const toPosix = (path) => (sep === '/' ? path : path.split(sep).join('/'));

// Child mode: `node bench/cfn-lint-compare.mjs --child <root> <list-file>` runs the config pass once.
if (process.argv[2] === '--child') {
  const [, , , childRoot, listFile] = process.argv;
  const { analyzeConfigs } = await import(pathToFileURL(analyzePath).href);
  const paths = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const { model, findings } = await analyzeConfigs(paths, { root: childRoot, gitignore: false });
  process.stdout.write(JSON.stringify({ configFiles: model.configFiles.length, functions: model.functions.length, findings: findings.length }));
  process.exit(0);
}

if (!existsSync(loaderPath) || !existsSync(analyzePath)) {
  console.error(`lambdalint is not built (${relative(root, loaderPath)} or ${relative(root, analyzePath)} missing): run \`npm run build\` first.`);
  process.exit(1);
}
const { isCloudFormationTemplate, loadCloudFormation } = await import(pathToFileURL(loaderPath).href);
const { analyzeConfigs } = await import(pathToFileURL(analyzePath).href);

const corpusDir = resolve(process.env.CORPUS_DIR ?? '/tmp/corpus');
const rounds = Number(process.env.ROUNDS ?? 3);
const samOnly = process.env.SAM_ONLY === '1';
const cfnLint = process.env.CFN_LINT ?? 'cfn-lint';
const work = join(root, 'bench', '.generated', 'cfn-lint-compare');
mkdirSync(work, { recursive: true });

// Build output and dependencies are not templates anyone wrote (as lambdalint skips them).
const SKIP_DIRS = new Set(['node_modules', '.aws-sam', 'cdk.out', '.serverless', '.terraform', '.git']);
const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
const MAX_BYTES = 5 * 1024 * 1024; // lambdalint's file size limit; nothing in the corpus is near it

function findTemplates(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) findTemplates(path, out);
    } else if (entry.isFile() && TEMPLATE_EXT.test(entry.name) && statSync(path).size <= MAX_BYTES) {
      const text = readFileSync(path, 'utf8');
      if (!isCloudFormationTemplate(text)) continue;
      const sam = /AWS::Serverless/.test(text);
      if (samOnly && !sam) continue;
      out.push({ rel: toPosix(relative(corpusDir, path)), bytes: Buffer.byteLength(text), sam });
    }
  }
  return out;
}

if (!existsSync(corpusDir)) {
  console.error(`corpus folder ${corpusDir} not found: extract the dev corpus there or set CORPUS_DIR.`);
  process.exit(1);
}
const templates = findTemplates(corpusDir);
if (templates.length === 0) {
  console.error(`no SAM/CloudFormation templates under ${corpusDir}`);
  process.exit(1);
}
const relPaths = templates.map((t) => t.rel);
const listFile = join(work, 'templates.txt');
writeFileSync(listFile, `${relPaths.join('\n')}\n`);
const tinyDir = join(work, 'tiny');
mkdirSync(tinyDir, { recursive: true });
writeFileSync(join(tinyDir, 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
writeFileSync(join(tinyDir, 'list.txt'), 'template.yaml\n');

const host = {
  readFile: (rel) => {
    try {
      return readFileSync(join(corpusDir, rel), 'utf8');
    } catch {
      return undefined;
    }
  },
  fileExists: (rel) => existsSync(join(corpusDir, rel)),
  listDir: (rel) => {
    try {
      return readdirSync(join(corpusDir, rel)).map((name) => (rel === '.' || rel === '' ? name : `${rel}/${name}`)).sort();
    } catch {
      return [];
    }
  },
};

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Read, recognise and load each template; also the time each one took (last run kept). */
const perTemplateMs = new Map();
function runLoader() {
  const start = now();
  let functions = 0;
  let diagnostics = 0;
  for (const rel of relPaths) {
    const t0 = now();
    const text = readFileSync(join(corpusDir, rel), 'utf8');
    if (!isCloudFormationTemplate(text)) throw new Error(`${rel} no longer recognised`);
    const result = loadCloudFormation(rel, text, host);
    functions += result.functions.length;
    diagnostics += result.diagnostics.length;
    perTemplateMs.set(rel, now() - t0);
  }
  return { ms: now() - start, functions, diagnostics };
}

async function runConfigs() {
  const start = now();
  const { model, findings } = await analyzeConfigs(relPaths, { root: corpusDir, gitignore: false });
  return { ms: now() - start, configFiles: model.configFiles.length, functions: model.functions.length, findings: findings.length };
}

function runChild(cwdRoot, list) {
  const start = now();
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', cwdRoot, list], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = now() - start;
  if (result.status !== 0 || result.error) throw new Error(`lambdalint child failed (${result.status}): ${result.stderr || result.error}`);
  return { ms, ...JSON.parse(result.stdout) };
}

function runCfnLint(cwd, files) {
  const start = now();
  const result = spawnSync(cfnLint, ['--format', 'json', '--', ...files], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = now() - start;
  if (result.error) throw result.error;
  // Exit status is a bit mask: 2 errors, 4 warnings, 8 informational; anything else is a failure.
  let matches;
  try {
    matches = JSON.parse(result.stdout || '[]');
  } catch {
    throw new Error(`cfn-lint exited ${result.status} without JSON output: ${(result.stderr || result.stdout).slice(0, 2000)}`);
  }
  if (result.status === null || (result.status & 1) === 1) throw new Error(`cfn-lint failed (${result.status ?? result.signal}): ${result.stderr.slice(0, 2000)}`);
  return { ms, matches: matches.length, parseErrors: matches.filter((m) => m.Rule?.Id === 'E0000').length };
}

// Is cfn-lint there?
const version = spawnSync(cfnLint, ['--version'], { encoding: 'utf8' });
const cfnLintVersion = version.error || version.status !== 0 ? undefined : (version.stdout || version.stderr).trim();

const samCount = templates.filter((t) => t.sam).length;
const totalBytes = templates.reduce((n, t) => n + t.bytes, 0);
console.log(`corpus: ${corpusDir}`);
console.log(
  `templates: ${templates.length} (${samCount} SAM, ${templates.length - samCount} plain CloudFormation${samOnly ? '; SAM_ONLY=1' : ''}), ${(totalBytes / 1024).toFixed(0)} KiB`,
);

// Warm up: JIT for the in-process runs, file cache and module cache for the processes.
runLoader();
await runConfigs();
runChild(corpusDir, listFile);
if (cfnLintVersion) runCfnLint(tinyDir, ['template.yaml']);

const series = { loader: [], configs: [], process: [], processStart: [], cfn: [], cfnStart: [] };
let loaderInfo;
let configsInfo;
let processInfo;
let cfnInfo;
for (let i = 0; i < rounds; i++) {
  loaderInfo = runLoader();
  series.loader.push(loaderInfo.ms);
  configsInfo = await runConfigs();
  series.configs.push(configsInfo.ms);
  processInfo = runChild(corpusDir, listFile);
  series.process.push(processInfo.ms);
  series.processStart.push(runChild(tinyDir, join(tinyDir, 'list.txt')).ms);
  if (cfnLintVersion) {
    cfnInfo = runCfnLint(corpusDir, relPaths);
    series.cfn.push(cfnInfo.ms);
    series.cfnStart.push(runCfnLint(tinyDir, ['template.yaml']).ms);
  }
}

const n = templates.length;
const perSecond = (ms) => (n / (ms / 1000)).toFixed(0);
const list = (values) => `[${values.map((m) => m.toFixed(0)).join(', ')}]`;
const line = (label, values) =>
  console.log(`${label.padEnd(34)} median ${median(values).toFixed(1).padStart(8)} ms  ${perSecond(median(values)).padStart(6)} templates/s  ${(median(values) / n).toFixed(2).padStart(7)} ms/template  ${list(values)}`);

console.log(`rounds: ${rounds} (alternating, after one warm-up run of each)`);
console.log(
  `lambdalint: ${loaderInfo.functions} functions from the loader (${loaderInfo.diagnostics} load diagnostics); config pass: ${configsInfo.configFiles} config files, ${configsInfo.functions} functions, ${configsInfo.findings} findings`,
);
line('lambdalint loader (in-process)', series.loader);
line('lambdalint configs+rules (in-process)', series.configs);
line('lambdalint configs+rules (process)', series.process);
console.log(`${'lambdalint process start-up'.padEnd(34)} median ${median(series.processStart).toFixed(1).padStart(8)} ms (one-resource template)`);

const slowest = [...perTemplateMs].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(`slowest templates in the loader: ${slowest.map(([rel, ms]) => `${rel} ${ms.toFixed(1)} ms`).join('; ')}`);

if (!cfnLintVersion) {
  console.log(`cfn-lint: not found (\`${cfnLint} --version\` failed${version.error ? `: ${version.error.code}` : ''}); no comparison made.`);
  process.exit(0);
}
console.log(`cfn-lint: ${cfnLintVersion}; ${cfnInfo.matches} matches (${cfnInfo.parseErrors} E0000 parse errors)`);
line('cfn-lint, one process over all', series.cfn);
const cfnStart = median(series.cfnStart);
const cfnMarginal = Math.max(median(series.cfn) - cfnStart, 1e-3);
const lambdalintMarginal = Math.max(median(series.process) - median(series.processStart), 1e-3);
console.log(`${'cfn-lint start-up'.padEnd(34)} median ${cfnStart.toFixed(1).padStart(8)} ms (one-resource template)`);
console.log(
  `per template, start-up taken out: cfn-lint ${(cfnMarginal / n).toFixed(2)} ms, lambdalint process ${(lambdalintMarginal / n).toFixed(2)} ms, lambdalint loader ${(median(series.loader) / n).toFixed(2)} ms`,
);
const ratio = (a, b) => `${(a / b).toFixed(1)}x`;
console.log(`speed-up, one process each (as users run them): ${ratio(median(series.cfn), median(series.process))} (target 100x)`);
console.log(`speed-up, per template without start-up: ${ratio(cfnMarginal, lambdalintMarginal)}`);
console.log(`speed-up, cfn-lint process vs lambdalint in-process loader: ${ratio(median(series.cfn), median(series.loader))}`);
console.log(`speed-up, cfn-lint process vs lambdalint in-process configs+rules: ${ratio(median(series.cfn), median(series.configs))}`);
