/**
 * Every Bedrock API key of an account (iam:ListServiceSpecificCredentials with AllUsers=true and
 * ServiceName=bedrock.amazonaws.com, all pages) with what makes each one risky, and the console-made
 * BedrockAPIKey-* users with their attached policies. collectApiKeyInventory fetches; buildApiKeyInventory is pure.
 */
import type { AttachedPolicy, ServiceSpecificCredentialMetadata } from '@aws-sdk/client-iam';
import { classifyAwsError, describeAwsError } from '../aws/errors.js';
import { CONSOLE_KEY_DEFAULT_POLICY_ARN, CONSOLE_KEY_USER_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import { effectiveStatus } from './api-key-record.js';
import { AwsCallError } from './check.js';
import type { ApiKeyListing, DiagnosisContext } from './context.js';

/** Keys valid for longer than this are what AWS's sample SCP refuses to let anyone create [D][C]. */
export const LONG_VALIDITY_DAYS = 30;
/** Keys older than this are overdue for rotation (the IAM best-practice age for access keys). */
export const OLD_KEY_DAYS = 90;
/** Console users whose policies are read (one IAM call each); more are counted, not listed. */
export const MAX_POLICY_LOOKUPS = 100;
const POLICY_CONCURRENCY = 8;
const DAY = 86_400_000;

export type ApiKeyRisk =
  | 'never_expires'
  | 'long_validity'
  | 'old'
  | 'console_user'
  | 'broad_policy'
  | 'inactive_not_deleted'
  | 'expired_not_deleted';

export interface ApiKeyEntry {
  userName: string;
  credentialId: string;
  alias?: string;
  /** Active | Inactive | Expired (an expiry date already passed counts as Expired). */
  status: string;
  createdAt?: string;
  ageDays?: number;
  /** ISO time, or undefined: never expires. */
  expiresAt?: string;
  risks: ApiKeyRisk[];
}

export interface ConsoleKeyUser {
  userName: string;
  keys: number;
  activeKeys: number;
  /** Attached managed policies (ARNs), or undefined when not read (over MAX_POLICY_LOOKUPS, or refused). */
  policies?: string[];
  policyError?: string;
}

export interface ApiKeyInventory {
  accountId: string;
  keys: ApiKeyEntry[];
  consoleUsers: ConsoleKeyUser[];
  counts: { total: number; active: number; inactive: number; expired: number; neverExpiring: number; users: number };
  /** IAM said there were more pages than the bot reads. */
  truncated: boolean;
  findings: string[];
  /** ISO 8601 */
  listedAt: string;
}

export const RISK_TEXT: Record<ApiKeyRisk, string> = {
  never_expires: 'never expires',
  long_validity: `valid for more than ${LONG_VALIDITY_DAYS} days`,
  old: `older than ${OLD_KEY_DAYS} days`,
  console_user: 'console-made user',
  broad_policy: 'AmazonBedrockLimitedAccess attached',
  inactive_not_deleted: 'inactive, not deleted',
  expired_not_deleted: 'expired, not deleted',
};

/** How bad a risk is, for sorting: keys that work and never expire first. */
const RISK_WEIGHT: Record<ApiKeyRisk, number> = {
  never_expires: 8,
  broad_policy: 4,
  long_validity: 3,
  old: 3,
  console_user: 2,
  expired_not_deleted: 1,
  inactive_not_deleted: 1,
};

export async function collectApiKeyInventory(ctx: DiagnosisContext): Promise<ApiKeyInventory> {
  const listing = await ctx.allApiKeys();
  const consoleNames = [
    ...new Set(listing.keys.map((k) => k.UserName ?? '').filter((n) => n.startsWith(CONSOLE_KEY_USER_PREFIX))),
  ];
  const policies = new Map<string, AttachedPolicy[] | Error>();
  const queue = consoleNames.slice(0, MAX_POLICY_LOOKUPS);
  await Promise.all(
    Array.from({ length: Math.min(POLICY_CONCURRENCY, queue.length) }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const found = await ctx
          .attachedUserPolicies(name)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        policies.set(name, found);
      }
    }),
  );
  return buildApiKeyInventory(ctx.input.accountId, listing, policies, ctx.now());
}

export function buildApiKeyInventory(
  accountId: string,
  listing: ApiKeyListing,
  policies: ReadonlyMap<string, AttachedPolicy[] | Error>,
  now: number,
): ApiKeyInventory {
  const broadUsers = new Set<string>();
  for (const [user, found] of policies) {
    if (Array.isArray(found) && found.some((p) => p.PolicyArn === CONSOLE_KEY_DEFAULT_POLICY_ARN)) broadUsers.add(user);
  }
  const keys = listing.keys.map((k) => entryOf(k, now, broadUsers));
  keys.sort((a, b) => weight(b) - weight(a) || (b.ageDays ?? 0) - (a.ageDays ?? 0));

  const byUser = new Map<string, ApiKeyEntry[]>();
  for (const k of keys) byUser.set(k.userName, [...(byUser.get(k.userName) ?? []), k]);
  const consoleUsers: ConsoleKeyUser[] = [...byUser.entries()]
    .filter(([name]) => name.startsWith(CONSOLE_KEY_USER_PREFIX))
    .map(([userName, own]) => {
      const found = policies.get(userName);
      const user: ConsoleKeyUser = {
        userName,
        keys: own.length,
        activeKeys: own.filter((k) => k.status === 'Active').length,
      };
      if (Array.isArray(found)) user.policies = found.map((p) => p.PolicyArn ?? p.PolicyName ?? 'unknown');
      else if (found) user.policyError = found.message;
      return user;
    });

  const counts = {
    total: keys.length,
    active: keys.filter((k) => k.status === 'Active').length,
    inactive: keys.filter((k) => k.status === 'Inactive').length,
    expired: keys.filter((k) => k.status === 'Expired').length,
    neverExpiring: keys.filter((k) => k.risks.includes('never_expires')).length,
    users: byUser.size,
  };
  const findings: string[] = [];
  if (counts.neverExpiring > 0) {
    findings.push(
      `${counts.neverExpiring} active key(s) never expire: a leaked one works until someone deletes it. Replace them ` +
        'with keys that expire, or with short-term keys.',
    );
  }
  const broad = consoleUsers.filter((u) => u.policies?.includes(CONSOLE_KEY_DEFAULT_POLICY_ARN));
  if (broad.length > 0) {
    findings.push(
      `${broad.length} console-made ${CONSOLE_KEY_USER_PREFIX}* user(s) still have AmazonBedrockLimitedAccess, far ` +
        'more than invoking a model needs; the console never deletes these users.',
    );
  }
  const idle = consoleUsers.filter((u) => u.activeKeys === 0);
  if (idle.length > 0) {
    findings.push(`${idle.length} console-made user(s) have no active key left: delete them.`);
  }
  if (listing.truncated) {
    findings.push(`The account has more Bedrock API keys than the ${keys.length} listed here.`);
  }
  const unread = consoleUsers.filter((u) => !u.policies && !u.policyError).length;
  if (unread > 0) findings.push(`The policies of ${unread} more console-made users were not read.`);
  return {
    accountId,
    keys,
    consoleUsers,
    counts,
    truncated: listing.truncated,
    findings,
    listedAt: new Date(now).toISOString(),
  };
}

function entryOf(k: ServiceSpecificCredentialMetadata, now: number, broadUsers: ReadonlySet<string>): ApiKeyEntry {
  const userName = k.UserName ?? 'unknown';
  const status = effectiveStatus(k, now);
  const created = k.CreateDate?.getTime();
  const expires = k.ExpirationDate?.getTime();
  const risks: ApiKeyRisk[] = [];
  if (status === 'Active') {
    if (expires === undefined) risks.push('never_expires');
    else if (created !== undefined && expires - created > LONG_VALIDITY_DAYS * DAY) risks.push('long_validity');
    if (created !== undefined && now - created > OLD_KEY_DAYS * DAY) risks.push('old');
    if (broadUsers.has(userName)) risks.push('broad_policy');
  }
  if (userName.startsWith(CONSOLE_KEY_USER_PREFIX)) risks.push('console_user');
  if (status === 'Inactive') risks.push('inactive_not_deleted');
  if (status === 'Expired') risks.push('expired_not_deleted');
  const entry: ApiKeyEntry = { userName, credentialId: k.ServiceSpecificCredentialId ?? 'unknown', status, risks };
  if (k.ServiceCredentialAlias) entry.alias = k.ServiceCredentialAlias;
  if (created !== undefined) {
    entry.createdAt = new Date(created).toISOString();
    entry.ageDays = Math.max(0, Math.floor((now - created) / DAY));
  }
  if (expires !== undefined) entry.expiresAt = new Date(expires).toISOString();
  return entry;
}

function weight(entry: ApiKeyEntry): number {
  const working = entry.status === 'Active' ? 100 : 0;
  return working + entry.risks.reduce((sum, r) => sum + RISK_WEIGHT[r], 0);
}

/** True when the inventory shows something to act on (CLI exit code 3). */
export function inventoryHasProblems(inventory: ApiKeyInventory): boolean {
  return inventory.keys.some((k) => k.risks.some((r) => r !== 'console_user' && r !== 'old')) || inventory.truncated;
}

/** Why the listing failed, in one line for the CLI and Slack (never a secret: messages are scrubbed). */
export function listingErrorMessage(error: unknown, roleName: string | undefined, accountId: string): string {
  const role = roleName ? `The diagnostic role ${roleName}` : 'The diagnostic role';
  if (error instanceof AwsCallError) {
    if (error.info.kind === 'access_denied') {
      return (
        `${role} in account ${accountId} may not call ${error.action} (${error.info.name}): ` +
        'update the role from infra/diagnostic-role.yaml'
      );
    }
    return `${error.action} failed: ${describeAwsError(error.info)}`;
  }
  // DeadlineReached (run-checks.ts), told by its shape: importing it would close an import cycle.
  if (error instanceof Error && error.name === 'AbortError' && 'deadlineMs' in error) {
    return `The listing did not finish in time (${error.message})`;
  }
  return (
    `Could not assume ${role.replace('The', 'the')} in account ${accountId}: ` +
    describeAwsError(classifyAwsError(error))
  );
}
