import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { LAMBDA_LIMITS, type LambdaLimit } from '../src/lambda-limits.js';
import { literal, type LambdaFunction, type Located, type SourceLocation } from '../src/model/index.js';

type LimitKey = keyof typeof LAMBDA_LIMITS;

/** At most this many function names in one message. */
const MAX_NAMED = 3;

export default createConfigRule({
  name: 'lambda-limits',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow memory, timeout, ephemeral storage, layer and environment values that Lambda rejects at deploy',
      recommended: 'error',
      sources: [...new Set(Object.values(LAMBDA_LIMITS).map((l: LambdaLimit) => l.source))],
    },
    messages: {
      outOfRange: '{{what}} {{value}} {{unit}} of {{functions}} is outside the {{min}}-{{max}} {{unit}} Lambda accepts, so the deploy fails.',
      tooManyLayers: 'The layer list of {{functions}} has {{value}} layers, more than the {{max}} Lambda accepts per function, so the deploy fails.',
      environmentTooLarge:
        'Environment variables of {{functions}} take at least {{value}} bytes, above the 4 KB (4,096 bytes) Lambda accepts in total, so the deploy fails.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // One finding per place that sets the value (a Globals/provider value shared by many functions is one cause).
    const byPlace = new Map<string, { key: LimitKey; value: number; loc: SourceLocation; functions: string[] }>();
    const add = (key: LimitKey, value: number, loc: SourceLocation, fn: LambdaFunction): void => {
      const id = `${key}@${loc.file}:${loc.line}:${loc.column}`;
      const entry = byPlace.get(id) ?? { key, value, loc, functions: [] };
      entry.functions.push(fn.name);
      byPlace.set(id, entry);
    };
    const checkRange = (key: 'memoryMb' | 'timeoutSeconds' | 'ephemeralStorageMb', located: Located<number> | undefined, fn: LambdaFunction): void => {
      const value = literal(located);
      if (!located || located.isDefault || typeof value !== 'number') return;
      const limit = LAMBDA_LIMITS[key];
      if (value < limit.min || value > limit.max) add(key, value, located.loc, fn);
    };
    return {
      function(fn) {
        checkRange('memoryMb', fn.memorySize, fn);
        checkRange('timeoutSeconds', fn.timeout, fn);
        checkRange('ephemeralStorageMb', fn.ephemeralStorageMb, fn);
        // A layer list given as one reference (`layers = var.layers`) is one entry here: never over-counted.
        if (fn.layers.length > LAMBDA_LIMITS.layers.max) add('layers', fn.layers.length, fn.layers[LAMBDA_LIMITS.layers.max].loc, fn);
        const bytes = environmentBytes(fn);
        if (bytes > LAMBDA_LIMITS.environmentBytes.max) add('environmentBytes', bytes, fn.environmentLoc ?? fn.source, fn);
      },
      project() {
        for (const { key, value, loc, functions } of byPlace.values()) {
          const limit: LambdaLimit = LAMBDA_LIMITS[key];
          const named = functions.length === 1
            ? `function '${functions[0]}'`
            : `${functions.length} functions (${functions.slice(0, MAX_NAMED).join(', ')}${functions.length > MAX_NAMED ? ', ...' : ''})`;
          const data = { what: capitalize(limit.what), value, unit: limit.unit, min: limit.min ?? 0, max: limit.max, functions: named };
          const messageId = key === 'environmentBytes' ? 'environmentTooLarge' : key === 'layers' ? 'tooManyLayers' : 'outOfRange';
          context.report({ messageId, data, loc, functions });
        }
      },
    };
  },
});

/**
 * Names plus literal values, UTF-8 bytes: a lower bound when some values are references (their
 * resolved size is unknown, so only what is certain is counted).
 */
function environmentBytes(fn: LambdaFunction): number {
  let total = 0;
  for (const [name, value] of Object.entries(fn.environment)) {
    total += Buffer.byteLength(name, 'utf8');
    const text = literal(value);
    if (typeof text === 'string') total += Buffer.byteLength(text, 'utf8');
  }
  return total;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
