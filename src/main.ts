#!/usr/bin/env node
/**
 * The bot's entry point: read and validate the config, check the bot token with Slack, open the store, build the
 * engines, the Slack app, remediation (with the app's Web API client), register the listeners, then start
 * receiving (Socket Mode: connect, retried within SLACK_STARTUP_TIMEOUT_SECONDS). Any start-up problem ends the
 * process with ONE line naming the variable to fix (never a stack trace). SIGTERM / SIGINT are handled from the
 * first line of main: during start-up they stop it and exit 0; once running they drain, close the socket (1000),
 * stop and exit 0.
 */
import { pathToFileURL } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import type { DestinationStream } from 'pino';
import { type AccountsDirectory, AccountsFileError, loadAccounts } from './accounts.js';
import { type Config, ConfigError, readConfig, secretValuesOf } from './config.js';
import type { DiagnosisEngine } from './diagnosis/engine.js';
import { createDiagnosisEngine, type LiveDiagnosisEngine } from './diagnosis/index.js';
import { createLogger, type Logger } from './log.js';
import { refuseWhileDraining } from './ops/drain-middleware.js';
import { instrumentAcks, instrumentEngine } from './ops/instrument.js';
import { createShutdown, DrainController, handleSignals } from './ops/lifecycle.js';
import { recordApprovalTransition, recordAwsCall, recordTriage } from './ops/metrics.js';
import { opsRoutes } from './ops/ops-routes.js';
import { externalIdProblems, externalIdsOf, openModeWarning } from './remediation/external-ids.js';
import { createRemediation } from './remediation/setup.js';
import { EXIT } from './report.js';
import { scrubSecrets } from './secrets.js';
import { storeWorkBudget } from './slack/admission.js';
import { createSlackApp, type SlackApp } from './slack/app.js';
import { describeDisconnected, SlackConnection } from './slack/connection.js';
import { slackApproverDirectory, slackRemediationNotifier } from './slack/remediation-notifier.js';
import { storeChannelSettings, storeDeliveryDedupe } from './slack/stores.js';
import { verifyBotToken } from './slack/token-check.js';
import { StartupAborted, StartupError } from './startup-error.js';
import { openStore } from './store/open.js';
import type { Store } from './store/types.js';
import { triage } from './triage/index.js';

export interface RunningBot {
  slack: SlackApp;
  port?: number;
  logger: Logger;
  /** SIGTERM's drain: /readyz turns 503, new Slack work is turned away, in-flight work is awaited (bounded). */
  drain: DrainController;
  /** Drains, then stops the receiver, the remediation sweeper and the engines, and closes the store. */
  stop(): Promise<void>;
}

export type StartResult =
  | { ok: true; bot: RunningBot }
  | { ok: false; exitCode: number; message: string; aborted?: boolean };

export interface StartOptions {
  /** Replaces the diagnosis engine (tests). */
  engine?: (config: Config, logger: Logger) => DiagnosisEngine;
  /** Where logs go (tests pass a silent destination). */
  logDestination?: DestinationStream;
  /** Between remediation sweeps (default 30 s; tests of several replicas sweep often). */
  sweepIntervalMs?: number;
  /** Aborted by SIGTERM / SIGINT during start-up: the start stops, closes what it opened, exits 0. */
  signal?: AbortSignal;
}

export async function startBot(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<StartResult> {
  let store: Store | undefined;
  let slack: SlackApp | undefined;
  let logger: Logger | undefined;
  const { signal } = options;
  const checkAborted = () => {
    if (signal?.aborted) throw new StartupAborted(String(signal.reason ?? 'a signal'));
  };
  try {
    let config: Config;
    try {
      config = readConfig(env, 'bot');
    } catch (error) {
      if (error instanceof ConfigError)
        throw new StartupError(`invalid configuration: ${error.problems.join('; ')}`, EXIT.badInput);
      throw error;
    }
    let accounts: AccountsDirectory;
    try {
      accounts = loadAccounts(config.accountsFile);
    } catch (error) {
      if (error instanceof AccountsFileError) {
        throw new StartupError(`ACCOUNTS_FILE ${error.file} is invalid: ${error.problems.join('; ')}`, EXIT.badInput);
      }
      throw error;
    }
    const idProblems = externalIdProblems(config.aws, accounts);
    if (idProblems.length > 0) throw new StartupError(`invalid configuration: ${idProblems.join('; ')}`, EXIT.badInput);
    const log = createLogger({
      level: config.logLevel,
      knownSecrets: [...secretValuesOf(config), ...externalIdsOf(config.aws, accounts)],
      ...(options.logDestination ? { destination: options.logDestination } : {}),
    });
    const openWarning = openModeWarning(accounts, {
      ...(config.aws.remediationExternalId ? { remediationExternalId: config.aws.remediationExternalId } : {}),
      ...(env.REMEDIATION_ROLE_NAME?.trim() ? { remediationRoleName: env.REMEDIATION_ROLE_NAME.trim() } : {}),
    });
    if (openWarning) log.warn({ accountsFile: false }, openWarning);
    logger = log;
    const drain = new DrainController({ timeoutMs: config.drainTimeoutMs, logger: log });
    const identity = await verifyBotToken(config, { logger: log, ...(signal ? { signal } : {}) });
    checkAborted();
    try {
      const onIdleError = (error: Error) =>
        log.warn({ error: error.message }, 'a pooled PostgreSQL connection failed; it is replaced on next use');
      store = await openStore(config.database, { postgres: { onIdleError } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StartupError(`DATABASE_URL: cannot open the store: ${message}`, EXIT.badInput);
    }
    checkAborted();
    const openedStore = store;
    let live: LiveDiagnosisEngine | undefined;
    let engine: DiagnosisEngine;
    if (options.engine) engine = instrumentEngine(options.engine(config, log));
    else {
      live = createDiagnosisEngine({ aws: config.aws, logger: log, onAwsCall: recordAwsCall });
      engine = instrumentEngine(live);
    }
    // 1. the Slack app (receiver, client, global middleware), 2. remediation with its client, 3. the listeners.
    const connection = new SlackConnection(config.slack.mode);
    const app = createSlackApp(config, {
      ...(identity.botId ? { botId: identity.botId } : {}),
      ...(identity.botUserId ? { botUserId: identity.botUserId } : {}),
      logger: log,
      connection,
      // After the drain, anything still running gets little more time: the drain bound is the real one.
      drainMs: 2000,
      customRoutes: opsRoutes({
        store: openedStore,
        isDraining: () => drain.draining,
        config,
        identity,
        connection,
        describeDisconnected,
        ...(config.slack.unhealthyAfterMs ? { unhealthyAfterMs: config.slack.unhealthyAfterMs } : {}),
      }),
    });
    slack = app;
    const remediation = createRemediation({
      config,
      store: openedStore,
      onTransition: recordApprovalTransition,
      accounts,
      logger: log,
      ...(live ? { roleAssumer: live.roleAssumer } : {}),
      notifier: slackRemediationNotifier(() => app.app.client, accounts, log),
      ...(options.sweepIntervalMs ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
      approvers: slackApproverDirectory(() => app.app.client),
    });
    app.registerListeners({
      triage,
      engine,
      accounts,
      channelSettings: storeChannelSettings(openedStore),
      dedupe: storeDeliveryDedupe(openedStore),
      logger: log,
      diagnosisDeadlineMs: config.aws.diagnosisDeadlineMs,
      remediation: remediation.service,
      onTriage: recordTriage,
      budget: storeWorkBudget(openedStore, config.rateLimits ?? {}, log),
      ...(identity.teamId ? { homeTeamId: identity.teamId } : {}),
    });
    instrumentAcks(app.app);
    app.app.use(refuseWhileDraining(() => drain.draining, log));
    drain.addSource(
      'slack',
      () => app.idle(),
      () => app.tasks.size,
    );
    drain.addSource(
      'remediation',
      () => remediation.service.drain(drain.timeoutMs),
      () => remediation.service.inFlight,
    );
    drain.onDrain(() => void remediation.sweeper.stop());
    let port: number | undefined;
    try {
      port = (await app.start(signal ? { signal } : {})).port;
    } catch (error) {
      await remediation.close(1000).catch(() => undefined);
      live?.close();
      if (error instanceof StartupError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`PORT ${config.slack.port} is already in use; set PORT to a free port.`, EXIT.badInput);
      throw error;
    }
    remediation.sweeper.start();
    log.info(
      {
        mode: config.slack.mode,
        port,
        accounts: accounts.configured ? accounts.accounts.length : 'any',
        botUserId: identity.botUserId,
      },
      `bedrock-403 is running in ${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP mode on port ${port}`}`,
    );
    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        await drain.drain();
        log.info('stopping');
        await app.stop();
        await remediation.close(1000).catch(() => undefined);
        live?.close();
        await openedStore.close().catch(() => undefined);
        log.info('stopped');
      })();
      return stopped;
    };
    return { ok: true, bot: { slack: app, logger: log, drain, stop, ...(port !== undefined ? { port } : {}) } };
  } catch (error) {
    await slack?.stop().catch(() => undefined);
    await store?.close().catch(() => undefined);
    if (error instanceof StartupAborted) {
      logger?.info(error.message);
      return { ok: false, exitCode: error.exitCode, message: error.message, aborted: true };
    }
    if (error instanceof StartupError) return { ok: false, exitCode: error.exitCode, message: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      exitCode: EXIT.unexpected,
      message: `unexpected start-up failure: ${scrubSecrets(message).replace(/\s+/g, ' ')}`,
    };
  }
}

/** One line on stderr, secrets scrubbed. */
function fail(message: string, exitCode: number): never {
  process.stderr.write(`bedrock-403: ${scrubSecrets(message).replace(/\s+/g, ' ').trim()}\n`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  // First: a signal at any moment is handled. During start-up it aborts the start (exit 0); once running, it
  // drains and stops (exit 0); a second signal exits 1 at once.
  const startup = new AbortController();
  let shutdown: ((signal: string) => Promise<void>) | undefined;
  let signalled = 0;
  handleSignals(async (signal) => {
    signalled += 1;
    if (shutdown) return shutdown(signal);
    if (signalled > 1) process.exit(EXIT.unexpected);
    startup.abort(signal);
  });
  loadDotenv({ quiet: true });
  const result = await startBot(process.env, { signal: startup.signal });
  if (!result.ok) {
    if (result.aborted) process.exit(EXIT.ok);
    fail(result.message, result.exitCode);
  }
  const { bot } = result;
  process.on('unhandledRejection', (reason) => {
    bot.logger.error(
      { error: reason instanceof Error ? reason.message : String(reason) },
      'unhandled promise rejection',
    );
  });
  shutdown = createShutdown({
    drain: bot.drain,
    steps: [{ name: 'stop', run: () => bot.stop() }],
    exit: (code) => process.exit(code),
    logger: bot.logger,
  });
  // A signal that arrived while startBot was returning.
  if (startup.signal.aborted) void shutdown(String(startup.signal.reason));
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // The SDK versions are pinned for Node 20 (package-lock.json); its Node 22 notice is noise on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), EXIT.unexpected));
}
