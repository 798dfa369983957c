import { posix } from 'node:path';
import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { editDistance } from '../src/project/resolve-handler.js';
import { isPythonFacts } from '../src/python/facts.js';

export default createCrossRule({
  name: 'handler-resolves',
  meta: {
    type: 'problem',
    docs: {
      description: "Require each function's handler to name a file and an exported function that exist",
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html',
        'https://github.com/serverless/serverless/issues/3758',
      ],
    },
    messages: {
      missingFile:
        "Handler file {{tried}} does not exist{{hint}}: {{fn}} fails every invocation (Runtime.ImportModuleError).",
      missingExport:
        "{{file}} has no export '{{exportName}}'{{hint}}: {{fn}} fails every invocation (Runtime.HandlerNotFound).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function({ fn, resolution }) {
        const handlerLoc = fn.handler && !fn.handler.isDefault ? fn.handler.loc : undefined;
        // A CDK NodejsFunction's file is its `entry`: a missing file is reported there, not at `handler`.
        const entryLoc = fn.code?.kind === 'entry' && !fn.code.path.isDefault ? fn.code.path.loc : undefined;
        const loc = (resolution.status === 'missing-file' ? (entryLoc ?? handlerLoc) : (handlerLoc ?? entryLoc)) ?? fn.code?.path.loc ?? fn.source;
        if (resolution.status === 'missing-file') {
          const tried = resolution.tried.length > 1 ? `${stem(resolution.tried[0])}{${resolution.tried.map(ext).join(',')}}` : resolution.tried[0];
          context.report({
            messageId: 'missingFile',
            data: { fn: fn.name, tried, hint: resolution.nearest ? ` (did you mean ${resolution.nearest}?)` : '' },
            loc,
            functions: [fn.name],
          });
          return;
        }
        if (resolution.status !== 'found') return;
        const facts = context.facts(resolution.file);
        const exportNames = facts?.exportNames;
        // Not analysed (parse error: reported separately) or exports that cannot be listed (`module.exports = require(...)`, `from x import *`).
        if (!exportNames || exportNames.includes('*') || exportNames.includes(resolution.exportName)) return;
        const nearest = closest(resolution.exportName, exportNames.filter((n) => n !== 'default'));
        // Python: with no close name, say which module-level functions there are.
        const defined = isPythonFacts(facts) ? facts.definitions.filter((d) => d.kind === 'def' || d.kind === 'async def').map((d) => d.name) : [];
        const hint = nearest ? ` (did you mean '${nearest}'?)` : defined.length > 0 ? ` (it defines ${listed(defined)})` : '';
        context.report({
          messageId: 'missingExport',
          data: { fn: fn.name, file: resolution.file, exportName: resolution.exportName, hint },
          loc,
          functions: [fn.name],
        });
      },
    };
  },
});

const stem = (path: string): string => path.replace(/\.[^./]+$/, '');
const ext = (path: string): string => posix.extname(path);

function listed(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `'${n}'`).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(word.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
