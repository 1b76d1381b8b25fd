/**
 * Leave-one-batch-out: how much of the whole-corpus figure comes from deriving the base rates on the very cases it
 * scores. For every corpus file, the base rates are derived from the other files only (same priors, same formula),
 * that file is scored with them, and the pooled figure is printed next to the in-sample one. The wordings are still
 * the ones written after reading every batch, so this bounds the base-rate part of the fitting, not all of it; the
 * blind figures in test/fixtures/corpus/BLIND.md are the honest ones.
 *
 *   npx tsx bench/corpus-held-out.ts      (also prints the pooled leave-one-file-out reliability table)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILY_BASE_RATES } from '../src/triage/base-rates.js';
import type { FamilyId } from '../src/triage/families/index.js';
import { deriveBaseRates } from './corpus/base-rates.js';
import { type Bucket, loadFolder, pct, reliabilityTable, type Score, score } from './corpus/measure.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus');
const cases = loadFolder(dir);
const table = FAMILY_BASE_RATES as Record<FamilyId, { rates: Record<string, number> }>;
const saved = new Map(Object.entries(table).map(([id, row]) => [id, row.rates]));

let size = 0;
let top1 = 0;
let top3 = 0;
const buckets = new Map<string, Bucket>();
for (const file of [...new Set(cases.map((c) => c.file))]) {
  const rates = deriveBaseRates(cases.filter((c) => c.file !== file));
  for (const [id, derived] of Object.entries(rates))
    table[id as FamilyId].rates = derived.rates as Record<string, number>;
  const s = score(cases.filter((c) => c.file === file));
  for (const [id, original] of saved) table[id as FamilyId].rates = original;
  size += s.size;
  top1 += s.top1;
  top3 += s.top3;
  for (const b of s.reliability) {
    const pooled = buckets.get(b.label) ?? { ...b, answers: 0, right: 0 };
    pooled.answers += b.answers;
    pooled.right += b.right;
    buckets.set(b.label, pooled);
  }
  console.log(
    `${file.padEnd(24)} ${String(s.size).padStart(4)} cases, top-1 ${pct(s.top1, s.size).padStart(6)}, top-3 ${pct(s.top3, s.size).padStart(6)}`,
  );
}
const inSample = score(cases);
console.log(
  `pooled, base rates from the other files: ${size} cases, top-1 ${pct(top1, size)}, top-3 ${pct(top3, size)}`,
);
console.log(
  `in sample (base rates from every file):   ${inSample.size} cases, top-1 ${pct(inSample.top1, inSample.size)}, top-3 ${pct(inSample.top3, inSample.size)}`,
);
// The reliability of the first cause's confidence when each file is scored with base rates from the others: what
// the confidences are worth on a batch whose shares were not derived from it.
const pooled = { reliability: [...buckets.values()] } as Pick<Score, 'reliability'> as Score;
console.log(`leave-one-file-out ${reliabilityTable(pooled)}`);
