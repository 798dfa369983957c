import { describe, expect, it } from 'vitest';
import { findRuntime, formatRuntimeDate, RUNTIME_TABLE, RUNTIMES, runtimeStatus } from '../src/runtimes.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('runtimes table', () => {
  it('has unique, lower-case identifiers', () => {
    const ids = RUNTIMES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBe(id.toLowerCase());
  });

  it('covers every runtime family', () => {
    const ids = new Set(RUNTIMES.map((r) => r.id));
    for (const id of ['nodejs24.x', 'nodejs22.x', 'nodejs20.x', 'nodejs18.x', 'python3.14', 'python3.9', 'java25', 'java21', 'java17', 'java11', 'java8.al2', 'java8', 'dotnet8', 'dotnet6', 'ruby3.4', 'ruby3.2', 'go1.x', 'provided', 'provided.al2', 'provided.al2023']) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('has valid, ordered dates', () => {
    for (const r of RUNTIMES) {
      for (const d of [r.deprecated, r.blockCreate, r.blockUpdate]) {
        if (d !== undefined) {
          expect(d, r.id).toMatch(ISO);
          expect(Number.isNaN(Date.parse(d)), r.id).toBe(false);
        }
      }
      if (r.blockCreate && r.blockUpdate) expect(r.blockCreate <= r.blockUpdate, r.id).toBe(true);
      // Deprecation can come after the blocks (nodejs4.3-edge was blocked in 2019, deprecated in 2020).
    }
  });

  it('points every replacement at the newest runtime of a family', () => {
    for (const r of RUNTIMES) {
      if (!r.replacement) continue;
      const replacement = findRuntime(r.replacement);
      expect(replacement, `${r.id} -> ${r.replacement}`).toBeDefined();
      expect(replacement!.replacement, r.replacement).toBeUndefined();
    }
  });

  it('records its source, the check date and the nodejs20.x conflict', () => {
    expect(RUNTIME_TABLE.source).toBe('https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html');
    expect(RUNTIME_TABLE.checked).toMatch(ISO);
    const node20 = findRuntime('nodejs20.x')!;
    expect(node20).toMatchObject({ deprecated: '2026-04-30', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: 'nodejs24.x' });
    expect(node20.note).toMatch(/Jun 1/);
    expect(node20.note).toMatch(/Aug 31/);
  });
});

describe('findRuntime', () => {
  it('ignores case and surrounding space', () => {
    expect(findRuntime(' Python3.12 ')?.id).toBe('python3.12');
  });
  it('returns undefined for unknown identifiers', () => {
    expect(findRuntime('nodejs99.x')).toBeUndefined();
    expect(findRuntime('')).toBeUndefined();
  });
});

describe('runtimeStatus', () => {
  const node22 = findRuntime('nodejs22.x')!; // deprecated 2027-04-30, create 2027-06-01, update 2027-07-01
  const at = (iso: string) => new Date(iso);

  it('is supported more than 90 days before deprecation', () => {
    expect(runtimeStatus(node22, at('2027-01-29T23:59:59Z')).stage).toBe('supported');
  });
  it('is deprecation-soon within 90 days', () => {
    expect(runtimeStatus(node22, at('2027-01-30T00:00:00Z'))).toEqual({ stage: 'deprecation-soon', daysUntilDeprecation: 90 });
    expect(runtimeStatus(node22, at('2027-04-29T23:59:59Z')).stage).toBe('deprecation-soon');
  });
  it('is deprecated from midnight UTC of the deprecation day', () => {
    expect(runtimeStatus(node22, at('2027-04-30T00:00:00Z')).stage).toBe('deprecated');
  });
  it('is create-blocked, then update-blocked', () => {
    expect(runtimeStatus(node22, at('2027-06-01T00:00:00Z')).stage).toBe('create-blocked');
    expect(runtimeStatus(node22, at('2027-07-01T00:00:00Z')).stage).toBe('update-blocked');
  });
  it('honours a custom notice window', () => {
    expect(runtimeStatus(node22, at('2027-03-01T00:00:00Z'), 30).stage).toBe('supported');
  });
  it('never reports a runtime without dates', () => {
    expect(runtimeStatus({ id: 'x', name: 'x' }, at('2030-01-01T00:00:00Z')).stage).toBe('supported');
  });
});

describe('formatRuntimeDate', () => {
  it('uses the AWS page format', () => {
    expect(formatRuntimeDate('2027-02-01')).toBe('Feb 1, 2027');
    expect(formatRuntimeDate('2026-12-31')).toBe('Dec 31, 2026');
  });
});
