/**
 * The flood of issue 11, item 2, against the bot as main.ts wires it (startBot: HTTP receiver, SQLite store,
 * accounts file, the real diagnosis engine and remediation service with the AWS SDK pointed at the local
 * STS/IAM/Bedrock stand-in of bench/fake-aws-server.ts, the Slack Web API stand-in of test/slack/helpers):
 *
 * 1. one person sends 100 identical `/bedrock-403` in under a second;
 * 2. one person sends 100 different ones (each with its own pasted text) in under a second;
 * 3. one person clicks "Request key rotation" 100 times on a key that already has an open request.
 *
 * Counted per scenario (all within one minute, so the totals are per person per minute): diagnoses started,
 * messages posted and edited in the channel, private answers (response_url), and AWS calls into the target
 * account. The same file runs unchanged against an older checkout (it only needs startBot and the stand-ins), which
 * is how the "before" figures were taken.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startBot } from '../src/main.js';
import { FakeSlackApi } from '../test/slack/helpers/fake-slack-api.js';
import { commandRequest, interactiveRequest, send } from '../test/slack/helpers/signing.js';
import { ACCOUNT, KEY, startFakeAws } from './fake-aws-server.js';
import type { BenchRow } from './types.js';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const FLOOD = 100;
const BENCH = 'flood';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The key action value of src/slack/action-values.ts, written out so an older checkout runs this file too. */
function keyActionValue(): string {
  return JSON.stringify({ a: ACCOUNT, u: 'alice', k: KEY, r: 'us-east-1' });
}

export default async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-flood-'));
  const api = new FakeSlackApi();
  await api.start();
  const aws = await startFakeAws();
  const accountsFile = join(dir, 'accounts.yml');
  writeFileSync(accountsFile, `accounts:\n  - id: "${ACCOUNT}"\n    approvers:\n      users: [U0APPROVER]\n`);
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDBENCHBOTKEY00000',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
    AWS_ENDPOINT_URL_STS: aws.url,
    AWS_ENDPOINT_URL_IAM: aws.url,
    AWS_ENDPOINT_URL_BEDROCK: aws.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
    AWS_ENDPOINT_URL_CLOUDTRAIL: aws.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const port = await freePort();
  const started = await startBot(
    {
      ...process.env,
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.apiUrl,
      SLACK_RESPONSE_URL_HOSTS: 'hooks.slack.com,http://127.0.0.1',
      DIAG_EXTERNAL_ID: 'bench-diag-external-id',
      REMEDIATION_EXTERNAL_ID: 'bench-remediation-external-id',
      ACCOUNTS_FILE: accountsFile,
      DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      AWS_REGION: 'us-east-1',
    },
    { logDestination: new Writable({ write: (_c, _e, done) => done() }) },
  );
  if (!started.ok) throw new Error(`bot did not start: ${started.message}`);
  const bot = started.bot;

  const awsCalls = () => [...aws.calls.values()].reduce((a, b) => a + b, 0);
  /** Waits until the bot is idle and nothing new reached Slack or AWS for 1 s. */
  async function settle(): Promise<void> {
    let last = -1;
    for (;;) {
      await bot.slack.idle();
      await sleep(1000);
      const now = api.calls.length + api.responses.length + awsCalls();
      if (now === last) return;
      last = now;
    }
  }

  interface Figures {
    sendMs: number;
    diagnoses: number;
    channelPosts: number;
    channelEdits: number;
    privateAnswers: number;
    aws: number;
    acks: Map<string, number>;
  }
  async function measure(fire: () => Promise<string[]>): Promise<Figures> {
    await settle();
    api.reset();
    const awsBefore = awsCalls();
    const t0 = performance.now();
    const acks = await fire();
    const sendMs = performance.now() - t0;
    await settle();
    const kinds = new Map<string, number>();
    for (const body of acks) {
      const kind = /Slow down/.test(body)
        ? 'slow down'
        : /already running/.test(body)
          ? 'already running'
          : /Diagnosing account/.test(body)
            ? 'diagnosing'
            : body === ''
              ? 'empty ack'
              : 'other';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return {
      sendMs,
      diagnoses: api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined).length,
      channelPosts: api.callsTo('chat.postMessage').length,
      channelEdits: api.callsTo('chat.update').length,
      privateAnswers: api.responses.length,
      aws: awsCalls() - awsBefore,
      acks: kinds,
    };
  }

  const command = (user: string, channel: string, text: string, i: number) =>
    send(
      port,
      commandRequest({
        command: '/bedrock-403',
        text,
        user_id: user,
        channel_id: channel,
        response_url: api.responseUrl(`flood-${user}-${i}`),
      }),
      { secret: SECRET },
    ).then((r) => r.body);

  const identical = await measure(() =>
    Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        command('U0FLOOD01', 'C0FLOOD01', `${ACCOUNT} key=${KEY} region=us-east-1`, i),
      ),
    ),
  );
  const distinct = await measure(() =>
    Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        command('U0FLOOD02', 'C0FLOOD02', `${ACCOUNT} key=${KEY} region=us-east-1 AccessDenied attempt ${i}`, i),
      ),
    ),
  );

  let clickSeq = 0;
  const clickRotate = (user: string, channel: string) => {
    clickSeq += 1;
    const payload = {
      type: 'block_actions',
      user: { id: user },
      api_app_id: 'A111',
      team: { id: 'T0G9PQBBK' },
      container: { type: 'message', message_ts: '1678252213.679169', channel_id: channel, is_ephemeral: false },
      channel: { id: channel },
      message: { type: 'message', ts: '1678252213.679169', text: 'checklist' },
      response_url: api.responseUrl(`click-${clickSeq}`),
      actions: [
        {
          action_id: 'request_rotate_key',
          block_id: 'key',
          type: 'button',
          value: keyActionValue(),
          action_ts: `1678252300.${String(clickSeq).padStart(6, '0')}`,
        },
      ],
    };
    return send(port, interactiveRequest(payload), { secret: SECRET }).then((r) => r.body);
  };
  // The open request, made by a colleague before the flood.
  await clickRotate('U0COLLEAG', 'C0FLOOD03');
  const clicks = await measure(() =>
    Promise.all(Array.from({ length: FLOOD }, () => clickRotate('U0FLOOD03', 'C0FLOOD03'))),
  );

  await bot.stop();
  await api.stop();
  await aws.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  rmSync(dir, { recursive: true, force: true });

  const rows: BenchRow[] = [];
  const push = (scenario: string, f: Figures) => {
    rows.push({ bench: BENCH, metric: `${scenario}: sent in`, value: f.sendMs, unit: 'ms' });
    rows.push({ bench: BENCH, metric: `${scenario}: diagnoses started`, value: f.diagnoses, unit: 'count' });
    rows.push({
      bench: BENCH,
      metric: `${scenario}: channel posts + edits`,
      value: f.channelPosts + f.channelEdits,
      unit: 'count',
    });
    rows.push({
      bench: BENCH,
      metric: `${scenario}: private answers (response_url)`,
      value: f.privateAnswers,
      unit: 'count',
    });
    rows.push({ bench: BENCH, metric: `${scenario}: AWS calls`, value: f.aws, unit: 'count' });
    for (const [kind, n] of f.acks)
      rows.push({ bench: BENCH, metric: `${scenario}: acks "${kind}"`, value: n, unit: 'count' });
  };
  push(`${FLOOD} identical commands, one user`, identical);
  push(`${FLOOD} different commands, one user`, distinct);
  push(`${FLOOD} rotation clicks on an open key`, clicks);
  return rows;
}
