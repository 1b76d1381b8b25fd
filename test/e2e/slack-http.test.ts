/**
 * End to end over HTTP: the real Bolt app and HTTPReceiver on a free port, Slack-signed requests built from the
 * real payload samples in test/fixtures/slack, the real triage and diagnosis engines with AWS answered by nock in
 * the real wire formats, and the Web API answered by a local fake whose calls are asserted.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveDiagnosisEngine } from '../../src/diagnosis/index.js';
import {
  decodeKeyActionValue,
  decodeTargetValue,
  encodeKeyActionValue,
  encodeModalContext,
  encodeTargetValue,
} from '../../src/slack/action-values.js';
import { ACCOUNT_MODAL, ACTION, DIAGNOSE_SHORTCUT, SLASH_COMMAND } from '../../src/slack/ids.js';
import { iam } from '../helpers/aws-mock.js';
import { ACCOUNT, KEY, MODEL, mockDiagnosisScenario, testEngine, USER } from '../helpers/diagnosis-scenario.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { messageViolations, modalViolations } from '../slack/helpers/block-kit-limits.js';
import type { ApiCall } from '../slack/helpers/fake-slack-api.js';
import { SECRET_KEY, UNRECOGNIZED_CLIENT } from '../slack/helpers/fakes.js';
import { commandRequest, eventRequest, fixture, get, interactiveRequest, send } from '../slack/helpers/signing.js';

type Json = Record<string, unknown>;
type Blocks = Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;

const LOCKED_ACCOUNT = '222222222222';
const ACCESS_DENIED = `An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/${MODEL} because no identity-based policy allows the bedrock:InvokeModel action`;

let engine: LiveDiagnosisEngine;
let bot: TestBot;

beforeAll(async () => {
  engine = testEngine();
  bot = await startTestBot({
    engine,
    accounts: [
      { id: ACCOUNT, alias: 'prod-apps' },
      { id: LOCKED_ACCOUNT, channels: ['C0LOCKED'] },
    ],
  });
});
afterAll(async () => {
  await bot.stop();
  engine.close();
});
beforeEach(() => {
  bot.api.reset();
});
afterEach(() => {
  nock.cleanAll();
});

/** How many AWS calls a scenario has answered. */
function awsCallCount(aws: ReturnType<typeof mockDiagnosisScenario>): number {
  return Object.values(aws.calls).reduce((n, handle) => n + (handle?.requests.length ?? 0), 0);
}

const signed = { secret: SIGNING_SECRET };
const posts = () => bot.api.callsTo('chat.postMessage');
const updates = () => bot.api.callsTo('chat.update');
const buttons = (call: ApiCall | undefined) =>
  ((call?.args.blocks ?? []) as Blocks).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

function slashCommand(text: string, channel = 'C2147483705') {
  return commandRequest({
    command: SLASH_COMMAND,
    text,
    channel_id: channel,
    response_url: bot.api.responseUrl('command'),
  });
}

describe('HTTP endpoints', () => {
  it('answers url_verification with the challenge', async () => {
    const challenge = fixture('url_verification.json');
    const res = await send(bot.port, eventRequest(challenge), signed);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: challenge.challenge });
  });

  it('serves GET /healthz', async () => {
    const res = await get(bot.port, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', mode: 'http', slack: 'connected' });
  });

  it('a bad signature gets 401 and no work is done', async () => {
    const aws = mockDiagnosisScenario();
    const res = await send(bot.port, slashCommand(ACCOUNT), { ...signed, signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    await bot.slack.idle();
    expect(bot.api.calls).toEqual([]);
    expect(awsCallCount(aws)).toBe(0);
  });

  it('a stale timestamp (over 5 minutes old) gets 401 and no work is done', async () => {
    const aws = mockDiagnosisScenario();
    const res = await send(bot.port, slashCommand(ACCOUNT), {
      ...signed,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(res.status).toBe(401);
    const wrongSecret = await send(bot.port, slashCommand(ACCOUNT), { secret: 'another-signing-secret' });
    expect(wrongSecret.status).toBe(401);
    await bot.slack.idle();
    expect(bot.api.calls).toEqual([]);
    expect(awsCallCount(aws)).toBe(0);
  });
});

describe('/bedrock-403 over HTTP', () => {
  it('acks with an ephemeral confirmation, posts the parent, the checklist in its thread, edits it to the verdict', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [{ id: KEY, status: 'Inactive', createDate: '2025-01-01T00:00:00Z' }]),
      },
    });
    const res = await send(bot.port, slashCommand(`prod-apps key=${KEY} region=us-east-1 model=${MODEL}`), signed);
    expect(res.status).toBe(200);
    const ack = JSON.parse(res.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toMatch(/Diagnosing account \*prod-apps\* \(111122223333\)/);
    await bot.slack.idle();

    expect(aws.calls.AssumeRole?.requests).toHaveLength(1);
    expect(aws.calls.AssumeRole?.requests[0]?.RoleSessionName).toMatch(/U2147483697/);
    expect(aws.calls.ListAccessKeys?.requests[0]?.UserName).toBe(USER);
    const [parent, checklist] = posts();
    expect(parent?.args).toMatchObject({ channel: 'C2147483705' });
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(String(parent?.args.text)).toMatch(/Diagnosing account \*prod-apps\* \(111122223333\) for <@U2147483697>/);
    expect(parent?.token).toBe('xoxb-0000-test-token');
    const parentTs = '1800000000.000001';
    expect(checklist?.args).toMatchObject({ channel: 'C2147483705', thread_ts: parentTs });

    const finalEdit = updates()
      .filter((u) => u.args.ts === '1800000000.000002')
      .at(-1);
    expect(finalEdit?.args.text).toMatch(/of user alice was deactivated/);
    expect(messageViolations(finalEdit?.args ?? {})).toEqual([]);
    const finalBlocks = JSON.stringify(finalEdit?.args.blocks);
    expect(finalBlocks).toMatch(/:x: \*Verdict:\* Key AKIA…\w{4} of user alice was deactivated/);
    expect(finalBlocks).toMatch(/:x: \*[^*]*\* — [^"]*Inactive/);
    expect(finalBlocks).toMatch(/:white_check_mark: \*/);
    const ids = buttons(finalEdit).map((b) => b.action_id);
    expect(ids).toEqual([ACTION.rerunDiagnosis, ACTION.requestRotateKey, ACTION.requestDeactivateKey]);
    expect(decodeTargetValue(buttons(finalEdit)[0]?.value)).toEqual({
      accountId: ACCOUNT,
      accessKeyId: KEY,
      region: 'us-east-1',
      modelId: MODEL,
    });
    expect(decodeKeyActionValue(buttons(finalEdit)[1]?.value)).toEqual({
      accountId: ACCOUNT,
      userName: USER,
      accessKeyId: KEY,
      region: 'us-east-1',
    });
    const parentEdit = updates().find((u) => u.args.ts === parentTs);
    expect(parentEdit?.args.text).toMatch(
      /^:x: Diagnosis of account \*prod-apps\* \(111122223333\) for <@U2147483697>: Key AKIA/,
    );
  });

  it('invalid input: an ephemeral ack saying exactly what is wrong, with the usage; nothing posted', async () => {
    const res = await send(bot.port, slashCommand(`${ACCOUNT} regoin=us-east-1`), signed);
    const ack = JSON.parse(res.body) as { response_type: string; blocks: unknown };
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.blocks)).toMatch(/Unknown option `regoin=`.*\*Usage\*/s);
    await bot.slack.idle();
    expect(bot.api.calls).toEqual([]);
  });

  it('in a channel the bot is not in: the result comes through response_url with how to invite the bot', async () => {
    const aws = mockDiagnosisScenario();
    bot.api.fail('chat.postMessage', 'not_in_channel', { channel: 'C0NOTIN' });
    const res = await send(bot.port, slashCommand(`${ACCOUNT} key=${KEY}`, 'C0NOTIN'), signed);
    expect(res.status).toBe(200);
    await bot.slack.idle();
    expect(aws.calls.GetAccessKeyInfo?.requests[0]?.AccessKeyId).toBe(KEY);
    expect(bot.api.responses).toHaveLength(1);
    const answer = bot.api.responses[0]?.body as Json;
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.blocks)).toMatch(/not a member of this channel.*\/invite @bedrock-403.*Verdict/s);
    expect(bot.lines.join('')).toMatch(/not_in_channel/);
  });

  it('a pasted secret: warned in the ack, never repeated anywhere, never logged', async () => {
    mockDiagnosisScenario();
    const res = await send(
      bot.port,
      slashCommand(`${ACCOUNT} ${UNRECOGNIZED_CLIENT} aws_secret_access_key=${SECRET_KEY}`),
      signed,
    );
    expect(res.body).toMatch(/looks like an AWS secret access key/);
    await bot.slack.idle();
    const everything = JSON.stringify([res.body, bot.api.calls, bot.api.responses, bot.lines]);
    expect(everything).not.toContain(SECRET_KEY);
    expect(JSON.stringify(posts()[1]?.args.blocks)).toMatch(/looks like an AWS secret access key/);
  });
});

describe('message shortcut over HTTP', () => {
  function shortcut(text: string) {
    const base = fixture<Json & { message: Json }>('message_action.bolt-python.json');
    return interactiveRequest({
      ...base,
      callback_id: DIAGNOSE_SHORTCUT,
      response_url: bot.api.responseUrl('shortcut'),
      message: { ...base.message, text },
    });
  }

  it('triages the message and replies in its thread with run_diagnosis for the account the text names', async () => {
    const aws = mockDiagnosisScenario();
    const res = await send(bot.port, shortcut(ACCESS_DENIED), signed);
    expect(res.status).toBe(200);
    await bot.slack.idle();
    const reply = posts()[0];
    expect(reply?.args).toMatchObject({ channel: 'C111', thread_ts: '1583636382.000300' });
    expect(messageViolations(reply?.args ?? {})).toEqual([]);
    const run = buttons(reply).find((b) => b.action_id === ACTION.runDiagnosis);
    expect(decodeTargetValue(run?.value)).toMatchObject({ accountId: ACCOUNT, region: 'us-east-1', modelId: MODEL });
    expect(JSON.stringify(reply?.args.blocks)).toMatch(/AccessDeniedException/);
    expect(bot.api.callsTo('views.open')).toEqual([]);
    expect(awsCallCount(aws)).toBe(0);
  });

  it('without an account: opens the modal with the trigger_id, and still replies in the thread', async () => {
    await send(bot.port, shortcut('The security token included in the request is invalid.'), signed);
    await bot.slack.idle();
    const open = bot.api.callsTo('views.open')[0];
    expect(open?.args.trigger_id).toBe('111.222.xxx');
    const view = open?.args.view as Json;
    expect(view.callback_id).toBe(ACCOUNT_MODAL.callbackId);
    expect(modalViolations(view)).toEqual([]);
    expect(posts()[0]?.args).toMatchObject({ channel: 'C111', thread_ts: '1583636382.000300' });
  });
});

describe('modal submission over HTTP', () => {
  it('runs the diagnosis in the thread the modal came from; bad input keeps it open with field errors', async () => {
    const base = fixture<Json & { view: Json }>('view_submission.json');
    const metadata = encodeModalContext({ channelId: 'C111', threadTs: '1583636382.000300', known: {} });
    const submission = (account: string) =>
      interactiveRequest({
        ...base,
        view: {
          ...base.view,
          callback_id: ACCOUNT_MODAL.callbackId,
          private_metadata: metadata,
          state: {
            values: {
              [ACCOUNT_MODAL.accountBlock]: {
                [ACCOUNT_MODAL.accountInput]: { type: 'plain_text_input', value: account },
              },
            },
          },
        },
      });

    const bad = await send(bot.port, submission('nope'), signed);
    expect(JSON.parse(bad.body)).toMatchObject({
      response_action: 'errors',
      errors: { [ACCOUNT_MODAL.accountBlock]: expect.stringMatching(/not in the accounts file/) },
    });
    const locked = await send(bot.port, submission('222222222222'), signed);
    expect(JSON.parse(locked.body)).toMatchObject({ response_action: 'errors' });

    const aws = mockDiagnosisScenario();
    const ok = await send(bot.port, submission('prod-apps'), signed);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('');
    await bot.slack.idle();
    expect(aws.calls.AssumeRole?.requests).toHaveLength(1);
    expect(aws.calls.AssumeRole?.requests[0]?.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/BedrockDiagnosticsRole`);
    expect(posts()[0]?.args).toMatchObject({ channel: 'C111', thread_ts: '1583636382.000300' });
  });
});

describe('buttons over HTTP', () => {
  function click(actionId: string, value: string) {
    const base = fixture<Json & { actions: Json[] }>('block_actions_message_button.json');
    return interactiveRequest({
      ...base,
      response_url: bot.api.responseUrl('button'),
      actions: [{ ...base.actions[0], action_id: actionId, value }],
    });
  }

  it('run_diagnosis runs the target the button carries, in the button message’s thread', async () => {
    const aws = mockDiagnosisScenario({ region: 'eu-west-1' });
    const res = await send(
      bot.port,
      click(ACTION.runDiagnosis, encodeTargetValue({ accountId: ACCOUNT, accessKeyId: KEY, region: 'eu-west-1' })),
      signed,
    );
    expect(res.status).toBe(200);
    await bot.slack.idle();
    expect(aws.calls.GetAccessKeyInfo?.requests[0]?.AccessKeyId).toBe(KEY);
    expect(aws.calls.ListFoundationModels?.requests.length).toBeGreaterThan(0);
    expect(posts()[0]?.args).toMatchObject({ channel: 'C111', thread_ts: '1678252213.679169' });
    const final = updates().at(-1);
    expect(JSON.stringify(final?.args.blocks)).toMatch(/Verdict/);
    expect(messageViolations(final?.args ?? {})).toEqual([]);
  });

  it('request_rotate_key answers only the clicker that the account has no approvers, and changes nothing', async () => {
    const value = encodeKeyActionValue({ accountId: ACCOUNT, userName: USER, accessKeyId: KEY });
    await send(bot.port, click(ACTION.requestRotateKey, value), signed);
    await bot.slack.idle();
    expect(posts()).toEqual([]);
    expect(bot.api.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/Key remediation is off for account prod-apps .*names no approvers/),
    });
  });
});

describe('automatic triage over HTTP', () => {
  function messageEvent(text: string, overrides: Json = {}, eventId = 'EvE2E1') {
    const base = fixture<Json & { event: Json }>('event_callback_message_channels.docs.json');
    return eventRequest({ ...base, event_id: eventId, event: { ...base.event, text, ...overrides } });
  }

  it('one threaded reply to an AWS error; Slack’s retry of the same event gets no second reply', async () => {
    const first = await send(bot.port, messageEvent(UNRECOGNIZED_CLIENT), signed);
    expect(first.status).toBe(200);
    await bot.slack.idle();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args).toMatchObject({ channel: 'C123ABC456', thread_ts: '1355517523.000005' });
    expect(messageViolations(posts()[0]?.args ?? {})).toEqual([]);

    const retry = await send(bot.port, messageEvent(UNRECOGNIZED_CLIENT), { ...signed, retryNum: 1 });
    expect(retry.status).toBe(200);
    await bot.slack.idle();
    expect(posts()).toHaveLength(1);
  });

  it('stays silent for chatter, edits, other bots and its own messages', async () => {
    const events = [
      messageEvent('Live long and prospect.', {}, 'EvQuiet1'),
      messageEvent(UNRECOGNIZED_CLIENT, { subtype: 'message_changed', ts: '1355517523.000099' }, 'EvQuiet2'),
      messageEvent(UNRECOGNIZED_CLIENT, { bot_id: 'B0OTHER', ts: '1355517523.000098' }, 'EvQuiet3'),
      messageEvent(UNRECOGNIZED_CLIENT, { user: 'U0BOT', ts: '1355517523.000097' }, 'EvQuiet4'),
    ];
    for (const event of events) expect((await send(bot.port, event, signed)).status).toBe(200);
    await bot.slack.idle();
    expect(posts()).toEqual([]);
  });
});
