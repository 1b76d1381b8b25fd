import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';

const text = readFileSync('.env.example', 'utf8');

describe('.env.example', () => {
  it('documents every variable of DESIGN section 6 (and the deadline), each with a comment above it', () => {
    const names = [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'SLACK_MODE',
      'PORT',
      'SLACK_API_URL',
      'ACCOUNTS_FILE',
      'DIAG_ROLE_NAME',
      'DIAG_EXTERNAL_ID',
      'ORG_READER_ROLE_ARN',
      'REMEDIATION_ROLE_NAME',
      'REMEDIATION_EXTERNAL_ID',
      'SLACK_RESPONSE_URL_HOSTS',
      'RATE_LIMIT_PER_USER',
      'RATE_LIMIT_PER_CHANNEL',
      'APPROVAL_TTL_SECONDS',
      'DIAGNOSIS_DEADLINE_SECONDS',
      'DATABASE_URL',
      'LOG_LEVEL',
      'AWS_REGION',
      'AWS_ENDPOINT_URL_STS',
      'AWS_ENDPOINT_URL_IAM',
      'AWS_ENDPOINT_URL_BEDROCK',
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      'AWS_ENDPOINT_URL_CLOUDTRAIL',
      'AWS_ENDPOINT_URL_ORGANIZATIONS',
    ];
    const lines = text.split('\n');
    for (const name of names) {
      const at = lines.findIndex((l) => new RegExp(`^(# )?${name}=`).test(l));
      expect(at, name).toBeGreaterThan(0);
      expect(lines[at - 1], `comment above ${name}`).toMatch(/^#/);
    }
  });

  it('holds well-formed example values: with the external id filled in, the bot config validates', () => {
    const env = { ...parse(text), DIAG_EXTERNAL_ID: 'example-external-id' };
    const config = readConfig(env, 'bot');
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/bedrock-403.db' });
  });
});
