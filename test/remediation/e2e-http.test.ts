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
import { containsSecret } from '../../src/secrets.js';
import { encodeKeyActionValue } from '../../src/slack/action-values.js';
import { ACTION } from '../../src/slack/ids.js';
import { SIGNING_SECRET, TEST_REMEDIATION_EXTERNAL_ID, type TestBot } from '../helpers/test-bot.js';
import { messageViolations } from '../slack/helpers/block-kit-limits.js';
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
import { startClickBot } from './helpers/click-bot.js';
import { ACCOUNTS, APPROVER, REQUESTER } from './helpers/harness.js';

type Json = Record<string, unknown>;

let bot: TestBot;
let dir: string;
const wire = useAwsWire(5);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-e2e-'));
  bot = await startClickBot({
    accounts: ACCOUNTS,
    databasePath: join(dir, 'db.sqlite'),
  });
});

afterEach(async () => {
  await bot.stop();
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
    response_url: bot.api.responseUrl(`click-${++seq}`),
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
    expect((await send(bot.port, click(ACTION.requestRotateKey, value, REQUESTER), signed)).status).toBe(200);
    await bot.slack.idle();

    const approval = bot.api.callsTo('chat.postMessage')[0];
    expect(approval?.args).toMatchObject({ channel: 'C0123ABCD', thread_ts: '1678252200.000100' });
    expect(messageViolations(approval?.args ?? {})).toEqual([]);
    const [request] = await bot.store.listRequests();
    expect(request?.state).toBe('requested');
    const id = request?.id ?? '';
    expect(JSON.stringify(approval?.args.blocks)).toContain(`"value":"${id}"`);
    expect(bot.api.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });

    // The requester cannot approve: told privately, nothing changes.
    await send(bot.port, click(ACTION.approveRequest, id, REQUESTER), signed);
    await bot.slack.idle();
    expect(JSON.stringify(bot.api.responses.at(-1)?.body)).toMatch(/someone else has to approve/);
    expect(bot.api.callsTo('chat.update')).toEqual([]);

    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKey(OLD_KEY, 'Inactive');
    await send(bot.port, click(ACTION.approveRequest, id, APPROVER), signed);
    await bot.slack.idle();

    expect((await bot.store.getRequest(id))?.state).toBe('done');
    const updates = bot.api.callsTo('chat.update').map((u) => JSON.stringify(u.args.blocks));
    // The click claimed the execution before the redraw: the message goes from waiting to running to done.
    expect(updates).toEqual([
      expect.stringMatching(/Running\* \(approved by <@U0APPROVER>/),
      expect.stringMatching(/Done\*/),
    ]);
    const result = bot.api.callsTo('chat.postMessage').at(-1);
    expect(result?.args.thread_ts).toBe('1678252200.000100');
    expect(JSON.stringify(result?.args.blocks)).toContain(`secret:bedrock-403/${ACCOUNT}/${USER}/${NEW_KEY}`);

    // The remediation role, not the diagnostic one, with its own external id (REMEDIATION_EXTERNAL_ID), never
    // the diagnostic one that every diagnosed account is sent.
    expect(assumeRoleBodies.length).toBeGreaterThan(0);
    for (const body of assumeRoleBodies) {
      expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/BedrockKeyRemediationRole`);
      expect(body.ExternalId).toBe(TEST_REMEDIATION_EXTERNAL_ID);
      expect(body.ExternalId).not.toBe(bot.config.aws.diagExternalId);
    }

    // Every Web API call (arguments; the bot token of the Authorization header is the app's own), every
    // response_url post and every log line.
    const calls = bot.api.calls.map(({ method, args }) => ({ method, args }));
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.update', 'chat.postMessage']);
    const everything = [JSON.stringify(calls), JSON.stringify(bot.api.responses), bot.lines.join('')];
    for (const text of everything) {
      expect(text).not.toContain(NEW_SECRET);
      expect(containsSecret(text)).toBe(false);
      expect(text).not.toContain('[REDACTED]');
    }
    expect(wire.unmatched).toEqual([]);
  });
});
