/**
 * Files larger than this are not parsed: they become a `parse-error` note and the rest of the
 * project is still analysed. Real templates and handlers are far smaller; a file this large is
 * generated output or data. Documented in README ("Limits").
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Deploy configs one run loads, in total (characters of YAML, JSON, CDK and Terraform text).
 * The model and the config rules' work grow with it (a 4.9 MB SAM template of 20,000 functions
 * peaked at 380 MB, four of them at 740 MB); past this total, further configs are not read, so
 * the run stays under its 1 GB bound. The largest project of our corpus has 1.4 MB of configs.
 * Documented in README ("Limits").
 */
export const MAX_CONFIG_CHARS_PER_RUN = 10 * 1024 * 1024;

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
