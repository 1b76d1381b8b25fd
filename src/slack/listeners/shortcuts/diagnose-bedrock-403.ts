/**
 * Message shortcut "Diagnose Bedrock 403": triage the message's text and answer in its thread. With an account
 * known (named in the text, or decoded from the key id) the reply offers `run_diagnosis`; without one a modal asks
 * for it (opened first: the trigger_id expires 3 s after the click).
 */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildAccountModal } from '../../blocks/account-modal.js';
import type { ListenerDeps } from '../../deps.js';
import { accountFromEntities, fieldsFromEntities, pastedApiKey, triageReplyFor } from '../../diagnose-request.js';
import { DIAGNOSE_SHORTCUT, SLASH_COMMAND } from '../../ids.js';
import { messageText } from '../../message-text.js';
import { describeError, postWithFallback, slackErrorCode } from '../../reply.js';

export type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

export function createShortcutListener(deps: ListenerDeps) {
  return async ({ shortcut, ack, client, respond, context: ctx }: ShortcutArgs): Promise<void> => {
    const { logger } = deps;
    try {
      await ack();
      const channel = shortcut.channel.id;
      const threadTs = (shortcut.message.thread_ts as string | undefined) ?? shortcut.message.ts;
      const text = messageText(shortcut.message);
      const triage = deps.triage(text);
      deps.onTriage(triage, 'shortcut');
      // The key of the message (what identifies it, never the key) goes with the offer and the form.
      const apiKey = pastedApiKey(triage, text);
      const known = { ...fieldsFromEntities(triage.entities), ...(apiKey ? { apiKey } : {}) };
      const accountId = accountFromEntities(triage.entities);
      logger.info(
        { channel, user: shortcut.user.id, causes: triage.causes.length, account: Boolean(accountId) },
        'shortcut',
      );

      let noAccountNote: string | undefined;
      if (!accountId) {
        try {
          await client.views.open({
            trigger_id: shortcut.trigger_id,
            view: buildAccountModal({
              ctx: { channelId: channel, threadTs, known },
              aliases: deps.accounts.accounts.flatMap((a) => (a.alias ? [a.alias] : [])),
            }),
          });
          noAccountNote = 'The message names no AWS account: I opened a form asking for it.';
        } catch (error) {
          logger.warn({ code: slackErrorCode(error) }, 'views.open failed');
          noAccountNote = `The message names no AWS account. For a live check: \`${SLASH_COMMAND} &lt;account-id|alias&gt;\`.`;
        }
      }
      const reply = triageReplyFor(triage, channel, deps.accounts, {
        ...(noAccountNote ? { noAccountNote } : {}),
        ...(apiKey ? { apiKey } : {}),
      });
      await postWithFallback(
        {
          client,
          channel,
          threadTs,
          respond,
          userId: shortcut.user.id,
          logger,
          ...(ctx.botUserId ? { botUserId: ctx.botUserId } : {}),
        },
        reply,
        'shortcut triage reply',
      );
    } catch (error) {
      logger.error({ error: describeError(error) }, `${DIAGNOSE_SHORTCUT} failed`);
    }
  };
}
