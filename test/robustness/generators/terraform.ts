/**
 * Terraform modules in HCL: Lambda functions (resource and registry module), queues, event
 * source mappings, log groups, URLs, API integrations, permissions, variables and locals,
 * with expressions of every shape (interpolation, conditionals, calls, `for`, heredocs,
 * `dynamic` blocks, `count` / `for_each`) and wrong types where numbers go.
 */
import fc from 'fast-check';
import { anyName, mutated, nest, numberText, plainName, RUNTIMES, someOf } from './common.js';

const NAMES = ['f1', 'f2', 'q1', 'q2', 'api', 'logs', 'this', 'é', '__proto__'] as const;
const tfName = fc.oneof({ arbitrary: fc.constantFrom(...NAMES), weight: 6 }, { arbitrary: plainName, weight: 2 }, { arbitrary: anyName.map((n) => n.replace(/["\\\n\r]/g, '')), weight: 1 });
const ref = (type: string, attr: string): fc.Arbitrary<string> => fc.constantFrom(...NAMES).map((n) => `${type}.${n}.${attr}`);

const quote = (s: string): string => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

/** An HCL expression, a few levels deep. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: numberText, weight: 4 },
    { arbitrary: anyName.map(quote), weight: 4 },
    { arbitrary: fc.constantFrom('true', 'false', 'null', 'var.timeout', 'var.runtime', 'local.name', 'local.nested.a', 'var.missing', 'each.value', 'count.index', 'path.module', 'terraform.workspace'), weight: 3 },
    { arbitrary: ref('aws_lambda_function', 'arn'), weight: 1 },
    { arbitrary: ref('aws_sqs_queue', 'arn'), weight: 1 },
    { arbitrary: fc.constantFrom('"${var.prefix}-orders"', '"${local.name}-${terraform.workspace}"', '"%{if var.x}a%{else}b%{endif}"', '"$${literal}"', '"${"nested ${"deep"}"}"'), weight: 1 },
    { arbitrary: fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('max', 'min', 'tonumber', 'lookup', 'coalesce', 'jsonencode', 'file', 'templatefile', 'format', 'unknownfn'), fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`), weight: 1 },
    { arbitrary: fc.array(tie('e'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`), weight: 1 },
    { arbitrary: fc.array(fc.tuple(tfName, tie('e')), { maxLength: 3 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${/^[A-Za-z_][\w-]*$/.test(k) ? k : quote(k)} = ${v}`).join(', ')} }`), weight: 1 },
    { arbitrary: tie('e').map((e) => `[for x in var.list : ${e}]`), weight: 1 },
    { arbitrary: fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} * ${b}`), weight: 1 },
    { arbitrary: fc.constantFrom('<<EOT\nline ${var.x}\nEOT\n', '<<-EOT\n  indented\n  EOT\n'), weight: 1 },
  ),
})).e;

/** Where a number is expected: mostly a number. */
const numberExpr = fc.oneof({ arbitrary: numberText, weight: 8 }, { arbitrary: expr, weight: 2 }, { arbitrary: fc.constantFrom('"30"', '"thirty"', '[30]', '{}', 'null', '1e999', '-0', '0x1F', '1.5e+3'), weight: 1 });
const stringExpr = fc.oneof({ arbitrary: anyName.map(quote), weight: 6 }, { arbitrary: expr, weight: 2 });

type Block = string;
const attrs = (pairs: Array<[string, string]>, pad: string): string => pairs.map(([k, v]) => `${pad}${k} = ${v}`).join('\n');
const block = (header: string, body: string[], pad = ''): Block => `${pad}${header} {\n${body.filter(Boolean).join('\n')}\n${pad}}`;

const envBlock = fc
  .array(fc.tuple(fc.constantFrom('TABLE_NAME', 'API_KEY', 'DB_PASSWORD', 'LOG_LEVEL', '"quoted-key"', '__proto__'), fc.oneof(stringExpr, fc.constantFrom('"9f8e7d6c5b4a39281706f5e4d3c2b1a0"', '"AKIAIOSFODNN7EXAMPLE"'))), { maxLength: 4 })
  .chain((vars) =>
    fc.constantFrom(
      block('environment', [`    variables = {\n${vars.map(([k, v]) => `      ${k} = ${v}`).join('\n')}\n    }`], '  '),
      block('dynamic "environment"', ['    for_each = var.env == null ? [] : [1]', block('content', [`      variables = { ${vars.map(([k, v]) => `${k} = ${v}`).join(', ')} }`], '    ')], '  '),
      `  environment {\n    variables = var.env\n  }`,
    ),
  );

const lambdaFunction = fc
  .tuple(
    tfName,
    someOf<string>(
      {
        function_name: stringExpr,
        handler: fc.oneof(fc.constantFrom('"index.handler"', '"src/index.handler"', '"noexport"', 'var.handler').map((s) => s), stringExpr),
        runtime: fc.oneof(fc.constantFrom(...RUNTIMES).map(quote), expr),
        timeout: numberExpr,
        memory_size: numberExpr,
        filename: fc.constantFrom('"${path.module}/build/f.zip"', 'data.archive_file.f.output_path', '"f.zip"'),
        source_code_hash: fc.constant('filebase64sha256("f.zip")'),
        architectures: fc.constantFrom('["arm64"]', '["x86_64"]', '[]', 'var.arch'),
        layers: fc.array(stringExpr, { maxLength: 2 }).map((l) => `[${l.join(', ')}]`),
        reserved_concurrent_executions: numberExpr,
        package_type: fc.constantFrom('"Zip"', '"Image"'),
        image_uri: stringExpr,
        count: fc.constantFrom('2', 'var.enabled ? 1 : 0'),
        for_each: fc.constantFrom('toset(["a", "b"])', 'var.functions'),
      },
      6,
    ),
    fc.array(fc.oneof(envBlock, fc.constant(block('tracing_config', ['    mode = "Active"'], '  ')), fc.constant(block('dead_letter_config', ['    target_arn = aws_sqs_queue.q1.arn'], '  '))), { maxLength: 3 }),
  )
  .map(([name, props, nested]) => block(`resource "aws_lambda_function" "${name}"`, [attrs(props, '  '), ...nested]));

const lambdaModule = fc
  .tuple(
    tfName,
    fc.constantFrom('"terraform-aws-modules/lambda/aws"', '"../../modules/lambda"', '"git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v7"', '"./local"'),
    someOf<string>(
      {
        function_name: stringExpr,
        handler: fc.constant('"index.handler"'),
        runtime: fc.oneof(fc.constantFrom(...RUNTIMES).map(quote), expr),
        timeout: numberExpr,
        memory_size: numberExpr,
        source_path: fc.constantFrom('"${path.module}/src"', '"src/index.mjs"'),
        environment_variables: fc.constantFrom('{ A = "b", SECRET = "hunter2" }', 'var.env', '{}'),
        create_lambda_function_url: fc.constantFrom('true', 'false'),
        authorization_type: fc.constantFrom('"NONE"', '"AWS_IAM"'),
        cloudwatch_logs_retention_in_days: numberExpr,
        event_source_mapping: fc.constant('{\n    sqs = {\n      event_source_arn = aws_sqs_queue.q1.arn\n      function_response_types = ["ReportBatchItemFailures"]\n    }\n  }'),
        allowed_triggers: fc.constant('{ api = { service = "apigateway" } }'),
      },
      7,
    ),
  )
  .map(([name, source, props]) => block(`module "${name}"`, [`  source = ${source}`, attrs(props, '  ')]));

const otherResource: fc.Arbitrary<Block> = fc.oneof(
  fc.tuple(tfName, someOf<string>({ visibility_timeout_seconds: numberExpr, fifo_queue: fc.constantFrom('true', 'false', 'var.fifo'), name: stringExpr }, 3)).map(([n, p]) => block(`resource "aws_sqs_queue" "${n}"`, [attrs(p, '  ')])),
  fc.tuple(tfName, ref('aws_sqs_queue', 'arn'), ref('aws_lambda_function', 'arn'), numberExpr).map(([n, q, f, b]) =>
    block(`resource "aws_lambda_event_source_mapping" "${n}"`, [`  event_source_arn = ${q}`, `  function_name = ${f}`, `  batch_size = ${b}`, '  function_response_types = ["ReportBatchItemFailures"]']),
  ),
  fc.tuple(tfName, fc.constantFrom(...NAMES), numberExpr).map(([n, f, d]) => block(`resource "aws_cloudwatch_log_group" "${n}"`, [`  name = "/aws/lambda/\${aws_lambda_function.${f}.function_name}"`, `  retention_in_days = ${d}`])),
  fc.tuple(tfName, ref('aws_lambda_function', 'function_name'), fc.constantFrom('"NONE"', '"AWS_IAM"', 'var.auth')).map(([n, f, a]) => block(`resource "aws_lambda_function_url" "${n}"`, [`  function_name = ${f}`, `  authorization_type = ${a}`])),
  fc.tuple(tfName, ref('aws_lambda_function', 'invoke_arn'), numberExpr).map(([n, f, t]) =>
    block(`resource "aws_apigatewayv2_integration" "${n}"`, ['  api_id = aws_apigatewayv2_api.api.id', '  integration_type = "AWS_PROXY"', `  integration_uri = ${f}`, `  timeout_milliseconds = ${t}`]),
  ),
  fc.tuple(tfName, ref('aws_lambda_function', 'invoke_arn'), numberExpr).map(([n, f, t]) =>
    block(`resource "aws_api_gateway_integration" "${n}"`, ['  rest_api_id = aws_api_gateway_rest_api.api.id', '  type = "AWS_PROXY"', `  uri = ${f}`, `  timeout_milliseconds = ${t}`]),
  ),
  fc.tuple(tfName, ref('aws_lambda_function', 'function_name'), fc.constantFrom('"s3.amazonaws.com"', '"apigateway.amazonaws.com"', '"events.amazonaws.com"')).map(([n, f, p]) =>
    block(`resource "aws_lambda_permission" "${n}"`, [`  function_name = ${f}`, `  principal = ${p}`, '  action = "lambda:InvokeFunction"']),
  ),
  fc.tuple(tfName, ref('aws_lambda_function', 'arn')).map(([n, f]) => block(`resource "aws_cloudwatch_event_target" "${n}"`, ['  rule = aws_cloudwatch_event_rule.r.name', `  arn = ${f}`])),
  fc.tuple(tfName, ref('aws_lambda_function', 'function_name')).map(([n, f]) => block(`resource "aws_lambda_function_event_invoke_config" "${n}"`, [`  function_name = ${f}`, block('destination_config', [block('on_failure', ['      destination = aws_sqs_queue.q1.arn'], '    ')], '  ')])),
  fc.tuple(tfName, ref('aws_lambda_function', 'function_name'), fc.constantFrom('"live"', 'var.alias')).map(([n, f, a]) => block(`resource "aws_lambda_alias" "${n}"`, [`  name = ${a}`, `  function_name = ${f}`, '  function_version = "1"'])),
  fc.tuple(tfName, expr).map(([n, d]) => block(`variable "${n.replace(/[^\w-]/g, '') || 'v'}"`, ['  type = number', `  default = ${d}`])),
  fc.constantFrom('variable "timeout" {\n  default = 30\n}', 'variable "runtime" {\n  default = "nodejs20.x"\n}', 'variable "env" {\n  type = map(string)\n}'),
  fc.array(fc.tuple(fc.constantFrom('name', 'nested', 'timeout', 'runtime'), expr), { maxLength: 3 }).map((pairs) => block('locals', [attrs(pairs, '  ')])),
  fc.constantFrom('data "archive_file" "f" {\n  type = "zip"\n  source_dir = "${path.module}/src"\n  output_path = "${path.module}/build/f.zip"\n}', 'terraform {\n  required_version = ">= 1.5"\n}', 'provider "aws" {\n  region = "eu-west-1"\n}'),
  fc.tuple(fc.constantFrom('resource "aws_lambda_function" "deep"', 'locals'), fc.oneof({ arbitrary: fc.integer({ min: 5, max: 60 }), weight: 3 }, { arbitrary: fc.integer({ min: 200, max: 3000 }), weight: 1 }), fc.constantFrom('[', '{ a = ', '(')).map(([h, n, open]) =>
    block(h, [`  timeout = ${nest(open, open === '[' ? ']' : open === '(' ? ')' : ' }', n, '1')}`]),
  ),
);

/** A module: 1-2 `.tf` files of blocks. */
export const terraformFiles: fc.Arbitrary<Record<string, string>> = fc
  .tuple(
    fc.array(fc.oneof({ arbitrary: lambdaFunction, weight: 3 }, { arbitrary: lambdaModule, weight: 1 }, { arbitrary: otherResource, weight: 4 }), { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  )
  .chain(([blocks, split]) => {
    const first = blocks.slice(0, split ? Math.ceil(blocks.length / 2) : blocks.length).join('\n\n') + '\n';
    const second = split ? blocks.slice(Math.ceil(blocks.length / 2)).join('\n\n') + '\n' : undefined;
    return fc.tuple(mutated(fc.constant(first), HCL_TOKENS), second === undefined ? fc.constant(undefined) : mutated(fc.constant(second), HCL_TOKENS));
  })
  .map(([a, b]): Record<string, string> => (b === undefined ? { 'infra/main.tf': a } : { 'infra/main.tf': a, 'infra/lambda.tf': b }));

const HCL_TOKENS = ['{', '}', '[', ']', '(', ')', '"', '=', '${', '%{', '<<EOT\n', '#', '//', '/*', '*/', ',', '.', '?', ':', 'for', '=>', '...', '\\', 'resource "aws_lambda_function" "x" {', 'dynamic "x" {', '1e999'];
