import { dedent, runCrossRuleCases, samTemplate } from '../helpers/temp-project.js';

const template = (handler = 'app.handler', extra: string[] = []): string =>
  samTemplate([
    'Resources:',
    '  Orders:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: python3.12',
    '      CodeUri: src/',
    `      Handler: ${handler}`,
    ...extra,
  ]);

runCrossRuleCases('handler-signature', {
  valid: [
    { name: 'def handler(event, context)', files: { 'template.yaml': template(), 'src/app.py': 'def handler(event, context):\n    return 1\n' } },
    {
      name: '*args, extra parameters with defaults, typed parameters',
      files: {
        'template.yaml': template('app.handler', ['  Other:', '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      CodeUri: src/', '      Handler: app.typed']),
        'src/app.py': 'def handler(*args):\n    return 1\n\ndef typed(event: dict, context: object, retries: int = 3, *, dry_run=False):\n    return 1\n',
      },
    },
    {
      name: 'a decorated handler (the decorator may change the signature) and an ASGI adapter',
      files: {
        'template.yaml': template('app.handler'),
        'src/app.py': dedent`
          from aws_lambda_powertools import Logger
          logger = Logger()

          @logger.inject_lambda_context
          def handler(event):
              return 1
        `,
      },
    },
    {
      name: 'a handler bound to a callable object (Mangum) is not a def',
      files: { 'template.yaml': template(), 'src/app.py': 'from mangum import Mangum\nfrom fastapi import FastAPI\napp = FastAPI()\nhandler = Mangum(app)\n' },
    },
    {
      name: 'an async method of a class with the handler name is not the handler',
      files: { 'template.yaml': template(), 'src/app.py': 'class Worker:\n    async def handler(self, event, context):\n        return 1\n\ndef handler(event, context):\n    return Worker()\n' },
    },
  ],
  invalid: [
    {
      name: 'async def handler',
      files: { 'template.yaml': template(), 'src/app.py': 'import asyncio\n\nasync def handler(event, context):\n    await asyncio.sleep(0)\n' },
      errors: [{ messageId: 'asyncHandler', file: 'src/app.py', line: 'async def handler', functions: ['Orders'], messageIncludes: ["Handler 'handler' of function 'Orders' is an async def"] }],
    },
    {
      name: 'one positional parameter',
      files: { 'template.yaml': template(), 'src/app.py': 'def handler(event):\n    return 1\n' },
      errors: [{ messageId: 'wrongArity', file: 'src/app.py', line: 'def handler', messageIncludes: ["Handler 'handler' of function 'Orders' takes one positional argument"] }],
    },
    {
      name: 'three required positional parameters, keyword-only context',
      files: {
        'template.yaml': template('app.handler', ['  Other:', '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      CodeUri: src/', '      Handler: app.kw']),
        'src/app.py': 'def handler(event, context, client):\n    return 1\n\ndef kw(event, *, context):\n    return 1\n',
      },
      errors: [
        { messageId: 'wrongArity', file: 'src/app.py', line: 'def handler', messageIncludes: ['requires 3 positional arguments'] },
        { messageId: 'wrongArity', file: 'src/app.py', line: 'def kw', messageIncludes: ['takes one positional argument'] },
      ],
    },
    {
      name: 'one finding for two functions sharing the handler, in a package module',
      files: {
        'template.yaml': template('pkg.jobs.run', ['  Again:', '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      CodeUri: src/', '      Handler: pkg.jobs.run']),
        'src/pkg/__init__.py': '',
        'src/pkg/jobs.py': 'def run():\n    return 1\n',
      },
      errors: [{ messageId: 'wrongArity', file: 'src/pkg/jobs.py', line: 'def run', functions: ['Again', 'Orders'], messageIncludes: ["Handler 'run' of functions 'Again', 'Orders' takes no positional arguments"] }],
    },
  ],
});
