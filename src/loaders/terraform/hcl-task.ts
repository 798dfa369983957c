// Runs in the guard worker (`src/guard/guarded-worker.ts`): hcl2json's parse, with its failures as data.
import { createRequire } from 'node:module';

type Parse = (file: string, text: string) => Promise<unknown>;
/** Loaded on first use: loading the bridge starts the Go runtime (about 0.2 s). */
let parse: Parse | undefined;
const requireCjs = createRequire(import.meta.url);

export interface HclTaskResult {
  json?: unknown;
  /** The parser's error message (a syntax error), when it failed. */
  error?: string;
  /** The Go runtime failed (stack overflow, `unreachable`): this worker's parser cannot be used again. */
  broken?: boolean;
}

export async function parseHcl(input: { file: string; text: string }): Promise<HclTaskResult> {
  parse ??= (requireCjs('@cdktf/hcl2json') as { parse: Parse }).parse;
  try {
    return { json: await parse(input.file, input.text) };
  } catch (error) {
    const broken = error instanceof RangeError || (error instanceof Error && error.constructor.name === 'RuntimeError');
    if (broken) {
      // A new Go runtime: the bridge module instantiates the WebAssembly when it is first loaded.
      const bridge = requireCjs.resolve('@cdktf/hcl2json/lib/bridge.js');
      delete requireCjs.cache[bridge];
      parse = (requireCjs(bridge) as { parse: Parse }).parse;
    }
    return { error: error instanceof Error ? error.message : String(error), broken };
  }
}
