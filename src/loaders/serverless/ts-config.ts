/**
 * `serverless.ts` / `serverless.js` read through the TypeScript AST, never
 * executed: the exported config must be a static object literal (directly,
 * or a `const` it names). Identifiers resolve to `const`s in the same file or
 * to static exports of relatively imported files (the aws-nodejs-typescript
 * template imports each function's config from `src/functions/<name>`);
 * anything else (calls, `process.env`, computed values) becomes a `Reference`.
 */
import { posix } from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../../typescript-api.js';
import type { LoadDiagnostic, SourceLocation } from '../../model/index.js';
import type { LoaderHost } from '../types.js';
import type { YMap, YNode, YPair } from '../yaml-tree.js';
import { NOT_STATIC, evaluateStatic, isHelperFunction, newBudget, type EvalBudget, type EvalContext, type Evaluated, type HelperFunction, type StaticValue } from '../ts-eval.js';

const MAX_IMPORT_DEPTH = 6;
const MAX_EXPRESSION_DEPTH = 60;
/** Stands for the analysis root in evaluated paths (`__dirname`, `process.cwd()`), so they can be made relative again. */
const ROOT = '/\u0000root';

export interface TsConfigResult {
  root: YNode | undefined;
  diagnostics: LoadDiagnostic[];
  /** Why the config could not be read statically, when it could not. */
  note?: string;
}

interface SourceInfo {
  file: string;
  sf: TS.SourceFile;
  consts: Map<string, TS.Expression>;
  imports: Map<string, { module: string; name: string }>;
  exports: Map<string, TS.Expression>;
  reExports: Array<{ module: string; names?: Map<string, string> }>;
  /** Helper functions by local name: function declarations and `const f = (...) => ...`. */
  functions: Map<string, HelperFunction>;
  exportedFunctions: Map<string, HelperFunction>;
}

export function readServerlessTs(file: string, text: string, host: LoaderHost): TsConfigResult {
  const reader = new TsReader(file, host);
  const info = reader.load(file, text);
  const exported = info.exports.get('default') ?? info.exports.get('module.exports');
  if (!exported) return { root: undefined, diagnostics: [], note: 'no static `export default` / `module.exports` object found' };
  const root = reader.convert(exported, info, 0);
  if (root.kind !== 'map') return { root: undefined, diagnostics: [], note: 'the exported config is not a static object literal' };
  return { root, diagnostics: [] };
}

export function looksLikeServerlessTs(text: string): boolean {
  return /\bservice\s*:/.test(text) && /\bprovider\s*:/.test(text);
}

class TsReader {
  private readonly cache = new Map<string, SourceInfo | null>();
  private readonly serviceDir: string;
  private paths: { baseUrl: string; paths: Record<string, string[]> } | null | undefined;
  /** The step budget of the evaluation under way, shared by the evaluations it starts. */
  private budget: EvalBudget | undefined;

  constructor(
    configFile: string,
    private readonly host: LoaderHost,
  ) {
    this.serviceDir = posix.dirname(configFile);
  }

  load(file: string, text: string): SourceInfo {
    const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const info: SourceInfo = { file, sf, consts: new Map(), imports: new Map(), exports: new Map(), reExports: [], functions: new Map(), exportedFunctions: new Map() };
    for (const statement of sf.statements) this.collect(statement, info);
    this.cache.set(file, info);
    return info;
  }

  private collect(statement: TS.Statement, info: SourceInfo): void {
    if (ts.isVariableStatement(statement)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) {
          info.consts.set(decl.name.text, decl.initializer);
          if (exported) info.exports.set(decl.name.text, decl.initializer);
          const init = skipParens(decl.initializer);
          if (isHelperFunction(init) && statement.declarationList.flags & ts.NodeFlags.Const) {
            info.functions.set(decl.name.text, init);
            if (exported) info.exportedFunctions.set(decl.name.text, init);
          }
        }
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      info.functions.set(statement.name.text, statement);
      const modifiers = statement.modifiers ?? [];
      const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (exported && !modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) info.exportedFunctions.set(statement.name.text, statement);
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) return;
      if (clause.name) info.imports.set(clause.name.text, { module, name: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          info.imports.set(element.name.text, { module, name: (element.propertyName ?? element.name).text });
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      info.exports.set(statement.isExportEquals ? 'module.exports' : 'default', statement.expression);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        const names = new Map<string, string>();
        for (const element of clause.elements) names.set(element.name.text, (element.propertyName ?? element.name).text);
        if (module) info.reExports.push({ module, names });
        else {
          for (const [exported, local] of names) {
            const init = info.consts.get(local);
            if (init) info.exports.set(exported, init);
            const helper = info.functions.get(local);
            if (helper) info.exportedFunctions.set(exported, helper);
          }
        }
      } else if (module && !clause) {
        info.reExports.push({ module });
      }
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && left.getText(info.sf) === 'module.exports') {
        info.exports.set('module.exports', right);
      }
    }
  }

  private loc(node: TS.Node, info: SourceInfo): SourceLocation {
    const start = info.sf.getLineAndCharacterOfPosition(node.getStart(info.sf));
    const end = info.sf.getLineAndCharacterOfPosition(node.getEnd());
    return { file: info.file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }

  private unknown(node: TS.Node, info: SourceInfo): YNode {
    const text = node.getText(info.sf).replace(/\s+/g, ' ');
    return {
      kind: 'ref',
      ref: { kind: 'reference', text: text.length > 200 ? `${text.slice(0, 199)}…` : text, refType: 'unknown' },
      loc: this.loc(node, info),
    };
  }

  convert(expr: TS.Expression, info: SourceInfo, depth: number): YNode {
    if (depth > MAX_EXPRESSION_DEPTH) return this.unknown(expr, info);
    const loc = this.loc(expr, info);
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isSatisfiesExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isTypeAssertionExpression(expr)
    ) {
      return this.convert(expr.expression, info, depth + 1);
    }
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return { kind: 'scalar', value: expr.text, loc };
    if (ts.isNumericLiteral(expr)) return { kind: 'scalar', value: Number(expr.text), loc };
    if (expr.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'scalar', value: true, loc };
    if (expr.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'scalar', value: false, loc };
    if (expr.kind === ts.SyntaxKind.NullKeyword) return { kind: 'scalar', value: null, loc };
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand)) {
      return { kind: 'scalar', value: -Number(expr.operand.text), loc };
    }
    if (ts.isObjectLiteralExpression(expr)) return this.object(expr, info, depth);
    if (ts.isArrayLiteralExpression(expr)) {
      const items: YNode[] = [];
      for (const element of expr.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.convert(element.expression, info, depth + 1);
          if (spread.kind === 'seq') items.push(...spread.items);
          else items.push(spread);
        } else if (!ts.isOmittedExpression(element)) {
          items.push(this.convert(element, info, depth + 1));
        }
      }
      return { kind: 'seq', items, loc };
    }
    if (ts.isTemplateExpression(expr)) return this.template(expr, info, depth);
    if (ts.isIdentifier(expr)) {
      if (expr.text === 'undefined') return { kind: 'scalar', value: null, loc };
      const resolved = this.identifier(expr.text, info, depth);
      return resolved ?? this.unknown(expr, info);
    }
    const evaluated = this.evaluate(expr, info, depth);
    if (evaluated !== undefined) return { kind: 'scalar', value: evaluated, loc };
    // The aws-nodejs-typescript template's `handlerPath(__dirname)` when its helper file is not in
    // the project: the file's directory relative to the service, as the template defines it.
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'handlerPath' && expr.arguments.length === 1) {
      const arg = expr.arguments[0];
      if (ts.isIdentifier(arg) && arg.text === '__dirname' && !this.helperOf(expr.expression, info, depth)) {
        return { kind: 'scalar', value: posix.relative(this.serviceDir, posix.dirname(info.file)) || '.', loc };
      }
    }
    return this.unknown(expr, info);
  }

  /**
   * Calls, `+`, conditionals and member accesses evaluated statically (ts-eval): a string,
   * number or boolean, with paths under the root made relative to the service; undefined when
   * the value is not static or not a scalar.
   */
  private evaluate(expr: TS.Expression, info: SourceInfo, depth: number): string | number | boolean | undefined {
    if (!ts.isCallExpression(expr) && !ts.isBinaryExpression(expr) && !ts.isConditionalExpression(expr) && !ts.isTemplateExpression(expr) && !ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr)) {
      return undefined;
    }
    // Names the evaluator resolves are converted, and may evaluate again: one budget for them all.
    const outermost = !this.budget;
    const budget = (this.budget ??= newBudget());
    let value: Evaluated;
    try {
      value = evaluateStatic(expr, this.evalContext(info, depth), budget);
    } finally {
      if (outermost) this.budget = undefined;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value !== 'string') return undefined;
    const service = posix.join(ROOT, this.serviceDir);
    if (value === service || value.startsWith(`${service}/`)) return posix.relative(service, value) || '.';
    return value.includes(ROOT) ? undefined : value;
  }

  private evalContext(info: SourceInfo, depth: number): EvalContext {
    return {
      dirname: posix.join(ROOT, posix.dirname(info.file)),
      filename: posix.join(ROOT, info.file),
      cwd: posix.join(ROOT, this.serviceDir),
      resolveName: (id) => this.staticValue(this.identifier(id.text, info, depth + 1)),
      resolveFunction: (callee) => {
        const found = this.helperOf(callee, info, depth);
        return found ? { fn: found.fn, context: this.evalContext(found.info, depth + 1) } : undefined;
      },
    };
  }

  private staticValue(node: YNode | undefined): Evaluated {
    if (!node) return NOT_STATIC;
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') {
      const items: StaticValue[] = [];
      for (const item of node.items) {
        const v = this.staticValue(item);
        if (v === NOT_STATIC) return NOT_STATIC;
        items.push(v);
      }
      return items;
    }
    return NOT_STATIC;
  }

  /** The helper function a callee names: declared in this file or imported (relative or tsconfig path). */
  private helperOf(callee: TS.Expression, info: SourceInfo, depth: number): { fn: HelperFunction; info: SourceInfo } | undefined {
    if (!ts.isIdentifier(callee) || depth > MAX_EXPRESSION_DEPTH) return undefined;
    const local = info.functions.get(callee.text);
    if (local) return { fn: local, info };
    const imported = info.imports.get(callee.text);
    if (!imported) return undefined;
    return this.exportedHelper(this.resolveModule(imported.module, info.file, depth), imported.name, depth + 1);
  }

  private exportedHelper(target: SourceInfo | undefined, name: string, depth: number): { fn: HelperFunction; info: SourceInfo } | undefined {
    if (!target || depth > MAX_IMPORT_DEPTH * 4) return undefined;
    const fn = target.exportedFunctions.get(name);
    if (fn) return { fn, info: target };
    for (const reExport of target.reExports) {
      const local = reExport.names ? reExport.names.get(name) : name;
      if (!local) continue;
      const found = this.exportedHelper(this.resolveModule(reExport.module, target.file, depth + 1), local, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private object(expr: TS.ObjectLiteralExpression, info: SourceInfo, depth: number): YMap {
    const pairs: YPair[] = [];
    const set = (pair: YPair): void => {
      const existing = pairs.findIndex((p) => p.key === pair.key);
      if (existing >= 0) pairs.splice(existing, 1);
      pairs.push(pair);
    };
    for (const property of expr.properties) {
      if (ts.isPropertyAssignment(property)) {
        const key = this.propertyName(property.name, info, depth);
        if (key === undefined) continue;
        const value = this.convert(property.initializer, info, depth + 1);
        if (value.kind === 'scalar' && value.value === null && property.initializer.getText(info.sf) === 'undefined') continue;
        set({ key, keyLoc: this.loc(property.name, info), value });
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const name = property.name.text;
        const value = this.identifier(name, info, depth) ?? this.unknown(property.name, info);
        set({ key: name, keyLoc: this.loc(property.name, info), value });
      } else if (ts.isSpreadAssignment(property)) {
        const spread = this.convert(property.expression, info, depth + 1);
        if (spread.kind === 'map') for (const pair of spread.pairs) set(pair);
        // A spread of something unknown contributes nothing we can see.
      }
    }
    return { kind: 'map', pairs, loc: this.loc(expr, info) };
  }

  private propertyName(name: TS.PropertyName, info: SourceInfo, depth: number): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
      return name.text;
    }
    if (ts.isComputedPropertyName(name)) {
      const value = this.convert(name.expression, info, depth + 1);
      if (value.kind === 'scalar' && value.value !== null) return String(value.value);
    }
    return undefined;
  }

  private template(expr: TS.TemplateExpression, info: SourceInfo, depth: number): YNode {
    let out = expr.head.text;
    for (const span of expr.templateSpans) {
      const value = this.convert(span.expression, info, depth + 1);
      if (value.kind !== 'scalar' || value.value === null) {
        const evaluated = this.evaluate(expr, info, depth);
        return evaluated === undefined ? this.unknown(expr, info) : { kind: 'scalar', value: evaluated, loc: this.loc(expr, info) };
      }
      out += String(value.value) + span.literal.text;
    }
    return { kind: 'scalar', value: out, loc: this.loc(expr, info) };
  }

  private identifier(name: string, info: SourceInfo, depth: number): YNode | undefined {
    const init = info.consts.get(name);
    if (init) return this.convert(init, info, depth + 1);
    const imported = info.imports.get(name);
    if (imported) {
      const target = this.resolveModule(imported.module, info.file, depth);
      if (!target) return undefined;
      const expr = this.exportOf(target, imported.name, depth);
      return expr ? this.convert(expr.expr, expr.info, depth + 1) : undefined;
    }
    return undefined;
  }

  private exportOf(info: SourceInfo, name: string, depth: number): { expr: TS.Expression; info: SourceInfo } | undefined {
    const direct = info.exports.get(name) ?? (name === 'default' ? info.exports.get('module.exports') : undefined);
    if (direct) return { expr: direct, info };
    if (depth > MAX_IMPORT_DEPTH * 4) return undefined;
    for (const reExport of info.reExports) {
      const local = reExport.names ? reExport.names.get(name) : name;
      if (!local) continue;
      const target = this.resolveModule(reExport.module, info.file, depth + 1);
      const found = target && this.exportOf(target, local, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** Relative imports and tsconfig `paths` aliases, to `.ts`/`.js` files inside the project. */
  private resolveModule(specifier: string, fromFile: string, depth: number): SourceInfo | undefined {
    if (depth > MAX_IMPORT_DEPTH * 4) return undefined;
    const bases: string[] = [];
    if (specifier.startsWith('.')) bases.push(posix.normalize(posix.join(posix.dirname(fromFile), specifier)));
    else bases.push(...this.aliasTargets(specifier));
    for (const base of bases) {
      if (base.startsWith('../')) continue;
      const stripped = base.replace(/\.(js|mjs|cjs)$/, '');
      for (const candidate of [base, `${stripped}.ts`, `${stripped}.js`, `${stripped}/index.ts`, `${stripped}/index.js`]) {
        if (this.cache.has(candidate)) {
          const cached = this.cache.get(candidate);
          if (cached) return cached;
          continue;
        }
        if (!/\.(ts|js|mjs|cjs)$/.test(candidate) || !this.host.fileExists(candidate)) continue;
        const text = this.host.readFile(candidate);
        if (text === undefined) continue;
        return this.load(candidate, text);
      }
    }
    return undefined;
  }

  private aliasTargets(specifier: string): string[] {
    if (this.paths === undefined) this.paths = this.readPaths();
    if (!this.paths) return [];
    const out: string[] = [];
    for (const [pattern, targets] of Object.entries(this.paths.paths)) {
      const star = pattern.indexOf('*');
      let rest: string | undefined;
      if (star < 0) rest = pattern === specifier ? '' : undefined;
      else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
        rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
      }
      if (rest === undefined) continue;
      for (const target of targets) {
        out.push(posix.normalize(posix.join(this.paths.baseUrl, target.replace('*', rest))));
      }
    }
    return out;
  }

  private readPaths(): { baseUrl: string; paths: Record<string, string[]> } | null {
    let configPath = posix.join(this.serviceDir, 'tsconfig.json');
    // Follow `extends` (the template keeps `paths` in tsconfig.paths.json).
    for (let level = 0; level < 5; level++) {
      const text = this.host.readFile(configPath);
      if (text === undefined) return null;
      const parsed = ts.parseConfigFileTextToJson(configPath, text);
      const config = parsed.config as
        | { extends?: unknown; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }
        | undefined;
      const options = config?.compilerOptions;
      const dir = posix.dirname(configPath);
      if (options?.paths) return { baseUrl: posix.normalize(posix.join(dir, options.baseUrl ?? '.')), paths: options.paths };
      if (typeof config?.extends !== 'string' || !config.extends.startsWith('.')) return null;
      const next = posix.normalize(posix.join(dir, config.extends));
      configPath = next.endsWith('.json') ? next : `${next}.json`;
    }
    return null;
  }
}

function skipParens(expr: TS.Expression): TS.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
