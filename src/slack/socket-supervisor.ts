/**
 * Owns the Socket Mode connection's lifecycle around @slack/socket-mode's client, which is built with
 * `autoReconnectEnabled: false`: left to itself the client retries apps.connections.open with 100 web-client
 * retries (effectively forever, silently), and a reconnect that fails leaves a rejected promise behind and no further
 * attempt. Here instead:
 * - start-up: one attempt = apps.connections.open + WebSocket + Slack's `hello` (bounded by ATTEMPT_TIMEOUT_MS);
 *   failures are logged with their reason and retried with a bounded backoff until SLACK_STARTUP_TIMEOUT_SECONDS;
 *   an app token Slack rejects (invalid_auth ...) stops the start at once, naming SLACK_APP_TOKEN;
 * - running: when the socket closes (a `disconnect` message such as refresh_requested or warning, a dropped
 *   connection, a missed pong) the bot reconnects at once, then with the same backoff, logging each failure, for as
 *   long as it runs; the SlackConnection it updates turns /readyz 503 meanwhile (and /healthz after its bound);
 * - stop: closes the socket with code 1000 (normal closure), bounded by CLOSE_TIMEOUT_MS.
 */
import type { Logger } from '../log.js';
import { EXIT } from '../report.js';
import { StartupAborted, StartupError } from '../startup-error.js';
import type { SlackConnection } from './connection.js';
import { slackErrorCode } from './reply.js';
import {
  type Backoff,
  backoffMs,
  DEFAULT_STARTUP_TIMEOUT_MS,
  retryUntilDeadline,
  STARTUP_BACKOFF,
  sleep,
} from './startup-retry.js';
import { REJECTED_TOKEN_CODES, slackFailureReason } from './token-check.js';

/** The part of @slack/socket-mode's SocketModeClient used here. */
export interface SocketClient {
  start(): Promise<unknown>;
  disconnect(): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** One connection attempt may take this long (URL, WebSocket handshake, `hello`) before it counts as failed. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** stop() waits this long for the close handshake before moving on. */
export const CLOSE_TIMEOUT_MS = 2000;

export interface SocketSupervisorOptions {
  client: SocketClient;
  connection: SlackConnection;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  startupTimeoutMs?: number;
  backoff?: Backoff;
  attemptTimeoutMs?: number;
}

class AttemptFailed extends Error {}

export class SocketSupervisor {
  private stopping = false;
  private connecting = false;
  private lastSocketError: string | undefined;
  private lastDisconnectReason: string | undefined;
  private readonly stopController = new AbortController();
  private reconnecting: Promise<void> | undefined;

  constructor(private readonly options: SocketSupervisorOptions) {
    const { client } = options;
    client.on('error', (error) => {
      this.lastSocketError = socketErrorText(error);
    });
    client.on('ws_message', (data) => {
      // Slack's `disconnect` message says why it is about to close the socket (refresh_requested, warning, ...).
      const text = typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data).toString() : '';
      if (!text.includes('"disconnect"')) return;
      try {
        const message = JSON.parse(text) as { type?: unknown; reason?: unknown };
        if (message.type === 'disconnect') this.lastDisconnectReason = String(message.reason ?? 'unspecified');
      } catch {
        // not JSON: the client ignores it too
      }
    });
    client.on('connected', () => {
      // A connection that completes after stop() began (its URL was already on the way) is closed at once.
      if (this.stopping) void client.disconnect();
    });
    client.on('disconnected', () => this.onDisconnected());
  }

  /** Connects at start-up, retrying until the start-up bound. Throws StartupError (one line) when it cannot. */
  async start(signal?: AbortSignal): Promise<void> {
    const onAbort = () => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await retryUntilDeadline(() => this.attempt(), {
        what: 'connecting to Slack in Socket Mode (apps.connections.open)',
        deadlineMs: this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
        gaveUp: 'cannot connect to Slack in Socket Mode; check the network, SLACK_API_URL and SLACK_APP_TOKEN',
        logger: this.options.logger,
        ...(signal ? { signal } : {}),
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        classify: (error) => {
          const reason = this.reasonOf(error);
          this.options.connection.noteFailure(reason);
          const code = slackErrorCode(error);
          if (!REJECTED_TOKEN_CODES.has(code)) return { reason };
          return {
            reason,
            fatal: new StartupError(
              `SLACK_APP_TOKEN was rejected by Slack (${code}): set an app-level token (xapp-...) with the connections:write scope.`,
              EXIT.badInput,
            ),
          };
        },
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (this.stopping) throw new StartupAborted(String(signal?.reason ?? 'a signal'));
    this.options.connection.markConnected();
    this.options.logger.info('connected to Slack in Socket Mode');
  }

  /** Closes the socket with code 1000 and stops reconnecting; bounded by CLOSE_TIMEOUT_MS. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.stopController.abort('stop');
      this.options.connection.markStopping();
    }
    await Promise.race([
      this.options.client.disconnect().catch(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
    ]);
  }

  /** Resolves when no reconnect loop is running (tests). */
  async settled(): Promise<void> {
    await this.reconnecting;
  }

  private async attempt(): Promise<void> {
    this.connecting = true;
    this.lastSocketError = undefined;
    const started = this.options.client.start();
    started.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
    try {
      await Promise.race([
        started,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new AttemptFailed(`no hello from Slack within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      if (error instanceof AttemptFailed) await this.closeQuietly();
      throw error ?? new AttemptFailed(this.lastSocketError ?? 'the WebSocket closed before Slack said hello');
    } finally {
      clearTimeout(timer);
      this.connecting = false;
    }
  }

  /** Ends a half-open attempt without counting as a shutdown. */
  private async closeQuietly(): Promise<void> {
    await Promise.race([
      this.options.client.disconnect().catch(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
    ]);
  }

  private reasonOf(error: unknown): string {
    if (error instanceof AttemptFailed) return error.message;
    if (error === undefined || error === null) return this.lastSocketError ?? 'the WebSocket closed before hello';
    return slackFailureReason(error);
  }

  private onDisconnected(): void {
    if (this.stopping || this.connecting || this.reconnecting) return;
    const status = this.options.connection.status();
    if (status.phase !== 'connected') return;
    const reason = this.lastDisconnectReason
      ? `Slack asked to reconnect (disconnect: ${this.lastDisconnectReason})`
      : (this.lastSocketError ?? 'the socket closed');
    this.lastDisconnectReason = undefined;
    this.options.connection.markDisconnected(reason);
    this.options.logger.warn({ reason }, `Socket Mode connection lost (${reason}); reconnecting`);
    this.reconnecting = this.reconnect().finally(() => {
      this.reconnecting = undefined;
    });
  }

  private async reconnect(): Promise<void> {
    const backoff = this.options.backoff ?? STARTUP_BACKOFF;
    for (let n = 1; !this.stopping; n++) {
      try {
        await this.attempt();
        if (this.stopping) return;
        const { downForMs } = this.options.connection.status();
        this.options.connection.markConnected();
        this.options.logger.info(
          { attempts: n, downForMs },
          `reconnected to Slack in Socket Mode after ${downForMs} ms`,
        );
        return;
      } catch (error) {
        if (this.stopping) return;
        const reason = this.reasonOf(error);
        this.options.connection.noteFailure(reason);
        const delay = backoffMs(n, backoff);
        const rejected = REJECTED_TOKEN_CODES.has(slackErrorCode(error));
        const line = `Socket Mode reconnect attempt ${n} failed (${reason}${rejected ? ': check SLACK_APP_TOKEN' : ''}); retrying in ${delay / 1000} s`;
        if (rejected) this.options.logger.error({ attempt: n, reason, retryInMs: delay }, line);
        else this.options.logger.warn({ attempt: n, reason, retryInMs: delay }, line);
        try {
          await sleep(delay, this.stopController.signal);
        } catch {
          return;
        }
      }
    }
  }
}

/** The socket library's error, as text; undici's handshake failures carry no message at all. */
function socketErrorText(error: unknown): string {
  const e = error as { message?: unknown; original?: { message?: unknown; cause?: { message?: unknown } } };
  for (const candidate of [e?.message, e?.original?.message, e?.original?.cause?.message]) {
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim().slice(0, 200);
  }
  return 'the WebSocket connection failed (refused, or closed during the handshake)';
}
