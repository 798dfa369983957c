/**
 * Template detection by content, one case per accepted spelling and one per near miss: the CLI
 * loads every YAML/JSON file this accepts as a template, so a false yes loads a non-template and
 * a false no drops a whole stack.
 */
import { describe, expect, it } from 'vitest';
import { isCloudFormationTemplate } from '../../src/loaders/cloudformation.js';

describe('isCloudFormationTemplate: YAML', () => {
  it.each([
    ['a quoted version key', '"AWSTemplateFormatVersion": "2010-09-09"\n'],
    ['a single-quoted version key with a space', "'AWSTemplateFormatVersion' : '2010-09-09'\n"],
    ['the version after other keys', 'Description: x\nAWSTemplateFormatVersion: "2010-09-09"\n'],
    ['a quoted transform', '"Transform": "AWS::Serverless-2016-10-31"\n'],
    ['a transform in a list after comments and blank lines', 'Transform:\n  # the SAM one\n\n  - "AWS::Serverless-2016-10-31"\n'],
    ['a transform in a list with CRLF line ends', 'Transform:\r\n  - AWS::Serverless-2016-10-31\r\n'],
    ['a transform in a list after another transform', "Transform:\n  - AWS::LanguageExtensions\n  - 'AWS::Serverless-2016-10-31'\n"],
    ['Resources with a comment, blank and comment lines before the first resource', 'Resources: # all\n\n  # the queue\n  Queue:\n    Type: AWS::SQS::Queue\n'],
    ['Resources with CRLF line ends', 'Resources:\r\n  Queue:\r\n    Type: AWS::SQS::Queue\r\n'],
    ['quoted Resources and Type keys', '"Resources":\n  "Queue":\n    "Type": "AWS::SQS::Queue"\n'],
    ['a resource id with a dash', 'Resources:\n  my-queue:\n    Type: AWS::SQS::Queue\n'],
    ['a type with digits', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n'],
    ['a tab-indented resource', 'Resources:\n\tQueue:\n\t\tType: AWS::SQS::Queue\n'],
    ['a document indented as a whole', '  AWSTemplateFormatVersion: "2010-09-09"\n  Resources: {}\n'],
    ['an indented document after comments and a document marker', '# header\n---\n  # note\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n'],
  ])('recognises %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(true);
  });

  it.each([
    ['the version key not at the line start', 'x: 1\n  AWSTemplateFormatVersion: "2010-09-09"\n'],
    ['a non-SAM transform', 'Transform: AWS::LanguageExtensions\n'],
    ['a non-SAM transform list', 'Transform:\n  - AWS::LanguageExtensions\n'],
    ['a SAM transform in a nested list', 'Transform:\n  x: 1\n  - AWS::Serverless-2016-10-31\n'],
    ['a SAM transform mentioned in a comment', 'Transform: x\n# AWS::Serverless in a comment\n'],
    ['Resources without AWS types', 'Resources:\n  Q:\n    Type: Custom::Thing\n'],
    ['AWS types without Resources', 'Other:\n  Q:\n    Type: AWS::SQS::Queue\n'],
    ['an indented Resources key', 'x:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n'],
    ['Resources followed by a list', 'Resources:\n  - Q:\n      Type: AWS::SQS::Queue\n'],
    ['Resources with an inline value', 'Resources: x\nQ:\n  Type: AWS::SQS::Queue\n'],
    ['a Type at column 0', 'Resources:\n  Q: {}\nType: AWS::SQS::Queue\n'],
    ['a Type of two parts', 'Resources:\n  Q:\n    Type: AWS::SQS\n'],
    ['a Type with a dash in the service', 'Resources:\n  Q:\n    Type: AWS::S-3::Bucket\n'],
    ['a document whose lines are not all indented', '  Resources:\n    Q:\n      Type: AWS::SQS::Queue\nservice: x\n'],
  ])('rejects %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(false);
  });
});

describe('isCloudFormationTemplate: JSON', () => {
  it.each([
    ['a version after leading whitespace', '\n  {\n  "AWSTemplateFormatVersion" : "2010-09-09" }'],
    ['a SAM transform', '{ "Transform": "AWS::Serverless-2016-10-31", "Resources": {} }'],
    ['a SAM transform in a list', '{ "Transform": [ "AWS::Serverless-2016-10-31" ], "Resources": {} }'],
    ['resources with spaces around colons', '{ "Resources" : { "Q": { "Type" : "AWS::SQS::Queue" } } }'],
    ['a serverless-looking key order without both keys', '{ "service": "x", "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } }'],
  ])('recognises %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(true);
  });

  it.each([
    ['a non-SAM transform', '{ "Transform": "AWS::LanguageExtensions" }'],
    ['resources without AWS types', '{ "Resources": { "Q": { "Type": "Custom::Thing" } } }'],
    ['AWS types without a Resources map', '{ "Resources": [], "Q": { "Type": "AWS::SQS::Queue" } }'],
    ['serverless.json with provider before service', '{ "provider": { "name": "aws" }, "service": "x", "resources": { "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } } }'],
    ['YAML keys in a JSON-looking file', '{ "a": 1 }\nAWSTemplateFormatVersion: x\n'],
  ])('rejects %s', (_name, text) => {
    expect(isCloudFormationTemplate(text)).toBe(false);
  });

  it('looks only at the first 2 MiB of a huge file', () => {
    const padding = `# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(isCloudFormationTemplate(`AWSTemplateFormatVersion: "2010-09-09"\n${padding}`)).toBe(true);
    expect(isCloudFormationTemplate(`${padding}AWSTemplateFormatVersion: "2010-09-09"\n`)).toBe(false);
    const jsonPadding = ' '.repeat(2 * 1024 * 1024);
    expect(isCloudFormationTemplate(`{${jsonPadding}"AWSTemplateFormatVersion": "2010-09-09" }`)).toBe(false);
    expect(isCloudFormationTemplate(`{"AWSTemplateFormatVersion": "2010-09-09",${jsonPadding} }`)).toBe(true);
  });
});
