import { UsageError } from '../errors.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FileResult, FormatContext, Formatter, RuleMetaSummary } from './types.js';

const FORMATTERS = { stylish, json, sarif, github, junit } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
export const DEFAULT_FORMAT: FormatName = 'stylish';

/** The formatter for `--format <name>`; an unknown name is a usage error listing the valid ones. */
export function getFormatter(name: string): Formatter {
  if (Object.hasOwn(FORMATTERS, name)) return FORMATTERS[name as FormatName];
  throw new UsageError(`unknown format "${name}"; use one of ${FORMAT_NAMES.join(', ')} (for example --format sarif)`);
}
