/**
 * A local stand-in for Slack's Socket Mode endpoint (loopback only), speaking the protocol as Slack's own SDKs
 * test it (slackapi/node-slack-sdk packages/socket-mode/test/integrations, slackapi/python-slack-sdk
 * tests/slack_sdk/socket_mode/mock_socket_mode_server.py):
 * - apps.connections.open (answered by FakeSlackApi, whose `socketModeUrl` points here) returns a ws:// URL;
 * - on each WebSocket connection the server sends `hello` (fixtures/slack/socket-mode/hello.json);
 * - envelopes `{ envelope_id, type: slash_commands | interactive | events_api, payload, accepts_response_payload,
 *   retry_attempt?, retry_reason? }` are sent by the test; the client acknowledges each with
 *   `{ envelope_id, payload? }`, recorded with the time it took;
 * - `disconnect` messages (`refresh_requested`, `warning`) ask the client to reconnect; `dropAbruptly()` destroys
 *   the TCP connection without a close frame; every close code the client sends is recorded.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { captureOutput } from './output-capture.js';

const FIXTURES = new URL('../fixtures/slack/socket-mode/', import.meta.url);

export function socketFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** Milliseconds from sending the envelope to receiving its ack. */
  ms: number;
  /** Which connection (1-based) carried the ack. */
  connection: number;
}

export interface Envelope {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export class FakeSocketModeServer {
  private server: WebSocketServer | undefined;
  private port = 0;
  private readonly sockets: WebSocket[] = [];
  private readonly sentAt = new Map<string, number>();
  private readonly waiters: Array<() => void> = [];
  readonly acks: Ack[] = [];
  /** Messages from the client that were not acks of a known envelope. */
  readonly other: unknown[] = [];
  /** Close codes the client sent, per connection (undefined: the connection dropped without a close frame). */
  readonly closes: Array<{ connection: number; code: number; reason: string }> = [];
  /** How many WebSocket connections were opened. */
  connectionCount = 0;
  /** While true, WebSocket upgrades are refused with HTTP 503 (a Slack edge that is down). */
  refuseUpgrades = false;

  async start(): Promise<void> {
    this.server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, done) => (this.refuseUpgrades ? done(false, 503, 'unavailable') : done(true)),
    });
    await new Promise<void>((resolve) => this.server?.once('listening', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    this.server.on('connection', (ws) => {
      this.connectionCount += 1;
      const number = this.connectionCount;
      this.sockets.push(ws);
      ws.on('message', (data) => this.onMessage(String(data), number));
      ws.on('close', (code, reason) => {
        this.closes.push({ connection: number, code, reason: reason.toString() });
        this.notify();
      });
      ws.on('error', () => undefined);
      ws.send(JSON.stringify(socketFixture('hello.json')));
      this.notify();
    });
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The URL apps.connections.open hands out (Slack adds a ticket and app id the same way). */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}&app_id=A0TEST`;
  }

  /** The newest open connection. */
  private get current(): WebSocket | undefined {
    return [...this.sockets].reverse().find((ws) => ws.readyState === ws.OPEN);
  }

  get openConnections(): number {
    return this.sockets.filter((ws) => ws.readyState === ws.OPEN).length;
  }

  /** Sends an envelope on the newest connection; resolves with its ack (rejects after `timeoutMs`). */
  async send(envelope: Omit<Envelope, 'envelope_id'> & { envelope_id?: string }, timeoutMs = 5000): Promise<Ack> {
    const ws = this.current;
    if (!ws) throw new Error('no open Socket Mode connection');
    const full = { envelope_id: envelope.envelope_id ?? randomUUID(), ...envelope };
    this.sentAt.set(full.envelope_id, performance.now());
    ws.send(JSON.stringify(full));
    return this.waitFor(
      () => this.acks.find((a) => a.envelope_id === full.envelope_id),
      timeoutMs,
      `the ack of ${full.type} ${full.envelope_id}`,
    );
  }

  /** Sends Slack's `disconnect` message (fixtures/slack/socket-mode/disconnect_<reason>.json). */
  disconnect(reason: 'refresh_requested' | 'warning'): void {
    this.current?.send(JSON.stringify(socketFixture(`disconnect_${reason}.json`)));
  }

  /** Destroys the newest connection's TCP socket: no close frame, as when a network path dies. */
  dropAbruptly(): void {
    this.current?.terminate();
  }

  /** Resolves once `predicate` returns a value (checked on every server event and every 20 ms). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(20, left));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private onMessage(text: string, connection: number): void {
    let message: { envelope_id?: unknown; payload?: Record<string, unknown> };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.other.push(text);
      return;
    }
    captureOutput('slack', 'socket mode ack', message);
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
    const sent = id ? this.sentAt.get(id) : undefined;
    if (id && sent !== undefined) {
      this.acks.push({
        envelope_id: id,
        ...(message.payload ? { payload: message.payload } : {}),
        ms: performance.now() - sent,
        connection,
      });
    } else this.other.push(message);
    this.notify();
  }
}
