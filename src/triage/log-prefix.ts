/**
 * Log-line prefixes that logging stacks put in front of every line of a message: a timestamp with an optional level
 * and tag (`2026-11-30T10:11:12.345Z ERROR [worker-3] `, GitHub Actions' `2026-11-30T10:11:12.1234567Z `), syslog's
 * `Nov 30 10:11:12 host app[123]: `, docker compose's `api-1  | `, kubectl's `[pod/name/container] ` and pytest's
 * failure gutter (`E       ` in long tracebacks, `E   ` in short ones).
 *
 * A message that wraps over several lines then has a prefix inside each of its sentences, and line-start formats
 * (`400 {...}`, Java's `Status Code:` on the next line) no longer start their line. Removing the prefixes gives
 * the text the SDK printed. An ISO timestamp is removed only where more text follows it on its line (a stamp alone can
 * be content); the other prefixes also where they are all there is on a blank log line. The timestamps removed
 * are kept apart, for the time the paste shows. The message of a structured (JSON) log line goes on a line of its own.
 */

/** ISO 8601 date and time, optional fraction and zone, optionally in brackets. */
const ISO_STAMP =
  '\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}| ?UTC)?\\]?(?![0-9A-Za-z.:+-])';
const LEVEL = '(?:TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|FATAL|CRITICAL|SEVERE|PANIC)';
/** One bracketed tag after the level or the time: a thread, a logger, a request. */
const TAG = '\\[[^\\]\\n]{1,60}\\]';

/**
 * Anchored at the line start, in the order they nest (a container's prefix comes before the log line's own);
 * group 1, when present, is a timestamp.
 */
const PREFIXES: readonly RegExp[] = [
  // docker compose v1 and v2 name the container with its replica number: `api_1  | `, `api-1  | `.
  /^[\w.-]{1,48}[-_]\d{1,3}[ \t]{1,24}\| (?=[ \t]{0,40}\S|[ \t]*$)/,
  /^\[pod\/[^\]\s]{1,160}\] (?=[ \t]{0,40}\S|[ \t]*$)/,
  // pytest marks the lines of the exception it reports with `E` and its gutter: `E       botocore.exceptions...`.
  /^E(?: {7}| {3})(?=[ \t]{0,40}\S|[ \t]*$)/,
  /^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2}) [\w.-]{1,64} [\w./-]{1,64}(?:\[\d{1,10}\])?: (?=[ \t]{0,40}\S|[ \t]*$)/,
  new RegExp(
    `^[ \\t]{0,4}(${ISO_STAMP})(?:[ \\t]{1,4}${LEVEL}:?)?(?:[ \\t]{1,4}${TAG})?(?:[ \\t]{1,4}${LEVEL}:?)?[ \\t]?(?:[-|:][ \\t])?(?=[ \\t]{0,40}\\S)`,
  ),
];

/**
 * A structured log line (pino, zap, logrus, structlog, CloudWatch JSON) whose message field holds the SDK's text:
 * `{"level":"error","ts":1.7e9,"msg":"400 Invocation of ...`. The message is put on a line of its own, so that
 * formats which open a line read it; the envelope (with any request id in it) stays. A bare JSON error body
 * (`{"message":"..."}`) has no field before its message and is left as it is.
 */
const JSON_LOG_ENVELOPE =
  /^[ \t]{0,4}\{[ \t]{0,2}"[\w.@-]{1,40}"[ \t]{0,3}:[^\n]{1,400}?,[ \t]{0,3}"(?:msg|message|log|event|error|err)"[ \t]{0,3}:[ \t]{0,3}"(?=\S)/;

export interface StrippedPrefixes {
  text: string;
  /** The timestamps the removed prefixes carried, one a line ('' when none). */
  stamps: string;
}

/** Removes the log-line prefixes at the start of each line. Linear: one anchored match a line and a shape. */
export function stripLogPrefixes(text: string): StrippedPrefixes {
  const lines = text.split('\n');
  const stamps: string[] = [];
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    for (const prefix of PREFIXES) {
      const m = prefix.exec(line);
      if (!m) continue;
      line = line.slice(m[0].length);
      if (m[1]) stamps.push(m[1]);
      changed = true;
    }
    const envelope = JSON_LOG_ENVELOPE.exec(line);
    if (envelope) {
      line = `${envelope[0]}\n${line.slice(envelope[0].length)}`;
      changed = true;
    }
    lines[i] = line;
  }
  return changed ? { text: lines.join('\n'), stamps: stamps.join('\n') } : { text, stamps: '' };
}
