import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiKeyTarget } from '../../src/bedrock-api-keys/index.js';
import {
  decodeKeyActionValue,
  decodeModalContext,
  decodeTargetValue,
  encodeKeyActionValue,
  encodeModalContext,
  encodeTargetValue,
} from '../../src/slack/action-values.js';
import { echoes, fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';
import { ACCOUNT, KEY_ID } from './helpers/fakes.js';

describe('target button values', () => {
  it('round-trips a full target', () => {
    const target = {
      accountId: ACCOUNT,
      accessKeyId: KEY_ID,
      region: 'us-east-1',
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    };
    expect(decodeTargetValue(encodeTargetValue(target))).toEqual(target);
  });

  it('stays within 2000 characters by dropping the longest optional fields', () => {
    const target = {
      accountId: ACCOUNT,
      region: 'us-east-1',
      modelId: `m${'x'.repeat(1990)}`,
      principalArn: `arn:aws:iam::${ACCOUNT}:role/${'r'.repeat(1800)}`,
    };
    const value = encodeTargetValue(target);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeTargetValue(value)).toEqual({ accountId: ACCOUNT, region: 'us-east-1' });
  });

  it.each([
    undefined,
    '',
    'not json',
    '{"a":"12"}',
    `{"a":"${ACCOUNT}","r":"mars"}`,
    `{"a":"${ACCOUNT}","k":"secret"}`,
    'null',
    '[]',
  ])('refuses a forged or broken value %j', (value) => {
    expect(decodeTargetValue(value)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (value) => {
        const decoded = decodeTargetValue(value);
        expect(decoded === undefined || /^\d{12}$/.test(decoded.accountId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('key action values', () => {
  it('round-trips and validates every field', () => {
    const value = { accountId: ACCOUNT, userName: 'alice', accessKeyId: KEY_ID, region: 'us-east-1' };
    expect(decodeKeyActionValue(encodeKeyActionValue(value))).toEqual(value);
    expect(decodeKeyActionValue(encodeKeyActionValue({ ...value, userName: 'a b' }))).toBeUndefined();
    expect(decodeKeyActionValue('{')).toBeUndefined();
  });
});

describe('modal private_metadata', () => {
  it('round-trips where to answer and the known fields', () => {
    const ctx = {
      channelId: 'C0PROD',
      threadTs: '1583636382.000300',
      known: { region: 'us-east-1', accessKeyId: KEY_ID },
    };
    const encoded = encodeModalContext(ctx);
    expect(encoded.length).toBeLessThanOrEqual(3000);
    expect(decodeModalContext(encoded)).toEqual(ctx);
  });

  it('refuses metadata that is not ours', () => {
    expect(decodeModalContext('This is for you!')).toBeUndefined();
    expect(decodeModalContext('{"c":"C1","t":"nope"}')).toBeUndefined();
  });
});

describe('the Bedrock API key a target button carries (what identifies it, never the key)', () => {
  const LONG = makeLongTermKey({ userName: 'BedrockAPIKey-h42z', accountId: ACCOUNT, secondary: true });
  const longFacts = apiKeyTarget(LONG);
  const signingDate = new Date('2026-12-02T10:00:00Z');

  it('round-trips a long-term key as its alias alone: user, account, second key and console user rebuilt', () => {
    const target = { accountId: ACCOUNT, region: 'us-east-1', ...(longFacts ? { apiKey: longFacts } : {}) };
    const value = encodeTargetValue(target);
    expect(JSON.parse(value).b).toEqual({ t: 'l', al: `BedrockAPIKey-h42z+1-at-${ACCOUNT}` });
    expect(decodeTargetValue(value)).toEqual(target);
    expect(decodeTargetValue(value)?.apiKey).toMatchObject({ userName: 'BedrockAPIKey-h42z', secondary: true });
    expect(echoes(value, LONG)).toBe(false);
  });

  it('round-trips a short-term key without its signature or session token', async () => {
    const token = fakeSessionToken();
    for (const sessionToken of [undefined, token]) {
      const key = await makeShortTermKey({
        accessKeyId: KEY_ID,
        region: 'eu-central-1',
        signingDate,
        expiresIn: 900,
        ...(sessionToken ? { sessionToken } : {}),
      });
      const apiKey = apiKeyTarget(key);
      expect(apiKey).toMatchObject({ type: 'short_term', sessionBased: Boolean(sessionToken) });
      const target = { accountId: ACCOUNT, ...(apiKey ? { apiKey } : {}) };
      const value = encodeTargetValue(target);
      expect(decodeTargetValue(value)).toEqual(target);
      expect(echoes(value, key)).toBe(false);
      expect(echoes(value, token)).toBe(false);
      expect(value).not.toMatch(/Signature|Security-Token|[0-9a-f]{64}/);
    }
  });

  it('round-trips an undecodable key as its type and the decoder’s own problem', () => {
    const apiKey = apiKeyTarget(`ABSK${Buffer.from('no-colon-in-here-at-all').toString('base64')}`);
    expect(apiKey).toMatchObject({ type: 'long_term', undecodable: expect.any(String) });
    const target = { accountId: ACCOUNT, ...(apiKey ? { apiKey } : {}) };
    expect(decodeTargetValue(encodeTargetValue(target))).toEqual(target);
  });

  it.each([
    ['a long-term alias that is no alias', { t: 'l', al: 'alice' }],
    ['a long-term alias with markup', { t: 'l', al: `<!channel>-at-${ACCOUNT}` }],
    ['a problem the decoder never reports', { t: 'l', x: '<!here> click https://example.com' }],
    ['a problem of the other key type', { t: 's', x: 'the part after ABSK is not base64 text' }],
    ['an unknown type', { t: 'q', al: `alice-at-${ACCOUNT}` }],
    ['a short-term key with a bad key id', { t: 's', k: 'AKIA123', r: 'us-east-1', d: signingDate.getTime(), e: 900 }],
    ['a short-term key with a bad region', { t: 's', k: KEY_ID, r: 'mars-1', d: signingDate.getTime(), e: 900 }],
    ['a short-term key signed at a fraction', { t: 's', k: KEY_ID, r: 'us-east-1', d: 1.5, e: 900 }],
    ['a short-term key with no lifetime', { t: 's', k: KEY_ID, r: 'us-east-1', d: signingDate.getTime(), e: 0 }],
    ['a short-term key with a string lifetime', { t: 's', k: KEY_ID, r: 'us-east-1', d: 0, e: '900' }],
    ['a session flag that is not 1', { t: 's', k: KEY_ID, r: 'us-east-1', d: 0, e: 900, st: true }],
    ['not an object', 'ABSKabc'],
  ])('a tampered value is refused whole: %s', (_what, b) => {
    expect(decodeTargetValue(JSON.stringify({ a: ACCOUNT, r: 'us-east-1', b }))).toBeUndefined();
  });

  it('the modal carries it too', () => {
    const ctx = { channelId: 'C123', threadTs: '1700000000.000100', known: longFacts ? { apiKey: longFacts } : {} };
    expect(decodeModalContext(encodeModalContext(ctx))).toEqual(ctx);
  });
});
