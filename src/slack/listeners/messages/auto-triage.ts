/**
 * Automatic triage: one threaded reply to a new human message that looks like an AWS auth or permission error.
 *
 * Handled: plain messages (no subtype), `thread_broadcast` (a thread reply also sent to the channel: delivered as
 * that one event) and `file_share` (a pasted snippet or screenshot with a comment). Ignored: every other subtype
 * (`message_changed` edits, `message_deleted`, `bot_message`, joins, topics, ...), anything with a `bot_id` or
 * `app_id`, hidden events, the bot's own user, channels that turned it off, texts the policy deems low-confidence,
 * and a second delivery of the same event (Slack's retries: same event_id, same channel+ts) through the dedupe store.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { decideAutoReply } from '../../auto-triage-policy.js';
import { CLAIMS, claimFirst } from '../../delivery-claims.js';
import type { ListenerDeps } from '../../deps.js';
import { pastedApiKey, triageReplyFor } from '../../diagnose-request.js';
import { messageText } from '../../message-text.js';
import { describeError, postWithFallback } from '../../reply.js';

export type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

const HANDLED_SUBTYPES = new Set<string | undefined>([undefined, 'thread_broadcast', 'file_share']);

export interface LooseMessage {
  type?: string;
  subtype?: string;
  channel?: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: unknown;
  hidden?: boolean;
  attachments?: unknown;
}

/** A message a person just posted (not an edit, deletion, system message, bot or ourselves). */
export function isNewHumanMessage(message: LooseMessage, botUserId?: string): boolean {
  if (!HANDLED_SUBTYPES.has(message.subtype)) return false;
  if (message.hidden || message.bot_id || message.app_id || message.bot_profile) return false;
  if (!message.user || !message.channel || !message.ts) return false;
  if (botUserId && message.user === botUserId) return false;
  return true;
}

export function createMessageListener(deps: ListenerDeps) {
  return async ({ message, body, client, context: ctx }: MessageArgs): Promise<void> => {
    const { logger } = deps;
    const m = message as unknown as LooseMessage;
    try {
      if (!isNewHumanMessage(m, ctx.botUserId)) return;
      const channel = m.channel as string;
      const ts = m.ts as string;
      if (!(await deps.channelSettings.isAutoTriageEnabled(channel))) return;
      const text = messageText(m);
      const triage = deps.triage(text);
      const decision = decideAutoReply(text, triage);
      if (!decision.reply) {
        logger.debug({ channel, ts, reason: decision.reason }, 'auto-triage stays silent');
        return;
      }
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await claimFirst(deps, CLAIMS.event(eventId)))) {
        logger.info({ channel, ts, eventId, retryNum: ctx.retryNum }, 'auto-triage: duplicate delivery ignored');
        return;
      }
      if (!(await claimFirst(deps, CLAIMS.message(channel, ts)))) {
        logger.info({ channel, ts, retryNum: ctx.retryNum }, 'auto-triage: message already answered');
        return;
      }
      deps.onTriage(triage, 'auto');
      const apiKey = pastedApiKey(triage, text);
      const reply = triageReplyFor(triage, channel, deps.accounts, { automatic: true, ...(apiKey ? { apiKey } : {}) });
      logger.info({ channel, ts, reason: decision.reason, top: triage.causes[0]?.id }, 'auto-triage reply');
      await postWithFallback(
        { client, channel, threadTs: m.thread_ts ?? ts, userId: m.user as string, logger },
        reply,
        'auto-triage reply',
      );
    } catch (error) {
      logger.error({ error: describeError(error), channel: m.channel }, 'auto-triage failed');
    }
  };
}
