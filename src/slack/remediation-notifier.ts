/**
 * The Slack side of remediation that is not a listener: redrawing the approval message when a request changes
 * state (also from the sweeper, outside any click), posting the outcome in the thread, and reading a user group's
 * members at click time (usergroups.users.list, scope usergroups:read).
 */
import type { AccountsDirectory } from '../accounts.js';
import type { Logger } from '../log.js';
import type { RemediationRequest } from '../remediation/model.js';
import { describeApprovers } from '../remediation/policy.js';
import type { ApproverDirectory, RemediationNotifier } from '../remediation/service.js';
import { approvalMessage, resultMessage } from './blocks/approval.js';
import { postWithFallback, type SlackClient, slackErrorCode, updateSafely } from './reply.js';

/** The client may only exist once the app is built: it is looked up at each call. */
export type ClientSource = () => SlackClient | undefined;

export function approversText(accounts: AccountsDirectory, accountId: string): string {
  const account = accounts.find(accountId);
  return account ? describeApprovers(account) : 'nobody (the account is no longer in the accounts file)';
}

export function slackRemediationNotifier(
  client: ClientSource,
  accounts: AccountsDirectory,
  logger: Logger,
): RemediationNotifier {
  return {
    async render(request: RemediationRequest) {
      const c = client();
      const ref = request.slack;
      if (!c || !ref?.messageTs) return;
      // "Approved ... Running now" stays accurate while it runs: no redraw for `executing` once `approved` was
      // drawn. A click on Approve claims the execution before drawing anything: then `executing` is drawn.
      if (request.state === 'executing' && request.notifiedState === 'approved') return;
      await updateSafely(
        c,
        ref.channel,
        ref.messageTs,
        approvalMessage(request, approversText(accounts, request.accountId)),
        logger,
        'approval message',
      );
      if (request.state === 'done' || request.state === 'failed') {
        await postWithFallback(
          { client: c, channel: ref.channel, threadTs: ref.threadTs ?? ref.messageTs, logger },
          resultMessage(request),
          'remediation result',
        );
      }
    },
  };
}

export function slackApproverDirectory(client: ClientSource): ApproverDirectory {
  return {
    async usergroupMembers(usergroup: string) {
      const c = client();
      if (!c) throw new Error('Slack is not connected');
      try {
        const result = await c.usergroups.users.list({ usergroup });
        return Array.isArray(result.users) ? result.users.filter((u): u is string => typeof u === 'string') : [];
      } catch (error) {
        const code = slackErrorCode(error);
        const hint =
          code === 'missing_scope'
            ? ' (the app needs the usergroups:read scope)'
            : code === 'no_such_subteam'
              ? ` (the accounts file names user group ${usergroup}, which Slack does not know)`
              : '';
        throw new Error(`usergroups.users.list failed: ${code}${hint}`);
      }
    },
  };
}
