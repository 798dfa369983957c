import { posix } from 'node:path';
import type { LambdaFunction, LoadDiagnostic, ProjectModel } from '../model/index.js';
import type { LoadResult } from '../loaders/types.js';
import { isCloudFormationTemplate, loadCloudFormation } from '../loaders/cloudformation.js';
import { isServerlessConfig, loadServerless } from '../loaders/serverless.js';
import { loadTerraformModule, MAX_TERRAFORM_FILE_BYTES } from '../loaders/terraform.js';
import { isCdkFile, loadCdk, MAX_CDK_FILE_BYTES } from '../loaders/cdk.js';
import type { ProjectHost } from './host.js';
import { MAX_CONFIG_CHARS_PER_RUN } from './limits.js';
import { appendAll } from '../append-all.js';

const SERVERLESS_NAME = /^serverless\.(ya?ml|json|ts|js|cjs|mjs)$/;
const TEMPLATE_EXT = /\.(ya?ml|json|template)$/;
const CDK_EXT = /(?<!\.d)\.(ts|mts|cts)$/;
/** Files that are obviously not deploy configs: skip reading them. */
const NOT_A_TEMPLATE = /(^|\/)(package(-lock)?\.json|tsconfig[^/]*\.json|\.?eslintrc[^/]*|pnpm-lock\.yaml|yarn\.lock|composer\.json|docker-compose[^/]*|\.pre-commit[^/]*|openapi[^/]*|swagger[^/]*)$/i;

export interface LoadProjectOptions {
  /**
   * Called with the functions of each group of formats as soon as that group is loaded (YAML and
   * JSON configs first, then CDK stacks, then Terraform), so that their code can be linted while
   * the slower formats load. The returned model has them all either way.
   */
  onFunctions?: (functions: LambdaFunction[]) => void;
  /** A deploy config that cannot be read (too large, unparseable) is a warning, not an error. */
  allowUnreadableConfigs?: boolean;
  /** @internal Characters of deploy configs one run loads (default `MAX_CONFIG_CHARS_PER_RUN`), for tests. */
  maxConfigChars?: number;
}

/** Loads every deploy config among `files` into one model. Never throws. */
export async function loadProject(host: ProjectHost, files: readonly string[], options: LoadProjectOptions = {}): Promise<ProjectModel> {
  const results: Array<{ file: string; result: LoadResult }> = [];
  const cdkFiles: Array<{ file: string; text: string }> = [];
  const diagnostics: LoadDiagnostic[] = [];
  const configFiles = new Set<string>();
  const terraformDirs = new Map<string, string[]>();

  // Serverless configs first: the files they include with `${file()}` are part of them, not
  // templates of their own (a `resources/queues.yml` would otherwise be loaded twice).
  const serverlessFirst = [...files].sort((a, b) => Number(!SERVERLESS_NAME.test(posix.basename(a))) - Number(!SERVERLESS_NAME.test(posix.basename(b))));
  const included = new Set<string>();
  let configChars = 0;
  const maxConfigChars = options.maxConfigChars ?? MAX_CONFIG_CHARS_PER_RUN;
  /** Whether a config of `chars` characters fits in what one run loads; if not, it gets an error and is skipped. */
  const withinRunBudget = (file: string, chars: number): boolean => {
    if (configChars + chars <= maxConfigChars) {
      configChars += chars;
      return true;
    }
    const size = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
    diagnostics.push(
      readDiagnostic(
        file,
        `not read: with the ${size(configChars)} of deploy configs before it, this ${size(chars)} file passes the ${size(maxConfigChars)} that one run reads; check fewer paths per run`,
        options.allowUnreadableConfigs ? 'warning' : 'error',
      ),
    );
    return false;
  };
  for (const file of serverlessFirst) {
    if (included.has(file)) continue;
    const name = posix.basename(file);
    if (file.endsWith('.tf.json')) {
      diagnostics.push({
        ruleId: 'parse-error',
        severity: 'info',
        message: 'Terraform JSON (.tf.json) is not read: functions defined in this file are not checked',
        loc: { file, line: 1, column: 1 },
      });
      continue;
    }
    if (file.endsWith('.tf')) {
      const dir = posix.dirname(file);
      terraformDirs.set(dir, [...(terraformDirs.get(dir) ?? []), file]);
      continue;
    }
    const isServerlessName = SERVERLESS_NAME.test(name);
    const maybeTemplate = TEMPLATE_EXT.test(name) && !NOT_A_TEMPLATE.test(file);
    const maybeCdk = CDK_EXT.test(name);
    if (!isServerlessName && !maybeTemplate && !maybeCdk) continue;

    const outcome = host.read(file);
    if (!outcome.ok) {
      // A file we cannot read is reported when it is named like a config; others are skipped quietly.
      // A deploy config that cannot be read fails the run (padding the only serverless.yml past the
      // size limit must not pass CI), unless the caller allows it (`--allow-unreadable-configs`).
      if (isServerlessName || /template/i.test(name) || outcome.reason === 'too-large') {
        diagnostics.push(readDiagnostic(file, outcome.detail, options.allowUnreadableConfigs ? 'warning' : 'error'));
      }
      continue;
    }
    const text = outcome.text;
    // UTF-16 without a byte order mark reads as text full of NULs: no config pattern matches it,
    // so a file named like a config would be skipped without a word.
    const nul = isServerlessName || /template/i.test(name) ? text.indexOf('\u0000') : -1;
    if (nul >= 0) {
      const before = text.slice(0, nul);
      const line = before.split('\n').length;
      diagnostics.push({
        ruleId: 'parse-error',
        message: 'not a text file (NUL byte; UTF-16 text needs a byte order mark)',
        loc: { file, line, column: nul - before.lastIndexOf('\n') },
      });
      continue;
    }
    const load = (loader: () => LoadResult): void => {
      configFiles.add(file);
      const result = guard(file, loader);
      for (const include of result.includedFiles ?? []) {
        included.add(include);
        configFiles.add(include);
      }
      results.push({ file, result });
    };
    if (isServerlessName && isServerlessConfig(file, text)) {
      if (withinRunBudget(file, text.length)) load(() => loadServerless(file, text, host));
    } else if (maybeTemplate && isCloudFormationTemplate(text)) {
      if (withinRunBudget(file, text.length)) load(() => loadCloudFormation(file, text, host));
    } else if (maybeCdk && isCdkFile(text, file) && (text.length > MAX_CDK_FILE_BYTES || withinRunBudget(file, text.length))) {
      // A stack over its own size limit is reported by the loader, unread: it costs nothing.
      cdkFiles.push({ file, text });
    }
  }
  // A template `cdk synth` wrote is build output when the CDK app is here (its stacks are read
  // instead), like cdk.out: not linted.
  const cdkApp = cdkFiles.length > 0 || files.some((f) => posix.basename(f) === 'cdk.json');
  const isBuildOutput = (result: LoadResult): boolean => cdkApp && result.cdkSynthesized === true;
  const announce = async (from: number): Promise<void> => {
    const functions = results.slice(from).flatMap(({ result }) => (isBuildOutput(result) ? [] : result.functions));
    if (functions.length > 0) options.onFunctions?.(functions);
    await yieldToEventLoop();
  };
  await announce(0);

  const cdkStart = results.length;
  for (const { file, text } of cdkFiles) {
    configFiles.add(file);
    results.push({ file, result: guard(file, () => loadCdk(file, text, host)) });
    // Let lint workers that finished their files get more (each stack takes tens of milliseconds).
    if (options.onFunctions) await yieldToEventLoop();
  }
  dropInstantiated(results.slice(cdkStart).map((r) => r.result));
  await announce(cdkStart);

  const terraformStart = results.length;

  for (const [dir, allTfFiles] of [...terraformDirs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Unreadable files and files over the Terraform size limit are left to the loader, which says why.
    const tfFiles = allTfFiles.sort().filter((f) => {
      const read = host.read(f);
      return !read.ok || read.text.length > MAX_TERRAFORM_FILE_BYTES || withinRunBudget(f, read.text.length);
    });
    if (tfFiles.length === 0) continue;
    let result: LoadResult;
    try {
      result = await loadTerraformModule(dir, tfFiles, host);
    } catch (error) {
      result = internalError(tfFiles[0], error);
    }
    if (result.functions.length > 0 || result.diagnostics.length > 0 || result.queues.length > 0 || (result.permissions?.length ?? 0) > 0) {
      for (const f of tfFiles) configFiles.add(f);
    }
    results.push({ file: tfFiles[0], result });
  }
  dropInstantiated(results.slice(terraformStart).map((r) => r.result));
  await announce(terraformStart);

  const kept = results.filter(({ result }) => !isBuildOutput(result));
  for (const { file, result } of results) if (isBuildOutput(result)) configFiles.delete(file);

  const model: ProjectModel = { functions: [], queues: [], logGroups: [], diagnostics, configFiles: [...configFiles].sort() };
  for (const { result } of kept.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    appendAll(model.functions, result.functions);
    appendAll(model.queues, result.queues);
    appendAll(model.logGroups, result.logGroups);
    appendAll(model.diagnostics, result.diagnostics);
    if (result.permissions?.length) appendAll((model.permissions ??= []), result.permissions);
    if (result.duplicateKeys?.length) appendAll((model.duplicateKeys ??= []), result.duplicateKeys);
    if (result.detachedTriggers?.length) appendAll((model.detachedTriggers ??= []), result.detachedTriggers);
    if (result.detachedFunctionUrls?.length) appendAll((model.detachedFunctionUrls ??= []), result.detachedFunctionUrls);
    if (result.ignoredRules) model.ignoredRules = [...(model.ignoredRules ?? []), ...result.ignoredRules];
  }
  // Parse errors in deploy configs are errors by default; allowed, they only warn.
  if (options.allowUnreadableConfigs) {
    for (const d of model.diagnostics) if (d.ruleId === 'parse-error' && (d.severity ?? 'error') === 'error') d.severity = 'warning';
  }
  return model;
}

/**
 * Functions that another config of the group instantiates (a Terraform local module's function,
 * a CDK construct's inner function) are templates: each call is the function, so the template's
 * own copy, whose values are the unset variables or props, goes.
 */
function dropInstantiated(group: LoadResult[]): void {
  const key = (loc: { file: string; line: number; column: number }) => `${loc.file}:${loc.line}:${loc.column}`;
  const templates = new Set(group.flatMap((r) => (r.instantiated ?? []).map(key)));
  if (templates.size === 0) return;
  for (const result of group) result.functions = result.functions.filter((f) => !templates.has(key(f.source)));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function guard(file: string, loader: () => LoadResult): LoadResult {
  try {
    return loader();
  } catch (error) {
    return internalError(file, error);
  }
}

function internalError(file: string, error: unknown): LoadResult {
  return {
    functions: [],
    queues: [],
    logGroups: [],
    diagnostics: [{
      ruleId: 'internal-error',
      message: `lambdalint failed to load this file (${error instanceof Error ? error.message : String(error)}); the rest of the project was analysed (please report it).`,
      loc: { file, line: 1, column: 1 },
    }],
  };
}

function readDiagnostic(file: string, detail: string, severity: 'error' | 'warning'): LoadDiagnostic {
  return { ruleId: 'parse-error', message: detail, loc: { file, line: 1, column: 1 }, severity };
}
