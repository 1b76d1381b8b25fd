/**
 * Tracks work that runs after a request was acknowledged, so shutdown and tests can wait for it.
 *
 * `run` starts at once (listener bodies). `defer` is for the heavy follow-up (diagnoses): it starts on a later turn
 * of the event loop, once no Slack request arrived for 3 ms (100 ms at most), one start per turn, and at most
 * `maxDeferred` (32) run at once, the rest waiting in order, at most `maxQueued` (256) of them: `tryDefer` turns work
 * away beyond that, so a flood cannot grow the queue without bound. Acks stay fast under a burst, and a burst of
 * commands does not become a burst of AWS calls.
 */
import type { Logger } from '../log.js';
import { describeError } from './reply.js';

export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;

  constructor(
    private readonly logger: Logger,
    private readonly maxDeferred = 32,
    readonly maxQueued = 256,
  ) {}

  /** Runs `work` now, logging (never throwing) its failure. */
  run(what: string, work: () => Promise<void>): Promise<void> {
    return this.track(what, work);
  }

  /** Runs `work` once a slot is free and the event loop has had a turn; logs (never throws) its failure. */
  defer(what: string, work: () => Promise<void>): Promise<void> {
    return this.track(what, async () => {
      await this.acquire();
      try {
        await work();
      } finally {
        this.release();
      }
    });
  }

  /** `defer`, unless `maxQueued` pieces of work already wait for a slot: then nothing is queued and false returned. */
  tryDefer(what: string, work: () => Promise<void>): boolean {
    if (!this.hasRoom()) return false;
    void this.defer(what, work);
    return true;
  }

  /** Whether deferred work would be queued now. */
  hasRoom(): boolean {
    return this.waiting.length < this.maxQueued;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Deferred work waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves once no task is running (including tasks started while waiting). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(what: string, work: () => Promise<void>): Promise<void> {
    const task = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error({ what, error: describeError(error) }, `${what} failed`);
      }
    })();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
    return task;
  }

  /**
   * A slot, handed out at most one per turn of the event loop: the synchronous start of a diagnosis (triage, first
   * blocks) then never holds back more than one piece of work ahead of the next request waiting to be acked.
   */
  private acquire(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  private release(): void {
    this.active -= 1;
    this.pump();
  }

  private pumping = false;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private waitingSince = Number.NEGATIVE_INFINITY;

  /**
   * Called for every incoming Slack request: deferred work holds its start until requests have been quiet for
   * QUIET_MS (a burst of commands is acked first), but never longer than MAX_POSTPONE_MS.
   */
  noteRequest(): void {
    this.lastRequestAt = performance.now();
  }

  private pump(): void {
    if (this.pumping || this.waiting.length === 0 || this.active >= this.maxDeferred) return;
    this.pumping = true;
    const now = performance.now();
    if (this.waitingSince === Number.NEGATIVE_INFINITY) this.waitingSince = now;
    const quietFor = now - this.lastRequestAt;
    const postponed = now - this.waitingSince;
    if (quietFor < QUIET_MS && postponed < MAX_POSTPONE_MS) {
      setTimeout(
        () => {
          this.pumping = false;
          this.pump();
        },
        Math.max(1, QUIET_MS - quietFor),
      );
      return;
    }
    setImmediate(() => {
      this.pumping = false;
      if (this.active < this.maxDeferred) {
        const next = this.waiting.shift();
        if (next) {
          this.active += 1;
          this.waitingSince = this.waiting.length > 0 ? performance.now() : Number.NEGATIVE_INFINITY;
          next();
        }
      }
      this.pump();
    });
  }
}

/** Deferred work starts once no Slack request arrived for this long... */
const QUIET_MS = 3;
/** ...or after this long at the latest. */
const MAX_POSTPONE_MS = 100;
