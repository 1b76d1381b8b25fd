import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsAnswer, readyz, routeHandler } from '../../src/ops/health.js';
import { BotMetrics } from '../../src/ops/metrics.js';

const ok = { name: 'store', check: async () => undefined };

describe('/readyz', () => {
  it('is 200 when every check passes and the process is not draining', async () => {
    const answer = await readyz({ checks: [ok, { name: 'config', check: () => undefined }], isDraining: () => false });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.status).toBe('ready');
    expect(body.checks.store.ok).toBe(true);
    expect(body.checks.config.ok).toBe(true);
  });

  it('is 503 naming the failed check, with secrets scrubbed from its reason', async () => {
    const failing = {
      name: 'store',
      check: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432 with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
      },
    };
    const answer = await readyz({
      checks: [failing, { name: 'config', check: () => undefined }],
      isDraining: () => false,
    });
    expect(answer.status).toBe(503);
    const body = JSON.parse(answer.body);
    expect(body.status).toBe('not_ready');
    expect(body.checks.store).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(body.checks.config.ok).toBe(true);
    expect(answer.body).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('is 503 when a synchronous check throws', async () => {
    const answer = await readyz({
      checks: [
        {
          name: 'config',
          check: () => {
            throw new Error('ACCOUNTS_FILE could not be read');
          },
        },
      ],
      isDraining: () => false,
    });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).checks.config.error).toBe('ACCOUNTS_FILE could not be read');
  });

  it('does not hang on a check that never answers', async () => {
    const stuck = { name: 'store', check: () => new Promise<void>(() => undefined) };
    const answer = await readyz({ checks: [stuck], isDraining: () => false, checkTimeoutMs: 20 });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).checks.store.error).toMatch(/no answer within 20 ms/);
  });

  it('is 503 while draining even when every check passes', async () => {
    const answer = await readyz({ checks: [ok], isDraining: () => true });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).status).toBe('draining');
  });

  it('is 503 when the drain begins while the checks run', async () => {
    let draining = false;
    const slow = {
      name: 'store',
      check: async () => {
        draining = true;
      },
    };
    expect((await readyz({ checks: [slow], isDraining: () => draining })).status).toBe(503);
  });
});

describe('/metrics', () => {
  it('serves the Prometheus exposition with its content type', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    m.recordApprovalTransition('requested', 'approved');
    const answer = await metricsAnswer(() => m.render());
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.body).toContain('bedrock403_approval_transitions_total{from="requested",to="approved"} 1');
  });

  it('answers 500 when rendering fails', async () => {
    const answer = await metricsAnswer(async () => {
      throw new Error('collector broke');
    });
    expect(answer).toMatchObject({ status: 500, body: 'collector broke' });
  });
});

describe('routeHandler', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  async function serve(handler: ReturnType<typeof routeHandler>): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('writes status, headers and body; HEAD gets no body', async () => {
    const url = await serve(routeHandler(() => readyz({ checks: [ok], isDraining: () => true })));
    const get = await fetch(url);
    expect(get.status).toBe(503);
    expect(get.headers.get('content-type')).toMatch(/application\/json/);
    expect(JSON.parse(await get.text()).status).toBe('draining');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(503);
    expect(await head.text()).toBe('');
  });

  it('answers 500 when the answer itself fails', async () => {
    const url = await serve(
      routeHandler(async () => {
        throw new Error('boom');
      }),
    );
    const res = await fetch(url);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('internal error');
  });
});
