/**
 * Policy documents the diagnosis can read (each fetched once per diagnosis through ctx.shared):
 *
 * - managed policies (identity-based or permissions boundary): iam:GetPolicy (DefaultVersionId), then
 *   iam:GetPolicyVersion (Document, URL-encoded JSON) with the diagnostic role;
 * - inline policies of a user or role: iam:ListUserPolicies / iam:GetUserPolicy, iam:ListRolePolicies /
 *   iam:GetRolePolicy (PolicyDocument, URL-encoded JSON);
 * - SCPs and RCPs: organizations:DescribePolicy (Policy.Content, plain JSON) with the optional organization reader
 *   role (ORG_READER_ROLE_ARN) in the management or delegated administrator account.
 *
 * Wire shapes: botocore iam 2010-05-08 and organizations 2016-11-28 service models (commit 0e6e2404).
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { DescribePolicyCommand } from '@aws-sdk/client-organizations';
import { classifyAwsError } from '../aws/errors.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';
import { decodePolicyDocument } from './policy-statements.js';

export interface PolicyDocument {
  /** Where it came from: a policy ARN, or `inline user/alice/PolicyName`. */
  source: string;
  name: string;
  document: unknown;
  /** The version read (managed policies). */
  versionId?: string;
}

/** Bounded: a principal has at most a few inline policies worth reading. */
const MAX_INLINE_POLICIES = 10;
const MAX_PAGES = 5;

/** The default version of a managed policy (customer or AWS managed). */
export function managedPolicyDocument(ctx: DiagnosisContext, policyArn: string): Promise<PolicyDocument> {
  return ctx.shared(`policy:${policyArn}`, async () => {
    const iam = ctx.clients.iam(ctx.input.region, await ctx.roleSource());
    const policy = await ctx.call('iam:GetPolicy', 'role', (abortSignal) =>
      iam.send(new GetPolicyCommand({ PolicyArn: policyArn }), { abortSignal }),
    );
    const versionId = policy.Policy?.DefaultVersionId;
    if (!versionId) throw invalid('iam:GetPolicy', 'GetPolicy answered without a DefaultVersionId');
    const version = await ctx.call('iam:GetPolicyVersion', 'role', (abortSignal) =>
      iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId }), { abortSignal }),
    );
    const text = version.PolicyVersion?.Document;
    const document = text ? decodePolicyDocument(text) : undefined;
    if (document === undefined) throw invalid('iam:GetPolicyVersion', 'the policy document is not JSON');
    return { source: policyArn, name: policy.Policy?.PolicyName ?? policyArn, document, versionId };
  });
}

/** Every inline policy of a user or role (at most MAX_INLINE_POLICIES). */
export function inlinePolicies(
  ctx: DiagnosisContext,
  principal: { kind: 'user' | 'role'; name: string },
): Promise<PolicyDocument[]> {
  return ctx.shared(`inline:${principal.kind}:${principal.name}`, async () => {
    const iam = ctx.clients.iam(ctx.input.region, await ctx.roleSource());
    const names: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES && names.length < MAX_INLINE_POLICIES; page++) {
      const out =
        principal.kind === 'user'
          ? await ctx.call('iam:ListUserPolicies', 'role', (abortSignal) =>
              iam.send(new ListUserPoliciesCommand({ UserName: principal.name, Marker: marker }), { abortSignal }),
            )
          : await ctx.call('iam:ListRolePolicies', 'role', (abortSignal) =>
              iam.send(new ListRolePoliciesCommand({ RoleName: principal.name, Marker: marker }), { abortSignal }),
            );
      names.push(...(out.PolicyNames ?? []));
      if (!out.IsTruncated || !out.Marker) break;
      marker = out.Marker;
    }
    return Promise.all(
      names.slice(0, MAX_INLINE_POLICIES).map(async (policyName) => {
        const out =
          principal.kind === 'user'
            ? await ctx.call('iam:GetUserPolicy', 'role', (abortSignal) =>
                iam.send(new GetUserPolicyCommand({ UserName: principal.name, PolicyName: policyName }), {
                  abortSignal,
                }),
              )
            : await ctx.call('iam:GetRolePolicy', 'role', (abortSignal) =>
                iam.send(new GetRolePolicyCommand({ RoleName: principal.name, PolicyName: policyName }), {
                  abortSignal,
                }),
              );
        return {
          source: `inline ${principal.kind}/${principal.name}/${policyName}`,
          name: policyName,
          document: decodePolicyDocument(out.PolicyDocument ?? ''),
        };
      }),
    );
  });
}

/** An SCP or RCP read with the organization reader role; undefined when ORG_READER_ROLE_ARN is not configured. */
export function organizationsPolicy(ctx: DiagnosisContext, policyId: string): Promise<PolicyDocument | undefined> {
  return ctx.shared(`orgPolicy:${policyId}`, async () => {
    const reader = ctx.orgReader;
    if (!reader) return undefined;
    let role: Awaited<ReturnType<typeof reader.assume>>;
    try {
      role = await reader.assume();
    } catch (error) {
      throw new AwsCallError('sts:AssumeRole', 'bot', classifyAwsError(error));
    }
    // Organizations has one endpoint per partition (organizations.us-east-1.amazonaws.com in aws, captured with
    // client-organizations 3.1169.0 for any aws region); the SDK picks it from the region.
    const organizations = ctx.clients.organizations(ctx.input.region, role.source);
    const out = await ctx.call('organizations:DescribePolicy', 'org', (abortSignal) =>
      organizations.send(new DescribePolicyCommand({ PolicyId: policyId }), { abortSignal }),
    );
    const content = out.Policy?.Content;
    const document = content ? decodePolicyDocument(content) : undefined;
    if (document === undefined) throw invalid('organizations:DescribePolicy', 'the policy content is not JSON');
    const summary = out.Policy?.PolicySummary;
    return { source: summary?.Arn ?? policyId, name: summary?.Name ?? policyId, document };
  });
}

function invalid(action: string, message: string): AwsCallError {
  return new AwsCallError(action, action.startsWith('organizations:') ? 'org' : 'role', {
    kind: 'unknown',
    name: 'InvalidResponse',
    message,
  });
}
