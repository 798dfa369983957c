import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { canonicalPrincipal, principalService } from '../src/principals.js';
import { isReference, type InvokePermission } from '../src/model/index.js';

/**
 * A service principal without SourceArn/SourceAccount lets a resource of that service in ANY
 * account invoke the function (the confused-deputy problem); `Principal: "*"` without a condition
 * lets anyone who can sign a request invoke it.
 * https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
 * Checked 2026-12-06. Peers: checkov CKV_AWS_364 (permissions for AWS services limited by SourceArn
 * or SourceAccount), checkov CKV_AWS_301 (function not publicly accessible), KICS "Lambda Permission
 * Principal Is Wildcard".
 */
export default createConfigRule({
  name: 'no-unscoped-permission',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require SourceArn or SourceAccount on invoke permissions for AWS services, and a condition on permissions for any principal',
      recommended: 'warn',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      ],
    },
    messages: {
      unscopedService:
        "Permission '{{permission}}' has no SourceArn or SourceAccount: any account's {{principal}} resource can invoke '{{fn}}'.",
      anyPrincipal:
        "Permission '{{permission}}' lets any AWS account invoke function '{{fn}}': Principal '*' without a SourceArn, SourceAccount or PrincipalOrgID condition.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      project(model) {
        for (const permission of model.permissions ?? []) {
          const problem = problemOf(permission);
          if (!problem) continue;
          const text = principalText(permission);
          context.report({
            messageId: problem,
            data: { permission: permission.id.slice(permission.id.indexOf('#') + 1), principal: canonicalPrincipal(text ?? ''), fn: permission.functionRef },
            loc: permission.principal.loc,
            functions: permission.functionName ? [permission.functionName] : [],
          });
        }
      },
    };
  },
});

/** The principal as text; a reference whose text is a partition-neutral service principal counts. */
function principalText(permission: InvokePermission): string | undefined {
  const value = permission.principal.value;
  if (!isReference(value)) return value;
  return principalService(value.text) ? value.text : undefined;
}

function problemOf(permission: InvokePermission): 'unscopedService' | 'anyPrincipal' | undefined {
  const text = principalText(permission);
  if (text === undefined) return undefined;
  const scoped = permission.sourceArn !== undefined || permission.sourceAccount !== undefined;
  // A PrincipalOrgID condition is no SourceArn, but no other account's resource can use the permission either.
  if (principalService(text)) return scoped || permission.principalOrgId !== undefined ? undefined : 'unscopedService';
  if (text.trim() === '*') {
    // `FunctionUrlAuthType` limits the permission to a function URL: no-public-function-url owns that case.
    if (scoped || permission.principalOrgId !== undefined || permission.functionUrlAuthType !== undefined) return undefined;
    return 'anyPrincipal';
  }
  return undefined;
}
