/**
 * A start-up problem the operator fixes: its message is the ONE line main.ts prints (naming the variable to fix),
 * its exit code follows DESIGN section 6 (2 bad input, 1 unexpected; 0 when a signal stopped the start).
 */
import { EXIT } from './report.js';

export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.unexpected,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** SIGTERM / SIGINT arrived before the bot was running: not a failure, the process exits 0. */
export class StartupAborted extends StartupError {
  constructor(readonly signal = 'a signal') {
    super(`stopped by ${signal} during start-up`, EXIT.ok);
    this.name = 'StartupAborted';
  }
}
