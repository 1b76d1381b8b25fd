import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createShutdown, DrainController, DrainingError, handleSignals } from '../../src/ops/lifecycle.js';

/** A promise with its resolve function, to finish "in-flight work" when the test says so. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('DrainController', () => {
  it('runs tracked work and counts it while it is in flight', async () => {
    const drain = new DrainController();
    const work = deferred<string>();
    const result = drain.track(() => work.promise);
    await flush();
    expect(drain.inFlightCount).toBe(1);
    work.resolve('done');
    expect(await result).toBe('done');
    await flush();
    expect(drain.inFlightCount).toBe(0);
  });

  it('passes a tracked failure to its caller and stops counting it', async () => {
    const drain = new DrainController();
    await expect(drain.track(async () => Promise.reject(new Error('aws said no')))).rejects.toThrow('aws said no');
    await flush();
    expect(drain.inFlightCount).toBe(0);
  });

  it('refuses new work once draining, and tells its listeners once', async () => {
    const drain = new DrainController();
    const listener = vi.fn();
    drain.onDrain(listener);
    expect(drain.draining).toBe(false);
    const first = drain.drain();
    expect(drain.draining).toBe(true);
    expect(drain.drain()).toBe(first);
    const ran = vi.fn(async () => 'x');
    await expect(drain.track(ran)).rejects.toBeInstanceOf(DrainingError);
    expect(ran).not.toHaveBeenCalled();
    await first;
    expect(listener).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    drain.onDrain(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('waits until in-flight work has completely finished', async () => {
    const drain = new DrainController({ timeoutMs: 60_000 });
    const first = deferred();
    const second = deferred();
    let finished = false;
    void drain.track(async () => {
      await first.promise;
      // Accepted before the drain, this work is allowed to finish its own follow-up.
      await second.promise;
      finished = true;
    });
    const done = vi.fn();
    const drained = drain.drain().then((r) => {
      done();
      return r;
    });
    await flush();
    expect(done).not.toHaveBeenCalled();
    first.resolve();
    await flush();
    expect(done).not.toHaveBeenCalled();
    second.resolve();
    const result = await drained;
    expect(finished).toBe(true);
    expect(result).toMatchObject({ completed: true, remaining: 0 });
  });

  it('waits for registered sources of in-flight work', async () => {
    const drain = new DrainController({ timeoutMs: 60_000 });
    const tasks = deferred();
    drain.addSource(
      'slack tasks',
      () => tasks.promise,
      () => 1,
    );
    const done = vi.fn();
    const drained = drain.drain().then(done);
    await flush();
    expect(done).not.toHaveBeenCalled();
    tasks.resolve();
    await drained;
    expect(done).toHaveBeenCalled();
  });

  it('stops waiting at its bound and says how much work was left', async () => {
    const drain = new DrainController({ timeoutMs: 10 });
    void drain.track(() => new Promise(() => undefined));
    void drain.track(() => new Promise(() => undefined));
    drain.addSource(
      'stuck',
      () => new Promise(() => undefined),
      () => 3,
    );
    const result = await drain.drain();
    expect(result.completed).toBe(false);
    expect(result.remaining).toBe(5);
  });

  it('survives a listener that throws', async () => {
    const warn = vi.fn();
    const drain = new DrainController({ logger: { info: vi.fn(), warn, error: vi.fn() } });
    drain.onDrain(() => {
      throw new Error('listener broke');
    });
    const after = vi.fn();
    drain.onDrain(after);
    await drain.drain();
    expect(after).toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('falls back to the default bound for a nonsense timeout', () => {
    expect(new DrainController({ timeoutMs: Number.NaN }).timeoutMs).toBe(20_000);
    expect(new DrainController({ timeoutMs: -1 }).timeoutMs).toBe(20_000);
  });
});

describe('createShutdown', () => {
  it('drains, then runs the steps in order, then exits 0', async () => {
    const drain = new DrainController({ timeoutMs: 60_000 });
    const order: string[] = [];
    const work = deferred();
    void drain.track(async () => {
      await work.promise;
      order.push('in-flight work finished');
    });
    const exit = vi.fn();
    const shutdown = createShutdown({
      drain,
      exit,
      steps: [
        { name: 'stop receiver', run: async () => void order.push('receiver stopped') },
        { name: 'close store', run: async () => void order.push('store closed') },
      ],
    });
    const done = shutdown('SIGTERM');
    await flush();
    expect(drain.draining).toBe(true);
    expect(order).toEqual([]);
    work.resolve();
    await done;
    expect(order).toEqual(['in-flight work finished', 'receiver stopped', 'store closed']);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it('still runs later steps when one fails, and exits 1', async () => {
    const exit = vi.fn();
    const closed = vi.fn(async () => undefined);
    const shutdown = createShutdown({
      drain: new DrainController(),
      exit,
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      steps: [
        {
          name: 'stop receiver',
          run: async () => {
            throw new Error('server close failed');
          },
        },
        { name: 'close store', run: closed },
      ],
    });
    await shutdown('SIGTERM');
    expect(closed).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('bounds a step that never finishes', async () => {
    const exit = vi.fn();
    const shutdown = createShutdown({
      drain: new DrainController(),
      exit,
      stepTimeoutMs: 10,
      steps: [{ name: 'close store', run: () => new Promise(() => undefined) }],
    });
    await shutdown('SIGTERM');
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('exits 1 at once on a second signal, and only once in all', async () => {
    const exit = vi.fn();
    const drain = new DrainController({ timeoutMs: 60_000 });
    const work = deferred();
    void drain.track(() => work.promise);
    const shutdown = createShutdown({ drain, exit, steps: [] });
    const first = shutdown('SIGTERM');
    await shutdown('SIGINT');
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    work.resolve();
    await first;
    expect(exit).toHaveBeenCalledTimes(1);
  });
});

describe('handleSignals', () => {
  it('routes SIGTERM and SIGINT to the handler and can be removed', async () => {
    const target = new EventEmitter() as unknown as NodeJS.Process;
    const handler = vi.fn(async () => undefined);
    const remove = handleSignals(handler, target);
    (target as unknown as EventEmitter).emit('SIGTERM', 'SIGTERM');
    (target as unknown as EventEmitter).emit('SIGINT', 'SIGINT');
    expect(handler.mock.calls).toEqual([['SIGTERM'], ['SIGINT']]);
    remove();
    (target as unknown as EventEmitter).emit('SIGTERM', 'SIGTERM');
    expect(handler).toHaveBeenCalledTimes(2);
  });
});

describe('DRAIN_TIMEOUT_SECONDS', () => {
  const bot = { SLACK_BOT_TOKEN: 'xoxb-1-x', SLACK_APP_TOKEN: 'xapp-1-x', DIAG_EXTERNAL_ID: 'ext-id-1' };
  it('defaults to 20 s and accepts 0-600 s', () => {
    expect(readConfig(bot).drainTimeoutMs).toBe(20_000);
    expect(readConfig({ ...bot, DRAIN_TIMEOUT_SECONDS: '0' }).drainTimeoutMs).toBe(0);
    expect(readConfig({ ...bot, DRAIN_TIMEOUT_SECONDS: '45' }).drainTimeoutMs).toBe(45_000);
  });
  it('refuses anything else, naming the variable', () => {
    expect(() => readConfig({ ...bot, DRAIN_TIMEOUT_SECONDS: '601' })).toThrow(/DRAIN_TIMEOUT_SECONDS must be/);
    expect(() => readConfig({ ...bot, DRAIN_TIMEOUT_SECONDS: 'soon' })).toThrow(/DRAIN_TIMEOUT_SECONDS must be/);
  });
});
