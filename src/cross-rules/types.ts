import type { LambdalintDocs } from '../rule-creator.js';
import type { LambdaFunction, ProjectModel } from '../model/index.js';
import type { CodeFacts } from '../code/facts.js';
import type { HandlerResolution } from '../project/resolve-handler.js';
import type { LoaderHost } from '../loaders/types.js';
import type { ConfigRuleReport } from '../config-rules/types.js';

/** One function with its handler resolved and the code it runs. */
export interface LinkedFunction {
  fn: LambdaFunction;
  resolution: HandlerResolution;
  /** Files of the handler's module graph (handler file first), when found. */
  files: string[];
}

export interface CrossRuleContext<Options extends readonly unknown[]> {
  id: string;
  options: Options;
  model: ProjectModel;
  functions: LinkedFunction[];
  /** Code facts of a linted file, undefined when it was not linted. */
  facts(file: string): CodeFacts | undefined;
  host: LoaderHost;
  report(report: ConfigRuleReport): void;
}

export interface CrossRuleVisitor {
  function?(linked: LinkedFunction): void;
  project?(): void;
}

/** A rule over the model and the code facts: same shape as config and code rules. */
export interface CrossRule<Options extends readonly unknown[] = readonly unknown[]> {
  name: string;
  meta: {
    type: 'problem' | 'suggestion';
    docs: LambdalintDocs & { url: string };
    messages: Record<string, string>;
    schema: unknown[];
  };
  defaultOptions: Options;
  create(context: CrossRuleContext<Options>): CrossRuleVisitor;
}
