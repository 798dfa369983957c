import asyncFailureDestination from './async-failure-destination.js';
import deprecatedRuntime from './deprecated-runtime.js';
import lambdaLimits from './lambda-limits.js';
import logRetention from './log-retention.js';
import noDefaultMemory from './no-default-memory.js';
import noDefaultTimeout from './no-default-timeout.js';
import noDuplicateKey from './no-duplicate-key.js';
import noMaxTimeout from './no-max-timeout.js';
import noPublicFunctionUrl from './no-public-function-url.js';
import noUnscopedPermission from './no-unscoped-permission.js';
import noSecretInEnvironment from './no-secret-in-environment.js';
import sqsRedrivePolicy from './sqs-redrive-policy.js';
import sqsVisibilityTimeout from './sqs-visibility-timeout.js';
import timeoutExceedsIntegration from './timeout-exceeds-integration.js';

/** Every config rule (rules over the deploy-config model), by id. Configs and docs derive from each rule's metadata. */
export const configRules = {
  'no-max-timeout': noMaxTimeout,
  'timeout-exceeds-integration': timeoutExceedsIntegration,
  'sqs-visibility-timeout': sqsVisibilityTimeout,
  'deprecated-runtime': deprecatedRuntime,
  'no-secret-in-environment': noSecretInEnvironment,
  'no-default-memory': noDefaultMemory,
  'no-default-timeout': noDefaultTimeout,
  'async-failure-destination': asyncFailureDestination,
  'log-retention': logRetention,
  'no-public-function-url': noPublicFunctionUrl,
  'lambda-limits': lambdaLimits,
  'no-unscoped-permission': noUnscopedPermission,
  'sqs-redrive-policy': sqsRedrivePolicy,
  'no-duplicate-key': noDuplicateKey,
} as const;
