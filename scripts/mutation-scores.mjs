// `npm run mutate:scores [-- REPORT.json... --survivors]`: the mutation score of each mutated file,
// from StrykerJS JSON reports (default: the one `npm run mutate` writes; a later report wins for a file
// found in several). --survivors also lists each surviving mutant as file:line:column.
//
// Why not Stryker's TypeScript checker: on these 2-core machines it checked about one mutant per
// 1.5 s, three times slower than running the tests. Runs without it, then a mutant the type checker
// would reject is found here instead: its replacement is applied to the file and the file alone is
// type-checked by one language service. Such a mutant is a compile error, as in Stryker: it counts
// neither for nor against the score. (A mutant that only breaks another file's types is missed, so it
// stays in the score: the figures can only be lower than the checker's, never higher.)
//
// score = (killed + timed out) / (killed + timed out + survived + no coverage), per file.
// Thresholds from issue 16: 80% for rules/, 70% for src/loaders/. Exit 1 when a file is below.
import { existsSync, readFileSync } from 'node:fs';
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
for (const report of reports) {
  for (const [path, file] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) files.set(path, file);
}

const typeChecker = createSingleFileChecker();
const rows = [];
const survivors = [];
for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const count = { killed: 0, survived: 0, noCoverage: 0, compileError: 0, ignored: 0 };
  const lineStarts = lineStartsOf(file.source);
  const isTypeError = typeChecker(resolve(root, path), file.source);
  for (const mutant of file.mutants) {
    if (mutant.status === 'Ignored') count.ignored++;
    else if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError') count.compileError++;
    else if (isTypeError(applyMutant(file.source, lineStarts, mutant))) count.compileError++;
    else if (mutant.status === 'Killed' || mutant.status === 'Timeout') count.killed++;
    else {
      count[mutant.status === 'NoCoverage' ? 'noCoverage' : 'survived']++;
      survivors.push(`${path}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement ?? '')}`);
    }
  }
  const valid = count.killed + count.survived + count.noCoverage;
  const score = valid === 0 ? 100 : (100 * count.killed) / valid;
  const threshold = path.startsWith('rules/') ? 80 : 70;
  rows.push({ path, ...count, score, threshold });
}

console.log('| file | killed | survived | no coverage | compile errors | score | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const row of rows) {
  const mark = row.score >= row.threshold ? 'ok' : 'BELOW';
  console.log(`| ${row.path} | ${row.killed} | ${row.survived} | ${row.noCoverage} | ${row.compileError} | ${row.score.toFixed(1)}% | ${row.threshold}% ${mark} |`);
}
const total = rows.reduce((sum, row) => ({ killed: sum.killed + row.killed, valid: sum.valid + row.killed + row.survived + row.noCoverage }), { killed: 0, valid: 0 });
console.log(`\n${rows.length} files, ${total.valid} valid mutants, ${((100 * total.killed) / Math.max(1, total.valid)).toFixed(1)}% killed overall; ${rows.filter((row) => row.score < row.threshold).length} files below target.`);
if (listSurvivors) console.log(`\n${survivors.join('\n')}`);
process.exitCode = rows.some((row) => row.score < row.threshold) ? 1 : 0;

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

// One language service over the project; the checked file's text is swapped per mutant.
function createSingleFileChecker() {
  const configPath = join(root, 'tsconfig.build.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const overrides = new Map();
  const versions = new Map();
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => config.fileNames,
      getScriptVersion: (name) => String(versions.get(name) ?? 0),
      getScriptSnapshot: (name) => {
        const text = overrides.get(name) ?? ts.sys.readFile(name);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => root,
      getCompilationSettings: () => ({ ...config.options, noEmit: true }),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: ts.sys.fileExists,
      readFile: (name) => overrides.get(name) ?? ts.sys.readFile(name),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  const errorsIn = (name, text) => {
    overrides.set(name, text);
    versions.set(name, (versions.get(name) ?? 0) + 1);
    return service.getSyntacticDiagnostics(name).length + service.getSemanticDiagnostics(name).length;
  };
  return (name, original) => {
    const baseline = errorsIn(name, original);
    return (text) => errorsIn(name, text) > baseline;
  };
}
