/**
 * Access key ids and the IAM unique ids that look like them (error-taxonomy section 3): what a 4-letter prefix means,
 * the shapes to find and to accept, and the owning account decoded offline from modern ids (error-taxonomy section 4:
 * Tal Be'ery's algorithm, as in pacu, localstack and aws-account-id-from-key). The decoding is undocumented by AWS:
 * a hint, never proof.
 */

export type AccessKeyType = 'long_term' | 'temporary' | 'sts_bearer' | 'context_specific' | 'unknown';

/** Credential-carrying prefixes and what they mean. Only AKIA and ASIA keys sign SigV4 requests a person debugs. */
export const KEY_ID_PREFIXES: Readonly<Record<string, { type: AccessKeyType; meaning: string }>> = {
  AKIA: { type: 'long_term', meaning: 'a long-term access key of an IAM user or the root user' },
  ASIA: { type: 'temporary', meaning: 'a temporary key from STS (assumed role, SSO, federation, instance role)' },
  ABIA: { type: 'sts_bearer', meaning: 'an STS service bearer token' },
  ACCA: { type: 'context_specific', meaning: 'a context-specific credential' },
};

/** Prefixes of IAM unique ids: they look like key ids but are never credentials. */
export const UNIQUE_ID_PREFIXES: Readonly<Record<string, { kind: string; article: 'a' | 'an' }>> = {
  AIDA: { kind: 'IAM user', article: 'an' },
  AROA: { kind: 'IAM role', article: 'an' },
  AGPA: { kind: 'IAM group', article: 'an' },
  AIPA: { kind: 'EC2 instance profile', article: 'an' },
  ANPA: { kind: 'managed policy', article: 'a' },
  ANVA: { kind: 'managed policy version', article: 'a' },
  APKA: { kind: 'public key', article: 'a' },
  ASCA: { kind: 'certificate', article: 'a' },
};

/**
 * A key id of a credential prefix, as a regular expression source for larger patterns: the prefix then 16 capitals
 * or digits (20 in all). Digits outside the key alphabet are allowed so that a typo'd key is still found, and named
 * as a typo.
 */
export const KEY_ID_PATTERN = '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}';

/** The same for the keys that sign SigV4 requests (AKIA long-term, ASIA temporary): what tools list and presign. */
export const SIGV4_KEY_ID_PATTERN = '(?:AKIA|ASIA)[A-Z0-9]{16}';

/**
 * A key id the text shows in part: masked by the person (`ASIAIWFE3X******`, `AKIA****`) or inside a SigV4 credential
 * scope (`Credential=ASIA.../20240101/...`). Its prefix (group 1 or 2) still tells a long-term key from a temporary one.
 */
export const PARTIAL_SIGV4_KEY_ID =
  /(?<![A-Za-z0-9])(AKIA|ASIA)[A-Z0-9]{0,16}(?:[*\u2022\u2026]|\.{3})|\bCredential=(AKIA|ASIA)[A-Za-z0-9*\u2022._-]{0,28}\/\d{8}\//;

/** A key id in text (A3T is an undocumented older prefix). */
export const KEY_ID_IN_TEXT = new RegExp(`(?<![A-Za-z0-9])(${KEY_ID_PATTERN}|A3T[A-Z0-9]{17})(?![A-Za-z0-9])`, 'g');

/** An IAM unique id in text (users, roles, groups, policies...). */
export const UNIQUE_ID_IN_TEXT =
  /(?<![A-Za-z0-9])((?:AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{16,17})(?![A-Za-z0-9])/g;

const KEY_ID_SHAPED = new RegExp(`^${KEY_ID_PATTERN}$`);
const DIAGNOSABLE_KEY_ID = /^(?:AKIA|ASIA)[A-Z2-7]{16}$/;

/** Shaped like a credential key id (any credential prefix, any capital or digit): worth a precise message. */
export function isKeyIdShaped(value: string): boolean {
  return KEY_ID_SHAPED.test(value);
}

/**
 * A key id the diagnosis accepts: AKIA or ASIA then 16 characters of the key alphabet (A-Z and 2-7; 0, 1, 8 and 9
 * never occur). Every surface accepts exactly these.
 */
export function isDiagnosableKeyId(value: string): boolean {
  return DIAGNOSABLE_KEY_ID.test(value);
}

export function accessKeyType(id: string): AccessKeyType {
  return KEY_ID_PREFIXES[id.slice(0, 4)]?.type ?? 'unknown';
}

/** What an IAM unique id names (`IAM user` for AIDA...), undefined for anything else. */
export function uniqueIdKind(id: string): string | undefined {
  return UNIQUE_ID_PREFIXES[id.slice(0, 4)]?.kind;
}

/** `AKIA…MPLE`: the form used in verdicts and messages. */
export function maskKeyId(keyId: string): string {
  return keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : keyId;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The account that owns a modern key id of any credential prefix, or undefined when the id is of the older format
 * (fifth character I or J, or characters outside the base32 alphabet) whose bits do not carry the account.
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

/** The owner of a diagnosable (AKIA/ASIA) key id, decoded offline; undefined for other or older ids. */
export function decodeAccountFromKeyId(keyId: string): string | undefined {
  return isDiagnosableKeyId(keyId) ? decodeKeyAccount(keyId) : undefined;
}
