import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMentionListener, type MentionArgs } from '../../../../src/slack/listeners/events/app-mention.js';
import { createMessageListener, type MessageArgs } from '../../../../src/slack/listeners/messages/auto-triage.js';
import { cause, fakeClient, makeDeps, sampleTriage, stubTriage, UNRECOGNIZED_CLIENT } from '../../helpers/fakes.js';

const envelope = JSON.parse(readFileSync('test/fixtures/slack/app_mention.json', 'utf8')) as {
  event: Record<string, unknown>;
};

function args(text: string, eventId = 'EvMention') {
  const client = fakeClient();
  const event = { ...envelope.event, text };
  return {
    client,
    args: {
      event,
      body: { ...envelope, event, event_id: eventId },
      client,
      context: { botUserId: 'U0LAN0Z89' },
    } as unknown as MentionArgs,
  };
}

describe('@bedrock-403 mention', () => {
  it('answers even a weak match in the thread, the mention removed from the triaged text', async () => {
    const triage = stubTriage(sampleTriage({ causes: [cause({ confidence: 0.1 })] }));
    const deps = makeDeps({ triage });
    const { client, args: a } = args(`<@U0LAN0Z89> ${UNRECOGNIZED_CLIENT}`);
    await createMentionListener(deps)(a);
    expect(triage.calls).toEqual([UNRECOGNIZED_CLIENT]);
    expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({
      channel: envelope.event.channel,
      thread_ts: envelope.event.ts,
    });
  });

  it('a bare mention or "help" gets the usage', async () => {
    const deps = makeDeps();
    const { client, args: a } = args('<@U0LAN0Z89> help');
    await createMentionListener(deps)(a);
    expect(JSON.stringify(client.chat.postMessage.mock.calls[0]?.[0])).toMatch(/\*Usage\*/);
  });

  it('shares the message key with automatic triage: one reply for a message that is both', async () => {
    const deps = makeDeps({ triage: stubTriage(sampleTriage()) });
    const text = `<@U0LAN0Z89> ${UNRECOGNIZED_CLIENT}`;
    const auto = fakeClient();
    const message = { ...envelope.event, type: 'message', text };
    await createMessageListener(deps)({
      message,
      body: { event: message, event_id: 'EvMessage' },
      client: auto,
      context: {},
    } as unknown as MessageArgs);
    const mention = args(text);
    await createMentionListener(deps)(mention.args);
    expect(auto.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(mention.client.chat.postMessage).not.toHaveBeenCalled();
  });
});
