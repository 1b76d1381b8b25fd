/**
 * Hostile input over the real HTTP receiver (Slack-signed requests, the real triage and diagnosis engines, AWS
 * answered by nock, a fake Web API): every Slack text field at its maximum size; Unicode, control characters and
 * Slack markup (<!channel>, <@U..>, <#C..>, links) in every parsed field; identifiers that are almost valid; forged,
 * stale and replayed signatures. Whatever comes in: an answer that Slack accepts, no crash, no ping of a channel or
 * person the asker put in the text, and no AWS call for input the bot refuses.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveDiagnosisEngine } from '../../src/diagnosis/index.js';
import { encodeModalContext } from '../../src/slack/action-values.js';
import { ACCOUNT_MODAL, DIAGNOSE_SHORTCUT, SLASH_COMMAND } from '../../src/slack/ids.js';
import { ACCOUNT, KEY, MODEL, mockDiagnosisScenario, testEngine } from '../helpers/diagnosis-scenario.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { messageViolations, modalViolations } from '../slack/helpers/block-kit-limits.js';
import type { ApiCall } from '../slack/helpers/fake-slack-api.js';
import { UNRECOGNIZED_CLIENT } from '../slack/helpers/fakes.js';
import {
  commandRequest,
  eventRequest,
  fixture,
  interactiveRequest,
  type SendOptions,
  type SlackRequest,
  type SlackResponse,
  send,
  signature,
} from '../slack/helpers/signing.js';

type Json = Record<string, unknown>;

let engine: LiveDiagnosisEngine;
let bot: TestBot;
/** Every mrkdwn ack body of the current test (the HTTP answers are Slack payloads too). */
let acks: string[];

beforeAll(async () => {
  engine = testEngine();
  bot = await startTestBot({ engine, accounts: [{ id: ACCOUNT, alias: 'prod-apps' }] });
});
afterAll(async () => {
  await bot.stop();
  engine.close();
});
beforeEach(() => {
  bot.api.reset();
  acks = [];
});
afterEach(() => {
  nock.cleanAll();
});

const signed = { secret: SIGNING_SECRET };

/** Sends one request and waits for its work. `plainAck`: the answer is plain text (modal field errors). */
async function deliver(request: SlackRequest, options: SendOptions = signed, plainAck = false): Promise<SlackResponse> {
  const res = await send(bot.port, request, options);
  // Modal field errors are plain text (Slack does not parse mentions there): not part of the live-markup check.
  if (!plainAck) acks.push(res.body);
  await bot.slack.idle();
  return res;
}

function slash(text: string, channel = 'C2147483705'): SlackRequest {
  return commandRequest({ command: SLASH_COMMAND, text, channel_id: channel, response_url: bot.api.responseUrl('c') });
}

function messageEvent(text: string, eventId: string): SlackRequest {
  const base = fixture<Json & { event: Json }>('event_callback_message_channels.docs.json');
  return eventRequest({
    ...base,
    event_id: eventId,
    event: { ...base.event, text, ts: `1355517523.${eventId.slice(-6)}` },
  });
}

function mention(text: string, eventId: string): SlackRequest {
  const base = fixture<Json & { event: Json }>('app_mention.json');
  return eventRequest({
    ...base,
    event_id: eventId,
    event: { ...base.event, text: `<@U0BOT> ${text}`, ts: `1515449522.${eventId.slice(-6)}` },
  });
}

function shortcut(text: string): SlackRequest {
  const base = fixture<Json & { message: Json }>('message_action.bolt-python.json');
  return interactiveRequest({
    ...base,
    callback_id: DIAGNOSE_SHORTCUT,
    response_url: bot.api.responseUrl('s'),
    message: { ...base.message, text },
  });
}

function modal(account: string): SlackRequest {
  const base = fixture<Json & { view: Json }>('view_submission.json');
  return interactiveRequest({
    ...base,
    view: {
      ...base.view,
      callback_id: ACCOUNT_MODAL.callbackId,
      private_metadata: encodeModalContext({ channelId: 'C111', threadTs: '1583636382.000300', known: {} }),
      state: {
        values: {
          [ACCOUNT_MODAL.accountBlock]: { [ACCOUNT_MODAL.accountInput]: { type: 'plain_text_input', value: account } },
        },
      },
    },
  });
}

/** Everything the bot sent during the test: Web API calls, response_url posts and acks. */
function sent(): string {
  return JSON.stringify([bot.api.calls.map((c) => c.args), bot.api.responses.map((r) => r.body), acks]);
}

function awsCalls(aws: ReturnType<typeof mockDiagnosisScenario>): number {
  return Object.values(aws.calls).reduce((n, handle) => n + (handle?.requests.length ?? 0), 0);
}

/** Slack messages the bot posted or edited, each within Block Kit limits. */
function expectValidMessages(): void {
  const messages: ApiCall[] = bot.api.calls.filter(
    (c) => c.method === 'chat.postMessage' || c.method === 'chat.update',
  );
  for (const m of messages) expect(messageViolations(m.args), m.method).toEqual([]);
  for (const r of bot.api.responses) expect(messageViolations(r.body), 'response_url').toEqual([]);
  for (const v of bot.api.callsTo('views.open')) expect(modalViolations(v.args.view as Json)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

/** Mentions and links a person can type; the bot must never send them back live (a ping of the whole channel). */
const MARKUP = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0EVIL|@admins>',
  '<@U0EVIL>',
  '<@W0EVIL|boss>',
  '<#C0EVIL|general>',
  '<https://evil.example/login|click here>',
  '<mailto:x@evil.example|mail>',
];
const LIVE_MARKUP = /<!channel>|<!here>|<!everyone>|<!subteam|<@U0EVIL|<@W0EVIL|<#C0EVIL|<https:\/\/evil|<mailto:/;
/** Unicode and control characters: NUL, BEL, ESC colour codes, RTL override, zero-width, BOM, a lone surrogate. */
const STRANGE = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  '\ufeff',
  '🔥',
  'e\u0301',
  '\ud800',
  'İ',
  '\r\n\t',
];
const HOSTILE = [...MARKUP, ...STRANGE].join(' ');

describe('every Slack text field at its maximum size', () => {
  it('a 4,000- and a 40,000-character slash command: acked, answered within Block Kit limits', async () => {
    for (const size of [4_000, 40_000]) {
      bot.api.reset();
      const aws = mockDiagnosisScenario();
      const pad = ` ${UNRECOGNIZED_CLIENT}`.repeat(Math.ceil(size / (UNRECOGNIZED_CLIENT.length + 1)));
      const text = `${ACCOUNT} key=${KEY} ${pad}`.slice(0, size);
      const res = await deliver(slash(text));
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/Diagnosing account/);
      expect(awsCalls(aws)).toBeGreaterThan(0);
      expect(bot.api.callsTo('chat.postMessage')).toHaveLength(2);
      expectValidMessages();
      nock.cleanAll();
    }
  });

  it('a 40,000-character channel message, mention and message shortcut: one triage reply each, within limits', async () => {
    const text = `${UNRECOGNIZED_CLIENT} `.repeat(800).slice(0, 40_000);
    expect((await deliver(messageEvent(text, 'EvMax000001'))).status).toBe(200);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await deliver(mention(text.slice(0, 39_990), 'EvMax000002'))).status).toBe(200);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(2);
    expect((await deliver(shortcut(text))).status).toBe(200);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(3);
    expectValidMessages();
  });

  it('a 3,000-character account in the modal (the input maximum): a field error, no diagnosis', async () => {
    const aws = mockDiagnosisScenario();
    const res = await deliver(modal('a'.repeat(3000)));
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[ACCOUNT_MODAL.accountBlock]?.length).toBeLessThanOrEqual(300);
    expect(awsCalls(aws)).toBe(0);
  });
});

describe('Unicode, control characters and Slack markup in every parsed field', () => {
  const fields: Array<[string, string]> = [
    ['account', `${MARKUP[0]} ${ACCOUNT}`],
    ['account alias', `prod-apps${MARKUP[4]}`],
    ['key=', `${ACCOUNT} key=${KEY}${MARKUP[0]}`],
    ['region=', `${ACCOUNT} region=us-east-1\u202e${MARKUP[1]}`],
    ['model=', `${ACCOUNT} model=${MODEL}<!everyone>`],
    ['principal=', `${ACCOUNT} principal=arn:aws:iam::${ACCOUNT}:user/alice<#C0EVIL|general>`],
    ['free text', `${ACCOUNT} key=${KEY} ${UNRECOGNIZED_CLIENT} ${HOSTILE}`],
    ['free text only', `${HOSTILE} ${UNRECOGNIZED_CLIENT} ${KEY}`],
    ['control characters only', STRANGE.join('')],
  ];

  it.each(fields)(
    'slash command, %s: answered, and no mention or link of the text is sent back live',
    async (_, text) => {
      mockDiagnosisScenario();
      const res = await deliver(slash(text));
      expect(res.status).toBe(200);
      expect(sent()).not.toMatch(LIVE_MARKUP);
      expectValidMessages();
    },
  );

  it('channel message, mention, message shortcut and modal: the same', async () => {
    mockDiagnosisScenario();
    const text = `${HOSTILE}\n${UNRECOGNIZED_CLIENT}\n${HOSTILE}`;
    expect((await deliver(messageEvent(text, 'EvHostile01'))).status).toBe(200);
    expect((await deliver(mention(text, 'EvHostile02'))).status).toBe(200);
    expect((await deliver(shortcut(text))).status).toBe(200);
    expect((await deliver(modal(`${ACCOUNT}${MARKUP[0]}`), signed, true)).status).toBe(200);
    expect((await deliver(modal(STRANGE.join('')), signed, true)).status).toBe(200);
    expect(bot.api.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(3);
    expect(sent()).not.toMatch(LIVE_MARKUP);
    expectValidMessages();
  });
});

describe('identifiers that are almost valid', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an 11-digit account', '11112222333', /has 11 digits; an AWS account id has exactly 12/],
    ['a 13-digit account', '1111222233334 key=AKIAIOSFODNN7EXAMPLE', /has 13 digits; an AWS account id has exactly 12/],
    ['a lower-case akia key', `${ACCOUNT} key=akiaiosfodnn7example`, /key= must be an access key id/],
    ['a 19-character key', `${ACCOUNT} key=${KEY.slice(0, 19)}`, /key= must be an access key id/],
    ['a key with 0, 1, 8 and 9', `${ACCOUNT} key=AKIA0189ABCDEFGHIJKL`, /contains .*0189.*0, 1, 8 and 9 do not occur/],
    ['region us-east-99', `${ACCOUNT} region=us-east-99`, /region .{0,2}us-east-99.{0,2} is not an AWS region/],
    ['region US-EAST-1', `${ACCOUNT} region=US-EAST-1`, /region= must be an AWS region code/],
    ['a model id with a space', `${ACCOUNT} model="anthropic.claude 3"`, /model= must be a Bedrock model id/],
    ['a principal with 11 digits', `${ACCOUNT} principal=arn:aws:iam::11112222333:user/a`, /principal= must be/],
  ];

  it.each(cases)('%s: told privately what is wrong, nothing posted, AWS never called', async (_, text, problem) => {
    const aws = mockDiagnosisScenario();
    const res = await deliver(slash(text));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(res.body).toMatch(problem);
    expect(bot.api.calls).toEqual([]);
    expect(awsCalls(aws)).toBe(0);
    expectValidMessages();
  });
});

describe('forged, stale and replayed signatures: 401 and no work done', () => {
  function expectNothingDone(aws: ReturnType<typeof mockDiagnosisScenario>): void {
    expect(bot.api.calls).toEqual([]);
    expect(bot.api.responses).toEqual([]);
    expect(awsCalls(aws)).toBe(0);
  }

  it('forged: the right shape, the wrong key, another body, another version, missing headers', async () => {
    const aws = mockDiagnosisScenario();
    const request = slash(`${ACCOUNT} key=${KEY}`);
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { signature: signature('not-the-signing-secret', now, request.body) },
      { signature: signature(SIGNING_SECRET, now, slash(`${ACCOUNT}`).body) },
      { signature: signature(SIGNING_SECRET, now, request.body).replace(/^v0=/, 'v1=') },
      { signature: signature(SIGNING_SECRET, now, request.body).toUpperCase() },
      { signature: '' },
      { signature: 'v0=' },
    ];
    for (const attempt of attempts) {
      const res = await deliver(request, { secret: SIGNING_SECRET, timestamp: now, ...attempt });
      expect(res.status, attempt.signature).toBe(401);
    }
    expectNothingDone(aws);
  });

  it('stale: a correctly signed request older than five minutes', async () => {
    const aws = mockDiagnosisScenario();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await deliver(slash(`${ACCOUNT} key=${KEY}`), { secret: SIGNING_SECRET, timestamp: old });
    expect(res.status).toBe(401);
    expectNothingDone(aws);
  });

  it('replayed within the five-minute window: the exact same signed request is acknowledged once and runs once', async () => {
    mockDiagnosisScenario();
    const request = slash(`${ACCOUNT} key=${KEY}`);
    const now = Math.floor(Date.now() / 1000);
    const options = { secret: SIGNING_SECRET, timestamp: now };
    const first = await deliver(request, options);
    const parentsAfterFirst = bot.api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined).length;
    const replay = await deliver(request, options);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(parentsAfterFirst).toBe(1);
    expect(bot.api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
    // A new request (new timestamp, so a new signature) is work again.
    await deliver(request, { secret: SIGNING_SECRET, timestamp: now + 1 });
    expect(bot.api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(2);
  });

  it('replayed: a captured request sent again later, with its old or a new timestamp, or its body changed', async () => {
    const aws = mockDiagnosisScenario();
    const captured = slash(`${ACCOUNT} key=${KEY}`);
    const then = Math.floor(Date.now() / 1000) - 10 * 60;
    const capturedSignature = signature(SIGNING_SECRET, then, captured.body);
    const now = Math.floor(Date.now() / 1000);
    const replays: Array<[SlackRequest, number]> = [
      [captured, then],
      [captured, now],
      [slash(`${ACCOUNT} key=${KEY} region=eu-west-1`), then],
      [slash(`${ACCOUNT} key=${KEY} region=eu-west-1`), now],
    ];
    for (const [request, timestamp] of replays) {
      const res = await deliver(request, { secret: SIGNING_SECRET, timestamp, signature: capturedSignature });
      expect(res.status).toBe(401);
    }
    expectNothingDone(aws);
  });
});
