/**
 * Cause builders for the checks: the DESIGN cause ids with a default title, so that every check words the same
 * cause the same way. A check supplies the facts (why) and the specific fix steps.
 */
import type { Cause, CauseId } from '../report.js';

export const CAUSE_TITLES: Record<CauseId, string> = {
  key_not_found: 'Access key not found',
  key_inactive: 'Access key deactivated',
  session_token_mismatch: 'Session token does not match the key',
  temp_credentials_expired: 'Temporary credentials expired',
  secret_key_mismatch: 'Wrong secret access key',
  clock_skew: 'Client clock is off',
  wrong_profile_or_env: 'Other credentials than intended were used',
  region_unsupported: 'Bedrock or the model is not offered in that region',
  opt_in_region_token: 'Opt-in region not enabled (or v1 global STS token)',
  missing_iam_permission: 'Missing IAM permission (implicit deny)',
  explicit_deny: 'Explicit deny (SCP, boundary or policy)',
  model_access_not_granted: 'Model access not granted',
  inference_profile_required: 'Model needs an inference profile',
  invalid_model_id: 'Invalid model id',
  account_issue: 'Account problem',
  key_not_propagated: 'Key too new: IAM has not propagated it yet',
  bedrock_api_key: 'Bedrock API key problem',
  unknown: 'Unknown cause',
};

export function cause(id: CauseId, confidence: number, why: string, fix: string[], title?: string): Cause {
  return {
    id,
    confidence: Math.max(0, Math.min(1, Math.round(confidence * 100) / 100)),
    title: title ?? CAUSE_TITLES[id],
    why,
    fix,
  };
}
