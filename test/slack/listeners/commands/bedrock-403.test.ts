import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { type CommandArgs, createCommandListener } from '../../../../src/slack/listeners/commands/bedrock-403.js';
import {
  ACCOUNT,
  configuredAccounts,
  fakeClient,
  KEY_ID,
  makeDeps,
  SECRET_KEY,
  sampleTriage,
  scriptedEngine,
  stubTriage,
  UNRECOGNIZED_CLIENT,
} from '../../helpers/fakes.js';

const fixture = JSON.parse(readFileSync('test/fixtures/slack/slash_command.json', 'utf8')) as Record<string, string>;

function args(text: string, overrides: Partial<Record<string, unknown>> = {}) {
  const client = fakeClient();
  const ack = vi.fn(async () => undefined);
  const respond = vi.fn(async () => new Response());
  const command = { ...fixture, command: '/bedrock-403', text };
  return {
    client,
    ack,
    respond,
    args: {
      command,
      body: command,
      ack,
      respond,
      client,
      context: { botUserId: 'U0BOT' },
      ...overrides,
    } as unknown as CommandArgs,
  };
}

const acked = (ack: ReturnType<typeof vi.fn>) =>
  (ack.mock.calls[0] as unknown[] | undefined)?.[0] as { response_type: string; text: string; blocks: unknown[] };

describe('/bedrock-403', () => {
  it('help: acks with usage, ephemeral, and does nothing else', async () => {
    const deps = makeDeps();
    const { ack, client, args: a } = args('help');
    await createCommandListener(deps)(a);
    expect(acked(ack)).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(acked(ack).blocks)).toMatch(/\*Usage\*/);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('invalid input: acks with exactly what is wrong, then the usage', async () => {
    const deps = makeDeps();
    const { ack, args: a } = args(`${ACCOUNT} region=mars`);
    await createCommandListener(deps)(a);
    const json = JSON.stringify(acked(ack).blocks);
    expect(json).toMatch(/region= must be an AWS region code.*mars.*\*Usage\*/s);
    expect(deps.tasks.size).toBe(0);
  });

  it('diagnose: acks at once with a confirmation, then posts the parent and the checklist in its thread', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const { ack, client, args: a } = args(`${ACCOUNT} key=${KEY_ID} region=us-east-1`);
    await createCommandListener(deps)(a);
    expect(acked(ack)).toMatchObject({ response_type: 'ephemeral' });
    expect(acked(ack).text).toMatch(/Diagnosing account 111111111111/);
    expect(ack).toHaveBeenCalledTimes(1);
    await deps.tasks.idle();
    expect(engine.calls[0]?.target).toEqual({ accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' });
    const posts = client.chat.postMessage.mock.calls.map((c) => c[0] as { channel: string; thread_ts?: string });
    expect(posts[0]).toMatchObject({ channel: fixture.channel_id });
    expect(posts[1]).toMatchObject({ channel: fixture.channel_id, thread_ts: '1700000000.000001' });
  });

  it('pasted text is triaged and fills the target; a pasted secret gets the warning, never echoed', async () => {
    const engine = scriptedEngine();
    const triage = stubTriage(
      sampleTriage({ entities: { accessKeyId: KEY_ID, region: 'eu-west-1' }, secretsFound: true }),
    );
    const deps = makeDeps({ engine, triage });
    const { ack, args: a } = args(`${ACCOUNT} ${UNRECOGNIZED_CLIENT}\naws_secret_access_key=${SECRET_KEY}`);
    await createCommandListener(deps)(a);
    await deps.tasks.idle();
    expect(engine.calls[0]?.target).toEqual({ accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'eu-west-1' });
    expect(engine.calls[0]?.options?.triage?.secretsFound).toBe(true);
    const json = JSON.stringify(acked(ack));
    expect(json).toMatch(/looks like an AWS secret access key/);
    expect(json).not.toContain(SECRET_KEY);
    expect(deps.lines.join('')).not.toContain(SECRET_KEY);
  });

  it('an account this channel may not diagnose is refused with the reason, without usage', async () => {
    const deps = makeDeps({ accounts: configuredAccounts() });
    const { ack, args: a } = args('prod-apps');
    await createCommandListener(deps)(a);
    const json = JSON.stringify(acked(ack).blocks);
    expect(json).toMatch(/may only be diagnosed from <#C0PROD>/);
    expect(json).not.toMatch(/\*Usage\*/);
  });

  it('autotriage off/on is stored per channel and announced in the channel; status is ephemeral', async () => {
    const deps = makeDeps();
    const off = args('autotriage off');
    await createCommandListener(deps)(off.args);
    expect(await deps.channelSettings.isAutoTriageEnabled(fixture.channel_id as string)).toBe(false);
    expect(acked(off.ack)).toMatchObject({ response_type: 'in_channel' });
    expect(acked(off.ack).text).toMatch(/off.*turned off by <@U2147483697>/);

    const status = args('autotriage status');
    await createCommandListener(deps)(status.args);
    expect(acked(status.ack)).toMatchObject({ response_type: 'ephemeral' });
    expect(acked(status.ack).text).toMatch(/is \*off\*/);

    await createCommandListener(deps)(args('autotriage on').args);
    expect(await deps.channelSettings.isAutoTriageEnabled(fixture.channel_id as string)).toBe(true);
  });

  it('a failing store still gets an answer and is logged', async () => {
    const deps = makeDeps({
      channelSettings: {
        isAutoTriageEnabled: async () => true,
        setAutoTriage: async () => {
          throw new Error('database is locked');
        },
      },
    });
    const { ack, args: a } = args('autotriage off');
    await createCommandListener(deps)(a);
    expect(acked(ack).text).toMatch(/went wrong on my side/);
    expect(deps.lines.join('')).toMatch(/database is locked/);
  });

  it('ack throws: logged, no Slack call, no diagnosis', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const {
      client,
      args: a,
      respond,
    } = args(ACCOUNT, {
      ack: vi.fn(async () => {
        throw new Error('ack failed');
      }),
    });
    await createCommandListener(deps)(a);
    await deps.tasks.idle();
    expect(engine.calls).toHaveLength(0);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(respond).toHaveBeenCalledTimes(1);
    expect(deps.lines.join('')).toMatch(/ack failed/);
  });
});
