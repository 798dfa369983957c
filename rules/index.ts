import handlerErrorBoundary from './handler-error-boundary.js';
import noAwsSdkV2 from './no-aws-sdk-v2.js';
import noCallbackHandler from './no-callback-handler.js';
import noClientInHandler from './no-client-in-handler.js';
import noHeavyImport from './no-heavy-import.js';

/** Every code rule of the plugin, by id. Configs and docs are derived from each rule's metadata. */
export const codeRules = {
  'handler-error-boundary': handlerErrorBoundary,
  'no-aws-sdk-v2': noAwsSdkV2,
  'no-callback-handler': noCallbackHandler,
  'no-client-in-handler': noClientInHandler,
  'no-heavy-import': noHeavyImport,
} as const;
