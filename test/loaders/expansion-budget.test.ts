// The one character budget shared by every value expansion of a loaded file.
import { describe, expect, it } from 'vitest';
import { EXPANSION_BUDGET_CHARS, ExpansionBudget } from '../../src/loaders/expansion-budget.js';

const loc = { file: 'serverless.yml', line: 4, column: 7 };

describe('ExpansionBudget', () => {
  it('is 10,000,000 characters unless told', () => {
    expect(EXPANSION_BUDGET_CHARS).toBe(10_000_000);
    expect(new ExpansionBudget().limit).toBe(10_000_000);
    expect(new ExpansionBudget(25).limit).toBe(25);
  });

  it('spending exactly the limit is allowed; one character more is refused and remembered', () => {
    const budget = new ExpansionBudget(25);
    expect(budget.charge(15, 'Fn::Sub', loc)).toBe(true);
    expect(budget.charge(10, 'Fn::Sub', loc)).toBe(true);
    expect(budget.exhausted).toBeUndefined();
    expect(budget.diagnostic()).toBeUndefined();
    expect(budget.charge(1, 'Fn::Join', { file: 'serverless.yml', line: 9, column: 3 })).toBe(false);
    expect(budget.exhausted).toEqual({ what: 'Fn::Join', loc: { file: 'serverless.yml', line: 9, column: 3 } });
  });

  it('each charge costs at least 10 characters, so empty expansions stay bounded', () => {
    const budget = new ExpansionBudget(20);
    expect(budget.charge(0, 'a', loc)).toBe(true);
    expect(budget.charge(3, 'b', loc)).toBe(true);
    expect(budget.charge(0, 'c', loc)).toBe(false);
    expect(budget.exhausted?.what).toBe('c');
  });

  it('once spent, every later charge is refused and the first refusal is kept', () => {
    const budget = new ExpansionBudget(10);
    expect(budget.charge(11, 'first', loc)).toBe(false);
    // A charge that would have fitted an unspent budget is refused too.
    expect(budget.charge(0, 'second', { file: 'other.yml', line: 1, column: 1 })).toBe(false);
    expect(budget.exhausted).toEqual({ what: 'first', loc });
  });

  it('a location given as a function is computed only when the budget runs out', () => {
    const budget = new ExpansionBudget(10);
    let calls = 0;
    const where = () => {
      calls++;
      return loc;
    };
    expect(budget.charge(10, 'Terraform interpolation', where)).toBe(true);
    expect(calls).toBe(0);
    expect(budget.charge(10, 'Terraform interpolation', where)).toBe(false);
    expect(calls).toBe(1);
    expect(budget.exhausted).toEqual({ what: 'Terraform interpolation', loc });
  });

  it('the file gets one warning naming the expansion and the limit', () => {
    const budget = new ExpansionBudget(1_234_567);
    budget.charge(2_000_000, 'CDK template literal', { file: 'lib/stack.ts', line: 12, column: 5 });
    expect(budget.diagnostic()).toEqual({
      ruleId: 'parse-error',
      severity: 'warning',
      message: "Value expansion (CDK template literal) passed this file's budget of 1,234,567 characters: values built past it are unknown to the rules",
      loc: { file: 'lib/stack.ts', line: 12, column: 5 },
    });
  });
});
