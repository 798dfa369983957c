/**
 * Appends in a loop: `push(...items)` passes every item as an argument, and past about 120,000
 * (findings or functions of a large project) that overflows the stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
