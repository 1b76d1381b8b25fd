/**
 * Bedrock API keys read offline (pure: no AWS, no clock): which kind a key is and what it carries. decodeApiKey for
 * one key; findApiKeys for every key in a text.
 */
import { LONG_TERM_KEY_PREFIX, SHORT_TERM_KEY_PREFIX } from '../aws-facts/bedrock-api-keys.js';
import type { ApiKeyTarget } from '../report.js';
import { decodeLongTermKey } from './long-term.js';
import { decodeShortTermKey } from './short-term.js';
import type { ApiKeyType, DecodedApiKey } from './types.js';

export { type FoundApiKey, findApiKeys } from './find.js';
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
