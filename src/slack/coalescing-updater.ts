/**
 * Runs an update task at most once per interval however often it is requested: the first request runs at once,
 * later ones within the interval collapse into one trailing run. Used to edit the live checklist (chat.update is
 * Tier 3, and a message edited more than about once a second flickers and hits rate limits).
 */

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CoalescingUpdater {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private dirty = false;
  private closed = false;
  private runs = 0;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Asks for an update; it runs now, or once the interval since the last run has passed. */
  request(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer !== undefined || this.running) return;
    this.schedule();
  }

  /** How many times the task has started. */
  get runCount(): number {
    return this.runs;
  }

  /**
   * Stops further runs, waits for one in flight, then waits out the rest of the interval, so that whatever the
   * caller sends next (the final update) also keeps the spacing.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running;
    const wait = this.lastStart + this.intervalMs - this.timers.now();
    if (wait > 0 && Number.isFinite(wait)) {
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, wait));
    }
  }

  private schedule(): void {
    const wait = Math.max(0, this.lastStart + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    this.lastStart = this.timers.now();
    this.runs += 1;
    this.running = this.task().catch(() => undefined);
    await this.running;
    this.running = undefined;
    if (this.dirty && !this.closed) this.schedule();
  }
}
