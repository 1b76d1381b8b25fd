/**
 * The bot's entry point: start-up problems end with ONE line naming the variable (no stack trace), a token Slack
 * rejects is caught before serving, and SIGTERM stops the receiver and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../src/main.js';
import { freePort } from './helpers/free-port.js';
import { captureStream } from './helpers/output-capture.js';
import { botEnv } from './helpers/test-bot.js';
import { FakeSlackApi } from './slack/helpers/fake-slack-api.js';
import { scriptedEngine } from './slack/helpers/fakes.js';
import { get } from './slack/helpers/signing.js';

/** The bot's log lines go to the suite's final secret scan only. */
const quiet = captureStream('startBot (main)');

let api: FakeSlackApi;
let dir: string;

beforeAll(async () => {
  api = new FakeSlackApi();
  await api.start();
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-main-'));
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

function env(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return botEnv(api.apiUrl, {
    DATABASE_URL: `sqlite:${join(dir, `bot-${Math.random().toString(36).slice(2)}.db`)}`,
    ...overrides,
  });
}

const start = (e: NodeJS.ProcessEnv) => startBot(e, { engine: () => scriptedEngine(), logDestination: quiet });

describe('startBot', () => {
  it.each([
    ['a missing bot token', { SLACK_BOT_TOKEN: undefined }, /SLACK_BOT_TOKEN is missing/],
    ['a malformed bot token', { SLACK_BOT_TOKEN: 'not-a-token' }, /SLACK_BOT_TOKEN must be a bot token/],
    ['a missing signing secret in HTTP mode', { SLACK_SIGNING_SECRET: undefined }, /SLACK_SIGNING_SECRET is missing/],
    ['Socket Mode without an app token', { SLACK_MODE: 'socket' }, /SLACK_APP_TOKEN is missing/],
    ['a bad port', { PORT: '70000' }, /PORT must be a whole number/],
    ['an unreadable accounts file', { ACCOUNTS_FILE: '/nonexistent/accounts.yml' }, /ACCOUNTS_FILE .*cannot read/],
  ])('%s: one line naming the variable, exit 2', async (_name, overrides, message) => {
    const result = await start(env(overrides));
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    const text = result.ok ? '' : result.message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a bot token Slack rejects (invalid_auth): names SLACK_BOT_TOKEN, never prints it', async () => {
    api.reset();
    api.fail('auth.test', 'invalid_auth', { times: 1 });
    const result = await start(env());
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    const text = result.ok ? '' : result.message;
    expect(text).toMatch(/^SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
    expect(text).not.toContain('xoxb-1111-test-token');
  });

  it('an app token Slack rejects in Socket Mode: names SLACK_APP_TOKEN', async () => {
    api.reset();
    api.fail('apps.connections.open', 'invalid_auth', { times: 1 });
    const result = await start(env({ SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1-test' }));
    expect(result.ok ? '' : result.message).toMatch(/^SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\)/);
  });

  it('Slack unreachable: says which URL could not be reached, exit 1', async () => {
    const result = await start(
      env({ SLACK_API_URL: `http://127.0.0.1:${await freePort()}/api/`, SLACK_STARTUP_TIMEOUT_SECONDS: '2' }),
    );
    expect(result).toMatchObject({ ok: false, exitCode: 1 });
    expect(result.ok ? '' : result.message).toMatch(/gave up after \d+ attempts .*SLACK_STARTUP_TIMEOUT_SECONDS=2/);
    expect(result.ok ? '' : result.message).toMatch(
      /cannot reach the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ to check SLACK_BOT_TOKEN/,
    );
  });

  it('a port in use: names PORT', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const { port } = busy.address() as { port: number };
    try {
      const result = await start(env({ PORT: String(port) }));
      expect(result.ok ? '' : result.message).toMatch(new RegExp(`^PORT ${port} is already in use`));
    } finally {
      busy.close();
    }
  });

  it('good config: checks the token with auth.test, serves /healthz, stops cleanly', async () => {
    api.reset();
    const port = await freePort();
    const result = await start(env({ PORT: String(port) }));
    if (!result.ok) throw new Error(result.message);
    try {
      expect(api.callsTo('auth.test')).toHaveLength(1);
      expect(result.bot.port).toBe(port);
      const health = await get(port, '/healthz');
      expect(health.status).toBe(200);
    } finally {
      await result.bot.stop();
    }
    await expect(get(port, '/healthz')).rejects.toThrow();
  });
});

describe('the bot process', () => {
  function run(e: NodeJS.ProcessEnv): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...e },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, stderr: () => stderr, exit };
  }

  it('bad config: exits 2 with exactly one line on stderr and no stack trace', async () => {
    const { exit, stderr } = run(env({ SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined }));
    expect(await exit).toBe(2);
    const lines = stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^bedrock-403: invalid configuration: .*SLACK_BOT_TOKEN is missing.*SLACK_SIGNING_SECRET is missing/,
    );
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('SIGTERM: stops the receiver and exits 0', async () => {
    api.reset();
    const port = await freePort();
    const proc = run(env({ PORT: String(port) }));
    // Wait until it serves (the process needs a moment to compile and start); no timing is asserted.
    let up = false;
    for (let i = 0; i < 150 && !up; i++) {
      up = await get(port, '/healthz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    expect(up).toBe(true);
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(proc.stderr()).toBe('');
  }, 30_000);
});
