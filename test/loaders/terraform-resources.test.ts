/**
 * aws_lambda_function, aws_sqs_queue and aws_cloudwatch_log_group attributes in the forms HCL allows:
 * numbers written as strings, empty strings and null as unset, -1 as unreserved, lists with references,
 * a variable's map default as the environment, code from a zip, an image or S3, redrive policies.
 */
import { describe, expect, it } from 'vitest';
import { loadTerraformModule } from '../../src/loaders/terraform.js';
import { memoryHost } from './host.js';

const FILE = 'infra/main.tf';
const main = [
  "variable \"arch\" {}", // 1
  "variable \"env\" {", // 2
  "  default = { STAGE = \"prod\", LEVEL = 3 }", // 3
  "}", // 4
  "locals {", // 5
  "  tags = { team = \"a\" }", // 6
  "}", // 7
  "resource \"aws_lambda_function\" \"strings\" {", // 8
  "  function_name                  = \"strings\"", // 9
  "  runtime                        = \"\"", // 10
  "  handler                        = \"\"", // 11
  "  timeout                        = \"30\"", // 12
  "  memory_size                    = \"1.5\"", // 13
  "  reserved_concurrent_executions = -1", // 14
  "  package_type                   = \"Zip\"", // 15
  "  architectures                  = [\"arm64\", \"x86_64\"]", // 16
  "  layers                         = [\"arn:aws:lambda:eu-west-1:123456789012:layer:a:1\", var.arch]", // 17
  "  filename                       = \"${path.root}/build/strings.zip\"", // 18
  "  environment {", // 19
  "    variables = var.env", // 20
  "  }", // 21
  "  ephemeral_storage {", // 22
  "    size = 1024", // 23
  "  }", // 24
  "}", // 25
  "resource \"aws_lambda_function\" \"refs\" {", // 26
  "  function_name                  = \"refs\"", // 27
  "  runtime                        = var.nullable", // 28
  "  timeout                        = \"ten\"", // 29
  "  memory_size                    = \"-256\"", // 30
  "  reserved_concurrent_executions = 0", // 31
  "  package_type                   = \"Image\"", // 32
  "  architectures                  = var.arch", // 33
  "  layers                         = var.arch", // 34
  "  image_uri                      = \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1\"", // 35
  "  environment {", // 36
  "    variables = merge(local.tags, { A = \"b\" })", // 37
  "  }", // 38
  "  tracing_config {", // 39
  "    mode = \"PassThrough\"", // 40
  "  }", // 41
  "  dead_letter_config {", // 42
  "    target_arn = aws_sqs_queue.dlq.arn", // 43
  "  }", // 44
  "}", // 45
  "resource \"aws_lambda_function\" \"bucket\" {", // 46
  "  function_name = \"bucket\"", // 47
  "  s3_bucket     = \"artifacts\"", // 48
  "  s3_key        = \"fn/bucket.zip\"", // 49
  "  package_type  = var.arch", // 50
  "  architectures = []", // 51
  "  layers        = []", // 52
  "  filename      = 42", // 53
  "}", // 54
  "resource \"aws_lambda_function\" \"bucket_ref\" {", // 55
  "  s3_bucket = var.arch", // 56
  "  s3_key    = \"fn/ref.zip\"", // 57
  "}", // 58
  "resource \"aws_lambda_function\" \"absolute\" {", // 59
  "  filename = \"/opt/abs/../code.zip\"", // 60
  "}", // 61
  "resource \"aws_sqs_queue\" \"dlq\" {", // 62
  "  fifo_queue                 = \"true\"", // 63
  "  visibility_timeout_seconds = \"45\"", // 64
  "  redrive_policy             = \"\"", // 65
  "}", // 66
  "resource \"aws_sqs_queue\" \"plain\" {", // 67
  "  fifo_queue = \"maybe\"", // 68
  "}", // 69
  "resource \"aws_sqs_queue_redrive_policy\" \"p\" {", // 70
  "  queue_url = aws_sqs_queue.plain.id", // 71
  "}", // 72
  "resource \"aws_sqs_queue\" \"other\" {", // 73
  "  fifo_queue = false", // 74
  "}", // 75
  "resource \"aws_cloudwatch_log_group\" \"g\" {", // 76
  "  retention_in_days = \"14\"", // 77
  "}", // 78
  "variable \"nullable\" {", // 79
  "  default = null", // 80
  "}", // 81
  "resource \"aws_lambda_function\" \"spaced\" {", // 82
  "  timeout = \" 30\"", // 83
  "}", // 84
].join('\n');

/** Locations in main.tf as `line:column`, to keep the expectations short. */
const isHere = (v: unknown): v is { file: string; line: number; column: number } => !!v && typeof v === 'object' && 'file' in v && 'line' in v && v.file === FILE;
const short = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isHere(v) ? `${v.line}:${v.column}` : v)));

describe('terraform loader: attribute forms', async () => {
  const r = await loadTerraformModule('infra', [FILE], memoryHost({ [FILE]: main }));
  const byId = (list: ReadonlyArray<{ id: string }>, id: string) => short(list.find((x) => x.id === id));

  it('no diagnostics; every block found', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.name)).toEqual(["aws_lambda_function.strings", "aws_lambda_function.refs", "aws_lambda_function.bucket", "aws_lambda_function.bucket_ref", "aws_lambda_function.absolute", "aws_lambda_function.spaced"]);
    expect(r.queues.map((q) => q.name)).toEqual(["aws_sqs_queue.dlq", "aws_sqs_queue.plain", "aws_sqs_queue.other"]);
    expect(r.logGroups.map((g) => g.name)).toEqual(["aws_cloudwatch_log_group.g"]);
  });

  it("aws_lambda_function.strings: numbers as strings, empty runtime and handler unset, -1 unreserved, a map variable as the environment, path.root, the first architecture, mixed layers", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.strings")).toEqual({"id":"infra/main.tf#aws_lambda_function.strings","name":"aws_lambda_function.strings","format":"terraform","source":"8:1","memorySize":{"value":1.5,"loc":"13:3"},"timeout":{"value":30,"loc":"12:3"},"environment":{"LEVEL":{"value":"3","loc":"20:5"},"STAGE":{"value":"prod","loc":"20:5"}},"triggers":[],"layers":[{"value":"arn:aws:lambda:eu-west-1:123456789012:layer:a:1","loc":"17:37"},{"value":{"kind":"reference","text":"var.arch","refType":"tf-variable"},"loc":"17:88"}],"packageType":"Zip","code":{"kind":"zip","path":{"value":"infra/build/strings.zip","loc":"18:3"}},"architecture":{"value":"arm64","loc":"16:37"},"environmentLoc":"19:3","ephemeralStorageMb":{"value":1024,"loc":"23:5"}});
  });
  it("aws_lambda_function.refs: a runtime variable defaulting to null is unset, \"-256\" a number, a non-number string a reference, 0 reserved kept, an image, references for architectures, layers and environment", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.refs")).toEqual({"id":"infra/main.tf#aws_lambda_function.refs","name":"aws_lambda_function.refs","format":"terraform","source":"26:1","memorySize":{"value":-256,"loc":"30:3"},"timeout":{"value":{"kind":"reference","text":"ten","refType":"unknown"},"loc":"29:3"},"environment":{},"triggers":[],"layers":[{"value":{"kind":"reference","text":"var.arch","refType":"tf-variable"},"loc":"34:3"}],"reservedConcurrency":{"value":0,"loc":"31:3"},"packageType":"Image","code":{"kind":"image","path":{"value":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1","loc":"35:3"}},"architecture":{"value":{"kind":"reference","text":"var.arch","refType":"tf-variable"},"loc":"33:3"},"environmentLoc":"36:3","environmentUnknown":true,"tracing":{"value":"PassThrough","loc":"40:5"},"deadLetter":{"value":{"kind":"reference","text":"aws_sqs_queue.dlq.arn","refType":"tf-expression"},"loc":"43:5"}});
  });
  it("aws_lambda_function.bucket: S3 code with a literal bucket; empty lists; a package type reference ignored; a non-string filename ignored", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.bucket")).toEqual({"id":"infra/main.tf#aws_lambda_function.bucket","name":"aws_lambda_function.bucket","format":"terraform","source":"46:1","memorySize":{"value":128,"loc":"46:1","isDefault":true},"timeout":{"value":3,"loc":"46:1","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"zip","path":{"value":"s3://artifacts/fn/bucket.zip","loc":"49:3"}}});
  });
  it("aws_lambda_function.bucket_ref: S3 code with a bucket from elsewhere: the key as written", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.bucket_ref")).toEqual({"id":"infra/main.tf#aws_lambda_function.bucket_ref","name":"aws_lambda_function.bucket_ref","format":"terraform","source":"55:1","memorySize":{"value":128,"loc":"55:1","isDefault":true},"timeout":{"value":3,"loc":"55:1","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"zip","path":{"value":"fn/ref.zip","loc":"57:3"}}});
  });
  it("aws_lambda_function.absolute: an absolute zip path, normalized", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.absolute")).toEqual({"id":"infra/main.tf#aws_lambda_function.absolute","name":"aws_lambda_function.absolute","format":"terraform","source":"59:1","memorySize":{"value":128,"loc":"59:1","isDefault":true},"timeout":{"value":3,"loc":"59:1","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"zip","path":{"value":"/opt/code.zip","loc":"60:3"}}});
  });
  it("aws_lambda_function.spaced: a number string with a space is not a number", () => {
    expect(byId(r.functions, "infra/main.tf#aws_lambda_function.spaced")).toEqual({"id":"infra/main.tf#aws_lambda_function.spaced","name":"aws_lambda_function.spaced","format":"terraform","source":"82:1","memorySize":{"value":128,"loc":"82:1","isDefault":true},"timeout":{"value":{"kind":"reference","text":" 30","refType":"unknown"},"loc":"83:3"},"environment":{},"triggers":[],"layers":[]});
  });
  it("aws_sqs_queue.dlq: queue: \"true\" fifo, \"45\" visibility, an empty redrive policy is none and another queue's policy resource makes it unknown", () => {
    expect(byId(r.queues, "infra/main.tf#aws_sqs_queue.dlq")).toEqual({"id":"infra/main.tf#aws_sqs_queue.dlq","name":"aws_sqs_queue.dlq","source":"62:1","visibilityTimeout":{"value":45,"loc":"64:3"},"fifo":true,"redriveUnknown":true});
  });
  it("aws_sqs_queue.plain: queue: redrive policy from an aws_sqs_queue_redrive_policy resource; \"maybe\" is no fifo setting", () => {
    expect(byId(r.queues, "infra/main.tf#aws_sqs_queue.plain")).toEqual({"id":"infra/main.tf#aws_sqs_queue.plain","name":"aws_sqs_queue.plain","source":"67:1","visibilityTimeout":{"value":30,"loc":"67:1","isDefault":true},"redrivePolicy":{"value":"aws_sqs_queue_redrive_policy","loc":"67:1"}});
  });
  it("aws_sqs_queue.other: queue: fifo false, default visibility", () => {
    expect(byId(r.queues, "infra/main.tf#aws_sqs_queue.other")).toEqual({"id":"infra/main.tf#aws_sqs_queue.other","name":"aws_sqs_queue.other","source":"73:1","visibilityTimeout":{"value":30,"loc":"73:1","isDefault":true},"fifo":false,"redriveUnknown":true});
  });
  it("aws_cloudwatch_log_group.g: log group: retention written as a string", () => {
    expect(byId(r.logGroups, "infra/main.tf#aws_cloudwatch_log_group.g")).toEqual({"id":"infra/main.tf#aws_cloudwatch_log_group.g","name":"aws_cloudwatch_log_group.g","source":"76:1","retentionDays":{"value":14,"loc":"77:3"}});
  });
});
