/**
 * Buttons `run_diagnosis` (under a triage reply) and `rerun_diagnosis` (under a checklist): decode the target the
 * button carries, check again that this channel may diagnose that account (a click is untrusted input), and run
 * the diagnosis in the thread the button sits in. A double click within a few seconds runs once.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeTargetValue } from '../../action-values.js';
import { admit, BUSY_TEXT, deferAdmitted, workKey } from '../../admission.js';
import { fallbackText, section } from '../../blocks/limits.js';
import { errorMessage } from '../../blocks/notices.js';
import { CLAIMS, claimFirst } from '../../delivery-claims.js';
import type { ListenerDeps } from '../../deps.js';
import { describeError, respondSafely } from '../../reply.js';
import { runDiagnosisInSlack } from '../../run-diagnosis.js';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function createDiagnosisButtonListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client, respond, context: ctx }: ButtonArgs): Promise<void> => {
    const { logger } = deps;
    try {
      await ack();
      const target = decodeTargetValue(action.value);
      if (!target) {
        logger.warn({ actionId: action.action_id }, 'button value is not a valid target');
        await respondSafely(
          respond,
          {
            ...errorMessage('This button carries no valid account; run the command again.'),
            response_type: 'ephemeral',
          },
          logger,
          'bad button',
        );
        return;
      }
      const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
      const messageTs = body.message?.ts ?? (body.container.message_ts as string | undefined);
      if (!channel || !messageTs) {
        logger.warn({ actionId: action.action_id }, 'button click without a channel or message');
        return;
      }
      const decision = deps.accounts.canDiagnose(target.accountId, channel);
      if (!decision.ok) {
        await respondSafely(
          respond,
          { ...errorMessage(decision.reason), response_type: 'ephemeral' },
          logger,
          'refused click',
        );
        return;
      }
      if (!(await claimFirst(deps, CLAIMS.diagnosisClick(channel, messageTs, action.action_id, body.user.id)))) {
        logger.info({ channel, messageTs, actionId: action.action_id }, 'double click ignored');
        return;
      }
      const threadTs = (body.message?.thread_ts as string | undefined) ?? messageTs;
      const fullTarget = { ...target, accountId: decision.accountId };
      const admission = await admit(
        deps,
        { userId: body.user.id, channelId: channel },
        workKey(body.user.id, 'target', fullTarget),
      );
      const refuse = (text: string) =>
        respondSafely(
          respond,
          { text: fallbackText(text), blocks: [section(text)], response_type: 'ephemeral' },
          logger,
          'diagnosis not started',
        );
      if (!admission.ok) {
        logger.info({ user: body.user.id, channel, reason: admission.reason }, 'diagnosis not started');
        await refuse(admission.text);
        return;
      }
      logger.info(
        { channel, user: body.user.id, actionId: action.action_id, accountId: decision.accountId },
        'diagnosis button',
      );
      const queued = deferAdmitted(deps.tasks, admission, `${action.action_id} diagnosis`, async () => {
        await runDiagnosisInSlack(
          {
            client,
            channelId: channel,
            threadTs,
            requestedBy: body.user.id,
            request: {
              target: fullTarget,
              secretsFound: false,
              ...(decision.account ? { account: decision.account } : {}),
            },
            respond,
            ...(ctx.botUserId ? { botUserId: ctx.botUserId } : {}),
          },
          deps,
        );
      });
      if (!queued) {
        await refuse(BUSY_TEXT);
      }
    } catch (error) {
      logger.error({ error: describeError(error), actionId: action.action_id }, 'diagnosis button failed');
    }
  };
}
