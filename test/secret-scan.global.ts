/**
 * Vitest global setup: turns on the capture of everything the bot sends (test/helpers/output-capture.ts) for the
 * whole run, and at the end scans every captured Slack payload and log line for secret-shaped strings (AWS secret
 * keys, session tokens, Slack tokens, Bedrock API keys, values of secret-named fields). Any finding fails the run
 * (exit code 1) with the test file, the channel it went out on, and an excerpt with the secret itself removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPTURE_ENV, findSecretShaped, readCaptured } from './helpers/output-capture.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-output-'));
  process.env[CAPTURE_ENV] = dir;
  return () => {
    const records = readCaptured(dir);
    const findings = findSecretShaped(records);
    const slack = records.filter((r) => r.kind === 'slack').length;
    const logs = records.length - slack;
    if (findings.length === 0) {
      console.log(`secret scan: ${slack} Slack payloads and ${logs} log lines sent by the bot, none secret-shaped`);
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    console.error(
      `secret scan FAILED: ${findings.length} of ${records.length} captured outputs hold something secret-shaped ` +
        `(captures kept in ${dir}):`,
    );
    for (const f of findings.slice(0, 25)) {
      console.error(
        `- ${f.record.testFile ?? 'unknown test file'} [${f.record.source}] ${f.kinds.join(', ')}: ${f.excerpt}`,
      );
    }
    process.exitCode = 1;
  };
}
