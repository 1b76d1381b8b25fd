/**
 * `bedrock-403 audit [--since ISO|24h] [--json] [--limit N] [--request ID]`: prints the remediation audit trail
 * (who, what, account, key id, when, outcome) from the store named by DATABASE_URL, oldest first.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { AuditEvent } from '../remediation/model.js';
import { EXIT } from '../report.js';
import { scrubSecrets } from '../secrets.js';
import { type CliIo, UsageError } from './io.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: an ISO 8601 date or date-time, or a duration back from now (`90m`, `24h`, `7d`, `2w`). */
export function parseSince(input: string, now: number): number {
  const text = input.trim();
  const duration = /^(\d{1,6})\s*([smhdw])$/i.exec(text);
  if (duration) {
    const unit = UNIT_MS[(duration[2] ?? 'h').toLowerCase()] ?? UNIT_MS.h ?? 3_600_000;
    return now - Number(duration[1]) * unit;
  }
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(
    `--since "${text.slice(0, 40)}" is neither an ISO date (2026-11-26, 2026-11-26T12:00:00Z) nor a duration like 90m, 24h, 7d`,
  );
}

function parseLimit(input: string): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UsageError(`--limit must be a whole number from 1 to 100000`);
  return n;
}

/** Terminal-safe: no control characters, no secret-shaped values. */
const clean = (text: string) => scrubSecrets(text).replace(/[\u0000-\u001f\u007f]+/g, ' ');

export function formatAuditLine(e: AuditEvent): string {
  const at = new Date(e.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const cols = [
    at,
    e.event.padEnd(16),
    e.actor.padEnd(11),
    (e.action ?? '-').padEnd(10),
    (e.accountId ?? '-').padEnd(12),
    (e.accessKeyId ?? '-').padEnd(20),
    e.outcome.padEnd(7),
    e.requestId ? e.requestId.slice(0, 8) : '-       ',
    e.detail,
  ];
  return clean(cols.join('  '));
}

export function auditJson(events: readonly AuditEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    (_key, value: unknown) => (typeof value === 'string' ? scrubSecrets(value) : value),
    2,
  );
}

interface AuditOptions {
  since?: string;
  json?: boolean;
  limit?: string;
  request?: string;
}

export function registerAuditCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('audit')
    .description('print the remediation audit trail (requests, decisions, executions) from DATABASE_URL')
    .option('--since <when>', 'only events since an ISO date/time or a duration back from now (24h, 7d)')
    .option('--limit <n>', 'at most this many events (default 1000)')
    .option('--request <id>', 'only the events of one request')
    .option('--json', 'print the events as a JSON array')
    .action(async (options: AuditOptions) => {
      const since = options.since !== undefined ? parseSince(options.since, Date.now()) : undefined;
      const limit = options.limit !== undefined ? parseLimit(options.limit) : 1000;
      // Loaded when the command runs, so `--help` and `triage` never open a database driver.
      const [{ readConfig }, { openStore, StoreOpenError }] = await Promise.all([
        import('../config.js'),
        import('../store/open.js'),
      ]);
      const config = readConfig(io.env, 'cli');
      if (
        config.database.kind === 'sqlite' &&
        config.database.path !== ':memory:' &&
        !existsSync(config.database.path)
      ) {
        io.err(
          `bedrock-403 audit: no database at ${config.database.path} (DATABASE_URL): nothing has been audited yet`,
        );
        if (options.json) io.out('[]');
        setExit(EXIT.ok);
        return;
      }
      let store: Awaited<ReturnType<typeof openStore>>;
      try {
        store = await openStore(config.database);
      } catch (error) {
        if (error instanceof StoreOpenError) throw new UsageError(error.message);
        throw error;
      }
      try {
        const events = await store.listAudit({
          ...(since !== undefined ? { since } : {}),
          ...(options.request ? { requestId: options.request } : {}),
          limit,
        });
        if (options.json) io.out(auditJson(events));
        else if (events.length === 0) io.out('no audit events');
        else for (const event of events) io.out(formatAuditLine(event));
        setExit(EXIT.ok);
      } finally {
        await store.close();
      }
    });
}
