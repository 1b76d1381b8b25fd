/**
 * Load through the real Bolt app and HTTP receiver: 200 signed `/bedrock-403` commands arriving at once, each from
 * its own channel, are all acknowledged within Slack's 3 seconds and each gets exactly one answer in its own thread
 * (one parent message, one checklist reply under it, edited to the verdict). Then the same burst while Slack rate
 * limits chat.postMessage (HTTP 429 with Retry-After: 1): the answers come later, none is lost or doubled.
 *
 * No timing is asserted (a loaded CI machine must not fail it): that the ack never waits for the work is shown
 * structurally, every one of the 200 acks arrives while every diagnosis is still held back. Slack's 3 s bound and
 * the ack latency figures are measured by bench/ack.bench.ts (`npm run bench`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisEngine } from '../../src/diagnosis/engine.js';
import type { CheckResult, Report } from '../../src/report.js';
import { SLASH_COMMAND } from '../../src/slack/ids.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import type { ApiCall } from '../slack/helpers/fake-slack-api.js';
import { commandRequest, send } from '../slack/helpers/signing.js';

const COMMANDS = 200;
const ACCOUNT = '111122223333';
const KEY = 'AKIAIOSFODNN7EXAMPLE';

/** Every diagnosis waits for this before its first check (a test holds it closed to show acks do not wait). */
let gate: Promise<void> = Promise.resolve();
let diagnosesStarted = 0;
let diagnosesFinished = 0;

function holdDiagnoses(): () => void {
  let open = () => {};
  gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return open;
}

/** Reports three checks a few ms apart (so the checklist is edited), then a verdict naming the account. */
const engine: DiagnosisEngine = {
  async diagnose(target, options) {
    diagnosesStarted += 1;
    await gate;
    const checks: CheckResult[] = [];
    for (const id of ['diag_role', 'key_owner', 'key_status'] as const) {
      await new Promise((r) => setTimeout(r, 3));
      const check: CheckResult = { id, title: id, status: 'pass', summary: 'ok', evidence: {}, fix: [], durationMs: 3 };
      checks.push(check);
      options?.onCheck?.(check, [...checks]);
    }
    const report: Report = {
      target,
      checks,
      causes: [],
      verdict: `Nothing wrong found in account ${target.accountId}.`,
      startedAt: new Date().toISOString(),
      durationMs: 9,
    };
    diagnosesFinished += 1;
    return report;
  },
};

let bot: TestBot | undefined;
afterEach(async () => {
  gate = Promise.resolve();
  await bot?.stop();
  bot = undefined;
});

const channelOf = (i: number) => `C0LOAD${String(i).padStart(4, '0')}`;

/** Fires every command at once; resolves with each one's status and body. */
async function burst(b: TestBot): Promise<Array<{ status: number; body: string }>> {
  return Promise.all(
    Array.from({ length: COMMANDS }, async (_, i) => {
      const request = commandRequest({
        command: SLASH_COMMAND,
        text: `${ACCOUNT} key=${KEY} region=us-east-1`,
        channel_id: channelOf(i),
        user_id: `U0LOAD${String(i).padStart(4, '0')}`,
        response_url: b.api.responseUrl(`load-${i}`),
      });
      const res = await send(b.port, request, { secret: SIGNING_SECRET });
      return { status: res.status, body: res.body };
    }),
  );
}

/** A running bot is warm: a few commands first (module loading, JIT), then the counters start from zero. */
async function warmUp(b: TestBot): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const request = commandRequest({
      command: SLASH_COMMAND,
      text: `${ACCOUNT} key=${KEY}`,
      channel_id: 'C0WARMUP',
      response_url: b.api.responseUrl('warm-up'),
    });
    await send(b.port, request, { secret: SIGNING_SECRET });
  }
  await b.slack.idle();
  b.api.reset();
  diagnosesStarted = 0;
  diagnosesFinished = 0;
}

/** Per channel: the parent, the one threaded reply, and the last edit of that reply. */
function answers(b: TestBot) {
  const byChannel = new Map<string, { posts: ApiCall[]; updates: ApiCall[] }>();
  for (const call of b.api.calls) {
    const channel = String(call.args.channel ?? '');
    const entry = byChannel.get(channel) ?? { posts: [], updates: [] };
    if (call.method === 'chat.postMessage') entry.posts.push(call);
    if (call.method === 'chat.update') entry.updates.push(call);
    byChannel.set(channel, entry);
  }
  return byChannel;
}

function expectOneThreadedAnswerEach(b: TestBot): void {
  const byChannel = answers(b);
  const posted = new Set<string>();
  for (let i = 0; i < COMMANDS; i++) {
    const channel = channelOf(i);
    const entry = byChannel.get(channel);
    expect(entry, channel).toBeDefined();
    const parents = entry?.posts.filter((p) => p.args.thread_ts === undefined) ?? [];
    const replies = entry?.posts.filter((p) => p.args.thread_ts !== undefined) ?? [];
    expect(parents, `${channel}: parent messages`).toHaveLength(1);
    expect(replies, `${channel}: replies in the thread`).toHaveLength(1);
    const parentTs = String(parents[0]?.result?.ts);
    expect(replies[0]?.args.thread_ts, channel).toBe(parentTs);
    const checklistTs = String(replies[0]?.result?.ts);
    const finalEdit = entry?.updates.filter((u) => u.args.ts === checklistTs).at(-1);
    expect(String(finalEdit?.args.text), channel).toMatch(/Nothing wrong found in account 111122223333/);
    posted.add(parentTs);
  }
  // Every parent is a message of its own (no two commands answered in one thread).
  expect(posted.size).toBe(COMMANDS);
  // All answered in the channel: no fallback through response_url.
  expect(b.api.responses).toEqual([]);
}

describe(`${COMMANDS} slash commands at once`, () => {
  it('are all acked before any diagnosis may run, and each then gets exactly one threaded answer', async () => {
    bot = await startTestBot({ engine, updateIntervalMs: 50, webApiRetries: 3 });
    await warmUp(bot);
    const open = holdDiagnoses();
    const acks = await burst(bot);
    // Every ack arrived while no diagnosis could get past the gate: the ack waits for none of the work.
    expect(diagnosesFinished).toBe(0);
    expect(acks.filter((a) => a.status !== 200)).toEqual([]);
    for (const ack of acks) expect(ack.body).toMatch(/Diagnosing account/);
    open();
    await bot.slack.idle();
    expect(diagnosesStarted).toBe(COMMANDS);
    expect(diagnosesFinished).toBe(COMMANDS);
    expectOneThreadedAnswerEach(bot);
  }, 60_000);

  it('while chat.postMessage is rate limited (429, Retry-After: 1): answers are delayed, none lost or doubled', async () => {
    bot = await startTestBot({ engine, updateIntervalMs: 50, webApiRetries: 3 });
    await warmUp(bot);
    bot.api.rateLimit('chat.postMessage', { limit: 60, windowMs: 1000, retryAfter: 1 });
    const started = performance.now();
    const acks = await burst(bot);
    expect(acks.filter((a) => a.status !== 200)).toEqual([]);
    await bot.slack.idle();
    // The limit was hit (so this test exercised 429s) and honoured: answers took at least one Retry-After.
    expect(bot.api.refused.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThan(1000);
    expectOneThreadedAnswerEach(bot);
    expect(bot.lines.join('')).not.toMatch(/could not deliver/);
  }, 120_000);
});
