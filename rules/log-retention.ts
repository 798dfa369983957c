import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { literal } from '../src/model/index.js';

/**
 * CloudWatch Logs keeps log events forever ("Never expire") unless the log group has a retention
 * policy, and the log group Lambda creates on first invocation (`/aws/lambda/<function>`) has none.
 * Terraform's `retention_in_days = 0` also means never expire. Checked 2026-11-27 (the AWS page's
 * stored copy was not reachable; its wording is quoted consistently by third parties):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
 * https://awslabs.github.io/serverless-rules/rules/lambda/log_retention/ (AWS Labs: "By default,
 * CloudWatch log groups created by Lambda functions have an unlimited retention time")
 */
export default createConfigRule({
  name: 'log-retention',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Require a retention period on each function's log group",
      recommended: 'off',
      strict: 'error',
      sources: [
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
        'https://awslabs.github.io/serverless-rules/rules/lambda/log_retention/',
      ],
    },
    messages: {
      noRetention:
        "{{fn}} sets no log retention: CloudWatch Logs keeps its logs forever and bills their storage every month.",
      neverExpire:
        "{{fn}} sets log retention to 0 (never expire): CloudWatch Logs keeps its logs forever and bills their storage every month.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(fn) {
        if (!fn.logRetentionDays) {
          context.report({ messageId: 'noRetention', data: { fn: fn.name }, loc: fn.source, functions: [fn.name] });
          return;
        }
        if (literal(fn.logRetentionDays) === 0) {
          context.report({ messageId: 'neverExpire', data: { fn: fn.name }, loc: fn.logRetentionDays.loc, functions: [fn.name] });
        }
      },
    };
  },
});
