/**
 * Parsing and validation of the AWS identifiers a person types: account ids, access key ids, region codes, model
 * ids / ARNs and principal ARNs. Every parser returns a value or a precise, human-readable problem, and never echoes
 * something that looks like a secret.
 */

import {
  type AccessKeyType,
  accessKeyType,
  isDiagnosableKeyId,
  KEY_ID_PREFIXES,
  UNIQUE_ID_PREFIXES,
} from '../aws-facts/access-key-ids.js';
import { normalizeAccountId } from '../aws-facts/account-ids.js';
import { BEDROCK_ARN, IAM_GROUP_ARN, IAM_USER_OR_ROLE_ARN, ROOT_ARN, STS_PRINCIPAL_ARN } from '../aws-facts/arns.js';
import { isApplicationProfileId, isFoundationModelId, splitInferenceProfileId } from '../aws-facts/models.js';
import { availabilityZoneRegion, isKnownRegion, looksLikeRegionCode } from '../aws-facts/regions.js';
import { scrubSecrets } from '../secrets.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

// ---------------------------------------------------------------------------------------------------------------
// Account ids

/** Accepts `111122223333` and the console's `1111-2222-3333`. */
export function parseAccountId(input: string): Parsed<string> {
  const trimmed = input.trim();
  const accountId = normalizeAccountId(trimmed);
  if (accountId) return ok(accountId);
  const digits = trimmed.replace(/\D/g, '');
  if (/^\d+$/.test(trimmed) && digits.length !== 12) {
    return bad(
      `account id "${trimmed}" has ${digits.length} digits; an AWS account id has exactly 12 (keep leading zeros)`,
    );
  }
  return bad(`account id "${clip(trimmed)}" is not an AWS account id: expected 12 digits such as 111122223333`);
}

// ---------------------------------------------------------------------------------------------------------------
// Access key ids

/** What an id that is not a diagnosable key is, for the message (error-taxonomy section 3). */
function notAKey(prefix: string): string | undefined {
  const unique = UNIQUE_ID_PREFIXES[prefix];
  if (unique) return `${unique.article} ${unique.kind} id (${prefix}...), not an access key id`;
  const key = KEY_ID_PREFIXES[prefix];
  if (key && key.type !== 'long_term' && key.type !== 'temporary') {
    return `${key.meaning} id (${prefix}...); only AKIA and ASIA keys can be diagnosed`;
  }
  return undefined;
}

export function accessKeyTypeOf(keyId: string): AccessKeyType {
  return accessKeyType(keyId);
}

export function parseAccessKeyId(input: string): Parsed<string> {
  const trimmed = input.trim();
  if (/^ABSK/.test(trimmed) || /^bedrock-api-key-/i.test(trimmed)) {
    return bad(
      'that is a Bedrock API key (a secret), not an access key id: do not paste it anywhere; give the AKIA/ASIA key id',
    );
  }
  if (looksLikeSecret(trimmed)) {
    return bad(
      'that looks like a secret access key (40 characters), not an access key id: treat it as leaked and rotate it; ' +
        'give the 20-character key id that starts with AKIA or ASIA',
    );
  }
  if (trimmed.length > 64) return bad('access key id is too long: expected 20 characters starting with AKIA or ASIA');
  if (isDiagnosableKeyId(trimmed)) return ok(trimmed);
  const upper = trimmed.toUpperCase();
  if (isDiagnosableKeyId(upper)) {
    return bad(`access key id "${upper}" is written in capitals only; give it as ${upper} (check it was not retyped)`);
  }
  const prefix = upper.slice(0, 4);
  const notKey = notAKey(prefix);
  if (notKey) return bad(`"${upper}" is ${notKey}`);
  if (!upper.startsWith('AKIA') && !upper.startsWith('ASIA')) {
    return bad(`access key id "${upper}" must start with AKIA (long-term user key) or ASIA (temporary STS key)`);
  }
  if (upper.length !== 20) {
    return bad(`access key id "${upper}" has ${upper.length} characters; access key ids have exactly 20`);
  }
  const badChars = [...new Set(upper.slice(4).replace(/[A-Z2-7]/g, ''))].join('');
  return bad(
    `access key id "${upper}" contains ${badChars ? `"${badChars}"` : 'characters'} that never appear in key ids ` +
      '(only A-Z and 2-7; 0, 1, 8 and 9 do not occur): check for a typo',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

export function parseRegion(input: string): Parsed<string> {
  const given = input.trim();
  const trimmed = given.toLowerCase();
  if (given !== trimmed && isKnownRegion(trimmed)) {
    return bad(`region "${clip(given)}" is written in lower case only: give it as ${trimmed}`);
  }
  if (!looksLikeRegionCode(trimmed)) {
    const zoneRegion = availabilityZoneRegion(trimmed);
    if (zoneRegion) return bad(`"${trimmed}" is an availability zone; give its region "${zoneRegion}"`);
    return bad(`region "${clip(input.trim())}" is not a region code: expected something like us-east-1 or eu-west-3`);
  }
  if (!isKnownRegion(trimmed)) {
    return bad(`region "${trimmed}" is not an AWS region this tool knows (did you mean one like us-east-1?)`);
  }
  return ok(trimmed);
}

// ---------------------------------------------------------------------------------------------------------------
// Models

export type ModelRef =
  | { kind: 'foundation-model'; input: string; modelId: string; region?: string }
  | {
      kind: 'inference-profile';
      input: string;
      /** e.g. us.anthropic.claude-3-haiku-20240307-v1:0 */
      profileId: string;
      /** The foundation model the id names (prefix removed). */
      modelId: string;
      geo: string;
      region?: string;
      accountId?: string;
    }
  | {
      kind: 'application-inference-profile';
      input: string;
      arn: string;
      profileId: string;
      region: string;
      accountId: string;
    };

export function parseModelRef(input: string): Parsed<ModelRef> {
  const trimmed = input.trim();
  if (trimmed.startsWith('arn:')) {
    const m = BEDROCK_ARN.exec(trimmed);
    if (!m) return bad(`model ARN "${clip(trimmed)}" is not a Bedrock ARN (arn:aws:bedrock:REGION:[ACCOUNT]:TYPE/ID)`);
    const [, , region = '', account = '', type = '', id = ''] = m;
    if (region && !parseRegion(region).ok) return bad(`model ARN names region "${region}", which is not a region code`);
    if (type === 'foundation-model') {
      if (!isFoundationModelId(id)) return bad(`model id "${clip(id)}" in the ARN is not a Bedrock model id`);
      return ok({ kind: 'foundation-model', input: trimmed, modelId: id, region: region || undefined });
    }
    if (type === 'inference-profile') {
      const profile = splitInferenceProfileId(id);
      if (!profile) {
        return bad(`inference profile id "${clip(id)}" in the ARN should look like us.anthropic.claude-...`);
      }
      return ok({
        kind: 'inference-profile',
        input: trimmed,
        profileId: id,
        modelId: profile.modelId,
        geo: profile.geo,
        region: region || undefined,
        accountId: account || undefined,
      });
    }
    if (type === 'application-inference-profile') {
      if (!region || !account) return bad('an application inference profile ARN needs its region and account');
      if (!isApplicationProfileId(id)) return bad(`application inference profile id "${clip(id)}" is malformed`);
      return ok({
        kind: 'application-inference-profile',
        input: trimmed,
        arn: trimmed,
        profileId: id,
        region,
        accountId: account,
      });
    }
    return bad(
      `model ARN of type "${type}" is not supported: give a foundation-model, inference-profile or ` +
        'application-inference-profile ARN, or a model id',
    );
  }
  const profile = splitInferenceProfileId(trimmed);
  if (profile) {
    return ok({
      kind: 'inference-profile',
      input: trimmed,
      profileId: trimmed,
      modelId: profile.modelId,
      geo: profile.geo,
    });
  }
  if (isFoundationModelId(trimmed)) return ok({ kind: 'foundation-model', input: trimmed, modelId: trimmed });
  return bad(
    `model "${clip(trimmed)}" is not a Bedrock model id: expected PROVIDER.MODEL such as ` +
      'anthropic.claude-3-haiku-20240307-v1:0, an inference profile id such as us.anthropic.claude-3-haiku-20240307-v1:0, ' +
      'or a model ARN (friendly names like "sonnet" are not model ids)',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Principals

export type PrincipalRef =
  | { kind: 'user' | 'role'; arn: string; partition: string; accountId: string; name: string; path: string }
  | { kind: 'assumed-role'; arn: string; partition: string; accountId: string; name: string; sessionName: string }
  | { kind: 'root' | 'federated-user'; arn: string; partition: string; accountId: string; name: string };

export function parsePrincipalArn(input: string): Parsed<PrincipalRef> {
  const trimmed = input.trim();
  let m = IAM_USER_OR_ROLE_ARN.exec(trimmed);
  if (m) {
    const [, partition = 'aws', accountId = '', kind = 'user', path = '/', name = ''] = m;
    return ok({ kind: kind as 'user' | 'role', arn: trimmed, partition, accountId, name, path });
  }
  m = ROOT_ARN.exec(trimmed);
  if (m) return ok({ kind: 'root', arn: trimmed, partition: m[1] ?? 'aws', accountId: m[2] ?? '', name: 'root' });
  m = STS_PRINCIPAL_ARN.exec(trimmed);
  if (m) {
    const [, partition = 'aws', accountId = '', kind = '', name = '', session] = m;
    if (kind === 'assumed-role') {
      if (!session) return bad('an assumed-role ARN ends with /ROLE-NAME/SESSION-NAME');
      return ok({ kind: 'assumed-role', arn: trimmed, partition, accountId, name, sessionName: session });
    }
    return ok({ kind: 'federated-user', arn: trimmed, partition, accountId, name });
  }
  if (IAM_GROUP_ARN.test(trimmed)) {
    return bad('a group ARN is not a principal: give the ARN of the user or role that makes the call');
  }
  if (/^arn:/.test(trimmed)) {
    return bad(
      `principal ARN "${clip(trimmed)}" is not a user or role ARN: expected arn:aws:iam::ACCOUNT:user/NAME, ` +
        'arn:aws:iam::ACCOUNT:role/NAME or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION',
    );
  }
  return bad(`principal "${clip(trimmed)}" is not an ARN: expected arn:aws:iam::ACCOUNT:user/NAME or .../role/NAME`);
}

// ---------------------------------------------------------------------------------------------------------------
// Role session names

/**
 * A RoleSessionName from who asked, so that CloudTrail in the target account shows the person: characters outside
 * [\w+=,.@-] become "-", the result is prefixed (the trust policy can pin `diag-*`) and cut to 64 characters.
 */
export function sessionNameFor(requestedBy: string | undefined, prefix = 'diag-'): string {
  const cleaned = (requestedBy ?? '')
    .normalize('NFKD')
    .replace(/[^\w+=,.@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  const name = `${prefix}${cleaned || 'bedrock-403'}`;
  return name.slice(0, 64).replace(/-$/, '');
}

/** A long mixed-case base64 run: the shape of a secret access key, session token or API key. */
function looksLikeSecret(text: string): boolean {
  return /[A-Za-z0-9/+=]{40,}/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9/+]/.test(text);
}

/** First line, at most `max` characters, never a secret: safe to echo back in a message. */
function clip(text: string, max = 80): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (looksLikeSecret(firstLine) || scrubSecrets(firstLine) !== firstLine)
    return '(value not shown: it looks like a secret)';
  return firstLine.length > max ? `${firstLine.slice(0, max)}…` : firstLine;
}
