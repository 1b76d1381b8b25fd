#!/usr/bin/env node
// CI check of the container's start command without a container engine (run by .ci/run after `npm run build`):
// 1. every package that dist/ imports is a production dependency (the image has no dev dependencies);
// 2. the Dockerfile's exact CMD starts in HTTP mode (dummy Slack credentials, a local stand-in for the Slack Web API
//    answering auth.test, SQLite in a temp dir) and serves /healthz and /readyz with 200 within a bound;
// 3. SIGTERM makes it exit with code 0 within a bound;
// 4. the same command in Socket Mode (SLACK_MODE=socket) against a local Socket Mode server on loopback (the `ws`
//    dev dependency: apps.connections.open -> ws:// URL -> hello): /readyz 200 once connected, and SIGTERM closes the
//    socket with code 1000 and exits 0.
// Prints the measured times. Exits non-zero with a reason on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_BOUND_MS = Number(process.env.SMOKE_READY_BOUND_MS ?? 15_000);
const EXIT_BOUND_MS = Number(process.env.SMOKE_EXIT_BOUND_MS ?? 30_000);
const root = new URL('..', import.meta.url).pathname;

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

// ---- 1. dist imports only production dependencies -----------------------------------------------------------
function checkDistImports() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const allowed = new Set(Object.keys(pkg.dependencies ?? {}));
  const builtins = new Set(builtinModules);
  const offenders = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
          const spec = m[1] ?? m[2];
          if (!spec || spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (!allowed.has(name)) offenders.add(`${name} (${path.slice(root.length)})`);
        }
      }
    }
  };
  walk(join(root, 'dist'));
  if (offenders.size > 0) fail(`dist/ imports packages that are not production dependencies: ${[...offenders].join(', ')}`);
  console.log('smoke: dist/ imports only production dependencies');
}

// ---- 2. a stand-in for the Slack Web API -------------------------------------------------------------------------
function fakeSlackApi(socketUrl = () => 'ws://127.0.0.1:1/none') {
  const calls = [];
  const server = createServer((req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    calls.push(method);
    req.resume();
    req.on('end', () => {
      const body =
        method === 'auth.test'
          ? { ok: true, url: 'https://ci.slack.invalid/', team: 'CI', user: 'bedrock-403', team_id: 'T0CI', user_id: 'U0BOT', bot_id: 'B0BOT' }
          : method === 'apps.connections.open'
            ? { ok: true, url: socketUrl() }
            : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, calls, port: server.address().port })));
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The Dockerfile's CMD (exec form), so this runs exactly what the image runs. */
function dockerCmd() {
  const line = readFileSync(join(root, 'Dockerfile'), 'utf8')
    .split('\n')
    .find((l) => /^CMD\s+\[/.test(l));
  if (!line) fail('the Dockerfile has no exec-form CMD ["node", ...]');
  const argv = JSON.parse(line.replace(/^CMD\s+/, ''));
  if (argv[0] !== 'node') fail(`the Dockerfile CMD must start node itself (got ${argv[0]})`);
  return argv;
}

async function get(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    return { status: 0, body: String(error?.cause?.code ?? error) };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The bot's last output lines, for failure messages. */
const tail = (text) => text.split('\n').slice(-40).join('\n');

/** Starts the container command with env; `output()` is what it printed so far, `exitInfo()` its exit once it ended. */
function startBot(command, args, env) {
  const child = spawn(command === 'node' ? process.execPath : command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exitInfo;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  void exited.then((e) => (exitInfo = e));
  return { child, exited, output: () => output, exitInfo: () => exitInfo };
}

async function main() {
  checkDistImports();
  const [command, ...args] = dockerCmd();
  const slack = await fakeSlackApi();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-smoke-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    NODE_ENV: 'production',
    SLACK_MODE: 'http',
    PORT: String(port),
    SLACK_SIGNING_SECRET: 'ci-dummy-signing-secret-0123456789',
    SLACK_BOT_TOKEN: 'xoxb-0000000000-ci-dummy-token',
    SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`,
    // SMOKE_DATABASE_URL measures the same start over PostgreSQL (by hand; CI uses the image's default, SQLite).
    DATABASE_URL: process.env.SMOKE_DATABASE_URL || `sqlite:${join(dir, 'data', 'bedrock-403.db')}`,
    DIAG_EXTERNAL_ID: 'ci-dummy-external-id',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    LOG_LEVEL: 'info',
  };
  const started = performance.now();
  const bot = startBot(command, args, env);
  const { child, exited } = bot;
  try {
    const base = `http://127.0.0.1:${port}`;
    const times = {};
    for (const path of ['/healthz', '/readyz']) {
      let last;
      for (;;) {
        if (bot.exitInfo()) fail(`the bot exited (code ${bot.exitInfo().code}) before ${path} answered:\n${tail(bot.output())}`);
        last = await get(base + path);
        if (last.status === 200) break;
        // Every route exists once the server listens: a 404 will not turn into a 200 by waiting.
        if (last.status === 404) fail(`${path} is not served (404):\n${tail(bot.output())}`);
        if (performance.now() - started > READY_BOUND_MS) {
          fail(`${path} did not answer 200 within ${READY_BOUND_MS} ms (last: ${last.status} ${last.body}):\n${tail(bot.output())}`);
        }
        await sleep(25);
      }
      times[path] = Math.round(performance.now() - started);
      console.log(`smoke: ${path} 200 after ${times[path]} ms: ${last.body}`);
    }
    if (!slack.calls.includes('auth.test')) fail('the bot did not check its token with auth.test');
    const metrics = await get(`${base}/metrics`);
    if (metrics.status !== 200 || !metrics.body.includes('bedrock403_')) fail(`/metrics: ${metrics.status}`);
    console.log(`smoke: /metrics 200 (${metrics.body.split('\n').filter((l) => l.startsWith('bedrock403_')).length} samples)`);

    const termAt = performance.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exited, sleep(EXIT_BOUND_MS).then(() => undefined)]);
    if (!result) fail(`no exit within ${EXIT_BOUND_MS} ms of SIGTERM:\n${tail(bot.output())}`);
    if (result.code !== 0) fail(`exit code ${result.code} (signal ${result.signal}) after SIGTERM:\n${tail(bot.output())}`);
    console.log(`smoke: SIGTERM -> exit 0 after ${Math.round(result.at - termAt)} ms`);
    for (const secret of [env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN]) {
      if (bot.output().includes(secret)) fail('the bot printed a Slack credential');
    }
    console.log(`smoke: OK (start to ready ${times['/readyz']} ms)`);
  } finally {
    if (!bot.exitInfo()) child.kill('SIGKILL');
    slack.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 4. Socket Mode ------------------------------------------------------------------------------------------
async function socketMode(command, args) {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const closes = [];
  wss.on('connection', (ws) => {
    ws.on('close', (code) => closes.push(code));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'ci' }, connection_info: { app_id: 'A0CI' } }));
  });
  const slack = await fakeSlackApi(() => `ws://127.0.0.1:${wss.address().port}/link/?ticket=ci`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-smoke-socket-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    NODE_ENV: 'production',
    SLACK_MODE: 'socket',
    PORT: String(port),
    SLACK_APP_TOKEN: 'xapp-1-A0CI-0000-ci-dummy-app-token',
    SLACK_BOT_TOKEN: 'xoxb-0000000000-ci-dummy-token',
    SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`,
    DATABASE_URL: `sqlite:${join(dir, 'data', 'bedrock-403.db')}`,
    DIAG_EXTERNAL_ID: 'ci-dummy-external-id',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    LOG_LEVEL: 'info',
  };
  const started = performance.now();
  const bot = startBot(command, args, env);
  const { child, exited } = bot;
  try {
    let last;
    for (;;) {
      if (bot.exitInfo()) fail(`Socket Mode: the bot exited (code ${bot.exitInfo().code}) before /readyz answered 200:\n${tail(bot.output())}`);
      last = await get(`http://127.0.0.1:${port}/readyz`);
      if (last.status === 200) break;
      if (performance.now() - started > READY_BOUND_MS) {
        fail(`Socket Mode: /readyz did not answer 200 within ${READY_BOUND_MS} ms (last: ${last.status} ${last.body}):\n${tail(bot.output())}`);
      }
      await sleep(25);
    }
    const ready = Math.round(performance.now() - started);
    if (!slack.calls.includes('apps.connections.open')) fail('Socket Mode: apps.connections.open did not go to SLACK_API_URL');
    console.log(`smoke: Socket Mode /readyz 200 after ${ready} ms (connected through SLACK_API_URL)`);
    const termAt = performance.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exited, sleep(EXIT_BOUND_MS).then(() => undefined)]);
    if (!result) fail(`Socket Mode: no exit within ${EXIT_BOUND_MS} ms of SIGTERM:\n${tail(bot.output())}`);
    if (result.code !== 0) fail(`Socket Mode: exit code ${result.code} after SIGTERM:\n${tail(bot.output())}`);
    await sleep(50);
    if (!closes.includes(1000)) fail(`Socket Mode: the socket was not closed with 1000 (close codes: ${closes.join(', ') || 'none'})`);
    console.log(`smoke: Socket Mode SIGTERM -> socket closed 1000, exit 0 after ${Math.round(result.at - termAt)} ms`);
    for (const secret of [env.SLACK_APP_TOKEN, env.SLACK_BOT_TOKEN]) {
      if (bot.output().includes(secret)) fail('Socket Mode: the bot printed a Slack credential');
    }
  } finally {
    if (!bot.exitInfo()) child.kill('SIGKILL');
    slack.server.close();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(() => {
    if (process.exitCode) return;
    const [command, ...args] = dockerCmd();
    return socketMode(command, args);
  })
  .catch((error) => {
    if (!process.exitCode) console.error(`smoke: FAILED: ${error?.stack ?? error}`);
    process.exitCode = 1;
  });
