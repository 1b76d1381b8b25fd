import { describe, expect, it } from 'vitest';
import { cause } from '../../src/diagnosis/causes.js';
import type { CheckDefinition, CheckOutcome } from '../../src/diagnosis/check.js';
import type { FinishedCheck } from '../../src/diagnosis/run-checks.js';
import { validateTarget } from '../../src/diagnosis/target.js';
import { verdictOf } from '../../src/diagnosis/verdict.js';
import type { CheckId } from '../../src/report.js';

const input = validateTarget(
  { accountId: '111122223333', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', region: 'eu-west-1' },
  { defaultRegion: 'us-east-1' },
);

function finished(id: CheckId, outcome: Partial<CheckOutcome>): FinishedCheck {
  const o: CheckOutcome = { status: 'pass', summary: `${id} summary`, ...outcome };
  const definition: CheckDefinition = { id, title: id.replace('_', ' '), run: async () => o };
  return {
    definition,
    outcome: o,
    result: { id, title: definition.title, status: o.status, summary: o.summary, evidence: {}, fix: [], durationMs: 1 },
  };
}

describe('verdictOf', () => {
  it('uses the headline of the check behind the top cause', () => {
    const checks = [
      finished('key_status', {
        status: 'fail',
        causes: [cause('key_inactive', 0.95, 'x', [])],
        headline: 'Key AKIA…MPLE of user alice was deactivated',
      }),
      finished('permissions', {
        status: 'fail',
        causes: [cause('missing_iam_permission', 0.9, 'y', [])],
        headline: 'no',
      }),
    ];
    const causes = [cause('key_inactive', 0.95, 'x', []), cause('missing_iam_permission', 0.9, 'y', [])];
    expect(verdictOf(input, checks, causes)).toBe('Key AKIA…MPLE of user alice was deactivated');
  });

  it('a conclusive check wins over everything', () => {
    const checks = [
      finished('key_owner', { status: 'fail', conclusive: true, headline: 'Key belongs to account 2' }),
      finished('diag_role', { status: 'fail', headline: 'Could not check' }),
    ];
    expect(verdictOf(input, checks, [cause('unknown', 0.9, 'z', [])])).toBe('Key belongs to account 2');
  });

  it('a cause only the pasted text names is said to be unconfirmed', () => {
    expect(verdictOf(input, [finished('region', {})], [cause('clock_skew', 0.4, 'Signature expired', [])])).toBe(
      'Most likely (from the pasted error, not confirmed live): client clock is off: Signature expired',
    );
  });

  it('names what could not be confirmed when nothing was found', () => {
    const checks = [finished('region', {}), finished('permissions', { status: 'error', summary: 'Timed out' })];
    expect(verdictOf(input, checks, [])).toBe(
      'No fault found in account 111122223333, but permissions was not confirmed: Timed out',
    );
  });

  it('healthy, with skipped checks counted', () => {
    expect(verdictOf(input, [finished('region', {}), finished('model_access', { status: 'skip' })], [])).toMatch(
      /^Key AKIA…MPLE checks out for Bedrock in eu-west-1: every check that applies passed \(1 skipped\)/,
    );
  });
});
