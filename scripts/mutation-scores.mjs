// `npm run mutate:scores [-- REPORT.json... --survivors]`: the mutation score of each mutated file,
// from StrykerJS JSON reports (default: the one `npm run mutate` writes; a later report wins for a file
// found in several). --survivors also lists each surviving mutant as file:line:column.
//
// Why not Stryker's TypeScript checker: on these 2-core machines it checked about one mutant per
// 1.5 s, three times slower than running the tests. Runs without it, then a mutant the type checker
// would reject is found here instead: its replacement is applied to a copy of the file beside it, and
// the copies are type-checked in batches, one program per batch (a program per mutant would re-read the
// typescript-eslint types each time). Such a mutant is a compile error, as in Stryker: it counts
// neither for nor against the score. (A mutant that only breaks another file's types is missed, so it
// stays in the score: the figures can only be lower than the checker's, never higher.) The result is
// cached per file in .cache/stryker/compile-errors.json, keyed by the file's source and mutants (a
// change only in the types the file imports is not seen: delete the cache after such a change).
//
// score = (killed + timed out) / (killed + timed out + survived + no coverage), per file.
// Thresholds from issue 16: 80% for rules/, 70% for src/loaders/. Exit 1 when a file is below.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const listSurvivors = args.includes('--survivors');
const named = args.filter((arg) => !arg.startsWith('--'));
const reports = named.length > 0 ? named : [join(root, '.cache', 'stryker', 'report.json')];
const missing = reports.find((report) => !existsSync(report));
if (missing !== undefined) {
  console.error(`${missing}: no such report; run \`npm run mutate\` first`);
  process.exit(2);
}

const files = new Map();
const withoutSource = new Set();
for (const report of reports) {
  for (const [path, file] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) {
    // A narrowed incremental rerun lists the other files' old results without their source: those
    // mutants cannot be re-applied, so an earlier report's entry (with source) is kept instead.
    if (!file.source) withoutSource.add(path);
    else files.set(path, file);
  }
}
for (const path of withoutSource) {
  if (!files.has(path)) console.error(`${path}: in the report without its source (a narrowed rerun?); left out`);
}

const compileErrors = findCompileErrors(files);
const rows = [];
const survivors = [];
for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const count = { killed: 0, survived: 0, noCoverage: 0, compileError: 0, ignored: 0 };
  for (const mutant of file.mutants) {
    if (mutant.status === 'Ignored') count.ignored++;
    else if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError') count.compileError++;
    else if (compileErrors.has(`${path}#${mutant.id}`)) count.compileError++;
    else if (mutant.status === 'Killed' || mutant.status === 'Timeout') count.killed++;
    else {
      count[mutant.status === 'NoCoverage' ? 'noCoverage' : 'survived']++;
      survivors.push(`${path}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement ?? '')}`);
    }
  }
  const valid = count.killed + count.survived + count.noCoverage;
  // No valid mutant (a sample that caught only compile errors): no score, and nothing to miss.
  const score = valid === 0 ? undefined : (100 * count.killed) / valid;
  const threshold = path.startsWith('rules/') ? 80 : 70;
  rows.push({ path, ...count, score, threshold });
}

console.log('| file | killed | survived | no coverage | compile errors | score | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const row of rows) {
  const mark = row.score === undefined ? 'n/a' : row.score >= row.threshold ? 'ok' : 'BELOW';
  const score = row.score === undefined ? '-' : `${row.score.toFixed(1)}%`;
  console.log(`| ${row.path} | ${row.killed} | ${row.survived} | ${row.noCoverage} | ${row.compileError} | ${score} | ${row.threshold}% ${mark} |`);
}
const total = rows.reduce((sum, row) => ({ killed: sum.killed + row.killed, valid: sum.valid + row.killed + row.survived + row.noCoverage }), { killed: 0, valid: 0 });
console.log(`\n${rows.length} files, ${total.valid} valid mutants, ${((100 * total.killed) / Math.max(1, total.valid)).toFixed(1)}% killed overall; ${rows.filter(isBelow).length} files below target.`);
if (listSurvivors) console.log(`\n${survivors.join('\n')}`);
process.exitCode = rows.some(isBelow) ? 1 : 0;

function isBelow(row) {
  return row.score !== undefined && row.score < row.threshold;
}

function lineStartsOf(source) {
  const starts = [0];
  for (let index = 0; index < source.length; index++) if (source[index] === '\n') starts.push(index + 1);
  return starts;
}

// Report locations are 1-based lines and columns, the end exclusive.
function applyMutant(source, lineStarts, mutant) {
  const { start, end } = mutant.location;
  const from = lineStarts[start.line - 1] + start.column - 1;
  const to = lineStarts[end.line - 1] + end.column - 1;
  return source.slice(0, from) + (mutant.replacement ?? '') + source.slice(to);
}

/** `path#id` of each tested mutant whose file no longer type-checks. */
function findCompileErrors(reportFiles) {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const parsed = new Map();
  let virtual = new Map();
  const readVirtual = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readVirtual(name);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    if (virtual.has(name)) return ts.createSourceFile(name, virtual.get(name), language, true);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, language));
    return parsed.get(name);
  };
  const errorCount = (program, name) => program.getSyntacticDiagnostics(program.getSourceFile(name)).length + program.getSemanticDiagnostics(program.getSourceFile(name)).length;

  const found = new Set();
  // Checking is the slow part: results are cached per file, keyed by its source and its mutants.
  const cacheFile = join(root, '.cache', 'stryker', 'compile-errors.json');
  const cache = readCache(cacheFile);
  const BATCH = 200;
  for (const [path, file] of reportFiles) {
    const tested = file.mutants.filter((mutant) => !['Ignored', 'CompileError', 'RuntimeError'].includes(mutant.status));
    const key = createHash('sha256')
      .update(JSON.stringify([file.source, tested.map((mutant) => [mutant.id, mutant.location, mutant.replacement])]))
      .digest('hex');
    if (cache[path]?.key === key) {
      for (const id of cache[path].ids) found.add(`${path}#${id}`);
      continue;
    }
    const ids = [];
    const absolute = resolve(root, path);
    const lineStarts = lineStartsOf(file.source);
    for (let first = 0; first < tested.length; first += BATCH) {
      const batch = tested.slice(first, first + BATCH);
      // A copy beside the original resolves the same relative imports.
      const copyOf = (mutant) => absolute.replace(/\.ts$/, `.mutant-${mutant.id}.ts`);
      const baselineName = absolute.replace(/\.ts$/, '.mutant-baseline.ts');
      virtual = new Map(batch.map((mutant) => [copyOf(mutant), applyMutant(file.source, lineStarts, mutant)]));
      virtual.set(baselineName, file.source);
      const program = ts.createProgram([...virtual.keys()], options, host);
      const baseline = errorCount(program, baselineName);
      for (const mutant of batch) if (errorCount(program, copyOf(mutant)) > baseline) ids.push(mutant.id);
    }
    for (const id of ids) found.add(`${path}#${id}`);
    cache[path] = { key, ids };
  }
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(cache));
  return found;
}

/** The compile-error cache; a missing or unreadable one (a run stopped while writing it) starts empty. */
function readCache(file) {
  if (!existsSync(file)) return {};
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    return cache && typeof cache === 'object' && !Array.isArray(cache) ? cache : {};
  } catch {
    return {};
  }
}
