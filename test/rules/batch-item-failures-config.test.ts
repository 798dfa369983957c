import { dedent, runCrossRuleCases, type Files } from '../helpers/temp-project.js';

/** A handler that builds and returns a partial batch response. */
const RETURNS = dedent`
  export const handler = async (event) => {
    const batchItemFailures = [];
    for (const record of event.Records) {
      try {
        JSON.parse(record.body);
      } catch {
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
`;

/** A handler that processes every record and returns nothing. */
const NEVER = dedent`
  export const handler = async (event) => {
    for (const record of event.Records) JSON.parse(record.body);
  };
`;

const POWERTOOLS = dedent`
  import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record) => JSON.parse(record.body);
  export const handler = async (event, context) => processPartialResponse(event, recordHandler, processor, { context });
`;

const MIDDY = dedent`
  import middy from '@middy/core';
  import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
  const lambdaHandler = async (event) => Promise.allSettled(event.Records.map(async (record) => JSON.parse(record.body)));
  export const handler = middy(lambdaHandler).use(sqsPartialBatchFailure());
`;

/** serverless.yml with a `worker` function and its events (lines under `events:`). */
const serverless = (events: string[]): string =>
  ['service: jobs', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'functions:', '  worker:', '    handler: worker.handler', '    events:', ...events, ''].join('\n');

const SLS_SQS = ['      - sqs:', '          arn: arn:aws:sqs:eu-west-1:123456789012:jobs', '          batchSize: 10'];
const SLS_REPORT = '          functionResponseType: ReportBatchItemFailures';

/** SAM function with one SQS event; `extra` lines go under the event's Properties. */
const sam = (extra: string[] = []): string =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  JobsQueue:',
    '    Type: AWS::SQS::Queue',
    '  JobsFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs20.x',
    '      CodeUri: src/',
    '      Handler: jobs.handler',
    '      Events:',
    '        Jobs:',
    '          Type: SQS',
    '          Properties:',
    '            Queue: !GetAtt JobsQueue.Arn',
    ...extra,
    '',
  ].join('\n');

const SAM_REPORT = ['            FunctionResponseTypes:', '              - ReportBatchItemFailures'];

const terraform = (mappingExtra: string): string => dedent`
  data "archive_file" "ingest" {
    type        = "zip"
    source_dir  = "\${path.module}/src/ingest"
    output_path = "\${path.module}/build/ingest.zip"
  }

  resource "aws_sqs_queue" "ingest" {
    name                       = "ingest"
    visibility_timeout_seconds = 180
  }

  resource "aws_lambda_function" "ingest" {
    function_name = "ingest"
    role          = "arn:aws:iam::123456789012:role/lambda"
    runtime       = "nodejs22.x"
    handler       = "index.handler"
    timeout       = 30
    filename      = data.archive_file.ingest.output_path
  }

  resource "aws_lambda_event_source_mapping" "ingest" {
    event_source_arn = aws_sqs_queue.ingest.arn
    function_name    = aws_lambda_function.ingest.arn
    batch_size       = 10
  ${mappingExtra}
  }
`;

const cdkStack = (sourceProps: string, handler: string): Files => ({
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
  'lib/stack.ts': dedent`
    import * as cdk from 'aws-cdk-lib';
    import * as lambda from 'aws-cdk-lib/aws-lambda';
    import * as sqs from 'aws-cdk-lib/aws-sqs';
    import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
    import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
    import type { Construct } from 'constructs';

    export class Stack extends cdk.Stack {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        const queue = new sqs.Queue(this, 'Jobs', { visibilityTimeout: cdk.Duration.minutes(3) });
        const fn = new NodejsFunction(this, 'jobs', { entry: 'lambda/jobs.ts', runtime: lambda.Runtime.NODEJS_22_X, timeout: cdk.Duration.seconds(30) });
        fn.addEventSource(new SqsEventSource(queue, { ${sourceProps} }));
      }
    }
  `,
  'lambda/jobs.ts': handler,
});

const cloudformation = (mappingProps: Record<string, unknown>): string =>
  JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Clicks: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
        ClickFunction: {
          Type: 'AWS::Lambda::Function',
          Properties: { Code: 'src', Handler: 'clicks.handler', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::1:role/x' },
        },
        ClickMapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { FunctionName: { Ref: 'ClickFunction' }, EventSourceArn: { 'Fn::GetAtt': ['Clicks', 'Arn'] }, StartingPosition: 'LATEST', ...mappingProps },
        },
      },
    },
    null,
    2,
  );

runCrossRuleCases('batch-item-failures-config', {
  valid: [
    {
      name: 'SAM: both halves in step (docs example)',
      files: { 'template.yaml': sam(SAM_REPORT), 'src/jobs.mjs': RETURNS },
    },
    {
      name: 'neither half: the handler throws on failure and the mapping retries the batch',
      files: { 'serverless.yml': serverless(SLS_SQS), 'worker.js': NEVER },
    },
    {
      name: 'Powertools processPartialResponse with the setting',
      files: { 'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]), 'worker.mjs': POWERTOOLS },
    },
    {
      name: 'Powertools processPartialResponseSync with the setting',
      files: {
        'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]),
        'worker.mjs': POWERTOOLS.replace(/processPartialResponse\b/g, 'processPartialResponseSync').replace('async (record)', '(record)'),
      },
    },
    {
      name: 'middy sqs-partial-batch-failure with the setting',
      files: { 'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]), 'worker.mjs': MIDDY },
    },
    {
      name: 'the response is built in a module the handler imports',
      files: {
        'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]),
        'worker.mjs': "import { processRecords } from './lib/batch.mjs';\nexport const handler = async (event) => processRecords(event.Records);\n",
        'lib/batch.mjs': 'export async function processRecords(records) {\n  const batchItemFailures = records.filter((r) => !r.body).map((r) => ({ itemIdentifier: r.messageId }));\n  return { batchItemFailures };\n}\n',
      },
    },
    {
      name: 'the response is built in a helper of the same module',
      files: {
        'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]),
        'worker.ts': dedent`
          import type { SQSEvent, SQSBatchResponse } from 'aws-lambda';
          async function processAll(event: SQSEvent): Promise<SQSBatchResponse> {
            const failed = event.Records.filter((r) => !r.body);
            return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
          }
          export const handler = async (event: SQSEvent) => processAll(event);
        `,
      },
    },
    {
      name: 'a setting that is a reference is unknown',
      files: {
        'template.yaml': sam(['            FunctionResponseTypes: !If [UsePartial, [ReportBatchItemFailures], !Ref AWS::NoValue]']).replace(
          'Resources:',
          'Conditions:\n  UsePartial: !Equals [!Ref AWS::Region, eu-west-1]\nResources:',
        ),
        'src/jobs.mjs': NEVER,
      },
    },
    {
      name: 'triggers that are not event source mappings are not checked',
      files: {
        'serverless.yml': serverless(['      - sns: arn:aws:sns:eu-west-1:123456789012:jobs', '      - schedule: rate(5 minutes)']),
        'worker.js': RETURNS,
      },
    },
    {
      name: 'Terraform: function_response_types set',
      files: { 'main.tf': terraform('  function_response_types = ["ReportBatchItemFailures"]'), 'src/ingest/index.mjs': RETURNS },
    },
    {
      name: 'CDK: reportBatchItemFailures: true',
      files: cdkStack('batchSize: 10, reportBatchItemFailures: true', RETURNS),
    },
  ],
  invalid: [
    {
      name: 'SAM: the handler returns batchItemFailures, the event lacks FunctionResponseTypes (docs example)',
      files: { 'template.yaml': sam(), 'src/jobs.mjs': RETURNS },
      errors: [
        {
          messageId: 'responseIgnored',
          file: 'template.yaml',
          line: '        Jobs:',
          functions: ['JobsFunction'],
          messageIncludes: ['JobsFunction returns batchItemFailures but its SQS source lacks ReportBatchItemFailures'],
        },
      ],
    },
    {
      name: 'SAM: FunctionResponseTypes set, the handler never returns batchItemFailures',
      files: { 'template.yaml': sam(SAM_REPORT), 'src/jobs.mjs': NEVER },
      errors: [{ messageId: 'neverReturned', file: 'template.yaml', line: 'FunctionResponseTypes:', messageIncludes: ['never returns batchItemFailures'] }],
    },
    {
      name: 'serverless: sqs event without functionResponseType',
      files: { 'serverless.yml': serverless(SLS_SQS), 'worker.js': RETURNS },
      errors: [{ messageId: 'responseIgnored', file: 'serverless.yml', line: '      - sqs:', functions: ['worker'] }],
    },
    {
      name: 'serverless: functionResponseType set, handler never returns it',
      files: { 'serverless.yml': serverless([...SLS_SQS, SLS_REPORT]), 'worker.js': NEVER },
      errors: [{ messageId: 'neverReturned', file: 'serverless.yml', line: 'functionResponseType: ReportBatchItemFailures' }],
    },
    {
      name: 'serverless: DynamoDB stream without functionResponseType',
      files: {
        'serverless.yml': serverless(['      - stream:', '          type: dynamodb', '          arn: arn:aws:dynamodb:eu-west-1:123456789012:table/jobs/stream/2024']),
        'worker.js': RETURNS,
      },
      errors: [{ messageId: 'responseIgnored', file: 'serverless.yml', line: '      - stream:', messageIncludes: ['DynamoDB stream source'] }],
    },
    {
      name: 'Powertools processPartialResponse without the setting',
      files: { 'serverless.yml': serverless(SLS_SQS), 'worker.mjs': POWERTOOLS },
      errors: [{ messageId: 'responseIgnored', file: 'serverless.yml', line: '      - sqs:' }],
    },
    {
      name: 'middy sqs-partial-batch-failure without the setting',
      files: { 'serverless.yml': serverless(SLS_SQS), 'worker.mjs': MIDDY },
      errors: [{ messageId: 'responseIgnored', file: 'serverless.yml', line: '      - sqs:' }],
    },
    {
      name: 'CloudFormation: Kinesis mapping with FunctionResponseTypes, the handler never returns it',
      files: {
        'template.json': cloudformation({ FunctionResponseTypes: ['ReportBatchItemFailures'] }),
        'src/clicks.mjs': 'export const handler = async (event) => {\n  for (const r of event.Records) console.log(r.kinesis.data);\n};\n',
      },
      errors: [{ messageId: 'neverReturned', file: 'template.json', line: '"FunctionResponseTypes"', functions: ['ClickFunction'], messageIncludes: ['Kinesis stream source'] }],
    },
    {
      name: 'Terraform: mapping without function_response_types',
      files: { 'main.tf': terraform(''), 'src/ingest/index.mjs': RETURNS },
      errors: [{ messageId: 'responseIgnored', file: 'main.tf', line: 'resource "aws_lambda_event_source_mapping" "ingest"', functions: ['aws_lambda_function.ingest'] }],
    },
    {
      name: 'CDK: reportBatchItemFailures: true, the handler never returns it',
      files: cdkStack('batchSize: 10, reportBatchItemFailures: true', NEVER),
      errors: [{ messageId: 'neverReturned', file: 'lib/stack.ts', line: 'reportBatchItemFailures: true', functions: ['jobs'] }],
    },
    {
      name: 'CDK: SqsEventSource without reportBatchItemFailures',
      files: cdkStack('batchSize: 10', RETURNS),
      errors: [{ messageId: 'responseIgnored', file: 'lib/stack.ts', line: 'fn.addEventSource' }],
    },
  ],
});
