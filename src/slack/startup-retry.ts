/**
 * Reaching Slack at start-up (auth.test with the bot token, the Socket Mode connection): each failed attempt is
 * logged with its reason, attempts are spaced by a bounded exponential backoff (1 s, 2 s, 4 s ... at most 30 s), and
 * after the start-up bound (SLACK_STARTUP_TIMEOUT_SECONDS, default 120 s) without success the start fails with one
 * line. A token Slack rejects fails at once: retrying cannot fix it. A signal (SIGTERM/SIGINT) ends the wait.
 */
import type { Logger } from '../log.js';
import { StartupAborted, StartupError } from '../startup-error.js';

export const DEFAULT_STARTUP_TIMEOUT_MS = 120_000;

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const STARTUP_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };

/** Delay before retry number `retry` (1-based): initial * 2^(retry-1), capped. */
export function backoffMs(retry: number, backoff: Backoff = STARTUP_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, retry - 1));
}

/** Resolves after `ms`, or rejects with StartupAborted as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StartupAborted(String(signal.reason ?? 'a signal')));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(new StartupAborted(String(signal?.reason ?? 'a signal')));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

export interface AttemptOutcome {
  /** Set when retrying cannot help (a rejected token): the start fails with this at once. */
  fatal?: StartupError;
  /** Why the attempt failed, for the log line (never a secret). */
  reason: string;
}

export interface StartupRetryOptions {
  /** What is being tried, for the log lines: "check SLACK_BOT_TOKEN with auth.test". */
  what: string;
  /** Bound on the whole start-up wait. */
  deadlineMs: number;
  /** The line the start fails with once the bound is reached (the last reason and attempt count are appended). */
  gaveUp: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  classify: (error: unknown) => AttemptOutcome;
  signal?: AbortSignal;
  backoff?: Backoff;
  now?: () => number;
}

export async function retryUntilDeadline<T>(attempt: () => Promise<T>, options: StartupRetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const started = now();
  for (let n = 1; ; n++) {
    if (options.signal?.aborted) throw new StartupAborted(String(options.signal.reason ?? 'a signal'));
    try {
      const result = await attempt();
      if (n > 1) options.logger.info({ attempts: n }, `${options.what}: succeeded on attempt ${n}`);
      return result;
    } catch (error) {
      if (error instanceof StartupAborted) throw error;
      if (options.signal?.aborted) throw new StartupAborted(String(options.signal.reason ?? 'a signal'));
      const outcome = options.classify(error);
      if (outcome.fatal) throw outcome.fatal;
      const elapsed = now() - started;
      const left = options.deadlineMs - elapsed;
      if (left <= 0) {
        options.logger.warn(
          { attempt: n, reason: outcome.reason },
          `${options.what} failed (attempt ${n}: ${outcome.reason}); giving up`,
        );
        throw new StartupError(
          `${options.gaveUp} (gave up after ${n} attempts in ${Math.round(elapsed / 1000)} s, bound ` +
            `SLACK_STARTUP_TIMEOUT_SECONDS=${Math.round(options.deadlineMs / 1000)}; last error: ${outcome.reason})`,
        );
      }
      // The last wait ends at the bound, so the last attempt is made right at it.
      const delay = Math.min(backoffMs(n, options.backoff), left);
      options.logger.warn(
        { attempt: n, reason: outcome.reason, retryInMs: delay },
        `${options.what} failed (attempt ${n}: ${outcome.reason}); retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay, options.signal);
    }
  }
}
