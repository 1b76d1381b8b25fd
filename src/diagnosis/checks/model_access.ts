/**
 * model_access (manual step 6, model side): bedrock:GetFoundationModelAvailability for the model in the region
 * (authorization, Marketplace agreement and entitlement, region availability), whether the model can be invoked
 * on demand or needs an inference profile, and for a profile its status and routing. Model access is separate
 * from IAM: an allowed IAM policy does not grant it, and the reverse.
 *
 * The Marketplace subscription of a third-party model is part of model access (DESIGN: model_access_not_granted is
 * "model access not enabled / marketplace subscription missing"), so this check also asks, when the account has no
 * AVAILABLE agreement (or the pasted error names an aws-marketplace action), whether the principal may start it:
 * aws-marketplace:Subscribe / ViewSubscriptions simulated through ../marketplace-permissions.ts. The permissions
 * check keeps to the Bedrock actions of the call.
 */
import type { FoundationModelSummary } from '@aws-sdk/client-bedrock';
import { firstUseProblemOf, isMarketplaceAction, MARKETPLACE_SUBSCRIBE_ACTIONS } from '../../aws-facts/marketplace.js';
import { geoPrefixForRegion } from '../../aws-facts/models.js';
import { DENYING_POLICY_TYPE_NAMES } from '../../aws-facts/policy-arns.js';
import type { Cause, CauseId, Evidence } from '../../report.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome } from '../check.js';
import type { DiagnosisContext } from '../context.js';
import { type DenyingPolicyFinding, readDenyingPolicy } from '../denying-policy.js';
import { blockingRows, type MarketplacePermissions, marketplacePermissions } from '../marketplace-permissions.js';
import { type ModelPlan, planRegions, resolveModelPlan } from '../model-plan.js';
import { resolvePrincipal, type SimulationPrincipal } from '../principal.js';
import { describeRow, type SimulationRow } from '../simulation.js';

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
      // The agreement could not be read, but the pasted error says the Marketplace subscription was refused:
      // whether the principal may make it is still worth answering.
      if (error instanceof AwsCallError && isMarketplaceAction(ctx.input.failedCall?.action)) {
        const marketplace = await marketplacePermissions(ctx, modelId, undefined);
        const denied = { ...evidence, 'Marketplace agreement': `not read: ${error.message}` };
        recordMarketplaceEvidence(denied, marketplace);
        const outcome = await marketplaceDenied(ctx, modelId, marketplace, 'unknown (not read)', denied);
        if (outcome) return outcome;
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
    const marketplace = await marketplacePermissions(ctx, modelId, a.agreementAvailability?.status);
    recordMarketplaceEvidence(evidence, marketplace);
    if (agreement !== 'PENDING') {
      const denied = await marketplaceDenied(ctx, modelId, marketplace, agreement, evidence);
      if (denied) return denied;
    }
    if (a.entitlementAvailability === 'NOT_AVAILABLE' || agreement === 'NOT_AVAILABLE' || agreement === 'ERROR') {
      const fix = [...subscriptionFix(modelId, marketplace), ...accessFix(modelId, region)];
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
      const blocked = marketplace.state === 'simulated' ? blockingRows(marketplace.rows) : [];
      if (marketplace.state === 'simulated' && blocked.length > 0) {
        // Someone's first call started it; if it was this principal's, it cannot complete.
        const steps = grantSteps(modelId, marketplace.principal.kind, marketplace.principal.name, blocked);
        fix.push(...steps);
        return {
          status: 'warn',
          summary:
            `The Marketplace agreement for ${modelId} is PENDING, and ${who(marketplace)} may not call ` +
            `${actionsOf(blocked)}: if its call started the subscription, the subscription will fail`,
          evidence,
          fix,
          causes: [
            cause(
              'model_access_not_granted',
              0.6,
              `Marketplace agreement for ${modelId} is PENDING; ${who(marketplace)} is denied ${actionsOf(blocked)}`,
              fix,
            ),
          ],
          headline: `The Marketplace subscription for ${modelId} is pending, and ${who(marketplace)} lacks ${actionsOf(blocked)}`,
        };
      }
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
    // The paste says a Marketplace action was refused, but the agreement is in place now (another caller made it).
    const madeSince =
      agreement === 'AVAILABLE' && isMarketplaceAction(ctx.input.failedCall?.action)
        ? `; the pasted ${ctx.input.failedCall?.action} denial came before the agreement was made: retry the call (allow about 2 minutes)`
        : '';
    return {
      status: 'pass',
      summary:
        `Account ${ctx.input.accountId} is authorized for ${modelId} in ${region}` +
        ` (agreement ${agreement}, entitlement ${a.entitlementAvailability ?? 'unknown'})` +
        (plan.kind === 'foundation-model'
          ? summary
            ? ', on-demand invocation supported'
            : ''
          : `, called through inference profile ${plan.profileId ?? ''}`.trimEnd()) +
        madeSince,
      evidence,
      refutes,
    };
  },
};

/** Evidence lines for the Marketplace question: why it was not asked, or each action's simulated decision. */
function recordMarketplaceEvidence(evidence: Evidence, marketplace: MarketplacePermissions): void {
  if (marketplace.state !== 'simulated') {
    evidence['Marketplace permissions'] = marketplace.why;
    return;
  }
  const principal = `${marketplace.principal.kind} ${marketplace.principal.name}`;
  evidence['Marketplace permissions'] =
    `simulated for ${principal} (no AVAILABLE agreement: the first call subscribes the account in the caller's name)`;
  for (const row of marketplace.rows) evidence[`${row.action} (${principal})`] = describeRow(row);
}

/**
 * The failing finding when the account has no AVAILABLE agreement and the principal may not make the subscription:
 * an implicit deny is model_access_not_granted, an explicit one (Deny statement, SCP, permissions boundary) is
 * explicit_deny naming the policy. Undefined when nothing blocks it (or it was not simulated).
 */
async function marketplaceDenied(
  ctx: DiagnosisContext,
  modelId: string,
  marketplace: MarketplacePermissions,
  agreement: string,
  evidence: Evidence,
): Promise<CheckOutcome | undefined> {
  const blocked = marketplace.state === 'simulated' ? blockingRows(marketplace.rows) : [];
  if (marketplace.state !== 'simulated' || blocked.length === 0) {
    return marketplace.state === 'not_needed' ? undefined : pastedMarketplaceDeny(ctx, modelId, agreement, evidence);
  }
  const { principal } = marketplace;
  const person = who(marketplace);
  const account = ctx.input.accountId;
  const implicit = blocked.filter((r) => r.verdict === 'implicit');
  const explicit = blocked.filter((r) => r.verdict !== 'implicit');
  const causes: Cause[] = [];
  const fix: string[] = [];
  const noAgreement = `Account ${account} has no AVAILABLE Marketplace agreement for ${modelId} (agreement ${agreement})`;
  let headline = '';

  if (explicit.length > 0) {
    // The policy the pasted error names, read when the error is about these actions (its Sid and condition).
    const denying = isMarketplaceAction(ctx.input.failedCall?.action)
      ? await readDenyingPolicy(ctx, principal, MARKETPLACE_SUBSCRIBE_ACTIONS, ['*'])
      : undefined;
    if (denying) Object.assign(evidence, denying.evidence);
    const by = explicit.map((r) => deniedBy(r, principal, denying)).filter((v, i, all) => all.indexOf(v) === i);
    const statements = denying && denying.statements.length > 0 ? `: ${denying.statements.join('; ')}` : '';
    const steps = [
      `Ask the owners of ${by.join(' and ')} to exempt ${actionsOf(explicit)} for ${person}` +
        ` (or only for the model, with the aws-marketplace:ProductId condition key on Subscribe)${statements}`,
      adminFirstCall(modelId),
      'Then allow about 2 minutes (the subscription itself takes up to 15) and retry',
    ];
    fix.push(...steps);
    causes.push(
      cause(
        'explicit_deny',
        0.9,
        `${noAgreement}, and ${by.join(' and ')} denies ${actionsOf(explicit)} to ${person}: the first call cannot ` +
          'subscribe the account to the model',
        steps,
        'Explicit deny of the Marketplace subscription',
      ),
    );
    headline = `${by[0]} denies ${actionsOf(explicit)} to ${person}: the Marketplace subscription for ${modelId} cannot be made`;
  }
  if (implicit.length > 0) {
    const steps = grantSteps(modelId, principal.kind, principal.name, implicit);
    fix.push(...steps);
    causes.push(
      cause(
        'model_access_not_granted',
        0.9,
        `${noAgreement}, and no policy of ${person} allows ${actionsOf(implicit)} (implicit deny): the first call ` +
          'cannot subscribe the account to the model',
        steps,
        'Marketplace subscription missing: the caller may not subscribe',
      ),
    );
    headline ||=
      `${person} may not call ${actionsOf(implicit)}, so the first call of ${modelId} cannot make its Marketplace ` +
      `subscription (account ${account} has none)`;
  }
  return {
    status: 'fail',
    summary: headline,
    evidence,
    fix: [...new Set(fix)],
    causes,
    headline,
  };
}

/**
 * The pasted error names the policy that explicitly denies an aws-marketplace action, and the simulation does not
 * reproduce it (it does not see session policies, nor conditions on the real request): the error's word stands.
 */
async function pastedMarketplaceDeny(
  ctx: DiagnosisContext,
  modelId: string,
  agreement: string,
  evidence: Evidence,
): Promise<CheckOutcome | undefined> {
  const action = ctx.input.failedCall?.action;
  if (!isMarketplaceAction(action) || !ctx.input.denyingPolicy) return undefined;
  const principal = await resolvePrincipal(ctx).catch(() => undefined);
  const denying = await readDenyingPolicy(ctx, principal, MARKETPLACE_SUBSCRIBE_ACTIONS, ['*']);
  if (!denying) return undefined;
  Object.assign(evidence, denying.evidence);
  const statements = denying.statements.length > 0 ? `: ${denying.statements.join('; ')}` : '';
  const owner =
    denying.type === 'scp' || denying.type === 'rcp' ? 'the organization admins' : 'the owners of the policy';
  const steps = [
    `Ask ${owner} to exempt ${MARKETPLACE_SUBSCRIBE_ACTIONS.join(' and ')} from ${denying.arn ?? `the ${DENYING_POLICY_TYPE_NAMES[denying.type]}`}` +
      `${statements}${denying.where ? ` (read it with: ${denying.where})` : ''}`,
    adminFirstCall(modelId),
    'Then allow about 2 minutes (the subscription itself takes up to 15) and retry',
  ];
  const why =
    `Account ${ctx.input.accountId} has no AVAILABLE Marketplace agreement for ${modelId} (agreement ${agreement}), ` +
    `and the pasted error says ${action} was explicitly denied. ${denying.sentence}`;
  return {
    status: 'fail',
    summary: why,
    evidence,
    fix: steps,
    causes: [cause('explicit_deny', 0.8, why, steps, 'Explicit deny of the Marketplace subscription')],
    headline: `A ${DENYING_POLICY_TYPE_NAMES[denying.type]} denies ${action}: the Marketplace subscription for ${modelId} cannot be made`,
  };
}

/** The grant (or the admin's first call) that lets the subscription be made. */
function grantSteps(modelId: string, kind: string, name: string, rows: SimulationRow[]): string[] {
  return [
    `Allow ${actionsOf(rows)} to ${kind} ${name}: ` +
      JSON.stringify({ Effect: 'Allow', Action: [...MARKETPLACE_SUBSCRIBE_ACTIONS], Resource: '*' }) +
      ' (Subscribe can be limited to the model with the aws-marketplace:ProductId condition key)',
    adminFirstCall(modelId),
    'Then allow about 2 minutes (the subscription itself takes up to 15) and retry',
  ];
}

function adminFirstCall(modelId: string): string {
  return (
    `Or have an admin who is allowed ${MARKETPLACE_SUBSCRIBE_ACTIONS.join(' and ')} make the first call of ${modelId} ` +
    'in this account once (or open it in the Bedrock console playground): once the agreement exists, every principal ' +
    'of the account can call the model without Marketplace permissions'
  );
}

/** The first fix step of a missing subscription, by what the Marketplace simulation said. */
function subscriptionFix(modelId: string, marketplace: MarketplacePermissions): string[] {
  switch (marketplace.state) {
    case 'not_needed':
      return [];
    case 'simulated':
      if (marketplace.rows.every((r) => r.verdict === 'allowed')) {
        return [
          `${who(marketplace)} may call ${MARKETPLACE_SUBSCRIBE_ACTIONS.join(' and ')}: invoke ${modelId} once and allow ` +
            '2-15 minutes; if the subscription still fails, check the account has a valid payment method for AWS ' +
            'Marketplace (and, for Anthropic models, that the use-case form was submitted)',
        ];
      }
      return [
        `Could not confirm that ${who(marketplace)} may call ${MARKETPLACE_SUBSCRIBE_ACTIONS.join(' and ')} (see evidence); ` +
          'the first caller of a third-party model needs both, then wait ~2-15 minutes',
      ];
    default:
      return [
        `The first caller of a third-party model needs ${MARKETPLACE_SUBSCRIBE_ACTIONS.join(' and ')}; invoke it once with them, then wait ~2-15 minutes`,
      ];
  }
}

function deniedBy(
  row: SimulationRow,
  principal: SimulationPrincipal,
  denying: DenyingPolicyFinding | undefined,
): string {
  const named = denying?.arn ? ` ${denying.arn}` : '';
  switch (row.verdict) {
    case 'scp':
      return `a service control policy (SCP)${denying?.type === 'scp' ? named : ''} of the organization`;
    case 'boundary':
      return `the permissions boundary${principal.boundaryArn ? ` ${principal.boundaryArn}` : ''}`;
    default:
      return row.matched.length > 0
        ? `the Deny statement ${row.matched.join(', ')}`
        : `an explicit Deny${denying && denying.type !== 'scp' && denying.type !== 'rcp' ? ` in${named || ` a ${denying.type} policy`}` : ''}`;
  }
}

function who(marketplace: Extract<MarketplacePermissions, { state: 'simulated' }>): string {
  return `${marketplace.principal.kind} ${marketplace.principal.name}`;
}

function actionsOf(rows: SimulationRow[]): string {
  return [...new Set(rows.map((r) => r.action))].join(' and ');
}

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
