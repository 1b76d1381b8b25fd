/**
 * Builds and reuses the AWS SDK clients (STS, IAM, Bedrock, CloudTrail, Organizations) with the settings every call needs (aws-facts section 7):
 * connection and request timeouts that throw, standard retries with backoff, Bedrock forced to SigV4 (so that
 * AWS_BEARER_TOKEN_BEDROCK cannot hijack it), and no hard-coded endpoints (AWS_ENDPOINT_URL_* keep working).
 * Clients are cached per (credentials, service, region) in a bounded LRU and share one HTTP handler.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { partitionOfRegion } from '../aws-facts/regions.js';
import { createRetryStrategy, DEFAULT_RETRY, type RetrySettings } from './retry-strategy.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Credentials a client signs with, and the key that identifies them in the client cache. */
export interface CredentialSource {
  cacheKey: string;
  provider: AwsCredentialsProvider;
}

/** Client settings; every field has a production default. Tests shorten them. */
export interface AwsClientSettings extends Partial<RetrySettings> {
  /** TCP connect timeout (default 3000 ms). */
  connectionTimeoutMs?: number;
  /** Time to the response (default 10000 ms); exceeding it throws a TimeoutError (retried). */
  requestTimeoutMs?: number;
}

export const DEFAULT_CLIENT_SETTINGS = {
  ...DEFAULT_RETRY,
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 10_000,
} as const;

/** One AWS call as seen by the client middleware: for metrics and call counting. */
export interface AwsCallEvent {
  service: string;
  operation: string;
  region: string;
  ok: boolean;
  errorName?: string;
  durationMs: number;
  attempts?: number;
}

export interface AwsClientFactoryOptions {
  settings?: AwsClientSettings;
  /** The bot's own credentials; default: the SDK default chain (env, profile, SSO, container, instance role). */
  botCredentials?: AwsCredentials | AwsCredentialsProvider;
  /** Observer of every AWS call (must not throw; errors in it are swallowed). */
  onAwsCall?: (event: AwsCallEvent) => void;
  /** Size of the client cache (default 256). */
  maxClients?: number;
}

export interface AwsClientFactory {
  /** STS in `region`, signed by `source` (default: the bot's own credentials). */
  sts(region: string, source?: CredentialSource): STSClient;
  /** IAM (global; `region` only selects the partition). */
  iam(region: string, source?: CredentialSource): IAMClient;
  /** Bedrock control plane in `region`, always SigV4. */
  bedrock(region: string, source?: CredentialSource): BedrockClient;
  /** CloudTrail in `region` (event history is per region). */
  cloudtrail(region: string, source?: CredentialSource): CloudTrailClient;
  /** Organizations (global; the SDK resolves the partition's single endpoint from `region`). */
  organizations(region: string, source?: CredentialSource): OrganizationsClient;
  /** The settings in force (defaults merged with overrides). */
  readonly settings: Required<AwsClientSettings>;
  /** Number of clients currently cached. */
  size(): number;
  /** Closes the shared HTTP handler; the factory must not be used afterwards. */
  destroy(): void;
}

type AnyClient = STSClient | IAMClient | BedrockClient | CloudTrailClient | OrganizationsClient;

interface MiddlewareContext {
  clientName?: string;
  commandName?: string;
}

export function createAwsClientFactory(options: AwsClientFactoryOptions = {}): AwsClientFactory {
  const settings: Required<AwsClientSettings> = {
    ...DEFAULT_CLIENT_SETTINGS,
    ...stripUndefined(options.settings ?? {}),
  };
  const maxClients = options.maxClients ?? 256;
  const handler = new NodeHttpHandler({
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    throwOnRequestTimeout: true,
  });
  const cache = new Map<string, AnyClient>();

  const common = (region: string, source: CredentialSource | undefined) => ({
    region,
    maxAttempts: settings.maxAttempts,
    retryStrategy: createRetryStrategy(settings),
    requestHandler: handler,
    ...(source
      ? { credentials: source.provider }
      : options.botCredentials
        ? { credentials: options.botCredentials }
        : {}),
  });

  function cached<T extends AnyClient>(key: string, build: () => T): T {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit as T;
    }
    const client = build();
    observe(client, options.onAwsCall);
    cache.set(key, client);
    while (cache.size > maxClients) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return client;
  }

  const keyOf = (service: string, region: string, source?: CredentialSource) =>
    `${service}|${region}|${source?.cacheKey ?? 'bot'}`;

  return {
    settings,
    sts: (region, source) => cached(keyOf('sts', region, source), () => new STSClient(common(region, source))),
    iam: (region, source) => {
      // IAM is global per partition: one client per partition and credentials.
      const partition = partitionOfRegion(region);
      return cached(keyOf('iam', partition, source), () => new IAMClient(common(region, source)));
    },
    bedrock: (region, source) =>
      cached(
        keyOf('bedrock', region, source),
        () => new BedrockClient({ ...common(region, source), authSchemePreference: ['sigv4'] }),
      ),
    cloudtrail: (region, source) =>
      cached(keyOf('cloudtrail', region, source), () => new CloudTrailClient(common(region, source))),
    organizations: (region, source) => {
      const partition = partitionOfRegion(region);
      return cached(keyOf('organizations', partition, source), () => new OrganizationsClient(common(region, source)));
    },
    size: () => cache.size,
    destroy: () => {
      cache.clear();
      handler.destroy();
    },
  };
}

/** Adds a middleware that reports every call (service, operation, outcome, time) to `onAwsCall`. */
function observe(client: AnyClient, onAwsCall: AwsClientFactoryOptions['onAwsCall']): void {
  if (!onAwsCall) return;
  const stack = client.middlewareStack as unknown as {
    add(middleware: unknown, options: { step: string; name: string }): void;
  };
  const regionOf = async (): Promise<string> => {
    try {
      return String(await client.config.region());
    } catch {
      return 'unknown';
    }
  };
  stack.add(
    (
      next: (args: unknown) => Promise<{ output?: { $metadata?: { attempts?: number } } }>,
      context: MiddlewareContext,
    ) =>
      async (args: unknown) => {
        const started = performance.now();
        const base = {
          service: (context.clientName ?? 'aws').replace(/Client$/, ''),
          operation: (context.commandName ?? 'unknown').replace(/Command$/, ''),
        };
        try {
          const result = await next(args);
          emit(onAwsCall, {
            ...base,
            region: await regionOf(),
            ok: true,
            durationMs: performance.now() - started,
            attempts: result.output?.$metadata?.attempts,
          });
          return result;
        } catch (error) {
          const e = error as { name?: string; $metadata?: { attempts?: number } };
          emit(onAwsCall, {
            ...base,
            region: await regionOf(),
            ok: false,
            errorName: e?.name ?? 'Error',
            durationMs: performance.now() - started,
            attempts: e?.$metadata?.attempts,
          });
          throw error;
        }
      },
    { step: 'initialize', name: 'bedrock403CallObserver' },
  );
}

function emit(onAwsCall: (event: AwsCallEvent) => void, event: AwsCallEvent): void {
  try {
    onAwsCall(event);
  } catch {
    // an observer must never break a call
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
