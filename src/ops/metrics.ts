/**
 * Prometheus metrics (prom-client), served at /metrics. Other modules call one function each:
 * `recordDiagnosis(report)`, `recordDiagnosisFailure(reason)`, `recordTriage(triage, source)`, `recordCheck(..)`,
 * `recordAwsError(code, service)` (or `recordAwsCall(event)` as the AWS client observer),
 * `recordApprovalTransition(from, to)` and `observeAck(ms, kind)`.
 *
 * Every label takes values from a small known set (check ids, statuses, cause ids, request states, AWS error
 * names shaped like identifiers), so a strange input can never explode the number of series. A metric call never
 * throws: observing must not break the work it observes.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { CAUSE_IDS, CHECK_IDS, CHECK_STATUSES, type CheckResult, type Report, type Triage } from '../report.js';

const PREFIX = 'bedrock403_';

export type DiagnosisFailure = 'error' | 'aborted' | 'timeout' | 'refused';
export type TriageSource = 'command' | 'shortcut' | 'auto' | 'mention' | 'modal' | 'cli' | 'other';
export type AckKind = 'command' | 'action' | 'shortcut' | 'view' | 'event' | 'other';

const TRIAGE_SOURCES: readonly TriageSource[] = ['command', 'shortcut', 'auto', 'mention', 'modal', 'cli', 'other'];
const ACK_KINDS: readonly AckKind[] = ['command', 'action', 'shortcut', 'view', 'event', 'other'];
const REQUEST_STATES = ['none', 'requested', 'approved', 'rejected', 'expired', 'executing', 'done', 'failed'];
const AWS_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const AWS_SERVICE = /^[a-z][a-z0-9-]{0,31}$/;

/** `value` when it is one of `allowed`, else `fallback`: label values stay within a known set. */
function oneOf(value: string | undefined, allowed: readonly string[], fallback: string): string {
  return value !== undefined && allowed.includes(value) ? value : fallback;
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // a metric must never break the work it observes
  }
}

/** One set of metrics on its own registry (tests build their own; the process uses `metrics()`). */
export class BotMetrics {
  readonly registry = new Registry();
  readonly diagnoses = new Counter({
    name: `${PREFIX}diagnoses_total`,
    help: 'Live diagnoses by outcome: ok (nothing wrong found), problems, or a failure reason',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly diagnosisDuration = new Histogram({
    name: `${PREFIX}diagnosis_duration_seconds`,
    help: 'Wall time of a live diagnosis, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60],
    registers: [this.registry],
  });
  readonly checks = new Counter({
    name: `${PREFIX}checks_total`,
    help: 'Diagnosis check results by check id and status',
    labelNames: ['check', 'status'] as const,
    registers: [this.registry],
  });
  readonly triages = new Counter({
    name: `${PREFIX}triages_total`,
    help: 'Triages of pasted text by outcome (the most likely cause id, or none) and where they came from',
    labelNames: ['outcome', 'source'] as const,
    registers: [this.registry],
  });
  readonly awsErrors = new Counter({
    name: `${PREFIX}aws_call_errors_total`,
    help: 'AWS API calls that failed, by service and error code',
    labelNames: ['service', 'code'] as const,
    registers: [this.registry],
  });
  readonly approvalTransitions = new Counter({
    name: `${PREFIX}approval_transitions_total`,
    help: 'Remediation request state transitions (from none = created)',
    labelNames: ['from', 'to'] as const,
    registers: [this.registry],
  });
  readonly ackDuration = new Histogram({
    name: `${PREFIX}slack_ack_duration_seconds`,
    help: 'Time from receiving a Slack request to acknowledging it (Slack allows 3 s)',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  recordDiagnosis(report: Pick<Report, 'checks' | 'causes' | 'durationMs'>): void {
    safely(() => {
      const problems =
        report.causes.length > 0 || report.checks.some((c) => c.status !== 'pass' && c.status !== 'skip');
      const outcome = problems ? 'problems' : 'ok';
      this.diagnoses.inc({ outcome });
      this.observeDuration(outcome, report.durationMs);
      for (const check of report.checks) this.recordCheck(check.id, check.status);
    });
  }

  recordDiagnosisFailure(reason: DiagnosisFailure, durationMs?: number): void {
    safely(() => {
      const outcome = oneOf(reason, ['error', 'aborted', 'timeout', 'refused'], 'error');
      this.diagnoses.inc({ outcome });
      if (durationMs !== undefined) this.observeDuration(outcome, durationMs);
    });
  }

  private observeDuration(outcome: string, durationMs: number): void {
    if (Number.isFinite(durationMs) && durationMs >= 0) this.diagnosisDuration.observe({ outcome }, durationMs / 1000);
  }

  recordCheck(id: CheckResult['id'] | string, status: CheckResult['status'] | string): void {
    safely(() => {
      this.checks.inc({
        check: oneOf(id, CHECK_IDS, 'other'),
        status: oneOf(status, CHECK_STATUSES, 'other'),
      });
    });
  }

  recordTriage(triage: Pick<Triage, 'causes'>, source: TriageSource | string = 'other'): void {
    safely(() => {
      const top = triage.causes[0]?.id;
      this.triages.inc({
        outcome: top === undefined ? 'none' : oneOf(top, CAUSE_IDS, 'unknown'),
        source: oneOf(source, TRIAGE_SOURCES, 'other'),
      });
    });
  }

  recordAwsError(code: string | undefined, service = 'other'): void {
    safely(() => {
      this.awsErrors.inc({
        service: AWS_SERVICE.test(service) ? service : 'other',
        code: code && AWS_CODE.test(code) ? code : 'other',
      });
    });
  }

  /** Observer for every AWS call (the client factory's `onAwsCall`): counts the failed ones. */
  recordAwsCall(event: { service: string; ok: boolean; errorName?: string }): void {
    if (!event.ok) this.recordAwsError(event.errorName, event.service.toLowerCase());
  }

  recordApprovalTransition(from: string | undefined, to: string): void {
    safely(() => {
      this.approvalTransitions.inc({
        from: oneOf(from ?? 'none', REQUEST_STATES, 'other'),
        to: oneOf(to, REQUEST_STATES, 'other'),
      });
    });
  }

  observeAck(ms: number, kind: AckKind | string = 'other'): void {
    safely(() => {
      if (Number.isFinite(ms) && ms >= 0)
        this.ackDuration.observe({ kind: oneOf(kind, ACK_KINDS, 'other') }, ms / 1000);
    });
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

let processMetrics: BotMetrics | undefined;

/** The process's metrics, created on first use (with Node's default process metrics). */
export function metrics(): BotMetrics {
  processMetrics ??= new BotMetrics();
  return processMetrics;
}

export const recordDiagnosis = (report: Pick<Report, 'checks' | 'causes' | 'durationMs'>): void =>
  metrics().recordDiagnosis(report);
export const recordDiagnosisFailure = (reason: DiagnosisFailure, durationMs?: number): void =>
  metrics().recordDiagnosisFailure(reason, durationMs);
export const recordCheck = (id: string, status: string): void => metrics().recordCheck(id, status);
export const recordTriage = (triage: Pick<Triage, 'causes'>, source?: TriageSource | string): void =>
  metrics().recordTriage(triage, source);
export const recordAwsError = (code: string | undefined, service?: string): void =>
  metrics().recordAwsError(code, service);
export const recordAwsCall = (event: { service: string; ok: boolean; errorName?: string }): void =>
  metrics().recordAwsCall(event);
export const recordApprovalTransition = (from: string | undefined, to: string): void =>
  metrics().recordApprovalTransition(from, to);
export const observeAck = (ms: number, kind?: AckKind | string): void => metrics().observeAck(ms, kind);
