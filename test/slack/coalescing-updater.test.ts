import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescingUpdater, type Timers } from '../../src/slack/coalescing-updater.js';

const fakeTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

describe('CoalescingUpdater', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first request at once and collapses a burst into one trailing run per interval', async () => {
    const starts: number[] = [];
    const updater = new CoalescingUpdater(
      async () => {
        starts.push(Date.now());
      },
      1000,
      fakeTimers,
    );
    const t0 = Date.now();
    updater.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      updater.request();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(2);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(starts[0]).toBe(t0);
  });

  it('never starts a run while one is in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const updater = new CoalescingUpdater(
      async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 2500));
        inFlight -= 1;
      },
      1000,
      fakeTimers,
    );
    updater.request();
    for (let i = 0; i < 20; i++) {
      updater.request();
      await vi.advanceTimersByTimeAsync(300);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(maxInFlight).toBe(1);
    expect(updater.runCount).toBeGreaterThanOrEqual(2);
  });

  it('close() cancels pending runs and waits out the interval so the final edit keeps the spacing', async () => {
    const starts: number[] = [];
    const updater = new CoalescingUpdater(
      async () => {
        starts.push(Date.now());
      },
      1000,
      fakeTimers,
    );
    updater.request();
    await vi.advanceTimersByTimeAsync(0);
    updater.request();
    let closed = false;
    const closing = updater.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    await closing;
    expect(closed).toBe(true);
    expect(starts).toHaveLength(1);
    updater.request();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts).toHaveLength(1);
  });

  it('survives a failing task', async () => {
    let runs = 0;
    const updater = new CoalescingUpdater(
      async () => {
        runs += 1;
        throw new Error('ratelimited');
      },
      100,
      fakeTimers,
    );
    updater.request();
    await vi.advanceTimersByTimeAsync(0);
    updater.request();
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
  });
});
