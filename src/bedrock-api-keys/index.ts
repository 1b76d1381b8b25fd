/**
 * Bedrock API keys read offline (pure: no AWS, no clock): which kind a key is and what it carries. decodeApiKey for
 * one key; findApiKeys for every key in a text.
 */
import { LONG_TERM_KEY_PREFIX, SHORT_TERM_KEY_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import type { ApiKeyTarget } from '../report.js';
import { findApiKeys } from './find.js';
import { decodeLongTermKey, LONG_TERM_KEY_PROBLEMS } from './long-term.js';
import { decodeShortTermKey, SHORT_TERM_KEY_PROBLEMS } from './short-term.js';
import type { ApiKeyType, DecodedApiKey } from './types.js';

export { type FoundApiKey, findApiKeys } from './find.js';
export { longTermKeyOfAlias } from './long-term.js';
export { type ShortTermKeyParts, shortTermKeyOf } from './short-term.js';
export type { ApiKeyFacts, ApiKeyType, DecodedApiKey, LongTermKeyFacts, ShortTermKeyFacts } from './types.js';

export function apiKeyTypeOf(value: string): ApiKeyType | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith(LONG_TERM_KEY_PREFIX)) return 'long_term';
  if (trimmed.startsWith(SHORT_TERM_KEY_PREFIX)) return 'short_term';
  return undefined;
}

/** Decodes one key (surrounding whitespace and quotes removed); undefined when it has neither prefix. */
export function decodeApiKey(value: string): DecodedApiKey | undefined {
  const trimmed = value.trim().replace(/^["']|["']$/g, '');
  const type = apiKeyTypeOf(trimmed);
  if (type === 'long_term') return decodeLongTermKey(trimmed);
  if (type === 'short_term') return decodeShortTermKey(trimmed);
  return undefined;
}

/**
 * What a diagnosis may know of a key (never the key): its decoded facts, or why it does not decode. Undefined when the
 * value is no Bedrock API key at all.
 */
export function apiKeyTarget(value: string): ApiKeyTarget | undefined {
  const decoded = decodeApiKey(value);
  if (!decoded) return undefined;
  return decoded.ok ? decoded.key : { type: decoded.type, undecodable: decoded.problem };
}

/**
 * The key a text is about, as a diagnosis may know it (never the key): the first that decodes, else the first found
 * (as triage reads its entities). Undefined when the text holds no Bedrock API key.
 */
export function firstApiKeyTarget(text: string): ApiKeyTarget | undefined {
  const keys = findApiKeys(text);
  const found = keys.find((k) => k.decoded.ok) ?? keys[0];
  if (!found) return undefined;
  const { decoded } = found;
  return decoded.ok ? decoded.key : { type: decoded.type, undecodable: decoded.problem };
}

const PROBLEMS: Record<ApiKeyType, ReadonlySet<string>> = {
  long_term: new Set(Object.values(LONG_TERM_KEY_PROBLEMS)),
  short_term: new Set(Object.values(SHORT_TERM_KEY_PROBLEMS)),
};

/** Whether `problem` is one the decoder of `type` reports (a button's copy of it is checked against this). */
export function isApiKeyProblem(type: ApiKeyType, problem: string): boolean {
  return PROBLEMS[type].has(problem);
}
