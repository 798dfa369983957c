import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { staticString } from './handlers/ast-utils.js';

/** One way a module is loaded: `import`, `require()`, `import()` or `export ... from`. */
export interface ModuleLoad {
  source: string;
  /** The node of the module string, for precise reports. */
  node: TSESTree.Node;
  kind: 'import' | 'require' | 'dynamic-import' | 're-export';
  /** `import type` / `export type`: erased at compile time. */
  typeOnly: boolean;
  /** Loaded when the module initialises (not inside a function). */
  atModuleScope: boolean;
}

function insideFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return true;
    }
  }
  return false;
}

/**
 * ESLint visitors that call `onLoad` for every module load in the file.
 * Rules spread these into their own visitor object.
 */
export function moduleLoadVisitors(onLoad: (load: ModuleLoad) => void): Record<string, (node: never) => void> {
  return {
    ImportDeclaration(node: TSESTree.ImportDeclaration) {
      const typeOnly =
        node.importKind === 'type' ||
        (node.specifiers.length > 0 &&
          node.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier && s.importKind === 'type'));
      onLoad({ source: String(node.source.value), node: node.source, kind: 'import', typeOnly, atModuleScope: true });
    },
    'ExportNamedDeclaration[source], ExportAllDeclaration'(node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration) {
      if (!node.source) return;
      onLoad({
        source: String(node.source.value),
        node: node.source,
        kind: 're-export',
        typeOnly: node.exportKind === 'type',
        atModuleScope: true,
      });
    },
    'CallExpression[callee.type="Identifier"][callee.name="require"]'(node: TSESTree.CallExpression) {
      const source = staticString(node.arguments[0]);
      if (source === undefined) return;
      onLoad({ source, node: node.arguments[0], kind: 'require', typeOnly: false, atModuleScope: !insideFunction(node) });
    },
    ImportExpression(node: TSESTree.ImportExpression) {
      const source = staticString(node.source);
      if (source === undefined) return;
      onLoad({ source, node: node.source, kind: 'dynamic-import', typeOnly: false, atModuleScope: !insideFunction(node) });
    },
    // `import x = require('x')` in TypeScript
    TSImportEqualsDeclaration(node: TSESTree.TSImportEqualsDeclaration) {
      if (node.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) return;
      const source = staticString(node.moduleReference.expression);
      if (source === undefined) return;
      onLoad({ source, node: node.moduleReference.expression, kind: 'require', typeOnly: node.importKind === 'type', atModuleScope: true });
    },
  };
}

/** Package name of a bare specifier: `@aws-sdk/client-s3/dist` -> `@aws-sdk/client-s3`; relative -> undefined. */
export function packageName(source: string): string | undefined {
  if (source.startsWith('.') || source.startsWith('/') || source.startsWith('node:') || source.includes(':')) return undefined;
  const parts = source.split('/');
  if (source.startsWith('@')) return parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}
