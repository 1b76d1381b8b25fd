/**
 * Parsing and validation of the AWS identifiers a person types: account ids, access key ids, region codes, model
 * ids / ARNs and principal ARNs. Every parser returns a value or a precise, human-readable problem, and never echoes
 * something that looks like a secret.
 */
import type { AccessKeyType } from '../report.js';
import { scrubSecrets } from '../secrets.js';
import { decodeKeyAccount } from '../triage/access-keys.js';
import { type Partition, partitionOfRegion, REGION_SHAPE, regionInfo } from './regions.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

// ---------------------------------------------------------------------------------------------------------------
// Account ids

/** Accepts `111122223333` and the console's `1111-2222-3333`. */
export function parseAccountId(input: string): Parsed<string> {
  const trimmed = input.trim();
  if (/^\d{12}$/.test(trimmed)) return ok(trimmed);
  if (/^\d{4}-\d{4}-\d{4}$/.test(trimmed)) return ok(trimmed.replaceAll('-', ''));
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

const KEY_SHAPE = /^(AKIA|ASIA)[A-Z2-7]{16}$/;

/** Prefixes of IAM unique ids that people paste in place of an access key id (error-taxonomy section 3). */
const NOT_A_KEY: Record<string, string> = {
  AIDA: 'an IAM user id (AIDA...), not an access key id',
  AROA: 'an IAM role id (AROA...), not an access key id',
  AGPA: 'an IAM group id (AGPA...), not an access key id',
  ANPA: 'a managed policy id (ANPA...), not an access key id',
  ANVA: 'a managed policy version id (ANVA...), not an access key id',
  AIPA: 'an instance profile id (AIPA...), not an access key id',
  APKA: 'a public key id (APKA...), not an access key id',
  ASCA: 'a certificate id (ASCA...), not an access key id',
  ABIA: 'an STS service bearer token id (ABIA...); only AKIA and ASIA keys can be diagnosed',
  ACCA: 'a context-specific credential id (ACCA...); only AKIA and ASIA keys can be diagnosed',
};

export function accessKeyTypeOf(keyId: string): AccessKeyType {
  if (keyId.startsWith('AKIA')) return 'long_term';
  if (keyId.startsWith('ASIA')) return 'temporary';
  if (keyId.startsWith('ABIA')) return 'sts_bearer';
  if (keyId.startsWith('ACCA')) return 'context_specific';
  return 'unknown';
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
  const upper = trimmed.toUpperCase();
  if (KEY_SHAPE.test(upper)) return ok(upper);
  const prefix = upper.slice(0, 4);
  const notKey = NOT_A_KEY[prefix];
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

/**
 * The account that owns a modern AKIA/ASIA key id, decoded offline (error-taxonomy section 4; the decoder lives with
 * triage, which reads key ids from pasted text). Undocumented by AWS: a hint only. Undefined for older ids.
 */
export function decodeAccountFromKeyId(keyId: string): string | undefined {
  return KEY_SHAPE.test(keyId) ? decodeKeyAccount(keyId) : undefined;
}

/** `AKIA…MPLE`: the form used in verdicts and messages. */
export function maskKeyId(keyId: string): string {
  return keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : keyId;
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

export function parseRegion(input: string): Parsed<string> {
  const trimmed = input.trim().toLowerCase();
  if (!REGION_SHAPE.test(trimmed)) {
    if (/^[a-z]{2}-[a-z]+-\d[a-z]$/.test(trimmed)) {
      return bad(`"${trimmed}" is an availability zone; give its region "${trimmed.slice(0, -1)}"`);
    }
    return bad(`region "${clip(input.trim())}" is not a region code: expected something like us-east-1 or eu-west-3`);
  }
  if (!regionInfo(trimmed)) {
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

const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,39}\.[a-z0-9][a-z0-9._-]{0,120}(?::[a-z0-9._-]{1,32}){0,2}$/i;
const GEO_PREFIX = /^(us-gov|us|eu|apac|jp|au|ca|global)\.(.+)$/;
const BEDROCK_ARN = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/(.+)$/;

export function parseModelRef(input: string): Parsed<ModelRef> {
  const trimmed = input.trim();
  if (trimmed.startsWith('arn:')) {
    const m = BEDROCK_ARN.exec(trimmed);
    if (!m) return bad(`model ARN "${clip(trimmed)}" is not a Bedrock ARN (arn:aws:bedrock:REGION:[ACCOUNT]:TYPE/ID)`);
    const [, , region = '', account = '', type = '', id = ''] = m;
    if (region && !parseRegion(region).ok) return bad(`model ARN names region "${region}", which is not a region code`);
    if (type === 'foundation-model') {
      if (!MODEL_ID.test(id)) return bad(`model id "${clip(id)}" in the ARN is not a Bedrock model id`);
      return ok({ kind: 'foundation-model', input: trimmed, modelId: id, region: region || undefined });
    }
    if (type === 'inference-profile') {
      const geo = GEO_PREFIX.exec(id);
      if (!geo || !MODEL_ID.test(geo[2] ?? '')) {
        return bad(`inference profile id "${clip(id)}" in the ARN should look like us.anthropic.claude-...`);
      }
      return ok({
        kind: 'inference-profile',
        input: trimmed,
        profileId: id,
        modelId: geo[2] ?? '',
        geo: geo[1] ?? '',
        region: region || undefined,
        accountId: account || undefined,
      });
    }
    if (type === 'application-inference-profile') {
      if (!region || !account) return bad('an application inference profile ARN needs its region and account');
      if (!/^[a-z0-9]{1,64}$/.test(id)) return bad(`application inference profile id "${clip(id)}" is malformed`);
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
  const geo = GEO_PREFIX.exec(trimmed);
  if (geo && MODEL_ID.test(geo[2] ?? '')) {
    return ok({
      kind: 'inference-profile',
      input: trimmed,
      profileId: trimmed,
      modelId: geo[2] ?? '',
      geo: geo[1] ?? '',
    });
  }
  if (MODEL_ID.test(trimmed)) return ok({ kind: 'foundation-model', input: trimmed, modelId: trimmed });
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

const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(user|role)(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,128})$/;
const ROOT_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/;
const STS_ARN =
  /^arn:(aws[a-z-]*):sts::(\d{12}):(assumed-role|federated-user)\/([\w+=,.@-]{1,128})(?:\/([\w+=,.@-]{1,64}))?$/;

export function parsePrincipalArn(input: string): Parsed<PrincipalRef> {
  const trimmed = input.trim();
  let m = IAM_ARN.exec(trimmed);
  if (m) {
    const [, partition = 'aws', accountId = '', kind = 'user', path = '/', name = ''] = m;
    return ok({ kind: kind as 'user' | 'role', arn: trimmed, partition, accountId, name, path });
  }
  m = ROOT_ARN.exec(trimmed);
  if (m) return ok({ kind: 'root', arn: trimmed, partition: m[1] ?? 'aws', accountId: m[2] ?? '', name: 'root' });
  m = STS_ARN.exec(trimmed);
  if (m) {
    const [, partition = 'aws', accountId = '', kind = '', name = '', session] = m;
    if (kind === 'assumed-role') {
      if (!session) return bad('an assumed-role ARN ends with /ROLE-NAME/SESSION-NAME');
      return ok({ kind: 'assumed-role', arn: trimmed, partition, accountId, name, sessionName: session });
    }
    return ok({ kind: 'federated-user', arn: trimmed, partition, accountId, name });
  }
  if (/^arn:[^:]*:iam::\d{12}:group\//.test(trimmed)) {
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
// ARNs built by the tool

export function roleArn(partition: Partition | string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export function foundationModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

export function inferenceProfileArn(partition: string, region: string, accountId: string, profileId: string): string {
  return `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

/** Region and model id of a foundation-model ARN (as listed in an inference profile's `models`). */
export function parseFoundationModelArn(arn: string): { region: string; modelId: string } | undefined {
  const m = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*)::foundation-model\/(.+)$/.exec(arn);
  if (!m) return undefined;
  return { region: m[1] ?? '', modelId: m[2] ?? '' };
}

export { partitionOfRegion };

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
