/**
 * Cross-account role assumption with a credential cache, role-name generic (the diagnostic role and the remediation
 * role use the same code). One AssumeRole per (partition, account, role, session name, external id) until
 * `refreshMarginMs` before expiry; concurrent callers share one in-flight call; failures are not cached.
 *
 * The cache key includes the session name on purpose: the session name carries who asked (CloudTrail in the target
 * account shows it), so a session assumed for one person is never reused for another.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { roleArn } from '../aws-facts/arns.js';
import type { Partition } from '../aws-facts/partitions.js';
import { partitionOfRegion } from '../aws-facts/regions.js';
import type { AwsClientFactory, AwsCredentials, CredentialSource } from './client-factory.js';

export interface AssumeRoleRequest {
  accountId: string;
  roleName: string;
  externalId?: string;
  /** Already sanitised ([\w+=,.@-], 2-64); see sessionNameFor(). */
  sessionName: string;
  /** Default 900 (the minimum: the shortest duration that serves). */
  durationSeconds?: number;
  /** Aborts this caller's wait (the shared in-flight call continues for other callers). */
  signal?: AbortSignal;
}

export interface AssumedRole {
  roleArn: string;
  assumedRoleArn?: string;
  sessionName: string;
  credentials: AwsCredentials & { expiration: Date };
  /** True when served from the cache without an AssumeRole call. */
  fromCache: boolean;
  /** Credentials for the client factory, backed by this cache (re-assumes when they near expiry). */
  source: CredentialSource;
}

export interface RoleAssumerOptions {
  clients: AwsClientFactory;
  /** Region of the STS endpoint used for AssumeRole (a Regional endpoint; tokens are valid in every region). */
  stsRegion: string;
  /** Clock for expiry decisions (test seam). */
  now?: () => number;
  /** Refresh this long before expiry (default 5 minutes, the SDK's own margin). */
  refreshMarginMs?: number;
  /** Maximum cached sessions (default 500). */
  maxEntries?: number;
}

export interface RoleAssumer {
  assumeRoleCredentials(request: AssumeRoleRequest): Promise<AssumedRole>;
  /** Forgets a cached session (e.g. after the target revoked it). */
  invalidate(request: Pick<AssumeRoleRequest, 'accountId' | 'roleName' | 'sessionName' | 'externalId'>): void;
  /** Number of cached sessions. */
  size(): number;
  readonly partition: Partition;
}

interface Entry {
  roleArn: string;
  assumedRoleArn?: string;
  credentials: AwsCredentials & { expiration: Date };
}

export const MIN_ROLE_DURATION_SECONDS = 900;

export function createRoleAssumer(options: RoleAssumerOptions): RoleAssumer {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 500;
  const partition = partitionOfRegion(options.stsRegion);
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();

  const keyOf = (r: Pick<AssumeRoleRequest, 'accountId' | 'roleName' | 'sessionName' | 'externalId'>) =>
    [partition, r.accountId, r.roleName, r.sessionName, r.externalId ?? ''].join('\u0000');

  const fresh = (entry: Entry | undefined): entry is Entry =>
    entry !== undefined && entry.credentials.expiration.getTime() - now() > margin;

  async function callAssumeRole(request: AssumeRoleRequest): Promise<Entry> {
    const arn = roleArn(partition, request.accountId, request.roleName);
    const durationSeconds = Math.max(MIN_ROLE_DURATION_SECONDS, request.durationSeconds ?? MIN_ROLE_DURATION_SECONDS);
    const out = await options.clients.sts(options.stsRegion).send(
      new AssumeRoleCommand({
        RoleArn: arn,
        RoleSessionName: request.sessionName,
        DurationSeconds: durationSeconds,
        ...(request.externalId ? { ExternalId: request.externalId } : {}),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw Object.assign(new Error('AssumeRole answered without credentials'), { name: 'InvalidAssumeRoleResponse' });
    }
    const expiration =
      c.Expiration instanceof Date && !Number.isNaN(c.Expiration.getTime())
        ? c.Expiration
        : new Date(now() + durationSeconds * 1000);
    return {
      roleArn: arn,
      assumedRoleArn: out.AssumedRoleUser?.Arn,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration,
      },
    };
  }

  function obtain(request: AssumeRoleRequest): { entry: Promise<Entry>; fromCache: boolean } {
    const key = keyOf(request);
    const hit = cache.get(key);
    if (fresh(hit)) return { entry: Promise.resolve(hit), fromCache: true };
    if (hit) cache.delete(key);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = callAssumeRole(request).then(
        (entry) => {
          inFlight.delete(key);
          cache.set(key, entry);
          while (cache.size > maxEntries) {
            const oldest = cache.keys().next().value;
            if (oldest === undefined) break;
            cache.delete(oldest);
          }
          return entry;
        },
        (error: unknown) => {
          inFlight.delete(key);
          throw error;
        },
      );
      // A caller that gave up must not leave an unhandled rejection behind.
      pending.catch(() => {});
      inFlight.set(key, pending);
    }
    return { entry: pending, fromCache: false };
  }

  const assumer: RoleAssumer = {
    partition,
    size: () => cache.size,
    invalidate: (request) => {
      cache.delete(keyOf(request));
    },
    async assumeRoleCredentials(request) {
      const { entry, fromCache } = obtain(request);
      const resolved = await abortable(entry, request.signal);
      const { signal: _signal, ...withoutSignal } = request;
      const source: CredentialSource = {
        cacheKey: `role:${keyOf(request)}`,
        provider: async () => (await obtain(withoutSignal).entry).credentials,
      };
      return {
        roleArn: resolved.roleArn,
        assumedRoleArn: resolved.assumedRoleArn,
        sessionName: request.sessionName,
        credentials: resolved.credentials,
        fromCache,
        source,
      };
    },
  };
  return assumer;
}

/** Resolves like `promise`, or rejects with an AbortError as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error(reason instanceof Error ? reason.message : 'Request aborted');
  error.name = 'AbortError';
  return error;
}
