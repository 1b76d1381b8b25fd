#!/usr/bin/env node
/**
 * The bot's entry point: read and validate the config, check the Slack tokens with Slack itself, open the store,
 * build the engines and start the Slack app. Any start-up problem ends the process with ONE line naming the
 * variable to fix (never a stack trace); SIGTERM / SIGINT stop the receiver and let acknowledged work finish.
 */
import { pathToFileURL } from 'node:url';
import { webApi } from '@slack/bolt';
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
import { buildApp, type SlackApp } from './slack/app.js';
import { slackApproverDirectory, slackRemediationNotifier } from './slack/remediation-notifier.js';
import { slackErrorCode } from './slack/reply.js';
import { storeChannelSettings, storeDeliveryDedupe } from './slack/stores.js';
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

export type StartResult = { ok: true; bot: RunningBot } | { ok: false; exitCode: number; message: string };

export interface StartOptions {
  /** Replaces the diagnosis engine (tests). */
  engine?: (config: Config, logger: Logger) => DiagnosisEngine;
  /** Where logs go (tests pass a silent destination). */
  logDestination?: DestinationStream;
  /** Between remediation sweeps (default 30 s; tests of several replicas sweep often). */
  sweepIntervalMs?: number;
}

/** Slack's answers that mean "this token is not valid", as opposed to "Slack could not be reached". */
const REJECTED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'not_allowed_token_type',
  'missing_scope',
]);

class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.unexpected,
  ) {
    super(message);
  }
}

function webClient(config: Config, token: string): webApi.WebClient {
  const url = config.slack.apiUrl;
  return new webApi.WebClient(token, {
    ...(url ? { slackApiUrl: url.endsWith('/') ? url : `${url}/` } : {}),
    retryConfig: { retries: 1, factor: 1, minTimeout: 500 },
    timeout: 10_000,
  });
}

/** auth.test with the bot token (and apps.connections.open with the app token in Socket Mode). */
async function verifySlackTokens(config: Config): Promise<{ botId?: string; botUserId?: string; teamId?: string }> {
  const where = config.slack.apiUrl ?? 'https://slack.com/api/';
  let identity: { botId?: string; botUserId?: string; teamId?: string };
  try {
    const result = await webClient(config, config.slack.botToken ?? '').auth.test();
    identity = {
      ...(typeof result.bot_id === 'string' ? { botId: result.bot_id } : {}),
      ...(typeof result.user_id === 'string' ? { botUserId: result.user_id } : {}),
      ...(typeof result.team_id === 'string' ? { teamId: result.team_id } : {}),
    };
  } catch (error) {
    const code = slackErrorCode(error);
    if (REJECTED.has(code)) {
      throw new StartupError(
        `SLACK_BOT_TOKEN was rejected by Slack (${code}): set the app's Bot User OAuth Token (xoxb-...).`,
        EXIT.badInput,
      );
    }
    throw new StartupError(
      `cannot reach the Slack Web API at ${where} to check SLACK_BOT_TOKEN (${code}); check the network or SLACK_API_URL.`,
    );
  }
  if (config.slack.mode === 'socket') {
    try {
      await webClient(config, config.slack.appToken ?? '').apps.connections.open();
    } catch (error) {
      const code = slackErrorCode(error);
      if (REJECTED.has(code)) {
        throw new StartupError(
          `SLACK_APP_TOKEN was rejected by Slack (${code}): set an app-level token (xapp-...) with the connections:write scope.`,
          EXIT.badInput,
        );
      }
      throw new StartupError(`cannot reach the Slack Web API at ${where} to check SLACK_APP_TOKEN (${code}).`);
    }
  }
  return identity;
}

export async function startBot(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<StartResult> {
  let store: Store | undefined;
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
    const logger = createLogger({
      level: config.logLevel,
      knownSecrets: [...secretValuesOf(config), ...externalIdsOf(config.aws, accounts)],
      ...(options.logDestination ? { destination: options.logDestination } : {}),
    });
    const openWarning = openModeWarning(accounts, {
      ...(config.aws.remediationExternalId ? { remediationExternalId: config.aws.remediationExternalId } : {}),
      ...(env.REMEDIATION_ROLE_NAME?.trim() ? { remediationRoleName: env.REMEDIATION_ROLE_NAME.trim() } : {}),
    });
    if (openWarning) logger.warn({ accountsFile: false }, openWarning);
    const drain = new DrainController({ timeoutMs: config.drainTimeoutMs, logger });
    const identity = await verifySlackTokens(config);
    try {
      const onIdleError = (error: Error) =>
        logger.warn({ error: error.message }, 'a pooled PostgreSQL connection failed; it is replaced on next use');
      store = await openStore(config.database, { postgres: { onIdleError } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StartupError(`DATABASE_URL: cannot open the store: ${message}`, EXIT.badInput);
    }
    const openedStore = store;
    let live: LiveDiagnosisEngine | undefined;
    let engine: DiagnosisEngine;
    if (options.engine) engine = instrumentEngine(options.engine(config, logger));
    else {
      live = createDiagnosisEngine({ aws: config.aws, logger, onAwsCall: recordAwsCall });
      engine = instrumentEngine(live);
    }
    let built: SlackApp | undefined;
    const remediation = createRemediation({
      config,
      store: openedStore,
      onTransition: recordApprovalTransition,
      accounts,
      logger,
      ...(live ? { roleAssumer: live.roleAssumer } : {}),
      notifier: slackRemediationNotifier(() => built?.app.client, accounts, logger),
      ...(options.sweepIntervalMs ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
      approvers: slackApproverDirectory(() => built?.app.client),
    });
    const slack = buildApp(
      config,
      {
        triage,
        engine,
        accounts,
        channelSettings: storeChannelSettings(openedStore),
        dedupe: storeDeliveryDedupe(openedStore),
        logger,
        diagnosisDeadlineMs: config.aws.diagnosisDeadlineMs,
        remediation: remediation.service,
        onTriage: recordTriage,
        budget: storeWorkBudget(openedStore, config.rateLimits ?? {}, logger),
        ...(identity.teamId ? { homeTeamId: identity.teamId } : {}),
      },
      {
        ...(identity.botId ? { botId: identity.botId } : {}),
        ...(identity.botUserId ? { botUserId: identity.botUserId } : {}),
        // After the drain, anything still running gets little more time: the drain bound is the real one.
        drainMs: 2000,
        customRoutes: opsRoutes({ store: openedStore, isDraining: () => drain.draining, config, identity }),
      },
    );
    built = slack;
    instrumentAcks(slack.app);
    slack.app.use(refuseWhileDraining(() => drain.draining, logger));
    drain.addSource(
      'slack',
      () => slack.idle(),
      () => slack.deps.tasks.size,
    );
    drain.addSource(
      'remediation',
      () => remediation.service.drain(drain.timeoutMs),
      () => remediation.service.inFlight,
    );
    drain.onDrain(() => void remediation.sweeper.stop());
    let port: number | undefined;
    try {
      port = (await slack.start()).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`PORT ${config.slack.port} is already in use; set PORT to a free port.`, EXIT.badInput);
      if (config.slack.mode === 'socket') {
        throw new StartupError(
          `cannot connect to Slack in Socket Mode (${slackErrorCode(error)}); check SLACK_APP_TOKEN.`,
        );
      }
      throw error;
    }
    remediation.sweeper.start();
    logger.info(
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
        logger.info('stopping');
        await slack.stop();
        await remediation.close(1000).catch(() => undefined);
        live?.close();
        await openedStore.close().catch(() => undefined);
        logger.info('stopped');
      })();
      return stopped;
    };
    return { ok: true, bot: { slack, logger, drain, stop, ...(port !== undefined ? { port } : {}) } };
  } catch (error) {
    await store?.close().catch(() => undefined);
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
  loadDotenv({ quiet: true });
  const result = await startBot(process.env);
  if (!result.ok) fail(result.message, result.exitCode);
  const { bot } = result;
  process.on('unhandledRejection', (reason) => {
    bot.logger.error(
      { error: reason instanceof Error ? reason.message : String(reason) },
      'unhandled promise rejection',
    );
  });
  // SIGTERM / SIGINT: drain (bounded), stop, exit 0; a second signal exits 1 at once.
  handleSignals(
    createShutdown({
      drain: bot.drain,
      steps: [{ name: 'stop', run: () => bot.stop() }],
      exit: (code) => process.exit(code),
      logger: bot.logger,
    }),
  );
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // The SDK versions are pinned for Node 20 (package-lock.json); its Node 22 notice is noise on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), EXIT.unexpected));
}
