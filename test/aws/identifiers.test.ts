import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAccessKeyId,
  parseAccountId,
  parseModelRef,
  parsePrincipalArn,
  parseRegion,
  sessionNameFor,
} from '../../src/aws/identifiers.js';
import { decodeAccountFromKeyId, maskKeyId } from '../../src/aws-facts/access-key-ids.js';
import { keyIdForAccount } from '../helpers/diagnosis-scenario.js';

describe('decodeAccountFromKeyId', () => {
  it('decodes the published examples', () => {
    expect(decodeAccountFromKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(decodeAccountFromKeyId('AKIASP2TPHJSQH3FJXYZ')).toBe('171436882533');
    expect(decodeAccountFromKeyId('ASIAVJ2E6QGR2WZILJFM')).toBe('364679954851');
  });

  it('does not pretend to decode old-format ids (fifth character I or J)', () => {
    expect(decodeAccountFromKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(decodeAccountFromKeyId('AKIAJ44QH8DHBEXAMPLE')).toBeUndefined();
  });

  it('round-trips every account through the test encoder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 127 }), (n, salt) => {
        const account = String(n).padStart(12, '0');
        const key = keyIdForAccount(account, 'AKIA', salt);
        expect(key).toMatch(/^AKIA[A-Z2-7]{16}$/);
        if (key[4] !== 'I' && key[4] !== 'J') expect(decodeAccountFromKeyId(key)).toBe(account);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseAccessKeyId', () => {
  it('accepts AKIA and ASIA ids, normalising case and spaces', () => {
    expect(parseAccessKeyId(' AKIAIOSFODNN7EXAMPLE ')).toEqual({ ok: true, value: 'AKIAIOSFODNN7EXAMPLE' });
    // Key ids are capitals only, on every surface (test/aws-facts/surfaces-agree.test.ts): a lower-case one is named.
    const lower = parseAccessKeyId('akiaiosfodnn7example');
    expect(lower.ok).toBe(false);
    if (!lower.ok) expect(lower.problem).toMatch(/capitals only; give it as AKIAIOSFODNN7EXAMPLE/);
    expect(parseAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toEqual({ ok: true, value: 'ASIAY34FZKBOKMUTVV7A' });
  });

  it.each([
    ['AKIAIOSFODNN7EXAMPL', /19 characters/],
    ['AKIAIOSFODNN7EXAMPLE1', /21 characters/],
    ['AKIAIOSFODNN0EXAMPLE', /"0"/],
    ['AROA3XFRBF535PLBIFPI4', /IAM role id/],
    ['ABIAXXXXXXXXXXXXXXXX', /STS service bearer token/],
    ['XKIAIOSFODNN7EXAMPLE', /must start with AKIA .* or ASIA/],
  ])('%s is refused: %s', (input, message) => {
    const parsed = parseAccessKeyId(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(message);
  });

  it('recognises a pasted secret key or Bedrock API key and never echoes it', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    const asSecret = parseAccessKeyId(secret);
    expect(asSecret.ok).toBe(false);
    if (!asSecret.ok) {
      expect(asSecret.problem).toMatch(/secret access key/);
      expect(asSecret.problem).not.toContain(secret);
    }
    const apiKey = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==';
    const asApiKey = parseAccessKeyId(apiKey);
    expect(asApiKey.ok).toBe(false);
    if (!asApiKey.ok) {
      expect(asApiKey.problem).toMatch(/Bedrock API key/);
      expect(asApiKey.problem).not.toContain(apiKey);
    }
  });
});

describe('parseAccountId', () => {
  it('accepts 12 digits and the console form with dashes', () => {
    expect(parseAccountId('012345678901')).toEqual({ ok: true, value: '012345678901' });
    expect(parseAccountId('0123-4567-8901')).toEqual({ ok: true, value: '012345678901' });
  });

  it('says how many digits a numeric id has', () => {
    expect(parseAccountId('12345678901')).toEqual({ ok: false, problem: expect.stringMatching(/has 11 digits/) });
  });

  it('does not echo a secret given as an account', () => {
    const parsed = parseAccountId('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).not.toContain('wJalrXUtnFEMI');
  });
});

describe('parseRegion', () => {
  it('accepts known regions of every partition', () => {
    for (const r of ['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-north-1', 'eusc-de-east-1']) {
      expect(parseRegion(r)).toEqual({ ok: true, value: r });
    }
  });

  it('refuses malformed and unknown codes', () => {
    expect(parseRegion('US East')).toMatchObject({ ok: false });
    expect(parseRegion('eu-west-9')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/does not know|knows/),
    });
  });
});

describe('parseModelRef', () => {
  it('reads model ids, profile ids and ARNs', () => {
    expect(parseModelRef('anthropic.claude-3-haiku-20240307-v1:0')).toEqual({
      ok: true,
      value: {
        kind: 'foundation-model',
        input: 'anthropic.claude-3-haiku-20240307-v1:0',
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      },
    });
    expect(parseModelRef('anthropic.claude-v2:1:200k')).toMatchObject({
      ok: true,
      value: { kind: 'foundation-model' },
    });
    expect(parseModelRef('eu.anthropic.claude-3-haiku-20240307-v1:0')).toMatchObject({
      ok: true,
      value: { kind: 'inference-profile', geo: 'eu', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
    });
    expect(parseModelRef('arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-70b-instruct-v1:0')).toMatchObject({
      ok: true,
      value: { kind: 'foundation-model', region: 'us-west-2', modelId: 'meta.llama3-70b-instruct-v1:0' },
    });
    expect(
      parseModelRef(
        'arn:aws:bedrock:us-east-1:111122223333:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0',
      ),
    ).toMatchObject({ ok: true, value: { kind: 'inference-profile', geo: 'global', accountId: '111122223333' } });
    expect(
      parseModelRef('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6'),
    ).toMatchObject({
      ok: true,
      value: { kind: 'application-inference-profile', profileId: 'a1b2c3d4e5f6' },
    });
  });

  it('refuses friendly names and unsupported ARN types', () => {
    expect(parseModelRef('claude')).toMatchObject({ ok: false });
    expect(parseModelRef('arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/provisioned-model/),
    });
    expect(parseModelRef('arn:aws:s3:::bucket')).toMatchObject({ ok: false });
  });
});

describe('parsePrincipalArn', () => {
  it('reads users and roles with paths, sessions, root and federated users', () => {
    expect(parsePrincipalArn('arn:aws:iam::111122223333:user/apps/team/alice')).toMatchObject({
      ok: true,
      value: { kind: 'user', name: 'alice', path: '/apps/team/', accountId: '111122223333' },
    });
    expect(parsePrincipalArn('arn:aws:iam::111122223333:role/app')).toMatchObject({
      ok: true,
      value: { kind: 'role' },
    });
    expect(parsePrincipalArn('arn:aws:sts::111122223333:assumed-role/app/i-0abc')).toMatchObject({
      ok: true,
      value: { kind: 'assumed-role', name: 'app', sessionName: 'i-0abc' },
    });
    expect(parsePrincipalArn('arn:aws:iam::111122223333:root')).toMatchObject({ ok: true, value: { kind: 'root' } });
    expect(parsePrincipalArn('arn:aws-us-gov:iam::111122223333:user/bob')).toMatchObject({
      ok: true,
      value: { partition: 'aws-us-gov' },
    });
  });

  it('refuses groups and non-principals with the reason', () => {
    expect(parsePrincipalArn('arn:aws:iam::111122223333:group/devs')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/group ARN is not a principal/),
    });
    expect(parsePrincipalArn('arn:aws:s3:::bucket')).toMatchObject({ ok: false });
  });
});

describe('sessionNameFor', () => {
  it('keeps who asked, in the allowed characters', () => {
    expect(sessionNameFor('U0123ABCD')).toBe('diag-U0123ABCD');
    expect(sessionNameFor('alice@example.com')).toBe('diag-alice@example.com');
    expect(sessionNameFor('Zoë O’Brien (U1)')).toBe('diag-Zoe-O-Brien-U1');
    expect(sessionNameFor(undefined)).toBe('diag-bedrock-403');
    expect(sessionNameFor('   ')).toBe('diag-bedrock-403');
  });

  it('always satisfies the AssumeRole constraints ([\\w+=,.@-], 2 to 64 characters)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (who) => {
        const name = sessionNameFor(who);
        expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
        expect(name.startsWith('diag-')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

it('maskKeyId keeps the prefix and the last four characters', () => {
  expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
});
