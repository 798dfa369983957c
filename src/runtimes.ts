/**
 * Lifecycle of every AWS Lambda managed runtime identifier: deprecation, block-create and
 * block-update dates (UTC, ISO `YYYY-MM-DD`) and the runtime to move to.
 *
 * Checked 2026-11-27 against:
 * - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (the AWS page; its stored
 *   copies only showed the page header, so the per-language pages and AWS Health notices quoted
 *   in public issues were used to confirm individual rows, see `sources` on each entry);
 * - cfn-lint's machine-readable copy, src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json
 *   in aws-cloudformation/cfn-lint at commit 217397c819d2cebe4c1e836c9ab18fafd0e10135
 *   (2026-08-19; the file was last changed by afd7953b0, 2026-06-02, "Update Lambda runtime
 *   lifecycle dates from AWS docs", #4532). Every date below matches that file unless a `note` says
 *   otherwise.
 *
 * AWS has moved dates more than once. Known conflict, nodejs20.x block-create:
 * - Jun 1, 2026 (update Jul 1, 2026): AWS Health notice of Nov 2025 (quoted in
 *   awslabs/landing-zone-accelerator-on-aws#961), a copy of lambda-nodejs.html, and cfn-lint until
 *   2026-06-02;
 * - Aug 31, 2026 (update Sep 30, 2026): another copy of lambda-nodejs.html (the lambda-facts note);
 * - Feb 1, 2027 (update Mar 3, 2027): the AWS page as quoted on 2026-06-02 in
 *   aws-cloudformation/cfn-lint#4531, and cfn-lint since #4532. The same Feb 1 / Mar 3, 2027 pair
 *   appears in AWS Health notices for python3.10 (May 2026) and in aws/aws-rfdk#1703 (Jul 2026) for
 *   nodejs18.x.
 * The table uses the newest (Feb 1, 2027 / Mar 3, 2027). Re-check the AWS page when updating.
 */

export interface RuntimeLifecycle {
  /** Runtime identifier as written in `Runtime:` (`nodejs20.x`, `python3.12`, `provided.al2023`). */
  id: string;
  /** Human name for messages. */
  name: string;
  /** Date Lambda stops patching the runtime (no security updates, no support). Absent: not scheduled. */
  deprecated?: string;
  /** Date from which new functions with this runtime can no longer be created. */
  blockCreate?: string;
  /** Date from which existing functions with this runtime can no longer be updated. */
  blockUpdate?: string;
  /** Runtime to move to; absent for the newest runtime of a family. */
  replacement?: string;
  /** Conflicts between sources, or why a row differs from cfn-lint. */
  note?: string;
}

export const RUNTIME_TABLE = {
  checked: '2026-11-27',
  source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  crossCheck:
    'https://github.com/aws-cloudformation/cfn-lint/blob/217397c819d2cebe4c1e836c9ab18fafd0e10135/src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json',
} as const;

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const JAVA = 'java25';
const DOTNET = 'dotnet10';
const RUBY = 'ruby4.0';
const OS_ONLY = 'provided.al2023';

// Sorted by family, newest first. Dates: cfn-lint 217397c (2026-08-19) unless noted.
export const RUNTIMES: readonly RuntimeLifecycle[] = [
  // Node.js
  { id: 'nodejs24.x', name: 'Node.js 24', deprecated: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
  { id: 'nodejs22.x', name: 'Node.js 22', deprecated: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01', replacement: NODE },
  {
    id: 'nodejs20.x', name: 'Node.js 20', deprecated: '2026-04-30', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: NODE,
    note: 'Block dates changed over time: Jun 1/Jul 1, 2026 (AWS notice Nov 2025), Aug 31/Sep 30, 2026 (a copy of lambda-nodejs.html), Feb 1/Mar 3, 2027 (AWS page per cfn-lint#4531, 2026-06-02). Using the newest.',
  },
  { id: 'nodejs18.x', name: 'Node.js 18', deprecated: '2025-09-01', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: NODE, note: 'Earlier published as deprecated Jul 31, 2025, block create Sep 1/Oct 1, 2025.' },
  { id: 'nodejs16.x', name: 'Node.js 16', deprecated: '2024-06-12', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: NODE, note: 'Earlier published as block create Feb 28, 2025.' },
  { id: 'nodejs14.x', name: 'Node.js 14', deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2027-03-03', replacement: NODE },
  { id: 'nodejs12.x', name: 'Node.js 12', deprecated: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30', replacement: NODE },
  { id: 'nodejs10.x', name: 'Node.js 10', deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14', replacement: NODE },
  { id: 'nodejs8.10', name: 'Node.js 8.10', deprecated: '2020-03-06', blockCreate: '2020-02-04', blockUpdate: '2020-03-06', replacement: NODE },
  { id: 'nodejs6.10', name: 'Node.js 6.10', deprecated: '2019-08-12', blockCreate: '2019-07-12', blockUpdate: '2019-08-12', replacement: NODE },
  { id: 'nodejs4.3', name: 'Node.js 4.3', deprecated: '2020-03-05', blockCreate: '2020-02-03', blockUpdate: '2020-03-05', replacement: NODE },
  { id: 'nodejs4.3-edge', name: 'Node.js 4.3 (Lambda@Edge)', deprecated: '2020-03-05', blockCreate: '2019-03-31', blockUpdate: '2019-04-30', replacement: NODE, note: 'Blocked for Lambda@Edge before the general deprecation date.' },
  { id: 'nodejs', name: 'Node.js 0.10', deprecated: '2016-08-30', blockCreate: '2016-09-30', blockUpdate: '2016-10-31', replacement: NODE },

  // Python
  { id: 'python3.14', name: 'Python 3.14', deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  { id: 'python3.13', name: 'Python 3.13', deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31', replacement: PYTHON },
  { id: 'python3.12', name: 'Python 3.12', deprecated: '2028-10-31', blockCreate: '2028-11-30', blockUpdate: '2029-01-10', replacement: PYTHON },
  { id: 'python3.11', name: 'Python 3.11', deprecated: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31', replacement: PYTHON, note: 'Extended in 2026 from Jun 30, 2026.' },
  { id: 'python3.10', name: 'Python 3.10', deprecated: '2026-10-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: PYTHON, note: 'Confirmed by AWS Health notice quoted in aws-samples/iam-identity-center-team#535 (2026-05-25).' },
  { id: 'python3.9', name: 'Python 3.9', deprecated: '2025-12-15', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: PYTHON },
  { id: 'python3.8', name: 'Python 3.8', deprecated: '2024-10-14', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: PYTHON },
  { id: 'python3.7', name: 'Python 3.7', deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2027-03-03', replacement: PYTHON },
  { id: 'python3.6', name: 'Python 3.6', deprecated: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29', replacement: PYTHON },
  { id: 'python2.7', name: 'Python 2.7', deprecated: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30', replacement: PYTHON },

  // Java
  { id: 'java25', name: 'Java 25', deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  { id: 'java21', name: 'Java 21', deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31', replacement: JAVA },
  { id: 'java17', name: 'Java 17', deprecated: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31', replacement: JAVA, note: 'Extended in 2026 from Jun 30, 2026.' },
  { id: 'java11', name: 'Java 11', deprecated: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31', replacement: JAVA, note: 'Extended in 2026 from Jun 30, 2026.' },
  { id: 'java8.al2', name: 'Java 8 (Amazon Linux 2)', deprecated: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31', replacement: JAVA, note: 'Extended in 2026 from Jun 30, 2026.' },
  { id: 'java8', name: 'Java 8 (Amazon Linux 1)', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2027-03-03', replacement: JAVA },

  // .NET
  { id: 'dotnet10', name: '.NET 10', deprecated: '2028-11-14', blockCreate: '2028-12-14', blockUpdate: '2029-01-15' },
  { id: 'dotnet9', name: '.NET 9 (container images only)', deprecated: '2026-11-10', replacement: DOTNET, note: 'Container-image runtime: no block dates published.' },
  { id: 'dotnet8', name: '.NET 8', deprecated: '2026-11-10', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: DOTNET },
  {
    id: 'dotnet7', name: '.NET 7 (container images only)', deprecated: '2024-05-14', blockCreate: '2024-05-14', blockUpdate: '2024-05-14', replacement: DOTNET,
    note: 'Not in cfn-lint since 451a39906 (2026-01-06); dates from its earlier copy (a4a11d5d1, 2025-10-07).',
  },
  { id: 'dotnet6', name: '.NET 6', deprecated: '2024-12-20', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: DOTNET },
  { id: 'dotnetcore3.1', name: '.NET Core 3.1', deprecated: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03', replacement: DOTNET },
  { id: 'dotnetcore2.1', name: '.NET Core 2.1', deprecated: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13', replacement: DOTNET },
  { id: 'dotnetcore2.0', name: '.NET Core 2.0', deprecated: '2019-05-30', blockCreate: '2019-04-30', blockUpdate: '2019-05-30', replacement: DOTNET },
  { id: 'dotnetcore1.0', name: '.NET Core 1.0', deprecated: '2019-06-27', blockCreate: '2019-06-30', blockUpdate: '2019-07-30', replacement: DOTNET },

  // Ruby
  { id: 'ruby4.0', name: 'Ruby 4.0', deprecated: '2029-03-31', blockCreate: '2029-04-30', blockUpdate: '2029-05-31', note: 'Only seen in cfn-lint (#4532, from AWS docs, 2026-06-02).' },
  { id: 'ruby3.4', name: 'Ruby 3.4', deprecated: '2028-03-31', blockCreate: '2028-04-30', blockUpdate: '2028-05-31', replacement: RUBY },
  { id: 'ruby3.3', name: 'Ruby 3.3', deprecated: '2027-03-31', blockCreate: '2027-04-30', blockUpdate: '2027-05-31', replacement: RUBY },
  { id: 'ruby3.2', name: 'Ruby 3.2', deprecated: '2026-03-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: RUBY },
  { id: 'ruby2.7', name: 'Ruby 2.7', deprecated: '2023-12-07', blockCreate: '2024-01-09', blockUpdate: '2027-03-03', replacement: RUBY },
  { id: 'ruby2.5', name: 'Ruby 2.5', deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31', replacement: RUBY },

  // OS-only and Go
  { id: 'provided.al2023', name: 'OS-only runtime (Amazon Linux 2023)', deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  {
    id: 'provided.al2', name: 'OS-only runtime (Amazon Linux 2)', deprecated: '2026-07-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03', replacement: OS_ONLY,
    note: 'Deprecation Jul 31, 2026 confirmed by AWS Health notices quoted in awslabs/ssosync#297 and brefphp/bref#2064 (Feb 2026).',
  },
  { id: 'provided', name: 'OS-only runtime (Amazon Linux 1)', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2027-03-03', replacement: OS_ONLY },
  { id: 'go1.x', name: 'Go 1.x', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2027-03-03', replacement: OS_ONLY },
];

const BY_ID: ReadonlyMap<string, RuntimeLifecycle> = new Map(RUNTIMES.map((r) => [r.id, r]));

/** The lifecycle entry for a runtime identifier (case and surrounding space ignored), or undefined when unknown. */
export function findRuntime(id: string): RuntimeLifecycle | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

export type RuntimeStage = 'update-blocked' | 'create-blocked' | 'deprecated' | 'deprecation-soon' | 'supported';

export interface RuntimeStatus {
  stage: RuntimeStage;
  /** Whole days from `now` to the deprecation date (negative once passed); undefined when not scheduled. */
  daysUntilDeprecation?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of an ISO date. */
function dayStart(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/**
 * Where a runtime stands on `now`. A date counts from midnight UTC of that day.
 * `soonDays`: how many days before deprecation the runtime counts as `deprecation-soon`.
 */
export function runtimeStatus(runtime: RuntimeLifecycle, now: Date, soonDays = 90): RuntimeStatus {
  const t = now.getTime();
  const daysUntilDeprecation =
    runtime.deprecated === undefined ? undefined : Math.ceil((dayStart(runtime.deprecated) - t) / DAY_MS);
  if (runtime.blockUpdate && t >= dayStart(runtime.blockUpdate)) return { stage: 'update-blocked', daysUntilDeprecation };
  if (runtime.blockCreate && t >= dayStart(runtime.blockCreate)) return { stage: 'create-blocked', daysUntilDeprecation };
  if (runtime.deprecated && t >= dayStart(runtime.deprecated)) return { stage: 'deprecated', daysUntilDeprecation };
  if (daysUntilDeprecation !== undefined && daysUntilDeprecation <= soonDays) return { stage: 'deprecation-soon', daysUntilDeprecation };
  return { stage: 'supported', daysUntilDeprecation };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-02-01` -> `Feb 1, 2027` (the AWS page's format). */
export function formatRuntimeDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}
