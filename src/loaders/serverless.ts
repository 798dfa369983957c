/**
 * Serverless Framework configs (`serverless.yml` / `.yaml` / `.json`, and
 * `serverless.ts` / `.js` when the exported config is a static object
 * literal) -> `LambdaFunction`s. Only `provider.name: aws` services.
 *
 * Provider-level settings are merged into each function (`inheritedFrom:
 * 'provider'`); variables are resolved statically (./serverless/variables.ts);
 * the `resources:` block goes through the CloudFormation loader so queues and
 * log groups defined there come in.
 */
import { ExpansionBudget } from './expansion-budget.js';
import { posix } from 'node:path';
import type { Bundler, LambdaFunction, Located, SourceLocation } from '../model/index.js';
import { conflictingDuplicates, emptyResult, type LoaderHost, type LoadResult } from './types.js';
import { get, pairLoc, pairOf as pair, parseYaml, startOf, type YMap, type YNode, type YPair } from './yaml-tree.js';
import { loadTemplateTree } from './cloudformation.js';
import type { CfnResource, TemplateScope } from './cloudformation/values.js';
import { readServerlessTs, looksLikeServerlessTs } from './serverless/ts-config.js';
import { parseDotenv, VariableResolver } from './serverless/variables.js';
import { readFunctionEvents, type EventContext } from './serverless/events.js';
import { locatedNumber, locatedString, stringAt } from './cloudformation/values.js';

/**
 * Serverless Framework defaults when neither the function nor the provider sets a value
 * (they differ from Lambda's own 128 MB / 3 s):
 * https://www.serverless.com/framework/docs/providers/aws/guide/functions
 * ("memorySize ... Default is 1024", "timeout ... Default is 6 seconds"). Checked 2026-11-27.
 */
export const SERVERLESS_DEFAULTS = { memoryMb: 1024, timeoutSeconds: 6 } as const;

const CONFIG_NAME = /^serverless(\.[\w-]+)?\.(ya?ml|json|[cm]?[jt]s)$/;
const YAML_SERVICE = /^["']?service["']?\s*:/m;
const YAML_PROVIDER = /^["']?provider["']?\s*:/m;
const JSON_PROVIDER = /"provider"\s*:/;

export function isServerlessConfig(file: string, text: string): boolean {
  const name = posix.basename(file.replace(/\\/g, '/'));
  if (!CONFIG_NAME.test(name)) return false;
  if (/\.[cm]?[jt]s$/.test(name)) return looksLikeServerlessTs(text);
  if (text.trimStart().startsWith('{')) return JSON_PROVIDER.test(text);
  return YAML_SERVICE.test(text) && YAML_PROVIDER.test(text);
}

const BUNDLER_PLUGINS: Record<string, Bundler> = {
  'serverless-esbuild': 'esbuild',
  'serverless-webpack': 'webpack',
  'serverless-plugin-typescript': 'typescript',
  'serverless-bundle': 'serverless-bundle',
};

export function loadServerless(file: string, text: string, host: LoaderHost): LoadResult {
  const result = emptyResult();
  try {
    loadInto(result, file, text, host);
  } catch (error) {
    result.diagnostics.push({
      ruleId: 'parse-error',
      message: `cannot load serverless config: ${(error as Error).message}`,
      loc: { file, line: 1, column: 1 },
    });
  }
  return result;
}

/** Serverless's CloudFormation logical id of a function: `my-fn` -> `MyDashfnLambdaFunction`. */
export function serverlessLogicalId(functionName: string): string {
  const normalized = functionName.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

function loadInto(result: LoadResult, file: string, text: string, host: LoaderHost): void {
  let root: YNode | undefined;
  if (/\.[cm]?[jt]s$/.test(file)) {
    const read = readServerlessTs(file, text, host);
    result.diagnostics.push(...read.diagnostics);
    root = read.root;
    if (!root) {
      result.diagnostics.push({
        ruleId: 'parse-error',
        severity: 'info',
        message: `${posix.basename(file)} was not loaded: ${read.note ?? 'not a static config'} (it is never executed)`,
        loc: { file, line: 1, column: 1 },
      });
      return;
    }
  } else {
    const parsed = parseYaml(file, text);
    result.diagnostics.push(...parsed.diagnostics);
    const duplicates = conflictingDuplicates(parsed.duplicateKeys);
    if (duplicates.length > 0) result.duplicateKeys = duplicates;
    root = parsed.documents[0];
  }
  if (!root || root.kind !== 'map') return;

  const serviceDir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const budget = new ExpansionBudget();
  const resolver = new VariableResolver(root, { serviceDir, host, diagnostics: result.diagnostics, budget });

  const providerRaw = resolver.child(root, 'provider');
  if (!providerRaw) return;
  let provider = resolver.resolve(providerRaw);
  const providerName = provider.kind === 'scalar' ? provider.value : scalar(get(provider, 'name'));
  if (providerName !== 'aws') return;

  const stage = resolver.stage();
  const plugins = pluginNames(resolver, root);
  let bundler: Bundler | undefined;
  for (const plugin of plugins) bundler ??= BUNDLER_PLUGINS[plugin];
  if (!bundler && resolver.child(resolver.child(root, 'build'), 'esbuild')) bundler = 'esbuild';

  const useDotenv = scalar(resolver.resolve(resolver.child(root, 'useDotenv') ?? nullNode(root.loc))) === true;
  const dotenvFiles: string[] = [];
  if (useDotenv || plugins.includes('serverless-dotenv-plugin')) {
    for (const name of ['.env', ...(stage ? [`.env.${stage}`] : [])]) {
      const path = serviceDir ? `${serviceDir}/${name}` : name;
      if (host.fileExists(path)) dotenvFiles.push(path);
    }
    // Serverless loads these before resolving variables, so `${env:X}` sees them.
    const env = new Map<string, string>();
    for (const path of dotenvFiles) for (const [key, value] of parseDotenv(host.readFile(path) ?? '')) env.set(key, value);
    if (env.size > 0) {
      resolver.setEnv(env);
      provider = resolver.resolve(providerRaw);
    }
  }

  // Resources first: their types and queue names are needed to read events.
  const resourcesRoot = mergeResources(resolver, root);
  const resourceMap = new Map<string, CfnResource>();
  if (resourcesRoot) {
    const resourcesNode = get(resourcesRoot, 'Resources');
    if (resourcesNode?.kind === 'map') {
      for (const pair of resourcesNode.pairs) {
        const type = scalar(get(pair.value, 'Type'));
        if (typeof type !== 'string' || pair.value.kind !== 'map') continue;
        resourceMap.set(pair.key, { id: pair.key, type, node: pair.value, properties: get(pair.value, 'Properties'), loc: pair.keyLoc });
      }
    }
  }
  const scope: TemplateScope = { parameters: new Map(), resources: resourceMap, mappings: undefined, budget };

  const eventContext: EventContext = {
    file,
    scope,
    queueIds: new Map(),
    queueNames: new Map(),
    provider,
  };
  for (const resource of resourceMap.values()) {
    if (resource.type !== 'AWS::SQS::Queue') continue;
    eventContext.queueIds.set(resource.id, `${file}#${resource.id}`);
    const name = scalar(get(resource.properties, 'QueueName'));
    if (typeof name === 'string') eventContext.queueNames.set(name, resource.id);
  }

  const servicePackage = resolver.child(root, 'package');
  const serviceArtifact = servicePackage ? resolver.resolve(servicePackage) : undefined;
  const external = new Map<string, LambdaFunction>();
  for (const { name, keyLoc, node } of functionEntries(resolver, root)) {
    const def = resolver.resolve(node);
    if (def.kind === 'ref') {
      // serverless.ts: a function config that is not a static value (a call, an unresolvable import).
      result.diagnostics.push({
        ruleId: 'parse-error',
        severity: 'info',
        message: `function \`${name}\` was not loaded: its config \`${def.ref.text}\` cannot be read statically`,
        loc: startOf(keyLoc),
      });
      continue;
    }
    if (def.kind !== 'map' && !(def.kind === 'scalar' && def.value === null)) continue;
    const fn = buildFunction(name, keyLoc, def, { file, serviceDir, provider, scope, eventContext, serviceArtifact });
    if (bundler) fn.bundler = bundler;
    if (dotenvFiles.length > 0) fn.dotenvFiles = [...dotenvFiles];
    if (plugins.length > 0) fn.deployPlugins = [...plugins];
    result.functions.push(fn);
    external.set(serverlessLogicalId(name), fn);
  }

  if (resourcesRoot) {
    const loaded = loadTemplateTree(file, resourcesRoot, { format: 'serverless', externalFunctions: external, budget });
    result.functions.push(...loaded.functions);
    result.queues.push(...loaded.queues);
    result.logGroups.push(...loaded.logGroups);
    result.diagnostics.push(...loaded.diagnostics);
    if (loaded.permissions) (result.permissions ??= []).push(...loaded.permissions);
    if (loaded.detachedTriggers) (result.detachedTriggers ??= []).push(...loaded.detachedTriggers);
    if (loaded.detachedFunctionUrls) (result.detachedFunctionUrls ??= []).push(...loaded.detachedFunctionUrls);
  }
  const included = resolver.includedFiles();
  if (included.length > 0) result.includedFiles = included;
  const exhausted = budget.diagnostic();
  if (exhausted) result.diagnostics.push(exhausted);
}

function nullNode(loc: SourceLocation): YNode {
  return { kind: 'scalar', value: null, loc };
}

function scalar(node: YNode | undefined): string | number | boolean | null | undefined {
  return node?.kind === 'scalar' ? node.value : undefined;
}

function pluginNames(resolver: VariableResolver, root: YNode): string[] {
  const raw = resolver.child(root, 'plugins');
  if (!raw) return [];
  let plugins = resolver.resolve(raw);
  if (plugins.kind === 'map') plugins = get(plugins, 'modules') ?? plugins; // `plugins: { localPath, modules: [...] }`
  if (plugins.kind !== 'seq') return [];
  return plugins.items.map((p) => scalar(p)).filter((p): p is string => typeof p === 'string');
}

/** `functions` as a map, as a list of maps, or through `${file(...)}` includes (at any level). */
function functionEntries(resolver: VariableResolver, root: YNode): Array<{ name: string; keyLoc: SourceLocation; node: YNode }> {
  const out: Array<{ name: string; keyLoc: SourceLocation; node: YNode }> = [];
  const seen = new Set<string>();
  const visit = (node: YNode | undefined, depth: number): void => {
    const current = resolver.shallow(node);
    if (!current || depth > 5) return;
    if (current.kind === 'seq') {
      for (const item of current.items) visit(item, depth + 1);
      return;
    }
    if (current.kind !== 'map') return;
    for (const entry of current.pairs) {
      const index = seen.has(entry.key) ? out.findIndex((e) => e.name === entry.key) : -1;
      if (index >= 0) out.splice(index, 1);
      seen.add(entry.key);
      out.push({ name: entry.key, keyLoc: entry.keyLoc, node: entry.value });
    }
  };
  visit(resolver.child(root, 'functions'), 0);
  return out;
}

/**
 * `resources:` as `{ Resources, Outputs }` or a list of them (often `${file()}` includes), merged as
 * the Framework merges them (lodash `merge`): a resource in two parts is merged key by key, so a
 * later part can add or override one property of an earlier resource.
 */
function mergeResources(resolver: VariableResolver, root: YNode): YMap | undefined {
  const raw = resolver.child(root, 'resources');
  if (!raw) return undefined;
  const resolved = resolver.resolve(raw);
  const parts = resolved.kind === 'seq' ? resolved.items : [resolved];
  let merged: YMap | undefined;
  for (const part of parts) {
    const resources = pair(part, 'Resources');
    if (!resources || resources.value.kind !== 'map') continue;
    merged = merged ? mergeMaps(merged, resources.value) : resources.value;
  }
  if (!merged) return undefined;
  return { kind: 'map', pairs: [{ key: 'Resources', keyLoc: merged.loc, value: merged }], loc: merged.loc };
}

/** lodash `merge` of two YAML nodes: maps key by key, lists item by item, anything else replaced by the later value. */
function mergeNodes(earlier: YNode, later: YNode): YNode {
  if (earlier.kind === 'map' && later.kind === 'map') return mergeMaps(earlier, later);
  if (earlier.kind === 'seq' && later.kind === 'seq') {
    const items = earlier.items.map((item, i) => (i < later.items.length ? mergeNodes(item, later.items[i]) : item));
    return { ...earlier, items: [...items, ...later.items.slice(earlier.items.length)] };
  }
  return later;
}

/** A key keeps its first position; its value is merged. */
function mergeMaps(earlier: YMap, later: YMap): YMap {
  const pairs = [...earlier.pairs];
  const index = new Map(pairs.map((p, i) => [p.key, i]));
  for (const p of later.pairs) {
    const at = index.get(p.key);
    if (at === undefined) {
      index.set(p.key, pairs.length);
      pairs.push(p);
    } else {
      const value = mergeNodes(pairs[at].value, p.value);
      // A replaced value is located where the later part writes it; a merged map where it started.
      pairs[at] = value === p.value ? p : { ...pairs[at], value };
    }
  }
  return { ...earlier, pairs };
}

interface FunctionContext {
  file: string;
  serviceDir: string;
  provider: YNode;
  scope: TemplateScope;
  eventContext: EventContext;
  serviceArtifact: YNode | undefined;
}

function buildFunction(name: string, keyLoc: SourceLocation, def: YNode, ctx: FunctionContext): LambdaFunction {
  const source = startOf(keyLoc);
  const { provider, scope } = ctx;

  /** Function-level value, else the provider's (marked inherited). */
  const setting = <T>(
    key: string,
    read: (p: YPair) => Located<T> | undefined,
    providerKey = key,
  ): Located<T> | undefined => {
    const own = pair(def, key);
    if (own) {
      const value = read(own);
      if (value) return value;
    }
    const inherited = pair(provider, providerKey);
    const value = inherited ? read(inherited) : undefined;
    if (value) value.inheritedFrom = 'provider';
    return value;
  };
  const str = (p: YPair) => locatedString(p, scope);
  const num = (p: YPair) => locatedNumber(p, scope);

  const fn: LambdaFunction = {
    id: `${ctx.file}#${name}`,
    name,
    format: 'serverless',
    source,
    memorySize: setting('memorySize', num) ?? { value: SERVERLESS_DEFAULTS.memoryMb, loc: source, isDefault: true },
    timeout: setting('timeout', num) ?? { value: SERVERLESS_DEFAULTS.timeoutSeconds, loc: source, isDefault: true },
    environment: {},
    triggers: [],
    layers: [],
  };

  const handler = pair(def, 'handler');
  if (handler) {
    const value = str(handler);
    if (value) fn.handler = value;
  }
  const runtime = setting('runtime', str);
  if (runtime) fn.runtime = runtime;
  const storage = setting('ephemeralStorageSize', num);
  if (storage) fn.ephemeralStorageMb = storage;
  const architecture = setting('architecture', str);
  if (architecture) fn.architecture = architecture;

  // Code: a container image, a prebuilt artifact, or the service directory the handler is relative to.
  const image = pair(def, 'image');
  const artifact = pair(get(def, 'package'), 'artifact') ?? pair(ctx.serviceArtifact, 'artifact');
  if (image) {
    fn.packageType = 'Image';
    const uri = image.value.kind === 'map' ? (get(image.value, 'uri') ?? get(image.value, 'name')) : image.value;
    const path = uri ? stringAt(uri, pairLoc(image), scope) : undefined;
    fn.code = { kind: 'image', path: path ?? { value: '', loc: pairLoc(image) } };
  } else if (artifact) {
    const path = str(artifact);
    if (path) {
      if (typeof path.value === 'string' && !/^s3:\/\//.test(path.value)) {
        path.value = posix.normalize(posix.join(ctx.serviceDir || '.', path.value));
      }
      fn.code = { kind: 'zip', path };
    }
  } else {
    // serverless-python-requirements' per-function `module`: that folder's contents are the zip root.
    const module = pair(def, 'module');
    const moduleDir = module ? str(module) : undefined;
    fn.code =
      moduleDir && typeof moduleDir.value === 'string'
        ? { kind: 'dir', path: { value: posix.normalize(posix.join(ctx.serviceDir || '.', moduleDir.value)), loc: moduleDir.loc } }
        : { kind: 'dir', path: { value: ctx.serviceDir || '.', loc: source } };
  }

  // Environment: provider's, then the function's (function wins per variable).
  for (const [envPair, inherited] of [
    [pair(provider, 'environment'), true],
    [pair(def, 'environment'), false],
  ] as const) {
    if (!envPair) continue;
    fn.environmentLoc = pairLoc(envPair);
    if (envPair.value.kind !== 'map') {
      // `environment: ${file(env.yml)}` that could not be resolved: names unknown.
      if (!(envPair.value.kind === 'scalar' && envPair.value.value === null)) fn.environmentUnknown = true;
      continue;
    }
    for (const variable of envPair.value.pairs) {
      const value = str(variable) ?? { value: '', loc: pairLoc(variable) };
      if (inherited) value.inheritedFrom = 'provider';
      fn.environment[variable.key] = value;
    }
  }

  // Tracing: function `tracing: Active|PassThrough|true`, provider `tracing.lambda`.
  const tracing = readTracing(pair(def, 'tracing'), scope) ?? readTracing(pair(get(provider, 'tracing'), 'lambda'), scope);
  if (tracing) {
    if (!pair(def, 'tracing')) tracing.inheritedFrom = 'provider';
    fn.tracing = tracing;
  }

  const reserved = pair(def, 'reservedConcurrency');
  if (reserved) {
    const value = num(reserved);
    if (value) fn.reservedConcurrency = value;
  }
  const provisioned = pair(def, 'provisionedConcurrency');
  if (provisioned) {
    const value = num(provisioned);
    if (value) fn.provisionedConcurrency = value;
  }

  const logRetention = setting('logRetentionInDays', num);
  if (logRetention) fn.logRetentionDays = logRetention;

  // Layers: the function's list replaces the provider's.
  const layers = pair(def, 'layers') ?? pair(provider, 'layers');
  if (layers) {
    const items = layers.value.kind === 'seq' ? layers.value.items : [layers.value];
    for (const item of items) {
      const layer = stringAt(item, startOf(item.loc), scope);
      if (!layer) continue;
      if (layers !== pair(def, 'layers')) layer.inheritedFrom = 'provider';
      fn.layers.push(layer);
    }
  }

  const onError = pair(def, 'onError');
  if (onError) {
    const value = str(onError);
    if (value) fn.deadLetter = value;
  }
  const onFailure = pair(get(def, 'destinations'), 'onFailure');
  if (onFailure) {
    const target = onFailure.value.kind === 'map' ? (get(onFailure.value, 'arn') ?? get(onFailure.value, 'type')) : onFailure.value;
    const value = target ? stringAt(target, pairLoc(onFailure), scope) : undefined;
    if (value) fn.onFailureDestination = value;
  }

  // `url: true` or `url: { authorizer: aws_iam }`: AuthType NONE unless aws_iam.
  const url = pair(def, 'url');
  if (url && !(url.value.kind === 'scalar' && (url.value.value === false || url.value.value === null))) {
    const loc = pairLoc(url);
    const authorizer = pair(url.value, 'authorizer');
    const authType: Located<string> = authorizer
      ? { value: scalar(authorizer.value) === 'aws_iam' ? 'AWS_IAM' : 'NONE', loc: pairLoc(authorizer) }
      : { value: 'NONE', loc, isDefault: true };
    (fn.functionUrls ??= []).push({ authType, loc });
    fn.triggers.push({ kind: 'function-url', loc });
  }

  fn.triggers.push(...readFunctionEvents(get(def, 'events'), ctx.eventContext));
  return fn;
}

function readTracing(p: YPair | undefined, scope: TemplateScope): Located<string> | undefined {
  if (!p) return undefined;
  const value = scalar(p.value);
  if (value === true) return { value: 'Active', loc: pairLoc(p) };
  if (value === false) return { value: 'PassThrough', loc: pairLoc(p) };
  return locatedString(p, scope);
}

