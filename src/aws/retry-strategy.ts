/**
 * The retry strategy every client gets: the SDK's "standard" behaviour (retry throttling, transient and server
 * errors, exponential backoff with full jitter, capped) with the delays as parameters so tests and benches can
 * shorten them. Implements the SDK's RetryStrategyV2 shape structurally; the SDK's retry middleware classifies
 * each error (THROTTLING | TRANSIENT | SERVER_ERROR | CLIENT_ERROR) before asking us.
 */

export interface RetrySettings {
  /** Total attempts including the first (SDK default 3). */
  maxAttempts: number;
  /** First backoff for transient and server errors (SDK: 100 ms). */
  baseDelayMs: number;
  /** First backoff for throttling (SDK: 500 ms). */
  throttlingBaseDelayMs: number;
  /** Cap of one backoff (SDK: 20 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 3,
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
};

export interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  retryAfterHint?: Date;
}

export interface BackoffRetryStrategy {
  mode: 'standard';
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

function token(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

/** Backoff before retry number `attempt` (1-based): full jitter over base * 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, base: number, cap: number, random: () => number = Math.random): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function createRetryStrategy(
  settings: Partial<RetrySettings> = {},
  random: () => number = Math.random,
): BackoffRetryStrategy {
  const s = { ...DEFAULT_RETRY, ...settings };
  const maxAttempts = Math.max(1, Math.floor(s.maxAttempts));
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, errorInfo) => {
      const next = previous.getRetryCount() + 1;
      if (errorInfo.errorType === 'CLIENT_ERROR' || next >= maxAttempts) {
        throw new Error('no retry: attempts exhausted or error not retryable');
      }
      const base = errorInfo.errorType === 'THROTTLING' ? s.throttlingBaseDelayMs : s.baseDelayMs;
      let delay = backoffDelay(next, base, s.maxDelayMs, random);
      if (errorInfo.retryAfterHint) {
        const hinted = errorInfo.retryAfterHint.getTime() - Date.now();
        if (hinted > delay) delay = Math.min(hinted, s.maxDelayMs);
      }
      return token(next, delay);
    },
    recordSuccess: () => {},
  };
}
