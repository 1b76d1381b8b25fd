/**
 * When automatic triage speaks up (pure). A reply in a busy channel must be earned:
 *
 * - a pasted secret always gets the warning (a secret in a channel is leaked, whatever else the text says);
 * - otherwise the top non-`unknown` cause needs confidence >= AUTO_TRIAGE_MIN_CONFIDENCE (0.35) *and* the text
 *   must carry an AWS error signal (an error code or an HTTP 4xx status that triage extracted), or confidence >=
 *   AUTO_TRIAGE_MIN_CONFIDENCE_ALONE (0.6) on its own.
 *
 * Why 0.35: triage caps ambiguous matches at 0.5 (DESIGN section 2), and the commonest Bedrock error, "The security
 * token included in the request is invalid", is ambiguous by nature (key_not_found / session_token_mismatch /
 * opt_in_region_token), so a threshold at or above 0.5 would silence the case the bot exists for. The error
 * signal keeps chat that merely mentions "403" or "access denied" quiet.
 */
import type { Triage } from '../report.js';

export const AUTO_TRIAGE_MIN_CONFIDENCE = 0.35;
export const AUTO_TRIAGE_MIN_CONFIDENCE_ALONE = 0.6;
/** Shorter texts are never triaged automatically ("403?" is a question, not an error paste). */
export const AUTO_TRIAGE_MIN_LENGTH = 20;

export type AutoReplyDecision =
  | { reply: true; reason: 'secret' | 'confident' | 'error_signal' }
  | { reply: false; reason: 'too_short' | 'no_cause' | 'low_confidence' };

export function decideAutoReply(text: string, triage: Triage): AutoReplyDecision {
  if (triage.secretsFound) return { reply: true, reason: 'secret' };
  if (text.trim().length < AUTO_TRIAGE_MIN_LENGTH) return { reply: false, reason: 'too_short' };
  const top = triage.causes.find((c) => c.id !== 'unknown');
  if (!top) return { reply: false, reason: 'no_cause' };
  if (top.confidence >= AUTO_TRIAGE_MIN_CONFIDENCE_ALONE) return { reply: true, reason: 'confident' };
  const status = triage.entities.httpStatus;
  const signal = Boolean(triage.entities.errorCode) || (status !== undefined && status >= 400 && status < 500);
  if (signal && top.confidence >= AUTO_TRIAGE_MIN_CONFIDENCE) return { reply: true, reason: 'error_signal' };
  return { reply: false, reason: 'low_confidence' };
}
