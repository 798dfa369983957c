/**
 * Recognise a CloudFormation / SAM template by what it contains, not by its
 * file name: `AWSTemplateFormatVersion`, a `Transform: AWS::Serverless-...`, or
 * a top-level `Resources` section with `Type: AWS::...` entries.
 * Cheap text checks only (no parse), so it can run on every YAML/JSON file.
 */

const YAML_VERSION = /^["']?AWSTemplateFormatVersion["']?\s*:/m;
const YAML_TRANSFORM = /^["']?Transform["']?\s*:[^\n]*AWS::Serverless|^["']?Transform["']?\s*:[ \t]*\r?\n(?:[ \t]*(?:-[^\n]*|#[^\n]*)?\r?\n)*[ \t]*-\s*["']?AWS::Serverless/m;
/** `Resources:` at column 0 followed by a map (CodeDeploy appspec files have a list there). */
const YAML_RESOURCES = /^["']?Resources["']?\s*:[ \t]*(#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+(?!-[ \t])["']?[\w-]/m;
const YAML_AWS_TYPE = /^[ \t]+["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/m;

const JSON_VERSION = /"AWSTemplateFormatVersion"\s*:/;
const JSON_TRANSFORM = /"Transform"\s*:\s*(\[\s*)?"AWS::Serverless/;
const JSON_RESOURCES = /"Resources"\s*:\s*\{/;
const JSON_AWS_TYPE = /"Type"\s*:\s*"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"/;
/** serverless.json also has a nested `"Resources"`; its top level has `service` and `provider`. */
const JSON_SERVERLESS = /"service"\s*:[\s\S]*"provider"\s*:|"provider"\s*:[\s\S]*"service"\s*:/;

/** Only the start of a huge file is looked at; templates declare these near the top. */
const SNIFF_LIMIT = 2 * 1024 * 1024;

export function isCloudFormationTemplate(text: string): boolean {
  const head = text.length > SNIFF_LIMIT ? text.slice(0, SNIFF_LIMIT) : text;
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) {
    if (JSON_VERSION.test(head) || JSON_TRANSFORM.test(head)) return true;
    return JSON_RESOURCES.test(head) && JSON_AWS_TYPE.test(head) && !JSON_SERVERLESS.test(head);
  }
  const yaml = dedentDocument(head);
  if (YAML_VERSION.test(yaml) || YAML_TRANSFORM.test(yaml)) return true;
  // A top-level `Resources:` (column 0) with AWS:: resource types under it.
  // serverless.yml nests `Resources:` under `resources:`, so it is indented there.
  return YAML_RESOURCES.test(yaml) && YAML_AWS_TYPE.test(yaml);
}

/**
 * A document indented as a whole (every line starts with the same spaces, as when a template is
 * pasted from a larger file) is still one top-level map for YAML and CloudFormation: look at it
 * without that indentation. A file whose first key is at column 0 is returned as it is.
 */
function dedentDocument(text: string): string {
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*( +)\S/.exec(text);
  if (!first) return text;
  const indent = first[1];
  const lines = text.split('\n');
  // Every content line must carry that indentation; otherwise the indented part is not the top level.
  if (lines.some((line) => line.trim() !== '' && !line.trimStart().startsWith('#') && !line.startsWith('---') && !line.startsWith(indent))) return text;
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
}
