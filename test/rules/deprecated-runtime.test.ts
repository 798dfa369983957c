import rule from '../../rules/deprecated-runtime.js';
import { inherited, lambda, ref, testConfigRule, val } from '../helpers/model-builder.js';

const on = (iso: string) => new Date(`${iso}T12:00:00Z`);
// Default "today" of runRule: 2026-11-27.

testConfigRule(rule, {
  valid: [
    { name: 'nodejs24.x', model: [lambda('Api', { line: 10, runtime: 'nodejs24.x' })] },
    { name: 'python3.13', model: [lambda('Api', { line: 10, runtime: 'python3.13' })] },
    { name: 'python3.12', model: [lambda('Api', { line: 10, runtime: 'python3.12' })] },
    { name: 'unknown runtime string: another rule reports it', model: [lambda('Api', { line: 10, runtime: 'nodejs99.x' })] },
    { name: 'reference: !Ref RuntimeParam', model: [lambda('Api', { line: 10, runtime: ref('!Ref RuntimeParam') })] },
    { name: 'no runtime (container image)', model: [lambda('Image', { line: 10 })] },
    { name: 'nodejs22.x more than 90 days before its deprecation', model: [lambda('Api', { line: 10, runtime: 'nodejs22.x' })] },
    {
      name: 'nodejs22.x 60 days before deprecation with noticeDays 30',
      now: on('2027-03-01'),
      options: [{ noticeDays: 30 }],
      model: [lambda('Api', { line: 10, runtime: 'nodejs22.x' })],
    },
    { name: 'identifier case and spaces ignored: "NodeJS24.x "', model: [lambda('Api', { line: 10, runtime: 'NodeJS24.x ' })] },
    {
      name: 'function suppresses the rule',
      model: [lambda('Legacy', { line: 10, runtime: 'nodejs12.x', ignoredRules: [{ rule: 'deprecated-runtime', reason: 'frozen, deleted in Q1', loc: val('x', 11).loc }] })],
    },
  ],
  invalid: [
    {
      name: 'nodejs20.x after its deprecation (Apr 30, 2026): warning naming the replacement and block date',
      model: [lambda('Api', { line: 10, runtime: 'nodejs20.x' })],
      findings: [{ messageId: 'deprecated', at: 'template.yaml:12', severity: 'warning', includes: ['Apr 30, 2026', 'Feb 1, 2027', 'nodejs24.x'] }],
    },
    {
      // Container-image runtimes get no block dates: the message says so rather than inventing one.
      name: 'dotnet9 after its deprecation, with no block date announced',
      model: [lambda('Worker', { line: 10, runtime: 'dotnet9' })],
      findings: [
        {
          messageId: 'deprecated',
          at: 'template.yaml:12',
          severity: 'warning',
          message: 'Runtime dotnet9 of Worker lost support on Nov 10, 2026 (no patches; creates blocked from a date not yet announced): move to dotnet10.',
        },
      ],
    },
    {
      name: 'nodejs18.x once creation is blocked: error',
      now: on('2027-02-15'),
      model: [lambda('Api', { line: 10, runtime: 'nodejs18.x' })],
      findings: [{ messageId: 'createBlocked', at: 'template.yaml:12', severity: 'error', includes: ['Feb 1, 2027', 'nodejs24.x'] }],
    },
    {
      name: 'nodejs16.x once updates are blocked: error',
      now: on('2027-04-01'),
      model: [lambda('Api', { line: 10, runtime: 'nodejs16.x' })],
      findings: [{ messageId: 'updateBlocked', at: 'template.yaml:12', severity: 'error', includes: ['Mar 3, 2027'] }],
    },
    {
      name: 'nodejs14.x today: creation blocked since Jan 9, 2024',
      model: [lambda('Api', { line: 10, runtime: 'nodejs14.x' })],
      findings: [{ messageId: 'createBlocked', at: 'template.yaml:12', severity: 'error', includes: ['Jan 9, 2024'] }],
    },
    {
      name: 'nodejs22.x within 90 days of deprecation: info',
      now: on('2027-02-15'),
      model: [lambda('Api', { line: 10, runtime: 'nodejs22.x' })],
      findings: [{ messageId: 'deprecationSoon', at: 'template.yaml:12', severity: 'info', includes: ['Apr 30, 2027', 'in 74 days'] }],
    },
    {
      name: 'Globals runtime shared by two functions: one finding at the Globals line',
      model: [
        lambda('A', { line: 20, runtime: inherited('python3.9', 6) }),
        lambda('B', { line: 40, runtime: inherited('python3.9', 6) }),
      ],
      findings: [{ messageId: 'deprecated', at: 'template.yaml:6', severity: 'warning', functions: ['A', 'B'], includes: ['of A and B', 'python3.14'] }],
    },
    {
      name: 'serverless provider runtime nodejs12.x',
      model: [lambda('hello', { line: 30, file: 'serverless.yml', format: 'serverless', runtime: inherited('nodejs12.x', 7, 'provider', 'serverless.yml') })],
      findings: [{ messageId: 'updateBlocked', at: 'serverless.yml:7', severity: 'error' }],
    },
    {
      name: 'go1.x: creation blocked, replacement provided.al2023',
      model: [lambda('aws_lambda_function.go', { line: 1, file: 'main.tf', format: 'terraform', runtime: 'go1.x' })],
      findings: [{ messageId: 'createBlocked', at: 'main.tf:3', includes: ['provided.al2023'] }],
    },
    {
      name: 'provided.al2 deprecated Jul 31, 2026',
      model: [lambda('Rust', { line: 10, runtime: 'provided.al2' })],
      findings: [{ messageId: 'deprecated', at: 'template.yaml:12', severity: 'warning', includes: ['Jul 31, 2026'] }],
    },
    {
      name: 'configured as warn: a blocked runtime is a warning',
      severity: 'warn',
      model: [lambda('Api', { line: 10, runtime: 'python3.7' })],
      findings: [{ messageId: 'createBlocked', at: 'template.yaml:12', severity: 'warning' }],
    },
    {
      name: 'CDK Runtime.NODEJS_16_X',
      model: [lambda('Handler', { line: 20, file: 'lib/stack.ts', format: 'cdk', runtime: val('nodejs16.x', 22, { file: 'lib/stack.ts', column: 16 }) })],
      findings: [{ messageId: 'deprecated', at: 'lib/stack.ts:22', column: 16 }],
    },
    {
      name: 'callback handlers moving to nodejs24.x: the message counts them (exact)',
      model: [lambda('A', { line: 20, runtime: inherited('nodejs20.x', 6) }), lambda('B', { line: 40, runtime: inherited('nodejs20.x', 6) }), lambda('C', { line: 60, runtime: inherited('nodejs20.x', 6) })],
      callbackHandlers: ['template.yaml#A', 'template.yaml#C'],
      findings: [
        {
          messageId: 'deprecated',
          at: 'template.yaml:6',
          message: 'Runtime nodejs20.x of A, B and C lost support on Apr 30, 2026 (no patches; creates blocked from Feb 1, 2027): move to nodejs24.x (2 handlers use callbacks).',
        },
      ],
    },
    {
      name: 'one callback handler: singular; none: no note; Python: no note (exact)',
      model: [lambda('A', { line: 10, runtime: 'nodejs18.x' }), lambda('B', { line: 30, runtime: 'nodejs16.x' }), lambda('P', { line: 50, runtime: 'python3.9' })],
      callbackHandlers: ['template.yaml#A', 'template.yaml#P'],
      findings: [
        {
          messageId: 'deprecated',
          at: 'template.yaml:12',
          message: 'Runtime nodejs18.x of A lost support on Sep 1, 2025 (no patches; creates blocked from Feb 1, 2027): move to nodejs24.x (1 handler uses callbacks).',
        },
        { messageId: 'deprecated', at: 'template.yaml:32', message: 'Runtime nodejs16.x of B lost support on Jun 12, 2024 (no patches; creates blocked from Feb 1, 2027): move to nodejs24.x.' },
        { messageId: 'deprecated', at: 'template.yaml:52', message: 'Runtime python3.9 of P lost support on Dec 15, 2025 (no patches; creates blocked from Feb 1, 2027): move to python3.14.' },
      ],
    },
    {
      name: 'two functions, two runtime lines: two findings',
      model: [lambda('A', { line: 10, runtime: 'ruby3.2' }), lambda('B', { line: 30, runtime: 'dotnet6' })],
      findings: [
        { messageId: 'deprecated', at: 'template.yaml:12', functions: ['A'], includes: ['ruby4.0'] },
        { messageId: 'deprecated', at: 'template.yaml:32', functions: ['B'], includes: ['dotnet10'] },
      ],
    },
  ],
});
