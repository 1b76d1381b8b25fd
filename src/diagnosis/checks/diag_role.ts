/**
 * diag_role (precondition): sts:AssumeRole into the read-only diagnostic role of the target account. On failure it
 * says exactly how to deploy or fix the role; every check that needs the role then says "skip". Once every check
 * has run, withRoleRefusals adds what the role (or the organization reader role) was refused: an optional
 * permission an older template lacks warns, a required one fails, each with what it serves and how to update.
 */
import { type AwsErrorInfo, classifyAwsError, deniedBy, describeAwsError } from '../../aws/errors.js';
import type { CheckDefinition, CheckOutcome } from '../check.js';
import { RoleUnavailableError } from '../check.js';
import type { DiagnosisContext, RoleRefusal } from '../context.js';
import { DIAGNOSTIC_ROLE_PERMISSIONS, ORG_READER_PERMISSIONS, type RolePermission } from '../role-actions.js';
import { checkRolePermissions, describeSelfCheck } from '../role-self-check.js';

export const diagRoleCheck: CheckDefinition = {
  id: 'diag_role',
  title: 'Diagnostic role',
  async run(ctx) {
    try {
      const role = await ctx.role();
      const permissions = await checkRolePermissions(ctx);
      return {
        status: 'pass',
        summary:
          `Assumed ${ctx.roleRequest.roleName} in ${ctx.input.accountId} as session ${role.sessionName}` +
          (role.fromCache ? ' (cached session reused)' : ''),
        evidence: {
          'role ARN': role.roleArn,
          session: role.assumedRoleArn ?? role.sessionName,
          'session expires': role.credentials.expiration.toISOString(),
          'reused cached session': role.fromCache,
          'role permissions (simulated)': describeSelfCheck(permissions),
        },
      };
    } catch (error) {
      const reason = error instanceof RoleUnavailableError ? error.reason : error;
      return await failure(ctx, classifyAwsError(reason));
    }
  },
};

const DEPLOY_ROLE =
  'aws cloudformation deploy --template-file infra/diagnostic-role.yaml --stack-name bedrock-403-diagnostic-role ' +
  '--capabilities CAPABILITY_NAMED_IAM';

/**
 * The diag_role outcome once every check has run: unchanged when nothing was refused; else the missing permissions
 * with what each serves (evidence), `warn` when all are optional (a role from an older template: the checks that
 * need them said what they could not see), `fail` when a required one is missing (core checks could not run).
 */
export function withRoleRefusals(
  ctx: DiagnosisContext,
  outcome: CheckOutcome,
  refusals: readonly RoleRefusal[],
): CheckOutcome {
  if (outcome.status !== 'pass' || refusals.length === 0) return outcome;
  const { roleName } = ctx.roleRequest;
  const account = ctx.input.accountId;
  const role = refusals.filter((r) => r.caller === 'role').map((r) => ({ ...r, ...permission(r, 'role') }));
  const org = refusals.filter((r) => r.caller === 'org').map((r) => ({ ...r, ...permission(r, 'org') }));
  const required = role.filter((r) => r.need === 'required');
  const optional = role.filter((r) => r.need === 'optional');
  const line = (r: RoleRefusal & RolePermission) =>
    `${r.action}: ${r.serves}${r.deniedBy && r.deniedBy !== 'implicit' ? ` (explicit deny in a ${r.deniedBy})` : ''}`;

  const evidence = { ...outcome.evidence };
  if (required.length > 0) evidence['missing required permissions'] = required.map(line);
  if (optional.length > 0) evidence['missing optional permissions'] = optional.map(line);
  if (org.length > 0) evidence['organization reader role lacks'] = org.map(line);

  const fix: string[] = [];
  if (role.length > 0) {
    fix.push(
      `Update the diagnostic role in account ${account} to the current infra/diagnostic-role.yaml: ${DEPLOY_ROLE} ` +
        '(an existing stack keeps its parameters), or update the StackSet with --template-body ' +
        'file://infra/diagnostic-role.yaml (docs/deployment.md)',
    );
    const explicit = role.filter((r) => r.deniedBy && r.deniedBy !== 'implicit');
    fix.push(
      explicit.length > 0
        ? `An explicit deny in a ${[...new Set(explicit.map((r) => r.deniedBy))].join(' and a ')} refuses ` +
            `${explicit.map((r) => r.action).join(', ')} to ${roleName}: ask its owners to exempt the role`
        : `If the role is current, an SCP or permissions boundary in account ${account} takes these from ${roleName}`,
    );
  }
  if (org.length > 0) {
    fix.push(
      `Update the organization reader role (${ctx.orgReader?.roleArn ?? 'ORG_READER_ROLE_ARN'}) from ` +
        'infra/org-reader-role.yaml: it must allow ' +
        org.map((r) => r.action).join(', '),
    );
  }

  const names = (list: { action: string }[]) => list.map((r) => r.action).join(', ');
  const assumed = outcome.summary;
  if (required.length > 0) {
    return {
      ...outcome,
      status: 'fail',
      summary:
        `${assumed}, but the role may not call ${names(required)}, which every version of the role grants: ` +
        'the checks that need it could not run',
      evidence,
      fix,
      headline: `Could not fully check account ${account}: the diagnostic role ${roleName} may not call ${names(required)}`,
    };
  }
  const lacks = [
    ...(optional.length > 0
      ? [
          `the role lacks ${optional.length} optional permission${optional.length === 1 ? '' : 's'} (${names(optional)})`,
        ]
      : []),
    ...(org.length > 0 ? [`the organization reader role lacks ${names(org)}`] : []),
  ];
  return {
    ...outcome,
    status: 'warn',
    summary:
      `${assumed}; ${lacks.join(' and ')}: ` +
      `${optional.length > 0 ? 'it was likely deployed from an older template, and ' : ''}the checks that need ` +
      `${role.length + org.length === 1 ? 'it' : 'them'} could not look as deep`,
    evidence,
    fix,
  };
}

function permission(refusal: RoleRefusal, caller: 'role' | 'org'): Omit<RolePermission, 'action'> {
  const table = caller === 'role' ? DIAGNOSTIC_ROLE_PERMISSIONS : ORG_READER_PERMISSIONS;
  const known = table.find((p) => p.action === refusal.action);
  return known ? { need: known.need, serves: known.serves } : { need: 'required', serves: 'a call of the diagnosis' };
}

async function failure(ctx: DiagnosisContext, info: AwsErrorInfo): Promise<CheckOutcome> {
  const { roleName, roleArn, sessionName, externalIdConfigured, stsRegion } = ctx.roleRequest;
  const account = ctx.input.accountId;
  const evidence = {
    'role ARN': roleArn,
    'session name': sessionName,
    'external id': externalIdConfigured ? 'sent (DIAG_EXTERNAL_ID)' : 'not set',
    'STS region': stsRegion,
    error: describeAwsError(info),
  };
  if (info.kind === 'aborted') throw Object.assign(new Error(info.message), { name: 'AbortError' });
  switch (info.kind) {
    case 'access_denied': {
      const bot = await botArn(ctx);
      const botPrincipal = bot ?? '<the bot role ARN>';
      const deny = deniedBy(info);
      const fix = [
        `Deploy the diagnostic role in account ${account}: ${DEPLOY_ROLE} --parameter-overrides ` +
          `BotRoleArn=${botPrincipal} ExternalId=<value of DIAG_EXTERNAL_ID> ` +
          `RoleName=${roleName} (or roll it out to every account with a StackSet: docs/deployment.md)`,
        `If the role exists: its trust policy must let ${botPrincipal} call sts:AssumeRole with sts:ExternalId equal ` +
          'to DIAG_EXTERNAL_ID and a session name matching diag-*',
        `Check that DIAG_ROLE_NAME (${roleName}) is the role's name and DIAG_EXTERNAL_ID is the external id it expects`,
        `The bot's own policy must allow sts:AssumeRole on arn:*:iam::*:role/${roleName} (infra/bot-runtime-role.yaml)`,
      ];
      if (deny && deny !== 'implicit') {
        fix.unshift(`An explicit deny in a ${deny} blocks the AssumeRole: ask the owners of that policy to allow it`);
      }
      return {
        status: 'fail',
        summary:
          `Could not assume ${roleArn}: AccessDenied. AWS gives this same answer when the role does not exist, when ` +
          'its trust policy does not trust the bot, and when the external id differs',
        evidence: { ...evidence, 'bot principal': bot ?? 'unknown' },
        fix,
        headline: `Could not check account ${account}: the diagnostic role ${roleName} could not be assumed (AccessDenied)`,
      };
    }
    case 'auth':
    case 'expired':
      return {
        status: 'error',
        summary: `The bot's own AWS credentials were rejected by STS (${info.name}): nothing could be checked`,
        evidence,
        fix: [
          'Fix the credentials the bot runs with (its role, AWS_PROFILE or environment): aws sts get-caller-identity ' +
            'must work in the bot environment',
        ],
        headline: `Could not check account ${account}: the bot's own AWS credentials were rejected (${info.name})`,
      };
    case 'no_credentials':
      return {
        status: 'error',
        summary:
          'The bot has no AWS credentials: the SDK default chain (env, profile, SSO, container, instance) found none',
        evidence,
        fix: [
          'Run the bot with an IAM role (ECS task role, instance profile, IRSA) or set AWS_PROFILE / AWS_* variables',
        ],
        headline: `Could not check account ${account}: the bot has no AWS credentials`,
      };
    case 'region_disabled':
      return {
        status: 'error',
        summary: `STS is not activated in ${stsRegion} for the bot's account: ${info.message}`,
        evidence,
        fix: [`Set AWS_REGION to a region where STS is active for the bot's account, such as us-east-1`],
        headline: `Could not check account ${account}: STS is not active in ${stsRegion} for the bot's account`,
      };
    default:
      return {
        status: 'error',
        summary: `Could not assume ${roleArn}: ${describeAwsError(info)}`,
        evidence,
        fix: ['Retry; if it persists, check the STS endpoint (AWS_ENDPOINT_URL_STS) and the bot network access'],
        headline: `Could not check account ${account}: assuming the diagnostic role failed (${info.name})`,
      };
  }
}

/** The bot's own ARN, for the trust-policy advice; undefined when it cannot be read quickly. */
async function botArn(ctx: DiagnosisContext): Promise<string | undefined> {
  try {
    return await ctx.botIdentity();
  } catch {
    return undefined;
  }
}
