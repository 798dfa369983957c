// Types of the generators in hostile-cases.mjs, for the regression tests that use them.
export function put(root: string, path: string, text: string): void;
export function serverlessExpansion(levels?: number, fan?: number): string;
export function cloudFormationExpansion(levels?: number, fan?: number, base?: number, kind?: string): string;
export function cdkExpansion(levels?: number, fan?: number, kind?: 'template' | 'plus', base?: number): string;
export function nestedHandler(depth?: number): string;
export function aliasFanOut(keys?: number, aliases?: number): string;
export function bigTemplate(bytes: number): string;
export function bigTerraformList(bytes: number): string;
export function terraformFunction(i: number): string;
export function manyTerraformBlocks(blocks: number): string;
export function minifiedHandler(bytes: number): string;
export function manyVariables(count: number): string;
export function manyFindings(count: number): string;
export const CASES: Array<{ name: string; what: string; write(dir: string, scale?: number): string[] | void }>;
