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
import { recordTriage } from '../../../ops/metrics.js';
import type { Target } from '../../../report.js';
import { decideAutoReply } from '../../auto-triage-policy.js';
import { buildTriageReply } from '../../blocks/triage-reply.js';
import type { ListenerDeps } from '../../deps.js';
import { accountFromEntities, compactTarget, fieldsFromEntities } from '../../diagnose-request.js';
import { messageText } from '../../message-text.js';
import { describeError, postWithFallback } from '../../reply.js';

export type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/** How long a delivery key is remembered: Slack retries for 5 minutes (24 h with delayed events enabled). */
export const DELIVERY_KEY_TTL_SECONDS = 24 * 3600;

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
      if (typeof eventId === 'string' && !(await deps.dedupe.claim(`event:${eventId}`, DELIVERY_KEY_TTL_SECONDS))) {
        logger.info({ channel, ts, eventId, retryNum: ctx.retryNum }, 'auto-triage: duplicate delivery ignored');
        return;
      }
      if (!(await deps.dedupe.claim(`message:${channel}:${ts}`, DELIVERY_KEY_TTL_SECONDS))) {
        logger.info({ channel, ts, retryNum: ctx.retryNum }, 'auto-triage: message already answered');
        return;
      }
      recordTriage(triage, 'auto');

      let runTarget: Target | undefined;
      let alias: string | undefined;
      let note: string | undefined;
      const accountId = accountFromEntities(triage.entities);
      if (accountId) {
        const allowed = deps.accounts.canDiagnose(accountId, channel);
        if (allowed.ok) {
          runTarget = compactTarget({ ...fieldsFromEntities(triage.entities), accountId: allowed.accountId });
          alias = allowed.account?.alias;
        } else {
          note = allowed.reason;
        }
      }
      const reply = buildTriageReply({
        triage,
        automatic: true,
        ...(runTarget ? { runTarget } : {}),
        ...(alias ? { accountAlias: alias } : {}),
        ...(note ? { diagnosisNote: note } : {}),
      });
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
