import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { healthz } from '../../src/ops/health.js';
import { configReadiness, opsRoutes, slackReadiness } from '../../src/ops/ops-routes.js';
import { describeDisconnected, SlackConnection } from '../../src/slack/connection.js';

const slack = (overrides: Partial<Config['slack']> = {}): Pick<Config, 'slack'> => ({
  slack: { mode: 'http', botToken: 'xoxb-1-x', signingSecret: 'signing-secret-1', port: 3000, ...overrides },
});

describe('configReadiness', () => {
  it('passes when the mode has its credentials and Slack confirmed the bot token', async () => {
    await expect(Promise.resolve(configReadiness(slack(), { botUserId: 'U0BOT' }).check())).resolves.toBeUndefined();
    const socket = slack({ mode: 'socket', signingSecret: undefined, appToken: 'xapp-1-x' });
    await expect(Promise.resolve(configReadiness(socket, { botUserId: 'U0BOT' }).check())).resolves.toBeUndefined();
  });

  it('names every missing piece', () => {
    const check = configReadiness(slack({ signingSecret: undefined }), {});
    expect(() => check.check()).toThrow(/SLACK_SIGNING_SECRET is missing; Slack did not confirm the bot token/);
    expect(() => configReadiness(slack({ mode: 'socket' }), { botUserId: 'U0BOT' }).check()).toThrow(
      /SLACK_APP_TOKEN is missing/,
    );
  });
});

describe('opsRoutes', () => {
  it('serves /healthz and /readyz (GET and HEAD) and /metrics (GET)', () => {
    const connection = new SlackConnection('http');
    const routes = opsRoutes({
      store: { ping: async () => undefined },
      isDraining: () => false,
      config: slack(),
      identity: { botUserId: 'U0BOT' },
      connection,
    });
    expect(routes.map((r) => [r.path, r.method])).toEqual([
      ['/healthz', ['GET', 'HEAD']],
      ['/readyz', ['GET', 'HEAD']],
      ['/metrics', ['GET']],
    ]);
  });
});

describe('slackReadiness', () => {
  it('passes only while connected; says why not otherwise', async () => {
    let now = 1_000_000;
    const connection = new SlackConnection('socket', () => now);
    const check = slackReadiness({ connection, describeDisconnected });
    expect(() => check.check()).toThrow(/Socket Mode not connected yet/);
    connection.markConnected();
    expect(check.check()).toBeUndefined();
    now += 5000;
    connection.markDisconnected('Slack asked to reconnect (disconnect: refresh_requested)');
    now += 3000;
    expect(() => check.check()).toThrow(/connection lost 3 s ago; reconnecting .*refresh_requested/);
    connection.markConnected();
    expect(check.check()).toBeUndefined();
    connection.markStopping();
    expect(() => check.check()).toThrow(/shutting down/);
  });

  it('HTTP mode: not ready until the receiver listens', () => {
    const connection = new SlackConnection('http');
    const check = slackReadiness({ connection, describeDisconnected });
    expect(() => check.check()).toThrow(/HTTP receiver is not listening yet/);
    connection.markConnected();
    expect(check.check()).toBeUndefined();
  });
});

describe('healthz', () => {
  it('200 while up or within the bound without a connection; 503 past the bound and while stopping', () => {
    let now = 0;
    const connection = new SlackConnection('socket', () => now);
    expect(healthz(connection.status(), 60_000).status).toBe(200);
    connection.markConnected();
    now = 10 * 60_000;
    expect(healthz(connection.status(), 60_000).status).toBe(200);
    connection.markDisconnected('the socket closed');
    now += 60_000;
    expect(healthz(connection.status(), 60_000).status).toBe(200);
    now += 1;
    const unhealthy = healthz(connection.status(), 60_000);
    expect(unhealthy.status).toBe(503);
    expect(JSON.parse(unhealthy.body)).toMatchObject({ status: 'unhealthy', slack: 'reconnecting' });
    connection.markConnected();
    expect(healthz(connection.status(), 60_000).status).toBe(200);
    connection.markStopping();
    expect(JSON.parse(healthz(connection.status(), 60_000).body)).toMatchObject({ status: 'stopping' });
  });

  it('never connected since start-up counts from the start', () => {
    let now = 0;
    const connection = new SlackConnection('socket', () => now);
    now = 61_000;
    expect(healthz(connection.status(), 60_000).status).toBe(503);
  });
});
