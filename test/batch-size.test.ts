import { describe, expect, it } from 'vitest';
import { maxBatchSize, sharedMaxBatchSize } from '../src/batch-size.js';
import { lambda, ref, trigger, val } from './helpers/model-builder.js';

describe('batch sizes of event source mappings', () => {
  it('takes the configured size, or the AWS default when unset (SQS 10, streams 100), the largest over the triggers', () => {
    expect(maxBatchSize(lambda('A', { triggers: [trigger('sqs', 5, { batchSize: val(5, 6) })] }))).toBe(5);
    expect(maxBatchSize(lambda('B', { triggers: [trigger('sqs', 5)] }))).toBe(10);
    expect(maxBatchSize(lambda('C', { triggers: [trigger('kinesis', 5)] }))).toBe(100);
    expect(maxBatchSize(lambda('D', { triggers: [trigger('sqs', 5, { batchSize: val(1, 6) }), trigger('dynamodb-stream', 9)] }))).toBe(100);
  });

  it('is unknown for a size that is a reference, and absent without batch triggers', () => {
    expect(maxBatchSize(lambda('A', { triggers: [trigger('sqs', 5, { batchSize: val<number>(ref('BatchSize'), 6) })] }))).toBeUndefined();
    expect(maxBatchSize(lambda('B', { triggers: [trigger('s3', 5), trigger('sns', 7)] }))).toBeUndefined();
  });

  it('over functions sharing a handler: the largest, unknown as soon as one is unknown or has no batch trigger', () => {
    const one = lambda('One', { triggers: [trigger('sqs', 5, { batchSize: val(1, 6) })] });
    const ten = lambda('Ten', { triggers: [trigger('sqs', 5)] });
    const api = lambda('Api', { triggers: [trigger('http-api', 5)] });
    expect(sharedMaxBatchSize([one, ten])).toBe(10);
    expect(sharedMaxBatchSize([one])).toBe(1);
    expect(sharedMaxBatchSize([one, api])).toBeUndefined();
    expect(sharedMaxBatchSize([])).toBeUndefined();
  });
});
