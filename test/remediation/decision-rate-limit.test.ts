/**
 * Approve and Reject spend the same shared budget as diagnoses and key requests (RATE_LIMIT_PER_USER /
 * RATE_LIMIT_PER_CHANNEL, src/slack/admission.ts): Slack-signed clicks into the real Bolt receiver, the production
 * remediation over SQLite, AWS over nock in the wire formats. Over budget, the clicker is told privately to slow
 * down; nothing is decided, executed or redrawn, the request keeps waiting, and a later click (or another
 * approver) still decides it exactly once. Without the limiter, the refused clicks here would decide the request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountEntry } from '../../src/accounts.js';
import type { RateLimit } from '../../src/config.js';
import { encodeKeyActionValue } from '../../src/slack/action-values.js';
import { ACTION } from '../../src/slack/ids.js';
import { SIGNING_SECRET, type TestBot } from '../helpers/test-bot.js';
import { fixture, interactiveRequest, send } from '../slack/helpers/signing.js';
import {
  ACCOUNT,
  mockKeyLastUsed,
  mockListKeys,
  mockUpdateKey,
  OLD_KEY,
  USER,
  useAwsWire,
} from './helpers/aws-wire.js';
import { startClickBot } from './helpers/click-bot.js';
import { APPROVER, OUTSIDER, REQUESTER } from './helpers/harness.js';

type Json = Record<string, unknown>;

const CHANNEL = 'C0123ABCD';
const APPROVER2 = 'U0APPROVR2';
const ACCOUNTS: AccountEntry[] = [
  { id: ACCOUNT, channels: [CHANNEL], requesters: [REQUESTER], approvers: { users: [APPROVER, APPROVER2] } },
];
/** Request ids of the right shape that name no request: a click on one is refused, after spending budget. */
const UNKNOWN_IDS = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
const HOUR = 3_600_000;

let bot: TestBot | undefined;
const wire = useAwsWire(50);

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function startBot(rateLimits: { perUser?: RateLimit; perChannel?: RateLimit }): Promise<TestBot> {
  return startClickBot({
    accounts: ACCOUNTS,
    rateLimits,
  });
}

let seq = 0;
/** One click's signed request; `again` resends an earlier click as Slack retries it (same action_ts). */
function clickPayload(b: TestBot, actionId: string, value: string, userId: string): Json {
  const base = fixture<Json & { actions: Json[]; message: Json; container: Json }>('block_actions_message_button.json');
  seq += 1;
  return {
    ...base,
    user: { id: userId },
    channel: { id: CHANNEL },
    container: { ...base.container, channel_id: CHANNEL },
    message: { ...base.message, thread_ts: '1678252200.000100' },
    response_url: b.api.responseUrl(`click-${seq}`),
    actions: [
      { ...base.actions[0], action_id: actionId, value, action_ts: `1678252300.${String(seq).padStart(6, '0')}` },
    ],
  };
}

async function click(b: TestBot, actionId: string, value: string, userId: string, retryNum?: number): Promise<Json> {
  const payload = clickPayload(b, actionId, value, userId);
  await deliver(b, payload, retryNum);
  return payload;
}

async function deliver(b: TestBot, payload: Json, retryNum?: number): Promise<void> {
  const response = await send(b.port, interactiveRequest(payload), {
    secret: SIGNING_SECRET,
    ...(retryNum !== undefined ? { retryNum } : {}),
  });
  expect(response.status).toBe(200);
  await b.slack.idle();
}

const texts = (b: TestBot) => b.api.responses.map((r) => JSON.stringify(r.body));

/** The request of REQUESTER for OLD_KEY's deactivation, its approval message posted; returns its id. */
async function openRequest(b: TestBot): Promise<string> {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  const value = encodeKeyActionValue({ accountId: ACCOUNT, userName: USER, accessKeyId: OLD_KEY, region: 'us-east-1' });
  await click(b, ACTION.requestDeactivateKey, value, REQUESTER);
  const [request] = await b.store.listRequests();
  expect(request?.state).toBe('requested');
  expect(b.api.callsTo('chat.postMessage')).toHaveLength(1);
  b.api.responses.length = 0;
  return request?.id ?? '';
}

/** The IAM calls of one deactivation of OLD_KEY, once each: a second execution would find no interceptor. */
function mockDeactivation() {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  mockUpdateKey(OLD_KEY, 'Inactive');
}

async function decisionEvents(b: TestBot): Promise<string[]> {
  const events = (await b.store.listAudit()).map((e) => e.event);
  return events.filter((e) => e !== 'requested');
}

describe('Approve and Reject are rate-limited like every other action', () => {
  it('an approver over the per-user budget: told to slow down, nothing decided or run; another approver decides it once', async () => {
    bot = await startBot({ perUser: { limit: 3, windowMs: HOUR }, perChannel: { limit: 100, windowMs: HOUR } });
    const id = await openRequest(bot);

    // Three decisions spend APPROVER's budget (they name no request: each is refused and audited, but counted).
    for (const unknown of UNKNOWN_IDS) await click(bot, ACTION.rejectRequest, unknown, APPROVER);
    expect(texts(bot)).toHaveLength(3);
    expect(texts(bot).join('\n')).not.toMatch(/Slow down/);
    const auditBefore = await decisionEvents(bot);

    const limited = await click(bot, ACTION.approveRequest, id, APPROVER);
    expect(texts(bot)).toHaveLength(4);
    const answer = bot.api.responses.at(-1);
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(texts(bot).at(-1)).toMatch(
      /Slow down: too many live diagnoses and key requests from you \(at most 3 per hour\)\. Your approval was not recorded and the request is unchanged \(still waiting for a decision\); click Approve again in \d+ s\./,
    );
    // Nothing happened: no decision, no execution, no redraw, no AWS call.
    expect((await bot.store.getRequest(id))?.state).toBe('requested');
    expect(bot.api.callsTo('chat.update')).toEqual([]);
    expect(await decisionEvents(bot)).toEqual(auditBefore);
    expect(wire.unmatched).toEqual([]);

    // Slack retrying the refused click (same action_ts) is handled once: no second answer, no budget spent.
    await deliver(bot, limited, 1);
    expect(texts(bot)).toHaveLength(4);
    expect((await bot.store.getRequest(id))?.state).toBe('requested');

    // The state was kept: the other approver's click (own budget) decides and runs it, once.
    mockDeactivation();
    await click(bot, ACTION.approveRequest, id, APPROVER2);
    expect((await bot.store.getRequest(id))?.state).toBe('done');
    expect(await decisionEvents(bot)).toContain('approved');
    const updates = bot.api.callsTo('chat.update').map((u) => JSON.stringify(u.args.blocks));
    expect(updates.at(-1)).toMatch(/Done\*/);
    expect(updates.join('\n')).toMatch(/approved by <@U0APPROVR2>/);
    expect(wire.unmatched).toEqual([]);
  });

  it('Reject over the per-channel budget: told to slow down in this channel; the request keeps waiting', async () => {
    bot = await startBot({ perUser: { limit: 100, windowMs: HOUR }, perChannel: { limit: 2, windowMs: HOUR } });
    const id = await openRequest(bot); // the channel's first unit
    await click(bot, ACTION.approveRequest, id, OUTSIDER); // the second: refused, not an approver
    expect(texts(bot).at(-1)).toMatch(/You are not an approver for account/);

    await click(bot, ACTION.rejectRequest, id, APPROVER);
    expect(bot.api.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(texts(bot).at(-1)).toMatch(
      /Slow down: too many live diagnoses and key requests in this channel \(at most 2 per hour\)\. Your rejection was not recorded and the request is unchanged \(still waiting for a decision\); click Reject again in \d+ s\./,
    );
    expect((await bot.store.getRequest(id))?.state).toBe('requested');
    expect(bot.api.callsTo('chat.update')).toEqual([]);
    expect(await decisionEvents(bot)).not.toContain('rejected');
  });

  it('the same approver clicks again after the wait it was told: the request runs once, a double click included', async () => {
    // A window of 1 s: the wait the refusal names is real and short.
    bot = await startBot({ perUser: { limit: 1, windowMs: 1000 }, perChannel: { limit: 100, windowMs: HOUR } });
    const id = await openRequest(bot);
    await click(bot, ACTION.rejectRequest, UNKNOWN_IDS[0] ?? '', APPROVER); // APPROVER's one unit
    await click(bot, ACTION.approveRequest, id, APPROVER);
    const refusal = texts(bot).at(-1) ?? '';
    const seconds = Number(/click Approve again in (\d+) s/.exec(refusal)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(2);
    expect((await bot.store.getRequest(id))?.state).toBe('requested');
    expect(wire.unmatched).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 50));
    mockDeactivation();
    bot.api.responses.length = 0;
    const b = bot;
    // A double click (two deliveries, two action_ts): one decision and one execution whatever the budget says.
    await Promise.all([click(b, ACTION.approveRequest, id, APPROVER), click(b, ACTION.approveRequest, id, APPROVER)]);
    await bot.slack.idle();
    expect((await bot.store.getRequest(id))?.state).toBe('done');
    expect((await bot.store.listAudit()).filter((e) => e.event === 'approved')).toHaveLength(1);
    expect(wire.unmatched).toEqual([]);
    // The other click was answered privately: already decided, or over budget again.
    expect(texts(bot).every((t) => /already|Slow down/.test(t))).toBe(true);
  });
});
