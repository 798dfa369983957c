import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';
import type { ConfigRule } from './config-rules/types.js';
import { runConfigRules, type RuleSetting } from './config-rules/run.js';
import { runCrossRules } from './cross-rules/run.js';
import { appendAll } from './append-all.js';
import type { LinkedFunction } from './cross-rules/types.js';
import { defaultWorkerCount, LintPool, runLintPass, type CodeRuleSetting, type LintedFile } from './code/lint-pass.js';
import { compareFindings, type Finding } from './findings.js';
import { applyPrecedence } from './precedence.js';
import type { HandlerSetting } from './handlers/settings.js';
import { literal, type LambdaFunction, type ProjectModel } from './model/index.js';
import { maxBatchSize } from './batch-size.js';
import { discoverFiles, isCodeFile } from './project/discover.js';
import { ProjectHost } from './project/host.js';
import { focusFunctions, nodeHandlerFile } from './project/focus.js';
import { reachableFrom } from './project/import-scan.js';
import { loadProject } from './project/load-project.js';
import { resolveHandler, type HandlerResolution } from './project/resolve-handler.js';
import { lazyBuildMap } from './project/build-scripts.js';
import { presetSettings } from './rule-settings.js';
import { codeRules } from '../rules/index.js';
import { diagnosticFindings } from './analyze-configs.js';
import { runPythonPass } from './python/pass.js';

export { analyzeConfigs, diagnosticFindings, type AnalyzeConfigsOptions } from './analyze-configs.js';

export interface AnalyzeOptions {
  /** Folder that paths in the model and output are relative to (default: process.cwd()). */
  root?: string;
  /** Files or folders to analyse, relative to the root (default: the root). */
  paths?: string[];
  /** Rule id -> setting; default: the `recommended` preset. */
  rules?: Record<string, RuleSetting>;
  ignorePatterns?: string[];
  gitignore?: boolean;
  allFiles?: boolean;
  handlerNames?: string[];
  reportUnusedDisableDirectives?: boolean;
  /** "Today" for date-dependent rules. */
  now?: Date;
  /** Worker threads for the code pass (0: this thread); default by job size and cores. */
  workers?: number;
  /**
   * Pre-commit mode: the changed files. Only the functions they belong to are linted and
   * cross-checked; findings in these files and of those functions are the same as the whole
   * analysis gives (`restrictToFocus`). Files that cannot be traced to functions (a
   * `package.json`, a template without functions) make it analyse the whole project.
   */
  focus?: string[];
  /** A deploy config that cannot be read (too large, unparseable) warns instead of failing the run. */
  allowUnreadableConfigs?: boolean;
}

export interface AnalyzeResult {
  model: ProjectModel;
  functions: LinkedFunction[];
  findings: Finding[];
  /** Source text of every file that has findings, for formatters and baselines. */
  sources: Map<string, string>;
  /** Every file analysed: deploy configs and linted code, sorted. */
  files: string[];
  /** Text of a project file (bounded, never through a link out of the root), for suppression comments. */
  readSource(file: string): string | undefined;
  /** Paths given that do not exist. */
  missingPaths: string[];
}

/** The whole project: configs, handler code and the cross-checks between them. */
export async function analyzeProject(options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const host = new ProjectHost(options.root ?? process.cwd());
  const rules = options.rules ?? presetSettings('recommended');
  const discovery = await discoverFiles(host, options.paths ?? ['.'], { ignorePatterns: options.ignorePatterns, gitignore: options.gitignore });
  const codeFiles = discovery.files.filter(isCodeFile);
  const lintOptions = {
    rules: codeRuleSettings(rules),
    handlerNames: options.handlerNames,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
  };
  // Workers start now, loading ESLint and the parser while this thread reads the deploy configs
  // (in pre-commit mode, how much there is to lint is known only once the configs are read).
  const workers = options.focus ? 0 : (options.workers ?? defaultWorkerCount(codeFiles.length));
  const pool = workers > 0 ? LintPool.start(host.root, lintOptions, workers) : undefined;
  try {
    // The handlers of each group of configs go to the workers as soon as they are known.
    const resolutions = new Map<LambdaFunction, HandlerResolution>();
    // Build configs are read on the first handler that points into build output, once.
    const builds = lazyBuildMap(host, discovery.files);
    const link = (fn: LambdaFunction): LinkedFunction => {
      let resolution = resolutions.get(fn);
      if (!resolution) {
        resolution = resolveHandler(fn, host, builds);
        resolutions.set(fn, resolution);
      }
      return { fn, resolution, files: [] };
    };
    const early: LinkedFunction[] = [];
    const model = await loadProject(host, discovery.files, {
      allowUnreadableConfigs: options.allowUnreadableConfigs,
      onFunctions: pool
        ? (functions) => {
            appendAll(early, functions.map(link));
            pool.add(handlerSettingsByFile(early));
          }
        : undefined,
    });
    const linked = model.functions.map(link);
    const handlersByFile = handlerSettingsByFile(linked);
    const focus = options.focus ? focusFunctions(new Set(options.focus), linked, host) : undefined;
    const notConfig = (f: string): boolean => !model.configFiles.includes(f);
    const linted = await runLintPass(host, {
      ...lintOptions,
      handlersByFile,
      entries: focus?.handlerFiles,
      extraFiles: options.allFiles ? (focus ? options.focus!.filter((f) => isCodeFile(f) && notConfig(f)) : codeFiles.filter(notConfig)) : undefined,
      workers: pool ? 0 : (options.workers ?? defaultWorkerCount(focus ? focus.reachable : codeFiles.length)),
      pool,
    });
    const python = await runPythonPass(host, focus?.functions ?? linked, rules);
    for (const [file, entry] of python.files) linted.set(file, entry);
    return report(host, model, linked, focus?.functions ?? linked, linted, python.graphs, handlersByFile, rules, discovery.missing, options.now);
  } finally {
    pool?.close();
  }
}

/** Per handler file: the exports the deploy configs name, with triggers, runtime and function names. */
function handlerSettingsByFile(linked: LinkedFunction[]): Map<string, HandlerSetting[]> {
  const handlersByFile = new Map<string, HandlerSetting[]>();
  const byExport = new Map<string, HandlerSetting>();
  for (const { fn, resolution } of linked) {
    if (resolution.status !== 'found' || resolution.language !== 'node') continue;
    const list = handlersByFile.get(resolution.file) ?? [];
    const exportKey = `${resolution.file}\0${resolution.exportName}`;
    const existing = byExport.get(exportKey);
    const triggers = [...new Set(fn.triggers.map((t) => t.kind))];
    const runtime = literal(fn.runtime);
    const batch = maxBatchSize(fn);
    if (existing) {
      // In place: copying the lists per function was quadratic (20,000 functions of one handler took 4 s).
      (existing.functions ??= []).push(fn.name);
      const kinds = (existing.trigger ??= []);
      for (const kind of triggers) if (!kinds.includes(kind)) kinds.push(kind);
      if (batch !== undefined && existing.maxBatchSize !== undefined) existing.maxBatchSize = Math.max(existing.maxBatchSize, batch);
      else delete existing.maxBatchSize;
    } else {
      const setting: HandlerSetting = { export: resolution.exportName, trigger: triggers.length > 0 ? triggers : undefined, runtime, functions: [fn.name] };
      if (batch !== undefined) setting.maxBatchSize = batch;
      list.push(setting);
      byExport.set(exportKey, setting);
    }
    handlersByFile.set(resolution.file, list);
  }
  return handlersByFile;
}

function codeRuleSettings(rules: Record<string, RuleSetting>): Record<string, CodeRuleSetting> {
  const settings: Record<string, CodeRuleSetting> = {};
  for (const [id, setting] of Object.entries(rules)) {
    if (id in codeRules) settings[id] = { severity: setting.severity, options: setting.options ? [...setting.options] : undefined };
  }
  return settings;
}

function report(
  host: ProjectHost,
  model: ProjectModel,
  linked: LinkedFunction[],
  /** The functions whose code was linted: all of them, or those of the focus files. */
  checked: LinkedFunction[],
  linted: Map<string, LintedFile>,
  pythonGraphs: Map<LinkedFunction, string[]>,
  handlersByFile: Map<string, HandlerSetting[]>,
  rules: Record<string, RuleSetting>,
  missingPaths: string[],
  now: Date | undefined,
): AnalyzeResult {
  for (const entry of linked) {
    const handlerFile = nodeHandlerFile(entry);
    if (handlerFile) entry.files = [...reachableFrom(handlerFile, (file) => linted.get(file)?.imports)];
    else if (entry.resolution.status === 'found') entry.files = pythonGraphs.get(entry) ?? [entry.resolution.file];
  }

  const findings: Finding[] = [...diagnosticFindings(model)];
  appendAll(findings, runConfigRules(model, Object.values(configRules) as ConfigRule[], rules, now, { callbackHandlers: callbackHandlers(linked, linted) }));
  appendAll(findings, runCrossRules(Object.values(crossRules), rules, { model, functions: checked, facts: (file) => linted.get(file)?.facts, host }));
  appendAll(findings, codeFindings(linted, handlersByFile));

  // Source text only where there is something to show or fingerprint.
  const sources = new Map<string, string>();
  for (const finding of findings) {
    if (!sources.has(finding.file)) {
      const text = host.readFile(finding.file);
      if (text !== undefined) sources.set(finding.file, text);
    }
  }
  const files = [...new Set([...model.configFiles, ...linted.keys()])].sort();
  return {
    model,
    functions: linked,
    findings: applyPrecedence(dedupe(findings)).sort(compareFindings),
    sources,
    files,
    readSource: (file) => sources.get(file) ?? host.readFile(file),
    missingPaths,
  };
}

/** Ids of the functions whose handler (as linted) takes Lambda's callback parameter. */
function callbackHandlers(linked: LinkedFunction[], linted: Map<string, LintedFile>): Set<string> {
  const ids = new Set<string>();
  for (const entry of linked) {
    const file = nodeHandlerFile(entry);
    if (!file || entry.resolution.status !== 'found') continue;
    const exportName = entry.resolution.exportName;
    if (linted.get(file)?.facts?.handlers.some((h) => h.exportName === exportName && h.takesCallback)) ids.add(entry.fn.id);
  }
  return ids;
}

/** Code findings, each naming the functions whose handler file it is in: one shared, sorted list per file (read-only). */
export function codeFindings(linted: Map<string, LintedFile>, handlersByFile: Map<string, HandlerSetting[]>): Finding[] {
  const result: Finding[] = [];
  for (const [file, entry] of linted) {
    const names = [...new Set((handlersByFile.get(file) ?? []).flatMap((h) => h.functions ?? []))].sort();
    for (const finding of entry.findings) result.push(names.length > 0 ? { ...finding, functions: names } : finding);
  }
  return result;
}

/**
 * The same finding reported twice (two functions sharing a config value) is shown once, naming
 * both. The names are gathered in a set and sorted once: merging lists per duplicate was
 * quadratic in the functions sharing a value.
 */
export function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, { finding: Finding; functions?: Set<string> }>();
  for (const finding of findings) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.ruleId}\0${finding.message}`;
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, { finding });
    else if (finding.functions) {
      existing.functions ??= new Set(existing.finding.functions);
      for (const name of finding.functions) existing.functions.add(name);
    }
  }
  return [...byKey.values()].map(({ finding, functions }) => (functions ? { ...finding, functions: [...functions].sort() } : { ...finding }));
}

