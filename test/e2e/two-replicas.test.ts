/**
 * Two replicas of the bot, started by the real entry point (startBot) in HTTP mode on two ports over ONE PostgreSQL
 * database (TEST_DATABASE_URL, a fresh schema per test): a rotation requested through replica A and approved through
 * replica B executes exactly once; approval clicks landing on both replicas at once execute it once; and the expiry
 * sweepers of both replicas, passing every 25 ms, expire each due request once and update its Slack message once.
 * AWS answers through nock in the wire formats; the Slack Web API is a local fake that records every call.
 * Skipped locally without TEST_DATABASE_URL; in CI (CI set) a missing TEST_DATABASE_URL fails the file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { containsSecret } from '../../src/secrets.js';
import { encodeKeyActionValue } from '../../src/slack/action-values.js';
import { ACTION, SLASH_COMMAND } from '../../src/slack/ids.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { freePort } from '../helpers/free-port.js';
import { captureStream } from '../helpers/output-capture.js';
import { botEnv, SIGNING_SECRET } from '../helpers/test-bot.js';
import {
  ACCOUNT,
  mockAssumeRole,
  mockCreateKey,
  mockCreateSecret,
  mockKeyLastUsed,
  mockListKeys,
  mockNewKeyIdentity,
  mockUpdateKey,
  NEW_SECRET,
  OLD_KEY,
  resetCaptures,
  trackUnmatched,
  USER,
} from '../remediation/helpers/aws-wire.js';
import { APPROVER, REQUESTER } from '../remediation/helpers/harness.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { commandRequest, fixture, get, interactiveRequest, send } from '../slack/helpers/signing.js';
import { FakeClock, newRequest } from '../store/store-contract.js';

const baseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!baseUrl && /^(1|true|yes)$/i.test(process.env.CI ?? '')) {
  throw new Error(
    'TEST_DATABASE_URL is not set, but CI is: the two-replica test must run in CI (.ci/run starts a server)',
  );
}

type Json = Record<string, unknown>;
const SECRET = SIGNING_SECRET;
const CHANNEL = 'C0123ABCD';
const THREAD = '1678252200.000100';
/** The bot's log lines go to the suite's final secret scan only. */
const quiet = captureStream('startBot (two replicas)');

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const until = async (what: string, condition: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 400; i += 1) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(!baseUrl)('two replicas over one PostgreSQL database', () => {
  let api: FakeSlackApi;
  let dir: string;
  let accountsFile: string;
  let schema: string;
  let databaseUrl: string;
  let replicas: RunningBot[] = [];
  let unmatched: ReturnType<typeof trackUnmatched>;
  const saved = { key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  beforeAll(async () => {
    api = new FakeSlackApi();
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'bedrock-403-replicas-'));
    accountsFile = join(dir, 'accounts.yml');
    writeFileSync(
      accountsFile,
      [
        'accounts:',
        `  - id: "${ACCOUNT}"`,
        '    alias: prod-apps',
        `    channels: [${CHANNEL}]`,
        `    requesters: [${REQUESTER}]`,
        '    approvers:',
        `      users: [${APPROVER}]`,
        '',
      ].join('\n'),
    );
    // The bots' own AWS identity comes from the SDK's default chain, as in production.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTBOTKEY000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-not-real';
  });

  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['AWS_ACCESS_KEY_ID', saved.key],
      ['AWS_SECRET_ACCESS_KEY', saved.secret],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  beforeEach(async () => {
    api.reset();
    resetCaptures();
    unmatched = trackUnmatched();
    schema = `replicas_${randomBytes(6).toString('hex')}`;
    const u = new URL(baseUrl as string);
    u.searchParams.set('schema', schema);
    databaseUrl = u.toString();
  });

  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    replicas = [];
    unmatched.stop();
    nock.cleanAll();
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  /** Starts the replicas together (migrations race, the advisory lock serializes them). */
  async function startReplicas(count: number, sweepIntervalMs = 60_000): Promise<RunningBot[]> {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const results = await Promise.all(
      ports.map((port) =>
        startBot(botEnv(api.apiUrl, { ACCOUNTS_FILE: accountsFile, DATABASE_URL: databaseUrl, PORT: String(port) }), {
          logDestination: quiet,
          sweepIntervalMs,
        }),
      ),
    );
    replicas = results.map((r) => {
      if (!r.ok) throw new Error(r.message);
      return r.bot;
    });
    return replicas;
  }

  let seq = 0;
  function click(actionId: string, value: string, userId: string) {
    const base = fixture<Json & { actions: Json[]; message: Json; container: Json }>(
      'block_actions_message_button.json',
    );
    seq += 1;
    return interactiveRequest({
      ...base,
      user: { id: userId },
      channel: { id: CHANNEL },
      container: { ...base.container, channel_id: CHANNEL },
      message: { ...base.message, thread_ts: THREAD },
      response_url: api.responseUrl(`click-${seq}`),
      actions: [
        { ...base.actions[0], action_id: actionId, value, action_ts: `1678252300.${String(seq).padStart(6, '0')}` },
      ],
    });
  }
  const signed = { secret: SECRET };
  const port = (bot: RunningBot | undefined) => bot?.port ?? 0;

  async function requestRotationThrough(bot: RunningBot | undefined, store: Store): Promise<string> {
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    const value = encodeKeyActionValue({
      accountId: ACCOUNT,
      userName: USER,
      accessKeyId: OLD_KEY,
      region: 'us-east-1',
    });
    expect((await send(port(bot), click(ACTION.requestRotateKey, value, REQUESTER), signed)).status).toBe(200);
    await bot?.slack.idle();
    const [request] = await store.listRequests();
    expect(request?.state).toBe('requested');
    return request?.id ?? '';
  }

  /** The AWS calls of exactly one rotation: each interceptor answers once, so a second execution goes unmatched. */
  function mockOneRotation() {
    return [
      mockListKeys([{ id: OLD_KEY, status: 'Active' }]),
      mockCreateKey(),
      mockCreateSecret(),
      mockNewKeyIdentity(0),
      mockUpdateKey(OLD_KEY, 'Inactive'),
    ];
  }

  async function auditOf(store: Store, id: string): Promise<string[]> {
    return (await store.listAudit({ requestId: id })).map((e) => e.event).filter((e) => e !== 'step');
  }

  it('requested through replica A, approved through replica B: executes exactly once', async () => {
    mockAssumeRole(10);
    const [a, b] = await startReplicas(2);
    const store = await openStore({ kind: 'postgres', url: databaseUrl });
    try {
      for (const bot of [a, b]) expect((await get(port(bot), '/readyz')).status).toBe(200);
      const id = await requestRotationThrough(a, store);
      expect(api.callsTo('chat.postMessage')).toHaveLength(1);

      const scopes = mockOneRotation();
      expect((await send(port(b), click(ACTION.approveRequest, id, APPROVER), signed)).status).toBe(200);
      await b?.slack.idle();
      await until('the rotation to finish', async () => (await store.getRequest(id))?.state === 'done');

      const done = await store.getRequest(id);
      expect(done).toMatchObject({ state: 'done', decidedBy: APPROVER, result: { oldKeyStatus: 'Inactive' } });
      expect(await auditOf(store, id)).toEqual(['requested', 'approved', 'executing', 'done']);
      for (const scope of scopes) expect(scope.isDone()).toBe(true);
      expect(unmatched.list).toEqual([]);
      // The approval message was posted by A and updated (running, then done) through B: once per state.
      const updates = api.callsTo('chat.update').map((u) => JSON.stringify(u.args.blocks));
      // The approval claims the execution before the redraw: drawn as running (approved by ...), then done.
      expect(updates).toEqual([expect.stringMatching(/Running\* \(approved by/), expect.stringMatching(/Done/)]);
      const calls = api.calls.map(({ method, args }) => ({ method, args }));
      const everything = JSON.stringify(calls) + JSON.stringify(api.responses);
      expect(everything).not.toContain(NEW_SECRET);
      expect(containsSecret(everything)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('approval clicks landing on both replicas at once: one decision, one execution', async () => {
    mockAssumeRole(10);
    const [a, b] = await startReplicas(2);
    const store = await openStore({ kind: 'postgres', url: databaseUrl });
    try {
      const id = await requestRotationThrough(a, store);
      const scopes = mockOneRotation();
      const answers = await Promise.all([
        send(port(a), click(ACTION.approveRequest, id, APPROVER), signed),
        send(port(b), click(ACTION.approveRequest, id, APPROVER), signed),
        send(port(b), click(ACTION.approveRequest, id, APPROVER), signed),
        send(port(a), click(ACTION.approveRequest, id, APPROVER), signed),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await Promise.all([a?.slack.idle(), b?.slack.idle()]);
      await until('the rotation to finish', async () => (await store.getRequest(id))?.state === 'done');
      const events = await auditOf(store, id);
      // One of each transition; the three losing clicks are audited as refused decisions.
      expect(events.filter((e) => e !== 'decision_refused')).toEqual(['requested', 'approved', 'executing', 'done']);
      expect(events.filter((e) => e === 'decision_refused')).toHaveLength(3);
      for (const scope of scopes) expect(scope.isDone()).toBe(true);
      expect(unmatched.list).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('the expiry sweepers of both replicas expire each due request once and update its message once', async () => {
    // Requests made two hours ago with the default 30-minute lifetime: all due when the replicas start.
    const past = new FakeClock(Date.now() - 2 * 3600_000);
    const seed = await openStore({ kind: 'postgres', url: databaseUrl }, { clock: past.read });
    const due: string[] = [];
    try {
      for (let n = 0; n < 12; n += 1) {
        const keyId = `AKIA${String(n).padStart(16, '0')}`;
        const created = await seed.createRequest(newRequest({ accessKeyId: keyId, slack: { channel: CHANNEL } }));
        if (!created.created) throw new Error('not created');
        const messageTs = `1678252400.${String(n).padStart(6, '0')}`;
        await seed.attachSlackMessage(created.request.id, { channel: CHANNEL, threadTs: THREAD, messageTs });
        await seed.claimNotification(created.request.id, 'requested');
        due.push(created.request.id);
      }
    } finally {
      await seed.close();
    }

    await startReplicas(2, 25);
    const store = await openStore({ kind: 'postgres', url: databaseUrl });
    try {
      const updatesOf = (n: number) =>
        api.callsTo('chat.update').filter((u) => u.args.ts === `1678252400.${String(n).padStart(6, '0')}`);
      await until('every due request to expire and be redrawn', async () => {
        const states = await Promise.all(due.map((id) => store.getRequest(id)));
        return states.every((r) => r?.state === 'expired') && due.every((_, n) => updatesOf(n).length > 0);
      });
      // Both sweepers keep passing every 25 ms: give them many more passes, then count.
      await new Promise((r) => setTimeout(r, 500));
      for (const [n, id] of due.entries()) {
        expect(await auditOf(store, id), id).toEqual(['requested', 'expired']);
        expect(updatesOf(n), id).toHaveLength(1);
        expect(JSON.stringify(updatesOf(n)[0]?.args.blocks)).toMatch(/[Ee]xpired/);
      }
      expect(api.callsTo('chat.update')).toHaveLength(due.length);
    } finally {
      await store.close();
    }
  });
  it('the same /bedrock-403 by the same person on both replicas runs once, and again once it has finished', async () => {
    const [a, b] = await startReplicas(2);
    // The diagnostic role answers slowly (then AccessDenied): the first diagnosis is still running when the second
    // command lands on the other replica.
    const diagnosticRoleCalls: string[] = [];
    nock('https://sts.us-east-1.amazonaws.com')
      .post('/', (body: Record<string, string>) => {
        if (body.Action !== 'AssumeRole' || !String(body.RoleArn).includes(`${ACCOUNT}:role/BedrockDiagnosticsRole`)) {
          return false;
        }
        diagnosticRoleCalls.push(String(body.RoleSessionName));
        return true;
      })
      .times(4)
      .delay(1500)
      .reply(
        403,
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
          '<Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error>' +
          '<RequestId>req-diag</RequestId></ErrorResponse>',
        { 'Content-Type': 'text/xml' },
      );
    const command = (n: number) =>
      commandRequest({
        command: SLASH_COMMAND,
        text: ACCOUNT,
        user_id: REQUESTER,
        channel_id: CHANNEL,
        response_url: api.responseUrl(`command-${n}`),
      });
    const first = await send(port(a), command(1), signed);
    const second = await send(port(b), command(2), signed);
    expect(first.status).toBe(200);
    expect(first.body).not.toContain('already running');
    expect(second.status).toBe(200);
    expect(second.body).toContain('This diagnosis is already running for you');
    await a?.slack.idle();
    await b?.slack.idle();
    expect(diagnosticRoleCalls).toHaveLength(1);
    // Finished: the lease is released, so the other replica now runs it.
    const third = await send(port(b), command(3), signed);
    expect(third.body).not.toContain('already running');
    await b?.slack.idle();
    expect(diagnosticRoleCalls).toHaveLength(2);
  });
});
