/**
 * The denying policy, named and shown: the AccessDenied message names the policy type and (since 2026) its ARN
 * (triage entities denyingPolicyType / denyingPolicyArn). This reads what the diagnosis may read and finds the
 * statement that denies the action, with its Sid and condition:
 *
 * - a managed identity policy or permissions boundary (ARN given, or the user's boundary): GetPolicy + GetPolicyVersion;
 * - an identity-based deny without an ARN (inline policies have none): the principal's inline policies;
 * - an SCP or RCP: organizations:DescribePolicy through ORG_READER_ROLE_ARN; without it, where to read it;
 * - a session policy: never readable afterwards (passed when the session was made): where to look.
 *
 * Never throws for a policy it cannot read: it says why and where to read it by hand.
 */
import {
  DENYING_POLICY_TYPE_NAMES,
  type DenyingPolicyType,
  type PolicyArn,
  parsePolicyArn,
  whereToReadPolicy,
} from '../aws-facts/policy-arns.js';
import type { Evidence } from '../report.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';
import { inlinePolicies, managedPolicyDocument, organizationsPolicy, type PolicyDocument } from './policy-documents.js';
import { denyingStatements, describeStatement } from './policy-statements.js';
import type { SimulationPrincipal } from './principal.js';

export interface DenyingPolicyFinding {
  type: DenyingPolicyType;
  arn?: string;
  /** What to show, label -> value. */
  evidence: Evidence;
  /** The statements that deny the action, described (Sid, actions, resources, condition). */
  statements: string[];
  /** True when the policy document itself was read. */
  read: boolean;
  /** One sentence for a cause's "why". */
  sentence: string;
  /** Where a person reads the policy when the bot could not (empty when it was read). */
  where?: string;
  /** Read permissions the diagnostic role (or the reader role) lacked: optional, reported, never fatal. */
  missingPermissions: string[];
}

export function readDenyingPolicy(
  ctx: DiagnosisContext,
  principal: SimulationPrincipal | undefined,
  actions: readonly string[],
  resources: readonly string[],
): Promise<DenyingPolicyFinding | undefined> {
  const mention = ctx.input.denyingPolicy;
  if (!mention) return Promise.resolve(undefined);
  return ctx.shared('denyingPolicy', () => find(ctx, mention, principal, actions, resources));
}

async function find(
  ctx: DiagnosisContext,
  mention: { type: DenyingPolicyType; arn?: string },
  principal: SimulationPrincipal | undefined,
  actions: readonly string[],
  resources: readonly string[],
): Promise<DenyingPolicyFinding> {
  const parsed = mention.arn ? parsePolicyArn(mention.arn) : undefined;
  const typeName = DENYING_POLICY_TYPE_NAMES[mention.type];
  const named = mention.arn ? `${typeName} ${mention.arn}` : `a ${typeName}`;
  const base: DenyingPolicyFinding = {
    type: mention.type,
    evidence: { 'denying policy (named by the error)': mention.arn ? `${typeName}: ${mention.arn}` : typeName },
    statements: [],
    read: false,
    sentence: `The error names ${named} as the policy that denies the call`,
    missingPermissions: [],
  };
  if (mention.arn) base.arn = mention.arn;

  let documents: PolicyDocument[] | undefined;
  let unreadable: string | undefined;
  try {
    const loaded = await load(ctx, mention.type, parsed, principal);
    if (typeof loaded === 'string') unreadable = loaded;
    else documents = loaded;
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.info.kind === 'aborted') throw error;
    if (error.info.kind === 'access_denied') base.missingPermissions.push(error.action);
    unreadable =
      error.info.kind === 'access_denied'
        ? `the ${error.caller === 'org' ? 'organization reader role' : 'diagnostic role'} may not call ${error.action} (${error.info.name}); update it from ${error.caller === 'org' ? 'infra/org-reader-role.yaml' : 'infra/diagnostic-role.yaml'}`
        : `${error.action} failed: ${error.info.name}: ${error.info.message}`;
  }

  if (!documents) {
    const where = whereToReadPolicy(mention.type, parsed);
    base.where = where;
    base.evidence['denying statement'] = `not read: ${unreadable ?? 'not readable'}. Read it with: ${where}`;
    return base;
  }
  base.read = true;
  const matches = documents.flatMap((doc) =>
    actions.flatMap((action) =>
      denyingStatements(doc.document, action, resources).map((m) => ({ doc, m, text: describeStatement(m.statement) })),
    ),
  );
  const seen = new Set<string>();
  for (const { doc, text } of matches) {
    const line = documents.length > 1 || !mention.arn ? `${text} (in ${doc.source})` : text;
    if (seen.has(line)) continue;
    seen.add(line);
    base.statements.push(line);
  }
  if (documents.length === 1 && documents[0]?.versionId) {
    base.evidence['policy version read'] = documents[0].versionId;
  }
  if (base.statements.length > 0) {
    base.evidence['denying statement'] = base.statements.length === 1 ? (base.statements[0] ?? '') : base.statements;
    base.sentence += `; the statement that denies it: ${base.statements.join('; ')}`;
  } else {
    base.evidence['denying statement'] =
      `read ${documents.map((d) => d.source).join(', ') || 'no policy'}: no Deny statement matches ${actions.join(', ')}` +
      ' (the deny may be in another policy of the same type: AWS names only one)';
    base.sentence += `, but no Deny statement in what was read matches ${actions.join(', ')}`;
  }
  return base;
}

/** The documents to search, or a sentence saying why there are none to read. */
async function load(
  ctx: DiagnosisContext,
  type: DenyingPolicyType,
  parsed: PolicyArn | undefined,
  principal: SimulationPrincipal | undefined,
): Promise<PolicyDocument[] | string> {
  if (parsed?.kind === 'organizations') {
    if (!ctx.orgReader) {
      return 'ORG_READER_ROLE_ARN is not configured, so the bot cannot read organization policies';
    }
    const doc = await organizationsPolicy(ctx, parsed.policyId);
    return doc ? [doc] : 'ORG_READER_ROLE_ARN is not configured';
  }
  if (parsed?.kind === 'iam') {
    if (parsed.accountId !== 'aws' && parsed.accountId !== ctx.input.accountId) {
      return `the policy is in account ${parsed.accountId}, not the diagnosed account ${ctx.input.accountId}`;
    }
    return [await managedPolicyDocument(ctx, parsed.arn)];
  }
  switch (type) {
    case 'scp':
    case 'rcp':
      return 'the error names no policy ARN, and an organization has many policies of this type';
    case 'session':
      return 'a session policy is passed when the session is created and cannot be read afterwards';
    case 'permissions_boundary':
      if (principal?.boundaryArn) return [await managedPolicyDocument(ctx, principal.boundaryArn)];
      return principal
        ? `${principal.kind} ${principal.name} has no permissions boundary the bot could read`
        : 'no principal known';
    case 'identity':
      if (!principal) return 'no principal known (give --principal or --key)';
      return await inlinePolicies(ctx, principal);
    default:
      return 'the bot does not read this policy type';
  }
}
