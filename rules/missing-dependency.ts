import { builtinModules } from 'node:module';
import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { manifestsFor } from '../src/cross-rules/package-json.js';
import { isPathAlias } from '../src/cross-rules/tsconfig-paths.js';
import { literal, type SourceLocation } from '../src/model/index.js';
import { nameList } from '../src/name-list.js';
import { missingPythonImports } from '../src/python/dependencies.js';

const BUILTINS = new Set(builtinModules);

/**
 * Packages the Node.js runtimes provide beyond the AWS SDK v3 (nodejs18.x+): the durable execution
 * SDK is included in nodejs22.x and later ("for testing and development"; AWS recommends bundling
 * it for production). https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html (checked 2026-11-27)
 */
const RUNTIME_PACKAGES: Array<{ name: string; fromMajor: number }> = [{ name: '@aws/durable-execution-sdk-js', fromMajor: 22 }];

function runtimeMajor(runtime: string | undefined): number | undefined {
  const match = runtime ? /^nodejs(\d+)\.x$/.exec(runtime) : null;
  return match ? Number(match[1]) : undefined;
}

type MessageId = 'awsSdkV2NotInRuntime' | 'devDependencyOnly' | 'notInAnyManifest' | 'notInRequirements';

interface Site {
  messageId: MessageId;
  loc: SourceLocation;
  data: Record<string, string>;
  functions: Set<string>;
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
        'https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/python-package.html',
      ],
    },
    messages: {
      awsSdkV2NotInRuntime:
        "'{{source}}' fails at init in {{functions}}: {{runtime}} ships only the AWS SDK v3 and {{manifest}} does not list aws-sdk.",
      devDependencyOnly:
        "'{{name}}' is only a devDependency in {{manifest}}: without a bundler it is not packaged and {{functions}} cannot start.",
      notInRequirements:
        "'{{name}}' is imported by {{functions}} but {{manifest}} does not list {{distribution}}: init fails with Runtime.ImportModuleError.",
      notInAnyManifest:
        "'{{name}}' is imported by {{functions}} but in no package.json from {{dir}} up: it is not packaged and init fails.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // One finding per import site, naming every function that deploys it without the package.
    const sites = new Map<string, Site>();
    const add = (messageId: MessageId, loc: SourceLocation, data: Record<string, string>, fn: string): void => {
      const key = `${loc.file}:${loc.line}:${loc.column}:${messageId}`;
      const site = sites.get(key) ?? { messageId, loc, data, functions: new Set<string>() };
      site.functions.add(fn);
      sites.set(key, site);
    };
    return {
      function({ fn, resolution, files }) {
        if (resolution.status !== 'found') return;
        // A layer may provide any package: nothing can be said about missing ones.
        if (fn.layers.length > 0) return;
        if (resolution.language === 'python') {
          for (const file of files) {
            const facts = context.facts(file);
            if (!facts) continue;
            for (const missing of missingPythonImports(context.host, file, facts, resolution.root ?? '.', resolution.file)) {
              add('notInRequirements', missing.loc, { name: missing.name, distribution: missing.distribution, manifest: missing.manifests[0] }, fn.name);
            }
          }
          return;
        }
        const runtime = literal(fn.runtime);
        const major = runtimeMajor(runtime);
        // serverless-plugin-typescript only compiles: Serverless packaging still leaves devDependencies out.
        const bundled = fn.bundler !== undefined && fn.bundler !== 'typescript';
        for (const file of files) {
          const facts = context.facts(file);
          if (!facts) continue;
          const manifests = manifestsFor(context.host, file);
          if (manifests.length === 0) continue; // no package.json at all: not a layout we can judge
          const isTs = /\.[cm]?tsx?$/.test(file);
          for (const imp of facts.packageImports) {
            if (imp.typeOnly || BUILTINS.has(imp.name) || imp.name.startsWith('node:')) continue;
            const inDeps = manifests.some((m) => m.dependencies.has(imp.name));
            const inDev = manifests.some((m) => m.devDependencies.has(imp.name));
            if (inDeps) continue;
            // TypeScript elides imports used only as types; a package known only through @types is one of those
            // (unless the code is seen to use the import as a value).
            if (isTs && !imp.usedAsValue && manifests.some((m) => m.devDependencies.has(`@types/${imp.name}`) || m.dependencies.has(`@types/${imp.name}`))) continue;
            const loc = { file, line: imp.loc.line, column: imp.loc.column, endLine: imp.loc.endLine, endColumn: imp.loc.endColumn };
            if (imp.name === 'aws-sdk') {
              if (major !== undefined && major >= 18 && !bundled) {
                add('awsSdkV2NotInRuntime', loc, { source: imp.source, runtime: runtime ?? '', manifest: manifests[0].file }, fn.name);
              }
              continue;
            }
            // The runtime provides SDK v3 on nodejs18.x and later, and a few AWS packages on newer runtimes.
            if (imp.name.startsWith('@aws-sdk/') && (major === undefined || major >= 18)) continue;
            if (RUNTIME_PACKAGES.some((p) => p.name === imp.name && (major === undefined || major >= p.fromMajor))) continue;
            if (isPathAlias(context.host, file, imp.source)) continue;
            if (inDev) {
              if (!bundled) add('devDependencyOnly', loc, { name: imp.name, manifest: manifests.find((m) => m.devDependencies.has(imp.name))!.file }, fn.name);
              continue;
            }
            add('notInAnyManifest', loc, { name: imp.name, dir: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.' }, fn.name);
          }
        }
      },
      project() {
        for (const site of sites.values()) {
          const names = [...site.functions].sort();
          context.report({
            messageId: site.messageId,
            data: {
              ...site.data,
              functions: nameList(names),
            },
            loc: site.loc,
            functions: names,
          });
        }
      },
    };
  },
});
