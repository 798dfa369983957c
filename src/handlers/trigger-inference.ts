import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TriggerKind } from '../model/trigger.js';
import { isFunctionNode, keyName, propertyName, runtimeParams, typeReferenceName, unwrapTs, walk, type FunctionNode } from './ast-utils.js';
import { triggerOfEventType, triggerOfHandlerType, triggerOfResultType } from './aws-lambda-types.js';
import type { HandlerInfo } from './detect.js';

const HTTP_EVENT_FIELDS = new Set([
  'body', 'httpMethod', 'pathParameters', 'queryStringParameters', 'multiValueQueryStringParameters',
  'rawPath', 'rawQueryString', 'routeKey', 'isBase64Encoded', 'cookies',
]);
const HTTP_MIDDLEWARES = new Set([
  'httpErrorHandler', 'httpJsonBodyParser', 'httpEventNormalizer', 'httpHeaderNormalizer', 'httpCors',
  'httpSecurityHeaders', 'httpRouterHandler', 'httpResponseSerializer', 'httpContentNegotiation', 'cors',
]);
/** Record fields that name the event source. */
const RECORD_FIELDS: Array<[string, TriggerKind]> = [
  ['messageId', 'sqs'],
  ['receiptHandle', 'sqs'],
  ['kinesis', 'kinesis'],
  ['dynamodb', 'dynamodb-stream'],
  ['Sns', 'sns'],
  ['s3', 's3'],
];

export interface InferredTriggers {
  triggers: TriggerKind[];
  source: 'types' | 'code' | 'unknown';
}

/** Trigger kinds from type annotations first, then from how the code uses the event and what it returns. */
export function inferTriggers(
  info: HandlerInfo,
  typeName: string | undefined,
  typeArgument: TSESTree.TypeNode | undefined,
): InferredTriggers {
  const fromTypes = triggersFromTypes(info.fn, typeName, typeArgument);
  if (fromTypes) return { triggers: [fromTypes], source: 'types' };

  const found = new Set<TriggerKind>();
  if (info.middlewares.some((m) => HTTP_MIDDLEWARES.has(m))) found.add('http');
  for (const kind of triggersFromEventUse(info.fn, info.eventParam)) found.add(kind);
  if (returnsStatusCode(info.fn, info.callbackParam)) found.add('http');
  for (const wrapper of info.wrappers) {
    if (wrapper.definition && returnsStatusCode(wrapper.definition, undefined)) found.add('http');
  }
  return found.size > 0 ? { triggers: [...found], source: 'code' } : { triggers: [], source: 'unknown' };
}

function triggersFromTypes(
  fn: FunctionNode,
  typeName: string | undefined,
  typeArgument: TSESTree.TypeNode | undefined,
): TriggerKind | undefined {
  if (typeName) {
    const fromHandlerType = triggerOfHandlerType(typeName);
    if (fromHandlerType && fromHandlerType !== 'other') return fromHandlerType;
    // Handler<SQSEvent, ...>
    const argumentName = typeReferenceName(typeArgument);
    const fromArgument = argumentName ? triggerOfEventType(argumentName) : undefined;
    if (fromArgument) return fromArgument;
  }
  const first = runtimeParams(fn)[0];
  const annotation = first && 'typeAnnotation' in first ? first.typeAnnotation?.typeAnnotation : undefined;
  const eventTypeName = typeReferenceName(annotation);
  const fromEvent = eventTypeName ? triggerOfEventType(eventTypeName) : undefined;
  if (fromEvent) return fromEvent;
  const returnType = fn.returnType?.typeAnnotation;
  let resultName = typeReferenceName(returnType);
  if (resultName === 'Promise' && returnType?.type === AST_NODE_TYPES.TSTypeReference) {
    resultName = typeReferenceName(returnType.typeArguments?.params[0]);
  }
  return resultName ? triggerOfResultType(resultName) : undefined;
}

function triggersFromEventUse(fn: FunctionNode, eventParam: string | undefined): TriggerKind[] {
  const found = new Set<TriggerKind>();
  let usesRecords = false;
  const first = runtimeParams(fn)[0];
  // Destructured event: `async ({ body, pathParameters }) =>`, `({ Records }) =>`
  if (first?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = keyName(property);
      if (name && HTTP_EVENT_FIELDS.has(name)) found.add('http');
      if (name === 'Records') usesRecords = true;
    }
  }
  const recordFields = new Set<string>();
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = propertyName(node);
    if (name === undefined) return;
    const object = unwrapTs(node.object);
    if (eventParam !== undefined && object.type === AST_NODE_TYPES.Identifier && object.name === eventParam) {
      if (HTTP_EVENT_FIELDS.has(name)) found.add('http');
      if (name === 'Records') usesRecords = true;
      if (name === 'detail' || name === 'detail-type') found.add('eventbridge');
    }
    recordFields.add(name);
  });
  if (usesRecords || recordFields.has('Records')) {
    for (const [field, kind] of RECORD_FIELDS) if (recordFields.has(field)) found.add(kind);
    // `record.body` with Records and no other hint is an SQS message.
    if (![...found].some((k) => k !== 'http') && recordFields.has('body')) found.add('sqs');
    if (found.has('sqs') && !(first && first.type === AST_NODE_TYPES.ObjectPattern) && !httpOnlyFields(fn, eventParam)) {
      found.delete('http');
    }
  }
  return [...found];
}

/** True when the event itself (not a record) is read as an HTTP request. */
function httpOnlyFields(fn: FunctionNode, eventParam: string | undefined): boolean {
  if (eventParam === undefined) return false;
  let hit = false;
  walk(fn.body, (node) => {
    if (hit) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapTs(node.object);
      const name = propertyName(node);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === eventParam && name && HTTP_EVENT_FIELDS.has(name)) hit = true;
    }
    return undefined;
  });
  return hit;
}

/** Whether the function returns (or calls back with) an object literal with `statusCode`. */
export function returnsStatusCode(fn: FunctionNode, callbackParam: string | undefined): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return hasStatusCode(fn.body);
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (isFunctionNode(node)) return false; // returns of nested callbacks are not ours
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && hasStatusCode(node.argument)) found = true;
    if (
      callbackParam !== undefined &&
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === callbackParam &&
      node.arguments[1] &&
      hasStatusCode(node.arguments[1])
    ) {
      found = true;
    }
    return undefined;
  });
  // Callback handlers often build the response object first: `const response = { statusCode }`.
  if (!found && callbackParam !== undefined) {
    walk(fn.body, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.Property && keyName(node) === 'statusCode') found = true;
      return undefined;
    });
  }
  return found;
}

function hasStatusCode(node: TSESTree.Node): boolean {
  const value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    return value.properties.some((p) => p.type === AST_NODE_TYPES.Property && keyName(p) === 'statusCode');
  }
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return hasStatusCode(value.consequent) || hasStatusCode(value.alternate);
  return false;
}
