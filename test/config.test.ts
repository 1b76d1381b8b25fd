import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, secretValuesOf } from '../src/config.js';

const BOT = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefghijkl',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_MODE: 'http',
  DIAG_EXTERNAL_ID: 'ext-id-1234',
};

function problemsOf(env: NodeJS.ProcessEnv, purpose: 'bot' | 'diagnose' | 'cli' = 'bot'): string[] {
  try {
    readConfig(env, purpose);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const config = readConfig(BOT, 'bot');
    expect(config.slack).toMatchObject({ mode: 'http', port: 3000 });
    expect(config.aws).toMatchObject({
      region: 'us-east-1',
      diagRoleName: 'BedrockDiagnosticsRole',
      remediationRoleName: 'BedrockKeyRemediationRole',
      diagExternalId: 'ext-id-1234',
    });
    expect(config.approvalTtlSeconds).toBe(1800);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/bedrock-403.db' });
    expect(config.logLevel).toBe('info');
  });

  it('reads postgres and sqlite database urls', () => {
    expect(readConfig({ ...BOT, DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@127.0.0.1:5432/db',
    });
    expect(readConfig({ ...BOT, DATABASE_URL: 'sqlite::memory:' }).database).toEqual({
      kind: 'sqlite',
      path: ':memory:',
    });
  });

  it('chooses socket mode when an app token is given and no mode is set', () => {
    const config = readConfig({ ...BOT, SLACK_MODE: undefined, SLACK_APP_TOKEN: 'xapp-1-A1-abc' });
    expect(config.slack.mode).toBe('socket');
  });

  it('names every bad variable in one message', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_MODE: 'carrier-pigeon',
      PORT: '70000',
      APPROVAL_TTL_SECONDS: 'soon',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      DIAG_ROLE_NAME: 'has space',
      AWS_REGION: 'mars',
    });
    const joined = problems.join('\n');
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_MODE',
      'PORT',
      'APPROVAL_TTL_SECONDS',
      'DATABASE_URL',
      'LOG_LEVEL',
      'DIAG_ROLE_NAME',
      'AWS_REGION',
      'DIAG_EXTERNAL_ID',
    ]) {
      expect(joined).toContain(name);
    }
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'nope' })).toThrow(/Invalid configuration:\n {2}- /);
  });

  it('requires Slack credentials only for the bot, and the external id for bot and diagnose', () => {
    expect(problemsOf({}, 'cli')).toEqual([]);
    expect(problemsOf({}, 'diagnose')).toEqual([
      'DIAG_EXTERNAL_ID is missing (the external id the diagnostic role trusts)',
    ]);
    const botProblems = problemsOf({ SLACK_MODE: 'socket' }, 'bot').join('\n');
    expect(botProblems).toContain('SLACK_BOT_TOKEN is missing');
    expect(botProblems).toContain('SLACK_APP_TOKEN is missing');
    expect(problemsOf({ SLACK_MODE: 'http' }, 'bot').join('\n')).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it('never puts a secret value in its error message', () => {
    const secret = 'xoxq-very-secret-looking-token';
    const problems = problemsOf({ ...BOT, SLACK_BOT_TOKEN: secret });
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('lists the secret values for redaction', () => {
    expect(secretValuesOf(readConfig(BOT))).toEqual(
      expect.arrayContaining([BOT.SLACK_BOT_TOKEN, BOT.SLACK_SIGNING_SECRET, BOT.DIAG_EXTERNAL_ID]),
    );
  });

  it('REMEDIATION_EXTERNAL_ID: its own id, refused when equal to DIAG_EXTERNAL_ID, redacted like it', () => {
    const config = readConfig({ ...BOT, REMEDIATION_EXTERNAL_ID: 'remediation-ext-9876' });
    expect(config.aws.remediationExternalId).toBe('remediation-ext-9876');
    expect(secretValuesOf(config)).toContain('remediation-ext-9876');
    expect(readConfig(BOT).aws.remediationExternalId).toBeUndefined();
    expect(problemsOf({ ...BOT, REMEDIATION_EXTERNAL_ID: BOT.DIAG_EXTERNAL_ID })).toEqual([
      expect.stringMatching(/^REMEDIATION_EXTERNAL_ID must differ from DIAG_EXTERNAL_ID/),
    ]);
    expect(problemsOf({ ...BOT, REMEDIATION_EXTERNAL_ID: 'has space' })).toEqual([
      expect.stringMatching(/^REMEDIATION_EXTERNAL_ID must be 2-1224/),
    ]);
  });

  it('rate limits: 10/min per user and 30/min per channel by default, other windows, off, and bad values named', () => {
    expect(readConfig(BOT).rateLimits).toEqual({
      perUser: { limit: 10, windowMs: 60_000 },
      perChannel: { limit: 30, windowMs: 60_000 },
    });
    expect(readConfig({ ...BOT, RATE_LIMIT_PER_USER: '2/s', RATE_LIMIT_PER_CHANNEL: 'off' }).rateLimits).toEqual({
      perUser: { limit: 2, windowMs: 1000 },
    });
    expect(readConfig({ ...BOT, RATE_LIMIT_PER_CHANNEL: '100 / hour' }).rateLimits?.perChannel).toEqual({
      limit: 100,
      windowMs: 3_600_000,
    });
    expect(problemsOf({ ...BOT, RATE_LIMIT_PER_USER: 'lots', RATE_LIMIT_PER_CHANNEL: '0/min' })).toEqual([
      'RATE_LIMIT_PER_USER must look like 10/min (a positive count per s, min or hour) or "off", got "lots"',
      'RATE_LIMIT_PER_CHANNEL must look like 10/min (a positive count per s, min or hour) or "off", got "0/min"',
    ]);
  });
});
