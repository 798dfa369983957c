/**
 * The fuzzing harness: seeded `fc.assert` with per-input timing, and the properties every
 * analyser output must have (no throw, findings or a located `parse-error`, every location
 * inside the file's lines, no `internal-error`).
 *
 * Reproduce a failure with `FC_SEED=<seed> npx vitest run test/robustness` (the seed is printed
 * with every failure and in each run's summary line). `FC_RUNS_SCALE=0.1` runs a tenth of the
 * inputs (local iteration), `FC_RUNS_SCALE=10` ten times as many (a nightly soak).
 */
import fc from 'fast-check';
import { configRules } from '../../../rules/config-index.js';
import { crossRules } from '../../../rules/cross-index.js';
import type { ConfigRule } from '../../../src/config-rules/types.js';
import { runConfigRules } from '../../../src/config-rules/run.js';
import { runCrossRules } from '../../../src/cross-rules/run.js';
import type { Finding } from '../../../src/findings.js';
import type { LoadResult, LoaderHost } from '../../../src/loaders/types.js';
import type { ProjectModel } from '../../../src/model/index.js';
import { resolveHandler } from '../../../src/project/resolve-handler.js';
import { allRuleSummaries, presetSettings } from '../../../src/rule-settings.js';
import { applySuppressions } from '../../../src/suppressions.js';
import { FORMAT_NAMES, getFormatter, type FileResult } from '../../../src/cli/formatters/index.js';

const envSeed = process.env.FC_SEED;
/** Fixed unless `FC_SEED` is set, so CI runs the same inputs every time. */
export const FUZZ_SEED = envSeed !== undefined && envSeed !== '' && Number.isFinite(Number(envSeed)) ? Number(envSeed) | 0 : 20261127;
const scale = Number(process.env.FC_RUNS_SCALE ?? '1');
export function runs(n: number): number {
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/**
 * The slowest a single input may take. Measured maxima are far lower (see each run's summary
 * line); the margin absorbs a loaded CI machine. An input over it is a counterexample (a
 * super-linear path is the first sign of a hang).
 */
export const PER_INPUT_LIMIT_MS = Number(process.env.FUZZ_PER_INPUT_LIMIT_MS ?? 3000);

export interface FuzzStats {
  name: string;
  runs: number;
  totalMs: number;
  maxMs: number;
  seed: number;
}

export const allStats: FuzzStats[] = [];

/**
 * Runs `check` on `numRuns` generated inputs. `check` throws (an assertion) when the property
 * does not hold. Each input is timed; inputs slower than the limit fail.
 */
export async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, numRuns: number, check: (input: T) => void | Promise<void>): Promise<FuzzStats> {
  const stats: FuzzStats = { name, runs: 0, totalMs: 0, maxMs: 0, seed: FUZZ_SEED };
  const started = performance.now();
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const t0 = performance.now();
        await check(input);
        const ms = performance.now() - t0;
        stats.runs++;
        if (ms > stats.maxMs) stats.maxMs = ms;
        if (ms > PER_INPUT_LIMIT_MS) throw new Error(`one input took ${ms.toFixed(0)} ms (limit ${PER_INPUT_LIMIT_MS} ms): a hang in the making`);
      }),
      { seed: FUZZ_SEED, numRuns, endOnFailure: process.env.FC_SHRINK === '0' },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`[fuzz ${name}] property failed; reproduce with FC_SEED=${FUZZ_SEED}\n${message}`, { cause: error });
  }
  stats.totalMs = performance.now() - started;
  allStats.push(stats);
  console.log(`[fuzz] ${name}: ${numRuns} inputs in ${(stats.totalMs / 1000).toFixed(1)} s, slowest input ${stats.maxMs.toFixed(1)} ms (seed ${FUZZ_SEED})`);
  return stats;
}

/** Lines of a text the way editors and ESLint count them (`\r\n`, `\n`, `\r`, U+2028, U+2029). */
export function lineCount(text: string): number {
  return text.split(/\r\n|[\r\n\u2028\u2029]/).length;
}

interface Located {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

function isLocated(value: unknown): value is Located {
  return typeof value === 'object' && value !== null && typeof (value as Located).file === 'string' && 'line' in value && 'column' in value;
}

/** Problems with one location: a file that was not given, a line outside the file, a non-positive column. */
export function locationProblems(loc: Located, files: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const text = files[loc.file];
  const where = `${loc.file}:${loc.line}:${loc.column}`;
  if (text === undefined) return [`location in an unknown file: ${where}`];
  const lines = lineCount(text);
  if (!Number.isInteger(loc.line) || loc.line < 1 || loc.line > lines) problems.push(`line outside 1..${lines}: ${where}`);
  if (!Number.isInteger(loc.column) || loc.column < 1) problems.push(`column not a positive integer: ${where}`);
  if (loc.endLine !== undefined && (!Number.isInteger(loc.endLine) || loc.endLine < loc.line || loc.endLine > lines)) {
    problems.push(`endLine ${loc.endLine} outside ${loc.line}..${lines}: ${where}`);
  }
  if (loc.endColumn !== undefined && (!Number.isInteger(loc.endColumn) || loc.endColumn < 1)) problems.push(`endColumn ${loc.endColumn}: ${where}`);
  return problems;
}

/** Every `{ file, line, column }` object reachable from `root` (the whole load result, deeply). */
export function allLocations(root: unknown): Located[] {
  const found: Located[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isLocated(value)) found.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) walk(child);
  };
  walk(root);
  return found;
}

/** A loader exception caught by the loader's own safety net, reported as if it were a parse error. */
const MASKED_CRASH = /^cannot load (template|serverless config): (?!.*Maximum call stack)/;

/**
 * The loader contract: a result with arrays; diagnostics are `parse-error`s with a location and
 * a message (never `internal-error`, never a caught JS exception dressed as a parse error); every
 * location anywhere in the model is inside its file.
 */
export function assertLoadResult(result: LoadResult, files: Readonly<Record<string, string>>): void {
  const problems: string[] = [];
  for (const key of ['functions', 'queues', 'logGroups', 'diagnostics'] as const) {
    if (!Array.isArray(result[key])) problems.push(`result.${key} is not an array`);
  }
  for (const d of result.diagnostics ?? []) {
    if (d.ruleId !== 'parse-error') problems.push(`${d.ruleId}: ${d.message}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push('diagnostic without a message');
    if (MASKED_CRASH.test(d.message)) problems.push(`a loader exception reported as a parse error: ${d.message}`);
  }
  for (const loc of allLocations(result)) problems.push(...locationProblems(loc, files));
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
}

const RULES = presetSettings('strict');
const NOW = new Date('2026-11-27T00:00:00Z');

/** Config and cross rules over a loaded result: their findings must be located in the files too. */
export function assertRulesOn(result: LoadResult, files: Readonly<Record<string, string>>, host: LoaderHost): Finding[] {
  const model: ProjectModel = {
    functions: result.functions,
    queues: result.queues,
    logGroups: result.logGroups,
    diagnostics: result.diagnostics,
    configFiles: Object.keys(files).sort(),
  };
  const findings = runConfigRules(model, Object.values(configRules) as ConfigRule[], RULES, NOW);
  const linked = model.functions.map((fn) => ({ fn, resolution: resolveHandler(fn, host), files: [] as string[] }));
  findings.push(...runCrossRules(Object.values(crossRules), RULES, { model, functions: linked, facts: () => undefined, host }));
  for (const d of model.diagnostics) findings.push({ ruleId: d.ruleId, severity: d.severity ?? 'error', message: d.message, file: d.loc.file, line: d.loc.line, column: d.loc.column });
  assertFindings(findings, files);
  // Reports cost as much as loading: every fifth input (2,000 per 10,000) goes through them.
  if (++reportCounter % 5 === 0) assertReports(findings, files);
  return findings;
}

let reportCounter = 0;

const RULE_SUMMARIES = allRuleSummaries();

/** Suppression comments and every report format over the findings: none may throw. */
export function assertReports(findings: readonly Finding[], files: Readonly<Record<string, string>>): void {
  const textOf = (file: string): string | undefined => (Object.hasOwn(files, file) ? files[file] : undefined);
  const kept = applySuppressions(findings, { rules: RULE_SUMMARIES, textOf, files: Object.keys(files), reportUnused: true });
  assertFindings(kept.filter((f) => f.ruleId !== 'internal-error'), files);
  const byFile = new Map<string, Finding[]>();
  for (const f of kept) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const results: FileResult[] = [...byFile].map(([file, list]) => ({ file, findings: list, source: textOf(file) }));
  for (const name of FORMAT_NAMES) {
    const out = getFormatter(name)(results, { cwd: '/project', rules: RULE_SUMMARIES, color: name === 'stylish', version: '0.0.0' });
    if (typeof out !== 'string') throw new Error(`${name} formatter returned ${typeof out}`);
    if (name === 'json' || name === 'sarif') JSON.parse(out);
  }
}

/** Findings: no `internal-error`, each located inside a given file. */
export function assertFindings(findings: readonly Finding[], files: Readonly<Record<string, string>>): void {
  const problems: string[] = [];
  for (const f of findings) {
    if (f.ruleId === 'internal-error') problems.push(`internal-error: ${f.message}`);
    if (typeof f.message !== 'string' || f.message === '') problems.push(`${f.ruleId}: empty message`);
    problems.push(...locationProblems(f, files).map((p) => `${f.ruleId}: ${p}`));
  }
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
}

/** An in-memory host over `files` (paths relative to the root, `/`-separated). */
export function memoryHost(files: Readonly<Record<string, string>>): LoaderHost {
  const norm = (p: string): string => p.replace(/^\.\//, '').replace(/\/\.\//g, '/');
  return {
    readFile: (path) => (Object.hasOwn(files, norm(path)) ? files[norm(path)] : undefined),
    fileExists: (path) => Object.hasOwn(files, norm(path)),
    listDir: (dir) => {
      const prefix = dir === '' || dir === '.' ? '' : `${norm(dir)}/`;
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .sort();
    },
  };
}

/**
 * How many generated inputs were meaningful (loaded at least one function): a generator that
 * drifts into producing only broken configs would otherwise keep the fuzz suites green while
 * they test nothing but the error path.
 */
export class MeaningfulInputs {
  private loaded = 0;
  private total = 0;

  record(result: LoadResult): void {
    this.total++;
    if (result.functions.length > 0) this.loaded++;
  }

  /** Throws when fewer than `floor` of the inputs loaded a function. */
  assertFloor(name: string, floor = 0.4): void {
    const share = this.total === 0 ? 0 : this.loaded / this.total;
    console.log(`[fuzz] ${name}: ${(share * 100).toFixed(0)}% of ${this.total} inputs loaded a function (floor ${floor * 100}%)`);
    if (share < floor) throw new Error(`[fuzz ${name}] only ${this.loaded} of ${this.total} inputs loaded a function (floor ${floor * 100}%): the generator tests little but the error path`);
  }
}

let twiceCounter = 0;

/**
 * Determinism: every tenth input is loaded a second time and must give the same result (same
 * functions, values, locations and diagnostics, in the same order).
 */
export async function assertSameTwice(first: LoadResult, again: () => LoadResult | Promise<LoadResult>): Promise<void> {
  if (++twiceCounter % 10 !== 0) return;
  const second = await again();
  const a = JSON.stringify(first);
  const b = JSON.stringify(second);
  if (a !== b) throw new Error(`the same input loaded twice gave different results:\n${a.slice(0, 300)}\n${b.slice(0, 300)}`);
}
