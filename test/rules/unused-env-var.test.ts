import { samTemplate, cdkStack, dedent, runCrossRuleCases } from '../helpers/temp-project.js';

/** serverless.yml; `provider` lines go under provider, `functions` under functions. */
const serverless = (functions: string, provider = ''): string =>
  ['service: orders', 'provider:', '  name: aws', '  runtime: nodejs20.x', ...(provider ? [provider.trimEnd()] : []), 'functions:', functions.trimEnd(), ''].join('\n');

/** A `create` function with the given environment lines (6 spaces deep). */
const withEnv = (...vars: string[]): string => ['  create:', '    handler: create.handler', '    environment:', ...vars.map((v) => `      ${v}`)].join('\n');

const terraform = (variables: string): string => dedent`
  data "archive_file" "orders" {
    type        = "zip"
    source_dir  = "\${path.module}/src/orders"
    output_path = "\${path.module}/build/orders.zip"
  }

  resource "aws_lambda_function" "orders" {
    function_name = "orders"
    role          = "arn:aws:iam::123456789012:role/lambda"
    runtime       = "nodejs20.x"
    handler       = "index.handler"
    filename      = data.archive_file.orders.output_path

    environment {
      variables = {
  ${variables}
      }
    }
  }
`;

runCrossRuleCases('unused-env-var', {
  valid: [
    {
      name: 'read directly, by bracket, and destructured (docs example)',
      files: {
        'serverless.yml': serverless(withEnv('TABLE_NAME: orders', 'QUEUE_URL: q', 'BUCKET: b')),
        'create.js': "const { BUCKET } = process.env;\nexport const handler = async () => [process.env.TABLE_NAME, process.env['QUEUE_URL'], BUCKET];\n",
      },
    },
    {
      name: 'read in a module the handler imports',
      files: {
        'serverless.yml': serverless(withEnv('DB_HOST: db.internal')),
        'create.ts': "import { connect } from './lib/db';\nexport const handler = async () => connect();\n",
        'lib/db.ts': "import { host } from './config.js';\nexport const connect = () => host;\n",
        'lib/config.ts': 'export const host = process.env.DB_HOST;\n',
      },
    },
    {
      name: 'provider / Globals variables serve other functions too',
      files: {
        'serverless.yml': serverless('  create:\n    handler: create.handler\n', '  environment:\n    STAGE: dev'),
        'create.js': 'export const handler = async () => 1;\n',
        'sam/template.yaml': samTemplate([
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          '    Environment:',
          '      Variables:',
          '        TABLE_NAME: orders',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Handler: app.handler',
        ]),
        'sam/app.mjs': 'export const handler = async () => 1;\n',
      },
    },
    {
      name: 'variables read by the runtime, the SDK, Powertools, APM agents and Prisma',
      files: {
        'serverless.yml': serverless(
          withEnv(
            'NODE_OPTIONS: --enable-source-maps',
            "AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1'",
            'POWERTOOLS_SERVICE_NAME: orders',
            'DD_API_KEY: ${ssm:/dd}',
            'LOG_LEVEL: info',
            'DATABASE_URL: ${ssm:/db}',
            'TZ: UTC',
          ),
        ),
        'create.js': 'export const handler = async () => 1;\n',
      },
    },
    {
      name: 'variables read by libraries: libpq (PG*) and HTTP proxies',
      files: {
        'serverless.yml': serverless(withEnv('PGHOST: db.internal', 'PGDATABASE: orders', 'HTTPS_PROXY: http://proxy:3128', 'NO_PROXY: localhost')),
        'create.js': "import pg from 'pg';\nconst pool = new pg.Pool();\nexport const handler = async () => pool.query('select 1');\n",
      },
    },
    {
      name: 'code that reads the environment dynamically is skipped',
      files: {
        'serverless.yml': serverless(
          [withEnv('TABLE_NAME: orders'), '  b:', '    handler: b.handler', '    environment:', '      QUEUE_URL: q', '  c:', '    handler: c.handler', '    environment:', '      BUCKET: b'].join('\n'),
        ),
        'create.js': "const get = (name) => process.env[name];\nexport const handler = async () => get('TABLE_NAME');\n",
        'b.js': 'const env = { ...process.env };\nexport const handler = async () => env;\n',
        'c.js': 'const { LOG_LEVEL, ...rest } = process.env;\nexport const handler = async () => [LOG_LEVEL, rest];\n',
      },
    },
    {
      name: 'process.env passed whole to a validator (envalid, zod) is a dynamic read',
      files: {
        'serverless.yml': serverless([withEnv('TABLE_NAME: orders'), '  b:', '    handler: b.handler', '    environment:', '      QUEUE_URL: q'].join('\n')),
        'create.js': "import { cleanEnv, str } from 'envalid';\nconst env = cleanEnv(process.env, { TABLE_NAME: str() });\nexport const handler = async () => env.TABLE_NAME;\n",
        'b.ts': "import { z } from 'zod';\nconst env = z.object({ QUEUE_URL: z.string() }).parse(process.env);\nexport const handler = async () => env.QUEUE_URL;\n",
      },
    },
    {
      name: "an alias of process.env: `import { env } from 'node:process'`, `const env = process.env`",
      files: {
        'serverless.yml': serverless([withEnv('TABLE_NAME: orders'), '  b:', '    handler: b.handler', '    environment:', '      QUEUE_URL: q'].join('\n')),
        'create.mjs': "import { env } from 'node:process';\nexport const handler = async () => env.TABLE_NAME;\n",
        'b.cjs': "const { env } = require('process');\nexports.handler = async () => env.QUEUE_URL;\n",
      },
    },
    {
      name: 'functions whose handler is not found are skipped',
      files: {
        'serverless.yml': serverless(['  create:', '    handler: missing.handler', '    environment:', '      TABLE_NAME: orders'].join('\n')),
      },
    },
    {
      name: 'Terraform and CDK: variables read',
      files: {
        'tf/main.tf': terraform('        TABLE_NAME = "orders"'),
        'tf/src/orders/index.mjs': 'export const handler = async () => process.env.TABLE_NAME;\n',
        ...cdkStack("    new NodejsFunction(this, 'orders', { entry: 'lambda/orders.ts', environment: { BUCKET: 'b' } });\n"),
        'lambda/orders.ts': 'export const handler = async () => process.env.BUCKET;\n',
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: the config says TABLE, the code reads TABLE_NAME (docs example)',
      files: {
        'serverless.yml': serverless(withEnv('TABLE: orders')),
        'create.js': 'export const handler = async () => process.env.TABLE_NAME;\n',
      },
      errors: [
        {
          messageId: 'unusedEnvVar',
          file: 'serverless.yml',
          line: 'TABLE: orders',
          functions: ['create'],
          messageIncludes: ['Environment variable TABLE of create is read by none of the 1 files its handler loads'],
        },
      ],
    },
    {
      name: 'serverless: only a file the handler does not import reads it',
      files: {
        'serverless.yml': serverless(withEnv('TABLE_NAME: orders', 'QUEUE_URL: q')),
        'create.js': "import { table } from './table.js';\nexport const handler = async () => table;\n",
        'table.js': 'export const table = process.env.TABLE_NAME;\n',
        'scripts/send.js': 'console.log(process.env.QUEUE_URL);\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'serverless.yml', line: 'QUEUE_URL: q', messageIncludes: ['none of the 2 files'] }],
    },
    {
      name: 'serverless: a function-level variable that overrides a provider one is its own',
      files: {
        'serverless.yml': serverless(withEnv('STAGE: prod'), '  environment:\n    STAGE: dev'),
        'create.js': 'export const handler = async () => 1;\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'serverless.yml', line: 'STAGE: prod' }],
    },
    {
      name: 'a module that does not parse may read anything: only the parse error is reported',
      files: {
        'serverless.yml': serverless(withEnv('TABLE_NAME: orders')),
        'create.js': "import { table } from './table.js';\nexport const handler = async () => table;\n",
        'table.js': 'export const table = process.env.TABLE_NAME +;\n',
      },
      errors: [{ ruleId: 'parse-error', file: 'table.js', line: 1 }],
    },
    {
      name: 'two functions sharing a handler file are reported each at its own variable',
      files: {
        'serverless.yml': serverless(
          ['  a:', '    handler: shared.handler', '    environment:', '      A_ONLY: a', '  b:', '    handler: shared.handler', '    environment:', '      B_ONLY: b'].join('\n'),
        ),
        'shared.js': 'export const handler = async () => 1;\n',
      },
      errors: [
        { messageId: 'unusedEnvVar', file: 'serverless.yml', line: 'A_ONLY: a', functions: ['a'] },
        { messageId: 'unusedEnvVar', file: 'serverless.yml', line: 'B_ONLY: b', functions: ['b'] },
      ],
    },
    {
      name: 'SAM: a function variable, not the Globals one',
      files: {
        'template.yaml': samTemplate([
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          '    Environment:',
          '      Variables:',
          '        STAGE: dev',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          DB_USER: exporter',
        ]),
        'src/app.mjs': 'export const handler = async () => 1;\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'template.yaml', line: 'DB_USER: exporter', functions: ['Fn'] }],
    },
    {
      name: 'CloudFormation JSON',
      files: {
        'template.json': JSON.stringify(
          {
            AWSTemplateFormatVersion: '2010-09-09',
            Resources: {
              Fn: {
                Type: 'AWS::Lambda::Function',
                Properties: {
                  Code: 'src',
                  Handler: 'index.handler',
                  Runtime: 'nodejs22.x',
                  Role: 'arn:aws:iam::1:role/x',
                  Environment: { Variables: { JOBS_QUEUE_URL: { Ref: 'Queue' } } },
                },
              },
            },
          },
          null,
          2,
        ),
        'src/index.mjs': 'export const handler = async () => process.env.QUEUE_URL;\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'template.json', line: '"JOBS_QUEUE_URL"' }],
    },
    {
      name: 'Terraform: a variable in the variables block',
      files: {
        'main.tf': terraform('        TABLE_NAME      = "orders"\n        PAYMENT_API_KEY = var.payment_api_key'),
        'src/orders/index.mjs': 'export const handler = async () => process.env.TABLE_NAME;\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'main.tf', line: 'PAYMENT_API_KEY', functions: ['aws_lambda_function.orders'] }],
    },
    {
      name: 'CDK: a variable in the environment prop',
      files: {
        ...cdkStack("    new NodejsFunction(this, 'thumbnail', {\n      entry: 'lambda/thumbnail.ts',\n      environment: { BUCKET: 'uploads' },\n    });\n"),
        'lambda/thumbnail.ts': 'export const handler = async () => 1;\n',
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'lib/stack.ts', line: "environment: { BUCKET: 'uploads' }", functions: ['thumbnail'] }],
    },
    {
      name: 'a write to process.env is not a read',
      files: {
        'serverless.yml': serverless(withEnv('TABLE_NAME: orders')),
        'create.js': "process.env.TABLE_NAME = 'local';\nexport const handler = async () => 1;\n",
      },
      errors: [{ messageId: 'unusedEnvVar', file: 'serverless.yml', line: 'TABLE_NAME: orders' }],
    },
  ],
});

runCrossRuleCases('unused-env-var', {
  valid: [
    {
      name: 'Python: every variable is read somewhere in the module graph',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Orders:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: python3.12',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          TABLE: orders',
          '          POWERTOOLS_SERVICE_NAME: orders',
          '          FEATURE: on',
        ]),
        'src/app.py': 'import os\nfrom lib.db import table\n\ndef handler(event, context):\n    return "FEATURE" in os.environ\n',
        'src/lib/db.py': 'import os\ntable = os.getenv("TABLE", "default")\n',
      },
    },
    {
      name: 'Python: pydantic-settings reads variables named after fields: reads cannot be listed',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Orders:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: python3.12',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          TABLE_NAME: orders',
        ]),
        'src/app.py': 'from config import settings\n\ndef handler(event, context):\n    return settings.table_name\n',
        'src/config.py': 'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    table_name: str\n\nsettings = Settings()\n',
      },
    },
    {
      name: 'Python: the whole environment is passed on (dict(os.environ)): reads cannot be listed',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Orders:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: python3.12',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          ANYTHING: x',
        ]),
        'src/app.py': 'import os, subprocess\n\ndef handler(event, context):\n    return subprocess.run(["ls"], env=dict(os.environ))\n',
      },
    },
    {
      name: 'Python: variables the imported strands_tools and openai libraries read themselves',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Agent:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: python3.12',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          KNOWLEDGE_BASE_ID: kb-1',
          '          MIN_SCORE: "0.4"',
          '          OPENAI_API_KEY: "{{resolve:secretsmanager:openai}}"',
        ]),
        'src/app.py': 'from strands import Agent\nfrom strands_tools import retrieve\nfrom openai import OpenAI\n\ndef handler(event, context):\n    return Agent(tools=[retrieve]), OpenAI()\n',
      },
    },
    {
      name: 'JavaScript: OPENAI_API_KEY is read by the openai package the handler imports',
      files: {
        'serverless.yml': serverless(withEnv('OPENAI_API_KEY: ${ssm:/openai/key}')),
        'create.js': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const handler = async () => client.models.list();\n",
      },
    },
  ],
  invalid: [
    {
      name: 'Python: variables of a function whose module does not parse are not reported (only the parse error is)',
      files: {
        'serverless.yml': serverless(['  report:', '    handler: report.handler', '    runtime: python3.12', '    environment:', '      BUCKET: b'].join('\n')),
        'report.py': 'import os\n\ndef handler(event, context):\n    return os.environ["BUCKET"\n',
      },
      errors: [{ ruleId: 'parse-error', file: 'report.py', line: 4 }],
    },
    {
      name: 'Python: a defined variable no module of the function reads',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Orders:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: python3.12',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          TABLE: orders',
          '          OLD_QUEUE: jobs',
        ]),
        'src/app.py': 'import os\n\ndef handler(event, context):\n    return os.environ["TABLE"]\n',
      },
      errors: [{ file: 'template.yaml', line: 'OLD_QUEUE', messageId: 'unusedEnvVar', functions: ['Orders'] }],
    },
    {
      name: 'a library counts only for its own language, and only when imported',
      files: {
        'serverless.yml': serverless(withEnv('OPENAI_API_KEY: k', 'KNOWLEDGE_BASE_ID: kb-1')),
        'create.js': "import { retrieve } from 'strands_tools';\nexport const handler = async () => retrieve;\n",
      },
      errors: [
        { file: 'serverless.yml', line: 'OPENAI_API_KEY', messageId: 'unusedEnvVar', functions: ['create'] },
        { file: 'serverless.yml', line: 'KNOWLEDGE_BASE_ID', messageId: 'unusedEnvVar', functions: ['create'] },
      ],
    },
  ],
});
