/** How check statuses, confidences and target fields read in Slack. */
import type { CheckId, CheckStatus, Report, Target } from '../../report.js';
import { safeCode } from './limits.js';

export const STATUS_EMOJI: Record<CheckStatus | 'pending', string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  warn: ':warning:',
  skip: ':fast_forward:',
  error: ':grey_question:',
  pending: ':hourglass_flowing_sand:',
};

/** Names for checks that have not reported yet (a finished check brings its own title). */
export const CHECK_TITLES: Record<CheckId, string> = {
  diag_role: 'Diagnostic role',
  key_owner: 'Key owner',
  key_status: 'Key status',
  credential_type: 'Credential type',
  api_key: 'Bedrock API key',
  region: 'Region',
  permissions: 'IAM permissions',
  model_access: 'Model access',
  control_path: 'Control path (healthy principal)',
  cloudtrail: 'The failing call in CloudTrail',
  guardrails: 'Enforced guardrails',
};

export type VerdictTone = 'healthy' | 'problem' | 'unsure';

export const VERDICT_EMOJI: Record<VerdictTone, string> = {
  healthy: ':white_check_mark:',
  problem: ':x:',
  unsure: ':warning:',
};

/** Healthy = every check pass/skip and no cause; problem = a failed check or a cause; unsure otherwise. */
export function verdictTone(report: Pick<Report, 'checks' | 'causes'>): VerdictTone {
  if (report.checks.some((c) => c.status === 'fail')) return 'problem';
  if (report.causes.some((c) => c.id !== 'unknown')) return 'problem';
  if (report.checks.every((c) => c.status === 'pass' || c.status === 'skip') && report.causes.length === 0) {
    return 'healthy';
  }
  return 'unsure';
}

export function confidenceWord(confidence: number): string {
  const pct = `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
  if (confidence >= 0.75) return `very likely, ${pct}`;
  if (confidence >= 0.5) return `likely, ${pct}`;
  if (confidence >= 0.3) return `possible, ${pct}`;
  return `less likely, ${pct}`;
}

/** "Key `AKIA...` · Region `us-east-1` · ..." for a context line. */
export function targetFacts(target: Partial<Target>): string[] {
  const facts: string[] = [];
  if (target.accessKeyId) facts.push(`Key \`${safeCode(target.accessKeyId)}\``);
  if (target.region) facts.push(`Region \`${safeCode(target.region)}\``);
  if (target.modelId) facts.push(`Model \`${safeCode(target.modelId)}\``);
  if (target.principalArn) facts.push(`Principal \`${safeCode(target.principalArn)}\``);
  return facts;
}

/** "prod-apps (111111111111)" or "111111111111". */
export function accountLabel(accountId: string, alias?: string): string {
  return alias ? `*${safeCode(alias)}* (${accountId})` : accountId;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
