/**
 * Remediation role credentials: REMEDIATION_ROLE_NAME in the target account, assumed with the external id, through
 * the shared role assumer of src/aws (the same cache and STS client as the diagnostic role, a different role name).
 * Typed structurally so any assumer with that method fits (tests pass a minimal one).
 */
import type { AwsCredentialIdentity, RemediationCredentials } from './remediation-aws.js';

export interface RoleAssumerLike {
  assumeRoleCredentials(request: {
    accountId: string;
    roleName: string;
    externalId?: string;
    sessionName: string;
  }): Promise<{ credentials: AwsCredentialIdentity }>;
}

/** The remediation role's external id: one for all accounts, or looked up per account (accounts file). */
export type ExternalIdSource = string | undefined | ((accountId: string) => string | undefined);

export function remediationRoleCredentials(
  assumer: RoleAssumerLike,
  roleName: string,
  externalIds: ExternalIdSource,
): RemediationCredentials {
  return ({ accountId, sessionName }) =>
    async () => {
      const externalId = typeof externalIds === 'function' ? externalIds(accountId) : externalIds;
      return (
        await assumer.assumeRoleCredentials({
          accountId,
          roleName,
          sessionName,
          ...(externalId ? { externalId } : {}),
        })
      ).credentials;
    };
}
