import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { Report } from '../../src/report.js';

const report: Report = {
  target: { accountId: '111122223333', region: 'us-west-2', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
  checks: [
    {
      id: 'diag_role',
      title: 'Diagnostic role',
      status: 'pass',
      summary: 'Assumed',
      evidence: { 'reused cached session': true },
      fix: [],
      durationMs: 10,
    },
    {
      id: 'permissions',
      title: 'IAM permissions',
      status: 'warn',
      summary: 'Could not confirm',
      evidence: {
        'routes to regions': ['us-east-1', 'us-west-2'],
        boundary: null,
        leaked: 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      fix: ['Read the conditions'],
      durationMs: 20,
    },
  ],
  causes: [{ id: 'clock_skew', confidence: 0.3, title: 'Client clock is off', why: 'text says so', fix: ['run ntp'] }],
  verdict: 'No fault found',
  startedAt: '2026-11-27T00:00:00.000Z',
  durationMs: 25,
};

describe('renderReport', () => {
  it('shows details only for checks that did not pass, and the causes with their fixes', () => {
    const text = renderReport(report);
    expect(text).toContain('Bedrock 403 diagnosis: account 111122223333, region us-west-2, key AKIA…MPLE');
    expect(text).toContain('[PASS] Diagnostic role  Assumed');
    expect(text).not.toContain('reused cached session');
    expect(text).toContain('[WARN] IAM permissions  Could not confirm');
    expect(text).toContain('         routes to regions: us-east-1, us-west-2');
    expect(text).toContain('         boundary: (none)');
    expect(text).toContain('         fix: Read the conditions');
    expect(text).toContain('  1. Client clock is off (clock_skew, 30%)');
    expect(text).toContain('     - run ntp');
    expect(text).toContain('2 checks: 1 pass, 1 warn; took 25 ms');
  });

  it('--verbose shows every evidence line; secrets never reach the output', () => {
    const text = renderReport(report, { verbose: true });
    expect(text).toContain('         reused cached session: yes');
    expect(text).not.toContain('wJalrXUtnFEMI');
  });
});
