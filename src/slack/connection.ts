/**
 * Whether the bot can receive Slack work right now, for /readyz and /healthz. Socket Mode: connected between
 * Slack's `hello` and the socket closing; HTTP mode: while the receiver listens. Written by the Slack app and its
 * socket supervisor, read by the operational routes (src/ops/ops-routes.ts).
 */
import type { SlackMode } from '../config.js';

/** starting: not connected yet; reconnecting: was connected, lost it; stopping/stopped: shutdown. */
export type ConnectionPhase = 'starting' | 'connected' | 'reconnecting' | 'stopping' | 'stopped';

export interface ConnectionStatus {
  mode: SlackMode;
  phase: ConnectionPhase;
  connected: boolean;
  /** Time without a connection: 0 while connected; since start-up if the bot never connected. */
  downForMs: number;
  /** The last reason a connection attempt failed or the connection was lost. */
  lastError?: string;
}

export class SlackConnection {
  private phase: ConnectionPhase = 'starting';
  private downSince: number;
  private lastError: string | undefined;

  constructor(
    readonly mode: SlackMode,
    private readonly now: () => number = Date.now,
  ) {
    this.downSince = now();
  }

  markConnected(): void {
    if (this.phase === 'stopping' || this.phase === 'stopped') return;
    this.phase = 'connected';
    this.lastError = undefined;
  }

  /** The connection was lost (or an attempt failed): `reason` is kept for /readyz. */
  markDisconnected(reason: string): void {
    if (this.phase === 'stopping' || this.phase === 'stopped') return;
    if (this.phase === 'connected') {
      this.phase = 'reconnecting';
      this.downSince = this.now();
    }
    this.lastError = reason;
  }

  /** A failed attempt while not connected: only the reason changes. */
  noteFailure(reason: string): void {
    if (this.phase !== 'connected') this.lastError = reason;
  }

  markStopping(): void {
    if (this.phase === 'connected') this.downSince = this.now();
    if (this.phase !== 'stopped') this.phase = 'stopping';
  }

  markStopped(): void {
    this.phase = 'stopped';
  }

  status(): ConnectionStatus {
    const connected = this.phase === 'connected';
    return {
      mode: this.mode,
      phase: this.phase,
      connected,
      downForMs: connected ? 0 : Math.max(0, this.now() - this.downSince),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }
}

/** One line for /readyz: why the bot cannot take Slack work now. */
export function describeDisconnected(status: ConnectionStatus): string {
  const seconds = Math.round(status.downForMs / 1000);
  const what =
    status.mode === 'socket'
      ? status.phase === 'reconnecting'
        ? `Socket Mode connection lost ${seconds} s ago; reconnecting`
        : status.phase === 'starting'
          ? `Socket Mode not connected yet (${seconds} s since start)`
          : 'Socket Mode connection closed (shutting down)'
      : status.phase === 'starting'
        ? 'the HTTP receiver is not listening yet'
        : 'the HTTP receiver stopped listening';
  return status.lastError ? `${what} (last error: ${status.lastError})` : what;
}
