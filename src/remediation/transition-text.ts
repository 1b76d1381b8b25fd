/**
 * The words the store writes with a state change it makes on its own (audit details, the failure of an interrupted
 * execution). They are read by people (`bedrock-403 audit`, the Slack thread), so they live with the domain model,
 * not in the SQL.
 */
import type { RemediationRequest } from './model.js';

export const requestedDetail = (r: Pick<RemediationRequest, 'action' | 'accessKeyId' | 'userName'>): string =>
  `${r.action} of ${r.accessKeyId} (user ${r.userName}) requested`;

export const expiredDetail = (r: Pick<RemediationRequest, 'expiresAt'>): string =>
  `request expired without a decision (${new Date(r.expiresAt).toISOString()})`;

export const decidedDetail = (decision: 'approved' | 'rejected', by: string): string => `${decision} by ${by}`;

export const executionStartedDetail = (r: Pick<RemediationRequest, 'action'>): string => `${r.action} started`;

/** Why an execution that was still `executing` when its process stopped is failed, and what to check. */
export function interruptedFailure(r: Pick<RemediationRequest, 'progress' | 'userName' | 'accountId'>): string {
  const last = r.progress[r.progress.length - 1];
  return (
    'The execution was interrupted (the bot stopped while it ran) and was not retried. ' +
    (last
      ? `Last completed step: ${last.detail}.`
      : 'No step was recorded as completed, but the first AWS call may have been made.') +
    ` Check the keys of user ${r.userName} in account ${r.accountId} before acting again.`
  );
}
