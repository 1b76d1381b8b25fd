/**
 * Reading iam:SimulatePrincipalPolicy answers (aws-facts 2.4): one row per action and resource, with the decision,
 * the matched statements, the SCP and permissions-boundary decisions, and the context keys the simulator missed.
 * Pure functions; the permissions check words the rows.
 *
 * The rule that matters: a result that depends on context values the simulator did not have (missing context keys,
 * typically in SCP conditions) is "could not confirm" - never "allowed", and never a confirmed deny either.
 */
import type { EvaluationResult, Statement } from '@aws-sdk/client-iam';

/** How a row reads: allowed, denied for a reason, or not decidable from the simulation. */
export type RowVerdict = 'allowed' | 'implicit' | 'scp' | 'boundary' | 'explicit' | 'unconfirmed';

export interface SimulationRow {
  action: string;
  resource: string;
  /** aws:RequestedRegion the row was simulated with. */
  region: string;
  decision: string;
  verdict: RowVerdict;
  matched: string[];
  missingContext: string[];
  allowedByOrganizations?: boolean;
  allowedByBoundary?: boolean;
  /** EvalDecisionDetails (policy type -> decision), when AWS gives them. */
  details: Record<string, string>;
}

/**
 * Rows for one simulation call. `requested` are the ResourceArns passed (the top-level EvalResourceName may be an
 * ARN template, so a single requested ARN is preferred over it).
 */
export function rowsFromResults(results: EvaluationResult[], requested: string[], region: string): SimulationRow[] {
  const rows: SimulationRow[] = [];
  for (const result of results) {
    const action = result.EvalActionName ?? 'unknown';
    const topMissing = result.MissingContextValues ?? [];
    const org = result.OrganizationsDecisionDetail?.AllowedByOrganizations;
    const topBoundary = result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary;
    const topDetails = result.EvalDecisionDetails ?? {};
    const specific = result.ResourceSpecificResults ?? [];
    if (specific.length > 0) {
      for (const r of specific) {
        const missing = [...new Set([...topMissing, ...(r.MissingContextValues ?? [])])];
        const boundary = r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary ?? topBoundary;
        const decision = r.EvalResourceDecision ?? result.EvalDecision ?? 'unknown';
        rows.push({
          action,
          resource: r.EvalResourceName ?? '*',
          region,
          decision,
          verdict: classify(decision, missing, org, boundary),
          matched: describeStatements(
            (r.MatchedStatements ?? []).length > 0 ? (r.MatchedStatements ?? []) : (result.MatchedStatements ?? []),
          ),
          missingContext: missing,
          allowedByOrganizations: org,
          allowedByBoundary: boundary,
          details: { ...topDetails, ...(r.EvalDecisionDetails ?? {}) },
        });
      }
      continue;
    }
    const decision = result.EvalDecision ?? 'unknown';
    const resource = requested.length === 1 ? (requested[0] ?? '*') : (result.EvalResourceName ?? '*');
    rows.push({
      action,
      resource,
      region,
      decision,
      verdict: classify(decision, topMissing, org, topBoundary),
      matched: describeStatements(result.MatchedStatements ?? []),
      missingContext: [...topMissing],
      allowedByOrganizations: org,
      allowedByBoundary: topBoundary,
      details: { ...topDetails },
    });
  }
  return rows;
}

export function classify(
  decision: string,
  missingContext: readonly string[],
  allowedByOrganizations: boolean | undefined,
  allowedByBoundary: boolean | undefined,
): RowVerdict {
  const unsure = missingContext.length > 0;
  switch (decision) {
    case 'allowed':
      if (allowedByOrganizations === false) return unsure ? 'unconfirmed' : 'scp';
      if (allowedByBoundary === false) return unsure ? 'unconfirmed' : 'boundary';
      return unsure ? 'unconfirmed' : 'allowed';
    case 'explicitDeny':
    case 'implicitDeny':
      if (unsure) return 'unconfirmed';
      if (allowedByOrganizations === false) return 'scp';
      if (allowedByBoundary === false) return 'boundary';
      return decision === 'explicitDeny' ? 'explicit' : 'implicit';
    default:
      return 'unconfirmed';
  }
}

/** `BedrockInvoke (user policy, lines 3-9)` */
export function describeStatements(statements: Statement[]): string[] {
  return statements.map((s) => {
    const type = s.SourcePolicyType && s.SourcePolicyType !== 'none' ? `${s.SourcePolicyType} policy` : 'policy';
    const lines =
      s.StartPosition?.Line !== undefined
        ? `, lines ${s.StartPosition.Line}-${s.EndPosition?.Line ?? s.StartPosition.Line}`
        : '';
    return `${s.SourcePolicyId ?? 'unnamed'} (${type}${lines})`;
  });
}

/** `foundation-model/anthropic.claude-3-haiku-20240307-v1:0 in us-east-1` for a Bedrock ARN. */
export function shortResource(arn: string): string {
  const m = /^arn:[^:]+:bedrock:([^:]*):[^:]*:(.+)$/.exec(arn);
  if (!m) return arn;
  return m[1] ? `${m[2]} in ${m[1]}` : (m[2] ?? arn);
}

/** One line for a row: `allowed (BedrockInvoke (user policy, lines 3-9))`, `denied by an SCP`, ... */
export function describeRow(row: SimulationRow): string {
  const matched = row.matched.length > 0 ? `; matched ${row.matched.join(', ')}` : '';
  const scp = row.allowedByOrganizations === undefined ? '' : `; SCPs ${row.allowedByOrganizations ? 'allow' : 'deny'}`;
  const boundary =
    row.allowedByBoundary === undefined ? '' : `; boundary ${row.allowedByBoundary ? 'allows' : 'does not allow'}`;
  switch (row.verdict) {
    case 'allowed':
      return `allowed${matched}${scp}${boundary}`;
    case 'implicit':
      return `implicitDeny: no policy allows it${matched}${scp}${boundary}`;
    case 'explicit':
      return `explicitDeny by a Deny statement${matched}${scp}${boundary}`;
    case 'scp':
      return `${row.decision}: an SCP of the organization does not allow it${matched}${boundary}`;
    case 'boundary':
      return `${row.decision}: the permissions boundary does not allow it${matched}${scp}`;
    case 'unconfirmed':
      return (
        `could not confirm (simulated ${row.decision}, but it depends on context values the simulator did not have: ` +
        `${row.missingContext.join(', ') || 'unknown'})${scp}${boundary}`
      );
  }
}
