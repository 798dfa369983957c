/**
 * AWS service principals across partitions. The same service is `sns.amazonaws.com` in the aws and
 * aws-us-gov partitions, `sns.amazonaws.com.cn` in aws-cn, and templates write it partition-neutral
 * as `!Sub sns.${AWS::URLSuffix}` (CloudFormation) or `sns.${data.aws_partition.current.dns_suffix}`
 * (Terraform).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-urlsuffix
 * Checked 2026-12-06.
 */
const DNS_SUFFIX = String.raw`(?:amazonaws\.com(?:\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov|\$\{\s*AWS::URLSuffix\s*\}|\$\{[^}]*\bdns_suffix\s*\}|\$\{[^}]*\burl_suffix\s*\})`;
const SERVICE_PRINCIPAL = new RegExp(String.raw`^([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*?)\.${DNS_SUFFIX}$`, 'i');

/** `sns.amazonaws.com.cn` -> `sns`; undefined when the text is no service principal (an account, an ARN, `*`). */
export function principalService(text: string): string | undefined {
  const match = SERVICE_PRINCIPAL.exec(text.trim());
  return match ? match[1].toLowerCase() : undefined;
}

/** The canonical principal (`sns.amazonaws.com`) for messages and maps. */
export function canonicalPrincipal(text: string): string {
  const service = principalService(text);
  return service ? `${service}.amazonaws.com` : text.trim();
}
