/**
 * Diagnosis wall time vs its critical path, with a fixed latency injected into every AWS call (nock .delay, so the
 * real SDK clients, signing, retries and parsing are measured). The critical path is measured, not assumed: the
 * chain of dependent calls run one after the other with the same SDK (AssumeRole -> GetAccessKeyLastUsed -> GetUser
 * -> SimulatePrincipalPolicy; without AssumeRole when the role session is cached). Ratio = wall / critical path,
 * taken per pair (a diagnosis and the chain measured right after it, so machine load drifts cancel out) and then the
 * median over the runs; target <= 1.25 (the other calls must hide behind that chain). The CPU time of one diagnosis
 * is printed too: at 0 ms injected latency nothing waits on the network and the ratio is CPU work over CPU work.
 * The AWS calls of one diagnosis are counted as well: at 0 ms the ratio cannot fall below roughly (calls of the
 * diagnosis) / (calls of the chain), since each call costs about the same CPU on the one thread.
 */
import { GetAccessKeyLastUsedCommand, GetUserCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import nock from 'nock';
import { createRoleAssumer } from '../src/aws/assume-role.js';
import { createAwsClientFactory } from '../src/aws/client-factory.js';
import { MIN_LOOKUP_INTERVAL_MS } from '../src/diagnosis/cloudtrail-events.js';
import { createDiagnosisEngine } from '../src/diagnosis/index.js';
import { silentLogger } from '../src/log.js';
import type { Report } from '../src/report.js';
import { TEST_CREDENTIALS } from '../test/helpers/aws-mock.js';
import {
  ACCOUNT,
  EXTERNAL_ID,
  KEY,
  MODEL,
  mockDiagnosisScenario,
  ROLE_NAME,
  USER,
} from '../test/helpers/diagnosis-scenario.js';
import { type BenchRow, percentile } from './types.js';

const LATENCIES_MS = [0, 50, 100];
const RUNS = 9;
const TARGET = 1.25;
/** Production retry and timeout settings (3 attempts); nothing fails here, so they only cost what they cost. */
const SETTINGS = { maxAttempts: 3, connectionTimeoutMs: 3000, requestTimeoutMs: 10_000 };
const AWS = { region: 'us-east-1', diagRoleName: ROLE_NAME, diagExternalId: EXTERNAL_ID, diagnosisDeadlineMs: 30_000 };

function engine() {
  return createDiagnosisEngine({
    aws: AWS,
    logger: silentLogger,
    botCredentials: TEST_CREDENTIALS,
    clientSettings: SETTINGS,
  });
}

/** Every check passes, or does not apply to the bench target (a check with nothing to look at says skip). */
function assertHealthy(report: Report): void {
  const bad = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip');
  if (bad.length > 0 || report.causes.length > 0) {
    throw new Error(`bench scenario is not healthy: ${bad.map((c) => `${c.id}=${c.status}: ${c.summary}`).join('; ')}`);
  }
}

/** The dependent chain alone, call after call, with fresh clients (first) or a cached session (cached). */
async function criticalChain(
  cached: { assumer?: ReturnType<typeof createRoleAssumer>; clients?: ReturnType<typeof createAwsClientFactory> } = {},
) {
  const clients = cached.clients ?? createAwsClientFactory({ settings: SETTINGS, botCredentials: TEST_CREDENTIALS });
  const assumer = cached.assumer ?? createRoleAssumer({ clients, stsRegion: 'us-east-1' });
  const t0 = performance.now();
  const role = await assumer.assumeRoleCredentials({
    accountId: ACCOUNT,
    roleName: ROLE_NAME,
    externalId: EXTERNAL_ID,
    sessionName: 'diag-bench',
  });
  const iam = clients.iam('us-east-1', role.source);
  await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: KEY }));
  const user = await iam.send(new GetUserCommand({ UserName: USER }));
  await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: user.User?.Arn,
      ActionNames: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      ResourceArns: [`arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`],
      ContextEntries: [
        { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-east-1'], ContextKeyType: 'string' },
      ],
    }),
  );
  return { ms: performance.now() - t0, clients, assumer };
}

export default async function diagnosisBench(): Promise<BenchRow[]> {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));
  for (const k of Object.keys(saved)) delete process.env[k];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  nock.disableNetConnect();
  const rows: BenchRow[] = [];
  try {
    for (const latency of LATENCIES_MS) {
      nock.cleanAll();
      const aws = mockDiagnosisScenario({ delayMs: latency });
      // Warm-up: module loading, JIT, first client construction.
      assertHealthy(await engine().diagnose(aws.target, { requestedBy: 'bench' }));
      await criticalChain();

      const samples = {
        first: { wall: [] as number[], chain: [] as number[], ratio: [] as number[] },
        cached: { wall: [] as number[], chain: [] as number[], ratio: [] as number[] },
      };
      const cpu: number[] = [];
      const calls = { first: 0, cached: 0 };
      const callCount = () => Object.values(aws.calls).reduce((n, h) => n + (h?.requests.length ?? 0), 0);
      for (let i = 0; i < RUNS; i++) {
        const e = engine();
        const cpu0 = process.cpuUsage();
        const calls0 = callCount();
        let t0 = performance.now();
        assertHealthy(await e.diagnose(aws.target, { requestedBy: 'bench' }));
        const firstWall = performance.now() - t0;
        const used = process.cpuUsage(cpu0);
        cpu.push((used.user + used.system) / 1000);
        const calls1 = callCount();
        // CloudTrail's 2 requests/s per account and region holds the next LookupEvents for 500 ms: a re-run that
        // soon waits for it by design. The cached run starts after that interval, so it measures the engine.
        await new Promise((r) => setTimeout(r, MIN_LOOKUP_INTERVAL_MS));
        t0 = performance.now();
        assertHealthy(await e.diagnose(aws.target, { requestedBy: 'bench' }));
        const cachedWall = performance.now() - t0;
        calls.first = calls1 - calls0;
        calls.cached = callCount() - calls1;
        e.close();

        const cold = await criticalChain();
        const warm = await criticalChain({ clients: cold.clients, assumer: cold.assumer });
        cold.clients.destroy();
        for (const [run, wall, chain] of [
          ['first', firstWall, cold.ms],
          ['cached', cachedWall, warm.ms],
        ] as const) {
          samples[run].wall.push(wall);
          samples[run].chain.push(chain);
          samples[run].ratio.push(wall / chain);
        }
      }
      for (const [run, calls] of [
        ['first', 4],
        ['cached', 3],
      ] as const) {
        const label = `${run} run @${latency}ms/call`;
        const ratio = percentile(samples[run].ratio, 50);
        rows.push({
          bench: 'diagnosis',
          metric: `${label}: wall (median of ${RUNS})`,
          value: percentile(samples[run].wall, 50),
          unit: 'ms',
        });
        rows.push({
          bench: 'diagnosis',
          metric: `${label}: critical path (${calls} dependent calls, measured)`,
          value: percentile(samples[run].chain, 50),
          unit: 'ms',
        });
        rows.push({
          bench: 'diagnosis',
          metric: `${label}: wall / critical path (median of paired ratios)`,
          value: ratio,
          unit: 'x',
          target: `<= ${TARGET}`,
          met: ratio <= TARGET,
        });
      }
      rows.push({
        bench: 'diagnosis',
        metric: `first run @${latency}ms/call: CPU time of one diagnosis (median)`,
        value: percentile(cpu, 50),
        unit: 'ms',
      });
      if (latency === 0) {
        rows.push({
          bench: 'diagnosis',
          metric: `AWS calls of one diagnosis: first run (chain: 4)`,
          value: calls.first,
          unit: 'calls',
        });
        rows.push({
          bench: 'diagnosis',
          metric: `AWS calls of one diagnosis: cached run (chain: 3)`,
          value: calls.cached,
          unit: 'calls',
        });
      }
    }
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    for (const [k, v] of Object.entries(saved)) process.env[k] = v;
  }
  return rows;
}
