/**
 * control_path (manual steps 7 and 8): the diagnostic role itself, a known-healthy principal, calls
 * sts:GetCallerIdentity through the STS endpoint of the region and bedrock:ListFoundationModels there. When both
 * work, the account and region are fine and a 403 comes from the caller's own credentials or permissions.
 */
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition } from '../check.js';

export const controlPathCheck: CheckDefinition = {
  id: 'control_path',
  title: 'Control path',
  async run(ctx) {
    const { regionInfo: info, accountId } = ctx.input;
    const region = info.code;
    const role = await ctx.role();
    const [identity, catalog] = await Promise.allSettled([
      ctx.callerIdentity(region),
      info.bedrock ? ctx.catalog(region) : Promise.resolve(undefined),
    ]);
    const evidence = {
      'diagnostic role': role.assumedRoleArn ?? role.roleArn,
      [`sts:GetCallerIdentity in ${region}`]:
        identity.status === 'fulfilled' ? `ok: ${identity.value.arn ?? 'no ARN'}` : reason(identity.reason),
      [`bedrock:ListFoundationModels in ${region}`]: !info.bedrock
        ? 'not called: Bedrock is not offered in this region'
        : catalog.status === 'fulfilled'
          ? `ok: ${catalog.value?.length ?? 0} models`
          : reason(catalog.reason),
    };
    const failed = [identity, catalog].find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') {
      const error = failed.reason;
      if (error instanceof AwsCallError && (error.info.kind === 'region_disabled' || error.info.kind === 'auth')) {
        const fix = [
          info.optIn
            ? `Enable the opt-in region ${region} for account ${accountId}, or use a default-enabled region`
            : `Check that ${region} is enabled (and STS active) for account ${accountId}`,
        ];
        return {
          status: 'fail',
          summary: `A healthy principal of account ${accountId} is refused in ${region} (${error.info.name}): the region is not usable for this account`,
          evidence,
          fix,
          causes: [
            cause(
              'opt_in_region_token',
              info.optIn ? 0.75 : 0.5,
              `The diagnostic role's valid credentials are refused in ${region} (${error.info.name})`,
              fix,
            ),
          ],
          headline: `Region ${region} is not usable for account ${accountId}: even the diagnostic role is refused there`,
        };
      }
      throw error;
    }
    if (!info.bedrock) {
      return {
        status: 'skip',
        summary: `STS answers in ${region}, but Bedrock is not offered there (see Region)`,
        evidence,
      };
    }
    const callerAccount = identity.status === 'fulfilled' ? identity.value.account : undefined;
    if (callerAccount && callerAccount !== accountId) {
      return {
        status: 'warn',
        summary: `The diagnostic role answered as account ${callerAccount}, not ${accountId}: check the role setup`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary:
        `The diagnostic role reaches STS and Bedrock in ${region}: account ${accountId} and the region work, so a 403 ` +
        "comes from the caller's own credentials, permissions or client",
      evidence,
    };
  },
};

function reason(error: unknown): string {
  return error instanceof AwsCallError
    ? `failed: ${error.info.name}: ${error.info.message}`
    : `failed: ${String(error)}`;
}
