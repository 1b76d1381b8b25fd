import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr${'A1b2C3d4E5'.repeat(20)}`;
const BOT_TOKEN = 'xoxb-2222222222-3333333333-abcdefABCDEF123456';
const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ destination: stream, knownSecrets: [SIGNING_SECRET], level: 'debug' });
  return { logger, text: () => lines.join('') };
}

describe('createLogger redaction', () => {
  it('redacts secret-shaped values in fields, nested objects, messages and errors', () => {
    const { logger, text } = capture();
    logger.info({ credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_KEY } }, 'assumed role');
    logger.info({ nested: { note: `token was ${SESSION_TOKEN}` } }, 'nested');
    logger.warn(`message mentions ${BOT_TOKEN} and ${SECRET_KEY}`);
    logger.info('interpolated %s', SESSION_TOKEN);
    logger.error({ err: new Error(`AWS said: secret ${SECRET_KEY} and signing ${SIGNING_SECRET}`) }, 'failed');
    logger.error(new Error(`bare error with ${BOT_TOKEN}`));
    logger.info({ env: `AWS_SECRET_ACCESS_KEY=${SECRET_KEY.slice(0, 30)} SLACK_SIGNING_SECRET=${SIGNING_SECRET}` });
    const output = text();
    for (const secret of [SECRET_KEY, SESSION_TOKEN, BOT_TOKEN, SIGNING_SECRET, SECRET_KEY.slice(0, 30)]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[REDACTED]');
    expect(output).toContain('assumed role');
    expect(output).toContain('AKIAEXAMPLE');
    expect(output.trim().split('\n')).toHaveLength(7);
    for (const line of output.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('keeps ordinary identifiers readable', () => {
    const { logger, text } = capture();
    logger.info({
      accountId: '123456789012',
      keyId: 'AKIAIOSFODNN7EXAMPLE',
      sha: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
    });
    const output = text();
    expect(output).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(output).toContain('123456789012');
    expect(output).toContain('a94a8fe5ccb19ba61c4c0873d391e987982fbbd3');
  });
});
