import { describe, expect, it } from 'vitest';
import { dedent, runCrossRuleCases, samTemplate } from '../helpers/temp-project.js';
import { loadPythonParser, parsePython } from '../../src/python/parser.js';
import { importBindings } from '../../src/python/ast.js';
import { pythonServiceWrites } from '../../src/python/service-writes.js';

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


/**
 * A CDK stack (lib/stack.ts, code in src/): buckets `uploads` and `thumbnails`, queues `jobs` and
 * `next`, topic `events`, function `fn` with `environment` and then `wiring`.
 */
const cdk = (environment: string, wiring: string): Record<string, string> => ({
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
  'lib/stack.ts': [
    "import * as path from 'node:path';",
    "import { Stack } from 'aws-cdk-lib';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import { S3EventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as s3n from 'aws-cdk-lib/aws-s3-notifications';",
    "import * as sns from 'aws-cdk-lib/aws-sns';",
    "import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
    "import type { Construct } from 'constructs';",
    '',
    'export class ThumbStack extends Stack {',
    "  private readonly bucket = new s3.Bucket(this, 'Thumbnails');",
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    const uploads = new s3.Bucket(this, 'Uploads');",
    "    const thumbnails = new s3.Bucket(this, 'ThumbnailsToo');",
    "    const jobs = new sqs.Queue(this, 'Jobs');",
    "    const next = new sqs.Queue(this, 'Next');",
    "    const events = new sns.Topic(this, 'Events');",
    "    const fn = new lambda.Function(this, 'Thumb', {",
    '      runtime: lambda.Runtime.NODEJS_22_X,',
    "      handler: 'thumb.handler',",
    "      code: lambda.Code.fromAsset(path.join(__dirname, '../src')),",
    `      environment: { ${environment} },`,
    '    });',
    ...wiring.split('\n').map((line) => `    ${line}`),
    '  }',
    '}',
    '',
  ].join('\n'),
});

/** A stack given its buckets by the app (`props`), which the loader cannot follow to a construct. */
const cdkProps = (output: string): Record<string, string> => ({
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
  'lib/stack.ts': [
    "import * as path from 'node:path';",
    "import { Stack } from 'aws-cdk-lib';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as s3n from 'aws-cdk-lib/aws-s3-notifications';",
    "import type { Construct } from 'constructs';",
    '',
    'export class ThumbStack extends Stack {',
    '  constructor(scope: Construct, id: string, props: { uploads: s3.Bucket; thumbnails: s3.Bucket }) {',
    '    super(scope, id);',
    "    const fn = new lambda.Function(this, 'Thumb', {",
    '      runtime: lambda.Runtime.NODEJS_22_X,',
    "      handler: 'thumb.handler',",
    "      code: lambda.Code.fromAsset(path.join(__dirname, '../src')),",
    `      environment: { OUTPUT_BUCKET: ${output}.bucketName },`,
    '    });',
    '    props.uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));',
    '  }',
    '}',
    '',
  ].join('\n'),
});

const NOTIFY_UPLOADS = 'uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));';

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
    {
      // An unreadable event source has no name (''), which must not match any value by accident.
      name: 'SAM: an SQS event whose Queue is a list has no source to link an env var to',
      files: {
        'template.yaml': samTemplate([
          'Resources:',
          '  Forward:',
          '    Type: AWS::Serverless::Function',
          '    Properties:',
          '      Runtime: nodejs22.x',
          '      CodeUri: src/',
          '      Handler: fwd.handler',
          '      Environment:',
          '        Variables:',
          '          QUEUE_URL: https://sqs.us-east-1.amazonaws.com/123456789012/next',
          '      Events:',
          '        Jobs:',
          '          Type: SQS',
          '          Properties:',
          '            Queue: [Jobs]',
        ]),
        'src/fwd.mjs': FORWARD,
      },
    },
    { name: 'SAM: publishes to another topic than the one it subscribes to', files: { 'template.yaml': snsTemplate('!Ref Digest'), 'src/fanout.mjs': REPUBLISH } },
    { name: 'SAM: an SNS-triggered function writing to the S3 bucket of an event record is not an SNS loop', files: { 'template.yaml': snsTemplate('!Ref Alerts'), 'src/fanout.mjs': SAME_BUCKET } },
    { name: 'CDK: env var bound to another bucket (thumbnails.bucketName)', files: { ...cdk('OUTPUT_BUCKET: thumbnails.bucketName', NOTIFY_UPLOADS), 'src/thumb.mjs': ENV_BUCKET } },
    {
      // By name, `this.bucket.bucketName` looks like the local `bucket`: they are two constructs.
      name: 'CDK: a trigger variable and an env var with the same name that hold different buckets',
      files: { ...cdk('OUTPUT_BUCKET: this.bucket.bucketName', "const bucket = uploads;\nfn.addEventSource(new S3EventSource(bucket, { events: [s3.EventType.OBJECT_CREATED] }));"), 'src/thumb.mjs': ENV_BUCKET },
    },
    {
      name: 'CDK: same bucket, but the notification filters on a prefix the output lacks',
      files: { ...cdk('OUTPUT_BUCKET: uploads.bucketName', "uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: 'uploads/' });"), 'src/thumb.mjs': ENV_BUCKET },
    },
    {
      name: 'CDK: same bucket, S3EventSource with a suffix filter',
      files: { ...cdk('OUTPUT_BUCKET: uploads.bucketName', "fn.addEventSource(new S3EventSource(uploads, { events: [s3.EventType.OBJECT_CREATED], filters: [{ suffix: '.jpg' }] }));"), 'src/thumb.mjs': ENV_BUCKET },
    },
    {
      name: 'CDK: same bucket, but the notification is for removed objects',
      files: { ...cdk('OUTPUT_BUCKET: uploads.bucketName', 'uploads.addObjectRemovedNotification(new s3n.LambdaDestination(fn));'), 'src/thumb.mjs': ENV_BUCKET },
    },
    { name: "CDK: stack props, env var bound to another of the stack's buckets (props.thumbnails)", files: { ...cdkProps('props.thumbnails'), 'src/thumb.mjs': ENV_BUCKET } },
    {
      // `.bucket.name` names the bucket of an S3 record only for an S3 write: here it is a field of the message.
      name: 'CDK: an SQS consumer sending to the queue URL in its message (job.bucket.name) is no S3 record loop',
      files: {
        ...cdk('QUEUE_URL: jobs.queueUrl', 'fn.addEventSource(new SqsEventSource(jobs));'),
        'src/thumb.mjs': dedent`
          import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
          const sqs = new SQSClient({});
          export const handler = async (event) => {
            for (const record of event.Records) {
              const job = JSON.parse(record.body);
              await sqs.send(new SendMessageCommand({ QueueUrl: job.bucket.name, MessageBody: record.body }));
            }
          };
        `,
      },
    },
    { name: 'CDK: forwards to another queue', files: { ...cdk('QUEUE_URL: next.queueUrl', 'fn.addEventSource(new SqsEventSource(jobs));'), 'src/thumb.mjs': FORWARD } },
    {
      // Each call of a factory makes another queue, although both come from one `new`.
      name: 'CDK: triggered by one call of a queue factory, sends to the queue of another call',
      files: {
        ...cdk('STAGE: "prod"', "const makeQueue = (name: string) => new sqs.Queue(this, name);\nfn.addEventSource(new SqsEventSource(makeQueue('In')));\nfn.addEnvironment('QUEUE_URL', makeQueue('Out').queueUrl);"),
        'src/thumb.mjs': FORWARD,
      },
    },
    {
      // The loader follows neither `list[0]` to a queue: their text is no link, each block has its own `list`.
      name: 'CDK: trigger and env var written alike (list[0]) in two scopes that hold different queues',
      files: {
        ...cdk('STAGE: "prod"', "{\n  const list = [jobs];\n  fn.addEventSource(new SqsEventSource(list[0]));\n}\n{\n  const list = [next];\n  fn.addEnvironment('QUEUE_URL', list[0].queueUrl);\n}"),
        'src/thumb.mjs': FORWARD,
      },
    },
    {
      name: 'SAM: the code writes to a bucket named by an env var the function does not define',
      files: { 'template.yaml': sam().replace(/ {6}Environment:\n {8}Variables:\n {10}OUTPUT_BUCKET: !Ref Uploads\n/, ''), 'src/thumb.mjs': ENV_BUCKET },
    },
    {
      // The construct's real bucket name is generated: a literal equal to the variable's name is no link.
      name: 'CDK: an env var holding a literal string equal to the name of the trigger bucket variable',
      files: { ...cdk("OUTPUT_BUCKET: 'uploads'", NOTIFY_UPLOADS), 'src/thumb.mjs': ENV_BUCKET },
    },
    {
      // The guard may live in a module the handler imports: it still breaks the loop.
      name: 'SAM: the key guard is in a helper module the handler imports',
      files: {
        'template.yaml': sam(),
        'src/guard.mjs': "export const isOwnOutput = (key) => key.startsWith('thumbnails/');\n",
        'src/thumb.mjs': GUARDED.replace("const s3 = new S3Client({});", "import { isOwnOutput } from './guard.mjs';\nconst s3 = new S3Client({});").replace("key.startsWith('thumbnails/')", 'isOwnOutput(key)'),
      },
    },
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
      name: 'SAM: an event list with removal and creation still creates objects',
      files: { 'template.yaml': sam([], '!Ref Uploads', "['s3:ObjectRemoved:*', 's3:ObjectCreated:*']"), 'src/thumb.mjs': SAME_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand' }],
    },
    {
      // A module's outputs: the queue is named by the module call, whichever output is read.
      name: 'Terraform: trigger and env var both from one module call (module.queue)',
      files: {
        'main.tf': terraform('module.queue.queue_url').replace('aws_sqs_queue.jobs.arn', 'module.queue.queue_arn').replace('resource "aws_sqs_queue" "jobs" {}', 'module "queue" {\n  source = "./queue"\n}'),
        'queue/main.tf': 'resource "aws_sqs_queue" "this" {}\noutput "queue_arn" { value = aws_sqs_queue.this.arn }\noutput "queue_url" { value = aws_sqs_queue.this.url }\n',
        'src/fwd.mjs': FORWARD,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/fwd.mjs', line: 'new SendMessageCommand', messageIncludes: ['(QUEUE_URL = module.queue.queue_arn)'] }],
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
    {
      name: 'CDK: env var bound to the bucket whose notification invokes the function',
      files: { ...cdk('OUTPUT_BUCKET: uploads.bucketName', NOTIFY_UPLOADS), 'src/thumb.mjs': ENV_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand', functions: ['Thumb'], messageIncludes: ['OUTPUT_BUCKET = uploads'] }],
    },
    {
      // Another name for the same construct: linked by what the variables hold.
      name: 'CDK: S3EventSource on an alias of the bucket, env var set with addEnvironment',
      files: {
        ...cdk('STAGE: "prod"', "const source = uploads;\nfn.addEventSource(new S3EventSource(source, { events: [s3.EventType.OBJECT_CREATED_PUT] }));\nfn.addEnvironment('OUTPUT_BUCKET', uploads.bucketName);"),
        'src/thumb.mjs': ENV_BUCKET,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand' }],
    },
    {
      name: 'CDK: stack props, the same prop (props.uploads) behind the notification and the env var',
      files: { ...cdkProps('props.uploads'), 'src/thumb.mjs': ENV_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PutObjectCommand', messageIncludes: ['OUTPUT_BUCKET = props.uploads'] }],
    },
    {
      name: 'CDK: SqsEventSource on the queue the code sends to',
      files: { ...cdk('QUEUE_URL: jobs.queueUrl', 'fn.addEventSource(new SqsEventSource(jobs));'), 'src/thumb.mjs': FORWARD },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new SendMessageCommand', messageIncludes: ['SQS queue'] }],
    },
    {
      name: 'CDK: a variable that holds one of two queues, read by the trigger and the env var',
      files: { ...cdk('QUEUE_URL: queue.queueUrl', 'const queue = process.env.BLUE ? jobs : next;\nfn.addEventSource(new SqsEventSource(queue));'), 'src/thumb.mjs': FORWARD },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new SendMessageCommand', messageIncludes: ['(QUEUE_URL = queue)'] }],
    },
    {
      name: 'CDK: one call of a queue factory held in a variable, read by the trigger and the env var',
      files: {
        ...cdk('STAGE: "prod"', "const makeQueue = (name: string) => new sqs.Queue(this, name);\nconst work = makeQueue('Work');\nfn.addEventSource(new SqsEventSource(work));\nfn.addEnvironment('QUEUE_URL', work.queueUrl);"),
        'src/thumb.mjs': FORWARD,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new SendMessageCommand', messageIncludes: ['(QUEUE_URL = work)'] }],
    },
    {
      name: 'CDK: LambdaSubscription on the topic the code publishes to',
      files: { ...cdk('TOPIC_ARN: events.topicArn', 'events.addSubscription(new subs.LambdaSubscription(fn));'), 'src/thumb.mjs': REPUBLISH },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.mjs', line: 'new PublishCommand', messageIncludes: ['SNS topic'] }],
    },
  ],
});

// Python: the same rule over boto3 writes (client methods, transfer methods and resources).

/** Writes the thumbnail back into the bucket of the event record (client, keyword). */
const PY_SAME_BUCKET = dedent`
  import boto3
  s3 = boto3.client("s3")

  def handler(event, context):
      for record in event["Records"]:
          bucket = record["s3"]["bucket"]["name"]
          s3.put_object(Bucket=bucket, Key="thumb-" + record["s3"]["object"]["key"], Body=b"x")
`;

/** Uploads to the bucket named by an env var (transfer method, positional bucket). */
const PY_ENV_BUCKET = dedent`
  import os
  import boto3
  s3 = boto3.client("s3")

  def handler(event, context):
      for record in event["Records"]:
          s3.upload_file("/tmp/out.png", os.environ["OUTPUT_BUCKET"], record["s3"]["object"]["key"])
`;

/** Resources: the bucket given to the constructor, from a module-level name and from the event record. */
const PY_RESOURCES = dedent`
  import os
  import boto3
  s3 = boto3.resource("s3")
  OUTPUT = os.environ["OUTPUT_BUCKET"]

  def handler(event, context):
      record = event["Records"][0]
      s3.Object(OUTPUT, "thumb.png").put(Body=b"x")
      target = s3.Bucket(record["s3"]["bucket"]["name"])
      target.put_object(Key="thumb.png", Body=b"x")
`;

/** Skips its own output: the guard breaks the loop. */
const PY_GUARDED = dedent`
  import boto3
  s3 = boto3.client("s3")

  def handler(event, context):
      for record in event["Records"]:
          key = record["s3"]["object"]["key"]
          if key.startswith("thumbnails/"):
              continue
          s3.put_object(Bucket=record["s3"]["bucket"]["name"], Key="thumbnails/" + key, Body=b"x")
`;

/** Reads from the bucket of the event and writes elsewhere (a literal bucket): no loop the rule can see. */
/** A membership test on the key is a guard too; one on the event is not. */
const PY_MEMBERSHIP_GUARD = PY_SAME_BUCKET.replace('        bucket =', '        if "thumb-" in record["s3"]["object"]["key"]:\n            continue\n        bucket =');
const PY_EVENT_CHECK = PY_SAME_BUCKET.replace('    for record', '    if "Records" not in event:\n        return\n    for record');

const PY_OTHER_BUCKET = dedent`
  import boto3
  s3 = boto3.client("s3")

  def handler(event, context):
      for record in event["Records"]:
          body = s3.get_object(Bucket=record["s3"]["bucket"]["name"], Key=record["s3"]["object"]["key"])["Body"].read()
          s3.put_object(Bucket="thumbnails-bucket", Key="x", Body=body)
`;

const PY_FORWARD = dedent`
  import os
  import boto3
  sqs = boto3.client("sqs")
  QUEUE_URL = os.getenv("QUEUE_URL")

  def handler(event, context):
      for record in event["Records"]:
          sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=record["body"])
`;

const PY_REPUBLISH = dedent`
  import os
  import boto3
  sns = boto3.resource("sns")

  def handler(event, context):
      for record in event["Records"]:
          sns.Topic(os.environ["TOPIC_ARN"]).publish(Message=record["Sns"]["Message"])
`;

/** A producer (API) and the consumer of its queue in one module, as serverless' sqs-worker example has them. */
const PY_PRODUCER_CONSUMER = dedent`
  import os
  import boto3
  sqs = boto3.client("sqs")
  QUEUE_URL = os.getenv("QUEUE_URL")

  def producer(event, context):
      sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=event["body"])
      return {"statusCode": 202}

  def consumer(event, context):
      for record in event["Records"]:
          print(record["body"])
`;

/** A consumer that hands each record to the producer handler of api.py. */
const PY_CONSUMER_CALLS_PRODUCER = 'from api import producer\n\ndef consumer(event, context):\n    for record in event["Records"]:\n        producer({"body": record["body"]}, context)\n';

/** The producer handler: sends the request body to the queue named by QUEUE_URL (line 6). */
const PY_API_PRODUCER = dedent`
  import os
  import boto3
  sqs = boto3.client("sqs")

  def producer(event, context):
      sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=event["body"])
      return {"statusCode": 202}
`;

const pyWorkerSam = (): string =>
  samTemplate([
    'Globals:',
    '  Function:',
    '    Runtime: python3.12',
    '    CodeUri: src/',
    '    Environment:',
    '      Variables:',
    '        QUEUE_URL: !Ref Jobs',
    'Resources:',
    '  Jobs:',
    '    Type: AWS::SQS::Queue',
    '  Producer:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: worker.producer',
    '      Events:',
    '        Api:',
    '          Type: HttpApi',
    '  Consumer:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: worker.consumer',
    '      Events:',
    '        Jobs:',
    '          Type: SQS',
    '          Properties:',
    '            Queue: !GetAtt Jobs.Arn',
  ]);

const pySam = (filter: string[] = [], outputBucket = '!Ref Uploads'): string =>
  sam(filter, outputBucket).replace('Runtime: nodejs22.x', 'Runtime: python3.12');

const pySnsSam = (topic: string): string =>
  samTemplate([
    'Resources:',
    '  Orders:',
    '    Type: AWS::SNS::Topic',
    '  Audit:',
    '    Type: AWS::SNS::Topic',
    '  Republish:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: python3.12',
    '      CodeUri: src/',
    '      Handler: republish.handler',
    '      Environment:',
    '        Variables:',
    `          TOPIC_ARN: ${topic}`,
    '      Events:',
    '        Orders:',
    '          Type: SNS',
    '          Properties:',
    '            Topic: !Ref Orders',
  ]);

runCrossRuleCases('no-recursive-trigger', {
  valid: [
    { name: 'Python, SAM: same bucket, but the trigger filters on a prefix the output lacks', files: { 'template.yaml': pySam(SAM_FILTER), 'src/thumb.py': PY_SAME_BUCKET } },
    { name: 'Python, SAM: env var bound to another bucket', files: { 'template.yaml': pySam([], '!Ref Thumbnails'), 'src/thumb.py': PY_ENV_BUCKET } },
    { name: 'Python, SAM: the code skips its own output (key.startswith guard)', files: { 'template.yaml': pySam(), 'src/thumb.py': PY_GUARDED } },
    { name: 'Python, SAM: the code skips its own output ("thumb-" in key)', files: { 'template.yaml': pySam(), 'src/thumb.py': PY_MEMBERSHIP_GUARD } },
    { name: 'Python, SAM: reads the event bucket, writes a literal other bucket', files: { 'template.yaml': pySam(), 'src/thumb.py': PY_OTHER_BUCKET } },
    { name: 'Python, Terraform: forwards to another queue', files: { 'main.tf': terraform('aws_sqs_queue.next.url').replace('nodejs22.x', 'python3.12'), 'src/fwd.py': PY_FORWARD } },
    { name: 'Python, SAM: the producer sends to the queue its neighbour in the module consumes', files: { 'template.yaml': pyWorkerSam(), 'src/worker.py': PY_PRODUCER_CONSUMER } },
    { name: 'Python, SAM: republishes to another topic', files: { 'template.yaml': pySnsSam('!Ref Audit'), 'src/republish.py': PY_REPUBLISH } },
  ],
  invalid: [
    {
      name: 'Python, SAM: put_object to the bucket of the event record',
      files: { 'template.yaml': pySam(), 'src/thumb.py': PY_SAME_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.py', line: 's3.put_object', functions: ['ThumbnailFunction'], messageIncludes: ['S3 bucket', 'event record'] }],
    },
    {
      name: 'Python, SAM: a check of the event ("Records" in event) is no guard of the key',
      files: { 'template.yaml': pySam(), 'src/thumb.py': PY_EVENT_CHECK },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.py', line: 's3.put_object' }],
    },
    {
      name: 'Python, SAM: upload_file to an env var bound to the triggering bucket',
      files: { 'template.yaml': pySam(), 'src/thumb.py': PY_ENV_BUCKET },
      errors: [{ messageId: 'recursiveWrite', file: 'src/thumb.py', line: 's3.upload_file', messageIncludes: ['OUTPUT_BUCKET = Uploads'] }],
    },
    {
      name: 'Python, SAM: resources (Object(...).put, Bucket(...).put_object)',
      files: { 'template.yaml': pySam(), 'src/thumb.py': PY_RESOURCES },
      errors: [
        { messageId: 'recursiveWrite', file: 'src/thumb.py', line: 's3.Object(OUTPUT', messageIncludes: ['OUTPUT_BUCKET = Uploads'] },
        { messageId: 'recursiveWrite', file: 'src/thumb.py', line: 'target.put_object', messageIncludes: ['event record'] },
      ],
    },
    {
      name: 'Python, serverless: S3 event on the bucket the code writes to',
      files: {
        'serverless.yml': ['service: thumbs', 'provider:', '  name: aws', '  runtime: python3.12', 'functions:', '  thumb:', '    handler: thumb.handler', '    events:', '      - s3:', '          bucket: uploads', '          event: s3:ObjectCreated:*', ''].join('\n'),
        'thumb.py': PY_SAME_BUCKET,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'thumb.py', line: 's3.put_object' }],
    },
    {
      name: 'Python, Terraform: SQS consumer sending to its own queue',
      files: { 'main.tf': terraform('aws_sqs_queue.jobs.url').replace('nodejs22.x', 'python3.12'), 'src/fwd.py': PY_FORWARD },
      errors: [{ messageId: 'recursiveWrite', file: 'src/fwd.py', line: 'sqs.send_message', messageIncludes: ['SQS queue'] }],
    },
    {
      name: 'Python, SAM: the consumer itself sends back to its queue (its neighbour the producer too)',
      files: {
        'template.yaml': pyWorkerSam(),
        'src/worker.py': PY_PRODUCER_CONSUMER.replace('print(record["body"])', 'sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=record["body"])'),
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/worker.py', line: 12, functions: ['Consumer'] }],
    },
    {
      // The write's handler list names the handlers of its own module (the producer), not the consumer importing it.
      name: "Python, SAM: the consumer sends back to its queue through the producer module's helper",
      files: {
        'template.yaml': pyWorkerSam().replace('Handler: worker.producer', 'Handler: api.producer'),
        'src/worker.py': 'from api import requeue\n\ndef consumer(event, context):\n    for record in event["Records"]:\n        requeue(record["body"])\n',
        'src/api.py': dedent`
          import os
          import boto3
          sqs = boto3.client("sqs")

          def requeue(body):
              sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=body)

          def producer(event, context):
              requeue(event["body"])
              return {"statusCode": 202}
        `,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/api.py', line: 6, functions: ['Consumer'] }],
    },
    {
      // In api.py the write belongs to the producer handler; run from the consumer's module it still loops.
      name: "Python, SAM: the consumer calls the producer handler of another module, which sends to the consumer's queue",
      files: {
        'template.yaml': pyWorkerSam().replace('Handler: worker.producer', 'Handler: api.producer'),
        'src/worker.py': PY_CONSUMER_CALLS_PRODUCER,
        'src/api.py': PY_API_PRODUCER,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/api.py', line: 6, functions: ['Consumer'] }],
    },
    {
      // api.py has two handlers, so its write is tied to the producer; the consumer still runs it.
      name: "Python, SAM: the consumer calls the producer handler of a module with two handlers, which sends to the consumer's queue",
      files: {
        'template.yaml': pyWorkerSam()
          .replace('Handler: worker.producer', 'Handler: api.producer')
          .replace('  Consumer:', '  Status:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: api.status\n  Consumer:'),
        'src/worker.py': PY_CONSUMER_CALLS_PRODUCER,
        'src/api.py': `${PY_API_PRODUCER}\ndef status(event, context):\n    return {"statusCode": 200}\n`,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/api.py', line: 6, functions: ['Consumer'] }],
    },
    {
      name: 'Terraform, Python: trigger and env var both read a data source queue',
      files: {
        'main.tf': terraform('data.aws_sqs_queue.jobs.url').replace('aws_sqs_queue.jobs.arn', 'data.aws_sqs_queue.jobs.arn').replace('resource "aws_sqs_queue" "jobs" {}', 'data "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}').replace('nodejs22.x', 'python3.12'),
        'src/fwd.py': PY_FORWARD,
      },
      errors: [{ messageId: 'recursiveWrite', file: 'src/fwd.py', line: 'sqs.send_message', messageIncludes: ['(QUEUE_URL = data.aws_sqs_queue.jobs.arn)'] }],
    },
    {
      name: 'Python, SAM: SNS subscriber republishing to its own topic',
      files: { 'template.yaml': pySnsSam('!Ref Orders'), 'src/republish.py': PY_REPUBLISH },
      errors: [{ messageId: 'recursiveWrite', file: 'src/republish.py', line: 'sns.Topic(', messageIncludes: ['SNS topic', 'TOPIC_ARN = Orders'] }],
    },
  ],
});

describe('no-recursive-trigger (Python writes and guards)', () => {
  const writesOf = async (code: string) => {
    const parser = await loadPythonParser();
    const parsed = parsePython(parser, code);
    if (!parsed || parsed.error) throw new Error('snippet does not parse');
    try {
      const root = parsed.tree.rootNode;
      const { writes, testsKeys } = pythonServiceWrites(root, importBindings(root));
      return { writes: writes.map((w) => `${w.loc.line} ${w.service} ${w.target.kind === 'env' ? w.target.name : 'event-bucket'}`), testsKeys };
    } finally {
      parsed.tree.delete();
    }
  };

  it('finds client, transfer and resource writes whose target is an env var or the event bucket', async () => {
    const code = `import os, shutil
import boto3
s3 = boto3.client("s3")
BUCKET = os.environ["OUT"]

def handler(event, context):
    record = event["Records"][0]
    s3.upload_fileobj(fileobj, Bucket=BUCKET, Key="a")
    s3.copy({"Bucket": "src", "Key": "a"}, record["s3"]["bucket"].get("name"), "b")
    shutil.copy("/tmp/a", os.environ["OUT"])
    s3.copy_object(Bucket=os.environ.get("OUT") or "fallback", Key="b", CopySource="x")
    boto3.resource("sqs").Queue(os.environ["QUEUE_URL"]).send_message(MessageBody="x")
    boto3.client("sns").publish_batch(TopicArn=os.getenv("TOPIC"), PublishBatchRequestEntries=[])
    mqtt.publish("topic", payload)
    s3.put_object(Bucket="literal", Key="c", Body=b"")
    s3.put_object(Bucket=compute_bucket(), Key="c", Body=b"")
`;
    expect(await writesOf(code)).toEqual({
      writes: ['8 s3 OUT', '9 s3 event-bucket', '11 s3 OUT', '12 sqs QUEUE_URL', '13 sns TOPIC'],
      testsKeys: false,
    });
  });

  it('takes key and name tests as guards, not a check of the event', async () => {
    for (const guard of ['key.endswith(".png")', 're.match(r"^thumb", key)', 'fnmatch.fnmatch(key, "*.png")', 'ext not in (".jpg", ".png")', '"thumb-" in object_key']) {
      expect((await writesOf(`def handler(event, context):\n    if ${guard}:\n        return\n`)).testsKeys, guard).toBe(true);
    }
    expect((await writesOf(`def handler(event, context):\n    if "Records" not in event:\n        return\n`)).testsKeys).toBe(false);
  });
});
