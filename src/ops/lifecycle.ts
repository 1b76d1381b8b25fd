/**
 * Graceful shutdown. SIGTERM (docker stop, ECS, Kubernetes) or SIGINT starts a drain:
 *   1. stop taking new work: `draining` turns true, so /readyz answers 503 (the load balancer stops routing here)
 *      and new Slack work is answered "restarting, try again" (see drain-middleware.ts);
 *   2. wait for in-flight diagnoses and remediation actions, bounded by `drainTimeoutMs` (default 20 s);
 *   3. run the stop steps in order (stop the Slack receiver, close the store), each bounded too;
 *   4. exit 0 (1 if a step failed or the whole shutdown overran its hard bound). A second signal exits at once.
 * Work is tracked either through `track()` or through registered sources of in-flight work (e.g. the Slack app's
 * background tasks), which the drain waits on.
 */
import type { Logger } from '../log.js';

export class DrainingError extends Error {
  override name = 'DrainingError';
  constructor() {
    super('the bot is shutting down and takes no new work');
  }
}

export interface DrainResult {
  /** True when all in-flight work finished within the bound. */
  completed: boolean;
  /** Tracked tasks still running when the bound was reached. */
  remaining: number;
  waitedMs: number;
}

export interface DrainOptions {
  /** Bound on waiting for in-flight work (default 20 000 ms). */
  timeoutMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 20_000;

/** Resolves after `ms` (or never rejects); the timer does not keep the process alive. */
function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());
}

export class DrainController {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly sources: { name: string; idle: () => Promise<unknown>; pending?: () => number }[] = [];
  private readonly listeners: (() => void)[] = [];
  private drainPromise: Promise<DrainResult> | undefined;
  readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: DrainOptions = {}) {
    const timeout = options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    this.timeoutMs = Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_DRAIN_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** True once the drain began: refuse new work. */
  get draining(): boolean {
    return this.drainPromise !== undefined;
  }

  /** Work started through `track()` and not finished yet. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Calls `listener` once when the drain begins (at once if it already did). */
  onDrain(listener: () => void): void {
    if (this.draining) this.safeCall(listener);
    else this.listeners.push(listener);
  }

  /** Another place that tracks in-flight work: the drain also waits for `idle()` (bounded). */
  addSource(name: string, idle: () => Promise<unknown>, pending?: () => number): void {
    this.sources.push({ name, idle, ...(pending ? { pending } : {}) });
  }

  /**
   * Runs `work` as in-flight work the drain waits for. Throws DrainingError without running it once the drain
   * began, so callers can answer "restarting, try again".
   */
  track<T>(work: () => Promise<T>): Promise<T> {
    if (this.draining) return Promise.reject(new DrainingError());
    const running = Promise.resolve().then(work);
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return running;
  }

  /** Begins draining (idempotent) and resolves when in-flight work finished or the bound was reached. */
  drain(): Promise<DrainResult> {
    this.drainPromise ??= this.runDrain();
    return this.drainPromise;
  }

  private safeCall(listener: () => void): void {
    try {
      listener();
    } catch (error) {
      this.options.logger?.warn({ error: String(error) }, 'a drain listener failed');
    }
  }

  private pendingCount(): number {
    let count = this.inFlight.size;
    for (const source of this.sources) count += source.pending?.() ?? 0;
    return count;
  }

  private async runDrain(): Promise<DrainResult> {
    const started = this.now();
    for (const listener of this.listeners.splice(0)) this.safeCall(listener);
    const before = this.pendingCount();
    this.options.logger?.info({ inFlight: before, boundMs: this.timeoutMs }, 'draining: no new work taken');
    const allIdle = (async () => {
      // Loop: work that was accepted just before the drain may start more tracked work while we wait.
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      await Promise.all(this.sources.map((s) => s.idle().catch(() => undefined)));
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      return 'idle' as const;
    })();
    const outcome = await Promise.race([allIdle, delay(this.timeoutMs)]);
    const remaining = outcome === 'idle' ? 0 : Math.max(1, this.pendingCount());
    const result: DrainResult = { completed: outcome === 'idle', remaining, waitedMs: this.now() - started };
    if (result.completed) this.options.logger?.info({ waitedMs: result.waitedMs }, 'drained: no work in flight');
    else {
      this.options.logger?.warn(
        { remaining, waitedMs: result.waitedMs },
        `drain bound of ${this.timeoutMs} ms reached with work still in flight; stopping anyway`,
      );
    }
    return result;
  }
}

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

export interface ShutdownOptions {
  drain: DrainController;
  /** Run in order after the drain (e.g. stop the Slack receiver, close the store). */
  steps: readonly ShutdownStep[];
  exit: (code: number) => void;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Bound on each step (default 10 000 ms). */
  stepTimeoutMs?: number;
}

/**
 * Returns the signal handler: the first signal drains, runs the steps and exits 0 (1 if a step failed or timed
 * out); a second signal exits 1 at once. A hard timer exits 1 if the whole sequence overruns its bounds.
 */
export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const stepTimeoutMs = options.stepTimeoutMs ?? 10_000;
  let started = false;
  let exited = false;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    options.exit(code);
  };
  return async (signal: string) => {
    if (started) {
      options.logger?.warn({ signal }, `${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    started = true;
    options.logger?.info({ signal }, 'shutdown requested');
    const hardBound = options.drain.timeoutMs + stepTimeoutMs * (options.steps.length + 1);
    const hard = setTimeout(() => {
      options.logger?.error({ boundMs: hardBound }, 'shutdown overran its bound; exiting');
      exit(1);
    }, hardBound);
    hard.unref();
    let code = 0;
    await options.drain.drain();
    for (const step of options.steps) {
      try {
        const outcome = await Promise.race([step.run().then(() => 'done' as const), delay(stepTimeoutMs)]);
        if (outcome === 'timeout') {
          code = 1;
          options.logger?.error({ step: step.name, boundMs: stepTimeoutMs }, `shutdown step ${step.name} timed out`);
        }
      } catch (error) {
        code = 1;
        const message = error instanceof Error ? error.message : String(error);
        options.logger?.error({ step: step.name, error: message }, `shutdown step ${step.name} failed`);
      }
    }
    clearTimeout(hard);
    options.logger?.info({ exitCode: code }, 'stopped');
    exit(code);
  };
}

/** Installs `handler` for SIGTERM and SIGINT on `target` (the process). Returns a function that removes it. */
export function handleSignals(
  handler: (signal: string) => Promise<void>,
  target: Pick<NodeJS.Process, 'on' | 'off'> = process,
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  const listener = (signal: NodeJS.Signals) => void handler(signal);
  for (const s of signals) target.on(s, listener);
  return () => {
    for (const s of signals) target.off(s, listener);
  };
}
