/**
 * Whether a live diagnosis, a remediation request or an approver's decision may start (issue 11, item 2), decided
 * before any of its work is queued: the same diagnosis already running for the same person is not started twice
 * (in this process, and across replicas through a lease in the dedupe store); the waiting queue has a bound; and every person and every channel has a budget,
 * RATE_LIMIT_PER_USER (default 10/min) and RATE_LIMIT_PER_CHANNEL (default 30/min), held in the store so all replicas
 * spend the same one. A refusal carries the sentence for the person who asked ("slow down, retry in N s").
 */
import { createHash } from 'node:crypto';
import type { RateLimit } from '../config.js';
import type { Logger } from '../log.js';
import type { RateLimitStore } from '../store/types.js';
import { describeError } from './reply.js';
import type { DeliveryDedupeStore } from './stores.js';

export type BudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'user' | 'channel' };

/** The shared budget for live work. */
export interface WorkBudget {
  spend(who: { userId: string; channelId?: string }): Promise<BudgetDecision>;
  readonly limits: { perUser?: RateLimit; perChannel?: RateLimit };
}

/**
 * The budget in the store. A store failure lets the work through (logged): the budget protects AWS and Slack from
 * floods, it must not take the bot down with the database.
 */
export function storeWorkBudget(
  store: RateLimitStore,
  limits: { perUser?: RateLimit; perChannel?: RateLimit },
  logger: Logger,
): WorkBudget {
  return {
    limits,
    async spend({ userId, channelId }) {
      const budgets = [];
      if (limits.perUser) budgets.push({ key: `user:${userId}`, ...limits.perUser });
      if (limits.perChannel && channelId) budgets.push({ key: `channel:${channelId}`, ...limits.perChannel });
      if (budgets.length === 0) return { ok: true };
      try {
        const decision = await store.consumeRateBudget(budgets);
        if (decision.ok) return decision;
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
          scope: decision.key.startsWith('user:') ? 'user' : 'channel',
        };
      } catch (error) {
        logger.warn(
          { error: describeError(error) },
          'rate budget unavailable (store failed); letting the work through',
        );
        return { ok: true };
      }
    },
  };
}

export interface RunningWorkLease {
  /** The store every replica shares (the delivery dedupe store); without `release`, leases only expire. */
  store: DeliveryDedupeStore;
  /** How long a lease holds when its replica dies before ending it: longer than any work waits and runs. */
  ttlSeconds: number;
  logger: Logger;
}

/**
 * Live work running (or waiting), by what identifies it: one per person and target. In this process a set; across
 * replicas a lease `running:<key>` in the shared store, released when the work ends (or expiring after
 * `ttlSeconds` if its replica died). A store that cannot answer admits the work (a duplicate diagnosis is better
 * than none, as for delivery claims), with a warning.
 */
export class RunningWork {
  private readonly keys = new Set<string>();
  private readonly leased = new Set<string>();

  constructor(private readonly lease?: RunningWorkLease) {}

  /** Marks `key` running; false when it already is, here or on another replica. */
  async begin(key: string): Promise<boolean> {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (!this.lease) return true;
    try {
      if (!(await this.lease.store.claim(`running:${key}`, this.lease.ttlSeconds))) {
        this.keys.delete(key);
        return false;
      }
      this.leased.add(key);
    } catch (error) {
      this.lease.logger.warn(
        { error: describeError(error) },
        'running-work lease unavailable; admitting the work (duplicates are caught in this replica only)',
      );
    }
    return true;
  }

  /**
   * Ends `key` here at once and releases its lease; the promise settles (never rejects) once the shared store has
   * released it, so work that awaits it is not seen as finished by another replica while its lease still holds.
   */
  async end(key: string): Promise<void> {
    this.keys.delete(key);
    if (!this.lease || !this.leased.delete(key)) return;
    const { store, logger } = this.lease;
    try {
      await store.release?.(`running:${key}`);
    } catch (error) {
      logger.warn({ error: describeError(error) }, 'running-work lease not released; it expires on its own');
    }
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * How long a running-work lease holds if its replica dies first: longer than any work waits and runs (the queue,
 * 256 behind 32 running, drains in about eight diagnosis deadlines), at least two minutes.
 */
export function runningLeaseSeconds(diagnosisDeadlineMs = 25_000): number {
  return Math.max(120, Math.ceil(diagnosisDeadlineMs / 1000) * 10);
}

/** A short, stable key for "the same diagnosis by the same person" (the text can be long: hashed). */
export function workKey(userId: string, ...parts: unknown[]): string {
  return `${userId}:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)}`;
}

const per = (limit: RateLimit) =>
  limit.windowMs === 1000
    ? 'second'
    : limit.windowMs === 3_600_000
      ? 'hour'
      : limit.windowMs === 60_000
        ? 'minute'
        : `${limit.windowMs / 1000} s`;

/**
 * The refusal of work over budget. `notDone` says what did not happen and what to do, given the seconds to wait
 * (default: nothing was started, retry).
 */
export function slowDownText(
  budget: WorkBudget,
  decision: Extract<BudgetDecision, { ok: false }>,
  notDone: (retryAfterSeconds: number) => string = (s) => `Nothing was started; retry in ${s} s.`,
): string {
  const limit = decision.scope === 'user' ? budget.limits.perUser : budget.limits.perChannel;
  const what = limit ? `at most ${limit.limit} per ${per(limit)}` : 'the limit';
  const whose = decision.scope === 'user' ? 'from you' : 'in this channel';
  return (
    `:hourglass: Slow down: too many live diagnoses and key requests ${whose} (${what}). ` +
    notDone(decision.retryAfterSeconds)
  );
}

export type BudgetAdmission = { ok: true } | { ok: false; retryAfterSeconds: number; text: string };

/**
 * Takes one unit of `who`'s budgets (none configured: always admitted), and on refusal the sentence to answer with
 * (slowDownText with `notDone`). For work that needs no queue slot or coalescing, such as an approver's decision.
 */
export async function spendBudget(
  budget: WorkBudget | undefined,
  who: { userId: string; channelId?: string },
  notDone?: (retryAfterSeconds: number) => string,
): Promise<BudgetAdmission> {
  const decision = budget ? await budget.spend(who) : { ok: true as const };
  if (decision.ok || !budget) return { ok: true };
  return {
    ok: false,
    retryAfterSeconds: decision.retryAfterSeconds,
    text: slowDownText(budget, decision, notDone),
  };
}

export const BUSY_TEXT =
  ':hourglass: I am busy with a long queue of diagnoses right now. Nothing was started; please retry in a minute.';

export const DUPLICATE_TEXT =
  ':hourglass_flowing_sand: This diagnosis is already running for you; its checklist is on its way in this channel.';

export const DUPLICATE_REQUEST_TEXT =
  ':hourglass_flowing_sand: Your request for this key is already being made; its approval message will appear here.';

export type Admission =
  | { ok: true; release: () => Promise<void> }
  | { ok: false; reason: 'duplicate' | 'busy' | 'rate_limited'; text: string };

export interface AdmissionDeps {
  budget?: WorkBudget;
  running: RunningWork;
  tasks: { hasRoom(): boolean };
}

/**
 * Admits one piece of live work for `userId` in `channelId`: not a duplicate of one running (`key`, when given),
 * room in the queue, budget left. The caller must call `release()` once the work is over (or was not queued).
 */
export async function admit(
  deps: AdmissionDeps,
  who: { userId: string; channelId?: string },
  key?: string,
  duplicateText = DUPLICATE_TEXT,
): Promise<Admission> {
  if (key !== undefined && !(await deps.running.begin(key))) {
    return { ok: false, reason: 'duplicate', text: duplicateText };
  }
  const release = async () => {
    if (key !== undefined) await deps.running.end(key);
  };
  if (!deps.tasks.hasRoom()) {
    await release();
    return { ok: false, reason: 'busy', text: BUSY_TEXT };
  }
  const spent = await spendBudget(deps.budget, who);
  if (!spent.ok) {
    await release();
    return { ok: false, reason: 'rate_limited', text: spent.text };
  }
  return { ok: true, release };
}

/**
 * Runs admitted work after the ack and releases its admission when the work ends; the release is part of the
 * tracked work, so `idle()` (and a drain) return only once the lease is gone from the shared store. False when the
 * queue filled between admission and now: then the admission is released at once and the caller says so.
 */
export function deferAdmitted(
  tasks: { tryDefer(what: string, work: () => Promise<void>): boolean },
  admission: { release(): Promise<void> },
  what: string,
  work: () => Promise<void>,
): boolean {
  const queued = tasks.tryDefer(what, async () => {
    try {
      await work();
    } finally {
      await admission.release();
    }
  });
  if (!queued) void admission.release();
  return queued;
}
