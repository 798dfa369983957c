import type { LoadDiagnostic, SourceLocation } from '../model/index.js';

/**
 * Characters that value expansion may build per loaded file (a serverless config with its
 * includes, a template, a CDK stack, a Terraform module): 4 KB of `${self:...}` repeating each
 * other ten times per level, or nested `!Sub` over a long default, would otherwise build
 * gigabytes. Real configs expand to a few times their own size. Documented in README ("Limits").
 */
export const EXPANSION_BUDGET_CHARS = 10_000_000;

/** What one evaluation step costs at least, so that expansions building empty strings stay bounded in time too. */
const MIN_CHARGE = 10;

/**
 * One character budget shared by every value expansion of one file (serverless variables,
 * `Fn::Sub`, `Fn::Join`, CDK template literals and string `+`, Terraform interpolation). Each
 * expansion charges what it is about to build; once the budget is spent, values become unknown
 * (a `Reference`) and the file gets one warning naming the budget.
 */
export class ExpansionBudget {
  private used = 0;
  /** The first expansion refused, when one was. */
  exhausted: { what: string; loc: SourceLocation } | undefined;

  constructor(readonly limit = EXPANSION_BUDGET_CHARS) {}

  /**
   * Charges `chars` for an expansion by `what` at `loc` (or a function giving it, called only when
   * the budget runs out); false when the budget is spent (treat the value as unknown).
   */
  charge(chars: number, what: string, loc: SourceLocation | (() => SourceLocation)): boolean {
    if (this.exhausted) return false;
    this.used += Math.max(MIN_CHARGE, chars);
    if (this.used <= this.limit) return true;
    this.exhausted = { what, loc: typeof loc === 'function' ? loc() : loc };
    return false;
  }

  /** The warning for the file, when the budget was hit. */
  diagnostic(): LoadDiagnostic | undefined {
    if (!this.exhausted) return undefined;
    const { what, loc } = this.exhausted;
    return {
      ruleId: 'parse-error',
      severity: 'warning',
      message: `Value expansion (${what}) passed this file's budget of ${this.limit.toLocaleString('en-US')} characters: values built past it are unknown to the rules`,
      loc: { file: loc.file, line: loc.line, column: loc.column },
    };
  }
}
