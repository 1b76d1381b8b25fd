/**
 * Builds the Bolt app from config and injected deps: Socket Mode when SLACK_MODE=socket, otherwise the HTTP
 * receiver serving POST /slack/events and GET /healthz on PORT; the Web API base URL from SLACK_API_URL.
 * Thin on purpose: listeners live in ./listeners, Block Kit in ./blocks.
 */
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.js';
import { RunningWork } from './admission.js';
import { boltLogger } from './bolt-logger.js';
import { realTimers } from './coalescing-updater.js';
import type { ListenerDeps, SlackAppDeps } from './deps.js';
import { HTTP_PATHS } from './ids.js';
import { registerListeners } from './listeners/index.js';
import { describeError } from './reply.js';
import { guardedFetch, responseUrlPolicy } from './response-url-guard.js';
import { InMemoryDeliveryDedupe } from './stores.js';
import { BackgroundTasks } from './tasks.js';

export interface BuildAppOptions {
  /** Known from auth.test at start-up (main.ts): Bolt then skips its own auth.test. */
  botId?: string;
  botUserId?: string;
  /**
   * Web API retries on 429/5xx/network errors (default: WEB_API_RETRY_POLICY; tests pass 0 so a failure shows at
   * once). The rest of the policy (backoff, time budget) stays.
   */
  webApiRetries?: number;
  /** How long stop() waits for work already acknowledged (default 10 s). */
  drainMs?: number;
  /** More routes served next to /healthz (main.ts: /readyz and /metrics). */
  customRoutes?: CustomRoute[];
}

/**
 * How the Web API client retries (p-retry options). On HTTP 429 the client first waits the Retry-After Slack sent,
 * then this backoff: the backoff starts small because Retry-After already says how long to wait, and the budget is
 * counted in time (2 minutes) rather than in a few attempts, so a sustained rate limit delays answers instead of
 * losing them. 5xx and network errors get the same bounded patience.
 */
/** Slack refuses requests older than five minutes; a replay is remembered a little longer than that. */
const REPLAY_WINDOW_SECONDS = 330;

/** The Web API's own base URL (the client's default), used when SLACK_API_URL is not set. */
const SLACK_API_BASE = 'https://slack.com/api/';

export const WEB_API_RETRY_POLICY = {
  retries: 10,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 10_000,
  maxRetryTime: 120_000,
} as const;

export interface SlackApp {
  app: App;
  deps: ListenerDeps;
  mode: Config['slack']['mode'];
  /** Starts receiving. In HTTP mode resolves with the port listened on (PORT may be 0 in tests). */
  start(): Promise<{ port?: number }>;
  /** Stops receiving, aborts running diagnoses, waits (bounded) for acknowledged work to finish. */
  stop(): Promise<void>;
  /** Resolves when no acknowledged work is still running (tests). */
  idle(): Promise<void>;
}

export function buildApp(config: Config, deps: SlackAppDeps, options: BuildAppOptions = {}): SlackApp {
  const { slack } = config;
  if (!slack.botToken) throw new Error('SLACK_BOT_TOKEN is missing');
  const lifecycle = new AbortController();
  const listenerDeps: ListenerDeps = {
    ...deps,
    updateIntervalMs: deps.updateIntervalMs ?? 1000,
    onTriage: (triage, source) => {
      try {
        deps.onTriage?.(triage, source);
      } catch {
        // an observer never breaks a reply
      }
    },
    timers: deps.timers ?? realTimers,
    tasks: new BackgroundTasks(deps.logger),
    running: new RunningWork(),
    signal: lifecycle.signal,
  };
  let stopping = false;
  const health: CustomRoute = {
    path: HTTP_PATHS.health,
    method: ['GET'],
    handler: (_req, res: ServerResponse) => {
      const status = stopping ? 503 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: stopping ? 'stopping' : 'ok', mode: slack.mode }));
    },
  };
  const logger = boltLogger(deps.logger);
  const seenSignatures = new InMemoryDeliveryDedupe(100_000);

  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (slack.mode === 'socket') {
    if (!slack.appToken) throw new Error('SLACK_APP_TOKEN is missing (required when SLACK_MODE=socket)');
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      customRoutes: [health, ...(options.customRoutes ?? [])],
      installerOptions: { port: slack.port },
    });
  } else {
    if (!slack.signingSecret) throw new Error('SLACK_SIGNING_SECRET is missing (required in HTTP mode)');
    httpReceiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: HTTP_PATHS.events,
      customRoutes: [health, ...(options.customRoutes ?? [])],
      logger,
      processBeforeResponse: false,
      // The signature reaches the middleware below, which refuses an exact replay inside Slack's 5-minute window.
      customPropertiesExtractor: (req) => ({ slackSignature: req.headers['x-slack-signature'] }),
    });
    receiver = httpReceiver;
  }

  const apiBase = slack.apiUrl ? (slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`) : SLACK_API_BASE;
  const app = new App({
    token: slack.botToken,
    receiver,
    logger,
    // No conversation-context middleware: nothing reads context.conversation, and it costs every request.
    convoStore: false,
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    clientOptions: {
      slackApiUrl: apiBase,
      // Bolt's respond() and the Web API share this fetch: a response_url must be https to an allowed host.
      fetch: guardedFetch({ apiBase, policy: responseUrlPolicy(slack.responseUrlHosts), logger: deps.logger }),
      retryConfig: { ...WEB_API_RETRY_POLICY, retries: options.webApiRetries ?? WEB_API_RETRY_POLICY.retries },
    },
  });
  // Every listener's work, before and after ack(), is tracked: stop() drains it and tests await idle(). Global
  // middleware, so listeners registered by other modules (remediation) are covered too.
  // Bolt accepts a correctly signed request again and again for five minutes. Slack never sends the same signature
  // twice (a retry is signed anew, and is then caught by the event_id dedupe), so a repeat is a replay: acknowledge
  // it and do nothing. Held in memory (the ack path stays free of store writes): per replica, bounded.
  app.use(async (args) => {
    const signature = (args.context as { slackSignature?: unknown }).slackSignature;
    if (typeof signature === 'string' && !(await seenSignatures.claim(signature, REPLAY_WINDOW_SECONDS))) {
      deps.logger.warn({ type: args.body.type }, 'replayed Slack request ignored (same signature seen before)');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  });
  app.use(async ({ next }) => {
    listenerDeps.tasks.noteRequest();
    await listenerDeps.tasks.run('slack request', () => next());
  });
  app.error(async (error) => {
    deps.logger.error({ error: describeError(error) }, 'unhandled error in a Slack listener');
  });
  registerListeners(app, listenerDeps);

  return {
    app,
    deps: listenerDeps,
    mode: slack.mode,
    async start() {
      if (slack.mode === 'socket') {
        await app.start();
        return {};
      }
      const server = (await app.start(slack.port)) as { address(): AddressInfo | string | null };
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : slack.port };
    },
    async stop() {
      stopping = true;
      try {
        await app.stop();
      } catch (error) {
        deps.logger.warn({ error: describeError(error) }, 'stopping the Slack receiver failed');
      }
      lifecycle.abort(new Error('shutting down'));
      await Promise.race([
        listenerDeps.tasks.idle(),
        new Promise<void>((resolve) => setTimeout(resolve, options.drainMs ?? 10_000).unref()),
      ]);
    },
    idle: () => listenerDeps.tasks.idle(),
  };
}
