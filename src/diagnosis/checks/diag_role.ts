/**
 * diag_role (precondition): sts:AssumeRole into the read-only diagnostic role of the target account. On failure it
 * says exactly how to deploy or fix the role; every check that needs the role then says "skip".
 */
import { type AwsErrorInfo, classifyAwsError, deniedBy, describeAwsError } from '../../aws/errors.js';
import type { CheckDefinition, CheckOutcome } from '../check.js';
import { RoleUnavailableError } from '../check.js';
import type { DiagnosisContext } from '../context.js';

export const diagRoleCheck: CheckDefinition = {
  id: 'diag_role',
  title: 'Diagnostic role',
  async run(ctx) {
    try {
      const role = await ctx.role();
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
        },
      };
    } catch (error) {
      const reason = error instanceof RoleUnavailableError ? error.reason : error;
      return await failure(ctx, classifyAwsError(reason));
    }
  },
};

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
        `Deploy the diagnostic role in account ${account}: aws cloudformation deploy --template-file ` +
          'infra/diagnostic-role.yaml --stack-name bedrock-403-diagnostic-role --capabilities CAPABILITY_NAMED_IAM ' +
          `--parameter-overrides BotRoleArn=${botPrincipal} ExternalId=<value of DIAG_EXTERNAL_ID> ` +
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
