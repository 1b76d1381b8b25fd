/**
 * A local stand-in for the Slack Web API (clientOptions.slackApiUrl points here) and for response_url targets.
 * Records every call with its parsed arguments (form bodies, JSON-encoded `blocks`/`view` decoded) so tests assert
 * on channel, thread_ts and blocks; failures can be scripted per method (and channel): platform errors
 * (`ok: false`), HTTP errors (5xx, or 429 with Retry-After) and a per-method rate limit as Slack applies it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureOutput } from '../../helpers/output-capture.js';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** What this fake answered (e.g. the `ts` of a posted message). */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
}

interface Failure {
  method: string;
  error: string;
  channel?: string;
  times: number;
}

interface HttpFailure {
  method: string;
  status: number;
  /** Seconds, sent as Retry-After (429). */
  retryAfter?: number;
  channel?: string;
  times: number;
}

interface RateLimit {
  method: string;
  limit: number;
  windowMs: number;
  retryAfter: number;
  windowStart: number;
  used: number;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  private readonly failures: Failure[] = [];
  private readonly httpFailures: HttpFailure[] = [];
  private readonly rateLimits: RateLimit[] = [];
  /** Calls answered with an HTTP error (5xx, 429) instead of being served: not in `calls`. */
  readonly refused: Array<{ method: string; status: number; args: Record<string, unknown> }> = [];
  private server: Server | undefined;
  private port = 0;
  private tsCounter = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, headers }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** The Web API base URL (SLACK_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url served by this fake. */
  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${name}`;
  }

  /** Makes `method` answer `{ ok: false, error }` (for one channel only, if given) `times` times. */
  fail(method: string, error: string, options: { channel?: string; times?: number } = {}): void {
    this.failures.push({
      method,
      error,
      times: options.times ?? Number.POSITIVE_INFINITY,
      ...(options.channel ? { channel: options.channel } : {}),
    });
  }

  /**
   * Makes `method` answer with HTTP `status` (a 5xx, or 429 with `Retry-After: retryAfter` seconds), for one channel
   * only if given, `times` times (default always). The call is not served and not recorded in `calls`.
   */
  failHttp(
    method: string,
    status: number,
    options: { retryAfter?: number; channel?: string; times?: number } = {},
  ): void {
    this.httpFailures.push({
      method,
      status,
      times: options.times ?? Number.POSITIVE_INFINITY,
      ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
      ...(options.channel ? { channel: options.channel } : {}),
    });
  }

  /**
   * Slack's rate limit for `method`: at most `limit` calls per `windowMs` window (fixed windows); calls over it get
   * HTTP 429 with `Retry-After: retryAfter` seconds and are not served.
   */
  rateLimit(method: string, options: { limit: number; windowMs?: number; retryAfter?: number }): void {
    this.rateLimits.push({
      method,
      limit: options.limit,
      windowMs: options.windowMs ?? 1000,
      retryAfter: options.retryAfter ?? 1,
      windowStart: Date.now(),
      used: 0,
    });
  }

  /** What apps.connections.open hands out (a local Socket Mode server's URL, test/helpers/socket-mode-server.ts). */
  socketModeUrl: (() => string) | undefined;

  /** Makes a response_url answer `expiredResponseStatus` (404 by default; Slack also answers 410) when set. */
  expireResponseUrls = false;
  expiredResponseStatus = 404;

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.length = 0;
    this.httpFailures.length = 0;
    this.rateLimits.length = 0;
    this.refused.length = 0;
    this.expireResponseUrls = false;
    this.expiredResponseStatus = 404;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await readBody(req);
    const url = req.url ?? '/';
    if (url.startsWith('/response/')) {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      captureOutput('slack', 'response_url', body);
      this.responses.push({ path: url, body });
      return this.expireResponseUrls
        ? { status: this.expiredResponseStatus, body: { ok: false } }
        : { status: 200, body: { ok: true } };
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    if (method === 'test.calls') return { status: 200, body: this.answer(method, {}) };
    const args = parseArgs(raw, req.headers['content-type']);
    captureOutput('slack', `web api ${method}`, args);
    const refusal = this.httpRefusal(method, args);
    if (refusal) {
      this.refused.push({ method, status: refusal.status, args });
      return refusal;
    }
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}) };
    this.calls.push(call);
    const failure = this.failures.find(
      (f) => f.method === method && f.times > 0 && (f.channel === undefined || f.channel === args.channel),
    );
    if (failure) {
      failure.times -= 1;
      return { status: 200, body: { ok: false, error: failure.error } };
    }
    call.result = this.answer(method, args);
    return { status: 200, body: call.result };
  }

  /** An HTTP error (scripted, or the rate limit) for this call, if any. */
  private httpRefusal(
    method: string,
    args: Record<string, unknown>,
  ): { status: number; body: unknown; headers?: Record<string, string> } | undefined {
    const failure = this.httpFailures.find(
      (f) => f.method === method && f.times > 0 && (f.channel === undefined || f.channel === args.channel),
    );
    if (failure) {
      failure.times -= 1;
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return {
        status: failure.status,
        body: { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' },
        headers,
      };
    }
    const limit = this.rateLimits.find((l) => l.method === method);
    if (limit) {
      const now = Date.now();
      if (now - limit.windowStart >= limit.windowMs) {
        limit.windowStart = now;
        limit.used = 0;
      }
      limit.used += 1;
      if (limit.used > limit.limit) {
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'retry-after': String(limit.retryAfter) },
        };
      }
    }
    return undefined;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'bedrock-403',
          // The workspace the test app is installed in: the team of the block_actions fixture.
          team_id: 'T0G9PQBBK',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'chat.postMessage': {
        this.tsCounter += 1;
        const ts = `1800000000.${String(this.tsCounter).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1800000000.999999' };
      case 'views.open':
        return { ok: true, view: { id: 'V0FAKE' } };
      case 'test.calls':
        // Not a Slack method: how many calls this fake has recorded (the bench waits for follow-up work with it).
        return { ok: true, count: this.calls.length };
      case 'apps.connections.open':
        return { ok: true, url: this.socketModeUrl?.() ?? 'ws://127.0.0.1:1/never' };
      default:
        return { ok: true };
    }
  }
}
