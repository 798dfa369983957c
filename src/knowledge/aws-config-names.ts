/**
 * AWS names that decide whether a literal in handler code is per-deployment configuration:
 * SDK parameters that name one resource, and global services whose API answers in one region.
 * Shared by the JavaScript and Python visitors of `no-hardcoded-config`.
 * Checked 2026-11-27 against the pages in the rule's `sources`; boto3 service ids checked
 * 2026-12-06 against the boto3 service reference (https://docs.aws.amazon.com/boto3/latest/reference/services/index.html).
 */

/**
 * Parameters of AWS SDK inputs that name one resource of one account and stage
 * (v3 command inputs, v2 client calls, DocumentClient params: same PascalCase names).
 */
export const RESOURCE_PROPERTIES = new Set([
  'Bucket',
  'TableName',
  'QueueUrl',
  'QueueName',
  'TopicArn',
  'TargetArn',
  'FunctionName',
  'StateMachineArn',
  // Step Functions inputs are camelCase (`new StartExecutionCommand({ stateMachineArn })`).
  'stateMachineArn',
  'SecretId',
  'EventBusName',
  'StreamName',
  'DeliveryStreamName',
]);

/** Values of resource parameters that are the same in every account. */
export const SAME_IN_EVERY_ACCOUNT: Record<string, string[]> = { EventBusName: ['default'] };

/**
 * Clients of global services whose API only answers in one region, so a literal region is the
 * only correct value: CloudFront, Route 53, IAM, Organizations, Cost Explorer, Pricing, Shield, ...
 * `undefined` allows any region; a list allows only those (ACM and WAF certificates/ACLs for
 * CloudFront must be in us-east-1).
 */
export const GLOBAL_SERVICE_CLIENTS: Record<string, string[] | undefined> = {
  CloudFront: undefined,
  CloudFrontKeyValueStore: undefined,
  Route53: undefined,
  Route53Domains: undefined,
  IAM: undefined,
  Organizations: undefined,
  CostExplorer: undefined,
  Pricing: undefined,
  Shield: undefined,
  GlobalAccelerator: undefined,
  Health: undefined,
  Budgets: undefined,
  ACM: ['us-east-1'],
  WAFV2: ['us-east-1'],
};

/** boto3 service ids (`boto3.client('route53')`) of the global services above. */
export const BOTO3_GLOBAL_SERVICES: Record<string, keyof typeof GLOBAL_SERVICE_CLIENTS> = {
  cloudfront: 'CloudFront',
  'cloudfront-keyvaluestore': 'CloudFrontKeyValueStore',
  route53: 'Route53',
  route53domains: 'Route53Domains',
  iam: 'IAM',
  organizations: 'Organizations',
  ce: 'CostExplorer',
  pricing: 'Pricing',
  shield: 'Shield',
  globalaccelerator: 'GlobalAccelerator',
  health: 'Health',
  budgets: 'Budgets',
  acm: 'ACM',
  wafv2: 'WAFV2',
};
