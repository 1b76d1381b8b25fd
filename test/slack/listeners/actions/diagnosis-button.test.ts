import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { encodeTargetValue } from '../../../../src/slack/action-values.js';
import { ACTION } from '../../../../src/slack/ids.js';
import {
  type ButtonArgs,
  createDiagnosisButtonListener,
} from '../../../../src/slack/listeners/actions/diagnosis-button.js';
import { ACCOUNT, configuredAccounts, fakeClient, KEY_ID, makeDeps, scriptedEngine } from '../../helpers/fakes.js';

const fixture = JSON.parse(readFileSync('test/fixtures/slack/block_actions_message_button.json', 'utf8')) as {
  actions: Array<Record<string, unknown>>;
  message: Record<string, unknown>;
  channel: { id: string };
  user: { id: string };
};

function args(
  actionId: string,
  value: string | undefined,
  messageOverrides: Record<string, unknown> = {},
  user = 'U111',
) {
  const client = fakeClient();
  const ack = vi.fn(async () => undefined);
  const respond = vi.fn(async () => new Response());
  const action = { ...fixture.actions[0], action_id: actionId, value };
  const body = {
    ...fixture,
    user: { id: user },
    actions: [action],
    message: { ...fixture.message, ...messageOverrides },
  };
  return {
    client,
    ack,
    respond,
    args: {
      ack,
      body,
      action,
      payload: action,
      client,
      respond,
      context: { botUserId: 'U0BOT' },
    } as unknown as ButtonArgs,
  };
}

const target = { accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' };

describe('run_diagnosis / rerun_diagnosis buttons', () => {
  it.each([ACTION.runDiagnosis, ACTION.rerunDiagnosis])(
    '%s runs the target the button carries, in the button’s thread',
    async (actionId) => {
      const engine = scriptedEngine();
      const deps = makeDeps({ engine });
      const { ack, client, args: a } = args(actionId, encodeTargetValue(target), { thread_ts: '1678252000.000100' });
      await createDiagnosisButtonListener(deps)(a);
      expect(ack).toHaveBeenCalledTimes(1);
      await deps.tasks.idle();
      expect(engine.calls[0]?.target).toEqual(target);
      expect(engine.calls[0]?.options?.requestedBy).toBe('U111');
      expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({
        channel: fixture.channel.id,
        thread_ts: '1678252000.000100',
      });
    },
  );

  it('a forged or broken value is refused ephemerally and runs nothing', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const { respond, args: a } = args(ACTION.runDiagnosis, '{"a":"1; rm -rf"}');
    await createDiagnosisButtonListener(deps)(a);
    await deps.tasks.idle();
    expect(engine.calls).toHaveLength(0);
    expect(JSON.stringify((respond.mock.calls[0] as unknown[])[0])).toMatch(/no valid account.*ephemeral/s);
  });

  it('the accounts file is checked again at click time', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine, accounts: configuredAccounts() });
    const { respond, args: a } = args(ACTION.runDiagnosis, encodeTargetValue(target));
    await createDiagnosisButtonListener(deps)(a);
    await deps.tasks.idle();
    expect(engine.calls).toHaveLength(0);
    expect(JSON.stringify((respond.mock.calls[0] as unknown[])[0])).toMatch(/may only be diagnosed from <#C0PROD>/);
  });

  it('a double click runs once; another person clicking runs again', async () => {
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const listener = createDiagnosisButtonListener(deps);
    await listener(args(ACTION.rerunDiagnosis, encodeTargetValue(target)).args);
    await listener(args(ACTION.rerunDiagnosis, encodeTargetValue(target)).args);
    await listener(args(ACTION.rerunDiagnosis, encodeTargetValue(target), {}, 'U222').args);
    await deps.tasks.idle();
    expect(engine.calls.map((c) => c.options?.requestedBy)).toEqual(['U111', 'U222']);
  });
});
