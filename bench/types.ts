/** One printed figure of `npm run bench`. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 1.25". */
  target?: string;
  met?: boolean;
}

/** p-th percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
