/** Tracks work that runs after a request was acknowledged, so shutdown and tests can wait for it. */
import type { Logger } from '../log.js';
import { describeError } from './reply.js';

export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Runs `work`, logging (never throwing) its failure. */
  run(what: string, work: () => Promise<void>): Promise<void> {
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

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once no task is running (including tasks started while waiting). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
