/**
 * AWS SAM and CloudFormation templates (YAML or JSON) -> `LambdaFunction`s,
 * `SqsQueue`s and `LogGroup`s. Templates are recognised by content
 * (`isCloudFormationTemplate`), never executed, never expanded by SAM: the
 * parts of SAM that matter (Globals, Events, FunctionUrlConfig, ...) are read
 * directly.
 */
import { ExpansionBudget } from './expansion-budget.js';
import {
  LAMBDA_DEFAULTS,
  type ConfigFormat,
  type LambdaFunction,
  type SqsQueue,
} from '../model/index.js';
import { conflictingDuplicates, emptyResult, type LoaderHost, type LoadResult } from './types.js';
import { get, pairLoc, pairOf, parseYaml, scalarString, startOf, type YMap, type YNode } from './yaml-tree.js';
import type { TemplateContext } from './cloudformation/context.js';
import { buildFunction, readIgnoredRules } from './cloudformation/functions.js';
import { isCdkInternalFunction, isCdkSynthesized } from './cloudformation/cdk-synth.js';
import { linkResources } from './cloudformation/links.js';
import { booleanValue, locatedNumber, resolve, stringAt, type CfnParameter, type CfnResource } from './cloudformation/values.js';

export { isCloudFormationTemplate } from './cloudformation/detect.js';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

export interface TemplateOptions {
  /** Force the format of the functions (serverless `resources:` blocks). Default: `sam` when the template uses the SAM transform. */
  format?: ConfigFormat;
  /** Functions defined outside the template, by the logical id CloudFormation knows them as (serverless `HelloLambdaFunction`). */
  externalFunctions?: Map<string, LambdaFunction>;
  /** The file's expansion budget, when the caller shares one (serverless); else the template gets its own and reports it. */
  budget?: ExpansionBudget;
}

/** Load one template file. Several `---` documents are each loaded as a template. */
export function loadCloudFormation(file: string, text: string, _host: LoaderHost): LoadResult {
  const result = emptyResult();
  try {
    const parsed = parseYaml(file, text);
    result.diagnostics.push(...parsed.diagnostics);
    const duplicates = conflictingDuplicates(parsed.duplicateKeys);
    if (duplicates.length > 0) result.duplicateKeys = duplicates;
    const seen = new Set<string>();
    parsed.documents.forEach((root, index) => {
      const loaded = loadTemplateTree(file, root);
      for (const fn of loaded.functions) {
        if (seen.has(fn.id)) fn.id = `${fn.id}@${index + 1}`;
        seen.add(fn.id);
      }
      merge(result, loaded);
    });
  } catch (error) {
    // Loaders never throw; a bug here must not hide the rest of the project.
    result.diagnostics.push({
      ruleId: 'parse-error',
      message: `cannot load template: ${(error as Error).message}`,
      loc: { file, line: 1, column: 1 },
    });
  }
  return result;
}

function merge(into: LoadResult, from: LoadResult): void {
  if (from.cdkSynthesized) into.cdkSynthesized = true;
  into.functions.push(...from.functions);
  into.queues.push(...from.queues);
  into.logGroups.push(...from.logGroups);
  into.diagnostics.push(...from.diagnostics);
  if (from.ignoredRules) into.ignoredRules = [...(into.ignoredRules ?? []), ...from.ignoredRules];
  if (from.permissions) (into.permissions ??= []).push(...from.permissions);
  if (from.detachedTriggers) (into.detachedTriggers ??= []).push(...from.detachedTriggers);
  if (from.detachedFunctionUrls) (into.detachedFunctionUrls ??= []).push(...from.detachedFunctionUrls);
}

/** Whether a parsed template uses the SAM transform. */
function usesSam(root: YNode): boolean {
  const transform = get(root, 'Transform');
  const names = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  return names.some((n) => (scalarString(n) ?? '').startsWith('AWS::Serverless'));
}

/** Load an already parsed template tree (also used for serverless `resources:`). */
export function loadTemplateTree(file: string, root: YNode, options: TemplateOptions = {}): LoadResult {
  const result = emptyResult();
  if (root.kind !== 'map') return result;

  const parameters = new Map<string, CfnParameter>();
  const resources = new Map<string, CfnResource>();
  const budget = options.budget ?? new ExpansionBudget();
  const ctx: TemplateContext = {
    budget,
    file,
    format: options.format ?? (usesSam(root) ? 'sam' : 'cloudformation'),
    parameters,
    resources,
    mappings: get(root, 'Mappings'),
    globals: get(get(root, 'Globals'), 'Function'),
    functions: new Map(),
    functionNames: new Map(),
    aliases: new Map(),
    queues: new Map(),
    queueNames: new Map(),
    result,
  };

  const params = get(root, 'Parameters');
  if (params?.kind === 'map') {
    for (const pair of params.pairs) {
      const defaultNode = get(pair.value, 'Default');
      const parameter: CfnParameter = {
        name: pair.key,
        noEcho: booleanValue(get(pair.value, 'NoEcho'), ctx) === true,
        loc: startOf(pair.keyLoc),
      };
      if (defaultNode) parameter.defaultNode = defaultNode;
      parameters.set(pair.key, parameter);
    }
  }

  const resourcesNode = get(root, 'Resources');
  if (resourcesNode?.kind === 'map') {
    for (const pair of resourcesNode.pairs) {
      if (pair.value.kind !== 'map') continue;
      const type = scalarString(get(pair.value, 'Type'));
      if (!type) continue;
      resources.set(pair.key, {
        id: pair.key,
        type,
        node: pair.value as YMap,
        properties: get(pair.value, 'Properties'),
        loc: pair.keyLoc,
      });
    }
  }
  if (!options.format && [...resources.values()].some((r) => r.type.startsWith('AWS::Serverless::'))) ctx.format = 'sam';
  const synthesized = !options.format && isCdkSynthesized(root, resources);
  if (synthesized) result.cdkSynthesized = true;

  for (const [id, fn] of options.externalFunctions ?? []) ctx.functions.set(id, fn);
  if (options.externalFunctions) ctx.generatedIds = new Set(options.externalFunctions.keys());

  // Queues first, so functions' events can link to them.
  for (const resource of resources.values()) {
    if (resource.type !== 'AWS::SQS::Queue') continue;
    const queue = buildQueue(resource, ctx);
    ctx.queues.set(resource.id, queue);
    result.queues.push(queue);
    const name = resolve(get(resource.properties, 'QueueName'), ctx);
    if (name.kind === 'literal') ctx.queueNames.set(String(name.value), resource.id);
  }

  // Function names and version/alias ids before any event is linked.
  for (const resource of resources.values()) {
    if (FUNCTION_TYPES.has(resource.type)) {
      const name = resolve(get(resource.properties, 'FunctionName'), ctx);
      if (name.kind === 'literal') ctx.functionNames.set(String(name.value), resource.id);
    } else if (resource.type === 'AWS::Lambda::Version' || resource.type === 'AWS::Lambda::Alias') {
      const target = get(resource.properties, 'FunctionName');
      // `!GetAtt Fn.Arn` (`Fn.Arn` as one string) or `!GetAtt [Fn, Arn]`: the function is the part before the dot.
      const getAtt = get(target, 'Fn::GetAtt');
      const getAttId = getAtt?.kind === 'seq' ? scalarString(getAtt.items[0]) : scalarString(getAtt)?.split('.')[0];
      const id = scalarString(get(target, 'Ref')) ?? getAttId;
      if (id) ctx.aliases.set(resource.id, id);
    }
  }
  // SAM: `Fn.Version` / `Fn.Alias` and the generated `<Fn>Alias<name>` ids.
  const samAliases = new Set<string>();
  for (const resource of resources.values()) {
    if (resource.type !== 'AWS::Serverless::Function') continue;
    const alias = scalarString(get(resource.properties, 'AutoPublishAlias') ?? get(ctx.globals, 'AutoPublishAlias'));
    if (!alias) continue;
    ctx.aliases.set(`${resource.id}Alias${alias}`, resource.id);
    samAliases.add(`${resource.id}Alias${alias}`);
  }
  // Generated, not in `Resources`: `!Ref <Fn>Alias<name>` must still be seen as a mention.
  if (samAliases.size > 0) ctx.generatedIds = new Set([...(ctx.generatedIds ?? []), ...samAliases]);

  for (const resource of resources.values()) {
    if (!FUNCTION_TYPES.has(resource.type)) continue;
    // The CDK's own custom-resource handlers: the user cannot change them except by upgrading the CDK.
    if (synthesized && isCdkInternalFunction(resource)) continue;
    const fn = buildFunction(resource, ctx);
    ctx.functions.set(resource.id, fn);
    result.functions.push(fn);
  }

  linkResources(ctx);
  const templateIgnores = readIgnoredRules(get(root, 'Metadata'));
  if (templateIgnores.length > 0) result.ignoredRules = templateIgnores;
  const exhausted = options.budget ? undefined : budget.diagnostic();
  if (exhausted) result.diagnostics.push(exhausted);
  return result;
}

function buildQueue(resource: CfnResource, ctx: TemplateContext): SqsQueue {
  const loc = startOf(resource.loc);
  const queue: SqsQueue = {
    id: `${ctx.file}#${resource.id}`,
    name: resource.id,
    source: loc,
    visibilityTimeout: locatedNumber(pairOf(resource.properties, 'VisibilityTimeout'), ctx) ?? {
      value: LAMBDA_DEFAULTS.sqsVisibilityTimeoutSeconds,
      loc,
      isDefault: true,
    },
  };
  const fifo = booleanValue(get(resource.properties, 'FifoQueue'), ctx);
  if (fifo !== undefined) queue.fifo = fifo;
  // `RedrivePolicy: { deadLetterTargetArn, maxReceiveCount }` (object or JSON string); an intrinsic is unknown, not absent.
  const redrive = pairOf(resource.properties, 'RedrivePolicy');
  if (redrive && !(redrive.value.kind === 'scalar' && (redrive.value.value === null || redrive.value.value === ''))) {
    const target = pairOf(redrive.value, 'deadLetterTargetArn');
    queue.redrivePolicy = (target && stringAt(target.value, pairLoc(target), ctx)) ?? stringAt(redrive.value, pairLoc(redrive), ctx) ?? { value: 'configured', loc: pairLoc(redrive) };
  }
  return queue;
}
