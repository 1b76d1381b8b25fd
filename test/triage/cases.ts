/** Loads labelled paste files (corpus and held-out set) and measures triage against their labels. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CauseId, Entities, Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';

export interface LabelledCase {
  id: string;
  source: string;
  labels: CauseId[];
  entities: Partial<Entities>;
  note?: string;
  text: string;
}

export function loadCases(relativeToTest: string): LabelledCase[] {
  const path = fileURLToPath(new URL(`../${relativeToTest}`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LabelledCase);
}

export interface Accuracy {
  cases: number;
  top1: number;
  top3: number;
  entitiesLabelled: number;
  entitiesExact: number;
  misses: string[];
  results: Array<{ c: LabelledCase; t: Triage }>;
}

export function measure(cases: readonly LabelledCase[]): Accuracy {
  const out: Accuracy = {
    cases: cases.length,
    top1: 0,
    top3: 0,
    entitiesLabelled: 0,
    entitiesExact: 0,
    misses: [],
    results: [],
  };
  for (const c of cases) {
    const t = triage(c.text);
    out.results.push({ c, t });
    const ranked = t.causes.map((cause) => cause.id);
    const confirmed = c.labels[0];
    if (ranked[0] === confirmed) out.top1++;
    if (confirmed !== undefined && ranked.slice(0, 3).includes(confirmed)) out.top3++;
    else out.misses.push(`${c.id}: want ${confirmed}, got ${ranked.join(', ')}`);
    for (const [kind, value] of Object.entries(c.entities)) {
      out.entitiesLabelled++;
      if ((t.entities as Record<string, unknown>)[kind] === value) out.entitiesExact++;
    }
  }
  return out;
}

export function percent(part: number, whole: number): string {
  return `${((part / Math.max(whole, 1)) * 100).toFixed(1)}%`;
}

export function report(name: string, a: Accuracy): string {
  return `${name}: ${a.cases} cases, confirmed cause first ${a.top1}/${a.cases} (${percent(a.top1, a.cases)}), in top 3 ${a.top3}/${a.cases} (${percent(a.top3, a.cases)}), labelled entities exact ${a.entitiesExact}/${a.entitiesLabelled}`;
}
