/** The check every wording table makes of one message: some cause, the expected first one, the expected top three. */
import { expect } from 'vitest';
import type { CauseId, Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';

export interface ExpectedCauses {
  /** The first cause. */
  first?: CauseId;
  /** Causes that must all be in the first three. */
  top3?: readonly CauseId[];
}

/** Triages `text` and asserts it names a cause, `first` first and every `top3` among the first three. */
export function expectCauses(text: string, expected: ExpectedCauses, label?: string): Triage {
  const t = triage(text);
  const ids = t.causes.map((c) => c.id);
  expect(ids.length, label).toBeGreaterThan(0);
  if (expected.first) expect(ids[0], label).toBe(expected.first);
  for (const id of expected.top3 ?? [])
    expect(ids.slice(0, 3), `${label ?? text}: ${id} in the first three`).toContain(id);
  return t;
}
