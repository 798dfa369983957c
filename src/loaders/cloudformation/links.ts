/**
 * Resources that attach to a function from the outside: event source
 * mappings, URLs, invoke configs, log groups, API Gateway integrations and the
 * services that push events (rules, topics, buckets, target groups, ...).
 */
import type { FunctionUrl, InvokePermission, LambdaFunction, Located, LogGroup, SourceLocation, Trigger, TriggerKind } from '../../model/index.js';
import { principalService } from '../../principals.js';
import { get, getPath, intrinsicName, nodeText, pairLoc, pairOf, scalarString, startOf, type YNode, type YPair } from '../yaml-tree.js';
import { eventSource, targetFunction, type TemplateContext } from './context.js';
import { eventSourceKind, onFailureOf, readBatch, readS3Filter } from './functions.js';
import {
  locatedNumber,
  locatedString,
  mentionedResources,
  resolve,
  stringAt,
  type CfnResource,
} from './values.js';

export function linkResources(ctx: TemplateContext): void {
  const logGroups: Array<{ resource: CfnResource; group: LogGroup }> = [];
  const permissions: CfnResource[] = [];
  for (const resource of ctx.resources.values()) {
    const props = resource.properties;
    switch (resource.type) {
      case 'AWS::Lambda::EventSourceMapping':
        linkEventSourceMapping(resource, ctx);
        break;
      case 'AWS::Lambda::Url':
        linkFunctionUrl(resource, ctx);
        break;
      case 'AWS::Lambda::EventInvokeConfig': {
        const fn = targetFunction(get(props, 'FunctionName'), ctx);
        const onFailure = fn && onFailureOf(get(props, 'DestinationConfig'), startOf(resource.loc), ctx);
        if (fn && onFailure) fn.onFailureDestination = onFailure;
        break;
      }
      case 'AWS::Logs::LogGroup': {
        const group: LogGroup = { id: `${ctx.file}#${resource.id}`, name: resource.id, source: startOf(resource.loc) };
        const retention = locatedNumber(pairOf(props, 'RetentionInDays'), ctx);
        if (retention) group.retentionDays = retention;
        ctx.result.logGroups.push(group);
        logGroups.push({ resource, group });
        break;
      }
      case 'AWS::ApiGateway::Method': {
        const integration = get(props, 'Integration');
        const fn = targetFunction(get(integration, 'Uri'), ctx);
        if (!fn) break;
        const trigger: Trigger = { kind: 'rest-api', loc: startOf(resource.loc) };
        const timeout = locatedNumber(pairOf(integration, 'TimeoutInMillis'), ctx);
        if (timeout) trigger.integrationTimeoutMs = timeout;
        fn.triggers.push(trigger);
        break;
      }
      case 'AWS::ApiGatewayV2::Integration': {
        const fn = targetFunction(get(props, 'IntegrationUri'), ctx);
        if (!fn) break;
        const api = mentionedResources(get(props, 'ApiId'), ctx)[0];
        const apiResource = api ? ctx.resources.get(api.id) : undefined;
        const protocol = scalarString(get(apiResource?.properties, 'ProtocolType'));
        const kind: TriggerKind =
          apiResource?.type === 'AWS::Serverless::HttpApi' || protocol === 'HTTP' ? 'http-api' : 'other';
        const trigger: Trigger = { kind, loc: startOf(resource.loc) };
        const timeout = locatedNumber(pairOf(props, 'TimeoutInMillis'), ctx);
        if (timeout) trigger.integrationTimeoutMs = timeout;
        fn.triggers.push(trigger);
        break;
      }
      case 'AWS::Serverless::Api':
      case 'AWS::ApiGateway::RestApi':
        linkOpenApi(resource, resource.type === 'AWS::Serverless::Api' ? 'DefinitionBody' : 'Body', 'rest-api', ctx);
        break;
      case 'AWS::Serverless::HttpApi':
      case 'AWS::ApiGatewayV2::Api':
        linkOpenApi(resource, resource.type === 'AWS::Serverless::HttpApi' ? 'DefinitionBody' : 'Body', 'http-api', ctx);
        break;
      case 'AWS::AppSync::DataSource':
        pushTrigger(targetFunction(getPath(props, 'LambdaConfig', 'LambdaFunctionArn'), ctx), 'appsync', resource);
        break;
      case 'AWS::Serverless::GraphQLApi': {
        const lambdas = getPath(props, 'DataSources', 'Lambda');
        if (lambdas?.kind === 'map') {
          for (const pair of lambdas.pairs) {
            pushTrigger(targetFunction(get(pair.value, 'FunctionArn'), ctx), 'appsync', resource);
          }
        }
        break;
      }
      case 'AWS::Events::Rule': {
        const kind: TriggerKind = get(props, 'ScheduleExpression') ? 'schedule' : 'eventbridge';
        for (const target of items(get(props, 'Targets'))) {
          const trigger = pushTrigger(targetFunction(get(target, 'Arn'), ctx), kind, resource) ?? detachedLambda(get(target, 'Arn'), kind, resource, ctx);
          if (trigger) readDeliveryDeadLetter(trigger, pairOf(target, 'DeadLetterConfig'), 'Arn', ctx);
        }
        break;
      }
      case 'AWS::Scheduler::Schedule':
        pushTrigger(targetFunction(getPath(props, 'Target', 'Arn'), ctx), 'schedule', resource);
        break;
      case 'AWS::SNS::Subscription':
        if (scalarString(get(props, 'Protocol')) === 'lambda') {
          const trigger = pushTrigger(targetFunction(get(props, 'Endpoint'), ctx), 'sns', resource) ?? detachedLambda(get(props, 'Endpoint'), 'sns', resource, ctx);
          if (trigger) readDeliveryDeadLetter(trigger, pairOf(props, 'RedrivePolicy'), 'deadLetterTargetArn', ctx);
        }
        break;
      case 'AWS::SNS::Topic':
        for (const sub of items(get(props, 'Subscription'))) {
          if (scalarString(get(sub, 'Protocol')) === 'lambda') pushTrigger(targetFunction(get(sub, 'Endpoint'), ctx), 'sns', resource);
        }
        break;
      case 'AWS::S3::Bucket':
        for (const config of items(getPath(props, 'NotificationConfiguration', 'LambdaConfigurations'))) {
          const trigger = pushTrigger(targetFunction(get(config, 'Function'), ctx), 's3', resource);
          if (trigger) {
            trigger.source = { ref: resource.id };
            readS3Filter(trigger, config, ctx);
          }
        }
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        if (scalarString(get(props, 'TargetType')) === 'lambda') {
          for (const target of items(get(props, 'Targets'))) pushTrigger(targetFunction(get(target, 'Id'), ctx), 'alb', resource);
        }
        break;
      case 'AWS::IoT::TopicRule':
        for (const action of items(getPath(props, 'TopicRulePayload', 'Actions'))) {
          pushTrigger(targetFunction(getPath(action, 'Lambda', 'FunctionArn'), ctx), 'iot', resource);
        }
        break;
      case 'AWS::Cognito::UserPool': {
        const config = get(props, 'LambdaConfig');
        if (config?.kind === 'map') {
          for (const pair of config.pairs) pushTrigger(targetFunction(pair.value, ctx), 'cognito', resource);
        }
        break;
      }
      case 'AWS::CloudFront::Distribution':
        linkCloudFront(resource, ctx);
        break;
      case 'AWS::Lambda::Permission':
        permissions.push(resource);
        break;
      default:
        break;
    }
  }
  linkLogGroups(logGroups, ctx);
  linkPermissions(permissions, ctx);
}

function items(node: YNode | undefined): YNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}

function pushTrigger(fn: LambdaFunction | undefined, kind: TriggerKind, resource: CfnResource): Trigger | undefined {
  if (!fn) return undefined;
  const trigger: Trigger = { kind, loc: startOf(resource.loc) };
  fn.triggers.push(trigger);
  return trigger;
}

function linkEventSourceMapping(resource: CfnResource, ctx: TemplateContext): void {
  const props = resource.properties;
  const fn = targetFunction(get(props, 'FunctionName'), ctx);
  const arn = get(props, 'EventSourceArn');
  const trigger: Trigger = { kind: eventSourceKind(arn, props, ctx), loc: startOf(resource.loc) };
  const source = eventSource(arn, ctx);
  if (source) trigger.source = source;
  readBatch(trigger, props, ctx);
  const onFailure = onFailureOf(get(props, 'DestinationConfig'), trigger.loc, ctx);
  if (onFailure) trigger.onFailure = onFailure;
  if (fn) fn.triggers.push(trigger);
  else detach(trigger, get(props, 'FunctionName'), ctx);
}

/** A rule target or subscription endpoint that is a Lambda function ARN outside the analysed configs. */
function detachedLambda(arn: YNode | undefined, kind: TriggerKind, resource: CfnResource, ctx: TemplateContext): Trigger | undefined {
  const text = writtenText(arn, ctx);
  if (!/^arn:aws[\w-]*:lambda:/.test(text)) return undefined;
  const trigger: Trigger = { kind, loc: startOf(resource.loc) };
  (ctx.result.detachedTriggers ??= []).push({ functionRef: text, format: ctx.format, trigger });
  return trigger;
}

/** A mapping whose function is not in this template (an ARN, an import): its own rules still apply. */
function detach(trigger: Trigger, functionName: YNode | undefined, ctx: TemplateContext): void {
  (ctx.result.detachedTriggers ??= []).push({ functionRef: writtenText(functionName, ctx), format: ctx.format, trigger });
}

function writtenText(node: YNode | undefined, ctx: TemplateContext): string {
  const value = resolve(node, ctx);
  if (value.kind === 'literal') return String(value.value);
  if (value.kind === 'reference') return value.ref.text;
  return nodeText(node);
}

/** `AWS::Lambda::Url`: one per function and qualifier (the unqualified URL, one per alias). */
function linkFunctionUrl(resource: CfnResource, ctx: TemplateContext): void {
  const props = resource.properties;
  const loc = startOf(resource.loc);
  const authType = locatedString(pairOf(props, 'AuthType'), ctx) ?? {
    value: { kind: 'reference', text: 'AWS::Lambda::Url without AuthType', refType: 'unknown' },
    loc,
  };
  const url: FunctionUrl = { authType, loc };
  const qualifier = resolve(get(props, 'Qualifier'), ctx);
  if (qualifier.kind === 'literal') url.qualifier = String(qualifier.value);
  else if (qualifier.kind === 'reference') url.qualifier = qualifier.ref.text;
  const fn = targetFunction(get(props, 'TargetFunctionArn'), ctx);
  if (!fn) {
    (ctx.result.detachedFunctionUrls ??= []).push({ functionRef: writtenText(get(props, 'TargetFunctionArn'), ctx), format: ctx.format, url });
    return;
  }
  (fn.functionUrls ??= []).push(url);
  fn.triggers.push({ kind: 'function-url', loc });
}

/**
 * SNS subscription `RedrivePolicy: { deadLetterTargetArn }` (a JSON string or an object), EventBridge
 * target `DeadLetterConfig: { Arn }`: where the service puts events it could not deliver.
 */
export function readDeliveryDeadLetter(trigger: Trigger, pair: YPair | undefined, arnKey: string, ctx: TemplateContext): void {
  trigger.deliveryDeadLetterKnown = true;
  if (!pair) return;
  const node = pair.value;
  if (node.kind === 'map') {
    const arn = pairOf(node, arnKey);
    const value = arn ? stringAt(arn.value, pairLoc(arn), ctx) : undefined;
    if (value) trigger.deliveryDeadLetter = value;
    else if (intrinsicName(node)) trigger.deliveryDeadLetter = stringAt(node, pairLoc(pair), ctx);
    return;
  }
  const value = stringAt(node, pairLoc(pair), ctx);
  if (value && !(typeof value.value === 'string' && value.value.trim() === '')) trigger.deliveryDeadLetter = value;
}

/** Inline OpenAPI: `paths./x.get.x-amazon-apigateway-integration.uri` pointing at a function. */
function linkOpenApi(resource: CfnResource, bodyKey: string, kind: TriggerKind, ctx: TemplateContext): void {
  const paths = get(get(resource.properties, bodyKey), 'paths');
  if (!paths || paths.kind !== 'map') return;
  for (const path of paths.pairs) {
    if (path.value.kind !== 'map') continue;
    for (const operation of path.value.pairs) {
      const integration = get(operation.value, 'x-amazon-apigateway-integration');
      const fn = targetFunction(get(integration, 'uri'), ctx);
      // Functions with their own Api/HttpApi event already carry this trigger.
      if (!fn || fn.triggers.some((t) => t.kind === kind)) continue;
      const trigger: Trigger = { kind, loc: startOf(operation.keyLoc) };
      const timeout = locatedNumber(pairOf(integration, 'timeoutInMillis'), ctx);
      if (timeout) trigger.integrationTimeoutMs = timeout;
      fn.triggers.push(trigger);
    }
  }
}

function linkCloudFront(resource: CfnResource, ctx: TemplateContext): void {
  const config = get(resource.properties, 'DistributionConfig');
  const behaviors = [get(config, 'DefaultCacheBehavior'), ...items(get(config, 'CacheBehaviors'))];
  for (const behavior of behaviors) {
    for (const association of items(get(behavior, 'LambdaFunctionAssociations'))) {
      const fn = targetFunction(get(association, 'LambdaFunctionARN'), ctx);
      const trigger = pushTrigger(fn, 'other', resource);
      const eventType = scalarString(get(association, 'EventType'));
      if (trigger && eventType) trigger.edgeEventType = eventType;
    }
  }
}

/** Log group -> function: `LogGroupName: !Sub /aws/lambda/${Fn}`, a literal `/aws/lambda/<name>`, or the function's `LoggingConfig.LogGroup`. */
function linkLogGroups(groups: Array<{ resource: CfnResource; group: LogGroup }>, ctx: TemplateContext): void {
  const byLiteralName = new Map<string, LogGroup>();
  const byId = new Map<string, LogGroup>();
  for (const { resource, group } of groups) {
    byId.set(resource.id, group);
    const nameNode = get(resource.properties, 'LogGroupName');
    const literal = resolve(nameNode, ctx);
    if (literal.kind === 'literal') byLiteralName.set(String(literal.value), group);
    let fn: LambdaFunction | undefined;
    if (literal.kind === 'literal') {
      const match = /^\/aws\/lambda\/(.+)$/.exec(String(literal.value));
      const id = match ? ctx.functionNames.get(match[1]) : undefined;
      fn = id ? ctx.functions.get(id) : undefined;
    } else if (literal.kind === 'reference' && literal.ref.text.includes('/aws/lambda/')) {
      fn = mentionedResources(nameNode, ctx)
        .filter((m) => !m.attribute)
        .map((m) => ctx.functions.get(m.id))
        .find((f) => f !== undefined);
    }
    // Serverless: resources may override the generated `<Fn>LogGroup`.
    fn ??= serverlessLogGroupOwner(resource.id, ctx);
    if (fn) applyRetention(fn, group);
  }
  for (const [logicalId, fn] of ctx.functions) {
    const resource = ctx.resources.get(logicalId);
    const logGroup = pairOf(get(resource?.properties, 'LoggingConfig'), 'LogGroup')
      ?? (resource?.type === 'AWS::Serverless::Function' ? pairOf(get(ctx.globals, 'LoggingConfig'), 'LogGroup') : undefined);
    if (!logGroup) continue;
    const mention = mentionedResources(logGroup.value, ctx).find((m) => byId.has(m.id));
    const literal = resolve(logGroup.value, ctx);
    const group = mention
      ? byId.get(mention.id)
      : literal.kind === 'literal'
        ? byLiteralName.get(String(literal.value))
        : undefined;
    if (group) applyRetention(fn, group);
    else if (literal.kind !== 'none' && !mention) {
      // A log group this template does not define: its retention is unknown here.
      fn.logRetentionDays ??= {
        value: { kind: 'reference', text: scalarString(logGroup.value) ?? 'LoggingConfig.LogGroup', refType: 'unknown' },
        loc: pairLoc(logGroup),
      };
    }
  }
}

function serverlessLogGroupOwner(logicalId: string, ctx: TemplateContext): LambdaFunction | undefined {
  if (ctx.format !== 'serverless' || !logicalId.endsWith('LogGroup')) return undefined;
  return ctx.functions.get(`${logicalId.slice(0, -'LogGroup'.length)}LambdaFunction`);
}

function applyRetention(fn: LambdaFunction, group: LogGroup): void {
  if (group.retentionDays) fn.logRetentionDays = group.retentionDays;
}

/** Lambda permissions reveal async callers that no other resource in the template shows. */
const PRINCIPAL_KINDS: Record<string, TriggerKind> = {
  s3: 's3',
  sns: 'sns',
  events: 'eventbridge',
  scheduler: 'schedule',
  iot: 'iot',
  'cognito-idp': 'cognito',
  elasticloadbalancing: 'alb',
};

function linkPermissions(permissions: CfnResource[], ctx: TemplateContext): void {
  for (const resource of permissions) {
    const props = resource.properties;
    const fn = targetFunction(get(props, 'FunctionName'), ctx);
    const principal = principalOf(pairOf(props, 'Principal'), startOf(resource.loc), ctx);
    const permission: InvokePermission = {
      id: `${ctx.file}#${resource.id}`,
      format: ctx.format,
      loc: startOf(resource.loc),
      principal,
      functionRef: fn?.name ?? writtenText(get(props, 'FunctionName'), ctx),
    };
    if (fn) permission.functionName = fn.name;
    const optional: Array<[keyof InvokePermission & ('sourceArn' | 'sourceAccount' | 'principalOrgId' | 'functionUrlAuthType'), string]> = [
      ['sourceArn', 'SourceArn'],
      ['sourceAccount', 'SourceAccount'],
      ['principalOrgId', 'PrincipalOrgID'],
      ['functionUrlAuthType', 'FunctionUrlAuthType'],
    ];
    for (const [field, key] of optional) {
      const value = locatedString(pairOf(props, key), ctx);
      if (value) permission[field] = value;
    }
    (ctx.result.permissions ??= []).push(permission);

    const service = typeof principal.value === 'string' ? principalService(principal.value) : undefined;
    const kind = service ? PRINCIPAL_KINDS[service] : undefined;
    if (!kind) continue;
    const family = kind === 'eventbridge' || kind === 'schedule' ? ['eventbridge', 'schedule'] : [kind];
    if (fn && !fn.triggers.some((t) => family.includes(t.kind))) pushTrigger(fn, kind, resource);
  }
}

/**
 * The principal as text: a literal, or the template of a `!Sub`/`!Join` that only adds the
 * partition's URL suffix (`!Sub sns.${AWS::URLSuffix}`), so partition-neutral principals are known.
 */
function principalOf(pair: YPair | undefined, loc: SourceLocation, ctx: TemplateContext): Located<string> {
  if (!pair) return { value: { kind: 'reference', text: 'Principal (missing)', refType: 'unknown' }, loc };
  const value = locatedString(pair, ctx) ?? { value: { kind: 'reference', text: nodeText(pair.value), refType: 'unknown' }, loc: pairLoc(pair) };
  if (typeof value.value === 'string') return value;
  const node = pair.value;
  const name = intrinsicName(node);
  if (name === 'Fn::Sub' && node.kind === 'map') {
    const template = scalarString(node.pairs[0].value);
    if (template && principalService(template)) return { value: template, loc: value.loc };
  }
  if (name === 'Fn::Join' && node.kind === 'map') {
    const arg = node.pairs[0].value;
    const parts = arg.kind === 'seq' && arg.items[1]?.kind === 'seq' ? arg.items[1].items : [];
    const text = parts
      .map((part) => scalarString(part) ?? (scalarString(get(part, 'Ref')) === 'AWS::URLSuffix' ? '${AWS::URLSuffix}' : '\u0000'))
      .join(arg.kind === 'seq' ? (scalarString(arg.items[0]) ?? '') : '');
    if (!text.includes('\u0000') && principalService(text)) return { value: text, loc: value.loc };
  }
  return value;
}
