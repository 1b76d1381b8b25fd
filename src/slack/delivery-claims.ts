/**
 * Handled once: every Slack delivery or click the app must not answer twice is claimed in the dedupe store under a
 * named key, across replicas. One policy when the store cannot answer: the delivery is handled (and a warning
 * logged). A duplicate reply is better than none, and nothing a click changes depends on this claim: a remediation
 * decision or execution is exactly-once in the store's own state machine.
 */
import type { Logger } from '../log.js';
import { describeError } from './reply.js';
import type { DeliveryDedupeStore } from './stores.js';

/** How long a delivery key is remembered: Slack retries for 5 minutes (24 h with delayed events enabled). */
export const DELIVERY_KEY_TTL_SECONDS = 24 * 3600;
/** Clicks on the same diagnosis button by the same person within this window count once. */
export const DOUBLE_CLICK_SECONDS = 10;
/** A remediation click Slack delivers again carries the same action_ts; remembered this long. */
export const CLICK_REDELIVERY_SECONDS = 3600;

export interface Claim {
  key: string;
  ttlSeconds: number;
}

export const CLAIMS = {
  /** One Events API delivery: Slack's retries repeat its event_id. */
  event: (eventId: string): Claim => ({ key: `event:${eventId}`, ttlSeconds: DELIVERY_KEY_TTL_SECONDS }),
  /** One posted message, answered once whichever listener sees it first (automatic triage or a mention). */
  message: (channel: string, ts: string): Claim => ({
    key: `message:${channel}:${ts}`,
    ttlSeconds: DELIVERY_KEY_TTL_SECONDS,
  }),
  /** A double click on a diagnosis button (same person, same button, same message). */
  diagnosisClick: (channel: string, messageTs: string, actionId: string, userId: string): Claim => ({
    key: `click:${channel}:${messageTs}:${actionId}:${userId}`,
    ttlSeconds: DOUBLE_CLICK_SECONDS,
  }),
  /** A remediation click Slack delivered twice (same person, same button, same action_ts). */
  remediationClick: (actionId: string, userId: string, actionTs: string): Claim => ({
    key: `remediation:${actionId}:${userId}:${actionTs}`,
    ttlSeconds: CLICK_REDELIVERY_SECONDS,
  }),
} as const;

/** True for the first delivery of `claim`, and whenever the store cannot tell (see above). Never throws. */
export async function claimFirst(
  deps: { dedupe: DeliveryDedupeStore; logger: Logger },
  claim: Claim,
): Promise<boolean> {
  try {
    return await deps.dedupe.claim(claim.key, claim.ttlSeconds);
  } catch (error) {
    deps.logger.warn(
      { error: describeError(error), claim: claim.key.split(':')[0] },
      'delivery de-duplication unavailable; handling the delivery',
    );
    return true;
  }
}
