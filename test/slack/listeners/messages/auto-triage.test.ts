import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createMessageListener,
  isNewHumanMessage,
  type MessageArgs,
} from '../../../../src/slack/listeners/messages/auto-triage.js';
import {
  ACCOUNT,
  cause,
  fakeClient,
  makeDeps,
  noFinding,
  platformError,
  sampleTriage,
  stubTriage,
  UNRECOGNIZED_CLIENT,
} from '../../helpers/fakes.js';

const envelope = JSON.parse(readFileSync('test/fixtures/slack/event_callback_message_channels.docs.json', 'utf8')) as {
  event: Record<string, unknown>;
  event_id: string;
};
const broadcast = JSON.parse(
  readFileSync('test/fixtures/slack/event_callback_thread_broadcast.bolt-python.json', 'utf8'),
) as {
  event: Record<string, unknown>;
};

function args(event: Record<string, unknown>, body: Record<string, unknown> = { ...envelope }, retryNum?: number) {
  const client = fakeClient();
  const message = { ...event };
  return {
    client,
    args: {
      message,
      event: message,
      body: { ...body, event: message },
      client,
      context: { botUserId: 'U0BOT', retryNum },
    } as unknown as MessageArgs,
  };
}

const errorEvent = { ...envelope.event, text: UNRECOGNIZED_CLIENT };

describe('isNewHumanMessage', () => {
  it.each([
    ['a plain message', {}, true],
    ['a thread reply', { thread_ts: '1355517000.000001' }, true],
    ['a thread broadcast', { subtype: 'thread_broadcast' }, true],
    ['a file share', { subtype: 'file_share' }, true],
    ['an edit', { subtype: 'message_changed' }, false],
    ['a deletion', { subtype: 'message_deleted' }, false],
    ['a bot message', { subtype: 'bot_message' }, false],
    ['a join', { subtype: 'channel_join' }, false],
    ['another bot with a user id', { bot_id: 'B9' }, false],
    ['an app posting as a user', { app_id: 'A9' }, false],
    ['a hidden event', { hidden: true }, false],
    ['our own message', { user: 'U0BOT' }, false],
    ['no user', { user: undefined }, false],
  ])('%s -> %s', (_name, overrides, expected) => {
    expect(isNewHumanMessage({ ...(envelope.event as object), ...overrides }, 'U0BOT')).toBe(expected);
  });
});

describe('automatic triage', () => {
  it('replies once, in the thread of the message, to a human message that looks like an AWS error', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const { client, args: a } = args(errorEvent);
    await createMessageListener(deps)(a);
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
    const post = client.chat.postMessage.mock.calls[0]?.[0] as { channel: string; thread_ts: string; blocks: unknown };
    expect(post).toMatchObject({ channel: envelope.event.channel, thread_ts: envelope.event.ts });
    expect(JSON.stringify(post.blocks)).toMatch(/Automatic triage.*autotriage off/);
  });

  it('a thread broadcast is answered in its thread', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const { client, args: a } = args(
      { ...broadcast.event, text: UNRECOGNIZED_CLIENT },
      broadcast as unknown as Record<string, unknown>,
    );
    await createMessageListener(deps)(a);
    expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({ thread_ts: broadcast.event.thread_ts });
  });

  it('a retried delivery (same event_id) or the same message again gets no second reply', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const listener = createMessageListener(deps);
    const first = args(errorEvent);
    await listener(first.args);
    const retry = args(errorEvent, { ...envelope }, 1);
    await listener(retry.args);
    const sameTsOtherEventId = args(errorEvent, { ...envelope, event_id: 'Ev999' });
    await listener(sameTsOtherEventId.args);
    expect(first.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(retry.client.chat.postMessage).not.toHaveBeenCalled();
    expect(sameTsOtherEventId.client.chat.postMessage).not.toHaveBeenCalled();
    expect(deps.lines.join('')).toMatch(/"retryNum":1[^\n]*duplicate delivery ignored/);
    expect(deps.onTriage).toHaveBeenCalledTimes(1);
    expect(deps.onTriage).toHaveBeenCalledWith(sampleTriage(), 'auto');
  });

  it('answers (and warns) when the dedupe store fails: one policy for every delivery claim', async () => {
    const deps = makeDeps({
      triage: stubTriage(sampleTriage()),
      dedupe: { claim: async () => Promise.reject(new Error('database is locked')) },
    });
    const { client, args: a } = args(errorEvent);
    await createMessageListener(deps)(a);
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(deps.lines.join('')).toMatch(/database is locked[^\n]*de-duplication unavailable; handling the delivery/);
  });

  it('concurrent duplicate deliveries still produce exactly one reply', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const listener = createMessageListener(deps);
    const copies = Array.from({ length: 5 }, () => args(errorEvent));
    await Promise.all(copies.map((c) => listener(c.args)));
    expect(copies.reduce((n, c) => n + c.client.chat.postMessage.mock.calls.length, 0)).toBe(1);
  });

  it('stays silent for edits, bots, itself, a channel that turned it off, and low confidence', async () => {
    const triage = stubTriage(sampleTriage());
    const deps = makeDeps({ triage });
    const listener = createMessageListener(deps);
    const cases = [
      { ...errorEvent, subtype: 'message_changed', message: { text: UNRECOGNIZED_CLIENT } },
      { ...errorEvent, subtype: 'bot_message', bot_id: 'B1' },
      { ...errorEvent, bot_id: 'B1' },
      { ...errorEvent, user: 'U0BOT' },
      { ...errorEvent, subtype: 'message_deleted' },
    ];
    for (const event of cases) {
      const { client, args: a } = args(event);
      await listener(a);
      expect(client.chat.postMessage).not.toHaveBeenCalled();
    }
    expect(triage.calls).toEqual([]);

    await deps.channelSettings.setAutoTriage(envelope.event.channel as string, false, 'U1');
    const off = args(errorEvent);
    await listener(off.args);
    expect(off.client.chat.postMessage).not.toHaveBeenCalled();

    const quiet = makeDeps({ triage: stubTriage(sampleTriage({ causes: [cause({ confidence: 0.1 })] })) });
    const low = args(errorEvent);
    await createMessageListener(quiet)(low.args);
    expect(low.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('plain chat is not answered (no cause found)', async () => {
    const deps = makeDeps({ triage: stubTriage(noFinding) });
    const { client, args: a } = args(envelope.event);
    await createMessageListener(deps)(a);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('offers run_diagnosis when the text names an account', async () => {
    const deps = makeDeps({
      triage: stubTriage(sampleTriage({ entities: { accountId: ACCOUNT, errorCode: 'AccessDeniedException' } })),
    });
    const { client, args: a } = args(errorEvent);
    await createMessageListener(deps)(a);
    expect(JSON.stringify(client.chat.postMessage.mock.calls[0]?.[0])).toMatch(/run_diagnosis/);
  });

  it('a Slack failure is logged, never thrown', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const { client, args: a } = args(errorEvent);
    client.chat.postMessage.mockRejectedValue(platformError('not_in_channel'));
    await expect(createMessageListener(deps)(a)).resolves.toBeUndefined();
    expect(deps.lines.join('')).toMatch(/not_in_channel/);
  });
});
