/** Every Bedrock API key written in a text (env dumps, Authorization headers, code, config), each decoded. */
import { BEDROCK_API_KEY } from '../secrets.js';
import { decodeLongTermKey } from './long-term.js';
import { decodeShortTermKey } from './short-term.js';
import type { DecodedApiKey } from './types.js';

/** Pastes hold one or two keys; a flood of key-shaped strings must not cost more. */
const MAX_KEYS = 8;

export interface FoundApiKey {
  /** The key as written: a secret. Callers decode it and must never output it. */
  raw: string;
  decoded: DecodedApiKey;
}

export function findApiKeys(text: string): FoundApiKey[] {
  const found: FoundApiKey[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(BEDROCK_API_KEY)) {
    // A key never ends in '.' or half a %-escape (copied up to a sentence end).
    const raw = match[0].replace(/(?:\.+|%[0-9A-Fa-f]?)$/, '');
    if (seen.has(raw)) continue;
    seen.add(raw);
    found.push({ raw, decoded: raw.startsWith('ABSK') ? decodeLongTermKey(raw) : decodeShortTermKey(raw) });
    if (found.length >= MAX_KEYS) break;
  }
  return found;
}
