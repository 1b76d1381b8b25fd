/**
 * When automatic triage speaks up (pure). A reply in a busy channel must be earned:
 *
 * - a pasted secret always gets the warning (a secret in a channel is leaked, whatever else the text says);
 * - a confident match speaks alone: the top non-`unknown` cause at >= AUTO_TRIAGE_MIN_CONFIDENCE_ALONE (0.5);
 * - a confident client-side reading speaks too: `unknown` first above 0.5 under a recognised AWS message (a proxy
 *   or a client's own signer changed the request, a non-AWS service answered): the fix is in the client, and
 *   silence would leave a real error unanswered;
 * - an ambiguous match speaks only with an AWS error signal in the text (an error code, an HTTP 4xx status, or a
 *   recognised AWS error message such as the bare SignatureDoesNotMatch sentence), when the ranked causes together explain it (their confidences, `unknown`'s included,
 *   sum to >= AUTO_TRIAGE_MIN_COMBINED_CONFIDENCE, 0.5) and the top non-`unknown` cause reaches
 *   AUTO_TRIAGE_MIN_TOP_CONFIDENCE (0.2). A client bug (`unknown`) is a hypothesis of its own, so it counts towards
 *   the explanation, but a reply needs at least one AWS-side cause to act on.
 *
 * Why: triage caps a match it cannot tell apart at 0.5 and spreads it over the candidates (DESIGN section 2), and
 * the commonest Bedrock error, "The security token included in the request is invalid", is ambiguous by nature
 * (session_token_mismatch 0.27, key_not_found 0.25, opt_in_region_token 0.14, ... together 0.86): a plain
 * top-cause threshold would silence the case the bot exists for. The error-signal requirement keeps chatter that
 * merely sounds like it ("I got access denied to the conference room": top 0.19, no code) quiet. Checked against
 * test/fixtures/corpus/errors.jsonl: every real error there gets a reply (test/slack/auto-triage-policy.test.ts).
 */
import type { Triage } from '../report.js';

export const AUTO_TRIAGE_MIN_CONFIDENCE_ALONE = 0.5;
export const AUTO_TRIAGE_MIN_COMBINED_CONFIDENCE = 0.5;
export const AUTO_TRIAGE_MIN_TOP_CONFIDENCE = 0.2;
/** Shorter texts are never triaged automatically ("403?" is a question, not an error paste). */
export const AUTO_TRIAGE_MIN_LENGTH = 20;

export type AutoReplyDecision =
  | { reply: true; reason: 'secret' | 'confident' | 'error_signal' }
  | { reply: false; reason: 'too_short' | 'no_cause' | 'low_confidence' };

export function decideAutoReply(text: string, triage: Triage): AutoReplyDecision {
  if (triage.secretsFound) return { reply: true, reason: 'secret' };
  if (text.trim().length < AUTO_TRIAGE_MIN_LENGTH) return { reply: false, reason: 'too_short' };
  const known = triage.causes.filter((c) => c.id !== 'unknown');
  const top = known[0];
  // Read by triage itself, from the same pass that ranked the causes (no second read of the text).
  const awsMessage = triage.awsMessage === true;
  const first = triage.causes[0];
  if (first?.id === 'unknown' && first.confidence > AUTO_TRIAGE_MIN_CONFIDENCE_ALONE && awsMessage) {
    return { reply: true, reason: 'confident' };
  }
  if (!top) return { reply: false, reason: 'no_cause' };
  if (top.confidence >= AUTO_TRIAGE_MIN_CONFIDENCE_ALONE) return { reply: true, reason: 'confident' };
  const status = triage.entities.httpStatus;
  const signal =
    Boolean(triage.entities.errorCode) || (status !== undefined && status >= 400 && status < 500) || awsMessage;
  const combined = triage.causes.reduce((sum, c) => sum + c.confidence, 0);
  if (signal && combined >= AUTO_TRIAGE_MIN_COMBINED_CONFIDENCE && top.confidence >= AUTO_TRIAGE_MIN_TOP_CONFIDENCE) {
    return { reply: true, reason: 'error_signal' };
  }
  return { reply: false, reason: 'low_confidence' };
}
