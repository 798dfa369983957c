/** Small helpers shared by the config rules (rules/*.ts that read the deploy-config model). */
import type { LambdaFunction, Located, SourceLocation, TriggerKind } from './model/index.js';

/** `template.yaml:15`, for messages that point at a second place. */
export function where(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}`;
}

/**
 * Where a value comes from, for messages (the finding already points at its line):
 * `from Globals`, `from provider`, `own setting`, `the default`.
 */
export function origin(located: Located<unknown>): string {
  if (located.isDefault) return 'the default';
  return located.inheritedFrom === 'globals' ? 'from Globals' : located.inheritedFrom === 'provider' ? 'from provider' : 'own setting';
}

const TRIGGER_NAMES: Record<TriggerKind, string> = {
  'rest-api': 'API Gateway REST API',
  'http-api': 'API Gateway HTTP API',
  alb: 'Application Load Balancer',
  'function-url': 'function URL',
  http: 'HTTP caller',
  appsync: 'AppSync',
  sqs: 'SQS',
  sns: 'SNS',
  s3: 'S3',
  'dynamodb-stream': 'DynamoDB stream',
  kinesis: 'Kinesis stream',
  eventbridge: 'EventBridge',
  schedule: 'schedule',
  cognito: 'Cognito',
  iot: 'IoT rule',
  other: 'event source',
};

export function triggerName(kind: TriggerKind): string {
  return TRIGGER_NAMES[kind] ?? kind;
}

/** True when the function suppresses `ruleName` (CloudFormation `Metadata.lambdalint.ignore`). */
export function ignoresRule(fn: LambdaFunction, ruleName: string): boolean {
  return fn.ignoredRules?.some((i) => i.rule === ruleName) ?? false;
}
