/**
 * guardrails (reference/bedrock-2025-2026.md 1.4): a guardrail enforced on the account (account-level
 * configuration, bedrock:ListEnforcedGuardrailsConfiguration in the target region) or by the organization (its
 * effective Amazon Bedrock policy, through the optional organization reader role) makes every InvokeModel / Converse
 * caller without bedrock:ApplyGuardrail on that guardrail fail with AccessDenied. This check lists what is enforced
 * and simulates bedrock:ApplyGuardrail for the principal on each enforced guardrail ARN (iam:SimulatePrincipalPolicy,
 * read as the permissions check reads it): an implicit deny is missing_iam_permission, an explicit deny (policy, SCP,
 * permissions boundary) is explicit_deny, each with the grant or exemption that fixes it, naming the guardrail.
 */
import type { ContextEntry } from '@aws-sdk/client-iam';
import { describeAwsError } from '../../aws/errors.js';
import { APPLY_GUARDRAIL_ACTION, describeModelScope, enforcementCovers } from '../../aws-facts/guardrails.js';
import type { Cause, Evidence } from '../../report.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome, CheckSkipped } from '../check.js';
import type { DiagnosisContext } from '../context.js';
import {
  type AccountEnforcement,
  accountEnforcement,
  type EnforcedGuardrail,
  type OrgEnforcement,
  orgEnforcement,
  whereToReadOrgEnforcement,
} from '../enforced-guardrails.js';
import { type CrossAccountVerdict, crossAccountLabel, crossAccountVerdicts } from '../guardrail-cross-account.js';
import { mergeSameId, unique } from '../merge-causes.js';
import { resolvePrincipal, type SimulationPrincipal } from '../principal.js';
import { describeRow, rowsFromResults, type SimulationRow } from '../simulation.js';

const ORG_LABEL = 'organization-level (Amazon Bedrock policy)';

type AccountRead = { ok: true; value: AccountEnforcement } | { ok: false; error: AwsCallError };

export const guardrailsCheck: CheckDefinition = {
  id: 'guardrails',
  title: 'Enforced guardrails',
  async run(ctx) {
    const [account, org] = await Promise.all([
      accountEnforcement(ctx).then(
        (value): AccountRead => ({ ok: true, value }),
        (error: unknown): AccountRead => {
          // The role could not be assumed, a deadline: the engine words those.
          if (error instanceof AwsCallError) return { ok: false, error };
          throw error;
        },
      ),
      orgEnforcement(ctx),
    ]);
    const { region, accountId } = ctx.input;
    const evidence: Evidence = {
      [`account-level (${region})`]: account.ok
        ? describeAccount(account.value)
        : `not read: ${describeAwsError(account.error.info)}`,
      [ORG_LABEL]: describeOrg(org),
    };
    const enforced = [...(account.ok ? account.value.guardrails : []), ...(org.state === 'read' ? org.guardrails : [])];
    const fix = orgReaderFix(org);

    if (enforced.length === 0) {
      if (!account.ok) return accountUnreadable(ctx, account.error, evidence, fix);
      const malformed = org.state === 'read' ? org.malformed : [];
      if (malformed.length > 0) {
        return {
          status: 'warn',
          summary:
            `The organization's Amazon Bedrock policy names a guardrail identifier for ${region} that is not a guardrail ` +
            `ARN with its version (${malformed.join('; ')}): AWS documents that a malformed identifier makes every ` +
            'Bedrock call in the organization fail',
          evidence,
          fix: [
            'Ask the organization admins to correct the identifier in the Amazon Bedrock policy (guardrail ARN of the ' +
              'management account, then :VERSION)',
            ...fix,
          ],
        };
      }
      const unreadable = account.value.unreadable;
      if (unreadable.length > 0) {
        return {
          status: 'warn',
          summary: `An account-level guardrail enforcement in ${region} could not be read: ${unreadable.join('; ')}`,
          evidence,
          fix: [`Look at the Bedrock console's Guardrails page in ${region}: Account-level enforcement configurations`],
        };
      }
      return {
        status: 'pass',
        summary:
          `No guardrail is enforced on account ${accountId} in ${region} at account level` +
          (org.state === 'read'
            ? org.policyFound
              ? ', nor by the organization for this region'
              : ', and no Amazon Bedrock policy of the organization applies'
            : `; organization level ${org.why}: ${whereToReadOrgEnforcement(accountId)}`),
        evidence,
        ...(fix.length > 0 ? { fix } : {}),
      };
    }

    const principal = await resolvePrincipal(ctx).catch((error: unknown) => {
      if (error instanceof CheckSkipped) return error;
      throw error;
    });
    if (principal instanceof CheckSkipped) {
      return {
        status: 'warn',
        summary:
          `${enforcedSentence(enforced)}: every caller needs ${APPLY_GUARDRAIL_ACTION} on it. Not simulated: ` +
          principal.message,
        evidence,
        fix: [...enforced.map((g) => grantStep(g, 'the caller')), ...fix],
      };
    }
    evidence.principal = principal.arn + (principal.source === 'key' ? ' (the key owner)' : '');

    const arns = [...new Set(enforced.map((g) => g.guardrail.arn))];
    const cross = crossAccountVerdicts(ctx, principal, enforced);
    let rows: SimulationRow[];
    try {
      const results = await ctx.simulate({
        PolicySourceArn: principal.arn,
        ActionNames: [APPLY_GUARDRAIL_ACTION],
        ResourceArns: arns,
        ContextEntries: requestedRegion(region),
      });
      rows = rowsFromResults(results, arns, region);
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      return {
        status: 'error',
        summary:
          `${enforcedSentence(enforced)}, but ${APPLY_GUARDRAIL_ACTION} could not be simulated for ` +
          `${who(principal)}: ${describeAwsError(error.info)}`,
        evidence: { ...evidence, call: error.action, error: describeAwsError(error.info) },
        fix: [...enforced.map((g) => grantStep(g, who(principal))), ...fix],
      };
    }
    return judge(ctx, principal, enforced, rows, await cross, evidence, fix, account);
  },
};

function judge(
  ctx: DiagnosisContext,
  principal: SimulationPrincipal,
  enforced: EnforcedGuardrail[],
  rows: SimulationRow[],
  cross: Map<string, CrossAccountVerdict>,
  evidence: Evidence,
  readerFix: string[],
  account: AccountRead,
): CheckOutcome {
  const modelId = modelIdOf(ctx);
  const person = who(principal);
  const findings = enforced.map((g) => {
    const row = rows.find((r) => r.resource === g.guardrail.arn) ?? (rows.length === 1 ? rows[0] : undefined);
    return { g, row, covers: enforcementCovers(g.scope, modelId) };
  });
  for (const { g, row } of findings) {
    evidence[`${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn}`] = row
      ? describeRow(row)
      : 'not in the simulation answer';
    const verdict = cross.get(g.guardrail.arn);
    if (verdict) evidence[crossAccountLabel(g)] = verdict.evidence;
  }
  const crossFix = (g: EnforcedGuardrail) => {
    const verdict = cross.get(g.guardrail.arn);
    return verdict && verdict.kind !== 'ok' ? verdict.fix : [];
  };

  const causes: Cause[] = [];
  const fix: string[] = [];
  let headline = '';
  const blocking = findings.filter((f) => f.row && isDenied(f.row) && f.covers !== 'no');
  for (const { g, row } of blocking) {
    if (!row) continue;
    const where = levelText(g, ctx.input.region);
    const scope = describeModelScope(g.scope);
    if (row.verdict === 'implicit') {
      const steps = [grantStep(g, person), ...crossFix(g)];
      fix.push(...steps);
      causes.push(
        cause(
          'missing_iam_permission',
          0.9,
          `Guardrail ${g.guardrail.arn}${version(g)} is enforced ${where} on ${scope}: every InvokeModel / Converse ` +
            `call also needs ${APPLY_GUARDRAIL_ACTION} on it, and no policy of ${person} allows it (implicit deny)`,
          steps,
          `Missing IAM permission: ${APPLY_GUARDRAIL_ACTION} on the enforced guardrail`,
        ),
      );
      headline ||=
        `An enforced guardrail blocks ${person}: no policy allows ${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn} ` +
        `(enforced ${where}), and every Bedrock call there needs it`;
      continue;
    }
    const by =
      row.verdict === 'scp'
        ? 'an SCP of the organization'
        : row.verdict === 'boundary'
          ? `the permissions boundary${principal.boundaryArn ? ` ${principal.boundaryArn}` : ''}`
          : `an explicit Deny${row.matched.length > 0 ? ` (${row.matched.join(', ')})` : ''}`;
    const steps = [denyStep(g, row, principal), ...crossFix(g)];
    fix.push(...steps);
    causes.push(
      cause(
        'explicit_deny',
        0.9,
        `Guardrail ${g.guardrail.arn}${version(g)} is enforced ${where} on ${scope}: every call needs ` +
          `${APPLY_GUARDRAIL_ACTION} on it, and ${by} denies it to ${person}`,
        steps,
        `Explicit deny of ${APPLY_GUARDRAIL_ACTION} on the enforced guardrail`,
      ),
    );
    headline ||=
      `An enforced guardrail blocks ${person}: ${by} denies ${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn} ` +
      `(enforced ${where}), and every Bedrock call there needs it`;
  }
  // Allowed by its own policies (or not confirmed), but the owner's resource-based policy does not let it apply it.
  for (const f of findings) {
    const verdict = cross.get(f.g.guardrail.arn);
    if (blocking.includes(f) || f.covers === 'no' || verdict?.kind !== 'blocks' || !verdict.cause) continue;
    causes.push(verdict.cause);
    fix.push(...verdict.fix);
    headline ||= `An enforced guardrail blocks ${person}: ${f.g.guardrail.arn} belongs to account ${f.g.guardrail.accountId} and ${verdict.clause}`;
  }
  if (causes.length > 0) {
    return {
      status: 'fail',
      summary: headline,
      evidence,
      fix: unique([...fix, ...readerFix, ...(account.ok ? [] : [listGrantStep(ctx)])]),
      causes: mergeSameId(causes),
      headline,
    };
  }

  const unconfirmed = findings.filter((f) => !f.row || f.row.verdict === 'unconfirmed');
  const outOfScope = findings.filter((f) => f.row && isDenied(f.row) && f.covers === 'no');
  const unsure = findings.filter((f) => f.covers !== 'no' && cross.get(f.g.guardrail.arn)?.kind === 'unsure');
  if (unconfirmed.length > 0 || outOfScope.length > 0 || unsure.length > 0) {
    const parts: string[] = unsure.map((f) => cross.get(f.g.guardrail.arn)?.clause ?? '');
    if (unconfirmed.length > 0) {
      const keys = unique(unconfirmed.flatMap((f) => f.row?.missingContext ?? []));
      parts.push(
        `could not confirm that ${person} may call ${APPLY_GUARDRAIL_ACTION} on ` +
          `${unconfirmed.map((f) => f.g.guardrail.arn).join(', ')}` +
          (keys.length > 0 ? ` (the answer depends on ${keys.join(', ')}, which the simulator cannot know)` : ''),
      );
    }
    if (outOfScope.length > 0) {
      parts.push(
        `${person} may not call ${APPLY_GUARDRAIL_ACTION} on ${outOfScope.map((f) => f.g.guardrail.arn).join(', ')}, ` +
          `which is enforced on ${outOfScope.map((f) => describeModelScope(f.g.scope)).join('; ')}: calls to ` +
          `${modelId ?? 'this model'} are not covered, calls to the models it covers fail`,
      );
    }
    return {
      status: 'warn',
      summary: `${enforcedSentence(enforced)}; ${parts.join('; ')}`,
      evidence,
      fix: unique([
        ...[...unconfirmed, ...outOfScope].map((f) => grantStep(f.g, person)),
        ...unsure.flatMap((f) => crossFix(f.g)),
        ...readerFix,
      ]),
    };
  }

  const matched = unique(findings.flatMap((f) => f.row?.matched ?? []));
  const crossAccount = enforced.filter((g) => g.guardrail.accountId !== ctx.input.accountId);
  const summary =
    `${enforcedSentence(enforced)}; ${person} may call ${APPLY_GUARDRAIL_ACTION} on ` +
    `${enforced.length === 1 ? 'it' : 'each'}${matched.length > 0 ? ` (allowed by ${matched.join(', ')})` : ''}` +
    crossAccount.map((g) => `; ${cross.get(g.guardrail.arn)?.clause ?? ''}`).join('');
  if (!account.ok) {
    return {
      status: 'error',
      summary:
        `${summary}. Could not check the account-level configuration: the diagnostic role may not call ` +
        `bedrock:ListEnforcedGuardrailsConfiguration (${account.error.info.name})`,
      evidence,
      fix: unique([listGrantStep(ctx), ...readerFix]),
    };
  }
  return { status: 'pass', summary, evidence, ...(readerFix.length > 0 ? { fix: readerFix } : {}) };
}

/** The account list could not be read and nothing else names an enforced guardrail: could not check. */
function accountUnreadable(
  ctx: DiagnosisContext,
  error: AwsCallError,
  evidence: Evidence,
  readerFix: string[],
): CheckOutcome {
  const { region, accountId } = ctx.input;
  const info = error.info;
  const withCall = { ...evidence, call: error.action, error: describeAwsError(info) };
  const console = `Meanwhile, look at the Bedrock console's Guardrails page in ${region} (Account-level enforcement configurations)`;
  if (info.kind === 'access_denied') {
    return {
      status: 'error',
      summary:
        `Could not check: the diagnostic role may not call bedrock:ListEnforcedGuardrailsConfiguration ` +
        `(${info.name}), so whether a guardrail is enforced on account ${accountId} in ${region} is unknown`,
      evidence: withCall,
      fix: [
        listGrantStep(ctx),
        'If it already does, an SCP or permissions boundary in that account denies it to the role',
        console,
        ...readerFix,
      ],
    };
  }
  const attempts = info.attempts && info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
  const summary =
    info.kind === 'throttling'
      ? `Could not check: AWS kept throttling bedrock:ListEnforcedGuardrailsConfiguration${attempts} (${info.name}); retry in a minute`
      : info.name === 'UnknownOperationException' || (info.httpStatus === 404 && info.kind !== 'not_found')
        ? `Could not check: bedrock:ListEnforcedGuardrailsConfiguration is not available in ${region} ` +
          `(${describeAwsError(info)}); guardrail enforcement may not be offered there`
        : `Could not check: bedrock:ListEnforcedGuardrailsConfiguration failed: ${describeAwsError(info)}`;
  return { status: 'error', summary, evidence: withCall, fix: [console, ...readerFix] };
}

function describeAccount(a: AccountEnforcement): string | string[] {
  const lines = [...a.guardrails.map(describeGuardrail), ...a.unreadable];
  if (lines.length === 0) return `none${a.note ? ` (${a.note})` : ''}`;
  return lines.length === 1 ? (lines[0] ?? '') : lines;
}

function describeOrg(org: OrgEnforcement): string | string[] {
  if (org.state === 'unknown') return org.why;
  const lines = [...org.guardrails.map(describeGuardrail), ...org.malformed.map((m) => `malformed: ${m}`)];
  if (lines.length === 0) {
    return org.policyFound
      ? 'none for this region in the effective Amazon Bedrock policy'
      : 'none: no Amazon Bedrock policy applies to the account';
  }
  return lines.length === 1 ? (lines[0] ?? '') : lines;
}

function describeGuardrail(g: EnforcedGuardrail): string {
  const config = g.configId ? `, configuration ${g.configId}` : '';
  return (
    `${g.guardrail.arn}${version(g)}${config}: ${describeModelScope(g.scope)}` +
    (g.guarding ? `; selective content guarding ${g.guarding}` : '') +
    (g.setBy ? `; set by ${g.setBy}` : '')
  );
}

function orgReaderFix(org: OrgEnforcement): string[] {
  if (org.state !== 'unknown' || !org.missingPermission) return [];
  return [
    `To read organization-level enforcement, allow ${org.missingPermission} to the organization reader role ` +
      '(infra/org-reader-role.yaml)',
  ];
}

function listGrantStep(ctx: DiagnosisContext): string {
  return (
    `Update the diagnostic role ${ctx.roleRequest.roleName} in account ${ctx.input.accountId} from ` +
    'infra/diagnostic-role.yaml: it must allow bedrock:ListEnforcedGuardrailsConfiguration (a List action without ' +
    'a resource type: Resource "*")'
  );
}

function grantStep(g: EnforcedGuardrail, to: string): string {
  return (
    `Allow ${APPLY_GUARDRAIL_ACTION} on the enforced guardrail ${g.guardrail.arn} to ${to}: ` +
    JSON.stringify({ Effect: 'Allow', Action: APPLY_GUARDRAIL_ACTION, Resource: g.guardrail.arn })
  );
}

function denyStep(g: EnforcedGuardrail, row: SimulationRow, principal: SimulationPrincipal): string {
  const person = who(principal);
  switch (row.verdict) {
    case 'scp':
      return (
        `Ask the organization admins to exempt ${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn} from the SCP that ` +
        `denies it to ${person}`
      );
    case 'boundary':
      return (
        `Add ${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn} to the permissions boundary` +
        `${principal.boundaryArn ? ` ${principal.boundaryArn}` : ''} of ${person}`
      );
    default:
      return (
        `Remove or narrow the Deny statement${row.matched.length > 1 ? 's' : ''} ` +
        `${row.matched.join(', ') || '(see evidence)'} that match${row.matched.length > 1 ? '' : 'es'} ` +
        `${APPLY_GUARDRAIL_ACTION} on ${g.guardrail.arn} for ${person}`
      );
  }
}

function enforcedSentence(enforced: EnforcedGuardrail[]): string {
  const parts = enforced.map(
    (g) => `${g.guardrail.arn}${version(g)} (${g.level} level, ${describeModelScope(g.scope)})`,
  );
  return `${parts.length === 1 ? 'Guardrail' : 'Guardrails'} ${parts.join(' and ')} ${parts.length === 1 ? 'is' : 'are'} enforced`;
}

function levelText(g: EnforcedGuardrail, region: string): string {
  return g.level === 'account'
    ? `on the account in ${region}`
    : `by the organization's Amazon Bedrock policy in ${region}`;
}

function version(g: EnforcedGuardrail): string {
  return g.version ? ` version ${g.version}` : '';
}

function who(p: SimulationPrincipal): string {
  return `${p.kind} ${p.name}`;
}

function isDenied(row: SimulationRow): boolean {
  return (
    row.verdict === 'implicit' || row.verdict === 'explicit' || row.verdict === 'scp' || row.verdict === 'boundary'
  );
}

/** The foundation model the call invokes, when the target names one (an application profile's is not read here). */
function modelIdOf(ctx: DiagnosisContext): string | undefined {
  const model = ctx.input.model;
  return model && model.kind !== 'application-inference-profile' ? model.modelId : undefined;
}

function requestedRegion(region: string): ContextEntry[] {
  return [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [region], ContextKeyType: 'string' }];
}
