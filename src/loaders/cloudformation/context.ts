import { posix } from 'node:path';
import type { ConfigFormat, LambdaFunction, SqsQueue, Trigger } from '../../model/index.js';
import type { LoadResult } from '../types.js';
import { scalarString, type YNode } from '../yaml-tree.js';
import { mentionedResources, resolve, type TemplateScope } from './values.js';

export interface TemplateContext extends TemplateScope {
  /** The template (or serverless config) file, relative to the root: ids are `<file>#<logicalId>`. */
  file: string;
  format: ConfigFormat;
  /** SAM `Globals.Function`. */
  globals: YNode | undefined;
  /** Functions by logical id (this template's, plus serverless functions by their generated ids). */
  functions: Map<string, LambdaFunction>;
  /** Literal `FunctionName` -> logical id. */
  functionNames: Map<string, string>;
  /** `AWS::Lambda::Version` / `AWS::Lambda::Alias` logical id -> function logical id. */
  aliases: Map<string, string>;
  queues: Map<string, SqsQueue>;
  /** Literal `QueueName` -> logical id. */
  queueNames: Map<string, string>;
  result: LoadResult;
}

/** Root-relative posix path of a path written relative to the template's directory. */
export function relativeToTemplate(file: string, written: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(written) || written.startsWith('/')) return written;
  const joined = posix.normalize(posix.join(posix.dirname(file), written.replace(/\\/g, '/')));
  const trimmed = joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
  return trimmed === '' ? '.' : trimmed;
}

/**
 * The function a value points at: `!Ref Fn`, `!GetAtt Fn.Arn`, `${Fn.Arn}` in a
 * `!Sub`, a Version/Alias of it, a literal function name or function ARN.
 */
export function targetFunction(node: YNode | undefined, ctx: TemplateContext): LambdaFunction | undefined {
  if (!node) return undefined;
  for (const mention of mentionedResources(node, ctx)) {
    const direct = ctx.functions.get(mention.id);
    if (direct) return direct;
    const aliased = ctx.aliases.get(mention.id);
    if (aliased && ctx.functions.get(aliased)) return ctx.functions.get(aliased);
  }
  const literal = resolve(node, ctx);
  if (literal.kind === 'literal') {
    const text = String(literal.value);
    const arn = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(text);
    const name = arn ? arn[1] : text;
    const id = ctx.functionNames.get(name);
    if (id) return ctx.functions.get(id);
  }
  return undefined;
}

/** What an event source points at: the logical id when it is one of ours, else the text as written. */
export function eventSource(node: YNode | undefined, ctx: TemplateContext): Trigger['source'] | undefined {
  if (!node) return undefined;
  const mention = mentionedResources(node, ctx)[0];
  if (mention) {
    const queue = ctx.queues.get(mention.id);
    return queue ? { ref: mention.id, queueId: queue.id } : { ref: mention.id };
  }
  const literal = resolve(node, ctx);
  if (literal.kind === 'literal') {
    const text = String(literal.value);
    const sqsArn = /^arn:aws[\w-]*:sqs:[^:]*:[^:]*:(.+)$/.exec(text);
    const queueId = sqsArn ? ctx.queueNames.get(sqsArn[1]) : undefined;
    if (queueId) return { ref: text, queueId: ctx.queues.get(queueId)!.id };
    return { ref: text };
  }
  if (literal.kind === 'reference') return { ref: literal.ref.text };
  return { ref: scalarString(node) ?? '' };
}

/** The CloudFormation resource type a value points at (`!GetAtt Q.Arn` -> `AWS::SQS::Queue`). */
export function mentionedType(node: YNode | undefined, ctx: TemplateContext): { type: string; attribute?: string } | undefined {
  const mention = mentionedResources(node, ctx)[0];
  if (!mention) return undefined;
  const resource = ctx.resources.get(mention.id);
  return resource ? { type: resource.type, attribute: mention.attribute } : undefined;
}
