/**
 * Recognises secret-shaped values (AWS secret access keys, session tokens, Slack tokens, Bedrock API keys,
 * values named like secrets) and removes them from text. Used by triage (secretsFound), by the logger
 * (redaction) and by every surface before text leaves the process. Every pattern is linear-time:
 * bounded quantifiers over plain character classes, no nested repetition.
 */
import { ACCOUNT_ID_PATTERN } from './aws-facts/account-ids.js';

export const REDACTED = '[REDACTED]';

export interface SecretKinds {
  secretAccessKey: boolean;
  sessionToken: boolean;
  slackToken: boolean;
  bedrockApiKey: boolean;
  /** A value assigned to a secret-named variable or field (SLACK_SIGNING_SECRET=..., "password": ...). */
  namedSecret: boolean;
}

const SECRET_NAMES = [
  'aws_secret_access_key',
  'secret_access_key',
  'secretaccesskey',
  'aws_secret_key',
  'secret_key',
  'secretkey',
  'aws_session_token',
  'aws_security_token',
  'session_token',
  'sessiontoken',
  'x-amz-security-token',
  'securitytoken',
  'slack_signing_secret',
  'signing_secret',
  'signingsecret',
  'slack_bot_token',
  'slack_app_token',
  'aws_bearer_token_bedrock',
  'client_secret',
  'password',
].join('|');

/** name, a short separator (quotes, colon, equals, whitespace), then the value. */
const NAMED_VALUE = new RegExp(
  `(?<![A-Za-z0-9_-])(${SECRET_NAMES})(["']?[ \\t]{0,8}(?:=>|[:=>])[ \\t]{0,8}["']?|[ \\t]{1,8})([^\\s"',;&}<>\\])]{6,4096})`,
  'gi',
);
const SESSION_NAME = /session|security/i;

/**
 * 40 base64 characters standing alone: the shape of an AWS secret access key. `=` may stand next to it
 * (`secret=...`, `--key=...=`): padding only ever ends a base64 value, and 40 characters need none, so an `=` never
 * makes the 40 characters part of a longer value.
 */
const SECRET_KEY_SHAPE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;

/** Session tokens: long base64 runs starting with the prefixes STS, SSO and IMDS tokens carry. */
const SESSION_TOKEN_SHAPE =
  /(?<![A-Za-z0-9/+=])(?:IQoJb3JpZ2luX2|IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz|AgoJb3JpZ2lu)[A-Za-z0-9/+=%]{40,8192}/g;

const SLACK_TOKEN = /(?<![A-Za-z0-9])(?:xox[abposrec]|xapp)-[A-Za-z0-9-]{4,512}/g;

/**
 * Bedrock API keys: long-term ABSK... and short-term bedrock-api-key-... bearer tokens (base64, standard or URL-safe,
 * possibly %-encoded once when it travelled in a URL).
 */
export const BEDROCK_API_KEY =
  /(?<![A-Za-z0-9])(?:ABSK[A-Za-z0-9+/=%_-]{20,4096}|bedrock-api-key-[A-Za-z0-9+/=%._-]{20,8192})/g;

/**
 * A Bedrock API key written out decoded: a long-term key's `<user>-at-<account>[-suffix]:<secret>`, or a short-term
 * key's presigned URL, whose signature (with the URL around it) is the bearer credential. Group 1 is the secret.
 */
const DECODED_LONG_TERM_KEY = new RegExp(
  `(?<![\\w+=,.@-])[\\w+=,.@-]{1,64}-at-${ACCOUNT_ID_PATTERN}(?:-[\\w+=,.@-]{1,100})?:([A-Za-z0-9+/=]{20,512})`,
  'g',
);
const DECODED_SHORT_TERM_KEY =
  /Action=CallWithBearerToken[^\s"'<>]{0,6000}?X-Amz-Signature(?:=|%3D)([0-9a-f]{64})(?![0-9a-f])/g;

/** Random 40-character keys contain all three character classes; paths, hashes and words rarely do. */
function looksRandom(candidate: string): boolean {
  if (!/[A-Z]/.test(candidate) || !/[a-z]/.test(candidate) || !/[0-9]/.test(candidate)) return false;
  const slashes = candidate.split('/').length - 1;
  return slashes <= 4;
}

/**
 * A named value that is masked output (`****abcd`), a placeholder or a reference is not a secret. After a bare
 * space (`aws configure set aws_secret_access_key VALUE`) only a credential-looking value counts, not prose.
 */
function isRealSecretValue(value: string, separator: string): boolean {
  if (value.includes('***')) return false;
  if (/^[ \t]+$/.test(separator) && (value.length < 16 || !/[0-9]/.test(value))) return false;
  if (
    /^(?:<[^>]*>?|\$\{?[A-Za-z_]|%[A-Za-z_]|none|null|undefined|true|false|your[_-]|xxx|\.\.\.|\[redacted)/i.test(value)
  ) {
    return false;
  }
  return true;
}

/** The alphabet and minimum length of AWS secret keys, session tokens and API keys (base64, URL-encoded). */
const CREDENTIAL_VALUE = /^[A-Za-z0-9/+=%_-]{16,}$/;

export interface SecretAnalysis {
  kinds: SecretKinds;
  /** The secret values themselves (at most `limit`, each at least 8 characters). */
  values: string[];
}

/** One pass of every recogniser over the text: which kinds of secret it holds, and their values. */
export function analyzeSecrets(text: string, limit = 64): SecretAnalysis {
  const kinds: SecretKinds = {
    secretAccessKey: false,
    sessionToken: false,
    slackToken: false,
    bedrockApiKey: false,
    namedSecret: false,
  };
  const values = new Set<string>();
  const add = (value: string) => {
    if (value.length >= 8 && values.size < limit) values.add(value);
  };
  for (const match of text.matchAll(SECRET_KEY_SHAPE)) {
    if (looksRandom(match[0])) {
      kinds.secretAccessKey = true;
      add(match[0]);
    }
  }
  for (const match of text.matchAll(SESSION_TOKEN_SHAPE)) {
    kinds.sessionToken = true;
    add(match[0]);
  }
  for (const match of text.matchAll(SLACK_TOKEN)) {
    kinds.slackToken = true;
    add(match[0]);
  }
  for (const match of text.matchAll(BEDROCK_API_KEY)) {
    kinds.bedrockApiKey = true;
    add(match[0]);
  }
  for (const pattern of [DECODED_LONG_TERM_KEY, DECODED_SHORT_TERM_KEY]) {
    for (const match of text.matchAll(pattern)) {
      kinds.bedrockApiKey = true;
      add(match[1] ?? '');
    }
  }
  for (const match of text.matchAll(NAMED_VALUE)) {
    const name = match[1] ?? '';
    const value = match[3] ?? '';
    if (!isRealSecretValue(value, match[2] ?? '')) continue;
    kinds.namedSecret = true;
    add(value);
    // `aws_secret_key=secret` or `secretAccessKey: process.env.X` in pasted code names a variable, not a key.
    const credential = CREDENTIAL_VALUE.test(value);
    if (/access|secret_key|secretkey/i.test(name) && !SESSION_NAME.test(name) && credential) {
      kinds.secretAccessKey = true;
    }
    if (SESSION_NAME.test(name) && value.length >= 16 && credential) kinds.sessionToken = true;
    if (/bearer/i.test(name) && credential) kinds.bedrockApiKey = true;
  }
  return { kinds, values: [...values] };
}

export function findSecretKinds(text: string): SecretKinds {
  return analyzeSecrets(text).kinds;
}

/**
 * The secret values themselves (at most `limit`), so a caller can make sure none of them reaches its output even
 * where it was cut or reshaped. Same recognisers as findSecretKinds.
 */
export function findSecretValues(text: string, limit = 64): string[] {
  return analyzeSecrets(text, limit).values;
}

/** True when the text holds an AWS secret access key or session token (the triage `secretsFound`). */
export function containsAwsSecret(text: string): boolean {
  const kinds = findSecretKinds(text);
  return kinds.secretAccessKey || kinds.sessionToken || kinds.bedrockApiKey;
}

/** True when the text holds anything secret-shaped at all. */
export function containsSecret(text: string): boolean {
  const kinds = findSecretKinds(text);
  return Object.values(kinds).some(Boolean);
}

/**
 * Replaces every secret-shaped value with [REDACTED]. `known` adds exact values (the process's own tokens and
 * signing secret) that must never appear, whatever their shape.
 */
export function scrubSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of known) {
    if (value.length >= 6 && out.includes(value)) out = out.split(value).join(REDACTED);
  }
  out = out.replace(NAMED_VALUE, (whole, name: string, sep: string, value: string) =>
    isRealSecretValue(value, sep) ? `${name}${sep}${REDACTED}` : whole,
  );
  out = out.replace(SESSION_TOKEN_SHAPE, REDACTED);
  out = out.replace(BEDROCK_API_KEY, REDACTED);
  out = out.replace(DECODED_LONG_TERM_KEY, (whole, secret: string) => whole.replace(secret, REDACTED));
  out = out.replace(DECODED_SHORT_TERM_KEY, (whole, signature: string) => whole.replace(signature, REDACTED));
  out = out.replace(SLACK_TOKEN, REDACTED);
  out = out.replace(SECRET_KEY_SHAPE, (candidate) => (looksRandom(candidate) ? REDACTED : candidate));
  return out;
}

/** Deep copy of a JSON-like value with every string scrubbed. Cycles and depth are bounded. */
export function scrubDeep(
  value: unknown,
  known: readonly string[] = [],
  depth = 0,
  seen = new WeakSet<object>(),
): unknown {
  if (typeof value === 'string') return scrubSecrets(value, known);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12 || seen.has(value)) return '[Truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, known, depth + 1, seen));
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      type: value.name,
      message: scrubSecrets(value.message, known),
    };
    if (value.stack) out.stack = scrubSecrets(value.stack, known);
    for (const [key, inner] of Object.entries(value)) {
      if (key !== 'message' && key !== 'stack') out[key] = scrubDeep(inner, known, depth + 1, seen);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = scrubDeep(inner, known, depth + 1, seen);
  }
  return out;
}
