/** Admission of live work: coalescing, the queue bound, the shared budget and its words, and failing open. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/config.js';
import { admit, RunningWork, slowDownText, spendBudget, storeWorkBudget, workKey } from '../../src/slack/admission.js';
import type { RateLimitStore } from '../../src/store/types.js';
import { capturingLogger } from './helpers/fakes.js';

const spent = (key: string, retryAfterMs: number): RateLimitStore => ({
  consumeRateBudget: async () => ({ ok: false, key, retryAfterMs }),
  pruneRateBudgets: async () => 0,
});

describe('admit', () => {
  it('refuses a duplicate while it runs, and admits it again once released', async () => {
    const deps = { running: new RunningWork(), tasks: { hasRoom: () => true } };
    const key = workKey('U1', 'target', { accountId: '111111111111' });
    const first = await admit(deps, { userId: 'U1' }, key);
    expect(first.ok).toBe(true);
    expect(await admit(deps, { userId: 'U1' }, key)).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(await admit(deps, { userId: 'U2' }, workKey('U2', 'target', { accountId: '111111111111' }))).toMatchObject({
      ok: true,
    });
    if (first.ok) first.release();
    expect((await admit(deps, { userId: 'U1' }, key)).ok).toBe(true);
  });

  it('a full queue: busy, and the key is not left marked running', async () => {
    const deps = { running: new RunningWork(), tasks: { hasRoom: () => false } };
    expect(await admit(deps, { userId: 'U1' }, 'k')).toMatchObject({ ok: false, reason: 'busy' });
    expect(deps.running.size).toBe(0);
  });

  it('a spent budget: the sentence names whose budget, the limit and when to retry', async () => {
    const { logger } = capturingLogger();
    const budget = storeWorkBudget(spent('user:U1', 41_200), DEFAULT_RATE_LIMITS, logger);
    const deps = { running: new RunningWork(), tasks: { hasRoom: () => true }, budget };
    const refused = await admit(deps, { userId: 'U1', channelId: 'C1' }, 'k');
    expect(refused).toEqual({
      ok: false,
      reason: 'rate_limited',
      text: ':hourglass: Slow down: too many live diagnoses and key requests from you (at most 10 per minute). Nothing was started; retry in 42 s.',
    });
    expect(deps.running.size).toBe(0);
    const channel = storeWorkBudget(spent('channel:C1', 500), DEFAULT_RATE_LIMITS, logger);
    const decision = await channel.spend({ userId: 'U1', channelId: 'C1' });
    expect(decision).toEqual({ ok: false, retryAfterSeconds: 1, scope: 'channel' });
    if (!decision.ok) expect(slowDownText(channel, decision)).toMatch(/in this channel \(at most 30 per minute\)/);
  });

  it('a store failure lets the work through and is logged', async () => {
    const { logger, lines } = capturingLogger();
    const broken: RateLimitStore = {
      consumeRateBudget: async () => {
        throw new Error('database is locked');
      },
      pruneRateBudgets: async () => 0,
    };
    expect(await storeWorkBudget(broken, DEFAULT_RATE_LIMITS, logger).spend({ userId: 'U1' })).toEqual({ ok: true });
    expect(lines.join('')).toMatch(/rate budget unavailable \(store failed\); letting the work through/);
  });

  it('spends both budgets, the channel one only when there is a channel', async () => {
    const seen: string[][] = [];
    const store: RateLimitStore = {
      consumeRateBudget: async (budgets) => {
        seen.push(budgets.map((b) => `${b.key}:${b.limit}/${b.windowMs}`));
        return { ok: true };
      },
      pruneRateBudgets: async () => 0,
    };
    const budget = storeWorkBudget(store, DEFAULT_RATE_LIMITS, capturingLogger().logger);
    await budget.spend({ userId: 'U1', channelId: 'C1' });
    await budget.spend({ userId: 'U1' });
    expect(seen).toEqual([['user:U1:10/60000', 'channel:C1:30/60000'], ['user:U1:10/60000']]);
  });

  it("spendBudget: no budget admits; a spent one says what was not done, in the caller's words", async () => {
    expect(await spendBudget(undefined, { userId: 'U1' })).toEqual({ ok: true });
    const budget = storeWorkBudget(spent('user:U1', 2_500), DEFAULT_RATE_LIMITS, capturingLogger().logger);
    expect(await spendBudget(budget, { userId: 'U1' })).toEqual({
      ok: false,
      retryAfterSeconds: 3,
      text: ':hourglass: Slow down: too many live diagnoses and key requests from you (at most 10 per minute). Nothing was started; retry in 3 s.',
    });
    const decision = await spendBudget(
      budget,
      { userId: 'U1' },
      (s) => `Your approval was not recorded; again in ${s} s.`,
    );
    expect(decision).toMatchObject({
      ok: false,
      text: expect.stringMatching(/per minute\)\. Your approval was not recorded; again in 3 s\.$/),
    });
  });
});
