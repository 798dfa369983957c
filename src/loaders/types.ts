import type { ConflictingDuplicateKey, DetachedFunctionUrl, DetachedTrigger, InvokePermission, LambdaFunction, LoadDiagnostic, LogGroup, SqsQueue } from '../model/index.js';

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
}

export function emptyResult(): LoadResult {
  return { functions: [], queues: [], logGroups: [], diagnostics: [] };
}

/** Conflicting duplicate keys of a parsed file, as the model keeps them. */
export function conflictingDuplicates(keys: ReadonlyArray<{ key: string; loc: ConflictingDuplicateKey['loc']; firstLoc: ConflictingDuplicateKey['firstLoc']; identical: boolean }> | undefined): ConflictingDuplicateKey[] {
  return (keys ?? []).filter((k) => !k.identical).map(({ key, loc, firstLoc }) => ({ key, loc, firstLoc }));
}
