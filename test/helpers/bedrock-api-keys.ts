/**
 * Real Bedrock API keys for tests, made the way AWS makes them (no AWS call):
 * - short-term: SigV4 query presigning (@smithy/signature-v4, the signer AWS's own token generator uses) of
 *   POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken, the URL without its scheme plus `&Version=1`,
 *   base64, prefixed `bedrock-api-key-` (aws/aws-bedrock-token-generator-js src/token.ts);
 * - long-term: `ABSK` + base64(`<ServiceCredentialAlias>:<secret>`), the alias `<user>-at-<account>[-suffix]`.
 * The credentials used are made up; the keys are secrets in form only, and every test must keep them out of output.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

type Data = string | ArrayBuffer | ArrayBufferView;

function bytes(data: Data): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

class Sha256 {
  private readonly hash;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** RFC 3986 escaping, as the SDK's query-string builder does. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface ShortTermKeyOptions {
  accessKeyId: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region: string;
  /** X-Amz-Expires; default 43200 (12 h), as AWS's generator. */
  expiresIn?: number;
  signingDate: Date;
}

export async function makeShortTermKey(options: ShortTermKeyOptions): Promise<string> {
  const signer = new SignatureV4({
    service: 'bedrock',
    region: options.region,
    credentials: {
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? randomBytes(30).toString('base64').slice(0, 40),
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    },
    sha256: Sha256,
  });
  const presigned = await signer.presign(
    {
      method: 'POST',
      protocol: 'https:',
      hostname: 'bedrock.amazonaws.com',
      path: '/',
      headers: { host: 'bedrock.amazonaws.com' },
      query: { Action: 'CallWithBearerToken' },
    },
    { expiresIn: options.expiresIn ?? 43_200, signingDate: options.signingDate },
  );
  const query = Object.entries(presigned.query ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(String(v))}`)
    .join('&');
  const url = `${presigned.hostname}${presigned.path}?${query}&Version=1`;
  return `bedrock-api-key-${Buffer.from(url, 'utf8').toString('base64')}`;
}

export interface LongTermKeyOptions {
  userName: string;
  accountId: string;
  /** Alias suffix after the account (`-<suffix>`), when the alias carries one. */
  suffix?: string;
  /** `+1`: the user's second key. */
  secondary?: boolean;
  secret?: string;
}

export function makeLongTermKey(options: LongTermKeyOptions): string {
  const alias =
    `${options.userName}${options.secondary ? '+1' : ''}-at-${options.accountId}` +
    (options.suffix ? `-${options.suffix}` : '');
  const secret = options.secret ?? randomBytes(33).toString('base64');
  return `ABSK${Buffer.from(`${alias}:${secret}`, 'utf8').toString('base64')}`;
}

/** A made-up STS session token of the real shape (IQoJb3JpZ2luX2Vj...). */
export function fakeSessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(300).toString('base64')}`;
}

/**
 * True when any 16-character window of the secret appears in the output. The public type prefixes (`ABSK`,
 * `bedrock-api-key-`) are left out: outputs name them when they say which kind of key leaked.
 */
export function echoes(output: string, secret: string): boolean {
  const body = secret.replace(/^(?:ABSK|bedrock-api-key-)/, '');
  for (let i = 0; i + 16 <= body.length; i++) if (output.includes(body.slice(i, i + 16))) return true;
  return false;
}
