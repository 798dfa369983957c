import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { requireSource } from './handlers/bindings.js';
import { staticString } from './handlers/ast-utils.js';

/**
 * Packages whose import marks a file as infrastructure code: it runs at synth/deploy time on a
 * developer machine or CI, never inside the function (CDK v1/v2, CDKTF, Pulumi, SST, the
 * Serverless Framework's TypeScript config types).
 */
export const INFRA_PACKAGES = /^(?:aws-cdk-lib|aws-cdk|constructs|cdktf|@aws-cdk\/|@cdktf\/|@pulumi\/|sst(?:\/|$)|@serverless\/typescript$|serverless(?:\/|$))/;

/** Deploy-config files written in JS/TS (`serverless.ts`, `sst.config.ts`). */
const INFRA_FILE_NAMES = /(?:^|[\\/])(?:serverless\.(?:[cm]?[jt]s)|sst\.config\.[cm]?[jt]s)$/;

/** Module names the file loads at its top level (imports, re-exports, top-level requires). */
function topLevelSources(program: TSESTree.Program): string[] {
  const sources: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      sources.push(String(statement.source.value));
    } else if (
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) &&
      statement.source
    ) {
      sources.push(String(statement.source.value));
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const source = requireSource(declarator.init);
        if (source !== undefined) sources.push(source);
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      if (statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        const source = staticString(statement.moduleReference.expression);
        if (source !== undefined) sources.push(source);
      }
    }
  }
  return sources;
}

/**
 * True for infrastructure code (CDK stacks and apps, Pulumi programs, `serverless.ts`): ARNs,
 * regions and resource names are what such files are for, and they never run in Lambda.
 */
export function isInfraCodeFile(program: TSESTree.Program, filename: string): boolean {
  if (INFRA_FILE_NAMES.test(filename)) return true;
  return topLevelSources(program).some((source) => INFRA_PACKAGES.test(source));
}
