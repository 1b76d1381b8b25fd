/** Admission of live work: coalescing, the queue bound, the shared budget and its words, and failing open. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/config.js';
import {
  admit,
  deferAdmitted,
  RunningWork,
  runningLeaseSeconds,
  slowDownText,
  spendBudget,
  storeWorkBudget,
  workKey,
} from '../../src/slack/admission.js';
import { InMemoryDeliveryDedupe } from '../../src/slack/stores.js';
import { BackgroundTasks } from '../../src/slack/tasks.js';
import type { RateLimitStore } from '../../src/store/types.js';
import { capturingLogger } from './helpers/fakes.js';

const spent = (key: string, retryAfterMs: number): RateLimitStore => ({
  consumeRateBudget: async () => ({ ok: false, key, retryAfterMs }),
  pruneRateBudgets: async () => 0,
});

describe('running-work leases across replicas', () => {
  const target = workKey('U1', 'target', { accountId: '111111111111' });

  it('two replicas sharing one store: the second is a duplicate until the first ends, then admitted', async () => {
    const { logger } = capturingLogger();
    const store = new InMemoryDeliveryDedupe();
    const lease = { store, ttlSeconds: 300, logger };
    const a = { running: new RunningWork(lease), tasks: { hasRoom: () => true } };
    const b = { running: new RunningWork(lease), tasks: { hasRoom: () => true } };
    const first = await admit(a, { userId: 'U1' }, target);
    expect(first.ok).toBe(true);
    expect(await admit(b, { userId: 'U1' }, target)).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(b.running.size).toBe(0);
    if (first.ok) first.release();
    await Promise.resolve();
    const again = await admit(b, { userId: 'U1' }, target);
    expect(again.ok).toBe(true);
    expect(await admit(a, { userId: 'U1' }, target)).toMatchObject({ ok: false, reason: 'duplicate' });
  });

  it('a work refused for a full queue or a spent budget releases its lease at once', async () => {
    const { logger } = capturingLogger();
    const store = new InMemoryDeliveryDedupe();
    const full = { running: new RunningWork({ store, ttlSeconds: 300, logger }), tasks: { hasRoom: () => false } };
    expect(await admit(full, { userId: 'U1' }, target)).toMatchObject({ reason: 'busy' });
    await Promise.resolve();
    expect(await store.claim(`running:${target}`, 1)).toBe(true);
  });

  it('a lease held by a dead replica expires after its TTL', async () => {
    const { logger } = capturingLogger();
    let now = 1_000_000;
    const store = new InMemoryDeliveryDedupe(50_000, () => now);
    const dead = new RunningWork({ store, ttlSeconds: 120, logger });
    const alive = new RunningWork({ store, ttlSeconds: 120, logger });
    expect(await dead.begin(target)).toBe(true);
    expect(await alive.begin(target)).toBe(false);
    now += 120_000;
    expect(await alive.begin(target)).toBe(true);
  });

  it('a store that cannot answer admits the work, logged, and is not asked to release it', async () => {
    const { logger, lines } = capturingLogger();
    let released = 0;
    const broken = {
      claim: async () => Promise.reject(new Error('connection refused')),
      release: async () => {
        released += 1;
      },
    };
    const running = new RunningWork({ store: broken, ttlSeconds: 120, logger });
    expect(await running.begin(target)).toBe(true);
    expect(await running.begin(target)).toBe(false);
    running.end(target);
    expect(released).toBe(0);
    expect(lines.join('')).toMatch(/running-work lease unavailable; admitting the work/);
  });

  it('a failed release is logged; the lease then expires on its own', async () => {
    const { logger, lines } = capturingLogger();
    const store = {
      claim: async () => true,
      release: async () => Promise.reject(new Error('connection reset')),
    };
    const running = new RunningWork({ store, ttlSeconds: 120, logger });
    expect(await running.begin(target)).toBe(true);
    running.end(target);
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).toMatch(/running-work lease not released; it expires on its own/);
  });

  it('deferred work is idle only once its lease is released in the shared store (no window for another replica)', async () => {
    const { logger } = capturingLogger();
    const store = new InMemoryDeliveryDedupe();
    let finishRelease = () => {};
    const slowRelease = {
      claim: (key: string, ttl: number) => store.claim(key, ttl),
      // A database round trip that takes a while: the release lands after the work itself has ended.
      release: (key: string) =>
        new Promise<void>((resolve) => {
          finishRelease = () => void store.release(key).then(resolve);
        }),
    };
    const here = {
      running: new RunningWork({ store: slowRelease, ttlSeconds: 300, logger }),
      tasks: new BackgroundTasks(logger),
    };
    const admission = await admit(here, { userId: 'U1' }, target);
    expect(admission.ok).toBe(true);
    if (!admission.ok) return;
    expect(deferAdmitted(here.tasks, admission, 'diagnosis', async () => {})).toBe(true);
    let idle = false;
    const idling = here.tasks.idle().then(() => {
      idle = true;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(idle).toBe(false);
    finishRelease();
    await idling;
    const other = { running: new RunningWork({ store, ttlSeconds: 300, logger }), tasks: { hasRoom: () => true } };
    expect((await admit(other, { userId: 'U1' }, target)).ok).toBe(true);
  });

  it('the lease outlives a full queue of diagnoses', () => {
    expect(runningLeaseSeconds(25_000)).toBe(250);
    expect(runningLeaseSeconds(5_000)).toBe(120);
  });
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
