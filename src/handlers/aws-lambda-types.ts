import type { TriggerKind } from '../model/trigger.js';

/**
 * Type names from @types/aws-lambda (and Powertools) that identify a trigger.
 * Handler types (`SQSHandler`) mark the function itself; event types
 * (`SQSEvent`) mark its first parameter; result types mark its return.
 */
const HANDLER_TYPES: Record<string, TriggerKind> = {
  APIGatewayProxyHandler: 'rest-api',
  APIGatewayProxyWithCognitoAuthorizerHandler: 'rest-api',
  APIGatewayProxyWithLambdaAuthorizerHandler: 'rest-api',
  APIGatewayProxyHandlerV2: 'http-api',
  APIGatewayProxyHandlerV2WithJWTAuthorizer: 'http-api',
  APIGatewayProxyHandlerV2WithLambdaAuthorizer: 'http-api',
  APIGatewayProxyHandlerV2WithIAMAuthorizer: 'http-api',
  LambdaFunctionURLHandler: 'function-url',
  LambdaFunctionURLHandlerWithIAMAuthorizer: 'function-url',
  ALBHandler: 'alb',
  AppSyncResolverHandler: 'appsync',
  SQSHandler: 'sqs',
  SNSHandler: 'sns',
  S3Handler: 's3',
  S3BatchHandler: 'other',
  DynamoDBStreamHandler: 'dynamodb-stream',
  KinesisStreamHandler: 'kinesis',
  KinesisStreamBatchResponseHandler: 'kinesis',
  EventBridgeHandler: 'eventbridge',
  ScheduledHandler: 'schedule',
  IoTHandler: 'iot',
  CloudFormationCustomResourceHandler: 'other',
  CloudWatchLogsHandler: 'other',
  CodePipelineHandler: 'other',
  FirehoseTransformationHandler: 'other',
  MSKHandler: 'other',
  SelfManagedKafkaHandler: 'other',
  SESHandler: 'other',
  // Handler / Callback types without a trigger are still handlers.
  Handler: 'other',
};

const EVENT_TYPES: Record<string, TriggerKind> = {
  APIGatewayProxyEvent: 'rest-api',
  APIGatewayEvent: 'rest-api',
  APIGatewayProxyEventV2: 'http-api',
  APIGatewayProxyEventV2WithJWTAuthorizer: 'http-api',
  APIGatewayProxyEventV2WithRequestContext: 'http-api',
  LambdaFunctionURLEvent: 'function-url',
  ALBEvent: 'alb',
  AppSyncResolverEvent: 'appsync',
  SQSEvent: 'sqs',
  SNSEvent: 'sns',
  S3Event: 's3',
  DynamoDBStreamEvent: 'dynamodb-stream',
  KinesisStreamEvent: 'kinesis',
  EventBridgeEvent: 'eventbridge',
  ScheduledEvent: 'schedule',
};

const RESULT_TYPES: Record<string, TriggerKind> = {
  APIGatewayProxyResult: 'rest-api',
  APIGatewayProxyResultV2: 'http-api',
  APIGatewayProxyStructuredResultV2: 'http-api',
  ALBResult: 'alb',
  LambdaFunctionURLResult: 'function-url',
  SQSBatchResponse: 'sqs',
  DynamoDBBatchResponse: 'dynamodb-stream',
  KinesisStreamBatchResponse: 'kinesis',
};

export const triggerOfHandlerType = (name: string): TriggerKind | undefined => HANDLER_TYPES[name];
export const triggerOfEventType = (name: string): TriggerKind | undefined => EVENT_TYPES[name];
export const triggerOfResultType = (name: string): TriggerKind | undefined => RESULT_TYPES[name];
