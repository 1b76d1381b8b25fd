/**
 * Base rates derived, not written: each family's cause shares are its documented prior (what AWS documents the
 * message to mean, families/*.ts) counted as PRIOR_WEIGHT confirmed threads, plus the confirmed causes of the
 * corpus cases whose text shows the family:
 *
 *     share(cause) = (PRIOR_WEIGHT * prior(cause) + count(cause)) / (PRIOR_WEIGHT + cases)
 *
 * so one thread moves a share by at most 1 / (PRIOR_WEIGHT + cases) and cannot flip causes the prior sets apart by
 * more than that; a cause the prior lacks enters only through confirmed threads. bench/derive-base-rates.ts writes
 * the result to families/base-rates.ts; test/triage/base-rates.test.ts checks the file against the corpus.
 */
import type { CauseId } from '../../report.js';

/** The prior counts as this many confirmed threads. */
export const PRIOR_WEIGHT = 10;

export interface DerivedRate {
  /**
   * Corpus cases whose text shows the family, weighted: a case whose own context evidence already speaks for its
   * confirmed cause counts EXPLAINED_CASE_WEIGHT (bench/corpus/base-rates.ts), so that evidence is not counted twice.
   */
  cases: number;
  /** Their confirmed causes (labels[0]), weighted the same way. */
  counts: Partial<Record<CauseId, number>>;
  /** Prior and counts combined; shares sum to 1 (rounded to 3 decimals). */
  rates: Partial<Record<CauseId, number>>;
}

export function deriveRate(
  prior: Partial<Record<CauseId, number>>,
  counts: Partial<Record<CauseId, number>>,
): DerivedRate {
  const causes = [...new Set([...Object.keys(prior), ...Object.keys(counts)])] as CauseId[];
  const cases = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const raw = causes.map(
    (c) => [c, (PRIOR_WEIGHT * (prior[c] ?? 0) + (counts[c] ?? 0)) / (PRIOR_WEIGHT + cases)] as const,
  );
  const total = raw.reduce((a, [, v]) => a + v, 0);
  const rates: Partial<Record<CauseId, number>> = {};
  for (const [c, v] of raw.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const share = Math.round((v / total) * 1000) / 1000;
    if (share > 0) rates[c] = share;
  }
  const sortedCounts: Partial<Record<CauseId, number>> = {};
  for (const c of (Object.keys(counts) as CauseId[]).sort()) sortedCounts[c] = counts[c] ?? 0;
  return { cases, counts: sortedCounts, rates };
}
