/** The offline decoder on keys made with the real schemes (test/helpers/bedrock-api-keys.ts). */
import { describe, expect, it } from 'vitest';
import {
  apiKeyTypeOf,
  decodeApiKey,
  findApiKeys,
  firstApiKeyTarget,
  isApiKeyProblem,
  longTermKeyOfAlias,
  shortTermKeyOf,
} from '../../src/bedrock-api-keys/index.js';
import { fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';

const SIGNED = new Date('2026-12-02T09:30:00Z');

describe('short-term keys (presigned CallWithBearerToken URLs)', () => {
  it('reads key id, type, account, region, signing time and expiry from a key signed with a user key', async () => {
    const key = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'eu-central-1',
      signingDate: SIGNED,
    });
    expect(key.startsWith('bedrock-api-key-')).toBe(true);
    const decoded = decodeApiKey(key);
    expect(decoded).toEqual({
      ok: true,
      key: {
        type: 'short_term',
        accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
        accessKeyType: 'long_term',
        accountId: '171436882533',
        region: 'eu-central-1',
        signedAt: '2026-12-02T09:30:00.000Z',
        expiresInSeconds: 43_200,
        expiresAt: '2026-12-02T21:30:00.000Z',
        sessionBased: false,
      },
    });
  });

  it('knows a key made from a role session (ASIA key and a session token inside) and a custom lifetime', async () => {
    const key = await makeShortTermKey({
      accessKeyId: 'ASIAY34FZKBOKMUTVV7A',
      sessionToken: fakeSessionToken(),
      region: 'us-west-2',
      expiresIn: 900,
      signingDate: SIGNED,
    });
    const decoded = decodeApiKey(key);
    expect(decoded?.ok).toBe(true);
    if (!decoded?.ok || decoded.key.type !== 'short_term') throw new Error('not decoded');
    expect(decoded.key).toMatchObject({
      accessKeyType: 'temporary',
      region: 'us-west-2',
      expiresInSeconds: 900,
      expiresAt: '2026-12-02T09:45:00.000Z',
      sessionBased: true,
    });
  });

  it('decodes a key that travelled %-encoded in a URL, and says why a cut or altered key does not decode', async () => {
    const key = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'us-east-1',
      signingDate: SIGNED,
    });
    expect(decodeApiKey(encodeURIComponent(key))?.ok).toBe(true);
    const cut = decodeApiKey(key.slice(0, Math.floor(key.length * 0.8)));
    expect(cut).toMatchObject({ ok: false, type: 'short_term' });
    const other = `bedrock-api-key-${Buffer.from('bedrock.amazonaws.com/?Action=ListFoundationModels&Version=1').toString('base64')}`;
    expect(decodeApiKey(other)).toEqual({
      ok: false,
      type: 'short_term',
      problem: 'the presigned URL is not for CallWithBearerToken',
    });
    expect(decodeApiKey('bedrock-api-key-!!!!')).toMatchObject({ ok: false, problem: expect.stringMatching(/base64/) });
  });
});

describe('long-term keys (ABSK service-specific credentials)', () => {
  it('reads the user and account of a console-made key, with and without an alias suffix', () => {
    const plain = decodeApiKey(makeLongTermKey({ userName: 'BedrockAPIKey-h42z', accountId: '123456789012' }));
    expect(plain).toEqual({
      ok: true,
      key: {
        type: 'long_term',
        alias: 'BedrockAPIKey-h42z-at-123456789012',
        userName: 'BedrockAPIKey-h42z',
        accountId: '123456789012',
        secondary: false,
        consoleUser: true,
      },
    });
    const suffixed = decodeApiKey(makeLongTermKey({ userName: 'svc-llm', accountId: '765727302936', suffix: 'z1ex' }));
    expect(suffixed).toMatchObject({
      ok: true,
      key: {
        alias: 'svc-llm-at-765727302936-z1ex',
        userName: 'svc-llm',
        accountId: '765727302936',
        consoleUser: false,
      },
    });
  });

  it("knows a user's second key, and refuses what is not <alias>:<secret>", () => {
    const second = decodeApiKey(
      makeLongTermKey({ userName: 'BedrockAPIKey-h42z', accountId: '123456789012', secondary: true }),
    );
    expect(second).toMatchObject({ ok: true, key: { userName: 'BedrockAPIKey-h42z', secondary: true } });
    const noColon = `ABSK${Buffer.from('BedrockAPIKey-h42z-at-123456789012-no-colon').toString('base64')}`;
    expect(decodeApiKey(noColon)).toMatchObject({ ok: false, type: 'long_term' });
    const noAccount = `ABSK${Buffer.from('someone:thisisasecretsecret123456').toString('base64')}`;
    expect(decodeApiKey(noAccount)).toMatchObject({ ok: false, problem: expect.stringMatching(/-at-/) });
    expect(apiKeyTypeOf('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(decodeApiKey('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });
});

describe('findApiKeys', () => {
  it('finds keys in env dumps, Authorization headers, code and config, once each', async () => {
    const short = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'us-east-1',
      signingDate: SIGNED,
    });
    const long = makeLongTermKey({ userName: 'BedrockAPIKey-abcd', accountId: '111122223333' });
    const text = [
      `export AWS_BEARER_TOKEN_BEDROCK=${long}`,
      `Authorization: Bearer ${short}`,
      `client = OpenAI(api_key="${long}", base_url="https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1")`,
      `bedrock:\n  api_key: '${short}'.`,
    ].join('\n');
    const found = findApiKeys(text);
    expect(found.map((f) => f.raw)).toEqual([long, short]);
    expect(found.every((f) => f.decoded.ok)).toBe(true);
  });
});

describe('a key rebuilt from its public parts (what a button carries)', () => {
  it('long-term: the alias alone gives what the whole key decodes to', () => {
    for (const options of [
      { userName: 'BedrockAPIKey-h42z', accountId: '111122223333' },
      { userName: 'svc.app@corp', accountId: '111122223333', secondary: true, suffix: 'x1' },
    ]) {
      const decoded = decodeApiKey(makeLongTermKey(options));
      expect(decoded?.ok).toBe(true);
      if (decoded?.ok && decoded.key.type === 'long_term') {
        expect(longTermKeyOfAlias(decoded.key.alias)).toEqual(decoded.key);
      }
    }
    expect(longTermKeyOfAlias('alice')).toBeUndefined();
    expect(longTermKeyOfAlias('ali ce-at-111122223333')).toBeUndefined();
  });

  it('short-term: key id, region, signing time, lifetime and session flag give what the whole key decodes to', async () => {
    const signingDate = new Date('2026-12-02T10:11:12Z');
    for (const sessionToken of [undefined, fakeSessionToken()]) {
      const key = await makeShortTermKey({
        accessKeyId: sessionToken ? 'ASIAY34FZKBOKMUTVV7A' : 'AKIASP2TPHJSQH3FJXYZ',
        region: 'ap-northeast-1',
        signingDate,
        expiresIn: 3600,
        ...(sessionToken ? { sessionToken } : {}),
      });
      const decoded = decodeApiKey(key);
      expect(decoded?.ok).toBe(true);
      if (decoded?.ok && decoded.key.type === 'short_term') {
        const k = decoded.key;
        expect(
          shortTermKeyOf({
            accessKeyId: k.accessKeyId,
            region: k.region,
            signedAtMs: Date.parse(k.signedAt),
            expiresInSeconds: k.expiresInSeconds,
            sessionBased: k.sessionBased,
          }),
        ).toEqual(k);
      }
    }
    const parts = { accessKeyId: 'AKIASP2TPHJSQH3FJXYZ', region: 'us-east-1', signedAtMs: 0, expiresInSeconds: 60 };
    expect(shortTermKeyOf({ ...parts, sessionBased: false })).toBeDefined();
    expect(shortTermKeyOf({ ...parts, accessKeyId: 'AKIA', sessionBased: false })).toBeUndefined();
    expect(shortTermKeyOf({ ...parts, region: 'nowhere', sessionBased: false })).toBeUndefined();
    expect(shortTermKeyOf({ ...parts, signedAtMs: 1.5, sessionBased: false })).toBeUndefined();
    expect(shortTermKeyOf({ ...parts, expiresInSeconds: 10_000_000, sessionBased: false })).toBeUndefined();
  });

  it('every problem a decoder reports is one isApiKeyProblem knows, for its own type only', async () => {
    const short = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'us-east-1',
      signingDate: new Date(),
    });
    const url = Buffer.from(short.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const mangled = [
      'ABSK!!!!',
      `ABSK${b64('no colon here')}`,
      `ABSK${b64('alice-at-111122223333:short')}`,
      `ABSK${b64('not an alias:0123456789abcdef')}`,
      'bedrock-api-key-!!!!',
      `bedrock-api-key-${b64('just text')}`,
      `bedrock-api-key-${b64(url.replace('CallWithBearerToken', 'Other'))}`,
      `bedrock-api-key-${b64(url.replace('aws4_request', 'x'))}`,
      `bedrock-api-key-${b64(url.replace('AKIASP2TPHJSQH3FJXYZ', 'AKIA1'))}`,
      `bedrock-api-key-${b64(url.replace(/X-Amz-Date=\d{8}T\d{6}Z/, 'X-Amz-Date=soon'))}`,
      `bedrock-api-key-${b64(url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=0'))}`,
      `bedrock-api-key-${b64(url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=abc'))}`,
    ];
    const problems = new Set<string>();
    for (const key of mangled) {
      const decoded = decodeApiKey(key);
      expect(decoded?.ok).toBe(false);
      if (decoded && !decoded.ok) {
        problems.add(decoded.problem);
        expect(isApiKeyProblem(decoded.type, decoded.problem)).toBe(true);
        expect(isApiKeyProblem(decoded.type === 'long_term' ? 'short_term' : 'long_term', decoded.problem)).toBe(false);
      }
    }
    expect(problems.size).toBeGreaterThanOrEqual(10);
    expect(isApiKeyProblem('long_term', 'anything else')).toBe(false);
  });

  it('firstApiKeyTarget: the first key that decodes, else the first found, else none', () => {
    const good = makeLongTermKey({ userName: 'alice', accountId: '111122223333' });
    const bad = `ABSK${Buffer.from('no colon here at all, none').toString('base64')}`;
    expect(firstApiKeyTarget(`${bad}\n${good}`)).toMatchObject({ type: 'long_term', userName: 'alice' });
    expect(firstApiKeyTarget(bad)).toMatchObject({ type: 'long_term', undecodable: expect.any(String) });
    expect(firstApiKeyTarget('no key here')).toBeUndefined();
  });
});
