/** Bolt's Logger interface on top of the project's pino logger (so Bolt's own lines are redacted too). */
import { format } from 'node:util';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.js';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(base: Logger): BoltLogger {
  let logger = base.child({ component: 'bolt' });
  // Bolt logs every request at debug; keep its chatter at warn unless the project runs at debug or trace.
  let level: LogLevel = base.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.WARN;
  const on = (wanted: LogLevel) => ORDER.indexOf(wanted) >= ORDER.indexOf(level);
  return {
    debug: (...args: unknown[]) => on(LogLevel.DEBUG) && logger.debug(format(...args)),
    info: (...args: unknown[]) => on(LogLevel.INFO) && logger.info(format(...args)),
    warn: (...args: unknown[]) => on(LogLevel.WARN) && logger.warn(format(...args)),
    error: (...args: unknown[]) => on(LogLevel.ERROR) && logger.error(format(...args)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name: string) => {
      logger = base.child({ component: name });
    },
  };
}
