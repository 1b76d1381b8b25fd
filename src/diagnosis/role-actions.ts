/**
 * The IAM actions the diagnosis needs, by principal. infra/diagnostic-role.yaml grants exactly DIAGNOSTIC_ROLE_ACTIONS
 * (a test reads the template and the calls in src/diagnosis and keeps the three in step).
 */

/** What the read-only diagnostic role in the target account must allow (sts:GetCallerIdentity needs nothing). */
export const DIAGNOSTIC_ROLE_ACTIONS = [
  'iam:GetAccessKeyLastUsed',
  'iam:ListAccessKeys',
  'iam:GetUser',
  'iam:ListServiceSpecificCredentials',
  'iam:ListAttachedUserPolicies',
  'iam:SimulatePrincipalPolicy',
  // permissions: the statement of the policy an AccessDenied message names (managed policies and boundaries, and
  // the principal's inline policies).
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListUserPolicies',
  'iam:GetUserPolicy',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  // cloudtrail: the failing call in the event history of the source region (optional: skipped when not granted).
  'cloudtrail:LookupEvents',
  'bedrock:ListFoundationModels',
  'bedrock:GetFoundationModelAvailability',
  'bedrock:GetInferenceProfile',
  'bedrock:ListInferenceProfiles',
  // guardrails: the account-level enforced guardrail configuration of the region (List, no resource type).
  'bedrock:ListEnforcedGuardrailsConfiguration',
] as const;

/** What the optional organization reader role (ORG_READER_ROLE_ARN, infra/org-reader-role.yaml) must allow. */
export const ORG_READER_ACTIONS = [
  'organizations:DescribePolicy',
  // guardrails: the account's effective Amazon Bedrock policy (organization-level enforced guardrails).
  'organizations:DescribeEffectivePolicy',
] as const;

/** What the bot's own identity must allow (infra/bot-runtime-role.yaml): assume the role, read key owners. */
export const BOT_ACTIONS = ['sts:AssumeRole', 'sts:GetAccessKeyInfo'] as const;

/** Calls that need no IAM permission at all. */
export const PERMISSIONLESS_ACTIONS = ['sts:GetCallerIdentity'] as const;
