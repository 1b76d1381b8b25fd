/**
 * Two trust levels, two external ids (issue 11, item 5). The diagnostic role's id (DIAG_EXTERNAL_ID) is sent to
 * every account the bot diagnoses, and in open mode (no accounts file) anyone in the workspace can make the bot
 * assume a role in any account, which shows that account the id in its CloudTrail. The remediation role therefore
 * trusts an id of its own (REMEDIATION_EXTERNAL_ID), required as soon as remediation is on and never equal to the
 * diagnostic one; an accounts-file entry may set either id for its account.
 */
import type { AccountEntry, AccountsDirectory } from '../accounts.js';
import type { Config } from '../config.js';

type AwsIds = Pick<Config['aws'], 'diagExternalId' | 'remediationExternalId'>;

/** Remediation is on for an account when its entry names approvers. */
export const remediationOn = (account: AccountEntry): boolean =>
  Boolean(account.approvers && (account.approvers.users.length > 0 || account.approvers.usergroup));

export function diagExternalIdFor(aws: AwsIds, account: AccountEntry | undefined): string | undefined {
  return account?.diagExternalId ?? aws.diagExternalId;
}

/** The remediation role's external id for this account; never falls back to the diagnostic one. */
export function remediationExternalIdFor(aws: AwsIds, account: AccountEntry | undefined): string | undefined {
  return account?.remediationExternalId ?? aws.remediationExternalId;
}

/** Start-up problems: remediation on without its own external id, or with the diagnostic one. */
export function externalIdProblems(aws: AwsIds, accounts: AccountsDirectory): string[] {
  const missing: string[] = [];
  const same: string[] = [];
  for (const account of accounts.accounts) {
    if (!remediationOn(account)) continue;
    const remediation = remediationExternalIdFor(aws, account);
    if (!remediation) missing.push(account.alias ?? account.id);
    else if (remediation === diagExternalIdFor(aws, account)) same.push(account.alias ?? account.id);
  }
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `REMEDIATION_EXTERNAL_ID is missing: remediation is on (approvers in ACCOUNTS_FILE) for ${missing.join(', ')}. ` +
        'Set the external id the remediation role trusts (its own, not DIAG_EXTERNAL_ID; infra/remediation-role.yaml ' +
        'parameter ExternalId), or remediationExternalId in those entries',
    );
  }
  if (same.length > 0) {
    problems.push(
      `the remediation external id of ${same.join(', ')} equals its diagnostic external id; give the remediation ` +
        'role its own (REMEDIATION_EXTERNAL_ID or remediationExternalId)',
    );
  }
  return problems;
}

/**
 * A warning for open mode (no accounts file) when remediation roles are deployed. "Deployed" is what the operator
 * declared, REMEDIATION_EXTERNAL_ID or REMEDIATION_ROLE_NAME set: open mode has no list of accounts, so there is
 * nothing the bot could look up at start without assuming roles in accounts it does not know.
 */
export function openModeWarning(
  accounts: AccountsDirectory,
  declared: { remediationExternalId?: string; remediationRoleName?: string },
): string | undefined {
  if (accounts.configured) return undefined;
  if (!declared.remediationExternalId && !declared.remediationRoleName) return undefined;
  return (
    'open mode (no ACCOUNTS_FILE) with remediation roles deployed (REMEDIATION_EXTERNAL_ID or REMEDIATION_ROLE_NAME ' +
    'is set): remediation stays off, but anyone in the workspace can make the bot assume the diagnostic role in any ' +
    'account, which shows that account DIAG_EXTERNAL_ID. Make sure every remediation role trusts ' +
    'REMEDIATION_EXTERNAL_ID, not DIAG_EXTERNAL_ID (redeploy infra/remediation-role.yaml with its own ExternalId), ' +
    'or set ACCOUNTS_FILE to list the accounts that may be diagnosed'
  );
}

/** Every external id in use, for exact-match redaction in logs. */
export function externalIdsOf(aws: AwsIds, accounts: AccountsDirectory): string[] {
  const ids = [aws.diagExternalId, aws.remediationExternalId];
  for (const a of accounts.accounts) ids.push(a.diagExternalId, a.remediationExternalId);
  return ids.filter((v): v is string => typeof v === 'string' && v.length >= 6);
}
