// A seeded sample of the lines Stryker mutates, for a run that must fit a session on two cores
// (`npm run mutate -- --sample=0.3`). Each file over SMALL_FILE_LINES lines is cut into blocks of
// BLOCK_LINES lines, and each block is kept with the given probability; smaller files are kept whole.
// The seed is the file's path, so the same files give the same sample on every run and machine, and
// an incremental rerun tests the same mutants. Mutants that span more than a block (a whole function
// body emptied, say) fall outside every range: they are nearly always killed, so a sampled score
// tends to be lower than the full one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';

const BLOCK_LINES = 6;
const SMALL_FILE_LINES = 80;

/** Stryker `mutate` patterns (file:startLine-endLine) for a sample of the files the globs match. */
export function sampleMutatePatterns(root, globs, fraction) {
  const include = globs.filter((glob) => !glob.startsWith('!'));
  const ignore = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const patterns = [];
  for (const file of fg.sync(include, { cwd: root, ignore }).sort()) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n').length;
    if (lines <= SMALL_FILE_LINES) {
      patterns.push(file);
      continue;
    }
    const random = seededRandom(file);
    for (let start = 1; start <= lines; start += BLOCK_LINES) {
      if (random() < fraction) patterns.push(`${file}:${start}-${Math.min(lines, start + BLOCK_LINES - 1)}`);
    }
  }
  return patterns;
}

// mulberry32, seeded with a 32-bit FNV-1a hash of the text.
function seededRandom(text) {
  let state = 0x811c9dc5;
  for (const char of text) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
