/**
 * The AWS calls a remediation makes, in the target account, signed by the remediation role
 * (REMEDIATION_ROLE_NAME with the external id; never the diagnostic role). IAM for the keys, Secrets Manager for
 * the new secret, and STS signed by the new key itself to confirm that it works.
 *
 * Mutating IAM calls run with one attempt: CreateAccessKey is not idempotent and the SDK retries its quota error
 * (aws-facts 2.5). CreateSecret carries a ClientRequestToken, so its retries are safe.
 */
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  DeleteServiceSpecificCredentialCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListServiceSpecificCredentialsCommand,
  UpdateAccessKeyCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { classifyAwsError, describeAwsError } from '../aws/errors.js';
import { BEDROCK_CREDENTIAL_SERVICE_NAME } from '../aws-facts/bedrock-api-keys.js';
import type { KeyLastUsed } from './model.js';
import { SecretValue } from './secret-value.js';

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Credentials of the remediation role in `accountId` for a session named `sessionName` (CloudTrail shows it). */
export type RemediationCredentials = (request: {
  accountId: string;
  sessionName: string;
}) => () => Promise<AwsCredentialIdentity>;

export interface AccessKeyMeta {
  accessKeyId: string;
  status: string;
  createDate?: string;
}

export interface NewAccessKey {
  userName: string;
  accessKeyId: string;
  secretAccessKey: SecretValue;
  createDate?: string;
}

export interface CreateSecretInput {
  name: string;
  description: string;
  /** The SecretString, JSON. */
  value: SecretValue;
  tags: Record<string, string>;
  /** Idempotency token (32-64 characters). */
  clientRequestToken: string;
}

/** The remediation role's view of one account. */
export interface RemediationAws {
  /** Owner and last use of a key of this account; throws when it is not a key of this account. */
  keyLastUsed(accessKeyId: string): Promise<{ userName?: string; lastUsed: KeyLastUsed }>;
  listKeys(userName: string): Promise<AccessKeyMeta[]>;
  createKey(userName: string): Promise<NewAccessKey>;
  setKeyStatus(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void>;
  deleteKey(userName: string, accessKeyId: string): Promise<void>;
  createSecret(input: CreateSecretInput): Promise<{ arn: string; name: string }>;
  /**
   * The user's Bedrock API keys (iam:ListServiceSpecificCredentials, ServiceName bedrock.amazonaws.com): the
   * credential id as `accessKeyId`, so the key checks and steps of access keys apply to them unchanged.
   */
  listApiKeys(userName: string): Promise<AccessKeyMeta[]>;
  /** iam:UpdateServiceSpecificCredential (UserName given: without it IAM acts on the caller's own credentials). */
  setApiKeyStatus(userName: string, credentialId: string, status: 'Active' | 'Inactive'): Promise<void>;
  /** iam:DeleteServiceSpecificCredential. */
  deleteApiKey(userName: string, credentialId: string): Promise<void>;
  /** sts:GetCallerIdentity signed by the given key: throws until IAM has propagated it. */
  callerIdentityOf(accessKeyId: string, secretAccessKey: SecretValue): Promise<{ account?: string; arn?: string }>;
}

export interface RemediationAwsFactory {
  forAccount(target: { accountId: string; region: string; sessionName: string }): RemediationAws;
  destroy(): void;
}

export interface RemediationAwsOptions {
  credentials: RemediationCredentials;
  /** Attempts for reads and idempotent calls (default 3). Mutating IAM calls always make one. */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** A one-line, secret-free description of an AWS error: `Name (HTTP 403): message [request id]`. */
export function describeAwsFailure(error: unknown): string {
  return describeAwsError(classifyAwsError(error));
}

/** The SDK error name, for decisions (aws-facts 7: match on name, never on class or status). */
export function awsErrorName(error: unknown): string {
  return classifyAwsError(error).name;
}

const iso = (date: Date | undefined): string | undefined =>
  date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;

export function createRemediationAws(options: RemediationAwsOptions): RemediationAwsFactory {
  const handler = new NodeHttpHandler({
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    throwOnRequestTimeout: true,
  });
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);

  return {
    destroy: () => handler.destroy(),
    forAccount({ accountId, region, sessionName }) {
      const credentials = options.credentials({ accountId, sessionName });
      const base = { region, credentials, requestHandler: handler };
      const iamRead = new IAMClient({ ...base, maxAttempts });
      const iamWrite = new IAMClient({ ...base, maxAttempts: 1 });
      const secrets = new SecretsManagerClient({ ...base, maxAttempts });

      return {
        async keyLastUsed(accessKeyId) {
          const out = await iamRead.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
          const used = out.AccessKeyLastUsed;
          const lastUsed: KeyLastUsed = { service: used?.ServiceName ?? 'N/A', region: used?.Region ?? 'N/A' };
          const date = iso(used?.LastUsedDate);
          if (date) lastUsed.date = date;
          return { userName: out.UserName, lastUsed };
        },

        async listKeys(userName) {
          const keys: AccessKeyMeta[] = [];
          let marker: string | undefined;
          for (let page = 0; page < 20; page++) {
            const out = await iamRead.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker }));
            for (const k of out.AccessKeyMetadata ?? []) {
              if (!k.AccessKeyId) continue;
              const meta: AccessKeyMeta = { accessKeyId: k.AccessKeyId, status: k.Status ?? 'unknown' };
              const created = iso(k.CreateDate);
              if (created) meta.createDate = created;
              keys.push(meta);
            }
            if (!out.IsTruncated || !out.Marker) break;
            marker = out.Marker;
          }
          return keys;
        },

        async listApiKeys(userName) {
          const keys: AccessKeyMeta[] = [];
          let marker: string | undefined;
          for (let page = 0; page < 20; page++) {
            const out = await iamRead.send(
              new ListServiceSpecificCredentialsCommand({
                UserName: userName,
                ServiceName: BEDROCK_CREDENTIAL_SERVICE_NAME,
                Marker: marker,
              }),
            );
            for (const k of out.ServiceSpecificCredentials ?? []) {
              if (!k.ServiceSpecificCredentialId) continue;
              const expired = k.ExpirationDate !== undefined && k.ExpirationDate.getTime() <= Date.now();
              const status = k.Status === 'Active' && expired ? 'Expired' : (k.Status ?? 'unknown');
              const meta: AccessKeyMeta = { accessKeyId: k.ServiceSpecificCredentialId, status };
              const created = iso(k.CreateDate);
              if (created) meta.createDate = created;
              keys.push(meta);
            }
            if (!out.IsTruncated || !out.Marker) break;
            marker = out.Marker;
          }
          return keys;
        },

        async setApiKeyStatus(userName, credentialId, status) {
          await iamWrite.send(
            new UpdateServiceSpecificCredentialCommand({
              UserName: userName,
              ServiceSpecificCredentialId: credentialId,
              Status: status,
            }),
          );
        },

        async deleteApiKey(userName, credentialId) {
          await iamWrite.send(
            new DeleteServiceSpecificCredentialCommand({
              UserName: userName,
              ServiceSpecificCredentialId: credentialId,
            }),
          );
        },

        async createKey(userName) {
          const out = await iamWrite.send(new CreateAccessKeyCommand({ UserName: userName }));
          const key = out.AccessKey;
          if (!key?.AccessKeyId || !key.SecretAccessKey) {
            throw Object.assign(new Error('CreateAccessKey answered without a key'), { name: 'InvalidResponse' });
          }
          const created: NewAccessKey = {
            userName: key.UserName ?? userName,
            accessKeyId: key.AccessKeyId,
            secretAccessKey: new SecretValue(key.SecretAccessKey),
          };
          // The SDK's output object still holds the secret: drop it so no later reference can leak it.
          key.SecretAccessKey = undefined;
          const date = iso(key.CreateDate);
          if (date) created.createDate = date;
          return created;
        },

        async setKeyStatus(userName, accessKeyId, status) {
          await iamWrite.send(
            new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status }),
          );
        },

        async deleteKey(userName, accessKeyId) {
          await iamWrite.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }));
        },

        async createSecret(input) {
          const out = await secrets.send(
            new CreateSecretCommand({
              Name: input.name,
              Description: input.description,
              SecretString: input.value.reveal(),
              ClientRequestToken: input.clientRequestToken,
              Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
            }),
          );
          if (!out.ARN)
            throw Object.assign(new Error('CreateSecret answered without an ARN'), { name: 'InvalidResponse' });
          return { arn: out.ARN, name: out.Name ?? input.name };
        },

        async callerIdentityOf(accessKeyId, secretAccessKey) {
          const probe = new STSClient({
            region,
            maxAttempts: 1,
            credentials: { accessKeyId, secretAccessKey: secretAccessKey.reveal() },
            requestHandler: new NodeHttpHandler({
              connectionTimeout: options.connectionTimeoutMs ?? 3000,
              requestTimeout: options.requestTimeoutMs ?? 10_000,
              throwOnRequestTimeout: true,
            }),
          });
          try {
            const out = await probe.send(new GetCallerIdentityCommand({}));
            return { account: out.Account, arn: out.Arn };
          } finally {
            probe.destroy();
          }
        },
      };
    },
  };
}
