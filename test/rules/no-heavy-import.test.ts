import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-heavy-import.js';
import { pythonFindings, runPythonCheck } from '../helpers/python-check.js';
import { noHeavyImport } from '../../src/python/checks/no-heavy-import.js';
import { PYTHON_HEAVY_PACKAGES } from '../../src/knowledge/python-heavy-packages.js';
import { builtInHeavyPackage } from '../../src/heavy-packages.js';
import { formatBytes, measurePackage, resolvePackageDir } from '../../src/package-cost.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';

// ---------------------------------------------------------------------------
// A small node_modules tree with exact, known sizes (built before the rule tester runs).
// ---------------------------------------------------------------------------
const root = mkdtempSync(join(tmpdir(), 'lambdalint-heavy-'));
const app = join(root, 'app');
const nm = join(app, 'node_modules');
/** The linted file: resolution walks up from its directory, like Node. */
const HANDLER = join(app, 'src', 'handler.ts');

function write(path: string, content: string): number {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return Buffer.byteLength(content);
}
function filler(path: string, size: number): number {
  return write(path, 'x'.repeat(size));
}
function pkg(dir: string, name: string, dependencies: Record<string, string> = {}): number {
  return write(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', dependencies }));
}

write(HANDLER, '// placeholder\n');

// big -> mid (nested copy shadows the top-level one) -> leaf -> big (cycle); ghost is not installed.
const bigBytes =
  pkg(join(nm, 'big'), 'big', { mid: '2.0.0', leaf: '1.0.0', ghost: '1.0.0' }) +
  filler(join(nm, 'big', 'index.js'), 600_000) +
  pkg(join(nm, 'big', 'node_modules', 'mid'), 'mid', { leaf: '1.0.0' }) +
  filler(join(nm, 'big', 'node_modules', 'mid', 'index.js'), 300_000) +
  pkg(join(nm, 'leaf'), 'leaf', { big: '1.0.0' }) +
  filler(join(nm, 'leaf', 'lib', 'a.js'), 200_000) +
  filler(join(nm, 'leaf', 'lib', 'data.json'), 100);
// Never loaded by Node, so never counted:
filler(join(nm, 'big', 'README.md'), 5_000);
filler(join(nm, 'big', 'index.d.ts'), 1_000);
filler(join(nm, 'big', 'index.js.map'), 2_000);
// The top-level mid is another version: big resolves its nested copy instead.
pkg(join(nm, 'mid'), 'mid');
filler(join(nm, 'mid', 'index.js'), 10);

// loopy: a directory symlink to itself, a file symlink, a dangling symlink, and an alias package.
const loopyBytes = pkg(join(nm, 'loopy'), 'loopy', { 'loopy-alias': '1.0.0' }) + 2 * filler(join(nm, 'loopy', 'index.js'), 1_000);
symlinkSync('.', join(nm, 'loopy', 'self'));
symlinkSync('index.js', join(nm, 'loopy', 'alias.js'));
symlinkSync('nowhere.js', join(nm, 'loopy', 'dangling.js'));
symlinkSync('loopy', join(nm, 'loopy-alias'));

// many: tiny but 300 files (file count drives module-load time).
let manyBytes = pkg(join(nm, 'many'), 'many');
for (let i = 0; i < 300; i++) manyBytes += filler(join(nm, 'many', 'lib', `f${i}.js`), 10);

// A stand-in for lodash, to see the measured figures in the known-package message.
const fakeLodashBytes = pkg(join(nm, 'lodash'), 'lodash') + filler(join(nm, 'lodash', 'lodash.js'), 540_000);
// moment is listed for a reason other than its size (a legacy project): reported within the budget too.
const fakeMomentBytes = pkg(join(nm, 'moment'), 'moment') + filler(join(nm, 'moment', 'moment.js'), 100_000);

const smallBytes = pkg(join(nm, 'small'), 'small') + filler(join(nm, 'small', 'index.js'), 100);
const scopedBytes = pkg(join(nm, '@scope', 'pkg'), '@scope/pkg', { small: '1.0.0' }) + filler(join(nm, '@scope', 'pkg', 'index.js'), 50);

// A workspace package linked into node_modules: its dependencies resolve from its real location.
const sharedBytes = pkg(join(root, 'packages', 'shared'), 'shared', { small: '1.0.0' }) + filler(join(root, 'packages', 'shared', 'index.js'), 2_000_000);
symlinkSync(join('..', '..', 'packages', 'shared'), join(nm, 'shared'));

// Two links pointing at each other (ELOOP) and a package.json that is not JSON.
symlinkSync('loop-b', join(nm, 'loop-a'));
symlinkSync('loop-a', join(nm, 'loop-b'));
pkg(join(nm, 'broken'), 'broken');
write(join(nm, 'broken', 'package.json'), '{ not json');
filler(join(nm, 'broken', 'index.js'), 10);

// Deeper than the walk's depth bound.
pkg(join(nm, 'deep'), 'deep');
filler(join(nm, 'deep', ...Array.from({ length: 30 }, () => 'd'), 'bottom.js'), 10);

afterAll(() => rmSync(root, { recursive: true, force: true }));

// Real packages installed in this repository.
const REAL = '/work/main/src/handler.ts';

const known = (name: string, measured = '') => {
  const entry = builtInHeavyPackage(name)!;
  return { name, measured, reason: entry.reason!, alternative: entry.alternative };
};
const over = (bytes: number, files: number, maxBytes = 1_000_000, maxFiles = 250) => ({
  size: formatBytes(bytes),
  files: files.toLocaleString('en-US'),
  atLeast: '',
  maxSize: formatBytes(maxBytes),
  maxFiles: maxFiles.toLocaleString('en-US'),
});

describe('package-cost', () => {
  it('measures the dependency closure like Node resolves it', () => {
    const cost = measurePackage(resolvePackageDir(join(app, 'src'), 'big')!);
    expect(cost).toEqual({ bytes: bigBytes, files: 7, packages: 3, missing: ['ghost'], truncated: false });
  });
  it('survives symlink loops and counts linked files once per link', () => {
    const cost = measurePackage(resolvePackageDir(app, 'loopy')!);
    expect(cost).toEqual({ bytes: loopyBytes, files: 3, packages: 1, missing: [], truncated: false });
  });
  it('resolves a linked workspace package from its real path', () => {
    const dir = resolvePackageDir(app, 'shared')!;
    expect(dir).toBe(join(root, 'packages', 'shared'));
    expect(measurePackage(dir)).toEqual({ bytes: sharedBytes, files: 2, packages: 1, missing: ['small'], truncated: false });
  });
  it('follows scoped packages and their dependencies', () => {
    expect(measurePackage(resolvePackageDir(app, '@scope/pkg')!)).toEqual({
      bytes: scopedBytes + smallBytes, files: 4, packages: 2, missing: [], truncated: false,
    });
  });
  it('never throws on missing, looping or broken input', () => {
    expect(resolvePackageDir(app, 'loop-a')).toBeUndefined();
    expect(resolvePackageDir(app, 'not-installed')).toBeUndefined();
    expect(resolvePackageDir('/definitely/not/here', 'x')).toBeUndefined();
    expect(measurePackage(join(root, 'nope'))).toEqual({ bytes: 0, files: 0, packages: 1, missing: [], truncated: false });
    expect(measurePackage(resolvePackageDir(app, 'broken')!).files).toBe(2);
  });
  it('marks a walk stopped by its depth bound as a lower bound', () => {
    const cost = measurePackage(resolvePackageDir(app, 'deep')!);
    expect(cost.truncated).toBe(true);
    expect(cost.files).toBe(1);
  });
  it('measures real installed packages', () => {
    const ts = measurePackage(resolvePackageDir('/work/main/src', 'typescript')!);
    expect(ts.bytes).toBeGreaterThan(10_000_000);
    const fg = measurePackage(resolvePackageDir('/work/main/src', 'fast-glob')!);
    expect(fg.packages).toBeGreaterThan(5); // micromatch, glob-parent, @nodelib/* ...
    expect(fg.bytes).toBeLessThan(1_000_000);
  });
});

const ruleTester = createRuleTester();

ruleTester.run('no-heavy-import', rule, {
  valid: [
    // Per-method / subpath imports are the light way to use a package.
    "import get from 'lodash/get';\nexport const handler = async (event) => get(event, 'a.b');",
    { code: "const chunk = require('lodash/chunk');\nexports.handler = async (event) => chunk(event.Records, 10);", languageOptions: CJS },
    // Type-only imports are erased.
    "import type { Moment } from 'moment';\nexport const handler = async (): Promise<Moment | undefined> => undefined;",
    "import { type Moment } from 'moment';",
    "export type { Moment } from 'moment';",
    // A plain import that TypeScript erases because it is only used as a type.
    "import { Moment } from 'moment';\nexport const handler = async (m: Moment): Promise<void> => {};",
    // AWS SDK v3 clients are the light alternative; aws-sdk v2 has its own rule.
    "import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async () => s3;",
    "import AWS from 'aws-sdk';",
    // Lazy loading inside the function that needs it.
    "export const handler = async () => {\n  const { default: _ } = await import('lodash');\n  return _.chunk([1, 2], 1);\n};",
    { code: "exports.handler = async () => {\n  const moment = require('moment');\n  return moment().format();\n};", languageOptions: CJS },
    // Relative imports, path aliases and Node built-ins.
    "import { db } from './libs/db.js';\nimport { cfg } from '@/config';\nimport internal from '#internal';",
    "import fs from 'node:fs';\nimport path from 'path';\nimport { createHash } from 'crypto';",
    { code: "const fs = require('fs');\nconst https = require('node:https');", languageOptions: CJS },
    // Allowed by the user, by name or by scope.
    { code: "import moment from 'moment';", options: [{ allow: ['moment'] }] },
    { code: "import heavy from '@company/heavy';", options: [{ allow: ['@company/*'], packages: [{ name: '@company/heavy', alternative: 'x' }] }] },
    // Test files and tool configuration never run in Lambda.
    { code: "import { faker } from '@faker-js/faker';", filename: '/work/app/src/__tests__/handler.test.ts' },
    { code: "import _ from 'lodash';\nexport default { entry: _.identity('src') };", filename: '/work/app/esbuild.config.mjs' },
    // The known-heavy list and the measured budget agree: lodash measured at 540 KB in 2 files is within it.
    { code: "import _ from 'lodash';\nexport const handler = async () => _.now();", filename: HANDLER },
    // Dynamic specifiers cannot be resolved statically.
    { code: "const name = process.env.LIB;\nconst lib = require(name);\nconst other = require();\nexport const load = () => import('lodash' + name);", languageOptions: CJS },
    // CDK infrastructure code runs at synth time, not in the function.
    "import * as cdk from 'aws-cdk-lib';\nimport { Construct } from 'constructs';\nimport _ from 'lodash';\nexport class ApiStack extends cdk.Stack {\n  constructor(scope: Construct, id: string) { super(scope, id); _.noop(); }\n}",
    // aws-cdk-lib in a file without a handler (a construct library) is not reported.
    "import { Duration } from 'aws-cdk-lib';\nexport const timeout = Duration.seconds(10);",
    // Measured: real installed packages under the default budget.
    { code: "import YAML from 'yaml';\nexport const handler = async (event) => YAML.parse(event.body);", filename: REAL },
    { code: "import ignore from 'ignore';\nexport const handler = async () => ignore().add('x');", filename: REAL },
    { code: "import fg from 'fast-glob';\nexport const handler = async () => fg('*.json');", filename: REAL },
    // Measured: not installed anywhere up the tree, so nothing to measure.
    { code: "import leftPad from 'left-pad';", filename: REAL },
    // Measured: the temp tree's small packages, loops and broken links.
    { code: "import small from 'small';\nimport pkg from '@scope/pkg';\nimport loopy from 'loopy';\nimport a from 'loop-a';\nimport broken from 'broken';", filename: HANDLER },
    // The subpath of a package over budget is fine.
    { code: "import part from 'big/part.js';", filename: HANDLER },
    // Lazy import of a measured heavy package inside a middy handler.
    {
      code: "import middy from '@middy/core';\nexport const handler = middy(async () => {\n  const { default: big } = await import('big');\n  return big;\n});",
      filename: HANDLER,
    },
  ],
  invalid: [
    {
      code: "import _ from 'lodash';\nexport const handler = async (event) => _.get(event, 'a');",
      errors: [{ messageId: 'knownHeavy', line: 1, column: 15, data: known('lodash') }],
    },
    {
      code: "const moment = require('moment');\nmodule.exports.handler = async () => ({ statusCode: 200, body: moment().format() });",
      languageOptions: CJS,
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('moment') }],
    },
    {
      code: "import middy from '@middy/core';\nimport httpErrorHandler from '@middy/http-error-handler';\nimport axios from 'axios';\nexport const handler = middy(async () => (await axios.get('https://example.com')).data).use(httpErrorHandler());",
      errors: [{ messageId: 'knownHeavy', line: 3, data: known('axios') }],
    },
    {
      code: "import { google } from 'googleapis';\nimport { wrap } from './libs/wrap.js';\nexport const handler = wrap(async (event) => google.sheets('v4'));",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('googleapis') }],
    },
    {
      code: "const request = require('request');\nexports.handler = (event, context, callback) => request('https://example.com', callback);",
      languageOptions: CJS,
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('request') }],
    },
    {
      code: "import * as math from 'mathjs';\nclass Lambda {\n  async handler(event: { a: number }) { return math.sqrt(event.a); }\n}\nconst lambda = new Lambda();\nexport const handler = lambda.handler.bind(lambda);",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('mathjs') }],
    },
    {
      code: "import puppeteer from 'puppeteer';\nexport const handler = async () => (await puppeteer.launch()).version();",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('puppeteer') }],
    },
    {
      // Only reported in handler code: the handler does not need CDK at run time.
      code: "import { Duration } from 'aws-cdk-lib';\nexport const handler = async () => Duration.seconds(5).toMilliseconds();",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('aws-cdk-lib') }],
    },
    {
      // CDK v1 packages map to the same entry; the handler comes from settings (SQS, nodejs24.x).
      code: "import * as lambda from '@aws-cdk/aws-lambda';\nexport async function processQueue(event) { return lambda; }\nexport { processQueue as handler };",
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'knownHeavy', line: 1, data: { ...known('aws-cdk-lib'), name: '@aws-cdk/aws-lambda' } }],
    },
    {
      code: "import { faker } from '@faker-js/faker';\nexport const handler = async () => faker.person.fullName();",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('@faker-js/faker') }],
    },
    {
      // An unused import still loads the package in plain JavaScript.
      code: "import moment from 'moment';",
      errors: [{ messageId: 'knownHeavy', data: known('moment'), line: 1 }],
    },
    {
      // A plain `config.js` is application code (unlike `webpack.config.js`).
      code: "const _ = require('lodash');\nmodule.exports = { tableName: _.identity(process.env.TABLE) };",
      languageOptions: CJS,
      filename: '/work/app/src/config.js',
      errors: [{ messageId: 'knownHeavy', data: known('lodash'), line: 1 }],
    },
    {
      code: "export { default as moment } from 'moment';",
      errors: [{ messageId: 'knownHeavy', data: known('moment'), line: 1 }],
    },
    {
      code: "import _ = require('lodash');",
      errors: [{ messageId: 'knownHeavy', data: known('lodash'), line: 1 }],
    },
    {
      // Top-level await still runs during init.
      code: "const { default: _ } = await import('lodash');\nexport const handler = async () => _.now();",
      errors: [{ messageId: 'knownHeavy', line: 1, data: known('lodash') }],
    },
    {
      code: "import pdf from 'my-pdf-lib';\nexport const handler = async () => pdf();",
      options: [{ packages: [{ name: 'my-pdf-lib', alternative: "'pdf-lite'", reason: 'it embeds fonts' }] }],
      errors: [{ messageId: 'knownHeavy', data: { name: 'my-pdf-lib', measured: '', reason: 'it embeds fonts', alternative: "'pdf-lite'" }, line: 1 }],
    },
    {
      code: "const pdf = require('my-pdf-lib');\nexports.handler = async () => pdf();",
      languageOptions: CJS,
      options: [{ packages: [{ name: 'my-pdf-lib', alternative: "'pdf-lite'" }] }],
      errors: [{ messageId: 'knownHeavy', data: { name: 'my-pdf-lib', measured: '', reason: 'it is listed as heavy in the rule options', alternative: "'pdf-lite'" }, line: 1 }],
    },
    // Measured against real packages installed in this repository.
    {
      code: "import ts from 'typescript';\nexport const handler = async (event) => ts.transpile(event.body);",
      filename: REAL,
      errors: [{ messageId: 'overBudget', line: 1 }],
    },
    {
      code: "import { ESLint } from 'eslint';\nexport const handler = async () => new ESLint();",
      filename: REAL,
      errors: [{ messageId: 'overBudget', line: 1 }],
    },
    {
      code: "import YAML from 'yaml';\nexport const handler = async (event) => YAML.parse(event.body);",
      filename: REAL,
      options: [{ maxBytes: 100_000 }],
      errors: [{ messageId: 'overBudget', line: 1 }],
    },
    {
      code: "const fg = require('fast-glob');\nmodule.exports = { handler: async () => fg('*.json') };",
      languageOptions: CJS,
      filename: REAL.replace(/\.ts$/, '.cjs'),
      options: [{ maxFiles: 50 }],
      errors: [{ messageId: 'overBudget', line: 1 }],
    },
    // Measured against the temp tree: exact figures.
    {
      code: "import big from 'big';\nexport const handler = async () => big;",
      filename: HANDLER,
      errors: [{ messageId: 'overBudget', line: 1, data: { name: 'big', ...over(bigBytes, 7) } }],
    },
    {
      code: "import many from 'many';\nexport const handler = async () => many;",
      filename: HANDLER,
      errors: [{ messageId: 'overBudget', data: { name: 'many', ...over(manyBytes, 301) }, line: 1 }],
    },
    {
      code: "import shared from 'shared';\nimport small from 'small';",
      filename: HANDLER,
      options: [{ maxBytes: 1_500_000, maxFiles: 10 }],
      errors: [{ messageId: 'overBudget', line: 1, data: { name: 'shared', ...over(sharedBytes, 2, 1_500_000, 10) } }],
    },
    {
      // A listed package measured within the budget: reported in strict (knownBelowBudget) only.
      code: "import _ from 'lodash';\nexport const handler = async () => _.now();",
      filename: HANDLER,
      options: [{ knownBelowBudget: true }],
      errors: [{ messageId: 'knownHeavy', data: known('lodash', ` (${formatBytes(fakeLodashBytes)} in 2 files installed)`), line: 1 }],
    },
    {
      code: "import moment from 'moment';\nexport const handler = async () => moment().toISOString();",
      filename: HANDLER,
      errors: [{ messageId: 'knownHeavy', data: known('moment', ` (${formatBytes(fakeMomentBytes)} in 2 files installed)`), line: 1 }],
    },
    {
      // Strict budget (the strict config's options).
      code: "import small from 'small';\nimport loopy from 'loopy';",
      filename: HANDLER,
      options: [{ maxBytes: 1_000, maxFiles: 100 }],
      errors: [{ messageId: 'overBudget', line: 2, data: { name: 'loopy', ...over(loopyBytes, 3, 1_000, 100) } }],
    },
  ],
});

describe('no-heavy-import (Python)', () => {
  it('reports module-scope imports of heavy packages the module never uses', async () => {
    const code = `import json
import pandas as pd
import numpy
from sklearn.linear_model import LogisticRegression
try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None

def handler(event, context):
    return json.dumps(numpy.zeros(3).tolist())
`;
    expect(await pythonFindings(noHeavyImport, code)).toEqual([
      { messageId: 'unusedHeavyImport', line: 2 },
      { messageId: 'unusedHeavyImport', line: 4 },
    ]);
    const [pandas] = await runPythonCheck(noHeavyImport, code);
    expect(pandas.data).toEqual({ name: 'pandas', reason: '36.8 MiB installed, plus NumPy' });
  });

  it('accepts used, lazily imported, TYPE_CHECKING-only, allowed and re-exported imports, and test files', async () => {
    const used = `from typing import TYPE_CHECKING
import pandas as pd
if TYPE_CHECKING:
    import numpy as np

def handler(event, context):
    import scipy.stats
    return pd.DataFrame(event["rows"]).to_json()
`;
    expect(await pythonFindings(noHeavyImport, used)).toEqual([]);
    const unused = `import torch\n`;
    expect(await pythonFindings(noHeavyImport, unused, { options: [{ allow: ['torch'] }] })).toEqual([]);
    expect(await pythonFindings(noHeavyImport, unused, { file: 'tests/test_model.py' })).toEqual([]);
    expect(await pythonFindings(noHeavyImport, unused, { file: 'src/model/__init__.py' })).toEqual([]);
    expect(await pythonFindings(noHeavyImport, `import numpy as np\n__all__ = ["np"]\n`)).toEqual([]);
    expect(await pythonFindings(noHeavyImport, `import polars\n`, { options: [{ packages: [{ name: 'polars', alternative: 'csv' }] }] })).toEqual([
      { messageId: 'unusedHeavyImport', line: 1 },
    ]);
  });

  it('keeps a source and a figure for every Python heavy package', () => {
    for (const entry of PYTHON_HEAVY_PACKAGES) {
      expect(entry.source).toMatch(/Debian 12 .*KiB.*checked \d{4}-\d{2}-\d{2}/);
      expect(entry.reason).toMatch(/\d/);
    }
  });
});
