import { describe, expect, it } from 'vitest';
import { BotMetrics, metrics, recordApprovalTransition } from '../../src/ops/metrics.js';
import type { CheckResult, Report } from '../../src/report.js';

function check(id: CheckResult['id'], status: CheckResult['status']): CheckResult {
  return { id, title: id, status, summary: '', evidence: {}, fix: [], durationMs: 1 };
}

function report(checks: CheckResult[], causes: Report['causes'] = [], durationMs = 1500): Report {
  return {
    target: { accountId: '111111111111' },
    checks,
    causes,
    verdict: '',
    startedAt: '2026-11-26T12:00:00Z',
    durationMs,
  };
}

/** The value of one series in the exposition text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts diagnoses by outcome, their checks by status, and observes their duration', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    m.recordDiagnosis(report([check('diag_role', 'pass'), check('key_status', 'skip')]));
    m.recordDiagnosis(report([check('diag_role', 'pass'), check('key_status', 'fail')], [], 4200));
    m.recordDiagnosis(report([check('diag_role', 'error')], [], 800));
    m.recordDiagnosisFailure('timeout', 25_000);
    const { body, contentType } = await m.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="ok"}')).toBe(1);
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="problems"}')).toBe(2);
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="timeout"}')).toBe(1);
    expect(sample(body, 'bedrock403_checks_total{check="diag_role",status="pass"}')).toBe(2);
    expect(sample(body, 'bedrock403_checks_total{check="key_status",status="fail"}')).toBe(1);
    expect(sample(body, 'bedrock403_checks_total{check="diag_role",status="error"}')).toBe(1);
    expect(sample(body, 'bedrock403_diagnosis_duration_seconds_count{outcome="problems"}')).toBe(2);
    expect(sample(body, 'bedrock403_diagnosis_duration_seconds_sum{outcome="problems"}')).toBeCloseTo(5.0);
    expect(sample(body, 'bedrock403_diagnosis_duration_seconds_bucket{le="1",outcome="problems"}')).toBe(1);
    expect(sample(body, 'bedrock403_diagnosis_duration_seconds_bucket{le="5",outcome="problems"}')).toBe(2);
  });

  it('counts triages by top cause and source, with none for no cause', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    const cause = { id: 'key_inactive' as const, confidence: 0.8, title: '', why: '', fix: [] };
    m.recordTriage({ causes: [cause] }, 'auto');
    m.recordTriage({ causes: [] }, 'command');
    m.recordTriage({ causes: [cause] }, 'somewhere-new');
    const { body } = await m.render();
    expect(sample(body, 'bedrock403_triages_total{outcome="key_inactive",source="auto"}')).toBe(1);
    expect(sample(body, 'bedrock403_triages_total{outcome="none",source="command"}')).toBe(1);
    expect(sample(body, 'bedrock403_triages_total{outcome="key_inactive",source="other"}')).toBe(1);
  });

  it('counts AWS errors by service and code, ignoring successful calls and odd codes', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    m.recordAwsCall({ service: 'STS', ok: false, errorName: 'InvalidClientTokenId' });
    m.recordAwsCall({ service: 'STS', ok: true });
    m.recordAwsError('AccessDeniedException', 'bedrock');
    m.recordAwsError('<script>"\n', 'bedrock');
    m.recordAwsError(undefined);
    const { body } = await m.render();
    expect(sample(body, 'bedrock403_aws_call_errors_total{service="sts",code="InvalidClientTokenId"}')).toBe(1);
    expect(sample(body, 'bedrock403_aws_call_errors_total{service="bedrock",code="AccessDeniedException"}')).toBe(1);
    expect(sample(body, 'bedrock403_aws_call_errors_total{service="bedrock",code="other"}')).toBe(1);
    expect(sample(body, 'bedrock403_aws_call_errors_total{service="other",code="other"}')).toBe(1);
    expect(body).not.toContain('script');
  });

  it('counts approval transitions and observes ack durations by kind', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    m.recordApprovalTransition(undefined, 'requested');
    m.recordApprovalTransition('requested', 'approved');
    m.recordApprovalTransition('requested', 'approved');
    m.recordApprovalTransition('approved', 'bogus');
    m.observeAck(12, 'command');
    m.observeAck(450, 'action');
    m.observeAck(-5, 'action');
    m.observeAck(Number.NaN, 'action');
    const { body } = await m.render();
    expect(sample(body, 'bedrock403_approval_transitions_total{from="none",to="requested"}')).toBe(1);
    expect(sample(body, 'bedrock403_approval_transitions_total{from="requested",to="approved"}')).toBe(2);
    expect(sample(body, 'bedrock403_approval_transitions_total{from="approved",to="other"}')).toBe(1);
    expect(sample(body, 'bedrock403_slack_ack_duration_seconds_count{kind="command"}')).toBe(1);
    expect(sample(body, 'bedrock403_slack_ack_duration_seconds_count{kind="action"}')).toBe(1);
    expect(sample(body, 'bedrock403_slack_ack_duration_seconds_bucket{le="0.5",kind="action"}')).toBe(1);
    expect(sample(body, 'bedrock403_slack_ack_duration_seconds_bucket{le="0.25",kind="action"}')).toBe(0);
  });

  it('never throws from a metric call, whatever it is given', () => {
    const m = new BotMetrics({ defaultMetrics: false });
    expect(() => m.recordDiagnosis({} as Report)).not.toThrow();
    expect(() => m.recordTriage({} as never)).not.toThrow();
    expect(() => m.recordCheck(undefined as never, undefined as never)).not.toThrow();
  });

  it('the process registry includes Node default metrics and the one-line helpers feed it', async () => {
    recordApprovalTransition('approved', 'executing');
    const { body } = await metrics().render();
    expect(body).toContain('bedrock403_process_cpu_user_seconds_total');
    expect(body).toContain('bedrock403_nodejs_heap_size_used_bytes');
    expect(sample(body, 'bedrock403_approval_transitions_total{from="approved",to="executing"}')).toBe(1);
    expect(metrics()).toBe(metrics());
  });
});
