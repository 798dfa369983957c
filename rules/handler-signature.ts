import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { isPythonFacts } from '../src/python/facts.js';
import type { SourceLocation } from '../src/model/index.js';

type MessageId = 'asyncHandler' | 'wrongArity';

export default createCrossRule({
  name: 'handler-signature',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require Python handlers to be plain functions that accept the event and the context',
      recommended: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html'],
    },
    messages: {
      asyncHandler:
        "Handler '{{name}}' of {{functions}} is an async def: Lambda calls it without awaiting, so every invocation fails to serialise the coroutine it returns.",
      wrongArity: "Handler '{{name}}' of {{functions}} {{accepts}}, but Lambda passes (event, context): every invocation fails with TypeError.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // One finding per handler definition, naming every function that uses it.
    const sites = new Map<string, { messageId: MessageId; loc: SourceLocation; data: Record<string, string>; functions: Set<string> }>();
    return {
      function({ fn, resolution }) {
        if (resolution.status !== 'found' || resolution.language !== 'python') return;
        const facts = context.facts(resolution.file);
        if (!isPythonFacts(facts)) return;
        const definition = facts.definitions.find((d) => d.name === resolution.exportName);
        // A decorator may wrap the function in one with another signature (Chalice event handlers take one argument).
        if (!definition || definition.decorated || (definition.kind !== 'def' && definition.kind !== 'async def')) return;
        let messageId: MessageId | undefined;
        const data: Record<string, string> = { name: definition.name };
        const { max, required } = definition.positional ?? { max: 2, required: 2 };
        if (definition.kind === 'async def') messageId = 'asyncHandler';
        else if (max < 2 || required > 2) {
          messageId = 'wrongArity';
          data.accepts =
            max < 2 ? (max === 0 ? 'takes no positional arguments' : 'takes one positional argument') : `requires ${required} positional arguments`;
        }
        if (!messageId) return;
        const loc = { file: resolution.file, ...definition.loc };
        const key = `${loc.file}:${loc.line}:${messageId}`;
        const site = sites.get(key) ?? { messageId, loc, data, functions: new Set<string>() };
        site.functions.add(fn.name);
        sites.set(key, site);
      },
      project() {
        for (const site of sites.values()) {
          const names = [...site.functions].sort();
          context.report({
            messageId: site.messageId,
            data: { ...site.data, functions: names.length === 1 ? `function '${names[0]}'` : `functions ${names.map((n) => `'${n}'`).join(', ')}` },
            loc: site.loc,
            functions: names,
          });
        }
      },
    };
  },
});
