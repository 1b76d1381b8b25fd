/**
 * nock interceptors in the real wire formats (aws-facts 1.7, 2.7, 5): STS and IAM awsQuery XML, Secrets Manager
 * awsJson1_1 selected by the X-Amz-Target header. Each helper intercepts exactly the calls it is given, so an extra
 * call (a second execution, a retry of a non-idempotent call) finds no interceptor and shows up in `unmatched`.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import type { RoleAssumerLike } from '../../../src/remediation/role-credentials.js';

export const ACCOUNT = '111111111111';
export const USER = 'bedrock-app';
export const OLD_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const OTHER_KEY = 'AKIAI44QH8DHBEXAMPLE';
export const NEW_KEY = 'AKIANEWKEYEXAMPLE234';
/** The new key's secret: 40 characters of the real shape, so secret detectors see it if it ever leaks. */
export const NEW_SECRET = 'Zq8s/N3wVb+Kp2LmX7yTa9HcR4dFgJ1eUo6iWQ5E';
export const ROLE_NAME = 'BedrockKeyRemediationRole';
export const EXTERNAL_ID = 'ext-remediation-123';
export const REGION = 'us-east-1';
export const SECRET_ARN_PREFIX = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:`;

const IAM = 'https://iam.amazonaws.com';
const STS = `https://sts.${REGION}.amazonaws.com`;
const SECRETS = `https://secretsmanager.${REGION}.amazonaws.com`;
const NS_IAM = 'https://iam.amazonaws.com/doc/2010-05-08/';
const NS_STS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const XML = { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'req-1' };

type FormBody = Record<string, string>;

export const queryError = (ns: string, code: string, message: string, type = 'Sender') =>
  `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${code}</Code>` +
  `<Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`;

/** Every request to a non-loopback host that reached nock without a matching interceptor. */
export function trackUnmatched(): { list: string[]; stop: () => void } {
  const list: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
    const host = req.hostname ?? req.host ?? '';
    if (host.startsWith('127.0.0.1') || host.startsWith('localhost')) return;
    list.push(`${req.method ?? '?'} ${host}${req.path ?? ''}`);
  };
  nock.emitter.on('no match', onNoMatch);
  return { list, stop: () => nock.emitter.removeListener('no match', onNoMatch) };
}

/**
 * The per-test AWS wire lifecycle every remediation test shares: fresh captures, an unmatched-request tracker and
 * `assumeRoleTimes` AssumeRole answers before each test; tracker removed and interceptors cleared after it.
 * Register it before the test's own hooks so that its cleanup runs after theirs.
 */
export function useAwsWire(assumeRoleTimes = 50): { readonly unmatched: string[] } {
  let tracker: ReturnType<typeof trackUnmatched> | undefined;
  beforeEach(() => {
    resetCaptures();
    tracker = trackUnmatched();
    mockAssumeRole(assumeRoleTimes);
  });
  afterEach(() => {
    tracker?.stop();
    nock.cleanAll();
  });
  return {
    get unmatched() {
      return tracker?.list ?? [];
    },
  };
}

/** Captured AssumeRole bodies (to check role name, external id, session name). */
export const assumeRoleBodies: FormBody[] = [];

export function mockAssumeRole(times = 10) {
  return nock(STS)
    .post('/', (body: FormBody) => {
      if (body.Action !== 'AssumeRole') return false;
      assumeRoleBodies.push(body);
      return true;
    })
    .times(times)
    .reply(
      200,
      (_uri, body) => {
        const form = new URLSearchParams(String(body));
        const account = /arn:aws:iam::(\d{12}):role/.exec(form.get('RoleArn') ?? '')?.[1] ?? ACCOUNT;
        return `<AssumeRoleResponse xmlns="${NS_STS}"><AssumeRoleResult>
  <AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/${ROLE_NAME}/${form.get('RoleSessionName')}</Arn>
  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:${form.get('RoleSessionName')}</AssumedRoleId></AssumedRoleUser>
  <Credentials><AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId>
  <SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
  <SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE</SessionToken>
  <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
</AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata></AssumeRoleResponse>`;
      },
      XML,
    );
}

export function mockKeyLastUsed(
  keyId = OLD_KEY,
  used: { date?: string; service: string; region: string } = {
    date: '2026-11-25T10:45:00Z',
    service: 'bedrock',
    region: 'us-west-2',
  },
  user = USER,
) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'GetAccessKeyLastUsed' && b.AccessKeyId === keyId)
    .reply(
      200,
      `<GetAccessKeyLastUsedResponse xmlns="${NS_IAM}"><GetAccessKeyLastUsedResult><AccessKeyLastUsed>` +
        `<Region>${used.region}</Region>${used.date ? `<LastUsedDate>${used.date}</LastUsedDate>` : ''}` +
        `<ServiceName>${used.service}</ServiceName></AccessKeyLastUsed><UserName>${user}</UserName>` +
        `</GetAccessKeyLastUsedResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>` +
        '</GetAccessKeyLastUsedResponse>',
      XML,
    );
}

export function mockKeyLastUsedError(keyId: string, status: number, code: string, message: string) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'GetAccessKeyLastUsed' && b.AccessKeyId === keyId)
    .reply(status, queryError(NS_IAM, code, message), XML);
}

export interface KeyRow {
  id: string;
  status: 'Active' | 'Inactive' | 'Expired';
  created?: string;
}

export function mockListKeys(keys: KeyRow[], user = USER) {
  const members = keys
    .map(
      (k) =>
        `<member><UserName>${user}</UserName><AccessKeyId>${k.id}</AccessKeyId><Status>${k.status}</Status>` +
        `<CreateDate>${k.created ?? '2025-01-15T10:00:00Z'}</CreateDate></member>`,
    )
    .join('');
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'ListAccessKeys' && b.UserName === user)
    .reply(
      200,
      `<ListAccessKeysResponse xmlns="${NS_IAM}"><ListAccessKeysResult><AccessKeyMetadata>${members}` +
        '</AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult>' +
        '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAccessKeysResponse>',
      XML,
    );
}

export function mockCreateKey(user = USER) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'CreateAccessKey' && b.UserName === user)
    .reply(
      200,
      `<CreateAccessKeyResponse xmlns="${NS_IAM}"><CreateAccessKeyResult><AccessKey><UserName>${user}</UserName>` +
        `<AccessKeyId>${NEW_KEY}</AccessKeyId><Status>Active</Status><SecretAccessKey>${NEW_SECRET}</SecretAccessKey>` +
        '<CreateDate>2026-11-26T12:00:00Z</CreateDate></AccessKey></CreateAccessKeyResult>' +
        '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateAccessKeyResponse>',
      XML,
    );
}

export function mockCreateKeyError(status: number, code: string, message: string) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'CreateAccessKey')
    .reply(status, queryError(NS_IAM, code, message), XML);
}

export const updateKeyBodies: FormBody[] = [];

export function mockUpdateKey(keyId: string, status: 'Active' | 'Inactive' = 'Inactive', user = USER) {
  return nock(IAM)
    .post('/', (b: FormBody) => {
      const match =
        b.Action === 'UpdateAccessKey' && b.AccessKeyId === keyId && b.Status === status && b.UserName === user;
      if (match) updateKeyBodies.push(b);
      return match;
    })
    .reply(
      200,
      `<UpdateAccessKeyResponse xmlns="${NS_IAM}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`,
      XML,
    );
}

export function mockUpdateKeyError(keyId: string, status: number, code: string, message: string) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'UpdateAccessKey' && b.AccessKeyId === keyId)
    .reply(status, queryError(NS_IAM, code, message), XML);
}

export function mockDeleteKey(keyId: string, user = USER) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'DeleteAccessKey' && b.AccessKeyId === keyId && b.UserName === user)
    .reply(
      200,
      `<DeleteAccessKeyResponse xmlns="${NS_IAM}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteAccessKeyResponse>`,
      XML,
    );
}

export function mockDeleteKeyError(keyId: string, status: number, code: string, message: string) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'DeleteAccessKey' && b.AccessKeyId === keyId)
    .reply(status, queryError(NS_IAM, code, message), XML);
}

/** DeleteAccessKey whose connection drops after the request left: IAM may or may not have deleted the key. */
export function mockDeleteKeyDropped(keyId: string) {
  return nock(IAM)
    .post('/', (b: FormBody) => b.Action === 'DeleteAccessKey' && b.AccessKeyId === keyId)
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
}

/** Bodies of CreateSecret calls, parsed JSON. */
export const createSecretBodies: Record<string, unknown>[] = [];

export function mockCreateSecret() {
  return nock(SECRETS)
    .matchHeader('x-amz-target', 'secretsmanager.CreateSecret')
    .matchHeader('content-type', /application\/x-amz-json-1\.1/)
    .post('/', (body: Record<string, unknown>) => {
      createSecretBodies.push(typeof body === 'string' ? JSON.parse(body) : body);
      return true;
    })
    .reply(
      200,
      (_uri, body) => {
        const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { Name: string };
        return { ARN: `${SECRET_ARN_PREFIX}${parsed.Name}-AbCdEf`, Name: parsed.Name, VersionId: 'v-1' };
      },
      { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-sm' },
    );
}

export function mockCreateSecretError(status: number, type: string, message: string) {
  return nock(SECRETS)
    .matchHeader('x-amz-target', 'secretsmanager.CreateSecret')
    .post('/')
    .reply(
      status,
      { __type: type, message },
      { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-sm', 'x-amzn-ErrorType': type },
    );
}

/** GetCallerIdentity signed by the new key: `failures` times InvalidClientTokenId (not yet propagated), then OK. */
export function mockNewKeyIdentity(failures: number, succeed = true, user = USER) {
  const scope = nock(STS);
  const signedByNewKey = (b: FormBody) => b.Action === 'GetCallerIdentity';
  if (failures > 0) {
    scope
      .post('/', signedByNewKey)
      .matchHeader('authorization', new RegExp(`Credential=${NEW_KEY}/`))
      .times(failures)
      .reply(
        403,
        queryError(NS_STS, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
        XML,
      );
  }
  if (succeed) {
    scope
      .post('/', signedByNewKey)
      .matchHeader('authorization', new RegExp(`Credential=${NEW_KEY}/`))
      .reply(
        200,
        `<GetCallerIdentityResponse xmlns="${NS_STS}"><GetCallerIdentityResult>` +
          `<Arn>arn:aws:iam::${ACCOUNT}:user/${user}</Arn><UserId>AIDAEXAMPLEUSERID</UserId>` +
          `<Account>${ACCOUNT}</Account></GetCallerIdentityResult>` +
          '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        XML,
      );
  }
  return scope;
}

/** A minimal role assumer over a real STS client (static bot credentials, one attempt). */
export function testRoleAssumer(): RoleAssumerLike {
  const sts = new STSClient({
    region: REGION,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDBOTTEST', secretAccessKey: 'bot-test-secret' },
  });
  return {
    async assumeRoleCredentials(request) {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${request.accountId}:role/${request.roleName}`,
          RoleSessionName: request.sessionName,
          DurationSeconds: 900,
          ...(request.externalId ? { ExternalId: request.externalId } : {}),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('no credentials');
      return {
        credentials: {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        },
      };
    },
  };
}

export function resetCaptures(): void {
  assumeRoleBodies.length = 0;
  updateKeyBodies.length = 0;
  createSecretBodies.length = 0;
}
