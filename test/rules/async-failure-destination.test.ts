import rule from '../../rules/async-failure-destination.js';
import { lambda, project, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

const dlq = val('arn:aws:sqs:eu-west-1:123456789012:dlq', 18);
const onFailure = val('arn:aws:sqs:eu-west-1:123456789012:failed', 19);

testConfigRule(rule, {
  valid: [
    // bridgecrewio/checkov#2194: a DLQ does nothing for synchronous invocations.
    { name: 'HTTP API only (checkov CKV_AWS_116 false positive)', model: [lambda('Api', { line: 10, triggers: [trigger('http-api', 20), trigger('http-api', 25)] })] },
    { name: 'REST API, ALB, function URL, AppSync, Cognito: all synchronous', model: [lambda('Sync', { line: 10, triggers: [trigger('rest-api', 20), trigger('alb', 22), trigger('function-url', 24), trigger('appsync', 26), trigger('cognito', 28)] })] },
    { name: 'SQS: the DLQ belongs on the queue redrive policy', model: [lambda('Worker', { line: 10, triggers: [trigger('sqs', 20)] })] },
    { name: 'no triggers', model: [lambda('Tool', { line: 10 })] },
    { name: 'S3 with a DeadLetterQueue', model: [lambda('Thumbs', { line: 10, triggers: [trigger('s3', 20)], deadLetter: dlq })] },
    { name: 'SNS with an on-failure destination', model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20)], onFailureDestination: onFailure })] },
    { name: 'EventBridge with a destination given as a reference', model: [lambda('OnEvent', { line: 10, triggers: [trigger('eventbridge', 20)], onFailureDestination: val<string>(ref('!GetAtt FailedQueue.Arn', 'cfn-getatt'), 19) })] },
    { name: 'Kinesis mapping with OnFailure', model: [lambda('Reader', { line: 10, triggers: [trigger('kinesis', 20, { onFailure: val('arn:aws:sqs:eu-west-1:123456789012:kfail', 24) })] })] },
    { name: 'DynamoDB stream mapping with OnFailure', model: [lambda('Projector', { line: 10, triggers: [trigger('dynamodb-stream', 20, { onFailure: val('arn:aws:sns:eu-west-1:123456789012:dfail', 24) })] })] },
    {
      name: 'mappings of functions outside the analysed configs: a stream with OnFailure, and an SQS mapping',
      model: project({
        functions: [],
        detachedTriggers: [
          { functionRef: 'reader', format: 'cloudformation', trigger: trigger('kinesis', 4, { onFailure: val('arn:aws:sqs:eu-west-1:123456789012:kfail', 6) }) },
          { functionRef: 'worker', format: 'cloudformation', trigger: trigger('sqs', 12) },
        ],
      }),
    },
    { name: 'function suppresses the rule', model: [lambda('Thumbs', { line: 10, triggers: [trigger('s3', 20)], ignoredRules: [{ rule: 'async-failure-destination', reason: 'idempotent re-upload', loc: val('x', 11).loc }] })] },
  ],
  invalid: [
    {
      name: 'stream mapping of a function outside the analysed configs (serverless-rules ES1001 es1001-missing): the mapping is ours',
      model: project({ functions: [], detachedTriggers: [{ functionRef: 'my-function', format: 'cloudformation', trigger: trigger('dynamodb-stream', 4) }] }),
      findings: [{ messageId: 'streamWithoutOnFailure', at: 'template.yaml:4', functions: [], includes: ['my-function'] }],
    },
    {
      name: 'S3 trigger without DLQ or destination: reported at the function',
      severity: 'warn',
      model: [lambda('Thumbs', { line: 10, triggers: [trigger('s3', 20)] })],
      findings: [{ messageId: 'asyncWithoutDestination', at: 'template.yaml:10', severity: 'warning', functions: ['Thumbs'], includes: ['Thumbs (S3, async) has no DLQ'] }],
    },
    { name: 'SNS', model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20)] })], findings: [{ messageId: 'asyncWithoutDestination', at: 'template.yaml:10', includes: ['SNS'] }] },
    {
      name: 'S3 and SNS triggers: one finding naming both, and the Kinesis mapping on its own',
      model: [lambda('Fan', { line: 10, triggers: [trigger('s3', 20), trigger('sns', 22), trigger('kinesis', 24)] })],
      findings: [
        { messageId: 'asyncWithoutDestination', at: 'template.yaml:10', functions: ['Fan'], includes: ['Fan (S3 and SNS, async)'] },
        { messageId: 'streamWithoutOnFailure', at: 'template.yaml:24', column: 9, functions: ['Fan'], includes: ['The Kinesis stream mapping of Fan'] },
      ],
    },
    { name: 'EventBridge rule', model: [lambda('OnEvent', { line: 10, triggers: [trigger('eventbridge', 20)] })], findings: [{ messageId: 'asyncWithoutDestination', at: 'template.yaml:10', includes: ['EventBridge'] }] },
    {
      name: 'serverless schedule',
      model: [lambda('nightly', { line: 30, file: 'serverless.yml', format: 'serverless', triggers: [trigger('schedule', 33, {}, 'serverless.yml')] })],
      findings: [{ messageId: 'asyncWithoutDestination', at: 'serverless.yml:30', includes: ['schedule'] }],
    },
    { name: 'IoT rule', model: [lambda('Telemetry', { line: 10, triggers: [trigger('iot', 20)] })], findings: [{ messageId: 'asyncWithoutDestination', at: 'template.yaml:10', includes: ['IoT rule'] }] },
    {
      name: 'HTTP and S3 triggers: the S3 events can still be lost',
      model: [lambda('Mixed', { line: 10, triggers: [trigger('http-api', 20), trigger('s3', 25), trigger('sns', 28)] })],
      findings: [{ messageId: 'asyncWithoutDestination', at: 'template.yaml:10', includes: ['S3 and SNS'] }],
    },
    {
      name: 'Kinesis mapping without OnFailure: reported at the mapping',
      model: [lambda('Reader', { line: 10, triggers: [trigger('kinesis', 20)] })],
      findings: [{ messageId: 'streamWithoutOnFailure', at: 'template.yaml:20', includes: ['Kinesis stream'] }],
    },
    {
      name: 'DynamoDB stream mapping: the function DLQ does not cover mappings',
      model: [lambda('Projector', { line: 10, triggers: [trigger('dynamodb-stream', 20)], deadLetter: dlq, onFailureDestination: onFailure })],
      findings: [{ messageId: 'streamWithoutOnFailure', at: 'template.yaml:20', includes: ['DynamoDB stream'] }],
    },
    {
      name: 'Terraform: S3 notification and a Kinesis mapping, neither handled',
      model: [
        lambda('aws_lambda_function.ingest', {
          line: 1,
          file: 'main.tf',
          format: 'terraform',
          triggers: [trigger('s3', 40, {}, 'main.tf'), trigger('kinesis', 60, {}, 'main.tf')],
        }),
      ],
      findings: [
        { messageId: 'asyncWithoutDestination', at: 'main.tf:1' },
        { messageId: 'streamWithoutOnFailure', at: 'main.tf:60' },
      ],
    },
  ],
});
