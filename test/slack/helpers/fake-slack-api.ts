/**
 * A local stand-in for the Slack Web API (clientOptions.slackApiUrl points here) and for response_url targets.
 * Records every call with its parsed arguments (form bodies, JSON-encoded `blocks`/`view` decoded) so tests assert
 * on channel, thread_ts and blocks; failures can be scripted per method (and channel).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureOutput } from '../../helpers/output-capture.js';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
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
  private server: Server | undefined;
  private port = 0;
  private tsCounter = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
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

  /** Makes a response_url answer 404 (expired). */
  expireResponseUrls = false;

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.length = 0;
    this.expireResponseUrls = false;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    const url = req.url ?? '/';
    if (url.startsWith('/response/')) {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      captureOutput('slack', 'response_url', body);
      this.responses.push({ path: url, body });
      return this.expireResponseUrls ? { status: 404, body: { ok: false } } : { status: 200, body: { ok: true } };
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    if (method === 'test.calls') return { status: 200, body: this.answer(method, {}) };
    const args = parseArgs(raw, req.headers['content-type']);
    captureOutput('slack', `web api ${method}`, args);
    const auth = req.headers.authorization;
    this.calls.push({ method, args, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}) });
    const failure = this.failures.find(
      (f) => f.method === method && f.times > 0 && (f.channel === undefined || f.channel === args.channel),
    );
    if (failure) {
      failure.times -= 1;
      return { status: 200, body: { ok: false, error: failure.error } };
    }
    return { status: 200, body: this.answer(method, args) };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'bedrock-403',
          team_id: 'T1',
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
        return { ok: true, url: 'ws://127.0.0.1:1/never' };
      default:
        return { ok: true };
    }
  }
}
