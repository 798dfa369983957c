import type { Node } from 'web-tree-sitter';
import type { ServiceWrite } from '../code/service-writes.js';
import { callee, descendants, envReadName, isEnvRead, keywordArgument, namedChildren, positionalArguments, singleAssignment, stringValue, unwrapFallbacks, type ImportBinding } from './ast.js';

/**
 * The Python counterpart of src/code/service-writes.ts, for `no-recursive-trigger`: boto3 writes to
 * S3, SQS and SNS whose bucket, queue or topic is read from an env var or from the S3 event record.
 *
 * boto3 signatures (https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/s3.html,
 * sqs.html, sns.html; checked 2026-12-06): the client methods take `Bucket=` / `QueueUrl=` /
 * `TopicArn=` keywords, except the transfer methods `upload_file(Filename, Bucket, Key)`,
 * `upload_fileobj(Fileobj, Bucket, Key)` and `copy(CopySource, Bucket, Key)`, which also take them
 * positionally; the resources carry the target in their constructor: `s3.Object(bucket, key).put()`,
 * `s3.Bucket(name).put_object()`, `sqs.Queue(url).send_message()`, `sns.Topic(arn).publish()`.
 */

/** Client methods and the keyword naming their target (and its position, for the transfer methods). */
const CLIENT_WRITES: Record<string, { service: ServiceWrite['service']; keyword: string; position?: number }> = {
  put_object: { service: 's3', keyword: 'Bucket' },
  copy_object: { service: 's3', keyword: 'Bucket' },
  create_multipart_upload: { service: 's3', keyword: 'Bucket' },
  upload_file: { service: 's3', keyword: 'Bucket', position: 1 },
  upload_fileobj: { service: 's3', keyword: 'Bucket', position: 1 },
  copy: { service: 's3', keyword: 'Bucket', position: 1 },
  send_message: { service: 'sqs', keyword: 'QueueUrl' },
  send_message_batch: { service: 'sqs', keyword: 'QueueUrl' },
  publish: { service: 'sns', keyword: 'TopicArn' },
  publish_batch: { service: 'sns', keyword: 'TopicArn' },
};

/** Resource constructors, the writes their objects make, and where the constructor takes the target. */
const RESOURCE_WRITES: Record<string, { service: ServiceWrite['service']; methods: Set<string>; keyword: string }> = {
  Object: { service: 's3', methods: new Set(['put', 'upload_file', 'upload_fileobj', 'copy_from', 'copy', 'initiate_multipart_upload']), keyword: 'bucket_name' },
  Bucket: { service: 's3', methods: new Set(['put_object', 'upload_file', 'upload_fileobj', 'copy']), keyword: 'name' },
  Queue: { service: 'sqs', methods: new Set(['send_message', 'send_messages']), keyword: 'url' },
  Topic: { service: 'sns', methods: new Set(['publish']), keyword: 'arn' },
};

/** Calls and operators that test a key or a name: a guard the code may hold against its own output. */
const KEY_TEST_METHODS = new Set(['startswith', 'endswith', 'match', 'fullmatch', 'search', 'fnmatch']);
const KEY_LIKE_OPERAND = /key|name|path|file|ext|prefix|suffix/i;
const MAX_ALIAS_DEPTH = 3;

export interface PythonServiceWrites {
  writes: ServiceWrite[];
  /** The call of each write, in the same order: the pass tells which handlers run it. */
  writeNodes: Node[];
  /** `key.startswith(...)`, `re.match(...)`, `"thumb" in key`: as `CodeFacts.testsKeys`. */
  testsKeys: boolean;
}

export function pythonServiceWrites(root: Node, bindings: Map<string, ImportBinding>): PythonServiceWrites {
  const writes: ServiceWrite[] = [];
  const writeNodes: Node[] = [];
  let testsKeys = false;
  for (const node of descendants(root, ['call', 'comparison_operator'])) {
    if (node.type === 'comparison_operator') {
      if (!testsKeys && testsMembership(node)) testsKeys = true;
      continue;
    }
    const target = callee(node);
    if (target?.type !== 'attribute') continue;
    const method = target.childForFieldName('attribute')?.text ?? '';
    if (KEY_TEST_METHODS.has(method)) testsKeys = true;
    const write = writeOf(node, method, target.childForFieldName('object'), root, bindings);
    if (write) {
      writes.push(write);
      writeNodes.push(node);
    }
  }
  return { writes, writeNodes, testsKeys };
}

/** `"thumbnails/" in key`, `ext not in (".jpg", ".png")`: a membership test on a key-like value. */
function testsMembership(node: Node): boolean {
  if (!node.children.some((c) => c?.type === 'in' || c?.type === 'not in')) return false;
  return namedChildren(node).some((operand) => operand.type !== 'string' && KEY_LIKE_OPERAND.test(operand.text));
}

function writeOf(call: Node, method: string, object: Node | null, root: Node, bindings: Map<string, ImportBinding>): ServiceWrite | undefined {
  const loc = { line: call.startPosition.row + 1, column: call.startPosition.column + 1 };
  // s3.Object(bucket, key).put(...), or obj.put(...) after obj = s3.Object(bucket, key)
  const resource = object ? resourceOf(object, root) : undefined;
  if (resource) {
    const kind = RESOURCE_WRITES[resource.kind];
    if (!kind.methods.has(method)) return undefined;
    const argument = keywordArgument(resource.call, kind.keyword) ?? positionalArguments(resource.call)[0];
    const found = argument ? targetOf(argument, root, bindings, 0) : undefined;
    return found ? { service: kind.service, target: found, loc } : undefined;
  }
  const client = Object.hasOwn(CLIENT_WRITES, method) ? CLIENT_WRITES[method] : undefined;
  if (!client) return undefined;
  // The transfer methods take (source, Bucket, Key): with fewer arguments it is another `copy` (`shutil.copy(src, dst)`).
  const positional = positionalArguments(call);
  const byPosition = client.position !== undefined && positional.length > client.position + 1 ? positional[client.position] : undefined;
  const argument = keywordArgument(call, client.keyword) ?? byPosition;
  const found = argument ? targetOf(argument, root, bindings, 0) : undefined;
  return found ? { service: client.service, target: found, loc } : undefined;
}

/** The resource constructor call (`s3.Object(...)`, `s3.Bucket(...)`) an expression is, directly or through a name assigned once. */
function resourceOf(node: Node, root: Node, depth = 0): { kind: string; call: Node } | undefined {
  if (node.type === 'call') {
    // A method of a resource object (`s3.Object`, `boto3.resource("sqs").Queue`), not a bare class of another library.
    const target = callee(node);
    const name = target?.type === 'attribute' ? target.childForFieldName('attribute')?.text : undefined;
    return name !== undefined && Object.hasOwn(RESOURCE_WRITES, name) ? { kind: name, call: node } : undefined;
  }
  if (node.type === 'identifier' && depth < MAX_ALIAS_DEPTH) {
    const value = singleAssignment(node, root);
    return value ? resourceOf(value, root, depth + 1) : undefined;
  }
  return undefined;
}

/** The bucket, queue or topic an argument names: an env var, or the bucket of the S3 event record. */
function targetOf(node: Node, root: Node, bindings: Map<string, ImportBinding>, depth: number): ServiceWrite['target'] | undefined {
  const value = unwrapFallbacks(node);
  if (!value) return undefined;
  if (isEnvRead(value, bindings)) {
    const name = envReadName(value);
    return name !== undefined ? { kind: 'env', name } : undefined;
  }
  // record["s3"]["bucket"]["name"], record["s3"]["bucket"].get("name"), record.s3.bucket.name (Powertools data classes)
  if (fieldName(value) === 'name') {
    const owner = fieldOwner(value);
    if (owner && fieldName(owner) === 'bucket') return { kind: 'event-bucket' };
    return undefined;
  }
  if (value.type === 'identifier' && depth < MAX_ALIAS_DEPTH) {
    const assigned = singleAssignment(value, root);
    return assigned ? targetOf(assigned, root, bindings, depth + 1) : undefined;
  }
  return undefined;
}

/** The field an access reads: `x["name"]`, `x.get("name")`, `x.name`. */
function fieldName(node: Node): string | undefined {
  if (node.type === 'subscript') return stringValue(node.childForFieldName('subscript'));
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'call') {
    const target = callee(node);
    if (target?.type === 'attribute' && target.childForFieldName('attribute')?.text === 'get') return stringValue(positionalArguments(node)[0]);
  }
  return undefined;
}

function fieldOwner(node: Node): Node | undefined {
  if (node.type === 'subscript') return node.childForFieldName('value') ?? undefined;
  if (node.type === 'attribute') return node.childForFieldName('object') ?? undefined;
  if (node.type === 'call') return callee(node)?.childForFieldName('object') ?? undefined;
  return undefined;
}
