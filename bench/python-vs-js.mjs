// Times the built lambdalint CLI on 1,000 generated Python handlers (plus helper modules) against
// 1,000 equivalent JavaScript handlers, side by side, alternating runs so machine noise hits both.
// Prints Python files/s, JavaScript files/s and the time ratio (target: Python <= 1.5x JavaScript).
// Usage: npm run build && node bench/python-vs-js.mjs
//   ROUNDS=3  SERVICES=10 FUNCTIONS=100 (per service)  HELPERS=5 (helper modules per service)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.generated', 'python-vs-js');
const rounds = Number(process.env.ROUNDS ?? 3);
const services = Number(process.env.SERVICES ?? 10);
const functionsPerService = Number(process.env.FUNCTIONS ?? 100);
const helpers = Number(process.env.HELPERS ?? 5);
const cliBin = join(root, 'dist', 'src', 'cli', 'bin.js');
if (!existsSync(cliBin)) {
  console.error(`lambdalint CLI not built (${cliBin} missing): run \`npm run build\` first.`);
  process.exit(1);
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const serverless = (name, runtime) =>
  [
    `service: ${name}`,
    'provider:',
    '  name: aws',
    `  runtime: ${runtime}`,
    '  memorySize: 512',
    '  timeout: 10',
    '  logRetentionInDays: 14',
    '  environment:',
    '    TABLE_NAME: orders',
    'functions:',
    ...Array.from({ length: functionsPerService }, (_, i) => [
      `  fn${i}:`,
      `    handler: handlers/fn${i}.handler`,
      '    events:',
      `      - httpApi: POST /${name}/fn${i}`,
    ]).flat(),
    '',
  ].join('\n');

/** The same handler in both languages: a client at init, a parsed body in try/except, two helper calls. */
const pythonHandler = (i) => `import json
import os

import boto3

from lib import db, validation
from lib.helper${i % helpers} import transform

TABLE = os.environ["TABLE_NAME"]
_client = boto3.client("dynamodb")


def handler(event, context):
    try:
        body = json.loads(event.get("body") or "{}")
    except ValueError:
        return {"statusCode": 400, "body": "invalid JSON"}
    item = validation.check(transform(body), kind="fn${i}")
    db.save(_client, TABLE, item)
    return {"statusCode": 200, "body": json.dumps(item)}
`;
const jsHandler = (i) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as db from '../lib/db.mjs';
import * as validation from '../lib/validation.mjs';
import { transform } from '../lib/helper${i % helpers}.mjs';

const TABLE = process.env.TABLE_NAME;
const client = new DynamoDBClient({});

export const handler = async (event) => {
  let body;
  try {
    body = JSON.parse(event.body ?? '{}');
  } catch {
    return { statusCode: 400, body: 'invalid JSON' };
  }
  const item = validation.check(transform(body), 'fn${i}');
  await db.save(client, TABLE, item);
  return { statusCode: 200, body: JSON.stringify(item) };
};
`;
const pythonHelper = (k) => `def transform(body):
    result = {}
    for key, value in body.items():
        result[key.lower()] = value if value is not None else ${k}
    return result
`;
const jsHelper = (k) => `export function transform(body) {
  const result = {};
  for (const [key, value] of Object.entries(body)) result[key.toLowerCase()] = value ?? ${k};
  return result;
}
`;

rmSync(work, { recursive: true, force: true });
let pythonFiles = 0;
let jsFiles = 0;
for (let s = 0; s < services; s++) {
  const py = join(work, 'python', `service${s}`);
  const js = join(work, 'js', `service${s}`);
  write(join(py, 'serverless.yml'), serverless(`py${s}`, 'python3.12'));
  write(join(js, 'serverless.yml'), serverless(`js${s}`, 'nodejs20.x'));
  write(join(py, 'requirements.txt'), 'boto3==1.35.0\n');
  write(join(js, 'package.json'), `${JSON.stringify({ name: `js${s}`, private: true, type: 'module', dependencies: { '@aws-sdk/client-dynamodb': '^3.600.0' } }, null, 2)}\n`);
  write(join(py, 'lib', '__init__.py'), '');
  write(join(py, 'lib', 'db.py'), 'def save(client, table, item):\n    client.put_item(TableName=table, Item=item)\n');
  write(join(js, 'lib', 'db.mjs'), 'export async function save(client, table, item) {\n  return client.send({ table, item });\n}\n');
  write(join(py, 'lib', 'validation.py'), 'def check(item, kind):\n    if not item:\n        raise ValueError(kind)\n    return item\n');
  write(join(js, 'lib', 'validation.mjs'), 'export function check(item, kind) {\n  if (!item) throw new Error(kind);\n  return item;\n}\n');
  for (let k = 0; k < helpers; k++) {
    write(join(py, 'lib', `helper${k}.py`), pythonHelper(k));
    write(join(js, 'lib', `helper${k}.mjs`), jsHelper(k));
  }
  for (let i = 0; i < functionsPerService; i++) {
    write(join(py, 'handlers', `fn${i}.py`), pythonHandler(i));
    write(join(js, 'handlers', `fn${i}.mjs`), jsHandler(i));
  }
  pythonFiles += functionsPerService + helpers + 3;
  jsFiles += functionsPerService + helpers + 2;
}

// The child reports its CPU time (all threads) at exit: on a busy machine wall time favours the
// run with more threads (JavaScript lints in worker threads from 500 files; Python parses in one).
const CPU_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@cpu_us='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

function run(dir) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', CPU_HOOK, cliBin, '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`lambdalint failed in ${dir}: ${result.stderr}`);
  const findings = JSON.parse(result.stdout).reduce((n, r) => n + r.messages.length, 0);
  const cpu = Number(/@@cpu_us=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1e6;
  return { seconds, cpu, findings };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = { python: [], js: [] };
const cpuTimes = { python: [], js: [] };
const findings = {};
for (let round = 0; round < rounds; round++) {
  for (const language of round % 2 === 0 ? ['python', 'js'] : ['js', 'python']) {
    const { seconds, cpu, findings: count } = run(join(work, language));
    times[language].push(seconds);
    cpuTimes[language].push(cpu);
    findings[language] = count;
  }
}
const python = median(times.python);
const js = median(times.js);
const pythonCpu = median(cpuTimes.python);
const jsCpu = median(cpuTimes.js);
console.log(`${services * functionsPerService} handlers per language, ${rounds} rounds (median), load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`);
console.log(`Python:     ${pythonFiles} code files in ${python.toFixed(2)} s = ${(pythonFiles / python).toFixed(0)} files/s, CPU ${pythonCpu.toFixed(2)} s (${findings.python} findings)`);
console.log(`JavaScript: ${jsFiles} code files in ${js.toFixed(2)} s = ${(jsFiles / js).toFixed(0)} files/s, CPU ${jsCpu.toFixed(2)} s (${findings.js} findings)`);
console.log(`Python / JavaScript time ratio: ${(python / js).toFixed(2)}x wall, ${(pythonCpu / jsCpu).toFixed(2)}x CPU (target <= 1.5x)`);
