/** Short messages: secret warnings, "invite me", errors, switches. Pure functions of their inputs. */
import type { types } from '@slack/bolt';
import { codeBlock, context, fallbackText, fitBlocks, LIMITS, safe, section } from './limits.js';
import type { SlackMessage } from './message.js';

/** The warning shown whenever pasted text held a secret. It never repeats the secret. */
export const SECRET_WARNING =
  ':rotating_light: *That text contains what looks like an AWS secret access key, session token or Bedrock API key.* ' +
  'A secret pasted in Slack is a leaked secret: delete the message, then deactivate and rotate that key ' +
  '(IAM console → Users → Security credentials, or `aws iam update-access-key --status Inactive`). ' +
  'I have not repeated it here.';

export function secretWarningBlock(): types.SectionBlock {
  return section(SECRET_WARNING);
}

const MAX_COMMANDS = 8;

/** The client-side commands to run (the bot cannot see the person's machine), or nothing when there are none. */
export function localCommandsBlock(commands: readonly string[]): types.SectionBlock | undefined {
  if (commands.length === 0) return undefined;
  const lines = commands.slice(0, MAX_COMMANDS);
  return section(`*Check on your machine* (I cannot see it):\n${codeBlock(lines, LIMITS.sectionText - 60)}`);
}

/** The bot's display name in the manifest (`features.bot_user.display_name`). */
export const BOT_DISPLAY_NAME = 'bedrock-403';

export function inviteHint(botUserId?: string): string {
  const mention = botUserId ? `<@${botUserId}>` : `@${BOT_DISPLAY_NAME}`;
  return (
    `Invite me with \`/invite @${BOT_DISPLAY_NAME}\` in the channel (or mention ${mention} there and choose ` +
    '*Add to channel*), then try again.'
  );
}

/** For response_url when the bot cannot post in the channel. */
export function notInChannelMessage(botUserId?: string, extra?: SlackMessage): SlackMessage {
  const lead = `:wave: I am not a member of this channel, so I cannot post here. ${inviteHint(botUserId)}`;
  const blocks: types.KnownBlock[] = [section(lead)];
  if (extra) blocks.push(context('_Meanwhile, here is the answer just for you:_'), ...extra.blocks);
  return { text: fallbackText(lead), blocks: fitBlocks(blocks) };
}

export function errorMessage(problem: string): SlackMessage {
  const text = `:warning: ${problem}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

export function failureMessage(what: string, error: unknown): SlackMessage {
  const detail = error instanceof Error ? error.message : String(error);
  const text = `:boom: ${what} failed: ${safe(detail)}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

export function autoTriageStatusMessage(enabled: boolean, changedBy?: string): SlackMessage {
  const state = enabled ? '*on*' : '*off*';
  const who = changedBy ? ` (turned ${enabled ? 'on' : 'off'} by <@${changedBy}>)` : '';
  const text =
    `Automatic triage is ${state} in this channel${who}. ` +
    (enabled
      ? 'I reply in a thread to new messages that look like AWS auth or permission errors. `/bedrock-403 autotriage off` stops it.'
      : 'I stay silent unless asked. `/bedrock-403 autotriage on` turns it back on.');
  return { text: fallbackText(text), blocks: [section(text)] };
}

/** The slash command's ephemeral ack when a diagnosis starts: where the answer will appear, and the secret warning. */
export function diagnosisAckMessage(accountLabel: string, secretPasted: boolean): SlackMessage {
  const text = `:mag: Diagnosing account ${accountLabel}… I will post in this channel with the checklist in a thread.`;
  return {
    text: fallbackText(text),
    blocks: [
      section(text),
      secretPasted
        ? secretWarningBlock()
        : context('_Read-only checks through the diagnostic role; nothing is changed._'),
    ],
  };
}
