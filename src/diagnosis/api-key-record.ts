/**
 * The IAM record of a long-term Bedrock API key (iam:ListServiceSpecificCredentials for the user the key names):
 * which credential it is, its status, creation and expiry. The key is matched by its alias (the public part the key
 * carries, ServiceCredentialAlias); a user with a single Bedrock key whose alias IAM does not show is matched by
 * being the only one. Shared by the api_key check and the containment buttons (the credential id to act on).
 */
import type { ServiceSpecificCredentialMetadata } from '@aws-sdk/client-iam';
import type { LongTermKeyFacts } from '../bedrock-api-keys/index.js';
import type { ReportApiKey } from '../report.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';

export type ApiKeyRecord =
  | {
      state: 'found';
      userName: string;
      credential: ServiceSpecificCredentialMetadata;
      matchedBy: 'alias' | 'only key';
      /** The user's other Bedrock keys. */
      others: ServiceSpecificCredentialMetadata[];
    }
  /** The user the key names does not exist (any more): deleting a user deletes its keys. */
  | { state: 'user_missing'; userName: string }
  /** The user exists but holds no key with this alias: the key was deleted. */
  | { state: 'not_found'; userName: string; others: ServiceSpecificCredentialMetadata[] }
  /** Several keys and none shows an alias: which one is pasted cannot be told. */
  | { state: 'ambiguous'; userName: string; others: ServiceSpecificCredentialMetadata[] };

export function resolveApiKeyRecord(ctx: DiagnosisContext, key: LongTermKeyFacts): Promise<ApiKeyRecord> {
  return ctx.shared(`apiKeyRecord:${key.alias}`, async () => {
    let keys: ServiceSpecificCredentialMetadata[];
    try {
      keys = await ctx.userApiKeys(key.userName);
    } catch (error) {
      if (error instanceof AwsCallError && error.info.kind === 'not_found') {
        return { state: 'user_missing', userName: key.userName };
      }
      throw error;
    }
    const byAlias = keys.find((k) => k.ServiceCredentialAlias === key.alias);
    if (byAlias) {
      return {
        state: 'found',
        userName: key.userName,
        credential: byAlias,
        matchedBy: 'alias',
        others: keys.filter((k) => k !== byAlias),
      };
    }
    const aliasesShown = keys.some((k) => k.ServiceCredentialAlias);
    if (!aliasesShown && keys.length === 1 && keys[0]) {
      return { state: 'found', userName: key.userName, credential: keys[0], matchedBy: 'only key', others: [] };
    }
    if (!aliasesShown && keys.length > 1) return { state: 'ambiguous', userName: key.userName, others: keys };
    return { state: 'not_found', userName: key.userName, others: keys };
  });
}

/** Active, Inactive, or Expired (IAM's status, or an expiry date already passed). */
export function effectiveStatus(credential: ServiceSpecificCredentialMetadata, now: number): string {
  if (credential.Status === 'Active' && credential.ExpirationDate && credential.ExpirationDate.getTime() <= now) {
    return 'Expired';
  }
  return credential.Status ?? 'unknown';
}

/** The API key's IAM record for the Report (the containment buttons act on it), when the api_key check found it. */
export async function reportApiKeyOf(ctx: DiagnosisContext): Promise<ReportApiKey | undefined> {
  const apiKey = ctx.input.apiKey;
  if (!apiKey || 'undecodable' in apiKey || apiKey.type !== 'long_term') return undefined;
  const fact = ctx.peek<ApiKeyRecord>(`apiKeyRecord:${apiKey.alias}`);
  const record = fact
    ? await Promise.race([
        fact.catch(() => undefined),
        new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
      ])
    : undefined;
  if (record?.state !== 'found' || !record.credential.ServiceSpecificCredentialId) return undefined;
  return {
    userName: record.userName,
    credentialId: record.credential.ServiceSpecificCredentialId,
    status: effectiveStatus(record.credential, ctx.now()),
  };
}
