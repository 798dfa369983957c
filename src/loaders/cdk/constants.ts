/**
 * Values of aws-cdk-lib constants that the CDK loader reads without running
 * CDK. Names and values from aws-cdk-lib's `aws-lambda/lib/runtime.ts`,
 * `aws-logs/lib/log-group.ts` (RetentionDays) and `aws-lambda` enums,
 * checked 2026-11-27.
 */

/**
 * `lambda.Runtime.NODEJS_20_X` -> `nodejs20.x`. Returns undefined for names
 * whose value depends on the installed aws-cdk-lib version
 * (`NODEJS_LATEST`, `PYTHON_LATEST`: "the latest runtime available in all
 * regions", re-pointed between CDK releases) or that are not runtimes
 * (`FROM_IMAGE`, `ALL`): the loader keeps those as references.
 */
export function runtimeFromConstant(name: string): string | undefined {
  if (/_LATEST$/.test(name) || name === 'FROM_IMAGE' || name === 'ALL') return undefined;
  const special: Record<string, string> = {
    NODEJS: 'nodejs',
    NODEJS_4_3: 'nodejs4.3',
    NODEJS_6_10: 'nodejs6.10',
    NODEJS_8_10: 'nodejs8.10',
    JAVA_8_CORRETTO: 'java8.al2',
    DOTNET_CORE_1: 'dotnetcore1.0',
    DOTNET_CORE_2: 'dotnetcore2.0',
    DOTNET_CORE_2_1: 'dotnetcore2.1',
    DOTNET_CORE_3_1: 'dotnetcore3.1',
    GO_1_X: 'go1.x',
    PROVIDED: 'provided',
    PROVIDED_AL2: 'provided.al2',
    PROVIDED_AL2023: 'provided.al2023',
  };
  if (Object.hasOwn(special, name)) return special[name];
  let m = /^NODEJS_(\d+)_X$/.exec(name);
  if (m) return `nodejs${m[1]}.x`;
  m = /^PYTHON_(\d+)_(\d+)$/.exec(name);
  if (m) return `python${m[1]}.${m[2]}`;
  m = /^JAVA_(\d+)$/.exec(name);
  if (m) return `java${m[1]}`;
  m = /^DOTNET_(\d+)$/.exec(name);
  if (m) return `dotnet${m[1]}`;
  m = /^RUBY_(\d+)_(\d+)$/.exec(name);
  if (m) return `ruby${m[1]}.${m[2]}`;
  return undefined;
}

/** `logs.RetentionDays.*` in days. INFINITE is 9999 in aws-cdk-lib, i.e. never expire. */
export const RETENTION_DAYS: Readonly<Record<string, number>> = {
  ONE_DAY: 1,
  THREE_DAYS: 3,
  FIVE_DAYS: 5,
  ONE_WEEK: 7,
  TWO_WEEKS: 14,
  ONE_MONTH: 30,
  TWO_MONTHS: 60,
  THREE_MONTHS: 90,
  FOUR_MONTHS: 120,
  FIVE_MONTHS: 150,
  SIX_MONTHS: 180,
  ONE_YEAR: 365,
  THIRTEEN_MONTHS: 400,
  EIGHTEEN_MONTHS: 545,
  TWO_YEARS: 731,
  THREE_YEARS: 1096,
  FIVE_YEARS: 1827,
  SIX_YEARS: 2192,
  SEVEN_YEARS: 2557,
  EIGHT_YEARS: 2922,
  NINE_YEARS: 3288,
  TEN_YEARS: 3653,
  INFINITE: 9999,
};

/** aws-cdk-lib `logs.LogGroup` retention when `retention` is not given: two years. */
export const CDK_LOG_GROUP_DEFAULT_RETENTION_DAYS = 731;

export const ARCHITECTURES: Readonly<Record<string, string>> = { ARM_64: 'arm64', X86_64: 'x86_64' };

export const TRACING: Readonly<Record<string, string>> = { ACTIVE: 'Active', PASS_THROUGH: 'PassThrough', DISABLED: 'Disabled' };

export const DURATION_SECONDS: Readonly<Record<string, number>> = {
  millis: 0.001,
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
};

/**
 * `s3.EventType.*` members in S3 notification event names, from aws-cdk-lib's `aws-s3/lib/bucket.ts`
 * (enum EventType), checked 2026-12-06. Members not listed stay as written (not object creation).
 */
export const S3_EVENT_TYPES: Readonly<Record<string, string>> = {
  OBJECT_CREATED: 's3:ObjectCreated:*',
  OBJECT_CREATED_PUT: 's3:ObjectCreated:Put',
  OBJECT_CREATED_POST: 's3:ObjectCreated:Post',
  OBJECT_CREATED_COPY: 's3:ObjectCreated:Copy',
  OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD: 's3:ObjectCreated:CompleteMultipartUpload',
  OBJECT_REMOVED: 's3:ObjectRemoved:*',
  OBJECT_REMOVED_DELETE: 's3:ObjectRemoved:Delete',
  OBJECT_REMOVED_DELETE_MARKER_CREATED: 's3:ObjectRemoved:DeleteMarkerCreated',
};
