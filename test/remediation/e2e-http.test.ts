/**
 * A rotation end to end, wired as src/main.ts wires it: the real Bolt app over HTTP (Slack-signed requests), the
 * production createRemediation (shared role assumer of src/aws, REMEDIATION_ROLE_NAME with the external id), SQLite,
 * the AWS SDK against nock in the wire formats, and a local fake Web API that records every Slack call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsDirectory } from '../../src/accounts.js';
import { createRoleAssumer } from '../../src/aws/assume-role.js';
import { createAwsClientFactory } from '../../src/aws/client-factory.js';
import { createRemediation, type Remediation } from '../../src/remediation/setup.js';
import { containsSecret } from '../../src/secrets.js';
import { encodeKeyActionValue } from '../../src/slack/action-values.js';
import { buildApp, type SlackApp } from '../../src/slack/app.js';
import { ACTION } from '../../src/slack/ids.js';
import { slackApproverDirectory, slackRemediationNotifier } from '../../src/slack/remediation-notifier.js';
import { InMemoryChannelSettings, storeDeliveryDedupe } from '../../src/slack/stores.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import type { Store } from '../../src/store/types.js';
import { SIGNING_SECRET, TEST_REMEDIATION_EXTERNAL_ID, testConfig } from '../e2e/slack-harness.js';
import { FAST_CLIENT_SETTINGS, TEST_CREDENTIALS } from '../helpers/aws-mock.js';
import { messageViolations } from '../slack/helpers/block-kit-limits.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { capturingLogger } from '../slack/helpers/fakes.js';
import { fixture, interactiveRequest, send } from '../slack/helpers/signing.js';
import {
  ACCOUNT,
  assumeRoleBodies,
  mockCreateKey,
  mockCreateSecret,
  mockKeyLastUsed,
  mockListKeys,
  mockNewKeyIdentity,
  mockUpdateKey,
  NEW_KEY,
  NEW_SECRET,
  OLD_KEY,
  USER,
  useAwsWire,
} from './helpers/aws-wire.js';
import { ACCOUNTS, APPROVER, REQUESTER } from './helpers/harness.js';

type Json = Record<string, unknown>;

let api: FakeSlackApi;
let slack: SlackApp;
let port: number;
let lines: string[];
let store: Store;
let remediation: Remediation;
let dir: string;
let config: ReturnType<typeof testConfig>;
const wire = useAwsWire(5);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-e2e-'));
  api = new FakeSlackApi();
  await api.start();
  const captured = capturingLogger();
  lines = captured.lines;
  const logger = captured.logger;
  config = testConfig(api.apiUrl);
  store = await SqlStore.open(new SqliteDriver(join(dir, 'db.sqlite')));
  const accounts = accountsDirectory(ACCOUNTS);
  let built: SlackApp | undefined;
  remediation = createRemediation({
    config,
    store,
    accounts,
    logger,
    roleAssumer: createRoleAssumer({
      clients: createAwsClientFactory({ botCredentials: TEST_CREDENTIALS, settings: FAST_CLIENT_SETTINGS }),
      stsRegion: 'us-east-1',
    }),
    notifier: slackRemediationNotifier(() => built?.app.client, accounts, logger),
    approvers: slackApproverDirectory(() => built?.app.client),
  });
  slack = buildApp(
    config,
    {
      triage: () => {
        throw new Error('not used');
      },
      engine: { diagnose: () => Promise.reject(new Error('not used')) },
      accounts,
      channelSettings: new InMemoryChannelSettings(),
      dedupe: storeDeliveryDedupe(store),
      logger,
      remediation: remediation.service,
    },
    { botId: 'B0BOT', botUserId: 'U0BOT', webApiRetries: 0, drainMs: 2000 },
  );
  built = slack;
  port = (await slack.start()).port ?? 0;
});

afterEach(async () => {
  await slack.stop();
  await remediation.close();
  await store.close();
  await api.stop();
  nock.cleanAll();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
function click(actionId: string, value: string, userId: string) {
  const base = fixture<Json & { actions: Json[]; message: Json; container: Json }>('block_actions_message_button.json');
  return interactiveRequest({
    ...base,
    user: { id: userId },
    channel: { id: 'C0123ABCD' },
    container: { ...base.container, channel_id: 'C0123ABCD' },
    message: { ...base.message, thread_ts: '1678252200.000100' },
    response_url: api.responseUrl(`click-${++seq}`),
    actions: [
      { ...base.actions[0], action_id: actionId, value, action_ts: `1678252300.${String(seq).padStart(6, '0')}` },
    ],
  });
}

const signed = { secret: SIGNING_SECRET };

describe('remediation over HTTP', () => {
  it('request, refused self-approval, approval, rotation: Slack sees ids and the ARN, never the secret', async () => {
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    const value = encodeKeyActionValue({
      accountId: ACCOUNT,
      userName: USER,
      accessKeyId: OLD_KEY,
      region: 'us-east-1',
    });
    expect((await send(port, click(ACTION.requestRotateKey, value, REQUESTER), signed)).status).toBe(200);
    await slack.idle();

    const approval = api.callsTo('chat.postMessage')[0];
    expect(approval?.args).toMatchObject({ channel: 'C0123ABCD', thread_ts: '1678252200.000100' });
    expect(messageViolations(approval?.args ?? {})).toEqual([]);
    const [request] = await store.listRequests();
    expect(request?.state).toBe('requested');
    const id = request?.id ?? '';
    expect(JSON.stringify(approval?.args.blocks)).toContain(`"value":"${id}"`);
    expect(api.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });

    // The requester cannot approve: told privately, nothing changes.
    await send(port, click(ACTION.approveRequest, id, REQUESTER), signed);
    await slack.idle();
    expect(JSON.stringify(api.responses.at(-1)?.body)).toMatch(/someone else has to approve/);
    expect(api.callsTo('chat.update')).toEqual([]);

    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKey(OLD_KEY, 'Inactive');
    await send(port, click(ACTION.approveRequest, id, APPROVER), signed);
    await slack.idle();

    expect((await store.getRequest(id))?.state).toBe('done');
    const updates = api.callsTo('chat.update').map((u) => JSON.stringify(u.args.blocks));
    expect(updates).toEqual([expect.stringMatching(/Approved\* by <@U0APPROVER>/), expect.stringMatching(/Done\*/)]);
    const result = api.callsTo('chat.postMessage').at(-1);
    expect(result?.args.thread_ts).toBe('1678252200.000100');
    expect(JSON.stringify(result?.args.blocks)).toContain(`secret:bedrock-403/${ACCOUNT}/${USER}/${NEW_KEY}`);

    // The remediation role, not the diagnostic one, with its own external id (REMEDIATION_EXTERNAL_ID), never
    // the diagnostic one that every diagnosed account is sent.
    expect(assumeRoleBodies.length).toBeGreaterThan(0);
    for (const body of assumeRoleBodies) {
      expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/BedrockKeyRemediationRole`);
      expect(body.ExternalId).toBe(TEST_REMEDIATION_EXTERNAL_ID);
      expect(body.ExternalId).not.toBe(config.aws.diagExternalId);
    }

    // Every Web API call (arguments; the bot token of the Authorization header is the app's own), every
    // response_url post and every log line.
    const calls = api.calls.map(({ method, args }) => ({ method, args }));
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.update', 'chat.postMessage']);
    const everything = [JSON.stringify(calls), JSON.stringify(api.responses), lines.join('')];
    for (const text of everything) {
      expect(text).not.toContain(NEW_SECRET);
      expect(containsSecret(text)).toBe(false);
      expect(text).not.toContain('[REDACTED]');
    }
    expect(wire.unmatched).toEqual([]);
  });
});
