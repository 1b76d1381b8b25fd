/**
 * Triage accuracy on the real-paste corpus (test/fixtures/corpus/*.jsonl): top-1, top-3, empty answers, labelled
 * entities, and the reliability of the confidence it states (answers at >= 0.7 must be right >= 90% of the time).
 * The blind figures of each batch are in test/fixtures/corpus/BLIND.md; these are the figures after the fixes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFolder, score } from './corpus/measure.js';
import type { BenchRow } from './types.js';

export default async function bench(): Promise<BenchRow[]> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus');
  const s = score(loadFolder(dir));
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const rows: BenchRow[] = [
    { bench: 'corpus', metric: 'real pastes', value: s.size, unit: 'cases' },
    {
      bench: 'corpus',
      metric: 'confirmed cause first (top-1)',
      value: share(s.top1, s.size),
      unit: 'share',
      target: '>= 0.80',
      met: share(s.top1, s.size) >= 0.8,
    },
    {
      bench: 'corpus',
      metric: 'confirmed cause in top 3',
      value: share(s.top3, s.size),
      unit: 'share',
      target: '>= 0.95',
      met: share(s.top3, s.size) >= 0.95,
    },
    { bench: 'corpus', metric: 'empty answers', value: s.empty, unit: 'cases', target: '0', met: s.empty === 0 },
    {
      bench: 'corpus',
      metric: 'labelled entities exact',
      value: share(s.entitiesExact, s.entitiesLabelled),
      unit: 'share',
      target: '>= 0.95',
      met: share(s.entitiesExact, s.entitiesLabelled) >= 0.95,
    },
  ];
  for (const b of s.reliability) {
    rows.push({
      bench: 'corpus',
      metric: `reliability: first cause at confidence ${b.label} (${b.answers} answers)`,
      value: share(b.right, b.answers),
      unit: 'share right',
    });
  }
  const sure = s.reliability.filter((b) => b.low >= 0.7);
  const answers = sure.reduce((n, b) => n + b.answers, 0);
  const right = sure.reduce((n, b) => n + b.right, 0);
  rows.push({
    bench: 'corpus',
    metric: `reliability: first cause at confidence >= 0.70 (${answers} answers)`,
    value: share(right, answers),
    unit: 'share right',
    target: '>= 0.90',
    met: share(right, answers) >= 0.9,
  });
  return rows;
}
