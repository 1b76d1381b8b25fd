/**
 * Corpus measurement: loads labelled real-paste files (JSON Lines, one case a line) and scores triage on them:
 * confirmed cause first (top-1), among the first three (top-3), no cause at all (empty), labelled entities exact,
 * and a reliability table (confidence of the first cause, bucketed -> share of those answers that were right).
 * Shared by bench/corpus-score.ts (the blind-protocol script) and bench/corpus.bench.ts (`npm run bench`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';

export interface CorpusCase {
  id: string;
  text: string;
  source: string;
  /** labels[0] is the cause the thread confirmed; the rest are plausible others. */
  labels: string[];
  entities: Record<string, unknown>;
  client?: string;
  note?: string;
  /** The file the case came from (set by the loader). */
  file: string;
}

export function loadJsonl(path: string): CorpusCase[] {
  const name = path.split('/').pop() ?? path;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        const c = JSON.parse(line) as Omit<CorpusCase, 'file'>;
        return { ...c, entities: c.entities ?? {}, file: name };
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
}

/** Every *.jsonl file of a folder, in name order. */
export function loadFolder(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => loadJsonl(join(dir, f)));
}

export interface CaseResult {
  c: CorpusCase;
  t: Triage;
  rank: number;
  entityMisses: string[];
}

export interface Bucket {
  label: string;
  low: number;
  high: number;
  answers: number;
  right: number;
}

export interface Score {
  size: number;
  top1: number;
  top3: number;
  empty: number;
  entitiesLabelled: number;
  entitiesExact: number;
  results: CaseResult[];
  reliability: Bucket[];
}

/** Confidence buckets of the first cause: [low, high). */
export const BUCKETS: ReadonlyArray<readonly [number, number]> = [
  [0, 0.3],
  [0.3, 0.5],
  [0.5, 0.51],
  [0.51, 0.7],
  [0.7, 0.9],
  [0.9, 1.01],
];

function bucketLabel([low, high]: readonly [number, number]): string {
  if (low === 0.5 && high === 0.51) return '= 0.50 (capped)';
  return `${low.toFixed(2)}-${high > 1 ? '1.00' : `<${high.toFixed(2)}`}`;
}

function sameValue(want: unknown, got: unknown): boolean {
  return want === got || (typeof want === 'number' && typeof got === 'string' && String(want) === got);
}

export function score(cases: readonly CorpusCase[]): Score {
  const out: Score = {
    size: cases.length,
    top1: 0,
    top3: 0,
    empty: 0,
    entitiesLabelled: 0,
    entitiesExact: 0,
    results: [],
    reliability: BUCKETS.map((b) => ({ label: bucketLabel(b), low: b[0], high: b[1], answers: 0, right: 0 })),
  };
  for (const c of cases) {
    const t = triage(c.text);
    const ranked = t.causes.map((cause) => cause.id as string);
    const rank = ranked.indexOf(c.labels[0] ?? '');
    if (rank === 0) out.top1++;
    if (rank >= 0 && rank < 3) out.top3++;
    if (ranked.length === 0) out.empty++;
    const entityMisses: string[] = [];
    for (const [kind, want] of Object.entries(c.entities ?? {})) {
      out.entitiesLabelled++;
      const got = (t.entities as Record<string, unknown>)[kind];
      if (sameValue(want, got)) out.entitiesExact++;
      else entityMisses.push(`${kind}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    const first = t.causes[0];
    if (first) {
      const bucket = out.reliability.find((b) => first.confidence >= b.low && first.confidence < b.high);
      if (bucket) {
        bucket.answers++;
        if (rank === 0) bucket.right++;
      }
    }
    out.results.push({ c, t, rank, entityMisses });
  }
  return out;
}

export function pct(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)}%`;
}

export function summary(s: Score): string {
  return [
    `size ${s.size}`,
    `top-1 ${s.top1}/${s.size} (${pct(s.top1, s.size)})`,
    `top-3 ${s.top3}/${s.size} (${pct(s.top3, s.size)})`,
    `empty ${s.empty}`,
    `entities ${s.entitiesExact}/${s.entitiesLabelled} (${pct(s.entitiesExact, s.entitiesLabelled)})`,
  ].join(', ');
}

export function reliabilityTable(s: Score): string {
  const rows = s.reliability.map(
    (b) =>
      `  ${b.label.padEnd(16)} ${String(b.answers).padStart(4)} answers, ${pct(b.right, b.answers).padStart(6)} right`,
  );
  const sure = s.reliability.filter((b) => b.low >= 0.7);
  const answers = sure.reduce((n, b) => n + b.answers, 0);
  const right = sure.reduce((n, b) => n + b.right, 0);
  rows.push(`  >= 0.70          ${String(answers).padStart(4)} answers, ${pct(right, answers).padStart(6)} right`);
  return `confidence of the first cause -> share right\n${rows.join('\n')}`;
}

/** Counts of labels[0] and of client families, most frequent first. */
export function counts(cases: readonly CorpusCase[], key: 'cause' | 'client'): Array<[string, number]> {
  const map = new Map<string, number>();
  for (const c of cases) {
    const k = key === 'cause' ? (c.labels[0] ?? '(none)') : (c.client ?? '(unset)');
    map.set(k, (map.get(k) ?? 0) + 1);
  }
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
