/**
 * What invokes a Lambda function. Shared by the code rules (inferred from
 * handler code) and the deploy-config model (read from templates).
 * 'http' is an HTTP caller of unknown kind (inferred from code alone).
 */
export const TRIGGER_KINDS = [
  'rest-api',
  'http-api',
  'alb',
  'function-url',
  'http',
  'appsync',
  'sqs',
  'sns',
  's3',
  'dynamodb-stream',
  'kinesis',
  'eventbridge',
  'schedule',
  'cognito',
  'iot',
  'other',
] as const;

export type TriggerKind = (typeof TRIGGER_KINDS)[number];

const HTTP_TRIGGERS: ReadonlySet<TriggerKind> = new Set(['rest-api', 'http-api', 'alb', 'function-url', 'http']);
const BATCH_TRIGGERS: ReadonlySet<TriggerKind> = new Set(['sqs', 'kinesis', 'dynamodb-stream']);
/** Callers that invoke the function asynchronously (event invoke) or poll it (event source mapping). */
const NON_SYNC_TRIGGERS: ReadonlySet<TriggerKind> = new Set([
  'sqs', 'sns', 's3', 'dynamodb-stream', 'kinesis', 'eventbridge', 'schedule', 'iot',
]);

export function isTriggerKind(value: unknown): value is TriggerKind {
  return typeof value === 'string' && (TRIGGER_KINDS as readonly string[]).includes(value);
}
export const isHttpTrigger = (kind: TriggerKind): boolean => HTTP_TRIGGERS.has(kind);
export const isBatchTrigger = (kind: TriggerKind): boolean => BATCH_TRIGGERS.has(kind);
export const isNonSyncTrigger = (kind: TriggerKind): boolean => NON_SYNC_TRIGGERS.has(kind);
