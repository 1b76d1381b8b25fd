/** Families of account-level blocks: operation not allowed, support case, suspended or unverified accounts. */
import type { Family } from './types.js';

const ERROR_CODES = 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html';

export const ACCOUNT_FAMILIES: readonly Family[] = [
  {
    id: 'operation_not_allowed',
    meaning:
      'ValidationException "Operation not allowed": Bedrock refuses the call for the whole account (new or ' +
      'unverified account, quota of 0); lifted by AWS Support.',
    doc: ERROR_CODES,
    wordings: ['operation not allowed'],
    prior: { account_issue: 0.8, model_access_not_granted: 0.15, region_unsupported: 0.05 },
    priorWhy: 'An account-level block (new or unverified account) that AWS Support lifts.',
    evidence: [],
  },
  {
    id: 'account_blocked',
    meaning:
      'The account itself is not allowed (BadCScoreException "Your account is not authorized to access this model", ' +
      '"please create a support case", suspended or closed accounts, OptInRequired).',
    doc: ERROR_CODES,
    wordings: [
      'your account is not authorized to access this model',
      // Bedrock for a new account whose card is still being validated (INVALID_PAYMENT_INSTRUMENT).
      'must have a valid payment instrument',
      'add a valid payment instrument',
      'account is not authorized to perform this action',
      'account is suspended',
      'account has been suspended',
      'account was suspended',
      'account is closed',
      'account was closed',
      'pending verification',
      'not subscribed to this service',
      'account is not yet activated',
      'account is currently being verified',
      'until your account is verified',
      'invalid_payment_instrument',
      // Bedrock's Marketplace answer when the account's payment method cannot pay for the subscription.
      'model access is denied due to invalid payment instrument',
      'valid payment instrument must be provided',
      // OptInRequired as AWS's common errors word it (some services answer SubscriptionRequiredException).
      'needs a subscription for the service',
      // The address EC2's Blocked and PendingVerification answers tell the account owner to write to.
      'aws-verification@amazon.com',
      // S3's AllAccessDisabled, "All access to this Amazon S3 resource has been disabled. Contact AWS Support for
      // further assistance." (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList):
      // AWS itself shut the bucket or its account off; no policy of the caller's turns it back on.
      'all access to this amazon s3 resource has been disabled',
      'all access to this object has been disabled',
      // Amazon Q Developer and Kiro (q chat, IDE plugins, CreateAssignment): the account or its Identity Center user
      // has no Q Developer Pro subscription (https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/q-admin-setup-subscribe-general.html;
      // aws/aws-toolkit-vscode#5716), an entitlement, not an IAM policy.
      'your account is not authorized to make this call',
    ],
    patterns: [
      // "Contact AWS Support" / "create a support case" alone is advice many messages end with (quotas, internal
      // errors): only about the account when the same sentence says so.
      /\baccount\b[^.\n]{0,100}\b(?:contact aws support|create a support case)\b|\b(?:contact aws support|create a support case)\b[^.\n]{0,60}\baccount\b/,
      /\b(?:account|user id|user)\b[^.\n]{0,40}\b(?:is|was|has been|got|been) (?:currently |temporarily |permanently )?(?:suspended|closed|locked|blocked)\b/,
      /\b(?:temporarily|permanently) is (?:suspended|locked|blocked)\b/,
      /\blocked (?:your|the) (?:account|user)\b/,
      // Control Tower / Organizations on a new member account: "... because activation of account 123456789012 not
      // complete. Try again in one hour." (one pasted copy reads "accout"; both spellings are matched).
      /\bactivation of (?:the |your )?(?:aws )?acc(?:ount|out)\b[^.\n]{0,40}\bnot (?:yet )?complete/,
    ],
    codes: [
      'BadCScoreException',
      'OptInRequired',
      'SubscriptionRequiredException',
      'PendingVerification',
      'AllAccessDisabled',
    ],
    // EC2 answers OptInRequired for a Marketplace product whose terms were not accepted: the message says so.
    codeYieldsTo: ['marketplace'],
    prior: { account_issue: 0.9, model_access_not_granted: 0.1 },
    priorWhy: 'AWS documents these for an account that Support must verify or unblock.',
    evidence: ['region_being_validated'],
  },
  {
    id: 'daily_token_quota',
    meaning:
      'Bedrock throttles on the account\'s tokens-per-day quota ("Too many tokens per day, please wait before trying ' +
      'again"): a per-account, per-model service quota, set low for new accounts, that only a quota increase or ' +
      'AWS Support raises; waiting a minute does not help.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html',
    wordings: ['too many tokens per day'],
    prior: { account_issue: 0.7, unknown: 0.3 },
    priorWhy:
      'A daily token quota is an account-level limit: new accounts get one far below the default, and the fix is a ' +
      "Service Quotas increase or a support case for the account; a workload that really spends the day's tokens " +
      'is the other reading (not an authentication problem).',
    evidence: [],
    commands: [
      'aws service-quotas list-service-quotas --service-code bedrock --query "Quotas[?contains(QuotaName, \'per day\')]"',
    ],
  },
  {
    id: 'token_limit_summary',
    meaning:
      "A client's own summary of a token limit that replaces AWS's message (Roo Code: '\"Too many tokens\" error " +
      'detected.\' for any message with "too many tokens" or a context-length complaint): Bedrock\'s per-minute ' +
      'throttle ("Too many tokens, please wait before trying again"), the daily token quota ("Too many tokens per ' +
      'day") and an input over the context window all look the same.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html',
    wordings: [
      // RooCodeInc/Roo-Code src/api/providers/bedrock.ts, ERROR_TYPES.TOO_MANY_TOKENS.
      '"too many tokens" error detected',
    ],
    yieldsTo: ['daily_token_quota'],
    prior: { unknown: 0.6, account_issue: 0.4 },
    priorWhy:
      'A context window overrun or a per-minute throttle is no account problem (unknown); the daily token quota that ' +
      'AWS sets low for new accounts is, and only a quota increase or AWS Support lifts it, so it stays in the answer ' +
      'while the text hides which one it was.',
    evidence: [],
    commands: [
      'aws service-quotas list-service-quotas --service-code bedrock --query "Quotas[?contains(QuotaName, \'per day\')]"',
    ],
  },
];
