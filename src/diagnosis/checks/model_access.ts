/**
 * model_access (manual step 6, model side): bedrock:GetFoundationModelAvailability for the model in the region
 * (authorization, Marketplace agreement and entitlement, region availability), whether the model can be invoked
 * on demand or needs an inference profile, and for a profile its status and routing. Model access is separate
 * from IAM: an allowed IAM policy does not grant it, and the reverse.
 */
import type { FoundationModelSummary } from '@aws-sdk/client-bedrock';
import { firstUseProblemOf } from '../../aws-facts/marketplace.js';
import { geoPrefixForRegion } from '../../aws-facts/models.js';
import type { Cause, CauseId, Evidence } from '../../report.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome } from '../check.js';
import type { DiagnosisContext } from '../context.js';
import { type ModelPlan, planRegions, resolveModelPlan } from '../model-plan.js';

export const modelAccessCheck: CheckDefinition = {
  id: 'model_access',
  title: 'Model access',
  async run(ctx) {
    const { model, region } = ctx.input;
    if (!model)
      return { status: 'skip', summary: 'No model given: add --model (model id, inference profile id or ARN)' };
    if (!ctx.input.regionInfo.bedrock) {
      return { status: 'skip', summary: `Bedrock is not offered in ${region}, so no model is (see Region)` };
    }
    const plan = await resolveModelPlan(ctx);
    const evidence: Evidence = { model: model.input, region };
    if (plan.kind !== 'foundation-model') {
      evidence['inference profile'] = plan.profileArn ?? plan.profileId ?? model.input;
      evidence['profile status'] = plan.profileStatus ?? 'unknown';
      evidence['routes to regions'] = plan.global
        ? 'any commercial region (global profile)'
        : plan.routingKnown
          ? planRegions(plan)
          : 'unknown';
    }
    if (plan.routingError) return profileUnreadable(plan, plan.routingError, evidence);
    const modelId = plan.foundationModelId;
    if (!modelId) {
      return {
        status: 'error',
        summary: 'The application inference profile names no foundation model: its model access cannot be checked',
        evidence,
      };
    }
    evidence['foundation model'] = modelId;

    const [availability, catalog] = await Promise.allSettled([ctx.availability(region, modelId), ctx.catalog(region)]);
    if (availability.status === 'rejected') {
      const error = availability.reason;
      if (error instanceof AwsCallError && (error.info.kind === 'not_found' || error.info.kind === 'validation')) {
        const fix = [
          `Check the id against aws bedrock list-foundation-models --region ${region} (ids look like anthropic.claude-3-haiku-20240307-v1:0)`,
          'If the model exists in another region, call it there or through an inference profile',
        ];
        return {
          status: 'fail',
          summary: `Bedrock in ${region} does not know the model id ${modelId} (${error.info.name})`,
          evidence: { ...evidence, error: error.message },
          fix,
          causes: [
            cause(
              'invalid_model_id',
              0.8,
              `GetFoundationModelAvailability answered ${error.info.name} for ${modelId}`,
              fix,
            ),
            cause('region_unsupported', 0.35, `${modelId} may exist, but not in ${region}`, fix.slice(1)),
          ],
          headline: `Bedrock in ${region} does not know the model id ${modelId}`,
        };
      }
      throw error;
    }
    const a = availability.value;
    const agreement = a.agreementAvailability?.status ?? 'unknown';
    evidence.authorization = a.authorizationStatus ?? 'unknown';
    evidence['Marketplace agreement'] = a.agreementAvailability?.errorMessage
      ? `${agreement} (${a.agreementAvailability.errorMessage})`
      : agreement;
    evidence['Marketplace entitlement'] = a.entitlementAvailability ?? 'unknown';
    evidence['offered in region'] = a.regionAvailability ?? 'unknown';

    const summary = catalog.status === 'fulfilled' ? catalog.value.find((m) => m.modelId === modelId) : undefined;
    if (summary) {
      evidence['inference types'] = summary.inferenceTypesSupported ?? [];
      if (summary.modelLifecycle?.status) evidence.lifecycle = summary.modelLifecycle.status;
    }

    if (a.regionAvailability === 'NOT_AVAILABLE') {
      const fix = [`Use a region that offers ${modelId}, or an inference profile that routes to one`];
      return fail(
        evidence,
        fix,
        [
          cause(
            'region_unsupported',
            0.85,
            `GetFoundationModelAvailability: ${modelId} is NOT_AVAILABLE in ${region}`,
            fix,
            'Model not offered in that region',
          ),
        ],
        `Model ${modelId} is not offered in ${region}`,
      );
    }
    if (a.authorizationStatus === 'NOT_AUTHORIZED') {
      const fix = accessFix(modelId, region);
      return fail(
        evidence,
        fix,
        [
          cause(
            'model_access_not_granted',
            0.9,
            `GetFoundationModelAvailability: account ${ctx.input.accountId} is NOT_AUTHORIZED for ${modelId} in ${region}; IAM permissions do not grant model access`,
            fix,
          ),
        ],
        `Account ${ctx.input.accountId} has no access to model ${modelId} in ${region} (model access, not IAM)`,
      );
    }
    if (a.entitlementAvailability === 'NOT_AVAILABLE' || agreement === 'NOT_AVAILABLE' || agreement === 'ERROR') {
      const fix = [
        'The first caller of a third-party model needs aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions; invoke it once with them, then wait ~2-15 minutes',
        ...accessFix(modelId, region),
      ];
      return fail(
        evidence,
        fix,
        [
          cause(
            'model_access_not_granted',
            0.85,
            `The Marketplace subscription for ${modelId} is missing (agreement ${agreement}, entitlement ${a.entitlementAvailability ?? 'unknown'})`,
            fix,
            'Marketplace subscription missing for the model',
          ),
        ],
        `The Marketplace subscription for ${modelId} is missing in account ${ctx.input.accountId}`,
      );
    }
    const firstUse = firstUseProblemOf(ctx.input.failedCall?.errorCode);
    if (firstUse) {
      evidence['first use (from the error)'] = firstUse.problem;
      const fix = [firstUse.action];
      return {
        status: 'fail',
        summary: `The failing call answered ${ctx.input.failedCall?.errorCode}: ${firstUse.action}`,
        evidence,
        fix,
        causes: [
          cause(
            'model_access_not_granted',
            0.85,
            `The error code ${ctx.input.failedCall?.errorCode} is the Marketplace / first-use answer for ${modelId} (agreement ${agreement} now)`,
            fix,
            'First use of the model not complete',
          ),
        ],
        headline: `${modelId}: ${firstUse.action}`,
      };
    }
    if (agreement === 'PENDING') {
      const fix = ['Retry in 15 minutes: the Marketplace subscription of the first call is still being created'];
      return {
        status: 'warn',
        summary: `The Marketplace agreement for ${modelId} is PENDING: calls may be refused until it completes`,
        evidence,
        fix,
        causes: [cause('model_access_not_granted', 0.5, `Marketplace agreement for ${modelId} is PENDING`, fix)],
        headline: `The Marketplace subscription for ${modelId} is still pending: retry in a few minutes`,
      };
    }

    const refutes: CauseId[] = ['model_access_not_granted', 'invalid_model_id'];
    if (plan.kind === 'foundation-model' && summary && !(summary.inferenceTypesSupported ?? []).includes('ON_DEMAND')) {
      return await needsProfile(ctx, modelId, summary, evidence, refutes);
    }
    if (plan.kind !== 'foundation-model' && plan.profileStatus && plan.profileStatus !== 'ACTIVE') {
      return {
        status: 'warn',
        summary: `Model access is granted, but the inference profile is ${plan.profileStatus}, not ACTIVE`,
        evidence,
        fix: ['Use an ACTIVE inference profile (aws bedrock list-inference-profiles)'],
        refutes,
      };
    }
    if (plan.kind !== 'foundation-model' || summary) refutes.push('inference_profile_required');
    return {
      status: 'pass',
      summary:
        `Account ${ctx.input.accountId} is authorized for ${modelId} in ${region}` +
        ` (agreement ${agreement}, entitlement ${a.entitlementAvailability ?? 'unknown'})` +
        (plan.kind === 'foundation-model'
          ? summary
            ? ', on-demand invocation supported'
            : ''
          : `, called through inference profile ${plan.profileId ?? ''}`.trimEnd()),
      evidence,
      refutes,
    };
  },
};

function fail(evidence: Evidence, fix: string[], causes: Cause[], headline: string): CheckOutcome {
  return { status: 'fail', summary: headline, evidence, fix, causes, headline };
}

function accessFix(modelId: string, region: string): string[] {
  const steps = [`Enable access to ${modelId} in ${region}: Bedrock console > Model access (per region), by an admin`];
  if (modelId.startsWith('anthropic.')) {
    steps.push(
      'Anthropic models need the one-time use-case form per account (or at the organization management account)',
    );
  }
  steps.push('Allow ~2 minutes after granting, then retry');
  return steps;
}

async function needsProfile(
  ctx: DiagnosisContext,
  modelId: string,
  summary: FoundationModelSummary,
  evidence: Evidence,
  refutes: CauseId[],
): Promise<CheckOutcome> {
  const region = ctx.input.region;
  let profiles: string[] = [];
  try {
    const all = await ctx.systemInferenceProfiles(region);
    profiles = all
      .filter((p) => (p.models ?? []).some((m) => m.modelArn?.endsWith(`foundation-model/${modelId}`)))
      .map((p) => p.inferenceProfileId ?? '')
      .filter(Boolean);
  } catch {
    // Suggestions only: fall back to the id pattern below.
  }
  const geo = geoPrefixForRegion(region);
  const suggestion = profiles[0] ?? (geo ? `${geo}.${modelId}` : undefined);
  if (profiles.length > 0) evidence['inference profiles with this model'] = profiles;
  const fix = [
    suggestion
      ? `Call the model through an inference profile: use the model id ${suggestion} (or its inference-profile ARN)`
      : 'Call the model through an inference profile id or ARN that contains it',
    'Grant bedrock:InvokeModel* on the inference-profile ARN and on the foundation-model ARN in every region it routes to',
  ];
  return {
    status: 'fail',
    summary:
      `${modelId} does not support on-demand invocation in ${region} (supports ${(summary.inferenceTypesSupported ?? []).join(', ') || 'none'}): ` +
      'it must be called through an inference profile',
    evidence,
    fix,
    causes: [
      cause(
        'inference_profile_required',
        0.9,
        `ListFoundationModels in ${region}: ${modelId} lacks ON_DEMAND in inferenceTypesSupported`,
        fix,
      ),
    ],
    refutes,
    headline: `${modelId} cannot be invoked on demand: call it through an inference profile${suggestion ? ` such as ${suggestion}` : ''}`,
  };
}

function profileUnreadable(plan: ModelPlan, error: AwsCallError, evidence: Evidence): CheckOutcome {
  if (error.info.kind === 'not_found' || error.info.kind === 'validation') {
    const fix = [
      `List the profiles this region offers: aws bedrock list-inference-profiles --region ${plan.sourceRegion}`,
      'Profile ids carry a geography prefix (us., eu., apac., global.) that must match the source region',
    ];
    return {
      status: 'fail',
      summary: `Bedrock in ${plan.sourceRegion} does not know the inference profile ${plan.profileId ?? plan.profileArn} (${error.info.name})`,
      evidence: { ...evidence, error: error.message },
      fix,
      causes: [
        cause(
          'invalid_model_id',
          0.8,
          `GetInferenceProfile answered ${error.info.name}`,
          fix,
          'Unknown inference profile',
        ),
      ],
      headline: `Bedrock in ${plan.sourceRegion} does not know the inference profile ${plan.profileId ?? plan.profileArn}`,
    };
  }
  throw error;
}
