import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { encodeModalContext } from '../../../../src/slack/action-values.js';
import { ACCOUNT_MODAL } from '../../../../src/slack/ids.js';
import { createAccountModalListener, type ViewArgs } from '../../../../src/slack/listeners/views/account-modal.js';
import { ACCOUNT, configuredAccounts, fakeClient, KEY_ID, makeDeps, scriptedEngine } from '../../helpers/fakes.js';

const fixture = JSON.parse(readFileSync('test/fixtures/slack/view_submission.json', 'utf8')) as {
  view: Record<string, unknown>;
  user: { id: string };
};

const ctx = { channelId: 'C0PROD', threadTs: '1583636382.000300', known: { accessKeyId: KEY_ID } };

function args(
  fields: Partial<Record<'account' | 'key' | 'region' | 'model', string>>,
  metadata = encodeModalContext(ctx),
) {
  const client = fakeClient();
  const ack = vi.fn(async () => undefined);
  const values: Record<string, Record<string, { type: string; value: string | null }>> = {
    [ACCOUNT_MODAL.accountBlock]: {
      [ACCOUNT_MODAL.accountInput]: { type: 'plain_text_input', value: fields.account ?? null },
    },
    [ACCOUNT_MODAL.keyBlock]: { [ACCOUNT_MODAL.keyInput]: { type: 'plain_text_input', value: fields.key ?? null } },
    [ACCOUNT_MODAL.regionBlock]: {
      [ACCOUNT_MODAL.regionInput]: { type: 'plain_text_input', value: fields.region ?? null },
    },
    [ACCOUNT_MODAL.modelBlock]: {
      [ACCOUNT_MODAL.modelInput]: { type: 'plain_text_input', value: fields.model ?? null },
    },
  };
  const view = {
    ...fixture.view,
    callback_id: ACCOUNT_MODAL.callbackId,
    private_metadata: metadata,
    state: { values },
  };
  const body = { ...fixture, view };
  return { client, ack, args: { ack, view, body, client, context: { botUserId: 'U0BOT' } } as unknown as ViewArgs };
}

const acked = (ack: ReturnType<typeof vi.fn>) => (ack.mock.calls[0] as unknown[] | undefined)?.[0];

describe('account modal submission', () => {
  it('valid: closes the modal and runs the diagnosis in the message’s thread with the known and given fields', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const { ack, client, args: a } = args({ account: ` ${ACCOUNT} `, region: 'eu-west-1' });
    await createAccountModalListener(deps)(a);
    expect(acked(ack)).toBeUndefined();
    await deps.tasks.idle();
    expect(engine.calls[0]?.target).toEqual({ accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'eu-west-1' });
    expect(engine.calls[0]?.options?.requestedBy).toBe(fixture.user.id);
    expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({
      channel: 'C0PROD',
      thread_ts: '1583636382.000300',
    });
  });

  it('shows errors next to each bad field and keeps the modal open', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const { ack, args: a } = args({ account: 'not an account', region: 'mars', key: 'AKIA1' });
    await createAccountModalListener(deps)(a);
    const answer = acked(ack) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors[ACCOUNT_MODAL.accountBlock]).toMatch(/not a 12-digit AWS account id/);
    expect(answer.errors[ACCOUNT_MODAL.regionBlock]).toMatch(/region= must be an AWS region code/);
    expect(answer.errors[ACCOUNT_MODAL.keyBlock]).toMatch(/access key id/);
    expect(answer.errors[ACCOUNT_MODAL.keyBlock]).not.toMatch(/[*`]/);
    await deps.tasks.idle();
    expect(engine.calls).toHaveLength(0);
  });

  it('accepts an unrestricted account, refuses one the channel may not diagnose and a form whose metadata is not ours', async () => {
    const deps = makeDeps({ accounts: configuredAccounts() });
    const allowed = args({ account: 'sandbox' }, encodeModalContext({ ...ctx, channelId: 'C0PROD' }));
    await createAccountModalListener(deps)(allowed.args);
    expect(acked(allowed.ack)).toBeUndefined();

    const wrong = args({ account: 'prod-apps' }, encodeModalContext({ ...ctx, channelId: 'C0OTHER' }));
    await createAccountModalListener(deps)(wrong.args);
    expect((acked(wrong.ack) as { errors: Record<string, string> }).errors[ACCOUNT_MODAL.accountBlock]).toMatch(
      /may only be diagnosed from/,
    );

    const forged = args({ account: ACCOUNT }, 'This is for you!');
    await createAccountModalListener(deps)(forged.args);
    expect((acked(forged.ack) as { errors: Record<string, string> }).errors[ACCOUNT_MODAL.accountBlock]).toMatch(
      /expired/,
    );
  });
});
