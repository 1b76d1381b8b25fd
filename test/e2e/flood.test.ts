/**
 * The flood of issue 11, item 2, through the real HTTP receiver: signed `/bedrock-403` commands fired at once, the
 * real diagnosis engine against a healthy account over nock (real wire formats), the budget spent in the store.
 * Before the fix every command started a diagnosis (100 commands: 100 diagnoses, ~700 AWS calls). Now: the same
 * diagnosis already running for the same person is not started twice, and RATE_LIMIT_PER_USER (10/min) and
 * RATE_LIMIT_PER_CHANNEL (30/min) answer the rest in the ack with "slow down, retry in N s". The figures of the
 * whole flood are measured by bench/flood.bench.ts.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveDiagnosisEngine } from '../../src/diagnosis/index.js';
import { SLASH_COMMAND } from '../../src/slack/ids.js';
import {
  ACCOUNT,
  KEY,
  mockDiagnosisScenario,
  type Scenario,
  type ScenarioOptions,
  testEngine,
} from '../helpers/diagnosis-scenario.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { commandRequest, send } from '../slack/helpers/signing.js';

let bot: TestBot | undefined;
let engine: LiveDiagnosisEngine | undefined;
afterEach(async () => {
  await bot?.stop();
  engine?.close();
  bot = undefined;
  nock.cleanAll();
});

const awsCalls = (scenario: Scenario) =>
  Object.values(scenario.calls).reduce((sum, handle) => sum + (handle?.requests.length ?? 0), 0);

/**
 * The default counts (10 per person, 30 per channel) over an hour rather than a minute: the budget is a sliding
 * window approximated by two fixed windows, which lets a unit or two more through when a burst straddles a window
 * boundary; with hour windows a test burst practically never does, so the counts below are exact.
 */
const LIMITS = { perUser: { limit: 10, windowMs: 3_600_000 }, perChannel: { limit: 30, windowMs: 3_600_000 } };

async function start(delayMs: ScenarioOptions['delayMs'] = 30) {
  // Each answer takes a little while, as a real account does: the flood arrives while diagnoses run.
  const scenario: Scenario = mockDiagnosisScenario({ delayMs });
  engine = testEngine();
  const b = await startTestBot({ engine, accounts: [{ id: ACCOUNT }], rateLimits: LIMITS });
  bot = b;
  return { b, scenario };
}

function fire(b: TestBot, commands: Array<{ user: string; channel: string; text: string }>) {
  return Promise.all(
    commands.map(({ user, channel, text }, i) =>
      send(
        b.port,
        commandRequest({
          command: SLASH_COMMAND,
          text,
          user_id: user,
          channel_id: channel,
          response_url: b.api.responseUrl(`flood-${i}`),
        }),
        { secret: SIGNING_SECRET },
      ).then((r) => r.body),
    ),
  );
}

const parents = (b: TestBot) => b.api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined);

describe('one person floods /bedrock-403', () => {
  it('100 different commands at once: 10 diagnoses (RATE_LIMIT_PER_USER=10/hour), 90 told to slow down in the ack', async () => {
    const { b, scenario } = await start();
    // One diagnosis by someone else first: what one diagnosis costs in AWS calls.
    await fire(b, [{ user: 'U0OTHER01', channel: 'C0ELSEWHR', text: `${ACCOUNT} key=${KEY}` }]);
    await b.slack.idle();
    const perDiagnosis = awsCalls(scenario);
    expect(perDiagnosis).toBeGreaterThan(3);
    b.api.reset();

    const acks = await fire(
      b,
      Array.from({ length: 100 }, (_, i) => ({
        user: 'U0FLOODER',
        channel: 'C0FLOODED',
        text: `${ACCOUNT} key=${KEY} AccessDenied attempt ${i}`,
      })),
    );
    await b.slack.idle();

    const started = acks.filter((a) => /Diagnosing account/.test(a));
    const slowDown = acks.filter((a) => /Slow down: too many live diagnoses and key requests from you/.test(a));
    expect(started).toHaveLength(10);
    expect(slowDown).toHaveLength(90);
    expect(slowDown[0]).toMatch(/\(at most 10 per hour\)\. Nothing was started; retry in \d+ s\./);
    expect(parents(b)).toHaveLength(10);
    // At most ten diagnoses' worth of AWS calls reached the account, against a hundred before.
    expect(awsCalls(scenario) - perDiagnosis).toBeLessThanOrEqual(10 * perDiagnosis);
    // The refusals are in the acks: nothing else was posted for them.
    expect(b.api.responses).toEqual([]);
  }, 60_000);

  it('100 identical commands at once: one diagnosis; the others are told it is already running', async () => {
    // The role assumption is slow, so the first diagnosis is still running when the last command arrives.
    const { b, scenario } = await start({ AssumeRole: 3000 });
    const acks = await fire(
      b,
      Array.from({ length: 100 }, () => ({ user: 'U0FLOODER', channel: 'C0FLOODED', text: `${ACCOUNT} key=${KEY}` })),
    );
    await b.slack.idle();
    expect(acks.filter((a) => /Diagnosing account/.test(a))).toHaveLength(1);
    expect(acks.filter((a) => /already running for you/.test(a))).toHaveLength(99);
    expect(parents(b)).toHaveLength(1);
    expect(scenario.calls.AssumeRole?.requests).toHaveLength(1);
  }, 60_000);

  it('a channel has its own budget: 40 people in one channel, 30 diagnoses (RATE_LIMIT_PER_CHANNEL=30/hour)', async () => {
    const { b } = await start();
    const acks = await fire(
      b,
      Array.from({ length: 40 }, (_, i) => ({
        user: `U0PERSON${String(i).padStart(2, '0')}`,
        channel: 'C0BUSYONE',
        text: `${ACCOUNT} key=${KEY}`,
      })),
    );
    await b.slack.idle();
    expect(acks.filter((a) => /Diagnosing account/.test(a))).toHaveLength(30);
    expect(
      acks.filter((a) => /Slow down: too many live diagnoses and key requests in this channel/.test(a)),
    ).toHaveLength(10);
    expect(parents(b)).toHaveLength(30);
  }, 60_000);
});
