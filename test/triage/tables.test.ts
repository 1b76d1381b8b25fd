/** The scoring tables are data: check they are well-formed so a typo cannot silently drop evidence. */
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS, type CauseId } from '../../src/report.js';
import { FAMILY_BASE_RATES, type FamilyId, familyWeights } from '../../src/triage/base-rates.js';
import { CAUSE_CATALOG, type CatalogContext } from '../../src/triage/catalog.js';
import { CONTEXT_RULES, type ContextSignalId, RULE_OUT_SIGNALS } from '../../src/triage/rules.js';
import { STANDALONE_SIGNALS } from '../../src/triage/score.js';

describe('base-rate table', () => {
  it.each(Object.entries(FAMILY_BASE_RATES))(
    '%s: valid cause ids, shares summing to 1, reasoning given',
    (_family, row) => {
      const entries = Object.entries(row.rates) as Array<[CauseId, number]>;
      expect(entries.length).toBeGreaterThan(0);
      for (const [cause, rate] of entries) {
        expect(CAUSE_IDS).toContain(cause);
        expect(rate).toBeGreaterThan(0);
      }
      expect(entries.reduce((sum, [, rate]) => sum + rate, 0)).toBeCloseTo(1, 2);
      expect(row.reasoning.length).toBeGreaterThan(40);
    },
  );

  it('gives the most frequent cause of a family the most points, in the order of the shares', () => {
    for (const family of Object.keys(FAMILY_BASE_RATES) as FamilyId[]) {
      const weights = familyWeights(family);
      const byWeight = [...weights].sort((a, b) => b.weight - a.weight || b.rate - a.rate).map((w) => w.cause);
      const byRate = [...weights].sort((a, b) => b.rate - a.rate || b.weight - a.weight).map((w) => w.cause);
      expect(byWeight).toEqual(byRate);
      expect(Math.max(...weights.map((w) => w.weight))).toBeGreaterThan(0);
    }
  });
});

describe('evidence rules', () => {
  it.each(Object.entries(CONTEXT_RULES))('%s: valid cause ids, finite points, a reason for each', (_signal, rule) => {
    const entries = Object.entries(rule) as Array<[CauseId, readonly [number, string]]>;
    expect(entries.length).toBeGreaterThan(0);
    // A signal supports some cause, unless it is declared as one that only rules causes out (all weights negative).
    if (RULE_OUT_SIGNALS.has(_signal as ContextSignalId))
      expect(entries.every(([, [weight]]) => weight < 0)).toBe(true);
    else expect(entries.some(([, [weight]]) => weight > 0)).toBe(true);
    for (const [cause, [weight, because]] of entries) {
      expect(CAUSE_IDS).toContain(cause);
      expect(Number.isFinite(weight)).toBe(true);
      expect(Math.abs(weight)).toBeLessThanOrEqual(6);
      expect(because.length).toBeGreaterThan(10);
    }
  });

  it('only lets signals that name a problem on their own stand without an error message', () => {
    for (const id of STANDALONE_SIGNALS) expect(Object.keys(CONTEXT_RULES)).toContain(id);
  });
});

describe('cause catalog', () => {
  it.each(CAUSE_IDS)('%s has a title, fix steps, commands and what tells it apart', (id) => {
    const entry = CAUSE_CATALOG[id];
    const ctx: CatalogContext = {
      entities: {},
      families: new Set(),
      contexts: new Set(),
      token: { present: false, absent: false },
    };
    expect(entry.title.length).toBeGreaterThan(10);
    expect(entry.tellsApart.length).toBeGreaterThan(10);
    expect(entry.fix(ctx).length).toBeGreaterThan(0);
    expect(entry.commands(ctx).length).toBeGreaterThan(0);
    for (const command of entry.commands(ctx)) expect(command).not.toMatch(/undefined|null/);
  });
});
