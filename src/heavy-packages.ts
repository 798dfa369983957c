/**
 * npm packages that are known to be heavy to load in a Lambda function and that
 * have a lighter alternative. Each entry keeps the figure and the source it
 * comes from; entries without a figure we can cite were left out (`underscore`
 * and `rxjs` were considered: neither has a clearly lighter drop-in).
 * `aws-sdk` (v2) is not here: the `no-aws-sdk-v2` rule reports it.
 *
 * Figures gathered 2026-11-27.
 */
export interface HeavyPackage {
  /** Package name; only the bare import is matched (`lodash`, not `lodash/get`). */
  name: string;
  /** What to use instead, written as the message's "use ..." part. */
  alternative: string;
  /** Why it is heavy, with the cited figure when there is one. */
  reason?: string;
  /** Where the figure comes from. */
  source?: string;
  /** Only report in files that contain a Lambda handler (infrastructure code imports it legitimately). */
  handlerFilesOnly?: boolean;
  /**
   * Why the package is reported even when its measured size is within the rule's budget (other
   * entries then are reported only with `knownBelowBudget`, as the `strict` config sets).
   */
  belowBudget?: string;
}

const LAMBDA_FACTS = 'esbuild 0.28 minified bundle, measured 2026-11-27 (lambdalint lambda-facts)';

export const HEAVY_PACKAGES: readonly HeavyPackage[] = [
  {
    name: 'lodash',
    alternative: "a per-method import such as 'lodash/get' (8.4 KB) or the native equivalent",
    reason: 'the whole library is 72 KB minified',
    source: LAMBDA_FACTS,
  },
  {
    name: 'moment',
    alternative: "'dayjs' (7.6 KB) or 'date-fns' per-function imports",
    reason: 'it is 62 KB minified, cannot be tree-shaken, and is a legacy project in maintenance mode',
    source: `${LAMBDA_FACTS}; https://momentjs.com/docs/#/-project-status/`,
    belowBudget: 'a legacy project in maintenance mode: no fixes to come',
  },
  {
    name: 'axios',
    alternative: 'the global fetch() built into Node.js 18 and later',
    reason: 'it is 269 KB minified with its dependencies',
    source: LAMBDA_FACTS,
  },
  {
    name: 'googleapis',
    alternative: "the per-API package ('@googleapis/<api>', e.g. '@googleapis/sheets') with 'google-auth-library'",
    reason: 'it is over 100 MB installed and eagerly requires every Google API on load',
    source: 'https://github.com/googleapis/google-api-nodejs-client/issues/2346, https://github.com/promptfoo/promptfoo/issues/1008',
  },
  {
    name: 'request',
    alternative: 'the global fetch() built into Node.js 18 and later',
    reason: 'it is deprecated since February 2020 and pulls in 20 direct dependencies',
    source: 'https://github.com/request/request/issues/3142, npm registry (request@2.88.2 dependencies)',
    belowBudget: 'deprecated since February 2020',
  },
  {
    name: 'request-promise',
    alternative: 'the global fetch() built into Node.js 18 and later',
    reason: "it wraps the deprecated 'request' and all its dependencies",
    source: 'https://github.com/request/request-promise-native/issues/57',
    belowBudget: "wraps the deprecated 'request'",
  },
  {
    name: 'request-promise-native',
    alternative: 'the global fetch() built into Node.js 18 and later',
    reason: "it wraps the deprecated 'request' and all its dependencies",
    source: 'https://github.com/request/request-promise-native/issues/57',
    belowBudget: "wraps the deprecated 'request'",
  },
  {
    name: 'puppeteer',
    alternative: "'puppeteer-core' with '@sparticuz/chromium'",
    reason: "its Chrome download pushes the function past Lambda's 250 MB unzipped limit",
    source: 'https://github.com/puppeteer/puppeteer/issues/603, https://github.com/Sparticuz/chromium',
    belowBudget: 'its Chrome download, not its code, breaks the 250 MB limit',
  },
  {
    name: 'mathjs',
    alternative: "named imports or 'create()' with only the '*Dependencies' you use, or 'decimal.js' for plain big numbers",
    reason: 'the whole library is about 500 KB minified',
    source: 'https://github.com/josdejong/mathjs/issues/1944, https://github.com/WebOfTrust/signify-ts/issues/226',
  },
  {
    name: '@faker-js/faker',
    alternative: "a single locale ('@faker-js/faker/locale/en', about 600 KB), and keep fake data out of production code",
    reason: 'the default export loads every locale, about 5 MB',
    source: 'https://fakerjs.dev/guide/localization (quoted in https://github.com/GCTC-NTGC/gc-digital-talent/issues/10262)',
  },
  {
    name: 'faker',
    alternative: "'@faker-js/faker/locale/en', and keep fake data out of production code",
    reason: 'it loads every locale and is no longer maintained',
    source: 'https://github.com/Marak/faker.js/issues/1094',
    belowBudget: 'no longer maintained',
  },
  {
    name: 'aws-cdk-lib',
    alternative: 'the AWS SDK v3 client you need; keep CDK constructs in infrastructure code',
    reason: 'it is an infrastructure library of 161 MB unpacked that does nothing at run time',
    source: 'https://github.com/aws/aws-cdk/issues/16442',
    handlerFilesOnly: true,
    belowBudget: 'does nothing at run time',
  },
];

const BY_NAME = new Map(HEAVY_PACKAGES.map((entry) => [entry.name, entry]));

/** The built-in entry for a package name; `@aws-cdk/*` (CDK v1) maps to the aws-cdk-lib entry. */
export function builtInHeavyPackage(name: string): HeavyPackage | undefined {
  const entry = BY_NAME.get(name);
  if (entry) return entry;
  if (name.startsWith('@aws-cdk/')) return { ...BY_NAME.get('aws-cdk-lib')!, name };
  return undefined;
}
