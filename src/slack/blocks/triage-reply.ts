/**
 * The threaded triage reply (message shortcut and automatic triage): what the error is, the ranked causes with
 * their fixes, facts, commands to run locally, and a button to run the live diagnosis when an account is known.
 */

import type { types } from '@slack/bolt';
import { DENYING_POLICY_TYPE_NAMES } from '../../aws-facts/policy-arns.js';
import type { ApiKeyTarget, Entities, Target, Triage } from '../../report.js';
import { scrubSecrets } from '../../secrets.js';
import { encodeTargetValue } from '../action-values.js';
import { ACTION, SLASH_COMMAND } from '../ids.js';
import {
  context,
  fallbackText,
  fitBlocks,
  joinWithin,
  LIMITS,
  plainText,
  safe,
  safeCode,
  section,
  truncate,
} from './limits.js';
import type { SlackMessage } from './message.js';
import { localCommandsBlock, secretWarningBlock } from './notices.js';
import { accountLabel, confidenceWord, targetFacts } from './status.js';

export interface TriageReplyInput {
  triage: Triage;
  /** The account a live diagnosis would check, when known and allowed from this channel. */
  runTarget?: Target;
  accountAlias?: string;
  /** Why the live diagnosis is not offered (our own mrkdwn, e.g. the accounts directory's reason with <#C…> links). */
  diagnosisNote?: string;
  /** Automatic replies say so and how to turn them off. */
  automatic?: boolean;
}

const MAX_CAUSES = 3;
const MAX_FIX = 4;
const MAX_FINDINGS = 6;

export function buildTriageReply(input: TriageReplyInput): SlackMessage {
  const { triage } = input;
  const blocks: types.KnownBlock[] = [];
  const top = triage.causes.find((c) => c.id !== 'unknown');
  const what = describeError(triage.entities);

  if (input.automatic && triage.secretsFound && !top) {
    blocks.push(secretWarningBlock());
  } else {
    const lead = top
      ? `:mag: *${what}* — most likely: *${truncate(safe(top.title), 200)}* (${confidenceWord(top.confidence)})`
      : `:mag: *${what}* — I could not match this to a known Bedrock or AWS credential error.`;
    blocks.push(section(lead));
    if (triage.secretsFound) blocks.push(secretWarningBlock());
  }

  const shown = triage.causes.filter((c) => c.id !== 'unknown').slice(0, MAX_CAUSES);
  shown.forEach((cause, i) => {
    const parts = [`*${i + 1}. ${truncate(safe(cause.title), 200)}* (${confidenceWord(cause.confidence)})`];
    if (cause.why) parts.push(truncate(safe(cause.why), 800));
    cause.fix.slice(0, MAX_FIX).forEach((step, n) => {
      parts.push(`    ${n + 1}. ${truncate(safe(step), 400)}`);
    });
    blocks.push(section(joinWithin(parts, LIMITS.sectionText)));
  });

  if (triage.findings.length > 0) {
    const lines = triage.findings.slice(0, MAX_FINDINGS).map((f) => `• ${truncate(safe(f), 400)}`);
    blocks.push(section(joinWithin(['*What the text shows*', ...lines], LIMITS.sectionText)));
  }
  const commands = localCommandsBlock(triage.commands);
  if (commands) blocks.push(commands);

  const facts = factsOf(triage.entities);
  if (triage.truncated) facts.push('_the text was long: only its start and end were read_');
  if (facts.length > 0) blocks.push(context(joinWithin(facts, LIMITS.contextText, ' · ')));

  if (input.runTarget) {
    const label = accountLabel(input.runTarget.accountId, input.accountAlias);
    const withKey = apiKeyPhrase(input.runTarget.apiKey);
    blocks.push(section(`A live check of account ${label}${withKey} can confirm which of these it is.`), {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION.runDiagnosis,
          style: 'primary',
          text: plainText(`Run live diagnosis on ${input.runTarget.accountId}`, LIMITS.buttonText),
          value: encodeTargetValue(input.runTarget),
        },
      ],
    });
  } else if (input.diagnosisNote) {
    blocks.push(context(scrubSecrets(input.diagnosisNote)));
  } else {
    blocks.push(
      context(`For a live check of the account: \`${SLASH_COMMAND} &lt;account-id|alias&gt; key=AKIA… region=…\``),
    );
  }
  if (input.automatic) {
    blocks.push(context(`_Automatic triage. \`${SLASH_COMMAND} autotriage off\` turns it off in this channel._`));
  }

  const fallback = top ? `${what}: most likely ${safe(top.title)}` : `${what}: no known cause matched`;
  return {
    text: fallbackText(triage.secretsFound ? `Leaked secret warning. ${fallback}` : fallback),
    blocks: fitBlocks(blocks),
  };
}

function describeError(entities: Entities): string {
  const parts: string[] = [];
  if (entities.errorCode) parts.push(`\`${truncate(safeCode(entities.errorCode), 100)}\``);
  else parts.push('AWS error');
  if (entities.operation) parts.push(`on ${truncate(safeCode(entities.operation), 100)}`);
  if (entities.httpStatus) parts.push(`(HTTP ${entities.httpStatus})`);
  return parts.join(' ');
}

function factsOf(entities: Entities): string[] {
  const facts = targetFacts({
    accessKeyId: entities.accessKeyId,
    region: entities.region,
    modelId: entities.modelId,
    principalArn: entities.principalArn,
  });
  if (entities.apiKeyType) facts.push(apiKeyFact(entities));
  if (entities.keyAccountId) facts.push(`Key belongs to account \`${safeCode(entities.keyAccountId)}\``);
  if (entities.accountId && entities.accountId !== entities.keyAccountId) {
    facts.push(`Account \`${safeCode(entities.accountId)}\``);
  }
  if (entities.requestId) facts.push(`Request id \`${safeCode(entities.requestId)}\``);
  if (entities.denyingPolicyType) {
    const arn = entities.denyingPolicyArn ? ` \`${safeCode(entities.denyingPolicyArn)}\`` : '';
    facts.push(`Denied by a ${DENYING_POLICY_TYPE_NAMES[entities.denyingPolicyType]}${arn}`);
  }
  return facts.map((f) => truncate(f, 400));
}

/** What a pasted Bedrock API key carries (user, account, region, expiry), never the key. */
function apiKeyFact(entities: Entities): string {
  const type = entities.apiKeyType === 'long_term' ? 'long-term' : 'short-term';
  const parts: string[] = [];
  if (entities.apiKeyUser) parts.push(`user \`${safeCode(entities.apiKeyUser)}\``);
  if (entities.apiKeyAccountId) parts.push(`account \`${safeCode(entities.apiKeyAccountId)}\``);
  if (entities.apiKeyRegion) parts.push(`region \`${safeCode(entities.apiKeyRegion)}\` only`);
  if (entities.apiKeyExpiresAt) parts.push(`expires ${safeCode(entities.apiKeyExpiresAt)}`);
  return `Bedrock API key (${type})${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Which Bedrock API key the offered diagnosis checks, by what identifies it (never the key). */
function apiKeyPhrase(key: ApiKeyTarget | undefined): string {
  if (!key) return '';
  if ('undecodable' in key) return ', with the pasted Bedrock API key (it does not decode),';
  if (key.type === 'long_term') return `, with the long-term Bedrock API key of IAM user \`${key.userName}\`,`;
  return `, with the short-term Bedrock API key presigned by \`${key.accessKeyId}\` in ${key.region},`;
}
