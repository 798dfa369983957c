/**
 * A list of names for a message, capped so a message stays one short sentence:
 * `A`, `A and B`, `A, B and C`, `ArticlesShow, ArticlesRecent and 59 more`.
 */
export function nameList(names: readonly string[], shown = 2): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? '';
  if (unique.length <= shown + 1) return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `${unique.slice(0, shown).join(', ')} and ${unique.length - shown} more`;
}

/** `ArticlesShow` or `3 functions (ArticlesShow, ArticlesRecent and 1 more)`: a subject for a message. */
export function functionList(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1 ? (unique[0] ?? 'no function') : `${unique.length} functions (${nameList(unique)})`;
}
