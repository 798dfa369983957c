import type { CodeFacts, EnvRead } from '../code/facts.js';
import type { LinkedFunction } from './types.js';

/**
 * The environment accesses of one file that run for this function: in its handler file, only those
 * of the handler export it uses (another export's reads are another function's business), plus
 * module-scope ones; in every other file of its graph, all of them.
 */
export function envAccessesFor(linked: LinkedFunction, file: string, facts: CodeFacts): EnvRead[] {
  const { resolution } = linked;
  if (resolution.status !== 'found' || file !== resolution.file) return facts.envReads;
  return facts.envReads.filter((read) => !read.exports || read.exports.includes(resolution.exportName));
}
