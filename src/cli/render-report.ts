/**
 * A Report as a readable checklist for a terminal: what was checked, the verdict, one line per check (with its
 * evidence and fix steps when it did not pass), then the ranked causes. Plain ASCII, no colour, secrets scrubbed.
 */
import { maskKeyId } from '../aws-facts/access-key-ids.js';
import type { CheckResult, CheckStatus, EvidenceValue, Report } from '../report.js';
import { scrubSecrets } from '../secrets.js';

const MARK: Record<CheckStatus, string> = {
  pass: '[PASS]',
  fail: '[FAIL]',
  warn: '[WARN]',
  skip: '[SKIP]',
  error: '[ERR ]',
};

export interface RenderOptions {
  /** Show the evidence of every check, also those that passed or were skipped. */
  verbose?: boolean;
}

export function renderReport(report: Report, options: RenderOptions = {}): string {
  const lines: string[] = [];
  const t = report.target;
  const scope = [
    `account ${t.accountId}`,
    t.region ? `region ${t.region}` : undefined,
    t.accessKeyId ? `key ${maskKeyId(t.accessKeyId)}` : undefined,
    t.modelId ? `model ${t.modelId}` : undefined,
    t.principalArn ? `principal ${t.principalArn}` : undefined,
  ].filter((part): part is string => part !== undefined);
  lines.push(`Bedrock 403 diagnosis: ${scope.join(', ')}`);
  lines.push('');
  lines.push(`Verdict: ${report.verdict}`);
  lines.push('');

  const width = Math.max(...report.checks.map((c) => c.title.length), 10);
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.title.padEnd(width)}  ${check.summary}`);
    const detailed = options.verbose || check.status === 'fail' || check.status === 'warn' || check.status === 'error';
    if (detailed) {
      for (const [label, value] of Object.entries(check.evidence)) {
        lines.push(`         ${label}: ${formatValue(value)}`);
      }
    }
    if (check.status !== 'pass') for (const step of check.fix) lines.push(`         fix: ${step}`);
  }

  lines.push('');
  if (report.causes.length === 0) {
    lines.push('Likely causes: none found.');
  } else {
    lines.push('Likely causes, most likely first:');
    report.causes.forEach((c, i) => {
      lines.push(`  ${i + 1}. ${c.title} (${c.id}, ${Math.round(c.confidence * 100)}%)`);
      lines.push(`     ${c.why}`);
      for (const step of c.fix) lines.push(`     - ${step}`);
    });
  }
  lines.push('');
  lines.push(`${summaryCounts(report.checks)}; took ${report.durationMs} ms (started ${report.startedAt}).`);
  return `${scrubSecrets(lines.join('\n'))}\n`;
}

function formatValue(value: EvidenceValue): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function summaryCounts(checks: CheckResult[]): string {
  const order: CheckStatus[] = ['pass', 'fail', 'warn', 'error', 'skip'];
  const counts = order
    .map((status) => [status, checks.filter((c) => c.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return `${checks.length} checks: ${counts.join(', ')}`;
}
