/** Where a usage error was found: a file and, when known, a 1-based line and column. */
export interface UsageErrorLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A mistake the user can fix: an unknown option, a missing path, an invalid config or baseline file.
 * The message is one line, `file:line:col: what is wrong; what to do`, so the CLI prints it as is
 * and exits with `exitCode` (2). Internal failures are plain `Error`s, never this class.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
  readonly location: UsageErrorLocation | undefined;

  constructor(message: string, location?: UsageErrorLocation, options?: { cause?: unknown }) {
    super(oneLine(location ? `${formatLocation(location)}: ${message}` : message), options);
    this.location = location;
  }
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/** `file`, `file:line` or `file:line:col`. */
export function formatLocation(location: UsageErrorLocation): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return text;
}

/** Line breaks (from a file name or a value quoted from a config) would split the one-line message. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
