/**
 * response_url allow-list (issue 11, item 4): signed button clicks into the real HTTP receiver whose response_url
 * points elsewhere than SLACK_RESPONSE_URL_HOSTS, or at an allowed host that redirects. Nothing is posted outside
 * the list, a redirect is never followed, and the refusal is logged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { ACTION } from '../../src/slack/ids.js';
import { responseUrlHostProblems, responseUrlPolicy } from '../../src/slack/response-url-guard.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { fixture, interactiveRequest, send } from './helpers/signing.js';

type Json = Record<string, unknown>;

describe('responseUrlPolicy', () => {
  const policy = responseUrlPolicy(['hooks.slack.com', 'http://127.0.0.1']);
  it.each([
    ['https://hooks.slack.com/actions/T0/1/abc', undefined],
    ['https://HOOKS.slack.com/commands/T0/1/abc', undefined],
    ['http://127.0.0.1:4567/response/x', undefined],
    ['http://hooks.slack.com/actions/T0/1/abc', /scheme http/],
    ['https://hooks.slack.com:8443/actions/x', /port 8443/],
    ['https://hooks.slack.com.evil.example/actions/x', /not in SLACK_RESPONSE_URL_HOSTS/],
    ['https://user:pw@hooks.slack.com/actions/x', /credentials/],
    ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', /169\.254\.169\.254 is not in/],
    ['http://localhost:4567/response/x', /localhost is not in/],
    ['https://127.0.0.1/x', undefined],
    ['https://127.0.0.1:8443/x', /port 8443/],
    ['file:///etc/passwd', /not in|scheme/],
    ['not a url', /not a URL/],
  ])('%s', (url, expected) => {
    const refusal = policy.refusal(url);
    if (expected === undefined) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(expected);
  });

  it('https://127.0.0.1 is refused unless listed; the default list is hooks.slack.com only', () => {
    expect(responseUrlPolicy().refusal('https://hooks.slack.com/actions/x')).toBeUndefined();
    expect(responseUrlPolicy().refusal('http://127.0.0.1:80/x')).toMatch(/not in/);
  });

  it('config: http:// only for loopback, the default, and bad entries named', () => {
    expect(responseUrlHostProblems('hooks.slack.com,http://127.0.0.1,http://[::1]')).toEqual([]);
    expect(responseUrlHostProblems('http://169.254.169.254')).toEqual([
      expect.stringMatching(
        /SLACK_RESPONSE_URL_HOSTS: "http:\/\/169.254.169.254": http:\/\/ is allowed only for a loopback/,
      ),
    ]);
    expect(responseUrlHostProblems('hooks.slack.com/path')).toEqual([expect.stringMatching(/not a host name/)]);
    const env = { SLACK_BOT_TOKEN: 'xoxb-1-x', SLACK_APP_TOKEN: 'xapp-1-x', DIAG_EXTERNAL_ID: 'ext-1' };
    expect(readConfig(env).slack.responseUrlHosts).toEqual(['hooks.slack.com']);
    expect(
      readConfig({ ...env, SLACK_RESPONSE_URL_HOSTS: ' hooks.slack.com , hooks.slack-gov.com ' }).slack
        .responseUrlHosts,
    ).toEqual(['hooks.slack.com', 'hooks.slack-gov.com']);
    expect(() => readConfig({ ...env, SLACK_RESPONSE_URL_HOSTS: 'http://10.0.0.1' })).toThrow(/loopback/);
  });
});

describe('respond() over the real receiver', () => {
  let bot: TestBot;
  let redirector: Server;
  let redirectorPort: number;
  const redirectorHits: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot({
      engine: { diagnose: () => Promise.reject(new Error('not used')) },
      accounts: [{ id: '111111111111' }],
    });
    // An "allowed" host (loopback) that answers every POST with a redirect into the fake's recording endpoint
    // under another name: following it would show up in bot.api.responses.
    redirector = createServer((req, res) => {
      redirectorHits.push(req.url ?? '');
      const target = bot.api.responseUrl('followed-redirect').replace('127.0.0.1', 'localhost');
      res.writeHead(307, { location: target });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectorPort = (redirector.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => redirector.close(() => resolve()));
    await bot.stop();
  });
  beforeEach(() => {
    bot.api.reset();
    bot.lines.length = 0;
    redirectorHits.length = 0;
  });

  let seq = 0;
  /** A run_diagnosis click whose value is invalid: the bot answers it only through response_url. */
  async function clickWith(responseUrl: string) {
    const base = fixture<Json & { actions: Json[] }>('block_actions_message_button.json');
    seq += 1;
    const body = interactiveRequest({
      ...base,
      response_url: responseUrl,
      actions: [{ ...base.actions[0], action_id: ACTION.runDiagnosis, value: 'garbage', action_ts: `1.${seq}` }],
    });
    const res = await send(bot.port, body, { secret: SIGNING_SECRET });
    await bot.slack.idle();
    return res;
  }

  it('an allowed response_url gets the answer (the control case)', async () => {
    expect((await clickWith(bot.api.responseUrl('allowed'))).status).toBe(200);
    expect(bot.api.responses.map((r) => r.path)).toEqual(['/response/allowed']);
  });

  it('a response_url on a host outside the list gets nothing; the refusal is logged', async () => {
    const forged = bot.api.responseUrl('forged').replace('127.0.0.1', 'localhost');
    expect((await clickWith(forged)).status).toBe(200);
    expect(bot.api.responses).toEqual([]);
    const log = bot.lines.join('');
    expect(log).toMatch(/response_url refused \(host localhost is not in SLACK_RESPONSE_URL_HOSTS\)/);
    // The path of a response_url is not logged in full.
    expect(log).not.toContain('/response/forged');
  });

  it('instance metadata is never contacted', async () => {
    await clickWith('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
    expect(bot.lines.join('')).toMatch(/response_url refused \(host 169\.254\.169\.254/);
  });

  it('a redirect from an allowed host is not followed', async () => {
    await clickWith(`http://127.0.0.1:${redirectorPort}/response/redirects`);
    expect(redirectorHits).toEqual(['/response/redirects']);
    expect(bot.api.responses).toEqual([]);
    expect(bot.lines.join('')).toMatch(/response_url answered with a redirect; not followed/);
  });
});
