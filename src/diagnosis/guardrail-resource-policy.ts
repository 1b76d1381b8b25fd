/**
 * The resource-based policy of a guardrail in another account (an organization-level enforced guardrail lives in
 * the management account): a member account's caller needs bedrock:ApplyGuardrail allowed by its own policies AND
 * by this policy (Bedrock user guide, "Using resource-based policies for guardrails"). Read with the organization
 * reader role when it lives in the guardrail's account: bedrock:GetResourcePolicy, restJson1
 * `GET /resource-policy/{resourceArn}` answering `{"resourcePolicy": "<JSON string>"}`, ResourceNotFoundException
 * when the guardrail has none (@aws-sdk/client-bedrock 3.1164.0, botocore bedrock 2023-04-20).
 *
 * Never throws for what it cannot read: 'unknown' with why and where a person reads it.
 */
import { GetResourcePolicyCommand } from '@aws-sdk/client-bedrock';
import { describeAwsError } from '../aws/errors.js';
import type { GuardrailRef } from '../aws-facts/guardrails.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';
import { assumeOrgReader } from './org-reader.js';
import { decodePolicyDocument } from './policy-statements.js';

export const GET_RESOURCE_POLICY_ACTION = 'bedrock:GetResourcePolicy';

export type GuardrailPolicyRead =
  | { state: 'read'; document: unknown }
  /** The guardrail has no resource-based policy: no other account may apply it. */
  | { state: 'none' }
  | { state: 'unknown'; why: string };

/** Where a person reads the policy when the bot cannot. */
export function whereToReadGuardrailPolicy(g: GuardrailRef): string {
  return (
    `in account ${g.accountId}: Bedrock console (${g.region}), Guardrails, ${g.guardrailId}, Resource-based policy, ` +
    `or \`aws bedrock get-resource-policy --resource-arn ${g.arn} --region ${g.region}\``
  );
}

export function guardrailResourcePolicy(ctx: DiagnosisContext, g: GuardrailRef): Promise<GuardrailPolicyRead> {
  return ctx.shared(`guardrailPolicy:${g.arn}`, async (): Promise<GuardrailPolicyRead> => {
    const reader = ctx.orgReader;
    if (!reader) return { state: 'unknown', why: 'not read (ORG_READER_ROLE_ARN is not set)' };
    const readerAccount = reader.roleArn.split(':')[4];
    if (readerAccount !== g.accountId) {
      return {
        state: 'unknown',
        why: `not read: the organization reader role is in account ${readerAccount}, the guardrail in ${g.accountId}`,
      };
    }
    const session = await assumeOrgReader(reader);
    if (!session.ok) return { state: 'unknown', why: session.why };
    const role = session.role;
    const bedrock = ctx.clients.bedrock(g.region, role.source);
    try {
      const out = await ctx.call('bedrock:GetResourcePolicy', 'org', (abortSignal) =>
        bedrock.send(new GetResourcePolicyCommand({ resourceArn: g.arn }), { abortSignal }),
      );
      if (!out.resourcePolicy) return { state: 'none' };
      const document = decodePolicyDocument(out.resourcePolicy);
      if (document === undefined) return { state: 'unknown', why: 'read, but the policy is not JSON' };
      return { state: 'read', document };
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      if (error.info.kind === 'aborted') throw error;
      if (error.info.name === 'ResourceNotFoundException') return { state: 'none' };
      return {
        state: 'unknown',
        why:
          error.info.kind === 'access_denied'
            ? `not read: the organization reader role may not call ${GET_RESOURCE_POLICY_ACTION} (${error.info.name}); update it from infra/org-reader-role.yaml`
            : `not read: ${GET_RESOURCE_POLICY_ACTION} failed: ${describeAwsError(error.info)}`,
      };
    }
  });
}
