import type { Rule } from 'eslint';

export interface RuleFailure {
  ruleId: string;
  message: string;
}

/**
 * Wraps a rule so that an exception in its `create` or in any listener is recorded instead of
 * aborting the whole file: ESLint's Linter would otherwise throw for the file and lose every
 * other rule's findings. After a failure the rule stays silent for the rest of that file.
 */
export function guardRule(ruleId: string, rule: Rule.RuleModule, onFailure: (failure: RuleFailure) => void): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        onFailure({ ruleId, message: error instanceof Error ? error.message : String(error) });
      };
      let listeners: Rule.RuleListener;
      try {
        listeners = rule.create(context);
      } catch (error) {
        fail(error);
        return {};
      }
      const guarded: Rule.RuleListener = {};
      for (const [selector, listener] of Object.entries(listeners)) {
        if (typeof listener !== 'function') continue;
        guarded[selector] = (...args: unknown[]) => {
          if (failed) return;
          try {
            (listener as (...a: unknown[]) => void)(...args);
          } catch (error) {
            fail(error);
          }
        };
      }
      return guarded;
    },
  };
}
