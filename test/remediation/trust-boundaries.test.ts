/**
 * Issue 11 from outside: Slack-signed clicks into the real Bolt receiver, the production remediation (real service,
 * SQLite store, shared rate budget), AWS over nock in the wire formats. Each case is a hole the old code had:
 * listed requesters skipping the channel scope, a flood of request clicks on a key that already has a request
 * costing two IAM calls each, users of another workspace (Slack Connect) requesting and approving, and an approval
 * executing after the policy changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountEntry } from '../../src/accounts.js';
import { encodeKeyActionValue } from '../../src/slack/action-values.js';
import { ACTION } from '../../src/slack/ids.js';
import { SIGNING_SECRET, type TestBot } from '../helpers/test-bot.js';
import { fixture, interactiveRequest, send } from '../slack/helpers/signing.js';
import { ACCOUNT, mockKeyLastUsed, mockListKeys, OLD_KEY, USER, useAwsWire } from './helpers/aws-wire.js';
import { startClickBot } from './helpers/click-bot.js';
import { APPROVER, REQUESTER } from './helpers/harness.js';

type Json = Record<string, unknown>;

const CHANNEL = 'C0123ABCD';
const HOME_TEAM = 'T0G9PQBBK';
const PARTNER_TEAM = 'T0PARTNER1';
const PARTNER_ACCOUNT = '444444444444';

const ACCOUNTS: AccountEntry[] = [
  // A listed requester, narrowed to one channel: the case where the old policy returned before the channel check.
  { id: ACCOUNT, alias: 'prod-apps', channels: [CHANNEL], requesters: [REQUESTER], approvers: { users: [APPROVER] } },
  // Shared with a partner organization's workspace on purpose.
  { id: PARTNER_ACCOUNT, channels: [CHANNEL], approvers: { users: [APPROVER] }, externalTeams: [PARTNER_TEAM] },
];

type Bot = TestBot;
let bot: Bot | undefined;
const wire = useAwsWire(50);

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function startBot(): Promise<Bot> {
  return startClickBot({
    accounts: ACCOUNTS,
    // 10 per person and 30 per channel, as the defaults, over an hour: a test burst never straddles a window.
    rateLimits: { perUser: { limit: 10, windowMs: 3_600_000 }, perChannel: { limit: 30, windowMs: 3_600_000 } },
    homeTeamId: HOME_TEAM,
  });
}

let seq = 0;
interface ClickOptions {
  channel?: string | null;
  userTeam?: string;
  team?: string;
}
function click(b: Bot, actionId: string, value: string, userId: string, options: ClickOptions = {}) {
  const base = fixture<Json & { actions: Json[]; message: Json; container: Json }>('block_actions_message_button.json');
  seq += 1;
  const channel = options.channel === undefined ? CHANNEL : options.channel;
  const payload: Json = {
    ...base,
    user: { id: userId, ...(options.userTeam ? { team_id: options.userTeam } : {}) },
    team: { id: options.team ?? HOME_TEAM },
    container: { ...base.container, channel_id: channel ?? undefined },
    message: { ...base.message, thread_ts: '1678252200.000100' },
    response_url: b.api.responseUrl(`click-${seq}`),
    actions: [
      { ...base.actions[0], action_id: actionId, value, action_ts: `1678252300.${String(seq).padStart(6, '0')}` },
    ],
  };
  if (channel) payload.channel = { id: channel };
  else delete payload.channel;
  return send(b.port, interactiveRequest(payload), { secret: SIGNING_SECRET });
}

const rotateValue = (accountId = ACCOUNT) =>
  encodeKeyActionValue({ accountId, userName: USER, accessKeyId: OLD_KEY, region: 'us-east-1' });

const responseTexts = (b: Bot) => b.api.responses.map((r) => JSON.stringify(r.body));

describe('channel scope binds every request (listed requesters too)', () => {
  it.each([
    ['another channel', 'C0OTHER99'],
    ['a direct message', 'D0DIRECT1'],
    ['no channel at all', null],
  ])('a listed requester clicking in %s is refused before any AWS call; nothing is posted', async (_what, channel) => {
    bot = await startBot();
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER, { channel });
    await bot.slack.idle();
    expect(responseTexts(bot)).toEqual([
      expect.stringMatching(
        /Key changes for account prod-apps \(111111111111\) may only be requested from <#C0123ABCD>/,
      ),
    ]);
    expect(bot.api.callsTo('chat.postMessage')).toEqual([]);
    expect(await bot.store.listRequests()).toEqual([]);
    expect(wire.unmatched).toEqual([]);
    const audit = await bot.store.listAudit();
    expect(audit.map((e) => [e.event, e.data?.reason])).toEqual([['request_refused', 'channel_not_allowed']]);
  });

  it('the same requester in the allowed channel gets the request (the control case)', async () => {
    bot = await startBot();
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER);
    await bot.slack.idle();
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await bot.store.listRequests()).map((r) => r.state)).toEqual(['requested']);
    expect(wire.unmatched).toEqual([]);
  });
});

describe('a flood of request clicks on a key that already has an open request', () => {
  it('100 clicks in a burst: no AWS call, one approval message, at most the budget admitted, the rest told to slow down', async () => {
    bot = await startBot();
    // The open request: one click, its two IAM look-ups (one interceptor each: any further call is unmatched).
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER);
    await bot.slack.idle();
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
    bot.api.responses.length = 0;

    const b = bot;
    await Promise.all(Array.from({ length: 100 }, () => click(b, ACTION.requestRotateKey, rotateValue(), REQUESTER)));
    await bot.slack.idle();

    expect(wire.unmatched).toEqual([]); // not one IAM call
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1); // still only the first approval message
    expect(await bot.store.listRequests()).toHaveLength(1);
    const texts = responseTexts(bot);
    expect(texts).toHaveLength(100);
    const open = texts.filter((t) => /already has an open request/.test(t));
    const duplicate = texts.filter((t) => /already being made/.test(t));
    const slowDown = texts.filter((t) => /Slow down: too many live diagnoses and key requests from you/.test(t));
    // Every click is answered once, privately: a duplicate of one still being handled (no budget spent), "already
    // open" (admitted: 10 per person here, and the first click took one unit, so at most 9), or slow down.
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(9);
    expect(open.length + duplicate.length + slowDown.length).toBe(100);
  });

  it('100 clicks one after the other: no AWS call; 9 told the request is open, then 91 told to slow down', async () => {
    bot = await startBot();
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER);
    await bot.slack.idle();
    bot.api.responses.length = 0;
    for (let i = 0; i < 100; i++) {
      await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER);
      await bot.slack.idle();
    }
    expect(wire.unmatched).toEqual([]);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
    const texts = responseTexts(bot);
    expect(texts.filter((t) => /already has an open request/.test(t))).toHaveLength(9);
    const slowDown = texts.filter((t) => /Slow down: too many live diagnoses and key requests from you/.test(t));
    expect(slowDown).toHaveLength(91);
    expect(slowDown[0]).toMatch(/at most 10 per hour\)\. Nothing was started; retry in \d+ s\./);
  });
});

describe('Slack Connect: users of another workspace', () => {
  it('a request by a user of another workspace is refused, even a listed requester id, before any AWS call', async () => {
    bot = await startBot();
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER, { userTeam: PARTNER_TEAM });
    await bot.slack.idle();
    expect(responseTexts(bot)).toEqual([
      expect.stringMatching(/another Slack workspace \(T0PARTNER1\).*`externalTeams`/),
    ]);
    expect(bot.api.callsTo('chat.postMessage')).toEqual([]);
    expect(wire.unmatched).toEqual([]);
  });

  it('the payload team alone (team.id) from another workspace is refused too', async () => {
    bot = await startBot();
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER, { team: 'T0ELSEWHERE' });
    await bot.slack.idle();
    expect(responseTexts(bot)).toEqual([expect.stringMatching(/another Slack workspace \(T0ELSEWHERE\)/)]);
  });

  it('an approval by a listed approver id from another workspace is refused; the request stays open', async () => {
    bot = await startBot();
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await click(bot, ACTION.requestRotateKey, rotateValue(), REQUESTER);
    await bot.slack.idle();
    const [request] = await bot.store.listRequests();
    bot.api.responses.length = 0;
    await click(bot, ACTION.approveRequest, request?.id ?? '', APPROVER, { userTeam: PARTNER_TEAM });
    await bot.slack.idle();
    expect(responseTexts(bot)).toEqual([expect.stringMatching(/another Slack workspace \(T0PARTNER1\)/)]);
    expect((await bot.store.getRequest(request?.id ?? ''))?.state).toBe('requested');
    expect(bot.api.callsTo('chat.update')).toEqual([]);
  });

  it('an account that lists the workspace in externalTeams accepts its users', async () => {
    bot = await startBot();
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await click(bot, ACTION.requestRotateKey, rotateValue(PARTNER_ACCOUNT), 'U0PARTNER1', { userTeam: PARTNER_TEAM });
    await bot.slack.idle();
    expect((await bot.store.listRequests()).map((r) => [r.accountId, r.requestedBy])).toEqual([
      [PARTNER_ACCOUNT, 'U0PARTNER1'],
    ]);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
