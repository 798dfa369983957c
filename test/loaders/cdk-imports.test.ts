/**
 * The CDK loader's file limits and its reader of the project's own files: a stack that
 * instantiates a construct (or uses a constant) imported from another local file.
 */
import { describe, expect, it } from 'vitest';
import { isCdkFile, isCdkPath, loadCdk, MAX_CDK_FILE_BYTES, MAX_CDK_NESTING } from '../../src/loaders/cdk.js';
import { memoryHost } from './host.js';

const FILE = 'app/lib/stack.ts';

function load(text: string, files: Record<string, string> = {}, file = FILE) {
  return loadCdk(file, text, memoryHost({ 'app/cdk.json': '{}', [file]: text, ...files }));
}

/** A construct whose constructor creates one NodejsFunction with the entry it is given. */
const construct = (name: string, exportAs = `export class ${name}`) =>
  [
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
    "import { Construct } from 'constructs';",
    `${exportAs} extends Construct {`,
    '  constructor(scope: Construct, id: string, props: { entry: string }) {',
    '    super(scope, id);',
    "    new NodejsFunction(this, 'Fn', { entry: props.entry, runtime: lambda.Runtime.NODEJS_22_X, memorySize: 256 });",
    '  }',
    '}',
  ].join('\n');

/** A stack that imports `name` from `from` and instantiates it once as `Orders`. */
const stack = (from: string, importClause = `{ Worker }`, name = 'Worker') =>
  [
    "import * as cdk from 'aws-cdk-lib';",
    `import ${importClause} from '${from}';`,
    'export class S extends cdk.Stack {',
    '  constructor(scope: cdk.App, id: string) {',
    '    super(scope, id);',
    `    new ${name}(this, 'Orders', { entry: 'src/orders.ts' });`,
    '  }',
    '}',
  ].join('\n');

const summary = (r: ReturnType<typeof load>) =>
  r.functions.map((f) => `${f.name} ${String(f.code?.path.value)} ${String(f.runtime?.value)} ${String(f.memorySize.value)} @${f.source.file}:${f.source.line}`);

describe('cdk detection: paths and test files', () => {
  it.each([
    ['lib/stack.ts', true],
    ['lib/stack.mts', true],
    ['lib/stack.cts', true],
    ['lib/stack.d.ts', false],
    ['lib/stack.d.mts', false],
    ['lib/stack.d.cts', false],
    ['node_modules/x/index.ts', false],
    ['lib\\node_modules\\x\\index.ts', false],
    ['app\\cdk.out\\asset\\index.ts', false],
    ['lib/my_node_modules/index.ts', true],
  ])('isCdkPath(%j) is %s', (path, expected) => {
    expect(isCdkPath(path)).toBe(expected);
  });

  it.each([['test/api.ts'], ['tests/api.ts'], ['lib/__tests__/api.ts'], ['lib/api.test.ts'], ['lib/api.spec.ts'], ['lib/api.test.mts']])(
    'a unit test (%s) instantiating project constructs deploys nothing',
    (path) => {
      const text = "import * as cdk from 'aws-cdk-lib';\nimport { Api } from '../lib/api';\nnew Api(stack, 'Api');\n";
      expect(isCdkFile(text, path)).toBe(false);
      expect(isCdkFile(text, 'lib/contest/api.ts')).toBe(true);
    },
  );
});

describe('cdk loader: file limits', () => {
  // A stack padded with a comment to an exact length.
  const padded = (length: number) => {
    const head = "import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport function f(scope: any) {\n  new lambda.Function(scope, 'Padded', { memorySize: 128 });\n}\n//";
    return head + 'x'.repeat(length - head.length);
  };

  it('a stack file of exactly the limit is read; one character more is refused with one diagnostic', () => {
    expect(MAX_CDK_FILE_BYTES).toBe(2 * 1024 * 1024);
    const atLimit = load(padded(MAX_CDK_FILE_BYTES));
    expect(atLimit.diagnostics).toEqual([]);
    expect(atLimit.functions.map((f) => `${f.name} ${String(f.memorySize.value)}`)).toEqual(['Padded 128']);
    const over = load(padded(MAX_CDK_FILE_BYTES + 1));
    expect(over.functions).toEqual([]);
    expect(over.diagnostics).toEqual([{ ruleId: 'parse-error', message: `${FILE} is over 2 MB: not parsed as a CDK stack.`, loc: { file: FILE, line: 1, column: 1 } }]);
  });

  it('a binary file and a file nested too deeply are one diagnostic each', () => {
    expect(load("import * as cdk from 'aws-cdk-lib';\u0000").diagnostics).toEqual([
      { ruleId: 'parse-error', message: `${FILE} is a binary file, not TypeScript.`, loc: { file: FILE, line: 1, column: 1 } },
    ]);
    const deep = load(`import * as cdk from 'aws-cdk-lib';\nconst x = ${'['.repeat(MAX_CDK_NESTING + 1)}${']'.repeat(MAX_CDK_NESTING + 1)};\n`);
    expect(deep.diagnostics).toEqual([
      { ruleId: 'parse-error', message: `${FILE} nests brackets deeper than 256 levels: not read as a CDK stack.`, loc: { file: FILE, line: 2, column: 267 } },
    ]);
    const justDeepEnough = load(`import * as cdk from 'aws-cdk-lib';\nconst x = ${'['.repeat(MAX_CDK_NESTING)}${']'.repeat(MAX_CDK_NESTING)};\n`);
    expect(justDeepEnough.diagnostics).toEqual([]);
  });

  it('an expression too deep for the parser without brackets is a parse error, not a crash', () => {
    const r = load(`import * as cdk from 'aws-cdk-lib';\nconst x = 1${' + 1'.repeat(20_000)};\n`);
    expect(r.diagnostics).toEqual([
      { ruleId: 'parse-error', message: `${FILE} is nested too deeply to read (the parser ran out of stack): not read as a CDK stack.`, loc: { file: FILE, line: 1, column: 1 } },
    ]);
  });
});

describe('cdk loader: failures', () => {
  const throwing = (error: Error) => ({
    readFile: () => {
      throw error;
    },
    fileExists: (p: string) => p === 'app/lib/worker.ts',
    listDir: () => [],
  });

  it('an error inside the loader is one internal-error diagnostic naming the file; a RangeError other than the stack is one too', () => {
    expect(loadCdk(FILE, stack('./worker'), throwing(new Error('disk gone'))).diagnostics).toEqual([
      { ruleId: 'internal-error', message: `CDK loader failed on ${FILE}: disk gone`, loc: { file: FILE, line: 1, column: 1 } },
    ]);
    expect(loadCdk(FILE, stack('./worker'), throwing(new RangeError('Invalid array length'))).diagnostics).toEqual([
      { ruleId: 'internal-error', message: `CDK loader failed on ${FILE}: Invalid array length`, loc: { file: FILE, line: 1, column: 1 } },
    ]);
    // Only a RangeError about the stack is the parser's limit.
    expect(loadCdk(FILE, stack('./worker'), throwing(new Error('Maximum call stack size exceeded'))).diagnostics).toEqual([
      { ruleId: 'internal-error', message: `CDK loader failed on ${FILE}: Maximum call stack size exceeded`, loc: { file: FILE, line: 1, column: 1 } },
    ]);
  });
});

describe('cdk loader: constructs imported from the project', () => {
  it('reads `./x` as x.ts, `./x.js` as x.ts and `./dir` as dir/index.ts', () => {
    const expected = ['Orders/Fn app/src/orders.ts nodejs22.x 256 @app/lib/stack.ts:6'];
    const ts = load(stack('./worker'), { 'app/lib/worker.ts': construct('Worker') });
    expect(ts.diagnostics).toEqual([]);
    expect(summary(ts)).toEqual(expected);
    expect(summary(load(stack('./worker.js'), { 'app/lib/worker.ts': construct('Worker') }))).toEqual(expected);
    expect(summary(load(stack('./constructs'), { 'app/lib/constructs/index.ts': construct('Worker') }))).toEqual(expected);
    expect(summary(load(stack('../shared/worker'), { 'app/shared/worker.ts': construct('Worker') }))).toEqual(expected);
  });

  it('a default import takes the default-exported class; a named import never does', () => {
    const files = { 'app/lib/worker.ts': `${construct('Other')}\n${construct('Worker', 'export default class Worker')}` };
    expect(summary(load(stack('./worker', 'Worker'), files))).toEqual(['Orders/Fn app/src/orders.ts nodejs22.x 256 @app/lib/stack.ts:6']);
    // The named import finds no non-default class of that name.
    expect(summary(load(stack('./worker'), files))).toEqual([]);
    // An aliased named import reads the class by its exported name.
    expect(summary(load(stack('./worker', '{ Other as Worker }'), files))).toEqual(['Orders/Fn app/src/orders.ts nodejs22.x 256 @app/lib/stack.ts:6']);
  });

  it('files outside the project, missing, binary, oversized, too deep, or not TypeScript are not read', () => {
    // `../../outside` and `../..` from lib/ at the project root leave the project: never even read.
    const outside: Record<string, string> = { '../outside.ts': construct('Worker'), '../index.ts': construct('Worker'), '...ts': construct('Worker') };
    for (const from of ['../../outside', '../..']) {
      const read: string[] = [];
      const host = memoryHost({ 'lib/stack.ts': stack(from), ...outside });
      const r = loadCdk('lib/stack.ts', stack(from), { ...host, readFile: (p) => (read.push(p), host.readFile(p)) });
      expect(summary(r)).toEqual([]);
      expect(read).toEqual([]);
    }
    expect(summary(load(stack('../inside'), { 'inside.ts': construct('Worker') }, 'lib/stack.ts'))).toEqual(['Orders/Fn lib/src/orders.ts nodejs22.x 256 @lib/stack.ts:6']);
    expect(summary(load(stack('./missing')))).toEqual([]);
    expect(summary(load(stack('./worker'), { 'app/lib/worker.ts': `${construct('Worker')}\n\u0000` }))).toEqual([]);
    const big = (extra: number) => {
      const text = `${construct('Worker')}\n//`;
      return text + 'x'.repeat(MAX_CDK_FILE_BYTES - text.length + extra);
    };
    expect(summary(load(stack('./worker'), { 'app/lib/worker.ts': big(0) }))).toEqual(['Orders/Fn app/src/orders.ts nodejs22.x 256 @app/lib/stack.ts:6']);
    expect(summary(load(stack('./worker'), { 'app/lib/worker.ts': big(1) }))).toEqual([]);
    const deep = `${construct('Worker')}\nconst x = ${'['.repeat(MAX_CDK_NESTING + 1)}${']'.repeat(MAX_CDK_NESTING + 1)};`;
    expect(summary(load(stack('./worker'), { 'app/lib/worker.ts': deep }))).toEqual([]);
    expect(summary(load(stack('./worker.d'), { 'app/lib/worker.d.ts': construct('Worker') }))).toEqual([]);
    // A package import is not a project file.
    expect(summary(load(stack('worker-lib'), { 'app/lib/worker-lib.ts': construct('Worker') }))).toEqual([]);
  });

  it('a file imported twice is read once and serves both imports', () => {
    const text = [
      "import * as cdk from 'aws-cdk-lib';",
      "import { Worker } from './worker';",
      "import { Worker as Again } from './worker.js';",
      'export class S extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    new Worker(this, 'A', { entry: 'src/a.ts' });",
      "    new Again(this, 'B', { entry: 'src/b.ts' });",
      '  }',
      '}',
    ].join('\n');
    let reads = 0;
    const files: Record<string, string> = { 'app/cdk.json': '{}', [FILE]: text, 'app/lib/worker.ts': construct('Worker') };
    const r = loadCdk(FILE, text, {
      readFile: (p) => {
        if (p === 'app/lib/worker.ts') reads++;
        return files[p];
      },
      fileExists: (p) => p in files,
      listDir: () => [],
    });
    expect(summary(r)).toEqual(['A/Fn app/src/a.ts nodejs22.x 256 @app/lib/stack.ts:7', 'B/Fn app/src/b.ts nodejs22.x 256 @app/lib/stack.ts:8']);
    expect(reads).toBe(1);
  });
});
