/**
 * Long-term Bedrock API keys (ABSK...): `ABSK` + base64(`<ServiceCredentialAlias>:<secret>`), the alias being
 * `<user>-at-<account>` with an optional suffix (sources in aws-facts/bedrock-api-keys.ts). Reads the user and the
 * account; the secret is never kept.
 */
import { ACCOUNT_ID_PATTERN } from '../aws-facts/account-ids.js';
import { CONSOLE_KEY_USER_PREFIX, LONG_TERM_KEY_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import { decodeBase64Text } from './base64.js';
import type { DecodedApiKey } from './types.js';

/** IAM user names: 1-64 of [\w+=,.@-] [D]. The alias ends `-at-<12 digits>`, then an optional `-suffix`. */
const ALIAS = new RegExp(`^([\\w+=,.@-]{1,64})-at-(${ACCOUNT_ID_PATTERN})(?:-[\\w+=,.@-]{1,100})?$`);
/** A second key of the same user carries `+<n>` after the user name [C] (BeyondTrust decoder tests). */
const SECONDARY_MARK = /\+\d{1,2}$/;

export function decodeLongTermKey(key: string): DecodedApiKey {
  const fail = (problem: string): DecodedApiKey => ({ ok: false, type: 'long_term', problem });
  if (!key.startsWith(LONG_TERM_KEY_PREFIX)) return fail(`does not start with ${LONG_TERM_KEY_PREFIX}`);
  const payload = decodeBase64Text(key.slice(LONG_TERM_KEY_PREFIX.length));
  if (payload === undefined) return fail('the part after ABSK is not base64 text');
  const colon = payload.indexOf(':');
  if (colon <= 0) return fail('the decoded key has no "<alias>:<secret>" form');
  const alias = payload.slice(0, colon);
  if (payload.length - colon - 1 < 8) return fail('the secret part of the key is missing or cut short');
  const m = ALIAS.exec(alias);
  if (!m) return fail('the decoded key does not name a "<user>-at-<account>" service user');
  const rawUser = m[1] ?? '';
  const secondary = SECONDARY_MARK.test(rawUser);
  const userName = secondary ? rawUser.replace(SECONDARY_MARK, '') : rawUser;
  return {
    ok: true,
    key: {
      type: 'long_term',
      alias,
      userName,
      accountId: m[2] ?? '',
      secondary,
      consoleUser: userName.startsWith(CONSOLE_KEY_USER_PREFIX),
    },
  };
}
