import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { RESTARTING_TEXT, refuseWhileDraining } from '../../src/ops/drain-middleware.js';

type Args = Parameters<Middleware<AnyMiddlewareArgs>>[0];

function args(body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const next = vi.fn(async () => undefined);
  return { next, all: { body, next, ...extra } as unknown as Args };
}

describe('refuseWhileDraining', () => {
  it('passes everything through while running', async () => {
    const { next, all } = args({ command: '/bedrock-403' }, { ack: vi.fn() });
    await refuseWhileDraining(() => false)(all);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('acks a slash command with an ephemeral "restarting" and does not run it', async () => {
    const ack = vi.fn(async () => undefined);
    const { next, all } = args({ command: '/bedrock-403', text: '111111111111' }, { ack });
    await refuseWhileDraining(() => true)(all);
    expect(next).not.toHaveBeenCalled();
    expect(ack).toHaveBeenCalledExactlyOnceWith({ response_type: 'ephemeral', text: RESTARTING_TEXT });
  });

  it('acks a button click and tells the clicker through response_url', async () => {
    const ack = vi.fn(async () => undefined);
    const respond = vi.fn(async () => undefined);
    const { next, all } = args({ type: 'block_actions' }, { ack, respond });
    await refuseWhileDraining(() => true)(all);
    expect(next).not.toHaveBeenCalled();
    expect(ack).toHaveBeenCalledExactlyOnceWith();
    expect(respond).toHaveBeenCalledExactlyOnceWith({
      text: RESTARTING_TEXT,
      response_type: 'ephemeral',
      replace_original: false,
    });
  });

  it('drops an event (already acknowledged by Bolt) without running it', async () => {
    const info = vi.fn();
    const { next, all } = args({ type: 'event_callback', event: { type: 'message' } });
    await refuseWhileDraining(() => true, { info, warn: vi.fn() })(all);
    expect(next).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledWith({ kind: 'event_callback' }, expect.any(String));
  });

  it('never throws when Slack cannot be told', async () => {
    const warn = vi.fn();
    const ack = vi.fn(async () => undefined);
    const respond = vi.fn(async () => {
      throw new Error('response_url expired');
    });
    const { all } = args({ type: 'message_action' }, { ack, respond });
    await expect(refuseWhileDraining(() => true, { info: vi.fn(), warn })(all)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });
});
