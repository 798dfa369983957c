/**
 * Terraform loader: one module directory (all its `.tf` files) into the
 * Lambda model.
 *
 * Parsing: `@cdktf/hcl2json` (HashiCorp's HCL2 parser compiled to WASM) gives
 * the values; it has no source positions, so `terraform/locator.ts` finds the
 * line of each block, attribute, object key and list element in the text.
 * Nothing is evaluated: `var.x` takes the variable's default and `local.x` the
 * local's value when they are literal; every other expression (resource
 * attributes, function calls, conditionals, `for` expressions, tfvars files,
 * values passed in by a calling module) is a `Reference`.
 *
 * Locator limits: object keys written as parenthesised expressions and the
 * insides of `for` expressions are not located (the enclosing attribute's line
 * is used); a file the parser rejects yields one `parse-error` diagnostic and
 * nothing else (the other files of the module still load).
 *
 * The loader is async because hcl2json is (WASM).
 */
import { ExpansionBudget } from './expansion-budget.js';
import { posix } from 'node:path';
import {
  LAMBDA_DEFAULTS,
  isReference,
  type CodeLocation,
  type FunctionUrl,
  type InvokePermission,
  type LambdaFunction,
  type LoadDiagnostic,
  type Located,
  type LogGroup,
  type Reference,
  type SourceLocation,
  type SqsQueue,
  type Trigger,
  type TriggerKind,
} from '../model/index.js';
import { emptyResult, type LoaderHost, type LoadResult } from './types.js';
import { locateHcl, findBlock, entryOrder, type TfBody, type TfPos } from './terraform/locator.js';
import { TfNode, isObject } from './terraform/node.js';
import { exprText, reference, resolve, type TfScope, type TfValue } from './terraform/values.js';
import { HclLimitError, parseHclGuarded } from './terraform/guard.js';
import { principalService } from '../principals.js';

/** Files above this size are not parsed (a parse-error diagnostic instead). */
export const MAX_TERRAFORM_FILE_BYTES = 2 * 1024 * 1024;

/** Where the registry module keeps its defaults: terraform-aws-modules/terraform-aws-lambda variables.tf (v8, checked 2026-11-27). */
const LAMBDA_MODULE_DEFAULTS = {
  authorizationType: 'NONE',
} as const;

interface TfBlock {
  kind: 'resource' | 'data' | 'module';
  /** Resource or data source type; '' for modules. */
  type: string;
  name: string;
  node: TfNode;
}

/** Loads one Terraform module directory. `files` are the `.tf` files in it, relative to the root. */
export async function loadTerraformModule(dir: string, files: string[], host: LoaderHost): Promise<LoadResult> {
  const result = emptyResult();
  try {
    await loadInto(result, normalizeDir(dir), [...files].sort(), host);
  } catch (error) {
    // Never throw: a loader bug becomes a diagnostic on the module's first file.
    result.diagnostics.push({
      ruleId: 'internal-error',
      message: `Terraform loader failed on ${dir || '.'}: ${error instanceof Error ? error.message : String(error)}`,
      loc: { file: files[0] ?? dir, line: 1, column: 1 },
    });
  }
  return result;
}

/** True for `.tf` files. `.tf.json` is not read; `override.tf` files load as plain files (no override merge). */
export function isTerraformFile(path: string): boolean {
  return path.endsWith('.tf');
}

async function loadInto(result: LoadResult, dir: string, files: string[], host: LoaderHost): Promise<void> {
  const parsed = await parseModule(dir, files, host, result.diagnostics);
  const children = await parseLocalModules(dir, parsed.blocks, host, new Set([dir]));
  new ModuleLoader(dir, parsed.scope, parsed.blocks, result, children).load();
  const exhausted = parsed.scope.budget!.diagnostic();
  if (exhausted) result.diagnostics.push(exhausted);
}

/** A module directory's variables, locals and blocks. */
interface ParsedModule {
  dir: string;
  scope: TfScope;
  blocks: TfBlock[];
  /** Local modules its own module blocks call, by call name. */
  children: Map<string, ParsedModule>;
}

async function parseModule(dir: string, files: string[], host: LoaderHost, diagnostics: LoadDiagnostic[]): Promise<{ scope: TfScope; blocks: TfBlock[] }> {
  const parsed: Array<{ file: string; json: Record<string, unknown>; body: TfBody }> = [];
  for (const file of files) {
    const text = host.readFile(file);
    const diag = checkText(file, text, host);
    if (diag) {
      diagnostics.push(diag);
      continue;
    }
    let json: Record<string, unknown>;
    try {
      json = await parseHclGuarded(file, text as string);
    } catch (error) {
      diagnostics.push(
        error instanceof HclLimitError
          ? { ruleId: 'parse-error', message: error.message, loc: { file, line: error.line, column: error.column } }
          : parseDiagnostic(file, error),
      );
      continue;
    }
    parsed.push({ file, json: isObject(json) ? json : {}, body: locateHcl(text as string) });
  }

  const scope: TfScope = { variables: new Map(), locals: new Map(), budget: new ExpansionBudget(), budgetFile: parsed[0]?.file };
  const blocksInOrder: TfBlock[] = [];
  for (const { file, json, body } of parsed) {
    collectScope(json, scope);
    blocksInOrder.push(...collectBlocks(file, json, body));
  }
  return { scope, blocks: blocksInOrder };
}

/** Local module calls (`source = "./modules/lambda"`) are read this many levels deep. */
const MAX_MODULE_NESTING = 4;
/** At most this many local module calls are expanded per module directory (each parses its module). */
const MAX_MODULE_CALLS = 200;

/**
 * The modules that `blocks` call with a local `source`, parsed (their own parse errors are
 * reported when their directory is loaded on its own). `seen` stops cycles.
 */
async function parseLocalModules(dir: string, blocks: TfBlock[], host: LoaderHost, seen: ReadonlySet<string>): Promise<Map<string, ParsedModule>> {
  const out = new Map<string, ParsedModule>();
  const cache = new Map<string, ParsedModule | undefined>();
  for (const block of blocks) {
    if (block.kind !== 'module' || out.size >= MAX_MODULE_CALLS || seen.size > MAX_MODULE_NESTING) continue;
    const source = block.node.raw('source');
    if (typeof source !== 'string' || !/^\.\.?(\/|$)/.test(source)) continue;
    const target = normalizeDir(posix.join(dir, source));
    if (target.startsWith('../') || target === '..' || seen.has(target)) continue;
    if (!cache.has(target)) {
      const files = host.listDir(target === '.' ? '' : target).filter(isTerraformFile);
      if (files.length === 0) cache.set(target, undefined);
      else {
        const module = await parseModule(target, files, host, []);
        const children = await parseLocalModules(target, module.blocks, host, new Set([...seen, target]));
        cache.set(target, { dir: target, ...module, children });
      }
    }
    const parsed = cache.get(target);
    if (parsed) out.set(block.name, parsed);
  }
  return out;
}

function normalizeDir(dir: string): string {
  const d = posix.normalize(dir.replace(/\\/g, '/')).replace(/\/$/, '');
  return d === '' ? '.' : d;
}

function checkText(file: string, text: string | undefined, host: LoaderHost): LoadDiagnostic | undefined {
  const loc = { file, line: 1, column: 1 };
  if (text === undefined) {
    // The project host says why (over the size limit, a link out of the project, not a regular file).
    const outcome = (host as Partial<{ read(path: string): { ok: boolean; detail?: string } }>).read?.(file);
    const why = outcome && !outcome.ok && outcome.detail ? `: ${outcome.detail}` : '.';
    return { ruleId: 'parse-error', message: `Cannot read Terraform file ${file}${why}`, loc };
  }
  if (text.length > MAX_TERRAFORM_FILE_BYTES) {
    return {
      ruleId: 'parse-error',
      message: `Terraform file ${file} is ${Math.round(text.length / 1024 / 1024)} MB, over the ${MAX_TERRAFORM_FILE_BYTES / 1024 / 1024} MB limit: not parsed.`,
      loc,
    };
  }
  if (text.includes('\u0000')) return { ruleId: 'parse-error', message: `${file} is a binary file, not HCL.`, loc };
  return undefined;
}

/** hcl2json errors read `parse config: [main.tf:2,7-3,1: Invalid expression; Expected ...]`. */
function parseDiagnostic(file: string, error: unknown): LoadDiagnostic {
  const text = error instanceof Error ? error.message : String(error);
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)/.exec(text);
  const reason = (m ? m[3] : text.replace(/^parse config: /, '')).trim();
  return {
    ruleId: 'parse-error',
    message: `Cannot parse Terraform file: ${reason}`,
    loc: { file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1 },
  };
}

function collectScope(json: Record<string, unknown>, scope: TfScope): void {
  const variables = json.variable;
  if (isObject(variables)) {
    for (const [name, list] of Object.entries(variables)) {
      const decl = Array.isArray(list) && isObject(list[0]) ? list[0] : {};
      scope.variables.set(name, { hasDefault: Object.prototype.hasOwnProperty.call(decl, 'default'), value: decl.default });
    }
  }
  const locals = json.locals;
  for (const block of Array.isArray(locals) ? locals : []) {
    if (isObject(block)) for (const [name, value] of Object.entries(block)) scope.locals.set(name, value);
  }
}

/** Resource, data and module blocks of one file, in source order (blocks the locator missed go last). */
function collectBlocks(file: string, json: Record<string, unknown>, body: TfBody): TfBlock[] {
  const out: Array<TfBlock & { order: number }> = [];
  const fallback: TfPos = { line: 1, column: 1 };
  const add = (kind: TfBlock['kind'], type: string, name: string, list: unknown): void => {
    if (!Array.isArray(list)) return;
    const labels = kind === 'module' ? [name] : [type, name];
    const located = findBlock(body, kind, labels);
    const order = located ? entryOrder(body, located) : Number.MAX_SAFE_INTEGER;
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      // Duplicated labels are invalid Terraform; only the first can be located.
      const e = i === 0 ? located : undefined;
      out.push({ kind, type, name, node: new TfNode(file, item, e?.body, e?.key ?? fallback), order });
    });
  };
  for (const kind of ['resource', 'data'] as const) {
    const byType = json[kind];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, list] of Object.entries(byName)) add(kind, type, name, list);
    }
  }
  const modules = json.module;
  if (isObject(modules)) for (const [name, list] of Object.entries(modules)) add('module', '', name, list);
  return out.sort((a, b) => a.order - b.order).map(({ order: _order, ...block }) => block);
}

// ---------------------------------------------------------------------------

const ADDRESS = String.raw`(?:\[[^\]]*\])?`;
const FN_REF = new RegExp(String.raw`\baws_lambda_function\.([\w-]+)${ADDRESS}`);
const ALIAS_REF = new RegExp(String.raw`\baws_lambda_alias\.([\w-]+)${ADDRESS}`);
const MODULE_REF = new RegExp(String.raw`\bmodule\.([\w-]+)${ADDRESS}\.`);
const QUEUE_REF = new RegExp(String.raw`\baws_sqs_queue\.([\w-]+)${ADDRESS}`);
const LOG_GROUP_REF = new RegExp(String.raw`\baws_cloudwatch_log_group\.([\w-]+)${ADDRESS}`);
const EVENT_RULE_REF = new RegExp(String.raw`\baws_cloudwatch_event_rule\.([\w-]+)${ADDRESS}`);
const APIV2_REF = new RegExp(String.raw`\baws_apigatewayv2_api\.([\w-]+)${ADDRESS}`);
const REST_API_REF = /\baws_api_gateway_rest_api\.[\w-]+/;

/** Registry module source (optionally pinned to the registry host) or its GitHub repository. */
const LAMBDA_MODULE_SOURCE =
  /^(?:registry\.terraform\.io\/)?terraform-aws-modules\/lambda\/aws$|^(?:git::)?(?:https:\/\/|git@|)github\.com[/:]terraform-aws-modules\/terraform-aws-lambda(?:\.git)?(?:\?ref=[^/]*)?$/;
/** Inputs only the Lambda module's function part takes; a local `source` with these is a call of that module (its own examples use `../../`). */
const LAMBDA_MODULE_HINTS = ['handler', 'runtime', 'create_package', 'image_uri', 'source_path', 'local_existing_package', 's3_existing_package'];

/**
 * Registry modules that wrap one `aws_lambda_function`, besides terraform-aws-modules/lambda
 * (read by `lambdaModule`): their inputs by documented name, from each module's variables.tf
 * (checked 2026-12-06). Inputs not listed here have the resource's names (handler, runtime,
 * timeout, memory_size, reserved_concurrent_executions, layers, architectures, filename,
 * image_uri, s3_key, package_type).
 */
const WRAPPER_MODULES: ReadonlyArray<{ source: RegExp; environment: string; sourceDir?: string; retention?: string }> = [
  // https://github.com/cloudposse/terraform-aws-lambda-function/blob/main/variables.tf
  { source: /^(?:registry\.terraform\.io\/)?cloudposse\/lambda-function\/aws$|github\.com[/:]cloudposse\/terraform-aws-lambda-function\b/, environment: 'lambda_environment', retention: 'cloudwatch_logs_retention_in_days' },
  // https://github.com/moritzzimmer/terraform-aws-lambda/blob/main/variables.tf
  { source: /^(?:registry\.terraform\.io\/)?moritzzimmer\/lambda\/aws$|github\.com[/:]moritzzimmer\/terraform-aws-lambda\b/, environment: 'environment', retention: 'cloudwatch_logs_retention_in_days' },
  // https://github.com/claranet/terraform-aws-lambda (archived; README inputs: the resource's plus source_path)
  { source: /^(?:registry\.terraform\.io\/)?claranet\/lambda\/aws$|github\.com[/:]claranet\/terraform-aws-lambda\b/, environment: 'environment', sourceDir: 'source_path' },
  // https://github.com/nozaq/terraform-aws-lambda-auto-package/blob/main/variables.tf
  { source: /^(?:registry\.terraform\.io\/)?nozaq\/lambda-auto-package\/aws$|github\.com[/:]nozaq\/terraform-aws-lambda-auto-package\b/, environment: 'environment', sourceDir: 'source_dir', retention: 'retention_in_days' },
];

function wrapperOf(source: TfValue): (typeof WRAPPER_MODULES)[number] | undefined {
  if (source.kind !== 'literal' || typeof source.value !== 'string') return undefined;
  const src = source.value;
  return WRAPPER_MODULES.find((w) => w.source.test(src));
}

/**
 * A resource `count` the module call switches off: it uses a variable the call sets to false or
 * 0 (or `!var.x` with x true). Anything more involved counts as on.
 */
function switchedOff(count: unknown, scope: TfScope): boolean {
  if (typeof count !== 'string') return typeof count === 'number' ? count === 0 : count === false;
  for (const m of count.matchAll(/(!\s*)?var\.([A-Za-z_][\w-]*)/g)) {
    const declared = scope.variables.get(m[2]);
    if (!declared?.hasDefault) continue;
    const v = declared.value;
    const off = v === false || v === 'false' || v === 0 || v === '0';
    const on = v === true || v === 'true';
    if (m[1] ? on : off) return true;
  }
  return false;
}

/** A literal string as HCL template text (so that resolving it again leaves it as it is). */
function escapeTemplate(s: string): string {
  return s.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

interface PendingTrigger {
  fn: LambdaFunction;
  trigger: Trigger;
}

/** The module call a module directory is loaded for: which variables it sets, and where. */
interface ModuleCall {
  /** Directory of the calling module: paths passed in are relative to it. */
  callerDir: string;
  /** Variables the call sets: the argument (`arg` in `node`) a finding points at, in the outermost caller that wrote its value. */
  args: Map<string, PassedArg>;
}

interface PassedArg {
  loc: SourceLocation;
  node: TfNode;
  arg: string;
}

const VAR_ONLY = /^\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}$/;

class ModuleLoader {
  private readonly functions = new Map<string, LambdaFunction>();
  /** Literal `function_name` -> function, to link resources that name it by string or ARN. */
  private readonly byFunctionName = new Map<string, LambdaFunction>();
  private readonly aliases = new Map<string, LambdaFunction>();
  private readonly queues = new Map<string, SqsQueue>();
  private readonly logGroups = new Map<string, { group: LogGroup; node: TfNode }>();
  private readonly byType = new Map<string, Map<string, TfBlock>>();
  private readonly modules = new Map<string, TfBlock>();
  /** Triggers read from permissions: added last, only when nothing more specific gave that kind. */
  private readonly permissionTriggers: PendingTrigger[] = [];

  constructor(
    private readonly dir: string,
    private readonly scope: TfScope,
    private readonly blocks: TfBlock[],
    private readonly result: LoadResult,
    private readonly children: ReadonlyMap<string, ParsedModule> = new Map(),
    private readonly call?: ModuleCall,
  ) {
    for (const block of blocks) {
      if (block.kind === 'module') {
        this.modules.set(block.name, block);
        continue;
      }
      const key = `${block.kind}.${block.type}`;
      let map = this.byType.get(key);
      if (!map) this.byType.set(key, (map = new Map()));
      if (!map.has(block.name)) map.set(block.name, block);
    }
  }

  load(): void {
    for (const block of this.blocks) {
      if (block.kind === 'resource' && block.type === 'aws_sqs_queue') this.queue(block);
      if (block.kind === 'resource' && block.type === 'aws_cloudwatch_log_group') this.logGroup(block);
    }
    for (const block of this.blocks) {
      if (block.kind === 'resource' && block.type === 'aws_lambda_function') this.addFunction(block, this.lambdaResource(block));
      if (block.kind !== 'module') continue;
      if (this.isLambdaModuleCall(block)) this.addFunction(block, this.lambdaModule(block));
      else if (wrapperOf(this.value(block.node.raw('source')))) this.addFunction(block, this.wrapperModule(block));
      else this.localModule(block);
    }
    for (const block of this.of('resource', 'aws_lambda_alias')) {
      const fn = this.linkFunction(block.node.raw('function_name'));
      if (fn) this.aliases.set(block.name, fn);
    }
    for (const block of this.blocks) {
      if (block.kind !== 'resource') continue;
      switch (block.type) {
        case 'aws_lambda_event_source_mapping':
          this.eventSourceMapping(block);
          break;
        case 'aws_lambda_function_url':
          this.functionUrl(block);
          break;
        case 'aws_lambda_function_event_invoke_config':
          this.eventInvokeConfig(block);
          break;
        case 'aws_apigatewayv2_integration':
          this.httpApiIntegration(block);
          break;
        case 'aws_api_gateway_integration':
          this.restApiIntegration(block);
          break;
        case 'aws_lambda_permission':
          this.permission(block);
          break;
        case 'aws_s3_bucket_notification':
          this.s3Notification(block);
          break;
        case 'aws_sns_topic_subscription':
          this.snsSubscription(block);
          break;
        case 'aws_cloudwatch_event_target':
          this.eventTarget(block);
          break;
        case 'aws_scheduler_schedule':
          this.schedulerSchedule(block);
          break;
        case 'aws_lambda_provisioned_concurrency_config':
          this.provisionedConcurrency(block);
          break;
        default:
          break;
      }
    }
    this.linkLogGroups();
    for (const { fn, trigger } of this.permissionTriggers) {
      const covered = fn.triggers.some((t) => t.kind === trigger.kind || (trigger.kind === 'http' && isApiKind(t.kind)));
      if (!covered) fn.triggers.push(trigger);
    }
    this.result.functions.push(...this.functions.values());
  }

  // --- helpers -------------------------------------------------------------

  private of(kind: 'resource' | 'data', type: string): TfBlock[] {
    return [...(this.byType.get(`${kind}.${type}`)?.values() ?? [])];
  }

  private get(kind: 'resource' | 'data', type: string, name: string): TfBlock | undefined {
    return this.byType.get(`${kind}.${type}`)?.get(name);
  }

  private value(raw: unknown): TfValue {
    return resolve(raw, this.scope);
  }

  /** The module call's argument when the attribute is exactly `var.x` that the call sets. */
  private passedArg(node: TfNode, name: string): PassedArg | undefined {
    const raw = node.raw(name);
    const m = this.call && typeof raw === 'string' ? VAR_ONLY.exec(raw) : null;
    return m ? this.call!.args.get(m[1]) : undefined;
  }

  /** Where an attribute is set: the caller's argument when it is a variable the module call sets. */
  private locOf(node: TfNode, name: string): SourceLocation {
    return this.passedArg(node, name)?.loc ?? node.loc(name);
  }

  /** A string-valued attribute; references stay references; null means "not set". */
  private str(node: TfNode, name: string): Located<string> | undefined {
    if (!node.has(name)) return undefined;
    const v = this.value(node.raw(name));
    const loc = this.locOf(node, name);
    if (v.kind === 'null') return undefined;
    if (v.kind === 'literal') return { value: String(v.value), loc };
    if (v.kind === 'reference') return { value: v.ref, loc };
    return { value: reference(exprText(node.raw(name)), 'unknown'), loc };
  }

  private num(node: TfNode, name: string): Located<number> | undefined {
    if (!node.has(name)) return undefined;
    const v = this.value(node.raw(name));
    const loc = this.locOf(node, name);
    if (v.kind === 'null') return undefined;
    if (v.kind === 'literal') {
      const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' && /^-?\d+(\.\d+)?$/.test(v.value) ? Number(v.value) : NaN;
      return { value: Number.isNaN(n) ? reference(String(v.value), 'unknown') : n, loc };
    }
    if (v.kind === 'reference') return { value: v.ref, loc };
    return { value: reference(exprText(node.raw(name)), 'unknown'), loc };
  }

  private bool(node: TfNode, name: string): boolean | undefined {
    if (!node.has(name)) return undefined;
    const v = this.value(node.raw(name));
    if (v.kind !== 'literal') return undefined;
    return v.value === true || v.value === 'true' ? true : v.value === false || v.value === 'false' ? false : undefined;
  }

  /** A list of strings (`function_response_types`, `layers`, `architectures`), element by element. */
  private strList(node: TfNode, name: string): { list: Array<Located<string>>; all?: Located<string[]> } | undefined {
    if (!node.has(name)) return undefined;
    const v = this.value(node.raw(name));
    const loc = this.locOf(node, name);
    if (v.kind === 'null') return undefined;
    if (v.kind !== 'list') {
      const ref = v.kind === 'reference' ? v.ref : reference(exprText(node.raw(name)));
      return { list: [], all: { value: ref, loc } };
    }
    const list = v.value.map((item, i): Located<string> => {
      const iv = this.value(item);
      const itemLoc = node.itemLoc(name, i);
      if (iv.kind === 'literal') return { value: String(iv.value), loc: itemLoc };
      return { value: iv.kind === 'reference' ? iv.ref : reference(exprText(item)), loc: itemLoc };
    });
    const literals = list.every((l) => !isReference(l.value));
    return { list, all: { value: literals ? list.map((l) => l.value as string) : reference(exprText(node.raw(name))), loc } };
  }

  private located<T>(value: T | Reference, loc: SourceLocation, isDefault?: boolean): Located<T> {
    return isDefault ? { value, loc, isDefault } : { value, loc };
  }

  /** A path written in the config, made relative to the analysis root. `${path.module}` is the module directory. */
  private path(node: TfNode, name: string): Located<string> | undefined {
    if (!node.has(name)) return undefined;
    const raw = node.raw(name);
    const loc = this.locOf(node, name);
    if (typeof raw !== 'string') return this.str(node, name);
    const substituted = raw.replace(/\$\{\s*path\.(?:module|root|cwd)\s*\}/g, '.');
    const v = this.value(substituted);
    if (v.kind !== 'literal') return { value: v.kind === 'reference' ? reference(exprText(raw), v.ref.refType) : reference(exprText(raw)), loc };
    // A path the module call passes in was written relative to the caller.
    const passed = this.passedArg(node, name);
    if (passed && !String(v.value).startsWith('/')) return { value: posix.normalize(posix.join(this.call!.callerDir, String(v.value))), loc };
    return { value: this.rootRelative(String(v.value)), loc };
  }

  private rootRelative(p: string): string {
    if (p.startsWith('/')) return posix.normalize(p);
    return posix.normalize(posix.join(this.dir, p));
  }

  // --- resources -------------------------------------------------------------

  private queue(block: TfBlock): void {
    const node = block.node;
    const visibility = this.num(node, 'visibility_timeout_seconds');
    const queue: SqsQueue = {
      id: `${node.file}#aws_sqs_queue.${block.name}`,
      name: `aws_sqs_queue.${block.name}`,
      source: node.here(),
      visibilityTimeout: visibility ?? this.located(LAMBDA_DEFAULTS.sqsVisibilityTimeoutSeconds, node.here(), true),
    };
    const fifo = this.bool(node, 'fifo_queue');
    if (fifo !== undefined) queue.fifo = fifo;
    const redrive = this.str(node, 'redrive_policy');
    if (redrive && redrive.value !== '') queue.redrivePolicy = redrive;
    else if (this.of('resource', 'aws_sqs_queue_redrive_policy').some((r) => refersTo(r.node.raw('queue_url'), `aws_sqs_queue.${block.name}`))) {
      queue.redrivePolicy = { value: `aws_sqs_queue_redrive_policy`, loc: node.here() };
    } else if (this.of('resource', 'aws_sqs_queue_redrive_policy').length > 0) queue.redriveUnknown = true;
    this.queues.set(block.name, queue);
    this.result.queues.push(queue);
  }

  private logGroup(block: TfBlock): void {
    const node = block.node;
    const group: LogGroup = {
      id: `${node.file}#aws_cloudwatch_log_group.${block.name}`,
      name: `aws_cloudwatch_log_group.${block.name}`,
      source: node.here(),
    };
    const retention = this.num(node, 'retention_in_days');
    if (retention) group.retentionDays = retention;
    this.logGroups.set(block.name, { group, node });
    this.result.logGroups.push(group);
  }

  private newFunction(block: TfBlock, name: string): LambdaFunction {
    const source = block.node.here();
    return {
      id: `${block.node.file}#${name}`,
      name,
      format: 'terraform',
      source,
      memorySize: this.located(LAMBDA_DEFAULTS.memoryMb, source, true),
      timeout: this.located(LAMBDA_DEFAULTS.timeoutSeconds, source, true),
      environment: {},
      triggers: [],
      layers: [],
    };
  }

  private addFunction(block: TfBlock, fn: LambdaFunction): void {
    const address = block.kind === 'module' ? `module.${block.name}` : `aws_lambda_function.${block.name}`;
    this.functions.set(address, fn);
    const name = this.value(block.node.raw('function_name'));
    if (name.kind === 'literal' && !this.byFunctionName.has(String(name.value))) this.byFunctionName.set(String(name.value), fn);
  }

  private lambdaResource(block: TfBlock): LambdaFunction {
    const node = block.node;
    const fn = this.newFunction(block, `aws_lambda_function.${block.name}`);
    this.common(fn, node, {
      timeout: 'timeout',
      memory: 'memory_size',
      reserved: 'reserved_concurrent_executions',
    });
    const packageType = this.str(node, 'package_type');
    if (packageType && !isReference(packageType.value)) fn.packageType = packageType.value === 'Image' ? 'Image' : 'Zip';
    const code = this.resourceCode(node);
    if (code) fn.code = code;
    if (code?.kind === 'image') fn.packageType = 'Image';

    const arch = this.strList(node, 'architectures');
    if (arch?.list[0]) fn.architecture = arch.list[0];
    else if (arch?.all && isReference(arch.all.value)) fn.architecture = { value: arch.all.value, loc: arch.all.loc };

    const env = node.block('environment');
    if (env) {
      fn.environmentLoc = env.here();
      this.environment(fn, env, 'variables');
    }
    const tracing = node.block('tracing_config');
    if (tracing) {
      const mode = this.str(tracing, 'mode');
      if (mode) fn.tracing = mode;
    }
    const dlq = node.block('dead_letter_config');
    if (dlq) {
      const target = this.str(dlq, 'target_arn');
      if (target) fn.deadLetter = target;
    }
    const layers = this.strList(node, 'layers');
    if (layers) fn.layers = layers.list.length > 0 ? layers.list : layers.all && isReference(layers.all.value) ? [{ value: layers.all.value, loc: layers.all.loc }] : [];
    const storage = node.block('ephemeral_storage');
    const size = storage ? this.num(storage, 'size') : undefined;
    if (size) fn.ephemeralStorageMb = size;
    return fn;
  }

  /** Fields shared by the resource and the registry module (same attribute names for most). */
  private common(fn: LambdaFunction, node: TfNode, names: { timeout: string; memory: string; reserved: string }): void {
    const runtime = this.str(node, 'runtime');
    if (runtime && !(runtime.value === '')) fn.runtime = runtime;
    const handler = this.str(node, 'handler');
    if (handler && !(handler.value === '')) fn.handler = handler;
    const timeout = this.num(node, names.timeout);
    if (timeout) fn.timeout = timeout;
    const memory = this.num(node, names.memory);
    if (memory) fn.memorySize = memory;
    const reserved = this.num(node, names.reserved);
    // -1 is Terraform's "unreserved".
    if (reserved && reserved.value !== -1) fn.reservedConcurrency = reserved;
  }

  private environment(fn: LambdaFunction, node: TfNode, name: string): void {
    if (!node.has(name)) return;
    const obj = node.object(name);
    if (obj) {
      for (const child of obj.children()) fn.environment[child.key] = this.envValue(child.raw, child.loc);
      return;
    }
    // `variables = var.env` / `local.env`: enumerate a literal map default, located at the attribute.
    const v = this.value(node.raw(name));
    const passed = this.passedArg(node, name);
    if (passed) fn.environmentLoc = passed.loc;
    if (v.kind === 'object') {
      const callerKeys = passed ? passed.node.object(passed.arg) : undefined;
      const keyLoc = new Map((callerKeys?.children() ?? []).map((c) => [c.key, c.loc] as const));
      for (const [key, raw] of Object.entries(v.value)) fn.environment[key] = this.envValue(raw, keyLoc.get(key) ?? this.locOf(node, name));
    } else {
      // `merge(local.common, {...})`, a variable without a literal default: names unknown.
      fn.environmentUnknown = true;
    }
  }

  private envValue(raw: unknown, loc: SourceLocation): Located<string> {
    const v = this.value(raw);
    if (v.kind === 'literal') return { value: String(v.value), loc };
    if (v.kind === 'reference') return { value: v.ref, loc };
    return { value: reference(exprText(raw), v.kind === 'null' ? 'unknown' : 'tf-expression'), loc };
  }

  private resourceCode(node: TfNode): CodeLocation | undefined {
    const image = this.str(node, 'image_uri');
    if (image) return { kind: 'image', path: image };
    const filename = node.raw('filename');
    if (typeof filename === 'string') {
      const archive = /^\$\{\s*data\.archive_file\.([\w-]+)(?:\[[^\]]*\])?\.output_path\s*\}$/.exec(filename);
      const data = archive ? this.get('data', 'archive_file', archive[1]) : undefined;
      if (data) {
        const dir = this.path(data.node, 'source_dir');
        if (dir) return { kind: 'dir', path: dir };
        const file = this.path(data.node, 'source_file');
        // The zip holds the file at its root: handler paths are relative to the file's directory.
        if (file) return { kind: 'dir', path: isReference(file.value) ? file : { ...file, value: posix.dirname(file.value) } };
      }
      const zip = this.path(node, 'filename');
      if (zip) return { kind: 'zip', path: zip };
    }
    const key = this.str(node, 's3_key');
    if (key) {
      const bucket = this.value(node.raw('s3_bucket'));
      const value = !isReference(key.value) && bucket.kind === 'literal' ? `s3://${String(bucket.value)}/${key.value}` : key.value;
      return { kind: 'zip', path: { value, loc: key.loc } };
    }
    return undefined;
  }

  // --- local modules ------------------------------------------------------------

  /**
   * A call of a local module that creates functions: the module is loaded with the call's
   * arguments as its variables (the rest keep their defaults), and each function it creates is
   * one function of this call, named `module.<call>` (`module.<call>.<address>` when there are
   * several). The module's own copies, loaded on their own, are dropped by the project loader.
   */
  private localModule(block: TfBlock): void {
    const child = this.children.get(block.name);
    if (!child) return;
    // A local copy of terraform-aws-modules/lambda called as a layer or package builder
    // (`create_function = false`): `isLambdaModuleCall` already decided it creates no function.
    if (['create_function', 'create_layer', 'source_path'].every((v) => child.scope.variables.has(v))) return;
    const node = block.node;
    const count = this.value(node.raw('count'));
    if (count.kind === 'literal' && Number(count.value) === 0) return;
    const scope: TfScope = { variables: new Map(), locals: child.scope.locals };
    const args = new Map<string, PassedArg>();
    for (const [name, declared] of child.scope.variables) {
      if (!node.has(name)) {
        scope.variables.set(name, declared);
        continue;
      }
      // `handler = var.handler` passed on from our own caller points at that caller's argument.
      args.set(name, this.passedArg(node, name) ?? { loc: node.loc(name), node, arg: name });
      scope.variables.set(name, this.passedValue(node.raw(name)));
    }
    const inner = emptyResult();
    const blocks = child.blocks.filter((b) => !(b.kind === 'resource' && b.type === 'aws_lambda_function' && switchedOff(b.node.raw('count'), scope)));
    new ModuleLoader(child.dir, scope, blocks, inner, child.children, { callerDir: this.dir, args }).load();
    const address = `module.${block.name}`;
    const single = inner.functions.length === 1;
    const instantiated = (this.result.instantiated ??= []);
    instantiated.push(...(inner.instantiated ?? []));
    for (const created of inner.functions) {
      instantiated.push(created.source);
      const name = single ? address : `${address}.${created.name}`;
      const fn: LambdaFunction = { ...created, id: `${node.file}#${name}`, name, source: node.here() };
      this.functions.set(name, fn);
      const literalName = this.value(node.raw('function_name'));
      if (single && literalName.kind === 'literal' && !this.byFunctionName.has(String(literalName.value))) this.byFunctionName.set(String(literalName.value), fn);
    }
  }

  /** An argument of a module call as the called module's variable: resolved here, where it is written. */
  private passedValue(raw: unknown): { hasDefault: boolean; value: unknown } {
    const substituted = typeof raw === 'string' ? raw.replace(/\$\{\s*path\.(?:module|root|cwd)\s*\}/g, '.') : raw;
    const v = this.value(substituted);
    switch (v.kind) {
      case 'literal':
        return { hasDefault: true, value: typeof v.value === 'string' ? escapeTemplate(v.value) : v.value };
      case 'null':
        return { hasDefault: true, value: null };
      case 'object':
        return { hasDefault: true, value: Object.fromEntries(Object.entries(v.value).map(([k, item]) => [k, this.passedItem(item)])) };
      case 'list':
        return { hasDefault: true, value: v.value.map((item) => this.passedItem(item)) };
      default:
        return { hasDefault: false, value: undefined };
    }
  }

  private passedItem(raw: unknown): unknown {
    const v = this.value(raw);
    return v.kind === 'literal' && typeof v.value === 'string' ? escapeTemplate(v.value) : v.kind === 'literal' ? v.value : raw;
  }

  // --- registry wrappers -----------------------------------------------------------

  /** A call of a registry module that wraps `aws_lambda_function` (see WRAPPER_MODULES): inputs read by their documented names. */
  private wrapperModule(block: TfBlock): LambdaFunction {
    const node = block.node;
    const spec = wrapperOf(this.value(node.raw('source')))!;
    const fn = this.newFunction(block, `module.${block.name}`);
    this.common(fn, node, { timeout: 'timeout', memory: 'memory_size', reserved: 'reserved_concurrent_executions' });
    const packageType = this.str(node, 'package_type');
    if (packageType && !isReference(packageType.value)) fn.packageType = packageType.value === 'Image' ? 'Image' : 'Zip';
    const image = this.str(node, 'image_uri');
    const dir = spec.sourceDir ? this.path(node, spec.sourceDir) : undefined;
    const zip = this.path(node, 'filename');
    const s3Key = this.str(node, 's3_key');
    if (image && (!isReference(image.value) || fn.packageType === 'Image')) {
      fn.code = { kind: 'image', path: image };
      fn.packageType = 'Image';
    } else if (dir) {
      // A single file is zipped alone: the handler is relative to its directory.
      const value = !isReference(dir.value) && /\.[A-Za-z0-9]{1,5}$/.test(dir.value) ? posix.dirname(dir.value) : dir.value;
      fn.code = { kind: 'dir', path: { ...dir, value } };
    } else if (zip) fn.code = { kind: 'zip', path: zip };
    else if (s3Key) fn.code = { kind: 'zip', path: s3Key };

    if (node.has(spec.environment)) {
      fn.environmentLoc = node.loc(spec.environment);
      const env = node.object(spec.environment) ?? node.block(spec.environment);
      if (env) this.environment(fn, env, 'variables');
      else fn.environmentUnknown = true;
    }
    const arch = this.strList(node, 'architectures');
    if (arch?.list[0]) fn.architecture = arch.list[0];
    const tracing = node.has('tracing_config_mode') ? this.str(node, 'tracing_config_mode') : (node.object('tracing_config') ?? node.block('tracing_config')) && this.str((node.object('tracing_config') ?? node.block('tracing_config'))!, 'mode');
    if (tracing) fn.tracing = tracing;
    const dlq = node.object('dead_letter_config') ?? node.block('dead_letter_config');
    const target = dlq ? this.str(dlq, 'target_arn') : undefined;
    if (target) fn.deadLetter = target;
    const layers = this.strList(node, 'layers');
    if (layers) fn.layers = layers.list.length > 0 ? layers.list : layers.all && isReference(layers.all.value) ? [{ value: layers.all.value, loc: layers.all.loc }] : [];
    const retention = spec.retention ? this.num(node, spec.retention) : undefined;
    if (retention && retention.value !== 0) fn.logRetentionDays = retention;
    return fn;
  }

  // --- registry module --------------------------------------------------------

  private isLambdaModuleCall(block: TfBlock): boolean {
    const node = block.node;
    const source = this.value(node.raw('source'));
    if (source.kind !== 'literal' || typeof source.value !== 'string') return false;
    const src = source.value;
    const registry = LAMBDA_MODULE_SOURCE.test(src);
    const local = /^\.\.?(\/|$)/.test(src) && node.has('function_name') && LAMBDA_MODULE_HINTS.some((h) => node.has(h));
    if (!registry && !local) return false;
    // The module creates no function when told so (layers, packaging-only calls).
    if (this.bool(node, 'create') === false || this.bool(node, 'create_function') === false) return false;
    if (this.bool(node, 'create_layer') === true) return false;
    return true;
  }

  private lambdaModule(block: TfBlock): LambdaFunction {
    const node = block.node;
    const fn = this.newFunction(block, `module.${block.name}`);
    this.common(fn, node, { timeout: 'timeout', memory: 'memory_size', reserved: 'reserved_concurrent_executions' });
    const provisioned = this.num(node, 'provisioned_concurrent_executions');
    if (provisioned && provisioned.value !== -1) fn.provisionedConcurrency = provisioned;
    const storage = this.num(node, 'ephemeral_storage_size');
    if (storage) fn.ephemeralStorageMb = storage;

    const packageType = this.str(node, 'package_type');
    if (packageType && !isReference(packageType.value)) fn.packageType = packageType.value === 'Image' ? 'Image' : 'Zip';
    // `image_uri` only names the code when it is set (a reference may well be null) or the package type says so.
    const imageUri = this.str(node, 'image_uri');
    const image = imageUri && (!isReference(imageUri.value) || fn.packageType === 'Image') ? imageUri : undefined;
    const existing = this.path(node, 'local_existing_package');
    const sourcePath = this.moduleSourcePath(node);
    if (image) {
      fn.code = { kind: 'image', path: image };
      fn.packageType = 'Image';
    } else if (existing) fn.code = { kind: 'zip', path: existing };
    else if (sourcePath) fn.code = { kind: 'dir', path: sourcePath };
    else if (node.has('s3_existing_package')) {
      // Code already uploaded to S3 (built elsewhere): nothing local to check.
      fn.code = { kind: 'zip', path: { value: { kind: 'reference', text: 's3_existing_package', refType: 'tf-expression' }, loc: node.loc('s3_existing_package') } };
    }

    const arch = this.strList(node, 'architectures');
    if (arch?.list[0]) fn.architecture = arch.list[0];
    if (node.has('environment_variables')) {
      fn.environmentLoc = node.loc('environment_variables');
      this.environment(fn, node, 'environment_variables');
    }
    const tracing = this.str(node, 'tracing_mode');
    if (tracing) fn.tracing = tracing;
    const dlq = this.str(node, 'dead_letter_target_arn');
    if (dlq) fn.deadLetter = dlq;
    const onFailure = this.str(node, 'destination_on_failure');
    if (onFailure) fn.onFailureDestination = onFailure;
    const layers = this.strList(node, 'layers');
    // `layers = var.layers`: unknown layers still count as layers (they may provide packages).
    if (layers) fn.layers = layers.list.length > 0 ? layers.list : layers.all && isReference(layers.all.value) ? [{ value: layers.all.value, loc: layers.all.loc }] : [];
    // Module default: null, i.e. a log group that never expires.
    const retention = this.num(node, 'cloudwatch_logs_retention_in_days');
    if (retention && retention.value !== 0) fn.logRetentionDays = retention;

    if (this.bool(node, 'create_lambda_function_url') === true) {
      const loc = node.loc('create_lambda_function_url');
      const authType = this.str(node, 'authorization_type') ?? this.located(LAMBDA_MODULE_DEFAULTS.authorizationType, loc, true);
      (fn.functionUrls ??= []).push({ authType, loc });
      fn.triggers.push({ kind: 'function-url', loc });
    }
    const mappings = node.object('event_source_mapping');
    if (mappings) {
      for (const child of mappings.children()) {
        if (!child.node) continue;
        fn.triggers.push(this.mappingTrigger(child.node, child.loc, { failure: 'destination_arn_on_failure' }));
      }
    }
    const allowed = node.object('allowed_triggers');
    if (allowed) {
      for (const child of allowed.children()) {
        if (!child.node) continue;
        const principalKey = child.node.has('principal') ? 'principal' : 'service';
        if (child.node.has('principal')) this.recordPermission(`${fn.id}.allowed_triggers.${child.key}`, child.node, child.loc, fn, fn.name, principalKey);
        const kind = this.permissionKind(child.node, child.node.raw('principal') ?? child.node.raw('service'));
        if (kind) this.permissionTriggers.push({ fn, trigger: { kind, loc: child.loc } });
      }
    }
    return fn;
  }

  /** `source_path`: a string, or a list of strings / `{ path = ... }` objects (the first names the code). */
  private moduleSourcePath(node: TfNode): Located<string> | undefined {
    const raw = node.raw('source_path');
    let located: Located<string> | undefined;
    if (typeof raw === 'string') located = this.path(node, 'source_path');
    else if (Array.isArray(raw) && raw.length > 0) {
      const first = raw[0];
      const loc = node.itemLoc('source_path', 0);
      if (typeof first === 'string') located = this.path(new TfNode(node.file, { p: first }, undefined, loc), 'p');
      else if (isObject(first) && typeof first.path === 'string') located = this.path(new TfNode(node.file, first, undefined, loc), 'path');
      if (located) located = { ...located, loc };
    } else if (isObject(raw) && typeof raw.path === 'string') {
      located = this.path(new TfNode(node.file, raw, undefined, node.loc('source_path')), 'path');
    }
    if (!located || isReference(located.value)) return located;
    // A single file: the package holds it at its root, so the handler is relative to its directory.
    return /\.[A-Za-z0-9]{1,5}$/.test(located.value) ? { ...located, value: posix.dirname(located.value) } : located;
  }

  // --- links -------------------------------------------------------------------

  /** The function an attribute refers to: resource or module reference, alias, literal name or ARN. */
  private linkFunction(raw: unknown): LambdaFunction | undefined {
    if (typeof raw !== 'string') return undefined;
    const fnRef = FN_REF.exec(raw);
    if (fnRef) return this.functions.get(`aws_lambda_function.${fnRef[1]}`);
    const alias = ALIAS_REF.exec(raw);
    if (alias) return this.aliases.get(alias[1]);
    const mod = MODULE_REF.exec(raw);
    if (mod) return this.functions.get(`module.${mod[1]}`);
    const v = this.value(raw);
    if (v.kind !== 'literal') return undefined;
    const text = String(v.value);
    const arn = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(text);
    return this.byFunctionName.get(arn ? arn[1] : text);
  }

  /** Kind of an event source mapping from its source ARN. */
  private streamKind(raw: unknown): { kind: TriggerKind; queueId?: string } {
    const text = typeof raw === 'string' ? raw : '';
    const queue = QUEUE_REF.exec(text);
    if (queue) return { kind: 'sqs', queueId: this.queues.get(queue[1])?.id };
    if (/\baws_dynamodb_table\.[\w-]+(?:\[[^\]]*\])?\.stream_arn/.test(text)) return { kind: 'dynamodb-stream' };
    if (/\baws_kinesis_stream\./.test(text)) return { kind: 'kinesis' };
    const v = this.value(raw);
    const literal = v.kind === 'literal' ? String(v.value) : text;
    if (/arn:aws[\w-]*:sqs:/.test(literal) || /\bmodule\.[\w-]+\.(?:queue_arn|sqs_queue_arn)\b/.test(text)) return { kind: 'sqs' };
    if (/arn:aws[\w-]*:dynamodb:.*\/stream\//.test(literal) || /\bstream_arn\b/.test(text)) return { kind: 'dynamodb-stream' };
    if (/arn:aws[\w-]*:kinesis:/.test(literal)) return { kind: 'kinesis' };
    return { kind: 'other' };
  }

  /** An event source mapping (resource or module map entry) as a trigger. */
  private mappingTrigger(node: TfNode, loc: SourceLocation, keys: { failure: 'destination_config' | 'destination_arn_on_failure' }): Trigger {
    const arn = node.raw('event_source_arn');
    const { kind, queueId } = this.streamKind(arn);
    const trigger: Trigger = { kind, loc };
    if (arn !== undefined && arn !== null) {
      trigger.source = { ref: exprText(arn) };
      if (queueId) trigger.source.queueId = queueId;
    }
    const batch = this.num(node, 'batch_size');
    if (batch) trigger.batchSize = batch;
    const types = this.strList(node, 'function_response_types');
    if (types?.all) trigger.functionResponseTypes = types.all;
    if (keys.failure === 'destination_arn_on_failure') {
      const failure = this.str(node, 'destination_arn_on_failure');
      if (failure) trigger.onFailure = failure;
    } else {
      const onFailure = node.block('destination_config')?.block('on_failure');
      const failure = onFailure ? this.str(onFailure, 'destination_arn') : undefined;
      if (failure) trigger.onFailure = failure;
    }
    return trigger;
  }

  private eventSourceMapping(block: TfBlock): void {
    const fn = this.linkFunction(block.node.raw('function_name'));
    const trigger = this.mappingTrigger(block.node, block.node.here(), { failure: 'destination_config' });
    if (fn) fn.triggers.push(trigger);
    else (this.result.detachedTriggers ??= []).push({ functionRef: this.written(block.node.raw('function_name')), format: 'terraform', trigger });
  }

  private functionUrl(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('function_name'));
    const authType = this.str(node, 'authorization_type') ?? { value: reference('authorization_type (required)', 'unknown'), loc: node.here() };
    const url: FunctionUrl = { authType, loc: node.here() };
    const qualifier = this.str(node, 'qualifier');
    if (qualifier) url.qualifier = isReference(qualifier.value) ? qualifier.value.text : qualifier.value;
    if (!fn) {
      (this.result.detachedFunctionUrls ??= []).push({ functionRef: this.written(node.raw('function_name')), format: 'terraform', url });
      return;
    }
    (fn.functionUrls ??= []).push(url);
    fn.triggers.push({ kind: 'function-url', loc: node.here() });
  }

  /** A value as written, for messages about a function outside the analysed configs. */
  private written(raw: unknown): string {
    const v = this.value(raw);
    return v.kind === 'literal' ? String(v.value) : exprText(raw);
  }

  private eventInvokeConfig(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('function_name'));
    const onFailure = node.block('destination_config')?.block('on_failure');
    const destination = onFailure ? this.str(onFailure, 'destination') : undefined;
    if (fn && destination) fn.onFailureDestination = destination;
  }

  private httpApiIntegration(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('integration_uri'));
    if (!fn) return;
    // apigatewayv2 serves HTTP and WebSocket APIs; only a WEBSOCKET protocol changes the kind.
    const api = typeof node.raw('api_id') === 'string' ? APIV2_REF.exec(node.raw('api_id') as string) : null;
    const apiBlock = api ? this.get('resource', 'aws_apigatewayv2_api', api[1]) : undefined;
    const protocol = apiBlock ? this.value(apiBlock.node.raw('protocol_type')) : undefined;
    const kind: TriggerKind = protocol?.kind === 'literal' && protocol.value === 'WEBSOCKET' ? 'other' : 'http-api';
    const trigger: Trigger = { kind, loc: node.here() };
    const timeout = this.num(node, 'timeout_milliseconds');
    if (timeout) trigger.integrationTimeoutMs = timeout;
    fn.triggers.push(trigger);
  }

  private restApiIntegration(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('uri'));
    if (!fn) return;
    const trigger: Trigger = { kind: 'rest-api', loc: node.here() };
    const timeout = this.num(node, 'timeout_milliseconds');
    if (timeout) trigger.integrationTimeoutMs = timeout;
    // `request_parameters = { "integration.request.header.X-Amz-Invocation-Type" = "'Event'" }`: API Gateway does not wait.
    const params = node.raw('request_parameters');
    const invocation = isObject(params) ? this.value(params['integration.request.header.X-Amz-Invocation-Type']) : undefined;
    if (invocation?.kind === 'literal' && String(invocation.value).replace(/'/g, '') === 'Event') trigger.asyncInvocation = true;
    fn.triggers.push(trigger);
  }

  /** Trigger kind from a permission's principal (`s3.amazonaws.com`) or the module's `service` (`s3`). */
  private permissionKind(node: TfNode, principalRaw: unknown): TriggerKind | undefined {
    const principal = this.value(principalRaw);
    // `sns.${data.aws_partition.current.dns_suffix}` stays a reference: its text names the service.
    const text = principal.kind === 'literal' ? String(principal.value) : typeof principalRaw === 'string' ? principalRaw : undefined;
    if (text === undefined) return undefined;
    const service = principalService(text) ?? (principal.kind === 'literal' ? text : undefined);
    const sourceArn = node.raw('source_arn');
    const sourceText = typeof sourceArn === 'string' ? sourceArn : '';
    switch (service) {
      case 's3':
        return 's3';
      case 'sns':
        return 'sns';
      case 'events': {
        const rule = EVENT_RULE_REF.exec(sourceText);
        const ruleBlock = rule ? this.get('resource', 'aws_cloudwatch_event_rule', rule[1]) : undefined;
        return ruleBlock?.node.has('schedule_expression') ? 'schedule' : 'eventbridge';
      }
      case 'scheduler':
        return 'schedule';
      case 'cognito-idp':
        return 'cognito';
      case 'iot':
        return 'iot';
      case 'elasticloadbalancing':
        return 'alb';
      case 'apigateway': {
        if (REST_API_REF.test(sourceText)) return 'rest-api';
        const api = APIV2_REF.exec(sourceText);
        if (api) {
          const apiBlock = this.get('resource', 'aws_apigatewayv2_api', api[1]);
          const protocol = apiBlock ? this.value(apiBlock.node.raw('protocol_type')) : undefined;
          return protocol?.kind === 'literal' && protocol.value === 'WEBSOCKET' ? 'other' : 'http-api';
        }
        // An API Gateway of unknown flavour (ARN string, another module): an HTTP caller.
        return 'http';
      }
      default:
        return undefined;
    }
  }

  private permission(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('function_name'));
    this.recordPermission(`${node.file}#aws_lambda_permission.${block.name}`, node, node.here(), fn, this.written(node.raw('function_name')));
    if (!fn) return;
    const kind = this.permissionKind(node, node.raw('principal'));
    if (kind) this.permissionTriggers.push({ fn, trigger: { kind, loc: node.here() } });
  }

  /** `aws_lambda_permission` and the Lambda module's `allowed_triggers` entries (same attribute names). */
  private recordPermission(id: string, node: TfNode, loc: SourceLocation, fn: LambdaFunction | undefined, functionRef: string, principalKey = 'principal'): void {
    const principal = this.str(node, principalKey) ?? { value: reference(`${principalKey} (missing)`, 'unknown'), loc };
    const permission: InvokePermission = { id, format: 'terraform', loc, principal, functionRef: fn?.name ?? functionRef };
    if (fn) permission.functionName = fn.name;
    const sourceArn = this.str(node, 'source_arn');
    if (sourceArn) permission.sourceArn = sourceArn;
    const sourceAccount = this.str(node, 'source_account');
    if (sourceAccount) permission.sourceAccount = sourceAccount;
    const org = this.str(node, 'principal_org_id');
    if (org) permission.principalOrgId = org;
    const urlAuth = this.str(node, 'function_url_auth_type');
    if (urlAuth) permission.functionUrlAuthType = urlAuth;
    (this.result.permissions ??= []).push(permission);
  }

  private s3Notification(block: TfBlock): void {
    const bucket = block.node.raw('bucket');
    for (const target of block.node.blocks('lambda_function')) {
      const fn = this.linkFunction(target.raw('lambda_function_arn'));
      if (!fn) continue;
      const trigger: Trigger = { kind: 's3', loc: target.here() };
      if (bucket !== undefined && bucket !== null) trigger.source = { ref: exprText(bucket) };
      const events = this.strList(target, 'events');
      if (events) trigger.s3Events = events.list.flatMap((e) => (isReference(e.value) ? [] : [e.value]));
      const filters: NonNullable<Trigger['keyFilter']> = [];
      for (const [key, name] of [['filter_prefix', 'prefix'], ['filter_suffix', 'suffix']] as const) {
        const value = this.str(target, key);
        if (value && value.value !== '') filters.push({ name, value });
      }
      if (filters.length > 0) trigger.keyFilter = filters;
      fn.triggers.push(trigger);
    }
  }

  private snsSubscription(block: TfBlock): void {
    const node = block.node;
    const protocol = this.value(node.raw('protocol'));
    if (protocol.kind !== 'literal' || protocol.value !== 'lambda') return;
    const fn = this.linkFunction(node.raw('endpoint'));
    if (!fn) return;
    const trigger: Trigger = { kind: 'sns', loc: node.here(), deliveryDeadLetterKnown: true };
    const redrive = this.str(node, 'redrive_policy');
    if (redrive && redrive.value !== '') trigger.deliveryDeadLetter = redrive;
    const topic = node.raw('topic_arn');
    if (topic !== undefined && topic !== null) trigger.source = { ref: exprText(topic) };
    fn.triggers.push(trigger);
  }

  private eventTarget(block: TfBlock): void {
    const node = block.node;
    const fn = this.linkFunction(node.raw('arn'));
    if (!fn) return;
    const rule = typeof node.raw('rule') === 'string' ? EVENT_RULE_REF.exec(node.raw('rule') as string) : null;
    const ruleBlock = rule ? this.get('resource', 'aws_cloudwatch_event_rule', rule[1]) : undefined;
    const trigger: Trigger = { kind: ruleBlock?.node.has('schedule_expression') ? 'schedule' : 'eventbridge', loc: node.here(), deliveryDeadLetterKnown: true };
    const dlq = node.block('dead_letter_config');
    const arn = dlq ? this.str(dlq, 'arn') : undefined;
    if (arn) trigger.deliveryDeadLetter = arn;
    fn.triggers.push(trigger);
  }

  private schedulerSchedule(block: TfBlock): void {
    const target = block.node.block('target');
    const fn = target ? this.linkFunction(target.raw('arn')) : undefined;
    if (fn) fn.triggers.push({ kind: 'schedule', loc: block.node.here() });
  }

  private provisionedConcurrency(block: TfBlock): void {
    const fn = this.linkFunction(block.node.raw('function_name'));
    const value = this.num(block.node, 'provisioned_concurrent_executions');
    if (fn && value) fn.provisionedConcurrency = value;
  }

  /** Log groups named `/aws/lambda/<function name>` or referenced from `logging_config.log_group`. */
  private linkLogGroups(): void {
    for (const [address, fn] of this.functions) {
      if (!address.startsWith('aws_lambda_function.')) continue;
      const block = this.get('resource', 'aws_lambda_function', address.slice('aws_lambda_function.'.length));
      const logging = block?.node.block('logging_config');
      const ref = logging && typeof logging.raw('log_group') === 'string' ? LOG_GROUP_REF.exec(logging.raw('log_group') as string) : null;
      const group = ref ? this.logGroups.get(ref[1]) : undefined;
      if (group) this.applyRetention(fn, group.group);
    }
    for (const { group, node } of this.logGroups.values()) {
      const raw = node.raw('name');
      if (typeof raw !== 'string') continue;
      const byRef = /^\/aws\/lambda\/\$\{\s*(?:aws_lambda_function\.([\w-]+)(?:\[[^\]]*\])?\.function_name|module\.([\w-]+)(?:\[[^\]]*\])?\.lambda_function_name)\s*\}$/.exec(raw);
      let fn: LambdaFunction | undefined;
      if (byRef) fn = this.functions.get(byRef[1] ? `aws_lambda_function.${byRef[1]}` : `module.${byRef[2]}`);
      else {
        const v = this.value(raw);
        const m = v.kind === 'literal' ? /^\/aws\/lambda\/(.+)$/.exec(String(v.value)) : null;
        if (m) fn = this.byFunctionName.get(m[1]);
      }
      if (fn) this.applyRetention(fn, group);
    }
  }

  private applyRetention(fn: LambdaFunction, group: LogGroup): void {
    // 0 is "never expire": the same as no retention for the rules.
    if (fn.logRetentionDays || !group.retentionDays || group.retentionDays.value === 0) return;
    fn.logRetentionDays = group.retentionDays;
  }
}

/** Whether an expression names a resource address (`aws_sqs_queue.jobs.id`, `${aws_sqs_queue.jobs.url}`). */
function refersTo(raw: unknown, address: string): boolean {
  return typeof raw === 'string' && new RegExp(`\\b${address.replace(/[.]/g, '\\.')}(?:\\[[^\\]]*\\])?\\.`).test(raw);
}

function isApiKind(kind: TriggerKind): boolean {
  return kind === 'rest-api' || kind === 'http-api' || kind === 'http';
}

/** Every directory holding `.tf` files, with its files: the unit `loadTerraformModule` takes. */
export function groupTerraformFiles(paths: string[]): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  for (const p of [...paths].sort()) {
    if (!isTerraformFile(p)) continue;
    const dir = posix.dirname(p.replace(/\\/g, '/'));
    const list = byDir.get(dir) ?? [];
    list.push(p);
    byDir.set(dir, list);
  }
  return byDir;
}

