/**
 * Turns what a person gave (a parsed command, a shortcut's message, a modal) into a diagnosis Target: explicit
 * fields win, triage entities of the pasted text fill the rest, and the accounts directory decides whether this
 * channel may diagnose that account.
 */
import type { AccountEntry, AccountsDirectory } from '../accounts.js';
import type { Entities, Target, Triage } from '../report.js';
import { containsAwsSecret } from '../secrets.js';
import type { ParsedCommand } from './command-parser.js';
import { ACCESS_KEY_ID, MODEL_ID, PRINCIPAL_ARN, REGION } from './target-fields.js';

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
  if (entities.accessKeyId && ACCESS_KEY_ID.test(entities.accessKeyId)) out.accessKeyId = entities.accessKeyId;
  if (entities.region && REGION.test(entities.region)) out.region = entities.region;
  if (entities.modelId && MODEL_ID.test(entities.modelId)) out.modelId = entities.modelId;
  if (entities.principalArn && PRINCIPAL_ARN.test(entities.principalArn)) out.principalArn = entities.principalArn;
  return out;
}

/** The account the text points at: an account id it names, else the owner decoded from its access key id. */
export function accountFromEntities(entities: Entities): string | undefined {
  const candidates = [entities.accountId, entities.keyAccountId];
  return candidates.find((c): c is string => typeof c === 'string' && /^\d{12}$/.test(c));
}

/** Removes undefined fields so a Target compares and serialises cleanly. */
export function compactTarget(target: Target): Target {
  const out: Target = { accountId: target.accountId };
  if (target.accessKeyId) out.accessKeyId = target.accessKeyId;
  if (target.region) out.region = target.region;
  if (target.modelId) out.modelId = target.modelId;
  if (target.principalArn) out.principalArn = target.principalArn;
  return out;
}

export interface ResolveDeps {
  triage: TriageFn;
  accounts: AccountsDirectory;
}

export function resolveCommandTarget(
  parsed: Extract<ParsedCommand, { kind: 'diagnose' }>,
  channelId: string,
  deps: ResolveDeps,
): ResolveResult {
  const triage = parsed.freeText ? deps.triage(parsed.freeText) : undefined;
  const fromText = triage ? fieldsFromEntities(triage.entities) : {};
  const keyId = parsed.options.key ?? fromText.accessKeyId;
  const keyAccount = keyId ? deps.triage(keyId).entities.keyAccountId : undefined;
  const accountRef =
    parsed.accountRef ?? (triage ? accountFromEntities(triage.entities) : undefined) ?? validAccount(keyAccount);
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
  const target = compactTarget({
    accountId: decision.accountId,
    accessKeyId: keyId,
    region: parsed.options.region ?? fromText.region,
    modelId: parsed.options.model ?? fromText.modelId,
    principalArn: parsed.options.principal ?? fromText.principalArn,
  });
  const secretsFound = Boolean(triage?.secretsFound) || (parsed.freeText !== '' && containsAwsSecret(parsed.freeText));
  const request: DiagnoseRequest = { target, secretsFound };
  if (decision.account) request.account = decision.account;
  if (triage) request.triage = triage;
  return { ok: true, request };
}

function validAccount(value: string | undefined): string | undefined {
  return value && /^\d{12}$/.test(value) ? value : undefined;
}
