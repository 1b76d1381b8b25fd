/** Builds Slack-signed HTTP requests (v0 HMAC-SHA256 of "v0:<ts>:<raw body>") and sends them to the app. */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { captureOutput } from '../../helpers/output-capture.js';

export const FIXTURES = 'test/fixtures/slack';

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')) as T;
}

export function signature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SlackRequest {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

/** The docs' raw slash-command body with fields replaced (order and encoding kept). */
export function commandRequest(fields: Record<string, string>): SlackRequest {
  const params = new URLSearchParams(readFileSync(`${FIXTURES}/slash_command.body.txt`, 'utf8'));
  for (const [key, value] of Object.entries(fields)) params.set(key, value);
  return { body: params.toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function interactiveRequest(payload: unknown): SlackRequest {
  return {
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: 'application/x-www-form-urlencoded',
  };
}

export function eventRequest(envelope: unknown): SlackRequest {
  return { body: JSON.stringify(envelope), contentType: 'application/json' };
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replace the computed signature. */
  signature?: string;
  retryNum?: number;
  path?: string;
}

export interface SlackResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export function send(port: number, req: SlackRequest, options: SendOptions): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': req.contentType,
    'content-length': String(Buffer.byteLength(req.body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? signature(options.secret, timestamp, req.body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return new Promise((resolve, reject) => {
    const r = request(
      { host: '127.0.0.1', port, path: options.path ?? '/slack/events', method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          // The ack is a Slack payload the bot sent.
          if (body !== '') captureOutput('slack', 'ack', body);
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export function get(port: number, path: string): Promise<SlackResponse> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    r.on('error', reject);
    r.end();
  });
}
