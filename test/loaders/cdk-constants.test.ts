/**
 * aws-cdk-lib constants the CDK loader reads without running the CDK (values from aws-cdk-lib's
 * runtime.ts, log-group.ts and aws-lambda enums, checked 2026-11-27).
 */
import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, CDK_LOG_GROUP_DEFAULT_RETENTION_DAYS, DURATION_SECONDS, RETENTION_DAYS, S3_EVENT_TYPES, TRACING, runtimeFromConstant } from '../../src/loaders/cdk/constants.js';

describe('runtimeFromConstant', () => {
  it.each([
    ['NODEJS', 'nodejs'],
    ['NODEJS_4_3', 'nodejs4.3'],
    ['NODEJS_6_10', 'nodejs6.10'],
    ['NODEJS_8_10', 'nodejs8.10'],
    ['NODEJS_22_X', 'nodejs22.x'],
    ['JAVA_8_CORRETTO', 'java8.al2'],
    ['JAVA_21', 'java21'],
    ['DOTNET_CORE_1', 'dotnetcore1.0'],
    ['DOTNET_CORE_2', 'dotnetcore2.0'],
    ['DOTNET_CORE_2_1', 'dotnetcore2.1'],
    ['DOTNET_CORE_3_1', 'dotnetcore3.1'],
    ['DOTNET_8', 'dotnet8'],
    ['GO_1_X', 'go1.x'],
    ['PROVIDED', 'provided'],
    ['PROVIDED_AL2', 'provided.al2'],
    ['PROVIDED_AL2023', 'provided.al2023'],
    ['PYTHON_3_13', 'python3.13'],
    ['RUBY_3_4', 'ruby3.4'],
    // Multi-digit version parts (some are future names: the patterns must take every digit).
    ['NODEJS_100_X', 'nodejs100.x'],
    ['PYTHON_3_14', 'python3.14'],
    ['PYTHON_10_1', 'python10.1'],
    ['JAVA_25', 'java25'],
    ['DOTNET_10', 'dotnet10'],
    ['RUBY_3_10', 'ruby3.10'],
    ['RUBY_10_1', 'ruby10.1'],
  ])('%s is %s', (name, runtime) => {
    expect(runtimeFromConstant(name)).toBe(runtime);
  });

  it.each([['NODEJS_LATEST'], ['PYTHON_LATEST'], ['FROM_IMAGE'], ['ALL'], ['NODEJS_22'], ['PYTHON_3'], ['XNODEJS_22_X'], ['NODEJS_22_X_'], ['JAVA_X'], ['DOTNET_'], ['RUBY_3'], ['toString'],
    // Each pattern is anchored at both ends.
    ['XPYTHON_3_13'], ['PYTHON_3_13_X'], ['XJAVA_21'], ['JAVA_21_X'], ['XDOTNET_8'], ['DOTNET_8_X'], ['XRUBY_3_4'], ['RUBY_3_4_X'],
    ['NODEJS_X'], ['PYTHON_A_1'], ['PYTHON_3_A'], ['RUBY_A_4'], ['RUBY_3_A']])(
    '%s is not a fixed runtime',
    (name) => {
      expect(runtimeFromConstant(name)).toBeUndefined();
    },
  );
});

describe('enums', () => {
  it('log retention in days, with the CDK default of two years', () => {
    expect(RETENTION_DAYS).toMatchObject({ ONE_DAY: 1, ONE_WEEK: 7, ONE_MONTH: 30, ONE_YEAR: 365, TWO_YEARS: 731, TEN_YEARS: 3653, INFINITE: 9999 });
    expect(Object.keys(RETENTION_DAYS)).toHaveLength(23);
    expect(CDK_LOG_GROUP_DEFAULT_RETENTION_DAYS).toBe(731);
  });

  it('architectures, tracing modes and duration units', () => {
    expect(ARCHITECTURES).toEqual({ ARM_64: 'arm64', X86_64: 'x86_64' });
    expect(TRACING).toEqual({ ACTIVE: 'Active', PASS_THROUGH: 'PassThrough', DISABLED: 'Disabled' });
    expect(DURATION_SECONDS).toEqual({ millis: 0.001, seconds: 1, minutes: 60, hours: 3600, days: 86400 });
  });

  it('S3 event types as notification event names', () => {
    expect(S3_EVENT_TYPES).toEqual({
      OBJECT_CREATED: 's3:ObjectCreated:*',
      OBJECT_CREATED_PUT: 's3:ObjectCreated:Put',
      OBJECT_CREATED_POST: 's3:ObjectCreated:Post',
      OBJECT_CREATED_COPY: 's3:ObjectCreated:Copy',
      OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD: 's3:ObjectCreated:CompleteMultipartUpload',
      OBJECT_REMOVED: 's3:ObjectRemoved:*',
      OBJECT_REMOVED_DELETE: 's3:ObjectRemoved:Delete',
      OBJECT_REMOVED_DELETE_MARKER_CREATED: 's3:ObjectRemoved:DeleteMarkerCreated',
    });
  });
});
