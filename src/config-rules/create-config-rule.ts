import { ruleDocsUrl, type LambdalintDocs } from '../rule-creator.js';
import type { ConfigRule, ConfigRuleContext, ConfigRuleVisitor } from './types.js';

interface ConfigRuleSpec<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: {
    type: 'problem' | 'suggestion';
    docs: LambdalintDocs;
    messages: Record<MessageIds, string>;
    schema: unknown[];
  };
  defaultOptions: Options;
  create(context: ConfigRuleContext<Options> & { report(r: { messageId: MessageIds } & Omit<Parameters<ConfigRuleContext<Options>['report']>[0], 'messageId'>): void }): ConfigRuleVisitor;
}

/** Config rules get the same docs URL convention as code rules. */
export function createConfigRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: ConfigRuleSpec<Options, MessageIds>,
): ConfigRule<Options> {
  return {
    name: spec.name,
    meta: { ...spec.meta, docs: { ...spec.meta.docs, url: ruleDocsUrl(spec.name) } },
    defaultOptions: spec.defaultOptions,
    create: spec.create as ConfigRule<Options>['create'],
  };
}
