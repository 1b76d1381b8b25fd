/**
 * key_status (manual step 2): iam:GetAccessKeyLastUsed finds the key's user, iam:ListAccessKeys its status
 * (Active | Inactive | Expired), age and last use. A key created seconds ago is key_not_propagated.
 */
import { maskKeyId } from '../../aws-facts/access-key-ids.js';
import type { Evidence } from '../../report.js';
import { cause } from '../causes.js';
import type { CheckDefinition, CheckOutcome } from '../check.js';
import type { KeyLastUsed } from '../context.js';
import { resolveKeyRecord } from '../key-record.js';

/** IAM needs a few seconds (~15 s) to propagate a new key; past this age propagation is not the problem. */
export const PROPAGATION_WINDOW_MS = 60_000;

export const keyStatusCheck: CheckDefinition = {
  id: 'key_status',
  title: 'Key status',
  async run(ctx) {
    const record = await resolveKeyRecord(ctx);
    const keyId = ctx.input.key?.id ?? '';
    const masked = maskKeyId(keyId);
    const account = ctx.input.accountId;

    if (record.state === 'deleted') {
      const owner = record.userName ? ` of user ${record.userName}` : '';
      return {
        status: 'fail',
        summary: `Key ${masked}${owner} does not exist in account ${account}: ${record.why}`,
        evidence: {
          'access key id': keyId,
          ...(record.userName ? { user: record.userName } : {}),
          ...lastUseEvidence(record.lastUsed),
        },
        fix: deletedFix(record.userName),
        causes: [
          cause(
            'key_not_found',
            0.9,
            `${record.why}; a deleted key is refused as "The security token included in the request is invalid"`,
            deletedFix(record.userName),
            'Access key deleted',
          ),
        ],
        refutes: ['key_inactive', 'key_not_propagated'],
        headline: `Key ${masked}${owner} was deleted from account ${account}${lastUsedPhrase(record.lastUsed)}`,
      };
    }
    if (record.state === 'no_user') {
      return {
        status: 'warn',
        summary: `IAM knows key ${masked} but names no user for it (a root user key?): its status could not be read`,
        evidence: { 'access key id': keyId, ...lastUseEvidence(record.lastUsed) },
        fix: ['Root user access keys should not be used: create an IAM user or role for the application'],
      };
    }

    const created = record.createDate;
    const ageMs = created ? Math.max(0, ctx.now() - created.getTime()) : undefined;
    const evidence: Evidence = {
      'access key id': keyId,
      user: record.userName,
      status: record.status,
      created: created ? `${created.toISOString()} (${describeAge(ageMs ?? 0)} ago)` : 'unknown',
      ...lastUseEvidence(record.lastUsed),
      "user's other keys":
        record.otherKeys.length > 0 ? record.otherKeys.map((k) => `${k.AccessKeyId} ${k.Status ?? ''}`.trim()) : 'none',
    };

    if (record.status === 'Inactive' || record.status === 'Expired') {
      return inactive(record.status, masked, keyId, record.userName, record.lastUsed, evidence, record.otherKeys);
    }
    if (record.status !== 'Active') {
      return {
        status: 'warn',
        summary: `Key ${masked} of user ${record.userName} has status "${record.status}", which this tool does not know`,
        evidence,
      };
    }
    if (ageMs !== undefined && ageMs < PROPAGATION_WINDOW_MS) {
      const seconds = Math.round(ageMs / 1000);
      const fix = [
        'Wait about 15 seconds and retry: IAM propagates a new key to every endpoint within seconds',
        'Add a retry with a short delay after creating keys in automation',
      ];
      return {
        status: 'warn',
        summary: `Key ${masked} of user ${record.userName} is Active but was created ${seconds} s ago: IAM may not have propagated it yet`,
        evidence,
        fix,
        causes: [
          cause(
            'key_not_propagated',
            0.8,
            `The key was created ${seconds} s before this check; a key used within seconds of CreateAccessKey is refused until IAM propagates it`,
            fix,
          ),
        ],
        refutes: ['key_inactive', 'key_not_found'],
        headline: `Key ${masked} of user ${record.userName} was created ${seconds} s ago: retry in about 15 s, once IAM has propagated it`,
      };
    }
    return {
      status: 'pass',
      summary:
        `Key ${masked} of user ${record.userName} is Active` +
        (created ? ` (created ${day(created)}` : ' (') +
        `${created ? ', ' : ''}${lastUsedShort(record.lastUsed)})`,
      evidence,
      refutes: ['key_inactive', 'key_not_found', 'key_not_propagated'],
    };
  },
};

function inactive(
  status: 'Inactive' | 'Expired',
  masked: string,
  keyId: string,
  userName: string,
  lastUsed: KeyLastUsed,
  evidence: Evidence,
  otherKeys: { AccessKeyId?: string; Status?: string }[],
): CheckOutcome {
  const active = otherKeys.find((k) => k.Status === 'Active')?.AccessKeyId;
  const fix =
    status === 'Inactive'
      ? [
          active
            ? `If the key was rotated: switch the application to user ${userName}'s active key ${active}`
            : `If it was deactivated on purpose (rotation, leak): create a new key for ${userName} and switch the application to it`,
          `Otherwise reactivate it: aws iam update-access-key --user-name ${userName} --access-key-id ${keyId} --status Active`,
        ]
      : [
          `Create a new access key for ${userName} (an Expired key cannot be reactivated) and switch the application to it`,
          `Then delete the expired key: aws iam delete-access-key --user-name ${userName} --access-key-id ${keyId}`,
        ];
  const why =
    status === 'Inactive'
      ? `IAM lists the key as Inactive: it was deactivated, and AWS refuses it as "The security token included in the request is invalid"`
      : 'IAM lists the key as Expired (its third status, set by an expiry rule): it can no longer sign requests';
  return {
    status: 'fail',
    summary:
      status === 'Inactive'
        ? `Key ${masked} of user ${userName} is Inactive (deactivated)${lastUsedPhrase(lastUsed)}`
        : `Key ${masked} of user ${userName} has expired (IAM status Expired)${lastUsedPhrase(lastUsed)}`,
    evidence,
    fix,
    causes: [
      cause(
        'key_inactive',
        0.95,
        why,
        fix,
        status === 'Inactive' ? 'Access key deactivated' : 'Access key expired (IAM status Expired)',
      ),
    ],
    refutes: ['key_not_found', 'key_not_propagated'],
    headline:
      status === 'Inactive'
        ? `Key ${masked} of user ${userName} was deactivated${lastUsed.lastUsedDate ? ` (last used ${day(lastUsed.lastUsedDate)})` : ''}`
        : `Key ${masked} of user ${userName} has expired (IAM status Expired)${lastUsedPhrase(lastUsed)}`,
  };
}

function deletedFix(userName: string | undefined): string[] {
  return [
    userName
      ? `Create a new access key for ${userName} (or use its current one) and update the application's credentials`
      : 'Use a current key of the intended user and update the application credentials',
    'Look for the old key id in secrets stores, CI variables and ~/.aws/credentials, and replace it',
  ];
}

function lastUseEvidence(lastUsed: KeyLastUsed | undefined): Evidence {
  if (!lastUsed) return { 'last used': 'unknown' };
  if (!lastUsed.lastUsedDate) return { 'last used': 'never' };
  return {
    'last used': lastUsed.lastUsedDate.toISOString(),
    'last used service': lastUsed.serviceName ?? 'unknown',
    'last used region': lastUsed.region ?? 'unknown',
  };
}

function lastUsedShort(lastUsed: KeyLastUsed): string {
  if (!lastUsed.lastUsedDate) return 'never used';
  const where = [lastUsed.serviceName, lastUsed.region].filter(Boolean).join(' in ');
  return `last used ${day(lastUsed.lastUsedDate)}${where ? ` by ${where}` : ''}`;
}

/** `; last used 2026-10-02` | `; never used` | '' (unknown). */
function lastUsedPhrase(lastUsed: KeyLastUsed | undefined): string {
  if (!lastUsed) return '';
  return lastUsed.lastUsedDate ? `; last used ${day(lastUsed.lastUsedDate)}` : '; never used';
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function describeAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
