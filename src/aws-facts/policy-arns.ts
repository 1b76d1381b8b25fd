/**
 * The policy an AccessDenied message names (bedrock-2025-2026 section 1.5; AWS Security Blog "Enhanced access denied
 * error messages with policy ARNs"; IAM user guide "Troubleshoot access denied error messages"):
 *
 *   ... with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd
 *
 * The phrase names the policy TYPE (since 2021), the ARN after it names the policy (since about January 2026, same
 * account or same organization only, rolling out). Verified against the documentation: the SCP example above and the
 * list of types it covers (SCP, RCP, permissions boundary, session policy, identity-based policy). Assumption [U]: the
 * RCP ARN has the same shape with `resource_control_policy` (as Organizations policy ARNs of every type do:
 * `arn:aws:organizations::MGMT:policy/o-ORG/TYPE/p-ID`, Organizations API reference, PolicySummary.Arn); for
 * identity-based policies and boundaries the ARN is the managed policy's (`arn:aws:iam::ACCOUNT:policy/PATH/NAME`);
 * an inline policy has no ARN, so the message may name none.
 */
import { ACCOUNT_ID_PATTERN } from './account-ids.js';
import { ARN_PARTITION_PATTERN } from './partitions.js';

/** The policy types an AccessDenied message names. */
export const DENYING_POLICY_TYPES = [
  'scp',
  'rcp',
  'permissions_boundary',
  'session',
  'identity',
  'resource',
  'vpc_endpoint',
] as const;
export type DenyingPolicyType = (typeof DENYING_POLICY_TYPES)[number];

/** How each type reads in a report. */
export const DENYING_POLICY_TYPE_NAMES: Record<DenyingPolicyType, string> = {
  scp: 'service control policy (SCP)',
  rcp: 'resource control policy (RCP)',
  permissions_boundary: 'permissions boundary',
  session: 'session policy',
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  vpc_endpoint: 'VPC endpoint policy',
};

/** The words AWS uses for the type, after "with an explicit deny in a(n)" or "because no". */
const TYPE_WORDS: readonly (readonly [RegExp, DenyingPolicyType])[] = [
  [/^service control polic/i, 'scp'],
  [/^resource control polic/i, 'rcp'],
  [/^permissions? boundar/i, 'permissions_boundary'],
  [/^session polic/i, 'session'],
  [/^identity[- ]based polic/i, 'identity'],
  [/^resource[- ]based polic/i, 'resource'],
  [/^VPC endpoint polic/i, 'vpc_endpoint'],
];

export function denyingPolicyTypeOf(words: string): DenyingPolicyType | undefined {
  const trimmed = words.trim();
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(trimmed)) return type;
  return undefined;
}

const P = ARN_PARTITION_PATTERN;
const A = ACCOUNT_ID_PATTERN;

/** arn:P:organizations::MGMT:policy/o-ORG/TYPE/p-ID (AWS managed SCPs: arn:aws:organizations::aws:policy/TYPE/p-FullAWSAccess). */
const ORG_POLICY_ARN = new RegExp(
  `^arn:(${P}):organizations::(${A}|aws):policy\\/(?:(o-[a-z0-9]{10,32})\\/)?([a-z_]+)\\/(p-[0-9a-zA-Z_]{8,128})$`,
);
/** arn:P:iam::ACCOUNT|aws:policy/PATH/NAME */
const IAM_POLICY_ARN = new RegExp(`^arn:(${P}):iam::(${A}|aws):policy(\\/(?:[\\w+=,.@-]+\\/)*)([\\w+=,.@-]{1,128})$`);

export type PolicyArn =
  | {
      kind: 'organizations';
      arn: string;
      partition: string;
      /** The management account of the organization ('aws' for AWS managed policies). */
      managementAccountId: string;
      organizationId?: string;
      /** service_control_policy, resource_control_policy, ... */
      policyType: string;
      policyId: string;
    }
  | {
      kind: 'iam';
      arn: string;
      partition: string;
      /** The account of a customer managed policy, or 'aws' for an AWS managed one. */
      accountId: string;
      path: string;
      name: string;
    };

export function parsePolicyArn(arn: string): PolicyArn | undefined {
  const org = ORG_POLICY_ARN.exec(arn);
  if (org) {
    const parsed: PolicyArn = {
      kind: 'organizations',
      arn,
      partition: org[1] ?? 'aws',
      managementAccountId: org[2] ?? '',
      policyType: org[4] ?? '',
      policyId: org[5] ?? '',
    };
    if (org[3]) parsed.organizationId = org[3];
    return parsed;
  }
  const iam = IAM_POLICY_ARN.exec(arn);
  if (iam) {
    return {
      kind: 'iam',
      arn,
      partition: iam[1] ?? 'aws',
      accountId: iam[2] ?? '',
      path: iam[3] ?? '/',
      name: iam[4] ?? '',
    };
  }
  return undefined;
}

/** The type an Organizations policy ARN itself says (its TYPE segment). */
export function typeOfOrganizationsPolicy(arn: PolicyArn): DenyingPolicyType | undefined {
  if (arn.kind !== 'organizations') return undefined;
  if (arn.policyType === 'service_control_policy') return 'scp';
  if (arn.policyType === 'resource_control_policy') return 'rcp';
  return undefined;
}

export interface DenyingPolicyMention {
  type: DenyingPolicyType;
  /** Explicit deny ("with an explicit deny in a ...") or implicit ("because no ... allows"). */
  explicit: boolean;
  arn?: string;
}

/** The denying phrase of an AccessDenied message: "with an explicit deny in a TYPE[: ARN]". */
const EXPLICIT_DENY = new RegExp(
  `with an explicit deny in (?:a|an|the) ([A-Za-z -]{3,40}?polic(?:y|ies)|permissions? boundary(?: policy)?)(?:[ \\t]*:[ \\t]*(arn:${P}:(?:organizations|iam)::(?:${A}|aws):policy\\/[\\w+=,.@/-]{1,512}))?`,
  'i',
);
/** "because no TYPE allows the ACTION action" (implicit: no ARN is named). */
const IMPLICIT_DENY = /because no ([A-Za-z -]{3,40}?polic(?:y|ies)|permissions? boundary(?: policy)?) allows/i;

/** The policy an AccessDenied text names (first explicit deny; else the implicit one), or undefined. */
export function findDenyingPolicy(text: string): DenyingPolicyMention | undefined {
  const explicit = EXPLICIT_DENY.exec(text);
  if (explicit) {
    const arn = explicit[2] ? explicit[2].replace(/[.,;:]+$/, '') : undefined;
    const parsed = arn ? parsePolicyArn(arn) : undefined;
    const type = denyingPolicyTypeOf(explicit[1] ?? '') ?? (parsed ? typeOfOrganizationsPolicy(parsed) : undefined);
    if (type) {
      const mention: DenyingPolicyMention = { type, explicit: true };
      if (parsed) mention.arn = parsed.arn;
      return mention;
    }
  }
  const implicit = IMPLICIT_DENY.exec(text);
  if (implicit) {
    const type = denyingPolicyTypeOf(implicit[1] ?? '');
    if (type) return { type, explicit: false };
  }
  return undefined;
}

/** Where a person reads the policy by hand (when the bot cannot). */
export function whereToReadPolicy(type: DenyingPolicyType, arn: PolicyArn | undefined): string {
  if (arn?.kind === 'organizations') {
    const where =
      arn.managementAccountId === 'aws'
        ? 'an AWS managed policy'
        : `in the management account ${arn.managementAccountId} (or a delegated administrator account)`;
    return `aws organizations describe-policy --policy-id ${arn.policyId} (${where})`;
  }
  if (arn?.kind === 'iam') {
    return `aws iam get-policy --policy-arn ${arn.arn}, then aws iam get-policy-version --policy-arn ${arn.arn} --version-id <DefaultVersionId>`;
  }
  switch (type) {
    case 'scp':
    case 'rcp':
      return (
        'aws organizations list-policies-for-target --target-id <account id> --filter ' +
        (type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY') +
        ' (in the management account), and for each parent OU up to the root'
      );
    case 'session':
      return 'the session policy is passed when the session is created (AssumeRole Policy/PolicyArns, federation): see requestParameters of that call in CloudTrail';
    case 'permissions_boundary':
      return 'aws iam get-user / get-role: PermissionsBoundary.PermissionsBoundaryArn, then get-policy-version';
    default:
      return 'aws iam list-attached-user-policies / list-user-policies (or the role variants) for the principal';
  }
}
