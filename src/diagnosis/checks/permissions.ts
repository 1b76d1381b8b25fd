/**
 * permissions (manual step 6): iam:SimulatePrincipalPolicy for the principal (given, or the key's user) on
 * bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream (on the model ARN; for an inference profile on the
 * profile ARN and the foundation-model ARN of every region it routes to, each with its aws:RequestedRegion) and on
 * bedrock:ListFoundationModels. Reports allowed / implicit deny / explicit deny with the matched statements and the
 * SCP and boundary decisions; what depends on context the simulator lacked is "could not confirm".
 */
import type { ContextEntry } from '@aws-sdk/client-iam';
import { isMarketplaceAction } from '../../aws-facts/marketplace.js';
import { GLOBAL_ROUTING_REQUESTED_REGION } from '../../aws-facts/models.js';
import { DENYING_POLICY_TYPE_NAMES } from '../../aws-facts/policy-arns.js';
import type { Cause, CauseId, Evidence } from '../../report.js';
import { bearerContext } from '../bearer-simulation.js';
import { cause } from '../causes.js';
import { type CheckDefinition, type CheckOutcome, CheckSkipped } from '../check.js';
import type { DiagnosisContext } from '../context.js';
import { type DenyingPolicyFinding, readDenyingPolicy } from '../denying-policy.js';
import { mergeSameId, unique } from '../merge-causes.js';
import { type ModelPlan, planRegions, resolveModelPlan } from '../model-plan.js';
import { resolvePrincipal, type SimulationPrincipal } from '../principal.js';
import { describeRow, type RowVerdict, rowsFromResults, type SimulationRow, shortResource } from '../simulation.js';

export const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;
export const LIST_ACTION = 'bedrock:ListFoundationModels';

/** Least favourable first. */
const VERDICT_ORDER: RowVerdict[] = ['scp', 'boundary', 'explicit', 'implicit', 'unconfirmed', 'allowed'];

interface SimulationCall {
  actions: string[];
  resources: string[];
  region: string;
  context: ContextEntry[];
}

export const permissionsCheck: CheckDefinition = {
  id: 'permissions',
  title: 'IAM permissions',
  async run(ctx) {
    const [principalOrSkip, plan] = await Promise.all([
      resolvePrincipal(ctx).catch((error: unknown) => {
        if (error instanceof CheckSkipped) return error;
        throw error;
      }),
      ctx.input.model ? resolveModelPlan(ctx) : Promise.resolve(undefined),
    ]);
    const denyResources = plan ? [...(plan.profileArn ? [plan.profileArn] : []), ...plan.routed.map((r) => r.arn)] : [];
    // A pasted deny of an aws-marketplace action is the Marketplace subscription's: model_access reads that policy.
    const readDenying = (p: SimulationPrincipal | undefined) =>
      isMarketplaceAction(ctx.input.failedCall?.action)
        ? Promise.resolve(undefined)
        : readDenyingPolicy(ctx, p, INVOKE_ACTIONS, denyResources);
    if (principalOrSkip instanceof CheckSkipped) {
      // No principal to simulate; the policy the error names can still be read and shown.
      const denying = await readDenying(undefined);
      if (!denying) throw principalOrSkip;
      return denyingPolicyOnly(denying, principalOrSkip.message);
    }
    const principal = principalOrSkip;
    const calls = simulationCalls(ctx, plan);
    const [answers, denying] = await Promise.all([
      Promise.all(
        calls.map(async (call) => {
          const results = await ctx.simulate({
            PolicySourceArn: principal.arn,
            ActionNames: call.actions,
            ResourceArns: call.resources,
            ContextEntries: call.context,
          });
          return rowsFromResults(results, call.resources, call.region);
        }),
      ),
      readDenying(principal),
    ]);
    return withDenyingPolicy(evaluate(ctx, principal, plan, answers.flat()), denying);
  },
};

/** The check's outcome when only the policy the error names could be looked at (no principal to simulate). */
function denyingPolicyOnly(denying: DenyingPolicyFinding, whyNoSimulation: string): CheckOutcome {
  const fix = denyingFix(denying);
  return {
    status: denying.statements.length > 0 ? 'fail' : 'warn',
    summary: `${denying.sentence}. Not simulated: ${whyNoSimulation}`,
    evidence: { ...denying.evidence },
    fix,
    causes: [
      cause('explicit_deny', denying.statements.length > 0 ? 0.85 : 0.75, denying.sentence, fix, denyTitle(denying)),
    ],
    headline: denying.sentence,
  };
}

/** Folds the policy the error names (and its statement) into the simulation's outcome. */
function withDenyingPolicy(outcome: CheckOutcome, denying: DenyingPolicyFinding | undefined): CheckOutcome {
  if (!denying) return outcome;
  const evidence = { ...outcome.evidence, ...denying.evidence };
  const fix = [...denyingFix(denying), ...(outcome.fix ?? [])];
  const denyCause = outcome.causes?.find((c) => c.id === 'explicit_deny');
  if (denyCause) {
    const causes = (outcome.causes ?? []).map((c) =>
      c === denyCause
        ? { ...c, why: `${c.why}. ${denying.sentence}`, fix: [...new Set([...denyingFix(denying), ...c.fix])] }
        : c,
    );
    return { ...outcome, evidence, fix: [...new Set(fix)], causes };
  }
  if (outcome.status === 'fail') {
    return { ...outcome, evidence, fix: [...new Set(fix)] };
  }
  // The simulation allows what the error says a policy denies: the simulator does not see session policies and
  // cannot know the request's context, so the error's word stands (never a "pass" that refutes it).
  const why =
    `${denying.sentence}. The policy simulation does not reproduce this deny ` +
    '(it does not see session policies, and a condition may depend on the real request: source IP, VPC endpoint, tags, region)';
  const stepFix = denyingFix(denying);
  return {
    status: 'warn',
    summary: why,
    evidence,
    fix: [...new Set(fix)],
    causes: [cause('explicit_deny', 0.75, why, stepFix, denyTitle(denying))],
    refutes: (outcome.refutes ?? []).filter((id) => id !== 'explicit_deny'),
    headline: denying.sentence,
  };
}

function denyTitle(denying: DenyingPolicyFinding): string {
  return `Denied by a ${DENYING_POLICY_TYPE_NAMES[denying.type]}`;
}

function denyingFix(denying: DenyingPolicyFinding): string[] {
  const steps: string[] = [];
  const owner =
    denying.type === 'scp' || denying.type === 'rcp'
      ? 'the organization admins (management or delegated administrator account)'
      : 'the owners of the policy';
  if (denying.statements.length > 0) {
    steps.push(`Ask ${owner} to narrow or exempt the statement that denies the call: ${denying.statements.join('; ')}`);
  } else if (denying.arn) {
    steps.push(`Ask ${owner} to look at ${denying.arn}${denying.where ? `: ${denying.where}` : ''}`);
  } else if (denying.where) {
    steps.push(`Find the ${DENYING_POLICY_TYPE_NAMES[denying.type]} that denies the call: ${denying.where}`);
  }
  if (denying.missingPermissions.length > 0) {
    steps.push(
      `To show the statement next time, allow ${denying.missingPermissions.join(', ')} to the ${denying.missingPermissions.some((a) => a.startsWith('organizations:')) ? 'organization reader role (infra/org-reader-role.yaml)' : 'diagnostic role (infra/diagnostic-role.yaml)'}`,
    );
  }
  return steps;
}

function simulationCalls(ctx: DiagnosisContext, plan: ModelPlan | undefined): SimulationCall[] {
  const source = ctx.input.region;
  // A call made with a Bedrock API key carries bedrock:BearerTokenType: policies that single out API keys apply.
  const apiKey = ctx.input.apiKey;
  const bearer = apiKey
    ? bearerContext(apiKey.type, source).filter((e) => e.ContextKeyName !== 'aws:RequestedRegion')
    : [];
  const requested = (region: string): ContextEntry[] => [
    { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [region], ContextKeyType: 'string' },
    ...bearer,
  ];
  // ListFoundationModels rides along in the source-region call (one round trip less): its only resource type is
  // "*", which matches whatever ARN the simulation evaluates it against.
  if (!plan) {
    return [
      { actions: [...INVOKE_ACTIONS, LIST_ACTION], resources: ['*'], region: source, context: requested(source) },
    ];
  }
  const calls: SimulationCall[] = [];
  for (const region of planRegions(plan)) {
    const resources = plan.routed.filter((r) => r.region === region).map((r) => r.arn);
    if (region === source && plan.profileArn) resources.unshift(plan.profileArn);
    if (resources.length === 0) continue;
    const context = requested(region);
    if (plan.profileArn) {
      context.push({
        ContextKeyName: 'bedrock:InferenceProfileArn',
        ContextKeyValues: [plan.profileArn],
        ContextKeyType: 'string',
      });
    }
    const actions: string[] = region === source ? [...INVOKE_ACTIONS, LIST_ACTION] : [...INVOKE_ACTIONS];
    calls.push({ actions, resources, region, context });
  }
  return calls;
}

function evaluate(
  ctx: DiagnosisContext,
  principal: SimulationPrincipal,
  plan: ModelPlan | undefined,
  rows: SimulationRow[],
): CheckOutcome {
  const who = principalLabel(principal);
  const invokeRows = rows.filter((r) => r.action !== LIST_ACTION);
  const listRows = rows.filter((r) => r.action === LIST_ACTION);
  const evidence: Evidence = {
    principal:
      principal.arn +
      (principal.source === 'key' ? ' (the key owner)' : principal.source === 'api key' ? ' (behind the API key)' : ''),
  };
  if (principal.givenArn) evidence['principal given'] = principal.givenArn;
  if (principal.source !== 'given') evidence['permissions boundary'] = principal.boundaryArn ?? 'none';
  if (plan && plan.kind !== 'foundation-model') {
    evidence['inference profile'] = plan.profileArn ?? plan.profileId ?? 'unknown';
    evidence['routes to regions'] = plan.global
      ? `any commercial region (global profile): simulated in ${plan.sourceRegion} and as the region-less model ARN ` +
        `with aws:RequestedRegion=${GLOBAL_ROUTING_REQUESTED_REGION}, as Bedrock evaluates global routing`
      : plan.routingKnown
        ? planRegions(plan).filter((r) => plan.routed.some((m) => m.region === r))
        : `unknown (${plan.routingError?.message ?? 'profile not readable'}); simulated the source region only`;
  }
  for (const row of invokeRows) {
    evidence[
      `${row.action} on ${row.resource === '*' ? '*' : shortResource(row.resource)} (requested region ${row.region})`
    ] = describeRow(row);
  }
  // ListFoundationModels has one resource type ("*"): one line, the least favourable of its rows.
  const listRow = [...listRows].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict))[0];
  if (listRow) evidence[`${LIST_ACTION} (requested region ${listRow.region})`] = describeRow(listRow);

  const blocked = invokeRows.filter((r) => r.verdict !== 'allowed' && r.verdict !== 'unconfirmed');
  const unconfirmed = invokeRows.filter((r) => r.verdict === 'unconfirmed');
  const refutes: CauseId[] = [];

  if (blocked.length > 0) {
    const causes: Cause[] = [];
    const fix: string[] = [];
    const orgRows = blocked.filter((r) => r.verdict === 'scp');
    const boundaryRows = blocked.filter((r) => r.verdict === 'boundary');
    const denyRows = blocked.filter((r) => r.verdict === 'explicit');
    const implicitRows = blocked.filter((r) => r.verdict === 'implicit');
    let headline = '';

    const globalOrgRows = orgRows.filter((r) => r.region === GLOBAL_ROUTING_REQUESTED_REGION);
    if (globalOrgRows.length > 0 && plan?.profileArn) {
      const steps = [
        `Ask the organization admins to add "${GLOBAL_ROUTING_REQUESTED_REGION}" to the regions the region-deny SCP ` +
          'allows (its StringNotEquals aws:RequestedRegion list): a global inference profile is evaluated with ' +
          `aws:RequestedRegion=${GLOBAL_ROUTING_REQUESTED_REGION}, the AWS carve-out for global cross-Region inference`,
        'Or exempt Bedrock calls made through inference profiles from the region guard: add ' +
          `"ArnNotLike": {"bedrock:InferenceProfileArn": "arn:*:bedrock:*:*:inference-profile/*"} to the SCP's Deny ` +
          'statement (the pattern of the AWS sample region-deny SCP)',
        `Or call a geographic profile (${plan.sourceRegion.startsWith('eu-') ? 'eu.' : plan.sourceRegion.startsWith('ap-') ? 'apac.' : 'us.'}...) or the model in a region the SCP allows`,
      ];
      fix.push(...steps);
      causes.push(
        cause(
          'explicit_deny',
          0.9,
          `The simulation says an SCP of the organization does not allow ${actionsOf(globalOrgRows)} on the ` +
            `region-less model ARN ${globalOrgRows[0]?.resource ?? ''} with aws:RequestedRegion=` +
            `${GLOBAL_ROUTING_REQUESTED_REGION}: the global inference profile ${plan.profileId ?? plan.profileArn} ` +
            `routes outside ${plan.sourceRegion}, and the SCP's region list lacks "${GLOBAL_ROUTING_REQUESTED_REGION}"`,
          steps,
          'Denied by a service control policy (SCP): global routing',
        ),
      );
      headline ||=
        `An SCP denies ${actionsOf(globalOrgRows)} for global routing (aws:RequestedRegion=` +
        `${GLOBAL_ROUTING_REQUESTED_REGION}): the global inference profile needs the SCP's carve-out`;
    }
    const regionalOrgRows = orgRows.filter((r) => r.region !== GLOBAL_ROUTING_REQUESTED_REGION);
    if (regionalOrgRows.length > 0) {
      const orgRows = regionalOrgRows;
      const regions = unique(orgRows.map((r) => r.region));
      const routedElsewhere = plan && plan.kind !== 'foundation-model' && regions.some((r) => r !== ctx.input.region);
      const steps = [
        `Ask the organization admins to exempt ${actionsOf(orgRows)} in ${regions.join(', ')} from the SCP ` +
          '(for inference profiles a condition on bedrock:InferenceProfileArn keeps the region guard elsewhere)',
        routedElsewhere
          ? `Or call a profile / region the SCP allows: this profile routes to ${regions.join(', ')}`
          : 'Or call Bedrock in a region the SCP allows',
      ];
      fix.push(...steps);
      const why =
        `The simulation says an SCP of the organization does not allow ${actionsOf(orgRows)} on ` +
        `${resourcesOf(orgRows)} (AllowedByOrganizations=false)` +
        (routedElsewhere ? `; the inference profile routes requests to ${regions.join(', ')}` : '');
      causes.push(cause('explicit_deny', 0.9, why, steps, 'Denied by a service control policy (SCP)'));
      headline ||= routedElsewhere
        ? `An SCP denies ${actionsOf(orgRows)} in ${regions.join(', ')}, where the inference profile routes requests`
        : `An SCP denies ${actionsOf(orgRows)} for ${who} in ${regions.join(', ')}`;
    }
    if (boundaryRows.length > 0) {
      const boundary = principal.boundaryArn ? ` ${principal.boundaryArn}` : '';
      const steps = [
        `Add ${actionsOf(boundaryRows)} on ${resourcesOf(boundaryRows)} to the permissions boundary${boundary} of ${who}`,
      ];
      fix.push(...steps);
      causes.push(
        cause(
          'explicit_deny',
          0.9,
          `The permissions boundary${boundary} of ${who} does not allow ${actionsOf(boundaryRows)} on ${resourcesOf(boundaryRows)} ` +
            '(AllowedByPermissionsBoundary=false); the identity policy alone is not enough',
          steps,
          'Blocked by the permissions boundary',
        ),
      );
      headline ||= `The permissions boundary of ${who} does not allow ${actionsOf(boundaryRows)}`;
    }
    if (denyRows.length > 0) {
      const statements = unique(denyRows.flatMap((r) => r.matched));
      const steps = [
        `Remove or narrow the Deny statement${statements.length > 1 ? 's' : ''} ${statements.join(', ') || '(see evidence)'} ` +
          `that match${statements.length > 1 ? '' : 'es'} ${actionsOf(denyRows)} for ${who}`,
      ];
      fix.push(...steps);
      causes.push(
        cause(
          'explicit_deny',
          0.9,
          `An explicit Deny in the policies of ${who} matches ${actionsOf(denyRows)} on ${resourcesOf(denyRows)}` +
            (statements.length > 0 ? ` (${statements.join(', ')})` : ''),
          steps,
          'Explicit deny in an IAM policy',
        ),
      );
      headline ||= `An explicit Deny in the policies of ${who} blocks ${actionsOf(denyRows)}`;
    }
    if (implicitRows.length > 0) {
      const resources = unique(implicitRows.map((r) => r.resource));
      const steps = [
        `Allow ${actionsOf(implicitRows)} on ${resources.join(', ')} to ${who}: ` +
          JSON.stringify({ Effect: 'Allow', Action: [...INVOKE_ACTIONS], Resource: resources }),
      ];
      const regionless = implicitRows.filter((r) => r.region === GLOBAL_ROUTING_REQUESTED_REGION);
      if (regionless.length > 0 && plan?.profileArn) {
        steps[0] =
          `Allow ${actionsOf(implicitRows)} to ${who} on the profile and the source-region model ARN, and on the ` +
          'region-less model ARN only for global routing through this profile: ' +
          JSON.stringify([
            {
              Effect: 'Allow',
              Action: [...INVOKE_ACTIONS],
              Resource: resources.filter((r) => !regionless.some((g) => g.resource === r)),
            },
            {
              Effect: 'Allow',
              Action: [...INVOKE_ACTIONS],
              Resource: unique(regionless.map((r) => r.resource)),
              Condition: {
                StringEquals: { 'aws:RequestedRegion': GLOBAL_ROUTING_REQUESTED_REGION },
                ArnEquals: { 'bedrock:InferenceProfileArn': plan.profileArn },
              },
            },
          ]);
      }
      const profileGap =
        regionless.length > 0
          ? `A global inference profile also needs the region-less model ARN ${regionless[0]?.resource ?? ''} ` +
            `(evaluated with aws:RequestedRegion=${GLOBAL_ROUTING_REQUESTED_REGION}); the policy of ${who} does not allow it`
          : profileGapSentence(plan, invokeRows, implicitRows);
      if (profileGap) steps.push(profileGap);
      fix.push(...steps);
      causes.push(
        cause(
          'missing_iam_permission',
          0.9,
          `No policy of ${who} allows ${actionsOf(implicitRows)} on ${resources.map(shortResource).join(', ')} (implicit deny)` +
            (profileGap ? `. ${profileGap}` : ''),
          steps,
        ),
      );
      headline ||=
        regionless.length > 0
          ? `${who} may not call ${actionsOf(regionless)} on the region-less model ARN ${shortResource(regionless[0]?.resource ?? '')}: a global inference profile needs it (with aws:RequestedRegion=${GLOBAL_ROUTING_REQUESTED_REGION})`
          : profileGap
            ? `${who} may not call ${actionsOf(implicitRows)} on ${implicitRows.map((r) => shortResource(r.resource)).join(', ')}: a call through the inference profile needs the profile ARN and the foundation-model ARN in every routed region`
            : `${who} may not call ${actionsOf(implicitRows)} on ${resources.map(shortResource).join(', ')}: no policy allows it`;
    }
    return {
      status: 'fail',
      summary: headline,
      evidence,
      fix: unique(fix),
      causes: mergeSameId(causes),
      headline,
    };
  }

  if (unconfirmed.length > 0) {
    const keys = unique(unconfirmed.flatMap((r) => r.missingContext));
    return {
      status: 'warn',
      summary:
        `Could not confirm that ${who} may call ${actionsOf(unconfirmed)}: the answer depends on ${keys.join(', ')}, ` +
        'which the simulator cannot know (conditions in SCPs or policies); this is not an "allowed"',
      evidence,
      fix: [
        `Read the conditions on ${keys.join(', ')} in the policies and SCPs that apply to ${who}, and compare them ` +
          'with the real request (source IP, VPC endpoint, tags, MFA...)',
      ],
    };
  }

  refutes.push('missing_iam_permission');
  // A pasted deny of an aws-marketplace action is not about the Bedrock actions simulated here: it stands.
  if (!isMarketplaceAction(ctx.input.failedCall?.action)) refutes.push('explicit_deny');
  const listBlocked = listRows.filter((r) => r.verdict !== 'allowed');
  const scope = plan
    ? plan.profileArn
      ? `the inference profile and ${plan.routed.length} routed model ARN(s)`
      : 'the model'
    : 'any model (*)';
  const matched = unique(invokeRows.flatMap((r) => r.matched));
  if (listBlocked.length > 0) {
    return {
      status: 'warn',
      summary:
        `${who} may invoke ${scope}, but not call bedrock:ListFoundationModels (${listBlocked[0]?.verdict}); ` +
        'invocation does not need it, tools that list models first do',
      evidence,
      fix: [`Allow bedrock:ListFoundationModels on * to ${who} if the client lists models`],
      refutes,
    };
  }
  return {
    status: 'pass',
    summary:
      `${who} may call InvokeModel and InvokeModelWithResponseStream on ${scope} and ListFoundationModels` +
      (matched.length > 0 ? ` (allowed by ${matched.join(', ')})` : ''),
    evidence,
    refutes,
  };
}

function principalLabel(p: SimulationPrincipal): string {
  return `${p.kind} ${p.name}`;
}

/** When the foundation model is allowed but the profile is not (or the reverse), say that both are needed. */
function profileGapSentence(
  plan: ModelPlan | undefined,
  invokeRows: SimulationRow[],
  implicitRows: SimulationRow[],
): string | undefined {
  if (!plan?.profileArn) return undefined;
  const profileDenied = implicitRows.some((r) => r.resource === plan.profileArn);
  const modelAllowed = invokeRows.some((r) => r.resource !== plan.profileArn && r.verdict === 'allowed');
  const modelDenied = implicitRows.some((r) => r.resource !== plan.profileArn);
  if (profileDenied && modelAllowed) {
    return `The foundation-model ARN is allowed but the inference-profile ARN ${plan.profileArn} is not: a call through a profile needs both`;
  }
  if (modelDenied && !profileDenied) {
    return 'The inference profile is allowed but not every foundation-model ARN it routes to: a call through a profile needs the model ARN in every routed region';
  }
  return undefined;
}

function actionsOf(rows: SimulationRow[]): string {
  return unique(rows.map((r) => r.action)).join(' and ');
}

function resourcesOf(rows: SimulationRow[]): string {
  return unique(rows.map((r) => (r.resource === '*' ? '*' : shortResource(r.resource)))).join(', ');
}
