import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { decodeModalContext, decodeTargetValue } from '../../../../src/slack/action-values.js';
import { ACCOUNT_MODAL, ACTION } from '../../../../src/slack/ids.js';
import {
  createShortcutListener,
  type ShortcutArgs,
} from '../../../../src/slack/listeners/shortcuts/diagnose-bedrock-403.js';
import {
  ACCOUNT,
  configuredAccounts,
  fakeClient,
  KEY_ID,
  makeDeps,
  platformError,
  sampleTriage,
  stubTriage,
  UNRECOGNIZED_CLIENT,
} from '../../helpers/fakes.js';

const fixture = JSON.parse(readFileSync('test/fixtures/slack/message_action.bolt-python.json', 'utf8')) as {
  channel: { id: string };
  message: Record<string, unknown>;
  user: { id: string };
  trigger_id: string;
};

function args(messageOverrides: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  const client = fakeClient();
  const ack = vi.fn(async () => undefined);
  const respond = vi.fn(async () => new Response());
  const shortcut = {
    ...fixture,
    callback_id: 'diagnose_bedrock_403',
    message: { ...fixture.message, text: UNRECOGNIZED_CLIENT, ...messageOverrides },
  };
  return {
    client,
    ack,
    respond,
    args: {
      shortcut,
      body: shortcut,
      ack,
      respond,
      client,
      context: { botUserId: 'U0BOT' },
      ...overrides,
    } as unknown as ShortcutArgs,
  };
}

type Post = {
  channel: string;
  thread_ts: string;
  blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
};

describe('message shortcut diagnose_bedrock_403', () => {
  it('triages the message text and replies in its thread, offering run_diagnosis when the key names the account', async () => {
    const triage = stubTriage(
      sampleTriage({ entities: { accessKeyId: KEY_ID, keyAccountId: ACCOUNT, region: 'us-east-1' } }),
    );
    const deps = makeDeps({ triage });
    const { ack, client, args: a } = args();
    await createShortcutListener(deps)(a);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(triage.calls).toEqual([UNRECOGNIZED_CLIENT]);
    expect(client.views.open).not.toHaveBeenCalled();
    const post = client.chat.postMessage.mock.calls[0]?.[0] as Post;
    expect(post).toMatchObject({ channel: fixture.channel.id, thread_ts: fixture.message.ts });
    const button = post.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.action_id).toBe(ACTION.runDiagnosis);
    expect(decodeTargetValue(button?.value)).toEqual({ accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' });
  });

  it('replies in the existing thread when the message is itself a reply', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const { client, args: a } = args({ thread_ts: '1583636000.000100' });
    await createShortcutListener(deps)(a);
    expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({ thread_ts: '1583636000.000100' });
  });

  it('without an account: opens the modal first (trigger_id expires) with what is known, and still replies', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage({ entities: { region: 'eu-west-1' } })) });
    const { client, args: a } = args();
    await createShortcutListener(deps)(a);
    expect(client.views.open).toHaveBeenCalledTimes(1);
    const { trigger_id, view } = client.views.open.mock.calls[0]![0] as {
      trigger_id: string;
      view: { callback_id: string; private_metadata: string };
    };
    expect(trigger_id).toBe(fixture.trigger_id);
    expect(view.callback_id).toBe(ACCOUNT_MODAL.callbackId);
    expect(decodeModalContext(view.private_metadata)).toEqual({
      channelId: fixture.channel.id,
      threadTs: fixture.message.ts,
      known: { region: 'eu-west-1' },
    });
    const openOrder = client.views.open.mock.invocationCallOrder[0] ?? 0;
    const postOrder = client.chat.postMessage.mock.invocationCallOrder[0] ?? 0;
    expect(openOrder).toBeLessThan(postOrder);
    expect(JSON.stringify(client.chat.postMessage.mock.calls[0]?.[0])).toMatch(/opened a form/);
  });

  it('an account refused for this channel: no button, the reason instead', async () => {
    const deps = makeDeps({
      accounts: configuredAccounts(),
      triage: stubTriage(sampleTriage({ entities: { accountId: ACCOUNT } })),
    });
    const { client, args: a } = args();
    await createShortcutListener(deps)(a);
    const post = client.chat.postMessage.mock.calls[0]?.[0] as Post;
    expect(post.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(post.blocks)).toMatch(/may only be diagnosed from <#C0PROD>/);
  });

  it('not in the channel: answers through response_url and says how to invite the bot', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage({ entities: { accountId: ACCOUNT } })) });
    const { client, respond, args: a } = args();
    client.chat.postMessage.mockRejectedValue(platformError('not_in_channel'));
    await createShortcutListener(deps)(a);
    expect(respond).toHaveBeenCalledTimes(1);
    expect(JSON.stringify((respond.mock.calls[0] as unknown[])[0])).toMatch(/\/invite @bedrock-403.*run_diagnosis/s);
  });

  it('ack throws: logged, no Slack call', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const { client, args: a } = args({}, { ack: vi.fn(async () => Promise.reject(new Error('ack failed'))) });
    await createShortcutListener(deps)(a);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(deps.lines.join('')).toMatch(/ack failed/);
  });
});
