/**
 * End to end in Socket Mode, the default deployment: the real entry point (startBot, and the process for signals)
 * against a local Socket Mode server (test/helpers/socket-mode-server.ts) and a local Web API, all on loopback
 * (test/helpers/loopback-guard.mjs refuses any other host). apps.connections.open goes to SLACK_API_URL; Slack's
 * `hello` makes the bot ready; envelopes of every kind the bot handles are acknowledged with their envelope_id
 * within Slack's 3 s and answered once; `disconnect` messages and a dropped connection are followed by a
 * reconnection, with /readyz 503 (and /healthz 503 past its bound) while disconnected; SIGTERM closes the socket
 * with 1000 and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { encodeTargetValue } from '../../src/slack/action-values.js';
import { ACTION, DIAGNOSE_SHORTCUT, SLASH_COMMAND } from '../../src/slack/ids.js';
import { freePort } from '../helpers/free-port.js';
import { refusedHosts } from '../helpers/loopback-guard.js';
import { captureStream } from '../helpers/output-capture.js';
import { type Envelope, FakeSocketModeServer, socketFixture } from '../helpers/socket-mode-server.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { sampleReport, scriptedEngine, UNRECOGNIZED_CLIENT } from '../slack/helpers/fakes.js';
import { fixture, get } from '../slack/helpers/signing.js';

type Json = Record<string, unknown>;

const APP_TOKEN = 'xapp-1-A0TEST-1111-socketmodetesttoken';
const BOT_TOKEN = 'xoxb-2222-socket-mode-test-token';
const ACK_BOUND_MS = 3000;

const quiet = captureStream('socket mode bot');
let api: FakeSlackApi;
let server: FakeSocketModeServer;
let dir: string;

function env(port: number, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    SLACK_MODE: 'socket',
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: api.apiUrl,
    DIAG_EXTERNAL_ID: 'socket-mode-external-id',
    DATABASE_URL: `sqlite:${join(dir, `bot-${Math.random().toString(36).slice(2)}.db`)}`,
    AWS_REGION: 'us-east-1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

beforeAll(async () => {
  api = new FakeSlackApi();
  await api.start();
  server = new FakeSocketModeServer();
  await server.start();
  api.socketModeUrl = () => server.url;
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-socket-'));
});
afterAll(async () => {
  await server.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(refusedHosts).toEqual([]);
});

/** An envelope of `type` (wrapper from fixtures/slack/socket-mode) around an HTTP payload fixture. */
function envelope(type: Envelope['type'], payload: Json, extra: Partial<Envelope> = {}): Omit<Envelope, 'envelope_id'> {
  const name = type === 'interactive' ? 'envelope_interactive_shortcut.json' : `envelope_${type}.json`;
  const { envelope_id: _sample, ...wrapper } = socketFixture<Envelope>(name);
  return { ...wrapper, payload, ...extra };
}

const parents = () => api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined);
const threaded = () => api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts !== undefined);

describe('Socket Mode, connected', () => {
  let bot: RunningBot;
  let port: number;

  beforeAll(async () => {
    api.reset();
    port = await freePort();
    const result = await startBot(env(port, { SLACK_UNHEALTHY_AFTER_SECONDS: '2' }), {
      engine: () => scriptedEngine(sampleReport()),
      logDestination: quiet,
    });
    if (!result.ok) throw new Error(result.message);
    bot = result.bot;
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(() => api.reset());

  it('opens the socket through SLACK_API_URL with the app token (in the header only); ready after hello', async () => {
    expect(server.connectionCount).toBe(1);
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body).checks.slack).toMatchObject({ ok: true });
    const health = await get(port, '/healthz');
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', mode: 'socket', slack: 'connected' });
  });

  it('slash_commands: acked with its envelope_id and the ephemeral response within 3 s; one answer', async () => {
    const command = {
      ...fixture<Json>('slash_command.json'),
      command: SLASH_COMMAND,
      text: '111122223333',
      response_url: api.responseUrl('command'),
    };
    const ack = await server.send(envelope('slash_commands', command));
    expect(ack.ms).toBeLessThan(ACK_BOUND_MS);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/Diagnosing/) });
    await bot.slack.idle();
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.args.channel).toBe('C2147483705');
    expect(threaded().length).toBeGreaterThanOrEqual(1);
  });

  it('interactive message shortcut: acked within 3 s; one reply in the message’s thread', async () => {
    const base = fixture<Json & { message: Json }>('message_action.bolt-python.json');
    const shortcut = {
      ...base,
      callback_id: DIAGNOSE_SHORTCUT,
      response_url: api.responseUrl('shortcut'),
      message: { ...base.message, text: UNRECOGNIZED_CLIENT },
    };
    const ack = await server.send(envelope('interactive', shortcut));
    expect(ack.ms).toBeLessThan(ACK_BOUND_MS);
    await bot.slack.idle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(api.callsTo('chat.postMessage')[0]?.args).toMatchObject({ channel: 'C111', thread_ts: '1583636382.000300' });
  });

  it('interactive block_actions (run_diagnosis): acked within 3 s; one diagnosis in the button message’s thread', async () => {
    const base = fixture<Json & { actions: Json[] }>('block_actions_message_button.json');
    const click = {
      ...base,
      response_url: api.responseUrl('button'),
      actions: [
        {
          ...base.actions[0],
          action_id: ACTION.runDiagnosis,
          value: encodeTargetValue({ accountId: '111122223333', region: 'us-east-1' }),
        },
      ],
    };
    const ack = await server.send(envelope('interactive', click));
    expect(ack.ms).toBeLessThan(ACK_BOUND_MS);
    await bot.slack.idle();
    const posts = api.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args).toMatchObject({ channel: 'C111', thread_ts: '1678252213.679169' });
  });

  it('events_api: acked within 3 s; a redelivery (retry_attempt 1, same event_id) is acked and not answered again', async () => {
    const base = fixture<Json & { event: Json }>('event_callback_message_channels.docs.json');
    const body = { ...base, event_id: 'EvSocket1', event: { ...base.event, text: UNRECOGNIZED_CLIENT } };
    const first = await server.send(envelope('events_api', body));
    expect(first.ms).toBeLessThan(ACK_BOUND_MS);
    await bot.slack.idle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    const retry = await server.send(envelope('events_api', body, { retry_attempt: 1, retry_reason: 'timeout' }));
    expect(retry.ms).toBeLessThan(ACK_BOUND_MS);
    await bot.slack.idle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(api.callsTo('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'C123ABC456',
      thread_ts: '1355517523.000005',
    });
  });

  it.each(['refresh_requested', 'warning'] as const)(
    'disconnect (%s): closes with 1000, reconnects through apps.connections.open, keeps acking',
    async (reason) => {
      const before = server.connectionCount;
      server.disconnect(reason);
      await server.waitFor(() => server.connectionCount === before + 1, 10_000, 'the reconnection');
      await server.waitFor(() => server.closes.find((c) => c.connection === before), 5000, 'the old socket closed');
      expect(server.closes.find((c) => c.connection === before)?.code).toBe(1000);
      expect(api.callsTo('apps.connections.open')).toHaveLength(1);
      await server.waitFor(() => bot.slack.connection.status().connected, 5000, 'connected');
      expect((await get(port, '/readyz')).status).toBe(200);
      const base = fixture<Json & { event: Json }>('event_callback_message_channels.docs.json');
      const ack = await server.send(
        envelope('events_api', { ...base, event_id: `EvAfter-${reason}`, event: { ...base.event, text: 'hi' } }),
      );
      expect(ack.connection).toBe(before + 1);
    },
  );

  it('dropped connection: /readyz 503 while disconnected, /healthz 503 after its bound, both 200 once reconnected', async () => {
    const before = server.connectionCount;
    server.refuseUpgrades = true;
    server.dropAbruptly();
    await server.waitFor(() => !bot.slack.connection.status().connected, 5000, 'the bot to notice');
    const notReady = await get(port, '/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body).checks.slack.error).toMatch(/Socket Mode connection lost .* reconnecting/);
    expect((await get(port, '/healthz')).status).toBe(200);
    // SLACK_UNHEALTHY_AFTER_SECONDS=2
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const unhealthy = await get(port, '/healthz');
    expect(unhealthy.status).toBe(503);
    expect(JSON.parse(unhealthy.body)).toMatchObject({ status: 'unhealthy', slack: 'reconnecting' });
    server.refuseUpgrades = false;
    await server.waitFor(() => bot.slack.connection.status().connected, 15_000, 'the reconnection');
    expect(server.connectionCount).toBe(before + 1);
    expect((await get(port, '/readyz')).status).toBe(200);
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('nothing secret in any Web API call argument or ack', () => {
    const sent = JSON.stringify([api.calls.map((c) => c.args), api.responses, server.acks]);
    expect(sent).not.toContain(APP_TOKEN);
    expect(sent).not.toContain(BOT_TOKEN);
  });
});

describe('Socket Mode start-up', () => {
  it('an app token Slack rejects stops at once, naming SLACK_APP_TOKEN (exit 2)', async () => {
    api.reset();
    api.fail('apps.connections.open', 'invalid_auth');
    const started = performance.now();
    const result = await startBot(env(await freePort()), { engine: () => scriptedEngine(), logDestination: quiet });
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    expect(result.ok ? '' : result.message).toMatch(/^SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\)/);
    expect(api.callsTo('apps.connections.open')).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
    api.reset();
  });
});

describe('the bot process in Socket Mode', () => {
  function run(e: NodeJS.ProcessEnv): {
    child: ChildProcess;
    out: () => string;
    err: () => string;
    exit: Promise<number | null>;
  } {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/helpers/loopback-guard.ts', 'src/main.ts'],
      {
        env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...e },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, out: () => out, err: () => err, exit };
  }

  it('SIGTERM while connected: closes the socket with 1000, exits 0', async () => {
    api.reset();
    const before = server.connectionCount;
    const proc = run(env(await freePort()));
    await server.waitFor(() => server.connectionCount > before, 15_000, 'the bot to connect');
    await server.waitFor(() => proc.out().includes('bedrock-403 is running in Socket Mode'), 10_000, 'running');
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    await server.waitFor(() => server.closes.find((c) => c.connection === before + 1), 5000, 'the close');
    expect(server.closes.find((c) => c.connection === before + 1)?.code).toBe(1000);
    expect(proc.err()).toBe('');
    expect(proc.out()).not.toContain(APP_TOKEN);
    expect(proc.out()).not.toContain(BOT_TOKEN);
  }, 30_000);

  it('SIGTERM while reconnecting (the socket dropped, Slack refusing): exits 0 without waiting for Slack', async () => {
    api.reset();
    const before = server.connectionCount;
    const proc = run(env(await freePort()));
    try {
      await server.waitFor(() => server.connectionCount > before, 15_000, 'the bot to connect');
      await server.waitFor(() => proc.out().includes('bedrock-403 is running in Socket Mode'), 10_000, 'running');
      server.refuseUpgrades = true;
      server.dropAbruptly();
      await server.waitFor(
        () => proc.out().includes('Socket Mode reconnect attempt 1 failed'),
        15_000,
        'a failed reconnect',
      );
      const signalled = performance.now();
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(10_000);
      expect(proc.out()).toMatch(/Socket Mode connection lost/);
      expect(proc.err()).toBe('');
    } finally {
      server.refuseUpgrades = false;
    }
  }, 45_000);

  it('Slack unreachable: one log line per failed attempt with the reason, then exit 1 after the bound', async () => {
    api.reset();
    server.refuseUpgrades = true;
    try {
      const proc = run(env(await freePort(), { SLACK_STARTUP_TIMEOUT_SECONDS: '3' }));
      expect(await proc.exit).toBe(1);
      const attempts = proc
        .out()
        .split('\n')
        .filter((line) => line.includes('connecting to Slack in Socket Mode (apps.connections.open) failed'));
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      for (const line of attempts) expect(JSON.parse(line).reason).toBeTruthy();
      const lines = proc.err().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^bedrock-403: cannot connect to Slack in Socket Mode; .*SLACK_STARTUP_TIMEOUT_SECONDS=3/,
      );
    } finally {
      server.refuseUpgrades = false;
    }
  }, 30_000);

  it('SIGTERM during start-up (Slack not reachable yet): exits 0 at once', async () => {
    api.reset();
    server.refuseUpgrades = true;
    try {
      const proc = run(env(await freePort()));
      await server.waitFor(() => proc.out().includes('failed (attempt 1'), 15_000, 'a failed attempt');
      const signalled = performance.now();
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(5000);
      expect(proc.out()).toMatch(/stopped by SIGTERM during start-up/);
    } finally {
      server.refuseUpgrades = false;
    }
  }, 30_000);
});
