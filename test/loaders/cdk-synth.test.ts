// Templates `cdk synth` wrote and committed: build output next to their CDK app; otherwise linted,
// without the CDK's own custom-resource handlers.
import { describe, expect, it } from 'vitest';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { cdkPath, isCdkInternalFunction, isCdkSynthesized } from '../../src/loaders/cloudformation/cdk-synth.js';
import type { CfnResource } from '../../src/loaders/cloudformation/values.js';
import { parseYaml, type YMap, type YNode } from '../../src/loaders/yaml-tree.js';
import { analyzeFiles, dedent } from '../helpers/temp-project.js';
import { memoryHost } from './host.js';

const loc = { file: 't.json', line: 1, column: 1 };
const node = (yaml: string): YNode => parseYaml('t.yaml', yaml).documents[0];

const SYNTHESIZED = dedent`
  {
    "Resources": {
      "OrdersHandler1A2B3C4D": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "nodejs16.x", "Handler": "index.handler", "Timeout": 900, "MemorySize": 512, "Code": { "S3Bucket": "b", "S3Key": "k" } },
        "Metadata": { "aws:cdk:path": "OrdersStack/OrdersHandler/Resource" }
      },
      "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "nodejs18.x", "Handler": "index.handler", "Timeout": 900, "MemorySize": 128, "Code": { "S3Bucket": "b", "S3Key": "k" } },
        "Metadata": { "aws:cdk:path": "OrdersStack/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler" }
      },
      "AWS679f53fac002430cb0da5b7982bd22872D164C4C": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "nodejs18.x", "Handler": "index.handler", "Timeout": 120, "Code": { "S3Bucket": "b", "S3Key": "k" } }
      },
      "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "python3.9", "Handler": "index.handler", "Timeout": 300, "Code": { "ZipFile": "x" } }
      },
      "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "nodejs18.x", "Handler": "index.handler", "Code": { "S3Bucket": "b", "S3Key": "k" } }
      },
      "ProviderframeworkonEvent83C1D0A7": {
        "Type": "AWS::Lambda::Function",
        "Properties": { "Runtime": "nodejs18.x", "Handler": "framework.onEvent", "Timeout": 900, "Code": { "S3Bucket": "b", "S3Key": "k" } }
      }
    },
    "Parameters": { "BootstrapVersion": { "Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk-bootstrap/hnb659fds/version" } }
  }
`;

describe('templates synthesized by the CDK', () => {
  it('are recognised, and the CDK custom-resource handlers (BucketDeployment, AwsCustomResource, notifications, log retention, providers) are not functions of the user', () => {
    const result = loadCloudFormation('cdk.out.test/OrdersStack.template.json', SYNTHESIZED, memoryHost({}));
    expect(result.cdkSynthesized).toBe(true);
    expect(result.functions.map((f) => f.name)).toEqual(['OrdersHandler1A2B3C4D']);
  });

  it('hashed logical ids throughout mark a template without metadata', () => {
    const text = '{ "Resources": { "CronRule709B40EE": { "Type": "AWS::Events::Rule" }, "SingletonLambda0dc9f04c9CB1DC29": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "python3.12", "Handler": "index.main" } } } }';
    expect(loadCloudFormation('expected.json', text, memoryHost({})).cdkSynthesized).toBe(true);
  });

  it('a hand-written template is not one, and keeps functions named like CDK handlers', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  OrdersFunction:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n';
    const result = loadCloudFormation('template.yaml', text, memoryHost({}));
    expect(result.cdkSynthesized).toBeUndefined();
    expect(result.functions).toHaveLength(2);
  });

  it('is build output, not linted, when the CDK app is in the project (cdk.json)', async () => {
    const { findings } = await analyzeFiles(
      { 'cdk.json': '{ "app": "npx ts-node bin/app.ts" }', 'test/expected/OrdersStack.template.json': SYNTHESIZED },
      { 'deprecated-runtime': {}, 'no-max-timeout': {} },
    );
    expect(findings).toEqual([]);
  });

  it('is linted when the app is not there, without findings on the CDK handlers', async () => {
    const { findings } = await analyzeFiles({ 'OrdersStack.template.json': SYNTHESIZED }, { 'deprecated-runtime': {}, 'no-max-timeout': {} });
    expect(findings.map((f) => [f.ruleId, f.functions]).sort()).toEqual([
      ['deprecated-runtime', ['OrdersHandler1A2B3C4D']],
      ['no-max-timeout', ['OrdersHandler1A2B3C4D']],
    ]);
  });
});

describe('CDK internal handlers and synthesized templates, one case per marker', () => {
  const resource = (id: string, type = 'AWS::Lambda::Function', path?: string): CfnResource => ({
    id,
    type,
    node: (path === undefined ? { kind: 'map', pairs: [], loc } : node(`{ Metadata: { "aws:cdk:path": "${path}" } }`)) as YMap,
    properties: undefined,
    loc,
  });

  it.each([
    ['AWS679f53fac002430cb0da5b7982bd22872D164C4C'],
    ['CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536'],
    ['BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691'],
    ['LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A'],
    ['CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F'],
    ['ProviderframeworkonEvent83C1D0A7'],
    ['ProviderframeworkisComplete83C1D0A7'],
    ['ProviderframeworkonTimeout83C1D0A7'],
  ])('by logical id: %s', (id) => {
    expect(isCdkInternalFunction(resource(id))).toBe(true);
  });

  it.each([
    ['Stack/AWS679f53fac002430cb0da5b7982bd2287/Resource'],
    ['Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB/Resource'],
    ['Stack/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role'],
    ['Stack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource'],
    ['Stack/Custom::VpcRestrictDefaultSGCustomResourceProvider/Handler'],
    ['Stack/Provider/framework-onEvent/Resource'],
    ['Stack/Provider/framework-isComplete/Resource'],
    ['Stack/Provider/framework-onTimeout/Resource'],
  ])('by construct path: %s', (path) => {
    expect(isCdkInternalFunction(resource('Handler', 'AWS::Lambda::Function', path))).toBe(true);
  });

  it.each([
    ['OrdersHandler1A2B3C4D', 'Stack/OrdersHandler/Resource'],
    ['XAWS679f53fac002430cb0da5b7982bd2287', 'Stack/AWS679f53fac002430cb0da5b7982bd2287'],
    ['CustomS3AutoDeleteObjectsCustomResourceProviderHandler9d90184f', undefined],
    ['CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F00', undefined],
    ['ProviderframeworkonEventX', 'Stack/Provider/framework-onEventX/Resource'],
    ['MyLogRetention', 'Stack/Custom::CustomResourceProvider/Handler'],
  ])('not internal: %s', (id, path) => {
    expect(isCdkInternalFunction(resource(id, 'AWS::Lambda::Function', path))).toBe(false);
  });

  it('recognises synthesized templates by bootstrap version, metadata, paths or hashed ids', () => {
    const none = new Map<string, CfnResource>();
    const map = (...rs: CfnResource[]) => new Map(rs.map((r) => [r.id, r]));
    expect(isCdkSynthesized(node('{ Parameters: { BootstrapVersion: { Type: String } } }'), none)).toBe(true);
    expect(isCdkSynthesized(node('{ Rules: { CheckBootstrapVersion: { Assertions: [] } } }'), none)).toBe(true);
    expect(isCdkSynthesized(node('{ Parameters: { Other: {} }, Rules: { Other: {} } }'), none)).toBe(false);
    expect(isCdkSynthesized(node('{}'), map(resource('CDKMetadata', 'AWS::CDK::Metadata')))).toBe(true);
    expect(isCdkSynthesized(node('{}'), map(resource('Fn', 'AWS::Lambda::Function', 'Stack/Fn/Resource')))).toBe(true);
    expect(isCdkSynthesized(node('{}'), map(resource('QueueA1B2C3D4'), resource('Handler0dc9f04c9CB1DC29')))).toBe(true);
    // One hashed id alone, or one unhashed id among them, is not enough.
    expect(isCdkSynthesized(node('{}'), map(resource('QueueA1B2C3D4')))).toBe(false);
    expect(isCdkSynthesized(node('{}'), map(resource('QueueA1B2C3D4'), resource('Handler')))).toBe(false);
    expect(isCdkSynthesized(node('{}'), map(resource('QUEUEA1B2C3D4'), resource('HandlerA1B2C3D4')))).toBe(false);
    expect(isCdkSynthesized(node('{}'), map(resource('QueueA1B2C3D'), resource('HandlerA1B2C3D4')))).toBe(false);
    expect(cdkPath(resource('Fn', 'AWS::Lambda::Function', 'Stack/Fn/Resource'))).toBe('Stack/Fn/Resource');
    expect(cdkPath(resource('Fn'))).toBeUndefined();
  });
});
