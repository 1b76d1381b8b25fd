/**
 * The IAM actions the diagnosis needs, by principal. infra/diagnostic-role.yaml grants exactly DIAGNOSTIC_ROLE_ACTIONS
 * (a test reads the template and the calls in src/diagnosis and keeps the three in step).
 */

/**
 * `required`: in the diagnostic role since its first template, so every deployed role has it unless something
 * (an edit, an SCP, a boundary) takes it away; the core checks cannot run without it. `optional`: added to the
 * template later, so a role deployed from an older template lacks it; only a deeper look needs it, and the
 * diag_role check lists what is missing instead of the diagnosis failing.
 */
export type RolePermissionNeed = 'required' | 'optional';

/** The kind of resource the template grants the action on (its own account's users, roles, policies, or '*'). */
export type RoleResourceKind = 'user' | 'role' | 'policy' | 'any';

export interface RolePermission {
  action: string;
  need: RolePermissionNeed;
  /** What the diagnosis cannot see without it, in a few words. */
  serves: string;
  /** What diag_role simulates the action on (infra/diagnostic-role.yaml's Resource for it); default 'any'. */
  resource?: RoleResourceKind;
}

/** What the read-only diagnostic role in the target account must allow (sts:GetCallerIdentity needs nothing). */
export const DIAGNOSTIC_ROLE_PERMISSIONS: readonly RolePermission[] = [
  {
    action: 'iam:GetAccessKeyLastUsed',
    need: 'required',
    serves: "the key's user, last use and region",
    resource: 'user',
  },
  {
    action: 'iam:ListAccessKeys',
    need: 'required',
    serves: "the key's status (Active / Inactive) and age",
    resource: 'user',
  },
  { action: 'iam:GetUser', need: 'required', serves: "the key's user ARN and permissions boundary", resource: 'user' },
  { action: 'iam:SimulatePrincipalPolicy', need: 'required', serves: 'the permissions simulation', resource: 'user' },
  { action: 'bedrock:ListFoundationModels', need: 'required', serves: "the region's model catalog" },
  { action: 'bedrock:GetFoundationModelAvailability', need: 'required', serves: 'model access and agreements' },
  { action: 'bedrock:GetInferenceProfile', need: 'required', serves: 'the inference profile and its regions' },
  { action: 'bedrock:ListInferenceProfiles', need: 'required', serves: "the region's inference profiles" },
  { action: 'iam:ListServiceSpecificCredentials', need: 'optional', serves: 'Bedrock API keys (api_key check)' },
  {
    action: 'iam:ListAttachedUserPolicies',
    need: 'optional',
    serves: 'the policies of Bedrock API key users',
    resource: 'user',
  },
  // permissions: the statement of the policy an AccessDenied message names (managed policies and boundaries, and
  // the principal's inline policies).
  {
    action: 'iam:GetPolicy',
    need: 'optional',
    serves: 'the denying statement of a managed policy or boundary',
    resource: 'policy',
  },
  {
    action: 'iam:GetPolicyVersion',
    need: 'optional',
    serves: 'the denying statement of a managed policy or boundary',
    resource: 'policy',
  },
  {
    action: 'iam:ListUserPolicies',
    need: 'optional',
    serves: "the denying statement of a user's inline policy",
    resource: 'user',
  },
  {
    action: 'iam:GetUserPolicy',
    need: 'optional',
    serves: "the denying statement of a user's inline policy",
    resource: 'user',
  },
  {
    action: 'iam:ListRolePolicies',
    need: 'optional',
    serves: "the denying statement of a role's inline policy",
    resource: 'role',
  },
  {
    action: 'iam:GetRolePolicy',
    need: 'optional',
    serves: "the denying statement of a role's inline policy",
    resource: 'role',
  },
  // cloudtrail: the failing call in the event history of the source region.
  { action: 'cloudtrail:LookupEvents', need: 'optional', serves: 'the failing call in CloudTrail' },
  // guardrails: the account-level enforced guardrail configuration of the region (List, no resource type).
  {
    action: 'bedrock:ListEnforcedGuardrailsConfiguration',
    need: 'optional',
    serves: "the account's enforced guardrails",
  },
];

export const DIAGNOSTIC_ROLE_ACTIONS: readonly string[] = DIAGNOSTIC_ROLE_PERMISSIONS.map((p) => p.action);

/** What the optional organization reader role (ORG_READER_ROLE_ARN, infra/org-reader-role.yaml) must allow. */
export const ORG_READER_PERMISSIONS: readonly RolePermission[] = [
  { action: 'organizations:DescribePolicy', need: 'optional', serves: 'the denying statement of an SCP or RCP' },
  // guardrails: the account's effective Amazon Bedrock policy (organization-level enforced guardrails).
  {
    action: 'organizations:DescribeEffectivePolicy',
    need: 'optional',
    serves: 'organization-level enforced guardrails',
  },
  // guardrails: the resource-based policy of an enforced guardrail of this account (the management account's).
  {
    action: 'bedrock:GetResourcePolicy',
    need: 'optional',
    serves: "an organization guardrail's resource-based policy",
  },
];

export const ORG_READER_ACTIONS: readonly string[] = ORG_READER_PERMISSIONS.map((p) => p.action);

/** What the bot's own identity must allow (infra/bot-runtime-role.yaml): assume the role, read key owners. */
export const BOT_ACTIONS = ['sts:AssumeRole', 'sts:GetAccessKeyInfo'] as const;

/** Calls that need no IAM permission at all. */
export const PERMISSIONLESS_ACTIONS = ['sts:GetCallerIdentity'] as const;
