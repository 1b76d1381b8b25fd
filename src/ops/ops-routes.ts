/**
 * The Bolt custom routes for /readyz and /metrics (the Slack app serves /healthz itself), built from the running
 * bot's parts: the store's round trip and the configuration's readiness, the drain state, the metrics registry.
 * Served on PORT in both modes (in Socket Mode, Bolt's small HTTP server for custom routes).
 */
import type { CustomRoute } from '@slack/bolt';
import type { Config } from '../config.js';
import { metricsAnswer, OPS_PATHS, type ReadinessCheck, readyz, routeHandler } from './health.js';
import { type BotMetrics, metrics } from './metrics.js';

export interface OpsRouteDeps {
  store: { ping(): Promise<void> };
  isDraining: () => boolean;
  config: Pick<Config, 'slack'>;
  /** What start-up learned from Slack's auth.test. */
  identity: { botUserId?: string };
  metrics?: BotMetrics;
  checkTimeoutMs?: number;
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

export function opsRoutes(deps: OpsRouteDeps): CustomRoute[] {
  const registry = deps.metrics ?? metrics();
  const checks: ReadinessCheck[] = [
    { name: 'store', check: () => deps.store.ping() },
    configReadiness(deps.config, deps.identity),
  ];
  return [
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
