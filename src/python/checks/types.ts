import type { Node } from 'web-tree-sitter';
import type { TriggerKind } from '../../model/index.js';

/** A handler of this module that a deploy config names, with what invokes it. */
export interface PythonHandler {
  /** Module-level name Lambda calls (`lambda_handler`). */
  name: string;
  /** Its `function_definition` (or `decorated_definition`), or the assignment that binds it (`handler = Mangum(app)`). */
  node: Node;
  triggers: TriggerKind[];
  runtime?: string;
  /** Deploy-config function names served by this handler. */
  functions: string[];
  /** Smallest configured batch size over its batch triggers, when set. */
  batchSize?: number;
  /**
   * Largest batch an invocation can get (configured, or the AWS default when unset) over every
   * function served by this handler; unset when one of them has no batch trigger or a size that is a reference.
   */
  maxBatchSize?: number;
}

export interface PythonCheckReport {
  /** One of the rule's `meta.messages` ids: Python findings use the same messages as JavaScript. */
  messageId: string;
  node: Node;
  data?: Record<string, string | number>;
}

export interface PythonCheckContext {
  /** Relative to the analysis root. */
  file: string;
  source: string;
  root: Node;
  /** Handlers of this module named by deploy configs; empty for a helper module. */
  handlers: PythonHandler[];
  /** The rule's options, as configured (defaults applied). */
  options: readonly unknown[];
  report(report: PythonCheckReport): void;
}

/** The Python visitor behind one rule id (the rule's file, docs page and messages are shared with JavaScript). */
export interface PythonCheck {
  run(context: PythonCheckContext): void;
}
