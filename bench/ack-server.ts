/**
 * The Slack app under load for ack.bench.ts, in its own process (so the load generator and the fake Web API do not
 * share its event loop): the real Bolt app and HTTPReceiver on a free port, the real triage, a fast in-process
 * diagnosis engine, Web API calls to the URL given in SLACK_API_URL. Prints "PORT <n>" once listening.
 */
import { openAccountsDirectory } from '../src/accounts.js';
import type { Config } from '../src/config.js';
import type { DiagnosisEngine } from '../src/diagnosis/engine.js';
import { silentLogger } from '../src/log.js';
import { createRemediation } from '../src/remediation/setup.js';
import type { Report } from '../src/report.js';
import { createSlackApp, type SlackApp } from '../src/slack/app.js';
import { slackApproverDirectory, slackRemediationNotifier } from '../src/slack/remediation-notifier.js';
import { InMemoryChannelSettings, InMemoryDeliveryDedupe } from '../src/slack/stores.js';
import { openStore } from '../src/store/open.js';
import { triage } from '../src/triage/index.js';

/** Reports its checks a few ms apart, then a small report: enough to exercise the posts and edits. */
const engine: DiagnosisEngine = {
  async diagnose(target, options) {
    const checks: Report['checks'] = [];
    for (const id of ['diag_role', 'key_owner', 'key_status'] as const) {
      await new Promise((r) => setTimeout(r, 2));
      const check = { id, title: id, status: 'pass' as const, summary: 'ok', evidence: {}, fix: [], durationMs: 2 };
      checks.push(check);
      options?.onCheck?.(check, [...checks]);
    }
    return {
      target,
      checks,
      causes: [],
      verdict: 'Nothing wrong found.',
      startedAt: new Date().toISOString(),
      durationMs: 6,
    };
  },
};

const config: Config = {
  slack: {
    mode: 'http',
    botToken: 'xoxb-bench-token',
    signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
    port: 0,
    apiUrl: process.env.SLACK_API_URL,
    responseUrlHosts: ['hooks.slack.com', 'http://127.0.0.1'],
  },
  aws: {
    region: 'us-east-1',
    diagRoleName: 'BedrockDiagnosticsRole',
    remediationRoleName: 'BedrockKeyRemediationRole',
    diagnosisDeadlineMs: 10_000,
  },
  approvalTtlSeconds: 1800,
  database: { kind: 'sqlite', path: ':memory:' },
  logLevel: 'silent',
};

// As main.ts wires it: the Slack app, then the real remediation (in-memory store; the bench never clicks its
// buttons) with the app's client, then the listeners.
const slack: SlackApp = createSlackApp(config, {
  logger: silentLogger,
  botId: 'B0BOT',
  botUserId: 'U0BOT',
  webApiRetries: 0,
  customRoutes: [
    {
      // How much acknowledged work is still running: the bench waits for 0 between rounds.
      path: '/bench/busy',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ tasks: slack.deps.tasks.size }));
      },
    },
  ],
});
const store = await openStore(config.database);
const remediation = createRemediation({
  config,
  store,
  accounts: openAccountsDirectory,
  logger: silentLogger,
  notifier: slackRemediationNotifier(() => slack.app.client, openAccountsDirectory, silentLogger),
  approvers: slackApproverDirectory(() => slack.app.client),
});
slack.registerListeners({
  triage,
  engine,
  accounts: openAccountsDirectory,
  channelSettings: new InMemoryChannelSettings(),
  dedupe: new InMemoryDeliveryDedupe(),
  logger: silentLogger,
  // Production edits the checklist at most once a second; 100 ms keeps the bench short with the same calls.
  updateIntervalMs: 100,
  remediation: remediation.service,
});

const { port } = await slack.start();
process.stdout.write(`PORT ${port}\n`);
process.on('SIGTERM', () => {
  slack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
