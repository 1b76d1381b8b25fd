/**
 * A pasted Bedrock API key, end to end over HTTP: a message holding the key (made the way AWS makes keys, with
 * made-up credentials) -> the threaded triage reply -> its "Run live diagnosis" button -> the signed click -> the
 * real diagnosis engine against nock in the IAM / STS wire formats. The button carries what identifies the key (a
 * long-term key's alias, so its user and account; a short-term key's presigning access key id, region, signing time
 * and lifetime), never the key: the api_key check then reads that user's credential record and simulates
 * bedrock:CallWithBearerToken for it. Every Slack payload, response_url post, ack and log line of the run is
 * scanned with the suite's secret scanner (findSecretShaped) and for any 16-character piece of the key.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveDiagnosisEngine } from '../../src/diagnosis/index.js';
import { decodeTargetValue } from '../../src/slack/action-values.js';
import { ACTION, DIAGNOSE_SHORTCUT } from '../../src/slack/ids.js';
import { formList } from '../helpers/aws-mock.js';
import { echoes, fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';
import {
  ACCOUNT,
  keyIdForAccount,
  MODEL,
  mockDiagnosisScenario,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';
import { type CapturedOutput, findSecretShaped } from '../helpers/output-capture.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { messageViolations } from '../slack/helpers/block-kit-limits.js';
import type { ApiCall } from '../slack/helpers/fake-slack-api.js';
import { eventRequest, fixture, interactiveRequest, type SlackResponse, send } from '../slack/helpers/signing.js';

type Json = Record<string, unknown>;
type Blocks = Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;

const KEY_USER = 'BedrockAPIKey-h42z';
const PRESIGNER = keyIdForAccount(ACCOUNT, 'AKIA', 7);

let engine: LiveDiagnosisEngine;
let bot: TestBot;
let acks: SlackResponse[] = [];
/** What the bot sent before a bot.api.reset() in this test. */
let kept: CapturedOutput[] = [];

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
  bot.lines.length = 0;
  acks = [];
  kept = [];
});
afterEach(() => {
  nock.cleanAll();
});

const signed = { secret: SIGNING_SECRET };
const posts = () => bot.api.callsTo('chat.postMessage');
const buttons = (call: ApiCall | undefined) =>
  ((call?.args.blocks ?? []) as Blocks).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

async function deliver(request: ReturnType<typeof eventRequest>): Promise<void> {
  const res = await send(bot.port, request, signed);
  expect(res.status).toBe(200);
  acks.push(res);
  await bot.slack.idle();
}

function messageEvent(text: string) {
  const base = fixture<Json & { event: Json }>('event_callback_message_channels.docs.json');
  return eventRequest({ ...base, event_id: `EvApiKey${Date.now()}`, event: { ...base.event, text } });
}

function shortcut(text: string) {
  const base = fixture<Json & { message: Json }>('message_action.bolt-python.json');
  return interactiveRequest({
    ...base,
    callback_id: DIAGNOSE_SHORTCUT,
    response_url: bot.api.responseUrl('shortcut'),
    message: { ...base.message, text },
  });
}

let clicks = 0;
/** A click on the button of a message of its own (two clicks on one message within seconds count once). */
function click(value: string) {
  const base = fixture<Json & { actions: Json[]; message: Json; container: Json }>('block_actions_message_button.json');
  const ts = `1678252213.${String(++clicks).padStart(6, '0')}`;
  return interactiveRequest({
    ...base,
    container: { ...base.container, message_ts: ts },
    message: { ...base.message, ts },
    response_url: bot.api.responseUrl('button'),
    actions: [{ ...base.actions[0], action_id: ACTION.runDiagnosis, value }],
  });
}

/** The run_diagnosis button of the (only) triage reply. */
function offeredValue(): string {
  const reply = posts()[0];
  expect(messageViolations(reply?.args ?? {})).toEqual([]);
  const run = buttons(reply).find((b) => b.action_id === ACTION.runDiagnosis);
  expect(run?.value).toBeDefined();
  return run?.value ?? '';
}

/** Starts a new step: what the fake Web API recorded so far is kept for the final scan. */
function nextStep(): void {
  kept.push(...apiOutputs());
  bot.api.reset();
}

function apiOutputs(): CapturedOutput[] {
  return [
    ...bot.api.calls.map((c): CapturedOutput => ({ kind: 'slack', source: `web api ${c.method}`, payload: c.args })),
    ...bot.api.responses.map((r): CapturedOutput => ({ kind: 'slack', source: 'response_url', payload: r.body })),
  ];
}

/** Everything the bot sent in this test, as the suite's capture records it. */
function outputs(): CapturedOutput[] {
  return [
    ...kept,
    ...apiOutputs(),
    ...acks.map((a): CapturedOutput => ({ kind: 'slack', source: 'ack', payload: a.body })),
    ...bot.lines.map((l): CapturedOutput => ({ kind: 'log', source: 'log', payload: l })),
  ];
}

function expectNoLeak(...secrets: string[]): void {
  const records = outputs();
  expect(records.length).toBeGreaterThan(3);
  expect(findSecretShaped(records).map((f) => `${f.record.source}: ${f.excerpt}`)).toEqual([]);
  const text = JSON.stringify(records);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(echoes(text, secret)).toBe(false);
  }
}

/** The simulations of bedrock:CallWithBearerToken, by the principal simulated. */
function bearerSimulations(aws: ReturnType<typeof mockDiagnosisScenario>): string[] {
  return (aws.calls.SimulatePrincipalPolicy?.requests ?? [])
    .filter((body) => formList(body, 'ActionNames').includes('bedrock:CallWithBearerToken'))
    .map((body) => body.PolicySourceArn ?? '');
}

describe('the API-key "Run live diagnosis" carries the pasted key, by what identifies it', () => {
  it('the scanner this test relies on sees both kinds of key (control)', async () => {
    const long = makeLongTermKey({ userName: KEY_USER, accountId: ACCOUNT });
    const short = await makeShortTermKey({ accessKeyId: PRESIGNER, region: 'us-east-1', signingDate: new Date() });
    for (const key of [long, short]) {
      expect(findSecretShaped([{ kind: 'slack', source: 'control', payload: { text: `Bearer ${key}` } }])).toHaveLength(
        1,
      );
    }
  });

  it('long-term key in a channel message: the offer names its user; the click checks that user’s API key', async () => {
    const key = makeLongTermKey({ userName: KEY_USER, accountId: ACCOUNT });
    const paste =
      `curl https://bedrock-runtime.us-east-1.amazonaws.com/model/${MODEL}/converse ` +
      `-H "Authorization: Bearer ${key}"\nHTTP/1.1 403 Forbidden\nx-amzn-ErrorType: AccessDeniedException\n` +
      '{"Message":"Authentication failed: Please make sure your API Key is valid."}';
    await deliver(messageEvent(paste));

    const value = offeredValue();
    expect(decodeTargetValue(value)).toEqual({
      accountId: ACCOUNT,
      region: 'us-east-1',
      modelId: MODEL,
      apiKey: {
        type: 'long_term',
        alias: `${KEY_USER}-at-${ACCOUNT}`,
        userName: KEY_USER,
        accountId: ACCOUNT,
        secondary: false,
        consoleUser: true,
      },
    });
    expect(echoes(value, key)).toBe(false);
    expect(JSON.stringify(posts()[0]?.args.blocks)).toMatch(
      /live check of account \*prod-apps\* \(111122223333\), with the long-term Bedrock API key of IAM user `BedrockAPIKey-h42z`/,
    );

    const aws = mockDiagnosisScenario({ userName: KEY_USER });
    nextStep();
    await deliver(click(value));

    // The api_key check read the credential record of the key's user and simulated the bearer-token call for it.
    const listed = aws.calls.ListServiceSpecificCredentials?.requests ?? [];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]).toMatchObject({ UserName: KEY_USER, ServiceName: 'bedrock.amazonaws.com' });
    expect(bearerSimulations(aws)).toContain(`arn:aws:iam::${ACCOUNT}:user/${KEY_USER}`);
    const final = JSON.stringify(bot.api.callsTo('chat.update').at(-1)?.args.blocks);
    expect(final).toMatch(/The long-term API key of BedrockAPIKey-h42z is Active/);
    expect(final).toMatch(/Verdict/);
    // The checklist's own re-run button carries the key too.
    const rerun = bot.api
      .callsTo('chat.update')
      .flatMap((u) => buttons(u))
      .find((b) => b.action_id === ACTION.rerunDiagnosis);
    expect(decodeTargetValue(rerun?.value)?.apiKey).toMatchObject({ type: 'long_term', userName: KEY_USER });

    expectNoLeak(key);
  });

  it('short-term key in a shortcut: the offer names its presigning key; the click checks that key’s user', async () => {
    const sessionToken = fakeSessionToken();
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const key = await makeShortTermKey({ accessKeyId: PRESIGNER, region: 'us-east-1', signingDate });
    const withSession = await makeShortTermKey({
      accessKeyId: keyIdForAccount(ACCOUNT, 'ASIA', 9),
      sessionToken,
      region: 'us-east-1',
      signingDate,
    });
    const paste =
      `export AWS_BEARER_TOKEN_BEDROCK=${key}\n` +
      'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the InvokeModel ' +
      'operation: Authentication failed: Please make sure your API Key is valid.';
    await deliver(shortcut(paste));

    const value = offeredValue();
    expect(decodeTargetValue(value)).toMatchObject({
      accountId: ACCOUNT,
      apiKey: {
        type: 'short_term',
        accessKeyId: PRESIGNER,
        accessKeyType: 'long_term',
        accountId: ACCOUNT,
        region: 'us-east-1',
        signedAt: signingDate.toISOString(),
        expiresInSeconds: 43_200,
        expiresAt: new Date(signingDate.getTime() + 43_200_000).toISOString(),
        sessionBased: false,
      },
    });
    expect(echoes(value, key)).toBe(false);
    expect(JSON.stringify(posts()[0]?.args.blocks)).toMatch(
      new RegExp(`with the short-term Bedrock API key presigned by \`${PRESIGNER}\` in us-east-1`),
    );

    const aws = mockDiagnosisScenario({ keyId: PRESIGNER });
    nextStep();
    await deliver(click(value));

    // The user of the presigning access key, read from IAM, is the principal simulated for the bearer-token call.
    expect(aws.calls.GetAccessKeyLastUsed?.requests.map((r) => r.AccessKeyId)).toContain(PRESIGNER);
    expect(bearerSimulations(aws)).toContain(`arn:aws:iam::${ACCOUNT}:user/${USER}`);
    const final = JSON.stringify(bot.api.callsTo('chat.update').at(-1)?.args.blocks);
    expect(final).toMatch(/The short-term API key is valid in us-east-1 until/);

    // A key made from temporary credentials: the session token never reaches the button either.
    nextStep();
    await deliver(
      shortcut(
        `AWS_BEARER_TOKEN_BEDROCK=${withSession}\nAuthentication failed: Please make sure your API Key is valid.`,
      ),
    );
    const sessionValue = offeredValue();
    expect(decodeTargetValue(sessionValue)?.apiKey).toMatchObject({ type: 'short_term', sessionBased: true });
    expect(echoes(sessionValue, withSession)).toBe(false);
    expect(echoes(sessionValue, sessionToken)).toBe(false);

    expectNoLeak(key, withSession, sessionToken);
  });
});
