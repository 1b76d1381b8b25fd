import { describe, expect, it, vi } from 'vitest';
import { ackKindOf, instrumentAcks, instrumentEngine } from '../../src/ops/instrument.js';
import { BotMetrics } from '../../src/ops/metrics.js';
import { sampleReport } from '../slack/helpers/fakes.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('instrumentEngine', () => {
  it('records each report and each failure, and passes both through unchanged', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    const report = sampleReport();
    const ok = instrumentEngine({ diagnose: async () => report }, m);
    expect(await ok.diagnose({ accountId: '111111111111' })).toBe(report);
    const boom = new Error('role missing');
    const failing = instrumentEngine({ diagnose: async () => Promise.reject(boom) }, m);
    await expect(failing.diagnose({ accountId: '111111111111' })).rejects.toBe(boom);
    const aborted = new AbortController();
    aborted.abort();
    await expect(failing.diagnose({ accountId: '111111111111' }, { signal: aborted.signal })).rejects.toBe(boom);
    const { body } = await m.render();
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="problems"}')).toBe(1);
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="error"}')).toBe(1);
    expect(sample(body, 'bedrock403_diagnoses_total{outcome="aborted"}')).toBe(1);
    expect(body).toMatch(/bedrock403_checks_total\{check="\w+",status="\w+"\} 1/);
  });
});

describe('acks', () => {
  it('names the kind of each Slack request', () => {
    expect(ackKindOf({ command: '/bedrock-403' })).toBe('command');
    expect(ackKindOf({ type: 'block_actions' })).toBe('action');
    expect(ackKindOf({ type: 'message_action' })).toBe('shortcut');
    expect(ackKindOf({ type: 'view_submission' })).toBe('view');
    expect(ackKindOf({ type: 'event_callback' })).toBe('event');
    expect(ackKindOf({ type: 'url_verification' })).toBe('other');
  });

  it('observes the first ack of each request and passes the ack through', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    const received: unknown[] = [];
    const app = {
      processEvent: vi.fn(async (event: { ack: (r?: unknown) => Promise<void> }) => {
        await event.ack({ text: 'hi' });
        await event.ack();
      }),
    };
    instrumentAcks(app as never, m);
    await app.processEvent({
      body: { command: '/bedrock-403' },
      ack: async (r?: unknown) => void received.push(r),
    } as never);
    expect(received).toEqual([{ text: 'hi' }, undefined]);
    const { body } = await m.render();
    expect(sample(body, 'bedrock403_slack_ack_duration_seconds_count{kind="command"}')).toBe(1);
  });
});
