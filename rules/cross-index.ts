import type { CrossRule } from '../src/cross-rules/types.js';
import batchItemFailuresConfig from './batch-item-failures-config.js';
import handlerResolves from './handler-resolves.js';
import handlerSignature from './handler-signature.js';
import missingDependency from './missing-dependency.js';
import noRecursiveTrigger from './no-recursive-trigger.js';
import undefinedEnvVar from './undefined-env-var.js';
import unusedEnvVar from './unused-env-var.js';

/** Rules that check deploy configs against handler code, by id. */
export const crossRules: Record<string, CrossRule> = {
  'batch-item-failures-config': batchItemFailuresConfig as CrossRule,
  'handler-resolves': handlerResolves as CrossRule,
  'handler-signature': handlerSignature as CrossRule,
  'missing-dependency': missingDependency as CrossRule,
  'no-recursive-trigger': noRecursiveTrigger as CrossRule,
  'undefined-env-var': undefinedEnvVar as CrossRule,
  'unused-env-var': unusedEnvVar as CrossRule,
};
