/**
 * Parses the text of `/bedrock-403` (pure: no Slack, no AWS).
 *
 *   /bedrock-403 help
 *   /bedrock-403 autotriage on|off|status
 *   /bedrock-403 <account-id|alias> api-keys
 *   /bedrock-403 <account-id|alias> [key=AKIA...] [api-key=ABSK...|bedrock-api-key-...] [region=...] [model=...]
 *                [principal=arn:...] [pasted error text]
 *
 * Options may come before or after the account; the first word that is neither ends them and starts the free text,
 * which is triaged later (its entities fill the fields not given). A lone lower-case word, or one followed by an
 * option, is taken as an alias even when unknown, so a typo gets "unknown account" rather than a silent triage.
 */

import { isKeyIdShaped } from '../aws-facts/access-key-ids.js';
import { isAccountId } from '../aws-facts/account-ids.js';
import { apiKeyTarget } from '../bedrock-api-keys/index.js';
import type { ApiKeyTarget } from '../report.js';
import { ALIAS_SHAPE, fieldProblem, quoteValue, TARGET_FIELDS, type TargetField } from './target-fields.js';

export type AutoTriageSetting = 'on' | 'off' | 'status';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'autotriage'; setting: AutoTriageSetting }
  /** Every Bedrock API key of the account. */
  | { kind: 'api-keys'; accountRef: string }
  | {
      kind: 'diagnose';
      /** The account word as typed (12-digit id or alias); absent when the text must supply it. */
      accountRef?: string;
      options: Partial<Record<TargetField, string>>;
      /** `api-key=`, decoded on the spot: the key itself goes no further (and counts as leaked). */
      apiKey?: ApiKeyTarget;
      /** Everything after the options, as typed (newlines kept). */
      freeText: string;
    }
  | { kind: 'invalid'; problem: string };

export interface ParseContext {
  /** Whether a word is a known alias (or id) in the accounts directory. */
  isKnownAccount(ref: string): boolean;
}

const HELP_WORDS = new Set(['', 'help', '-h', '--help', '?', 'usage']);
const OPTION = /^([A-Za-z_][A-Za-z0-9_-]{0,30})=(.*)$/s;
const API_KEY_OPTIONS = new Set(['api-key', 'api_key', 'apikey', 'bearer', 'bearer-token', 'bearer_token']);
const API_KEYS_WORDS = new Set(['api-keys', 'api_keys', 'apikeys']);
const OPTION_ALIASES: Record<string, TargetField> = {
  key: 'key',
  access_key: 'key',
  'access-key': 'key',
  accesskeyid: 'key',
  region: 'region',
  model: 'model',
  model_id: 'model',
  principal: 'principal',
  arn: 'principal',
};

interface Token {
  text: string;
  start: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
}

export function parseCommand(rawText: string, ctx: ParseContext): ParsedCommand {
  const text = rawText.trim();
  if (HELP_WORDS.has(text.toLowerCase())) return { kind: 'help' };
  const tokens = tokenize(text);
  const first = tokens[0]?.text.toLowerCase() ?? '';
  if (first === 'autotriage' || first === 'auto-triage' || first === 'auto_triage') {
    const word = tokens[1]?.text.toLowerCase() ?? 'status';
    if (tokens.length > 2 || !['on', 'off', 'status'].includes(word)) {
      return { kind: 'invalid', problem: '`autotriage` takes one word: `on`, `off` or `status`.' };
    }
    return { kind: 'autotriage', setting: word as AutoTriageSetting };
  }

  if (tokens.some((t) => API_KEYS_WORDS.has(t.text.toLowerCase()))) return parseApiKeysCommand(tokens);

  const options: Partial<Record<TargetField, string>> = {};
  let apiKey: ApiKeyTarget | undefined;
  let accountRef: string | undefined;
  let freeStart = text.length;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const option = OPTION.exec(token.text);
    if (option) {
      const name = (option[1] ?? '').toLowerCase();
      const value = option[2] ?? '';
      if (name === 'account') {
        if (accountRef !== undefined) return { kind: 'invalid', problem: 'The account is given twice.' };
        if (value === '') return { kind: 'invalid', problem: '`account=` needs a 12-digit account id or an alias.' };
        accountRef = value;
        continue;
      }
      if (API_KEY_OPTIONS.has(name)) {
        if (apiKey !== undefined) return { kind: 'invalid', problem: '`api-key=` is given twice.' };
        const decoded = apiKeyTarget(value);
        if (!decoded) {
          return {
            kind: 'invalid',
            problem:
              '`api-key=` must be a Bedrock API key: `ABSK...` (long-term) or `bedrock-api-key-...` (short-term). ' +
              'If that value was a secret of another kind, treat it as leaked.',
          };
        }
        apiKey = decoded;
        continue;
      }
      const field = OPTION_ALIASES[name];
      if (field) {
        if (value === '') return { kind: 'invalid', problem: `\`${field}=\` needs a value.` };
        if (options[field] !== undefined) return { kind: 'invalid', problem: `\`${field}=\` is given twice.` };
        const problem = fieldProblem(field, value);
        if (problem) return { kind: 'invalid', problem };
        options[field] = value;
        continue;
      }
      // Before any free text, an unknown `word=value` is a typo of an option, not pasted error text.
      if (/^[a-z_-]{2,20}$/i.test(name) && i <= 5) {
        return {
          kind: 'invalid',
          problem: `Unknown option \`${name}=\`. Options are ${TARGET_FIELDS.map((f) => `\`${f}=\``).join(', ')}.`,
        };
      }
    } else if (accountRef === undefined && isAccountWord(token.text, tokens[i + 1], ctx)) {
      accountRef = token.text;
      continue;
    } else if (accountRef !== undefined && isAccountId(token.text)) {
      return {
        kind: 'invalid',
        problem: `The account is given twice (${quoteValue(accountRef)} and ${quoteValue(token.text)}).`,
      };
    }
    freeStart = token.start;
    break;
  }
  const freeText = text.slice(freeStart).trim();
  if (accountRef !== undefined && !isAccountId(accountRef) && !ALIAS_SHAPE.test(accountRef)) {
    return {
      kind: 'invalid',
      problem: `The account must be a 12-digit AWS account id or an alias, got ${quoteValue(accountRef)}.`,
    };
  }
  const parsed: Extract<ParsedCommand, { kind: 'diagnose' }> =
    accountRef === undefined
      ? { kind: 'diagnose', options, freeText }
      : { kind: 'diagnose', accountRef, options, freeText };
  if (apiKey) parsed.apiKey = apiKey;
  return parsed;
}

/** `<account> api-keys` (or `api-keys <account>`): nothing else may come with it. */
function parseApiKeysCommand(tokens: Token[]): ParsedCommand {
  const others = tokens.filter((t) => !API_KEYS_WORDS.has(t.text.toLowerCase()));
  const usage = '`api-keys` lists the Bedrock API keys of one account: `/bedrock-403 <account-id|alias> api-keys`.';
  if (others.length !== 1 || tokens.length !== 2) return { kind: 'invalid', problem: usage };
  const ref = (others[0] as Token).text;
  if (!isAccountId(ref) && !ALIAS_SHAPE.test(ref)) {
    return {
      kind: 'invalid',
      problem: `The account must be a 12-digit AWS account id or an alias, got ${quoteValue(ref)}.`,
    };
  }
  return { kind: 'api-keys', accountRef: ref };
}

/**
 * A word is the account when it is a 12-digit id or a known alias, or when it is alias-shaped and clearly stands
 * alone (last word, or followed by an option): then an unknown alias is reported rather than triaged as text.
 */
function isAccountWord(word: string, next: Token | undefined, ctx: ParseContext): boolean {
  if (isAccountId(word)) return true;
  if (!ALIAS_SHAPE.test(word) || isKeyIdShaped(word)) return false;
  if (ctx.isKnownAccount(word)) return true;
  // Aliases are written in lower case; CamelCase words are error codes (AccessDeniedException) to triage.
  if (word !== word.toLowerCase()) return false;
  return next === undefined || OPTION.test(next.text);
}
