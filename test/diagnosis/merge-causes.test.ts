import { describe, expect, it } from 'vitest';
import { cause } from '../../src/diagnosis/causes.js';
import type { CheckOutcome } from '../../src/diagnosis/check.js';
import { mergeCauses } from '../../src/diagnosis/merge-causes.js';

const outcome = (o: Partial<CheckOutcome>): CheckOutcome => ({ status: 'pass', summary: '', ...o });

describe('mergeCauses', () => {
  it('ranks by confidence and folds duplicates of one id into one cause', () => {
    const merged = mergeCauses([
      outcome({ causes: [cause('region_unsupported', 0.5, 'catalog lacks it', ['a'])] }),
      outcome({ causes: [cause('region_unsupported', 0.85, 'availability says no', ['b'])] }),
      outcome({ causes: [cause('missing_iam_permission', 0.9, 'simulated', ['c'])] }),
    ]);
    expect(merged.map((c) => [c.id, c.confidence])).toEqual([
      ['missing_iam_permission', 0.9],
      ['region_unsupported', 0.85],
    ]);
    expect(merged[1]?.why).toBe('availability says no; catalog lacks it');
    expect(merged[1]?.fix).toEqual(['b', 'a']);
  });

  it('drops triage hypotheses a check refuted, but never a cause a check found', () => {
    const merged = mergeCauses(
      [
        outcome({ refutes: ['key_inactive', 'region_unsupported'] }),
        outcome({ causes: [cause('region_unsupported', 0.85, 'live', [])] }),
      ],
      [cause('key_inactive', 0.6, 'text', []), cause('clock_skew', 0.3, 'text', [])],
    );
    expect(merged.map((c) => c.id)).toEqual(['region_unsupported', 'clock_skew']);
  });

  it('reinforces a cause both the text and a check name', () => {
    const [merged] = mergeCauses(
      [outcome({ causes: [cause('key_inactive', 0.9, 'IAM says Inactive', ['reactivate'])] })],
      [cause('key_inactive', 0.5, 'text', ['rotate'])],
    );
    expect(merged?.confidence).toBe(0.95);
    expect(merged?.fix).toEqual(['reactivate', 'rotate']);
  });

  it('a conclusive check sets every other hypothesis aside', () => {
    const merged = mergeCauses(
      [
        outcome({ conclusive: true, causes: [cause('key_not_found', 0.95, 'other account', [])] }),
        outcome({ causes: [cause('missing_iam_permission', 0.99, 'simulated', [])] }),
      ],
      [cause('clock_skew', 0.9, 'text', [])],
    );
    expect(merged.map((c) => c.id)).toEqual(['key_not_found']);
  });

  it('no causes anywhere gives an empty list', () => {
    expect(mergeCauses([outcome({}), outcome({ status: 'skip' })])).toEqual([]);
  });
});
