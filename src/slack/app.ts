/**
 * Builds the Bolt app from config: Socket Mode when SLACK_MODE=socket, otherwise the HTTP receiver serving
 * POST /slack/events on PORT; every Slack client (the Web API and Socket Mode's apps.connections.open) uses
 * SLACK_API_URL. Two steps, because remediation needs the app's Web API client and the listeners need remediation:
 * `createSlackApp` (the app, its receiver and global middleware), then `registerListeners(deps)`; `buildApp` does
 * both for callers without that cycle. Thin on purpose: listeners live in ./listeners, Block Kit in ./blocks.
 */
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { type RunningRouteServer, serveRoutes } from '../ops/route-server.js';
import { RunningWork, runningLeaseSeconds } from './admission.js';
import { boltLogger } from './bolt-logger.js';
import { realTimers } from './coalescing-updater.js';
import { SlackConnection } from './connection.js';
import type { ListenerDeps, SlackAppDeps } from './deps.js';
import { HTTP_PATHS } from './ids.js';
import { registerListeners } from './listeners/index.js';
import { describeError } from './reply.js';
import { guardedFetch, responseUrlPolicy } from './response-url-guard.js';
import { SocketSupervisor } from './socket-supervisor.js';
import { InMemoryDeliveryDedupe } from './stores.js';
import { BackgroundTasks } from './tasks.js';
import { slackApiUrl } from './token-check.js';

export interface BuildAppOptions {
  /** Known from auth.test at start-up (token-check.ts): Bolt then skips its own auth.test. */
  botId?: string;
  botUserId?: string;
  /**
   * Web API retries on 429/5xx/network errors (default: WEB_API_RETRY_POLICY; tests pass 0 so a failure shows at
   * once). The rest of the policy (backoff, time budget) stays.
   */
  webApiRetries?: number;
  /** How long stop() waits for work already acknowledged (default 10 s). */
  drainMs?: number;
  /** Routes served on PORT next to Slack's (main.ts: /healthz, /readyz, /metrics); in Socket Mode, alone. */
  customRoutes?: CustomRoute[];
  /** Shared with the routes that report it (/readyz, /healthz); created here when absent. */
  connection?: SlackConnection;
}

export interface StartOptions {
  /** Aborts a start-up still waiting for Slack (SIGTERM during start-up). */
  signal?: AbortSignal;
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
  /** The listeners' deps; set by registerListeners (throws before). */
  readonly deps: ListenerDeps;
  mode: Config['slack']['mode'];
  /** Socket connected / receiver listening, for /readyz and /healthz. */
  connection: SlackConnection;
  /** Work that continues after ack(); stop() waits for it. */
  tasks: BackgroundTasks;
  /** Registers every listener with these deps (once). */
  registerListeners(deps: SlackAppDeps): ListenerDeps;
  /**
   * Starts receiving. HTTP mode: listens on PORT. Socket Mode: serves the custom routes on PORT, then connects
   * (retried until SLACK_STARTUP_TIMEOUT_SECONDS; throws StartupError). Resolves with the port listened on.
   */
  start(options?: StartOptions): Promise<{ port?: number }>;
  /** Stops receiving (Socket Mode: closes the socket with 1000), aborts running diagnoses, waits (bounded). */
  stop(): Promise<void>;
  /** Resolves when no acknowledged work is still running (tests). */
  idle(): Promise<void>;
}

export interface CreateSlackAppOptions extends BuildAppOptions {
  logger: Logger;
}

export function buildApp(config: Config, deps: SlackAppDeps, options: BuildAppOptions = {}): SlackApp {
  const slack = createSlackApp(config, { ...options, logger: deps.logger });
  slack.registerListeners(deps);
  return slack;
}

export function createSlackApp(config: Config, options: CreateSlackAppOptions): SlackApp {
  const { slack } = config;
  if (!slack.botToken) throw new Error('SLACK_BOT_TOKEN is missing');
  const lifecycle = new AbortController();
  const tasks = new BackgroundTasks(options.logger);
  const connection = options.connection ?? new SlackConnection(slack.mode);
  const logger = boltLogger(options.logger);
  const seenSignatures = new InMemoryDeliveryDedupe(100_000);
  const apiUrl = slackApiUrl(config);

  let receiver: Receiver;
  let supervisor: SocketSupervisor | undefined;
  if (slack.mode === 'socket') {
    if (!slack.appToken) throw new Error('SLACK_APP_TOKEN is missing (required when SLACK_MODE=socket)');
    const socketReceiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      // Reconnection is the supervisor's (socket-supervisor.ts): logged, bounded, never a dangling promise.
      autoReconnectEnabled: false,
      // The Socket Mode client's own Web API client (apps.connections.open) takes these.
      installerOptions: {
        clientOptions: {
          ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
          timeout: 10_000,
        },
      },
    });
    supervisor = new SocketSupervisor({
      client: socketReceiver.client as unknown as ConstructorParameters<typeof SocketSupervisor>[0]['client'],
      connection,
      logger: options.logger,
      ...(slack.startupTimeoutMs !== undefined ? { startupTimeoutMs: slack.startupTimeoutMs } : {}),
    });
    receiver = socketReceiver;
  } else {
    if (!slack.signingSecret) throw new Error('SLACK_SIGNING_SECRET is missing (required in HTTP mode)');
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: HTTP_PATHS.events,
      customRoutes: options.customRoutes ?? [],
      logger,
      processBeforeResponse: false,
      // The signature reaches the middleware below, which refuses an exact replay inside Slack's 5-minute window.
      customPropertiesExtractor: (req) => ({ slackSignature: req.headers['x-slack-signature'] }),
    });
  }

  const apiBase = apiUrl ?? SLACK_API_BASE;
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
      fetch: guardedFetch({ apiBase, policy: responseUrlPolicy(slack.responseUrlHosts), logger: options.logger }),
      retryConfig: { ...WEB_API_RETRY_POLICY, retries: options.webApiRetries ?? WEB_API_RETRY_POLICY.retries },
    },
  });
  // Bolt accepts a correctly signed request again and again for five minutes. Slack never sends the same signature
  // twice (a retry is signed anew, and is then caught by the event_id dedupe), so a repeat is a replay: acknowledge
  // it and do nothing. Held in memory (the ack path stays free of store writes): per replica, bounded.
  app.use(async (args) => {
    const signature = (args.context as { slackSignature?: unknown }).slackSignature;
    if (typeof signature === 'string' && !(await seenSignatures.claim(signature, REPLAY_WINDOW_SECONDS))) {
      options.logger.warn({ type: args.body.type }, 'replayed Slack request ignored (same signature seen before)');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  });
  // Every listener's work, before and after ack(), is tracked: stop() drains it and tests await idle(). Global
  // middleware, so listeners registered by other modules (remediation) are covered too.
  app.use(async ({ next }) => {
    tasks.noteRequest();
    await tasks.run('slack request', () => next());
  });
  app.error(async (error) => {
    options.logger.error({ error: describeError(error) }, 'unhandled error in a Slack listener');
  });

  let listenerDeps: ListenerDeps | undefined;
  let routeServer: RunningRouteServer | undefined;
  return {
    app,
    mode: slack.mode,
    connection,
    tasks,
    get deps(): ListenerDeps {
      if (!listenerDeps) throw new Error('the Slack listeners are not registered yet');
      return listenerDeps;
    },
    registerListeners(deps) {
      if (listenerDeps) throw new Error('the Slack listeners are already registered');
      listenerDeps = {
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
        tasks,
        running: new RunningWork({
          store: deps.dedupe,
          ttlSeconds: runningLeaseSeconds(deps.diagnosisDeadlineMs),
          logger: deps.logger,
        }),
        signal: lifecycle.signal,
      };
      registerListeners(app, listenerDeps);
      return listenerDeps;
    },
    async start(startOptions = {}) {
      if (supervisor) {
        if (options.customRoutes?.length) routeServer = await serveRoutes(options.customRoutes, slack.port);
        await supervisor.start(startOptions.signal);
        return routeServer ? { port: routeServer.port } : {};
      }
      const server = (await app.start(slack.port)) as { address(): AddressInfo | string | null };
      connection.markConnected();
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : slack.port };
    },
    async stop() {
      connection.markStopping();
      try {
        if (supervisor) await supervisor.stop();
        else await app.stop();
      } catch (error) {
        options.logger.warn({ error: describeError(error) }, 'stopping the Slack receiver failed');
      }
      lifecycle.abort(new Error('shutting down'));
      await Promise.race([
        tasks.idle(),
        new Promise<void>((resolve) => setTimeout(resolve, options.drainMs ?? 10_000).unref()),
      ]);
      await routeServer?.close();
      connection.markStopped();
    },
    idle: () => tasks.idle(),
  };
}
