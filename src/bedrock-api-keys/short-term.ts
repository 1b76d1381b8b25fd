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
import type { DecodedApiKey } from './types.js';

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const KEY_ID = new RegExp(`^${SIGV4_KEY_ID_PATTERN}$`);

export function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(ms) ? ms : undefined;
}

export function decodeShortTermKey(key: string): DecodedApiKey {
  const fail = (problem: string): DecodedApiKey => ({ ok: false, type: 'short_term', problem });
  if (!key.startsWith(SHORT_TERM_KEY_PREFIX)) return fail(`does not start with ${SHORT_TERM_KEY_PREFIX}`);
  const url = decodeBase64Text(key.slice(SHORT_TERM_KEY_PREFIX.length));
  if (url === undefined) return fail('the part after bedrock-api-key- is not base64 text');
  const query = /^[a-z0-9.-]{1,253}\/?\?(.*)$/s.exec(url.replace(/^https?:\/\//, ''))?.[1];
  if (query === undefined) return fail('the decoded key is not a presigned URL');
  const params = new URLSearchParams(query);
  if (params.get('Action') !== SHORT_TERM_KEY_ACTION) {
    return fail(`the presigned URL is not for ${SHORT_TERM_KEY_ACTION}`);
  }
  const scope = (params.get('X-Amz-Credential') ?? '').split('/');
  const [accessKeyId = '', , region = '', service = '', terminator = ''] = scope;
  if (scope.length !== 5 || terminator !== 'aws4_request' || service !== 'bedrock') {
    return fail('the presigned URL has no SigV4 credential scope for bedrock');
  }
  if (!KEY_ID.test(accessKeyId)) return fail('the credential scope does not start with an AKIA/ASIA access key id');
  if (!looksLikeRegionCode(region)) return fail('the credential scope names no region');
  const signedAt = parseAmzDate(params.get('X-Amz-Date') ?? '');
  if (signedAt === undefined) return fail('the presigned URL has no valid X-Amz-Date');
  const expiresText = params.get('X-Amz-Expires') ?? '';
  const expiresInSeconds = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) {
    return fail('the presigned URL has no valid X-Amz-Expires');
  }
  if (!/^[0-9a-f]{64}$/.test(params.get('X-Amz-Signature') ?? '')) {
    return fail('the presigned URL has no SigV4 signature (cut short?)');
  }
  const accountId = decodeKeyAccount(accessKeyId);
  return {
    ok: true,
    key: {
      type: 'short_term',
      accessKeyId,
      accessKeyType: accessKeyType(accessKeyId),
      ...(accountId ? { accountId } : {}),
      region,
      signedAt: new Date(signedAt).toISOString(),
      expiresInSeconds,
      expiresAt: new Date(signedAt + expiresInSeconds * 1000).toISOString(),
      sessionBased: params.has('X-Amz-Security-Token'),
    },
  };
}
