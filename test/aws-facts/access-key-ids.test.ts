import { describe, expect, it } from 'vitest';
import { accessKeyType, decodeKeyAccount, uniqueIdKind } from '../../src/aws-facts/access-key-ids.js';

describe('decodeKeyAccount (error-taxonomy section 4)', () => {
  it('decodes the three worked examples of the taxonomy', () => {
    expect(decodeKeyAccount('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(decodeKeyAccount('AKIASP2TPHJSQH3FJXYZ')).toBe('171436882533');
    expect(decodeKeyAccount('ASIAVJ2E6QGR2WZILJFM')).toBe('364679954851');
  });

  it('zero-pads accounts to 12 digits', () => {
    expect(decodeKeyAccount('ASIAQJVSD47IWDRUZIO4')).toBe('020774643665');
  });

  it('does not decode old-format ids (fifth character I or J, or characters outside base32)', () => {
    expect(decodeKeyAccount('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(decodeKeyAccount('AKIAJ2345672345ABCDE')).toBeUndefined();
    expect(decodeKeyAccount('AKIAI44QH8DHBEXAMPLE')).toBeUndefined();
    expect(decodeKeyAccount('AKIAQ0189ABCDEFGHIJK')).toBeUndefined();
  });

  it('refuses ids whose bits would not fit a 12-digit account, and malformed ids', () => {
    expect(decodeKeyAccount('AKIA7RXYPILYTC4ONCBR')).toBeUndefined();
    expect(decodeKeyAccount('AKIASP2TPHJSQH3FJXY')).toBeUndefined();
    expect(decodeKeyAccount('akiasp2tphjsqh3fjxyz')).toBeUndefined();
    expect(decodeKeyAccount('')).toBeUndefined();
  });
});

describe('key id prefixes', () => {
  it('tells the key type from the prefix', () => {
    expect(accessKeyType('AKIASP2TPHJSQH3FJXYZ')).toBe('long_term');
    expect(accessKeyType('ASIAY34FZKBOKMUTVV7A')).toBe('temporary');
    expect(accessKeyType('ABIAY34FZKBOKMUTVV7A')).toBe('sts_bearer');
    expect(accessKeyType('ACCAY34FZKBOKMUTVV7A')).toBe('context_specific');
    expect(accessKeyType('A3TXY34FZKBOKMUTVV7A')).toBe('unknown');
  });

  it('names IAM unique ids, which are never keys', () => {
    expect(uniqueIdKind('AIDAQWERTYUIOPASDFGHJ')).toBe('IAM user');
    expect(uniqueIdKind('AROAQWERTYUIOPASDFGHJ')).toBe('IAM role');
    expect(uniqueIdKind('AKIAQWERTYUIOPASDFGH')).toBeUndefined();
  });
});
