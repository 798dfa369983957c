/**
 * Makes acorn's redeclaration check linear. Acorn, the parser under ESLint's espree, keeps the
 * names each scope declares in arrays and searches them with `indexOf` for every declaration:
 * quadratic in the names of one scope (40,000 module-scope constants took 30 s). Here each of
 * those arrays also keeps a map of where a name first is, so `indexOf` is one lookup. The arrays
 * still hold every name and acorn only pushes to them, so its results do not change.
 *
 * Applied once, by the CLI's file linter, to the acorn that ESLint's espree loads; the ESLint
 * plugin leaves its users' parsers alone. When acorn's layout is not the one expected, nothing is
 * changed and large JavaScript goes to the TypeScript parser instead (`file-linter.ts`).
 */
import { createRequire } from 'node:module';

/** An array of names with a constant-time `indexOf`, for acorn's scopes (which only push, index and search). */
export class NameList extends Array<string> {
  private readonly first = new Map<string, number>();

  override push(...names: string[]): number {
    for (const name of names) {
      if (!this.first.has(name)) this.first.set(name, this.length);
      super.push(name);
    }
    return this.length;
  }

  override indexOf(name: string): number {
    return this.first.get(name) ?? -1;
  }
}

interface AcornScope {
  var: string[];
  lexical: string[];
  functions: string[];
}

interface AcornParserPrototype {
  enterScope(flags: number): void;
  currentScope(): AcornScope;
}

let patched: boolean | undefined;

/** Patches the acorn that ESLint's espree uses (once); false when it is not found or not shaped as expected. */
export function makeAcornScopesLinear(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  try {
    const fromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
    const fromEspree = createRequire(fromEslint.resolve('espree'));
    const acorn = fromEspree('acorn') as { Parser?: { prototype: Partial<AcornParserPrototype> } };
    const prototype = acorn.Parser?.prototype;
    const enterScope = prototype?.enterScope;
    if (!prototype || typeof enterScope !== 'function' || typeof prototype.currentScope !== 'function') return false;
    prototype.enterScope = function (this: AcornParserPrototype, flags: number): void {
      enterScope.call(this, flags);
      const scope = this.currentScope();
      // Only a fresh scope of the expected shape: anything else is left as acorn made it.
      if (Array.isArray(scope.var) && Array.isArray(scope.lexical) && Array.isArray(scope.functions) && scope.var.length + scope.lexical.length + scope.functions.length === 0) {
        scope.var = new NameList();
        scope.lexical = new NameList();
        scope.functions = new NameList();
      }
    };
    patched = true;
  } catch {
    patched = false;
  }
  return patched;
}
