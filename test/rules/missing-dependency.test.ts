import { describe, expect, it } from 'vitest';
import { analyzeFiles, cdkStack, dedent, runCrossRuleCases } from '../helpers/temp-project.js';

const pkg = (dependencies: Record<string, string> = {}, devDependencies: Record<string, string> = {}, extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ name: 'orders', private: true, ...extra, dependencies, devDependencies }, null, 2)}\n`;

/** serverless.yml with one `create` function (handler create.handler) and optional plugins. */
const serverless = (runtime: string, opts: { plugins?: string[]; fn?: string } = {}): string =>
  [
    'service: orders',
    ...(opts.plugins ? ['plugins:', ...opts.plugins.map((p) => `  - ${p}`)] : []),
    'provider:',
    '  name: aws',
    `  runtime: ${runtime}`,
    'functions:',
    '  create:',
    '    handler: create.handler',
    ...(opts.fn ? [opts.fn.trimEnd()] : []),
    '',
  ].join('\n');

const samTemplate = (props: string[], metadata: string[] = []): string =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    ...metadata,
    '    Properties:',
    '      CodeUri: src/',
    '      Handler: app.handler',
    ...props,
    '',
  ].join('\n');

const terraform = (runtime: string): string => dedent`
  data "archive_file" "orders" {
    type        = "zip"
    source_dir  = "\${path.module}/src/orders"
    output_path = "\${path.module}/build/orders.zip"
  }

  resource "aws_lambda_function" "orders" {
    function_name = "orders"
    role          = "arn:aws:iam::123456789012:role/lambda"
    runtime       = "${runtime}"
    handler       = "index.handler"
    filename      = data.archive_file.orders.output_path
  }
`;

const AWS_SDK_V2 = "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3();\n";

runCrossRuleCases('missing-dependency', {
  valid: [
    {
      name: 'aws-sdk v2 on nodejs16.x: the runtime provides it',
      files: { 'serverless.yml': serverless('nodejs16.x'), 'package.json': pkg({ uuid: '^9' }), 'create.js': AWS_SDK_V2 },
    },
    {
      name: 'aws-sdk v2 on nodejs20.x listed in dependencies',
      files: { 'serverless.yml': serverless('nodejs20.x'), 'package.json': pkg({ 'aws-sdk': '^2.1500.0' }), 'create.js': AWS_SDK_V2 },
    },
    {
      name: '@aws-sdk/* v3 on nodejs18.x and later is provided by the runtime (docs example)',
      files: {
        'serverless.yml': serverless('nodejs18.x'),
        'package.json': pkg({}),
        'create.js': "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst { marshall } = require('@aws-sdk/util-dynamodb');\nexports.handler = async () => [new DynamoDBClient({}), marshall];\n",
      },
    },
    {
      name: 'built-ins, node: built-ins, subpaths of a dependency, scoped packages',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({ lodash: '^4', '@middy/core': '^5' }),
        'create.mjs': dedent`
          import { readFileSync } from 'fs';
          import { randomUUID } from 'node:crypto';
          import get from 'lodash/get.js';
          import middy from '@middy/core';
          export const handler = middy(async () => [readFileSync, randomUUID, get]);
        `,
      },
    },
    {
      name: 'devDependencies with serverless-esbuild: bundled at deploy',
      files: {
        'serverless.yml': serverless('nodejs20.x', { plugins: ['serverless-esbuild'] }),
        'package.json': pkg({}, { 'serverless-esbuild': '^1', zod: '^3' }),
        'create.ts': "import { z } from 'zod';\nexport const handler = async () => z.string().parse('x');\n",
      },
    },
    {
      name: 'type-only imports, and TypeScript imports used only as types (elided)',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({}, { '@types/aws-lambda': '^8' }),
        'create.ts': dedent`
          import type { SQSEvent } from 'aws-lambda';
          import { Context, APIGatewayProxyResult } from 'aws-lambda';
          import { type Logger } from '@aws-lambda-powertools/logger';
          import type * as Types from 'some-types-package';
          export const handler = async (event: SQSEvent, context: Context, log?: Logger, t?: Types.T): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: '' });
        `,
      },
    },
    {
      name: 'TypeScript: an import used only as a type is elided even with no @types listed',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({}),
        'create.ts': "import { Handler } from 'aws-lambda';\nimport { unused } from 'left-over';\nexport const handler: Handler = async () => 1;\n",
      },
    },
    {
      name: 'a layer may provide any package',
      files: {
        'serverless.yml': serverless('nodejs20.x', { fn: '    layers:\n      - arn:aws:lambda:eu-west-1:123456789012:layer:deps:3' }),
        'package.json': pkg({}),
        'create.js': "const sharp = require('sharp');\nconst AWS = require('aws-sdk');\nexports.handler = async () => [sharp, AWS];\n",
      },
    },
    {
      name: 'Terraform registry module: layers from a variable may provide any package',
      files: {
        'main.tf': dedent`
          variable "layers" {
            type = list(string)
          }

          module "fn" {
            source        = "terraform-aws-modules/lambda/aws"
            function_name = "fn"
            handler       = "index.handler"
            runtime       = "nodejs22.x"
            source_path   = "\${path.module}/src"
            layers        = var.layers
          }
        `,
        'src/package.json': pkg({}),
        'src/index.mjs': "import sharp from 'sharp';\nexport const handler = async () => sharp;\n",
      },
    },
    {
      name: 'workspaces: a dependency hoisted to the root package.json',
      files: {
        'package.json': pkg({ pino: '^9' }, {}, { workspaces: ['services/*'] }),
        'services/orders/package.json': pkg({ uuid: '^9' }),
        'services/orders/serverless.yml': serverless('nodejs20.x'),
        'services/orders/create.js': "import pino from 'pino';\nimport { v4 } from 'uuid';\nexport const handler = async () => [pino, v4];\n",
      },
    },
    {
      name: 'no package.json at all: not a layout that can be judged',
      files: { 'serverless.yml': serverless('nodejs20.x'), 'create.js': "import got from 'got';\nexport const handler = async () => got;\n" },
    },
    {
      name: 'SAM BuildMethod esbuild bundles devDependencies',
      files: {
        'template.yaml': samTemplate(['      Runtime: nodejs20.x'], ['    Metadata:', '      BuildMethod: esbuild']),
        'src/package.json': pkg({}, { zod: '^3' }),
        'src/app.ts': "import { z } from 'zod';\nexport const handler = async () => z.string();\n",
      },
    },
    {
      name: 'CDK NodejsFunction bundles devDependencies',
      files: {
        ...cdkStack("    new NodejsFunction(this, 'orders', { entry: 'lambda/orders.ts', runtime: lambda.Runtime.NODEJS_22_X });\n"),
        'package.json': pkg({ 'aws-cdk-lib': '^2' }, { zod: '^3' }),
        'lambda/orders.ts': "import { z } from 'zod';\nexport const handler = async () => z.string();\n",
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: aws-sdk v2 on nodejs18.x, package.json lists only uuid (docs example)',
      files: { 'serverless.yml': serverless('nodejs18.x'), 'package.json': pkg({ uuid: '^9' }), 'create.js': AWS_SDK_V2 },
      errors: [
        {
          messageId: 'awsSdkV2NotInRuntime',
          file: 'create.js',
          line: "require('aws-sdk')",
          functions: ['create'],
          messageIncludes: ["'aws-sdk' fails at init in create: nodejs18.x ships only the AWS SDK v3", 'package.json does not list aws-sdk'],
        },
      ],
    },
    {
      name: 'aws-sdk v2 client subpath in a shared module, on SAM nodejs20.x',
      files: {
        'template.yaml': samTemplate(['      Runtime: nodejs20.x']),
        'src/package.json': pkg({}),
        'src/app.mjs': "import { db } from './lib/db.mjs';\nexport const handler = async () => db;\n",
        'src/lib/db.mjs': "import DynamoDB from 'aws-sdk/clients/dynamodb.js';\nexport const db = new DynamoDB.DocumentClient();\n",
      },
      errors: [{ messageId: 'awsSdkV2NotInRuntime', file: 'src/lib/db.mjs', line: 1, functions: ['Fn'], messageIncludes: ["'aws-sdk/clients/dynamodb.js'", 'src/package.json'] }],
    },
    {
      name: 'a shared module is reported once, naming every function that deploys it',
      files: {
        'serverless.yml': serverless('nodejs20.x').replace('functions:\n', 'functions:\n  list:\n    handler: list.handler\n'),
        'package.json': pkg({ uuid: '^9' }),
        'create.js': "import { db } from './lib/db.js';\nexport const handler = async () => db;\n",
        'list.js': "import { db } from './lib/db.js';\nexport const handler = async () => db;\n",
        'lib/db.js': "import AWS from 'aws-sdk';\nexport const db = new AWS.DynamoDB.DocumentClient();\n",
      },
      errors: [{ messageId: 'awsSdkV2NotInRuntime', file: 'lib/db.js', line: 1, functions: ['create', 'list'], messageIncludes: ['in create and list'] }],
    },
    {
      name: 'serverless: a devDependency without a bundler',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({ uuid: '^9' }, { zod: '^3' }),
        'create.js': "import { v4 } from 'uuid';\nimport { z } from 'zod';\nexport const handler = async () => [v4(), z];\n",
      },
      errors: [{ messageId: 'devDependencyOnly', file: 'create.js', line: "from 'zod'", messageIncludes: ["'zod' is only a devDependency in package.json"] }],
    },
    {
      name: 'serverless-plugin-typescript compiles but does not bundle: devDependencies are left out',
      files: {
        'serverless.yml': serverless('nodejs20.x', { plugins: ['serverless-plugin-typescript'] }),
        'package.json': pkg({}, { 'serverless-plugin-typescript': '^2', zod: '^3' }),
        'create.ts': "import { z } from 'zod';\nexport const handler = async () => z.string();\n",
      },
      errors: [{ messageId: 'devDependencyOnly', file: 'create.ts', line: 1 }],
    },
    {
      name: 'a package in no package.json',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({ uuid: '^9' }),
        'create.cjs': "const axios = require('axios');\nexports.handler = async () => axios.get('https://example.com');\n",
      },
      errors: [{ messageId: 'notInAnyManifest', file: 'create.cjs', line: 1, messageIncludes: ["'axios' is imported by create but in no package.json from . up"] }],
    },
    {
      name: 'TypeScript: a package used as a value with only @types listed',
      files: {
        'serverless.yml': serverless('nodejs20.x'),
        'package.json': pkg({}, { '@types/uuid': '^9' }),
        'create.ts': "import { v4 } from 'uuid';\nexport const handler = async () => v4();\n",
      },
      errors: [{ messageId: 'notInAnyManifest', file: 'create.ts', line: 1 }],
    },
    {
      name: '@aws-sdk v3 on nodejs16.x is not provided',
      files: {
        'serverless.yml': serverless('nodejs16.x'),
        'package.json': pkg({}),
        'create.js': "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => new S3Client({});\n",
      },
      errors: [{ messageId: 'notInAnyManifest', file: 'create.js', line: 1, messageIncludes: ["'@aws-sdk/client-s3'"] }],
    },
    {
      name: 'Terraform: aws-sdk v2 only in devDependencies on nodejs20.x, and a package in no package.json',
      files: {
        'main.tf': terraform('nodejs20.x'),
        'src/orders/package.json': pkg({}, { 'aws-sdk': '^2' }),
        'src/orders/index.mjs': "import AWS from 'aws-sdk';\nimport { nanoid } from 'nanoid';\nexport const handler = async () => [AWS, nanoid()];\n",
      },
      errors: [
        { messageId: 'awsSdkV2NotInRuntime', file: 'src/orders/index.mjs', line: 1, functions: ['aws_lambda_function.orders'] },
        { messageId: 'notInAnyManifest', file: 'src/orders/index.mjs', line: 2, messageIncludes: ["'nanoid'"] },
      ],
    },
    {
      name: 'CDK: lambda.Function with Code.fromAsset does not bundle',
      files: {
        ...cdkStack(
          "    new lambda.Function(this, 'Webhook', {\n      runtime: lambda.Runtime.NODEJS_20_X,\n      handler: 'webhook.handler',\n      code: lambda.Code.fromAsset('lambda'),\n    });\n",
        ),
        'package.json': pkg({ 'aws-cdk-lib': '^2' }, { zod: '^3' }),
        'lambda/webhook.js': "const { z } = require('zod');\nexports.handler = async () => z;\n",
      },
      errors: [{ messageId: 'devDependencyOnly', file: 'lambda/webhook.js', line: 1, functions: ['Webhook'] }],
    },
  ],
});

describe('precedence over no-aws-sdk-v2 (one finding per cause)', () => {
  it("require('aws-sdk') the runtime lacks is reported once, by missing-dependency", async () => {
    const { findings } = await analyzeFiles(
      { 'serverless.yml': serverless('nodejs18.x'), 'package.json': pkg({ uuid: '^9' }), 'create.js': AWS_SDK_V2 },
      { 'missing-dependency': {}, 'no-aws-sdk-v2': {} },
    );
    expect(findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['missing-dependency:1']);
  });

  it('aws-sdk listed in package.json: only no-aws-sdk-v2 speaks', async () => {
    const { findings } = await analyzeFiles(
      { 'serverless.yml': serverless('nodejs18.x'), 'package.json': pkg({ 'aws-sdk': '^2' }), 'create.js': AWS_SDK_V2 },
      { 'missing-dependency': {}, 'no-aws-sdk-v2': {} },
    );
    expect(findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['no-aws-sdk-v2:1']);
  });
});

/** serverless.yml with one Python function `create` (handler handler.create). */
const pythonService = (extra: string[] = []): string =>
  ['service: orders', 'provider:', '  name: aws', '  runtime: python3.12', 'functions:', '  create:', '    handler: handler.create', ...extra, ''].join('\n');

runCrossRuleCases('missing-dependency', {
  valid: [
    {
      name: 'Python: requirements.txt lists each distribution (import names mapped: yaml -> PyYAML, PIL -> Pillow, jwt -> PyJWT)',
      files: {
        'serverless.yml': pythonService(),
        'requirements.txt': '# pinned\nPyYAML==6.0.1\npillow>=10 ; python_version >= "3.9"\nPyJWT[crypto]\nrequests==2.32.0  # http\n-r requirements-common.txt\n',
        'requirements-common.txt': 'python_dateutil\n',
        'handler.py': dedent`
          import json, os, asyncio
          import yaml
          from PIL import Image
          import jwt
          import requests
          import urllib3  # installed with requests (and botocore)
          import boto3, botocore  # provided by the runtime
          from dateutil import parser
          from __future__ import annotations

          def create(event, context):
              return 1
        `,
      },
    },
    {
      name: 'Python: local modules, packages and relative imports are not dependencies',
      files: {
        'template.yaml': samTemplate(['      Runtime: python3.12']),
        'src/requirements.txt': 'requests\n',
        'src/app.py': 'import utils\nfrom models import order\nfrom . import sibling\nimport vendored_lib\n\ndef handler(event, context):\n    return 1\n',
        'src/utils.py': '',
        'src/models/__init__.py': '',
        'src/models/order.py': '',
        'src/sibling.py': '',
        'src/vendored_lib/core.py': '',
      },
    },
    {
      name: 'Python: optional imports (except ImportError, TYPE_CHECKING, inside a function) cannot break init',
      files: {
        'serverless.yml': pythonService(),
        'requirements.txt': 'requests\n',
        'handler.py': dedent`
          from typing import TYPE_CHECKING
          try:
              import ujson as json
          except ImportError:
              import json
          if TYPE_CHECKING:
              from mypy_boto3_s3 import S3Client

          def create(event, context):
              import orjson
              return orjson.dumps(event)
        `,
      },
    },
    {
      name: 'Python: pyproject.toml (PEP 621 and Poetry) and Pipfile are read',
      files: {
        'serverless.yml': pythonService(['  other:', '    handler: other.main', '    module: other']),
        'pyproject.toml': '[project]\nname = "orders"\ndependencies = [\n  "pydantic>=2",\n  "httpx",  # client\n]\n\n[tool.poetry.dependencies]\npython = "^3.12"\nstructlog = "^24"\n',
        'handler.py': 'import pydantic, httpx, structlog\n\ndef create(event, context):\n    return 1\n',
        'other/Pipfile': '[packages]\nmarshmallow = "*"\n\n[dev-packages]\npytest = "*"\n',
        'other/other.py': 'import marshmallow\n\ndef main(event, context):\n    return 1\n',
      },
    },
    {
      name: 'Python: no dependency file at all, a layer, or a local package in requirements: not judged',
      files: {
        'serverless.yml': pythonService(['    layers:', '      - arn:aws:lambda:us-east-1:123456789012:layer:deps:1', '  plain:', '    handler: plain/app.main', '  local:', '    handler: local/app.main']),
        'handler.py': 'import numpy\n\ndef create(event, context):\n    return 1\n',
        'plain/app.py': 'import pandas\n\ndef main(event, context):\n    return 1\n',
        'local/requirements.txt': '-e ../shared_lib\n',
        'local/app.py': 'import shared_lib_dependency\n\ndef main(event, context):\n    return 1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'Python: a third-party import not in requirements.txt fails at init',
      files: {
        'serverless.yml': pythonService(),
        'requirements.txt': 'requests\n',
        'handler.py': 'import requests\nimport yaml\nfrom pydantic import BaseModel\n\ndef create(event, context):\n    return 1\n',
      },
      errors: [
        { messageId: 'notInRequirements', file: 'handler.py', line: 'import yaml', functions: ['create'], messageIncludes: ["'yaml'", 'PyYAML', 'requirements.txt'] },
        { messageId: 'notInRequirements', file: 'handler.py', line: 'from pydantic', messageIncludes: ['pydantic'] },
      ],
    },
    {
      name: 'Python: the import in a helper module names the functions that load it; dev packages do not count',
      files: {
        'template.yaml': samTemplate(['      Runtime: python3.12']),
        'src/requirements.txt': 'boto3\n',
        'src/Pipfile': '[packages]\n\n[dev-packages]\nstripe = "*"\n',
        'src/app.py': 'from lib import billing\n\ndef handler(event, context):\n    return billing.charge()\n',
        'src/lib/__init__.py': '',
        'src/lib/billing.py': 'import stripe\n\ndef charge():\n    return stripe\n',
      },
      errors: [{ messageId: 'notInRequirements', file: 'src/lib/billing.py', line: 'import stripe', functions: ['Fn'] }],
    },
  ],
});
