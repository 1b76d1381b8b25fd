/**
 * Who may do what (issue 5, "Who may do what"), checked twice: when a request is made (the requester may request
 * for this account, the account is configured with approvers, the key is a long-term key id) and when it is decided
 * (the approver is listed, or in the user group at click time, and is not the requester). Every refusal carries a
 * sentence for the person who clicked, saying why and what would make it work.
 */

import type { AccountEntry, AccountsDirectory } from '../accounts.js';
import { accessKeyType, isDiagnosableKeyId } from '../aws-facts/access-key-ids.js';
import { IAM_USER_NAME } from '../aws-facts/arns.js';
import type { ReportApiKey, ReportKey } from '../report.js';
import type { RemediationAction } from './model.js';

export type RefusalReason =
  | 'remediation_off'
  | 'unknown_account'
  | 'no_approvers'
  | 'not_requester'
  | 'channel_not_allowed'
  | 'external_workspace'
  | 'rate_limited'
  | 'policy_changed'
  | 'bad_key_id'
  | 'temporary_key'
  | 'key_not_found'
  | 'key_lookup_failed'
  | 'already_inactive'
  | 'key_active'
  | 'two_keys'
  | 'not_found'
  | 'expired'
  | 'already_decided'
  | 'self_approval'
  | 'not_approver'
  | 'approver_check_failed';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  message: string;
}

export const refuse = (reason: RefusalReason, message: string): Refusal => ({ ok: false, reason, message });

const label = (account: AccountEntry) => (account.alias ? `${account.alias} (${account.id})` : account.id);
const mentions = (users: readonly string[]) => users.map((u) => `<@${u}>`).join(', ');

export function describeApprovers(account: AccountEntry): string {
  const parts: string[] = [];
  if (account.approvers?.users.length) parts.push(mentions(account.approvers.users));
  if (account.approvers?.usergroup) parts.push(`members of <!subteam^${account.approvers.usergroup}>`);
  return parts.join(' or ') || 'nobody';
}

/**
 * Where a click comes from. `externalTeamId` is set when the clicker belongs to another workspace than the one the
 * app is installed in (a Slack Connect channel shared with another organization).
 */
export interface ClickOrigin {
  channelId?: string;
  externalTeamId?: string;
}

/** A user of another workspace may act on this account only if its entry lists that workspace. */
export function checkWorkspace(account: AccountEntry, externalTeamId: string | undefined): { ok: true } | Refusal {
  if (!externalTeamId || account.externalTeams?.includes(externalTeamId)) return { ok: true };
  return refuse(
    'external_workspace',
    `You are in another Slack workspace (${externalTeamId}) than the one this bot is installed in, so you may not ` +
      `request or decide key changes for account ${label(account)}. An admin can allow your workspace with ` +
      '`externalTeams` in the accounts file.',
  );
}

/**
 * May `userId` request a key change in this account from this channel? The account's `channels` bind every
 * request, whoever makes it (a listed requester too): a click on an old report in another channel or a DM, or one
 * whose channel is unknown, is refused when the account names channels.
 */
export function checkRequester(
  accounts: AccountsDirectory,
  accountIdOrAlias: string,
  userId: string,
  channelId: string | undefined,
  externalTeamId?: string,
): { ok: true; account: AccountEntry } | Refusal {
  if (!accounts.configured) {
    return refuse(
      'remediation_off',
      'Key remediation is off: this bot has no accounts file (ACCOUNTS_FILE). An admin can turn it on by listing ' +
        'the account with its approvers; see the README section "Accounts file".',
    );
  }
  const account = accounts.find(accountIdOrAlias);
  if (!account) {
    const decision = accounts.canDiagnose(accountIdOrAlias, channelId);
    return refuse('unknown_account', decision.ok ? `Account ${accountIdOrAlias} is not configured.` : decision.reason);
  }
  if (!account.approvers || (account.approvers.users.length === 0 && !account.approvers.usergroup)) {
    return refuse(
      'no_approvers',
      `Key remediation is off for account ${label(account)}: its entry in the accounts file names no approvers. ` +
        'Add `approvers:` with `users:` and/or `usergroup:` to turn it on.',
    );
  }
  const workspace = checkWorkspace(account, externalTeamId);
  if (!workspace.ok) return workspace;
  if (account.channels && (!channelId || !account.channels.includes(channelId))) {
    const where = account.channels.map((c) => `<#${c}>`).join(', ');
    return refuse(
      'channel_not_allowed',
      `Key changes for account ${label(account)} may only be requested from ${where}` +
        `${channelId ? '' : ' (I could not tell which channel this click came from)'}. Run the diagnosis there.`,
    );
  }
  if (account.requesters && !account.requesters.includes(userId)) {
    return refuse(
      'not_requester',
      `You may not request key changes in account ${label(account)}. ` +
        `Requesters listed for it: ${account.requesters.length ? mentions(account.requesters) : 'none'}.`,
    );
  }
  // No requesters list: whoever may diagnose the account (from this channel) may request.
  return { ok: true, account };
}

/** Long-term IAM user keys only: temporary (ASIA) keys cannot be deactivated or rotated. */
export function checkKeyId(accessKeyId: string): { ok: true } | Refusal {
  const type = isDiagnosableKeyId(accessKeyId) ? accessKeyType(accessKeyId) : 'unknown';
  if (type === 'long_term') return { ok: true };
  if (type === 'temporary') {
    return refuse(
      'temporary_key',
      `${accessKeyId} is a temporary (ASIA...) key from an STS session: it cannot be deactivated or rotated. ` +
        'It expires by itself; to cut it off now, revoke the role sessions (IAM console, role, "Revoke active sessions").',
    );
  }
  return refuse(
    'bad_key_id',
    'The diagnosis did not identify a long-term access key id (AKIA... 20 characters), so there is nothing to rotate ' +
      'or deactivate. Run the diagnosis again with key=AKIA...',
  );
}

/**
 * The key changes offered under a diagnosis (the checklist's buttons): a long-term (AKIA) key whose IAM user is
 * known may be rotated or deactivated. Offering is not allowing: a request is checked again in full when it is made.
 */
export function offeredKeyActions(key: ReportKey | undefined): RemediationAction[] {
  if (!key?.userName || !IAM_USER_NAME.test(key.userName) || !checkKeyId(key.id).ok) return [];
  return ['rotate', 'deactivate'];
}

/** IAM's ServiceSpecificCredentialId: 20-128 word characters [M] botocore iam service-2.json. */
const CREDENTIAL_ID = /^\w{20,128}$/;

/** A Bedrock API key request needs the key's credential id and its user, and is never a rotation. */
export function checkApiKeyRequest(
  action: RemediationAction,
  credentialId: string,
  userName: string | undefined,
): { ok: true; userName: string } | Refusal {
  if (action === 'rotate') {
    return refuse(
      'bad_key_id',
      'A Bedrock API key is not rotated here: deactivate it, then generate a new key (Bedrock console > API keys) ' +
        'for the application.',
    );
  }
  if (!CREDENTIAL_ID.test(credentialId) || !userName || !IAM_USER_NAME.test(userName)) {
    return refuse(
      'bad_key_id',
      'The diagnosis did not identify the Bedrock API key in IAM (its user and credential id), so there is nothing ' +
        'to deactivate. Run the diagnosis again with api-key=... once the key is found.',
    );
  }
  return { ok: true, userName };
}

/** The API-key changes a report offers: deactivation of an active key, deletion of one that no longer works. */
export function offeredApiKeyActions(record: ReportApiKey | undefined): RemediationAction[] {
  if (!record || !IAM_USER_NAME.test(record.userName) || !CREDENTIAL_ID.test(record.credentialId)) return [];
  if (record.status === 'Active') return ['deactivate'];
  if (record.status === 'Inactive' || record.status === 'Expired') return ['delete'];
  return [];
}

export interface KeyState {
  accessKeyId: string;
  status: string;
}

/** Does the user's current set of keys allow this action on `accessKeyId`? Rotation needs a free key slot. */
export function checkKeysFor(
  action: RemediationAction,
  accessKeyId: string,
  userName: string,
  keys: readonly KeyState[],
): { ok: true; key: KeyState } | Refusal {
  const key = keys.find((k) => k.accessKeyId === accessKeyId);
  if (!key) {
    return refuse('key_not_found', `Key ${accessKeyId} is not one of user ${userName}'s keys any more: nothing to do.`);
  }
  if (action === 'deactivate' && key.status !== 'Active') {
    return refuse('already_inactive', `Key ${accessKeyId} is already ${key.status}: there is nothing to deactivate.`);
  }
  if (action === 'delete' && key.status === 'Active') {
    return refuse(
      'key_active',
      `Key ${accessKeyId} is still Active. Deactivate it first, watch that nothing breaks, then request its deletion.`,
    );
  }
  if (action === 'rotate' && keys.length >= 2) {
    return refuse('two_keys', twoKeyMessage(accessKeyId, userName, keys));
  }
  return { ok: true, key };
}

/** IAM allows two keys per user, active or inactive (aws-facts 2.5): say which slot to free. */
export function twoKeyMessage(accessKeyId: string, userName: string, keys: readonly KeyState[]): string {
  const others = keys.filter((k) => k.accessKeyId !== accessKeyId);
  const list = keys.map((k) => `${k.accessKeyId} (${k.status})`).join(', ');
  const inactive = others.find((k) => k.status !== 'Active');
  if (inactive) {
    return (
      `User ${userName} already has two access keys (${list}), the IAM limit, so a new key cannot be created. ` +
      `${inactive.accessKeyId} is inactive: request its deletion first, then request the rotation again.`
    );
  }
  return (
    `User ${userName} already has two active access keys (${list}), the IAM limit, so a new key cannot be created. ` +
    'Find out which one is still in use, deactivate and delete the other, then request the rotation again.'
  );
}

/** May `approverId` decide a request made by `requestedBy` in `account`? Group membership is read now. */
export async function checkApprover(
  account: AccountEntry | undefined,
  approverId: string,
  requestedBy: string,
  usergroupMembers: (usergroupId: string) => Promise<readonly string[]>,
  externalTeamId?: string,
): Promise<{ ok: true } | Refusal> {
  if (account) {
    const workspace = checkWorkspace(account, externalTeamId);
    if (!workspace.ok) return workspace;
  }
  if (approverId === requestedBy) {
    return refuse(
      'self_approval',
      'You made this request, so someone else has to approve or reject it (four-eyes rule).',
    );
  }
  if (!account?.approvers) {
    return refuse(
      'not_approver',
      'This account no longer has approvers in the accounts file, so nobody can approve the request.',
    );
  }
  if (account.approvers.users.includes(approverId)) return { ok: true };
  const group = account.approvers.usergroup;
  if (group) {
    let members: readonly string[];
    try {
      members = await usergroupMembers(group);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return refuse(
        'approver_check_failed',
        `Could not check whether you are in <!subteam^${group}> (${why.slice(0, 200)}). Nothing was decided; try again.`,
      );
    }
    if (members.includes(approverId)) return { ok: true };
  }
  return refuse(
    'not_approver',
    `You are not an approver for account ${label(account)}. Approvers: ${describeApprovers(account)}.`,
  );
}
