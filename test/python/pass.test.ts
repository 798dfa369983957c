import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/analyze.js';
import { pythonChecks } from '../../src/python/checks/index.js';
import type { PythonCheck } from '../../src/python/checks/types.js';
import { loadPythonParser, parsePython } from '../../src/python/parser.js';
import { tooDeeplyNested } from '../../src/python/pass.js';
import { dedent, samTemplate, writeProject, type Files } from '../helpers/temp-project.js';

/** One SAM function per entry: logical id -> [CodeUri, Handler]. */
const sam = (functions: Record<string, [string, string]>, env: string[] = []): string =>
  samTemplate([
    'Globals:',
    '  Function:',
    '    Runtime: python3.12',
    ...env,
    'Resources:',
    ...Object.entries(functions).flatMap(([id, [codeUri, handler]]) => [
      `  ${id}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      CodeUri: ${codeUri}`,
      `      Handler: ${handler}`,
    ]),
  ]);

async function analyse(files: Files, rules: string[] = ['handler-resolves', 'undefined-env-var']) {
  const root = writeProject(files);
  return analyzeProject({ root, rules: Object.fromEntries(rules.map((id) => [id, { severity: 'error' as const }])) });
}

describe('Python pass: parsing', () => {
  it('parses Python 3.8-3.13 syntax with tabs, CRLF and a BOM without a parse error', async () => {
    const modern = [
      '\uFEFFimport os',
      'type Point = tuple[float, float]',
      'def first[T](xs: list[T], /, *, default: T | None = None) -> T:',
      '\treturn xs[0]',
      'def handler(event, context):',
      '\tif (n := len(event)) > 1:',
      '\t\treturn f"{event["x"]!r:>10} {n=}"',
      '\tmatch event:',
      '\t\tcase {"kind": "a", **rest}:',
      '\t\t\treturn rest',
      '\t\tcase _:',
      '\t\t\tpass',
      '\ttry:',
      '\t\tpass',
      '\texcept* ValueError:',
      '\t\tpass',
      '\twith (open("a") as a, open("b") as b):',
      '\t\treturn os.environ.get("X", "")',
      '',
    ].join('\r\n');
    const result = await analyse({ 'template.yaml': sam({ Fn: ['src/', 'app.handler'] }), 'src/app.py': modern });
    expect(result.findings).toEqual([]);
    expect(result.files).toContain('src/app.py');
  });

  it('reports a module that does not parse at its line and still analyses the others', async () => {
    const result = await analyse({
      'template.yaml': sam({ Good: ['src/', 'good.handler'], Bad: ['src/', 'bad.handler'] }),
      'src/good.py': 'import os\ndef handler(event, context):\n    return os.environ["MISSING"]\n',
      'src/bad.py': 'def handler(event, context):\n    return 1\n\nx = = 2\n',
    });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.functions])).toEqual([
      ['parse-error', 'src/bad.py', 4, ['Bad']],
      ['undefined-env-var', 'src/good.py', 3, ['Good']],
    ]);
  });

  it('refuses a module nested deeper than CPython allows, before parsing it', async () => {
    const deep = `def handler(event, context):\n    return ${'('.repeat(5000)}1${')'.repeat(5000)}\n`;
    const result = await analyse({ 'template.yaml': sam({ Fn: ['src/', 'app.handler'] }), 'src/app.py': deep });
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['parse-error', 2]]);
  });

  it('counts brackets outside strings and comments only', () => {
    expect(tooDeeplyNested(`x = "${'('.repeat(300)}"\n# ${'['.repeat(300)}\ny = '''\n${'{'.repeat(300)}\n'''\n`)).toBeUndefined();
    expect(tooDeeplyNested(`x = ${'['.repeat(201)}`)).toEqual({ line: 1, column: 205 });
  });
});

describe('Python handler model', () => {
  it('resolves dotted packages, package __init__ modules and slash paths from the code root', async () => {
    const result = await analyse({
      'template.yaml': sam({ Dotted: ['src/', 'pkg.sub.mod.main'], Init: ['src/', 'pkg.handler'], Slash: ['.', 'src/pkg/sub/mod.main'] }),
      'src/pkg/__init__.py': 'def handler(event, context):\n    return 1\n',
      'src/pkg/sub/__init__.py': '',
      'src/pkg/sub/mod.py': 'def main(event, context):\n    return 1\n',
    });
    expect(result.findings).toEqual([]);
    const files = Object.fromEntries(result.functions.map((f) => [f.fn.name, f.resolution.status === 'found' ? f.resolution.file : f.resolution.status]));
    expect(files).toEqual({ Dotted: 'src/pkg/sub/mod.py', Init: 'src/pkg/__init__.py', Slash: 'src/pkg/sub/mod.py' });
  });

  it('takes module-level names bound to callables as handlers, not methods of a class', async () => {
    const result = await analyse({
      'template.yaml': sam({ Asgi: ['src/', 'app.handler'], Alias: ['src/', 'app.lambda_handler'], Method: ['src/', 'app.process'], Imported: ['src/', 'app.reexported'] }),
      'src/app.py': dedent`
        from mangum import Mangum
        from fastapi import FastAPI
        from .impl import reexported

        app = FastAPI()
        handler = Mangum(app)
        lambda_handler = app

        class Worker:
            def process(self, event, context):
                return 1
      `,
      'src/impl.py': 'def reexported(event, context):\n    return 1\n',
    });
    expect(result.findings.map((f) => [f.ruleId, f.functions, f.message])).toEqual([
      ['handler-resolves', ['Method'], expect.stringContaining("has no export 'process'")],
    ]);
  });

  it('names the module-level functions when the handler name is far from all of them', async () => {
    const result = await analyse({
      'template.yaml': sam({ Fn: ['src/', 'app.lambda_handler'] }),
      'src/app.py': 'def create(event, context):\n    return 1\n\ndef delete(event, context):\n    return 1\n',
    });
    expect(result.findings.map((f) => f.message)).toEqual([expect.stringContaining("(it defines 'create', 'delete')")]);
  });

  it('follows local imports as sys.path resolves them (code root first) and attributes helper findings to the functions loading them', async () => {
    const result = await analyse({
      'template.yaml': sam({ A: ['src/', 'a.handler'], B: ['src/', 'b.handler'], C: ['other/', 'c.handler'] }),
      'src/a.py': 'import shared.config\ndef handler(event, context):\n    return shared.config.VALUE\n',
      'src/b.py': 'from shared import config\nfrom . import sibling\ndef handler(event, context):\n    return config.VALUE\n',
      'src/sibling.py': 'import os\nNAME = os.environ["SIBLING"]\n',
      'src/shared/__init__.py': 'import os\nROOT = os.environ["PKG_INIT"]\n',
      'src/shared/config.py': 'import os\nfrom .. import sibling\nVALUE = os.environ["CONFIG"]\n',
      // Another code root: its `shared` is not src/shared.
      'other/c.py': 'import shared\ndef handler(event, context):\n    return 1\n',
      'other/shared.py': 'X = 1\n',
    });
    const byFile = result.findings.map((f) => [f.file, /os\.environ\['(\w+)'\]/.exec(f.message)?.[1], f.functions]);
    expect(byFile).toEqual([
      ['src/shared/__init__.py', 'PKG_INIT', ['A', 'B']],
      ['src/shared/config.py', 'CONFIG', ['A', 'B']],
      ['src/sibling.py', 'SIBLING', ['A', 'B']],
    ]);
    const graph = (name: string) => result.functions.find((f) => f.fn.name === name)!.files;
    expect(graph('C')).toEqual(['other/c.py', 'other/shared.py']);
    expect(graph('A').sort()).toEqual(['src/a.py', 'src/shared/__init__.py', 'src/shared/config.py', 'src/sibling.py']);
  });

  it('walks a module shared by two code roots with each function\'s own root', async () => {
    const result = await analyse({
      'template.yaml': sam({ FromTop: ['.', 'src/app.handler'], FromSrc: ['src/', 'app.handler'] }),
      'src/app.py': 'import shared\n\ndef handler(event, context):\n    return shared.X\n',
      'shared.py': 'X = 1\n',
      'src/shared.py': 'X = 2\n',
    });
    const graph = (name: string) => result.functions.find((f) => f.fn.name === name)!.files;
    expect(graph('FromTop')).toEqual(['src/app.py', 'shared.py']);
    expect(graph('FromSrc')).toEqual(['src/app.py', 'src/shared.py']);
  });

  it('reads the code root of serverless-python-requirements `module`, Terraform archive_file and CDK PythonFunction', async () => {
    const result = await analyse({
      'serverless.yml': dedent`
        service: api
        provider:
          name: aws
          runtime: python3.12
        functions:
          hello:
            handler: handler.main
            module: hello
      `,
      'hello/handler.py': 'def main(event, context):\n    return 1\n',
      'main.tf': dedent`
        data "archive_file" "fn" {
          type        = "zip"
          source_dir  = "\${path.module}/lambda"
          output_path = "\${path.module}/build/fn.zip"
        }
        resource "aws_lambda_function" "fn" {
          function_name = "fn"
          role          = "arn:aws:iam::123456789012:role/x"
          runtime       = "python3.12"
          handler       = "app.handler"
          filename      = data.archive_file.fn.output_path
        }
      `,
      'lambda/app.py': 'def handler(event, context):\n    return 1\n',
      'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
      'lib/stack.ts': dedent`
        import * as cdk from 'aws-cdk-lib';
        import { Runtime } from 'aws-cdk-lib/aws-lambda';
        import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
        export class Stack extends cdk.Stack {
          constructor(scope: cdk.App, id: string) {
            super(scope, id);
            new PythonFunction(this, 'Py', { entry: 'functions/py', index: 'main.py', handler: 'run', runtime: Runtime.PYTHON_3_12 });
          }
        }
      `,
      'functions/py/main.py': 'def run(event, context):\n    return 1\n',
    });
    const files = Object.fromEntries(result.functions.map((f) => [f.fn.name, f.resolution.status === 'found' ? f.resolution.file : f.resolution]));
    expect(files).toEqual({ hello: 'hello/handler.py', 'aws_lambda_function.fn': 'lambda/app.py', Py: 'functions/py/main.py' });
    expect(result.findings).toEqual([]);
  });
});

describe('Python pass: running the visitors behind rule ids', () => {
  const seen: Array<{ file: string; handlers: unknown; options: readonly unknown[] }> = [];
  const probe: PythonCheck = {
    run(context) {
      seen.push({ file: context.file, handlers: context.handlers.map(({ node, ...rest }) => ({ ...rest, node: node.type })), options: context.options });
      // One report per string literal that looks like an ARN, with the rule's own message.
      for (const node of context.root.descendantsOfType('string_content')) {
        if (node?.text.startsWith('arn:')) context.report({ messageId: 'hardcodedArn', node, data: { value: node.text } });
      }
    },
  };
  const failing: PythonCheck = {
    run() {
      throw new Error('visitor bug');
    },
  };
  beforeEach(() => {
    seen.length = 0;
    pythonChecks['no-hardcoded-config'] = probe;
    pythonChecks['no-hardcoded-secret'] = failing;
  });
  afterEach(() => {
    delete pythonChecks['no-hardcoded-config'];
    delete pythonChecks['no-hardcoded-secret'];
  });

  it('gives each visitor the handlers with triggers, runtime, functions and batch size, and the options with defaults', async () => {
    const root = writeProject({
      'template.yaml': samTemplate([
        'Resources:',
        '  Worker:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: python3.12',
        '      CodeUri: src/',
        '      Handler: app.handler',
        '      Events:',
        '        Jobs:',
        '          Type: SQS',
        '          Properties:',
        '            Queue: arn:aws:sqs:eu-west-1:123456789012:jobs',
        '            BatchSize: 5',
        '  Api:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: python3.12',
        '      CodeUri: src/',
        '      Handler: app.asgi',
      ]),
      'src/app.py': 'from lib import topics\n\ndef handler(event, context):\n    return topics.ARN\n\nasgi = wrap(handler)\n',
      'src/lib/__init__.py': '',
      'src/lib/topics.py': 'ARN = "arn:aws:sns:eu-west-1:123456789012:orders"\n',
    });
    const result = await analyzeProject({
      root,
      rules: { 'no-hardcoded-config': { severity: 'warn', options: [{ checkRegion: false }] }, 'no-hardcoded-secret': { severity: 'error' } },
    });
    expect(seen.find((s) => s.file === 'src/app.py')).toEqual({
      file: 'src/app.py',
      handlers: [
        { name: 'handler', node: 'function_definition', triggers: ['sqs'], runtime: 'python3.12', functions: ['Worker'], batchSize: 5, maxBatchSize: 5 },
        { name: 'asgi', node: 'assignment', triggers: [], runtime: 'python3.12', functions: ['Api'] },
      ],
      options: [{ ignore: [], checkRegion: false, allowEnvFallback: true }],
    });
    expect(seen.find((s) => s.file === 'src/lib/topics.py')?.handlers).toEqual([]);
    const config = result.findings.filter((f) => f.ruleId === 'no-hardcoded-config');
    expect(config).toEqual([
      expect.objectContaining({
        file: 'src/lib/topics.py',
        line: 1,
        column: 8,
        severity: 'warning',
        messageId: 'hardcodedArn',
        functions: ['Api', 'Worker'],
        message: expect.stringMatching(/^ARN 'arn:aws:sns:eu-west-1:123456789012:orders' is hardcoded/),
      }),
    ]);
    // A visitor that throws is one internal-error per file; the other rules and files are still checked.
    expect(result.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.file)).toEqual(['src/app.py', 'src/lib/__init__.py', 'src/lib/topics.py']);
  });
});

describe('parsePython', () => {
  it('gives up when the progress callback says so, and the next parse starts afresh', async () => {
    const parser = await loadPythonParser();
    const big = 'def f(event, context):\n    return [1, 2, 3]\n'.repeat(5000);
    expect(parsePython(parser, big, { progressCallback: () => true })).toBeUndefined();
    const parsed = parsePython(parser, 'x = 1\n');
    expect(parsed?.error).toBeUndefined();
    expect(parsed?.tree.rootNode.text).toBe('x = 1\n');
    parsed?.tree.delete();
  });
});
