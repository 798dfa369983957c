/**
 * Writes to S3, SQS and SNS whose target a cross rule can compare with the function's triggers
 * (`no-recursive-trigger`): the parameter object of `PutObjectCommand` / `s3.putObject` /
 * `upload` / `copyObject`, `SendMessage(Batch)Command` / `sqs.sendMessage`, `PublishCommand` /
 * `sns.publish`, with the bucket, queue or topic read from an env var or from the event record.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { keyName, propertyName, unwrapTs, variableOf } from '../handlers/ast-utils.js';

export interface ServiceWrite {
  service: 's3' | 'sqs' | 'sns';
  /** `env`: the name of the variable; `event-bucket`: the bucket of the S3 record being processed. */
  target: { kind: 'env'; name: string } | { kind: 'event-bucket' };
  loc: { line: number; column: number };
  /**
   * Handlers of this file whose code runs the write (Python, where a producer and the consumer of its
   * queue often share a module). Absent: it concerns every function that runs the file.
   */
  exports?: string[];
}

const S3_WRITES = /^(PutObject|CopyObject|CreateMultipartUpload)Command$|^(putObject|copyObject|upload)$/;
const SQS_WRITES = /^SendMessage(Batch)?Command$|^sendMessage(Batch)?$/;
const SNS_WRITES = /^PublishCommand$|^publish$/;

/** The write an object literal describes, when it is the argument of a known write call. */
export function serviceWriteOf(node: TSESTree.ObjectExpression, sourceCode: Readonly<TSESLint.SourceCode>): ServiceWrite | undefined {
  const call = node.parent;
  if (!call || (call.type !== AST_NODE_TYPES.NewExpression && call.type !== AST_NODE_TYPES.CallExpression) || call.arguments[0] !== node) return undefined;
  const callee = unwrapTs(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (!name) return undefined;
  const service = S3_WRITES.test(name) ? 's3' : SQS_WRITES.test(name) ? 'sqs' : SNS_WRITES.test(name) ? 'sns' : undefined;
  if (!service) return undefined;
  const key = service === 's3' ? 'Bucket' : service === 'sqs' ? 'QueueUrl' : 'TopicArn';
  const property = node.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyName(p) === key);
  if (!property) return undefined;
  const target = targetOf(property.value as TSESTree.Node, sourceCode, 0);
  if (!target) return undefined;
  return { service, target, loc: { line: node.loc.start.line, column: node.loc.start.column + 1 } };
}

function targetOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): ServiceWrite['target'] | undefined {
  let value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.LogicalExpression) value = unwrapTs(value.left);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(value);
    const object = unwrapTs(value.object);
    if (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'env' && name) return { kind: 'env', name };
    // record.s3.bucket.name / event.Records[0].s3.bucket.name
    if (name === 'name' && object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'bucket') return { kind: 'event-bucket' };
    return undefined;
  }
  // const bucket = record.s3.bucket.name; ... { Bucket: bucket }
  if (value.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, value);
    const definition = variable?.defs[0]?.node;
    if (variable?.defs.length === 1 && definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
      return targetOf(definition.init, sourceCode, depth + 1);
    }
  }
  return undefined;
}

