import type { LambdaFunction } from '../model/index.js';

/**
 * Deploy plugins that add environment variables to every function of their config, so code may
 * read those names without a definition in the config. Checked 2026-12-06.
 * Checked and left out, since they add no variables: serverless-plugin-lambda-insights (a layer and
 * the CloudWatchLambdaInsightsExecutionRolePolicy, https://github.com/awslabs/serverless-plugin-lambda-insights),
 * serverless-plugin-tracing (X-Ray TracingConfig; the runtime sets _X_AMZN_TRACE_ID itself),
 * serverless-iam-roles-per-function (IAM roles only).
 */
export const PLUGIN_ENV_VARS: ReadonlyArray<{ plugin: string; prefix: string; source: string }> = [
  {
    plugin: 'serverless-plugin-datadog',
    prefix: 'DD_',
    // README: "Making the required configuration changes, such as adding environment variables" (DD_SITE, DD_API_KEY, DD_LOGS_INJECTION, DD_TRACE_ENABLED, DD_LAMBDA_HANDLER, ...).
    source: 'https://github.com/DataDog/serverless-plugin-datadog',
  },
  {
    plugin: 'serverless-newrelic-lambda-layers',
    prefix: 'NEW_RELIC_',
    // Sets NEW_RELIC_ACCOUNT_ID, NEW_RELIC_LAMBDA_HANDLER, NEW_RELIC_LICENSE_KEY, ... (the variables New Relic's layer reads).
    source: 'https://github.com/newrelic/serverless-newrelic-lambda-layers; https://docs.newrelic.com/docs/serverless-function-monitoring/aws-lambda-monitoring/instrument-lambda-function/env-variables-lambda/',
  },
];

/** Whether a deploy plugin of the function's config sets `name`. */
export function setByDeployPlugin(fn: Pick<LambdaFunction, 'deployPlugins'>, name: string): boolean {
  const plugins = fn.deployPlugins ?? [];
  return PLUGIN_ENV_VARS.some((p) => plugins.includes(p.plugin) && name.startsWith(p.prefix));
}
