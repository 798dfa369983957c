import { ruleDocsUrl, type LambdalintDocs } from '../rule-creator.js';
import type { ConfigRuleReport } from '../config-rules/types.js';
import type { CrossRule, CrossRuleContext, CrossRuleVisitor } from './types.js';

interface CrossRuleSpec<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: { type: 'problem' | 'suggestion'; docs: LambdalintDocs; messages: Record<MessageIds, string>; schema: unknown[] };
  defaultOptions: Options;
  create(
    context: Omit<CrossRuleContext<Options>, 'report'> & {
      report(r: { messageId: MessageIds } & Omit<ConfigRuleReport, 'messageId'>): void;
    },
  ): CrossRuleVisitor;
}

/** Cross rules get the same docs URL convention as code and config rules. */
export function createCrossRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: CrossRuleSpec<Options, MessageIds>,
): CrossRule<Options> {
  return {
    name: spec.name,
    meta: { ...spec.meta, docs: { ...spec.meta.docs, url: ruleDocsUrl(spec.name) } },
    defaultOptions: spec.defaultOptions,
    create: spec.create as CrossRule<Options>['create'],
  };
}
