/**
 * Values Lambda rejects when a function is created or updated (CreateFunction /
 * UpdateFunctionConfiguration validation): a template with them fails to deploy.
 * Checked 2026-12-06 against the pages in each entry's `source`; the same bounds are in
 * cfn-lint's resource schema for AWS::Lambda::Function (MemorySize 128-10240, Timeout >= 1,
 * EphemeralStorage.Size 512-10240, Layers maxItems 5).
 */
export interface LambdaLimit {
  /** What is limited, for messages. */
  what: string;
  unit: string;
  min?: number;
  max: number;
  source: string;
  checked: string;
}

export const LAMBDA_LIMITS = {
  memoryMb: {
    what: 'memory',
    unit: 'MB',
    min: 128,
    max: 10_240,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    checked: '2026-12-06',
  },
  timeoutSeconds: {
    what: 'timeout',
    unit: 's',
    min: 1,
    max: 900,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    checked: '2026-12-06',
  },
  ephemeralStorageMb: {
    what: 'ephemeral storage (/tmp)',
    unit: 'MB',
    min: 512,
    max: 10_240,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    checked: '2026-12-06',
  },
  layers: {
    what: 'layers',
    unit: 'layers',
    max: 5,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    checked: '2026-12-06',
  },
  /** "The total size of all environment variables doesn't exceed 4 KB": names plus values, in bytes. */
  environmentBytes: {
    what: 'environment variables',
    unit: 'bytes',
    max: 4_096,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    checked: '2026-12-06',
  },
} as const satisfies Record<string, LambdaLimit>;
