import { describe, expect, it } from 'vitest';
import { backoffDelay, createRetryStrategy } from '../../src/aws/retry-strategy.js';

describe('createRetryStrategy', () => {
  const almostOne = () => 0.999;

  it('retries throttling, transient and server errors up to maxAttempts', async () => {
    const strategy = createRetryStrategy({ maxAttempts: 3, baseDelayMs: 100, throttlingBaseDelayMs: 500 }, almostOne);
    let token = await strategy.acquireInitialRetryToken('scope');
    token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
    expect(token.getRetryCount()).toBe(1);
    expect(token.getRetryDelay()).toBe(499);
    token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'SERVER_ERROR' });
    expect(token.getRetryCount()).toBe(2);
    expect(token.getRetryDelay()).toBe(199);
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' })).rejects.toThrow(/no retry/);
  });

  it('never retries client errors (AccessDenied, validation...)', async () => {
    const strategy = createRetryStrategy({ maxAttempts: 5 });
    const token = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });

  it('honours a Retry-After hint, capped', async () => {
    const strategy = createRetryStrategy({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 }, () => 0);
    const token = await strategy.acquireInitialRetryToken('');
    const next = await strategy.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(Date.now() + 60_000),
    });
    expect(next.getRetryDelay()).toBe(1000);
  });

  it('one attempt means no retry at all', async () => {
    const strategy = createRetryStrategy({ maxAttempts: 1 });
    const token = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })).rejects.toThrow();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and stays under the cap', () => {
    expect(backoffDelay(1, 100, 20_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 20_000, () => 0.999)).toBe(399);
    expect(backoffDelay(20, 100, 20_000, () => 0.999)).toBe(19_980);
    expect(backoffDelay(2, 100, 20_000, () => 0)).toBe(0);
  });
});
