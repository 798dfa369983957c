import rule from '../../rules/sqs-redrive-policy.js';
import type { SqsQueue } from '../../src/model/index.js';
import { lambda, project, queue, sqsTrigger, testConfigRule, trigger, val } from '../helpers/model-builder.js';
import { cdkStack, runCrossRuleCases } from '../helpers/temp-project.js';

const withRedrive = (q: SqsQueue, line: number): SqsQueue => ({ ...q, redrivePolicy: val<string>('!GetAtt JobsDlq.Arn', line) });
const jobs = queue('JobsQueue', 40);
const strict = { options: [{ deliveryDeadLetters: true }] as const };

testConfigRule(rule, {
  valid: [
    { name: 'queue with a RedrivePolicy', model: project({ functions: [lambda('Worker', { line: 10, triggers: [sqsTrigger(jobs, 20)] })], queues: [withRedrive(jobs, 44)] }) },
    {
      name: 'redrive policy set where the analysis cannot see (aws_sqs_queue_redrive_policy on another module)',
      model: project({ functions: [lambda('Worker', { line: 10, triggers: [sqsTrigger(jobs, 20)] })], queues: [{ ...jobs, redriveUnknown: true }] }),
    },
    { name: 'queue of another stack (ARN, not in the model): unknown', model: [lambda('Worker', { line: 10, triggers: [trigger('sqs', 20, { source: { ref: 'arn:aws:sqs:us-east-1:123456789012:jobs' } })] })] },
    {
      name: 'strict: an EventBridge target with a DeadLetterConfig',
      ...strict,
      model: [lambda('OnOrder', { line: 10, triggers: [trigger('eventbridge', 20, { deliveryDeadLetterKnown: true, deliveryDeadLetter: val('!GetAtt RuleDlq.Arn', 24) })] })],
    },
    { name: 'queue that triggers nothing', model: project({ functions: [lambda('Api', { line: 10 })], queues: [jobs] }) },
    {
      name: 'SNS subscription without DLQ: not reported by default (strict only)',
      model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20, { deliveryDeadLetterKnown: true })] })],
    },
    {
      name: 'strict: SNS subscription with RedrivePolicy',
      ...strict,
      model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20, { deliveryDeadLetterKnown: true, deliveryDeadLetter: val('!GetAtt Dlq.Arn', 22) })] })],
    },
    {
      name: 'strict: SNS trigger read from a permission only (subscription not seen): unknown',
      ...strict,
      model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20)] })],
    },
  ],
  invalid: [
    {
      name: 'SQS queue without redrive policy (serverless-rules: SQS queue should have a DLQ): at the queue',
      severity: 'warn',
      model: project({ functions: [lambda('Worker', { line: 10, triggers: [sqsTrigger(jobs, 20)] })], queues: [jobs] }),
      findings: [{ messageId: 'noRedrivePolicy', at: 'template.yaml:40', severity: 'warning', functions: ['Worker'], includes: ["'JobsQueue'", "function 'Worker'"] }],
    },
    {
      name: 'one queue, two consumers: one finding',
      model: project({ functions: [lambda('A', { line: 10, triggers: [sqsTrigger(jobs, 20)] }), lambda('B', { line: 25, triggers: [sqsTrigger(jobs, 30)] })], queues: [jobs] }),
      findings: [{ messageId: 'noRedrivePolicy', at: 'template.yaml:40', functions: ['A', 'B'], includes: ['2 functions (A, B)'] }],
    },
    {
      name: 'four consumers, one of them twice: three named, then an ellipsis',
      model: project({
        functions: ['A', 'B', 'C', 'D'].map((name, i) => lambda(name, { line: 10 + 10 * i, triggers: [sqsTrigger(jobs, 15 + 10 * i), ...(name === 'A' ? [sqsTrigger(jobs, 17)] : [])] })),
        queues: [jobs],
      }),
      findings: [{ messageId: 'noRedrivePolicy', at: 'template.yaml:40', functions: ['A', 'B', 'C', 'D'], includes: ["SQS queue 'JobsQueue' triggering 4 functions (A, B, C, ...) has no redrive policy"] }],
    },
    {
      name: 'strict: a schedule target without a dead-letter queue, next to an SQS trigger the option does not concern',
      ...strict,
      model: [lambda('Nightly', { line: 10, triggers: [trigger('schedule', 20, { deliveryDeadLetterKnown: true }), trigger('sqs', 25, { deliveryDeadLetterKnown: true })] })],
      findings: [{ messageId: 'noDeliveryDeadLetter', at: 'template.yaml:20', functions: ['Nightly'], includes: ["The schedule target invoking function 'Nightly'"] }],
    },
    {
      name: 'mapping whose function is an imported ARN still drains the queue',
      model: project({ functions: [], queues: [jobs], detachedTriggers: [{ functionRef: '!ImportValue worker-arn', format: 'cloudformation', trigger: sqsTrigger(jobs, 20) }] }),
      findings: [{ messageId: 'noRedrivePolicy', at: 'template.yaml:40', functions: [], includes: ['!ImportValue worker-arn'] }],
    },
    {
      name: 'strict: SNS subscription without RedrivePolicy',
      ...strict,
      model: [lambda('Notify', { line: 10, triggers: [trigger('sns', 20, { deliveryDeadLetterKnown: true })] })],
      findings: [{ messageId: 'noDeliveryDeadLetter', at: 'template.yaml:20', includes: ['SNS subscription', "'Notify'"] }],
    },
    {
      name: 'strict: EventBridge target that is a function ARN outside the configs (serverless-rules ES4000 es4000-missing)',
      ...strict,
      model: project({ functions: [], detachedTriggers: [{ functionRef: 'arn:aws:lambda:us-east-1:111122223333:function:Hello', format: 'cloudformation', trigger: trigger('eventbridge', 4, { deliveryDeadLetterKnown: true }) }] }),
      findings: [{ messageId: 'noDeliveryDeadLetter', at: 'template.yaml:4', functions: [], includes: ['function:Hello'] }],
    },
    {
      name: 'strict: EventBridge target without DeadLetterConfig',
      ...strict,
      model: [lambda('OnOrder', { line: 10, triggers: [trigger('eventbridge', 20, { deliveryDeadLetterKnown: true })] })],
      findings: [{ messageId: 'noDeliveryDeadLetter', at: 'template.yaml:20', includes: ['EventBridge target'] }],
    },
  ],
});

/** A CDK stack whose function `Notify` is wired by `wiring` to topic `topic`, queue `dlq` and rule `rule`. */
const cdkNotify = (wiring: string) => {
  const files = cdkStack(
    [
      "    const topic = new cdk.aws_sns.Topic(this, 'Orders');",
      "    const dlq = new cdk.aws_sqs.Queue(this, 'NotifyDlq');",
      "    const rule = new cdk.aws_events.Rule(this, 'OnOrder', { eventPattern: { source: ['shop'] } });",
      "    const fn = new lambda.Function(this, 'Notify', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });",
      ...wiring.split('\n').map((line) => `    ${line}`),
    ].join('\n'),
  );
  return { ...files, 'lib/stack.ts': files['lib/stack.ts'].replace("import type { Construct } from 'constructs';", "import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';\nimport * as targets from 'aws-cdk-lib/aws-events-targets';\nimport { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';\nimport type { Construct } from 'constructs';") };
};

// CDK end to end: the loader reads `deadLetterQueue` of subscriptions and targets.
const strictCdk = { options: [{ deliveryDeadLetters: true }] };
runCrossRuleCases('sqs-redrive-policy', {
  valid: [
    { name: 'CDK strict: LambdaSubscription with a deadLetterQueue', ...strictCdk, files: cdkNotify('topic.addSubscription(new subs.LambdaSubscription(fn, { deadLetterQueue: dlq }));') },
    { name: 'CDK strict: SnsEventSource with a deadLetterQueue', ...strictCdk, files: cdkNotify('fn.addEventSource(new SnsEventSource(topic, { deadLetterQueue: dlq }));') },
    { name: 'CDK strict: EventBridge target with a deadLetterQueue', ...strictCdk, files: cdkNotify('rule.addTarget(new targets.LambdaFunction(fn, { deadLetterQueue: dlq }));') },
    { name: 'CDK strict: subscription options spread from elsewhere (unknown)', ...strictCdk, files: cdkNotify('topic.addSubscription(new subs.LambdaSubscription(fn, { ...props }));') },
    { name: 'CDK: subscription without a DLQ is not reported by default', files: cdkNotify('topic.addSubscription(new subs.LambdaSubscription(fn));') },
  ],
  invalid: [
    {
      name: 'CDK strict: LambdaSubscription without a deadLetterQueue',
      ...strictCdk,
      files: cdkNotify('topic.addSubscription(new subs.LambdaSubscription(fn));'),
      errors: [{ messageId: 'noDeliveryDeadLetter', file: 'lib/stack.ts', line: 'new subs.LambdaSubscription', functions: ['Notify'], messageIncludes: ['SNS subscription'] }],
    },
    {
      name: 'CDK strict: SnsEventSource without a deadLetterQueue',
      ...strictCdk,
      files: cdkNotify("fn.addEventSource(new SnsEventSource(topic, { filterPolicy: {} }));"),
      errors: [{ messageId: 'noDeliveryDeadLetter', file: 'lib/stack.ts', line: 'new SnsEventSource' }],
    },
    {
      name: 'CDK strict: EventBridge target without a deadLetterQueue',
      ...strictCdk,
      files: cdkNotify('rule.addTarget(new targets.LambdaFunction(fn));'),
      errors: [{ messageId: 'noDeliveryDeadLetter', file: 'lib/stack.ts', line: 'new targets.LambdaFunction', messageIncludes: ['EventBridge target'] }],
    },
  ],
});
