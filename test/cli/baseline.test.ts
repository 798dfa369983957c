import { describe, expect, it } from 'vitest';
import { filterNew, fingerprintFindings, readBaseline, writeBaseline } from '../../src/cli/baseline.js';
import { UsageError } from '../../src/cli/errors.js';
import type { Finding } from '../../src/findings.js';

const FILE = 'src/handler.ts';

const SOURCE = [
  "import AWS from 'aws-sdk';",
  'const table = process.env.TABLE;',
  'export const handler = async () => table;',
].join('\n');

function finding(line: number, overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'no-aws-sdk-v2', severity: 'error', message: "Use v3 instead of 'aws-sdk'.", file: FILE, line, column: 17, ...overrides };
}

const envFinding = (line: number, column = 15): Finding =>
  finding(line, { ruleId: 'undefined-env-var', message: 'TABLE is not defined on the function.', column });

describe('fingerprints', () => {
  it('survive lines added above the finding', () => {
    const before = writeBaseline([finding(1), envFinding(2)], { [FILE]: SOURCE });
    const shifted = `// a new header comment\n\n${SOURCE}`;
    const baseline = readBaseline(before);
    expect(filterNew([finding(3), envFinding(4)], baseline, { [FILE]: shifted })).toEqual([]);
  });

  it('survive re-indentation and CRLF line ends', () => {
    const baseline = readBaseline(writeBaseline([envFinding(2)], { [FILE]: SOURCE }));
    const reformatted = SOURCE.split('\n').map((l) => `    ${l}`).join('\r\n');
    expect(filterNew([envFinding(2, 19)], baseline, new Map([[FILE, reformatted]]))).toEqual([]);
  });

  it('change when the line itself is edited: the finding is new', () => {
    const baseline = readBaseline(writeBaseline([finding(1), envFinding(2)], { [FILE]: SOURCE }));
    const edited = SOURCE.replace('const table = process.env.TABLE;', 'const table = process.env.TABLE_NAME;');
    const moved = envFinding(2);
    expect(filterNew([finding(1), moved], baseline, { [FILE]: edited })).toEqual([moved]);
  });

  it('depend on rule and file, not on the message or the line number', () => {
    const [a] = fingerprintFindings([finding(1)], { [FILE]: SOURCE });
    const [sameLineOtherRule] = fingerprintFindings([finding(1, { ruleId: 'other-rule' })], { [FILE]: SOURCE });
    const [otherFile] = fingerprintFindings([finding(1, { file: 'src/other.ts' })], { 'src/other.ts': SOURCE });
    const [reworded] = fingerprintFindings([finding(1, { message: 'Reworded.' })], { [FILE]: SOURCE });
    expect(new Set([a, sameLineOtherRule, otherFile]).size).toBe(3);
    expect(reworded).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tell identical lines apart by occurrence, independent of input order', () => {
    const source = ['const a = process.env.X;', 'const a = process.env.X;', 'const a = process.env.X;'].join('\n');
    const three = [envFinding(1), envFinding(2), envFinding(3)];
    const prints = fingerprintFindings(three, { [FILE]: source });
    expect(new Set(prints).size).toBe(3);
    expect(fingerprintFindings([...three].reverse(), { [FILE]: source })).toEqual([...prints].reverse());

    const baseline = readBaseline(writeBaseline(three, { [FILE]: source }));
    // Fixing one of the three leaves two recorded ones...
    const two = source.split('\n').slice(1).join('\n');
    expect(filterNew([envFinding(1), envFinding(2)], baseline, { [FILE]: two })).toEqual([]);
    // ...and a fourth copy of the line is one new finding.
    const four = `${source}\nconst a = process.env.X;`;
    const fourFindings = [envFinding(1), envFinding(2), envFinding(3), envFinding(4)];
    expect(filterNew(fourFindings, baseline, { [FILE]: four })).toEqual([envFinding(4)]);
  });

  it('fall back to the message when the file text is not available', () => {
    const baseline = readBaseline(writeBaseline([finding(1)], {}));
    expect(filterNew([finding(7)], baseline, new Map())).toEqual([]);
    expect(filterNew([finding(1, { message: 'Other.' })], baseline, new Map())).toHaveLength(1);
  });
});

describe('baseline file', () => {
  it('is sorted, versioned JSON without line numbers or messages', () => {
    const other: Finding = { ruleId: 'no-max-timeout', severity: 'warning', message: 'm', file: 'serverless.yml', line: 5, column: 3 };
    const text = writeBaseline([envFinding(2), finding(1), other], { [FILE]: SOURCE, 'serverless.yml': 'a\nb\nc\nd\n  timeout: 900\n' });
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed.version).toBe(1);
    expect(parsed.tool).toBe('lambdalint');
    expect(parsed.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toEqual([
      'serverless.yml no-max-timeout',
      'src/handler.ts no-aws-sdk-v2',
      'src/handler.ts undefined-env-var',
    ]);
    expect(Object.keys(parsed.findings[0])).toEqual(['file', 'ruleId', 'fingerprint']);
    expect(writeBaseline([other, finding(1), envFinding(2)], { [FILE]: SOURCE, 'serverless.yml': 'a\nb\nc\nd\n  timeout: 900\n' })).toBe(text);
  });

  it('round-trips through readBaseline', () => {
    const text = writeBaseline([finding(1), envFinding(2)], { [FILE]: SOURCE });
    const baseline = readBaseline(text);
    expect(baseline.entries).toHaveLength(2);
    expect([...baseline.fingerprints].sort()).toEqual(fingerprintFindings([finding(1), envFinding(2)], { [FILE]: SOURCE }).sort());
  });

  it.each([
    ['invalid JSON', '{"version": 1,', 'b.json:1:15: invalid JSON: unexpected end of file, expected a "quoted" property name'],
    ['not an object', '[]', 'b.json:1:1: not a lambdalint baseline (expected a JSON object with "version" and "findings"); rewrite it with --baseline-write'],
    ['no version', '{"findings": []}', 'b.json:1:1: unsupported baseline version (missing) (expected 1); rewrite it with --baseline-write'],
    ['newer version', '{"version": 2, "findings": []}', 'b.json:1:13: baseline version 2 is newer than this lambdalint reads (1); update lambdalint or rewrite it with --baseline-write'],
    ['findings not an array', '{"version": 1, "findings": {}}', 'b.json:1:28: "findings" must be an array; rewrite it with --baseline-write'],
    ['entry without fingerprint', '{"version": 1, "findings": [\n  {"file": "a", "ruleId": "r"}]}', 'b.json:2:3: findings[0] needs a string "fingerprint"; rewrite it with --baseline-write'],
    ['bad fingerprint', '{"version": 1, "findings": [{"file": "a", "ruleId": "r", "fingerprint": "abc"}]}', 'b.json:1:73: findings[0].fingerprint is not a lambdalint fingerprint (64 hex digits); rewrite it with --baseline-write'],
  ])('malformed: %s is a usage error', (_name, text, message) => {
    expect(() => readBaseline(text, 'b.json')).toThrow(UsageError);
    expect(() => readBaseline(text, 'b.json')).toThrow(message);
  });
});
