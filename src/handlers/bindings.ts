import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';

/** What a module-scope name is bound to. */
export type Binding =
  | { kind: 'function'; node: TSESTree.FunctionDeclaration }
  | { kind: 'variable'; node: TSESTree.VariableDeclarator }
  | { kind: 'class'; node: TSESTree.ClassDeclaration }
  | { kind: 'import'; node: TSESTree.ImportDeclaration; imported: string }
  | { kind: 'require'; node: TSESTree.VariableDeclarator; source: string; imported: string };

/** Module-scope names of a program, including those declared inside `export` statements. */
export function moduleBindings(program: TSESTree.Program): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of program.body) {
    const declaration =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration
        ? statement.declaration
        : statement;
    switch (declaration.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
        if (declaration.id) bindings.set(declaration.id.name, { kind: 'function', node: declaration });
        break;
      case AST_NODE_TYPES.ClassDeclaration:
        if (declaration.id) bindings.set(declaration.id.name, { kind: 'class', node: declaration });
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of declaration.declarations) addDeclarator(bindings, declarator);
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of declaration.specifiers) {
          const imported =
            specifier.type === AST_NODE_TYPES.ImportSpecifier
              ? specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value)
              : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : '*';
          bindings.set(specifier.local.name, { kind: 'import', node: declaration, imported });
        }
        break;
      default:
        break;
    }
  }
  return bindings;
}

function addDeclarator(bindings: Map<string, Binding>, declarator: TSESTree.VariableDeclarator): void {
  const source = requireSource(declarator.init);
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    bindings.set(
      declarator.id.name,
      source !== undefined ? { kind: 'require', node: declarator, source, imported: 'default' } : { kind: 'variable', node: declarator },
    );
    return;
  }
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && source !== undefined) {
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const imported = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
      const local = property.value.type === AST_NODE_TYPES.Identifier ? property.value.name : undefined;
      if (imported && local) bindings.set(local, { kind: 'require', node: declarator, source, imported });
    }
  }
}

/** The module name of `require('x')` or `require('x').y`, else undefined. */
export function requireSource(node: TSESTree.Node | null | undefined): string | undefined {
  let current = node;
  while (current?.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  if (
    current?.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.Identifier &&
    current.callee.name === 'require' &&
    current.arguments.length >= 1 &&
    current.arguments[0].type === AST_NODE_TYPES.Literal &&
    typeof current.arguments[0].value === 'string'
  ) {
    return current.arguments[0].value;
  }
  return undefined;
}

/** Module source of a binding created by `import` or `require`. */
export function bindingSource(binding: Binding | undefined): string | undefined {
  if (!binding) return undefined;
  if (binding.kind === 'import') return String(binding.node.source.value);
  if (binding.kind === 'require') return binding.source;
  return undefined;
}
