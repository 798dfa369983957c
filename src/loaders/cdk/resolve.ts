/**
 * Static reading of one CDK TypeScript file with the `typescript` compiler
 * API: which aws-cdk-lib export an expression names, constant values in the
 * same file, and simple intra-file data flow (which `new X(...)` a variable,
 * class field, method return value or parameter holds). Nothing is executed
 * and nothing outside the file is read: whatever needs another file, a
 * runtime value or a loop is unknown.
 */
import { ExpansionBudget } from '../expansion-budget.js';
import { posix } from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../../typescript-api.js';
import type { SourceLocation } from '../../model/index.js';
import { evaluateStatic, isHelperFunction, newBudget, NOT_STATIC, type EvalBudget, type EvalContext } from '../ts-eval.js';

/** Bound on nested resolution (variable -> call -> return -> parameter ...). */
const MAX_DEPTH = 24;

/**
 * What one constant evaluation step costs of the file's expansion budget, in characters. Steps
 * cut short by `MAX_DEPTH` build nothing, yet constants re-evaluated at each use multiply them:
 * a 1 KB stack of `+` trees over constants took 1.3 million steps (3 s) without charging a
 * character. At 200 a step, a file gets at most 50,000 (about 0.2 s); the stacks of our corpus
 * take at most 35.
 */
export const EVALUATION_STEP_CHARS = 200;

/** Prefix that stands for the analysis root inside evaluated paths (`__dirname`, `process.cwd()`). */
const ROOT = '/\u0000root';

export type ConstValue =
  | { kind: 'value'; value: string | number | boolean }
  | { kind: 'unknown'; text: string };

export interface Prop {
  key: string;
  /** The property (key) node: where a finding should point. */
  node: TS.Node;
  value: TS.Expression;
}

export interface Props {
  get(key: string): Prop | undefined;
  entries(): Prop[];
  /** A spread or a whole props object that could not be followed: any key may be set there. */
  unknown?: TS.Node;
}

interface ImportBinding {
  /** Canonical module: '' for aws-cdk-lib's root, `aws-lambda`, `aws-lambda-nodejs`, ... */
  module: string;
  /** Imported name; undefined for namespace / default imports. */
  name?: string;
}

/** Every parsed file's reader, so that a node from another file (a construct's props written where it is instantiated) is read by its own file's reader. */
const READERS = new WeakMap<TS.SourceFile, CdkSource>();
/** Bindings in force anywhere: while there are none, no reader is handed another file's nodes. */
let boundParameters = 0;

/** Binds a wrapper constructor's parameters to an instantiation's arguments while `read` runs. */
export function withBindings<T>(src: CdkSource, params: readonly TS.ParameterDeclaration[], args: readonly TS.Expression[] | undefined, read: () => T): T {
  params.forEach((param, i) => src.bindings.set(param, args?.[i] ?? null));
  boundParameters += params.length;
  try {
    return read();
  } finally {
    for (const param of params) src.bindings.delete(param);
    boundParameters -= params.length;
  }
}

export class CdkSource {
  readonly sf: TS.SourceFile;
  /**
   * Constructor parameters of a wrapper construct bound to the arguments of the instantiation
   * being read (`props` -> the object literal at `new MyFunction(this, 'Id', { ... })`), or to
   * null when the argument is absent.
   */
  readonly bindings = new Map<TS.ParameterDeclaration, TS.Expression | null>();
  /** The file's value expansion budget (template literals and string `+` over constants). */
  readonly expansion = new ExpansionBudget();
  readonly checker: TS.TypeChecker;
  readonly syntaxErrors: readonly TS.Diagnostic[];
  private readonly imports = new Map<string, ImportBinding>();
  private assignmentIndex?: Map<TS.Symbol, TS.Expression[]>;
  /** The step budget of the helper evaluation under way, shared by the evaluations it starts. */
  private budget?: EvalBudget;
  private callIndex?: Map<TS.Node, TS.CallExpression[]>;

  constructor(
    readonly file: string,
    text: string,
    /** Directory `Code.fromAsset('x')` and relative `entry` paths are relative to (the CDK app: where cdk.json is). */
    readonly appDir: string,
  ) {
    const fileName = `/${file}`;
    this.sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const options: TS.CompilerOptions = { noLib: true, noResolve: true, types: [], noEmit: true, target: ts.ScriptTarget.ES2022 };
    const host: TS.CompilerHost = {
      getSourceFile: (name) => (name === fileName ? this.sf : undefined),
      getDefaultLibFileName: () => '/lib.d.ts',
      writeFile: () => undefined,
      getCurrentDirectory: () => '/',
      getCanonicalFileName: (name) => name,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (name) => name === fileName,
      readFile: () => undefined,
    };
    const program = ts.createProgram({ rootNames: [fileName], options, host });
    this.checker = program.getTypeChecker();
    this.syntaxErrors = program.getSyntacticDiagnostics(this.sf);
    this.collectImports();
    READERS.set(this.sf, this);
  }

  /** The reader of the file `node` is in: this one, or another file's for bound props. */
  private owner(node: TS.Node): CdkSource {
    if (boundParameters === 0) return this;
    const sf = node.getSourceFile();
    return sf === this.sf ? this : (READERS.get(sf) ?? this);
  }

  loc(node: TS.Node): SourceLocation {
    const owner = this.owner(node);
    if (owner !== this) return owner.loc(node);
    const { line, character } = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    return { file: this.file, line: line + 1, column: character + 1 };
  }

  text(node: TS.Node): string {
    const owner = this.owner(node);
    if (owner !== this) return owner.text(node);
    const t = node.getText(this.sf).replace(/\s+/g, ' ');
    return t.length > 200 ? `${t.slice(0, 197)}...` : t;
  }

  /** Whether the file imports anything from the CDK. */
  get importsCdk(): boolean {
    return this.imports.size > 0;
  }

  // --- imports ------------------------------------------------------------

  private collectImports(): void {
    for (const stmt of this.sf.statements) {
      if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
        const module = canonicalModule(stmt.moduleSpecifier.text);
        const clause = stmt.importClause;
        if (module === undefined || !clause) continue;
        if (clause.name) this.imports.set(clause.name.text, { module });
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) this.imports.set(bindings.name.text, { module });
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) this.imports.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
        }
      } else if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
        const spec = stmt.moduleReference.expression;
        const module = ts.isStringLiteral(spec) ? canonicalModule(spec.text) : undefined;
        if (module !== undefined) this.imports.set(stmt.name.text, { module });
      } else if (ts.isVariableStatement(stmt)) {
        // const lambda = require('aws-cdk-lib/aws-lambda'); const { Duration } = require('aws-cdk-lib');
        for (const decl of stmt.declarationList.declarations) {
          const init = decl.initializer;
          if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
          const arg = init.arguments[0];
          const module = arg && ts.isStringLiteral(arg) ? canonicalModule(arg.text) : undefined;
          if (module === undefined) continue;
          if (ts.isIdentifier(decl.name)) this.imports.set(decl.name.text, { module });
          else if (ts.isObjectBindingPattern(decl.name)) {
            for (const el of decl.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              this.imports.set(el.name.text, { module, name: prop });
            }
          }
        }
      }
    }
  }

  /**
   * The CDK export an expression names, as `module:Path`: `lambda.Function`
   * -> `aws-lambda:Function`, `cdk.aws_lambda_nodejs.NodejsFunction` ->
   * `aws-lambda-nodejs:NodejsFunction`, `Duration.seconds` -> `:Duration.seconds`.
   */
  qualify(expr: TS.Expression): string | undefined {
    const owner = this.owner(expr);
    if (owner !== this) return owner.qualify(expr);
    const path: string[] = [];
    let e: TS.Expression = skipOuter(expr);
    while (ts.isPropertyAccessExpression(e)) {
      path.unshift(e.name.text);
      e = skipOuter(e.expression);
    }
    if (!ts.isIdentifier(e)) return undefined;
    const binding = this.imports.get(e.text);
    if (!binding) return undefined;
    if (this.isShadowed(e)) return undefined;
    let module = binding.module;
    if (binding.name) path.unshift(binding.name);
    // aws-cdk-lib's root re-exports each module as `aws_lambda`, `aws_lambda_nodejs`, ...
    if (module === '' && path[0]?.startsWith('aws_')) module = path.shift()!.replace(/_/g, '-');
    return `${module}:${path.join('.')}`;
  }

  /** A local declaration with the same name as an import (rare, but then the import is not meant). */
  private isShadowed(id: TS.Identifier): boolean {
    const symbol = this.checker.getSymbolAtLocation(id);
    const decl = symbol?.declarations?.[0];
    if (!decl) return false;
    if (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportClause(decl) || ts.isImportEqualsDeclaration(decl)) return false;
    // `const lambda = require('aws-cdk-lib/aws-lambda')` / `const { Duration } = require('aws-cdk-lib')`.
    let varDecl: TS.Node = decl;
    while (ts.isBindingElement(varDecl) || ts.isObjectBindingPattern(varDecl)) varDecl = varDecl.parent;
    if (ts.isVariableDeclaration(varDecl) && varDecl.parent.parent.parent === this.sf) {
      const init = varDecl.initializer;
      return !(init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require');
    }
    return true;
  }

  // --- object literals -------------------------------------------------------

  /** The properties of a props argument: an object literal, a const holding one, with spreads followed. */
  props(expr: TS.Expression | undefined, depth = 0): Props {
    const owner = expr ? this.owner(expr) : this;
    if (owner !== this) return owner.props(expr, depth);
    const map = new Map<string, Prop>();
    let unknown: TS.Node | undefined;
    const visit = (e: TS.Expression, d: number): void => {
      const obj = d > MAX_DEPTH ? undefined : this.objectLiteral(e, d);
      if (!obj) {
        unknown ??= e;
        return;
      }
      for (const p of obj.properties) {
        if (ts.isSpreadAssignment(p)) {
          visit(p.expression, d + 1);
          continue;
        }
        const key = p.name ? propertyName(p.name) : undefined;
        if (key === undefined) continue;
        if (ts.isPropertyAssignment(p)) {
          map.delete(key);
          map.set(key, { key, node: p, value: this.pick(p.initializer) });
        } else if (ts.isShorthandPropertyAssignment(p)) {
          map.delete(key);
          map.set(key, { key, node: p, value: p.name });
        }
      }
    };
    if (expr) visit(expr, depth);
    return { get: (key) => map.get(key), entries: () => [...map.values()], unknown };
  }

  private objectLiteral(expr: TS.Expression, depth: number): TS.ObjectLiteralExpression | undefined {
    const owner = this.owner(expr);
    if (owner !== this) return owner.objectLiteral(expr, depth);
    const e = skipOuter(this.pick(expr));
    if (ts.isObjectLiteralExpression(e)) return e;
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && depth < MAX_DEPTH) {
      const inits = this.initializers(e);
      for (const init of inits) {
        const obj = this.objectLiteral(init, depth + 1);
        if (obj) return obj;
      }
      // `props.environment` where `props` is bound to the object literal of an instantiation.
      if (inits.length === 0 && ts.isPropertyAccessExpression(e)) {
        const member = this.memberOfConstObject(e.expression, e.name.text, depth + 1);
        if (member) return this.objectLiteral(member, depth + 1);
      }
    }
    return undefined;
  }

  /**
   * `a ?? b` / `a || b` where `a` names a prop or constant: `a` when it is set, else `b` (a
   * wrapper construct's `props.memorySize ?? 256`). Other expressions as they are.
   */
  pick(expr: TS.Expression, depth = 0): TS.Expression {
    const e = skipOuter(expr);
    if (!ts.isBinaryExpression(e) || depth > MAX_DEPTH) return expr;
    const op = e.operatorToken.kind;
    if (op !== ts.SyntaxKind.QuestionQuestionToken && op !== ts.SyntaxKind.BarBarToken) return expr;
    const left = skipOuter(e.left);
    if (!ts.isIdentifier(left) && !ts.isPropertyAccessExpression(left)) return expr;
    const owner = this.owner(left);
    if (owner !== this) return owner.pick(expr, depth);
    const inits = this.initializers(left);
    if (inits.length > 0) return inits.length === 1 ? this.pick(inits[0], depth + 1) : expr;
    const member = ts.isPropertyAccessExpression(left) ? this.memberOfConstObject(left.expression, left.name.text, depth + 1) : undefined;
    if (member) return this.pick(member, depth + 1);
    // The prop is not set (or the name is not a constant at all): the fallback applies only when we know it is unset.
    return this.isUnset(left) ? this.pick(e.right, depth + 1) : expr;
  }

  /** `props.x` (or a destructured `x`) of bound props that have no `x` and nothing unknown spread in. */
  private isUnset(expr: TS.Expression): boolean {
    if (ts.isPropertyAccessExpression(expr)) {
      const obj = skipOuter(expr.expression);
      if (!ts.isIdentifier(obj) && !ts.isPropertyAccessExpression(obj)) return false;
      const symbol = this.symbolOf(obj);
      const param = symbol?.declarations?.find((d): d is TS.ParameterDeclaration => ts.isParameter(d));
      if (!param || !this.bindings.has(param)) return false;
      const bound = this.bindings.get(param);
      if (!bound) return true;
      const props = this.props(bound);
      return !props.unknown && !props.get(expr.name.text);
    }
    if (ts.isIdentifier(expr)) {
      const el = this.symbolOf(expr)?.declarations?.find((d): d is TS.BindingElement => ts.isBindingElement(d));
      const bound = el ? this.boundObjectOf(el) : undefined;
      if (bound === undefined) return false;
      if (bound === null) return true;
      const props = this.props(bound);
      const key = el!.propertyName && ts.isIdentifier(el!.propertyName) ? el!.propertyName.text : (el!.name as TS.Identifier).text;
      return !props.unknown && !props.get(key);
    }
    return false;
  }

  /** The object a destructuring element takes its value from: a bound parameter's argument, or a variable's initializer. */
  private boundObjectOf(el: TS.BindingElement): TS.Expression | null | undefined {
    const pattern = el.parent;
    if (!ts.isObjectBindingPattern(pattern)) return undefined;
    const holder = pattern.parent;
    if (ts.isParameter(holder)) return this.bindings.has(holder) ? this.bindings.get(holder)! : undefined;
    if (ts.isVariableDeclaration(holder) && holder.initializer) return holder.initializer;
    return undefined;
  }

  // --- constants ----------------------------------------------------------------

  /** Initializers of a `const` (or readonly field, or never-reassigned `let`) that an identifier / `this.x` names. */
  initializers(expr: TS.Expression): TS.Expression[] {
    const owner = this.owner(expr);
    if (owner !== this) return owner.initializers(expr);
    const symbol = this.symbolOf(expr);
    const out: TS.Expression[] = [];
    for (const decl of symbol?.declarations ?? []) {
      if (ts.isParameter(decl) && this.bindings.has(decl)) {
        const bound = this.bindings.get(decl);
        if (bound) out.push(bound);
        continue;
      }
      if (ts.isBindingElement(decl) && ts.isIdentifier(decl.name)) {
        // `const { entry, memorySize = 256 } = props` / `constructor(scope, id, { entry }: Props)`.
        const from = this.boundObjectOf(decl);
        if (from === undefined) continue;
        const key = decl.propertyName && ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : decl.name.text;
        const member = from ? this.memberOfConstObject(from, key, 1) : undefined;
        if (member) out.push(member);
        else if (decl.initializer && this.isUnset(decl.name)) out.push(decl.initializer);
        continue;
      }
      if (ts.isVariableDeclaration(decl) && decl.initializer) {
        const isConst = (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
        if (isConst || this.assignments(symbol!).length === 0) out.push(decl.initializer);
      } else if (ts.isPropertyDeclaration(decl) && decl.initializer && this.assignments(symbol!).length === 0) {
        out.push(decl.initializer);
      } else if (ts.isPropertyAssignment(decl)) {
        out.push(decl.initializer);
      }
    }
    return out;
  }

  /** A compile-time constant: literals, templates, arithmetic, consts in this file, `path.join(__dirname, ...)`. */
  evaluate(expr: TS.Expression, depth = 0): ConstValue {
    const owner = this.owner(expr);
    if (owner !== this) return owner.evaluate(expr, depth);
    const unknown: ConstValue = { kind: 'unknown', text: this.text(expr) };
    if (depth > MAX_DEPTH) return unknown;
    // Charged before any work (the location only when the budget runs out: it costs a line lookup).
    if (!this.expansion.charge(EVALUATION_STEP_CHARS, 'constant evaluation', () => this.loc(expr))) return unknown;
    const picked = this.pick(expr);
    if (picked !== expr) return this.evaluate(picked, depth + 1);
    const e = skipOuter(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'value', value: e.text };
    if (ts.isNumericLiteral(e)) return { kind: 'value', value: Number(e.text) };
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'value', value: true };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'value', value: false };
    if (ts.isTemplateExpression(e)) {
      let out = e.head.text;
      for (const span of e.templateSpans) {
        const v = this.evaluate(span.expression, depth + 1);
        if (v.kind !== 'value') return unknown;
        const piece = String(v.value) + span.literal.text;
        if (!this.expansion.charge(piece.length, 'template literal', this.loc(e))) return unknown;
        out += piece;
      }
      return { kind: 'value', value: out };
    }
    if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) {
      const v = this.evaluate(e.operand, depth + 1);
      if (v.kind === 'value' && typeof v.value === 'number') return { kind: 'value', value: e.operator === ts.SyntaxKind.MinusToken ? -v.value : v.value };
      return unknown;
    }
    if (ts.isBinaryExpression(e)) {
      const l = this.evaluate(e.left, depth + 1);
      const r = this.evaluate(e.right, depth + 1);
      if (l.kind !== 'value' || r.kind !== 'value') return unknown;
      const a = l.value;
      const b = r.value;
      switch (e.operatorToken.kind) {
        case ts.SyntaxKind.PlusToken:
          if (typeof a === 'number' && typeof b === 'number') return { kind: 'value', value: a + b };
          // Charged before it is built: `const b = a + a` over and over doubles each time.
          if (!this.expansion.charge(String(a).length + String(b).length, 'string +', this.loc(e))) return unknown;
          return { kind: 'value', value: String(a) + String(b) };
        case ts.SyntaxKind.MinusToken:
          return typeof a === 'number' && typeof b === 'number' ? { kind: 'value', value: a - b } : unknown;
        case ts.SyntaxKind.AsteriskToken:
          return typeof a === 'number' && typeof b === 'number' ? { kind: 'value', value: a * b } : unknown;
        case ts.SyntaxKind.SlashToken:
          return typeof a === 'number' && typeof b === 'number' && b !== 0 ? { kind: 'value', value: a / b } : unknown;
        default:
          return unknown;
      }
    }
    if (ts.isIdentifier(e)) {
      if (e.text === '__dirname' && !this.symbolOf(e)) return { kind: 'value', value: posix.join(ROOT, posix.dirname(this.file)) };
      if (e.text === '__filename' && !this.symbolOf(e)) return { kind: 'value', value: posix.join(ROOT, this.file) };
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const inits = ts.isElementAccessExpression(e) ? this.elementInitializers(e, depth) : this.initializers(e);
      if (inits.length === 0 && ts.isPropertyAccessExpression(e)) {
        const member = this.memberOfConstObject(e.expression, e.name.text, depth);
        if (member) return this.evaluate(member, depth + 1);
      }
      if (inits.length === 1) return this.evaluate(inits[0], depth + 1);
      return unknown;
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression.getText(this.sf) : '';
      if (receiver === 'process' && name === 'cwd' && e.arguments.length === 0) return { kind: 'value', value: posix.join(ROOT, this.appDir) };
      if ((name === 'join' || name === 'resolve') && (receiver === 'path' || receiver === '' || receiver === 'posix')) {
        const parts: string[] = [];
        for (const arg of e.arguments) {
          const v = this.evaluate(arg, depth + 1);
          if (v.kind !== 'value' || typeof v.value !== 'string') return unknown;
          parts.push(v.value);
        }
        if (name === 'join') return { kind: 'value', value: posix.join(...parts) };
        let out = posix.join(ROOT, this.appDir);
        for (const p of parts) out = p.startsWith('/') ? posix.normalize(p) : posix.join(out, p);
        return { kind: 'value', value: out };
      }
      // A small helper function of this file (`entryFor('orders')`), evaluated statically.
      if (this.functionDeclarations(callee).some(isHelperFunction)) return this.helperCall(e) ?? unknown;
    }
    return unknown;
  }

  private helperCall(call: TS.CallExpression): ConstValue | undefined {
    const outermost = !this.budget;
    const budget = (this.budget ??= newBudget());
    try {
      const v = evaluateStatic(call, this.evalContext(), budget);
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? { kind: 'value', value: v } : undefined;
    } finally {
      if (outermost) this.budget = undefined;
    }
  }

  private evalContext(): EvalContext {
    return {
      dirname: posix.join(ROOT, posix.dirname(this.file)),
      filename: posix.join(ROOT, this.file),
      cwd: posix.join(ROOT, this.appDir),
      resolveName: (id) => {
        const v = this.evaluate(id);
        return v.kind === 'value' ? v.value : NOT_STATIC;
      },
      resolveFunction: (callee) => {
        const fn = this.functionDeclarations(callee).find(isHelperFunction);
        return fn ? { fn, context: this.evalContext() } : undefined;
      },
    };
  }

  private elementInitializers(e: TS.ElementAccessExpression, depth: number): TS.Expression[] {
    const key = this.evaluate(e.argumentExpression, depth + 1);
    if (key.kind !== 'value') return [];
    const member = this.memberOfConstObject(e.expression, String(key.value), depth);
    return member ? [member] : [];
  }

  /** `CONFIG.timeout` where `const CONFIG = { timeout: 30 }`. */
  private memberOfConstObject(objExpr: TS.Expression, key: string, depth: number): TS.Expression | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const owner = this.owner(objExpr);
    if (owner !== this) return owner.memberOfConstObject(objExpr, key, depth);
    const obj = this.objectLiteral(objExpr, depth + 1);
    const prop = obj ? this.props(obj, depth + 1).get(key) : undefined;
    return prop?.value;
  }

  /** A path as written in `entry` / `Code.fromAsset`, relative to the analysis root. */
  pathValue(expr: TS.Expression): ConstValue {
    const owner = this.owner(expr);
    if (owner !== this) return owner.pathValue(expr);
    const v = this.evaluate(expr);
    if (v.kind !== 'value' || typeof v.value !== 'string') return v.kind === 'unknown' ? v : { kind: 'unknown', text: this.text(expr) };
    return { kind: 'value', value: this.toRootRelative(v.value) };
  }

  toRootRelative(p: string): string {
    if (p === ROOT) return '.';
    if (p.startsWith(`${ROOT}/`)) return p.slice(ROOT.length + 1) || '.';
    if (p.startsWith('/')) return p;
    return posix.normalize(posix.join(this.appDir, p));
  }

  /** Strings built from `__dirname` keep a root marker; make them readable. */
  cleanString(s: string): string {
    return s.split(`${ROOT}/`).join('').split(ROOT).join('.');
  }

  // --- data flow ------------------------------------------------------------------

  symbolOf(expr: TS.Node): TS.Symbol | undefined {
    const owner = this.owner(expr);
    if (owner !== this) return owner.symbolOf(expr);
    try {
      const node = ts.isPropertyAccessExpression(expr) ? expr.name : expr;
      if (ts.isIdentifier(node) && node.parent && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
        return this.checker.getShorthandAssignmentValueSymbol(node.parent);
      }
      return this.checker.getSymbolAtLocation(node);
    } catch {
      return undefined;
    }
  }

  private assignments(symbol: TS.Symbol): TS.Expression[] {
    if (!this.assignmentIndex) {
      const index = new Map<TS.Symbol, TS.Expression[]>();
      const visit = (node: TS.Node): void => {
        // `x = v`, and also `x += v`, `x ??= v`, `x++`, `--x`: each makes `x` a variable, not a constant.
        if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
          const target = this.symbolOf(skipOuter(node.left));
          if (target) index.set(target, [...(index.get(target) ?? []), node.right]);
        } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
          const target = this.symbolOf(skipOuter(node.operand));
          if (target) index.set(target, [...(index.get(target) ?? []), node]);
        }
        ts.forEachChild(node, visit);
      };
      visit(this.sf);
      this.assignmentIndex = index;
    }
    return this.assignmentIndex.get(symbol) ?? [];
  }

  private callsOf(fn: TS.Node): TS.CallExpression[] {
    if (!this.callIndex) {
      const index = new Map<TS.Node, TS.CallExpression[]>();
      const visit = (node: TS.Node): void => {
        if (ts.isCallExpression(node)) {
          for (const decl of this.functionDeclarations(node.expression)) index.set(decl, [...(index.get(decl) ?? []), node]);
        }
        ts.forEachChild(node, visit);
      };
      visit(this.sf);
      this.callIndex = index;
    }
    return this.callIndex.get(fn) ?? [];
  }

  /** Function-like declarations in this file that a callee names (`this.createFn`, `makeFn`, `const f = () => ...`). */
  private functionDeclarations(callee: TS.Expression): TS.SignatureDeclaration[] {
    const symbol = this.symbolOf(skipOuter(callee));
    const out: TS.SignatureDeclaration[] = [];
    for (const decl of symbol?.declarations ?? []) {
      if (ts.isMethodDeclaration(decl) || ts.isFunctionDeclaration(decl)) out.push(decl);
      else if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer) {
        const init = skipOuter(decl.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) out.push(init);
      }
    }
    return out;
  }

  /** Whether a construct is created inside the function a call runs (a factory: each call makes another one). */
  createdByCall(call: TS.CallExpression, construct: TS.Node): boolean {
    const owner = this.owner(call);
    if (owner !== this) return owner.createdByCall(call, construct);
    return this.functionDeclarations(call.expression).some((decl) => construct.getSourceFile() === this.sf && construct.pos >= decl.pos && construct.end <= decl.end);
  }

  /**
   * The `new X(...)` expressions an expression may hold, following variables,
   * class fields (`this.fn = new ...`), method and function return values,
   * parameters of functions called in this file, conditionals, and
   * `fn.currentVersion` / `fn.latestVersion`.
   */
  constructs(expr: TS.Expression | undefined): TS.NewExpression[] {
    const owner = expr ? this.owner(expr) : this;
    if (owner !== this) return owner.constructs(expr);
    const out = new Set<TS.NewExpression>();
    const seen = new Set<TS.Node>();
    const visit = (node: TS.Expression, depth: number): void => {
      const e = skipOuter(node);
      if (depth > MAX_DEPTH || seen.has(e)) return;
      seen.add(e);
      if (ts.isNewExpression(e)) {
        out.add(e);
        return;
      }
      if (ts.isConditionalExpression(e)) {
        visit(e.whenTrue, depth + 1);
        visit(e.whenFalse, depth + 1);
        return;
      }
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
        visit(e.left, depth + 1);
        visit(e.right, depth + 1);
        return;
      }
      if (ts.isCallExpression(e)) {
        for (const decl of this.functionDeclarations(e.expression)) for (const ret of returnExpressions(decl)) visit(ret, depth + 1);
        return;
      }
      if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return;
      const symbol = this.symbolOf(e);
      for (const decl of symbol?.declarations ?? []) {
        if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer) visit(decl.initializer, depth + 1);
        if (ts.isParameter(decl)) {
          const fn = decl.parent;
          const index = fn.parameters.indexOf(decl);
          if (ts.isParameterPropertyDeclaration(decl, fn)) continue;
          for (const call of this.callsOf(fn)) {
            const arg = call.arguments[index];
            if (arg) visit(arg, depth + 1);
          }
        }
        if (ts.isPropertyAssignment(decl)) visit(decl.initializer, depth + 1);
      }
      if (symbol) for (const assigned of this.assignments(symbol)) visit(assigned, depth + 1);
      if (ts.isPropertyAccessExpression(e) && (e.name.text === 'currentVersion' || e.name.text === 'latestVersion')) visit(e.expression, depth + 1);
    };
    if (expr) visit(expr, 0);
    return [...out];
  }
}

/** Parentheses, `as`, `!`, `satisfies`, `<T>x`. */
export function skipOuter(expr: TS.Expression): TS.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

function propertyName(name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** `return` expressions of a function (not of functions nested in it); an arrow's expression body. */
function returnExpressions(fn: TS.SignatureDeclaration): TS.Expression[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return [];
  const out: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/**
 * `aws-cdk-lib` -> '', `aws-cdk-lib/aws-lambda` -> 'aws-lambda',
 * `@aws-cdk/aws-lambda` (v1) -> 'aws-lambda', `@aws-cdk/core` -> '',
 * `@aws-cdk/aws-lambda-python-alpha` -> 'aws-lambda-python'; undefined for
 * modules that are not the CDK.
 */
export function canonicalModule(spec: string): string | undefined {
  if (spec === 'aws-cdk-lib' || spec === '@aws-cdk/core' || spec === 'aws-cdk-lib/core') return '';
  const m = /^(?:aws-cdk-lib\/|@aws-cdk\/)([a-z0-9-]+?)(?:-alpha)?$/.exec(spec);
  return m ? m[1] : undefined;
}
