/**
 * Templates the AWS CDK synthesized (`cdk synth` output committed to the repository) and the
 * functions the CDK itself adds to them. Such a template is build output when the CDK app that
 * produced it is in the project (the app's stack code is linted instead); when it is not, the
 * template is linted, but not the CDK's own custom-resource handlers, which the user can change
 * only by upgrading the CDK.
 */
import { get, scalarString, type YNode } from '../yaml-tree.js';
import type { CfnResource } from './values.js';

/**
 * Construct ids of the handlers the CDK adds (logical ids start with them, then an 8-character hash).
 * Checked 2026-12-06 against aws-cdk-lib sources and the construct paths projects suppress with cdk-nag:
 * - AwsCustomResource: SingletonFunction uuid 679f53fa-c002-430c-b0da-5b7982bd2287, lambdaPurpose 'AWS'
 *   (packages/aws-cdk-lib/custom-resources/lib/aws-custom-resource/aws-custom-resource.ts)
 * - BucketDeployment: SingletonFunction uuid 8693BB64-9689-44B6-9AAF-B0CC9EB8756C, purpose 'Custom::CDKBucketDeployment'
 *   (packages/aws-cdk-lib/aws-s3-deployment/lib/bucket-deployment.ts)
 * - S3 bucket notifications: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834'
 *   (packages/aws-cdk-lib/aws-s3/lib/notifications-resource/notifications-resource-handler.ts)
 * - Log retention: 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a' (packages/aws-cdk-lib/aws-logs/lib/log-retention.ts)
 * - CustomResourceProvider (`Custom::XCustomResourceProvider` -> `CustomXCustomResourceProviderHandler`),
 *   e.g. S3 auto-delete objects, VPC restrict default security group (packages/aws-cdk-lib/core/lib/custom-resource-provider)
 * - Provider framework: `framework-onEvent`, `framework-isComplete`, `framework-onTimeout`
 *   (packages/aws-cdk-lib/custom-resources/lib/provider-framework/provider.ts)
 */
const CDK_INTERNAL_IDS = [
  /^AWS679f53fac002430cb0da5b7982bd2287/,
  /^CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/,
  /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834/,
  /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/,
  /^Custom[A-Za-z0-9]*CustomResourceProviderHandler[0-9A-F]{8}$/,
  /framework(?:onEvent|isComplete|onTimeout)[0-9A-F]{8}$/,
];
const CDK_INTERNAL_PATHS = [
  /\/AWS679f53fac002430cb0da5b7982bd2287\//,
  /\/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/,
  /\/BucketNotificationsHandler050a0587b7544547bf325f094a3db834\//,
  /\/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\//,
  /\/Custom::[A-Za-z0-9]+CustomResourceProvider\//,
  /\/framework-(?:onEvent|isComplete|onTimeout)\//,
];

/** CDK logical ids end with an 8-character upper-case hash of the construct path. */
const CDK_LOGICAL_ID = /[a-z0-9][0-9A-F]{8}$/;

/** The resource's `Metadata: { aws:cdk:path: Stack/Construct/Resource }`. */
export function cdkPath(resource: CfnResource): string | undefined {
  return scalarString(get(get(resource.node, 'Metadata'), 'aws:cdk:path')) ?? undefined;
}

/** Whether the template is `cdk synth` output: CDK metadata, the bootstrap version check, or CDK-hashed ids throughout. */
export function isCdkSynthesized(root: YNode, resources: ReadonlyMap<string, CfnResource>): boolean {
  if (get(get(root, 'Parameters'), 'BootstrapVersion') || get(get(root, 'Rules'), 'CheckBootstrapVersion')) return true;
  const all = [...resources.values()];
  if (all.some((r) => r.type === 'AWS::CDK::Metadata' || cdkPath(r) !== undefined)) return true;
  return all.length >= 2 && all.every((r) => CDK_LOGICAL_ID.test(r.id));
}

/** A function the CDK adds for its own custom resources: not the user's code. */
export function isCdkInternalFunction(resource: CfnResource): boolean {
  const path = cdkPath(resource);
  if (path !== undefined && CDK_INTERNAL_PATHS.some((p) => p.test(path))) return true;
  return CDK_INTERNAL_IDS.some((p) => p.test(resource.id));
}
