import { isBuiltin } from 'node:module';
import { basename, dirname, isAbsolute } from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/rule-creator.js';
import { moduleLoadVisitors, packageName, type ModuleLoad } from '../src/module-imports.js';
import { builtInHeavyPackage, type HeavyPackage } from '../src/heavy-packages.js';
import { formatBytes, isPackageName, measurePackage, resolvePackageDir, type PackageCost } from '../src/package-cost.js';
import { getFileHandlers, isTestFile } from '../src/handlers/index.js';
import { isInfraCodeFile } from '../src/infra-code.js';

export interface UserPackage {
  name: string;
  alternative: string;
  reason?: string;
}

type Options = [
  {
    maxBytes?: number;
    maxFiles?: number;
    knownBelowBudget?: boolean;
    allow?: string[];
    packages?: UserPackage[];
  },
];

type MessageIds = 'knownHeavy' | 'overBudget' | 'unusedHeavyImport';

/**
 * Default budget for one dependency closure: 1 MB of loadable JavaScript is about three times the
 * whole bundled v3 DynamoDB client (322 KB), and 250 files is under half of the ~550 files the whole
 * aws-sdk v2 loads unbundled (lambdalint lambda-facts, 2026-11-27).
 */
export const DEFAULT_MAX_BYTES = 1_000_000;
export const DEFAULT_MAX_FILES = 250;

export default createRule<Options, MessageIds>({
  name: 'no-heavy-import',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow module-scope imports of heavy packages that slow down every Lambda cold start',
      recommended: 'warn',
      strict: 'error',
      strictOptions: [{ maxBytes: 500_000, maxFiles: 100, knownBelowBudget: true }],
      sources: [
        'https://github.com/aws/aws-sdk-js-v3/blob/main/supplemental-docs/performance/README.md',
        'https://mikhail.io/serverless/coldstarts/aws/',
        'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
        'https://github.com/aws/aws-sdk-js-v3/issues/5516',
      ],
    },
    messages: {
      knownHeavy:
        "'{{name}}'{{measured}} loads at every cold start, before the handler runs: {{reason}}.",
      overBudget:
        "'{{name}}' loads {{size}} in {{files}} files{{atLeast}}, over the {{maxSize}} / {{maxFiles}} files budget: Node reads and compiles them at every cold start.",
      unusedHeavyImport:
        "'{{name}}' is imported at module scope but never used: every cold start loads it ({{reason}}) for nothing.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxBytes: { type: 'integer', minimum: 0, description: 'Largest dependency closure, in bytes of loadable files.' },
          maxFiles: { type: 'integer', minimum: 0, description: 'Largest dependency closure, in loadable files.' },
          knownBelowBudget: {
            type: 'boolean',
            description: 'Report a known-heavy package even when its measured size is within the budget (strict sets it).',
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: "Packages never reported: exact names or a scope such as '@company/*'.",
          },
          packages: {
            type: 'array',
            description: 'Extra known-heavy packages, reported whatever their size.',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', minLength: 1 },
                alternative: { type: 'string', minLength: 1 },
                reason: { type: 'string' },
              },
              required: ['name', 'alternative'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ maxBytes: DEFAULT_MAX_BYTES, maxFiles: DEFAULT_MAX_FILES, allow: [], packages: [] }],
  create(context, [options]) {
    const filename = context.filename;
    if (isTestFile(filename) || isToolConfigFile(filename)) return {};

    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    const knownBelowBudget = options.knownBelowBudget ?? false;
    const allow = options.allow ?? [];
    const userPackages = new Map((options.packages ?? []).map((p) => [p.name, p] as const));
    // Sizes are measured only for a real file on disk: node_modules is found from its directory.
    const fromDir = isAbsolute(filename) ? dirname(filename) : undefined;

    const loads: ModuleLoad[] = [];
    const visitors = moduleLoadVisitors((load) => loads.push(load));
    return {
      ...visitors,
      'Program:exit'() {
        const hasHandler = safeHasHandler(context);
        // Infrastructure code (CDK stacks, Pulumi programs) runs at deploy time, not in the function.
        if (!hasHandler && isInfraCodeFile(context.sourceCode.ast, filename)) return;
        for (const load of loads) check(load, hasHandler);
      },
    };

    function check(load: ModuleLoad, hasHandler: boolean): void {
      if (load.typeOnly || !load.atModuleScope) return;
      const name = packageName(load.source);
      if (name === undefined || !isPackageName(name) || isBuiltin(load.source) || isBuiltin(name)) return;
      // aws-sdk v2 has its own rule; v3 clients are the light alternative and ship in the runtime.
      if (name === 'aws-sdk' || name.startsWith('@aws-sdk/')) return;
      if (isAllowed(name, allow)) return;
      // A subpath (`lodash/get`, `date-fns/format`) is the light way to use a package.
      const bare = load.source === name || load.source === `${name}/`;

      const user = userPackages.get(name);
      const known: HeavyPackage | undefined = user ? { ...user } : builtInHeavyPackage(name);
      if (known && bare && (!known.handlerFilesOnly || hasHandler)) {
        if (usedOnlyAsType(context, load)) return;
        const cost = measure(name);
        // The list and the budget agree: a listed package measured within the budget is not
        // reported, unless the list says why (deprecated, unmaintained) or strict asks for it.
        if (cost && withinBudget(cost) && !known.belowBudget && !user && !knownBelowBudget) return;
        context.report({
          node: load.node,
          messageId: 'knownHeavy',
          data: {
            name,
            measured: cost ? ` (${describeCost(cost)} installed)` : '',
            reason: known.reason ?? 'it is listed as heavy in the rule options',
            alternative: known.alternative,
          },
        });
        return;
      }
      if (!bare) return;
      const cost = measure(name);
      if (!cost || withinBudget(cost)) return;
      if (usedOnlyAsType(context, load)) return;
      context.report({
        node: load.node,
        messageId: 'overBudget',
        data: {
          name,
          size: formatBytes(cost.bytes),
          files: cost.files.toLocaleString('en-US'),
          atLeast: cost.truncated ? ' or more' : '',
          maxSize: formatBytes(maxBytes),
          maxFiles: maxFiles.toLocaleString('en-US'),
        },
      });
    }

    function withinBudget(cost: PackageCost): boolean {
      return cost.bytes <= maxBytes && cost.files <= maxFiles;
    }

    function measure(name: string): PackageCost | undefined {
      if (fromDir === undefined) return undefined;
      try {
        const dir = resolvePackageDir(fromDir, name);
        return dir === undefined ? undefined : measurePackage(dir);
      } catch {
        return undefined; // measuring is best effort; the table still applies
      }
    }
  },
});

function describeCost(cost: PackageCost): string {
  return `${formatBytes(cost.bytes)} in ${cost.files.toLocaleString('en-US')} files${cost.truncated ? ' or more' : ''}`;
}

function isAllowed(name: string, allow: readonly string[]): boolean {
  return allow.some((entry) => entry === name || (entry.endsWith('/*') && name.startsWith(entry.slice(0, -1))));
}

/** Build and tool configuration files run on the developer's machine, never in Lambda. */
function isToolConfigFile(filename: string): boolean {
  const base = basename(filename);
  // `webpack.config.js`, `esbuild.config.mjs`; a plain `config.js` may well be application code.
  return /^[\w-]+\.config\.[cm]?[jt]s$/.test(base) || /^\.?(?:eslintrc|babelrc|prettierrc)(?:\.[cm]?[jt]s)?$/.test(base);
}

function safeHasHandler(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  try {
    return getFileHandlers(context).handlers.length > 0;
  } catch {
    return false;
  }
}

/**
 * A TypeScript `import { A } from 'x'` whose bindings are all used, and only in type positions:
 * the compiler drops it, so nothing is loaded at run time. Unused imports are not counted
 * as type-only (plain JavaScript keeps them).
 */
function usedOnlyAsType(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, load: ModuleLoad): boolean {
  const declaration = load.node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.specifiers.length === 0) return false;
  if (!/\.[cm]?tsx?$/.test(context.filename)) return false;
  try {
    const variables = context.sourceCode.getDeclaredVariables(declaration as TSESTree.Node);
    if (variables.length === 0) return false;
    return variables.every((variable) => {
      const references = variable.references as Array<{ isValueReference?: boolean; isTypeReference?: boolean }>;
      return references.length > 0 && references.every((r) => r.isTypeReference === true && r.isValueReference !== true);
    });
  } catch {
    return false;
  }
}
