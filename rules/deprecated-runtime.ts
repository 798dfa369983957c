import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { ignoresRule } from '../src/config-rule-helpers.js';
import { nameList } from '../src/name-list.js';
import { literal, type SourceLocation } from '../src/model/index.js';
import {
  findRuntime,
  formatRuntimeDate,
  RUNTIME_TABLE,
  runtimeStatus,
  type RuntimeLifecycle,
  type RuntimeStage,
} from '../src/runtimes.js';

type Options = [{ noticeDays?: number }];

const NAME = 'deprecated-runtime';
const DEFAULT_NOTICE_DAYS = 90;

const MESSAGE_BY_STAGE = {
  'update-blocked': 'updateBlocked',
  'create-blocked': 'createBlocked',
  deprecated: 'deprecated',
  'deprecation-soon': 'deprecationSoon',
} as const satisfies Partial<Record<RuntimeStage, string>>;

export default createConfigRule<Options, (typeof MESSAGE_BY_STAGE)[keyof typeof MESSAGE_BY_STAGE]>({
  name: NAME,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Lambda runtimes that are deprecated or about to be',
      recommended: 'error',
      sources: [
        RUNTIME_TABLE.source,
        'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
        RUNTIME_TABLE.crossCheck,
      ],
    },
    messages: {
      updateBlocked:
        "Runtime {{runtime}} of {{functions}} is unsupported and blocked for updates since {{blockUpdate}}: deploys fail; move to {{replacement}}{{callbacks}}.",
      createBlocked:
        "Runtime {{runtime}} of {{functions}} is unsupported and blocked for new functions since {{blockCreate}}: new stages fail; move to {{replacement}}{{callbacks}}.",
      deprecated:
        "Runtime {{runtime}} of {{functions}} lost support on {{deprecated}} (no patches; creates blocked from {{blockCreate}}): move to {{replacement}}{{callbacks}}.",
      deprecationSoon:
        "Runtime {{runtime}} of {{functions}} loses support in {{days}} days ({{deprecated}}), then gets no security patches: plan the move to {{replacement}}{{callbacks}}.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          noticeDays: { type: 'integer', minimum: 0, description: 'Report an info note this many days before deprecation.' },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ noticeDays: DEFAULT_NOTICE_DAYS }],
  create(context) {
    const noticeDays = context.options[0]?.noticeDays ?? DEFAULT_NOTICE_DAYS;
    // Functions inheriting one `Runtime:` line (Globals, provider) share one finding.
    const groups = new Map<string, { runtime: RuntimeLifecycle; written: string; loc: SourceLocation; functions: string[]; callbacks: number }>();
    return {
      function(fn) {
        const written = literal(fn.runtime);
        if (typeof written !== 'string' || ignoresRule(fn, NAME)) return;
        const runtime = findRuntime(written);
        if (!runtime) return; // unknown identifiers are another rule's concern
        const loc = fn.runtime!.loc;
        const key = `${loc.file}\0${loc.line}\0${loc.column}\0${runtime.id}`;
        const callback = context.callbackHandlers?.has(fn.id) ? 1 : 0;
        const group = groups.get(key);
        if (group) {
          group.functions.push(fn.name);
          group.callbacks += callback;
        } else groups.set(key, { runtime, written, loc, functions: [fn.name], callbacks: callback });
      },
      project() {
        for (const { runtime, written, loc, functions, callbacks } of groups.values()) {
          const status = runtimeStatus(runtime, context.now, noticeDays);
          if (status.stage === 'supported') continue;
          const messageId = MESSAGE_BY_STAGE[status.stage];
          context.report({
            messageId,
            data: {
              runtime: written,
              functions: nameList(functions),
              deprecated: runtime.deprecated ? formatRuntimeDate(runtime.deprecated) : 'not scheduled',
              blockCreate: runtime.blockCreate ? formatRuntimeDate(runtime.blockCreate) : 'a date not yet announced',
              blockUpdate: runtime.blockUpdate ? formatRuntimeDate(runtime.blockUpdate) : 'a date not yet announced',
              replacement: runtime.replacement ?? 'a newer runtime',
              days: status.daysUntilDeprecation ?? '',
              callbacks: callbackNote(runtime.replacement, callbacks),
            },
            loc,
            severity: status.stage === 'deprecated' ? 'warning' : status.stage === 'deprecation-soon' ? 'info' : undefined,
            functions,
          });
        }
      },
    };
  },
});

/** nodejs24.x refuses callback handlers: moving there means changing them first. */
function callbackNote(replacement: string | undefined, callbacks: number): string {
  const major = /^nodejs(\d+)/.exec(replacement ?? '')?.[1];
  if (major === undefined || Number(major) < 24 || callbacks === 0) return '';
  return ` (${callbacks} ${callbacks === 1 ? 'handler uses' : 'handlers use'} callbacks)`;
}
