/**
 * `@bedrock-403 <pasted error>`: an explicit ask, so it is answered even where automatic triage is off or the
 * match is weak. Shares the `message:<channel>:<ts>` delivery key with automatic triage: a message that both
 * mentions the bot and looks like an error gets one reply, not two.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildUsageMessage } from '../../blocks/usage.js';
import { CLAIMS, claimFirst } from '../../delivery-claims.js';
import type { ListenerDeps } from '../../deps.js';
import { pastedApiKey, triageReplyFor } from '../../diagnose-request.js';
import { messageText } from '../../message-text.js';
import { describeError, postWithFallback } from '../../reply.js';

export type MentionArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>;

export function createMentionListener(deps: ListenerDeps) {
  return async ({ event, body, client, context: ctx }: MentionArgs): Promise<void> => {
    const { logger } = deps;
    try {
      if (event.bot_id || !event.user || (ctx.botUserId && event.user === ctx.botUserId)) return;
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await claimFirst(deps, CLAIMS.event(eventId)))) return;
      if (!(await claimFirst(deps, CLAIMS.message(event.channel, event.ts)))) return;
      const threadTs = event.thread_ts ?? event.ts;
      const text = messageText(event)
        .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
        .trim();
      let reply: ReturnType<typeof buildUsageMessage>;
      if (text === '' || /^(help|usage|\?)$/i.test(text)) {
        reply = buildUsageMessage();
      } else {
        const triage = deps.triage(text);
        deps.onTriage(triage, 'mention');
        const apiKey = pastedApiKey(triage, text);
        reply = triageReplyFor(triage, event.channel, deps.accounts, apiKey ? { apiKey } : {});
      }
      logger.info({ channel: event.channel, ts: event.ts }, 'mention reply');
      await postWithFallback(
        { client, channel: event.channel, threadTs, userId: event.user, logger },
        reply,
        'mention reply',
      );
    } catch (error) {
      logger.error({ error: describeError(error) }, 'mention listener failed');
    }
  };
}
