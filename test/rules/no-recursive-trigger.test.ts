import { dedent, runCrossRuleCases } from '../helpers/temp-project.js';

/** Writes the thumbnail back into the bucket the event came from. */
const SAME_BUCKET = dedent`
  import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
  const s3 = new S3Client({});
  export const handler = async (event) => {
    for (const record of event.Records) {
      const bucket = record.s3.bucket.name;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'thumb-' + record.s3.object.key, Body: 'x' }));
    }
  };
`;

/** Writes to the bucket named by an env var. */
const ENV_BUCKET = dedent`
  import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
  const s3 = new S3Client({});
  export const handler = async (event) => {
    for (const record of event.Records) {
      await s3.send(new PutObjectCommand({ Bucket: process.env.OUTPUT_BUCKET, Key: record.s3.object.key, Body: 'x' }));
    }
  };
`;

/** Skips its own output: the guard breaks the loop. */
const GUARDED = dedent`
  import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
  const s3 = new S3Client({});
  export const handler = async (event) => {
    for (const record of event.Records) {
      const key = record.s3.object.key;
      if (key.startsWith('thumbnails/')) continue;
      await s3.send(new PutObjectCommand({ Bucket: record.s3.bucket.name, Key: 'thumbnails/' + key, Body: 'x' }));
    }
  };
`;

/** Forwards each message to the queue named by QUEUE_URL. */
const FORWARD = dedent`
  import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
  const sqs = new SQSClient({});
  export const handler = async (event) => {
    for (const record of event.Records) await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: record.body }));
  };
`;

const sam = (filter: string[] = [], outputBucket = '!Ref Uploads', events = 's3:ObjectCreated:*'): string =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Uploads:',
    '    Type: AWS::S3::Bucket',
    '  Thumbnails:',
    '    Type: AWS::S3::Bucket',
    '  ThumbnailFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs22.x',
    '      CodeUri: src/',
    '      Handler: thumb.handler',
    '      Environment:',
    '        Variables:',
    `          OUTPUT_BUCKET: ${outputBucket}`,
    '      Events:',
    '        Upload:',
    '          Type: S3',
    '          Properties:',
    '            Bucket: !Ref Uploads',
    `            Events: ${events}`,
    ...filter,
    '',
  ].join('\n');

/** Publishes each message again to the topic named by TOPIC_ARN. */
const REPUBLISH = dedent`
  import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
  const sns = new SNSClient({});
  export const handler = async (event) => {
    for (const record of event.Records) await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: record.Sns.Message }));
  };
`;

const serverless = (event: string, environment: string[] = []): string =>
  ['service: thumbs', 'provider:', '  name: aws', '  runtime: nodejs22.x', 'functions:', '  thumb:', '    handler: thumb.handler', ...environment, '    events:', '      - s3:', '          bucket: uploads', `          event: ${event}`, ''].join('\n');

const snsTemplate = (topic: string): string =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Alerts:',
    '    Type: AWS::SNS::Topic',
    '  Digest:',
    '    Type: AWS::SNS::Topic',
    '  Fanout:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs22.x',
    '      CodeUri: src/',
    '      Handler: fanout.handler',
    '      Environment:',
    '        Variables:',
    `          TOPIC_ARN: ${topic}`,
    '      Events:',
    '        Alert:',
    '          Type: SNS',
    '          Properties:',
    '            Topic: !Ref Alerts',
    '',
  ].join('\n');

const SAM_FILTER = ['            Filter:', '              S3Key:', '                Rules:', '                  - Name: prefix', '                    Value: uploads/'];

const terraform = (queueUrl: string): string => dedent`
  data "archive_file" "fwd" {
    type        = "zip"
    source_dir  = "\${path.module}/src"
    output_path = "\${path.module}/build/fwd.zip"
  }
  resource "aws_sqs_queue" "jobs" {}
  resource "aws_sqs_queue" "next" {}
  resource "aws_lambda_function" "fwd" {
    function_name = "fwd"
    role          = "arn:aws:iam::123456789012:role/lambda"
    runtime       = "nodejs22.x"
    handler       = "fwd.handler"
    filename      = data.archive_file.fwd.output_path
    environment {
      variables = {
        QUEUE_URL = ${queueUrl}
      }
    }
  }
  resource "aws_lambda_event_source_mapping" "fwd" {
    event_source_arn = aws_sqs_queue.jobs.arn
    function_name    = aws_lambda_function.fwd.arn
  }
`;

runCrossRuleCases('no-recursive-trigger', {
  valid: [
    { name: 'SAM: writes to the same bucket, but the trigger filters on a prefix the output lacks', files: { 'template.yaml': sam(SAM_FILTER), 'src/thumb.mjs': SAME_BUCKET } },
    { name: 'SAM: writes to another bucket (env var bound to Thumbnails)', files: { 'template.yaml': sam([], '!Ref Thumbnails'), 'src/thumb.mjs': ENV_BUCKET } },
    { name: 'SAM: the code skips its own output (key.startsWith guard)', files: { 'template.yaml': sam(), 'src/thumb.mjs': GUARDED } },
    { name: 'Terraform: forwards to another queue', files: { 'main.tf': terraform('aws_sqs_queue.next.url'), 'src/fwd.mjs': FORWARD } },
    { name: 'SAM: the S3 trigger fires on deletes only, so a put does not come back', files: { 'template.yaml': sam([], '!Ref Uploads', 's3:ObjectRemoved:*'), 'src/thumb.mjs': SAME_BUCKET } },
    { name: 'serverless: a delete-only event on the bucket the code writes to', files: { 'serverless.yml': serverless('s3:ObjectRemoved:Delete'), 'thumb.mjs': SAME_BUCKET } },
    {
      name: 'serverless: an env var naming another bucket whose name contains the trigger bucket (uploads-archive)',
      files: { 'serverless.yml': serverless('s3:ObjectCreated:*', ['    environment:', '      OUTPUT_BUCKET: uploads-archive']), 'thumb.mjs': ENV_BUCKET },
    },
    { name: 'SAM: publishes to another topic than the one it subscribes to', files: { 'template.yaml': snsTemplate('!Ref Digest'), 'src/fanout.mjs': REPUBLISH } },
    { name: 'SAM: an SNS-triggered function writing to the S3 bucket of an event record is not an SNS loop', files: { 'template.yaml': snsTemplate('!Ref Alerts'), 'src/fanout.mjs': SAME_BUCKET } },
  ],
  invalid: [
    {
      name: 'SAM: S3 trigger without filter, code writes to the event record bucket (AWS with-s3 warning)',
      files: { 'template.yaml': sam(), 'src/thumb.mjs': SAME_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand', functions: ['ThumbnailFunction'], messageIncludes: ['S3 bucket', 'event record'] }],
    },
    {
      name: 'SAM: env var bound to the triggering bucket (!Ref Uploads)',
      files: { 'template.yaml': sam(), 'src/thumb.mjs': ENV_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand', messageIncludes: ['OUTPUT_BUCKET = Uploads'] }],
    },
    {
      name: 'serverless: S3 event on the bucket the code writes to (event record)',
      files: {
        'serverless.yml': ['service: thumbs', 'provider:', '  name: aws', '  runtime: nodejs22.x', 'functions:', '  thumb:', '    handler: thumb.handler', '    events:', '      - s3:', '          bucket: uploads', '          event: s3:ObjectCreated:*', ''].join('\n'),
        'thumb.mjs': SAME_BUCKET,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'thumb.mjs', line: 'new PutObjectCommand' }],
    },
    {
      name: 'Terraform: SQS consumer sending to its own queue',
      files: { 'main.tf': terraform('aws_sqs_queue.jobs.url'), 'src/fwd.mjs': FORWARD },
      errors: [{ messageId: 'recursiveWrite', file: 'src/fwd.mjs', line: 'new SendMessageCommand', functions: ['aws_lambda_function.fwd'], messageIncludes: ["writes to the SQS queue that triggers it (QUEUE_URL = aws_sqs_queue.jobs.arn)"] }],
    },
    {
      name: 'SAM: every S3 event (s3:*) includes creation',
      files: { 'template.yaml': sam([], '!Ref Uploads', "'s3:*'"), 'src/thumb.mjs': SAME_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand' }],
    },
    {
      name: 'serverless: the env var holds the literal name of the triggering bucket',
      files: { 'serverless.yml': serverless('s3:ObjectCreated:Put', ['    environment:', '      OUTPUT_BUCKET: uploads']), 'thumb.mjs': ENV_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'thumb.mjs', line: 'new PutObjectCommand', functions: ['thumb'], messageIncludes: ["Function 'thumb' writes to the S3 bucket that triggers it (OUTPUT_BUCKET = uploads)"] }],
    },
    {
      name: 'SAM: republishes to the SNS topic it subscribes to',
      files: { 'template.yaml': snsTemplate('!Ref Alerts'), 'src/fanout.mjs': REPUBLISH },
      errors: [{ messageId: 'recursiveWrite', file: 'src/fanout.mjs', line: 'new PublishCommand', functions: ['Fanout'], messageIncludes: ['SNS topic that triggers it (TOPIC_ARN = Alerts)'] }],
    },
  ],
});
