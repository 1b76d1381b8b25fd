/**
 * diag_role's look at the diagnostic role's own permissions: iam:SimulatePrincipalPolicy with the role as the
 * policy source, for every action of the one table (role-actions.ts), each on a resource of the kind the template
 * grants it on (a user, role or policy ARN of the account, or '*'): one call per kind, in parallel. An action the
 * role may not call (implicit deny: a role from an older template; SCP, boundary or explicit deny) is noted as a
 * refusal, so diag_role lists it even when this diagnosis never needed it. Answers are cached per role for 15
 * minutes by the engine (a role's policy rarely changes; a diagnosis should not cost four extra IAM calls each
 * time). A simulation that fails says why and changes nothing: the refusals seen during the checks still count.
 */
import type { SimulatePrincipalPolicyCommandInput } from '@aws-sdk/client-iam';
import { describeAwsError } from '../aws/errors.js';
import { AwsCallError } from './check-errors.js';
import type { DiagnosisContext } from './context.js';
import { DIAGNOSTIC_ROLE_PERMISSIONS, type RoleResourceKind } from './role-actions.js';
import type { RolePermissionAnswer, RoleRefusal } from './role-refusals.js';
import { type RowVerdict, rowsFromResults } from './simulation.js';

/** A name no real user, role or policy needs to have: the simulator only matches it against the template's ARNs. */
const PROBE_NAME = 'bedrock-403-permission-probe';

export type RoleSelfCheck =
  | ({ state: 'simulated'; cached: boolean } & RolePermissionAnswer)
  | { state: 'unknown'; why: string };

const DENIED_BY: Partial<Record<RowVerdict, string>> = {
  implicit: 'implicit',
  scp: 'service control policy',
  boundary: 'permissions boundary',
  explicit: 'identity-based policy',
};

export function checkRolePermissions(ctx: DiagnosisContext): Promise<RoleSelfCheck> {
  return ctx.shared('rolePermissions', async (): Promise<RoleSelfCheck> => {
    const cache = ctx.rolePermissionCache;
    const roleArn = ctx.roleRequest.roleArn;
    const cached = cache?.get(roleArn, ctx.now());
    if (cached) {
      for (const refusal of cached.denied) ctx.noteRefusal(refusal);
      return { state: 'simulated', cached: true, ...cached };
    }
    // Off the critical path: the key's GetAccessKeyLastUsed goes on the wire first.
    await ctx.background();
    const kinds = new Map<RoleResourceKind, string[]>();
    for (const p of DIAGNOSTIC_ROLE_PERMISSIONS) {
      const kind = p.resource ?? 'any';
      kinds.set(kind, [...(kinds.get(kind) ?? []), p.action]);
    }
    let rows: ReturnType<typeof rowsFromResults>;
    try {
      const answers = await Promise.all(
        [...kinds].map(async ([kind, actions]) => {
          const resource = probeArn(ctx, kind);
          const input: SimulatePrincipalPolicyCommandInput = {
            PolicySourceArn: roleArn,
            ActionNames: actions,
            ...(resource ? { ResourceArns: [resource] } : {}),
          };
          // The role may lack iam:SimulatePrincipalPolicy on itself (only on users): not a refusal of the checks.
          const results = await ctx.simulate(input, { noteRefusal: false });
          return rowsFromResults(results, resource ? [resource] : [], ctx.input.region);
        }),
      );
      rows = answers.flat();
    } catch (error) {
      if (!(error instanceof AwsCallError) || error.info.kind === 'aborted') throw error;
      return { state: 'unknown', why: `not simulated: ${describeAwsError(error.info)}` };
    }
    const denied: RoleRefusal[] = [];
    const unconfirmed: string[] = [];
    for (const row of rows) {
      if (row.verdict === 'unconfirmed') unconfirmed.push(row.action);
      const by = DENIED_BY[row.verdict];
      if (by) denied.push({ action: row.action, caller: 'role', deniedBy: by });
    }
    const answer: RolePermissionAnswer = { actions: DIAGNOSTIC_ROLE_PERMISSIONS.length, denied, unconfirmed };
    cache?.set(roleArn, answer, ctx.now());
    for (const refusal of denied) ctx.noteRefusal(refusal);
    return { state: 'simulated', cached: false, ...answer };
  });
}

/** A resource of `kind` in the target account (the template grants these on user/*, role/*, policy/*). */
function probeArn(ctx: DiagnosisContext, kind: RoleResourceKind): string | undefined {
  const { partition, accountId } = ctx.input;
  return kind === 'any' ? undefined : `arn:${partition}:iam::${accountId}:${kind}/${PROBE_NAME}`;
}

/** diag_role's evidence line for the simulation. */
export function describeSelfCheck(check: RoleSelfCheck): string {
  if (check.state === 'unknown') return check.why;
  const cached = check.cached ? ' (answer cached for 15 minutes)' : '';
  const denied = check.denied.length;
  const unsure = check.unconfirmed.length > 0 ? `; not decidable: ${check.unconfirmed.join(', ')}` : '';
  return denied === 0
    ? `all ${check.actions} actions of infra/diagnostic-role.yaml allowed${unsure}${cached}`
    : `${denied} of ${check.actions} actions of infra/diagnostic-role.yaml not allowed${unsure}${cached}`;
}
