/**
 * Findings: facts read from the text (not hypotheses), most urgent first: a leaked secret, truncated input, what
 * the key id says (type, owning account, another account than the text's), look-alikes, where credentials come
 * from, regions, clock skew, and, when the text cannot separate the leading causes, what would.
 */
import { uniqueIdKind } from '../aws-facts/access-key-ids.js';
import { bedrockOffered, isKnownRegion, isOptInRegion } from '../aws-facts/regions.js';
import type { FoundApiKey } from '../bedrock-api-keys/index.js';
import type { CauseId } from '../report.js';
import type { SecretKinds } from '../secrets.js';
import { apiKeyFindings } from './api-key-findings.js';
import { CAUSE_CATALOG, describeSkew } from './catalog.js';
import { type EntityFacts, otherCallerAccounts } from './entities.js';
import { MAX_TRIAGE_CHARS, TRUNCATION } from './limits.js';
import type { Ranking } from './score.js';
import type { SignalResult } from './signals/index.js';
import type { ToolOutputs } from './tool-output.js';

export interface FindingInput {
  facts: EntityFacts;
  tools: ToolOutputs;
  secrets: SecretKinds;
  signals: SignalResult;
  ranking: Ranking;
  truncated: boolean;
  originalLength: number;
  /** Bedrock API keys found in the text, decoded (the raw keys are secrets: never output). */
  apiKeys: readonly FoundApiKey[];
  /** The latest time the text shows (ms since the epoch), when it shows one. */
  pasteTime?: number;
}

function secretFinding(input: FindingInput): string | undefined {
  const { secrets, facts } = input;
  const kinds: string[] = [];
  if (secrets.secretAccessKey) kinds.push('an AWS secret access key');
  if (secrets.sessionToken) kinds.push('an AWS session token');
  if (secrets.bedrockApiKey) kinds.push('a Bedrock API key');
  if (kinds.length === 0) return undefined;
  const key = facts.entities.accessKeyId;
  const steps: string[] = [];
  if (secrets.secretAccessKey) {
    steps.push(
      key
        ? `deactivate access key ${key} now (aws iam update-access-key --access-key-id ${key} --status Inactive), create a new one and update every place that uses it`
        : 'deactivate the access key this secret belongs to now (aws iam update-access-key --status Inactive), create a new one and update every place that uses it',
    );
  }
  if (secrets.sessionToken) {
    steps.push(
      'revoke the role session (IAM console > Roles > Revoke active sessions); the token is valid until it expires',
    );
  }
  if (secrets.bedrockApiKey) steps.push(...apiKeySteps(input.apiKeys));
  return `LEAKED SECRET: this text contains ${kinds.join(' and ')}. A secret pasted into chat or a ticket is leaked: ${steps.join('; ')}; then delete the message. The secret is not repeated in this reply.`;
}

/** What to do about each leaked Bedrock API key: long-term keys can be switched off, short-term ones cannot. */
function apiKeySteps(keys: readonly FoundApiKey[]): string[] {
  const steps: string[] = [];
  for (const found of keys.slice(0, 2)) {
    if (!found.decoded.ok) continue;
    const key = found.decoded.key;
    if (key.type === 'long_term') {
      steps.push(
        `deactivate the long-term Bedrock API key of IAM user ${key.userName} (account ${key.accountId}) now: ` +
          `aws iam list-service-specific-credentials --user-name ${key.userName} --service-name bedrock.amazonaws.com ` +
          `gives its id, aws iam update-service-specific-credential --user-name ${key.userName} ` +
          '--service-specific-credential-id <id> --status Inactive switches it off; then delete it and issue a new one',
      );
    } else {
      steps.push(
        `a short-term Bedrock API key cannot be revoked by itself and works until ${key.expiresAt}: to stop it ` +
          `sooner, deny bedrock:CallWithBearerToken to the principal behind access key ${key.accessKeyId}` +
          `${key.accessKeyType === 'temporary' ? " (or revoke that role's active sessions)" : ''} until then`,
      );
    }
  }
  if (steps.length === 0) steps.push('deactivate or delete the Bedrock API key and issue a new one');
  return steps;
}

function keyFindings(input: FindingInput): string[] {
  const { facts } = input;
  const out: string[] = [];
  const { accessKeyId, accessKeyType, keyAccountId } = facts.entities;
  if (accessKeyId) {
    const type =
      accessKeyType === 'long_term'
        ? 'a long-term IAM user key (AKIA): it never expires and must be sent without a session token'
        : accessKeyType === 'temporary'
          ? 'a temporary STS key (ASIA): it expires and only works together with its session token'
          : 'not a user or STS access key';
    out.push(
      keyAccountId
        ? `Access key ${accessKeyId} is ${type}; its id decodes offline to account ${keyAccountId}.`
        : `Access key ${accessKeyId} is ${type}; its id is of the older format, so the owning account cannot be decoded offline (aws sts get-access-key-info --access-key-id ${accessKeyId} tells).`,
    );
  }
  const other = keyAccountId ? otherCallerAccounts(facts, keyAccountId)[0] : undefined;
  if (keyAccountId && other) {
    out.push(
      `Key from another account: ${accessKeyId} belongs to account ${keyAccountId}, but the text names account ${other.account} (${other.source.slice(0, 80)}). Either the wrong key is configured or the key id is mistyped.`,
    );
  }
  if (facts.accessKeyIds.length > 1) {
    out.push(
      `The text shows ${facts.accessKeyIds.length} different access keys (${facts.accessKeyIds.slice(0, 4).join(', ')}): make sure the failing process uses the one you expect.`,
    );
  }
  for (const id of facts.uniqueIds.slice(0, 3)) {
    out.push(
      `${id} is an ${uniqueIdKind(id)} unique id, not an access key: it cannot sign requests and cannot be rotated.`,
    );
  }
  return out;
}

function credentialSourceFindings(input: FindingInput): string[] {
  const { tools, signals } = input;
  const out: string[] = [];
  const vars = tools.credentials.vars;
  const present = (name: string) => (vars.get(name) ?? '').trim().length > 0;
  if (present('AWS_ACCESS_KEY_ID') && present('AWS_SESSION_TOKEN') && present('AWS_PROFILE')) {
    out.push(
      `AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN and AWS_PROFILE=${vars.get('AWS_PROFILE')} are all set: the SDKs use the environment keys with that token and ignore the profile.`,
    );
  } else if (signals.signals.some((s) => s.id === 'env_keys_over_profile')) {
    out.push(
      'Access keys come from environment variables while a profile is set: the environment wins, the profile is ignored.',
    );
  }
  const list = tools.configureList;
  if (list?.accessKey) {
    out.push(
      `aws configure list: access_key ${list.accessKey.value} from ${list.accessKey.type}${list.profile ? `, profile ${list.profile.value}` : ''}${list.region ? `, region ${list.region.value}` : ''}.`,
    );
  }
  if (signals.signals.some((s) => s.id === 'long_term_key_with_token')) {
    out.push(
      `A long-term AKIA key is used together with a session token (${signals.token.where}): AWS rejects that pair.`,
    );
  }
  if (signals.signals.some((s) => s.id === 'temp_key_without_token')) {
    out.push(`A temporary ASIA key is used without its session token (${signals.token.absentWhere}).`);
  }
  const identity = tools.callerIdentity;
  if (identity?.arn) {
    out.push(`aws sts get-caller-identity: ${identity.arn} in account ${identity.account}.`);
  }
  const mismatch = signals.signals.find((s) => s.id === 'identity_account_mismatch');
  if (mismatch) out.push(`Identity in another account than expected: ${mismatch.evidence}.`);
  const masked = signals.signals.find((s) => s.id === 'masked_key_mismatch');
  if (masked) out.push(`${masked.evidence[0]?.toUpperCase()}${masked.evidence.slice(1)}.`);
  return out;
}

function regionFindings(input: FindingInput): string[] {
  const { facts, signals } = input;
  const out: string[] = [];
  for (const region of facts.unknownRegions.slice(0, 2)) out.push(`"${region}" is not an AWS region name.`);
  const region = facts.entities.region;
  if (region && isKnownRegion(region) && !bedrockOffered(region)) {
    out.push(`${region} is a region where Amazon Bedrock is not offered.`);
  }
  const optIn = facts.regions.find(isOptInRegion);
  if (optIn) {
    out.push(
      `${optIn} is an opt-in region: it must be enabled for the account, and session tokens from the global STS endpoint (v1) are invalid there.`,
    );
  }
  if (signals.skew) out.push(`Clock skew: ${describeSkew(signals.skew)}.`);
  const profileDeny = signals.signals.find((s) => s.id === 'cross_region_profile_denied');
  if (profileDeny) {
    out.push(
      `${profileDeny.evidence[0]?.toUpperCase()}${profileDeny.evidence.slice(1)}: the request was routed across regions, where a region-restricting deny applies.`,
    );
  }
  return out;
}

function ambiguityFinding(ranking: Ranking): string | undefined {
  if (!ranking.ambiguous) return undefined;
  const leading = ranking.causes.slice(0, 4).map((c) => c.id);
  const list = leading.map((id: CauseId) => `${id}: ${CAUSE_CATALOG[id].tellsApart}`).join('; ');
  return `The text alone cannot tell ${leading.join(', ')} apart, so they are ranked by how often each causes this error in public reports and no confidence exceeds 50%. What tells them apart: ${list}. Run the commands below on the machine that fails, or the live diagnosis (bedrock-403 diagnose --account <account-id>).`;
}

/** An error another sender produced (no AWS message in the text), or an error no family knows: say so. */
function originFindings(input: FindingInput): string[] {
  const { signals } = input;
  const out: string[] = [];
  if (signals.senders.length > 0) {
    out.push(
      `Not an AWS error: this is ${signals.senders.join(' and ')} refusing the request itself, so AWS never saw it and no AWS credential, policy or region is at fault. Fix what that service checks (its own key, login or setting), or, if the call was meant for Bedrock, make the client use Bedrock (provider setting, base URL, the environment the process really gets).`,
    );
  }
  if (signals.families.has('unrecognized_error')) {
    out.push(
      'No known AWS error message is in this text, so no cause can be named from it. What tells the causes apart: the AWS error code and message (x-amzn-ErrorType, "An error occurred (Code)"), the HTTP status, and which credentials the process really uses; the commands below show them.',
    );
  }
  return out;
}

export function buildFindings(input: FindingInput): string[] {
  const findings: string[] = [];
  const secret = secretFinding(input);
  if (secret) findings.push(secret);
  if (input.truncated) {
    findings.push(
      `The input was ${input.originalLength} characters; only the first ${TRUNCATION.head} and the last ${TRUNCATION.tail} (${MAX_TRIAGE_CHARS} in all) were read.`,
    );
  }
  findings.push(
    ...apiKeyFindings({
      keys: input.apiKeys,
      entities: input.facts.entities,
      pasteTime: input.pasteTime,
      bothConfigured: input.signals.signals.some((s) => s.id === 'bearer_and_sigv4'),
    }),
  );
  findings.push(...originFindings(input));
  findings.push(...keyFindings(input), ...credentialSourceFindings(input), ...regionFindings(input));
  const ambiguity = ambiguityFinding(input.ranking);
  if (ambiguity) findings.push(ambiguity);
  return [...new Set(findings)];
}
