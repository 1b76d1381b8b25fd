/**
 * One ranked list of causes from the live checks and the triage of pasted text. Live evidence outranks the text:
 * a cause a check proved wrong is dropped from the triage hypotheses, a cause both name is reinforced, and a check
 * that settled the matter (key of another account) sets every other hypothesis aside.
 */
import type { Cause, CauseId } from '../report.js';
import type { CheckOutcome } from './check.js';

export function mergeCauses(outcomes: readonly CheckOutcome[], triageCauses: readonly Cause[] = []): Cause[] {
  const conclusive = outcomes.filter((o) => o.conclusive);
  if (conclusive.length > 0) return rank(combine(conclusive.flatMap((o) => o.causes ?? [])));

  const live = combine(outcomes.flatMap((o) => o.causes ?? []));
  const refuted = new Set<CauseId>(outcomes.flatMap((o) => o.refutes ?? []));
  const byId = new Map(live.map((c) => [c.id, c]));
  for (const hypothesis of combine([...triageCauses])) {
    const confirmed = byId.get(hypothesis.id);
    if (confirmed) {
      byId.set(hypothesis.id, {
        ...confirmed,
        confidence: round(Math.min(0.99, 1 - (1 - confirmed.confidence) * (1 - hypothesis.confidence))),
        why: `${confirmed.why} (the pasted error points the same way)`,
        fix: unique([...confirmed.fix, ...hypothesis.fix]),
      });
    } else if (!refuted.has(hypothesis.id)) {
      byId.set(hypothesis.id, hypothesis);
    }
  }
  return rank([...byId.values()]);
}

/** Causes with the same id become one: the highest confidence, every distinct reason and fix. */
function combine(causes: Cause[]): Cause[] {
  const byId = new Map<CauseId, Cause>();
  for (const c of causes) {
    const prior = byId.get(c.id);
    if (!prior) {
      byId.set(c.id, { ...c, fix: unique(c.fix) });
      continue;
    }
    const [first, second] = c.confidence > prior.confidence ? [c, prior] : [prior, c];
    byId.set(c.id, {
      ...first,
      why: first.why === second.why ? first.why : `${first.why}; ${second.why}`,
      fix: unique([...first.fix, ...second.fix]),
    });
  }
  return [...byId.values()];
}

function rank(causes: Cause[]): Cause[] {
  return causes
    .map((c, index) => ({ c, index }))
    .sort((a, b) => b.c.confidence - a.c.confidence || a.index - b.index)
    .map(({ c }) => c);
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One cause per id within one check: the first, with the other reasons and fixes folded in. */
export function mergeSameId(causes: Cause[]): Cause[] {
  const byId = new Map<string, Cause>();
  for (const c of causes) {
    const prior = byId.get(c.id);
    if (!prior) byId.set(c.id, c);
    else byId.set(c.id, { ...prior, why: `${prior.why}. ${c.why}`, fix: unique([...prior.fix, ...c.fix]) });
  }
  return [...byId.values()];
}
