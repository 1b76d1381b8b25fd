/**
 * The remediation buttons (DESIGN section 4): `request_rotate_key`, `request_deactivate_key` and the follow-up
 * `request_delete_key` (and for a long-term Bedrock API key `request_deactivate_api_key` and
 * `request_delete_api_key`, DESIGN section 8) ask for a change and post the approval message in the thread; `approve_request` and
 * `reject_request` decide it. Every
 * listener acks at once, ignores a redelivered click (same action_ts), spends the clicker's and the channel's shared
 * budget (RATE_LIMIT_PER_USER / _PER_CHANNEL, src/slack/admission.ts) before any work, and answers refusals only to
 * the person who clicked (ephemeral, through response_url). The rules themselves live in src/remediation/.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CredentialKind, RemediationAction } from '../../../remediation/model.js';
import type { RemediationService } from '../../../remediation/service.js';
import { decodeApiKeyActionValue, decodeKeyActionValue } from '../../action-values.js';
import { admit, BUSY_TEXT, DUPLICATE_REQUEST_TEXT, deferAdmitted, spendBudget, workKey } from '../../admission.js';
import { alreadyOpenMessage, approvalMessage, clickerMessage, requestSentMessage } from '../../blocks/approval.js';
import type { SlackMessage } from '../../blocks/message.js';
import { CLAIMS, claimFirst } from '../../delivery-claims.js';
import type { ListenerDeps } from '../../deps.js';
import { approversText } from '../../remediation-notifier.js';
import { describeError, postWithFallback, respondSafely } from '../../reply.js';

export type RemediationButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ClickContext {
  userId: string;
  channelId?: string;
  threadTs?: string;
  /** Set when the clicker belongs to another workspace than the installing one (Slack Connect). */
  externalTeamId?: string;
}

/**
 * The clicker's workspace when it is not `homeTeamId`: `user.team_id` (the user's own workspace) or the payload's
 * `team.id`, whichever differs. Without a known home team, the payload's `team.id` stands in for it.
 */
export function externalTeamOf(body: BlockAction, homeTeamId: string | undefined): string | undefined {
  const userTeam = (body.user as { team_id?: unknown }).team_id;
  const team = (body.team as { id?: unknown } | null | undefined)?.id;
  const home = homeTeamId ?? (typeof team === 'string' ? team : undefined);
  for (const t of [userTeam, team]) if (typeof t === 'string' && t !== '' && home && t !== home) return t;
  return undefined;
}

function clickContext(body: BlockAction, homeTeamId: string | undefined): ClickContext {
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string } | undefined;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const channelId = body.channel?.id ?? container?.channel_id;
  const threadTs = message?.thread_ts ?? container?.thread_ts ?? message?.ts ?? container?.message_ts;
  const externalTeamId = externalTeamOf(body, homeTeamId);
  return {
    userId: body.user.id,
    ...(channelId ? { channelId } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(externalTeamId ? { externalTeamId } : {}),
  };
}

function tell(args: RemediationButtonArgs, deps: ListenerDeps, message: SlackMessage, what: string) {
  return respondSafely(args.respond, { ...message, response_type: 'ephemeral' }, deps.logger, what);
}

/** The button's key: an access key, or (credential bedrock_api_key) a Bedrock API key's user and credential id. */
function keyOfButton(
  value: string | undefined,
  credential: CredentialKind,
): { accountId: string; accessKeyId: string; userName?: string; region?: string } | undefined {
  if (credential === 'bedrock_api_key') {
    const v = decodeApiKeyActionValue(value);
    return v
      ? {
          accountId: v.accountId,
          accessKeyId: v.credentialId,
          userName: v.userName,
          ...(v.region ? { region: v.region } : {}),
        }
      : undefined;
  }
  return decodeKeyActionValue(value);
}

export function createRequestListener(
  deps: ListenerDeps,
  kind: RemediationAction,
  credential: CredentialKind = 'access_key',
) {
  const service = deps.remediation;
  return async (args: RemediationButtonArgs): Promise<void> => {
    const { ack, action, body, client } = args;
    try {
      await ack();
      const click = clickContext(body, deps.homeTeamId);
      if (!(await claimFirst(deps, CLAIMS.remediationClick(action.action_id, click.userId, action.action_ts)))) return;
      const value = keyOfButton(action.value, credential);
      if (!value) {
        await tell(
          args,
          deps,
          clickerMessage('This button does not name a valid account, IAM user and key id. Run the diagnosis again.'),
          'remediation request refused',
        );
        return;
      }
      // The shared budget and the bounded queue, as for a diagnosis: a flood of clicks costs no AWS call.
      const admission = await admit(
        deps,
        { userId: click.userId, ...(click.channelId ? { channelId: click.channelId } : {}) },
        workKey(click.userId, 'request', kind, value.accountId, value.accessKeyId),
        DUPLICATE_REQUEST_TEXT,
      );
      if (!admission.ok) {
        deps.logger.info({ user: click.userId, reason: admission.reason }, 'remediation request not started');
        await tell(args, deps, clickerMessage(admission.text), 'remediation request not started');
        return;
      }
      const queued = deferAdmitted(deps.tasks, admission, 'remediation request', async () => {
        const outcome = await service.request({
          action: kind,
          account: value.accountId,
          accessKeyId: value.accessKeyId,
          ...(credential === 'bedrock_api_key'
            ? { credential, ...(value.userName ? { userName: value.userName } : {}) }
            : {}),
          ...(value.region ? { region: value.region } : {}),
          requestedBy: click.userId,
          ...(click.channelId ? { channelId: click.channelId } : {}),
          ...(click.threadTs ? { threadTs: click.threadTs } : {}),
          ...(click.externalTeamId ? { externalTeamId: click.externalTeamId } : {}),
        });
        if (!outcome.ok) {
          await tell(args, deps, clickerMessage(outcome.message), 'remediation request refused');
          return;
        }
        if (!outcome.created) {
          await tell(args, deps, alreadyOpenMessage(outcome.request), 'remediation request already open');
          return;
        }
        const request = outcome.request;
        const approvers = approversText(deps.accounts, request.accountId);
        if (!click.channelId) {
          await tell(args, deps, clickerMessage('I could not tell which channel this button is in.'), 'no channel');
          return;
        }
        const posted = await postWithFallback(
          {
            client,
            channel: click.channelId,
            ...(click.threadTs ? { threadTs: click.threadTs } : {}),
            logger: deps.logger,
          },
          approvalMessage(request, approvers),
          'approval request',
        );
        if (posted.via !== 'channel') {
          await tell(
            args,
            deps,
            clickerMessage(
              'The request is stored, but I could not post it in this channel for the approvers to see ' +
                `(${posted.via === 'none' ? posted.code : posted.via}). Invite me to the channel and ask again ` +
                'once this request has expired.',
            ),
            'approval request not posted',
          );
          return;
        }
        await service.attachMessage(request.id, {
          channel: click.channelId,
          ...(click.threadTs ? { threadTs: click.threadTs } : {}),
          messageTs: posted.ts,
        });
        await tell(args, deps, requestSentMessage(request, approvers), 'remediation request sent');
      });
      if (!queued) {
        await tell(args, deps, clickerMessage(BUSY_TEXT), 'remediation request not started');
      }
    } catch (error) {
      deps.logger.error({ error: describeError(error) }, 'remediation request listener failed');
    }
  };
}

export function createDecisionListener(deps: ListenerDeps, decision: 'approved' | 'rejected') {
  const service = deps.remediation;
  return async (args: RemediationButtonArgs): Promise<void> => {
    const { ack, action, body } = args;
    try {
      await ack();
      const click = clickContext(body, deps.homeTeamId);
      if (!(await claimFirst(deps, CLAIMS.remediationClick(action.action_id, click.userId, action.action_ts)))) return;
      const requestId = action.value ?? '';
      if (!REQUEST_ID.test(requestId)) {
        await tell(args, deps, clickerMessage('This button does not carry a valid request id.'), 'bad request id');
        return;
      }
      // The same budget as diagnoses and requests, spent before the store or Slack (usergroup) is asked anything:
      // over it, nothing is decided and the request keeps waiting, so the same button works once the budget allows.
      const noun = decision === 'approved' ? 'approval' : 'rejection';
      const spent = await spendBudget(
        deps.budget,
        { userId: click.userId, ...(click.channelId ? { channelId: click.channelId } : {}) },
        (seconds) =>
          `Your ${noun} was not recorded and the request is unchanged (still waiting for a decision); ` +
          `click ${decision === 'approved' ? 'Approve' : 'Reject'} again in ${seconds} s.`,
      );
      if (!spent.ok) {
        deps.logger.info(
          { user: click.userId, requestId, decision, retryAfterSeconds: spent.retryAfterSeconds },
          'remediation decision not started: over the rate budget',
        );
        await tell(args, deps, clickerMessage(spent.text), 'remediation decision not started');
        return;
      }
      void deps.tasks.run('remediation decision', async () => {
        let outcome: Awaited<ReturnType<RemediationService['decideAndExecute']>>;
        try {
          outcome = await service.decideAndExecute({
            requestId,
            userId: click.userId,
            decision,
            ...(click.externalTeamId ? { externalTeamId: click.externalTeamId } : {}),
          });
        } catch (error) {
          // The store could not record the decision: it was rolled back, and the clicker must know.
          deps.logger.error({ error: describeError(error), requestId }, 'remediation decision not recorded');
          await tell(
            args,
            deps,
            clickerMessage(
              `Your ${decision === 'approved' ? 'approval' : 'rejection'} could not be recorded (the bot's database ` +
                'failed). Nothing was changed; please try again in a moment.',
            ),
            'remediation decision not recorded',
          );
          return;
        }
        if (!outcome.ok) {
          await tell(args, deps, clickerMessage(outcome.message), 'remediation decision refused');
          return;
        }
        // The service claimed the execution before redrawing the message, and runs it (once); waited for here so
        // shutdown and tests see it.
        await outcome.execution;
      });
    } catch (error) {
      deps.logger.error({ error: describeError(error) }, 'remediation decision listener failed');
    }
  };
}
