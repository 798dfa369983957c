import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { isReference, type LambdaFunction, type Trigger } from '../src/model/index.js';
import type { ServiceWrite } from '../src/code/service-writes.js';

/**
 * A function triggered by S3 object creation (or an SQS queue, an SNS topic) that writes to that
 * same bucket (queue, topic) invokes itself again with each write. Lambda's recursive loop
 * detection stops such a loop only after about 16 invocations, and only between Lambda, SQS, SNS
 * and S3; until then every round runs and bills.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html
 * https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html ("avoid recursive invocations": use
 * separate buckets, or a prefix/suffix filter that the function's output does not match)
 * Checked 2026-12-06.
 */
const SERVICE_NAMES = { s3: 'S3 bucket', sqs: 'SQS queue', sns: 'SNS topic' } as const;

export default createCrossRule({
  name: 'no-recursive-trigger',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a function writing to the S3 bucket, SQS queue or SNS topic that triggers it, without a key filter or guard',
      recommended: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html', 'https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html'],
    },
    messages: {
      recursiveWrite:
        "Function '{{fn}}' writes to the {{what}} that triggers it ({{target}}) with no key filter or guard: each write invokes it again.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function({ fn, resolution, files }) {
        if (resolution.status !== 'found') return;
        const facts = files.map((file) => ({ file, facts: context.facts(file) }));
        // Code that tests keys or names (`key.startsWith('thumbnails/')`) may break the loop itself.
        if (facts.some(({ facts: f }) => f?.testsKeys)) return;
        for (const { file, facts: f } of facts) {
          for (const write of f?.serviceWrites ?? []) {
            // Another handler of the same module makes this write (the producer next to its consumer).
            if (write.exports && file === resolution.file && !write.exports.includes(resolution.exportName)) continue;
            const trigger = loopingTrigger(fn, write);
            if (!trigger) continue;
            const target = write.target.kind === 'env' ? `${write.target.name} = ${trigger.source?.ref ?? '?'}` : 'the bucket of the event record';
            context.report({
              messageId: 'recursiveWrite',
              data: { fn: fn.name, what: SERVICE_NAMES[write.service], target },
              loc: { file, line: write.loc.line, column: write.loc.column },
              functions: [fn.name],
            });
          }
        }
      },
    };
  },
});

/** The trigger this write feeds back into, if any. */
function loopingTrigger(fn: LambdaFunction, write: ServiceWrite): Trigger | undefined {
  return fn.triggers.find((trigger) => {
    if (trigger.kind !== write.service) return false;
    if (trigger.kind === 's3' && (trigger.keyFilter?.length || !createsObjects(trigger))) return false;
    if (write.target.kind === 'event-bucket') return write.service === 's3';
    return boundToSource(fn, write.target.name, trigger);
  });
}

/**
 * Whether an env var holds the bucket, queue or topic a trigger reads from. Loaders that resolve
 * references (CDK) link both to one resource id; a CDK variable's name is no link, since another
 * scope may reuse it. Elsewhere references are global names (logical ids, Terraform addresses).
 */
function boundToSource(fn: LambdaFunction, name: string, trigger: Trigger): boolean {
  const source = trigger.source;
  if (!source) return false;
  const resourceId = fn.environmentResources?.[name];
  if (source.resourceId !== undefined || resourceId !== undefined || fn.format === 'cdk') return resourceId !== undefined && resourceId === source.resourceId;
  const value = fn.environment[name];
  return value !== undefined && sameResource(value.value, source.ref);
}

/** No event list (the loaders' default for S3 is object creation) or one that includes ObjectCreated. */
function createsObjects(trigger: Trigger): boolean {
  return !trigger.s3Events || trigger.s3Events.some((event) => /ObjectCreated|^s3:\*$|^\*$/.test(event));
}

/**
 * Whether an env var's value names the resource a trigger reads from: the same literal name, or a
 * reference to the same logical id / Terraform address (`!Ref Uploads`, `${aws_s3_bucket.uploads.id}`, `data.aws_sqs_queue.jobs.url`).
 */
function sameResource(value: LambdaFunction['environment'][string]['value'], sourceRef: string): boolean {
  const text = isReference(value) ? value.text : String(value);
  const address = /^((?:data\.)?aws_\w+\.[\w-]+)/.exec(sourceRef)?.[1] ?? /^(module\.[\w-]+)/.exec(sourceRef)?.[1];
  const token = address ?? sourceRef;
  if (!token) return false;
  if (text === token) return true;
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(text);
}
