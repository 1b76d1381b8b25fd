/**
 * guardrails, cross-account half: an enforced guardrail of another account (the management account's, for an
 * organization-level enforcement) is applied only when its resource-based policy lets the caller's account apply
 * it. This module reads that policy (guardrail-resource-policy.ts), judges it for the principal
 * (resource-policy.ts) and words the result: evidence, a cause when it blocks, a fix with the statement to add.
 */
import { APPLY_GUARDRAIL_ACTION } from '../aws-facts/guardrails.js';
import type { Cause } from '../report.js';
import { cause } from './causes.js';
import type { DiagnosisContext } from './context.js';
import type { EnforcedGuardrail } from './enforced-guardrails.js';
import { guardrailResourcePolicy, whereToReadGuardrailPolicy } from './guardrail-resource-policy.js';
import type { SimulationPrincipal } from './principal.js';
import { resourcePolicyDecision } from './resource-policy.js';

export interface CrossAccountVerdict {
  /** ok: the policy lets the caller apply it; blocks: it does not (cause); unsure: a condition decides; unknown. */
  kind: 'ok' | 'blocks' | 'unsure' | 'unknown';
  /** The evidence line (label `resource-based policy of <arn>`). */
  evidence: string;
  /** A short clause for summaries. */
  clause: string;
  cause?: Cause;
  fix: string[];
}

export const crossAccountLabel = (g: EnforcedGuardrail) => `resource-based policy of ${g.guardrail.arn}`;

/** The verdicts of the enforced guardrails owned by another account than the one diagnosed, by guardrail ARN. */
export async function crossAccountVerdicts(
  ctx: DiagnosisContext,
  principal: SimulationPrincipal,
  enforced: readonly EnforcedGuardrail[],
): Promise<Map<string, CrossAccountVerdict>> {
  const foreign = enforced.filter((g) => g.guardrail.accountId !== ctx.input.accountId);
  const verdicts = await Promise.all(foreign.map(async (g) => [g.guardrail.arn, await verdictFor(ctx, principal, g)]));
  return new Map(verdicts as [string, CrossAccountVerdict][]);
}

async function verdictFor(
  ctx: DiagnosisContext,
  principal: SimulationPrincipal,
  g: EnforcedGuardrail,
): Promise<CrossAccountVerdict> {
  const { accountId, partition } = ctx.input;
  const owner = g.guardrail.accountId;
  const person = `${principal.kind} ${principal.name}`;
  const grant =
    `In account ${owner}, add to the resource-based policy of ${g.guardrail.arn}: ` +
    JSON.stringify({
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: APPLY_GUARDRAIL_ACTION,
      Resource: g.guardrail.arn,
    }) +
    ' (for every account of the organization: Principal "*" with the condition StringEquals aws:PrincipalOrgID)';
  const read = await guardrailResourcePolicy(ctx, g.guardrail);
  if (read.state === 'unknown') {
    return {
      kind: 'unknown',
      evidence: `${read.why}. Read it ${whereToReadGuardrailPolicy(g.guardrail)}`,
      clause:
        `the resource-based policy of ${g.guardrail.arn} (account ${owner}) must allow it too, which this check ` +
        `could not read (${read.why.replace(/^not read:? ?/, '')})`,
      fix: [
        `The guardrail belongs to account ${owner}: its resource-based policy must also allow ${APPLY_GUARDRAIL_ACTION} ` +
          `to account ${accountId} (or the organization); read it ${whereToReadGuardrailPolicy(g.guardrail)}`,
      ],
    };
  }
  const blocks = (why: string, id: 'missing_iam_permission' | 'explicit_deny', fix: string[]): CrossAccountVerdict => ({
    kind: 'blocks',
    evidence: why,
    clause: why,
    cause: cause(
      id,
      0.85,
      `Guardrail ${g.guardrail.arn} is enforced ${g.level === 'account' ? 'on the account' : 'by the organization'} ` +
        `and belongs to account ${owner}: ${why}, so every InvokeModel / Converse call of ${person} fails with ` +
        'AccessDenied, whatever its own policies allow',
      fix,
      id === 'explicit_deny'
        ? `Explicit deny of ${APPLY_GUARDRAIL_ACTION} in the guardrail's resource-based policy`
        : `The enforced guardrail's resource-based policy does not let account ${accountId} apply it`,
    ),
    fix,
  });
  if (read.state === 'none') {
    return blocks(
      `the guardrail has no resource-based policy (GetResourcePolicy: ResourceNotFoundException), so no other ` +
        'account may apply it',
      'missing_iam_permission',
      [grant],
    );
  }
  const decision = resourcePolicyDecision(read.document, {
    action: APPLY_GUARDRAIL_ACTION,
    resources: [g.guardrail.arn, ...(g.version ? [`${g.guardrail.arn}:${g.version}`] : [])],
    principalArn: principal.arn,
    principalAccount: accountId,
    partition,
    ...(principal.pathUnknown ? { principalPathUnknown: true } : {}),
  });
  switch (decision.kind) {
    case 'allowed':
      return {
        kind: 'ok',
        evidence: `allows ${person} of account ${accountId}: ${decision.statements.join('; ')}`,
        clause: `its resource-based policy allows account ${accountId} (${decision.statements.join('; ')})`,
        fix: [],
      };
    case 'denied':
      return blocks(
        `its resource-based policy denies ${APPLY_GUARDRAIL_ACTION} to ${person}: ${decision.statements.join('; ')}`,
        'explicit_deny',
        [`In account ${owner}, remove or narrow the Deny in the resource-based policy of ${g.guardrail.arn}`],
      );
    case 'conditional':
      return {
        kind: 'unsure',
        evidence: `allows ${APPLY_GUARDRAIL_ACTION} only under a condition this check cannot evaluate: ${decision.statements.join('; ')}`,
        clause:
          `the resource-based policy of ${g.guardrail.arn} lets account ${accountId} apply it only when ` +
          `${decision.statements.join('; ')} holds (compare the condition with the caller, e.g. its organization id)`,
        fix: [grant],
      };
    default:
      return blocks(
        `no statement of its resource-based policy allows ${APPLY_GUARDRAIL_ACTION} to account ${accountId} or ${person}`,
        'missing_iam_permission',
        [grant],
      );
  }
}
