/**
 * Files larger than this are not parsed: they become a `parse-error` note and the rest of the
 * project is still analysed. Real templates and handlers are far smaller; a file this large is
 * generated output or data. Documented in README ("Limits").
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Directories never searched: dependencies, VCS data and build output of the deploy tools. */
export const DEFAULT_IGNORED_DIRS = [
  'node_modules',
  '.git',
  'cdk.out',
  '.aws-sam',
  '.serverless',
  '.terraform',
  '.build',
  '.esbuild',
  '.webpack',
  'dist',
  'build',
  'coverage',
];
