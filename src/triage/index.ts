/**
 * Triage: pasted error text -> ranked causes with fixes (DESIGN section 2). Pure: no I/O, no clock, no environment.
 *
 * Pipeline: bound the input (head + tail past 40,000 characters) -> normalize what chat clients and SDKs do to
 * text -> find and scrub secrets -> parse pasted tool output -> extract entities -> detect signals (message
 * families + context) -> score them with the evidence table and base rates -> explain each cause, choose the
 * client-side commands, state the findings -> make sure no secret from the input is in any output string.
 */
import { type FoundApiKey, findApiKeys } from '../bedrock-api-keys/index.js';
import type { Cause, Entities, Triage } from '../report.js';
import { analyzeSecrets, type SecretKinds, scrubSecrets } from '../secrets.js';
import { CAUSE_CATALOG, type CatalogContext } from './catalog.js';
import { extractEntities } from './entities.js';
import { FAMILY_BY_ID, type FamilyId } from './families/index.js';
import { buildFindings } from './findings.js';
import { boundInput, headAndTail, MAX_SECRET_SCAN_CHARS } from './limits.js';
import { flatViews, type NormalizedText, normalizePaste } from './normalize.js';
import { latestPasteTime } from './paste-time.js';
import type { ContextSignalId } from './rules.js';
import { type Ranking, rankCauses, type ScoredCause } from './score.js';
import { detectSignals, type SignalResult } from './signals/index.js';
import { isPresentValue, parseToolOutputs, type ToolOutputs } from './tool-output.js';

/** Families that recognise no AWS message: a bare status or "denied", an error of any kind, a non-auth error. */
const NOT_AN_AWS_MESSAGE: ReadonlySet<FamilyId> = new Set<FamilyId>([
  'generic_auth',
  'unrecognized_error',
  'not_auth_error',
]);

export { MAX_TRIAGE_CHARS } from './limits.js';

const MAX_COMMANDS = 8;
const MAX_WHY_REASONS = 3;

function mergeKinds(a: SecretKinds, b: SecretKinds): SecretKinds {
  return {
    secretAccessKey: a.secretAccessKey || b.secretAccessKey,
    sessionToken: a.sessionToken || b.sessionToken,
    slackToken: a.slackToken || b.slackToken,
    bedrockApiKey: a.bedrockApiKey || b.bedrockApiKey,
    namedSecret: a.namedSecret || b.namedSecret,
  };
}

function fillMissing(entities: Entities, from: Entities): void {
  const into = entities as Record<string, unknown>;
  for (const [kind, value] of Object.entries(from)) if (into[kind] === undefined) into[kind] = value;
}

/** The latest time the paste shows, the timestamps of removed log-line prefixes included. */
function pasteTimeOf(norm: NormalizedText): number | undefined {
  return latestPasteTime(norm.logStamps ? `${norm.text}\n${norm.logStamps}` : norm.text);
}

function capitalize(text: string): string {
  return text.length > 0 ? `${text[0]?.toUpperCase()}${text.slice(1)}` : text;
}

function explain(cause: ScoredCause, ranking: Ranking): string {
  // A message family's share is a reason however small it is (it is why the cause is listed at all).
  const reasons = cause.contributions
    .filter((c) => c.weight > 0 || c.signal.kind === 'family')
    .slice(0, MAX_WHY_REASONS)
    .map((c) => `${c.signal.evidence}: ${c.because}`);
  let why = reasons.map(capitalize).join('. ');
  if (!why.endsWith('.')) why += '.';
  const counter = cause.contributions.find((c) => c.weight < 0 && c.signal.kind !== 'family');
  if (counter) why += ` Against it: ${counter.signal.evidence} (${counter.because}).`;
  if (ranking.ambiguous && cause.contributions[0]?.signal.kind === 'family') {
    const others = ranking.causes.filter((c) => c.id !== cause.id).map((c) => c.id);
    if (others.length > 0) why += ` Nothing in the text separates it from ${others.slice(0, 3).join(', ')}.`;
  }
  return why;
}

function profileOf(tools: ToolOutputs, text: string): string | undefined {
  const listed = tools.configureList?.profile?.value;
  if (listed && isPresentValue(listed)) return listed;
  const envProfile = tools.credentials.vars.get('AWS_PROFILE');
  if (envProfile && isPresentValue(envProfile)) return envProfile;
  return /(?:--(?:aws-)?profile[ =]|AWS_PROFILE=|profile_name=["']?)([A-Za-z0-9_.@-]{1,64})/.exec(text)?.[1];
}

function catalogContext(
  entities: Entities,
  signals: SignalResult,
  facts: ReturnType<typeof extractEntities>,
  tools: ToolOutputs,
  text: string,
): CatalogContext {
  const contexts = new Set<ContextSignalId>();
  for (const s of signals.signals) if (s.kind === 'context') contexts.add(s.id);
  const deny = /explicit deny in an? ([a-z -]{3,40}?polic(?:y|ies)|permissions boundary)/i.exec(text)?.[1];
  const ctx: CatalogContext = {
    entities,
    principal: facts.principal,
    families: signals.families,
    contexts,
    token: signals.token,
    skew: signals.skew,
    profile: profileOf(tools, text),
    unknownRegion: facts.unknownRegions[0],
    senders: signals.senders,
  };
  if (deny) ctx.denyPolicy = deny;
  const resource = facts.arns.find((a) => a.service === 'bedrock' && /model|profile/.test(a.resourceType));
  if (resource) ctx.resourceArn = resource.raw;
  return ctx;
}

/** Entities read from the Bedrock API keys (the first that decodes; the type also from one that does not). */
function addApiKeyEntities(entities: Entities, keys: readonly FoundApiKey[]): void {
  const first = keys[0];
  if (!first) return;
  const decoded = keys.find((k) => k.decoded.ok)?.decoded;
  const key = decoded?.ok ? decoded.key : undefined;
  entities.apiKeyType = key?.type ?? (first.decoded.ok ? first.decoded.key.type : first.decoded.type);
  if (!key) return;
  if (key.type === 'long_term') {
    entities.apiKeyUser = key.userName;
    entities.apiKeyAccountId = key.accountId;
  } else {
    entities.apiKeyExpiresAt = key.expiresAt;
    entities.apiKeyRegion = key.region;
    if (key.accountId) entities.apiKeyAccountId = key.accountId;
  }
  // The key names its account; the text's own account (caller identity, ARNs) still comes first.
  if (!entities.accountId && entities.apiKeyAccountId) entities.accountId = entities.apiKeyAccountId;
}

function chooseCommands(ranking: Ranking, ctx: CatalogContext): string[] {
  const commands: string[] = [];
  for (const cause of ranking.causes) {
    for (const command of CAUSE_CATALOG[cause.id].commands(ctx)) {
      if (!commands.includes(command)) commands.push(command);
    }
  }
  // Then what the message families declare tells their causes apart (families/*.ts).
  for (const family of ctx.families) {
    for (const command of FAMILY_BY_ID[family].commands ?? []) {
      // "aws sts get-caller-identity --profile x" from a cause already covers the family's plain one.
      if (!commands.some((c) => c.startsWith(command))) commands.push(command);
    }
  }
  return commands.slice(0, MAX_COMMANDS);
}

/** Every string of the result with the input's secrets removed, whatever their shape in context. */
function withoutSecrets(result: Triage, secrets: readonly string[]): Triage {
  const clean = (text: string) => scrubSecrets(text, secrets);
  const entities: Entities = { ...result.entities };
  for (const [key, value] of Object.entries(entities)) {
    if (typeof value === 'string') (entities as Record<string, unknown>)[key] = clean(value);
  }
  return {
    ...result,
    entities,
    causes: result.causes.map((c) => ({ ...c, title: clean(c.title), why: clean(c.why), fix: c.fix.map(clean) })),
    commands: result.commands.map(clean),
    findings: result.findings.map(clean),
  };
}

/** The pipeline up to the signals: bounded, normalized, secrets found and scrubbed, tool output, entities. */
function read(text: string) {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const bounded = boundInput(input);
  const secretScope =
    input.length <= MAX_SECRET_SCAN_CHARS
      ? input
      : headAndTail(input, MAX_SECRET_SCAN_CHARS, MAX_SECRET_SCAN_CHARS / 2);
  const normalized = normalizePaste(bounded.text);
  // Normalizing only makes secrets easier to see (escapes undone, markup removed), so the text triage reads is
  // scanned; the raw input is scanned as well only when part of it was cut away.
  const inRead = analyzeSecrets(normalized.text);
  const inCut = bounded.truncated ? analyzeSecrets(secretScope) : undefined;
  const secrets = inCut ? mergeKinds(inRead.kinds, inCut.kinds) : inRead.kinds;
  const secretValues = [...new Set([...inRead.values, ...(inCut?.values ?? [])])];

  const scrubbed =
    inRead.values.length > 0 || inRead.kinds.namedSecret
      ? flatViews(scrubSecrets(normalized.text, secretValues), normalized.logStamps)
      : normalized;
  // API keys are read from the text before scrubbing (what they carry is not secret; the keys themselves are).
  const apiKeys = secrets.bedrockApiKey ? findApiKeys(normalized.text) : [];
  const tools = parseToolOutputs(scrubbed.text);
  const facts = extractEntities(scrubbed.text, tools);
  // A message word-wrapped by a narrow terminal or an e-mail splits formats that keep to one line ("when calling
  // the\nGetUser operation", "Status\nCode: 403"); what the lines miss is read from the flat text.
  fillMissing(facts.entities, extractEntities(scrubbed.flat, tools).entities);
  if (scrubbed.logStamps) {
    const seenAt = pasteTimeOf(scrubbed);
    if (seenAt !== undefined) facts.entities.errorTime = new Date(seenAt).toISOString();
  }
  addApiKeyEntities(facts.entities, apiKeys);
  const signals = detectSignals({ norm: scrubbed, unscrubbed: normalized.text, facts, tools, secrets });
  return { bounded, secrets, secretValues, scrubbed, apiKeys, tools, facts, signals };
}

/** What the signals of one read say: its message families and its context signals. */
export interface TextSignals {
  families: FamilyId[];
  contextSignals: ContextSignalId[];
}

/** Families and context signals from one read (bench/derive-base-rates.ts needs both for each corpus case). */
export function textSignals(text: string): TextSignals {
  const { signals } = read(text);
  return {
    families: [...signals.families],
    contextSignals: signals.signals.flatMap((s) => (s.kind === 'context' ? [s.id] : [])),
  };
}

/** The message families a text shows (what bench/derive-base-rates.ts counts the corpus by). */
export function messageFamilies(text: string): FamilyId[] {
  return textSignals(text).families;
}

/** The context signals a text shows (evidence that already explains a case). */
export function contextSignals(text: string): ContextSignalId[] {
  return textSignals(text).contextSignals;
}

export function triage(text: string): Triage {
  const { bounded, secrets, secretValues, scrubbed, apiKeys, tools, facts, signals } = read(text);
  const ranking = rankCauses(signals.signals);

  const ctx = catalogContext(facts.entities, signals, facts, tools, scrubbed.flat);
  const causes: Cause[] = ranking.causes.map((c) => ({
    id: c.id,
    confidence: c.confidence,
    title: CAUSE_CATALOG[c.id].title,
    why: explain(c, ranking),
    fix: CAUSE_CATALOG[c.id].fix(ctx),
  }));
  const findings = buildFindings({
    facts,
    tools,
    secrets,
    signals,
    ranking,
    truncated: bounded.truncated,
    originalLength: bounded.originalLength,
    apiKeys,
    pasteTime: apiKeys.length > 0 ? pasteTimeOf(scrubbed) : undefined,
  });
  const secretsFound = secrets.secretAccessKey || secrets.sessionToken || secrets.bedrockApiKey;
  const result: Triage = {
    entities: facts.entities,
    causes,
    secretsFound,
    commands: chooseCommands(ranking, ctx),
    findings,
    truncated: bounded.truncated,
  };
  if (ranking.ambiguous) result.ambiguous = true;
  if ([...signals.families].some((f) => !NOT_AN_AWS_MESSAGE.has(f))) result.awsMessage = true;
  return withoutSecrets(result, secretValues);
}
