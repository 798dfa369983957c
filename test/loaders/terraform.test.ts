import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, directoryHost, fn } from './host.js';
import { groupTerraformFiles, loadTerraformModule, MAX_TERRAFORM_FILE_BYTES } from '../../src/loaders/terraform.js';
import { locateHcl, entry, findBlock } from '../../src/loaders/terraform/locator.js';
import type { LoaderHost } from '../../src/loaders/types.js';
import { isReference, type LoadDiagnostic } from '../../src/model/index.js';

function memoryHost(files: Record<string, string>): LoaderHost {
  return {
    readFile: (p) => files[p],
    fileExists: (p) => p in files,
    listDir: (p) => Object.keys(files).filter((f) => f.startsWith(`${p}/`)).sort(),
  };
}

/** Loads `files` (path -> HCL) as one module in `dir`. */
async function load(files: Record<string, string>, dir = 'infra') {
  return loadTerraformModule(dir, Object.keys(files), memoryHost(files));
}

const at = (line: number, column: number, file = 'infra/main.tf') => ({ file, line, column });

describe('terraform loader: fixtures/terraform-app', () => {
  const files = readdirSync(join(FIXTURES, 'terraform-app')).filter((f) => f.endsWith('.tf')).map((f) => `terraform-app/${f}`);
  const loaded = loadTerraformModule('terraform-app', files, directoryHost(FIXTURES));
  const F = 'terraform-app/functions.tf';
  const T = 'terraform-app/thumbnail.tf';

  it('finds every function in source order, with no diagnostics', async () => {
    const r = await loaded;
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.id)).toEqual([
      `${F}#aws_lambda_function.orders`,
      `${F}#aws_lambda_function.export`,
      `${F}#aws_lambda_function.ingest`,
      `${F}#aws_lambda_function.webhook`,
      `${F}#aws_lambda_function.reports`,
      `${T}#module.thumbnail`,
    ]);
    expect(r.functions.every((f) => f.format === 'terraform')).toBe(true);
  });

  it('clean function: locals, var defaults, archive_file code dir, env references, log group, REST integration', async () => {
    const orders = fn((await loaded).functions, 'aws_lambda_function.orders');
    expect(orders.source).toEqual({ file: F, line: 8, column: 1 });
    expect(orders.runtime).toEqual({ value: 'nodejs22.x', loc: { file: F, line: 12, column: 3 } });
    expect(orders.timeout).toEqual({ value: 10, loc: { file: F, line: 13, column: 3 } });
    expect(orders.memorySize).toEqual({ value: 512, loc: { file: F, line: 14, column: 3 } });
    expect(orders.architecture).toEqual({ value: 'arm64', loc: { file: F, line: 15, column: 23 } });
    expect(orders.handler?.value).toBe('index.handler');
    expect(orders.code).toEqual({ kind: 'dir', path: { value: 'terraform-app/src/orders', loc: { file: F, line: 4, column: 3 } } });
    expect(orders.environmentLoc).toEqual({ file: F, line: 19, column: 3 });
    expect(orders.environment).toEqual({
      TABLE_NAME: { value: { kind: 'reference', text: 'aws_dynamodb_table.orders.name', refType: 'tf-expression' }, loc: { file: F, line: 21, column: 7 } },
      PAYMENT_API_KEY: { value: { kind: 'reference', text: 'var.payment_api_key', refType: 'tf-variable' }, loc: { file: F, line: 22, column: 7 } },
      LOG_LEVEL: { value: 'info', loc: { file: F, line: 23, column: 7 } },
    });
    expect(orders.tracing).toEqual({ value: 'Active', loc: { file: F, line: 28, column: 5 } });
    expect(orders.logRetentionDays).toEqual({ value: 14, loc: { file: F, line: 34, column: 3 } });
    expect(orders.triggers).toEqual([
      { kind: 'rest-api', loc: { file: F, line: 41, column: 1 }, integrationTimeoutMs: { value: 29000, loc: { file: F, line: 48, column: 3 } } },
    ]);
  });

  it('broken: 900 s behind an HTTP API', async () => {
    const exp = fn((await loaded).functions, 'aws_lambda_function.export');
    expect(exp.timeout).toEqual({ value: 900, loc: { file: F, line: 57, column: 3 } });
    expect(exp.triggers).toEqual([{ kind: 'http-api', loc: { file: F, line: 67, column: 1 } }]);
    expect(exp.code).toEqual({ kind: 'zip', path: { value: 'terraform-app/build/export.zip', loc: { file: F, line: 59, column: 3 } } });
  });

  it('broken: SQS queue with the default visibility, linked to the 60 s function', async () => {
    const r = await loaded;
    const ingest = fn(r.functions, 'aws_lambda_function.ingest');
    expect(ingest.timeout).toEqual({ value: 60, loc: { file: F, line: 84, column: 3 } });
    expect(ingest.triggers).toEqual([
      {
        kind: 'sqs',
        loc: { file: F, line: 89, column: 1 },
        source: { ref: 'aws_sqs_queue.ingest.arn', queueId: `${F}#aws_sqs_queue.ingest` },
        batchSize: { value: 10, loc: { file: F, line: 92, column: 3 } },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: { file: F, line: 93, column: 3 } },
      },
    ]);
    expect(r.queues.find((q) => q.id === `${F}#aws_sqs_queue.ingest`)).toEqual({
      id: `${F}#aws_sqs_queue.ingest`,
      name: 'aws_sqs_queue.ingest',
      source: { file: F, line: 75, column: 1 },
      visibilityTimeout: { value: 30, loc: { file: F, line: 75, column: 1 }, isDefault: true },
    });
  });

  it('broken: deprecated runtime, plaintext API key, public function URL, defaults at the definition', async () => {
    const webhook = fn((await loaded).functions, 'aws_lambda_function.webhook');
    expect(webhook.runtime).toEqual({ value: 'nodejs16.x', loc: { file: F, line: 101, column: 3 } });
    expect(webhook.environment.API_KEY).toEqual({ value: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', loc: { file: F, line: 106, column: 7 } });
    expect(webhook.functionUrls).toEqual([{ authType: { value: 'NONE', loc: { file: F, line: 114, column: 3 } }, loc: { file: F, line: 112, column: 1 } }]);
    expect(webhook.triggers).toEqual([{ kind: 'function-url', loc: { file: F, line: 112, column: 1 } }]);
    expect(webhook.timeout).toEqual({ value: 3, loc: { file: F, line: 97, column: 1 }, isDefault: true });
    expect(webhook.memorySize).toEqual({ value: 128, loc: { file: F, line: 97, column: 1 }, isDefault: true });
  });

  it('broken: S3 trigger without DLQ or retention (permission deduplicated against the notification)', async () => {
    const reports = fn((await loaded).functions, 'aws_lambda_function.reports');
    expect(reports.triggers).toEqual([
      { kind: 's3', loc: { file: F, line: 143, column: 3 }, source: { ref: 'aws_s3_bucket.uploads.id' }, s3Events: ['s3:ObjectCreated:*'] },
    ]);
    expect(reports.deadLetter).toBeUndefined();
    expect(reports.onFailureDestination).toBeUndefined();
    expect(reports.logRetentionDays).toBeUndefined();
  });

  it('registry module call: inputs, source_path, event_source_mapping map, retention', async () => {
    const r = await loaded;
    const thumb = fn(r.functions, 'module.thumbnail');
    expect(thumb.source).toEqual({ file: T, line: 11, column: 1 });
    expect(thumb.timeout).toEqual({ value: 20, loc: { file: T, line: 18, column: 3 } });
    expect(thumb.memorySize).toEqual({ value: 1024, loc: { file: T, line: 19, column: 3 } });
    expect(thumb.code).toEqual({ kind: 'dir', path: { value: 'terraform-app/src/thumbnail', loc: { file: T, line: 20, column: 3 } } });
    expect(thumb.environment.BUCKET.loc).toEqual({ file: T, line: 23, column: 5 });
    expect(thumb.logRetentionDays).toEqual({ value: 30, loc: { file: T, line: 26, column: 3 } });
    expect(thumb.triggers).toEqual([
      {
        kind: 'sqs',
        loc: { file: T, line: 29, column: 5 },
        source: { ref: 'aws_sqs_queue.thumbnails.arn', queueId: `${T}#aws_sqs_queue.thumbnails` },
        batchSize: { value: 5, loc: { file: T, line: 31, column: 7 } },
        functionResponseTypes: { value: ['ReportBatchItemFailures'], loc: { file: T, line: 32, column: 7 } },
        onFailure: { value: { kind: 'reference', text: 'aws_sqs_queue.thumbnails_dlq.arn', refType: 'tf-expression' }, loc: { file: T, line: 33, column: 7 } },
      },
    ]);
    expect(r.queues.find((q) => q.name === 'aws_sqs_queue.thumbnails')?.visibilityTimeout).toEqual({ value: 120, loc: { file: T, line: 4, column: 3 } });
    expect(r.logGroups.map((g) => g.id)).toEqual([`${F}#aws_cloudwatch_log_group.orders`]);
  });
});

describe('terraform loader: aws_lambda_function mapping', () => {
  it('resolves var defaults, locals (chained, in templates) and keeps the rest as references', async () => {
    const r = await load({
      'infra/vars.tf': `variable "mem" {
  default = 256
}
variable "stage" {}
locals {
  base = "svc"
  name = "\${local.base}-api"
  t    = local.t2
  t2   = 45
}
`,
      'infra/main.tf': `resource "aws_lambda_function" "api" {
  function_name = local.name
  memory_size   = var.mem
  timeout       = local.t
  runtime       = var.stage == "prod" ? "nodejs22.x" : "nodejs20.x"
  handler       = "\${var.stage}.handler"
  layers        = [aws_lambda_layer_version.deps.arn, "arn:aws:lambda:eu-west-1:123456789012:layer:x:1"]
  reserved_concurrent_executions = -1
  environment {
    variables = {
      STAGE = var.stage
      NAME  = "\${local.name}-\${local.base}"
      UPPER = upper("x")
      COUNT = 3
    }
  }
}
`,
    });
    const api = fn(r.functions, 'aws_lambda_function.api');
    expect(api.memorySize).toEqual({ value: 256, loc: at(3, 3) });
    expect(api.timeout).toEqual({ value: 45, loc: at(4, 3) });
    expect(api.runtime).toEqual({ value: { kind: 'reference', text: 'var.stage == "prod" ? "nodejs22.x" : "nodejs20.x"', refType: 'tf-expression' }, loc: at(5, 3) });
    expect(api.handler).toEqual({ value: { kind: 'reference', text: '${var.stage}.handler', refType: 'tf-variable' }, loc: at(6, 3) });
    expect(api.layers).toEqual([
      { value: { kind: 'reference', text: 'aws_lambda_layer_version.deps.arn', refType: 'tf-expression' }, loc: at(7, 20) },
      { value: 'arn:aws:lambda:eu-west-1:123456789012:layer:x:1', loc: at(7, 55) },
    ]);
    expect(api.reservedConcurrency).toBeUndefined();
    expect(api.environment).toEqual({
      STAGE: { value: { kind: 'reference', text: 'var.stage', refType: 'tf-variable' }, loc: at(11, 7) },
      NAME: { value: 'svc-api-svc', loc: at(12, 7) },
      UPPER: { value: { kind: 'reference', text: 'upper("x")', refType: 'tf-expression' }, loc: at(13, 7) },
      COUNT: { value: '3', loc: at(14, 7) },
    });
  });

  it('reads dynamic blocks, dead_letter_config, tracing_config, logging_config and reserved concurrency', async () => {
    const r = await load({
      'infra/main.tf': `variable "env" {
  default = { A = "1" }
}
resource "aws_sqs_queue" "dlq" {}
resource "aws_cloudwatch_log_group" "custom" {
  name              = "custom-logs"
  retention_in_days = 90
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  reserved_concurrent_executions = 5
  dynamic "environment" {
    for_each = [1]
    content {
      variables = var.env
    }
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.custom.name
  }
}
`,
    });
    const worker = fn(r.functions, 'aws_lambda_function.worker');
    expect(worker.reservedConcurrency).toEqual({ value: 5, loc: at(11, 3) });
    expect(worker.environment).toEqual({ A: { value: '1', loc: at(15, 7) } });
    expect(worker.deadLetter).toEqual({ value: { kind: 'reference', text: 'aws_sqs_queue.dlq.arn', refType: 'tf-expression' }, loc: at(19, 5) });
    expect(worker.logRetentionDays).toEqual({ value: 90, loc: at(7, 3) });
  });

  it('code from source_file, s3 and images', async () => {
    const r = await load({
      'infra/main.tf': `data "archive_file" "one" {
  type        = "zip"
  source_file = "\${path.module}/../src/one/index.js"
  output_path = "one.zip"
}
resource "aws_lambda_function" "one" {
  filename = data.archive_file.one.output_path
}
resource "aws_lambda_function" "s3" {
  s3_bucket = "artifacts"
  s3_key    = "fn/two.zip"
}
resource "aws_lambda_function" "image" {
  package_type = "Image"
  image_uri    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"
}
`,
    });
    expect(fn(r.functions, 'aws_lambda_function.one').code).toEqual({ kind: 'dir', path: { value: 'src/one', loc: at(3, 3) } });
    expect(fn(r.functions, 'aws_lambda_function.s3').code).toEqual({ kind: 'zip', path: { value: 's3://artifacts/fn/two.zip', loc: at(11, 3) } });
    const image = fn(r.functions, 'aws_lambda_function.image');
    expect(image.packageType).toBe('Image');
    expect(image.code?.kind).toBe('image');
  });
});

describe('terraform loader: triggers and related resources', () => {
  it('maps stream event source mappings, on-failure destinations and async invoke config', async () => {
    const r = await load({
      'infra/main.tf': `resource "aws_lambda_function" "stream" {
  function_name = "stream-fn"
}
resource "aws_lambda_event_source_mapping" "ddb" {
  event_source_arn  = aws_dynamodb_table.t.stream_arn
  function_name     = aws_lambda_function.stream.arn
  starting_position = "LATEST"
  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.failed.arn
    }
  }
}
resource "aws_lambda_event_source_mapping" "kinesis" {
  event_source_arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"
  function_name    = "stream-fn"
}
resource "aws_lambda_event_source_mapping" "sqs" {
  event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:jobs"
  function_name    = "arn:aws:lambda:eu-west-1:123456789012:function:stream-fn"
}
resource "aws_lambda_function_event_invoke_config" "stream" {
  function_name = aws_lambda_function.stream.function_name
  destination_config {
    on_failure {
      destination = aws_sns_topic.alarms.arn
    }
  }
}
`,
    });
    const stream = fn(r.functions, 'aws_lambda_function.stream');
    expect(stream.triggers).toEqual([
      {
        kind: 'dynamodb-stream',
        loc: at(4, 1),
        source: { ref: 'aws_dynamodb_table.t.stream_arn' },
        onFailure: { value: { kind: 'reference', text: 'aws_sqs_queue.failed.arn', refType: 'tf-expression' }, loc: at(10, 7) },
      },
      { kind: 'kinesis', loc: at(14, 1), source: { ref: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks' } },
      { kind: 'sqs', loc: at(18, 1), source: { ref: 'arn:aws:sqs:eu-west-1:123456789012:jobs' } },
    ]);
    expect(stream.onFailureDestination).toEqual({ value: { kind: 'reference', text: 'aws_sns_topic.alarms.arn', refType: 'tf-expression' }, loc: at(26, 7) });
  });

  it('maps SNS, EventBridge, schedules, REST permissions, WebSocket and HTTP API integrations', async () => {
    const r = await load({
      'infra/main.tf': `resource "aws_lambda_function" "fn" {
  function_name = "fn"
}
resource "aws_sns_topic_subscription" "sub" {
  topic_arn = aws_sns_topic.t.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.fn.arn
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}
resource "aws_cloudwatch_event_rule" "orders" {
  event_pattern = jsonencode({ source = ["shop.orders"] })
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.fn.arn
}
resource "aws_cloudwatch_event_target" "orders" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_lambda_function.fn.arn
}
resource "aws_lambda_permission" "sns" {
  function_name = aws_lambda_function.fn.function_name
  principal     = "sns.amazonaws.com"
}
resource "aws_lambda_permission" "rest" {
  function_name = aws_lambda_function.fn.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "\${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}
resource "aws_apigatewayv2_api" "ws" {
  protocol_type = "WEBSOCKET"
}
resource "aws_apigatewayv2_integration" "ws" {
  api_id          = aws_apigatewayv2_api.ws.id
  integration_uri = aws_lambda_function.fn.invoke_arn
}
resource "aws_apigatewayv2_integration" "http" {
  api_id               = aws_apigatewayv2_api.other.id
  integration_uri      = aws_lambda_function.fn.invoke_arn
  timeout_milliseconds = 10000
}
resource "aws_api_gateway_integration" "async" {
  uri = aws_lambda_function.fn.invoke_arn
  request_parameters = {
    "integration.request.header.X-Amz-Invocation-Type" = "'Event'"
  }
}
`,
    });
    expect(fn(r.functions, 'aws_lambda_function.fn').triggers).toEqual([
      { kind: 'sns', loc: at(4, 1), source: { ref: 'aws_sns_topic.t.arn' }, deliveryDeadLetterKnown: true },
      { kind: 'schedule', loc: at(15, 1), deliveryDeadLetterKnown: true },
      { kind: 'eventbridge', loc: at(19, 1), deliveryDeadLetterKnown: true },
      { kind: 'other', loc: at(35, 1) },
      { kind: 'http-api', loc: at(39, 1), integrationTimeoutMs: { value: 10000, loc: at(42, 3) } },
      { kind: 'rest-api', loc: at(44, 1), asyncInvocation: true },
    ]);
  });

  it('adds permission-only triggers when nothing more specific names the same kind', async () => {
    const r = await load({
      'infra/main.tf': `resource "aws_lambda_function" "fn" {
  function_name = "fn"
}
resource "aws_lambda_permission" "rest" {
  function_name = aws_lambda_function.fn.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "\${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}
resource "aws_lambda_permission" "events" {
  function_name = "fn"
  principal     = "events.amazonaws.com"
}
resource "aws_lambda_permission" "unknown" {
  function_name = aws_lambda_function.fn.function_name
  principal     = "logs.amazonaws.com"
}
`,
    });
    expect(fn(r.functions, 'aws_lambda_function.fn').triggers).toEqual([
      { kind: 'rest-api', loc: at(4, 1) },
      { kind: 'eventbridge', loc: at(9, 1) },
    ]);
  });

  it('links log groups by literal /aws/lambda/<name>; retention 0 (never expire) is no retention', async () => {
    const r = await load({
      'infra/main.tf': `resource "aws_lambda_function" "a" {
  function_name = "svc-a"
}
resource "aws_lambda_function" "b" {
  function_name = "svc-b"
}
resource "aws_cloudwatch_log_group" "a" {
  name              = "/aws/lambda/svc-a"
  retention_in_days = 7
}
resource "aws_cloudwatch_log_group" "b" {
  name              = "/aws/lambda/\${aws_lambda_function.b.function_name}"
  retention_in_days = 0
}
`,
    });
    expect(fn(r.functions, 'aws_lambda_function.a').logRetentionDays).toEqual({ value: 7, loc: at(9, 3) });
    expect(fn(r.functions, 'aws_lambda_function.b').logRetentionDays).toBeUndefined();
    expect(r.logGroups.map((g) => [g.name, g.retentionDays?.value])).toEqual([
      ['aws_cloudwatch_log_group.a', 7],
      ['aws_cloudwatch_log_group.b', 0],
    ]);
  });
});

describe('terraform loader: terraform-aws-modules/lambda/aws calls', () => {
  it('detects registry, git and local (module examples) sources; skips layers and disabled calls', async () => {
    const r = await load({
      'infra/main.tf': `module "registry" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "a"
  handler       = "index.handler"
  runtime       = "python3.12"
}
module "git" {
  source        = "git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v8.1.0"
  function_name = "b"
}
module "example" {
  source         = "../../"
  function_name  = "c"
  create_package = false
  image_uri      = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/c:1"
  package_type   = "Image"
}
module "layer" {
  source       = "terraform-aws-modules/lambda/aws"
  create_layer = true
  layer_name   = "deps"
}
module "package_only" {
  source          = "../../"
  create_function = false
  runtime         = "python3.12"
}
module "disabled" {
  source        = "terraform-aws-modules/lambda/aws"
  create        = false
  function_name = "d"
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  name   = "x"
}
module "local_other" {
  source        = "./modules/thing"
  function_name = "not a lambda module call"
}
`,
    });
    expect(r.functions.map((f) => f.name)).toEqual(['module.registry', 'module.git', 'module.example']);
    const example = fn(r.functions, 'module.example');
    expect(example.packageType).toBe('Image');
    expect(example.code?.kind).toBe('image');
    const registry = fn(r.functions, 'module.registry');
    expect(registry.timeout).toEqual({ value: 3, loc: at(1, 1), isDefault: true });
    expect(registry.runtime).toEqual({ value: 'python3.12', loc: at(5, 3) });
  });

  it('maps URL (module default NONE), DLQ, async destination, allowed_triggers, source_path lists', async () => {
    const r = await load({
      'infra/main.tf': `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "fn"
  handler       = "app.handler"
  runtime       = "nodejs22.x"
  source_path = [
    {
      path     = "\${path.module}/src/app/index.mjs"
      commands = [":zip"]
    }
  ]
  create_lambda_function_url = true
  attach_dead_letter_policy  = true
  dead_letter_target_arn     = aws_sqs_queue.dlq.arn
  destination_on_failure     = aws_sns_topic.failures.arn
  tracing_mode               = "Active"
  architectures              = ["arm64"]
  allowed_triggers = {
    Nightly = {
      principal  = "events.amazonaws.com"
      source_arn = aws_cloudwatch_event_rule.nightly.arn
    }
    Api = {
      service    = "apigateway"
      source_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc/*/*/*"
    }
  }
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
}
`,
    });
    const m = fn(r.functions, 'module.fn');
    expect(m.code).toEqual({ kind: 'dir', path: { value: 'infra/src/app', loc: at(7, 5) } });
    expect(m.functionUrls).toEqual([{ authType: { value: 'NONE', loc: at(12, 3), isDefault: true }, loc: at(12, 3) }]);
    expect(m.deadLetter?.loc).toEqual(at(14, 3));
    expect(m.onFailureDestination?.loc).toEqual(at(15, 3));
    expect(m.tracing).toEqual({ value: 'Active', loc: at(16, 3) });
    expect(m.architecture).toEqual({ value: 'arm64', loc: at(17, 33) });
    expect(m.logRetentionDays).toBeUndefined();
    expect(m.triggers).toEqual([
      { kind: 'function-url', loc: at(12, 3) },
      { kind: 'schedule', loc: at(19, 5) },
      { kind: 'http', loc: at(23, 5) },
    ]);
  });

  it('module retention 0 means logs never expire; allowed_triggers record a permission only for a principal', async () => {
    const r = await load({
      'infra/main.tf': `module "fn" {
  source                            = "terraform-aws-modules/lambda/aws"
  function_name                     = "fn"
  handler                           = "app.handler"
  cloudwatch_logs_retention_in_days = 0
  allowed_triggers = {
    Nightly = {
      principal  = "events.amazonaws.com"
      source_arn = "arn:aws:events:eu-west-1:123456789012:rule/nightly"
    }
    Api = {
      service    = "apigateway"
      source_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc/*/*/*"
    }
  }
}
module "kept" {
  source                            = "terraform-aws-modules/lambda/aws"
  function_name                     = "kept"
  handler                           = "app.handler"
  cloudwatch_logs_retention_in_days = 14
}
`,
    });
    expect(fn(r.functions, 'module.fn').logRetentionDays).toBeUndefined();
    expect(fn(r.functions, 'module.kept').logRetentionDays).toEqual({ value: 14, loc: at(21, 3) });
    expect((r.permissions ?? []).map((p) => p.id)).toEqual(['infra/main.tf#module.fn.allowed_triggers.Nightly']);
  });

  it('links resources that reference a module function (module.x.lambda_function_*)', async () => {
    const r = await load({
      'infra/main.tf': `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "fn"
  handler       = "index.handler"
}
resource "aws_apigatewayv2_integration" "fn" {
  api_id          = aws_apigatewayv2_api.http.id
  integration_uri = module.fn.lambda_function_invoke_arn
}
`,
    });
    expect(fn(r.functions, 'module.fn').triggers).toEqual([{ kind: 'http-api', loc: at(6, 1) }]);
  });
});

describe('terraform loader: bad input', () => {
  it('malformed HCL: one parse-error with the line, the other files of the module still load', async () => {
    const r = await load({
      'infra/bad.tf': `resource "aws_lambda_function" "broken" {
  timeout =
}
`,
      'infra/main.tf': `resource "aws_lambda_function" "ok" {
  timeout = 5
}
`,
    });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', loc: { file: 'infra/bad.tf', line: 2, column: 12 } });
    expect(r.diagnostics[0].message).toMatch(/^Cannot parse Terraform file: Invalid expression/);
    expect(r.functions.map((f) => f.id)).toEqual(['infra/main.tf#aws_lambda_function.ok']);
  });

  it('unterminated block: parse-error at the block', async () => {
    const r = await load({ 'infra/main.tf': `resource "aws_lambda_function" "x" {\n  timeout = 5\n` });
    expect(r.functions).toEqual([]);
    expect(r.diagnostics).toEqual<LoadDiagnostic[]>([
      { ruleId: 'parse-error', message: expect.stringMatching(/Unclosed configuration block/) as unknown as string, loc: { file: 'infra/main.tf', line: 1, column: 36 } },
    ]);
  });

  it('binary, too large and unreadable files become diagnostics', async () => {
    const files: Record<string, string> = {
      'infra/bin.tf': 'abc\u0000def',
      'infra/huge.tf': `# ${'x'.repeat(MAX_TERRAFORM_FILE_BYTES)}\n`,
    };
    const host = memoryHost(files);
    const r = await loadTerraformModule('infra', ['infra/bin.tf', 'infra/huge.tf', 'infra/missing.tf'], host);
    expect(r.diagnostics.map((d) => [d.ruleId, d.loc.file, d.loc.line])).toEqual([
      ['parse-error', 'infra/bin.tf', 1],
      ['parse-error', 'infra/huge.tf', 1],
      ['parse-error', 'infra/missing.tf', 1],
    ]);
    expect(r.diagnostics[1].message).toMatch(/limit/);
  });

  it('local and variable cycles stay references (bounded), never hang', async () => {
    const r = await load({
      'infra/main.tf': `locals {
  a = local.b
  b = local.a
}
resource "aws_lambda_function" "x" {
  timeout = local.a
}
`,
    });
    expect(fn(r.functions, 'aws_lambda_function.x').timeout.value).toEqual({ kind: 'reference', text: 'local.a', refType: 'tf-expression' });
  });

  it('groups .tf files by directory', () => {
    expect([...groupTerraformFiles(['b/main.tf', 'a/x.tf', 'a/main.tf', 'a/README.md', 'main.tf'])]).toEqual([
      ['a', ['a/main.tf', 'a/x.tf']],
      ['b', ['b/main.tf']],
      ['.', ['main.tf']],
    ]);
  });
});

describe('terraform locator', () => {
  it('skips heredocs, strings with braces, comments and nested expressions', () => {
    const text = `# resource "fake" "x" {
resource "a" "b" {
  doc = <<-EOT
    { not = "a key" }
    EOT
  s = "\${ {k = "}"}.k }"
  /* } */
  obj = {
    "quoted-key" = 1
    inner = { deep = [1, { in_list = 2 }] }
  }
  after = 1
}
module "m" { x = 1 }
`;
    const body = locateHcl(text);
    const block = findBlock(body, 'resource', ['a', 'b'])!;
    expect(block.key).toEqual({ line: 2, column: 1 });
    expect(block.body!.entries.map((e) => [e.name, e.key.line])).toEqual([
      ['doc', 3],
      ['s', 6],
      ['obj', 8],
      ['after', 12],
    ]);
    const obj = entry(block.body, 'obj')!;
    expect(obj.body!.entries.map((e) => e.name)).toEqual(['quoted-key', 'inner']);
    const inner = entry(obj.body, 'inner')!;
    expect(entry(inner.body, 'deep')!.items![1].body!.entries[0]).toMatchObject({ name: 'in_list', key: { line: 10, column: 28 } });
    expect(findBlock(body, 'module', ['m'])!.body!.entries[0]).toMatchObject({ name: 'x', key: { line: 14, column: 14 } });
  });

  it('returns what it found on unterminated text', () => {
    const body = locateHcl('resource "a" "b" {\n  x = "unterminated\n  y = 2\n');
    expect(body.entries[0].name).toBe('resource');
    expect(body.entries[0].body!.entries.map((e) => e.name)).toEqual(['x', 'y']);
  });
});

describe('terraform loader: local module calls and registry wrappers', () => {
  const MODULE = {
    'infra/modules/fn/variables.tf': [
      'variable "name" { type = string }', // 1
      'variable "handler" { type = string }', // 2
      'variable "source_dir" { type = string }', // 3
      'variable "runtime" {', // 4
      '  default = "nodejs22.x"', // 5
      '}', // 6
      'variable "timeout" { default = 10 }', // 7
      'variable "environment" {', // 8
      '  type    = map(string)', // 9
      '  default = {}', // 10
      '}', // 11
    ].join('\n'),
    'infra/modules/fn/main.tf': [
      'data "archive_file" "code" {', // 1
      '  type        = "zip"', // 2
      '  source_dir  = var.source_dir', // 3
      '  output_path = "${path.module}/build/${var.name}.zip"', // 4
      '}', // 5
      'resource "aws_lambda_function" "this" {', // 6
      '  function_name = var.name', // 7
      '  runtime       = var.runtime', // 8
      '  handler       = var.handler', // 9
      '  timeout       = var.timeout', // 10
      '  filename      = data.archive_file.code.output_path', // 11
      '  environment {', // 12
      '    variables = var.environment', // 13
      '  }', // 14
      '}', // 15
    ].join('\n'),
  };
  const CALLER = [
    'variable "stage" { default = "dev" }', // 1
    'module "orders" {', // 2
    '  source     = "./modules/fn"', // 3
    '  name       = "orders-${var.stage}"', // 4
    '  handler    = "index.handler"', // 5
    '  source_dir = "${path.module}/src/orders"', // 6
    '  environment = {', // 7
    '    TABLE = aws_dynamodb_table.orders.name', // 8
    '    STAGE = var.stage', // 9
    '  }', // 10
    '}', // 11
    'module "reports" {', // 12
    '  source     = "./modules/fn"', // 13
    '  name       = "reports"', // 14
    '  handler    = "report.main"', // 15
    '  source_dir = "src/reports"', // 16
    '  timeout    = 60', // 17
    '}', // 18
    'module "off" {', // 19
    '  source = "./modules/fn"', // 20
    '  count  = 0', // 21
    '}', // 22
    'module "network" {', // 23
    '  source = "./modules/vpc"', // 24
    '}', // 25
  ].join('\n');

  async function loadWithModules(extra: Record<string, string> = {}) {
    const files: Record<string, string> = { 'infra/main.tf': CALLER, ...MODULE, 'infra/modules/vpc/main.tf': 'resource "aws_vpc" "this" { cidr_block = "10.0.0.0/16" }', ...extra };
    return loadTerraformModule('infra', ['infra/main.tf'], memoryHost(files));
  }

  it('one function per call, the call\'s arguments substituted and located at the call, defaults from the module\'s variables', async () => {
    const r = await loadWithModules();
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => `${f.id} @${f.source.line}`)).toEqual(['infra/main.tf#module.orders @2', 'infra/main.tf#module.reports @12']);
    const orders = fn(r, 'module.orders');
    expect(orders.handler).toEqual({ value: 'index.handler', loc: at(5, 3) });
    expect(orders.runtime).toEqual({ value: 'nodejs22.x', loc: at(8, 3, 'infra/modules/fn/main.tf') });
    expect(orders.timeout).toEqual({ value: 10, loc: at(10, 3, 'infra/modules/fn/main.tf') });
    // Paths passed in are relative to the caller (`${path.module}` of the caller).
    expect(orders.code).toEqual({ kind: 'dir', path: { value: 'infra/src/orders', loc: at(6, 3) } });
    expect(orders.environmentLoc).toEqual(at(7, 3));
    expect(Object.keys(orders.environment)).toEqual(['STAGE', 'TABLE']);
    expect(orders.environment.STAGE).toEqual({ value: 'dev', loc: at(9, 5) });
    expect(orders.environment.TABLE.loc).toEqual(at(8, 5));
    expect(orders.environmentUnknown).toBeUndefined();
    const reports = fn(r, 'module.reports');
    expect(reports.code?.path.value).toBe('infra/src/reports');
    expect(reports.timeout).toEqual({ value: 60, loc: at(17, 3) });
    expect(reports.environment).toEqual({});
    // The module's own function is a template the project loader drops.
    expect(r.instantiated).toEqual([
      { file: 'infra/modules/fn/main.tf', line: 6, column: 1 },
      { file: 'infra/modules/fn/main.tf', line: 6, column: 1 },
    ]);
  });

  it('nested local modules and a module that calls itself: bounded, no crash', async () => {
    const r = await loadTerraformModule('infra', ['infra/main.tf'], memoryHost({
      'infra/main.tf': 'module "api" {\n  source  = "./modules/api"\n  handler = "api.main"\n}\n',
      'infra/modules/api/main.tf': 'variable "handler" {}\nmodule "fn" {\n  source     = "../fn"\n  name       = "api"\n  handler    = var.handler\n  source_dir = "${path.module}/src"\n}\nmodule "self" {\n  source = "./"\n}\n',
      ...MODULE,
    }));
    expect(r.functions.map((f) => `${f.name} ${String(f.handler?.value)} ${f.handler?.loc.file}:${f.handler?.loc.line} ${String(f.code?.path.value)}`)).toEqual([
      'module.api api.main infra/main.tf:3 infra/modules/api/src',
    ]);
  });

  it('a function the call switches off (count on a variable set to false) and a local copy of terraform-aws-modules/lambda used for layers are not expanded', async () => {
    const r = await loadTerraformModule('infra', ['infra/main.tf'], memoryHost({
      'infra/main.tf': [
        'module "off" {\n  source = "./modules/opt"\n  enabled = false\n}',
        'module "on" {\n  source = "./modules/opt"\n}',
        'module "layer" {\n  source = "./modules/tal"\n  create_layer = true\n  create_function = false\n  layer_name = "deps"\n  source_path = "layer"\n}',
      ].join('\n'),
      'infra/modules/opt/main.tf': 'variable "enabled" { default = true }\nresource "aws_lambda_function" "this" {\n  count = var.enabled ? 1 : 0\n  function_name = "opt"\n  handler = "index.handler"\n  runtime = "nodejs22.x"\n  filename = "x.zip"\n}\n',
      'infra/modules/tal/main.tf': 'variable "create_function" { default = true }\nvariable "create_layer" { default = false }\nvariable "source_path" { default = null }\nresource "aws_lambda_function" "this" {\n  count = var.create_function && !var.create_layer ? 1 : 0\n  function_name = "f"\n  handler = "index.handler"\n  runtime = "nodejs22.x"\n  filename = "x.zip"\n}\n',
    }));
    expect(r.functions.map((f) => f.name)).toEqual(['module.on']);
  });

  it('a variable the call does not set and that has no default stays a reference', async () => {
    const r = await loadTerraformModule('infra', ['infra/main.tf'], memoryHost({
      'infra/main.tf': 'module "x" {\n  source = "./modules/fn"\n  name   = "x"\n}\n',
      ...MODULE,
    }));
    expect(fn(r, 'module.x').handler?.value).toEqual({ kind: 'reference', text: 'var.handler', refType: 'tf-variable' });
  });

  it('registry wrappers: cloudposse, moritzzimmer, claranet and nozaq inputs by their documented names', async () => {
    const r = await load({
      'infra/main.tf': [
        'module "a" {', // 1
        '  source             = "cloudposse/lambda-function/aws"', // 2
        '  function_name      = "a"', // 3
        '  handler            = "index.handler"', // 4
        '  runtime            = "nodejs22.x"', // 5
        '  filename           = "build/a.zip"', // 6
        '  lambda_environment = { variables = { A = "1" } }', // 7
        '  tracing_config_mode = "Active"', // 8
        '}', // 9
        'module "b" {', // 10
        '  source      = "registry.terraform.io/moritzzimmer/lambda/aws"', // 11
        '  function_name = "b"', // 12
        '  handler     = "index.handler"', // 13
        '  runtime     = "nodejs22.x"', // 14
        '  image_uri   = "123.dkr.ecr.eu-west-1.amazonaws.com/b:1"', // 15
        '  package_type = "Image"', // 16
        '  environment = { variables = var.env }', // 17
        '}', // 18
        'module "c" {', // 19
        '  source        = "github.com/claranet/terraform-aws-lambda?ref=v1.4.0"', // 20
        '  function_name = "c"', // 21
        '  handler       = "main.lambda_handler"', // 22
        '  runtime       = "python3.12"', // 23
        '  source_path   = "${path.module}/lambda/main.py"', // 24
        '  timeout       = 300', // 25
        '  dead_letter_config = { target_arn = "arn:aws:sqs:eu-west-1:123456789012:dlq" }', // 26
        '}', // 27
        'module "d" {', // 28
        '  source        = "nozaq/lambda-auto-package/aws"', // 29
        '  function_name = "d"', // 30
        '  handler       = "index.handler"', // 31
        '  runtime       = "nodejs22.x"', // 32
        '  source_dir    = "${path.module}/src/d"', // 33
        '  output_path   = "${path.module}/d.zip"', // 34
        '  retention_in_days = 14', // 35
        '}', // 36
      ].join('\n'),
    });
    expect(r.diagnostics).toEqual([]);
    const show = (name: string) => {
      const f = fn(r, name);
      return `${String(f.handler?.value)} ${f.code?.kind}:${String(isReference(f.code?.path.value) ? 'ref' : f.code?.path.value)} env=${Object.keys(f.environment).join(',')}${f.environmentUnknown ? '+?' : ''}`;
    };
    expect(show('module.a')).toBe('index.handler zip:infra/build/a.zip env=A');
    expect(fn(r, 'module.a').environment.A.loc).toEqual(at(7, 40));
    expect(fn(r, 'module.a').tracing?.value).toBe('Active');
    expect(show('module.b')).toBe('index.handler image:123.dkr.ecr.eu-west-1.amazonaws.com/b:1 env=+?');
    expect(show('module.c')).toBe('main.lambda_handler dir:infra/lambda env=');
    expect(fn(r, 'module.c').timeout.value).toBe(300);
    expect(fn(r, 'module.c').deadLetter?.value).toBe('arn:aws:sqs:eu-west-1:123456789012:dlq');
    expect(show('module.d')).toBe('index.handler dir:infra/src/d env=');
    expect(fn(r, 'module.d').logRetentionDays?.value).toBe(14);
  });
});
