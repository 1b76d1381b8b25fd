/** Triage of pastes holding Bedrock API keys: entities, findings, the leak, and never the key itself. */
import { describe, expect, it } from 'vitest';
import { renderTriage } from '../../src/cli/render-triage.js';
import { triage } from '../../src/triage/index.js';
import { echoes, fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';

const SIGNED = new Date('2026-12-02T09:30:00Z');

function expectNoKey(t: ReturnType<typeof triage>, key: string) {
  expect(t.secretsFound).toBe(true);
  expect(echoes(JSON.stringify(t), key)).toBe(false);
  expect(echoes(renderTriage(t), key)).toBe(false);
}

describe('triage of Bedrock API keys', () => {
  it('long-term key on a console-made user: entities, account, the user finding and how to deactivate it', () => {
    const key = makeLongTermKey({ userName: 'BedrockAPIKey-h42z', accountId: '123456789012' });
    const t = triage(
      `export AWS_BEARER_TOKEN_BEDROCK=${key}\n` +
        'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the InvokeModel operation: ' +
        'User: arn:aws:iam::123456789012:user/BedrockAPIKey-h42z is not authorized to perform: bedrock:InvokeModel',
    );
    expectNoKey(t, key);
    expect(t.entities).toMatchObject({
      apiKeyType: 'long_term',
      apiKeyUser: 'BedrockAPIKey-h42z',
      apiKeyAccountId: '123456789012',
      accountId: '123456789012',
    });
    expect(t.findings[0]).toMatch(/^LEAKED SECRET: .*a Bedrock API key/);
    expect(t.findings[0]).toContain(
      'aws iam update-service-specific-credential --user-name BedrockAPIKey-h42z --service-specific-credential-id <id> --status Inactive',
    );
    expect(
      t.findings.some((f) =>
        f.startsWith(
          'Bedrock API key (long-term, ABSK...): it decodes offline to IAM user BedrockAPIKey-h42z in account 123456789012',
        ),
      ),
    ).toBe(true);
    expect(
      t.findings.some(
        (f) => f.includes('a user the Bedrock console made for this key') && f.includes('AmazonBedrockLimitedAccess'),
      ),
    ).toBe(true);
  });

  it('short-term key: expired at the time the paste shows, and made for another region than the failing call', async () => {
    const key = await makeShortTermKey({
      accessKeyId: 'ASIAY34FZKBOKMUTVV7A',
      sessionToken: fakeSessionToken(),
      region: 'us-east-1',
      expiresIn: 3600,
      signingDate: SIGNED,
    });
    const t = triage(
      `2026-12-02T14:02:11Z ERROR POST https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke\n` +
        `Authorization: Bearer ${key}\n` +
        'HTTP/1.1 403 Forbidden\n{"Message":"Authentication failed: Please make sure your API Key is valid."}',
    );
    expectNoKey(t, key);
    expect(t.entities).toMatchObject({
      apiKeyType: 'short_term',
      apiKeyRegion: 'us-east-1',
      apiKeyExpiresAt: '2026-12-02T10:30:00.000Z',
      apiKeyAccountId: '609629065308',
      region: 'us-west-2',
    });
    expect(t.findings).toContainEqual(
      expect.stringMatching(
        /^The short-term API key had expired when this text was written: it stopped working at 2026-12-02T10:30:00.000Z, and the text shows 2026-12-02T14:02:11.000Z \(4 h later\)/,
      ),
    );
    expect(t.findings).toContainEqual(
      expect.stringMatching(
        /^Region mismatch: the short-term API key works only in us-east-1, but the failing call went to us-west-2/,
      ),
    );
    expect(t.findings[0]).toContain(
      'a short-term Bedrock API key cannot be revoked by itself and works until 2026-12-02T10:30:00.000Z',
    );
    expect(t.causes[0]?.id).toBe('bedrock_api_key');
  });

  it('says nothing about expiry when the paste shows no time, or a time before the expiry', async () => {
    const key = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'us-east-1',
      signingDate: SIGNED,
    });
    for (const prefix of ['', 'Date: Wed, 02 Dec 2026 10:00:00 GMT\n', 'Wed Dec  2 11:00:00 UTC 2026\n']) {
      const t = triage(`${prefix}AWS_BEARER_TOKEN_BEDROCK=${key}\nForbidden`);
      expect(t.findings.some((f) => f.includes('had expired'))).toBe(false);
      expectNoKey(t, key);
    }
    const late = triage(`Date: Thu, 03 Dec 2026 08:00:00 GMT\nAWS_BEARER_TOKEN_BEDROCK=${key}\nForbidden`);
    expect(late.findings.some((f) => f.includes('had expired'))).toBe(true);
  });

  it('a bearer token next to SigV4 keys: says which one wins', () => {
    const key = makeLongTermKey({ userName: 'svc-llm', accountId: '123456789012' });
    const t = triage(
      `AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ\nAWS_BEARER_TOKEN_BEDROCK=${key}\nAWS_REGION=us-east-1\n` +
        'UnrecognizedClientException: The security token included in the request is invalid.',
    );
    expectNoKey(t, key);
    expect(t.findings).toContainEqual(expect.stringMatching(/both configured\. For Bedrock calls the API key wins/));
    expect(t.findings.some((f) => f.includes('console made'))).toBe(false);
  });

  it('a key that does not decode is still a leak, and says why it may be refused', () => {
    const key = `ABSK${'QmVkcm9ja0FQSUtleS1leGFtcGxl'.repeat(3)}`;
    const t = triage(`AWS_BEARER_TOKEN_BEDROCK=${key}\nInvalid API Key format: Must start with pre-defined prefix`);
    expectNoKey(t, key);
    expect(t.entities.apiKeyType).toBe('long_term');
    expect(t.entities.apiKeyUser).toBeUndefined();
    expect(t.findings).toContainEqual(
      expect.stringMatching(/^A long-term \(ABSK\.\.\.\) Bedrock API key in the text does not decode/),
    );
  });

  it('a key written out decoded (alias:secret, or the presigned URL) is a leak too', async () => {
    const secret = 'dGhpc2lzYXNlY3JldHNlY3JldDEyMzQ1Njc4OTA=';
    const t = triage(`decoded: BedrockAPIKey-h42z-at-123456789012:${secret}\nForbidden`);
    expect(t.secretsFound).toBe(true);
    expect(JSON.stringify(t)).not.toContain(secret);
    const key = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'us-east-1',
      signingDate: SIGNED,
    });
    const url = Buffer.from(key.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
    const signature = /X-Amz-Signature=([0-9a-f]{64})/.exec(url)?.[1] ?? 'missing';
    const u = triage(`the token is ${url}`);
    expect(u.secretsFound).toBe(true);
    expect(JSON.stringify(u)).not.toContain(signature);
    expect(renderTriage(u)).not.toContain(signature);
  });
});
