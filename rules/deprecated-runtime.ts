import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { ignoresRule } from '../src/config-rule-helpers.js';
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
        "Runtime '{{runtime}}' ({{name}}, used by {{functions}}) reached end of support on {{deprecated}}, and since {{blockUpdate}} Lambda blocks updating functions that use it: this deploy fails and the code can no longer be changed. Move to '{{replacement}}'. (Dates: AWS Lambda runtimes page, checked {{checked}}.)",
      createBlocked:
        "Runtime '{{runtime}}' ({{name}}, used by {{functions}}) reached end of support on {{deprecated}}, and since {{blockCreate}} Lambda blocks creating functions with it: deploying to a new stage, account or Region fails, updates are blocked from {{blockUpdate}}, and the runtime gets no security patches. Move to '{{replacement}}'. (Dates: AWS Lambda runtimes page, checked {{checked}}.)",
      deprecated:
        "Runtime '{{runtime}}' ({{name}}, used by {{functions}}) reached end of support on {{deprecated}}: Lambda no longer patches it and the functions are not eligible for technical support. Creating functions with it is blocked from {{blockCreate}} and updating them from {{blockUpdate}}. Move to '{{replacement}}'. (Dates: AWS Lambda runtimes page, checked {{checked}}.)",
      deprecationSoon:
        "Runtime '{{runtime}}' ({{name}}, used by {{functions}}) reaches end of support on {{deprecated}}, in {{days}} days: after that Lambda stops patching it, then blocks creating ({{blockCreate}}) and updating ({{blockUpdate}}) functions that use it. Plan the move to '{{replacement}}'. (Dates: AWS Lambda runtimes page, checked {{checked}}.)",
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
    const groups = new Map<string, { runtime: RuntimeLifecycle; written: string; loc: SourceLocation; functions: string[] }>();
    return {
      function(fn) {
        const written = literal(fn.runtime);
        if (typeof written !== 'string' || ignoresRule(fn, NAME)) return;
        const runtime = findRuntime(written);
        if (!runtime) return; // unknown identifiers are another rule's concern
        const loc = fn.runtime!.loc;
        const key = `${loc.file}\0${loc.line}\0${loc.column}\0${runtime.id}`;
        const group = groups.get(key);
        if (group) group.functions.push(fn.name);
        else groups.set(key, { runtime, written, loc, functions: [fn.name] });
      },
      project() {
        for (const { runtime, written, loc, functions } of groups.values()) {
          const status = runtimeStatus(runtime, context.now, noticeDays);
          if (status.stage === 'supported') continue;
          const messageId = MESSAGE_BY_STAGE[status.stage];
          context.report({
            messageId,
            data: {
              runtime: written,
              name: runtime.name,
              functions: functions.map((f) => `'${f}'`).join(', '),
              deprecated: runtime.deprecated ? formatRuntimeDate(runtime.deprecated) : 'not scheduled',
              blockCreate: runtime.blockCreate ? formatRuntimeDate(runtime.blockCreate) : 'a date not yet announced',
              blockUpdate: runtime.blockUpdate ? formatRuntimeDate(runtime.blockUpdate) : 'a date not yet announced',
              replacement: runtime.replacement ?? 'a newer runtime',
              days: status.daysUntilDeprecation ?? '',
              checked: RUNTIME_TABLE.checked,
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
