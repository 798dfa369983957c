import { samTemplate, cdkStack, dedent, runCrossRuleCases } from '../helpers/temp-project.js';

/** serverless.yml with a provider block (`providerExtra` indented under provider) and functions. */
const serverless = (functions: string, opts: { top?: string; provider?: string } = {}): string =>
  [
    'service: orders',
    ...(opts.top ? [opts.top.trimEnd()] : []),
    'provider:',
    '  name: aws',
    '  runtime: nodejs20.x',
    ...(opts.provider ? [opts.provider.trimEnd()] : []),
    'functions:',
    functions.trimEnd(),
    '',
  ].join('\n');

const terraform = (environment: string): string => dedent`
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
  ${environment}
  }
`;

const CREATE = '  create:\n    handler: create.handler\n';

runCrossRuleCases('undefined-env-var', {
  valid: [
    {
      // The corpus shape (serverless/examples aws-node-env-variables): one file, one export per
      // function, each export reads only what its own function defines.
      name: 'two functions share a file; each export reads only its own function\'s variables',
      files: {
        'serverless.yml': serverless(dedent`
          createUser:
            handler: users.createUser
            environment:
              PASSWORD_ITERATIONS: 4096
          resetPassword:
            handler: users.resetPassword
            environment:
              RESET_URL: https://example.com/reset
        `.replace(/^/gm, '  ')),
        'users.js': dedent`
          const iterations = () => Number(process.env.PASSWORD_ITERATIONS);
          module.exports.createUser = async () => ({ iterations: iterations() });
          module.exports.resetPassword = async () => ({ url: process.env.RESET_URL });
        `,
      },
    },
    {
      name: 'variables the Lambda runtime sets',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': dedent`
          export const handler = async () => ({
            region: process.env.AWS_REGION,
            name: process.env.AWS_LAMBDA_FUNCTION_NAME,
            handler: process.env._HANDLER,
            root: process.env.LAMBDA_TASK_ROOT,
            memory: process.env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'],
          });
        `,
      },
    },
    {
      name: 'reads with a fallback: ??, ||, a destructuring default, through a TS cast',
      files: {
        'serverless.yml': serverless(CREATE.replace('create.handler', 'create.handler')),
        'create.ts': dedent`
          const { REGION_OVERRIDE = 'eu-west-1' } = process.env;
          const level = process.env.LOG_LEVEL ?? 'info';
          const table = process.env.TABLE_NAME || 'orders';
          const queue = (process.env.QUEUE_URL as string) ?? '';
          export const handler = async () => ({ level, table, queue, REGION_OVERRIDE });
        `,
      },
    },
    {
      name: 'variables treated as optional by convention',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': dedent`
          export const handler = async () => {
            if (process.env.IS_OFFLINE || process.env.AWS_SAM_LOCAL) return 'local';
            return process.env.NODE_ENV === 'production';
          };
        `,
      },
    },
    {
      name: 'serverless: defined on the function or at provider level (docs example)',
      files: {
        'serverless.yml': serverless(`${CREATE}    environment:\n      QUEUE_URL: !Ref OrdersQueue\n`, {
          provider: '  environment:\n    TABLE_NAME: orders',
        }),
        'create.js': 'export const handler = async () => [process.env.QUEUE_URL, process.env.TABLE_NAME];\n',
      },
    },
    {
      name: 'serverless: useDotenv counts the keys of .env',
      files: {
        'serverless.yml': serverless(CREATE, { top: 'useDotenv: true' }),
        '.env': '# local settings\nexport API_URL=https://api.example.com\nFEATURE_FLAG="on"\n',
        'create.js': 'export const handler = async () => [process.env.API_URL, process.env.FEATURE_FLAG];\n',
      },
    },
    {
      name: 'serverless: serverless-dotenv-plugin counts .env and .env.<stage>',
      files: {
        'serverless.yml': serverless(CREATE, { top: 'plugins:\n  - serverless-dotenv-plugin', provider: "  stage: ${opt:stage, 'dev'}" }),
        '.env': 'API_URL=https://api.example.com\n',
        '.env.dev': 'DEV_ONLY=1\n',
        'create.js': 'export const handler = async () => [process.env.API_URL, process.env.DEV_ONLY];\n',
      },
    },
    {
      name: 'code that loads dotenv itself counts .env files of the service and its config/ folder',
      files: {
        'serverless.yml': serverless(CREATE),
        'config/.env.production': 'DB_HOST=db.internal\n',
        '.env': 'API_URL=https://api.example.com\n',
        'create.js': "import 'dotenv/config';\nimport { host } from './db.js';\nexport const handler = async () => [host, process.env.API_URL];\n",
        'db.js': 'export const host = process.env.DB_HOST;\n',
      },
    },
    {
      // serverless-plugin-datadog adds DD_* variables to every function at deploy.
      name: 'serverless: DD_* set by serverless-plugin-datadog',
      files: {
        'serverless.yml': serverless(CREATE, { top: 'plugins:\n  - serverless-plugin-datadog' }),
        'create.js': 'export const handler = async () => [process.env.DD_API_KEY, process.env.DD_SITE];\n',
      },
    },
    {
      name: 'code that loads dotenv with no .env file: names cannot be known, skipped',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.cjs': "require('dotenv').config();\nexports.handler = async () => process.env.API_URL;\n",
      },
    },
    {
      name: 'a variable the code sets itself before reading it',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': "import { client } from './client.js';\nprocess.env.AWS_NODEJS_CONNECTION_REUSE_ENABLED = '1';\nprocess.env.TZ_OVERRIDE ??= 'UTC';\nexport const handler = async () => client();\n",
        'client.js': 'export const client = () => process.env.TZ_OVERRIDE;\n',
      },
    },
    {
      name: 'the allow option',
      options: [{ allow: ['DD_API_KEY'] }],
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': 'export const handler = async () => process.env.DD_API_KEY;\n',
      },
    },
    {
      name: 'files no function reaches are not checked (Python modules no handler imports either)',
      files: {
        'serverless.yml': serverless(`${CREATE}  report:\n    handler: report.handler\n    runtime: python3.12\n`),
        'create.js': 'export const handler = async () => 1;\n',
        'scripts/seed.js': 'console.log(process.env.SEED_TABLE);\n',
        'report.py': 'def handler(event, context):\n    return None\n',
        'scripts/seed.py': "import os\nprint(os.environ['SEED_TABLE'])\n",
      },
    },
    {
      name: 'SAM: Globals and function environment',
      files: {
        'template.yaml': samTemplate([
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          '    Environment:',
          '      Variables:',
          '        TABLE_NAME: !Ref Table',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/',
          '      Handler: app.handler',
          '      Environment:',
          '        Variables:',
          '          QUEUE_URL: !Ref Queue',
        ]),
        'src/app.mjs': 'export const handler = async () => [process.env.TABLE_NAME, process.env.QUEUE_URL];\n',
      },
    },
    {
      name: 'Terraform: environment variables block',
      files: {
        'main.tf': terraform('  environment {\n    variables = {\n      TABLE_NAME = "orders"\n    }\n  }'),
        'src/orders/index.mjs': 'export const handler = async () => process.env.TABLE_NAME;\n',
      },
    },
    {
      name: 'CDK: environment prop and addEnvironment',
      files: {
        ...cdkStack(dedent`
          ${'    '}const fn = new NodejsFunction(this, 'orders', {
                entry: 'lambda/orders.ts',
                runtime: lambda.Runtime.NODEJS_22_X,
                environment: { TABLE_NAME: 'orders' },
              });
              fn.addEnvironment('QUEUE_URL', 'https://sqs');
        `),
        'lambda/orders.ts': 'export const handler = async () => [process.env.TABLE_NAME, process.env.QUEUE_URL];\n',
      },
    },
    {
      name: 'serverless: an environment block that cannot be read statically is skipped',
      files: {
        'serverless.yml': serverless(`${CREATE}    environment: \${file(./env/\${opt:stage}.yml)}\n`),
        'create.js': 'export const handler = async () => process.env.TABLE_NAME;\n',
      },
    },
    {
      name: 'serverless: a function environment that cannot be read, with provider variables, is skipped',
      files: {
        'serverless.yml': serverless(`${CREATE}    environment: \${file(./env/\${opt:stage}.yml)}\n`, { provider: '  environment:\n    STAGE: dev' }),
        'create.js': 'export const handler = async () => [process.env.STAGE, process.env.TABLE_NAME];\n',
      },
    },
    {
      name: 'Terraform: variables = merge(...) cannot be read statically, skipped',
      files: {
        'main.tf': terraform('  environment {\n    variables = merge(var.common_env, {\n      TABLE_NAME = "orders"\n    })\n  }'),
        'src/orders/index.mjs': 'export const handler = async () => [process.env.TABLE_NAME, process.env.SHARED];\n',
      },
    },
    {
      name: 'CDK: an environment spread from a parameter is skipped',
      files: {
        ...cdkStack(dedent`
          ${'    '}const common: Record<string, string> = (scope.node.tryGetContext('env') ?? {}) as Record<string, string>;
              new NodejsFunction(this, 'orders', {
                entry: 'lambda/orders.ts',
                runtime: lambda.Runtime.NODEJS_22_X,
                environment: { ...common, TABLE_NAME: 'orders' },
              });
        `),
        'lambda/orders.ts': 'export const handler = async () => [process.env.TABLE_NAME, process.env.SHARED];\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a module the handler imports cannot be parsed: it may set the variable, so nothing is reported',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': "import { loadConfig } from './config.js';\nexport const handler = async () => [loadConfig(), process.env.QUEUE_URL];\n",
        'config.js': 'export const loadConfig = () => { process.env.QUEUE_URL ??= ;\n',
      },
      // Only the parse error of config.js is reported, not the read in create.js.
      errors: [{ ruleId: 'parse-error', file: 'config.js', line: 1 }],
    },
    {
      name: 'one finding per read, naming every function and config that lacks the variable in sorted order (the whole message)',
      files: {
        'serverless.yml': serverless(dedent`
          zeta:
            handler: create.handler
          alpha:
            handler: create.handler
        `.replace(/^/gm, '  ')),
        'infra/template.yaml': samTemplate([
          'Resources:',
          '  Beta:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: ../',
          '      Handler: create.handler',
          '      Runtime: nodejs20.x',
        ]),
        'create.js': 'export const handler = async () => process.env.QUEUE_URL;\n',
      },
      errors: [
        {
          messageId: 'undefinedEnvVar',
          file: 'create.js',
          line: 1,
          functions: ['Beta', 'alpha', 'zeta'],
          message: 'process.env.QUEUE_URL has no fallback and is not set for Beta, alpha and zeta in infra/template.yaml and serverless.yml: it is undefined at run time.',
        },
      ],
    },
    {
      name: "one export reads a variable that only the other export's function defines",
      files: {
        'serverless.yml': serverless(dedent`
          createUser:
            handler: users.createUser
            environment:
              PASSWORD_ITERATIONS: 4096
          resetPassword:
            handler: users.resetPassword
        `.replace(/^/gm, '  ')),
        'users.js': dedent`
          module.exports.createUser = async () => ({ iterations: process.env.PASSWORD_ITERATIONS });
          module.exports.resetPassword = async () => ({ iterations: process.env.PASSWORD_ITERATIONS, url: process.env.RESET_URL });
        `,
      },
      errors: [
        { messageId: 'undefinedEnvVar', file: 'users.js', line: 2, functions: ['resetPassword'], messageIncludes: ['process.env.PASSWORD_ITERATIONS'] },
        { messageId: 'undefinedEnvVar', file: 'users.js', line: 2, functions: ['resetPassword'], messageIncludes: ['process.env.RESET_URL'] },
      ],
    },
    {
      name: 'serverless: not defined on the function nor the provider (docs example)',
      files: {
        'serverless.yml': serverless(CREATE, { provider: '  environment:\n    TABLE_NAME: orders' }),
        'create.js': dedent`
          export const handler = async () => {
            const queueUrl = process.env.QUEUE_URL; // not defined for create
            return [queueUrl, process.env.TABLE_NAME];
          };
        `,
      },
      errors: [
        {
          messageId: 'undefinedEnvVar',
          file: 'create.js',
          line: 'process.env.QUEUE_URL',
          functions: ['create'],
          messageIncludes: ['process.env.QUEUE_URL has no fallback and is not set for create in serverless.yml'],
        },
      ],
    },
    {
      name: "bracket access process.env['X'] and a typo of a runtime variable",
      files: {
        'serverless.yml': serverless(CREATE),
        'create.js': "export const handler = async () => [process.env['BUCKET'], process.env.AWSREGION];\n",
      },
      errors: [
        { messageId: 'undefinedEnvVar', file: 'create.js', line: 1, messageIncludes: ['process.env.BUCKET'] },
        { messageId: 'undefinedEnvVar', file: 'create.js', line: 1, messageIncludes: ['process.env.AWSREGION'] },
      ],
    },
    {
      name: 'destructured reads, each at its property',
      files: {
        'serverless.yml': serverless(`${CREATE}    environment:\n      TABLE_NAME: orders\n`),
        'create.ts': dedent`
          const {
            TABLE_NAME,
            QUEUE_URL,
            LOG_LEVEL = 'info',
          } = process.env;
          export const handler = async () => [TABLE_NAME, QUEUE_URL, LOG_LEVEL];
        `,
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'create.ts', line: '  QUEUE_URL,', messageIncludes: ['QUEUE_URL'] }],
    },
    {
      name: "reads through an alias: `import { env } from 'node:process'`, `const env = process.env`, `const { env } = process`",
      files: {
        'serverless.yml': serverless(`${CREATE}    environment:\n      TABLE_NAME: orders\n`),
        'create.mjs': dedent`
          import { env } from 'node:process';
          import { queue } from './queue.mjs';
          import { bucket } from './bucket.mjs';
          export const handler = async () => [env.TABLE_NAME, env.TOPIC_ARN, queue, bucket];
        `,
        'queue.mjs': 'const env = process.env;\nexport const queue = env.QUEUE_URL;\n',
        'bucket.mjs': 'const { env } = process;\nconst { BUCKET, REGION = "eu-west-1" } = env;\nexport const bucket = [BUCKET, REGION];\n',
      },
      errors: [
        { messageId: 'undefinedEnvVar', file: 'bucket.mjs', line: 2, messageIncludes: ['process.env.BUCKET'] },
        { messageId: 'undefinedEnvVar', file: 'create.mjs', line: 4, messageIncludes: ['process.env.TOPIC_ARN'] },
        { messageId: 'undefinedEnvVar', file: 'queue.mjs', line: 2, messageIncludes: ['process.env.QUEUE_URL'] },
      ],
    },
    {
      name: 'a non-null assertion is not a fallback',
      files: {
        'serverless.yml': serverless(CREATE),
        'create.ts': 'const table = process.env.TABLE_NAME!;\nexport const handler = async () => table;\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'create.ts', line: 1 }],
    },
    {
      name: 'a shared module is reported once, naming every function that lacks the variable',
      files: {
        'serverless.yml': serverless(
          [
            '  create:',
            '    handler: src/create.handler',
            '  list:',
            '    handler: src/list.handler',
            '  remove:',
            '    handler: src/remove.handler',
            '    environment:',
            '      DB_HOST: db.internal',
          ].join('\n'),
        ),
        'src/create.js': "import { db } from '../lib/db.js';\nexport const handler = async () => db();\n",
        'src/list.js': "import { db } from '../lib/db.js';\nexport const handler = async () => db();\n",
        'src/remove.js': "import { db } from '../lib/db.js';\nexport const handler = async () => db();\n",
        'lib/db.js': "import { config } from './config.js';\nexport const db = () => config.host;\n",
        'lib/config.js': 'export const config = { host: process.env.DB_HOST };\n',
      },
      errors: [
        {
          messageId: 'undefinedEnvVar',
          file: 'lib/config.js',
          line: 1,
          functions: ['create', 'list'],
          messageIncludes: ['is not set for create and list in serverless.yml'],
        },
      ],
    },
    {
      // A deploy plugin's variables count only for the plugin's prefix and its config.
      name: 'serverless: serverless-plugin-datadog does not define other names',
      files: {
        'serverless.yml': serverless(CREATE, { top: 'plugins:\n  - serverless-plugin-datadog' }),
        'create.js': 'export const handler = async () => [process.env.DD_API_KEY, process.env.NEW_RELIC_ACCOUNT_ID];\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'create.js', line: 1, messageIncludes: ['NEW_RELIC_ACCOUNT_ID'] }],
    },
    {
      // dotenv loaded by one function's code defines nothing for another function's module graph.
      name: 'dotenv loaded by another function only',
      files: {
        'serverless.yml': serverless(`${CREATE}  list:\n    handler: list.handler\n`),
        '.env': 'API_URL=https://api.example.com\n',
        'create.js': "import 'dotenv/config';\nexport const handler = async () => process.env.API_URL;\n",
        'list.js': 'export const handler = async () => process.env.API_URL;\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'list.js', line: 1, functions: ['list'] }],
    },
    {
      name: 'serverless: useDotenv with a .env that lacks the key',
      files: {
        'serverless.yml': serverless(CREATE, { top: 'useDotenv: true' }),
        '.env': 'API_URL=https://api.example.com\n',
        'create.js': 'export const handler = async () => [process.env.API_URL, process.env.API_TOKEN];\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'create.js', line: 1, messageIncludes: ['API_TOKEN'] }],
    },
    {
      name: 'code that loads dotenv, with a .env that lacks the key',
      files: {
        'serverless.yml': serverless(CREATE),
        '.env': 'API_URL=https://api.example.com\n',
        'create.js': "import * as dotenv from 'dotenv';\ndotenv.config();\nexport const handler = async () => [process.env.API_URL, process.env.API_TOKEN];\n",
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'create.js', line: 3, messageIncludes: ['API_TOKEN'] }],
    },
    {
      name: 'SAM: not in Globals nor the function',
      files: {
        'template.yaml': samTemplate([
          'Globals:',
          '  Function:',
          '    Runtime: nodejs20.x',
          '    Environment:',
          '      Variables:',
          '        TABLE_NAME: !Ref Table',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      CodeUri: src/',
          '      Handler: app.handler',
        ]),
        'src/app.mjs': 'export const handler = async () => [process.env.TABLE_NAME, process.env.QUEUE_URL];\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'src/app.mjs', line: 1, functions: ['Fn'], messageIncludes: ['QUEUE_URL', 'template.yaml'] }],
    },
    {
      name: 'Terraform: not in the variables block',
      files: {
        'main.tf': terraform('  environment {\n    variables = {\n      TABLE_NAME = "orders"\n    }\n  }'),
        'src/orders/index.mjs': 'export const handler = async () => [process.env.TABLE_NAME, process.env.BUCKET];\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'src/orders/index.mjs', line: 1, functions: ['aws_lambda_function.orders'], messageIncludes: ['BUCKET'] }],
    },
    {
      name: 'CDK: not in the environment prop',
      files: {
        ...cdkStack(dedent`
          ${'    '}new NodejsFunction(this, 'orders', {
                entry: 'lambda/orders.ts',
                runtime: lambda.Runtime.NODEJS_22_X,
                environment: { TABLE_NAME: 'orders' },
              });
        `),
        'lambda/orders.ts': 'const bucket = process.env.BUCKET;\nexport const handler = async () => [process.env.TABLE_NAME, bucket];\n',
      },
      errors: [{ messageId: 'undefinedEnvVar', file: 'lambda/orders.ts', line: 1, functions: ['orders'] }],
    },
    {
      name: 'functions in two config formats sharing a library are named together',
      files: {
        'orders/serverless.yml': serverless(CREATE),
        'orders/create.js': "import { client } from '../shared/client.js';\nexport const handler = async () => client();\n",
        'billing/template.yaml': samTemplate([
          'Resources:',
          '  Invoice:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: nodejs20.x',
          '      CodeUri: ../',
          '      Handler: billing/invoice.handler',
        ]),
        'billing/invoice.js': "import { client } from '../shared/client.js';\nexport const handler = async () => client();\n",
        'shared/client.js': 'export const client = () => process.env.API_URL;\n',
      },
      errors: [
        {
          messageId: 'undefinedEnvVar',
          file: 'shared/client.js',
          line: 1,
          functions: ['Invoice', 'create'],
          messageIncludes: ['billing/template.yaml and orders/serverless.yml'],
        },
      ],
    },
  ],
});

/** A SAM template with Python functions: logical id -> handler (CodeUri src/), Globals environment lines. */
const pythonSam = (functions: Record<string, string>, globals: string[] = [], perFunction: Record<string, string[]> = {}): string =>
  samTemplate([
    'Globals:',
    '  Function:',
    '    Runtime: python3.12',
    ...(globals.length > 0 ? ['    Environment:', '      Variables:', ...globals.map((g) => `        ${g}`)] : []),
    'Resources:',
    ...Object.entries(functions).flatMap(([id, handler]) => [
      `  ${id}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      `      Handler: ${handler}`,
      ...(perFunction[id] ? ['      Environment:', '        Variables:', ...perFunction[id].map((v) => `          ${v}`)] : []),
    ]),
  ]);

runCrossRuleCases('undefined-env-var', {
  valid: [
    {
      name: 'Python: reads with defaults, checked reads, writes, Globals and Lambda-provided variables',
      files: {
        'template.yaml': pythonSam({ Orders: 'app.handler' }, ['TABLE: orders'], { Orders: ['QUEUE: jobs'] }),
        'src/app.py': dedent`
          import os
          from os import environ, getenv as env_get

          TABLE = os.environ["TABLE"]
          QUEUE = environ.get("QUEUE")
          REGION = os.environ["AWS_REGION"]
          STAGE = os.environ.get("STAGE", "dev")
          LEVEL = os.getenv("LOG_LEVEL") or "INFO"
          DEBUG = env_get("VERBOSE", "0")
          os.environ["SET_HERE"] = "1"
          os.environ.setdefault("DEFAULTED", "x")

          def handler(event, context):
              if "FEATURE" in os.environ:
                  return 1
              return os.environ["SET_HERE"], os.environ["DEFAULTED"]
        `,
      },
    },
    {
      name: "Python: another handler's reads in a shared module are not this function's",
      files: {
        'template.yaml': pythonSam({ Create: 'users.create', Reset: 'users.reset' }, [], { Create: ['ITERATIONS: 4096'], Reset: ['RESET_URL: https://example.com'] }),
        'src/users.py': dedent`
          import os

          def _iterations():
              return int(os.environ["ITERATIONS"])

          def create(event, context):
              return _iterations()

          def reset(event, context):
              return os.environ["RESET_URL"]
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'Python: os.environ[...] / os.getenv / environ.get without a default, in the handler module and a helper',
      files: {
        'template.yaml': pythonSam({ Orders: 'app.handler' }, ['TABLE: orders']),
        'src/app.py': dedent`
          import os as operating_system
          from helpers import config

          def handler(event, context):
              return operating_system.environ["TABLEE"], operating_system.getenv("API_URL")
        `,
        'src/helpers/__init__.py': '',
        'src/helpers/config.py': 'from os import environ\nBUCKET = environ.get("BUCKET")\n',
      },
      errors: [
        { file: 'src/app.py', line: 'TABLEE', messageId: 'undefinedEnvVar', functions: ['Orders'], messageIncludes: ["os.environ['TABLEE']", 'KeyError'] },
        { file: 'src/app.py', line: 'TABLEE', messageId: 'undefinedEnvVar', messageIncludes: ['API_URL'] },
        { file: 'src/helpers/config.py', line: 'BUCKET', messageId: 'undefinedEnvVar', functions: ['Orders'] },
      ],
    },
  ],
});
