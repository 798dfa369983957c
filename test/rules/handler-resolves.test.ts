import { cdkStack, dedent, runCrossRuleCases } from '../helpers/temp-project.js';

// `extra` is added after dedenting: inserted inside the template, its unindented lines would
// leave the template's indentation in place and break the YAML.
const serverless = (functions: string, extra = ''): string =>
  dedent`
    service: orders
    provider:
      name: aws
      runtime: nodejs20.x
  ` + `${extra}functions:\n${functions}`;

const sam = (resources: string): string =>
  dedent`
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Resources:
  ` + resources;

const terraform = (handler: string, code: string): string => dedent`
  data "archive_file" "orders" {
    type        = "zip"
    source_dir  = "\${path.module}/src/orders"
    output_path = "\${path.module}/build/orders.zip"
  }

  resource "aws_lambda_function" "orders" {
    function_name = "orders"
    role          = "arn:aws:iam::123456789012:role/lambda"
    runtime       = "nodejs20.x"
    handler       = "${handler}"
    ${code}
  }
`;

const ARCHIVE = 'filename = data.archive_file.orders.output_path';

runCrossRuleCases('handler-resolves', {
  valid: [
    {
      name: 'serverless: TypeScript source of a serverless-esbuild handler',
      files: {
        'serverless.yml': serverless('  create:\n    handler: src/handlers/create.main\n', 'plugins:\n  - serverless-esbuild\n'),
        'src/handlers/create.ts': 'export const main = async () => ({ statusCode: 201 });\n',
      },
    },
    {
      name: 'serverless: .mjs and .cjs files, CommonJS exports',
      files: {
        'serverless.yml': serverless('  a:\n    handler: a.handler\n  b:\n    handler: lib/b.run\n'),
        'a.mjs': 'export async function handler() {}\n',
        'lib/b.cjs': 'module.exports.run = async () => {};\n',
      },
    },
    {
      name: 'serverless: prebuilt zip artifact is not checked',
      files: {
        'serverless.yml': serverless('  create:\n    handler: index.handler\n    package:\n      artifact: build/create.zip\n'),
      },
    },
    {
      name: 'serverless: handler in build output that is not built yet is not checked',
      files: {
        'serverless.yml': serverless('  create:\n    handler: dist/handlers/create.handler\n'),
        'src/handlers/create.ts': 'export const handler = async () => {};\n',
      },
    },
    {
      name: 'serverless: a re-exported or renamed export counts',
      files: {
        'serverless.yml': serverless('  a:\n    handler: a.handler\n  b:\n    handler: b.handler\n  c:\n    handler: c.handler\n'),
        'a.js': "export { run as handler } from './impl.js';\n",
        'b.js': "export * from './impl.js';\n",
        'c.js': "module.exports = require('./impl.js');\n",
        'impl.js': 'export const run = async () => {};\nexport const handler = run;\n',
      },
    },
    {
      name: 'SAM: esbuild EntryPoints in a folder name the output the handler points at',
      files: {
        'template.yaml': sam(
          '  Create:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: orders/\n      Handler: create.handler\n      Runtime: nodejs22.x\n' +
            '    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints:\n          - src/handlers/create.ts\n',
        ),
        'orders/src/handlers/create.ts': 'export const handler = async () => ({ statusCode: 201 });\n',
      },
    },
    {
      name: 'SAM: a CodeUri that names one file is the handler module',
      files: {
        'template.yaml': sam('  Ping:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/ping.js\n      Handler: ping.handler\n      Runtime: nodejs22.x\n'),
        'src/ping.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
      },
    },
    {
      name: 'serverless: a handler in dist/ traced to its source through package.json esbuild script',
      files: {
        'serverless.yml': serverless('  create:\n    handler: dist/create.handler\n'),
        'package.json': JSON.stringify({ scripts: { build: 'esbuild src/create.ts --bundle --platform=node --outdir=dist' } }),
        'src/create.ts': 'export const handler = async () => ({ statusCode: 201 });\n',
      },
    },
    {
      name: 'SAM: Java handler under a runtime from a parameter is not checked',
      files: {
        'template.yaml': sam(
          "  Invoice:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: invoices/\n      Handler: com.example.Handler::handleRequest\n      Runtime: !Ref Runtime\n",
        ),
      },
    },
    {
      name: 'SAM: CodeUri base, Globals runtime',
      files: {
        'template.yaml': [
          "AWSTemplateFormatVersion: '2010-09-09'",
          'Transform: AWS::Serverless-2016-10-31',
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          'Resources:',
          '  OrdersFunction:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/orders/',
          '      Handler: app.handler',
          '',
        ].join('\n'),
        'src/orders/app.mjs': 'export const handler = async () => ({ statusCode: 200 });\n',
      },
    },
    {
      name: 'SAM: container images and inline code are not checked',
      files: {
        'template.yaml': sam(
          [
            '  ImageFunction:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      PackageType: Image',
            '      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:latest',
            '  InlineFunction:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      Runtime: nodejs20.x',
            '      Handler: index.nothere',
            '      InlineCode: "exports.handler = async () => {};"',
            '',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'SAM: Python handler, a def or a name bound in the module',
      files: {
        'template.yaml': sam(
          [
            '  Notifier:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: notifier/',
            '      Handler: app.lambda_handler',
            '      Runtime: python3.12',
            '  Api:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: api/',
            '      Handler: service.main.handler',
            '      Runtime: python3.12',
            '',
          ].join('\n'),
        ),
        'notifier/app.py': 'import json\n\ndef lambda_handler(event, context):\n    return json.dumps(event)\n',
        'api/service/main.py': 'from mangum import Mangum\nfrom .app import app\n\nhandler = Mangum(app)\n',
      },
    },
    {
      name: 'SAM: runtimes other than Node.js and Python are not checked',
      files: {
        'template.yaml': sam(
          [
            '  JavaFunction:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: java/',
            '      Handler: com.example.Handler::handleRequest',
            '      Runtime: java21',
            '',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'CloudFormation JSON: Code folder and handler found',
      files: {
        'template.json': JSON.stringify(
          {
            AWSTemplateFormatVersion: '2010-09-09',
            Resources: {
              Fn: {
                Type: 'AWS::Lambda::Function',
                Properties: { Code: 'src/api', Handler: 'index.handler', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::1:role/x' },
              },
            },
          },
          null,
          2,
        ),
        'src/api/index.mjs': 'export const handler = async () => ({ statusCode: 200 });\n',
      },
    },
    {
      name: 'Terraform: archive_file source_dir base; prebuilt zip not checked',
      files: {
        'main.tf':
          terraform('index.handler', ARCHIVE) +
          dedent`

            resource "aws_lambda_function" "prebuilt" {
              function_name = "prebuilt"
              role          = "arn:aws:iam::123456789012:role/lambda"
              runtime       = "nodejs20.x"
              handler       = "missing.handler"
              filename      = "build/prebuilt.zip"
            }
          `,
        'src/orders/index.mjs': 'export const handler = async () => {};\n',
      },
    },
    {
      name: 'CDK: NodejsFunction entry, default entry next to the stack, Code.fromAsset folder',
      files: {
        ...cdkStack(dedent`
          ${'    '}new NodejsFunction(this, 'orders', { entry: 'lambda/orders.ts', runtime: lambda.Runtime.NODEJS_22_X });
              new NodejsFunction(this, 'thumbnail', { runtime: lambda.Runtime.NODEJS_22_X });
              new lambda.Function(this, 'Webhook', {
                runtime: lambda.Runtime.NODEJS_20_X,
                handler: 'webhook.main',
                code: lambda.Code.fromAsset('lambda'),
              });
        `),
        'lambda/orders.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
        'lib/stack.thumbnail.ts': 'export async function handler() {}\n',
        'lambda/webhook.js': 'exports.main = async () => ({ statusCode: 204 });\n',
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: a build script maps dist/ back to a source whose export is misspelt',
      files: {
        'serverless.yml': serverless('  create:\n    handler: dist/create.handler\n'),
        'package.json': JSON.stringify({ scripts: { build: 'esbuild src/create.ts --bundle --platform=node --outfile=dist/create.js' } }),
        'src/create.ts': 'export const handle = async () => ({ statusCode: 201 });\n',
      },
      errors: [{ messageId: 'missingExport', file: 'serverless.yml', line: 'handler: dist/create.handler', messageIncludes: ['src/create.ts', "(did you mean 'handle'?)"] }],
    },
    {
      name: 'serverless: wrong folder (docs example)',
      files: {
        'serverless.yml': serverless('  create:\n    handler: src/handler/create.main\n'),
        'src/handlers/create.ts': 'export const main = async () => ({ statusCode: 201 });\n',
      },
      errors: [
        {
          messageId: 'missingFile',
          file: 'serverless.yml',
          line: 'handler: src/handler/create.main',
          functions: ['create'],
          messageIncludes: ['src/handler/create{.js,.mjs,.cjs,.ts,.mts,.cts} does not exist', 'create fails every invocation (Runtime.ImportModuleError)'],
        },
      ],
    },
    {
      name: 'a handler file that does not parse is a parse error, not a missing export',
      files: {
        'serverless.yml': serverless('  create:\n    handler: src/create.handler\n'),
        'src/create.mjs': 'export const handler = async () => {;\n',
      },
      errors: [{ ruleId: 'parse-error', file: 'src/create.mjs', line: 2 }],
    },
    {
      name: 'serverless: a typo in the file name names the nearest file',
      files: {
        'serverless.yml': serverless('  create:\n    handler: src/handlers/craete.main\n'),
        'src/handlers/create.ts': 'export const main = async () => ({ statusCode: 201 });\n',
        'src/handlers/list.ts': 'export const main = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingFile', file: 'serverless.yml', line: 'craete.main', messageIncludes: ['did you mean src/handlers/create.ts?'] }],
    },
    {
      name: 'serverless: missing export, did you mean',
      files: {
        'serverless.yml': serverless('  create:\n    handler: src/create.handler\n'),
        'src/create.ts': 'export const handle = async () => ({ statusCode: 201 });\nexport const helper = 1;\n',
      },
      errors: [
        {
          messageId: 'missingExport',
          file: 'serverless.yml',
          line: 'handler: src/create.handler',
          messageIncludes: ["src/create.ts has no export 'handler'", "did you mean 'handle'?", 'Runtime.HandlerNotFound'],
        },
      ],
    },
    {
      name: 'serverless: built folder exists but the handler file is not in it',
      files: {
        'serverless.yml': serverless('  create:\n    handler: dist/create.handler\n'),
        'dist/list.js': 'export const handler = async () => {};\n',
      },
      errors: [{ messageId: 'missingFile', file: 'serverless.yml', line: 'dist/create.handler' }],
    },
    {
      name: 'SAM: missing export (docs example), located at Handler',
      files: {
        'template.yaml': sam(
          [
            '  OrdersFunction:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: src/',
            '      Handler: orders.handler',
            '      Runtime: nodejs20.x',
            '',
          ].join('\n'),
        ),
        'src/orders.ts': 'export const handle = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingExport', file: 'template.yaml', line: 'Handler: orders.handler', functions: ['OrdersFunction'], messageIncludes: ["did you mean 'handle'?"] }],
    },
    {
      name: 'SAM: missing file under CodeUri, Handler inherited from Globals',
      files: {
        'template.yaml': [
          "AWSTemplateFormatVersion: '2010-09-09'",
          'Transform: AWS::Serverless-2016-10-31',
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          '    Handler: app.handler',
          'Resources:',
          '  A:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/a/',
          '  B:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/b/',
          '',
        ].join('\n'),
        'src/a/app.js': 'exports.handler = async () => {};\n',
        'src/b/index.js': 'exports.handler = async () => {};\n',
      },
      errors: [{ messageId: 'missingFile', file: 'template.yaml', line: 'Handler: app.handler', functions: ['B'], messageIncludes: ['src/b/app{.js,'] }],
    },
    {
      name: 'SAM: Python module missing',
      files: {
        'template.yaml': sam(
          [
            '  Notifier:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: notifier/',
            '      Handler: app.lambda_handler',
            '      Runtime: python3.12',
            '',
          ].join('\n'),
        ),
        'notifier/main.py': 'def lambda_handler(event, context):\n    return None\n',
      },
      errors: [{ messageId: 'missingFile', file: 'template.yaml', line: 'Handler: app.lambda_handler', messageIncludes: ['notifier/app.py'] }],
    },
    {
      name: 'SAM: Python function missing, did you mean',
      files: {
        'template.yaml': sam(
          [
            '  Notifier:',
            '    Type: AWS::Serverless::Function',
            '    Properties:',
            '      CodeUri: notifier/',
            '      Handler: app.handlr',
            '      Runtime: python3.12',
            '',
          ].join('\n'),
        ),
        'notifier/app.py': 'def handler(event, context):\n    return None\n\ndef _helper():\n    pass\n',
      },
      errors: [{ messageId: 'missingExport', file: 'template.yaml', line: 'Handler: app.handlr', messageIncludes: ["no export 'handlr'", "did you mean 'handler'?"] }],
    },
    {
      name: 'CloudFormation JSON: handler file missing',
      files: {
        'template.json': JSON.stringify(
          {
            AWSTemplateFormatVersion: '2010-09-09',
            Resources: {
              Fn: {
                Type: 'AWS::Lambda::Function',
                Properties: { Code: 'src/api', Handler: 'main.handler', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::1:role/x' },
              },
            },
          },
          null,
          2,
        ),
        'src/api/index.mjs': 'export const handler = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingFile', file: 'template.json', line: '"Handler": "main.handler"' }],
    },
    {
      name: 'Terraform: handler file missing under archive_file source_dir',
      files: {
        'main.tf': terraform('main.handler', ARCHIVE),
        'src/orders/index.mjs': 'export const handler = async () => {};\n',
      },
      errors: [{ messageId: 'missingFile', file: 'main.tf', line: 'handler       = "main.handler"', functions: ['aws_lambda_function.orders'], messageIncludes: ['src/orders/main{.js,'] }],
    },
    {
      name: 'Terraform: export missing',
      files: {
        'main.tf': terraform('index.handler', ARCHIVE),
        'src/orders/index.mjs': 'export const main = async () => {};\n',
      },
      errors: [{ messageId: 'missingExport', file: 'main.tf', line: 'handler       = "index.handler"' }],
    },
    {
      name: 'CDK: NodejsFunction entry missing, reported at entry',
      files: {
        ...cdkStack("    new NodejsFunction(this, 'orders', {\n      entry: 'lambda/order.ts',\n      runtime: lambda.Runtime.NODEJS_22_X,\n    });\n"),
        'lambda/orders.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingFile', file: 'lib/stack.ts', line: "entry: 'lambda/order.ts'", messageIncludes: ['did you mean lambda/orders.ts?'] }],
    },
    {
      name: "CDK: NodejsFunction entry without the default 'handler' export, reported at entry",
      files: {
        ...cdkStack("    new NodejsFunction(this, 'orders', {\n      entry: 'lambda/orders.ts',\n      runtime: lambda.Runtime.NODEJS_22_X,\n    });\n"),
        'lambda/orders.ts': 'export const handle = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingExport', file: 'lib/stack.ts', line: "entry: 'lambda/orders.ts'", messageIncludes: ["no export 'handler'", "did you mean 'handle'?"] }],
    },
    {
      name: 'CDK: NodejsFunction with an explicit handler name, reported at handler',
      files: {
        ...cdkStack(
          "    new NodejsFunction(this, 'orders', {\n      entry: 'lambda/orders.ts',\n      handler: 'main',\n      runtime: lambda.Runtime.NODEJS_22_X,\n    });\n",
        ),
        'lambda/orders.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingExport', file: 'lib/stack.ts', line: "handler: 'main'" }],
    },
    {
      name: 'CDK: Code.fromAsset handler export missing (CommonJS file)',
      files: {
        ...cdkStack(
          "    new lambda.Function(this, 'Webhook', {\n      runtime: lambda.Runtime.NODEJS_20_X,\n      handler: 'webhook.handler',\n      code: lambda.Code.fromAsset('lambda'),\n    });\n",
        ),
        'lambda/webhook.js': 'module.exports = { main: async () => ({ statusCode: 204 }) };\n',
      },
      errors: [{ messageId: 'missingExport', file: 'lib/stack.ts', line: "handler: 'webhook.handler'", functions: ['Webhook'] }],
    },
  ],
});

/** A SAM function in Python with CodeUri src/. */
const pythonSam = (handler: string): string =>
  sam(['  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: src/', `      Handler: ${handler}`, '      Runtime: python3.12', ''].join('\n'));

runCrossRuleCases('handler-resolves', {
  valid: [
    {
      name: 'Python: async def, a name bound in a try block, a re-exported import, a wildcard import',
      files: {
        'template.yaml': [
          pythonSam('a.handler'),
          ...['b.handler', 'c.handler', 'd.handler'].map((h, i) =>
            ['  Fn' + i + ':', '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: src/', `      Handler: ${h}`, '      Runtime: python3.12', ''].join('\n'),
          ),
        ].join(''),
        'src/a.py': 'async def handler(event, context):\n    return 1\n',
        'src/b.py': 'try:\n    from fast import handler\nexcept ImportError:\n    handler = None\n',
        'src/c.py': 'from .impl import handler as handler\n',
        'src/d.py': 'from impl import *\n',
        'src/impl.py': 'def handler(event, context):\n    return 1\n',
      },
    },
    {
      name: 'Python: a handler under a build folder that does not exist yet is not checked',
      files: { 'template.yaml': sam(['  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: build/fn/', '      Handler: app.handler', '      Runtime: python3.12', ''].join('\n')) },
    },
  ],
  invalid: [
    {
      name: 'Python: a module with a syntax error is reported as a parse error only (its names are unknown)',
      files: { 'template.yaml': pythonSam('app.handler'), 'src/app.py': 'def handler(event, context:\n    return 1\n' },
      errors: [{ ruleId: 'parse-error', file: 'src/app.py', line: 1 }],
    },
    {
      name: 'Python: a method of a class is not a handler; the message lists the module-level functions',
      files: {
        'template.yaml': pythonSam('app.process'),
        'src/app.py': 'class Worker:\n    def process(self, event, context):\n        return 1\n\ndef lambda_handler(event, context):\n    return Worker().process(event, context)\n',
      },
      errors: [{ messageId: 'missingExport', file: 'template.yaml', line: 'Handler: app.process', messageIncludes: ["no export 'process'", "(it defines 'lambda_handler')"] }],
    },
    {
      name: 'Python: a name bound only under if __name__ == "__main__" does not exist in Lambda',
      files: {
        'template.yaml': pythonSam('app.handler'),
        'src/app.py': 'def main(event, context):\n    return 1\n\nif __name__ == "__main__":\n    handler = main\n',
      },
      errors: [{ messageId: 'missingExport', file: 'template.yaml', line: 'Handler: app.handler' }],
    },
    {
      name: 'Python: dotted package path whose module is missing',
      files: { 'template.yaml': pythonSam('pkg.jobs.run'), 'src/pkg/__init__.py': '', 'src/pkg/job.py': 'def run(event, context):\n    return 1\n' },
      errors: [{ messageId: 'missingFile', file: 'template.yaml', line: 'Handler: pkg.jobs.run', messageIncludes: ['src/pkg/jobs.py', '(did you mean src/pkg/job.py?)'] }],
    },
  ],
});

// Whole messages: the file list, the nearest-name hint and the list of defined functions are computed.
const node = (handler: string): string => serverless(`  create:\n    handler: ${handler}\n`);

runCrossRuleCases('handler-resolves', {
  valid: [{ name: 'a dotted file name resolves', files: { 'serverless.yml': node('src/create.v2.main'), 'src/create.v2.mjs': 'export const main = async () => {};\n' } }],
  invalid: [
    {
      name: 'exact message: a dotted file name keeps every dot but the extension in the tried list',
      files: { 'serverless.yml': node('src/create.v2.main'), 'src/create.ts': 'export const main = async () => {};\n' },
      errors: [
        {
          messageId: 'missingFile',
          file: 'serverless.yml',
          line: 'handler: src/create.v2.main',
          message: 'Handler file src/create.v2{.js,.mjs,.cjs,.ts,.mts,.cts} does not exist (did you mean src/create.ts?): create fails every invocation (Runtime.ImportModuleError).',
        },
      ],
    },
    {
      name: 'exact message: a Python module is one file, named as it is',
      files: { 'template.yaml': pythonSam('jobs.run'), 'src/other/unrelated.py': 'def run(event, context):\n    return 1\n' },
      errors: [{ messageId: 'missingFile', file: 'template.yaml', line: 'Handler: jobs.run', message: 'Handler file src/jobs.py does not exist: Fn fails every invocation (Runtime.ImportModuleError).' }],
    },
    {
      name: "exact message: no close name in JavaScript gives no hint, and 'default' is never suggested",
      files: { 'serverless.yml': node('src/create.defaults'), 'src/create.mjs': 'export default async () => {};\nexport const unrelatedHelper = 1;\n' },
      errors: [
        {
          messageId: 'missingExport',
          file: 'serverless.yml',
          line: 'handler: src/create.defaults',
          message: "src/create.mjs has no export 'defaults': create fails every invocation (Runtime.HandlerNotFound).",
        },
      ],
    },
    {
      name: 'exact message: a long name tolerates a third of its length in edits',
      files: { 'serverless.yml': node('src/create.handleEvent'), 'src/create.mjs': 'export const handleEv = async () => {};\n' },
      errors: [
        {
          messageId: 'missingExport',
          file: 'serverless.yml',
          line: 'handler: src/create.handleEvent',
          message: "src/create.mjs has no export 'handleEvent' (did you mean 'handleEv'?): create fails every invocation (Runtime.HandlerNotFound).",
        },
      ],
    },
    {
      name: 'exact message: the closest name is suggested, and of two equally close the first in order',
      files: {
        'serverless.yml': serverless('  a:\n    handler: src/a.handlr\n  b:\n    handler: src/b.handlr\n'),
        'src/a.mjs': 'export const handle = async () => {};\nexport const handlers = async () => {};\n',
        'src/b.mjs': 'export const handlerss = async () => {};\nexport const handler = async () => {};\nexport const handl = async () => {};\n',
      },
      errors: [
        { messageId: 'missingExport', file: 'serverless.yml', line: 'handler: src/a.handlr', message: "src/a.mjs has no export 'handlr' (did you mean 'handle'?): a fails every invocation (Runtime.HandlerNotFound)." },
        { messageId: 'missingExport', file: 'serverless.yml', line: 'handler: src/b.handlr', message: "src/b.mjs has no export 'handlr' (did you mean 'handl'?): b fails every invocation (Runtime.HandlerNotFound)." },
      ],
    },
    {
      name: 'exact message: Python lists three module-level functions (async ones too) and counts the rest',
      files: {
        'template.yaml': pythonSam('app.main'),
        'src/app.py': 'async def alpha(e, c):\n    return 1\n\ndef beta(e, c):\n    return 1\n\ndef gamma(e, c):\n    return 1\n\ndef delta(e, c):\n    return 1\n\ndef epsilon(e, c):\n    return 1\n',
      },
      errors: [
        {
          messageId: 'missingExport',
          file: 'template.yaml',
          line: 'Handler: app.main',
          message: "src/app.py has no export 'main' (it defines 'alpha', 'beta', 'gamma' and 2 more): Fn fails every invocation (Runtime.HandlerNotFound).",
        },
      ],
    },
    {
      name: 'exact message: Python with exactly three functions lists them all',
      files: { 'template.yaml': pythonSam('app.main'), 'src/app.py': 'async def alpha(e, c):\n    return 1\n\nasync def beta(e, c):\n    return 1\n\nasync def gamma(e, c):\n    return 1\n' },
      errors: [
        {
          messageId: 'missingExport',
          file: 'template.yaml',
          line: 'Handler: app.main',
          message: "src/app.py has no export 'main' (it defines 'alpha', 'beta', 'gamma'): Fn fails every invocation (Runtime.HandlerNotFound).",
        },
      ],
    },
    {
      name: 'exact message: a Python module with no function gives no hint',
      files: { 'template.yaml': pythonSam('app.main'), 'src/app.py': 'class Worker:\n    pass\n\nTABLE = "orders"\n' },
      errors: [{ messageId: 'missingExport', file: 'template.yaml', line: 'Handler: app.main', message: "src/app.py has no export 'main': Fn fails every invocation (Runtime.HandlerNotFound)." }],
    },
    {
      name: 'CDK: a missing entry file is reported at entry even when handler is set',
      files: {
        ...cdkStack("    new NodejsFunction(this, 'orders', {\n      entry: 'lambda/missing.ts',\n      handler: 'main',\n      runtime: lambda.Runtime.NODEJS_22_X,\n    });\n"),
        'lambda/orders.ts': 'export const main = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ messageId: 'missingFile', file: 'lib/stack.ts', line: "entry: 'lambda/missing.ts'" }],
    },
  ],
});
