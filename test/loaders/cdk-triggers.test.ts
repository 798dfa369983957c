/**
 * The triggers, URLs, permissions and late settings (addEnvironment, configureAsyncInvoke) the CDK loader
 * reads from a stack, each with its exact fields: event source mappings by ARN kind, event sources,
 * API integrations, scheduled and plain EventBridge targets, principals.
 */
import { describe, expect, it } from 'vitest';
import { loadCdk } from '../../src/loaders/cdk.js';
import { memoryHost } from './host.js';

const FILE = 'app/lib/stack.ts';
const stack = [
  "import * as cdk from 'aws-cdk-lib';", // 1
  "import { Duration } from 'aws-cdk-lib';", // 2
  "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 3
  "import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';", // 4
  "import * as apigw from 'aws-cdk-lib/aws-apigateway';", // 5
  "import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';", // 6
  "import * as events from 'aws-cdk-lib/aws-events';", // 7
  "import * as targets from 'aws-cdk-lib/aws-events-targets';", // 8
  "import * as iam from 'aws-cdk-lib/aws-iam';", // 9
  "import * as sqs from 'aws-cdk-lib/aws-sqs';", // 10
  "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';", // 11
  "import * as kinesis from 'aws-cdk-lib/aws-kinesis';", // 12
  "export class Triggers extends cdk.Stack {", // 13
  "  constructor(scope: cdk.App, id: string, shared: Record<string, any>) {", // 14
  "    super(scope, id);", // 15
  "    const code = lambda.Code.fromAsset('src');", // 16
  "    const runtime = lambda.Runtime.NODEJS_22_X;", // 17
  "    const mapped = new lambda.Function(this, 'Mapped', { runtime, code, handler: 'mapped.handler' });", // 18
  "    const queue = new sqs.Queue(this, 'Jobs');", // 19
  "    const table = new dynamodb.Table(this, 'Table', shared.tableProps);", // 20
  "    const stream = new kinesis.Stream(this, 'Stream');", // 21
  "    mapped.addEventSourceMapping('FromQueue', { eventSourceArn: queue.queueArn, batchSize: 5, reportBatchItemFailures: true });", // 22
  "    mapped.addEventSourceMapping('FromTable', { eventSourceArn: table.tableStreamArn, reportBatchItemFailures: false });", // 23
  "    mapped.addEventSourceMapping('FromStream', { eventSourceArn: stream.streamArn, onFailure: shared.onFailure });", // 24
  "    mapped.addEventSourceMapping('FromSqsArn', { eventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' });", // 25
  "    mapped.addEventSourceMapping('FromKinesisArn', { eventSourceArn: 'arn:aws-cn:kinesis:cn-north-1:123456789012:stream/s' });", // 26
  "    mapped.addEventSourceMapping('FromDdbArn', { eventSourceArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2024' });", // 27
  "    mapped.addEventSourceMapping('FromDdbTableArn', { eventSourceArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t' });", // 28
  "    mapped.addEventSourceMapping('FromElsewhere', { eventSourceArn: shared.arn });", // 29
  "    mapped.addEventSourceMapping('NoArn', { kafkaTopic: 'orders' });", // 30
  "    const sourced = new lambda.Function(this, 'Sourced', { runtime, code, handler: 'sourced.handler' });", // 31
  "    sourced.addEventSource(new sources.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: false }));", // 32
  "    sourced.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST, reportBatchItemFailures: true }));", // 33
  "    sourced.addEventSource(new sources.ApiEventSource('GET', '/items'));", // 34
  "    sourced.addEventSource(new sources.RabbitMqEventSource({ broker: shared.broker, queueName: 'q' }));", // 35
  "    sourced.addEventSource(new Unrelated(queue));", // 36
  "    const api = new lambda.Function(this, 'Api', { runtime, code, handler: 'api.handler' });", // 37
  "    new apigw.LambdaIntegration(api, { timeout: Duration.seconds(5), requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': \"'Event'\" } });", // 38
  "    new apigw.LambdaIntegration(api, { timeout: shared.timeout, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': \"'RequestResponse'\" } });", // 39
  "    new integrations.HttpLambdaIntegration('Http', api, { timeout: Duration.millis(2500) });", // 40
  "    const scheduled = new lambda.Function(this, 'Scheduled', { runtime, code, handler: 'cron.handler' });", // 41
  "    const nightly = new events.Rule(this, 'Nightly', { schedule: events.Schedule.cron({ hour: '2' }) });", // 42
  "    nightly.addTarget(new targets.LambdaFunction(scheduled));", // 43
  "    const onEvent = new events.Rule(this, 'OnEvent', { eventPattern: { source: ['app'] } });", // 44
  "    onEvent.addTarget(new targets.LambdaFunction(scheduled, { deadLetterQueue: queue }));", // 45
  "    shared.other.register(new targets.LambdaFunction(scheduled, { ...shared.targetProps }));", // 46
  "    new events.Rule(this, 'Hourly', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [shared.withRetry(new targets.LambdaFunction(scheduled))] });", // 47
  "    const allowed = new lambda.Function(this, 'Allowed', { runtime, code, handler: 'allowed.handler' });", // 48
  "    allowed.addPermission('S3Invoke', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: shared.bucketArn, sourceAccount: '123456789012' });", // 49
  "    allowed.addPermission('Anyone', { principal: new iam.AnyPrincipal(), functionUrlAuthType: lambda.FunctionUrlAuthType.NONE });", // 50
  "    allowed.addPermission('Star', { principal: new iam.StarPrincipal(), organizationId: 'o-abc' });", // 51
  "    allowed.addPermission(shared.permissionId, { principal: shared.principal, ...shared.permissionProps });", // 52
  "    allowed.addPermission('NoPrincipal', { sourceArn: 'arn:aws:s3:::b' } as any);", // 53
  "    allowed.addFunctionUrl();", // 54
  "    allowed.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });", // 55
  "    allowed.configureAsyncInvoke({ retryAttempts: 0 });", // 56
  "    allowed.configureAsyncInvoke({ onFailure: shared.destination });", // 57
  "    allowed.addEnvironment('MODE', 'fast');", // 58
  "    allowed.addEnvironment(shared.key, 'x');", // 59
  "  }", // 60
  "}", // 61
].join('\n');

const r = loadCdk(FILE, stack, memoryHost({ 'app/cdk.json': '{}', [FILE]: stack }));

/** Locations in this file as `line:column`, to keep the expectations short. */
const isHere = (v: unknown): v is { file: string; line: number; column: number } => !!v && typeof v === 'object' && 'file' in v && 'line' in v && v.file === FILE;
const short = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isHere(v) ? `${v.line}:${v.column}` : v)) ?? 'null');
const named = (name: string) => {
  const found = r.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};

describe('cdk loader: triggers and permissions', () => {
  it('no diagnostics; the functions in source order', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.name)).toEqual(["Mapped", "Sourced", "Api", "Scheduled", "Allowed"]);
  });

  it("event source mappings: the kind from the ARN attribute or the ARN text, batch settings, ReportBatchItemFailures only when true", () => {
    const fn = named("Mapped");
    expect(short(fn.triggers)).toEqual([{"kind":"sqs","loc":"22:5","source":{"ref":"queue.queueArn","queueId":"app/lib/stack.ts#Jobs","resourceId":"app/lib/stack.ts#Jobs@19:19"},"batchSize":{"value":5,"loc":"22:81"},"functionResponseTypes":{"value":["ReportBatchItemFailures"],"loc":"22:95"}},{"kind":"dynamodb-stream","loc":"23:5","source":{"ref":"table.tableStreamArn","resourceId":"app/lib/stack.ts#Table@20:19"}},{"kind":"kinesis","loc":"24:5","source":{"ref":"stream.streamArn","resourceId":"app/lib/stack.ts#Stream@21:20"},"onFailure":{"value":{"kind":"reference","text":"shared.onFailure","refType":"cdk-expression"},"loc":"24:84"}},{"kind":"sqs","loc":"25:5","source":{"ref":"'arn:aws:sqs:eu-west-1:123456789012:jobs'"}},{"kind":"kinesis","loc":"26:5","source":{"ref":"'arn:aws-cn:kinesis:cn-north-1:123456789012:stream/s'"}},{"kind":"dynamodb-stream","loc":"27:5","source":{"ref":"'arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2024'"}},{"kind":"other","loc":"28:5","source":{"ref":"'arn:aws:dynamodb:eu-west-1:123456789012:table/t'"}},{"kind":"other","loc":"29:5","source":{"ref":"shared.arn","resourceId":"app/lib/stack.ts#shared@14:43"}},{"kind":"other","loc":"30:5"}]);
    expect(short(fn.functionUrls)).toEqual(null);
    expect(short(fn.onFailureDestination)).toEqual(null);
    expect(short(fn.environment)).toEqual({});
  });
  it("event sources: queue and table sources, only true ReportBatchItemFailures, API sources without a source, other event sources as other, non-CDK classes ignored", () => {
    const fn = named("Sourced");
    expect(short(fn.triggers)).toEqual([{"kind":"sqs","loc":"32:28","source":{"ref":"queue","queueId":"app/lib/stack.ts#Jobs","resourceId":"app/lib/stack.ts#Jobs@19:19"},"batchSize":{"value":10,"loc":"32:64"}},{"kind":"dynamodb-stream","loc":"33:28","source":{"ref":"table","resourceId":"app/lib/stack.ts#Table@20:19"},"functionResponseTypes":{"value":["ReportBatchItemFailures"],"loc":"33:117"}},{"kind":"rest-api","loc":"34:28"},{"kind":"other","loc":"35:28"}]);
    expect(short(fn.functionUrls)).toEqual(null);
    expect(short(fn.onFailureDestination)).toEqual(null);
    expect(short(fn.environment)).toEqual({});
  });
  it("API integrations: timeouts in ms, Event invocation only for the quoted Event header", () => {
    const fn = named("Api");
    expect(short(fn.triggers)).toEqual([{"kind":"rest-api","loc":"38:5","integrationTimeoutMs":{"value":5000,"loc":"38:40"},"asyncInvocation":true},{"kind":"rest-api","loc":"39:5","integrationTimeoutMs":{"value":{"kind":"reference","text":"shared.timeout","refType":"cdk-expression"},"loc":"39:40"}},{"kind":"http-api","loc":"40:5","integrationTimeoutMs":{"value":2500,"loc":"40:59"}}]);
    expect(short(fn.functionUrls)).toEqual(null);
    expect(short(fn.onFailureDestination)).toEqual(null);
    expect(short(fn.environment)).toEqual({});
  });
  it("EventBridge targets: scheduled rules (props or addTarget, through a wrapping call), delivery DLQs known unless spread", () => {
    const fn = named("Scheduled");
    expect(short(fn.triggers)).toEqual([{"kind":"schedule","loc":"43:23","deliveryDeadLetterKnown":true},{"kind":"eventbridge","loc":"45:23","deliveryDeadLetter":{"value":{"kind":"reference","text":"queue","refType":"cdk-expression"},"loc":"45:63"},"deliveryDeadLetterKnown":true},{"kind":"eventbridge","loc":"46:27"},{"kind":"schedule","loc":"47:117","deliveryDeadLetterKnown":true}]);
    expect(short(fn.functionUrls)).toEqual(null);
    expect(short(fn.onFailureDestination)).toEqual(null);
    expect(short(fn.environment)).toEqual({});
  });
  it("function URLs (AWS_IAM by default), configureAsyncInvoke onFailure, addEnvironment with a static name", () => {
    const fn = named("Allowed");
    expect(short(fn.triggers)).toEqual([{"kind":"function-url","loc":"54:5"},{"kind":"function-url","loc":"55:5"}]);
    expect(short(fn.functionUrls)).toEqual([{"authType":{"value":"AWS_IAM","loc":"54:5","isDefault":true},"loc":"54:5"},{"authType":{"value":"NONE","loc":"55:30"},"loc":"55:5"}]);
    expect(short(fn.onFailureDestination)).toEqual({"value":{"kind":"reference","text":"shared.destination","refType":"cdk-expression"},"loc":"57:36"});
    expect(short(fn.environment)).toEqual({"MODE":{"value":"fast","loc":"58:5"}});
  });
  it('permissions: service, any and star principals, static or generated ids, spread props make the source unknown; none without a principal', () => {
    expect(short(r.permissions)).toEqual([
      {"id":"app/lib/stack.ts#Allowed.S3Invoke","format":"cdk","loc":"49:5","principal":{"value":"s3.amazonaws.com","loc":"49:41"},"functionRef":"Allowed","functionName":"Allowed","sourceArn":{"value":{"kind":"reference","text":"shared.bucketArn","refType":"cdk-expression"},"loc":"49:98"},"sourceAccount":{"value":{"kind":"reference","text":"'123456789012'","refType":"cdk-expression"},"loc":"49:127"}},
      {"id":"app/lib/stack.ts#Allowed.Anyone","format":"cdk","loc":"50:5","principal":{"value":"*","loc":"50:39"},"functionRef":"Allowed","functionName":"Allowed","functionUrlAuthType":{"value":{"kind":"reference","text":"lambda.FunctionUrlAuthType.NONE","refType":"cdk-expression"},"loc":"50:74"}},
      {"id":"app/lib/stack.ts#Allowed.Star","format":"cdk","loc":"51:5","principal":{"value":"*","loc":"51:37"},"functionRef":"Allowed","functionName":"Allowed","principalOrgId":{"value":{"kind":"reference","text":"'o-abc'","refType":"cdk-expression"},"loc":"51:73"}},
      {"id":"app/lib/stack.ts#Allowed.permission","format":"cdk","loc":"52:5","principal":{"value":{"kind":"reference","text":"shared.principal","refType":"cdk-expression"},"loc":"52:50"},"functionRef":"Allowed","functionName":"Allowed","sourceArn":{"value":{"kind":"reference","text":"...spread","refType":"cdk-expression"},"loc":"52:5"}},
    ]);
  });
});
