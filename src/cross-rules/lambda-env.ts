import type { LambdaFunction } from '../model/index.js';

/**
 * Environment variables the Lambda runtime sets itself, so code may read them without a
 * definition in the deploy config. Source: "Defined runtime environment variables",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html (checked 2026-11-27).
 */
export const RUNTIME_ENV_VARS: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  // Unreserved, but set by the runtime.
  'LANG',
  'PATH',
  'LD_LIBRARY_PATH',
  'NODE_PATH',
  'PYTHONPATH',
  'TZ',
  'AWS_XRAY_CONTEXT_MISSING',
  'AWS_XRAY_DAEMON_ADDRESS',
  '_AWS_XRAY_DAEMON_ADDRESS',
  '_AWS_XRAY_DAEMON_PORT',
  'AWS_LAMBDA_DOTNET_PREJIT',
  'AWS_LAMBDA_LOG_FORMAT',
  'AWS_LAMBDA_LOG_LEVEL',
]);

/**
 * Variables whose absence code usually handles on purpose: `NODE_ENV` (bundlers inline it; unset
 * means production), `IS_OFFLINE` / `IS_LOCAL` (set by serverless-offline and `sam local`),
 * `CI`, `JEST_WORKER_ID`, `VITEST` (test runners).
 */
export const OPTIONAL_BY_CONVENTION: ReadonlySet<string> = new Set([
  'NODE_ENV',
  'IS_OFFLINE',
  'IS_LOCAL',
  'AWS_SAM_LOCAL',
  'CI',
  'JEST_WORKER_ID',
  'VITEST',
  'DEBUG',
]);

/**
 * Variables read by the runtime or by libraries, not by the function's own code, so a definition
 * that no code reads is still used: Node options, SDK settings, Powertools, tracing and APM agents.
 */
export function isConsumedOutsideCode(name: string): boolean {
  return (
    /^(AWS_|POWERTOOLS_|OTEL_|DD_|NEW_RELIC_|NEWRELIC_|SENTRY_|LUMIGO_|EPSAGON_|THUNDRA_|NODE_|JAVA_|PYTHON|DOTNET_|_JAVA_)/.test(name) ||
    // libpq's connection variables, read by `pg` (node-postgres) and other Postgres clients.
    /^PG(HOST|HOSTADDR|PORT|USER|PASSWORD|DATABASE|SSLMODE|SSLROOTCERT|SSLCERT|SSLKEY|APPNAME|OPTIONS|CONNECT_TIMEOUT|SERVICE)$/.test(name) ||
    // Proxy settings, read by HTTP clients and by Node itself (NODE_USE_ENV_PROXY).
    /^(HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy)$/.test(name) ||
    ['LOG_LEVEL', 'DEBUG', 'TZ', 'DATABASE_URL', 'LANG', 'LC_ALL', 'HOME', 'PATH', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'].includes(name)
  );
}

/**
 * Whether the function's environment names are all known. Loaders set `environmentUnknown` when
 * they see a block they cannot enumerate; an environment block from which no variable at all
 * could be read (`environment: ${file(env.yml)}`, Terraform `variables = merge(...)`) is taken
 * as unknown too, so a missing definition is never reported from a block that was not read.
 */
export function environmentKnown(fn: Pick<LambdaFunction, 'environment' | 'environmentLoc' | 'environmentUnknown'>): boolean {
  if (fn.environmentUnknown) return false;
  return fn.environmentLoc === undefined || Object.keys(fn.environment).length > 0;
}
