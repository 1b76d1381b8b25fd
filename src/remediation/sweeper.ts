/**
 * The periodic pass that keeps requests moving when nobody clicks: expires requests past their time (and updates
 * their Slack message to "expired"), fails executions interrupted by a restart, executes approvals that a stopped
 * process never started, redraws messages whose update was lost, and prunes idempotency keys. Safe to run in every
 * replica at once: each step is a conditional update in the store, so each request is handled by one of them.
 */

import { type Clock, systemClock } from '../clock.js';
import type { Logger } from '../log.js';
import type { ClaimStore, RateLimitStore, RequestStore } from '../store/types.js';
import type { RemediationService } from './service.js';

export interface SweeperOptions {
  /** Where due, stale and unrendered requests are found, and idempotency keys pruned. */
  store: RequestStore & Pick<ClaimStore, 'pruneIdempotencyKeys'> & Partial<Pick<RateLimitStore, 'pruneRateBudgets'>>;
  /** Between passes (default 30 s). */
  intervalMs?: number;
  /** An execution running longer than this was interrupted (default 15 minutes, far above its own bounds). */
  staleExecutionMs?: number;
  /** Leave fresh changes to the process handling them for this long (default 60 s). */
  graceMs?: number;
  clock?: Clock;
  logger: Logger;
}

export interface SweepReport {
  expired: number;
  interrupted: number;
  resumed: number;
  redrawn: number;
  pruned: number;
}

export class RemediationSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly service: RemediationService,
    private readonly options: SweeperOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async sweepOnce(): Promise<SweepReport> {
    const { store } = this.options;
    const now = this.clock();
    const grace = this.options.graceMs ?? 60_000;
    const report: SweepReport = { expired: 0, interrupted: 0, resumed: 0, redrawn: 0, pruned: 0 };
    for (const t of await store.expireDue()) {
      report.expired += 1;
      await this.service.transitioned(t);
    }
    for (const t of await store.failStaleExecutions(now - (this.options.staleExecutionMs ?? 15 * 60_000))) {
      report.interrupted += 1;
      await this.service.transitioned(t);
    }
    report.resumed = (await this.service.resumeApproved(now - grace)).length;
    for (const request of await store.listUnnotified(now - grace)) {
      report.redrawn += 1;
      await this.service.notify(request);
    }
    report.pruned = await store.pruneIdempotencyKeys();
    report.pruned += (await store.pruneRateBudgets?.()) ?? 0;
    return report;
  }

  /** Starts periodic passes (the first one right away). Passes never overlap within this process. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'remediation sweep failed');
          return { expired: 0, interrupted: 0, resumed: 0, redrawn: 0, pruned: 0 };
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 30_000);
    this.timer.unref();
    tick();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
