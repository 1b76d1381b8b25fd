/**
 * Access key ids: find them, tell their kind from the prefix, and decode the owning account offline from modern
 * ids (error-taxonomy section 4: Tal Be'ery's algorithm, as in pacu, localstack and aws-account-id-from-key).
 */
import type { AccessKeyType } from '../report.js';

/** Credential-carrying prefixes: 4 letters then 16 characters, 20 in all. A3T is an undocumented older prefix. */
export const ACCESS_KEY_ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|A3T[A-Z0-9]{17})(?![A-Za-z0-9])/g;

/** IAM unique ids (users, roles, groups, policies...): they look like key ids but are never credentials. */
export const UNIQUE_ID = /(?<![A-Za-z0-9])((?:AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{16,17})(?![A-Za-z0-9])/g;

const UNIQUE_ID_KINDS: Record<string, string> = {
  AIDA: 'IAM user',
  AROA: 'IAM role',
  AGPA: 'IAM group',
  AIPA: 'EC2 instance profile',
  ANPA: 'managed policy',
  ANVA: 'managed policy version',
  APKA: 'public key',
  ASCA: 'certificate',
};

export function accessKeyType(id: string): AccessKeyType {
  switch (id.slice(0, 4)) {
    case 'AKIA':
      return 'long_term';
    case 'ASIA':
      return 'temporary';
    case 'ABIA':
      return 'sts_bearer';
    case 'ACCA':
      return 'context_specific';
    default:
      return 'unknown';
  }
}

export function uniqueIdKind(id: string): string | undefined {
  return UNIQUE_ID_KINDS[id.slice(0, 4)];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The account that owns a modern key id, or undefined when the id is of the older format (fifth character I or J,
 * or characters outside the base32 alphabet) whose bits do not carry the account.
 *
 * 1. drop the 4-character prefix; 2. base32-decode the 16 characters to 80 bits; 3. take the first 48 bits;
 * 4. account = (bits & 0x7FFFFFFFFF80) >> 7; 5. zero-pad to 12 digits.
 */
export function decodeKeyAccount(id: string): string | undefined {
  if (!/^A[A-Z0-9]{3}[A-Z2-7]{16}$/.test(id)) return undefined;
  const body = id.slice(4);
  if (body[0] === 'I' || body[0] === 'J') return undefined;
  let bits = 0n;
  for (const char of body) bits = (bits << 5n) | BigInt(BASE32.indexOf(char));
  const first48 = bits >> 32n;
  const account = (first48 & 0x7fffffffff80n) >> 7n;
  const digits = account.toString();
  // 40 bits can exceed 12 decimal digits: such an id is not one AWS issued in the current format.
  if (digits.length > 12) return undefined;
  return digits.padStart(12, '0');
}
