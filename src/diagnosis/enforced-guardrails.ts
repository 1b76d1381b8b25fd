/**
 * The guardrails Bedrock enforces on every call of the target account in the target region:
 *
 * - account level: bedrock:ListEnforcedGuardrailsConfiguration with the diagnostic role (Bedrock control plane,
 *   restJson1: `GET /enforcedGuardrailsConfiguration[?nextToken=]` answering
 *   `{"guardrailsConfig": [AccountEnforcedGuardrailOutputConfiguration], "nextToken"?}`; botocore bedrock
 *   2023-04-20 and @aws-sdk/client-bedrock 3.1164.0 agree, commit 0e6e2404);
 * - organization level: the account's effective Amazon Bedrock policy, organizations:DescribeEffectivePolicy
 *   (PolicyType BEDROCK_POLICY, TargetId the account) with the optional organization reader role
 *   (ORG_READER_ROLE_ARN: the management account may name any member as TargetId). JSON 1.1,
 *   `{"EffectivePolicy": {"PolicyContent": "<JSON string>", "LastUpdatedTimestamp", "TargetId", "PolicyType"}}`
 *   (botocore organizations 2016-11-28). Without the reader role, the report says where to look.
 *
 * Neither fact throws for what it cannot read: the account fact rejects with the AwsCallError (the check words it),
 * the organization fact resolves to 'unknown' with why and where to look.
 */
import {
  ListEnforcedGuardrailsConfigurationCommand,
  type ListEnforcedGuardrailsConfigurationCommandOutput,
} from '@aws-sdk/client-bedrock';
import { DescribeEffectivePolicyCommand } from '@aws-sdk/client-organizations';
import { describeAwsError } from '../aws/errors.js';
import {
  BEDROCK_POLICY_TYPE,
  type GuardrailRef,
  guardrailArn,
  isGuardrailId,
  type ModelScope,
  orgGuardrailConfigs,
  parseGuardrailIdentifier,
} from '../aws-facts/guardrails.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';
import { assumeOrgReader } from './org-reader.js';

export const LIST_ENFORCED_ACTION = 'bedrock:ListEnforcedGuardrailsConfiguration';
export const DESCRIBE_EFFECTIVE_POLICY_ACTION = 'organizations:DescribeEffectivePolicy';

/** The list holds at most one configuration per region; a few pages bound a misbehaving nextToken. */
const MAX_PAGES = 5;

export interface EnforcedGuardrail {
  level: 'account' | 'organization';
  guardrail: GuardrailRef;
  /** Numeric version the enforcement pins. */
  version?: string;
  /** The account configuration's configId, or the organization policy's configuration key. */
  configId?: string;
  scope?: ModelScope;
  /** Selective content guarding (account level), e.g. `system SELECTIVE, messages COMPREHENSIVE`. */
  guarding?: string;
  /** Who set it (account level: updatedBy or createdBy) and when. */
  setBy?: string;
}

export interface AccountEnforcement {
  guardrails: EnforcedGuardrail[];
  /** Configurations that name no guardrail this code can read (described). */
  unreadable: string[];
  /** How the answer was read, when it was not a plain list (e.g. ResourceNotFoundException read as none). */
  note?: string;
}

/** bedrock:ListEnforcedGuardrailsConfiguration in the target region, all pages. Rejects with an AwsCallError. */
export function accountEnforcement(ctx: DiagnosisContext): Promise<AccountEnforcement> {
  return ctx.shared('accountEnforcedGuardrails', async () => {
    const { region, partition, accountId } = ctx.input;
    const bedrock = ctx.clients.bedrock(region, await ctx.roleSource());
    const result: AccountEnforcement = { guardrails: [], unreadable: [] };
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let out: ListEnforcedGuardrailsConfigurationCommandOutput;
      try {
        // The action is written out: test/infra/diagnostic-role.test.ts ties the template to these literals.
        out = await ctx.call('bedrock:ListEnforcedGuardrailsConfiguration', 'role', (abortSignal) =>
          bedrock.send(new ListEnforcedGuardrailsConfigurationCommand(nextToken ? { nextToken } : {}), {
            abortSignal,
          }),
        );
      } catch (error) {
        // A list that answers "not found" has nothing configured; read so, and say so.
        if (page === 0 && error instanceof AwsCallError && error.info.name === 'ResourceNotFoundException') {
          return { ...result, note: `answered ${describeAwsError(error.info)}: read as no configuration` };
        }
        throw error;
      }
      if (!Array.isArray(out.guardrailsConfig)) {
        throw new AwsCallError(LIST_ENFORCED_ACTION, 'role', {
          kind: 'unknown',
          name: 'InvalidResponse',
          message: 'ListEnforcedGuardrailsConfiguration answered without guardrailsConfig',
        });
      }
      for (const config of out.guardrailsConfig) {
        const ref = config.guardrailArn
          ? parseGuardrailIdentifier(config.guardrailArn)
          : config.guardrailId && isGuardrailId(config.guardrailId)
            ? // Account-level enforcement names a guardrail of the account itself (owner ACCOUNT).
              parseGuardrailIdentifier(guardrailArn(partition, region, accountId, config.guardrailId))
            : undefined;
        if (!ref) {
          result.unreadable.push(
            `configuration ${config.configId ?? '(no configId)'} names no readable guardrail ` +
              `(guardrailArn ${JSON.stringify(config.guardrailArn ?? null)}, guardrailId ${JSON.stringify(config.guardrailId ?? null)})`,
          );
          continue;
        }
        const guarding = config.selectiveContentGuarding;
        const who = config.updatedBy ?? config.createdBy;
        const when = config.updatedAt ?? config.createdAt;
        result.guardrails.push({
          level: 'account',
          guardrail: ref,
          ...(config.guardrailVersion ? { version: config.guardrailVersion } : {}),
          ...(config.configId ? { configId: config.configId } : {}),
          ...(config.modelEnforcement
            ? {
                scope: {
                  included: config.modelEnforcement.includedModels ?? [],
                  excluded: config.modelEnforcement.excludedModels ?? [],
                },
              }
            : {}),
          ...(guarding && (guarding.system || guarding.messages)
            ? { guarding: `system ${guarding.system ?? 'default'}, messages ${guarding.messages ?? 'default'}` }
            : {}),
          ...(who || when
            ? { setBy: [who, when instanceof Date ? when.toISOString() : undefined].filter(Boolean).join(' at ') }
            : {}),
        });
      }
      if (!out.nextToken || seen.has(out.nextToken)) break;
      seen.add(out.nextToken);
      nextToken = out.nextToken;
    }
    return result;
  });
}

export type OrgEnforcement =
  | { state: 'read'; guardrails: EnforcedGuardrail[]; malformed: string[]; policyFound: boolean }
  | { state: 'unknown'; why: string; missingPermission?: string };

/** Where a person reads the organization-level enforcement when the bot cannot. */
export function whereToReadOrgEnforcement(accountId: string): string {
  return (
    'in the management account, AWS Organizations > Policies > Amazon Bedrock policies (or `aws organizations ' +
    `describe-effective-policy --policy-type ${BEDROCK_POLICY_TYPE} --target-id ${accountId}\`); in the member ` +
    "account, the Bedrock console's Guardrails page lists Organization-level enforced guardrails"
  );
}

/** The account's effective Amazon Bedrock policy, read with the organization reader role when it is configured. */
export function orgEnforcement(ctx: DiagnosisContext): Promise<OrgEnforcement> {
  return ctx.shared('orgEnforcedGuardrails', async (): Promise<OrgEnforcement> => {
    const reader = ctx.orgReader;
    const { accountId, region } = ctx.input;
    if (!reader) return { state: 'unknown', why: 'not read (ORG_READER_ROLE_ARN is not set)' };
    const session = await assumeOrgReader(reader);
    if (!session.ok) return { state: 'unknown', why: session.why };
    const role = session.role;
    const organizations = ctx.clients.organizations(region, role.source);
    let content: string | undefined;
    try {
      const out = await ctx.call('organizations:DescribeEffectivePolicy', 'org', (abortSignal) =>
        organizations.send(
          new DescribeEffectivePolicyCommand({ PolicyType: BEDROCK_POLICY_TYPE, TargetId: accountId }),
          {
            abortSignal,
          },
        ),
      );
      content = out.EffectivePolicy?.PolicyContent;
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      const name = error.info.name;
      // No Amazon Bedrock policy applies to the account, or the account is in no organization: nothing enforced.
      if (name === 'EffectivePolicyNotFoundException' || name === 'AWSOrganizationsNotInUseException') {
        return { state: 'read', guardrails: [], malformed: [], policyFound: false };
      }
      if (error.info.kind === 'access_denied') {
        return {
          state: 'unknown',
          why: `not read: the organization reader role may not call ${DESCRIBE_EFFECTIVE_POLICY_ACTION} (${name})`,
          missingPermission: DESCRIBE_EFFECTIVE_POLICY_ACTION,
        };
      }
      return {
        state: 'unknown',
        why: `not read: ${DESCRIBE_EFFECTIVE_POLICY_ACTION} failed: ${describeAwsError(error.info)}`,
      };
    }
    let document: unknown;
    try {
      document = content === undefined ? undefined : JSON.parse(content);
    } catch {
      document = undefined;
    }
    if (document === undefined) {
      return { state: 'unknown', why: `not read: ${DESCRIBE_EFFECTIVE_POLICY_ACTION} answered no JSON policy content` };
    }
    const configs = orgGuardrailConfigs(document, region);
    return {
      state: 'read',
      policyFound: true,
      malformed: configs
        .filter((c) => !c.guardrail)
        .map((c) => `${c.name}: ${c.identifier ? `identifier ${JSON.stringify(c.identifier)}` : 'no identifier'}`),
      guardrails: configs.flatMap((c) =>
        c.guardrail
          ? [
              {
                level: 'organization' as const,
                guardrail: c.guardrail,
                ...(c.guardrail.version ? { version: c.guardrail.version } : {}),
                configId: c.name,
                ...(c.scope ? { scope: c.scope } : {}),
              },
            ]
          : [],
      ),
    };
  });
}
