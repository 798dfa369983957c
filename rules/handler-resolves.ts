import { posix } from 'node:path';
import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { editDistance } from '../src/project/resolve-handler.js';

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
        const handler = typeof fn.handler?.value === 'string' ? fn.handler.value : '';
        if (resolution.status === 'missing-file') {
          const tried = resolution.tried.length > 1 ? `${stem(resolution.tried[0])}{${resolution.tried.map(ext).join(',')}}` : resolution.tried[0];
          context.report({
            messageId: 'missingFile',
            data: { fn: fn.name, handler: handler || resolution.tried[0], tried, hint: resolution.nearest ? ` (did you mean ${resolution.nearest}?)` : '' },
            loc,
            functions: [fn.name],
          });
          return;
        }
        if (resolution.status !== 'found') return;
        const exportNames = resolution.language === 'node' ? context.facts(resolution.file)?.exportNames : pythonFunctions(context.host.readFile(resolution.file));
        // Not linted (parse error: reported separately) or exports that cannot be listed (`module.exports = require(...)`).
        if (!exportNames || exportNames.includes('*') || exportNames.includes(resolution.exportName)) return;
        const nearest = closest(resolution.exportName, exportNames.filter((n) => n !== 'default'));
        context.report({
          messageId: 'missingExport',
          data: { fn: fn.name, file: resolution.file, exportName: resolution.exportName, hint: nearest ? ` (did you mean '${nearest}'?)` : '' },
          loc,
          functions: [fn.name],
        });
      },
    };
  },
});

const stem = (path: string): string => path.replace(/\.[^./]+$/, '');
const ext = (path: string): string => posix.extname(path);

/** Top-level `def name(` in a Python module. */
function pythonFunctions(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const names = [...text.matchAll(/^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/gm)].map((m) => m[1]);
  // Names bound another way (`handler = Mangum(app)`, imports) count too.
  for (const m of text.matchAll(/^([A-Za-z_]\w*)\s*=/gm)) names.push(m[1]);
  for (const m of text.matchAll(/^from\s+\S+\s+import\s+(.+)$/gm)) {
    for (const part of m[1].split(',')) names.push(part.trim().split(/\s+as\s+/).pop()!.replace(/[()]/g, ''));
  }
  return names;
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(word.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
