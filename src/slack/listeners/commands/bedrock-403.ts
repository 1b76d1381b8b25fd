/**
 * `/bedrock-403`: help, the per-channel auto-triage switch, and the live diagnosis. Parsing and authorisation
 * happen before ack() (pure and fast), so a bad command gets its precise error at once; the diagnosis runs after.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listingErrorMessage } from '../../../diagnosis/index.js';
import { admit, BUSY_TEXT, deferAdmitted, workKey } from '../../admission.js';
import { apiKeysMessage } from '../../blocks/api-keys.js';
import { fallbackText, section } from '../../blocks/limits.js';
import { autoTriageStatusMessage, diagnosisAckMessage, errorMessage } from '../../blocks/notices.js';
import { accountLabel } from '../../blocks/status.js';
import { buildUsageMessage } from '../../blocks/usage.js';
import { parseCommand } from '../../command-parser.js';
import type { ListenerDeps } from '../../deps.js';
import { completeCommandRequest, decideCommandAccount, pastedSecret } from '../../diagnose-request.js';
import { SLASH_COMMAND } from '../../ids.js';
import { describeError } from '../../reply.js';
import { runDiagnosisInSlack } from '../../run-diagnosis.js';

export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export function createCommandListener(deps: ListenerDeps) {
  return async ({ command, ack, respond, client, context: ctx }: CommandArgs): Promise<void> => {
    const { logger } = deps;
    try {
      const parsed = parseCommand(command.text ?? '', {
        isKnownAccount: (ref) => deps.accounts.find(ref) !== undefined,
      });
      logger.info({ kind: parsed.kind, channel: command.channel_id, user: command.user_id }, 'slash command');
      if (parsed.kind === 'help') {
        await ack({ response_type: 'ephemeral', ...buildUsageMessage() });
        return;
      }
      if (parsed.kind === 'invalid') {
        await ack({ response_type: 'ephemeral', ...buildUsageMessage(parsed.problem) });
        return;
      }
      if (parsed.kind === 'autotriage') {
        if (parsed.setting === 'status') {
          const enabled = await deps.channelSettings.isAutoTriageEnabled(command.channel_id);
          await ack({ response_type: 'ephemeral', ...autoTriageStatusMessage(enabled) });
          return;
        }
        const enabled = parsed.setting === 'on';
        await deps.channelSettings.setAutoTriage(command.channel_id, enabled, command.user_id);
        // In the channel, so everyone sees who changed it.
        await ack({ response_type: 'in_channel', ...autoTriageStatusMessage(enabled, command.user_id) });
        return;
      }

      if (parsed.kind === 'api-keys') {
        await listApiKeysInSlack(parsed.accountRef, { command, ack, respond, client }, deps);
        return;
      }

      // Before ack only what the answer needs: the account and whether this channel may diagnose it. Triage of
      // the pasted text runs after ack unless the account has to come from it.
      const decision = decideCommandAccount(parsed, command.channel_id, deps);
      if (!decision.ok) {
        await ack({
          response_type: 'ephemeral',
          ...(decision.usage ? buildUsageMessage(decision.problem) : errorMessage(decision.problem)),
        });
        return;
      }
      // Before ack too: an identical diagnosis already running for this person, a full queue or a spent budget
      // (RATE_LIMIT_PER_USER / _PER_CHANNEL, shared by all replicas) answer at once and start nothing.
      const admission = await admit(
        deps,
        { userId: command.user_id, channelId: command.channel_id },
        workKey(command.user_id, 'command', decision.accountId, command.text ?? ''),
      );
      if (!admission.ok) {
        logger.info(
          { user: command.user_id, channel: command.channel_id, reason: admission.reason },
          'diagnosis not started',
        );
        await ack({
          response_type: 'ephemeral',
          text: fallbackText(admission.text),
          blocks: [section(admission.text)],
        });
        return;
      }
      const label = accountLabel(decision.accountId, decision.account?.alias);
      const secretPasted = Boolean(decision.triage?.secretsFound) || pastedSecret(parsed);
      try {
        await ack({ response_type: 'ephemeral', ...diagnosisAckMessage(label, secretPasted) });
      } catch (error) {
        void admission.release();
        throw error;
      }
      const queued = deferAdmitted(deps.tasks, admission, 'slash command diagnosis', async () => {
        const request = completeCommandRequest(parsed, decision, deps);
        if (request.triage) deps.onTriage(request.triage, 'command');
        await runDiagnosisInSlack(
          {
            client,
            channelId: command.channel_id,
            requestedBy: command.user_id,
            request,
            respond,
            ...(ctx.botUserId ? { botUserId: ctx.botUserId } : {}),
          },
          deps,
        );
      });
      if (!queued) {
        // The queue filled between the check above and now: say so through the response_url.
        await respond({ response_type: 'ephemeral', replace_original: false, text: BUSY_TEXT }).catch(() => undefined);
      }
    } catch (error) {
      logger.error({ error: describeError(error), channel: command.channel_id }, `${SLASH_COMMAND} failed`);
      try {
        await ack({
          response_type: 'ephemeral',
          ...errorMessage('Something went wrong on my side; it is logged. Please try again.'),
        });
      } catch {
        // Already acknowledged: the response_url is the way left.
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'Something went wrong on my side; it is logged.',
        }).catch(() => undefined);
      }
    }
  };
}

/**
 * `/bedrock-403 <account> api-keys`: authorised and admitted (rate limits) like a diagnosis, acked at once, the
 * table posted in the channel (or, when the bot cannot post there, to the requester).
 */
async function listApiKeysInSlack(
  accountRef: string,
  args: Pick<CommandArgs, 'command' | 'ack' | 'respond' | 'client'>,
  deps: ListenerDeps,
): Promise<void> {
  const { command, ack, respond, client } = args;
  const decision = deps.accounts.canDiagnose(accountRef, command.channel_id);
  if (!decision.ok) {
    await ack({ response_type: 'ephemeral', ...errorMessage(decision.reason) });
    return;
  }
  const engine = deps.engine;
  const list = engine.listApiKeys?.bind(engine);
  if (!list) {
    await ack({ response_type: 'ephemeral', ...errorMessage('This deployment cannot list API keys.') });
    return;
  }
  const admission = await admit(
    deps,
    { userId: command.user_id, channelId: command.channel_id },
    workKey(command.user_id, 'api-keys', decision.accountId, command.text ?? ''),
  );
  if (!admission.ok) {
    await ack({ response_type: 'ephemeral', text: fallbackText(admission.text), blocks: [section(admission.text)] });
    return;
  }
  const label = accountLabel(decision.accountId, decision.account?.alias);
  const confirm = `:mag: Listing the Bedrock API keys of account ${label}… I will post the table in this channel.`;
  try {
    await ack({ response_type: 'ephemeral', text: fallbackText(confirm), blocks: [section(confirm)] });
  } catch (error) {
    void admission.release();
    throw error;
  }
  const queued = deferAdmitted(deps.tasks, admission, 'api-keys listing', async () => {
    let message: ReturnType<typeof apiKeysMessage>;
    try {
      const inventory = await list(decision.accountId, { requestedBy: command.user_id, signal: deps.signal });
      message = apiKeysMessage(inventory, label);
    } catch (error) {
      deps.logger.warn({ error: describeError(error), account: decision.accountId }, 'api-keys listing failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...errorMessage(listingErrorMessage(error, undefined, decision.accountId)),
      }).catch(() => undefined);
      return;
    }
    try {
      await client.chat.postMessage({ channel: command.channel_id, text: message.text, blocks: message.blocks });
    } catch (error) {
      deps.logger.warn({ error: describeError(error), channel: command.channel_id }, 'api-keys post failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch(() => undefined);
    }
  });
  if (!queued) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: BUSY_TEXT }).catch(() => undefined);
  }
}
