/**
 * Small builders for deploy-config model objects in tests: every value gets a location,
 * defaults look like the loaders' defaults (AWS value, `isDefault`, located at the definition).
 */
import { describe, expect, it } from 'vitest';
import { runConfigRules } from '../../src/config-rules/run.js';
import { allRuleSummaries } from '../../src/rule-settings.js';
import { applySuppressions } from '../../src/suppressions.js';
import type { ConfigRule } from '../../src/config-rules/types.js';
import type { Finding } from '../../src/findings.js';
import {
  LAMBDA_DEFAULTS,
  type LambdaFunction,
  type Located,
  type LogGroup,
  type ProjectModel,
  type Reference,
  type SourceLocation,
  type SqsQueue,
  type Trigger,
  type TriggerKind,
} from '../../src/model/index.js';

export const FILE = 'template.yaml';

export function at(line: number, column = 5, file = FILE): SourceLocation {
  return { file, line, column };
}

export interface ValOptions {
  column?: number;
  file?: string;
  isDefault?: boolean;
  inheritedFrom?: 'globals' | 'provider';
}

/** A located value: `val(30, 12)` is 30 written on line 12. */
export function val<T>(value: T | Reference, line: number, opts: ValOptions = {}): Located<T> {
  const located: Located<T> = { value, loc: at(line, opts.column ?? 5, opts.file ?? FILE) };
  if (opts.isDefault) located.isDefault = true;
  if (opts.inheritedFrom) located.inheritedFrom = opts.inheritedFrom;
  return located;
}

/** A value inherited from SAM `Globals` / serverless `provider`, written on `line`. */
export function inherited<T>(value: T | Reference, line: number, from: 'globals' | 'provider' = 'globals', file = FILE): Located<T> {
  return val(value, line, { inheritedFrom: from, file });
}

export function ref(text: string, refType: Reference['refType'] = 'cfn-ref', noEcho?: boolean): Reference {
  return noEcho === undefined ? { kind: 'reference', text, refType } : { kind: 'reference', text, refType, noEcho };
}

export function trigger(kind: TriggerKind, line: number, extra: Partial<Omit<Trigger, 'kind' | 'loc'>> = {}, file = FILE): Trigger {
  return { kind, loc: at(line, 9, file), ...extra };
}

type ValueOrLocated<T> = T | Reference | Located<T>;

function isLocated<T>(v: ValueOrLocated<T> | undefined): v is Located<T> {
  return typeof v === 'object' && v !== null && 'loc' in v && 'value' in v;
}

export interface FunctionSpec {
  /** Line of the definition (`MyFunction:`); defaults are located here. */
  line?: number;
  file?: string;
  format?: LambdaFunction['format'];
  /** A bare value is placed on `line + 3`. */
  timeout?: ValueOrLocated<number>;
  /** A bare value is placed on `line + 4`. */
  memorySize?: ValueOrLocated<number>;
  /** A bare value is placed on `line + 2`. */
  runtime?: ValueOrLocated<string>;
  /** Bare values are placed on consecutive lines from `line + 6`. */
  environment?: Record<string, ValueOrLocated<string>>;
  triggers?: Trigger[];
  deadLetter?: Located<string>;
  onFailureDestination?: Located<string>;
  logRetentionDays?: Located<number>;
  functionUrl?: NonNullable<LambdaFunction['functionUrls']>[number];
  functionUrls?: LambdaFunction['functionUrls'];
  ignoredRules?: LambdaFunction['ignoredRules'];
  layers?: LambdaFunction['layers'];
  ephemeralStorageMb?: Located<number>;
}

/** A function as a loader would produce it; unset memory and timeout are AWS defaults. */
export function lambda(name: string, spec: FunctionSpec = {}): LambdaFunction {
  const line = spec.line ?? 1;
  const file = spec.file ?? FILE;
  const place = <T>(v: ValueOrLocated<T>, l: number): Located<T> => (isLocated(v) ? v : val<T>(v, l, { file }));
  const fn: LambdaFunction = {
    id: `${file}#${name}`,
    name,
    format: spec.format ?? 'sam',
    source: at(line, 3, file),
    memorySize:
      spec.memorySize === undefined
        ? val<number>(LAMBDA_DEFAULTS.memoryMb, line, { column: 3, file, isDefault: true })
        : place(spec.memorySize, line + 4),
    timeout:
      spec.timeout === undefined
        ? val<number>(LAMBDA_DEFAULTS.timeoutSeconds, line, { column: 3, file, isDefault: true })
        : place(spec.timeout, line + 3),
    environment: {},
    triggers: spec.triggers ?? [],
    layers: spec.layers ?? [],
  };
  if (spec.ephemeralStorageMb) fn.ephemeralStorageMb = spec.ephemeralStorageMb;
  if (spec.runtime !== undefined) fn.runtime = place(spec.runtime, line + 2);
  let envLine = line + 6;
  for (const [key, value] of Object.entries(spec.environment ?? {})) {
    fn.environment[key] = place(value, envLine++);
  }
  if (spec.deadLetter) fn.deadLetter = spec.deadLetter;
  if (spec.onFailureDestination) fn.onFailureDestination = spec.onFailureDestination;
  if (spec.logRetentionDays) fn.logRetentionDays = spec.logRetentionDays;
  if (spec.functionUrl) fn.functionUrls = [spec.functionUrl];
  if (spec.functionUrls) fn.functionUrls = spec.functionUrls;
  if (spec.ignoredRules) fn.ignoredRules = spec.ignoredRules;
  return fn;
}

/** An SQS queue; without `visibilityTimeout` it gets the 30 s default located at the queue definition. */
export function queue(name: string, line: number, visibilityTimeout?: ValueOrLocated<number>, file = FILE): SqsQueue {
  return {
    id: `${file}#${name}`,
    name,
    source: at(line, 3, file),
    visibilityTimeout:
      visibilityTimeout === undefined
        ? val<number>(LAMBDA_DEFAULTS.sqsVisibilityTimeoutSeconds, line, { column: 3, file, isDefault: true })
        : isLocated(visibilityTimeout)
          ? visibilityTimeout
          : val<number>(visibilityTimeout, line + 3, { file }),
  };
}

/** An SQS trigger linked to `q` (as a loader does when it resolves the queue). */
export function sqsTrigger(q: SqsQueue, line: number, extra: Partial<Omit<Trigger, 'kind' | 'loc'>> = {}): Trigger {
  return trigger('sqs', line, { source: { ref: q.name, queueId: q.id }, ...extra }, q.source.file);
}

export function project(
  parts: { functions: LambdaFunction[]; queues?: SqsQueue[]; logGroups?: LogGroup[] } & Pick<ProjectModel, 'permissions' | 'detachedTriggers' | 'detachedFunctionUrls' | 'duplicateKeys'>,
): ProjectModel {
  const files = new Set<string>();
  for (const fn of parts.functions) files.add(fn.source.file);
  for (const q of parts.queues ?? []) files.add(q.source.file);
  const model: ProjectModel = {
    functions: parts.functions,
    queues: parts.queues ?? [],
    logGroups: parts.logGroups ?? [],
    diagnostics: [],
    configFiles: [...files].sort(),
  };
  if (parts.permissions) model.permissions = parts.permissions;
  if (parts.detachedTriggers) model.detachedTriggers = parts.detachedTriggers;
  if (parts.detachedFunctionUrls) model.detachedFunctionUrls = parts.detachedFunctionUrls;
  if (parts.duplicateKeys) model.duplicateKeys = parts.duplicateKeys;
  return model;
}

export interface RunOptions {
  severity?: 'error' | 'warn';
  options?: readonly unknown[];
  now?: Date;
  /** Ids of functions whose handler takes a callback (found in code by the CLI). */
  callbackHandlers?: string[];
}

/** Runs one config rule through `runConfigRules` and the suppressions, as the CLI does; suppressed findings are left out. */
export function runRule(rule: ConfigRule, model: ProjectModel | LambdaFunction[], opts: RunOptions = {}): Finding[] {
  const m = Array.isArray(model) ? project({ functions: model }) : model;
  const findings = runConfigRules(
    m,
    [rule as ConfigRule],
    { [rule.name]: { severity: opts.severity ?? 'error', ...(opts.options ? { options: opts.options } : {}) } },
    opts.now ?? new Date('2026-11-27T12:00:00Z'),
    { callbackHandlers: opts.callbackHandlers ? new Set(opts.callbackHandlers) : undefined },
  );
  // `Metadata.lambdalint.ignore` applies after the rules, to every family, as in the CLI.
  return applySuppressions(findings, { rules: allRuleSummaries(), model: m, textOf: () => undefined }).filter((f) => !f.suppressions);
}

/** The fields tests assert: rule, message id, severity, file:line. */
export function summary(findings: Finding[]): Array<{ messageId?: string; severity: string; at: string }> {
  return findings.map((f) => ({ messageId: f.messageId, severity: f.severity, at: `${f.file}:${f.line}` }));
}

export interface RuleCase extends RunOptions {
  name: string;
  model: ProjectModel | LambdaFunction[];
}

export interface ExpectedFinding {
  messageId: string;
  /** `file:line`. */
  at: string;
  severity?: 'error' | 'warning' | 'info';
  column?: number;
  functions?: string[];
  /** Substrings the message must contain / must not contain. */
  includes?: string[];
  excludes?: string[];
  /** The whole message, when the case pins what the rule computes for it. */
  message?: string;
}

export interface InvalidRuleCase extends RuleCase {
  findings: ExpectedFinding[];
}

/** `ruleTester.run` for config rules: valid cases report nothing, invalid ones exactly `findings`, in order. */
export function testConfigRule(rule: ConfigRule, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void {
  describe(rule.name, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(runRule(rule, c.model, c)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const findings = runRule(rule, c.model, c);
          expect(findings.map((f) => ({ messageId: f.messageId, at: `${f.file}:${f.line}` }))).toEqual(
            c.findings.map((f) => ({ messageId: f.messageId, at: f.at })),
          );
          findings.forEach((finding, i) => {
            const want = c.findings[i];
            expect(finding.ruleId).toBe(rule.name);
            expect(finding.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
            if (want.severity) expect(finding.severity).toBe(want.severity);
            if (want.column !== undefined) expect(finding.column).toBe(want.column);
            if (want.functions) expect(finding.functions).toEqual(want.functions);
            for (const text of want.includes ?? []) expect(finding.message).toContain(text);
            for (const text of want.excludes ?? []) expect(finding.message).not.toContain(text);
            if (want.message !== undefined) expect(finding.message).toBe(want.message);
          });
        });
      }
    });
  });
}
