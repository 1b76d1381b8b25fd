/**
 * First use of a third-party model (bedrock-2025-2026 section 1.2; Bedrock user guide "Access Amazon Bedrock
 * foundation models" and "Troubleshooting API error codes"): the first call starts a background AWS Marketplace
 * subscription (up to 15 minutes) that can fail later. What each answer means and what to do about it.
 */

export type FirstUseProblem =
  | 'agreement_being_created'
  | 'agreement_failed'
  | 'agreement_pending'
  | 'use_case_form'
  | 'account_not_authorized';

export interface FirstUseAdvice {
  problem: FirstUseProblem;
  /** What to do, in one line. */
  action: string;
}

/** The error code (or message) of the failing call -> what it means; undefined when it is none of these. */
export function firstUseProblemOf(errorCode: string | undefined, message = ''): FirstUseAdvice | undefined {
  const text = `${errorCode ?? ''} ${message}`;
  if (/MPAgreementBeingCreated/i.test(text)) {
    return {
      problem: 'agreement_being_created',
      action: 'Retry in 15 minutes: the Marketplace subscription is being created',
    };
  }
  if (/Agreement Failed/i.test(text)) {
    return {
      problem: 'agreement_failed',
      action:
        'Fix the payment method of the account (Billing > Payment preferences; a restricted geography also fails), then call again and allow about 2 minutes',
    };
  }
  if (/Agreement Pending/i.test(text)) {
    return {
      problem: 'agreement_pending',
      action: 'Contact AWS Support: the Marketplace agreement is still pending after 15 minutes',
    };
  }
  if (/FTUFormNotFilled/i.test(text)) {
    return {
      problem: 'use_case_form',
      action:
        'Submit the Anthropic use-case form once for the account (or the organization management account), then retry',
    };
  }
  if (/BadCScoreException/i.test(text)) {
    return {
      problem: 'account_not_authorized',
      action: 'Contact AWS Support: the account is not authorized for this model',
    };
  }
  return undefined;
}
