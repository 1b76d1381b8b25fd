import { afterEach, describe, expect, it } from 'vitest';
import { openAccountsDirectory } from '../../src/accounts.js';
import { opsRoutes } from '../../src/ops/ops-routes.js';
import { buildApp, type SlackApp } from '../../src/slack/app.js';
import { SlackConnection } from '../../src/slack/connection.js';
import { InMemoryChannelSettings, InMemoryDeliveryDedupe } from '../../src/slack/stores.js';
import { testConfig } from '../helpers/test-bot.js';
import { capturingLogger, remediationNotUsed, scriptedEngine, stubTriage } from './helpers/fakes.js';
import { get } from './helpers/signing.js';

const deps = () => ({
  triage: stubTriage(),
  engine: scriptedEngine(),
  accounts: openAccountsDirectory,
  channelSettings: new InMemoryChannelSettings(),
  dedupe: new InMemoryDeliveryDedupe(),
  logger: capturingLogger().logger,
  remediation: remediationNotUsed,
});

let running: SlackApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('buildApp', () => {
  it('HTTP mode: serves the operational routes it is given (ready once listening), 404 for other GETs', async () => {
    const config = testConfig('http://127.0.0.1:9/api/');
    const connection = new SlackConnection('http');
    const customRoutes = opsRoutes({
      store: { ping: async () => undefined },
      isDraining: () => false,
      config,
      identity: { botUserId: 'U1' },
      connection,
    });
    running = buildApp(config, deps(), { botId: 'B1', botUserId: 'U1', connection, customRoutes });
    expect(connection.status().phase).toBe('starting');
    const { port = 0 } = await running.start();
    expect(port).toBeGreaterThan(0);
    expect(connection.status().connected).toBe(true);
    const health = await get(port, '/healthz');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expect((await get(port, '/readyz')).status).toBe(200);
    expect((await get(port, '/slack/events')).status).toBe(404);
    expect((await get(port, '/nope')).status).toBe(404);
  });

  it('Socket Mode: builds with the app token; refuses to build without it', () => {
    const base = testConfig('http://127.0.0.1:9/api/');
    const socket = buildApp({ ...base, slack: { ...base.slack, mode: 'socket', appToken: 'xapp-1-test' } }, deps(), {
      botId: 'B1',
      botUserId: 'U1',
    });
    expect(socket.mode).toBe('socket');
    expect(() => buildApp({ ...base, slack: { ...base.slack, mode: 'socket', appToken: undefined } }, deps())).toThrow(
      /SLACK_APP_TOKEN/,
    );
    expect(() => buildApp({ ...base, slack: { ...base.slack, signingSecret: undefined } }, deps())).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
  });

  it('points the Web API client at SLACK_API_URL', () => {
    running = buildApp(testConfig('http://127.0.0.1:9/api'), deps(), { botId: 'B1', botUserId: 'U1' });
    expect(running.app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });
});
