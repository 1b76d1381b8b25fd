/**
 * fast-check: triage never throws and always returns the contract shape on arbitrary and hostile input (random
 * strings, mixtures of real error fragments, long runs of one character, nested brackets, 40,000-character lines),
 * and never repeats a secret placed in the text. Runs are kept modest here; the 10,000-run soak is issue 7.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTriage } from '../../src/cli/render-triage.js';
import { CAUSE_IDS, type Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';

const ENTITY_KEYS = new Set([
  'accessKeyId',
  'accessKeyType',
  'keyAccountId',
  'accountId',
  'region',
  'modelId',
  'action',
  'principalArn',
  'requestId',
  'errorCode',
  'operation',
  'service',
  'httpStatus',
  'apiKeyType',
  'apiKeyUser',
  'apiKeyExpiresAt',
  'apiKeyRegion',
  'apiKeyAccountId',
  'denyingPolicyArn',
  'denyingPolicyType',
  'errorTime',
]);

function assertContract(t: Triage): void {
  expect(typeof t.secretsFound).toBe('boolean');
  expect(typeof t.truncated).toBe('boolean');
  expect(Array.isArray(t.findings)).toBe(true);
  const ids = t.causes.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  let previous = 1;
  for (const cause of t.causes) {
    expect(CAUSE_IDS).toContain(cause.id);
    expect(cause.confidence).toBeGreaterThanOrEqual(0);
    expect(cause.confidence).toBeLessThanOrEqual(1);
    expect(cause.confidence).toBeLessThanOrEqual(previous);
    previous = cause.confidence;
    expect(cause.title.length).toBeGreaterThan(0);
    expect(cause.why.length).toBeGreaterThan(0);
    expect(Array.isArray(cause.fix)).toBe(true);
    if (t.ambiguous) expect(cause.confidence).toBeLessThanOrEqual(0.5);
  }
  expect(new Set(t.commands).size).toBe(t.commands.length);
  for (const [key, value] of Object.entries(t.entities)) {
    expect(ENTITY_KEYS.has(key), key).toBe(true);
    if (key === 'httpStatus') expect(Number.isInteger(value)).toBe(true);
    else expect(typeof value).toBe('string');
  }
}

const FRAGMENTS = [
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: ',
  'The security token included in the request is invalid.',
  'The security token included in the request is expired',
  'User: arn:aws:sts::123456789012:assumed-role/Role/s is not authorized to perform: bedrock:InvokeModel on resource: ',
  'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
  ' because no identity-based policy allows the bedrock:InvokeModel action',
  ' with an explicit deny in a service control policy',
  'AKIASP2TPHJSQH3FJXYZ',
  'ASIAY34FZKBOKMUTVV7A',
  'AWS_SESSION_TOKEN=****\n',
  'AWS_PROFILE=dev\n',
  'https://bedrock-runtime.ap-southeast-3.amazonaws.com/model/x/invoke',
  '&lt;&gt;&amp;',
  '<https://x.y|label>',
  '```',
  '\\n\\"',
  '{"message":"',
  '"}',
  'Signature expired: 20250101T100000Z is now earlier than 20250101T101000Z (20250101T101500Z - 5 min.)',
  "isn't supported. Retry your request with the ID or ARN of an inference profile",
  '      Name                    Value             Type    Location\naccess_key     ****************ABCD              env\n',
  '{\n "UserId": "AIDAQWERTYUIOPASDFGHJ",\n "Account": "111122223333",\n "Arn": "arn:aws:iam::111122223333:user/x"\n}',
  '403 Forbidden',
  '\u200b\r\n\t',
  'İ',
];

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('triage properties', () => {
  it('never throws and keeps the contract on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        assertContract(triage(text));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the contract on mixtures of real error fragments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }),
        fc.string({ maxLength: 20 }),
        (parts, glue) => {
          assertContract(triage(parts.join(glue)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never repeats a secret placed anywhere between words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }),
        fc.nat(12),
        fc.constantFrom('AWS_SECRET_ACCESS_KEY=', 'aws_secret_access_key = ', '"SecretAccessKey": "', ''),
        (parts, at, prefix) => {
          const pieces = [...parts];
          pieces.splice(Math.min(at, pieces.length), 0, `\n${prefix}${SECRET} \n`);
          const t = triage(pieces.join(' '));
          expect(t.secretsFound).toBe(true);
          expect(JSON.stringify(t)).not.toContain(SECRET);
          expect(renderTriage(t)).not.toContain(SECRET);
          assertContract(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the contract on hostile input: long runs, nested brackets, 40,000-character lines', () => {
    const hostile = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('a', 'A', '1', ' ', '<', '{', '[', '\\', '"', "'", ':', '/', '-', '.', '%', '&', '*'),
          fc.integer({ min: 1, max: 60_000 }),
        )
        .map(([char, n]) => char.repeat(n)),
      fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
      fc.tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 1, max: 4_000 })).map(([f, n]) => f.repeat(n)),
      fc.string({ unit: 'grapheme-ascii', minLength: 40_000, maxLength: 40_000 }),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        const t = triage(text);
        assertContract(t);
        expect(t.truncated).toBe(text.length > 40_000);
      }),
      { numRuns: 120 },
    );
  });
});
