/**
 * Base rates derived, not written: each family's cause shares are its documented prior (what AWS documents the
 * message to mean, families/*.ts) counted as PRIOR_WEIGHT confirmed threads, plus the confirmed causes of the
 * corpus cases whose text shows the family:
 *
 *     share(cause) = (PRIOR_WEIGHT * prior(cause) + count(cause)) / (PRIOR_WEIGHT + cases)
 *
 * where prior is the documented one with CLIENT_BUG_SHARE given to `unknown` (blendedPrior)
 *
 * so one thread moves a share by at most 1 / (PRIOR_WEIGHT + cases) and cannot flip causes the prior sets apart by
 * more than that; a cause the prior lacks enters only through confirmed threads. bench/derive-base-rates.ts writes
 * the result to families/base-rates.ts; test/triage/base-rates.test.ts checks the file against the corpus.
 */
import type { CauseId } from '../../report.js';

/** The prior counts as this many confirmed threads. */
export const PRIOR_WEIGHT = 10;

/**
 * Any AWS message can come from a client, library or proxy bug with the right credentials (`unknown`): of the 1078
 * corpus cases under a recognised AWS message on 4 December 2026, 110 (10.2%) were. So every documented prior gives
 * `unknown` this share before the threads are counted: prior' = (1 - CLIENT_BUG_SHARE) * prior + CLIENT_BUG_SHARE *
 * [unknown]. Without it a family whose documentation names one cause (an SSO profile missing settings: "wrong
 * profile") starts near certainty and keeps it until threads say otherwise, and blind batches from tool trackers
 * showed such answers wrong at >= 0.70. Measured on 1211 cases (npx tsx bench/corpus-held-out.ts, leave-one-file-out):
 * share 0 gave top-1 78.9%, top-3 93.0%, answers at >= 0.70 right 93.1% (669 answers); 0.1 gave 78.9%, 93.0%, 94.1%
 * (622); 0.15 gave 79.0%, 92.7%, 94.8% (600). In sample 0.1 raises top-3 from 94.6% to 95.0%.
 */
export const CLIENT_BUG_SHARE = 0.1;

/** The documented prior with the client-bug share blended in. */
export function blendedPrior(prior: Partial<Record<CauseId, number>>): Partial<Record<CauseId, number>> {
  const out: Partial<Record<CauseId, number>> = {};
  for (const [cause, value] of Object.entries(prior) as Array<[CauseId, number | undefined]>)
    out[cause] = (value ?? 0) * (1 - CLIENT_BUG_SHARE);
  out.unknown = (out.unknown ?? 0) + CLIENT_BUG_SHARE;
  return out;
}

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
  documented: Partial<Record<CauseId, number>>,
  counts: Partial<Record<CauseId, number>>,
): DerivedRate {
  const prior = blendedPrior(documented);
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
