/**
 * The held-out set test/fixtures/triage-cases.jsonl: pastes composed from the taxonomy's shapes across SDKs, tools
 * and chat formatting, covering every cause id, written to check that triage generalises beyond the corpus.
 * Reported separately from the corpus; the floors are below the corpus bar on purpose (composed, not tuned).
 */
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/report.js';
import { loadCases, measure, report } from './cases.js';

const cases = loadCases('fixtures/triage-cases.jsonl');
const accuracy = measure(cases);

describe('triage on the held-out composed set', () => {
  it('has at least 60 cases covering every cause id as the confirmed cause', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const covered = new Set(cases.map((c) => c.labels[0]));
    for (const id of CAUSE_IDS) expect(covered, id).toContain(id);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('ranks the confirmed cause first for >= 75% and in the top three for >= 90% of the cases', () => {
    console.log(report('held-out (test/fixtures/triage-cases.jsonl)', accuracy));
    if (accuracy.misses.length > 0) console.log(`not in top 3: ${accuracy.misses.join('; ')}`);
    expect(accuracy.top1 / accuracy.cases).toBeGreaterThanOrEqual(0.75);
    expect(accuracy.top3 / accuracy.cases).toBeGreaterThanOrEqual(0.9);
  });

  it('extracts every labelled entity exactly', () => {
    const wrong: string[] = [];
    for (const { c, t } of accuracy.results) {
      for (const [kind, value] of Object.entries(c.entities)) {
        const got = (t.entities as Record<string, unknown>)[kind];
        if (got !== value) wrong.push(`${c.id} ${kind}: want ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reports a leaked secret exactly where one was pasted', () => {
    const withSecret = new Set(['h09', 'h70', 'h94', 'L04']);
    for (const { c, t } of accuracy.results)
      expect({ id: c.id, secretsFound: t.secretsFound }).toEqual({ id: c.id, secretsFound: withSecret.has(c.id) });
  });
});
