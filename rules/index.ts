import noAwsSdkV2 from './no-aws-sdk-v2.js';

/** Every code rule of the plugin, by id. Configs and docs are derived from each rule's metadata. */
export const codeRules = {
  'no-aws-sdk-v2': noAwsSdkV2,
} as const;
