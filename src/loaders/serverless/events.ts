/**
 * Serverless Framework `events:` -> triggers.
 * https://www.serverless.com/framework/docs/providers/aws/events
 */
import type { Trigger, TriggerKind } from '../../model/index.js';
import { mentionedResources, locatedNumber, locatedStringList, resolve, stringAt, type TemplateScope } from '../cloudformation/values.js';
import { get, pairLoc, pairOf, startOf, type YNode } from '../yaml-tree.js';

export interface EventContext {
  file: string;
  /** CloudFormation resources from `resources:` (types, for ARNs given as `!GetAtt X.Arn`). */
  scope: TemplateScope;
  /** Logical id -> `SqsQueue.id` of queues in `resources:`. */
  queueIds: Map<string, string>;
  /** Literal `QueueName` -> logical id. */
  queueNames: Map<string, string>;
  /** The resolved `provider` block. */
  provider: YNode;
}

const EVENT_KINDS: Record<string, TriggerKind> = {
  http: 'rest-api',
  httpApi: 'http-api',
  sqs: 'sqs',
  sns: 'sns',
  s3: 's3',
  schedule: 'schedule',
  eventBridge: 'eventbridge',
  cloudwatchEvent: 'eventbridge',
  cognitoUserPool: 'cognito',
  alb: 'alb',
  iot: 'iot',
};

export function readFunctionEvents(events: YNode | undefined, ctx: EventContext): Trigger[] {
  const triggers: Trigger[] = [];
  if (!events || events.kind !== 'seq') return triggers;
  for (const item of events.items) {
    if (item.kind !== 'map' || item.pairs.length === 0) continue;
    const event = item.pairs[0];
    const type = event.key;
    const value = event.value;
    const trigger: Trigger = { kind: EVENT_KINDS[type] ?? 'other', loc: startOf(event.keyLoc) };
    switch (type) {
      case 'http': {
        // `timeoutInMillis` on the event or `provider.apiGateway.timeoutInMillis` (Serverless v4.4.13+,
        // https://github.com/serverless/serverless/pull/12926).
        const own = locatedNumber(pairOf(value, 'timeoutInMillis'), ctx.scope);
        const inherited = own ? undefined : locatedNumber(pairOf(get(ctx.provider, 'apiGateway'), 'timeoutInMillis'), ctx.scope);
        if (inherited) inherited.inheritedFrom = 'provider';
        const timeout = own ?? inherited;
        if (timeout) trigger.integrationTimeoutMs = timeout;
        break;
      }
      case 'sqs': {
        const arn = value.kind === 'map' && !isIntrinsic(value) ? get(value, 'arn') : value;
        trigger.source = source(arn, ctx);
        readBatch(trigger, value, ctx);
        break;
      }
      case 'stream': {
        const arn = value.kind === 'map' && !isIntrinsic(value) ? get(value, 'arn') : value;
        trigger.kind = streamKind(arn, value, ctx);
        trigger.source = source(arn, ctx);
        readBatch(trigger, value, ctx);
        const onFailure = pairOf(get(value, 'destinations'), 'onFailure');
        if (onFailure) {
          const target = onFailure.value.kind === 'map' && !isIntrinsic(onFailure.value) ? get(onFailure.value, 'arn') : onFailure.value;
          const located = target ? stringAt(target, pairLoc(onFailure), ctx.scope) : undefined;
          if (located) trigger.onFailure = located;
        }
        break;
      }
      case 'sns': {
        const topic = value.kind === 'map' && !isIntrinsic(value) ? (get(value, 'arn') ?? get(value, 'topicName')) : value;
        trigger.source = source(topic, ctx);
        // `redrivePolicy: { deadLetterTargetArn | deadLetterTargetRef | deadLetterTargetImport }`.
        trigger.deliveryDeadLetterKnown = true;
        const redrive = pairOf(value.kind === 'map' && !isIntrinsic(value) ? value : undefined, 'redrivePolicy');
        if (redrive) trigger.deliveryDeadLetter = stringAt(redrive.value.kind === 'map' ? (redrive.value.pairs[0]?.value ?? redrive.value) : redrive.value, pairLoc(redrive), ctx.scope) ?? { value: 'configured', loc: pairLoc(redrive) };
        break;
      }
      case 'eventBridge': {
        trigger.deliveryDeadLetterKnown = true;
        const dlq = pairOf(value.kind === 'map' && !isIntrinsic(value) ? value : undefined, 'deadLetterQueueArn');
        const located = dlq ? stringAt(dlq.value, pairLoc(dlq), ctx.scope) : undefined;
        if (located) trigger.deliveryDeadLetter = located;
        break;
      }
      case 's3': {
        const bucket = value.kind === 'map' && !isIntrinsic(value) ? get(value, 'bucket') : value;
        trigger.source = source(bucket, ctx);
        if (value.kind === 'map' && !isIntrinsic(value)) readS3Rules(trigger, value, ctx);
        break;
      }
      case 'cloudFront': {
        const eventType = resolve(get(value, 'eventType'), ctx.scope);
        if (eventType.kind === 'literal') trigger.edgeEventType = String(eventType.value);
        break;
      }
      default:
        break;
    }
    if (trigger.source === undefined) delete trigger.source;
    triggers.push(trigger);
  }
  return triggers;
}

/** `event: s3:ObjectCreated:*` (the default) and `rules: [{ prefix: uploads/ }, { suffix: .jpg }]`. */
function readS3Rules(trigger: Trigger, value: YNode, ctx: EventContext): void {
  const event = resolve(get(value, 'event'), ctx.scope);
  trigger.s3Events = [event.kind === 'literal' ? String(event.value) : 's3:ObjectCreated:*'];
  const rules = get(value, 'rules');
  const filters: NonNullable<Trigger['keyFilter']> = [];
  for (const rule of rules?.kind === 'seq' ? rules.items : []) {
    if (rule.kind !== 'map') continue;
    for (const pair of rule.pairs) {
      const located = stringAt(pair.value, pairLoc(pair), ctx.scope);
      if (located && (pair.key === 'prefix' || pair.key === 'suffix')) filters.push({ name: pair.key, value: located });
    }
  }
  if (filters.length > 0) trigger.keyFilter = filters;
}

function isIntrinsic(node: YNode): boolean {
  if (node.kind !== 'map' || node.pairs.length !== 1) return false;
  const key = node.pairs[0].key;
  return key === 'Ref' || key.startsWith('Fn::');
}

function readBatch(trigger: Trigger, value: YNode, ctx: EventContext): void {
  if (value.kind !== 'map' || isIntrinsic(value)) return;
  const batch = locatedNumber(pairOf(value, 'batchSize'), ctx.scope);
  if (batch) trigger.batchSize = batch;
  // Serverless takes one value: `functionResponseType: ReportBatchItemFailures`.
  const types = locatedStringList(pairOf(value, 'functionResponseType') ?? pairOf(value, 'functionResponseTypes'), ctx.scope);
  if (types) trigger.functionResponseTypes = types;
}

function source(node: YNode | undefined, ctx: EventContext): Trigger['source'] | undefined {
  if (!node) return undefined;
  const mention = mentionedResources(node, ctx.scope)[0];
  if (mention) {
    const queueId = ctx.queueIds.get(mention.id);
    return queueId ? { ref: mention.id, queueId } : { ref: mention.id };
  }
  const resolved = resolve(node, ctx.scope);
  if (resolved.kind === 'literal') {
    const text = String(resolved.value);
    const arn = /^arn:aws[\w-]*:sqs:[^:]*:[^:]*:(.+)$/.exec(text);
    const name = arn ? arn[1] : undefined;
    const logicalId = name ? ctx.queueNames.get(name) : undefined;
    const queueId = logicalId ? ctx.queueIds.get(logicalId) : undefined;
    return queueId ? { ref: text, queueId } : { ref: text };
  }
  if (resolved.kind === 'reference') return { ref: resolved.ref.text };
  return undefined;
}

/** `type: dynamodb|kinesis`, else the ARN: `arn:aws:kinesis:...`, `.../stream/...`, `!GetAtt Table.StreamArn`. */
function streamKind(arn: YNode | undefined, value: YNode, ctx: EventContext): TriggerKind {
  const type = value.kind === 'map' ? resolve(get(value, 'type'), ctx.scope) : undefined;
  if (type?.kind === 'literal') {
    if (type.value === 'dynamodb') return 'dynamodb-stream';
    if (type.value === 'kinesis') return 'kinesis';
  }
  const mention = arn ? mentionedResources(arn, ctx.scope)[0] : undefined;
  if (mention) {
    const resourceType = ctx.scope.resources.get(mention.id)?.type;
    if (resourceType === 'AWS::DynamoDB::Table' || mention.attribute === 'StreamArn') return 'dynamodb-stream';
    if (resourceType === 'AWS::Kinesis::Stream' || resourceType === 'AWS::Kinesis::StreamConsumer') return 'kinesis';
  }
  const resolved = resolve(arn, ctx.scope);
  const text = resolved.kind === 'literal' ? String(resolved.value) : resolved.kind === 'reference' ? resolved.ref.text : '';
  if (/:kinesis:/.test(text)) return 'kinesis';
  if (/:dynamodb:/.test(text)) return 'dynamodb-stream';
  return 'other';
}
