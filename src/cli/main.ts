import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { analyzeProject } from '../analyze.js';
import { restrictToFocus } from '../project/focus.js';
import { readCliFile } from '../project/host.js';
import type { Finding } from '../findings.js';
import { allRuleSummaries, resolveRuleSettings, ruleOptionSchemas } from '../rule-settings.js';
import { applySuppressions } from '../suppressions.js';
import { HELP, parseCliArgs } from './args.js';
import { markBaselined, readBaseline, writeBaseline } from './baseline.js';
import { loadConfigFile, readConfigFile, type LambdalintConfig, type LoadedConfig } from './config-file.js';
import { UsageError, isUsageError } from './errors.js';
import { getFormatter } from './formatters/index.js';
import { formatFunctionListJson, formatFunctionListTable, functionList } from './function-list.js';
import { codeCoverage } from '../project/code-status.js';
import type { FileResult } from './formatters/types.js';

/** A baseline records one line per finding: 80,000 findings take about 10 MB. */
const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour in stylish output. */
  color: boolean;
  version: string;
}

/** Runs the CLI and returns its exit code: 0 clean, 1 errors or too many warnings, 2 usage or internal error. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const started = process.hrtime.bigint();
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (options.version) {
      io.stdout(`${io.version}\n`);
      return 0;
    }
    // Validated (rule ids, and options against each rule's schema) before anything is read or linted.
    const configOptions = { knownRules: allRuleSummaries().map((r) => r.id), ruleSchemas: ruleOptionSchemas(), root: io.cwd };
    const loaded = options.config ? readConfigFile(resolve(io.cwd, options.config), configOptions) : loadConfigFile(io.cwd, configOptions);
    const config: LambdalintConfig = loaded?.config ?? {};
    const rules = resolveRuleSettings(config);

    const givenFiles = explicitFiles(options.paths, io.cwd);
    const result = await analyzeProject({
      root: io.cwd,
      // Given files, the whole project is loaded so each file's functions can be found.
      paths: givenFiles ? ['.'] : options.paths,
      focus: givenFiles ? [...givenFiles] : undefined,
      rules,
      ignorePatterns: [...(config.ignorePatterns ?? []), ...options.ignorePatterns],
      gitignore: options.gitignore,
      allFiles: options.allFiles,
      handlerNames: config.handlerNames,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
      allowUnreadableConfigs: options.allowUnreadableConfigs,
    });
    if (result.missingPaths.length > 0) {
      throw new UsageError(`no such file or directory: ${result.missingPaths.join(', ')}; check the path (it is relative to ${io.cwd})`);
    }

    if (options.listFunctions) {
      const entries = functionList(result.functions);
      const text = options.format === 'json' ? formatFunctionListJson(entries) : formatFunctionListTable(entries);
      if (options.outputFile) writeOutput(resolve(io.cwd, options.outputFile), text);
      else io.stdout(text);
      return 0;
    }

    // Through the project host only: a file it refused (a link out of the project) is never printed.
    const textOf = (file: string): string | undefined => result.readSource(file);
    let findings = applySuppressions(result.findings, {
      rules: allRuleSummaries(),
      model: result.model,
      textOf,
      files: result.files,
      reportUnused: options.reportUnusedDisableDirectives,
    });
    if (givenFiles) findings = restrictToFocus(findings, givenFiles, result.functions);

    if (options.baselineWrite) {
      // Findings a comment or Metadata already suppresses need no baseline entry.
      const active = findings.filter((f) => !f.suppressions);
      writeOutput(resolve(io.cwd, options.baselineWrite), writeBaseline(active, sourcesFor(active, textOf)));
      io.stderr(`lambdalint: wrote ${active.length} finding(s) to the baseline ${options.baselineWrite}\n`);
      return 0;
    }
    if (options.baseline) {
      const read = readCliFile(io.cwd, options.baseline, MAX_BASELINE_BYTES);
      if (!read.ok) {
        const why = read.reason === 'missing' ? `cannot read the baseline file; create it with --baseline-write ${options.baseline}` : `cannot use the baseline file: ${read.detail}`;
        throw new UsageError(why, { file: options.baseline });
      }
      findings = markBaselined(findings, readBaseline(read.text, options.baseline), sourcesFor(findings, textOf), options.baseline);
    }
    if (options.quiet) findings = findings.filter((f) => f.severity === 'error');

    const fileResults = groupByFile(findings, result.files, textOf);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const output = getFormatter(options.format)(fileResults, {
      cwd: io.cwd,
      rules: allRuleSummaries(),
      elapsedMs,
      color: io.color && !options.outputFile,
      version: io.version,
      // Given files (pre-commit), only their functions are checked: a count over the project would mislead.
      functions: givenFiles ? undefined : { ...codeCoverage(result.functions), configFiles: result.model.configFiles.length },
    });
    if (options.outputFile) writeOutput(resolve(io.cwd, options.outputFile), output);
    else io.stdout(output);

    // Suppressed findings are in the report (JSON, SARIF) but never fail the run.
    const active = findings.filter((f) => !f.suppressions);
    const errors = active.filter((f) => f.severity === 'error').length;
    const warnings = active.filter((f) => f.severity === 'warning').length;
    if (active.some((f) => f.ruleId === 'internal-error')) return 2;
    if (errors > 0) return 1;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.stderr(`lambdalint found too many warnings (${warnings}, maximum ${options.maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`lambdalint: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`lambdalint: internal error: ${message.split('\n')[0]}. Please report it (rerun with LAMBDALINT_DEBUG=1 for details).\n`);
    if (process.env.LAMBDALINT_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

/** The paths when every one is an existing file (as pre-commit passes them), relative to cwd; else undefined. */
function explicitFiles(paths: string[], cwd: string): Set<string> | undefined {
  if (paths.length === 0) return undefined;
  const files = new Set<string>();
  for (const path of paths) {
    try {
      if (!statSync(resolve(cwd, path)).isFile()) return undefined;
    } catch {
      return undefined;
    }
    files.add(relative(cwd, resolve(cwd, path)).split(sep).join('/'));
  }
  return files;
}

/** Every analysed file, clean ones with no findings (stylish counts them, JUnit passes them). */
function groupByFile(findings: Finding[], analysed: string[], textOf: (file: string) => string | undefined): FileResult[] {
  const byFile = new Map<string, Finding[]>(analysed.map((file) => [file, []]));
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  // Like ESLint's JSON output, source text only for files with problems.
  return [...byFile.keys()].sort().map((file) => {
    const list = byFile.get(file)!;
    return list.length > 0 ? { file, findings: list, source: textOf(file) } : { file, findings: list };
  });
}

function sourcesFor(findings: Finding[], textOf: (file: string) => string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of findings) {
    if (map.has(f.file)) continue;
    const text = textOf(f.file);
    if (text !== undefined) map.set(f.file, text);
  }
  return map;
}

function writeOutput(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check the folder exists and is writable`);
  }
}

export type { LoadedConfig };
export { resolveRuleSettings };
