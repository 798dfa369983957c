import { literal, type LambdaFunction, type TriggerKind } from './model/index.js';

/**
 * Default batch sizes of event source mappings (AWS::Lambda::EventSourceMapping BatchSize: SQS 10,
 * Kinesis and DynamoDB streams 100), checked 2026-12-06:
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
const DEFAULT_BATCH_SIZE: Partial<Record<TriggerKind, number>> = { sqs: 10, kinesis: 100, 'dynamodb-stream': 100 };

/** Largest batch an invocation can get; undefined without batch triggers or when a size is a reference. */
export function maxBatchSize(fn: LambdaFunction): number | undefined {
  let max: number | undefined;
  for (const trigger of fn.triggers) {
    const fallback = DEFAULT_BATCH_SIZE[trigger.kind];
    if (fallback === undefined) continue;
    const size = trigger.batchSize ? literal(trigger.batchSize) : fallback;
    if (typeof size !== 'number') return undefined;
    max = Math.max(max ?? 0, size);
  }
  return max;
}

/**
 * The largest batch over the functions that share one handler: undefined as soon as one of them has
 * no batch trigger or a batch size that is a reference (as the JavaScript handler settings merge it).
 */
export function sharedMaxBatchSize(functions: readonly LambdaFunction[]): number | undefined {
  let max: number | undefined;
  for (const fn of functions) {
    const batch = maxBatchSize(fn);
    if (batch === undefined) return undefined;
    max = Math.max(max ?? 0, batch);
  }
  return max;
}
