import rule from '../../rules/sqs-visibility-timeout.js';
import { inherited, lambda, project, queue, ref, sqsTrigger, testConfigRule, trigger, val } from '../helpers/model-builder.js';

// Queue definitions sit at line 100; an explicit VisibilityTimeout is written 3 lines below (103).
const Jobs = (visibility?: number) => queue('JobsQueue', 100, visibility);

testConfigRule(rule, {
  valid: [
    {
      name: 'visibility exactly 6x the timeout',
      model: (() => { const q = Jobs(180); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 30, triggers: [sqsTrigger(q, 20)] })] }); })(),
    },
    {
      name: 'both defaults: queue 30 s, function 3 s',
      model: (() => { const q = Jobs(); return project({ queues: [q], functions: [lambda('Worker', { line: 10, triggers: [sqsTrigger(q, 20)] })] }); })(),
    },
    {
      name: 'queue visibility is a reference',
      model: (() => {
        const q = queue('JobsQueue', 100, val<number>(ref('!Ref Visibility'), 103));
        return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 300, triggers: [sqsTrigger(q, 20)] })] });
      })(),
    },
    {
      name: 'function timeout is a reference',
      model: (() => { const q = Jobs(30); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: ref('!Ref FnTimeout'), triggers: [sqsTrigger(q, 20)] })] }); })(),
    },
    {
      name: 'SQS trigger on a queue outside the model (imported ARN)',
      model: [lambda('Worker', { line: 10, timeout: 300, triggers: [trigger('sqs', 20, { source: { ref: 'arn:aws:sqs:eu-west-1:123456789012:jobs' } })] })],
    },
    {
      name: 'queue id that the model does not contain',
      model: [lambda('Worker', { line: 10, timeout: 300, triggers: [trigger('sqs', 20, { source: { ref: 'Jobs', queueId: 'other.yaml#Jobs' } })] })],
    },
    {
      name: 'Kinesis trigger is not an SQS queue',
      model: (() => { const q = Jobs(10); return project({ queues: [q], functions: [lambda('Reader', { line: 10, timeout: 60, triggers: [trigger('kinesis', 20)] })] }); })(),
    },
    {
      name: 'maximum function timeout with a 12-hour queue',
      model: (() => { const q = Jobs(43_200); return project({ queues: [q], functions: [lambda('Batch', { line: 10, timeout: 900, triggers: [sqsTrigger(q, 20)] })] }); })(),
    },
    {
      name: 'Terraform: visibility_timeout_seconds 360, timeout 60',
      model: (() => {
        const q = queue('aws_sqs_queue.jobs', 1, val(360, 3, { file: 'main.tf' }), 'main.tf');
        return project({ queues: [q], functions: [lambda('aws_lambda_function.worker', { line: 10, file: 'main.tf', format: 'terraform', timeout: 60, triggers: [sqsTrigger(q, 30)] })] });
      })(),
    },
    {
      name: 'function suppresses the rule',
      model: (() => {
        const q = Jobs(30);
        return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 60, triggers: [sqsTrigger(q, 20)], ignoredRules: [{ rule: 'sqs-visibility-timeout', reason: 'queue managed elsewhere', loc: val('x', 11).loc }] })] });
      })(),
    },
  ],
  invalid: [
    {
      name: 'two mappings from one queue to one function: one finding',
      model: (() => { const q = Jobs(); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 60, triggers: [sqsTrigger(q, 20), sqsTrigger(q, 25)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'template.yaml:100', functions: ['Worker'] }],
    },
    {
      name: 'default queue visibility (30 s) below a 60 s function timeout: error at the queue definition',
      model: (() => { const q = Jobs(); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 60, triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'template.yaml:100', severity: 'error', functions: ['Worker'], includes: ['Queue JobsQueue visibility timeout 30 s', 'timeout of Worker'] }],
    },
    {
      name: 'visibility 60 s with a 30 s timeout: warning (below 6x) at the VisibilityTimeout line',
      model: (() => { const q = Jobs(60); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 30, triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowSixTimes', at: 'template.yaml:103', severity: 'warning', includes: ['180 s'] }],
    },
    {
      // Lambda accepts a timeout equal to the visibility timeout ("less than or equal"): below 6x, not the deploy error.
      name: 'visibility equal to the function timeout: warning, not the deploy-time error',
      model: (() => { const q = Jobs(30); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 30, triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowSixTimes', at: 'template.yaml:103', severity: 'warning' }],
    },
    {
      name: 'visibility one second below the function timeout: the deploy-time error',
      model: (() => { const q = Jobs(29); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 30, triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'template.yaml:103', severity: 'error' }],
    },
    {
      name: 'Globals timeout 900 s against an explicit 30 s queue',
      model: (() => { const q = Jobs(30); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: inherited(900, 5), triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'template.yaml:103', includes: ['900 s timeout'] }],
    },
    {
      name: 'default function timeout (3 s) against a 10 s queue: warning',
      model: (() => { const q = Jobs(10); return project({ queues: [q], functions: [lambda('Worker', { line: 10, triggers: [sqsTrigger(q, 20)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowSixTimes', at: 'template.yaml:103', severity: 'warning', includes: ['3 s timeout', '18 s'] }],
    },
    {
      name: 'serverless provider timeout 20 s, queue in resources with 60 s',
      model: (() => {
        const q = queue('JobsQueue', 80, val(60, 84, { file: 'serverless.yml' }), 'serverless.yml');
        return project({
          queues: [q],
          functions: [lambda('worker', { line: 30, file: 'serverless.yml', format: 'serverless', timeout: inherited(20, 9, 'provider', 'serverless.yml'), triggers: [sqsTrigger(q, 34)] })],
        });
      })(),
      findings: [{ messageId: 'visibilityBelowSixTimes', at: 'serverless.yml:84', includes: ['20 s timeout', '120 s'] }],
    },
    {
      name: 'one queue feeding two functions: one finding per function',
      model: (() => {
        const q = Jobs(45);
        return project({
          queues: [q],
          functions: [
            lambda('Fast', { line: 10, timeout: 10, triggers: [sqsTrigger(q, 20)] }),
            lambda('Slow', { line: 40, timeout: 60, triggers: [sqsTrigger(q, 50)] }),
          ],
        });
      })(),
      findings: [
        { messageId: 'visibilityBelowSixTimes', at: 'template.yaml:103', severity: 'warning', functions: ['Fast'] },
        { messageId: 'visibilityBelowTimeout', at: 'template.yaml:103', severity: 'error', functions: ['Slow'] },
      ],
    },
    {
      name: 'two mappings from the same queue to one function: one finding',
      model: (() => { const q = Jobs(30); return project({ queues: [q], functions: [lambda('Worker', { line: 10, timeout: 60, triggers: [sqsTrigger(q, 20), sqsTrigger(q, 25)] })] }); })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'template.yaml:103' }],
    },
    {
      name: 'Terraform: visibility_timeout_seconds 30 with a 45 s function',
      model: (() => {
        const q = queue('aws_sqs_queue.jobs', 1, val(30, 3, { file: 'main.tf' }), 'main.tf');
        return project({ queues: [q], functions: [lambda('aws_lambda_function.worker', { line: 10, file: 'main.tf', format: 'terraform', timeout: 45, triggers: [sqsTrigger(q, 30)] })] });
      })(),
      findings: [{ messageId: 'visibilityBelowTimeout', at: 'main.tf:3' }],
    },
    {
      name: 'CDK: visibilityTimeout Duration.seconds(100) with a 30 s function',
      model: (() => {
        const q = queue('JobsQueue', 12, val(100, 13, { file: 'lib/stack.ts', column: 26 }), 'lib/stack.ts');
        return project({ queues: [q], functions: [lambda('Worker', { line: 20, file: 'lib/stack.ts', format: 'cdk', timeout: 30, triggers: [sqsTrigger(q, 30)] })] });
      })(),
      findings: [{ messageId: 'visibilityBelowSixTimes', at: 'lib/stack.ts:13', column: 26 }],
    },
  ],
});
