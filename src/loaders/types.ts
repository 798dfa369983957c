import type { ConflictingDuplicateKey, DetachedFunctionUrl, DetachedTrigger, IgnoredRule, InvokePermission, LambdaFunction, LoadDiagnostic, LogGroup, SourceLocation, SqsQueue } from '../model/index.js';

/** What the loaders may ask of the file system. Paths are relative to the analysis root. */
export interface LoaderHost {
  /** File text, or undefined when the file does not exist or cannot be read. */
  readFile(relativePath: string): string | undefined;
  fileExists(relativePath: string): boolean;
  /** Relative paths of files in a directory (non-recursive), sorted; [] when missing. */
  listDir(relativePath: string): string[];
}

/** What one loader read from one file (or one module directory for Terraform). */
export interface LoadResult {
  functions: LambdaFunction[];
  queues: SqsQueue[];
  logGroups: LogGroup[];
  diagnostics: LoadDiagnostic[];
  /** Template-level `Metadata.lambdalint.ignore` entries. */
  ignoredRules?: IgnoredRule[];
  permissions?: InvokePermission[];
  duplicateKeys?: ConflictingDuplicateKey[];
  detachedTriggers?: DetachedTrigger[];
  detachedFunctionUrls?: DetachedFunctionUrl[];
  /**
   * Other files this config read (serverless `${file(...)}` includes, relative to the root, sorted).
   * They are part of that config: loading them again on their own (a `resources/queues.yml`
   * looks like a template) would count their queues twice.
   */
  includedFiles?: string[];
  /** A template `cdk synth` wrote: build output when the CDK app is in the project. */
  cdkSynthesized?: boolean;
  /**
   * Where functions are defined that this config instantiates with its own values (a Terraform
   * local module's `aws_lambda_function`, a CDK construct's inner function): the copies loaded
   * from those files on their own are templates, not functions, and the project loader drops them.
   */
  instantiated?: SourceLocation[];
}

export function emptyResult(): LoadResult {
  return { functions: [], queues: [], logGroups: [], diagnostics: [] };
}

/** Conflicting duplicate keys of a parsed file, as the model keeps them. */
export function conflictingDuplicates(keys: ReadonlyArray<{ key: string; loc: ConflictingDuplicateKey['loc']; firstLoc: ConflictingDuplicateKey['firstLoc']; identical: boolean }> | undefined): ConflictingDuplicateKey[] {
  return (keys ?? []).filter((k) => !k.identical).map(({ key, loc, firstLoc }) => ({ key, loc, firstLoc }));
}
