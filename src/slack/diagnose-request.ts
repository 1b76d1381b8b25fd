/**
 * Turns what a person gave (a parsed command, a shortcut's message, a modal) into a diagnosis Target: explicit
 * fields win, triage entities of the pasted text fill the rest, and the accounts directory decides whether this
 * channel may diagnose that account.
 */
import type { AccountEntry, AccountsDirectory } from '../accounts.js';
import { decodeAccountFromKeyId } from '../aws-facts/access-key-ids.js';
import { isAccountId } from '../aws-facts/account-ids.js';
import { firstApiKeyTarget } from '../bedrock-api-keys/index.js';
import type { ApiKeyTarget, Entities, Target, Triage } from '../report.js';
import { containsAwsSecret } from '../secrets.js';
import { normalizePaste } from '../triage/normalize.js';
import type { SlackMessage } from './blocks/message.js';
import { buildTriageReply } from './blocks/triage-reply.js';
import type { ParsedCommand } from './command-parser.js';
import { isValidField } from './target-fields.js';

export type TriageFn = (text: string) => Triage;

export interface DiagnoseRequest {
  target: Target;
  account?: AccountEntry;
  /** Triage of the pasted text, when there was some. */
  triage?: Triage;
  /** The text held a secret access key, session token or Bedrock API key: warn, never repeat it. */
  secretsFound: boolean;
}

export type ResolveResult = { ok: true; request: DiagnoseRequest } | { ok: false; problem: string; usage: boolean };

/** Target fields found in triage entities, each validated (a doubtful value is left out, not guessed). */
export function fieldsFromEntities(entities: Entities): Omit<Target, 'accountId'> {
  const out: Omit<Target, 'accountId'> = {};
  if (entities.accessKeyId && isValidField('key', entities.accessKeyId)) out.accessKeyId = entities.accessKeyId;
  if (entities.region && isValidField('region', entities.region)) out.region = entities.region;
  if (entities.modelId && isValidField('model', entities.modelId)) out.modelId = entities.modelId;
  if (entities.principalArn && isValidField('principal', entities.principalArn)) {
    out.principalArn = entities.principalArn;
  }
  return out;
}

/** The account the text points at: an account id it names, else the owner decoded from its access key id. */
export function accountFromEntities(entities: Entities): string | undefined {
  const candidates = [entities.accountId, entities.keyAccountId];
  return candidates.find((c): c is string => typeof c === 'string' && isAccountId(c));
}

/** Removes undefined fields so a Target compares and serialises cleanly. */
export function compactTarget(target: Target): Target {
  const out: Target = { accountId: target.accountId };
  if (target.accessKeyId) out.accessKeyId = target.accessKeyId;
  if (target.region) out.region = target.region;
  if (target.modelId) out.modelId = target.modelId;
  if (target.principalArn) out.principalArn = target.principalArn;
  if (target.apiKey) out.apiKey = target.apiKey;
  return out;
}

export interface TriageReplyOptions {
  /** Automatic triage: the reply says so and how to turn it off. */
  automatic?: boolean;
  /** Why no live diagnosis is offered when the text names no account (the shortcut opened a form instead). */
  noAccountNote?: string;
  /** The Bedrock API key of the text (pastedApiKey): the offered diagnosis runs the api_key check on it. */
  apiKey?: ApiKeyTarget;
}

/**
 * The Bedrock API key a triaged text holds, as the diagnosis may know it (decoded, never the key): read from the
 * text as triage reads it (escapes and markup undone), only when triage saw one.
 */
export function pastedApiKey(triage: Triage, text: string): ApiKeyTarget | undefined {
  if (!triage.entities.apiKeyType) return undefined;
  return firstApiKeyTarget(normalizePaste(text).text);
}

/**
 * The threaded reply to a triaged text read in `channelId` (automatic triage, a mention, the shortcut): the live
 * diagnosis is offered when the text points at an account this channel may diagnose; otherwise the reply says why
 * not.
 */
export function triageReplyFor(
  triage: Triage,
  channelId: string,
  accounts: AccountsDirectory,
  options: TriageReplyOptions = {},
): SlackMessage {
  let runTarget: Target | undefined;
  let alias: string | undefined;
  let note: string | undefined;
  const accountId = accountFromEntities(triage.entities);
  if (accountId) {
    const allowed = accounts.canDiagnose(accountId, channelId);
    if (allowed.ok) {
      runTarget = compactTarget({
        ...fieldsFromEntities(triage.entities),
        accountId: allowed.accountId,
        apiKey: options.apiKey,
      });
      alias = allowed.account?.alias;
    } else {
      note = allowed.reason;
    }
  } else {
    note = options.noAccountNote;
  }
  return buildTriageReply({
    triage,
    ...(options.automatic ? { automatic: true } : {}),
    ...(runTarget ? { runTarget } : {}),
    ...(alias ? { accountAlias: alias } : {}),
    ...(note ? { diagnosisNote: note } : {}),
  });
}

/** The Bedrock API key of a command: `api-key=`, else the one of the pasted text (decoded; never the key). */
export function commandApiKey(parsed: Extract<ParsedCommand, { kind: 'diagnose' }>): ApiKeyTarget | undefined {
  if (parsed.apiKey) return parsed.apiKey;
  return parsed.freeText ? firstApiKeyTarget(parsed.freeText) : undefined;
}

export interface ResolveDeps {
  triage: TriageFn;
  accounts: AccountsDirectory;
}

/** Who to diagnose, decided before ack(): the account and whether this channel may diagnose it. */
export type AccountDecision =
  | {
      ok: true;
      accountId: string;
      account?: AccountEntry /** Set when the text had to be triaged to find it. */;
      triage?: Triage;
    }
  | { ok: false; problem: string; usage: boolean };

/**
 * Decides the account (cheap when the command names it; otherwise the pasted text is triaged to find it, and that
 * triage is handed on so it runs once).
 */
export function decideCommandAccount(
  parsed: Extract<ParsedCommand, { kind: 'diagnose' }>,
  channelId: string,
  deps: ResolveDeps,
): AccountDecision {
  let triage: Triage | undefined;
  let accountRef = parsed.accountRef;
  if (accountRef === undefined) {
    triage = parsed.freeText ? deps.triage(parsed.freeText) : undefined;
    const keyId = parsed.options.key ?? (triage ? fieldsFromEntities(triage.entities).accessKeyId : undefined);
    const keyAccount = keyId ? decodeAccountFromKeyId(keyId) : undefined;
    accountRef = (triage ? accountFromEntities(triage.entities) : undefined) ?? validAccount(keyAccount);
  }
  if (accountRef === undefined) {
    return {
      ok: false,
      usage: true,
      problem: parsed.freeText
        ? 'I could not tell which AWS account to check: the text names none. Start with its 12-digit id or alias.'
        : 'Tell me which AWS account to check: start with its 12-digit id or alias.',
    };
  }
  const decision = deps.accounts.canDiagnose(accountRef, channelId);
  if (!decision.ok) return { ok: false, usage: false, problem: decision.reason };
  return {
    ok: true,
    accountId: decision.accountId,
    ...(decision.account ? { account: decision.account } : {}),
    ...(triage ? { triage } : {}),
  };
}

/** Completes the request after ack(): triage of the pasted text fills the fields the options left out. */
export function completeCommandRequest(
  parsed: Extract<ParsedCommand, { kind: 'diagnose' }>,
  decision: Extract<AccountDecision, { ok: true }>,
  deps: Pick<ResolveDeps, 'triage'>,
): DiagnoseRequest {
  const triage = decision.triage ?? (parsed.freeText ? deps.triage(parsed.freeText) : undefined);
  const fromText = triage ? fieldsFromEntities(triage.entities) : {};
  const target = compactTarget({
    accountId: decision.accountId,
    accessKeyId: parsed.options.key ?? fromText.accessKeyId,
    region: parsed.options.region ?? fromText.region,
    modelId: parsed.options.model ?? fromText.modelId,
    principalArn: parsed.options.principal ?? fromText.principalArn,
    apiKey: commandApiKey(parsed),
  });
  const request: DiagnoseRequest = { target, secretsFound: Boolean(triage?.secretsFound) || pastedSecret(parsed) };
  if (decision.account) request.account = decision.account;
  if (triage) request.triage = triage;
  return request;
}

/** A secret in the pasted text (cheap: no triage), for the warning in the ack. */
export function pastedSecret(parsed: Extract<ParsedCommand, { kind: 'diagnose' }>): boolean {
  return parsed.apiKey !== undefined || (parsed.freeText !== '' && containsAwsSecret(parsed.freeText));
}

/** Both steps at once (tests, and callers with no ack to hurry). */
export function resolveCommandTarget(
  parsed: Extract<ParsedCommand, { kind: 'diagnose' }>,
  channelId: string,
  deps: ResolveDeps,
): ResolveResult {
  const decision = decideCommandAccount(parsed, channelId, deps);
  if (!decision.ok) return decision;
  return { ok: true, request: completeCommandRequest(parsed, decision, deps) };
}

function validAccount(value: string | undefined): string | undefined {
  return value && isAccountId(value) ? value : undefined;
}
