/**
 * Resident memory of the bot as production runs it (`node dist/main.js`, HTTP mode, SQLite), idle after start and
 * after 1,000 diagnoses. The bot runs in its own process against a local Slack Web API stand-in
 * (test/slack/helpers/fake-slack-api.ts) and a local STS/IAM/Bedrock stand-in (bench/fake-aws-server.ts, reached
 * through AWS_ENDPOINT_URL_*), so every diagnosis goes through the real Bolt receiver, engine, SDK clients, HTTP
 * connections and store. The bench adds `--expose-gc` and a SIGUSR2 hook (bench/gc-on-signal.cjs) to read memory
 * after two forced collections; the idle figure without a forced collection is read from /proc as well.
 *
 * Diagnoses come as signed slash commands from 50 different people (so role sessions and clients are cached per
 * person, as in a real workspace), ten at a time. 300 warm-up diagnoses fill the caches and let the heap and the
 * allocator reach their working size (after only 100, RSS was still climbing: 135 to 157 MB between runs); then
 * 1,000 more, and the growth between the two readings is what a leak would show. Targets: idle RSS <= 120 MB, no growth beyond
 * noise (RSS < 10 MB, heap < 5 MB over the 1,000, that is under 5 KB of heap per diagnosis).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/free-port.js';
import { FakeSlackApi } from '../test/slack/helpers/fake-slack-api.js';
import { commandRequest, send } from '../test/slack/helpers/signing.js';
import { buildDist, root } from './build-dist.js';
import { ACCOUNT, KEY, MODEL, startFakeAws } from './fake-aws-server.js';
import type { BenchRow } from './types.js';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const WARM_UP = 300;
const DIAGNOSES = 1_000;
const PEOPLE = 50;
const AT_ONCE = 10;
const IDLE_TARGET_MB = 120;
const RSS_NOISE_MB = 10;
const HEAP_NOISE_MB = 5;
const MB = 1024 * 1024;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS of a process in bytes (Linux), without disturbing it. */
function rssOf(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

class Bot {
  private output = '';
  private readonly waiting: Array<(m: Memory) => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.read(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  private read(text: string): void {
    this.output += text;
    let newline = this.output.indexOf('\n');
    while (newline >= 0) {
      const line = this.output.slice(0, newline);
      this.output = this.output.slice(newline + 1);
      if (line.startsWith('MEM ')) this.waiting.shift()?.(JSON.parse(line.slice(4)) as Memory);
      newline = this.output.indexOf('\n');
    }
  }

  /** Memory after two forced collections. */
  memory(): Promise<Memory> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.kill('SIGUSR2');
    });
  }

  tail(): string {
    return this.output.split('\n').slice(-20).join('\n');
  }
}

async function getText(url: string): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** bedrock403_diagnoses_total, all label sets. */
async function diagnosesDone(base: string): Promise<number> {
  const { body } = await getText(`${base}/metrics`);
  let total = 0;
  for (const line of body.split('\n')) {
    const m = /^bedrock403_diagnoses_total(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/.exec(line);
    if (m) total += Number(m[1]);
  }
  return total;
}

/** Sends `count` signed slash commands, AT_ONCE at a time, and waits until the bot has finished them. */
async function diagnose(port: number, api: FakeSlackApi, from: number, count: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const start = await diagnosesDone(base);
  for (let i = from; i < from + count; i += AT_ONCE) {
    await Promise.all(
      Array.from({ length: Math.min(AT_ONCE, from + count - i) }, async (_, j) => {
        const n = i + j;
        const request = commandRequest({
          command: '/bedrock-403',
          // "run N" makes each command a request of its own: the same person repeating the identical command while
          // it still runs is told it is already running (coalescing), and the bench would wait for it forever.
          text: `${ACCOUNT} key=${KEY} region=us-east-1 model=${MODEL} run ${n}`,
          channel_id: 'C0MEMBENCH',
          user_id: `U0MEM${String(n % PEOPLE).padStart(4, '0')}`,
          response_url: api.responseUrl(`memory-${n}`),
        });
        const res = await send(port, request, { secret: SECRET });
        if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
      }),
    );
    // Keep at most a few rounds in flight: the bench measures memory, not a backlog.
    const sent = i - from + AT_ONCE;
    const roundGiveUp = Date.now() + 120_000;
    while ((await diagnosesDone(base)) - start < sent - 3 * AT_ONCE) {
      if (Date.now() > roundGiveUp) throw new Error(`diagnoses stopped finishing (${sent} sent)`);
      await sleep(20);
    }
  }
  const giveUpAt = Date.now() + 300_000;
  while ((await diagnosesDone(base)) < start + count) {
    if (Date.now() > giveUpAt) throw new Error('the diagnoses did not finish within 5 minutes');
    await sleep(50);
  }
  // The Slack posts of the last diagnoses: wait until the fake Web API hears nothing for 300 ms.
  let calls = -1;
  while (calls !== api.calls.length) {
    calls = api.calls.length;
    await sleep(300);
  }
  api.calls.length = 0;
  api.responses.length = 0;
}

export default async function memoryBench(): Promise<BenchRow[]> {
  buildDist();
  const aws = await startFakeAws();
  const api = new FakeSlackApi();
  await api.start();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-memory-'));
  const child = spawn(process.execPath, ['--expose-gc', '--require', './bench/gc-on-signal.cjs', 'dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      NODE_ENV: 'production',
      SLACK_MODE: 'http',
      PORT: String(port),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-0000000000-bench-token',
      SLACK_API_URL: api.apiUrl,
      SLACK_RESPONSE_URL_HOSTS: 'hooks.slack.com,http://127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'bedrock-403.db')}`,
      DIAG_EXTERNAL_ID: 'bench-external-id',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDBENCHBOTKEY00000',
      AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
      AWS_ENDPOINT_URL_STS: aws.url,
      AWS_ENDPOINT_URL_IAM: aws.url,
      AWS_ENDPOINT_URL_BEDROCK: aws.url,
      AWS_ENDPOINT_URL_CLOUDTRAIL: aws.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
      LOG_LEVEL: 'warn',
      // 1,300 diagnoses from one channel: the per-person and per-channel budgets (10 and 30 a minute) would turn
      // almost all of them away, and the bench would wait for diagnoses that never start.
      RATE_LIMIT_PER_USER: 'off',
      RATE_LIMIT_PER_CHANNEL: 'off',
    },
  });
  const bot = new Bot(child);
  try {
    const base = `http://127.0.0.1:${port}`;
    const readyBy = Date.now() + 30_000;
    while ((await getText(`${base}/readyz`)).status !== 200) {
      if (Date.now() > readyBy) throw new Error(`the bot was not ready within 30 s:\n${bot.tail()}`);
      await sleep(25);
    }
    await sleep(1000);
    const idleRss = rssOf(child.pid);
    const idle = await bot.memory();

    const started = performance.now();
    await diagnose(port, api, 0, WARM_UP);
    const before = await bot.memory();
    const t0 = performance.now();
    await diagnose(port, api, WARM_UP, DIAGNOSES);
    const elapsed = performance.now() - t0;
    const after = await bot.memory();
    const awsCalls = [...aws.calls.values()].reduce((a, b) => a + b, 0);
    if (awsCalls < (WARM_UP + DIAGNOSES) * 5) {
      throw new Error(`the diagnoses did not reach AWS (${awsCalls} calls):\n${bot.tail()}`);
    }

    const rssGrowth = (after.rss - before.rss) / MB;
    const heapGrowth = (after.heapUsed - before.heapUsed) / MB;
    const idleMb = (idleRss ?? idle.rss) / MB;
    return [
      {
        bench: 'memory',
        metric: `bot RSS idle after ready${idleRss === undefined ? ' (after gc)' : ''}`,
        value: idleMb,
        unit: 'MB',
        target: `<= ${IDLE_TARGET_MB}`,
        met: idleMb <= IDLE_TARGET_MB,
      },
      { bench: 'memory', metric: 'bot RSS idle, after forced gc', value: idle.rss / MB, unit: 'MB' },
      { bench: 'memory', metric: 'bot heap used idle, after forced gc', value: idle.heapUsed / MB, unit: 'MB' },
      {
        bench: 'memory',
        metric: `bot RSS after ${WARM_UP} warm-up diagnoses (before), gc`,
        value: before.rss / MB,
        unit: 'MB',
      },
      {
        bench: 'memory',
        metric: `bot RSS after ${DIAGNOSES} more diagnoses (after), gc`,
        value: after.rss / MB,
        unit: 'MB',
      },
      {
        bench: 'memory',
        metric: `RSS growth over ${DIAGNOSES} diagnoses`,
        value: rssGrowth,
        unit: 'MB',
        target: `< ${RSS_NOISE_MB} (noise)`,
        met: rssGrowth < RSS_NOISE_MB,
      },
      {
        bench: 'memory',
        metric: `heap growth over ${DIAGNOSES} diagnoses, after gc`,
        value: heapGrowth,
        unit: 'MB',
        target: `< ${HEAP_NOISE_MB} (noise)`,
        met: heapGrowth < HEAP_NOISE_MB,
      },
      {
        bench: 'memory',
        metric: `diagnoses through Slack and AWS stand-ins (${AT_ONCE} at a time)`,
        value: DIAGNOSES / (elapsed / 1000),
        unit: 'per s',
      },
      { bench: 'memory', metric: 'AWS calls answered', value: awsCalls, unit: 'calls' },
      { bench: 'memory', metric: 'bench wall time', value: (performance.now() - started) / 1000, unit: 's' },
    ];
  } finally {
    child.kill('SIGTERM');
    await Promise.race([bot.exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await api.stop();
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
