import { describe, expect, it, vi } from 'vitest';
import type { SlackClient } from '../../src/slack/reply.js';
import { runDiagnosisInSlack } from '../../src/slack/run-diagnosis.js';
import { messageViolations } from './helpers/block-kit-limits.js';
import {
  ACCOUNT,
  blocksText,
  fakeClient,
  KEY_ID,
  makeDeps,
  platformError,
  sampleReport,
  scriptedEngine,
} from './helpers/fakes.js';

const request = { target: { accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' }, secretsFound: false };

describe('runDiagnosisInSlack', () => {
  it('posts a parent, the checklist in its thread, edits it as checks finish, then the verdict', async () => {
    const client = fakeClient();
    const engine = scriptedEngine();
    const deps = makeDeps({ engine });
    const delivery = await runDiagnosisInSlack(
      { client: client as unknown as SlackClient, channelId: 'C1', requestedBy: 'U1', request },
      deps,
    );
    expect(delivery).toBe('thread');
    const posts = client.chat.postMessage.mock.calls.map(
      (c) => c[0] as { channel: string; thread_ts?: string; text: string },
    );
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ channel: 'C1' });
    expect(posts[0]?.thread_ts).toBeUndefined();
    expect(posts[0]?.text).toMatch(/Diagnosing account 111111111111 for <@U1>/);
    expect(posts[1]).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000001' });
    expect(blocksText(posts[1] as object)).toMatch(/Checking…\* 0 of 11/);

    const updates = client.chat.update.mock.calls.map((c) => c[0] as { ts: string; text: string; blocks: unknown[] });
    const checklistEdits = updates.filter((u) => u.ts === '1700000000.000002');
    const final = checklistEdits.at(-1);
    expect(final?.text).toMatch(/is inactive/);
    expect(blocksText(final as object)).toMatch(/rerun_diagnosis/);
    expect(messageViolations(final as object as { text: string; blocks: unknown[] })).toEqual([]);
    const parentEdit = updates.find((u) => u.ts === '1700000000.000001');
    expect(parentEdit?.text).toMatch(/^:x: Diagnosis of account 111111111111 for <@U1>: /);
    expect(engine.calls[0]?.target).toEqual(request.target);
    expect(engine.calls[0]?.options?.requestedBy).toBe('U1');
  });

  it('answers in an existing thread without a parent message', async () => {
    const client = fakeClient();
    await runDiagnosisInSlack(
      {
        client: client as unknown as SlackClient,
        channelId: 'C1',
        threadTs: '1583636382.000300',
        requestedBy: 'U1',
        request,
      },
      makeDeps(),
    );
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({ thread_ts: '1583636382.000300' });
  });

  it('not in the channel: runs anyway and delivers the result through response_url with how to invite the bot', async () => {
    const client = fakeClient();
    client.chat.postMessage.mockRejectedValue(platformError('not_in_channel'));
    const respond = vi.fn(async () => new Response());
    const delivery = await runDiagnosisInSlack(
      {
        client: client as unknown as SlackClient,
        channelId: 'C1',
        requestedBy: 'U1',
        request,
        respond,
        botUserId: 'U0BOT',
      },
      makeDeps(),
    );
    expect(delivery).toBe('fallback');
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(respond).toHaveBeenCalledTimes(1);
    const sent = (respond.mock.calls[0] as unknown[])[0] as { response_type: string; blocks: unknown[] };
    expect(sent.response_type).toBe('ephemeral');
    expect(JSON.stringify(sent.blocks)).toMatch(/\/invite @bedrock-403.*is inactive/s);
  });

  it('the engine fails: the checklist says why and offers a re-run; nothing throws', async () => {
    const client = fakeClient();
    const deps = makeDeps({ engine: scriptedEngine(sampleReport(), new Error('AssumeRole denied')) });
    await expect(
      runDiagnosisInSlack(
        { client: client as unknown as SlackClient, channelId: 'C1', requestedBy: 'U1', request },
        deps,
      ),
    ).resolves.toBe('thread');
    const final = client.chat.update.mock.calls
      .map((c) => c[0] as { text: string })
      .find((u) => /could not run/.test(u.text));
    expect(blocksText(final as object)).toMatch(/AssumeRole denied[\s\S]*rerun_diagnosis/);
  });

  it('the final edit fails: posts the final checklist as a new thread reply instead', async () => {
    const client = fakeClient();
    client.chat.update.mockRejectedValue(platformError('ratelimited'));
    const delivery = await runDiagnosisInSlack(
      { client: client as unknown as SlackClient, channelId: 'C1', requestedBy: 'U1', request },
      makeDeps(),
    );
    expect(delivery).toBe('thread');
    const last = client.chat.postMessage.mock.calls.at(-1)?.[0] as { thread_ts: string; text: string };
    expect(last).toMatchObject({ thread_ts: '1700000000.000001' });
    expect(last.text).toMatch(/is inactive/);
  });

  it('edits the checklist at most once per interval while checks finish', async () => {
    vi.useFakeTimers();
    try {
      const client = fakeClient();
      const report = sampleReport();
      let release: () => void = () => undefined;
      const engine = {
        async diagnose(_t: unknown, options?: { onCheck?: (c: unknown, d: readonly unknown[]) => void }) {
          for (const c of report.checks) {
            options?.onCheck?.(c, [c]);
            await new Promise((r) => setTimeout(r, 100));
          }
          await new Promise<void>((r) => {
            release = r;
          });
          return report;
        },
      };
      const deps = makeDeps({
        engine: engine as never,
        updateIntervalMs: 1000,
        timers: {
          now: () => Date.now(),
          setTimeout: (f, ms) => setTimeout(f, ms),
          clearTimeout: (h) => clearTimeout(h as never),
        },
      });
      const running = runDiagnosisInSlack(
        { client: client as unknown as SlackClient, channelId: 'C1', requestedBy: 'U1', request },
        deps,
      );
      // Checks finish at 0, 100 and 200 ms: one edit at once, the other two collapse into one at 1000 ms.
      await vi.advanceTimersByTimeAsync(10);
      expect(client.chat.update).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(900);
      expect(client.chat.update).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(client.chat.update).toHaveBeenCalledTimes(2);
      release();
      await vi.advanceTimersByTimeAsync(2000);
      await running;
      // + the final checklist (after the interval) + the parent's verdict.
      expect(client.chat.update).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
