import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  format: FormatName;
  outputFile?: string;
  maxWarnings?: number;
  quiet: boolean;
  config?: string;
  ignorePatterns: string[];
  allFiles: boolean;
  reportUnusedDisableDirectives: boolean;
  baseline?: string;
  baselineWrite?: string;
  gitignore: boolean;
  listFunctions: boolean;
  allowUnreadableConfigs: boolean;
  help: boolean;
  version: boolean;
}

export const HELP = `Usage: lambdalint [options] [paths...]

Lints AWS Lambda handler code and deploy configs (Serverless Framework, AWS SAM /
CloudFormation, Terraform, AWS CDK in TypeScript) and checks them against each other.
Paths default to the current directory. Given files (as pre-commit does), lambdalint
analyses the functions those files belong to.

Options:
  -f, --format <name>            stylish (default), json, sarif, github, junit
  -o, --output-file <file>       write the report to a file instead of stdout
      --max-warnings <n>         exit 1 when there are more than n warnings
      --quiet                    report errors only
  -c, --config <file>            lambdalint.config.json to use (default: the one in the
                                 current directory, or the "lambdalint" key of package.json)
      --ignore-pattern <glob>    files to skip, gitignore syntax (repeatable)
      --no-gitignore             do not skip files listed in .gitignore
      --all-files                also lint JS/TS files that no function reaches
      --report-unused-disable-directives
                                 report suppression comments that suppress nothing
      --baseline <file>          report only findings not recorded in the baseline
      --baseline-write <file>    record the current findings as the baseline and exit 0
      --list-functions           list every function found and whether its code was
                                 checked (stylish: a table; json: an array), then exit 0
      --allow-unreadable-configs a deploy config that cannot be read (over a size limit,
                                 unparseable) is a warning instead of failing the run
  -h, --help                     show this help
  -v, --version                  print the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or internal failure.`;

/** Parses argv (without node and script). Throws UsageError with a one-line fix on bad input. */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'ignore-pattern': { type: 'string', multiple: true },
        'no-gitignore': { type: 'boolean' },
        'all-files': { type: 'boolean' },
        'report-unused-disable-directives': { type: 'boolean' },
        baseline: { type: 'string' },
        'baseline-write': { type: 'string' },
        'list-functions': { type: 'boolean' },
        'allow-unreadable-configs': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown option '${unknown[1]}'; run 'lambdalint --help' for the list of options`);
    throw new UsageError(`${message.replace(/\.$/, '')}; run 'lambdalint --help' for usage`);
  }
  const values = parsed.values;
  const format = (values.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`unknown format '${values.format}'; use one of ${FORMATS.join(', ')}`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    // Digits only: Number() also takes '' (0) and '0x10' (16).
    maxWarnings = /^\d{1,9}$/.test(values['max-warnings']) ? Number(values['max-warnings']) : NaN;
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings takes a whole number of 0 or more, not '${values['max-warnings']}'`);
    }
  }
  if (values['list-functions'] && format !== 'stylish' && format !== 'json') {
    throw new UsageError(`--list-functions prints a table (stylish) or json, not ${format}; use --format json for a machine-readable list`);
  }
  if (values.baseline !== undefined && values['baseline-write'] !== undefined) {
    throw new UsageError('--baseline and --baseline-write cannot be used together; write the baseline first, then use it');
  }
  return {
    paths: parsed.positionals,
    format,
    outputFile: values['output-file'],
    maxWarnings,
    quiet: values.quiet ?? false,
    config: values.config,
    ignorePatterns: values['ignore-pattern'] ?? [],
    allFiles: values['all-files'] ?? false,
    reportUnusedDisableDirectives: values['report-unused-disable-directives'] ?? false,
    baseline: values.baseline,
    baselineWrite: values['baseline-write'],
    gitignore: !(values['no-gitignore'] ?? false),
    listFunctions: values['list-functions'] ?? false,
    allowUnreadableConfigs: values['allow-unreadable-configs'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
