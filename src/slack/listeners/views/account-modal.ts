/**
 * Submission of the account modal (opened by the shortcut when the message names no account): validate the
 * fields (errors shown next to each field, the modal stays open), then close it and run the diagnosis in the
 * thread of the message the shortcut was used on.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Target } from '../../../report.js';
import { decodeModalContext } from '../../action-values.js';
import { admit, BUSY_TEXT, deferAdmitted, workKey } from '../../admission.js';
import type { ListenerDeps } from '../../deps.js';
import { compactTarget } from '../../diagnose-request.js';
import { ACCOUNT_MODAL } from '../../ids.js';
import { describeError } from '../../reply.js';
import { runDiagnosisInSlack } from '../../run-diagnosis.js';
import { fieldProblem, type TargetField } from '../../target-fields.js';

export type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Modal errors are plain text next to the field: no mrkdwn markers. */
function plain(text: string): string {
  return text.replace(/[*`_]/g, '').slice(0, 300);
}

export function createAccountModalListener(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context: ctx }: ViewArgs): Promise<void> => {
    const { logger } = deps;
    try {
      const values = view.state.values;
      const read = (block: string, action: string) => values[block]?.[action]?.value?.trim() || undefined;
      const account = read(ACCOUNT_MODAL.accountBlock, ACCOUNT_MODAL.accountInput);
      const modal = decodeModalContext(view.private_metadata);
      const errors: Record<string, string> = {};
      if (!modal) errors[ACCOUNT_MODAL.accountBlock] = 'This form has expired. Use the shortcut on the message again.';
      else if (!account) errors[ACCOUNT_MODAL.accountBlock] = 'Give the 12-digit AWS account id or its alias.';

      const fields: Array<[TargetField, string, string]> = [
        ['key', ACCOUNT_MODAL.keyBlock, ACCOUNT_MODAL.keyInput],
        ['region', ACCOUNT_MODAL.regionBlock, ACCOUNT_MODAL.regionInput],
        ['model', ACCOUNT_MODAL.modelBlock, ACCOUNT_MODAL.modelInput],
      ];
      const given: Partial<Record<TargetField, string>> = {};
      for (const [field, block, input] of fields) {
        const value = read(block, input);
        if (!value) continue;
        const problem = fieldProblem(field, value);
        if (problem) errors[block] = plain(problem);
        else given[field] = value;
      }
      let decision = modal && account ? deps.accounts.canDiagnose(account, modal.channelId) : undefined;
      if (decision && !decision.ok) {
        errors[ACCOUNT_MODAL.accountBlock] = plain(decision.reason);
        decision = undefined;
      }
      if (Object.keys(errors).length > 0 || !modal || !decision?.ok) {
        await ack({ response_action: 'errors', errors });
        return;
      }
      const target: Target = compactTarget({
        accountId: decision.accountId,
        accessKeyId: given.key ?? modal.known.accessKeyId,
        region: given.region ?? modal.known.region,
        modelId: given.model ?? modal.known.modelId,
        principalArn: modal.known.principalArn,
        apiKey: modal.known.apiKey,
      });
      // Admitted before the modal closes: a refusal ("slow down, retry in N s") shows next to the account field.
      const admission = await admit(
        deps,
        { userId: body.user.id, channelId: modal.channelId },
        workKey(body.user.id, 'target', target),
      );
      if (!admission.ok) {
        await ack({ response_action: 'errors', errors: { [ACCOUNT_MODAL.accountBlock]: plain(admission.text) } });
        return;
      }
      const account_ = decision.account;
      const queued = deferAdmitted(deps.tasks, admission, 'modal diagnosis', async () => {
        await runDiagnosisInSlack(
          {
            client,
            channelId: modal.channelId,
            threadTs: modal.threadTs,
            requestedBy: body.user.id,
            request: { target, secretsFound: false, ...(account_ ? { account: account_ } : {}) },
            ...(ctx.botUserId ? { botUserId: ctx.botUserId } : {}),
          },
          deps,
        );
      });
      if (!queued) {
        await ack({ response_action: 'errors', errors: { [ACCOUNT_MODAL.accountBlock]: plain(BUSY_TEXT) } });
        return;
      }
      await ack();
      logger.info(
        { channel: modal.channelId, user: body.user.id, accountId: target.accountId },
        'account modal submitted',
      );
    } catch (error) {
      logger.error({ error: describeError(error) }, 'account modal submission failed');
    }
  };
}
