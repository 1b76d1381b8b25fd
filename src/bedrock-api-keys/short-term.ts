/**
 * Short-term Bedrock API keys (bedrock-api-key-...): base64 of a SigV4 query-presigned URL for CallWithBearerToken,
 * without its scheme (sources in aws-facts/bedrock-api-keys.ts). Reads the presigning access key id (and so its type
 * and, for modern ids, its account), the region, the signing time and the expiry. The signature and any session
 * token are never kept.
 */

import { accessKeyType, decodeKeyAccount, SIGV4_KEY_ID_PATTERN } from '../aws-facts/access-key-ids.js';
import { SHORT_TERM_KEY_ACTION, SHORT_TERM_KEY_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import { looksLikeRegionCode } from '../aws-facts/regions.js';
import { decodeBase64Text } from './base64.js';
import type { DecodedApiKey, ShortTermKeyFacts } from './types.js';

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const KEY_ID = new RegExp(`^${SIGV4_KEY_ID_PATTERN}$`);

export function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(ms) ? ms : undefined;
}

/** Why a short-term key does not decode: the only problems decodeShortTermKey reports. */
export const SHORT_TERM_KEY_PROBLEMS = {
  prefix: `does not start with ${SHORT_TERM_KEY_PREFIX}`,
  base64: 'the part after bedrock-api-key- is not base64 text',
  url: 'the decoded key is not a presigned URL',
  action: `the presigned URL is not for ${SHORT_TERM_KEY_ACTION}`,
  scope: 'the presigned URL has no SigV4 credential scope for bedrock',
  keyId: 'the credential scope does not start with an AKIA/ASIA access key id',
  region: 'the credential scope names no region',
  date: 'the presigned URL has no valid X-Amz-Date',
  expires: 'the presigned URL has no valid X-Amz-Expires',
  signature: 'the presigned URL has no SigV4 signature (cut short?)',
} as const;

/** X-Amz-Expires as the decoder reads it: 1 to 7 digits, more than 0. */
const MAX_EXPIRES_SECONDS = 9_999_999;

export function decodeShortTermKey(key: string): DecodedApiKey {
  const fail = (problem: string): DecodedApiKey => ({ ok: false, type: 'short_term', problem });
  const problems = SHORT_TERM_KEY_PROBLEMS;
  if (!key.startsWith(SHORT_TERM_KEY_PREFIX)) return fail(problems.prefix);
  const url = decodeBase64Text(key.slice(SHORT_TERM_KEY_PREFIX.length));
  if (url === undefined) return fail(problems.base64);
  const query = /^[a-z0-9.-]{1,253}\/?\?(.*)$/s.exec(url.replace(/^https?:\/\//, ''))?.[1];
  if (query === undefined) return fail(problems.url);
  const params = new URLSearchParams(query);
  if (params.get('Action') !== SHORT_TERM_KEY_ACTION) return fail(problems.action);
  const scope = (params.get('X-Amz-Credential') ?? '').split('/');
  const [accessKeyId = '', , region = '', service = '', terminator = ''] = scope;
  if (scope.length !== 5 || terminator !== 'aws4_request' || service !== 'bedrock') return fail(problems.scope);
  if (!KEY_ID.test(accessKeyId)) return fail(problems.keyId);
  if (!looksLikeRegionCode(region)) return fail(problems.region);
  const signedAt = parseAmzDate(params.get('X-Amz-Date') ?? '');
  if (signedAt === undefined) return fail(problems.date);
  const expiresText = params.get('X-Amz-Expires') ?? '';
  const expiresInSeconds = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) return fail(problems.expires);
  if (!/^[0-9a-f]{64}$/.test(params.get('X-Amz-Signature') ?? '')) return fail(problems.signature);
  const facts = shortTermKeyOf({
    accessKeyId,
    region,
    signedAtMs: signedAt,
    expiresInSeconds,
    sessionBased: params.has('X-Amz-Security-Token'),
  });
  return facts ? { ok: true, key: facts } : fail(problems.scope);
}

/** The public parts of a short-term key: its credential scope, signing time, lifetime and whether a session made it. */
export interface ShortTermKeyParts {
  accessKeyId: string;
  region: string;
  signedAtMs: number;
  expiresInSeconds: number;
  sessionBased: boolean;
}

/**
 * What a short-term key says, from its public parts alone (never the signature or the session token): how a button
 * carries the key without the key. Undefined when a part is not one a decodable key can have.
 */
export function shortTermKeyOf(parts: ShortTermKeyParts): ShortTermKeyFacts | undefined {
  const { accessKeyId, region, signedAtMs, expiresInSeconds, sessionBased } = parts;
  if (!KEY_ID.test(accessKeyId) || !looksLikeRegionCode(region)) return undefined;
  if (!Number.isSafeInteger(signedAtMs) || signedAtMs % 1000 !== 0 || Number.isNaN(new Date(signedAtMs).getTime())) {
    return undefined;
  }
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_EXPIRES_SECONDS) {
    return undefined;
  }
  const accountId = decodeKeyAccount(accessKeyId);
  return {
    type: 'short_term',
    accessKeyId,
    accessKeyType: accessKeyType(accessKeyId),
    ...(accountId ? { accountId } : {}),
    region,
    signedAt: new Date(signedAtMs).toISOString(),
    expiresInSeconds,
    expiresAt: new Date(signedAtMs + expiresInSeconds * 1000).toISOString(),
    sessionBased,
  };
}
