/**
 * `AWS::Serverless::Function` (with SAM `Globals.Function` merged) and
 * `AWS::Lambda::Function` -> `LambdaFunction`.
 */
import {
  LAMBDA_DEFAULTS,
  literal,
  type CodeLocation,
  type LambdaFunction,
  type Located,
  type SourceLocation,
  type Trigger,
  type TriggerKind,
} from '../../model/index.js';
import {
  get,
  getPath,
  intrinsicName,
  pairLoc,
  pairOf,
  scalarString,
  startOf,
  type YNode,
  type YPair,
} from '../yaml-tree.js';
import { eventSource, mentionedType, relativeToTemplate, type TemplateContext } from './context.js';
import { readDeliveryDeadLetter } from './links.js';
import {
  booleanValue,
  locatedNumber,
  locatedString,
  locatedStringList,
  resolve,
  stringAt,
  type CfnResource,
} from './values.js';

interface Prop {
  pair: YPair;
  inherited: boolean;
}

/** Build the function model for one resource. `sam` decides whether `Globals.Function` applies. */
export function buildFunction(resource: CfnResource, ctx: TemplateContext, idSuffix = ''): LambdaFunction {
  const sam = resource.type === 'AWS::Serverless::Function';
  const props = resource.properties;
  const globals = sam ? ctx.globals : undefined;
  const defLoc = startOf(resource.loc);

  const prop = (name: string): Prop | undefined => {
    const own = pairOf(props, name);
    if (own) return { pair: own, inherited: false };
    const inherited = pairOf(globals, name);
    return inherited ? { pair: inherited, inherited: true } : undefined;
  };
  const mark = <T>(value: Located<T> | undefined, p: Prop | undefined): Located<T> | undefined => {
    if (value && p?.inherited) value.inheritedFrom = 'globals';
    return value;
  };
  const str = (name: string): Located<string> | undefined => {
    const p = prop(name);
    return mark(locatedString(p?.pair, ctx), p);
  };
  const num = (name: string): Located<number> | undefined => {
    const p = prop(name);
    return mark(locatedNumber(p?.pair, ctx), p);
  };

  const fn: LambdaFunction = {
    id: `${ctx.file}#${resource.id}${idSuffix}`,
    name: resource.id,
    format: ctx.format,
    source: defLoc,
    memorySize: num('MemorySize') ?? { value: LAMBDA_DEFAULTS.memoryMb, loc: defLoc, isDefault: true },
    timeout: num('Timeout') ?? { value: LAMBDA_DEFAULTS.timeoutSeconds, loc: defLoc, isDefault: true },
    environment: {},
    triggers: [],
    layers: [],
  };

  const runtime = str('Runtime');
  if (runtime) fn.runtime = runtime;
  const handler = str('Handler');
  if (handler) fn.handler = handler;

  const architectures = prop('Architectures');
  if (architectures) {
    const node = architectures.pair.value;
    const first = node.kind === 'seq' ? node.items[0] : node;
    const arch = first ? stringAt(first, pairLoc(architectures.pair), ctx) : undefined;
    if (arch) fn.architecture = mark(arch, architectures);
  }

  readEnvironment(fn, props, globals, ctx);
  readCode(fn, resource, sam, ctx, prop);

  if (sam) {
    const tracing = str('Tracing');
    if (tracing) fn.tracing = tracing;
  } else {
    const tracing = pairOf(get(props, 'TracingConfig'), 'Mode');
    const value = locatedString(tracing, ctx);
    if (value) fn.tracing = value;
  }

  const storage = prop('EphemeralStorage');
  if (storage) {
    const size = mark(locatedNumber(pairOf(storage.pair.value, 'Size'), ctx), storage);
    if (size) fn.ephemeralStorageMb = size;
  }

  const reserved = num('ReservedConcurrentExecutions');
  if (reserved) fn.reservedConcurrency = reserved;
  const provisioned = prop('ProvisionedConcurrencyConfig');
  if (provisioned) {
    const value = mark(locatedNumber(pairOf(provisioned.pair.value, 'ProvisionedConcurrentExecutions'), ctx), provisioned);
    if (value) fn.provisionedConcurrency = value;
  }

  // Layers: SAM Globals lists are additive (Globals first, then the function's).
  const layerProps = [pairOf(globals, 'Layers'), pairOf(props, 'Layers')];
  layerProps.forEach((pair, index) => {
    if (!pair) return;
    const items = pair.value.kind === 'seq' ? pair.value.items : [pair.value];
    for (const item of items) {
      const layer = stringAt(item, startOf(item.loc), ctx);
      if (!layer) continue;
      if (index === 0 && globals) layer.inheritedFrom = 'globals';
      fn.layers.push(layer);
    }
  });

  // Dead-letter queue: SAM `DeadLetterQueue: { Type, TargetArn }`, CFN `DeadLetterConfig: { TargetArn }`.
  const dlq = sam ? prop('DeadLetterQueue') : prop('DeadLetterConfig');
  if (dlq) {
    const target = pairOf(dlq.pair.value, 'TargetArn');
    const value = target ? stringAt(target.value, pairLoc(dlq.pair), ctx) : undefined;
    if (value) fn.deadLetter = mark(value, dlq);
  }

  if (sam) {
    const invoke = prop('EventInvokeConfig');
    if (invoke) {
      const onFailure = onFailureOf(get(invoke.pair.value, 'DestinationConfig'), pairLoc(invoke.pair), ctx);
      if (onFailure) fn.onFailureDestination = mark(onFailure, invoke);
    }
    const url = prop('FunctionUrlConfig');
    if (url) {
      const loc = pairLoc(url.pair);
      // AuthType is required; when missing the deploy fails, so it stays unknown.
      const authType = mark(locatedString(pairOf(url.pair.value, 'AuthType'), ctx), url) ?? {
        value: { kind: 'reference', text: 'FunctionUrlConfig without AuthType', refType: 'unknown' },
        loc,
      };
      fn.functionUrls = [{ authType, loc }];
      fn.triggers.push({ kind: 'function-url', loc });
    }
  }

  const metadata = get(resource.node, 'Metadata');
  const buildMethod = scalarString(get(metadata, 'BuildMethod'));
  if (buildMethod === 'esbuild') {
    fn.bundler = 'esbuild';
    // `sam build` bundles these (relative to CodeUri) into the artifact's root: the handler names an output.
    const entryPoints = locatedStringList(pairOf(get(metadata, 'BuildProperties'), 'EntryPoints'), ctx);
    const list = literal(entryPoints);
    if (entryPoints && list && list.length > 0 && fn.code?.kind === 'dir') {
      fn.code.buildEntryPoints = list.map((value) => ({ value, loc: entryPoints.loc }));
    }
  }
  const ignored = readIgnoredRules(metadata);
  if (ignored.length > 0) fn.ignoredRules = ignored;

  if (sam) readSamEvents(fn, get(props, 'Events'), ctx);
  return fn;
}

function readEnvironment(fn: LambdaFunction, props: YNode | undefined, globals: YNode | undefined, ctx: TemplateContext): void {
  const globalEnv = pairOf(globals, 'Environment');
  const ownEnv = pairOf(props, 'Environment');
  for (const [envPair, inherited] of [
    [globalEnv, true],
    [ownEnv, false],
  ] as const) {
    if (!envPair) continue;
    fn.environmentLoc = pairLoc(envPair);
    const variables = get(envPair.value, 'Variables');
    // `!If`/`!Ref` parse as a one-key map: their key is not a variable name.
    const intrinsic = intrinsicName(variables);
    if (!variables || variables.kind !== 'map' || (intrinsic !== undefined && intrinsic !== 'Condition')) {
      // `Variables: !If [...]`, `!Ref`: names unknown.
      if (variables && !(variables.kind === 'scalar' && variables.value === null)) fn.environmentUnknown = true;
      continue;
    }
    for (const pair of variables.pairs) {
      const value = locatedString(pair, ctx) ?? { value: '', loc: pairLoc(pair) };
      if (inherited) value.inheritedFrom = 'globals';
      fn.environment[pair.key] = value;
    }
  }
}

function readCode(
  fn: LambdaFunction,
  resource: CfnResource,
  sam: boolean,
  ctx: TemplateContext,
  prop: (name: string) => Prop | undefined,
): void {
  const packageType = scalarString(prop('PackageType')?.pair.value);
  if (packageType === 'Image' || packageType === 'Zip') fn.packageType = packageType;

  let code: CodeLocation | undefined;
  if (sam) {
    const inline = prop('InlineCode');
    const image = prop('ImageUri');
    const codeUri = prop('CodeUri');
    if (inline) code = { kind: 'inline', path: { value: ctx.file, loc: pairLoc(inline.pair) } };
    else if (image) code = imageCode(image.pair, ctx);
    else if (codeUri) code = codeUriLocation(codeUri.pair, ctx);
    if (code && codeUri?.inherited && code.path) code.path.inheritedFrom = 'globals';
    if (!code && fn.packageType !== 'Image') {
      // SAM CLI builds from the template's directory when CodeUri is left out (`_DEFAULT_CODEURI = "."`
      // in samcli/lib/providers/sam_function_provider.py).
      code = { kind: 'dir', path: { value: relativeToTemplate(ctx.file, '.'), loc: startOf(resource.loc), isDefault: true } };
    }
    if (!code && fn.packageType === 'Image') {
      // `sam build` builds the image from Metadata.DockerContext.
      const docker = pairOf(get(resource.node, 'Metadata'), 'DockerContext');
      const context = docker ? scalarString(docker.value) : undefined;
      if (docker && context) code = { kind: 'image', path: { value: relativeToTemplate(ctx.file, context), loc: pairLoc(docker) } };
    }
  } else {
    const codePair = pairOf(resource.properties, 'Code');
    if (codePair && codePair.value.kind === 'scalar') {
      // `aws cloudformation package` accepts a local path here and uploads it.
      code = codeUriLocation(codePair, ctx);
    } else if (codePair) {
      const zip = pairOf(codePair.value, 'ZipFile');
      const image = pairOf(codePair.value, 'ImageUri');
      const key = pairOf(codePair.value, 'S3Key');
      if (zip) code = { kind: 'inline', path: { value: ctx.file, loc: pairLoc(zip) } };
      else if (image) code = imageCode(image, ctx);
      else if (key) {
        const value = s3Path(get(codePair.value, 'S3Bucket'), key.value, ctx);
        code = { kind: 'zip', path: { value, loc: pairLoc(codePair) } };
      }
    }
  }
  if (code) fn.code = code;
  if (code?.kind === 'image' && !fn.packageType) fn.packageType = 'Image';
}

function imageCode(pair: YPair, ctx: TemplateContext): CodeLocation {
  return { kind: 'image', path: locatedString(pair, ctx) ?? { value: '', loc: pairLoc(pair) } };
}

function s3Path(bucket: YNode | undefined, key: YNode | undefined, ctx: TemplateContext): string {
  const b = resolve(bucket, ctx);
  const k = resolve(key, ctx);
  if (b.kind === 'literal' && k.kind === 'literal') return `s3://${String(b.value)}/${String(k.value)}`;
  return `s3://${b.kind === 'literal' ? String(b.value) : '?'}/${k.kind === 'literal' ? String(k.value) : '?'}`;
}

function codeUriLocation(pair: YPair, ctx: TemplateContext): CodeLocation | undefined {
  const loc = pairLoc(pair);
  const node = pair.value;
  if (node.kind === 'map' && (get(node, 'Bucket') || get(node, 'Key'))) {
    return { kind: 'zip', path: { value: s3Path(get(node, 'Bucket'), get(node, 'Key'), ctx), loc } };
  }
  const value = locatedString(pair, ctx);
  if (!value) return undefined;
  if (typeof value.value !== 'string') return { kind: 'dir', path: value };
  const written = value.value;
  if (/^s3:\/\//i.test(written)) return { kind: 'zip', path: value };
  const path = relativeToTemplate(ctx.file, written);
  const kind = /\.(zip|jar)$/i.test(written) ? 'zip' : 'dir';
  return { kind, path: { ...value, value: path } };
}

/** `DestinationConfig: { OnFailure: { Destination, Type } }`; SAM may give only `Type` (it creates the target). */
export function onFailureOf(destinationConfig: YNode | undefined, loc: SourceLocation, ctx: TemplateContext): Located<string> | undefined {
  const onFailure = pairOf(destinationConfig, 'OnFailure');
  // `OnFailure: {}` or an empty key names no destination: failed events are still dropped.
  if (!onFailure || isEmpty(onFailure.value)) return undefined;
  const destination = pairOf(onFailure.value, 'Destination');
  if (destination) {
    const value = stringAt(destination.value, pairLoc(destination), ctx);
    if (value) return value;
  }
  const type = locatedString(pairOf(onFailure.value, 'Type'), ctx);
  if (type) return { ...type, loc: pairLoc(onFailure) };
  return stringAt(onFailure.value, loc, ctx) ?? { value: 'configured', loc: pairLoc(onFailure) };
}

function isEmpty(node: YNode): boolean {
  return (node.kind === 'map' && node.pairs.length === 0) || (node.kind === 'scalar' && (node.value === null || node.value === ''));
}

/** `Metadata: { lambdalint: { ignore: [rule, { rule, reason }] } }`. */
export function readIgnoredRules(metadata: YNode | undefined): NonNullable<LambdaFunction['ignoredRules']> {
  const out: NonNullable<LambdaFunction['ignoredRules']> = [];
  const ignore = get(get(metadata, 'lambdalint'), 'ignore');
  if (!ignore) return out;
  const items = ignore.kind === 'seq' ? ignore.items : [ignore];
  for (const item of items) {
    const asString = scalarString(item);
    if (asString) {
      out.push({ rule: asString, loc: startOf(item.loc) });
      continue;
    }
    const rule = scalarString(get(item, 'rule'));
    if (!rule) continue;
    const reason = scalarString(get(item, 'reason'));
    out.push(reason ? { rule, reason, loc: startOf(item.loc) } : { rule, loc: startOf(item.loc) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// SAM Events

/** SAM event type -> trigger kind. https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html */
const SAM_EVENT_KINDS: Record<string, TriggerKind> = {
  Api: 'rest-api',
  HttpApi: 'http-api',
  SQS: 'sqs',
  SNS: 'sns',
  S3: 's3',
  DynamoDB: 'dynamodb-stream',
  Kinesis: 'kinesis',
  Schedule: 'schedule',
  ScheduleV2: 'schedule',
  EventBridgeRule: 'eventbridge',
  CloudWatchEvent: 'eventbridge',
  Cognito: 'cognito',
  IoTRule: 'iot',
};

function readSamEvents(fn: LambdaFunction, events: YNode | undefined, ctx: TemplateContext): void {
  if (!events || events.kind !== 'map') return;
  for (const event of events.pairs) {
    const type = scalarString(get(event.value, 'Type')) ?? '';
    const properties = get(event.value, 'Properties');
    const trigger: Trigger = { kind: SAM_EVENT_KINDS[type] ?? 'other', loc: startOf(event.keyLoc) };
    switch (type) {
      case 'Api':
      case 'HttpApi': {
        const timeout = locatedNumber(pairOf(properties, 'TimeoutInMillis'), ctx);
        if (timeout) trigger.integrationTimeoutMs = timeout;
        break;
      }
      case 'SQS':
        trigger.source = eventSource(get(properties, 'Queue'), ctx);
        readBatch(trigger, properties, ctx);
        break;
      case 'DynamoDB':
      case 'Kinesis': {
        trigger.source = eventSource(get(properties, 'Stream'), ctx);
        readBatch(trigger, properties, ctx);
        const onFailure = onFailureOf(get(properties, 'DestinationConfig'), trigger.loc, ctx);
        if (onFailure) trigger.onFailure = onFailure;
        break;
      }
      case 'SNS': {
        const subscription = get(properties, 'SqsSubscription');
        const enabled = subscription && (subscription.kind === 'map' || booleanValue(subscription, ctx) === true);
        if (enabled) {
          // SAM puts an SQS queue between the topic and the function.
          trigger.kind = 'sqs';
          const queueArn = get(subscription, 'QueueArn');
          trigger.source = queueArn ? eventSource(queueArn, ctx) : { ref: `${fn.name}.${event.key} (SqsSubscription)` };
          readBatch(trigger, subscription, ctx);
        } else {
          trigger.source = eventSource(get(properties, 'Topic'), ctx);
          readDeliveryDeadLetter(trigger, pairOf(properties, 'RedrivePolicy'), 'deadLetterTargetArn', ctx);
        }
        break;
      }
      case 'EventBridgeRule':
      case 'CloudWatchEvent':
      case 'Schedule':
      case 'ScheduleV2':
        // SAM `DeadLetterConfig: { Arn }` or `{ Type: SQS }` (SAM creates the queue).
        readDeliveryDeadLetter(trigger, pairOf(properties, 'DeadLetterConfig'), 'Arn', ctx);
        if (trigger.deliveryDeadLetter === undefined) {
          const type = locatedString(pairOf(get(properties, 'DeadLetterConfig'), 'Type'), ctx);
          if (type) trigger.deliveryDeadLetter = type;
        }
        break;
      case 'S3':
        trigger.source = eventSource(get(properties, 'Bucket'), ctx);
        readS3Filter(trigger, properties, ctx);
        break;
      case 'MSK':
      case 'SelfManagedKafka':
      case 'MQ':
      case 'DocumentDB':
        readBatch(trigger, properties, ctx);
        break;
      default:
        break;
    }
    if (trigger.source === undefined) delete trigger.source;
    fn.triggers.push(trigger);
  }
}

/** S3 notification event types and `Filter.S3Key.Rules` (SAM event and bucket `LambdaConfigurations`). */
export function readS3Filter(trigger: Trigger, properties: YNode | undefined, ctx: TemplateContext): void {
  const events = get(properties, 'Events') ?? get(properties, 'Event');
  const eventItems = events?.kind === 'seq' ? events.items : events ? [events] : [];
  const names = eventItems.map((e) => scalarString(e)).filter((e): e is string => e !== undefined);
  if (names.length > 0) trigger.s3Events = names;
  const rules = getPath(properties, 'Filter', 'S3Key', 'Rules');
  const filters: NonNullable<Trigger['keyFilter']> = [];
  for (const rule of rules?.kind === 'seq' ? rules.items : []) {
    const name = scalarString(get(rule, 'Name'));
    const value = locatedString(pairOf(rule, 'Value'), ctx);
    if (name && value) filters.push({ name: name.toLowerCase(), value });
  }
  if (filters.length > 0) trigger.keyFilter = filters;
}

export function readBatch(trigger: Trigger, properties: YNode | undefined, ctx: TemplateContext): void {
  const batch = locatedNumber(pairOf(properties, 'BatchSize'), ctx);
  if (batch) trigger.batchSize = batch;
  const types = locatedStringList(pairOf(properties, 'FunctionResponseTypes'), ctx);
  if (types) trigger.functionResponseTypes = types;
}

/** A node that holds something: not missing, `~`, `null` or `''`. */
function hasValue(node: YNode | undefined): boolean {
  return node !== undefined && !(node.kind === 'scalar' && (node.value === null || node.value === ''));
}

/** Trigger kind of an event source mapping from what its `EventSourceArn` points at. */
export function eventSourceKind(arn: YNode | undefined, properties: YNode | undefined, ctx: TemplateContext): TriggerKind {
  const target = mentionedType(arn, ctx);
  if (target) {
    if (target.type === 'AWS::SQS::Queue') return 'sqs';
    if (target.type === 'AWS::DynamoDB::Table' || target.type === 'AWS::DynamoDB::GlobalTable') return 'dynamodb-stream';
    if (target.type === 'AWS::Kinesis::Stream' || target.type === 'AWS::Kinesis::StreamConsumer') return 'kinesis';
    if (target.type === 'AWS::Serverless::SimpleTable') return 'dynamodb-stream';
  }
  if (target?.attribute === 'StreamArn') return 'dynamodb-stream';
  const resolved = resolve(arn, ctx);
  const text = resolved.kind === 'literal' ? String(resolved.value) : resolved.kind === 'reference' ? resolved.ref.text : '';
  if (/^arn:aws[\w-]*:sqs:/.test(text)) return 'sqs';
  if (/^arn:aws[\w-]*:kinesis:/.test(text)) return 'kinesis';
  if (/^arn:aws[\w-]*:dynamodb:.*\/stream\//.test(text)) return 'dynamodb-stream';
  if (resolved.kind === 'reference' && /arn:\$\{AWS::Partition\}:sqs:|arn:aws:sqs:/.test(text)) return 'sqs';
  if (resolved.kind === 'reference' && /:kinesis:/.test(text)) return 'kinesis';
  if (resolved.kind === 'reference' && /:dynamodb:.*\/stream\//.test(text)) return 'dynamodb-stream';
  // Kinesis, DynamoDB streams, MSK and self-managed Kafka all require StartingPosition;
  // Amazon MQ has Queues, DocumentDB its own config. Without any of them the source is SQS.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
  if (
    hasValue(arn) &&
    !get(properties, 'StartingPosition') &&
    !get(properties, 'Queues') &&
    !get(properties, 'Topics') &&
    !get(properties, 'SelfManagedEventSource') &&
    !get(properties, 'DocumentDBEventSourceConfig')
  ) {
    return 'sqs';
  }
  return 'other';
}
