/**
 * AWS CDK (TypeScript) loader: reads one stack file statically with the
 * `typescript` compiler API into the Lambda model. Never synthesizes, never
 * imports or runs the app.
 *
 * What it follows, within the one file: imports of `aws-cdk-lib` (root,
 * `aws-cdk-lib/*` and namespaced `cdk.aws_lambda.*`), CDK v1 `@aws-cdk/*` and
 * the `-alpha` modules; constants (`const`, readonly fields, `const` objects),
 * template literals, arithmetic, `path.join(__dirname, ...)`; which
 * `new X(...)` a variable, class field (`this.fn = ...`), method return
 * value or in-file function parameter holds. Props or values that come from
 * another file, a constructor parameter filled by the app, a loop or any
 * runtime value are `Reference`s (refType 'cdk-expression').
 *
 * `Runtime.NODEJS_LATEST` / `PYTHON_LATEST` (and a NodejsFunction without
 * `runtime`, which defaults to NODEJS_LATEST) are references too: their value
 * depends on the aws-cdk-lib version installed.
 *
 * API Gateway authorizers (TokenAuthorizer, RequestAuthorizer, HTTP Lambda
 * authorizers) and WebSocket integrations become 'other' triggers.
 */
import { jsNestingPosition } from '../code/nesting.js';
import { posix } from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript-api.js';
import {
  LAMBDA_DEFAULTS,
  isReference,
  type CodeLocation,
  type InvokePermission,
  type LambdaFunction,
  type Located,
  type LogGroup,
  type Reference,
  type SourceLocation,
  type SqsQueue,
  type Trigger,
  type TriggerKind,
} from '../model/index.js';
import { emptyResult, type LoaderHost, type LoadResult } from './types.js';
import { ARCHITECTURES, CDK_LOG_GROUP_DEFAULT_RETENTION_DAYS, DURATION_SECONDS, RETENTION_DAYS, S3_EVENT_TYPES, TRACING, runtimeFromConstant } from './cdk/constants.js';
import { CdkSource, skipOuter, withBindings, type Props } from './cdk/resolve.js';

/** Files above this size are not parsed. */
export const MAX_CDK_FILE_BYTES = 2 * 1024 * 1024;

const CDK_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)['"](?:aws-cdk-lib(?:\/[\w-]+)?|@aws-cdk\/[\w-]+|constructs)['"]/;
const CONSTRUCTS_FUNCTION = /\bnew\s+[\w$.]*(?:Function|NodejsFunction|PythonFunction|GoFunction)\s*[(<]/;

const TEST_FILE = /(?:^|\/)(?:test|tests|__tests__)\/|\.(?:test|spec)\.[cm]?ts$/;

/** Classes imported from a relative path (`import { OrdersApi } from './orders-api'`): maybe constructs of the project. */
const RELATIVE_IMPORT = /\bimport\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*['"]\.\.?\//g;

/**
 * A CDK stack file that constructs a Lambda function, or instantiates a class imported from the
 * project (a wrapper construct may create one): a cheap text test; `loadCdk` decides precisely.
 */
export function isCdkFile(text: string, path = ''): boolean {
  if (!CDK_IMPORT.test(text)) return false;
  if (CONSTRUCTS_FUNCTION.test(text)) return true;
  // Unit tests instantiate the project's constructs too: they deploy nothing.
  if (TEST_FILE.test(path)) return false;
  for (const m of text.matchAll(RELATIVE_IMPORT)) {
    const names = [m[1], ...(m[2] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/).pop())].filter((n): n is string => !!n && /^\w+$/.test(n));
    if (names.some((name) => new RegExp(`\\bnew\\s+${name}\\s*[(<]`).test(text))) return true;
  }
  return false;
}

/** A path the CDK loader should look at: `.ts`, not a declaration file, not build output or dependencies. */
export function isCdkPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p) && !/(^|\/)(cdk\.out|node_modules)\//.test(p);
}

type FunctionClass = 'function' | 'nodejs' | 'python' | 'go' | 'image' | 'edge';

const FUNCTION_CLASSES: Readonly<Record<string, FunctionClass>> = {
  'aws-lambda:Function': 'function',
  'aws-lambda:SingletonFunction': 'function',
  'aws-lambda:DockerImageFunction': 'image',
  'aws-lambda-nodejs:NodejsFunction': 'nodejs',
  'aws-lambda-python:PythonFunction': 'python',
  'aws-lambda-go:GoFunction': 'go',
  'aws-cloudfront:experimental.EdgeFunction': 'edge',
};

const EVENT_SOURCES: Readonly<Record<string, TriggerKind>> = {
  'aws-lambda-event-sources:SqsEventSource': 'sqs',
  'aws-lambda-event-sources:DynamoEventSource': 'dynamodb-stream',
  'aws-lambda-event-sources:KinesisEventSource': 'kinesis',
  'aws-lambda-event-sources:KinesisConsumerEventSource': 'kinesis',
  'aws-lambda-event-sources:SnsEventSource': 'sns',
  'aws-lambda-event-sources:S3EventSource': 's3',
  'aws-lambda-event-sources:S3EventSourceV2': 's3',
  'aws-lambda-event-sources:ManagedKafkaEventSource': 'other',
  'aws-lambda-event-sources:SelfManagedKafkaEventSource': 'other',
  'aws-lambda-event-sources:ApiEventSource': 'rest-api',
};

/** Constructs that take the function as an argument or prop and invoke it. */
const INVOKERS: Readonly<Record<string, { kind: TriggerKind; arg?: number; prop?: string }>> = {
  'aws-apigateway:LambdaRestApi': { kind: 'rest-api', prop: 'handler' },
  'aws-apigateway:LambdaIntegration': { kind: 'rest-api', arg: 0 },
  'aws-apigateway:TokenAuthorizer': { kind: 'other', prop: 'handler' },
  'aws-apigateway:RequestAuthorizer': { kind: 'other', prop: 'handler' },
  'aws-apigatewayv2-integrations:HttpLambdaIntegration': { kind: 'http-api', arg: 1 },
  'aws-apigatewayv2-integrations:WebSocketLambdaIntegration': { kind: 'other', arg: 1 },
  'aws-apigatewayv2-authorizers:HttpLambdaAuthorizer': { kind: 'other', arg: 1 },
  'aws-apigatewayv2-authorizers:WebSocketLambdaAuthorizer': { kind: 'other', arg: 1 },
  'aws-sns-subscriptions:LambdaSubscription': { kind: 'sns', arg: 0 },
  'aws-s3-notifications:LambdaDestination': { kind: 's3', arg: 0 },
  'aws-events-targets:LambdaFunction': { kind: 'eventbridge', arg: 0 },
  'aws-scheduler-targets:LambdaInvoke': { kind: 'schedule', arg: 0 },
  'aws-elasticloadbalancingv2-targets:LambdaTarget': { kind: 'alb', arg: 0 },
  'aws-appsync:LambdaDataSource': { kind: 'appsync', prop: 'lambdaFunction' },
  'aws-lambda:EventSourceMapping': { kind: 'other', prop: 'target' },
  'aws-lambda:FunctionUrl': { kind: 'function-url', prop: 'function' },
};

/** Attributes that name a bucket, queue or topic: what code passes as `Bucket`, `QueueUrl`, `TopicArn`. */
const RESOURCE_ATTRIBUTES = new Set(['bucketName', 'bucketArn', 'queueUrl', 'queueArn', 'queueName', 'topicArn', 'topicName']);
/** `s3.Bucket.fromBucketName(this, 'Id', 'name')` and the like: an existing resource, given a construct id here. */
const IMPORTED_RESOURCE = /^aws-(?:s3:Bucket|sqs:Queue|sns:Topic)\.from\w+$/;
/** Invokers whose trigger the call that attaches them completes (`bucket.addEventNotification(.., dest)`, `topic.addSubscription(sub)`). */
const ATTACHED_INVOKERS = new Set(['aws-s3-notifications:LambdaDestination', 'aws-sns-subscriptions:LambdaSubscription']);
/** Invokers with a `deadLetterQueue` prop for events the service could not deliver. */
const DELIVERY_DLQ_INVOKERS = new Set(['aws-sns-subscriptions:LambdaSubscription', 'aws-events-targets:LambdaFunction']);

/** Loads one CDK TypeScript file. Never throws. */
export function loadCdk(file: string, text: string, host: LoaderHost): LoadResult {
  const result = emptyResult();
  const loc = { file, line: 1, column: 1 };
  if (text.length > MAX_CDK_FILE_BYTES) {
    result.diagnostics.push({ ruleId: 'parse-error', message: `${file} is over ${MAX_CDK_FILE_BYTES / 1024 / 1024} MB: not parsed as a CDK stack.`, loc });
    return result;
  }
  if (text.includes('\u0000')) {
    result.diagnostics.push({ ruleId: 'parse-error', message: `${file} is a binary file, not TypeScript.`, loc });
    return result;
  }
  const deep = jsNestingPosition(text, MAX_CDK_NESTING);
  if (deep) {
    result.diagnostics.push({ ruleId: 'parse-error', message: `${file} nests brackets deeper than ${MAX_CDK_NESTING} levels: not read as a CDK stack.`, loc: { file, ...deep } });
    return result;
  }
  try {
    const loader = new CdkLoader(new CdkSource(file, text, appDirOf(file, host)), host, result);
    loader.load();
    const exhausted = loader.src.expansion.diagnostic();
    if (exhausted) result.diagnostics.push(exhausted);
  } catch (error) {
    // Deep expressions without brackets (`1 + 1 + ...` thousands of times) can still exhaust the
    // stack in the TypeScript parser or here: that is an input limit, not a loader bug.
    const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
    result.diagnostics.push({
      ruleId: tooDeep ? 'parse-error' : 'internal-error',
      message: tooDeep
        ? `${file} is nested too deeply to read (the parser ran out of stack): not read as a CDK stack.`
        : `CDK loader failed on ${file}: ${error instanceof Error ? error.message : String(error)}`,
      loc,
    });
  }
  return result;
}

/** Deeper bracket nesting is not parsed: the TypeScript parser recurses per level and overflows the stack near 1,000. */
export const MAX_CDK_NESTING = 256;

/** Directory of the CDK app (nearest `cdk.json` above the file), which `Code.fromAsset('dir')` is relative to. */
function appDirOf(file: string, host: LoaderHost): string {
  let dir = posix.dirname(file);
  for (let i = 0; i < 32; i++) {
    if (host.fileExists(dir === '.' ? 'cdk.json' : `${dir}/cdk.json`)) return dir;
    if (dir === '.' || dir === '/' || dir === '') break;
    dir = posix.dirname(dir);
  }
  return posix.dirname(file);
}

function ref(text: string): Reference {
  return { kind: 'reference', text, refType: 'cdk-expression' };
}

/** Wrapper constructs inside wrapper constructs are followed this many levels deep. */
const MAX_WRAPPER_NESTING = 3;
/** Files (other than the stack) a stack's wrapper constructs are read from, at most. */
const MAX_WRAPPER_FILES = 50;

/** A construct class of the project whose constructor creates Lambda functions. */
interface WrapperClass {
  src: CdkSource;
  ctor: TS.ConstructorDeclaration;
  /** The class extends a Lambda function class itself: its `super(scope, id, props)` creates the function. */
  extendsFunction?: FunctionClass;
}

/** Shared by the loaders of one stack file and the wrapper constructs it instantiates. */
interface WrapperState {
  /** Readers of the files wrapper classes are imported from (undefined: not readable / not TypeScript). */
  sources: Map<string, CdkSource | undefined>;
  /** Constructors being read, so that a construct that instantiates itself stops. */
  active: Set<TS.ConstructorDeclaration>;
}

class CdkLoader {
  private readonly file: string;
  /** By the expression that creates each: `new lambda.Function(...)`, or `super(...)` in a class that extends one. */
  private readonly functions = new Map<TS.NewExpression | TS.CallExpression, { fn: LambdaFunction; cls: FunctionClass; props: Props }>();
  /** Functions created by a wrapper construct, by its instantiation (`new MyFunction(this, 'Id', {...})`). */
  private readonly wrapped = new Map<TS.NewExpression, LambdaFunction[]>();
  private readonly queues = new Map<TS.NewExpression, SqsQueue>();
  private readonly logGroups = new Map<TS.NewExpression, LogGroup>();
  private readonly usedIds = new Set<string>();
  /** Triggers of `new LambdaDestination(fn)` / `new LambdaSubscription(fn)`, completed by the call that attaches them. */
  private readonly attachedTriggers = new Map<TS.NewExpression, Trigger[]>();

  constructor(
    readonly src: CdkSource,
    private readonly host: LoaderHost,
    private readonly result: LoadResult,
    private readonly nesting = 0,
    private readonly state: WrapperState = { sources: new Map(), active: new Set() },
  ) {
    this.file = src.file;
  }

  load(): void {
    const first = this.src.syntaxErrors[0];
    if (first) {
      const pos = first.start !== undefined ? this.src.sf.getLineAndCharacterOfPosition(first.start) : { line: 0, character: 0 };
      this.result.diagnostics.push({
        ruleId: 'parse-error',
        message: `Cannot parse TypeScript: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (read on a best-effort basis)`,
        loc: { file: this.file, line: pos.line + 1, column: pos.character + 1 },
      });
    }
    if (!this.src.importsCdk) return;

    const news: TS.NewExpression[] = [];
    const calls: TS.CallExpression[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isNewExpression(node)) news.push(node);
      else if (ts.isCallExpression(node)) calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(this.src.sf);

    for (const n of news) {
      const key = this.src.qualify(n.expression);
      if (!key) continue;
      if (key === 'aws-sqs:Queue') this.queue(n);
      else if (key === 'aws-logs:LogGroup') this.logGroup(n);
    }
    for (const n of news) {
      const key = this.src.qualify(n.expression);
      const cls = key ? FUNCTION_CLASSES[key] : undefined;
      if (cls) this.lambda(n, cls);
    }
    for (const { fn, props } of this.functions.values()) this.propsAfterAll(fn, props);
    // A wrapper instantiated inside another construct's constructor is read when that construct is.
    for (const n of news) if (!this.src.qualify(n.expression) && !this.insideConstruct(n)) this.wrapper(n);
    for (const n of news) {
      const key = this.src.qualify(n.expression);
      if (key) this.invoker(n, key);
    }
    for (const call of calls) this.call(call);

    this.result.functions.push(...[...this.functions.values()].map((f) => f.fn), ...[...this.wrapped.values()].flat());
    this.result.queues.push(...this.queues.values());
    this.result.logGroups.push(...this.logGroups.values());
  }

  // --- wrapper constructs ------------------------------------------------------

  /**
   * `new MyFunction(this, 'Id', { entry, environment })` where MyFunction is a construct class of
   * the project (this file or a relative import) whose constructor creates Lambda functions:
   * each becomes a function of this instantiation, named `Id/<inner id>`, its props read with the
   * constructor's parameters bound to this call's arguments.
   */
  private wrapper(n: TS.NewExpression): void {
    if (this.nesting >= MAX_WRAPPER_NESTING) return;
    const found = this.wrapperClass(n.expression);
    if (!found || this.state.active.has(found.ctor)) return;
    const { src, ctor } = found;
    this.state.active.add(ctor);
    const inner = emptyResult();
    let created: LambdaFunction[];
    try {
      created = withBindings(src, ctor.parameters, n.arguments, () => new CdkLoader(src, this.host, inner, this.nesting + 1, this.state).loadConstructor(ctor, found.extendsFunction));
    } finally {
      this.state.active.delete(ctor);
    }
    if (created.length === 0) return;
    const outerId = this.constructId(n);
    const instantiated = (this.result.instantiated ??= []);
    instantiated.push(...(inner.instantiated ?? []));
    this.wrapped.set(
      n,
      created.map((fn) => {
        instantiated.push(fn.source);
        // A class that extends the function class is the function: it has the instantiation's id.
        const name = found.extendsFunction && created.length === 1 ? outerId : `${outerId}/${fn.name}`;
        return { ...fn, id: this.uniqueId(name, n), name, source: this.loc(n) };
      }),
    );
  }

  /** The functions a wrapper constructor creates (and the wrappers it instantiates), with their triggers set there. */
  loadConstructor(ctor: TS.ConstructorDeclaration, extendsFunction?: FunctionClass): LambdaFunction[] {
    const news: TS.NewExpression[] = [];
    const calls: TS.CallExpression[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isNewExpression(node)) news.push(node);
      else if (ts.isCallExpression(node)) calls.push(node);
      ts.forEachChild(node, visit);
    };
    if (ctor.body) visit(ctor.body);
    const superCall = extendsFunction ? calls.find((c) => c.expression.kind === ts.SyntaxKind.SuperKeyword) : undefined;
    if (superCall && extendsFunction) this.lambda(superCall, extendsFunction);
    for (const n of news) {
      const key = this.src.qualify(n.expression);
      const cls = key ? FUNCTION_CLASSES[key] : undefined;
      if (cls) this.lambda(n, cls);
    }
    for (const { fn, props } of this.functions.values()) this.propsAfterAll(fn, props);
    for (const n of news) if (!this.src.qualify(n.expression)) this.wrapper(n);
    for (const n of news) {
      const key = this.src.qualify(n.expression);
      if (key) this.invoker(n, key);
    }
    for (const call of calls) this.call(call);
    return [...[...this.functions.values()].map((f) => f.fn), ...[...this.wrapped.values()].flat()];
  }

  private insideConstruct(node: TS.Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
      if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return ts.isClassDeclaration(p) && !!this.asWrapper(p, this.src);
    }
    return false;
  }

  /** The construct class `new X(...)` names, in this file or imported from a relative path, when its constructor creates functions. */
  private wrapperClass(expr: TS.Expression): WrapperClass | undefined {
    const e = skipOuter(expr);
    if (!ts.isIdentifier(e)) return undefined;
    for (const decl of this.src.symbolOf(e)?.declarations ?? []) {
      if (ts.isClassDeclaration(decl)) return this.asWrapper(decl, this.src);
      const imported = ts.isImportSpecifier(decl) ? { name: (decl.propertyName ?? decl.name).text, clause: decl.parent.parent } : ts.isImportClause(decl) ? { name: 'default', clause: decl } : undefined;
      if (!imported) continue;
      const spec = imported.clause.parent.moduleSpecifier;
      if (!ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return undefined;
      const src = this.sourceOf(posix.normalize(posix.join(posix.dirname(this.file), spec.text)));
      if (!src) return undefined;
      for (const stmt of src.sf.statements) {
        if (!ts.isClassDeclaration(stmt)) continue;
        const modifiers = stmt.modifiers ?? [];
        const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        if ((imported.name === 'default' && isDefault) || (stmt.name?.text === imported.name && !isDefault)) return this.asWrapper(stmt, src);
      }
      return undefined;
    }
    return undefined;
  }

  private asWrapper(cls: TS.ClassDeclaration, src: CdkSource): WrapperClass | undefined {
    // Stacks and stages are loaded from their own files: only constructs are expanded per instantiation.
    const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!base || /(?:^|\.)(?:Stack|NestedStack|Stage|App)$/.test(base.getText(src.sf))) return undefined;
    const ctor = cls.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    const baseKey = src.qualify(base);
    const extendsFunction = baseKey ? FUNCTION_CLASSES[baseKey] : undefined;
    if (extendsFunction) return ctor ? { src, ctor, extendsFunction } : undefined;
    if (!ctor || !CONSTRUCTS_FUNCTION.test(ctor.body!.getText(src.sf)) && !/\bnew\s+[A-Z]/.test(ctor.body!.getText(src.sf))) return undefined;
    return { src, ctor };
  }

  /** The reader of a relatively imported `.ts` file (`./constructs/my-function` -> `.ts` or `/index.ts`). */
  private sourceOf(base: string): CdkSource | undefined {
    if (base.startsWith('../') || base === '..') return undefined;
    const stripped = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const candidate of [`${stripped}.ts`, `${stripped}/index.ts`, base]) {
      if (candidate === this.file) return this.src;
      if (this.state.sources.has(candidate)) return this.state.sources.get(candidate);
      if (!isCdkPath(candidate) || !this.host.fileExists(candidate)) continue;
      if (this.state.sources.size >= MAX_WRAPPER_FILES) return undefined;
      const text = this.host.readFile(candidate);
      const src = text !== undefined && text.length <= MAX_CDK_FILE_BYTES && !text.includes('\u0000') && !jsNestingPosition(text, MAX_CDK_NESTING)
        ? new CdkSource(candidate, text, this.src.appDir)
        : undefined;
      this.state.sources.set(candidate, src);
      return src;
    }
    return undefined;
  }

  // --- values ---------------------------------------------------------------

  private loc(node: TS.Node): SourceLocation {
    return this.src.loc(node);
  }

  /** A prop's value, or a reference when a spread we could not follow may set it, or undefined. */
  private propOr<T>(props: Props, key: string, read: (value: TS.Expression, at: SourceLocation) => Located<T>): Located<T> | undefined {
    const prop = props.get(key);
    if (prop) return read(prop.value, this.loc(prop.node));
    if (props.unknown) return { value: ref(`${this.src.text(props.unknown)} (may set ${key})`), loc: this.loc(props.unknown) };
    return undefined;
  }

  private number(expr: TS.Expression, at: SourceLocation): Located<number> {
    const v = this.src.evaluate(expr);
    return { value: v.kind === 'value' && typeof v.value === 'number' ? v.value : ref(this.src.text(expr)), loc: at };
  }

  private string(expr: TS.Expression, at: SourceLocation): Located<string> {
    const v = this.src.evaluate(expr);
    if (v.kind === 'value') return { value: this.src.cleanString(String(v.value)), loc: at };
    return { value: ref(v.text), loc: at };
  }

  private boolean(expr: TS.Expression | undefined): boolean | undefined {
    if (!expr) return undefined;
    const v = this.src.evaluate(expr);
    return v.kind === 'value' && typeof v.value === 'boolean' ? v.value : undefined;
  }

  /** `Duration.seconds(30)`, `cdk.Duration.minutes(2)`, a const holding one; in seconds. */
  /** `Size.mebibytes(n)` / `Size.gibibytes(n)` in MB (MiB, as Lambda counts). */
  private size(expr: TS.Expression, at: SourceLocation): Located<number> {
    const e = skipOuter(expr);
    if (ts.isCallExpression(e) && e.arguments[0]) {
      const key = this.src.qualify(e.expression);
      const m = key ? /:Size\.(mebibytes|gibibytes)$/.exec(key) : null;
      const n = this.src.evaluate(e.arguments[0]);
      if (m && n.kind === 'value' && typeof n.value === 'number') return { value: m[1] === 'gibibytes' ? n.value * 1024 : n.value, loc: at };
    }
    return { value: ref(this.src.text(expr)), loc: at };
  }

  private duration(expr: TS.Expression, at: SourceLocation, depth = 0): Located<number> {
    const e = skipOuter(expr);
    if (ts.isCallExpression(e) && depth < 8) {
      const key = this.src.qualify(e.expression);
      const m = key ? /^(?:core)?:Duration\.(millis|seconds|minutes|hours|days)$/.exec(key) : null;
      if (m && e.arguments[0]) {
        const n = this.src.evaluate(e.arguments[0]);
        if (n.kind === 'value' && typeof n.value === 'number') return { value: n.value * DURATION_SECONDS[m[1]], loc: at };
      }
    }
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && depth < 8) {
      const inits = this.src.initializers(e);
      if (inits.length === 1) return this.duration(inits[0], at, depth + 1);
    }
    return { value: ref(this.src.text(expr)), loc: at };
  }

  /** `lambda.Tracing.ACTIVE` -> 'ACTIVE' when the expression names a member of `enumKey` (following consts). */
  private member(expr: TS.Expression, enumKey: string, depth = 0): string | undefined {
    const key = this.src.qualify(expr);
    if (key?.startsWith(`${enumKey}.`)) return key.slice(enumKey.length + 1);
    const e = skipOuter(expr);
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && depth < 8) {
      const inits = this.src.initializers(e);
      if (inits.length === 1) return this.member(inits[0], enumKey, depth + 1);
    }
    return undefined;
  }

  private enumValue(expr: TS.Expression, at: SourceLocation, enumKey: string, table: Readonly<Record<string, string>>): Located<string> {
    const name = this.member(expr, enumKey);
    const value = name ? table[name] : undefined;
    if (value !== undefined) return { value, loc: at };
    // `new lambda.Runtime('nodejs22.x')` style and plain strings.
    const e = skipOuter(expr);
    if (ts.isNewExpression(e) && e.arguments?.[0]) return this.string(e.arguments[0], at);
    const v = this.src.evaluate(expr);
    if (v.kind === 'value' && typeof v.value === 'string') return { value: v.value, loc: at };
    return { value: ref(this.src.text(expr)), loc: at };
  }

  private runtime(expr: TS.Expression, at: SourceLocation): Located<string> {
    const name = this.member(expr, 'aws-lambda:Runtime');
    if (name) {
      const value = runtimeFromConstant(name);
      return { value: value ?? ref(this.src.text(expr)), loc: at };
    }
    const e = skipOuter(expr);
    if (ts.isNewExpression(e) && this.src.qualify(e.expression) === 'aws-lambda:Runtime' && e.arguments?.[0]) return this.string(e.arguments[0], at);
    return { value: ref(this.src.text(expr)), loc: at };
  }

  private retention(expr: TS.Expression, at: SourceLocation): Located<number> | undefined {
    const name = this.member(expr, 'aws-logs:RetentionDays');
    if (name === 'INFINITE') return undefined; // never expires: no retention for the rules
    if (name && RETENTION_DAYS[name] !== undefined) return { value: RETENTION_DAYS[name], loc: at };
    return this.number(expr, at);
  }

  /**
   * The construct id when it is a static string; otherwise (`id + '-getData'`, computed at synth
   * time) where the construct is defined, since source code is no name: `function at lib/stack.ts:42`.
   */
  private constructId(n: TS.NewExpression | TS.CallExpression, index = 1, noun = 'construct'): string {
    const arg = n.arguments?.[index];
    const v = arg ? this.src.evaluate(arg) : undefined;
    return v?.kind === 'value' ? String(v.value) : `${noun} at ${this.file}:${this.loc(n).line}`;
  }

  private uniqueId(name: string, n: TS.Node): string {
    let id = `${this.file}#${name}`;
    if (this.usedIds.has(id)) id = `${id}@${this.loc(n).line}`;
    this.usedIds.add(id);
    return id;
  }

  // --- resources --------------------------------------------------------------

  private queue(n: TS.NewExpression): void {
    const name = this.constructId(n, 1, 'queue');
    const props = this.src.props(n.arguments?.[2]);
    const source = this.loc(n);
    const visibility = this.propOr(props, 'visibilityTimeout', (v, at) => this.duration(v, at));
    const queue: SqsQueue = {
      id: this.uniqueId(name, n),
      name,
      source,
      visibilityTimeout: visibility ?? { value: LAMBDA_DEFAULTS.sqsVisibilityTimeoutSeconds, loc: source, isDefault: true },
    };
    const fifo = this.boolean(props.get('fifo')?.value);
    if (fifo !== undefined) queue.fifo = fifo;
    // `deadLetterQueue: { queue, maxReceiveCount }` is the redrive policy.
    const dlq = props.get('deadLetterQueue');
    if (dlq) queue.redrivePolicy = { value: ref(this.src.text(dlq.value)), loc: this.loc(dlq.node) };
    else if (props.unknown) queue.redriveUnknown = true;
    this.queues.set(n, queue);
  }

  private logGroup(n: TS.NewExpression): void {
    const name = this.constructId(n, 1, 'log group');
    const props = this.src.props(n.arguments?.[2]);
    const group: LogGroup = { id: this.uniqueId(name, n), name, source: this.loc(n) };
    const prop = props.get('retention');
    // aws-cdk-lib's LogGroup defaults to two years (it writes RetentionInDays: 731).
    const retention = prop ? this.retention(prop.value, this.loc(prop.node)) : props.unknown ? undefined : { value: CDK_LOG_GROUP_DEFAULT_RETENTION_DAYS, loc: this.loc(n) };
    if (retention) group.retentionDays = retention;
    this.logGroups.set(n, group);
  }

  private lambda(n: TS.NewExpression | TS.CallExpression, cls: FunctionClass): void {
    const name = this.constructId(n, 1, 'function');
    const source = this.loc(n);
    const props = this.src.props(n.arguments?.[2]);
    const fn: LambdaFunction = {
      id: this.uniqueId(name, n),
      name,
      format: 'cdk',
      source,
      memorySize: this.propOr(props, 'memorySize', (v, at) => this.number(v, at)) ?? { value: LAMBDA_DEFAULTS.memoryMb, loc: source, isDefault: true },
      timeout: this.propOr(props, 'timeout', (v, at) => this.duration(v, at)) ?? { value: LAMBDA_DEFAULTS.timeoutSeconds, loc: source, isDefault: true },
      environment: {},
      triggers: [],
      layers: [],
    };
    const runtime = this.propOr(props, 'runtime', (v, at) => this.runtime(v, at));
    if (runtime) fn.runtime = runtime;
    else if (cls === 'nodejs') fn.runtime = { value: ref('Runtime.NODEJS_LATEST (NodejsFunction default)'), loc: source, isDefault: true };

    const arch = props.get('architecture');
    if (arch) fn.architecture = this.enumValue(arch.value, this.loc(arch.node), 'aws-lambda:Architecture', ARCHITECTURES);
    const tracing = props.get('tracing');
    if (tracing) fn.tracing = this.enumValue(tracing.value, this.loc(tracing.node), 'aws-lambda:Tracing', TRACING);
    const reserved = props.get('reservedConcurrentExecutions');
    if (reserved) fn.reservedConcurrency = this.number(reserved.value, this.loc(reserved.node));
    const storage = props.get('ephemeralStorageSize');
    if (storage) fn.ephemeralStorageMb = this.size(storage.value, this.loc(storage.node));

    this.handlerAndCode(fn, cls, props, n);
    this.environment(fn, props);

    const dlq = props.get('deadLetterQueue') ?? props.get('deadLetterTopic');
    if (dlq) fn.deadLetter = { value: ref(this.src.text(dlq.value)), loc: this.loc(dlq.node) };
    else {
      const enabled = props.get('deadLetterQueueEnabled');
      if (enabled && this.boolean(enabled.value) === true) fn.deadLetter = { value: 'deadLetterQueueEnabled', loc: this.loc(enabled.node) };
    }
    const onFailure = props.get('onFailure');
    if (onFailure) fn.onFailureDestination = { value: ref(this.src.text(onFailure.value)), loc: this.loc(onFailure.node) };

    const layers = props.get('layers');
    if (layers) {
      const list = skipOuter(layers.value);
      if (ts.isArrayLiteralExpression(list)) {
        fn.layers = list.elements.map((el) => ({ value: ref(this.src.text(el)), loc: this.loc(el) }));
      } else fn.layers = [{ value: ref(this.src.text(layers.value)), loc: this.loc(layers.node) }];
    }
    this.functions.set(n, { fn, cls, props });
  }

  /** Props that need the queues/log groups/functions of the whole file. */
  private propsAfterAll(fn: LambdaFunction, props: Props): void {
    const logRetention = props.get('logRetention');
    if (logRetention) {
      const days = this.retention(logRetention.value, this.loc(logRetention.node));
      if (days) fn.logRetentionDays = days;
    }
    const logGroup = props.get('logGroup');
    if (logGroup && !fn.logRetentionDays) {
      const groups = this.src.constructs(logGroup.value).map((g) => this.logGroups.get(g)).filter((g): g is LogGroup => !!g);
      if (groups[0]?.retentionDays) fn.logRetentionDays = groups[0].retentionDays;
      else if (groups.length === 0) fn.logRetentionDays = { value: ref(this.src.text(logGroup.value)), loc: this.loc(logGroup.node) };
    }
    const events = props.get('events');
    if (events) {
      const list = skipOuter(events.value);
      const elements = ts.isArrayLiteralExpression(list) ? list.elements : [];
      for (const el of elements) for (const source of this.src.constructs(el)) this.eventSource(fn, source);
    }
  }

  private handlerAndCode(fn: LambdaFunction, cls: FunctionClass, props: Props, n: TS.NewExpression | TS.CallExpression): void {
    const source = fn.source;
    const handler = props.get('handler');
    if (handler) fn.handler = this.string(handler.value, this.loc(handler.node));

    if (cls === 'nodejs') {
      fn.bundler = 'nodejs-function';
      if (!handler) fn.handler = { value: 'handler', loc: source, isDefault: true };
      const entry = props.get('entry');
      if (entry) fn.code = { kind: 'entry', path: this.path(entry.value, this.loc(entry.node)) };
      else if (!props.unknown) fn.code = { kind: 'entry', path: { value: this.defaultEntry(n), loc: source, isDefault: true } };
      return;
    }
    if (cls === 'python') {
      // PythonFunction: `entry` is the directory, `index` the file (default index.py), `handler` the function (default handler).
      const entry = props.get('entry');
      if (entry) fn.code = { kind: 'dir', path: this.path(entry.value, this.loc(entry.node)) };
      const index = props.get('index');
      const indexValue = index ? this.src.evaluate(index.value) : { kind: 'value' as const, value: 'index.py' };
      const handlerValue = handler ? this.src.evaluate(handler.value) : { kind: 'value' as const, value: 'handler' };
      if (indexValue.kind === 'value' && handlerValue.kind === 'value') {
        const value = `${String(indexValue.value).replace(/\.py$/, '')}.${String(handlerValue.value)}`;
        const at = handler ? this.loc(handler.node) : index ? this.loc(index.node) : source;
        fn.handler = handler || index ? { value, loc: at } : { value, loc: at, isDefault: true };
      }
      return;
    }
    if (cls === 'go') {
      const entry = props.get('entry');
      if (entry) fn.code = { kind: 'entry', path: this.path(entry.value, this.loc(entry.node)) };
      return;
    }
    const code = props.get('code');
    if (code) {
      const located = this.code(code.value, this.loc(code.node));
      if (located) fn.code = located;
    }
    if (cls === 'image' || fn.code?.kind === 'image') fn.packageType = 'Image';
  }

  private path(expr: TS.Expression, at: SourceLocation): Located<string> {
    const v = this.src.pathValue(expr);
    return { value: v.kind === 'value' ? String(v.value) : ref(v.text), loc: at };
  }

  /** NodejsFunction without `entry`: `<stack file without extension>.<construct id>.ts` (or `.js`), next to the stack file. */
  private defaultEntry(n: TS.NewExpression | TS.CallExpression): string {
    const base = this.file.replace(/\.[cm]?ts$/, '');
    const id = this.constructId(n);
    for (const ext of ['ts', 'js', 'mjs', 'mts', 'cts', 'cjs']) {
      if (this.host.fileExists(`${base}.${id}.${ext}`)) return `${base}.${id}.${ext}`;
    }
    return `${base}.${id}.ts`;
  }

  /** `Code.fromAsset('dir')`, `new AssetCode(...)`, `Code.fromInline(...)`, image and bucket code. */
  private code(expr: TS.Expression, at: SourceLocation, depth = 0): CodeLocation | undefined {
    const e = skipOuter(expr);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const key = this.src.qualify(e.expression) ?? '';
      const arg = e.arguments?.[0];
      if (/^aws-lambda:(Code\.fromAsset|Code\.asset|AssetCode\.fromAsset|AssetCode)$/.test(key) && arg) return { kind: 'dir', path: this.path(arg, at) };
      if (/^aws-lambda:(Code\.fromInline|InlineCode\.fromInline|InlineCode)$/.test(key)) return { kind: 'inline', path: { value: '(inline)', loc: at } };
      if (/^aws-lambda:(Code\.fromAssetImage|DockerImageCode\.fromImageAsset|AssetImageCode)$/.test(key) && arg) return { kind: 'image', path: this.path(arg, at) };
      if (/^aws-lambda:(Code\.fromEcrImage|DockerImageCode\.fromEcr|EcrImageCode)$/.test(key)) return { kind: 'image', path: { value: ref(this.src.text(e)), loc: at } };
      if (/^aws-lambda:(Code\.fromBucket|Code\.fromBucketV2|S3Code|S3CodeV2|Code\.fromCfnParameters)$/.test(key)) return { kind: 'zip', path: { value: ref(this.src.text(e)), loc: at } };
      return undefined;
    }
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && depth < 8) {
      const inits = this.src.initializers(e);
      if (inits.length === 1) return this.code(inits[0], at, depth + 1);
    }
    return undefined;
  }

  private environment(fn: LambdaFunction, props: Props): void {
    const env = props.get('environment');
    if (!env) {
      // Props spread from elsewhere may carry an environment.
      if (props.unknown) fn.environmentUnknown = true;
      return;
    }
    fn.environmentLoc = this.loc(env.node);
    const vars = this.src.props(env.value);
    // `{ ...shared, X: 'y' }` or an object from another file: more names than we can list.
    if (vars.unknown) fn.environmentUnknown = true;
    for (const p of vars.entries()) this.setEnvironment(fn, p.key, p.value, this.loc(p.node));
  }

  /** One variable, and the bucket, queue or topic its value names (`bucket.bucketName`), when it is one construct. */
  private setEnvironment(fn: LambdaFunction, name: string, value: TS.Expression, at: SourceLocation): void {
    fn.environment[name] = this.string(value, at);
    const resource = this.boundResource(value);
    if (resource) (fn.environmentResources ??= {})[name] = resource;
    else if (fn.environmentResources) delete fn.environmentResources[name];
  }

  // --- buckets, queues and topics ----------------------------------------------------

  /** The resource whose name, ARN or URL a value is: `bucket.bucketName`, `this.queue.queueUrl`, a const holding one. */
  private boundResource(expr: TS.Expression, depth = 0): string | undefined {
    const e = skipOuter(this.src.pick(expr));
    if (ts.isPropertyAccessExpression(e) && RESOURCE_ATTRIBUTES.has(e.name.text)) return this.resourceId(e.expression);
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && depth < 8) {
      const inits = this.src.initializers(e);
      return inits.length === 1 ? this.boundResource(inits[0], depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The id of the one construct an expression holds (`<file>#<construct id>@line:column` of its
   * `new`, or of a factory's call), so that a trigger and an environment variable link by what they
   * hold, not by the variable's name. A variable that may hold one of several is linked by its
   * declaration; undefined when neither is known.
   */
  private resourceId(expr: TS.Expression | undefined): string | undefined {
    if (!expr) return undefined;
    const nodes = this.resourceNodes(expr, 0);
    if (nodes.length === 0) return this.declarationId(expr);
    const ids = new Set(nodes.map((n) => {
      const at = this.loc(n);
      return `${at.file}#${this.constructId(n)}@${at.line}:${at.column}`;
    }));
    // One of several (`blue ? jobs : next`): still one resource wherever the same variable is read.
    return ids.size === 1 ? [...ids][0] : this.declarationId(expr);
  }

  /**
   * A construct made elsewhere (`props.uploads` of a stack the app fills in), named by the
   * declaration the expression starts from and the path after it: `props.uploads` of one
   * constructor's `props` is one resource wherever that constructor reads it.
   */
  private declarationId(expr: TS.Expression): string | undefined {
    const chain: TS.PropertyAccessExpression[] = [];
    let e = skipOuter(expr);
    while (ts.isPropertyAccessExpression(e)) {
      chain.unshift(e);
      e = skipOuter(e.expression);
    }
    const fromThis = e.kind === ts.SyntaxKind.ThisKeyword;
    if (!fromThis && !ts.isIdentifier(e)) return undefined;
    // `this.uploads`: the class member is the declaration.
    const root = fromThis ? chain[0] : e;
    const decl = root ? this.src.symbolOf(root)?.declarations?.[0] : undefined;
    if (!decl) return undefined;
    const at = this.loc(decl);
    const path = [fromThis ? 'this' : (e as TS.Identifier).text, ...chain.map((c) => c.name.text)].join('.');
    return `${at.file}#${path}@${at.line}:${at.column}`;
  }

  private resourceNodes(expr: TS.Expression | undefined, depth: number): Array<TS.NewExpression | TS.CallExpression> {
    if (!expr || depth > 8) return [];
    const e = skipOuter(expr);
    if (ts.isConditionalExpression(e)) return [...this.resourceNodes(e.whenTrue, depth + 1), ...this.resourceNodes(e.whenFalse, depth + 1)];
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return [...this.resourceNodes(e.left, depth + 1), ...this.resourceNodes(e.right, depth + 1)];
    }
    if (ts.isCallExpression(e) && IMPORTED_RESOURCE.test(this.src.qualify(e.expression) ?? '')) return [e];
    const created = this.src.constructs(e);
    // `makeQueue('In')` and `makeQueue('Out')` are two queues: a factory's construct is its call.
    if (ts.isCallExpression(e) && created.some((n) => this.src.createdByCall(e, n))) return [e];
    if (created.length > 0) return created;
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return [];
    const inits = this.src.initializers(e);
    if (inits.length > 0) return inits.flatMap((init) => this.resourceNodes(init, depth + 1));
    // `props.bucket` of a wrapper construct: the value at its instantiation.
    const member = ts.isPropertyAccessExpression(e) ? this.src.props(e.expression).get(e.name.text) : undefined;
    return member ? this.resourceNodes(member.value, depth + 1) : [];
  }

  /** What a trigger reads from: the expression as written, and the construct it holds when known. */
  private triggerSource(expr: TS.Expression, queueId?: string): NonNullable<Trigger['source']> {
    const source: NonNullable<Trigger['source']> = { ref: this.src.text(expr) };
    if (queueId) source.queueId = queueId;
    const resourceId = this.resourceId(expr);
    if (resourceId) source.resourceId = resourceId;
    return source;
  }

  /** `s3.EventType.OBJECT_CREATED` -> `s3:ObjectCreated:*`; other members and values as written. */
  private s3Event(expr: TS.Expression): string {
    const name = this.member(expr, 'aws-s3:EventType');
    if (name) return S3_EVENT_TYPES[name] ?? `EventType.${name}`;
    const v = this.src.evaluate(expr);
    return v.kind === 'value' ? String(v.value) : this.src.text(expr);
  }

  /** Notification key filters (`{ prefix: 'uploads/' }`); a filter that cannot be read still counts, with its value unknown. */
  private keyFilters(filters: readonly TS.Expression[]): NonNullable<Trigger['keyFilter']> {
    const out: NonNullable<Trigger['keyFilter']> = [];
    for (const filter of filters) {
      const props = this.src.props(filter);
      for (const p of props.entries()) if (p.key === 'prefix' || p.key === 'suffix') out.push({ name: p.key, value: this.string(p.value, this.loc(p.node)) });
      if (props.unknown) out.push({ name: 'filter', value: { value: ref(this.src.text(filter)), loc: this.loc(filter) } });
    }
    return out;
  }

  /** S3 events and key filters of an event source or notification. */
  private s3Notification(trigger: Trigger, events: readonly TS.Expression[] | undefined, filters: readonly TS.Expression[]): void {
    if (events) trigger.s3Events = events.map((e) => this.s3Event(e));
    const keyFilter = this.keyFilters(filters);
    if (keyFilter.length > 0) trigger.keyFilter = keyFilter;
  }

  /** `{ deadLetterQueue }` of an SNS subscription or EventBridge target: where undeliverable events go. */
  private deliveryDeadLetter(trigger: Trigger, opts: Props): void {
    const dlq = opts.get('deadLetterQueue');
    if (dlq) trigger.deliveryDeadLetter = { value: ref(this.src.text(dlq.value)), loc: this.loc(dlq.node) };
    // Spread options may hold one: unknown, not missing.
    if (dlq || !opts.unknown) trigger.deliveryDeadLetterKnown = true;
  }

  /** The call attaching `new LambdaDestination(fn)` to a bucket, or `new LambdaSubscription(fn)` to a topic: the trigger's source. */
  private attach(method: string, receiver: TS.Expression, args: readonly TS.Expression[]): void {
    const destIndex = method === 'addEventNotification' ? 1 : 0;
    const triggers = this.src.constructs(args[destIndex]).flatMap((d) => this.attachedTriggers.get(d) ?? []);
    const wanted = method === 'addSubscription' ? 'sns' : 's3';
    for (const trigger of triggers) {
      if (trigger.kind !== wanted) continue;
      trigger.source = this.triggerSource(receiver);
      if (wanted === 'sns') continue;
      const events = method === 'addEventNotification' ? args.slice(0, 1) : undefined;
      this.s3Notification(trigger, events, args.slice(destIndex + 1));
      if (method === 'addObjectCreatedNotification') trigger.s3Events = [S3_EVENT_TYPES.OBJECT_CREATED];
      else if (method === 'addObjectRemovedNotification') trigger.s3Events = [S3_EVENT_TYPES.OBJECT_REMOVED];
    }
  }

  // --- triggers -----------------------------------------------------------------

  /** Functions an expression may hold; aliases and versions lead to their function. */
  private functionsOf(expr: TS.Expression | undefined, depth = 0): LambdaFunction[] {
    if (!expr || depth > 4) return [];
    const out: LambdaFunction[] = [];
    // `orders.fn` / `orders.handler` of a wrapper instance: the functions the wrapper created.
    const e = skipOuter(expr);
    if (ts.isPropertyAccessExpression(e) && this.wrapped.size > 0) {
      for (const owner of this.src.constructs(e.expression)) out.push(...(this.wrapped.get(owner) ?? []));
      if (out.length > 0) return [...new Set(out)];
    }
    for (const n of this.src.constructs(expr)) {
      const hit = this.functions.get(n);
      if (hit) {
        out.push(hit.fn);
        continue;
      }
      const wrapped = this.wrapped.get(n);
      if (wrapped) {
        out.push(...wrapped);
        continue;
      }
      const key = this.src.qualify(n.expression);
      if (key === 'aws-lambda:Alias') out.push(...this.functionsOf(this.src.props(n.arguments?.[2]).get('version')?.value, depth + 1));
      if (key === 'aws-lambda:Version') out.push(...this.functionsOf(this.src.props(n.arguments?.[2]).get('lambda')?.value, depth + 1));
    }
    return [...new Set(out)];
  }

  private invoker(n: TS.NewExpression, key: string): void {
    if (key === 'aws-cognito:UserPool') {
      const triggers = this.src.props(this.src.props(n.arguments?.[2]).get('lambdaTriggers')?.value);
      for (const t of triggers.entries()) for (const fn of this.functionsOf(t.value)) fn.triggers.push({ kind: 'cognito', loc: this.loc(t.node) });
      return;
    }
    const spec = INVOKERS[key];
    if (!spec) return;
    const props = spec.prop ? this.src.props(n.arguments?.[2]) : undefined;
    const target = spec.arg !== undefined ? n.arguments?.[spec.arg] : props?.get(spec.prop!)?.value;
    const fns = this.functionsOf(target);
    if (fns.length === 0) return;

    if (key === 'aws-lambda:FunctionUrl') {
      const authType = props!.get('authType');
      for (const fn of fns) this.functionUrl(fn, n, authType);
      return;
    }
    if (key === 'aws-lambda:EventSourceMapping') {
      for (const fn of fns) fn.triggers.push(this.mapping(n, props!));
      return;
    }
    let kind = spec.kind;
    if (key === 'aws-events-targets:LambdaFunction' && this.isScheduledRuleTarget(n)) kind = 'schedule';
    for (const fn of fns) {
      const trigger: Trigger = { kind, loc: this.loc(n) };
      if (key === 'aws-apigateway:LambdaIntegration' || key === 'aws-apigatewayv2-integrations:HttpLambdaIntegration') {
        const opts = this.src.props(n.arguments?.[key === 'aws-apigateway:LambdaIntegration' ? 1 : 2]);
        const timeout = opts.get('timeout');
        if (timeout) {
          const seconds = this.duration(timeout.value, this.loc(timeout.node));
          trigger.integrationTimeoutMs = { value: isReference(seconds.value) ? seconds.value : Math.round(seconds.value * 1000), loc: seconds.loc };
        }
        if (this.isEventInvocation(opts)) trigger.asyncInvocation = true;
      }
      if (DELIVERY_DLQ_INVOKERS.has(key)) this.deliveryDeadLetter(trigger, this.src.props(n.arguments?.[1]));
      if (ATTACHED_INVOKERS.has(key)) this.attachedTriggers.set(n, [...(this.attachedTriggers.get(n) ?? []), trigger]);
      fn.triggers.push(trigger);
    }
  }

  /** `requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" }`: API Gateway does not wait. */
  private isEventInvocation(opts: Props): boolean {
    const params = opts.get('requestParameters');
    const header = params ? this.src.props(params.value).get('integration.request.header.X-Amz-Invocation-Type') : undefined;
    const v = header ? this.src.evaluate(header.value) : undefined;
    return v?.kind === 'value' && String(v.value).replace(/'/g, '') === 'Event';
  }

  /** `new targets.LambdaFunction(fn)` inside `new events.Rule(.., { schedule, targets: [...] })` or passed to `rule.addTarget(...)` of such a rule. */
  private isScheduledRuleTarget(n: TS.NewExpression): boolean {
    let node: TS.Node = n;
    for (let i = 0; i < 6 && node.parent; i++) {
      node = node.parent;
      if (ts.isNewExpression(node) && this.src.qualify(node.expression) === 'aws-events:Rule') return !!this.src.props(node.arguments?.[2]).get('schedule');
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'addTarget') {
        return this.src.constructs(node.expression.expression).some((r) => this.src.qualify(r.expression) === 'aws-events:Rule' && !!this.src.props(r.arguments?.[2]).get('schedule'));
      }
    }
    return false;
  }

  private functionUrl(fn: LambdaFunction, at: TS.Node, authType: { node: TS.Node; value: TS.Expression } | undefined): void {
    const loc = this.loc(at);
    // aws-cdk-lib FunctionUrl: authType defaults to AWS_IAM.
    const auth = authType
      ? this.enumValue(authType.value, this.loc(authType.node), 'aws-lambda:FunctionUrlAuthType', { NONE: 'NONE', AWS_IAM: 'AWS_IAM' })
      : { value: 'AWS_IAM', loc, isDefault: true };
    (fn.functionUrls ??= []).push({ authType: auth, loc });
    fn.triggers.push({ kind: 'function-url', loc });
  }

  /** `new lambda.EventSourceMapping(.., { target, eventSourceArn, ... })` / `fn.addEventSourceMapping(id, {...})`. */
  private mapping(at: TS.Node, props: Props): Trigger {
    const arn = props.get('eventSourceArn');
    const text = arn ? this.src.text(arn.value) : '';
    let kind: TriggerKind = 'other';
    let queueId: string | undefined;
    if (arn && ts.isPropertyAccessExpression(skipOuter(arn.value))) {
      const access = skipOuter(arn.value) as TS.PropertyAccessExpression;
      const owner = this.src.constructs(access.expression)[0];
      const ownerKey = owner ? this.src.qualify(owner.expression) : undefined;
      if (access.name.text === 'queueArn' || ownerKey === 'aws-sqs:Queue') {
        kind = 'sqs';
        queueId = owner ? this.queues.get(owner)?.id : undefined;
      } else if (access.name.text === 'tableStreamArn') kind = 'dynamodb-stream';
      else if (access.name.text === 'streamArn') kind = 'kinesis';
    } else if (arn) {
      const v = this.src.evaluate(arn.value);
      const s = v.kind === 'value' ? String(v.value) : '';
      if (/^arn:aws[\w-]*:sqs:/.test(s)) kind = 'sqs';
      else if (/^arn:aws[\w-]*:kinesis:/.test(s)) kind = 'kinesis';
      else if (/^arn:aws[\w-]*:dynamodb:.*\/stream\//.test(s)) kind = 'dynamodb-stream';
    }
    const trigger: Trigger = { kind, loc: this.loc(at) };
    if (arn) {
      trigger.source = queueId ? { ref: text, queueId } : { ref: text };
      const owner = ts.isPropertyAccessExpression(skipOuter(arn.value)) ? (skipOuter(arn.value) as TS.PropertyAccessExpression).expression : undefined;
      const resourceId = owner ? this.resourceId(owner) : undefined;
      if (resourceId) trigger.source.resourceId = resourceId;
    }
    this.batchSettings(trigger, props);
    const types = props.get('reportBatchItemFailures');
    if (types && this.boolean(types.value) === true) trigger.functionResponseTypes = { value: ['ReportBatchItemFailures'], loc: this.loc(types.node) };
    return trigger;
  }

  private batchSettings(trigger: Trigger, props: Props): void {
    const batch = props.get('batchSize');
    if (batch) trigger.batchSize = this.number(batch.value, this.loc(batch.node));
    const onFailure = props.get('onFailure');
    if (onFailure) trigger.onFailure = { value: ref(this.src.text(onFailure.value)), loc: this.loc(onFailure.node) };
  }

  /** An event source construct (`new SqsEventSource(queue, {...})`) attached to `fn`. */
  private eventSource(fn: LambdaFunction, n: TS.NewExpression): void {
    const key = this.src.qualify(n.expression);
    const kind = key ? EVENT_SOURCES[key] : undefined;
    if (!kind) {
      // Other event sources (RabbitMQ, DocumentDB, ...) still invoke the function.
      if (key?.startsWith('aws-lambda-event-sources:')) fn.triggers.push({ kind: 'other', loc: this.loc(n) });
      return;
    }
    const trigger: Trigger = { kind, loc: this.loc(n) };
    const target = n.arguments?.[0];
    if (target && kind !== 'rest-api') {
      const queue = this.src.constructs(target).map((q) => this.queues.get(q)).find((q) => !!q);
      trigger.source = this.triggerSource(target, queue?.id);
    }
    const opts = this.src.props(n.arguments?.[1]);
    if (kind === 's3') {
      const events = opts.get('events');
      const list = events ? skipOuter(events.value) : undefined;
      const filters = opts.get('filters');
      const filterList = filters ? skipOuter(filters.value) : undefined;
      this.s3Notification(
        trigger,
        list ? (ts.isArrayLiteralExpression(list) ? list.elements : [list]) : undefined,
        filterList ? (ts.isArrayLiteralExpression(filterList) ? filterList.elements : [filterList]) : [],
      );
      // Spread options may hold filters: the trigger may be filtered.
      if (opts.unknown) (trigger.keyFilter ??= []).push({ name: 'filter', value: { value: ref(this.src.text(opts.unknown)), loc: this.loc(opts.unknown) } });
    }
    if (kind === 'sns') this.deliveryDeadLetter(trigger, opts);
    if (kind === 'sqs' || kind === 'kinesis' || kind === 'dynamodb-stream') {
      this.batchSettings(trigger, opts);
      const report = opts.get('reportBatchItemFailures');
      if (report && this.boolean(report.value) === true) trigger.functionResponseTypes = { value: ['ReportBatchItemFailures'], loc: this.loc(report.node) };
    }
    fn.triggers.push(trigger);
  }

  /** `fn.addPermission('Id', { principal: new ServicePrincipal('s3.amazonaws.com'), sourceArn, sourceAccount })`. */
  private permission(fn: LambdaFunction, call: TS.CallExpression): void {
    const props = this.src.props(call.arguments[1]);
    const principal = props.get('principal');
    if (!principal) return;
    const loc = this.loc(call);
    const id = call.arguments[0] ? this.src.evaluate(call.arguments[0]) : undefined;
    const permission: InvokePermission = {
      id: `${fn.id}.${id?.kind === 'value' ? String(id.value) : 'permission'}`,
      format: 'cdk',
      loc,
      principal: this.principal(principal.value, this.loc(principal.node)),
      functionRef: fn.name,
      functionName: fn.name,
    };
    for (const [field, key] of [['sourceArn', 'sourceArn'], ['sourceAccount', 'sourceAccount'], ['principalOrgId', 'organizationId'], ['functionUrlAuthType', 'functionUrlAuthType']] as const) {
      const value = props.get(key);
      if (value) permission[field] = { value: ref(this.src.text(value.value)), loc: this.loc(value.node) };
    }
    // Spread props may hold any of them: unknown, not missing.
    if (props.unknown) permission.sourceArn ??= { value: ref('...spread'), loc };
    (this.result.permissions ??= []).push(permission);
  }

  /** `new ServicePrincipal('sns.amazonaws.com')` -> the service; `new AnyPrincipal()` / `StarPrincipal` -> `*`; else a reference. */
  private principal(expr: TS.Expression, at: SourceLocation): Located<string> {
    const e = skipOuter(expr);
    if (ts.isNewExpression(e)) {
      const key = this.src.qualify(e.expression) ?? '';
      if (/:(?:AnyPrincipal|StarPrincipal)$/.test(key)) return { value: '*', loc: at };
      if (/:ServicePrincipal$/.test(key) && e.arguments?.[0]) return this.string(e.arguments[0], at);
    }
    return { value: ref(this.src.text(expr)), loc: at };
  }

  /** Method calls on functions (`fn.addEventSource(...)`) and calls that hand a function to something (`api.addLambdaDataSource('x', fn)`). */
  private call(call: TS.CallExpression): void {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const args = call.arguments;
    switch (method) {
      case 'addEventSource':
        for (const fn of this.functionsOf(callee.expression)) for (const source of this.src.constructs(args[0])) this.eventSource(fn, source);
        return;
      case 'addEventSourceMapping':
        for (const fn of this.functionsOf(callee.expression)) fn.triggers.push(this.mapping(call, this.src.props(args[1])));
        return;
      case 'addFunctionUrl': {
        const props = this.src.props(args[0]);
        for (const fn of this.functionsOf(callee.expression)) this.functionUrl(fn, call, props.get('authType'));
        return;
      }
      case 'configureAsyncInvoke': {
        const onFailure = this.src.props(args[0]).get('onFailure');
        if (!onFailure) return;
        for (const fn of this.functionsOf(callee.expression)) fn.onFailureDestination = { value: ref(this.src.text(onFailure.value)), loc: this.loc(onFailure.node) };
        return;
      }
      case 'addEnvironment': {
        if (!args[0] || !args[1]) return;
        const key = this.src.evaluate(args[0]);
        if (key.kind !== 'value') return;
        for (const fn of this.functionsOf(callee.expression)) this.setEnvironment(fn, String(key.value), args[1], this.loc(call));
        return;
      }
      case 'addPermission':
        for (const fn of this.functionsOf(callee.expression)) this.permission(fn, call);
        return;
      case 'addEventNotification':
      case 'addObjectCreatedNotification':
      case 'addObjectRemovedNotification':
      case 'addSubscription':
        this.attach(method, callee.expression, args);
        return;
      case 'addLambdaDataSource':
        for (const fn of this.functionsOf(args[1])) fn.triggers.push({ kind: 'appsync', loc: this.loc(call) });
        return;
      case 'addTrigger': {
        const isUserPool = this.src.constructs(callee.expression).some((p) => this.src.qualify(p.expression) === 'aws-cognito:UserPool');
        if (isUserPool) for (const fn of this.functionsOf(args[1])) fn.triggers.push({ kind: 'cognito', loc: this.loc(call) });
        return;
      }
      default:
        return;
    }
  }
}
