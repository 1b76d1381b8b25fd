/**
 * Test bots, started the way src/main.ts starts the real one:
 * - `startTestBot()`: the real Bolt app (HTTPReceiver on a free port) wired to a local fake Web API, with an
 *   injected engine and triage, the real remediation (createRemediation) over a SQLite store, and in-memory or
 *   store-backed delivery de-duplication;
 * - `botEnv()`: the environment for `startBot(env)` itself (main.ts end to end), against a fake Web API.
 */
import { type AccountEntry, accountsDirectory, openAccountsDirectory } from '../../src/accounts.js';
import type { RoleAssumer } from '../../src/aws/assume-role.js';
import type { Config } from '../../src/config.js';
import type { DiagnosisEngine } from '../../src/diagnosis/engine.js';
import { opsRoutes } from '../../src/ops/ops-routes.js';
import { createRemediation, type Remediation } from '../../src/remediation/setup.js';
import { storeWorkBudget } from '../../src/slack/admission.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { SlackConnection } from '../../src/slack/connection.js';
import type { TriageFn } from '../../src/slack/diagnose-request.js';
import { slackApproverDirectory, slackRemediationNotifier } from '../../src/slack/remediation-notifier.js';
import { InMemoryChannelSettings, InMemoryDeliveryDedupe, storeDeliveryDedupe } from '../../src/slack/stores.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { triage as realTriage } from '../../src/triage/index.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { capturingLogger } from '../slack/helpers/fakes.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-0000-test-token';
/** REMEDIATION_EXTERNAL_ID in tests: its own, not the diagnostic 'test-external-id'. */
export const TEST_REMEDIATION_EXTERNAL_ID = 'test-remediation-external-id';
/** SLACK_RESPONSE_URL_HOSTS in tests: Slack's host plus the loopback fake. */
export const TEST_RESPONSE_URL_HOSTS = ['hooks.slack.com', 'http://127.0.0.1'];

export function testConfig(apiUrl: string): Config {
  return {
    slack: {
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl,
      // The fake Web API also serves the response_urls, over plain http on loopback: allowed explicitly.
      responseUrlHosts: TEST_RESPONSE_URL_HOSTS,
    },
    aws: {
      region: 'us-east-1',
      diagRoleName: 'BedrockDiagnosticsRole',
      diagExternalId: 'test-external-id',
      remediationRoleName: 'BedrockKeyRemediationRole',
      remediationExternalId: TEST_REMEDIATION_EXTERNAL_ID,
      diagnosisDeadlineMs: 10_000,
    },
    approvalTtlSeconds: 1800,
    database: { kind: 'sqlite', path: ':memory:' },
    logLevel: 'debug',
  };
}

export interface TestBot {
  config: Config;
  api: FakeSlackApi;
  slack: SlackApp;
  port: number;
  lines: string[];
  store: Store;
  remediation: Remediation;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  engine: DiagnosisEngine;
  triage?: TriageFn;
  accounts?: AccountEntry[];
  updateIntervalMs?: number;
  /** Web API retries (default 0, so a failure shows at once); `undefined` given explicitly: the production policy. */
  webApiRetries?: number | undefined;
  /** The store's SQLite file (default: in memory). */
  databasePath?: string;
  /** Delivery de-duplication in the store, shared by replicas (default: in memory, as a single process). */
  dedupeInStore?: boolean;
  /** The remediation's role assumer (default: built from the bot's own credentials). */
  roleAssumer?: RoleAssumer;
  /** Rate limits in the store, as main.ts wires them (default: no budget). */
  rateLimits?: NonNullable<Config['rateLimits']>;
  /** The workspace the bot is installed in (auth.test's team_id in main.ts). */
  homeTeamId?: string;
}

export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const api = new FakeSlackApi();
  await api.start();
  const { logger, lines } = capturingLogger();
  const config = testConfig(api.apiUrl);
  const accounts = options.accounts ? accountsDirectory(options.accounts) : openAccountsDirectory;
  // As main.ts wires it: the Slack app, then the real remediation (over a SQLite store; AWS reached only through
  // nock) with the app's client, then the listeners.
  const store = await openStore(
    options.databasePath ? { kind: 'sqlite', path: options.databasePath } : config.database,
  );
  const connection = new SlackConnection(config.slack.mode);
  const slack = createSlackApp(config, {
    logger,
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    ...('webApiRetries' in options ? { webApiRetries: options.webApiRetries } : { webApiRetries: 0 }),
    drainMs: 2000,
    connection,
    customRoutes: opsRoutes({
      store: { ping: async () => undefined },
      isDraining: () => false,
      config,
      identity: { botUserId: 'U0BOT' },
      connection,
    }),
  });
  const remediation = createRemediation({
    config,
    store,
    accounts,
    logger,
    ...(options.roleAssumer ? { roleAssumer: options.roleAssumer } : {}),
    notifier: slackRemediationNotifier(() => slack.app.client, accounts, logger),
    approvers: slackApproverDirectory(() => slack.app.client),
  });
  slack.registerListeners({
    triage: options.triage ?? realTriage,
    engine: options.engine,
    accounts,
    channelSettings: new InMemoryChannelSettings(),
    dedupe: options.dedupeInStore ? storeDeliveryDedupe(store) : new InMemoryDeliveryDedupe(),
    logger,
    updateIntervalMs: options.updateIntervalMs ?? 20,
    remediation: remediation.service,
    ...(options.rateLimits ? { budget: storeWorkBudget(store, options.rateLimits, logger) } : {}),
    ...(options.homeTeamId ? { homeTeamId: options.homeTeamId } : {}),
  });
  const { port } = await slack.start();
  return {
    config,
    api,
    slack,
    port: port ?? 0,
    lines,
    store,
    remediation,
    async stop() {
      await slack.stop();
      await remediation.close(1000);
      await store.close();
      await api.stop();
    },
  };
}

/** The environment of a bot started through main.ts's startBot: HTTP mode against the fake Web API at `apiUrl`. */
export function botEnv(apiUrl: string, overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-1111-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_RESPONSE_URL_HOSTS: TEST_RESPONSE_URL_HOSTS.join(','),
    DIAG_EXTERNAL_ID: 'test-external-id',
    REMEDIATION_EXTERNAL_ID: TEST_REMEDIATION_EXTERNAL_ID,
    LOG_LEVEL: 'info',
    AWS_REGION: 'us-east-1',
    PORT: '3000',
    ...overrides,
  };
}
