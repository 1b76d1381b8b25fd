/**
 * The base rates in use are derived, not written: src/triage/families/base-rates.ts must be exactly what the
 * documented priors (families/*.ts) and the corpus (test/fixtures/corpus/*.jsonl) give (npm run derive-base-rates
 * regenerates it), and the derivation must keep one thread from overturning a documented prior.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deriveBaseRates, EXPLAINED_CASE_WEIGHT } from '../../bench/corpus/base-rates.js';
import { loadFolder } from '../../bench/corpus/measure.js';
import { DERIVED_BASE_RATES } from '../../src/triage/families/base-rates.js';
import { blendedPrior, CLIENT_BUG_SHARE, deriveRate, PRIOR_WEIGHT } from '../../src/triage/families/derive.js';
import { FAMILIES } from '../../src/triage/families/index.js';

const corpus = loadFolder(fileURLToPath(new URL('../fixtures/corpus', import.meta.url)));

describe('derived base rates', () => {
  it('the generated table is what the priors and the corpus give (run npm run derive-base-rates)', () => {
    expect(DERIVED_BASE_RATES).toEqual(deriveBaseRates(corpus));
  });

  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s: a documented prior summing to 1, with a link', (_id, f) => {
    const shares = Object.values(f.prior);
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.reduce((a, b) => a + (b ?? 0), 0)).toBeCloseTo(1, 3);
    expect(f.doc).toMatch(/^https:\/\//);
    expect(f.priorWhy.length).toBeGreaterThan(40);
  });

  it('combines the blended prior and counts as PRIOR_WEIGHT pseudo-threads', () => {
    const r = deriveRate({ key_not_found: 0.6, session_token_mismatch: 0.4 }, { session_token_mismatch: 1 });
    const kept = 1 - CLIENT_BUG_SHARE;
    expect(r.cases).toBe(1);
    expect(r.rates.key_not_found).toBeCloseTo((PRIOR_WEIGHT * 0.6 * kept) / (PRIOR_WEIGHT + 1), 3);
    expect(r.rates.session_token_mismatch).toBeCloseTo((PRIOR_WEIGHT * 0.4 * kept + 1) / (PRIOR_WEIGHT + 1), 3);
    expect(r.rates.unknown).toBeCloseTo((PRIOR_WEIGHT * CLIENT_BUG_SHARE) / (PRIOR_WEIGHT + 1), 3);
    // One thread cannot flip an order the prior sets apart by more than 1 / PRIOR_WEIGHT.
    const order = Object.keys(r.rates);
    expect(order[0]).toBe('key_not_found');
  });

  it('lets a cause the prior lacks in only through confirmed threads', () => {
    const r = deriveRate({ clock_skew: 1 }, { region_unsupported: 2 });
    expect(r.rates.region_unsupported).toBeCloseTo(2 / (PRIOR_WEIGHT + 2), 3);
    expect(deriveRate({ clock_skew: 1 }, {}).rates).toEqual({
      clock_skew: 1 - CLIENT_BUG_SHARE,
      unknown: CLIENT_BUG_SHARE,
    });
  });

  it('gives every documented prior the measured client-bug share, and keeps a prior that is all unknown', () => {
    expect(blendedPrior({ wrong_profile_or_env: 0.9, unknown: 0.1 })).toEqual({
      wrong_profile_or_env: 0.9 * (1 - CLIENT_BUG_SHARE),
      unknown: 0.1 * (1 - CLIENT_BUG_SHARE) + CLIENT_BUG_SHARE,
    });
    expect(blendedPrior({ unknown: 1 })).toEqual({ unknown: 1 });
  });
});

describe('a case its own evidence explains', () => {
  it('counts EXPLAINED_CASE_WEIGHT toward its message family, a bare one counts 1', () => {
    const expired = 'ExpiredTokenException: The security token included in the request is expired';
    const rates = deriveBaseRates([
      { id: 'bare', text: expired, source: 'x', labels: ['temp_credentials_expired'], entities: {}, file: 'a.jsonl' },
      // An AKIA key cannot expire: the long-term-key evidence already speaks for the stale session token.
      {
        id: 'explained',
        text: `${expired}\naws_access_key_id = AKIASP2TPHJSQH3FJXYZ`,
        source: 'y',
        labels: ['session_token_mismatch'],
        entities: {},
        file: 'b.jsonl',
      },
    ]);
    expect(EXPLAINED_CASE_WEIGHT).toBeGreaterThan(0);
    expect(EXPLAINED_CASE_WEIGHT).toBeLessThan(1);
    expect(rates.token_expired.counts).toEqual({
      session_token_mismatch: EXPLAINED_CASE_WEIGHT,
      temp_credentials_expired: 1,
    });
    expect(rates.token_expired.cases).toBe(1 + EXPLAINED_CASE_WEIGHT);
  });
});
