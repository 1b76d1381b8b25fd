import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSince } from '../../src/cli/audit-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';

let dir: string;
let dbPath: string;

function io(env: NodeJS.ProcessEnv = { DATABASE_URL: `sqlite:${dbPath}` }) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => Buffer.alloc(0),
    env,
    isTty: false,
  };
  return { cli, out, err };
}

const HOUR = 3_600_000;

async function seed(): Promise<void> {
  const store = await SqlStore.open(new SqliteDriver(dbPath));
  const now = Date.now();
  await store.appendAudit({
    at: now - 48 * HOUR,
    event: 'requested',
    actor: 'U0REQUESTR',
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    action: 'rotate',
    accountId: '111111111111',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    outcome: 'ok',
    detail: 'rotate of AKIAIOSFODNN7EXAMPLE (user bedrock-app) requested',
  });
  await store.appendAudit({
    at: now - 2 * HOUR,
    event: 'decision_refused',
    actor: 'U0REQUESTR',
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    outcome: 'refused',
    detail: 'approval refused (self_approval)\u001b[31m with wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12',
  });
  await store.appendAudit({
    at: now - HOUR,
    event: 'approved',
    actor: 'U0APPROVER',
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    action: 'rotate',
    accountId: '111111111111',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    outcome: 'ok',
    detail: 'approved by U0APPROVER',
  });
  await store.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-audit-'));
  dbPath = join(dir, 'bedrock-403.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bedrock-403 audit', () => {
  it('prints every event, oldest first: when, what, who, action, account, key, outcome, request', async () => {
    await seed();
    const { cli, out, err } = io();
    expect(await runCli(['audit'], cli)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z +requested +U0REQUESTR +rotate +111111111111 +AKIAIOSFODNN7EXAMPLE +ok +0f8fad5b +rotate of/,
    );
    expect(out[2]).toMatch(/approved +U0APPROVER/);
  });

  it('filters with --since as a duration or an ISO date/time', async () => {
    await seed();
    const recent = io();
    expect(await runCli(['audit', '--since', '24h'], recent.cli)).toBe(0);
    expect(recent.out.map((l) => l.split(/\s+/)[1])).toEqual(['decision_refused', 'approved']);
    const iso = io();
    const since = new Date(Date.now() - 90 * 60_000).toISOString();
    expect(await runCli(['audit', '--since', since], iso.cli)).toBe(0);
    expect(iso.out.map((l) => l.split(/\s+/)[1])).toEqual(['approved']);
  });

  it('prints JSON with ISO times, and filters by request and limit', async () => {
    await seed();
    const { cli, out } = io();
    expect(
      await runCli(['audit', '--json', '--limit', '2', '--request', '0f8fad5b-d9cb-469f-a165-70867728950e'], cli),
    ).toBe(0);
    const events = JSON.parse(out.join('')) as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      event: 'requested',
      actor: 'U0REQUESTR',
      action: 'rotate',
      accountId: '111111111111',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      outcome: 'ok',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
  });

  it('never prints control characters or secret-shaped values stored in a detail', async () => {
    await seed();
    for (const args of [['audit'], ['audit', '--json']]) {
      const { cli, out } = io();
      await runCli(args, cli);
      const text = out.join('\n');
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12');
    }
  });

  it('says so when there is nothing to show', async () => {
    const missing = io();
    expect(await runCli(['audit'], missing.cli)).toBe(0);
    expect(missing.err.join('')).toMatch(/no database at .*DATABASE_URL.*nothing has been audited yet/);
    const json = io();
    expect(await runCli(['audit', '--json'], json.cli)).toBe(0);
    expect(json.out).toEqual(['[]']);
    await SqlStore.open(new SqliteDriver(dbPath)).then((s) => s.close());
    const empty = io();
    expect(await runCli(['audit'], empty.cli)).toBe(0);
    expect(empty.out).toEqual(['no audit events']);
  });

  it('exits 2 with a clear message for a bad --since, --limit or DATABASE_URL', async () => {
    const bad = io();
    expect(await runCli(['audit', '--since', 'yesterday'], bad.cli)).toBe(2);
    expect(bad.err.join('')).toMatch(/--since "yesterday" is neither an ISO date .* nor a duration like 90m, 24h, 7d/);
    const limit = io();
    expect(await runCli(['audit', '--limit', '0'], limit.cli)).toBe(2);
    expect(limit.err.join('')).toMatch(/--limit must be a whole number/);
    const url = io({ DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['audit'], url.cli)).toBe(2);
    expect(url.err.join('')).toMatch(/DATABASE_URL must be sqlite:PATH/);
  });
});

describe('parseSince', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('reads durations and ISO dates', () => {
    expect(parseSince('24h', now)).toBe(now - 24 * HOUR);
    expect(parseSince('90m', now)).toBe(now - 90 * 60_000);
    expect(parseSince('7d', now)).toBe(now - 7 * 24 * HOUR);
    expect(parseSince('2w', now)).toBe(now - 14 * 24 * HOUR);
    expect(parseSince('30s', now)).toBe(now - 30_000);
    expect(parseSince('2026-11-25', now)).toBe(Date.parse('2026-11-25T00:00:00Z'));
    expect(parseSince('2026-11-25T10:00:00Z', now)).toBe(Date.parse('2026-11-25T10:00:00Z'));
    expect(parseSince('2026-11-25T10:00:00+02:00', now)).toBe(Date.parse('2026-11-25T08:00:00Z'));
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'h', '24', '24y', 'last week', '2026-13-45', '2026-11-25T99:99']) {
      expect(() => parseSince(bad, now)).toThrow(/--since/);
    }
  });
});
