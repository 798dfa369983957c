/**
 * Small projects on disk for cross-rule and CLI tests: a dict of files written into a
 * `mkdtemp` folder, analysed with `analyzeProject`, and removed after the test file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/analyze.js';
import type { Finding } from '../../src/findings.js';

/** Relative path (with `/`) -> file text. */
export type Files = Record<string, string>;

const created: string[] = [];
// Registered when a test file imports this module: its projects are removed after its tests.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` into a new temporary folder and returns its path. Removed after the test file. */
export function writeProject(files: Files, prefix = 'lambdalint-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeFiles(root, files);
  created.push(root);
  return root;
}

/** Writes (or overwrites) files under `root`, creating folders. */
export function writeFiles(root: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    const absolute = join(root, ...path.split('/'));
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
}

/**
 * Strips the indentation common to all non-blank lines and the first line break, so files can
 * be written indented in the test: `yaml\`\n  a: 1\n\`` is `a: 1\n`.
 */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw = typeof strings === 'string' ? strings : String.raw({ raw: strings }, ...values);
  const lines = raw.replace(/^\r?\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** 1-based number of the one line of `text` that contains `needle`; throws when it is not exactly one. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split(/\r?\n/);
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0];
}

/** Runs the given rules (each at `error`) over a temporary project. */
export async function analyzeFiles(
  files: Files,
  rules: Record<string, { options?: unknown[] } | undefined>,
): Promise<{ root: string; findings: Finding[]; functionCount: number }> {
  const root = writeProject(files);
  const result = await analyzeProject({
    root,
    rules: Object.fromEntries(Object.entries(rules).map(([id, setting]) => [id, { severity: 'error' as const, options: setting?.options }])),
  });
  return { root, findings: result.findings, functionCount: result.functions.length };
}

export interface ExpectedFinding {
  /** Default: the rule under test; `parse-error` for a file that does not parse. */
  ruleId?: string;
  /** Unset for findings without one (`parse-error`). */
  messageId?: string;
  file: string;
  /** The line number, or text that occurs on exactly one line of `file`. */
  line: number | string;
  /** Deploy-config functions the finding names, when the case checks them. */
  functions?: string[];
  /** Substrings the message must contain. */
  messageIncludes?: string[];
  /** The whole message, when the case pins what the rule computes for it. */
  message?: string;
}

export interface CrossRuleCase {
  name: string;
  files: Files;
  options?: unknown[];
}

export interface InvalidCrossRuleCase extends CrossRuleCase {
  errors: ExpectedFinding[];
}

/**
 * typescript-eslint's `ruleTester.run` shape for cross rules: each case is a small project on
 * disk, analysed with only `ruleId` on; valid cases load at least one function and have no
 * findings at all (not even a parse error), invalid ones exactly the listed findings (rule, message id, file, line), in order.
 */
const testName = (c: CrossRuleCase) => c.name;

export function runCrossRuleCases(ruleId: string, cases: { valid: CrossRuleCase[]; invalid: InvalidCrossRuleCase[] }): void {
  const brief = (f: Finding) => ({ ruleId: f.ruleId, messageId: f.messageId, file: f.file, line: f.line });
  describe(ruleId, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(testName(c), async () => {
          const { findings, functionCount } = await analyzeFiles(c.files, { [ruleId]: { options: c.options } });
          expect(findings.map((f) => ({ ...brief(f), message: f.message }))).toEqual([]);
          expect(functionCount, 'functions loaded (none: the rule never ran on this case)').toBeGreaterThan(0);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(testName(c), async () => {
          const { findings } = await analyzeFiles(c.files, { [ruleId]: { options: c.options } });
          const expected = c.errors.map((e) => {
            const text = c.files[e.file];
            if (text === undefined) throw new Error(`case '${c.name}': no file ${e.file}`);
            return { ruleId: e.ruleId ?? ruleId, messageId: e.messageId, file: e.file, line: typeof e.line === 'number' ? e.line : lineOf(text, e.line) };
          });
          expect(findings.map(brief)).toEqual(expected);
          c.errors.forEach((e, i) => {
            if (e.functions) expect(findings[i].functions, `functions of finding ${i}`).toEqual(e.functions);
            for (const part of e.messageIncludes ?? []) expect(findings[i].message).toContain(part);
            if (e.message !== undefined) expect(findings[i].message, `message of finding ${i}`).toBe(e.message);
          });
        });
      }
    });
  });
}

/** A CDK app whose stack constructor runs `body` (indented to sit inside it). */
export const cdkStack = (body: string): Files => ({
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
  'lib/stack.ts': dedent`
    import * as cdk from 'aws-cdk-lib';
    import * as lambda from 'aws-cdk-lib/aws-lambda';
    import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
    import type { Construct } from 'constructs';

    export class Stack extends cdk.Stack {
      constructor(scope: Construct, id: string) {
        super(scope, id);
    ${body}
      }
    }
  `,
});

/** A SAM template with the given lines after the header. */
export const samTemplate = (lines: string[]): string =>
  ["AWSTemplateFormatVersion: '2010-09-09'", 'Transform: AWS::Serverless-2016-10-31', ...lines, ''].join('\n');
