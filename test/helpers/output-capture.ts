/**
 * Everything the bot SENDS during the test suite, kept for one final secret scan (test/secret-scan.global.ts):
 * Slack payloads (Web API calls and response_url posts received by the fake Slack API, HTTP acks read back by
 * send(), calls on the unit tests' fake client) and log lines (capturing loggers). Inputs that tests paste on
 * purpose are not recorded: only what the bot produced.
 *
 * Each vitest worker appends JSON lines to its own file in the directory named by BEDROCK403_OUTPUT_CAPTURE (set by
 * the global setup); outside the test suite (benches, scripts) the variable is unset and nothing is written.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { threadId } from 'node:worker_threads';
import { findSecretKinds, type SecretKinds, scrubSecrets } from '../../src/secrets.js';

export const CAPTURE_ENV = 'BEDROCK403_OUTPUT_CAPTURE';
/** The test file running in this worker, set by test/setup.ts (for the scan's report). */
export const CAPTURE_FILE_ENV = 'BEDROCK403_OUTPUT_CAPTURE_TEST_FILE';

export type OutputKind = 'slack' | 'log';

export interface CapturedOutput {
  kind: OutputKind;
  /** Where it was captured: `web api chat.postMessage`, `response_url`, `ack`, `log`, ... */
  source: string;
  /** The test file that produced it. */
  testFile?: string;
  /** The payload (any JSON value) or log line as sent. */
  payload: unknown;
}

/** Records one output of the bot, when the suite's capture is on. Never throws. */
export function captureOutput(kind: OutputKind, source: string, payload: unknown): void {
  const dir = process.env[CAPTURE_ENV];
  if (!dir) return;
  try {
    const record: CapturedOutput = { kind, source, testFile: process.env[CAPTURE_FILE_ENV], payload };
    appendFileSync(join(dir, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(record)}\n`);
  } catch {
    // a capture problem must not break the test that produced the output
  }
}

/** A log line as written by pino: the parsed object when it is JSON, else the raw text. */
function logPayload(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return line;
  }
}

/** Records one chunk of logger output (one or more JSON lines). */
export function captureLogLines(source: string, chunk: string): void {
  for (const line of chunk.split('\n')) {
    if (line.trim() !== '') captureOutput('log', source, logPayload(line));
  }
}

/** A Writable for a logger's destination that records every line and keeps nothing else. */
export function captureStream(source: string): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      captureLogLines(source, String(chunk));
      done();
    },
  });
}

/** Every record captured in `dir` (all workers). Unreadable lines are reported as records of their own. */
export function readCaptured(dir: string): CapturedOutput[] {
  const out: CapturedOutput[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        out.push(JSON.parse(line) as CapturedOutput);
      } catch {
        out.push({ kind: 'log', source: `unreadable capture line in ${name}`, payload: line });
      }
    }
  }
  return out;
}

export interface SecretFinding {
  record: CapturedOutput;
  kinds: (keyof SecretKinds)[];
  /** The offending string with the secret itself replaced (never print the secret again). */
  excerpt: string;
}

/**
 * The strings of a payload, each scanned on its own: a JSON encoding would turn a newline before a secret into the
 * letter `n` and hide it from the word-boundary checks of the recognisers.
 */
function strings(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out, depth + 1);
  else if (value !== null && typeof value === 'object' && depth < 40) {
    for (const [key, inner] of Object.entries(value)) {
      // `key: value` keeps secret-named fields visible to the named-value recogniser.
      if (typeof inner === 'string') out.push(`${key}: ${inner}`);
      else strings(inner, out, depth + 1);
    }
  }
  return out;
}

/** The records holding anything secret-shaped (AWS secret keys, session tokens, Slack tokens, named secrets). */
export function findSecretShaped(records: readonly CapturedOutput[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const record of records) {
    for (const text of strings(record.payload)) {
      const kinds = Object.entries(findSecretKinds(text))
        .filter(([, found]) => found)
        .map(([kind]) => kind as keyof SecretKinds);
      if (kinds.length > 0) {
        findings.push({ record, kinds, excerpt: scrubSecrets(text).slice(0, 300) });
        break;
      }
    }
  }
  return findings;
}
