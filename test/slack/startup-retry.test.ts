import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { backoffMs, retryUntilDeadline } from '../../src/slack/startup-retry.js';
import { StartupAborted, StartupError } from '../../src/startup-error.js';

function recorder() {
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    logger: {
      warn: (fields: Record<string, unknown>, msg: string) => {
        lines.push({ level: 'warn', msg, fields });
      },
      info: (fields: Record<string, unknown>, msg: string) => {
        lines.push({ level: 'info', msg, fields });
      },
    } as unknown as Pick<Logger, 'warn' | 'info'>,
  };
}

const failing = (reason: string) => async () => {
  throw new Error(reason);
};

describe('backoffMs', () => {
  it('doubles from the initial delay and stays at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});

describe('retryUntilDeadline', () => {
  const backoff = { initialMs: 10, maxMs: 40 };

  it('logs every failed attempt with its reason, then fails with one line naming the bound', async () => {
    const { lines, logger } = recorder();
    const error = await retryUntilDeadline(failing('ECONNREFUSED'), {
      what: 'checking the token',
      deadlineMs: 100,
      gaveUp: 'cannot reach Slack',
      logger,
      backoff,
      classify: (e) => ({ reason: (e as Error).message }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(
      /^cannot reach Slack \(gave up after \d+ attempts in 0 s, bound SLACK_STARTUP_TIMEOUT_SECONDS=0; last error: ECONNREFUSED\)$/,
    );
    const attempts = Number(/after (\d+) attempts/.exec((error as Error).message)?.[1]);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(lines).toHaveLength(attempts);
    expect(lines.every((l) => l.level === 'warn' && l.fields.reason === 'ECONNREFUSED')).toBe(true);
    expect(lines.at(-1)?.msg).toMatch(/giving up$/);
    expect(lines[0]?.msg).toMatch(/^checking the token failed \(attempt 1: ECONNREFUSED\); retrying in 0\.0 s$/);
  });

  it('a fatal answer (a rejected token) fails at once without retrying', async () => {
    const { lines, logger } = recorder();
    let calls = 0;
    const fatal = new StartupError('SLACK_APP_TOKEN was rejected', 2);
    await expect(
      retryUntilDeadline(
        async () => {
          calls++;
          throw new Error('invalid_auth');
        },
        {
          what: 'x',
          deadlineMs: 10_000,
          gaveUp: 'y',
          logger,
          backoff,
          classify: () => ({ reason: 'invalid_auth', fatal }),
        },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
    expect(lines).toEqual([]);
  });

  it('succeeds after failures and says on which attempt', async () => {
    const { lines, logger } = recorder();
    let calls = 0;
    const result = await retryUntilDeadline(
      async () => {
        calls++;
        if (calls < 3) throw new Error('timeout');
        return 'ok';
      },
      { what: 'connecting', deadlineMs: 10_000, gaveUp: 'y', logger, backoff, classify: () => ({ reason: 'timeout' }) },
    );
    expect(result).toBe('ok');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn', 'info']);
    expect(lines[2]?.msg).toBe('connecting: succeeded on attempt 3');
  });

  it('a signal during the wait ends it with StartupAborted (exit 0)', async () => {
    const { logger } = recorder();
    const controller = new AbortController();
    const pending = retryUntilDeadline(failing('down'), {
      what: 'x',
      deadlineMs: 60_000,
      gaveUp: 'y',
      logger,
      backoff: { initialMs: 30_000, maxMs: 30_000 },
      signal: controller.signal,
      classify: () => ({ reason: 'down' }),
    });
    setTimeout(() => controller.abort('SIGTERM'), 20);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupAborted);
    expect((error as StartupAborted).exitCode).toBe(0);
    expect((error as Error).message).toBe('stopped by SIGTERM during start-up');
  });
});
