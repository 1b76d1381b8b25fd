import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeKeyActionValue,
  decodeModalContext,
  decodeTargetValue,
  encodeKeyActionValue,
  encodeModalContext,
  encodeTargetValue,
} from '../../src/slack/action-values.js';
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
