/**
 * fast-check: a Bedrock API key (long-term or short-term, made with the real schemes) pasted anywhere in a text
 * never survives into any output: triage JSON, the CLI text, the Slack triage reply, a log line, scrubSecrets.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTriage } from '../../src/cli/render-triage.js';
import { createLogger } from '../../src/log.js';
import { scrubSecrets } from '../../src/secrets.js';
import { decodeTargetValue, encodeTargetValue } from '../../src/slack/action-values.js';
import { buildTriageReply } from '../../src/slack/blocks/triage-reply.js';
import { pastedApiKey } from '../../src/slack/diagnose-request.js';
import { triage } from '../../src/triage/index.js';
import { echoes, fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'eu-west-3'];
const KEY_IDS = ['AKIASP2TPHJSQH3FJXYZ', 'ASIAY34FZKBOKMUTVV7A', 'ASIAVJ2E6QGR2WZILJFM', 'AKIAIOSFODNN7EXAMPLE'];

const userName = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,40}$/);
const account = fc.stringMatching(/^\d{12}$/);
const secret = fc.uint8Array({ minLength: 24, maxLength: 48 }).map((b) => Buffer.from(b).toString('base64'));

const longTermKey = fc
  .record({ userName, account, secret, consoleMade: fc.boolean(), secondary: fc.boolean() })
  .map((r) =>
    makeLongTermKey({
      userName: r.consoleMade ? `BedrockAPIKey-${r.userName.slice(0, 4)}` : r.userName,
      accountId: r.account,
      secret: r.secret,
      secondary: r.secondary,
    }),
  );

const shortTermKey = fc.record({
  keyId: fc.constantFrom(...KEY_IDS),
  region: fc.constantFrom(...REGIONS),
  expiresIn: fc.integer({ min: 1, max: 43_200 }),
  at: fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2027, 0, 1) }),
});

/** How people paste a key: env, header, code, JSON config, YAML, a URL, quoted, between words. */
const WRAPPERS: ((key: string) => string)[] = [
  (k) => `export AWS_BEARER_TOKEN_BEDROCK=${k}`,
  (k) => `AWS_BEARER_TOKEN_BEDROCK="${k}"`,
  (k) => `Authorization: Bearer ${k}`,
  (k) => `curl -H "Authorization: Bearer ${k}" https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke`,
  (k) => `client = OpenAI(api_key='${k}')`,
  (k) => JSON.stringify({ bedrock: { apiKey: k, region: 'us-east-1' } }),
  (k) => `bedrock:\n  api_key: ${k}\n`,
  (k) => `https://proxy.example.com/?token=${encodeURIComponent(k)}`,
  (k) => `my key is ${k}. it fails`,
  (k) => `&lt;${k}&gt;`,
];
const ERRORS = [
  'Forbidden: {"Message":"Authentication failed: Please make sure your API Key is valid."}',
  'AccessDeniedException: User is not authorized to perform: bedrock:CallWithBearerToken',
  'Invalid API Key format: Must start with pre-defined prefix',
  '2026-12-02T14:02:11Z HTTP 403',
  '',
];

function outputsOf(text: string): string[] {
  const t = triage(text);
  const lines: string[] = [];
  const logger = createLogger({
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  logger.info({ paste: text, nested: { text } }, `triaged: ${text}`);
  logger.error(new Error(`failed on ${text}`));
  return [
    JSON.stringify(t),
    renderTriage(t),
    JSON.stringify(buildTriageReply({ triage: t })),
    JSON.stringify(buildTriageReply({ triage: t, automatic: true })),
    scrubSecrets(text),
    lines.join('\n'),
  ];
}

function check(key: string, wrap: (key: string) => string, error: string) {
  const text = `${wrap(key)}\n${error}`;
  const t = triage(text);
  expect(t.secretsFound).toBe(true);
  for (const output of outputsOf(text)) expect(echoes(output, key)).toBe(false);
  // The "Run live diagnosis" offer carries the key by what identifies it, and that survives the round trip.
  const apiKey = pastedApiKey(t, text);
  expect(apiKey).toBeDefined();
  const runTarget = { accountId: '111111111111', ...(apiKey ? { apiKey } : {}) };
  const value = encodeTargetValue(runTarget);
  expect(decodeTargetValue(value)).toEqual(runTarget);
  expect(echoes(value, key)).toBe(false);
  expect(echoes(JSON.stringify(buildTriageReply({ triage: t, runTarget })), key)).toBe(false);
}

describe('a Bedrock API key never survives into any output', () => {
  it('long-term keys', () => {
    fc.assert(
      fc.property(longTermKey, fc.constantFrom(...WRAPPERS), fc.constantFrom(...ERRORS), (key, wrap, error) =>
        check(key, wrap, error),
      ),
      { numRuns: 150 },
    );
  });

  it('short-term keys (user keys and role sessions with their session token inside)', async () => {
    await fc.assert(
      fc.asyncProperty(
        shortTermKey,
        fc.constantFrom(...WRAPPERS),
        fc.constantFrom(...ERRORS),
        async (k, wrap, error) => {
          const key = await makeShortTermKey({
            accessKeyId: k.keyId,
            ...(k.keyId.startsWith('ASIA') ? { sessionToken: fakeSessionToken() } : {}),
            region: k.region,
            expiresIn: k.expiresIn,
            signingDate: new Date(k.at),
          });
          check(key, wrap, error);
        },
      ),
      { numRuns: 150 },
    );
  });
});
