// Runs lambdalint (config rules, strict preset) over the Lambda fixtures of its peers and prints,
// per mapped rule: cases, agreement with the peer's label, and each disagreement with its reason.
// Not a test: the peers' files are not ours and never committed. Fetch them yourself and extract
// only the Lambda-related fixtures into one folder:
//
//   <dir>/checkov/{cloudformation,terraform}/checks/resource/aws/example_<Check>/...  and test_<Check>.py
//       (bridgecrewio/checkov tests/...: labels per resource, from the test's passing_resources /
//       failing_resources sets)
//   <dir>/serverless-rules/<rule>[-variant].{pass,fail}.yaml
//       (awslabs/serverless-rules cfn-lint-serverless/tests/templates: labels per file)
//   <dir>/cfn-lint/templates/{good,bad,public,integration}/...  and results/.../<name>_yaml.json
//       (aws-cloudformation/cfn-lint test/fixtures: good/bad folders; results list the rule ids)
//
// Usage: npm run bench:peers -- [dir]    (default /tmp/peers)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
const { analyzeConfigs } = await import(pathToFileURL(join(dist, 'analyze-configs.js')).href);
const { presetSettings } = await import(pathToFileURL(join(dist, 'rule-settings.js')).href);
const { parseYaml } = await import(pathToFileURL(join(dist, 'loaders', 'yaml-tree.js')).href);

const dir = process.argv[2] ?? '/tmp/peers';
if (!existsSync(dir)) {
  console.error(`lambdalint bench: ${dir} does not exist; extract the peers' Lambda fixtures there (see the header of bench/peers.mjs).`);
  process.exit(2);
}
const NOW = new Date('2026-12-06T00:00:00Z');
const rules = presetSettings('strict');

/** Peer check -> lambdalint rule, with the resource types whose labels count. */
const CHECKOV = {
  LambdaServicePermission: { id: 'CKV_AWS_364', rule: 'no-unscoped-permission' },
  LambdaFunctionIsNotPublic: { id: 'CKV_AWS_301', rule: 'no-unscoped-permission' },
  LambdaFunctionURLAuth: { id: 'CKV_AWS_258', rule: 'no-public-function-url' },
  LambdaDLQConfigured: { id: 'CKV_AWS_116', rule: 'async-failure-destination' },
  DeprecatedLambdaRuntime: { id: 'CKV_AWS_363', rule: 'deprecated-runtime' },
  LambdaEnvironmentCredentials: { id: 'CKV_AWS_45', rule: 'no-secret-in-environment' },
};
const SERVERLESS_RULES = {
  es1001: 'async-failure-destination',
  es1005: 'no-default-memory',
  es1006: 'no-default-timeout',
  es1007: 'async-failure-destination',
  es4000: 'sqs-redrive-policy',
  es6000: 'sqs-redrive-policy',
  es7000: 'sqs-redrive-policy',
  ws1004: 'log-retention',
};

/**
 * Disagreements whose reason is known, by `peer check case`. Each is a deliberate difference in
 * what the rule claims, written down once; anything not here prints as "unexplained".
 */
const REASONS = {
  'checkov CKV_AWS_116 AWS::Lambda::Function.Default':
    'function has no asynchronous trigger: a DLQ is never used (checkov#2194); lambdalint asks for one only where events can be dropped',
  'checkov CKV_AWS_116 AWS::Serverless::Function.Default':
    'function has no asynchronous trigger: a DLQ is never used (checkov#2194); lambdalint asks for one only where events can be dropped',
  'checkov CKV_AWS_116 aws_lambda_function.fail':
    'function has no asynchronous trigger: a DLQ is never used (checkov#2194); lambdalint asks for one only where events can be dropped',
};
const GENERIC_REASONS = [
  [/CKV_AWS_116 .*(\.fail|Default)/, 'function has no asynchronous trigger: a DLQ is never used (checkov#2194)'],
  [/CKV_AWS_363 /, 'runtime lifecycle table dated differently (lambdalint: src/runtimes.ts, checked 2026-11-27)'],
  [/ES6000 es6000\.fail/, 'the queue triggers no function: lambdalint asks for a redrive policy only on queues that feed a Lambda function'],
  [/ES7000 es7000\.fail/, 'an https subscription, not a Lambda one: out of scope for a Lambda linter'],
  [/CKV_AWS_301 aws_lambda_permission\.fail/, "Principal '*' with a SourceArn condition: only the named resource (an EventBridge rule) can invoke; lambdalint accepts a '*' with a source condition"],
  [/CKV_AWS_45 .*(Secret|fail)/, "the values are AWS's documented example key (AKIAIOSFODNN7EXAMPLE) or a repeated-character placeholder: lambdalint treats placeholders as non-secrets (the gitleaks#538 class of false positive)"],
];

function reasonFor(key) {
  if (REASONS[key]) return REASONS[key];
  for (const [pattern, reason] of GENERIC_REASONS) if (pattern.test(key)) return reason;
  return 'unexplained';
}

function walkFiles(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => walkFiles(join(path, name)));
}

/** Line ranges of the resources of a template or Terraform file: `Type.LogicalId` / `type.name`. */
function resourceRanges(file) {
  const text = readFileSync(file, 'utf8');
  const ranges = [];
  if (file.endsWith('.tf')) {
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      const match = /^resource\s+"([^"]+)"\s+"([^"]+)"/.exec(line);
      if (match) ranges.push({ id: `${match[1]}.${match[2]}`, start: index + 1 });
      else if (/^(data|module|variable|output|locals|provider|terraform)\b/.test(line)) ranges.push({ id: undefined, start: index + 1 });
    });
  } else {
    const parsed = parseYaml(file, text);
    for (const document of parsed.documents) {
      const resources = document.kind === 'map' ? document.pairs.find((p) => p.key === 'Resources')?.value : undefined;
      if (resources?.kind !== 'map') continue;
      for (const pair of resources.pairs) {
        const type = pair.value.kind === 'map' ? pair.value.pairs.find((p) => p.key === 'Type')?.value : undefined;
        ranges.push({ id: `${type?.kind === 'scalar' ? type.value : '?'}.${pair.key}`, start: pair.keyLoc.line });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  return ranges.map((r, i) => ({ ...r, end: i + 1 < ranges.length ? ranges[i + 1].start - 1 : Infinity }));
}

const crashes = [];
async function analyze(path) {
  try {
    const { findings } = await analyzeConfigs(['.'], { root: path, rules, now: NOW, gitignore: false });
    for (const f of findings) if (f.ruleId === 'internal-error') crashes.push(`${relative(dir, path)}: ${f.message}`);
    return findings;
  } catch (error) {
    crashes.push(`${relative(dir, path)}: ${error instanceof Error ? error.stack : String(error)}`);
    return [];
  }
}

/** rule -> { peer, cases, agree, disagreements[] } */
const table = new Map();
function record(peer, check, rule, caseName, expected, actual, files) {
  const key = `${peer} ${check} ${rule}`;
  const row = table.get(key) ?? { peer, check, rule, cases: 0, agree: 0, disagreements: [] };
  row.cases++;
  if (expected === actual) row.agree++;
  else {
    const reasonKey = `${peer} ${check} ${caseName}`;
    row.disagreements.push(`${caseName} (${files}): peer says ${expected ? 'bad' : 'good'}, lambdalint ${actual ? 'reports' : 'does not report'} - ${reasonFor(reasonKey)}`);
  }
  table.set(key, row);
}

// --- checkov: per resource, labels from the test's sets -------------------------------------------
for (const framework of ['cloudformation', 'terraform']) {
  const base = join(dir, 'checkov', framework, 'checks', 'resource', 'aws');
  if (!existsSync(base)) continue;
  for (const [check, { id, rule }] of Object.entries(CHECKOV)) {
    const test = join(base, `test_${check}.py`);
    const examples = join(base, `example_${check}`);
    if (!existsSync(test) || !existsSync(examples)) continue;
    const source = readFileSync(test, 'utf8');
    const set = (name) => {
      const match = new RegExp(`${name}\\s*=\\s*\\{([^}]*)\\}`).exec(source);
      return new Set(match ? [...match[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1]) : []);
    };
    const passing = set('passing_resources');
    const failing = set('failing_resources');
    if (passing.size + failing.size === 0) continue;
    const findings = (await analyze(examples)).filter((f) => f.ruleId === rule);
    const files = walkFiles(examples).filter((f) => /\.(ya?ml|json|tf)$/.test(f));
    const flagged = new Set();
    for (const file of files) {
      const rel = relative(examples, file).split('\\').join('/');
      const ranges = resourceRanges(file);
      for (const f of findings.filter((x) => x.file === rel)) {
        const owner = ranges.find((r) => f.line >= r.start && f.line <= r.end);
        if (owner?.id) flagged.add(owner.id);
      }
    }
    for (const resource of [...passing, ...failing]) record('checkov', id, rule, resource, failing.has(resource), flagged.has(resource), `${framework} example_${check}`);
  }
}

// --- serverless-rules: per file, pass/fail in the name ----------------------------------------------
const srDir = join(dir, 'serverless-rules');
if (existsSync(srDir)) {
  const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  for (const name of readdirSync(srDir).sort()) {
    const match = /^([a-z]{2}\d{4})(?:-[^.]*)?\.(pass|fail)\.ya?ml$/.exec(name);
    const rule = match ? SERVERLESS_RULES[match[1]] : undefined;
    // Every template is analysed (nothing may crash); only mapped ones are scored.
    const scratch = mkdtempSync(join(tmpdir(), 'peers-'));
    copyFileSync(join(srDir, name), join(scratch, 'template.yaml'));
    const findings = await analyze(scratch);
    rmSync(scratch, { recursive: true, force: true });
    if (!rule) continue;
    record('serverless-rules', match[1].toUpperCase(), rule, name, match[2] === 'fail', findings.some((f) => f.ruleId === rule), 'file');
  }
}

// --- cfn-lint: templates in good/ parse; E0000 in a result means a parse error ------------------------
const cfnDir = join(dir, 'cfn-lint', 'templates');
if (existsSync(cfnDir)) {
  for (const file of walkFiles(cfnDir).sort()) {
    const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const scratch = mkdtempSync(join(tmpdir(), 'peers-'));
    copyFileSync(file, join(scratch, basename(file)));
    const findings = await analyze(scratch);
    rmSync(scratch, { recursive: true, force: true });
    const rel = relative(cfnDir, file);
    const resultFile = join(dir, 'cfn-lint', 'results', dirname(rel), `${basename(rel).replace(/\.(ya?ml|json)$/, '')}_${rel.split('.').pop()}.json`);
    const peerParseError = existsSync(resultFile) ? /"E0000"/.test(readFileSync(resultFile, 'utf8')) : rel.startsWith('good/') ? false : undefined;
    if (peerParseError === undefined) continue;
    record('cfn-lint', 'E0000', 'parse-error', rel, peerParseError, findings.some((f) => f.ruleId === 'parse-error'), 'file');
  }
}

// --- report -------------------------------------------------------------------------------------------
const rows = [...table.values()].sort((a, b) => (a.rule + a.peer + a.check < b.rule + b.peer + b.check ? -1 : 1));
console.log('| lambdalint rule | peer check | cases | agree | agreement |');
console.log('| :-- | :-- | --: | --: | --: |');
for (const row of rows) {
  console.log(`| ${row.rule} | ${row.peer} ${row.check} | ${row.cases} | ${row.agree} | ${Math.round((100 * row.agree) / row.cases)}% |`);
}
const total = rows.reduce((sum, r) => sum + r.cases, 0);
const agreed = rows.reduce((sum, r) => sum + r.agree, 0);
console.log(`\n${agreed} of ${total} labelled cases agree (${total ? Math.round((100 * agreed) / total) : 0}%).`);
const disagreements = rows.flatMap((r) => r.disagreements.map((d) => `- ${r.rule} vs ${r.peer} ${r.check}: ${d}`));
console.log(disagreements.length ? `\nDisagreements:\n${disagreements.join('\n')}` : '\nNo disagreements.');
console.log(crashes.length ? `\nCRASHES (${crashes.length}):\n${crashes.join('\n')}` : '\nNo crash on any peer file.');
process.exitCode = crashes.length ? 1 : 0;
