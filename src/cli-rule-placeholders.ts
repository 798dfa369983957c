import type { Rule } from 'eslint';
import { configRules } from '../rules/config-index.js';
import { crossRules } from '../rules/cross-index.js';

/**
 * The config and cross rules as ESLint sees them. Only the CLI can check them (they need the deploy
 * configs), but their findings can land in code (`undefined-env-var` at `process.env.X`), where
 * users write `// eslint-disable-next-line lambdalint/undefined-env-var`. ESLint must know these
 * names, or it reports "Definition for rule ... was not found".
 *
 * A placeholder reports one problem on the line an `eslint-disable` comment naming it covers, and
 * ESLint suppresses it there at once: nothing shows in the editor, and ESLint does not call the
 * comment unused (the CLI does, when the finding it suppressed is gone).
 */
export const PLACEHOLDER_MESSAGE_ID = 'checkedByCli';

interface RuleWithMeta {
  meta: { type: string; docs?: { description?: string; url?: string }; schema?: unknown };
}

function placeholder(id: string, rule: RuleWithMeta): Rule.RuleModule {
  const self = `lambdalint/${id}`;
  return {
    meta: {
      type: rule.meta.type as 'problem' | 'suggestion',
      docs: {
        description: `${rule.meta.docs?.description ?? id} (checked by the lambdalint CLI; reports nothing in ESLint)`,
        url: rule.meta.docs?.url,
      },
      // The rule's own options, so an ESLint config may carry them.
      schema: rule.meta.schema as Rule.RuleMetaData['schema'],
      messages: { [PLACEHOLDER_MESSAGE_ID]: `'{{id}}' is checked by the lambdalint CLI; this comment suppresses it here.` },
    },
    create(context) {
      return {
        Program() {
          const source = context.sourceCode;
          for (const comment of source.getAllComments()) {
            const match = /^\s*eslint-disable(-next-line|-line)?\s([^\n]*)$/.exec(comment.value);
            if (!match || !comment.loc) continue;
            const names = match[2].split(/\s-{2,}\s/)[0].split(/[\s,]+/);
            if (!names.includes(self)) continue;
            const loc =
              match[1] === '-next-line'
                ? { line: comment.loc.end.line + 1, column: 0 }
                : match[1] === '-line'
                  ? { line: comment.loc.start.line, column: 0 }
                  : comment.loc.end;
            if (loc.line > source.lines.length) continue;
            context.report({ loc, messageId: PLACEHOLDER_MESSAGE_ID, data: { id } });
          }
        },
      };
    },
  };
}

/** Placeholders for every config and cross rule, by id. */
export const cliRulePlaceholders: Record<string, Rule.RuleModule> = Object.fromEntries(
  [...Object.entries(configRules), ...Object.entries(crossRules)].map(([id, rule]) => [id, placeholder(id, rule as unknown as RuleWithMeta)]),
);
