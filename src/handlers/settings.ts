import { isTriggerKind, type TriggerKind } from '../model/trigger.js';

/** One handler export named by the caller (the CLI passes these from the deploy config). */
export interface HandlerSetting {
  /** Export name, e.g. `handler` for `src/app.handler`. */
  export: string;
  trigger?: TriggerKind[];
  runtime?: string;
  /** Deploy-config function names this export serves, for messages. */
  functions?: string[];
  /**
   * Largest number of records one invocation can get over its SQS, Kinesis and DynamoDB-stream
   * triggers (an unset batch size counts as the AWS default); absent when unknown (a reference).
   */
  maxBatchSize?: number;
}

/** `settings.lambdalint` as read from an ESLint config. */
export interface LambdalintSettings {
  handlerNames: string[];
  /** When set, exactly these exports are handlers and the name heuristic is off. */
  handlers?: HandlerSetting[];
  runtime?: string;
}

export const DEFAULT_HANDLER_NAMES = ['handler', 'lambdaHandler', 'main'];

const cache = new WeakMap<object, LambdalintSettings>();

/** Reads and normalises `settings.lambdalint`; tolerant of any shape a user writes. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): LambdalintSettings {
  const raw = (settings ?? {}).lambdalint;
  if (raw && typeof raw === 'object') {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const result = normalise(raw);
  if (raw && typeof raw === 'object') cache.set(raw, result);
  return result;
}

function normalise(raw: unknown): LambdalintSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const names = Array.isArray(obj.handlerNames)
    ? obj.handlerNames.filter((n): n is string => typeof n === 'string')
    : DEFAULT_HANDLER_NAMES;
  const runtime = typeof obj.runtime === 'string' ? obj.runtime : undefined;
  let handlers: HandlerSetting[] | undefined;
  if (Array.isArray(obj.handlers)) {
    handlers = obj.handlers.flatMap((h): HandlerSetting[] => {
      if (typeof h === 'string') return [{ export: h }];
      if (!h || typeof h !== 'object') return [];
      const rec = h as Record<string, unknown>;
      if (typeof rec.export !== 'string') return [];
      const triggers = (Array.isArray(rec.trigger) ? rec.trigger : [rec.trigger]).filter(isTriggerKind);
      return [{
        export: rec.export,
        trigger: triggers.length > 0 ? triggers : undefined,
        runtime: typeof rec.runtime === 'string' ? rec.runtime : runtime,
        functions: Array.isArray(rec.functions) ? rec.functions.filter((f): f is string => typeof f === 'string') : undefined,
        ...(typeof rec.maxBatchSize === 'number' ? { maxBatchSize: rec.maxBatchSize } : {}),
      }];
    });
  }
  return { handlerNames: names, handlers, runtime };
}
