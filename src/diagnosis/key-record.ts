/**
 * What IAM in the target account knows about the access key: its user, status, age and last use. Shared by the
 * key_status, credential_type and permissions checks (fetched once per diagnosis).
 */
import type { AccessKeyMetadata } from '@aws-sdk/client-iam';
import { isCallerPermissionDenial } from '../aws/errors.js';
import { maskKeyId } from '../aws-facts/access-key-ids.js';
import type { ReportKey } from '../report.js';
import { AwsCallError, CheckSkipped } from './check.js';
import type { DiagnosisContext, KeyLastUsed } from './context.js';

export type KeyRecord =
  | {
      state: 'found';
      userName: string;
      /** Active | Inactive | Expired (IAM's third status), or whatever IAM says. */
      status: string;
      createDate?: Date;
      lastUsed: KeyLastUsed;
      /** The user's other keys. */
      otherKeys: AccessKeyMetadata[];
    }
  | {
      state: 'deleted';
      userName?: string;
      lastUsed?: KeyLastUsed;
      /** The IAM answer that shows it, in words. */
      why: string;
    }
  | { state: 'no_user'; lastUsed: KeyLastUsed };

/** Stage one: IAM's answer to GetAccessKeyLastUsed (the key's user), or why IAM does not know the key. */
export type KeyUsage = { state: 'known'; lastUsed: KeyLastUsed } | { state: 'unknown'; why: string };

/**
 * The key's user and last use, read while the key's owner is confirmed in parallel (no extra round trip on the
 * critical path). A key whose id decodes to another account is not looked up at all once STS confirms the owner.
 * Throws CheckSkipped when there is no IAM record to look for (no key, a temporary key, a key of another account)
 * and AwsCallError when the diagnostic role cannot read IAM.
 */
export function resolveKeyUsage(ctx: DiagnosisContext): Promise<KeyUsage> {
  return ctx.shared('keyUsage', () => fetchKeyUsage(ctx));
}

/** Stage two: the key's IAM record (status, age, the user's other keys). Same errors as resolveKeyUsage. */
export function resolveKeyRecord(ctx: DiagnosisContext): Promise<KeyRecord> {
  return ctx.shared('keyRecord', () => fetchKeyRecord(ctx));
}

/**
 * The key as the Report names it, from what the checks already read (no AWS call of its own): IAM's record of the
 * key when the key_status check fetched it, the user of an IAM user principal ARN otherwise.
 */
export async function reportKeyOf(ctx: DiagnosisContext): Promise<ReportKey | undefined> {
  const { key, principal } = ctx.input;
  if (!key) return undefined;
  const fact = ctx.peek<KeyRecord>('keyRecord');
  // Settled by now unless a check gave up on it at the deadline: then it is not waited for.
  const record = fact
    ? await Promise.race([
        fact.catch(() => undefined),
        new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
      ])
    : undefined;
  const reported: ReportKey = { id: key.id };
  if (record?.state === 'found') {
    reported.userName = record.userName;
    reported.status = record.status;
  } else if (record?.state === 'deleted') {
    if (record.userName) reported.userName = record.userName;
    reported.status = 'Deleted';
  }
  if (!reported.userName && principal?.kind === 'user') reported.userName = principal.name;
  return reported;
}

async function fetchKeyUsage(ctx: DiagnosisContext): Promise<KeyUsage> {
  const { key, accountId } = ctx.input;
  if (!key) throw new CheckSkipped('No access key id given: add --key AKIA... (or key=AKIA... in Slack) to check it');
  if (key.type === 'temporary') {
    throw new CheckSkipped(
      `${maskKeyId(key.id)} is a temporary (ASIA) key issued by STS: IAM keeps no record of it; its state is its ` +
        'session expiry (see Credential type)',
    );
  }
  const otherAccount = (owner: string) =>
    new CheckSkipped(
      `Key ${maskKeyId(key.id)} belongs to account ${owner}, not ${accountId}: its status can only be read there`,
      { 'key owner': owner },
    );
  if (key.decodedAccountId && key.decodedAccountId !== accountId) {
    // The key id says "another account": confirm before asking this account's IAM about a key it cannot have.
    const ownership = await ctx.keyOwnership();
    if (ownership.owner && ownership.owner !== accountId) throw otherAccount(ownership.owner);
  }
  const [ownership, lastUsed] = await Promise.all([ctx.keyOwnership(), ctx.keyLastUsed().then(ok, failed)]);
  if (ownership.owner && ownership.owner !== accountId) throw otherAccount(ownership.owner);
  if (lastUsed.ok) {
    const userName = lastUsed.value.userName;
    // The permission simulation needs the user's ARN next: ask for it before the key list (critical path first).
    if (userName && !ctx.input.principal) void ctx.user(userName).catch(() => {});
    return { state: 'known', lastUsed: lastUsed.value };
  }
  const error = lastUsed.error;
  if (error instanceof AwsCallError && isKeyUnknownAnswer(error)) {
    return {
      state: 'unknown',
      why:
        `IAM in account ${accountId} has no key ${key.id} (${error.info.name})` +
        (ownership.confirmed ? ', although sts:GetAccessKeyInfo maps the key id to this account' : ''),
    };
  }
  throw error;
}

async function fetchKeyRecord(ctx: DiagnosisContext): Promise<KeyRecord> {
  const { accountId } = ctx.input;
  const keyId = ctx.input.key?.id ?? '';
  const usage = await resolveKeyUsage(ctx);
  if (usage.state === 'unknown') return { state: 'deleted', why: usage.why };
  const lastUsed = usage.lastUsed;
  if (!lastUsed.userName) return { state: 'no_user', lastUsed };

  let keys: AccessKeyMetadata[];
  try {
    keys = await ctx.accessKeys(lastUsed.userName);
  } catch (error) {
    if (error instanceof AwsCallError && error.info.kind === 'not_found') {
      return {
        state: 'deleted',
        userName: lastUsed.userName,
        lastUsed,
        why: `the key's user ${lastUsed.userName} no longer exists in account ${accountId}`,
      };
    }
    throw error;
  }
  const meta = keys.find((k) => k.AccessKeyId === keyId);
  if (!meta) {
    return {
      state: 'deleted',
      userName: lastUsed.userName,
      lastUsed,
      why: `the key is not among the access keys of user ${lastUsed.userName} any more`,
    };
  }
  return {
    state: 'found',
    userName: lastUsed.userName,
    status: meta.Status ?? 'unknown',
    createDate: meta.CreateDate,
    lastUsed,
    otherKeys: keys.filter((k) => k.AccessKeyId !== keyId),
  };
}

/**
 * GetAccessKeyLastUsed for a key IAM does not hold answers NoSuchEntity or a bare AccessDenied (undocumented, see
 * aws-facts 2.3). An AccessDenied that names the role's own missing permission is not that.
 */
const ok = <T>(value: T) => ({ ok: true as const, value });
const failed = (error: unknown) => ({ ok: false as const, error });

function isKeyUnknownAnswer(error: AwsCallError): boolean {
  if (error.info.kind === 'not_found') return true;
  return error.info.kind === 'access_denied' && !isCallerPermissionDenial(error.info);
}
