/**
 * The operational routes /healthz, /readyz and /metrics, built from the running bot's parts: the Slack connection
 * (Socket Mode connected / HTTP receiver listening), the store's round trip, the configuration's readiness, the
 * drain state, the metrics registry. Served on PORT in both modes (HTTP mode: by Bolt's receiver as custom routes;
 * Socket Mode: by route-server.ts).
 */
import type { CustomRoute } from '@slack/bolt';
import type { Config } from '../config.js';
import {
  healthz,
  type LivenessState,
  metricsAnswer,
  OPS_PATHS,
  type ReadinessCheck,
  readyz,
  routeHandler,
} from './health.js';
import { type BotMetrics, metrics } from './metrics.js';

export interface OpsRouteDeps<S extends LivenessState = LivenessState> {
  store: { ping(): Promise<void> };
  isDraining: () => boolean;
  config: Pick<Config, 'slack'>;
  /** What start-up learned from Slack's auth.test. */
  identity: { botUserId?: string };
  /** The Slack side's state (src/slack/connection.ts): /readyz needs it connected, /healthz bounds its absence. */
  connection: { status(): S };
  /** Describes why the connection is not up, for /readyz. */
  describeDisconnected?: (status: S) => string;
  /** SLACK_UNHEALTHY_AFTER_SECONDS in ms (default 300 s). */
  unhealthyAfterMs?: number;
  metrics?: BotMetrics;
  checkTimeoutMs?: number;
}

/** Readiness of the Slack side: Socket Mode connected, or the HTTP receiver listening. */
export function slackReadiness<S extends LivenessState>(
  deps: Pick<OpsRouteDeps<S>, 'connection' | 'describeDisconnected'>,
): ReadinessCheck {
  return {
    name: 'slack',
    check: () => {
      const status = deps.connection.status();
      if (status.connected) return;
      throw new Error(deps.describeDisconnected?.(status) ?? `not connected to Slack (${status.phase})`);
    },
  };
}

/**
 * Readiness of the configuration the process is serving with: the credentials its Slack mode needs are present
 * and Slack accepted the bot token at start (auth.test returned the bot's user id).
 */
export function configReadiness(config: Pick<Config, 'slack'>, identity: { botUserId?: string }): ReadinessCheck {
  return {
    name: 'config',
    check: () => {
      const problems: string[] = [];
      if (!config.slack.botToken) problems.push('SLACK_BOT_TOKEN is missing');
      if (config.slack.mode === 'http' && !config.slack.signingSecret) problems.push('SLACK_SIGNING_SECRET is missing');
      if (config.slack.mode === 'socket' && !config.slack.appToken) problems.push('SLACK_APP_TOKEN is missing');
      if (!identity.botUserId) problems.push('Slack did not confirm the bot token (auth.test gave no bot user id)');
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
}

export function opsRoutes<S extends LivenessState>(deps: OpsRouteDeps<S>): CustomRoute[] {
  const registry = deps.metrics ?? metrics();
  const checks: ReadinessCheck[] = [
    slackReadiness(deps),
    { name: 'store', check: () => deps.store.ping() },
    configReadiness(deps.config, deps.identity),
  ];
  return [
    {
      path: OPS_PATHS.health,
      method: ['GET', 'HEAD'],
      handler: routeHandler(() => healthz(deps.connection.status(), deps.unhealthyAfterMs)),
    },
    {
      path: OPS_PATHS.ready,
      method: ['GET', 'HEAD'],
      handler: routeHandler(() =>
        readyz({
          checks,
          isDraining: deps.isDraining,
          ...(deps.checkTimeoutMs ? { checkTimeoutMs: deps.checkTimeoutMs } : {}),
        }),
      ),
    },
    {
      path: OPS_PATHS.metrics,
      method: ['GET'],
      handler: routeHandler(() => metricsAnswer(() => registry.render())),
    },
  ];
}
