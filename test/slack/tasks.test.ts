import { describe, expect, it, vi } from 'vitest';
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

describe('BackgroundTasks quiet window', () => {
  it('holds deferred starts while requests keep arriving, at most 100 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const tasks = new BackgroundTasks(silentLogger);
      const started: string[] = [];
      tasks.noteRequest();
      void tasks.defer('after burst', async () => {
        started.push('after burst');
      });
      await vi.advanceTimersByTimeAsync(1);
      expect(started).toEqual([]);
      await vi.advanceTimersByTimeAsync(5);
      expect(started).toEqual(['after burst']);

      // A stream of requests every millisecond: the start is postponed, but not past 100 ms.
      tasks.noteRequest();
      void tasks.defer('during stream', async () => {
        started.push('during stream');
      });
      for (let ms = 0; ms < 90; ms++) {
        tasks.noteRequest();
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(started).toEqual(['after burst']);
      for (let ms = 0; ms < 30; ms++) {
        tasks.noteRequest();
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(started).toEqual(['after burst', 'during stream']);
    } finally {
      vi.useRealTimers();
    }
  });
});
