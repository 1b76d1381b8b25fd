/**
 * The capture behind the suite's final secret scan: the scanner finds secrets wherever they sit in a payload and
 * never repeats them, and the Slack fakes and test loggers really write what the bot sends into the capture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { capturingLogger, fakeClient } from '../slack/helpers/fakes.js';
import {
  CAPTURE_ENV,
  type CapturedOutput,
  captureOutput,
  captureStream,
  findSecretShaped,
  readCaptured,
} from './output-capture.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr${'A1b2C3d4E5'.repeat(12)}`;
const BOT_TOKEN = 'xoxb-2222222222-3333333333-abcdefABCDEF';

const slack = (payload: unknown): CapturedOutput => ({ kind: 'slack', source: 'test', payload });

describe('findSecretShaped', () => {
  it('finds a secret key nested in blocks, even right after a newline', () => {
    const payload = {
      channel: 'C1',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `key:\n${SECRET_KEY}` } }],
    };
    const [finding] = findSecretShaped([slack(payload)]);
    expect(finding?.kinds).toContain('secretAccessKey');
    expect(finding?.excerpt).not.toContain(SECRET_KEY);
    expect(finding?.excerpt).toContain('[REDACTED]');
  });

  it('finds session tokens, Slack tokens and values of secret-named fields in log lines', () => {
    const findings = findSecretShaped([
      { kind: 'log', source: 'log', payload: { msg: 'assumed', creds: `token ${SESSION_TOKEN}` } },
      { kind: 'log', source: 'log', payload: `plain text line with ${BOT_TOKEN}` },
      { kind: 'log', source: 'log', payload: { aws_secret_access_key: 'abcdEFGH1234ijklMNOP5678' } },
    ]);
    expect(findings.map((f) => f.kinds)).toEqual([
      ['sessionToken'],
      ['slackToken'],
      ['secretAccessKey', 'namedSecret'],
    ]);
  });

  it('passes what the bot normally sends: ids, redaction markers, key ids, ARNs', () => {
    const findings = findSecretShaped([
      slack({ text: 'Key AKIAIOSFODNN7EXAMPLE of user alice is inactive', ts: '1700000000.000100' }),
      slack({ value: 'arn:aws:iam::111122223333:user/alice', request: '00000000-0000-4000-8000-000000000001' }),
      { kind: 'log', source: 'log', payload: { level: 30, token: '[REDACTED]', msg: 'slash command' } },
    ]);
    expect(findings).toEqual([]);
  });
});

describe('capture wiring', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[CAPTURE_ENV];
    dir = mkdtempSync(join(tmpdir(), 'bedrock-403-capture-test-'));
    process.env[CAPTURE_ENV] = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[CAPTURE_ENV];
    else process.env[CAPTURE_ENV] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('records Web API calls and response_url posts received by the fake Slack API', async () => {
    const api = new FakeSlackApi();
    await api.start();
    try {
      await fetch(`${api.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
        body: JSON.stringify({ channel: 'C1', text: 'hello' }),
      });
      await fetch(api.responseUrl('x'), { method: 'POST', body: JSON.stringify({ text: 'bye' }) });
    } finally {
      await api.stop();
    }
    const records = readCaptured(dir);
    expect(records.map((r) => [r.kind, r.source, r.payload])).toEqual([
      ['slack', 'web api chat.postMessage', { channel: 'C1', text: 'hello' }],
      ['slack', 'response_url', { text: 'bye' }],
    ]);
    // The token authenticates the call; it is not part of what the bot sent to people.
    expect(JSON.stringify(records)).not.toContain(BOT_TOKEN);
  });

  it('records the fake client calls and every logger line, and the scan sees a leak in them', async () => {
    const client = fakeClient();
    await (client.chat.postMessage as (args: unknown) => Promise<unknown>)({
      channel: 'C1',
      text: `leaked ${SECRET_KEY}`,
    });
    capturingLogger().logger.info({ account: '111122223333' }, 'diagnosis finished');
    // A logger that did not redact would be caught too (here: a raw stream, bypassing the bot's logger).
    captureStream('raw').write(`{"msg":"oops ${SESSION_TOKEN}"}\n`);
    createLogger({ destination: captureStream('redacting') }).info(`pasted ${SECRET_KEY}`);
    captureOutput('slack', 'direct', { text: 'fine' });

    const records = readCaptured(dir);
    expect(records.map((r) => r.source)).toEqual([
      'fake client chat.postMessage',
      'capturingLogger',
      'raw',
      'redacting',
      'direct',
    ]);
    expect(findSecretShaped(records).map((f) => f.record.source)).toEqual(['fake client chat.postMessage', 'raw']);
  });
});
