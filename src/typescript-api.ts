import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

let api: typeof TypeScript | undefined;

function load(): typeof TypeScript {
  api ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return api;
}

/**
 * The TypeScript compiler API, loaded on first use. It is one 9 MB CommonJS file that costs
 * 0.3-0.5 s to load, needed only for CDK stacks, `serverless.ts` and tsconfig files; and it is
 * loaded with `require`, because an ESM `import` of it makes Node also scan the whole file twice
 * (module-format detection, CommonJS export names): another 0.3 s.
 */
export const ts: typeof TypeScript = new Proxy({} as typeof TypeScript, {
  get: (_, key) => load()[key as keyof typeof TypeScript],
});
