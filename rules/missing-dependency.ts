import { builtinModules } from 'node:module';
import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { manifestsFor } from '../src/cross-rules/package-json.js';
import { literal } from '../src/model/index.js';

const BUILTINS = new Set(builtinModules);

/** nodejs18.x and later ship the AWS SDK for JavaScript v3 only. */
function runtimeMajor(runtime: string | undefined): number | undefined {
  const match = runtime ? /^nodejs(\d+)\.x$/.exec(runtime) : null;
  return match ? Number(match[1]) : undefined;
}

export default createCrossRule({
  name: 'missing-dependency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow imports of packages that will not exist in the deployed function',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html',
      ],
    },
    messages: {
      awsSdkV2NotInRuntime:
        "'{{source}}' is imported by function '{{fn}}' ({{runtime}}), but nodejs18.x and later runtimes include only the AWS SDK v3 and {{manifest}} does not list aws-sdk: the function fails at init with Cannot find module 'aws-sdk'. Use the @aws-sdk/client-* v3 packages.",
      devDependencyOnly:
        "'{{name}}' is only in devDependencies of {{manifest}}, and function '{{fn}}' is deployed without a bundler: `npm install --omit=dev` packaging leaves it out, and the function fails at init. Move it to dependencies.",
      notInAnyManifest:
        "'{{name}}' is imported by function '{{fn}}' but listed in no package.json from {{file}} up to the project root: it will be missing from the deployment package. Add it to dependencies.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function({ fn, resolution, files }) {
        if (resolution.status !== 'found' || resolution.language !== 'node') return;
        // A layer may provide any package: nothing can be said about missing ones.
        if (fn.layers.length > 0) return;
        const runtime = literal(fn.runtime);
        const major = runtimeMajor(runtime);
        // serverless-plugin-typescript only compiles: packaging still leaves devDependencies out.
        const bundled = fn.bundler !== undefined && fn.bundler !== 'typescript';
        for (const file of files) {
          const facts = context.facts(file);
          if (!facts) continue;
          const manifests = manifestsFor(context.host, file);
          if (manifests.length === 0) continue; // no package.json at all: not a Node project layout we can judge
          const isTs = /\.[cm]?tsx?$/.test(file);
          for (const imp of facts.packageImports) {
            if (imp.typeOnly || BUILTINS.has(imp.name) || imp.name.startsWith('node:')) continue;
            const inDeps = manifests.some((m) => m.dependencies.has(imp.name));
            const inDev = manifests.some((m) => m.devDependencies.has(imp.name));
            // TypeScript elides imports used only as types; a package known only through @types is one of those
            // (unless the import is seen to be used as a value).
            if (isTs && !inDeps && !imp.usedAsValue && manifests.some((m) => m.devDependencies.has(`@types/${imp.name}`) || m.dependencies.has(`@types/${imp.name}`))) continue;
            const loc = { file, line: imp.loc.line, column: imp.loc.column, endLine: imp.loc.endLine, endColumn: imp.loc.endColumn };
            if (imp.name === 'aws-sdk') {
              if (major !== undefined && major >= 18 && !inDeps && !bundled) {
                context.report({
                  messageId: 'awsSdkV2NotInRuntime',
                  data: { source: imp.source, fn: fn.name, runtime: runtime ?? '', manifest: manifests[0].file },
                  loc,
                  functions: [fn.name],
                });
              }
              continue;
            }
            // The runtime provides SDK v3 on nodejs18.x and later.
            if (imp.name.startsWith('@aws-sdk/') && (major === undefined || major >= 18)) continue;
            if (inDeps) continue;
            if (inDev) {
              if (!bundled) {
                context.report({ messageId: 'devDependencyOnly', data: { name: imp.name, manifest: manifests.find((m) => m.devDependencies.has(imp.name))!.file, fn: fn.name }, loc, functions: [fn.name] });
              }
              continue;
            }
            context.report({ messageId: 'notInAnyManifest', data: { name: imp.name, fn: fn.name, file }, loc, functions: [fn.name] });
          }
        }
      },
    };
  },
});
