import handlerErrorBoundary from './handler-error-boundary.js';
import noAwsSdkV2 from './no-aws-sdk-v2.js';
import noCallbackHandler from './no-callback-handler.js';
import noClientInHandler from './no-client-in-handler.js';
import noFloatingPromise from './no-floating-promise.js';
import noHardcodedConfig from './no-hardcoded-config.js';
import noHardcodedSecret from './no-hardcoded-secret.js';
import noHeavyImport from './no-heavy-import.js';
import noSwallowedError from './no-swallowed-error.js';
import processAllRecords from './process-all-records.js';
import reportBatchItemFailures from './report-batch-item-failures.js';
import temporaryCredentials from './temporary-credentials.js';

/** Every code rule of the plugin (config rules: ./config-index.ts, cross rules: ./cross-index.ts), by id. Configs and docs are derived from each rule's metadata. */
export const codeRules = {
  'handler-error-boundary': handlerErrorBoundary,
  'no-aws-sdk-v2': noAwsSdkV2,
  'no-callback-handler': noCallbackHandler,
  'no-client-in-handler': noClientInHandler,
  'no-floating-promise': noFloatingPromise,
  'no-hardcoded-config': noHardcodedConfig,
  'no-hardcoded-secret': noHardcodedSecret,
  'no-heavy-import': noHeavyImport,
  'no-swallowed-error': noSwallowedError,
  'process-all-records': processAllRecords,
  'report-batch-item-failures': reportBatchItemFailures,
  'temporary-credentials': temporaryCredentials,
} as const;
