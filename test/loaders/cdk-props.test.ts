/**
 * Every function, queue and log group prop the CDK loader reads, with its exact value and where it
 * is written: sizes, durations, enums through consts, code kinds, Python handlers, defaults, spreads.
 */
import { describe, expect, it } from 'vitest';
import { loadCdk } from '../../src/loaders/cdk.js';
import { memoryHost } from './host.js';

const FILE = 'app/lib/stack.ts';
const stack = [
  "import * as cdk from 'aws-cdk-lib';", // 1
  "import { Duration, Size } from 'aws-cdk-lib';", // 2
  "import * as lambda from 'aws-cdk-lib/aws-lambda';", // 3
  "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';", // 4
  "import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';", // 5
  "import { GoFunction } from '@aws-cdk/aws-lambda-go-alpha';", // 6
  "import * as logs from 'aws-cdk-lib/aws-logs';", // 7
  "import * as sqs from 'aws-cdk-lib/aws-sqs';", // 8
  "import * as iam from 'aws-cdk-lib/aws-iam';", // 9
  "const FIVE_MINUTES = Duration.minutes(5);", // 10
  "const ACTIVE = lambda.Tracing.ACTIVE;", // 11
  "const ASSETS = lambda.Code.fromAsset('assets/plain');", // 12
  "export class Props extends cdk.Stack {", // 13
  "  constructor(scope: cdk.App, id: string, shared: Record<string, unknown>) {", // 14
  "    super(scope, id);", // 15
  "    const plain = new sqs.Queue(this, 'Plain');", // 16
  "    const fifo = new sqs.Queue(this, 'Fifo', { fifo: true, visibilityTimeout: Duration.hours(1), deadLetterQueue: { queue: plain, maxReceiveCount: 3 } });", // 17
  "    new sqs.Queue(this, 'SpreadQueue', { ...shared });", // 18
  "    new logs.LogGroup(this, 'DefaultGroup');", // 19
  "    new logs.LogGroup(this, 'WeekGroup', { retention: logs.RetentionDays.ONE_WEEK });", // 20
  "    new logs.LogGroup(this, 'ForeverGroup', { retention: logs.RetentionDays.INFINITE });", // 21
  "    new logs.LogGroup(this, 'SpreadGroup', { ...shared });", // 22
  "    new lambda.Function(this, 'Sized', {", // 23
  "      runtime: new lambda.Runtime('nodejs24.x'),", // 24
  "      handler: 'index.main',", // 25
  "      code: ASSETS,", // 26
  "      memorySize: 2048,", // 27
  "      timeout: FIVE_MINUTES,", // 28
  "      architecture: lambda.Architecture.ARM_64,", // 29
  "      tracing: ACTIVE,", // 30
  "      reservedConcurrentExecutions: 5,", // 31
  "      ephemeralStorageSize: Size.gibibytes(2),", // 32
  "      deadLetterQueueEnabled: true,", // 33
  "      logRetention: logs.RetentionDays.THREE_MONTHS,", // 34
  "      layers: [lambda.LayerVersion.fromLayerVersionArn(this, 'L', 'arn')],", // 35
  "    });", // 36
  "    new lambda.Function(this, 'Small', {", // 37
  "      runtime: lambda.Runtime.PYTHON_3_13,", // 38
  "      handler: 'app.handler',", // 39
  "      code: lambda.Code.fromInline('def handler(e, c): pass'),", // 40
  "      timeout: Duration.millis(1500),", // 41
  "      ephemeralStorageSize: Size.mebibytes(1024),", // 42
  "      deadLetterQueueEnabled: false,", // 43
  "      tracing: 'PassThrough',", // 44
  "      architecture: lambda.Architecture.X86_64,", // 45
  "      layers: shared.layers,", // 46
  "      deadLetterTopic: shared.topic,", // 47
  "      onFailure: shared.destination,", // 48
  "      logRetention: 14,", // 49
  "    });", // 50
  "    new lambda.DockerImageFunction(this, 'Image', { code: lambda.DockerImageCode.fromImageAsset('images/app'), timeout: Duration.days(1), deadLetterQueueEnabled: false });", // 51
  "    new lambda.Function(this, 'Ecr', { runtime: lambda.Runtime.FROM_IMAGE, handler: lambda.Handler.FROM_IMAGE, code: lambda.Code.fromEcrImage(shared.repo) });", // 52
  "    new lambda.Function(this, 'Bucket', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler', code: lambda.Code.fromBucket(shared.bucket, 'key.zip') });", // 53
  "    new PythonFunction(this, 'PyDefault', { entry: 'py/app' });", // 54
  "    new PythonFunction(this, 'PyIndex', { entry: 'py/app', index: 'main.py' });", // 55
  "    new PythonFunction(this, 'PyBoth', { entry: 'py/app', index: 'main.py', handler: 'run' });", // 56
  "    new PythonFunction(this, 'PyUnknown', { entry: 'py/app', index: shared.index });", // 57
  "    new GoFunction(this, 'Go', { entry: 'go/cmd' });", // 58
  "    new NodejsFunction(this, 'Spread', { ...shared });", // 59
  "    new NodejsFunction(this, 'NoEntry');", // 60
  "    new NodejsFunction(this, 'NoEntry');", // 61
  "    new NodejsFunction(this, `${id}-dynamic`, { entry: 'src/x.ts', logGroup: new logs.LogGroup(this, 'Own', { retention: logs.RetentionDays.ONE_MONTH }) });", // 62
  "    new NodejsFunction(this, 'GroupFromElsewhere', { entry: 'src/y.ts', logGroup: shared.group });", // 63
  "    new NodejsFunction(this, 'GroupDefault', { entry: 'src/z.ts', logGroup: new logs.LogGroup(this, 'Plain2') });", // 64
  "    const forever = new logs.LogGroup(this, 'Forever2', { retention: logs.RetentionDays.INFINITE });", // 65
  "    new NodejsFunction(this, 'ForeverGroupFn', { entry: 'src/f.ts', logGroup: forever });", // 66
  "    new NodejsFunction(this, 'BothRetentions', { entry: 'src/b.ts', logRetention: logs.RetentionDays.ONE_DAY, logGroup: new logs.LogGroup(this, 'Ignored') });", // 67
  "    new NodejsFunction(this, 'Unknowns', { entry: 'src/u.ts', logRetention: logs.RetentionDays.TWELVE_YEARS, ephemeralStorageSize: Size.mebibytes(shared.size), architecture: new lambda.Architecture('arm64') });", // 68
  "  }", // 69
  "}", // 70
].join('\n');

// The NodejsFunction without `entry` finds its default entry next to the stack, as .js here.
const r = loadCdk(FILE, stack, memoryHost({ 'app/cdk.json': '{}', [FILE]: stack, 'app/lib/stack.NoEntry.js': '' }));

/** Locations in this file as `line:column`, to keep the expectations short. */
const isHere = (v: unknown): v is { file: string; line: number; column: number } => !!v && typeof v === 'object' && 'file' in v && 'line' in v && v.file === FILE;
const short = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isHere(v) ? `${v.line}:${v.column}` : v)));
const byId = (list: ReadonlyArray<{ id: string }>, id: string) => short(list.find((x) => x.id === id));

describe('cdk loader: props of functions, queues and log groups', () => {
  it('no diagnostics, every construct found in source order', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.id)).toEqual(["app/lib/stack.ts#Sized", "app/lib/stack.ts#Small", "app/lib/stack.ts#Image", "app/lib/stack.ts#Ecr", "app/lib/stack.ts#Bucket", "app/lib/stack.ts#PyDefault", "app/lib/stack.ts#PyIndex", "app/lib/stack.ts#PyBoth", "app/lib/stack.ts#PyUnknown", "app/lib/stack.ts#Go", "app/lib/stack.ts#Spread", "app/lib/stack.ts#NoEntry", "app/lib/stack.ts#NoEntry@61", "app/lib/stack.ts#function at app/lib/stack.ts:62", "app/lib/stack.ts#GroupFromElsewhere", "app/lib/stack.ts#GroupDefault", "app/lib/stack.ts#ForeverGroupFn", "app/lib/stack.ts#BothRetentions", "app/lib/stack.ts#Unknowns"]);
    expect(r.queues.map((q) => q.name)).toEqual(["Plain", "Fifo", "SpreadQueue"]);
    expect(r.logGroups.map((g) => g.name)).toEqual(["DefaultGroup", "WeekGroup", "ForeverGroup", "SpreadGroup", "Own", "Plain2", "Forever2", "Ignored"]);
  });

  it("function Sized", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Sized")).toEqual({"id":"app/lib/stack.ts#Sized","name":"Sized","format":"cdk","source":"23:5","memorySize":{"value":2048,"loc":"27:7"},"timeout":{"value":300,"loc":"28:7"},"environment":{},"triggers":[],"layers":[{"value":{"kind":"reference","text":"lambda.LayerVersion.fromLayerVersionArn(this, 'L', 'arn')","refType":"cdk-expression"},"loc":"35:16"}],"runtime":{"value":"nodejs24.x","loc":"24:7"},"architecture":{"value":"arm64","loc":"29:7"},"tracing":{"value":"Active","loc":"30:7"},"reservedConcurrency":{"value":5,"loc":"31:7"},"ephemeralStorageMb":{"value":2048,"loc":"32:7"},"handler":{"value":"index.main","loc":"25:7"},"code":{"kind":"dir","path":{"value":"app/assets/plain","loc":"26:7"}},"deadLetter":{"value":"deadLetterQueueEnabled","loc":"33:7"},"logRetentionDays":{"value":90,"loc":"34:7"}});
  });
  it("function Small", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Small")).toEqual({"id":"app/lib/stack.ts#Small","name":"Small","format":"cdk","source":"37:5","memorySize":{"value":128,"loc":"37:5","isDefault":true},"timeout":{"value":1.5,"loc":"41:7"},"environment":{},"triggers":[],"layers":[{"value":{"kind":"reference","text":"shared.layers","refType":"cdk-expression"},"loc":"46:7"}],"runtime":{"value":"python3.13","loc":"38:7"},"architecture":{"value":"x86_64","loc":"45:7"},"tracing":{"value":"PassThrough","loc":"44:7"},"ephemeralStorageMb":{"value":1024,"loc":"42:7"},"handler":{"value":"app.handler","loc":"39:7"},"code":{"kind":"inline","path":{"value":"(inline)","loc":"40:7"}},"deadLetter":{"value":{"kind":"reference","text":"shared.topic","refType":"cdk-expression"},"loc":"47:7"},"onFailureDestination":{"value":{"kind":"reference","text":"shared.destination","refType":"cdk-expression"},"loc":"48:7"},"logRetentionDays":{"value":14,"loc":"49:7"}});
  });
  it("function Image", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Image")).toEqual({"id":"app/lib/stack.ts#Image","name":"Image","format":"cdk","source":"51:5","memorySize":{"value":128,"loc":"51:5","isDefault":true},"timeout":{"value":86400,"loc":"51:112"},"environment":{},"triggers":[],"layers":[],"code":{"kind":"image","path":{"value":"app/images/app","loc":"51:53"}},"packageType":"Image"});
  });
  it("function Ecr", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Ecr")).toEqual({"id":"app/lib/stack.ts#Ecr","name":"Ecr","format":"cdk","source":"52:5","memorySize":{"value":128,"loc":"52:5","isDefault":true},"timeout":{"value":3,"loc":"52:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"lambda.Runtime.FROM_IMAGE","refType":"cdk-expression"},"loc":"52:40"},"handler":{"value":{"kind":"reference","text":"lambda.Handler.FROM_IMAGE","refType":"cdk-expression"},"loc":"52:76"},"code":{"kind":"image","path":{"value":{"kind":"reference","text":"lambda.Code.fromEcrImage(shared.repo)","refType":"cdk-expression"},"loc":"52:112"}},"packageType":"Image"});
  });
  it("function Bucket", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Bucket")).toEqual({"id":"app/lib/stack.ts#Bucket","name":"Bucket","format":"cdk","source":"53:5","memorySize":{"value":128,"loc":"53:5","isDefault":true},"timeout":{"value":3,"loc":"53:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"lambda.Runtime.NODEJS_LATEST","refType":"cdk-expression"},"loc":"53:43"},"handler":{"value":"index.handler","loc":"53:82"},"code":{"kind":"zip","path":{"value":{"kind":"reference","text":"lambda.Code.fromBucket(shared.bucket, 'key.zip')","refType":"cdk-expression"},"loc":"53:108"}}});
  });
  it("function PyDefault", () => {
    expect(byId(r.functions, "app/lib/stack.ts#PyDefault")).toEqual({"id":"app/lib/stack.ts#PyDefault","name":"PyDefault","format":"cdk","source":"54:5","memorySize":{"value":128,"loc":"54:5","isDefault":true},"timeout":{"value":3,"loc":"54:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"dir","path":{"value":"app/py/app","loc":"54:45"}},"handler":{"value":"index.handler","loc":"54:5","isDefault":true}});
  });
  it("function PyIndex", () => {
    expect(byId(r.functions, "app/lib/stack.ts#PyIndex")).toEqual({"id":"app/lib/stack.ts#PyIndex","name":"PyIndex","format":"cdk","source":"55:5","memorySize":{"value":128,"loc":"55:5","isDefault":true},"timeout":{"value":3,"loc":"55:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"dir","path":{"value":"app/py/app","loc":"55:43"}},"handler":{"value":"main.handler","loc":"55:60"}});
  });
  it("function PyBoth", () => {
    expect(byId(r.functions, "app/lib/stack.ts#PyBoth")).toEqual({"id":"app/lib/stack.ts#PyBoth","name":"PyBoth","format":"cdk","source":"56:5","memorySize":{"value":128,"loc":"56:5","isDefault":true},"timeout":{"value":3,"loc":"56:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"handler":{"value":"main.run","loc":"56:77"},"code":{"kind":"dir","path":{"value":"app/py/app","loc":"56:42"}}});
  });
  it("function PyUnknown", () => {
    expect(byId(r.functions, "app/lib/stack.ts#PyUnknown")).toEqual({"id":"app/lib/stack.ts#PyUnknown","name":"PyUnknown","format":"cdk","source":"57:5","memorySize":{"value":128,"loc":"57:5","isDefault":true},"timeout":{"value":3,"loc":"57:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"dir","path":{"value":"app/py/app","loc":"57:45"}}});
  });
  it("function Go", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Go")).toEqual({"id":"app/lib/stack.ts#Go","name":"Go","format":"cdk","source":"58:5","memorySize":{"value":128,"loc":"58:5","isDefault":true},"timeout":{"value":3,"loc":"58:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"code":{"kind":"entry","path":{"value":"app/go/cmd","loc":"58:34"}}});
  });
  it("function Spread", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Spread")).toEqual({"id":"app/lib/stack.ts#Spread","name":"Spread","format":"cdk","source":"59:5","memorySize":{"value":{"kind":"reference","text":"shared (may set memorySize)","refType":"cdk-expression"},"loc":"59:45"},"timeout":{"value":{"kind":"reference","text":"shared (may set timeout)","refType":"cdk-expression"},"loc":"59:45"},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"shared (may set runtime)","refType":"cdk-expression"},"loc":"59:45"},"bundler":"nodejs-function","handler":{"value":"handler","loc":"59:5","isDefault":true},"environmentUnknown":true});
  });
  it("function NoEntry", () => {
    expect(byId(r.functions, "app/lib/stack.ts#NoEntry")).toEqual({"id":"app/lib/stack.ts#NoEntry","name":"NoEntry","format":"cdk","source":"60:5","memorySize":{"value":128,"loc":"60:5","isDefault":true},"timeout":{"value":3,"loc":"60:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"60:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"60:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/lib/stack.NoEntry.js","loc":"60:5","isDefault":true}}});
  });
  it("function NoEntry (a second one, its id made unique by its line)", () => {
    expect(byId(r.functions, "app/lib/stack.ts#NoEntry@61")).toEqual({"id":"app/lib/stack.ts#NoEntry@61","name":"NoEntry","format":"cdk","source":"61:5","memorySize":{"value":128,"loc":"61:5","isDefault":true},"timeout":{"value":3,"loc":"61:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"61:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"61:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/lib/stack.NoEntry.js","loc":"61:5","isDefault":true}}});
  });
  it("function function at app/lib/stack.ts:62", () => {
    expect(byId(r.functions, "app/lib/stack.ts#function at app/lib/stack.ts:62")).toEqual({"id":"app/lib/stack.ts#function at app/lib/stack.ts:62","name":"function at app/lib/stack.ts:62","format":"cdk","source":"62:5","memorySize":{"value":128,"loc":"62:5","isDefault":true},"timeout":{"value":3,"loc":"62:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"62:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"62:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/x.ts","loc":"62:49"}},"logRetentionDays":{"value":30,"loc":"62:111"}});
  });
  it("function GroupFromElsewhere", () => {
    expect(byId(r.functions, "app/lib/stack.ts#GroupFromElsewhere")).toEqual({"id":"app/lib/stack.ts#GroupFromElsewhere","name":"GroupFromElsewhere","format":"cdk","source":"63:5","memorySize":{"value":128,"loc":"63:5","isDefault":true},"timeout":{"value":3,"loc":"63:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"63:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"63:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/y.ts","loc":"63:54"}},"logRetentionDays":{"value":{"kind":"reference","text":"shared.group","refType":"cdk-expression"},"loc":"63:73"}});
  });
  it("function GroupDefault", () => {
    expect(byId(r.functions, "app/lib/stack.ts#GroupDefault")).toEqual({"id":"app/lib/stack.ts#GroupDefault","name":"GroupDefault","format":"cdk","source":"64:5","memorySize":{"value":128,"loc":"64:5","isDefault":true},"timeout":{"value":3,"loc":"64:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"64:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"64:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/z.ts","loc":"64:48"}},"logRetentionDays":{"value":731,"loc":"64:77"}});
  });
  it("queue Plain", () => {
    expect(byId(r.queues, "app/lib/stack.ts#Plain")).toEqual({"id":"app/lib/stack.ts#Plain","name":"Plain","source":"16:19","visibilityTimeout":{"value":30,"loc":"16:19","isDefault":true}});
  });
  it("queue Fifo", () => {
    expect(byId(r.queues, "app/lib/stack.ts#Fifo")).toEqual({"id":"app/lib/stack.ts#Fifo","name":"Fifo","source":"17:18","visibilityTimeout":{"value":3600,"loc":"17:60"},"fifo":true,"redrivePolicy":{"value":{"kind":"reference","text":"{ queue: plain, maxReceiveCount: 3 }","refType":"cdk-expression"},"loc":"17:98"}});
  });
  it("queue SpreadQueue", () => {
    expect(byId(r.queues, "app/lib/stack.ts#SpreadQueue")).toEqual({"id":"app/lib/stack.ts#SpreadQueue","name":"SpreadQueue","source":"18:5","visibilityTimeout":{"value":{"kind":"reference","text":"shared (may set visibilityTimeout)","refType":"cdk-expression"},"loc":"18:45"},"redriveUnknown":true});
  });
  it("log group DefaultGroup", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#DefaultGroup")).toEqual({"id":"app/lib/stack.ts#DefaultGroup","name":"DefaultGroup","source":"19:5","retentionDays":{"value":731,"loc":"19:5"}});
  });
  it("log group WeekGroup", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#WeekGroup")).toEqual({"id":"app/lib/stack.ts#WeekGroup","name":"WeekGroup","source":"20:5","retentionDays":{"value":7,"loc":"20:44"}});
  });
  it("log group ForeverGroup", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#ForeverGroup")).toEqual({"id":"app/lib/stack.ts#ForeverGroup","name":"ForeverGroup","source":"21:5"});
  });
  it("log group SpreadGroup", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#SpreadGroup")).toEqual({"id":"app/lib/stack.ts#SpreadGroup","name":"SpreadGroup","source":"22:5"});
  });
  it("log group Own", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#Own")).toEqual({"id":"app/lib/stack.ts#Own","name":"Own","source":"62:78","retentionDays":{"value":30,"loc":"62:111"}});
  });
  it("log group Plain2", () => {
    expect(byId(r.logGroups, "app/lib/stack.ts#Plain2")).toEqual({"id":"app/lib/stack.ts#Plain2","name":"Plain2","source":"64:77","retentionDays":{"value":731,"loc":"64:77"}});
  });
  it("function BothRetentions: logRetention wins over logGroup", () => {
    expect(byId(r.functions, "app/lib/stack.ts#BothRetentions")).toEqual({"id":"app/lib/stack.ts#BothRetentions","name":"BothRetentions","format":"cdk","source":"67:5","memorySize":{"value":128,"loc":"67:5","isDefault":true},"timeout":{"value":3,"loc":"67:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"67:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"67:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/b.ts","loc":"67:50"}},"logRetentionDays":{"value":1,"loc":"67:69"}});
  });
  it("function Unknowns: an unknown RetentionDays member, a size from elsewhere, an Architecture built with new", () => {
    expect(byId(r.functions, "app/lib/stack.ts#Unknowns")).toEqual({"id":"app/lib/stack.ts#Unknowns","name":"Unknowns","format":"cdk","source":"68:5","memorySize":{"value":128,"loc":"68:5","isDefault":true},"timeout":{"value":3,"loc":"68:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"68:5","isDefault":true},"architecture":{"value":"arm64","loc":"68:161"},"ephemeralStorageMb":{"value":{"kind":"reference","text":"Size.mebibytes(shared.size)","refType":"cdk-expression"},"loc":"68:110"},"bundler":"nodejs-function","handler":{"value":"handler","loc":"68:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/u.ts","loc":"68:44"}},"logRetentionDays":{"value":{"kind":"reference","text":"logs.RetentionDays.TWELVE_YEARS","refType":"cdk-expression"},"loc":"68:63"}});
  });
  it("function ForeverGroupFn: a log group that never expires gives no retention", () => {
    expect(byId(r.functions, "app/lib/stack.ts#ForeverGroupFn")).toEqual({"id":"app/lib/stack.ts#ForeverGroupFn","name":"ForeverGroupFn","format":"cdk","source":"66:5","memorySize":{"value":128,"loc":"66:5","isDefault":true},"timeout":{"value":3,"loc":"66:5","isDefault":true},"environment":{},"triggers":[],"layers":[],"runtime":{"value":{"kind":"reference","text":"Runtime.NODEJS_LATEST (NodejsFunction default)","refType":"cdk-expression"},"loc":"66:5","isDefault":true},"bundler":"nodejs-function","handler":{"value":"handler","loc":"66:5","isDefault":true},"code":{"kind":"entry","path":{"value":"app/src/f.ts","loc":"66:50"}}});
  });
});
