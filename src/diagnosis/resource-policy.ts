/**
 * What a resource-based policy says about one cross-account call (a guardrail's policy and bedrock:ApplyGuardrail):
 * IAM's cross-account logic needs an Allow in the resource's policy naming the caller, and no Deny. Pure.
 *
 * Principals are read as IAM reads them: `*`, an account id, `arn:<partition>:iam::<account>:root` (the whole
 * account), or the principal's ARN (wildcards allowed, as AWS's own examples use `arn:aws:iam::*:root`). Conditions
 * are evaluated only on what the diagnosis knows for sure (aws:PrincipalAccount, aws:PrincipalArn with StringEquals
 * / StringLike / ArnEquals / ArnLike); any other condition (aws:PrincipalOrgID, ...) leaves the statement
 * "conditional", shown so that a person can compare it with the caller.
 */
import { isAccountId } from '../aws-facts/account-ids.js';
import {
  actionMatches,
  describeStatement,
  type PolicyStatement,
  resourceMatches,
  statementsOf,
  wildcardMatch,
} from './policy-statements.js';

export interface CrossAccountRequest {
  action: string;
  /** Every ARN the policy may name the resource by (e.g. the guardrail ARN with and without its version). */
  resources: string[];
  /** The caller's ARN (user or role). */
  principalArn: string;
  principalAccount: string;
  partition: string;
  /** The role's path is unknown (converted from a session ARN): a policy naming the role matches on its name. */
  principalPathUnknown?: boolean;
}

export type ResourcePolicyDecision =
  | { kind: 'allowed'; statements: string[] }
  | { kind: 'denied'; statements: string[] }
  /** An Allow (or a Deny) that applies only when a condition the diagnosis cannot evaluate holds. */
  | { kind: 'conditional'; statements: string[]; allows: boolean }
  | { kind: 'not-allowed'; statements: [] };

type Applies = 'yes' | 'no' | 'maybe';

export function resourcePolicyDecision(document: unknown, request: CrossAccountRequest): ResourcePolicyDecision {
  const relevant = statementsOf(document).filter(
    (s) => actionMatches(s, request.action) && resourceMatches(s, request.resources),
  );
  const rated = relevant.map((s) => ({
    s,
    applies: combine(principalApplies(s, request), conditionApplies(s, request)),
  }));
  const deny = rated.filter((r) => r.s.effect === 'Deny' && r.applies === 'yes');
  if (deny.length > 0) return { kind: 'denied', statements: deny.map((r) => describeStatement(r.s)) };
  const allow = rated.filter((r) => r.s.effect === 'Allow' && r.applies === 'yes');
  const maybeDeny = rated.filter((r) => r.s.effect === 'Deny' && r.applies === 'maybe');
  if (allow.length > 0 && maybeDeny.length === 0) {
    return { kind: 'allowed', statements: allow.map((r) => describeStatement(r.s)) };
  }
  const maybeAllow = rated.filter((r) => r.s.effect === 'Allow' && r.applies === 'maybe');
  if (allow.length > 0 || maybeAllow.length > 0) {
    return {
      kind: 'conditional',
      allows: allow.length > 0,
      statements: [...allow, ...maybeAllow, ...maybeDeny].map((r) => describeStatement(r.s)),
    };
  }
  return { kind: 'not-allowed', statements: [] };
}

function combine(a: Applies, b: Applies): Applies {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

function principalApplies(s: PolicyStatement, r: CrossAccountRequest): Applies {
  if (s.principal) return s.principal.some((p) => namesCaller(p, r)) ? 'yes' : 'no';
  // NotPrincipal: everyone but those named (rare, and AWS advises against it).
  if (s.notPrincipal) return s.notPrincipal.some((p) => namesCaller(p, r)) ? 'no' : 'yes';
  return 'no';
}

function namesCaller(value: string, r: CrossAccountRequest): boolean {
  if (value === '*') return true;
  if (isAccountId(value)) return value === r.principalAccount;
  if (wildcardMatch(value, `arn:${r.partition}:iam::${r.principalAccount}:root`, false)) return true;
  if (wildcardMatch(value, r.principalArn, false)) return true;
  if (r.principalPathUnknown) {
    const name = r.principalArn.slice(r.principalArn.lastIndexOf('/') + 1);
    return value.startsWith(`arn:${r.partition}:iam::${r.principalAccount}:role/`) && value.endsWith(`/${name}`);
  }
  return false;
}

const KNOWN_OPERATORS = new Set(['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike']);

/** yes when every condition holds on what is known, no when one is known to fail, maybe otherwise. */
function conditionApplies(s: PolicyStatement, r: CrossAccountRequest): Applies {
  if (!s.condition) return 'yes';
  let result: Applies = 'yes';
  for (const [operator, block] of Object.entries(s.condition)) {
    if (!block || typeof block !== 'object') return 'maybe';
    for (const [key, expected] of Object.entries(block as Record<string, unknown>)) {
      const known = knownValue(key, r);
      const values = (Array.isArray(expected) ? expected : [expected]).filter(
        (v): v is string => typeof v === 'string',
      );
      if (known === undefined || !KNOWN_OPERATORS.has(operator) || values.length === 0) {
        result = 'maybe';
        continue;
      }
      const like = operator.endsWith('Like');
      const holds = values.some((v) => (like ? wildcardMatch(v, known, false) : v === known));
      if (!holds) return 'no';
    }
  }
  return result;
}

function knownValue(key: string, r: CrossAccountRequest): string | undefined {
  const k = key.toLowerCase();
  if (k === 'aws:principalaccount') return r.principalAccount;
  if (k === 'aws:principalarn' && !r.principalPathUnknown) return r.principalArn;
  return undefined;
}
