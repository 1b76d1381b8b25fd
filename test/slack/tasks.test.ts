import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { BackgroundTasks } from '../../src/slack/tasks.js';
import { capturingLogger } from './helpers/fakes.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BackgroundTasks', () => {
  it('run: tracks work until it ends and logs (never throws) its failure', async () => {
    const { logger, lines } = capturingLogger();
    const tasks = new BackgroundTasks(logger);
    let release: () => void = () => undefined;
    void tasks.run('slow', () => new Promise<void>((r) => (release = r)));
    await expect(tasks.run('boom', async () => Promise.reject(new Error('exploded')))).resolves.toBeUndefined();
    expect(tasks.size).toBe(1);
    let idle = false;
    const waiting = tasks.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(tasks.size).toBe(0);
    expect(lines.join('')).toMatch(/"what":"boom".*exploded/);
  });

  it('defer: starts nothing in the same turn, one start per turn, at most maxDeferred at once, in order', async () => {
    const tasks = new BackgroundTasks(silentLogger, 2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i++) {
      void tasks.defer(`job ${i}`, async () => {
        started.push(i);
        await new Promise<void>((r) => releases.push(r));
      });
    }
    expect(started).toEqual([]);
    await tick();
    expect(started).toEqual([0]);
    await tick();
    expect(started).toEqual([0, 1]);
    await tick();
    await tick();
    expect(started).toEqual([0, 1]);
    expect(tasks.queued).toBe(3);
    releases[0]?.();
    for (let i = 0; i < 4; i++) await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const release of releases) release();
    for (let i = 0; i < 10; i++) {
      await tick();
      for (const release of releases) release();
    }
    await tasks.idle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('defer: a failing job frees its slot', async () => {
    const tasks = new BackgroundTasks(silentLogger, 1);
    const done: string[] = [];
    void tasks.defer('fails', async () => {
      throw new Error('no');
    });
    void tasks.defer('next', async () => {
      done.push('next');
    });
    await tasks.idle();
    expect(done).toEqual(['next']);
  });
});
