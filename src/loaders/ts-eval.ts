/**
 * A tiny evaluator over the TypeScript AST for the string helpers deploy configs use to compute
 * handler and asset paths (`handlerPath(__dirname)` of the aws-nodejs-typescript template,
 * `path.join(__dirname, '../lambda', name)`): literals, template literals, `+`, `??`, `||`,
 * conditionals, string and array methods without side effects, `path.*`, `__dirname`,
 * `process.cwd()`, and calls of small helper functions (an expression body, or `const`s and one
 * `return`). Nothing of the project runs: anything else is `NOT_STATIC`. Every evaluation has a
 * step budget, so recursion or a long loop of calls ends as `NOT_STATIC`, never as a hang.
 */
import { posix } from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript-api.js';

export type StaticValue = string | number | boolean | null | undefined | RegExp | StaticValue[];

export const NOT_STATIC: unique symbol = Symbol('not static');
export type Evaluated = StaticValue | typeof NOT_STATIC;

export type HelperFunction = TS.ArrowFunction | TS.FunctionExpression | TS.FunctionDeclaration | TS.MethodDeclaration;

/** What the evaluator asks of the loader: names and functions outside the helper being evaluated. */
export interface EvalContext {
  /** The value of a name the evaluated code does not bind itself (a `const`, an import), or NOT_STATIC. */
  resolveName(id: TS.Identifier, budget: EvalBudget): Evaluated;
  /** The helper a callee names and the context its body is read in (another file for an import). */
  resolveFunction(callee: TS.Expression): { fn: HelperFunction; context: EvalContext } | undefined;
  /** Absolute directory of the file (`__dirname`) and the process's working directory (`process.cwd()`). */
  dirname: string;
  filename: string;
  cwd: string;
}

export interface EvalBudget {
  steps: number;
  calls: number;
}

/** Steps (expressions visited) per evaluation and nesting of helper calls: far above what a path helper needs. */
export const EVAL_STEPS = 5_000;
const MAX_CALL_DEPTH = 12;
/** Regular expressions run only on short inputs and only when their pattern cannot backtrack badly. */
const MAX_REGEX_INPUT = 2_000;

export function newBudget(): EvalBudget {
  return { steps: EVAL_STEPS, calls: 0 };
}

/** The value of `expr`, or NOT_STATIC. `locals` are the helper's parameters and `const`s. */
export function evaluateStatic(expr: TS.Expression, context: EvalContext, budget: EvalBudget = newBudget(), locals?: ReadonlyMap<string, StaticValue>): Evaluated {
  return new Evaluator(context, budget, locals ?? new Map(), 0).eval(expr);
}

export function isHelperFunction(node: TS.Node | undefined): node is HelperFunction {
  return !!node && (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node));
}

class Evaluator {
  constructor(
    private readonly context: EvalContext,
    private readonly budget: EvalBudget,
    private readonly locals: ReadonlyMap<string, StaticValue>,
    private readonly depth: number,
  ) {}

  eval(node: TS.Expression): Evaluated {
    if (--this.budget.steps < 0) return NOT_STATIC;
    const e = skipTypes(node);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (ts.isRegularExpressionLiteral(e)) return regexOf(e.text);
    switch (e.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return true;
      case ts.SyntaxKind.FalseKeyword:
        return false;
      case ts.SyntaxKind.NullKeyword:
        return null;
      default:
        break;
    }
    if (ts.isTemplateExpression(e)) {
      let out = e.head.text;
      for (const span of e.templateSpans) {
        const v = this.eval(span.expression);
        if (v === NOT_STATIC || v instanceof RegExp || Array.isArray(v)) return NOT_STATIC;
        out += String(v) + span.literal.text;
      }
      return out;
    }
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isArrayLiteralExpression(e)) {
      const items: StaticValue[] = [];
      for (const el of e.elements) {
        const v = ts.isSpreadElement(el) ? this.eval(el.expression) : this.eval(el);
        if (v === NOT_STATIC) return NOT_STATIC;
        if (ts.isSpreadElement(el)) {
          if (!Array.isArray(v)) return NOT_STATIC;
          items.push(...v);
        } else items.push(v);
      }
      return items;
    }
    if (ts.isPrefixUnaryExpression(e)) {
      const v = this.eval(e.operand);
      if (v === NOT_STATIC) return NOT_STATIC;
      if (e.operator === ts.SyntaxKind.ExclamationToken) return !v;
      if (typeof v !== 'number') return NOT_STATIC;
      if (e.operator === ts.SyntaxKind.MinusToken) return -v;
      if (e.operator === ts.SyntaxKind.PlusToken) return v;
      return NOT_STATIC;
    }
    if (ts.isBinaryExpression(e)) return this.binary(e);
    if (ts.isConditionalExpression(e)) {
      const test = this.eval(e.condition);
      if (test === NOT_STATIC) return NOT_STATIC;
      return this.eval(test ? e.whenTrue : e.whenFalse);
    }
    if (ts.isPropertyAccessExpression(e)) return this.member(e);
    if (ts.isElementAccessExpression(e)) {
      const target = this.eval(e.expression);
      const key = this.eval(e.argumentExpression);
      if (target === NOT_STATIC || key === NOT_STATIC) return NOT_STATIC;
      if ((Array.isArray(target) || typeof target === 'string') && typeof key === 'number') return Number.isInteger(key) && key >= 0 ? target[key] : undefined;
      if (key === 'length' && (Array.isArray(target) || typeof target === 'string')) return target.length;
      return NOT_STATIC;
    }
    if (ts.isCallExpression(e)) return this.call(e);
    return NOT_STATIC;
  }

  private identifier(e: TS.Identifier): Evaluated {
    if (this.locals.has(e.text)) return this.locals.get(e.text);
    if (e.text === 'undefined') return undefined;
    if (e.text === '__dirname') return this.context.dirname;
    if (e.text === '__filename') return this.context.filename;
    return this.context.resolveName(e, this.budget);
  }

  private binary(e: TS.BinaryExpression): Evaluated {
    const op = e.operatorToken.kind;
    const left = this.eval(e.left);
    if (left === NOT_STATIC) return NOT_STATIC;
    if (op === ts.SyntaxKind.QuestionQuestionToken) return left ?? this.eval(e.right);
    if (op === ts.SyntaxKind.BarBarToken) return left || this.eval(e.right);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return left && this.eval(e.right);
    const right = this.eval(e.right);
    if (right === NOT_STATIC || left instanceof RegExp || right instanceof RegExp || Array.isArray(left) || Array.isArray(right)) return NOT_STATIC;
    switch (op) {
      case ts.SyntaxKind.PlusToken:
        return typeof left === 'number' && typeof right === 'number' ? left + right : String(left) + String(right);
      case ts.SyntaxKind.MinusToken:
        return typeof left === 'number' && typeof right === 'number' ? left - right : NOT_STATIC;
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
        return left === right;
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
        return left !== right;
      default:
        return NOT_STATIC;
    }
  }

  private member(e: TS.PropertyAccessExpression): Evaluated {
    const name = e.name.text;
    const receiver = skipTypes(e.expression);
    if (ts.isIdentifier(receiver) && !this.locals.has(receiver.text)) {
      if (isPathModule(receiver.text) && name === 'sep') return '/';
    }
    const target = this.eval(e.expression);
    if (target === NOT_STATIC) return NOT_STATIC;
    if (name === 'length' && (typeof target === 'string' || Array.isArray(target))) return target.length;
    if ((target === undefined || target === null) && e.questionDotToken) return undefined;
    return NOT_STATIC;
  }

  private call(e: TS.CallExpression): Evaluated {
    const callee = skipTypes(e.expression);
    const args: StaticValue[] = [];
    for (const arg of e.arguments) {
      if (ts.isSpreadElement(arg)) return NOT_STATIC;
      const v = this.eval(arg);
      if (v === NOT_STATIC) return NOT_STATIC;
      args.push(v);
    }
    // A helper named by an identifier or a method of the class (`this.entryFor('orders')`).
    const named = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword);
    const helper = named ? this.context.resolveFunction(callee) : undefined;
    if (helper) {
      if (this.depth >= MAX_CALL_DEPTH || ++this.budget.calls > EVAL_STEPS) return NOT_STATIC;
      return invoke(helper.fn, args, helper.context, this.budget, this.depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = skipTypes(callee.expression);
      if (ts.isIdentifier(receiver) && !this.locals.has(receiver.text)) {
        if (receiver.text === 'process' && method === 'cwd' && args.length === 0) return this.context.cwd;
        if (isPathModule(receiver.text)) return pathCall(method, args, this.context.cwd);
      }
      // `path.posix.join(...)`.
      if (ts.isPropertyAccessExpression(receiver) && ts.isIdentifier(receiver.expression) && isPathModule(receiver.expression.text) && receiver.name.text === 'posix') {
        return pathCall(method, args, this.context.cwd);
      }
      const target = this.eval(callee.expression);
      if (target === NOT_STATIC) return NOT_STATIC;
      if ((target === undefined || target === null) && callee.questionDotToken) return undefined;
      if (typeof target === 'string') return stringMethod(target, method, args);
      if (Array.isArray(target)) return arrayMethod(target, method, args);
      return NOT_STATIC;
    }
    return NOT_STATIC;
  }
}

/** Runs a helper's body: parameters bound to `args`, then `const`s, then the one `return`. */
function invoke(fn: HelperFunction, args: StaticValue[], context: EvalContext, budget: EvalBudget, depth: number): Evaluated {
  if (fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return NOT_STATIC;
  const locals = new Map<string, StaticValue>();
  const evaluator = (): Evaluator => new Evaluator(context, budget, locals, depth);
  for (const [i, param] of fn.parameters.entries()) {
    if (!ts.isIdentifier(param.name) || param.dotDotDotToken) return NOT_STATIC;
    let value = args[i];
    if (value === undefined && param.initializer) {
      const v = evaluator().eval(param.initializer);
      if (v === NOT_STATIC) return NOT_STATIC;
      value = v;
    }
    locals.set(param.name.text, value);
  }
  const body = fn.body;
  if (!body) return NOT_STATIC;
  if (!ts.isBlock(body)) return evaluator().eval(body);
  for (const statement of body.statements) {
    if (ts.isReturnStatement(statement)) return statement.expression ? evaluator().eval(statement.expression) : undefined;
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) return NOT_STATIC;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) return NOT_STATIC;
      const v = evaluator().eval(decl.initializer);
      if (v === NOT_STATIC) return NOT_STATIC;
      locals.set(decl.name.text, v);
    }
  }
  return NOT_STATIC;
}

function skipTypes(expr: TS.Expression): TS.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function isPathModule(name: string): boolean {
  return name === 'path' || name === 'posix' || name === 'nodePath';
}

function strings(args: StaticValue[]): string[] | undefined {
  return args.every((a): a is string => typeof a === 'string') ? args : undefined;
}

/** `path.*` with POSIX semantics (the analysis works on `/`-separated paths). */
function pathCall(method: string, args: StaticValue[], cwd: string): Evaluated {
  const s = strings(args);
  if (!s) return NOT_STATIC;
  switch (method) {
    case 'join':
      return posix.join(...s);
    case 'resolve':
      return s.reduce((acc, p) => (p.startsWith('/') ? posix.normalize(p) : posix.join(acc, p)), cwd);
    case 'dirname':
      return s.length === 1 ? posix.dirname(s[0]) : NOT_STATIC;
    case 'basename':
      return s.length >= 1 && s.length <= 2 ? posix.basename(s[0], s[1]) : NOT_STATIC;
    case 'extname':
      return s.length === 1 ? posix.extname(s[0]) : NOT_STATIC;
    case 'normalize':
      return s.length === 1 ? posix.normalize(s[0]) : NOT_STATIC;
    case 'relative':
      return s.length === 2 ? posix.relative(s[0], s[1]) : NOT_STATIC;
    default:
      return NOT_STATIC;
  }
}

const int = (v: StaticValue): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : v === undefined ? undefined : NaN);

function stringMethod(s: string, method: string, args: StaticValue[]): Evaluated {
  const [a, b] = args;
  switch (method) {
    case 'split': {
      if (a instanceof RegExp) return s.length <= MAX_REGEX_INPUT ? s.split(a) : NOT_STATIC;
      return typeof a === 'string' ? s.split(a) : NOT_STATIC;
    }
    case 'substring':
    case 'slice':
    case 'substr': {
      const from = int(a);
      const to = int(b);
      if (Number.isNaN(from) || Number.isNaN(to)) return NOT_STATIC;
      return method === 'substring' ? s.substring(from ?? 0, to) : method === 'slice' ? s.slice(from, to) : s.substr(from ?? 0, to);
    }
    case 'replace':
    case 'replaceAll': {
      if (typeof b !== 'string') return NOT_STATIC;
      if (typeof a === 'string') return method === 'replace' ? s.replace(a, () => b) : s.split(a).join(b);
      if (a instanceof RegExp && s.length <= MAX_REGEX_INPUT && !b.includes('$')) {
        if (method === 'replaceAll' && !a.global) return NOT_STATIC;
        return s.replace(a, b);
      }
      return NOT_STATIC;
    }
    case 'concat':
      return strings(args) ? s.concat(...(args as string[])) : NOT_STATIC;
    case 'toLowerCase':
      return s.toLowerCase();
    case 'toUpperCase':
      return s.toUpperCase();
    case 'trim':
      return s.trim();
    case 'startsWith':
    case 'endsWith':
    case 'includes':
      return typeof a === 'string' ? s[method](a) : NOT_STATIC;
    case 'toString':
      return s;
    default:
      return NOT_STATIC;
  }
}

function arrayMethod(list: StaticValue[], method: string, args: StaticValue[]): Evaluated {
  const [a, b] = args;
  switch (method) {
    case 'join':
      return a === undefined || typeof a === 'string' ? list.map((v) => (v === null || v === undefined ? '' : String(v))).join(a ?? ',') : NOT_STATIC;
    case 'slice': {
      const from = int(a);
      const to = int(b);
      return Number.isNaN(from) || Number.isNaN(to) ? NOT_STATIC : list.slice(from, to);
    }
    case 'concat':
      return list.concat(...args);
    case 'at':
      return typeof a === 'number' ? list.at(a) : NOT_STATIC;
    default:
      return NOT_STATIC;
  }
}

/**
 * A regular expression literal, when running it cannot take long: a short pattern without
 * backreferences, lookarounds or a quantified group (the shapes of catastrophic backtracking).
 */
function regexOf(literal: string): RegExp | typeof NOT_STATIC {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(literal);
  if (!m || m[1].length > 64 || /\\[1-9]|\(\?[=!<]|\)[*+?{]/.test(m[1]) || /[^gimsu]/.test(m[2])) return NOT_STATIC;
  try {
    return new RegExp(m[1], m[2]);
  } catch {
    return NOT_STATIC;
  }
}
