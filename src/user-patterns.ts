/** Compiles the regular expressions a user gives in rule options. */
export function compilePatterns(patterns: readonly string[]): RegExp[] {
  const compiled: RegExp[] = [];
  for (const pattern of patterns) {
    try {
      compiled.push(new RegExp(pattern, 'u'));
    } catch {
      // An invalid pattern must not crash the lint run; it simply allows nothing.
    }
  }
  return compiled;
}
