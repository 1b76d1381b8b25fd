/**
 * Slack failing under the bot, over the real HTTP receiver and a fake Web API that answers HTTP 5xx, 429 with
 * Retry-After, or expired response_urls (404, 410): a slash command's answer still reaches the person (later, or
 * through the next best channel), exactly once, and every failure is logged with what Slack said.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../src/slack/ids.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import type { ApiCall } from '../slack/helpers/fake-slack-api.js';
import { ACCOUNT, sampleReport, scriptedEngine } from '../slack/helpers/fakes.js';
import { commandRequest, send } from '../slack/helpers/signing.js';

const CHANNEL = 'C0FAULTS';
const VERDICT = /The access key AKIAIOSFODNN7EXAMPLE of alice is inactive/;

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function start(webApiRetries = 0): Promise<TestBot> {
  bot = await startTestBot({ engine: scriptedEngine(sampleReport()), updateIntervalMs: 0, webApiRetries });
  return bot;
}

async function command(b: TestBot, channel = CHANNEL) {
  const res = await send(
    b.port,
    commandRequest({
      command: SLASH_COMMAND,
      text: ACCOUNT,
      channel_id: channel,
      response_url: b.api.responseUrl('command'),
    }),
    { secret: SIGNING_SECRET },
  );
  expect(res.status).toBe(200);
  expect(res.body).toMatch(/Diagnosing account/);
  await b.slack.idle();
}

const posts = (b: TestBot) => b.api.callsTo('chat.postMessage');
const text = (call: ApiCall | undefined) => `${String(call?.args.text)} ${JSON.stringify(call?.args.blocks ?? [])}`;
const log = (b: TestBot) => b.lines.join('');

/** The served messages carrying the verdict: final edits (checklist and parent), or a reply posted instead. */
function verdictMessages(b: TestBot): ApiCall[] {
  return b.api.calls.filter(
    (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && VERDICT.test(text(c)),
  );
}

/** The last edit of the message `ts` (the checklist): it must carry the verdict. */
function expectFinalEdit(b: TestBot, ts: unknown): void {
  const last = b.api
    .callsTo('chat.update')
    .filter((u) => u.args.ts === ts)
    .at(-1);
  expect(last, `final edit of ${String(ts)}`).toBeDefined();
  expect(text(last)).toMatch(VERDICT);
}

describe('Slack 5xx', () => {
  it('on chat.postMessage, once: retried, the answer is in its thread, posted once', async () => {
    const b = await start(3);
    b.api.failHttp('chat.postMessage', 500, { times: 1 });
    await command(b);
    expect(b.api.refused.map((r) => [r.method, r.status])).toEqual([['chat.postMessage', 500]]);
    const [parent, checklist, ...others] = posts(b);
    expect(others).toEqual([]);
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(checklist?.args.thread_ts).toBe(parent?.result?.ts);
    expectFinalEdit(b, checklist?.result?.ts);
    expect(b.api.responses).toEqual([]);
  });

  it('on chat.postMessage, every time: the answer comes through the response_url, once, and the log says why', async () => {
    const b = await start(0);
    b.api.failHttp('chat.postMessage', 503);
    await command(b);
    expect(posts(b)).toEqual([]);
    expect(b.api.responses).toHaveLength(1);
    expect(b.api.responses[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(b.api.responses[0]?.body)).toMatch(VERDICT);
    expect(log(b)).toMatch(/http_503/);
  });

  it('on chat.update, every time: the final checklist is posted as a new reply in the same thread', async () => {
    const b = await start(0);
    b.api.failHttp('chat.update', 500);
    await command(b);
    const [parent, checklist, final, ...others] = posts(b);
    expect(others).toEqual([]);
    expect(checklist?.args.thread_ts).toBe(parent?.result?.ts);
    expect(final?.args.thread_ts).toBe(parent?.result?.ts);
    expect(text(final)).toMatch(VERDICT);
    expect(b.api.responses).toEqual([]);
    expect(log(b)).toMatch(/chat\.update failed \(http_500\)/);
  });
});

describe('Slack 429 with Retry-After', () => {
  it('on chat.update: the final edit waits and lands on the checklist', async () => {
    const b = await start(3);
    b.api.failHttp('chat.update', 429, { retryAfter: 1, times: 1 });
    const started = performance.now();
    await command(b);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    const [, checklist, ...others] = posts(b);
    expect(others).toEqual([]);
    expectFinalEdit(b, checklist?.result?.ts);
  });

  it('on chat.postMessage: the parent and the checklist wait for Slack, still one thread', async () => {
    const b = await start(3);
    b.api.failHttp('chat.postMessage', 429, { retryAfter: 1, times: 2 });
    await command(b);
    expect(b.api.refused.filter((r) => r.status === 429)).toHaveLength(2);
    const [parent, checklist, ...others] = posts(b);
    expect(others).toEqual([]);
    expect(checklist?.args.thread_ts).toBe(parent?.result?.ts);
    expectFinalEdit(b, checklist?.result?.ts);
  });
});

describe('Slack 429 beyond the old retry budget', () => {
  it('four 429s in a row on chat.postMessage: with the production retry policy the answer still lands in its thread', async () => {
    // The production policy (no webApiRetries override): Retry-After is honoured for as long as Slack asks, within
    // the policy's time budget, instead of giving up after three retries.
    bot = await startTestBot({ engine: scriptedEngine(sampleReport()), updateIntervalMs: 0, webApiRetries: undefined });
    const b = bot;
    b.api.failHttp('chat.postMessage', 429, { retryAfter: 1, times: 4 });
    await command(b);
    expect(b.api.refused.filter((r) => r.status === 429)).toHaveLength(4);
    const [parent, checklist, ...others] = posts(b);
    expect(others).toEqual([]);
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(checklist?.args.thread_ts).toBe(parent?.result?.ts);
    expectFinalEdit(b, checklist?.result?.ts);
    expect(b.api.responses).toEqual([]);
  }, 30_000);
});

describe('expired response_url', () => {
  it.each([404, 410])('answers %i: logged, nothing else breaks, the next command is answered', async (status) => {
    const b = await start(0);
    b.api.fail('chat.postMessage', 'not_in_channel', { channel: 'C0NOTIN' });
    b.api.expireResponseUrls = true;
    b.api.expiredResponseStatus = status;
    await command(b, 'C0NOTIN');
    // The only way to reach the person was the response_url, and it is gone: said in the log, once.
    expect(b.api.responses).toHaveLength(1);
    expect(log(b)).toMatch(new RegExp(`response_url failed \\(response_url_${status}\\)`));
    expect(log(b)).toMatch(/could not deliver the final checklist/);
    // The bot carries on.
    await command(b);
    expect(verdictMessages(b).length).toBeGreaterThan(0);
  });
});
