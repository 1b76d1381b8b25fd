/**
 * The operational HTTP endpoints, as pure functions from state to an answer (status, headers, body), plus one
 * adapter to a Node request handler (Bolt custom routes).
 * - GET /healthz: liveness for the orchestrator. 200 while the process runs (also during the drain and while
 *   Socket Mode reconnects), 503 once the Slack receiver is closing, and 503 when the bot has had no Slack
 *   connection for longer than SLACK_UNHEALTHY_AFTER_SECONDS (a wedged process gets restarted).
 * - GET /readyz: readiness for the load balancer. 200 only when every readiness check passes (the store answers
 *   a round trip within a bound, the configuration is usable) and the process is not draining; else 503. The JSON
 *   body names each check and why it failed.
 * - GET /metrics: the Prometheus text exposition.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackMode } from '../config.js';
import { scrubSecrets } from '../secrets.js';

export const OPS_PATHS = {
  health: '/healthz',
  ready: '/readyz',
  metrics: '/metrics',
} as const;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One readiness check: resolves when ready, throws (with a reason a person can act on) when not. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void> | void;
}

export interface ReadinessDeps {
  checks: readonly ReadinessCheck[];
  /** True once shutdown began: the load balancer must stop sending new work. */
  isDraining: () => boolean;
  /** Bound on each check (default 2000 ms), so /readyz never hangs on a stuck database. */
  checkTimeoutMs?: number;
  /** Clock for the per-check timings (test seam). */
  now?: () => number;
}

export interface CheckOutcome {
  ok: boolean;
  ms: number;
  error?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function json(status: number, body: unknown): HttpAnswer {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

class CheckTimeout extends Error {}

async function runCheck(check: ReadinessCheck, timeoutMs: number, now: () => number): Promise<CheckOutcome> {
  const started = now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(() => check.check()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref?.();
      }),
    ]);
    return { ok: true, ms: now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, ms: now() - started, error: scrubSecrets(message).replace(/\s+/g, ' ').slice(0, 300) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function readyz(deps: ReadinessDeps): Promise<HttpAnswer> {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.checkTimeoutMs ?? 2000;
  const outcomes = await Promise.all(deps.checks.map((c) => runCheck(c, timeoutMs, now)));
  const checks = Object.fromEntries(deps.checks.map((c, i) => [c.name, outcomes[i] as CheckOutcome]));
  // Read after the checks: a drain that began while they ran must not be answered "ready".
  const draining = deps.isDraining();
  const ready = !draining && outcomes.every((o) => o.ok);
  return json(ready ? 200 : 503, { status: draining ? 'draining' : ready ? 'ready' : 'not_ready', checks });
}

/** What /healthz needs to know about the Slack side (see src/slack/connection.ts). */
export interface LivenessState {
  mode: SlackMode;
  phase: string;
  connected: boolean;
  downForMs: number;
}

export const DEFAULT_UNHEALTHY_AFTER_MS = 300_000;

export function healthz(state: LivenessState, unhealthyAfterMs: number = DEFAULT_UNHEALTHY_AFTER_MS): HttpAnswer {
  if (state.phase === 'stopping' || state.phase === 'stopped') {
    return json(503, { status: 'stopping', mode: state.mode });
  }
  if (!state.connected && state.downForMs > unhealthyAfterMs) {
    return json(503, {
      status: 'unhealthy',
      mode: state.mode,
      slack: state.phase,
      reason: `no Slack connection for ${Math.round(state.downForMs / 1000)} s (bound ${Math.round(unhealthyAfterMs / 1000)} s)`,
    });
  }
  return json(200, { status: 'ok', mode: state.mode, slack: state.phase });
}

export async function metricsAnswer(render: () => Promise<{ contentType: string; body: string }>): Promise<HttpAnswer> {
  try {
    const { contentType, body } = await render();
    return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: scrubSecrets(message) };
  }
}

/** Adapts an answer-producing function to a Node/Bolt route handler. HEAD gets the headers without the body. */
export function routeHandler(
  answer: () => HttpAnswer | Promise<HttpAnswer>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    Promise.resolve()
      .then(answer)
      .then(
        (a) => {
          res.writeHead(a.status, a.headers);
          res.end(req.method === 'HEAD' ? undefined : a.body);
        },
        () => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('internal error');
        },
      );
  };
}
