/**
 * The operational wiring of the real entry point (startBot in HTTP mode over SQLite): /readyz and /metrics next to
 * /healthz, metrics fed by real Slack requests, and the SIGTERM drain: readiness turns 503 at once, a new slash
 * command is answered "restarting", the diagnosis already running finishes and is delivered, then the bot stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisEngine } from '../../src/diagnosis/engine.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { RESTARTING_TEXT } from '../../src/ops/drain-middleware.js';
import type { Report } from '../../src/report.js';
import { SLASH_COMMAND } from '../../src/slack/ids.js';
import { freePort } from '../helpers/free-port.js';
import { captureStream } from '../helpers/output-capture.js';
import { botEnv, SIGNING_SECRET } from '../helpers/test-bot.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { sampleReport } from '../slack/helpers/fakes.js';
import { commandRequest, get, send } from '../slack/helpers/signing.js';

const SECRET = SIGNING_SECRET;
/** The bot's log lines go to the suite's final secret scan only. */
const quiet = captureStream('startBot (ops wiring)');

/** A diagnosis engine whose diagnoses finish only when the test says so. */
function gatedEngine() {
  const started: { resolve: (r: Report) => void; signal?: AbortSignal }[] = [];
  const waiters: (() => void)[] = [];
  const engine: DiagnosisEngine = {
    diagnose: (target, options) =>
      new Promise<Report>((resolve) => {
        started.push({
          resolve: (r) => resolve({ ...r, target }),
          ...(options?.signal ? { signal: options.signal } : {}),
        });
        for (const w of waiters.splice(0)) w();
      }),
  };
  const nextStart = (count: number) =>
    new Promise<void>((resolve) => {
      if (started.length >= count) resolve();
      else waiters.push(() => (started.length >= count ? resolve() : undefined));
    });
  return { engine, started, nextStart };
}

let api: FakeSlackApi;
let dir: string;
let bot: RunningBot | undefined;

beforeAll(async () => {
  api = new FakeSlackApi();
  await api.start();
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-ops-'));
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(engine: DiagnosisEngine, extra: Record<string, string> = {}): Promise<RunningBot> {
  api.reset();
  const result = await startBot(
    botEnv(api.apiUrl, {
      DATABASE_URL: `sqlite:${join(dir, `bot-${Math.random().toString(36).slice(2)}.db`)}`,
      PORT: String(await freePort()),
      ...extra,
    }),
    { engine: () => engine, logDestination: quiet },
  );
  if (!result.ok) throw new Error(result.message);
  bot = result.bot;
  return result.bot;
}

const command = (text: string) =>
  commandRequest({ command: SLASH_COMMAND, text, channel_id: 'C2147483705', response_url: api.responseUrl('cmd') });

describe('ops endpoints of the running bot', () => {
  it('serves /readyz (store and config checks) and /metrics next to /healthz', async () => {
    const gated = gatedEngine();
    const b = await start(gated.engine);
    const port = b.port ?? 0;
    expect((await get(port, '/healthz')).status).toBe(200);
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'ready',
      checks: { store: { ok: true }, config: { ok: true } },
    });

    const pasted =
      '111111111111 An error occurred (UnrecognizedClientException) when calling the InvokeModel operation';
    expect((await send(port, command(pasted), { secret: SECRET })).status).toBe(200);
    await gated.nextStart(1);
    gated.started[0]?.resolve(sampleReport());
    await b.slack.idle();
    const metrics = await get(port, '/metrics');
    expect(metrics.body).toMatch(/bedrock403_triages_total\{outcome="\w+",source="command"\} [1-9]/);
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.body).toMatch(/bedrock403_slack_ack_duration_seconds_count\{kind="command"\} [1-9]/);
    expect(metrics.body).toMatch(/bedrock403_diagnoses_total\{outcome="problems"\} [1-9]/);
    expect(metrics.body).toContain('bedrock403_process_resident_memory_bytes');
  });
});

describe('SIGTERM drain', () => {
  it('turns readiness off and new work away, lets the running diagnosis finish, then stops', async () => {
    const gated = gatedEngine();
    const b = await start(gated.engine);
    const port = b.port ?? 0;
    expect((await send(port, command('111111111111'), { secret: SECRET })).status).toBe(200);
    await gated.nextStart(1);

    let stopped = false;
    const stopping = b.stop().then(() => {
      stopped = true;
    });
    expect(b.drain.draining).toBe(true);
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).status).toBe('draining');

    const refused = await send(port, command('222222222222'), { secret: SECRET });
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    expect(gated.started).toHaveLength(1);
    expect(stopped).toBe(false);

    // The diagnosis accepted before SIGTERM completes and reaches Slack; only then does the bot stop.
    const updatesBefore = api.callsTo('chat.update').length;
    expect(gated.started[0]?.signal?.aborted).toBe(false);
    gated.started[0]?.resolve(sampleReport());
    await stopping;
    expect(api.callsTo('chat.update').length).toBeGreaterThan(updatesBefore);
    expect(JSON.stringify(api.callsTo('chat.update').at(-1)?.args)).toContain('is inactive');
    await expect(get(port, '/healthz')).rejects.toThrow();
    bot = undefined;
  });

  it('stops at the drain bound when work does not finish (DRAIN_TIMEOUT_SECONDS=0)', async () => {
    const gated = gatedEngine();
    const b = await start(gated.engine, { DRAIN_TIMEOUT_SECONDS: '0' });
    await send(b.port ?? 0, command('111111111111'), { secret: SECRET });
    await gated.nextStart(1);
    await b.stop();
    // The receiver's stop aborts what is still running instead of waiting for it.
    expect(gated.started[0]?.signal?.aborted).toBe(true);
    bot = undefined;
  });
});

describe('DATABASE_URL=postgres://', () => {
  it('an unreachable PostgreSQL stops the start with one line naming host and port, never the password', async () => {
    api.reset();
    const dbPort = await freePort();
    const result = await startBot(
      {
        SLACK_MODE: 'http',
        SLACK_BOT_TOKEN: 'xoxb-1111-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        SLACK_RESPONSE_URL_HOSTS: 'hooks.slack.com,http://127.0.0.1',
        DIAG_EXTERNAL_ID: 'test-external-id',
        DATABASE_URL: `postgres://bot:hunter2-db-password@127.0.0.1:${dbPort}/bedrock403`,
        LOG_LEVEL: 'info',
        PORT: String(await freePort()),
      },
      { logDestination: quiet },
    );
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    const message = result.ok ? '' : result.message;
    expect(message).toMatch(
      new RegExp(
        `^DATABASE_URL: cannot open the store: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${dbPort} \\(ECONNREFUSED\\)`,
      ),
    );
    expect(message).not.toContain('hunter2-db-password');
    expect(message).not.toContain('\n');
  });
});
