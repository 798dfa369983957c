import { handlerErrorBoundary } from './handler-error-boundary.js';
import { noClientInHandler } from './no-client-in-handler.js';
import { noHardcodedConfig } from './no-hardcoded-config.js';
import { noHardcodedSecret } from './no-hardcoded-secret.js';
import { noHeavyImport } from './no-heavy-import.js';
import { noSwallowedError } from './no-swallowed-error.js';
import { processAllRecords } from './process-all-records.js';
import { reportBatchItemFailures } from './report-batch-item-failures.js';
import { temporaryCredentials } from './temporary-credentials.js';
import type { PythonCheck } from './types.js';

/** Python visitors by rule id. Each id is an existing rule's: same docs page, messages and settings. */
export const pythonChecks: Record<string, PythonCheck> = {
  'handler-error-boundary': handlerErrorBoundary,
  'no-client-in-handler': noClientInHandler,
  'no-hardcoded-config': noHardcodedConfig,
  'no-hardcoded-secret': noHardcodedSecret,
  'no-heavy-import': noHeavyImport,
  'no-swallowed-error': noSwallowedError,
  'process-all-records': processAllRecords,
  'report-batch-item-failures': reportBatchItemFailures,
  'temporary-credentials': temporaryCredentials,
};
