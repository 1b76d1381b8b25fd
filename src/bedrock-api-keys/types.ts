/** What a Bedrock API key says about itself, read offline. Never holds the key or any part of its secret. */

import type { AccessKeyType } from '../aws-facts/access-key-ids.js';
import type { ApiKeyType } from '../aws-facts/bedrock-api-keys.js';

export type { ApiKeyType };

export interface LongTermKeyFacts {
  type: 'long_term';
  /** ServiceCredentialAlias, the public part: `<user>-at-<account>[-suffix]` (ListServiceSpecificCredentials shows it). */
  alias: string;
  /** The IAM user the key belongs to. */
  userName: string;
  accountId: string;
  /** The alias marks the user's second key (`<user>+1-at-...`) [C]. */
  secondary: boolean;
  /** The user is one the console made for this key (BedrockAPIKey-...). */
  consoleUser: boolean;
}

export interface ShortTermKeyFacts {
  type: 'short_term';
  /** The access key id that presigned the key: the generating principal's key (AKIA user, ASIA session). */
  accessKeyId: string;
  accessKeyType: AccessKeyType;
  /** Owner of accessKeyId, decoded offline from a modern key id (a hint, not AWS's word). */
  accountId?: string;
  /** The only region the key works in. */
  region: string;
  /** ISO 8601 signing time (X-Amz-Date). */
  signedAt: string;
  /** X-Amz-Expires. */
  expiresInSeconds: number;
  /** ISO 8601 time the key stops working at the latest (the generating session may end sooner). */
  expiresAt: string;
  /** The key carries a session token (X-Amz-Security-Token): it was made from temporary credentials. */
  sessionBased: boolean;
}

export type ApiKeyFacts = LongTermKeyFacts | ShortTermKeyFacts;

export type DecodedApiKey =
  | { ok: true; key: ApiKeyFacts }
  /** Prefix of a Bedrock API key, but the rest does not decode: truncated, mangled, or a newer format. */
  | { ok: false; type: ApiKeyType; problem: string };
