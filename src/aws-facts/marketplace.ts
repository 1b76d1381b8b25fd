/**
 * First use of a third-party model (bedrock-2025-2026 section 1.2; Bedrock user guide "Access Amazon Bedrock
 * foundation models" and "Troubleshooting API error codes"): the first call starts a background AWS Marketplace
 * subscription (up to 15 minutes) that can fail later. What each answer means and what to do about it, which
 * providers' models are sold through Marketplace, and which Marketplace actions the first caller needs.
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

/**
 * The AWS Marketplace actions the first caller of a third-party model needs, so that Bedrock's background
 * subscription can be made in its name. Verified (Bedrock user guide, "Grant IAM permissions to request access to
 * Amazon Bedrock foundation models with a product ID", model-access-permissions.html; re:Post knowledge center
 * "bedrock-resolve-marketplace-permission"): the identity "must have a policy attached that allows
 * aws-marketplace:Subscribe", and the AccessDenied of a failed first call names "the required AWS Marketplace
 * actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe)". The user guide also lists
 * aws-marketplace:Unsubscribe among the prerequisites; no error names it and the first call does not use it, so it is
 * not simulated (an assumption: documented as a prerequisite, not observed as a cause).
 */
export const MARKETPLACE_SUBSCRIBE_ACTIONS = [
  'aws-marketplace:Subscribe',
  'aws-marketplace:ViewSubscriptions',
] as const;

/**
 * Condition key that limits aws-marketplace:Subscribe to given products (user guide, model-access-product-ids.html:
 * for the Subscribe action only). A simulation without it cannot decide a statement conditioned on it.
 */
export const MARKETPLACE_PRODUCT_ID_KEY = 'aws-marketplace:ProductId';

/**
 * Model providers (the model id's prefix) whose Bedrock models are not sold through AWS Marketplace, so no
 * aws-marketplace permission is ever needed for them. Verified: Bedrock user guide, "Use product ID condition keys to
 * control access" (model-access-product-ids.html): "Models from the following providers aren't sold through AWS
 * Marketplace: Amazon, DeepSeek, Mistral AI, Meta, Qwen, OpenAI" (the same six in the re:Post knowledge center
 * article). Anthropic, AI21 Labs, Cohere and Stability AI models have product ids in that page's table (sold
 * through Marketplace); a provider in neither list is taken as sold through Marketplace too (an assumption: the page
 * names the exceptions, not every seller).
 */
const NOT_SOLD_THROUGH_MARKETPLACE: Readonly<Record<string, string>> = {
  amazon: 'Amazon',
  deepseek: 'DeepSeek',
  mistral: 'Mistral AI',
  meta: 'Meta',
  qwen: 'Qwen',
  openai: 'OpenAI',
};

export interface ModelSeller {
  /** The provider prefix of the model id (`anthropic` in `anthropic.claude-3-haiku-20240307-v1:0`). */
  provider: string;
  /** False for the providers AWS documents as not sold through AWS Marketplace. */
  marketplace: boolean;
  /** The provider's name as AWS writes it, for the documented first-party / non-Marketplace providers. */
  providerName?: string;
}

/** Whether a foundation model (by its id) is sold through AWS Marketplace. */
export function modelSellerOf(modelId: string): ModelSeller {
  const provider = modelId.split('.')[0]?.toLowerCase() ?? '';
  const providerName = NOT_SOLD_THROUGH_MARKETPLACE[provider];
  return providerName ? { provider, marketplace: false, providerName } : { provider, marketplace: true };
}

/** An aws-marketplace action named by a pasted AccessDenied (`aws-marketplace:Subscribe`). */
export function isMarketplaceAction(action: string | undefined): boolean {
  return typeof action === 'string' && /^aws-marketplace:/i.test(action);
}
