/**
 * region (manual step 4): the region code is valid, Bedrock is offered there, whether it is opt-in, and a live
 * bedrock:ListFoundationModels there (with the diagnostic role) to confirm the account can reach it.
 */
import { bedrockRegionsNear } from '../../aws-facts/regions.js';
import type { CauseId, Evidence } from '../../report.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition } from '../check.js';

export const regionCheck: CheckDefinition = {
  id: 'region',
  title: 'Region',
  async run(ctx) {
    const { regionInfo: info, regionSource, model, accountId } = ctx.input;
    const region = info.code;
    const evidence: Evidence = {
      region: `${region} (${info.name})`,
      'region from': regionSource === 'default' ? 'the bot default (no region given)' : regionSource,
      partition: info.partition,
      'opt-in region': info.optIn,
      'Bedrock offered (endpoint list)': info.bedrock,
    };
    if (!info.bedrock) {
      const near = bedrockRegionsNear(region);
      const fix = [
        `Call Bedrock in a region that offers it${near.length > 0 ? `, such as ${near.join(', ')}` : ''}`,
        'Check which region the client really uses (AWS_REGION, the SDK region option, the endpoint URL)',
      ];
      return {
        status: 'fail',
        summary: `Amazon Bedrock is not offered in ${region} (${info.name})`,
        evidence,
        fix,
        causes: [cause('region_unsupported', 0.9, `Bedrock has no endpoint in ${region}`, fix)],
        headline: `Amazon Bedrock is not offered in ${region} (${info.name})${near[0] ? `: use a region such as ${near[0]}` : ''}`,
      };
    }

    let models: Awaited<ReturnType<typeof ctx.catalog>>;
    try {
      models = await ctx.catalog(region);
    } catch (error) {
      if (error instanceof AwsCallError && (error.info.kind === 'auth' || error.info.kind === 'region_disabled')) {
        const fix = [
          info.optIn
            ? `Enable ${region} for account ${accountId} (Account settings > AWS Regions), or use a default-enabled region`
            : `Check that ${region} is enabled for account ${accountId}`,
        ];
        return {
          status: 'fail',
          summary:
            `Bedrock in ${region} refused the diagnostic role's valid credentials (${error.info.name}): ` +
            `the region is ${info.optIn ? 'opt-in and ' : ''}not enabled for account ${accountId}`,
          evidence: { ...evidence, error: error.message },
          fix,
          causes: [
            cause(
              'opt_in_region_token',
              0.8,
              `Valid credentials of account ${accountId} are refused in ${region}: the region is not enabled for the account`,
              fix,
            ),
          ],
          headline: `Region ${region} is not enabled for account ${accountId}: credentials are refused there`,
        };
      }
      throw error;
    }
    evidence['models offered'] = models.length;
    const refutes: CauseId[] = info.optIn ? [] : ['opt_in_region_token'];
    if (model?.kind === 'foundation-model') {
      const offered = models.some((m) => m.modelId === model.modelId);
      evidence['model offered here'] = offered;
      if (!offered) {
        const fix = [
          `Check the model id against aws bedrock list-foundation-models --region ${region}`,
          'Use a region that offers the model, or an inference profile that routes to one',
        ];
        return {
          status: 'warn',
          summary: `Bedrock answers in ${region}, but ${model.modelId} is not among the ${models.length} models it offers`,
          evidence,
          fix,
          causes: [
            cause(
              'region_unsupported',
              0.5,
              `ListFoundationModels in ${region} does not list ${model.modelId}: it is offered elsewhere, or the id is wrong`,
              fix,
              'Model not offered in that region',
            ),
          ],
          refutes,
          headline: `Model ${model.modelId} is not offered in ${region}`,
        };
      }
      refutes.push('region_unsupported');
    } else if (!model) {
      refutes.push('region_unsupported');
    }
    return {
      status: 'pass',
      summary:
        `Bedrock answers in ${region} (${info.name}) with ${models.length} models` +
        (evidence['model offered here'] === true ? ', including the model' : '') +
        (info.optIn ? '; opt-in region, enabled for this account' : ''),
      evidence: info.optIn
        ? { ...evidence, note: 'opt-in region: session tokens from the global STS endpoint (v1) are refused here' }
        : evidence,
      refutes,
    };
  },
};
