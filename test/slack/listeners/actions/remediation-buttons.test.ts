/**
 * The remediation buttons end to end below Bolt: the real listeners, the real RemediationService over SQLite, the
 * real SDK clients against nock (IAM/STS XML, Secrets Manager JSON), and a Web API client that records every call.
 */

import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemediationSweeper } from '../../../../src/remediation/sweeper.js';
import { containsSecret } from '../../../../src/secrets.js';
import { encodeApiKeyActionValue, encodeKeyActionValue } from '../../../../src/slack/action-values.js';
import { RunningWork } from '../../../../src/slack/admission.js';
import type { ListenerDeps } from '../../../../src/slack/deps.js';
import { ACTION } from '../../../../src/slack/ids.js';
import { ACTION_LISTENERS, register as registerActions } from '../../../../src/slack/listeners/actions/index.js';
import {
  createDecisionListener,
  createRequestListener,
  type RemediationButtonArgs,
} from '../../../../src/slack/listeners/actions/remediation-buttons.js';
import { slackApproverDirectory, slackRemediationNotifier } from '../../../../src/slack/remediation-notifier.js';
import { InMemoryDeliveryDedupe } from '../../../../src/slack/stores.js';
import { BackgroundTasks } from '../../../../src/slack/tasks.js';
import { iam } from '../../../helpers/aws-mock.js';
import {
  ACCOUNT,
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
} from '../../../remediation/helpers/aws-wire.js';
import {
  APPROVER,
  createHarness,
  GROUP_MEMBER,
  type Harness,
  OUTSIDER,
  REQUESTER,
  TTL_MS,
  USERGROUP,
} from '../../../remediation/helpers/harness.js';
import { blockViolations } from '../../helpers/block-kit-limits.js';

const CHANNEL = 'C0123ABCD';
const THREAD = '1700000000.000100';
const CHECKLIST_TS = '1700000000.000150';

interface Call {
  method: string;
  args: Record<string, unknown>;
}

/** A Web API client that records every method called on it, whatever its name. */
function recordingClient(groupMembers: () => string[]) {
  const calls: Call[] = [];
  let n = 0;
  const answers: Record<string, (args: Record<string, unknown>) => unknown> = {
    'chat.postMessage': (a) => ({ ok: true, channel: a.channel, ts: `1700000001.${String(++n).padStart(6, '0')}` }),
    'chat.update': (a) => ({ ok: true, channel: a.channel, ts: a.ts }),
    'chat.postEphemeral': () => ({ ok: true, message_ts: '1700000002.000001' }),
    'usergroups.users.list': () => ({ ok: true, users: groupMembers() }),
  };
  const proxy = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_t, key) => (typeof key === 'string' ? proxy([...path, key]) : undefined),
      apply: async (_t, _this, argList: unknown[]) => {
        const method = path.join('.');
        const args = (argList[0] ?? {}) as Record<string, unknown>;
        calls.push({ method, args });
        const answer = answers[method];
        if (!answer) throw new Error(`unexpected Web API call ${method}`);
        return answer(args);
      },
    });
  return { client: proxy([]) as RemediationButtonArgs['client'], calls };
}

let h: Harness;
let slack: ReturnType<typeof recordingClient>;
let deps: ListenerDeps;
let responses: Record<string, unknown>[];
const wire = useAwsWire(50);
let members: string[];

beforeEach(async () => {
  members = [GROUP_MEMBER];
  slack = recordingClient(() => members);
  const holder: { accounts?: Harness['accounts'] } = {};
  h = await createHarness({
    notifier: {
      render: (r) =>
        slackRemediationNotifier(() => slack.client, holder.accounts as Harness['accounts'], h.log.logger).render(r),
    },
    approvers: slackApproverDirectory(() => slack.client),
  });
  holder.accounts = h.accounts;
  responses = [];
  deps = {
    triage: () => {
      throw new Error('not used');
    },
    engine: { diagnose: async () => Promise.reject(new Error('not used')) },
    accounts: h.accounts,
    channelSettings: { isAutoTriageEnabled: async () => true, setAutoTriage: async () => undefined },
    dedupe: new InMemoryDeliveryDedupe(),
    logger: h.log.logger,
    updateIntervalMs: 0,
    timers: {
      now: Date.now,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
    },
    tasks: new BackgroundTasks(h.log.logger),
    running: new RunningWork(),
    signal: new AbortController().signal,
    remediation: h.service,
    onTriage: () => undefined,
  } as ListenerDeps;
});

afterEach(async () => {
  await h.close();
});

let clickSeq = 0;

/** A block_actions payload (shape of test/fixtures/slack/block_actions_message_button.json) for one click. */
function click(
  actionId: string,
  value: string,
  userId: string,
  options: { actionTs?: string; messageTs?: string } = {},
) {
  const actionTs = options.actionTs ?? `1700000100.${String(++clickSeq).padStart(6, '0')}`;
  const messageTs = options.messageTs ?? CHECKLIST_TS;
  const action = {
    type: 'button',
    action_id: actionId,
    block_id: 'b',
    value,
    action_ts: actionTs,
    text: { type: 'plain_text', text: 'x' },
  };
  const body = {
    type: 'block_actions',
    user: { id: userId },
    api_app_id: 'A111',
    container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false, thread_ts: THREAD },
    channel: { id: CHANNEL },
    message: { type: 'message', ts: messageTs, thread_ts: THREAD, text: 'x' },
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [action],
  };
  const respond = vi.fn(async (message: Record<string, unknown>) => {
    responses.push(message);
    return new Response('ok');
  });
  return {
    ack: vi.fn(async () => undefined),
    action,
    body,
    respond,
    client: slack.client,
    logger: console,
    context: {},
  } as unknown as RemediationButtonArgs & { ack: ReturnType<typeof vi.fn>; respond: typeof respond };
}

const keyValue = encodeKeyActionValue({
  accountId: ACCOUNT,
  userName: USER,
  accessKeyId: OLD_KEY,
  region: 'us-east-1',
});

async function requestRotation(): Promise<string> {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  const args = click(ACTION.requestRotateKey, keyValue, REQUESTER);
  await createRequestListener(deps, 'rotate')(args);
  await deps.tasks.idle();
  expect(args.ack).toHaveBeenCalledTimes(1);
  const [request] = await h.store.listRequests();
  if (!request) throw new Error('no request stored');
  return request.id;
}

const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
const updates = () => slack.calls.filter((c) => c.method === 'chat.update');
const text = (value: unknown) => JSON.stringify(value);

describe('request buttons', () => {
  it('post the approval message in the thread and tell the requester, ephemerally', async () => {
    const id = await requestRotation();
    expect(posts()).toHaveLength(1);
    const post = posts()[0]?.args ?? {};
    expect(post.channel).toBe(CHANNEL);
    expect(post.thread_ts).toBe(THREAD);
    const blocks = text(post.blocks);
    for (const needle of [
      `<@${REQUESTER}>`,
      'prod-apps',
      ACCOUNT,
      USER,
      OLD_KEY,
      'bedrock in us-west-2',
      'Deactivate',
    ]) {
      expect(blocks).toContain(needle);
    }
    expect(blocks).toContain(`"action_id":"${ACTION.approveRequest}"`);
    expect(blocks).toContain(`"action_id":"${ACTION.rejectRequest}"`);
    expect(blocks).toContain(`"value":"${id}"`);
    expect(blockViolations(post.blocks)).toEqual([]);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(text(responses[0])).toMatch(/is in the thread.*<@U0APPROVER> or members of <!subteam\^S0SECOPS>/);
    expect((await h.store.getRequest(id))?.slack).toEqual({
      channel: CHANNEL,
      threadTs: THREAD,
      messageTs: '1700000001.000001',
    });
    expect(wire.unmatched).toEqual([]);
  });

  it('answer a refused request only to the requester', async () => {
    const args = click(ACTION.requestDeactivateKey, keyValue, OUTSIDER);
    await createRequestListener(deps, 'deactivate')(args);
    await deps.tasks.idle();
    expect(posts()).toEqual([]);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(text(responses[0])).toMatch(/may not request key changes/);
  });

  it('refuse a button whose value was tampered with', async () => {
    const args = click(ACTION.requestRotateKey, '{"a":"1111","u":"x","k":"nope"}', REQUESTER);
    await createRequestListener(deps, 'rotate')(args);
    await deps.tasks.idle();
    expect(text(responses)).toMatch(/does not name a valid account/);
    expect(await h.store.listRequests()).toEqual([]);
  });

  it('handle a redelivered click once', async () => {
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    const listener = createRequestListener(deps, 'rotate');
    await listener(click(ACTION.requestRotateKey, keyValue, REQUESTER, { actionTs: '1700000200.000001' }));
    await listener(click(ACTION.requestRotateKey, keyValue, REQUESTER, { actionTs: '1700000200.000001' }));
    await deps.tasks.idle();
    expect(posts()).toHaveLength(1);
    expect(await h.store.listRequests()).toHaveLength(1);
  });
});

describe('approve and reject buttons', () => {
  it('refuse self-approval ephemerally and leave the message alone', async () => {
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    await createRequestListener(deps, 'deactivate')(click(ACTION.requestDeactivateKey, keyValue, APPROVER));
    await deps.tasks.idle();
    const [request] = await h.store.listRequests();
    responses.length = 0;
    await createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, request?.id ?? '', APPROVER));
    await deps.tasks.idle();
    expect(text(responses)).toMatch(/someone else has to approve/);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(updates()).toEqual([]);
  });

  it('refuse an approver who is not listed and not in the group, reading the group at click time', async () => {
    const id = await requestRotation();
    responses.length = 0;
    await createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, id, OUTSIDER));
    await deps.tasks.idle();
    expect(text(responses)).toMatch(/not an approver/);
    expect(slack.calls.filter((c) => c.method === 'usergroups.users.list')).toEqual([
      { method: 'usergroups.users.list', args: { usergroup: USERGROUP } },
    ]);
    expect(updates()).toEqual([]);
  });

  it('reject: the message loses its buttons and says who rejected and when', async () => {
    const id = await requestRotation();
    await createDecisionListener(deps, 'rejected')(click(ACTION.rejectRequest, id, APPROVER));
    await deps.tasks.idle();
    expect(updates()).toHaveLength(1);
    const update = updates()[0]?.args ?? {};
    expect(update).toMatchObject({ channel: CHANNEL, ts: '1700000001.000001' });
    expect(text(update.blocks)).toMatch(/Rejected\* by <@U0APPROVER> <!date\^\d+\^/);
    expect(text(update.blocks)).not.toContain('approve_request');
    expect(blockViolations(update.blocks)).toEqual([]);
  });

  it('an expired request: the click is refused and the message says expired', async () => {
    const id = await requestRotation();
    h.clock.advance(TTL_MS);
    responses.length = 0;
    await createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, id, APPROVER));
    await deps.tasks.idle();
    expect(text(responses)).toMatch(/expired at .* without a decision/);
    expect(updates()).toHaveLength(1);
    expect(text(updates()[0]?.args.blocks)).toMatch(/Expired\*/);
    expect(text(updates()[0]?.args.blocks)).not.toContain('approve_request');
  });

  it('the sweeper marks an untouched request expired in Slack, once', async () => {
    await requestRotation();
    h.clock.advance(TTL_MS);
    const sweeper = new RemediationSweeper(h.service, { store: h.store, clock: h.clock.read, logger: h.log.logger });
    await sweeper.sweepOnce();
    await sweeper.sweepOnce();
    expect(updates()).toHaveLength(1);
    expect(text(updates()[0]?.args.blocks)).toMatch(/Expired\*/);
  });

  it('double clicks and simultaneous approvers run the rotation once; later clicks learn who decided', async () => {
    const id = await requestRotation();
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKey(OLD_KEY, 'Inactive');
    responses.length = 0;
    const approve = createDecisionListener(deps, 'approved');
    await Promise.all([
      approve(click(ACTION.approveRequest, id, APPROVER)),
      approve(click(ACTION.approveRequest, id, APPROVER)),
      approve(click(ACTION.approveRequest, id, GROUP_MEMBER)),
    ]);
    await deps.tasks.idle();
    const request = await h.store.getRequest(id);
    expect(request?.state).toBe('done');
    expect(text(responses)).toMatch(/already approved by <@U0/);
    expect(responses).toHaveLength(2);
    expect(wire.unmatched).toEqual([]);
    expect(nock.pendingMocks().filter((m) => !m.includes('AssumeRole') && !m.includes('sts.us-east-1'))).toEqual([]);
  });
});

describe('a rotation seen from Slack', () => {
  it('shows the decision, then the ARN and next steps, and never a secret in any Slack call or log line', async () => {
    const id = await requestRotation();
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(2);
    mockUpdateKey(OLD_KEY, 'Inactive');
    await createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, id, GROUP_MEMBER));
    await deps.tasks.idle();

    expect((await h.store.getRequest(id))?.state).toBe('done');
    // approved (buttons gone, decider named), then done; the result in the thread.
    expect(updates().map((u) => text(u.args.blocks))).toEqual([
      expect.stringMatching(/Running\* \(approved by <@U0GROUPMEM>/),
      expect.stringMatching(/Done\*/),
    ]);
    for (const u of updates()) expect(text(u.args.blocks)).not.toContain('approve_request');
    const result = posts().at(-1)?.args ?? {};
    expect(result.thread_ts).toBe(THREAD);
    const resultText = text(result.blocks);
    expect(resultText).toContain('arn:aws:secretsmanager:us-east-1:111111111111:secret:bedrock-403/');
    expect(resultText).toContain(NEW_KEY);
    expect(resultText).toMatch(/Next steps/);
    expect(resultText).toContain('request_delete_key');
    expect(blockViolations(result.blocks)).toEqual([]);

    // Every Slack call, every response_url answer, every log line: no new secret, nothing secret-shaped.
    const everything = [text(slack.calls), text(responses), h.log.text()];
    for (const t of everything) {
      expect(t).not.toContain(NEW_SECRET);
      expect(t).not.toContain(NEW_SECRET.slice(0, 20));
      expect(containsSecret(t)).toBe(false);
      // Redaction hides a leak from the check above: nothing secret-shaped may even reach the redactors.
      expect(t).not.toContain('[REDACTED]');
    }
    expect(h.log.lines.length).toBeGreaterThan(5);
    expect(wire.unmatched).toEqual([]);
  });
});

describe('registration', () => {
  it('the actions index maps every action id to its handler, and registers each once', () => {
    expect(Object.keys(ACTION_LISTENERS).sort()).toEqual(Object.values(ACTION).sort());
    const registered: string[] = [];
    const app = { action: (c: { action_id: string }) => registered.push(c.action_id) } as never;
    registerActions(app, deps);
    expect(registered.sort()).toEqual(
      [
        'approve_request',
        'reject_request',
        'request_deactivate_api_key',
        'request_deactivate_key',
        'request_delete_api_key',
        'request_delete_key',
        'request_rotate_key',
        'rerun_diagnosis',
        'run_diagnosis',
      ].sort(),
    );
  });
});

describe('Bedrock API key buttons (request_deactivate_api_key, request_delete_api_key)', () => {
  const API_USER = 'BedrockAPIKey-h42z';
  const CREDENTIAL = 'ACCAEXAMPLEBEDROCKKEY1';
  const apiKeyValue = encodeApiKeyActionValue({ accountId: ACCOUNT, userName: API_USER, credentialId: CREDENTIAL });

  function mockApiKeyList(status: 'Active' | 'Inactive') {
    nock('https://iam.amazonaws.com')
      .persist()
      .post(
        '/',
        (b: Record<string, string>) => b.Action === 'ListServiceSpecificCredentials' && b.UserName === API_USER,
      )
      .reply(() => {
        const r = iam.listServiceSpecificCredentials([
          {
            userName: API_USER,
            status,
            alias: `${API_USER}-at-${ACCOUNT}`,
            createDate: '2026-10-01T00:00:00Z',
            id: CREDENTIAL,
          },
        ]);
        return [r.status, r.body, r.headers];
      });
  }

  it('every API-key action id has its listener', () => {
    expect(ACTION.requestDeactivateApiKey).toBe('request_deactivate_api_key');
    expect(ACTION.requestDeleteApiKey).toBe('request_delete_api_key');
    expect(typeof ACTION_LISTENERS[ACTION.requestDeactivateApiKey]).toBe('function');
    expect(typeof ACTION_LISTENERS[ACTION.requestDeleteApiKey]).toBe('function');
  });

  it('deactivation: the same approval message and four-eyes decision, then exactly one UpdateServiceSpecificCredential', async () => {
    mockApiKeyList('Active');
    const ask = click(ACTION.requestDeactivateApiKey, apiKeyValue, REQUESTER);
    await ACTION_LISTENERS[ACTION.requestDeactivateApiKey](deps)(ask);
    await deps.tasks.idle();
    const [request] = await h.store.listRequests();
    expect(request).toMatchObject({
      action: 'deactivate',
      accessKeyId: CREDENTIAL,
      key: { credential: 'bedrock_api_key' },
    });
    const approval = text(posts()[0]?.args);
    expect(approval).toContain('Bedrock API key');
    expect(approval).toContain('iam:UpdateServiceSpecificCredential');
    expect(blockViolations((posts()[0]?.args as { blocks?: unknown } | undefined)?.blocks)).toEqual([]);

    const updatesSeen: Record<string, string>[] = [];
    nock('https://iam.amazonaws.com')
      .persist()
      .post('/', (b: Record<string, string>) => {
        const match = b.Action === 'UpdateServiceSpecificCredential';
        if (match) updatesSeen.push(b);
        return match;
      })
      .reply(() => {
        const r = iam.noOutput('UpdateServiceSpecificCredential');
        return [r.status, r.body, r.headers];
      });
    await createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, request?.id ?? '', REQUESTER));
    await deps.tasks.idle();
    expect(updatesSeen).toEqual([]);
    await Promise.all([
      createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, request?.id ?? '', APPROVER)),
      createDecisionListener(deps, 'approved')(click(ACTION.approveRequest, request?.id ?? '', GROUP_MEMBER)),
    ]);
    await deps.tasks.idle();
    await vi.waitFor(async () => expect((await h.store.getRequest(request?.id ?? ''))?.state).toBe('done'));
    expect(updatesSeen).toHaveLength(1);
    expect(updatesSeen[0]).toMatchObject({
      UserName: API_USER,
      ServiceSpecificCredentialId: CREDENTIAL,
      Status: 'Inactive',
    });
    // The follow-up offered after the deactivation is the API key's own deletion button.
    expect(text(slack.calls)).toContain(ACTION.requestDeleteApiKey);
  });

  it('a button whose value is not an API key is refused to the clicker, nothing stored', async () => {
    const args = click(ACTION.requestDeactivateApiKey, keyValue, REQUESTER);
    await ACTION_LISTENERS[ACTION.requestDeactivateApiKey](deps)(args);
    await deps.tasks.idle();
    expect(await h.store.listRequests()).toEqual([]);
    expect(text(responses)).toMatch(/does not name a valid account/);
  });
});
