import type { TriggerKind } from './trigger.js';
import type { Located, SourceLocation } from './location.js';

export type ConfigFormat = 'serverless' | 'sam' | 'cloudformation' | 'terraform' | 'cdk';

/** How the deploy packages the code, which decides what exists at run time. */
export type Bundler = 'esbuild' | 'webpack' | 'typescript' | 'nodejs-function' | 'serverless-bundle' | 'other';

export interface CodeLocation {
  /** `dir`: handler path is relative to it; `zip`/`image`: built artifact; `entry`: CDK NodejsFunction entry file; `inline`: code in the template. */
  kind: 'dir' | 'zip' | 'entry' | 'inline' | 'image';
  /** Relative to the analysis root (loaders resolve it against the config file's folder). */
  path: Located<string>;
  /**
   * Entry points a build step bundles from `path` (SAM `Metadata.BuildProperties.EntryPoints` with
   * `BuildMethod: esbuild`), relative to `path` as written: the handler names their outputs.
   */
  buildEntryPoints?: Array<Located<string>>;
}

export interface Trigger {
  kind: TriggerKind;
  loc: SourceLocation;
  /** Queue or stream this trigger reads from, when it is an event source mapping. */
  source?: {
    /** As written: logical id, ARN, `aws_sqs_queue.jobs.arn`, `${self:...}`. */
    ref: string;
    /** Id of the `SqsQueue` in the model when the loader could link it. */
    queueId?: string;
    /**
     * The bucket, queue or topic the loader resolved `ref` to, for loaders whose references are
     * not global names (CDK variables): compared with `LambdaFunction.environmentResources`.
     */
    resourceId?: string;
  };
  batchSize?: Located<number>;
  /** `FunctionResponseTypes` / `function_response_types`; `undefined` when not set. */
  functionResponseTypes?: Located<string[]>;
  /** Stream mapping on-failure destination. */
  onFailure?: Located<string>;
  /** API Gateway integration timeout in milliseconds, when the config sets one. */
  integrationTimeoutMs?: Located<number>;
  /**
   * Where the caller sends events it could not deliver: an SNS subscription's `RedrivePolicy`, an
   * EventBridge target's `DeadLetterConfig`. Only meaningful when `deliveryDeadLetterKnown` is set
   * (the loader read the subscription or target itself).
   */
  deliveryDeadLetter?: Located<string>;
  deliveryDeadLetterKnown?: boolean;
  /** S3 notification key filter (`prefix`/`suffix` rules), as written. */
  keyFilter?: Array<{ name: string; value: Located<string> }>;
  /** S3 notification event types (`s3:ObjectCreated:*`), when the config lists them. */
  s3Events?: string[];
  /** Lambda@Edge event type: viewer-request, origin-response, ... */
  edgeEventType?: string;
  /**
   * API Gateway REST integration with `responseTransferMode: STREAM` (response streaming): the
   * 29 s default does not bound it (up to 15 minutes). Set by loaders when they can see it.
   */
  responseStreaming?: boolean;
  /**
   * The caller invokes the function asynchronously and does not wait for it (API Gateway
   * integration with the `X-Amz-Invocation-Type: 'Event'` request header).
   */
  asyncInvocation?: boolean;
}

export interface FunctionUrl {
  authType: Located<string>;
  loc: SourceLocation;
  /** Alias or version the URL points at (`Qualifier`); undefined for the unqualified URL. */
  qualifier?: string;
}

export interface LambdaFunction {
  /** Unique and stable within one analysis: `<file>#<name>`. */
  id: string;
  /** Logical name: serverless function key, CloudFormation logical id, Terraform `type.name`, CDK construct id. */
  name: string;
  format: ConfigFormat;
  /** Where the function is defined. */
  source: SourceLocation;
  runtime?: Located<string>;
  architecture?: Located<string>;
  /** As written: `src/app.handler`, `index.main`. */
  handler?: Located<string>;
  code?: CodeLocation;
  packageType?: 'Zip' | 'Image';
  memorySize: Located<number>;
  timeout: Located<number>;
  /** Environment variables by name; the whole block's location in `environmentLoc`. */
  environment: Record<string, Located<string>>;
  environmentLoc?: SourceLocation;
  /** The environment block is not statically known as a whole (`environment: ${file(env.yml)}` unresolved, a CDK spread): names may be missing. */
  environmentUnknown?: boolean;
  /**
   * Environment variables whose value names a bucket, queue or topic the loader resolved (CDK
   * `bucket.bucketName`, `queue.queueUrl`, `topic.topicArn`): variable name -> the resource's id,
   * as in `Trigger.source.resourceId`.
   */
  environmentResources?: Record<string, string>;
  /** Files whose keys are loaded as environment (dotenv, serverless `useDotenv`). Relative to the root. */
  dotenvFiles?: string[];
  /** Deploy plugins of its config (serverless `plugins:`), some of which add environment variables. */
  deployPlugins?: string[];
  triggers: Trigger[];
  /** DLQ (`DeadLetterQueue`, `onError`, `dead_letter_config`). */
  deadLetter?: Located<string>;
  /** Async invoke on-failure destination (`EventInvokeConfig`, `destinations.onFailure`). */
  onFailureDestination?: Located<string>;
  /** Retention of the function's log group, when configured anywhere (log group resource, `logRetentionInDays`, CDK `logRetention`). */
  logRetentionDays?: Located<number>;
  tracing?: Located<string>;
  reservedConcurrency?: Located<number>;
  provisionedConcurrency?: Located<number>;
  /** Every function URL: the unqualified one and one per alias (`Qualifier`). */
  functionUrls?: FunctionUrl[];
  /** `EphemeralStorage.Size` / `ephemeral_storage.size` / `ephemeralStorageSize`, in MB. */
  ephemeralStorageMb?: Located<number>;
  layers: Array<Located<string>>;
  bundler?: Bundler;
  /** Rules suppressed for this function (CloudFormation `Metadata.lambdalint.ignore`). */
  ignoredRules?: IgnoredRule[];
}

/** One `Metadata.lambdalint.ignore` entry: a rule id (with or without `lambdalint/`) and why. */
export interface IgnoredRule {
  rule: string;
  reason?: string;
  loc: SourceLocation;
}

export interface SqsQueue {
  id: string;
  name: string;
  source: SourceLocation;
  visibilityTimeout: Located<number>;
  fifo?: boolean;
  /** `RedrivePolicy` / `redrive_policy` / CDK `deadLetterQueue`: where messages go after maxReceiveCount. */
  redrivePolicy?: Located<string>;
  /** The queue's redrive policy is set somewhere this analysis cannot see (a separate redrive resource, a spread). */
  redriveUnknown?: boolean;
}

/**
 * An invoke permission (`AWS::Lambda::Permission`, `aws_lambda_permission`, CDK `addPermission`).
 * Kept even when the function it names is not in the analysed configs.
 */
export interface InvokePermission {
  id: string;
  format: ConfigFormat;
  loc: SourceLocation;
  /** As written; references stay references. */
  principal: Located<string>;
  /** `FunctionName` as written, for messages. */
  functionRef: string;
  /** Name of the function in the model, when the loader could link it. */
  functionName?: string;
  sourceArn?: Located<string>;
  sourceAccount?: Located<string>;
  /** `PrincipalOrgID` / `principal_org_id`: limits a `*` principal to one organization. */
  principalOrgId?: Located<string>;
  /** `FunctionUrlAuthType`: a `*` permission that only opens a function URL with that auth type. */
  functionUrlAuthType?: Located<string>;
}

/** A trigger or URL whose function is not in the analysed configs (`FunctionName` is an ARN or an import). */
export interface DetachedTrigger {
  functionRef: string;
  format: ConfigFormat;
  trigger: Trigger;
}

export interface DetachedFunctionUrl {
  functionRef: string;
  format: ConfigFormat;
  url: FunctionUrl;
}

export interface LogGroup {
  id: string;
  name: string;
  source: SourceLocation;
  retentionDays?: Located<number>;
}

/** A key written twice in one map of a config file with different values: the last one wins. */
export interface ConflictingDuplicateKey {
  key: string;
  /** The later key, whose value is used. */
  loc: SourceLocation;
  /** The earlier key, whose value is silently dropped. */
  firstLoc: SourceLocation;
}

/** A problem with a config file itself (unparseable, too large, unreadable), or a loader bug. */
export interface LoadDiagnostic {
  ruleId: 'parse-error' | 'internal-error';
  message: string;
  loc: SourceLocation;
  /** Default 'error'; files skipped for size are a 'warning'. */
  severity?: 'error' | 'warning' | 'info';
}

/** Everything the loaders read from one project. */
export interface ProjectModel {
  functions: LambdaFunction[];
  queues: SqsQueue[];
  logGroups: LogGroup[];
  diagnostics: LoadDiagnostic[];
  /** Conflicting duplicate keys in config files (identical duplicates are left out). */
  duplicateKeys?: ConflictingDuplicateKey[];
  /** Invoke permissions, linked to a function or not. */
  permissions?: InvokePermission[];
  /** Event source mappings and other triggers whose function is not in the analysed configs. */
  detachedTriggers?: DetachedTrigger[];
  detachedFunctionUrls?: DetachedFunctionUrl[];
  /** Config files that were loaded, relative to the root, sorted. */
  configFiles: string[];
  /** Rules suppressed for a whole template (top-level `Metadata.lambdalint.ignore`); `loc.file` is the template. */
  ignoredRules?: IgnoredRule[];
}

/** AWS defaults, with sources. Checked 2026-11-27. */
export const LAMBDA_DEFAULTS = {
  /** https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html */
  timeoutSeconds: 3,
  maxTimeoutSeconds: 900,
  /** https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
  memoryMb: 128,
  /** https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html */
  sqsVisibilityTimeoutSeconds: 30,
} as const;
