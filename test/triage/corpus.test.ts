/**
 * The real pastes of shared/corpus/errors.jsonl (copied to test/fixtures/corpus): the confirmed cause (labels[0])
 * must be first for at least 80% and in the top three for at least 95%, and every labelled entity must come out
 * exactly. Prints the figures.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, measure, report } from './cases.js';

const cases = loadCases('fixtures/corpus/errors.jsonl');
const accuracy = measure(cases);

describe('triage on the real-paste corpus', () => {
  it('has the corpus cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(39);
  });

  it('ranks the confirmed cause first for >= 80% and in the top three for >= 95% of the cases', () => {
    console.log(report('corpus (test/fixtures/corpus/errors.jsonl)', accuracy));
    if (accuracy.misses.length > 0) console.log(`not in top 3: ${accuracy.misses.join('; ')}`);
    expect(accuracy.top1 / accuracy.cases).toBeGreaterThanOrEqual(0.8);
    expect(accuracy.top3 / accuracy.cases).toBeGreaterThanOrEqual(0.95);
  });

  it.each(accuracy.results.map((r) => [r.c.id, r] as const))(
    'extracts every labelled entity of %s exactly',
    (_id, r) => {
      for (const [kind, value] of Object.entries(r.c.entities)) {
        expect({ kind, value: (r.t.entities as Record<string, unknown>)[kind] }).toEqual({ kind, value });
      }
    },
  );

  it('extracts every labelled entity of the corpus', () => {
    expect(accuracy.entitiesLabelled).toBeGreaterThan(30);
    expect(accuracy.entitiesExact).toBe(accuracy.entitiesLabelled);
  });
});
