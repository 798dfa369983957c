import type { LambdalintDocs } from '../rule-creator.js';
import type { LambdaFunction, ProjectModel, SourceLocation } from '../model/index.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface ConfigRuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  loc: SourceLocation;
  /** Lower the rule's configured severity for this finding (e.g. an info note). Never raises it. */
  severity?: FindingSeverity;
  /** Functions the finding concerns, for messages and de-duplication. */
  functions?: string[];
}

export interface ConfigRuleContext<Options extends readonly unknown[]> {
  id: string;
  options: Options;
  model: ProjectModel;
  /** "Today", injectable for date-dependent rules (deprecated-runtime). */
  now: Date;
  /**
   * Ids of the functions whose Node.js handler takes a callback (third parameter), when the
   * handler code was analysed; undefined in a config-only run.
   */
  callbackHandlers?: ReadonlySet<string>;
  report(report: ConfigRuleReport): void;
}

export interface ConfigRuleVisitor {
  /** Called once per function, in model order. */
  function?(fn: LambdaFunction): void;
  /** Called once after all functions. */
  project?(model: ProjectModel): void;
}

export interface ConfigRuleMeta {
  type: 'problem' | 'suggestion';
  docs: LambdalintDocs & { url: string };
  messages: Record<string, string>;
  schema: unknown[];
}

/** A rule over the deploy-config model: same shape as an ESLint rule (meta + create(context)). */
export interface ConfigRule<Options extends readonly unknown[] = readonly unknown[]> {
  name: string;
  meta: ConfigRuleMeta;
  defaultOptions: Options;
  create(context: ConfigRuleContext<Options>): ConfigRuleVisitor;
}
