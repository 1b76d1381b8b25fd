/** `/bedrock-403 help` and the usage shown under every input error. */
import type { types } from '@slack/bolt';
import { SLASH_COMMAND } from '../ids.js';
import { context, fallbackText, section } from './limits.js';
import type { SlackMessage } from './message.js';

export const USAGE_LINES = [
  `\`${SLASH_COMMAND} &lt;account-id|alias&gt; [key=AKIA…] [region=us-east-1] [model=MODEL_ID] [principal=arn:aws:iam::…] [pasted error text]\``,
  '  runs a live read-only check of the account and posts the checklist in a thread.',
  '  Pasted error text is triaged too: the key id, region and model it names fill the fields you leave out,',
  '  and the account can come from it (or from the key id) when you give none.',
  `  \`api-key=ABSK…|bedrock-api-key-…\` checks a Bedrock API key too (status, expiry, region, CallWithBearerToken); a key typed here counts as leaked: deactivate it afterwards.`,
  `\`${SLASH_COMMAND} &lt;account-id|alias&gt; api-keys\`  every Bedrock API key of the account: status, age, expiry, user, the risky ones first.`,
  `\`${SLASH_COMMAND} autotriage on|off|status\`  automatic triage of error messages in this channel.`,
  `\`${SLASH_COMMAND} help\`  this help.`,
];

export const USAGE_EXAMPLES = [
  `\`${SLASH_COMMAND} 111111111111 key=AKIAIOSFODNN7EXAMPLE region=us-east-1\``,
  `\`${SLASH_COMMAND} prod-apps model=anthropic.claude-3-5-sonnet-20240620-v1:0\``,
  `\`${SLASH_COMMAND} prod-apps An error occurred (AccessDeniedException) when calling the InvokeModel operation: …\``,
];

/** The usage, optionally under a line saying what was wrong. */
export function buildUsageMessage(problem?: string): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  if (problem) blocks.push(section(`:warning: ${problem}`));
  blocks.push(section(`*Usage*\n${USAGE_LINES.join('\n')}`));
  blocks.push(section(`*Examples*\n${USAGE_EXAMPLES.join('\n')}`));
  blocks.push(
    context(
      'Also: the message shortcut *Diagnose Bedrock 403* on any message, and automatic replies to error messages in channels I am in. Never paste a secret access key.',
    ),
  );
  return {
    text: fallbackText(problem ? `${problem} See usage.` : `Usage: ${SLASH_COMMAND} &lt;account-id|alias&gt; …`),
    blocks,
  };
}
