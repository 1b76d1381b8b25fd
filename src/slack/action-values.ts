/**
 * What buttons and modals carry between a message and the click that comes back (button `value` <= 2000
 * characters, modal `private_metadata` <= 3000). Everything decoded is validated again: a click is untrusted input.
 */

import { isAccountId } from '../aws-facts/account-ids.js';
import { IAM_USER_NAME } from '../aws-facts/arns.js';
import { isApiKeyProblem, longTermKeyOfAlias, shortTermKeyOf } from '../bedrock-api-keys/index.js';
import type { ApiKeyTarget, Target } from '../report.js';
import { LIMITS } from './blocks/limits.js';
import { isValidField, type TargetField } from './target-fields.js';

interface WireTarget {
  a: string;
  k?: string;
  r?: string;
  m?: string;
  p?: string;
  /** The Bedrock API key of the target: what identifies it, never the key (WireApiKey). */
  b?: WireApiKey;
}

/**
 * A Bedrock API key as a button carries it: only its public parts, from which the decoder's facts are rebuilt.
 * Long-term: the ServiceCredentialAlias (`<user>-at-<account>`, which ListServiceSpecificCredentials shows).
 * Short-term: the presigning access key id, region, signing time (ms), lifetime (s) and whether a session token was
 * in it (never the signature or the token). Undecodable: its type and the decoder's problem, one of a fixed set.
 */
type WireApiKey =
  | { t: 'l'; al: string }
  | { t: 's'; k: string; r: string; d: number; e: number; st?: 1 }
  | { t: 'l' | 's'; x: string };

function apiKeyToWire(key: ApiKeyTarget): WireApiKey {
  const t = key.type === 'long_term' ? 'l' : 's';
  if ('undecodable' in key) return { t, x: key.undecodable };
  if (key.type === 'long_term') return { t: 'l', al: key.alias };
  return {
    t: 's',
    k: key.accessKeyId,
    r: key.region,
    d: Date.parse(key.signedAt),
    e: key.expiresInSeconds,
    ...(key.sessionBased ? { st: 1 as const } : {}),
  };
}

/** The key a button names, rebuilt and validated as the decoder would read it; undefined when it is not one. */
function apiKeyFromWire(raw: unknown): ApiKeyTarget | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const w = raw as Record<string, unknown>;
  const type = w.t === 'l' ? 'long_term' : w.t === 's' ? 'short_term' : undefined;
  if (!type) return undefined;
  if ('x' in w) return typeof w.x === 'string' && isApiKeyProblem(type, w.x) ? { type, undecodable: w.x } : undefined;
  if (type === 'long_term') return typeof w.al === 'string' ? longTermKeyOfAlias(w.al) : undefined;
  if (typeof w.k !== 'string' || typeof w.r !== 'string' || typeof w.d !== 'number' || typeof w.e !== 'number') {
    return undefined;
  }
  if (w.st !== undefined && w.st !== 1) return undefined;
  return shortTermKeyOf({
    accessKeyId: w.k,
    region: w.r,
    signedAtMs: w.d,
    expiresInSeconds: w.e,
    sessionBased: w.st === 1,
  });
}

function toWire(target: Target): WireTarget {
  const wire: WireTarget = { a: target.accountId };
  if (target.accessKeyId) wire.k = target.accessKeyId;
  if (target.region) wire.r = target.region;
  if (target.modelId) wire.m = target.modelId;
  if (target.principalArn) wire.p = target.principalArn;
  if (target.apiKey) wire.b = apiKeyToWire(target.apiKey);
  return wire;
}

function fromWire(raw: unknown): Target | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const w = raw as Record<string, unknown>;
  if (typeof w.a !== 'string' || !isAccountId(w.a)) return undefined;
  const target: Target = { accountId: w.a };
  const take = (key: string, field: TargetField): string | undefined | null => {
    const value = w[key];
    if (value === undefined) return undefined;
    return typeof value === 'string' && isValidField(field, value) ? value : null;
  };
  const k = take('k', 'key');
  const r = take('r', 'region');
  const m = take('m', 'model');
  const p = take('p', 'principal');
  if (k === null || r === null || m === null || p === null) return undefined;
  let apiKey: ApiKeyTarget | undefined;
  if (w.b !== undefined) {
    apiKey = apiKeyFromWire(w.b);
    if (!apiKey) return undefined;
  }
  if (k) target.accessKeyId = k;
  if (r) target.region = r;
  if (m) target.modelId = m;
  if (p) target.principalArn = p;
  if (apiKey) target.apiKey = apiKey;
  return target;
}

/** A button value naming the target; drops the principal, then the model, if the value would be too long. */
export function encodeTargetValue(target: Target, max: number = LIMITS.buttonValue): string {
  const wire = toWire(target);
  let value = JSON.stringify(wire);
  if (value.length > max) delete wire.p;
  value = JSON.stringify(wire);
  if (value.length > max) delete wire.m;
  return JSON.stringify(wire);
}

export function decodeTargetValue(value: string | undefined): Target | undefined {
  if (!value || value.length > LIMITS.buttonValue) return undefined;
  try {
    return fromWire(JSON.parse(value));
  } catch {
    return undefined;
  }
}

/** What request_rotate_key / request_deactivate_key buttons carry for the remediation listeners. */
export interface KeyActionValue {
  accountId: string;
  userName: string;
  accessKeyId: string;
  region?: string;
}

export function encodeKeyActionValue(value: KeyActionValue): string {
  const wire: Record<string, string> = { a: value.accountId, u: value.userName, k: value.accessKeyId };
  if (value.region) wire.r = value.region;
  return JSON.stringify(wire);
}

export function decodeKeyActionValue(value: string | undefined): KeyActionValue | undefined {
  if (!value || value.length > LIMITS.buttonValue) return undefined;
  try {
    const w = JSON.parse(value) as Record<string, unknown>;
    if (typeof w.a !== 'string' || !isAccountId(w.a)) return undefined;
    if (typeof w.u !== 'string' || !IAM_USER_NAME.test(w.u)) return undefined;
    if (typeof w.k !== 'string' || !isValidField('key', w.k)) return undefined;
    if (w.r !== undefined && (typeof w.r !== 'string' || !isValidField('region', w.r))) return undefined;
    const out: KeyActionValue = { accountId: w.a, userName: w.u, accessKeyId: w.k };
    if (typeof w.r === 'string') out.region = w.r;
    return out;
  } catch {
    return undefined;
  }
}

/** What request_deactivate_api_key / request_delete_api_key buttons carry: the API key's user and credential id. */
export interface ApiKeyActionValue {
  accountId: string;
  userName: string;
  /** ServiceSpecificCredentialId. */
  credentialId: string;
  region?: string;
}

const CREDENTIAL_ID = /^\w{20,128}$/;

export function encodeApiKeyActionValue(value: ApiKeyActionValue): string {
  const wire: Record<string, string> = { a: value.accountId, u: value.userName, c: value.credentialId };
  if (value.region) wire.r = value.region;
  return JSON.stringify(wire);
}

export function decodeApiKeyActionValue(value: string | undefined): ApiKeyActionValue | undefined {
  if (!value || value.length > LIMITS.buttonValue) return undefined;
  try {
    const w = JSON.parse(value) as Record<string, unknown>;
    if (typeof w.a !== 'string' || !isAccountId(w.a)) return undefined;
    if (typeof w.u !== 'string' || !IAM_USER_NAME.test(w.u)) return undefined;
    if (typeof w.c !== 'string' || !CREDENTIAL_ID.test(w.c)) return undefined;
    if (w.r !== undefined && (typeof w.r !== 'string' || !isValidField('region', w.r))) return undefined;
    const out: ApiKeyActionValue = { accountId: w.a, userName: w.u, credentialId: w.c };
    if (typeof w.r === 'string') out.region = w.r;
    return out;
  } catch {
    return undefined;
  }
}

/** The modal's private_metadata: where to answer, and the fields already known from the message. */
export interface ModalContext {
  channelId: string;
  threadTs: string;
  /** Fields found in the message, prefilled in the modal. */
  known: Omit<Target, 'accountId'>;
}

export function encodeModalContext(ctx: ModalContext): string {
  const wire: Record<string, unknown> = {
    c: ctx.channelId,
    t: ctx.threadTs,
    ...toWire({ accountId: '', ...ctx.known }),
  };
  delete wire.a;
  let value = JSON.stringify(wire);
  if (value.length > LIMITS.privateMetadata) {
    delete wire.p;
    delete wire.m;
    value = JSON.stringify(wire);
  }
  return value;
}

export function decodeModalContext(value: string | undefined): ModalContext | undefined {
  if (!value || value.length > LIMITS.privateMetadata) return undefined;
  try {
    const w = JSON.parse(value) as Record<string, unknown>;
    if (typeof w.c !== 'string' || !/^[CGD][A-Z0-9]{2,}$/.test(w.c)) return undefined;
    if (typeof w.t !== 'string' || !/^\d{1,12}\.\d{1,8}$/.test(w.t)) return undefined;
    const target = fromWire({ ...w, a: '000000000000' });
    if (!target) return undefined;
    const { accountId: _ignored, ...known } = target;
    return { channelId: w.c, threadTs: w.t, known };
  } catch {
    return undefined;
  }
}
