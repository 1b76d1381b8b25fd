import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { configReadiness, opsRoutes } from '../../src/ops/ops-routes.js';

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
  it('serves /readyz (GET and HEAD) and /metrics (GET)', () => {
    const routes = opsRoutes({
      store: { ping: async () => undefined },
      isDraining: () => false,
      config: slack(),
      identity: { botUserId: 'U0BOT' },
    });
    expect(routes.map((r) => [r.path, r.method])).toEqual([
      ['/readyz', ['GET', 'HEAD']],
      ['/metrics', ['GET']],
    ]);
  });
});
