import rule from '../../rules/timeout-exceeds-integration.js';
import { inherited, lambda, ref, testConfigRule, trigger, val } from '../helpers/model-builder.js';

const SAMPLE = 'serverless-rest-api/javascript-http-sam/template.yaml';
const httpApiIn = (file: string, line: number) => trigger('http-api', line, {}, file);

testConfigRule(rule, {
  valid: [
    { name: 'HTTP API, timeout equal to the 30 s limit', model: [lambda('Api', { line: 10, timeout: 30, triggers: [trigger('http-api', 20)] })] },
    { name: 'REST API, timeout 29 s', model: [lambda('Api', { line: 10, timeout: 29, triggers: [trigger('rest-api', 20)] })] },
    { name: 'default 3 s timeout behind a REST API', model: [lambda('Api', { line: 10, triggers: [trigger('rest-api', 20)] })] },
    {
      name: 'REST API with the integration timeout raised to 120 s',
      model: [lambda('Llm', { line: 10, timeout: 100, triggers: [trigger('rest-api', 20, { integrationTimeoutMs: val(120_000, 25) })] })],
    },
    {
      name: 'REST API with an integration timeout we cannot read (reference)',
      model: [lambda('Llm', { line: 10, timeout: 100, triggers: [trigger('rest-api', 20, { integrationTimeoutMs: val<number>(ref('!Ref ApiTimeout'), 25) })] })],
    },
    {
      name: 'REST API with response streaming and no configured timeout (up to 15 minutes)',
      model: [lambda('Chat', { line: 10, timeout: 120, triggers: [trigger('rest-api', 20, { responseStreaming: true })] })],
    },
    {
      name: 'REST API with response streaming and a 300 s integration timeout',
      model: [lambda('Chat', { line: 10, timeout: 300, triggers: [trigger('rest-api', 20, { responseStreaming: true, integrationTimeoutMs: val(300_000, 24) })] })],
    },
    {
      name: 'REST API integration that invokes asynchronously (X-Amz-Invocation-Type: Event) does not wait',
      model: [lambda('Ingest', { line: 10, timeout: 300, triggers: [trigger('rest-api', 20, { asyncInvocation: true })] })],
    },
    { name: 'ALB: no fixed limit', model: [lambda('Web', { line: 10, timeout: 300, triggers: [trigger('alb', 20)] })] },
    { name: 'function URL waits for the function', model: [lambda('Stream', { line: 10, timeout: 900, triggers: [trigger('function-url', 20)] })] },
    { name: 'SQS: nobody waits', model: [lambda('Worker', { line: 10, timeout: 600, triggers: [trigger('sqs', 20)] })] },
    { name: 'timeout is a reference', model: [lambda('Api', { line: 10, timeout: ref('!Ref FnTimeout'), triggers: [trigger('http-api', 20)] })] },
    { name: 'Lambda@Edge origin-request at 30 s', model: [lambda('Router', { line: 10, timeout: 30, triggers: [trigger('other', 20, { edgeEventType: 'origin-request' })] })] },
    { name: 'Lambda@Edge VIEWER-REQUEST (any case) at 5 s', model: [lambda('Auth2', { line: 10, timeout: 5, triggers: [trigger('other', 20, { edgeEventType: 'VIEWER-REQUEST' })] })] },
    { name: 'an edge event type of no known kind: no fixed limit', model: [lambda('Edge', { line: 10, timeout: 600, triggers: [trigger('other', 20, { edgeEventType: 'unknown-event' })] })] },
    { name: 'Lambda@Edge viewer-request at 5 s', model: [lambda('Auth', { line: 10, timeout: 5, triggers: [trigger('other', 20, { edgeEventType: 'viewer-request' })] })] },
  ],
  invalid: [
    {
      // /work/shared/corpus/findings.json: aws-samples/serverless-samples, Globals.Function.Timeout: 100 with HttpApi events only.
      name: 'serverless-samples javascript-http-sam: Globals Timeout 100 with HttpApi events',
      model: [
        lambda('LocationsFunction', { line: 25, file: SAMPLE, timeout: inherited(100, 15, 'globals', SAMPLE), triggers: [httpApiIn(SAMPLE, 38)] }),
        lambda('ResourcesFunction', { line: 80, file: SAMPLE, timeout: inherited(100, 15, 'globals', SAMPLE), triggers: [httpApiIn(SAMPLE, 93)] }),
        lambda('BookingsFunction', { line: 140, file: SAMPLE, timeout: inherited(100, 15, 'globals', SAMPLE), triggers: [httpApiIn(SAMPLE, 153)] }),
      ],
      findings: [
        {
          messageId: 'exceedsIntegration',
          at: `${SAMPLE}:15`,
          severity: 'error',
          functions: ['LocationsFunction', 'ResourcesFunction', 'BookingsFunction'],
          includes: ['Timeout 100 s (from Globals) of LocationsFunction, ResourcesFunction and BookingsFunction', '30 s', 'API Gateway HTTP API'],
        },
      ],
    },
    {
      name: 'REST API default 29 s, function 30 s',
      model: [lambda('Api', { line: 10, timeout: 30, triggers: [trigger('rest-api', 20)] })],
      findings: [{ messageId: 'exceedsRestApi', at: 'template.yaml:13', includes: ['29 s'] }],
    },
    {
      name: 'REST API raised to 60 s, function 90 s',
      model: [lambda('Llm', { line: 10, timeout: 90, triggers: [trigger('rest-api', 20, { integrationTimeoutMs: val(60_000, 25) })] })],
      findings: [{ messageId: 'exceedsConfiguredIntegration', at: 'template.yaml:13', includes: ['60 s'] }],
    },
    {
      name: 'REST API response streaming with a 60 s integration timeout, function 120 s',
      model: [lambda('Chat', { line: 10, timeout: 120, triggers: [trigger('rest-api', 20, { responseStreaming: true, integrationTimeoutMs: val(60_000, 24) })] })],
      findings: [{ messageId: 'exceedsConfiguredIntegration', at: 'template.yaml:13', includes: ['60 s'] }],
    },
    {
      name: 'REST API integration lowered to 10 s, function 20 s',
      model: [lambda('Api', { line: 10, timeout: 20, triggers: [trigger('rest-api', 20, { integrationTimeoutMs: val(10_000, 25) })] })],
      findings: [{ messageId: 'exceedsConfiguredIntegration', at: 'template.yaml:13', includes: ['10 s'] }],
    },
    {
      name: 'HTTP API integration lowered to 2.5 s, function 3 s: the limit keeps its fraction',
      model: [lambda('Api', { line: 10, timeout: 3, triggers: [trigger('http-api', 20, { integrationTimeoutMs: val(2_500, 25) })] })],
      findings: [{ messageId: 'exceedsConfiguredIntegration', at: 'template.yaml:13', functions: ['Api'], includes: ['Timeout 3 s (own setting) of Api exceeds its API Gateway HTTP API integration timeout of 2.5 s'] }],
    },
    {
      name: 'HTTP API cannot be raised beyond 30 s even if configured higher',
      model: [lambda('Api', { line: 10, timeout: 40, triggers: [trigger('http-api', 20, { integrationTimeoutMs: val(45_000, 25) })] })],
      findings: [{ messageId: 'exceedsIntegration', at: 'template.yaml:13', includes: ['30 s'] }],
    },
    {
      name: 'AppSync resolver, 60 s',
      model: [lambda('Resolver', { line: 10, timeout: 60, triggers: [trigger('appsync', 20)] })],
      findings: [{ messageId: 'exceedsIntegration', at: 'template.yaml:13', includes: ['AppSync', '30 s'] }],
    },
    {
      name: 'Lambda@Edge viewer-request at 10 s',
      model: [lambda('Auth', { line: 10, file: 'serverless.yml', format: 'serverless', timeout: 10, triggers: [trigger('other', 20, { edgeEventType: 'viewer-request' }, 'serverless.yml')] })],
      findings: [{ messageId: 'exceedsEdge', at: 'serverless.yml:13', includes: ['viewer-request', '5 s'] }],
    },
    {
      name: 'Lambda@Edge origin-response at 60 s',
      model: [lambda('Headers', { line: 10, timeout: 60, triggers: [trigger('other', 20, { edgeEventType: 'origin-response' })] })],
      findings: [{ messageId: 'exceedsEdge', at: 'template.yaml:13', includes: ['30 s'] }],
    },
    {
      name: 'REST and HTTP API: one finding, naming the REST API (lowest limit)',
      model: [lambda('Api', { line: 10, timeout: 120, triggers: [trigger('http-api', 20), trigger('rest-api', 30)] })],
      findings: [{ messageId: 'exceedsRestApi', at: 'template.yaml:13', includes: ['29 s', 'REST API'] }],
    },
    {
      // findings.json: aws-cdk-examples api-gateway-lambda-token-authorizer, Duration.minutes(2) behind a LambdaRestApi.
      name: 'CDK NodejsFunction with Duration.minutes(2) behind a LambdaRestApi',
      model: [
        lambda('operational', {
          line: 60,
          file: 'lib/stack/gateway-lambda-auth-stack.ts',
          format: 'cdk',
          timeout: val(120, 65, { file: 'lib/stack/gateway-lambda-auth-stack.ts', column: 16 }),
          triggers: [trigger('rest-api', 130, {}, 'lib/stack/gateway-lambda-auth-stack.ts')],
        }),
      ],
      findings: [{ messageId: 'exceedsRestApi', at: 'lib/stack/gateway-lambda-auth-stack.ts:65', column: 16 }],
    },
    {
      name: 'serverless http event with provider timeout 60',
      model: [
        lambda('create', {
          line: 40,
          file: 'serverless.yml',
          format: 'serverless',
          timeout: inherited(60, 9, 'provider', 'serverless.yml'),
          triggers: [trigger('rest-api', 44, {}, 'serverless.yml')],
        }),
      ],
      findings: [{ messageId: 'exceedsRestApi', at: 'serverless.yml:9', includes: ['from provider'] }],
    },
    {
      name: 'Terraform aws_apigatewayv2_integration with timeout_milliseconds 15000',
      model: [
        lambda('aws_lambda_function.api', {
          line: 1,
          file: 'main.tf',
          format: 'terraform',
          timeout: 25,
          triggers: [trigger('http-api', 30, { integrationTimeoutMs: val(15_000, 34, { file: 'main.tf' }) }, 'main.tf')],
        }),
      ],
      findings: [{ messageId: 'exceedsConfiguredIntegration', at: 'main.tf:4', includes: ['15 s'] }],
    },
  ],
});
