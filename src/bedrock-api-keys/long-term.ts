/**
 * Long-term Bedrock API keys (ABSK...): `ABSK` + base64(`<ServiceCredentialAlias>:<secret>`), the alias being
 * `<user>-at-<account>` with an optional suffix (sources in aws-facts/bedrock-api-keys.ts). Reads the user and the
 * account; the secret is never kept.
 */
import { ACCOUNT_ID_PATTERN } from '../aws-facts/account-ids.js';
import { CONSOLE_KEY_USER_PREFIX, LONG_TERM_KEY_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import { decodeBase64Text } from './base64.js';
import type { DecodedApiKey, LongTermKeyFacts } from './types.js';

/** IAM user names: 1-64 of [\w+=,.@-] [D]. The alias ends `-at-<12 digits>`, then an optional `-suffix`. */
const ALIAS = new RegExp(`^([\\w+=,.@-]{1,64})-at-(${ACCOUNT_ID_PATTERN})(?:-[\\w+=,.@-]{1,100})?$`);
/** A second key of the same user carries `+<n>` after the user name [C] (BeyondTrust decoder tests). */
const SECONDARY_MARK = /\+\d{1,2}$/;

/** Why a long-term key does not decode: the only problems decodeLongTermKey reports. */
export const LONG_TERM_KEY_PROBLEMS = {
  prefix: `does not start with ${LONG_TERM_KEY_PREFIX}`,
  base64: 'the part after ABSK is not base64 text',
  form: 'the decoded key has no "<alias>:<secret>" form',
  secret: 'the secret part of the key is missing or cut short',
  alias: 'the decoded key does not name a "<user>-at-<account>" service user',
} as const;

export function decodeLongTermKey(key: string): DecodedApiKey {
  const fail = (problem: string): DecodedApiKey => ({ ok: false, type: 'long_term', problem });
  const problems = LONG_TERM_KEY_PROBLEMS;
  if (!key.startsWith(LONG_TERM_KEY_PREFIX)) return fail(problems.prefix);
  const payload = decodeBase64Text(key.slice(LONG_TERM_KEY_PREFIX.length));
  if (payload === undefined) return fail(problems.base64);
  const colon = payload.indexOf(':');
  if (colon <= 0) return fail(problems.form);
  const alias = payload.slice(0, colon);
  if (payload.length - colon - 1 < 8) return fail(problems.secret);
  const key_ = longTermKeyOfAlias(alias);
  return key_ ? { ok: true, key: key_ } : fail(problems.alias);
}

/**
 * What a long-term key says, from its public part alone (the ServiceCredentialAlias, `<user>-at-<account>[-...]`):
 * how a button carries the key without its secret. Undefined when `alias` is no such alias.
 */
export function longTermKeyOfAlias(alias: string): LongTermKeyFacts | undefined {
  const m = ALIAS.exec(alias);
  if (!m) return undefined;
  const rawUser = m[1] ?? '';
  const secondary = SECONDARY_MARK.test(rawUser);
  const userName = secondary ? rawUser.replace(SECONDARY_MARK, '') : rawUser;
  return {
    type: 'long_term',
    alias,
    userName,
    accountId: m[2] ?? '',
    secondary,
    consoleUser: userName.startsWith(CONSOLE_KEY_USER_PREFIX),
  };
}
