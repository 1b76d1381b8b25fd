/**
 * Which IAM principal the permission simulation runs for: the principal ARN given, or the user that owns the key.
 */
import { maskKeyId } from '../aws-facts/access-key-ids.js';
import type { ApiKeyFacts } from '../bedrock-api-keys/index.js';
import { CheckSkipped } from './check.js';
import type { DiagnosisContext } from './context.js';
import { resolveKeyUsage } from './key-record.js';

export interface SimulationPrincipal {
  /** ARN accepted by SimulatePrincipalPolicy (user or role, with its path when known). */
  arn: string;
  kind: 'user' | 'role';
  name: string;
  /** given: the principal ARN; key: the access key's user; api key: the principal behind the Bedrock API key. */
  source: 'given' | 'key' | 'api key';
  /** The ARN the person gave, when it was converted (assumed-role session -> role). */
  givenArn?: string;
  /** Permissions boundary ARN, when read (users found through their key). */
  boundaryArn?: string;
  /** True when the role's path is unknown (converted from a session ARN). */
  pathUnknown?: boolean;
}

export function resolvePrincipal(ctx: DiagnosisContext): Promise<SimulationPrincipal> {
  return ctx.shared('principal', () => fetchPrincipal(ctx));
}

async function fetchPrincipal(ctx: DiagnosisContext): Promise<SimulationPrincipal> {
  const { principal, key, partition, accountId } = ctx.input;
  if (principal) {
    switch (principal.kind) {
      case 'user':
      case 'role':
        return { arn: principal.arn, kind: principal.kind, name: principal.name, source: 'given' };
      case 'assumed-role':
        return {
          arn: `arn:${partition}:iam::${accountId}:role/${principal.name}`,
          kind: 'role',
          name: principal.name,
          source: 'given',
          givenArn: principal.arn,
          pathUnknown: true,
        };
      case 'root':
        throw new CheckSkipped(
          'The root user is not governed by IAM identity policies and cannot be simulated (only SCPs limit it in ' +
            'member accounts): give the ARN of the IAM user or role that makes the call',
        );
      case 'federated-user':
        throw new CheckSkipped(
          'A federated-user session cannot be simulated: give the ARN of the IAM user whose credentials created it',
        );
    }
  }
  const apiKey = ctx.input.apiKey;
  if (!key && apiKey && !('undecodable' in apiKey)) return apiKeyPrincipal(ctx, apiKey);
  if (!key) {
    throw new CheckSkipped(
      'No principal to simulate: give --principal (user or role ARN) or --key (the user is found from the key)',
    );
  }
  if (key.type === 'temporary') {
    throw new CheckSkipped(
      `${maskKeyId(key.id)} is a temporary key: its role cannot be read from IAM; give --principal with the role ARN`,
    );
  }
  // Only the user name is needed: the key's status (ListAccessKeys) is read in parallel by key_status.
  const usage = await resolveKeyUsage(ctx);
  const userName = usage.state === 'known' ? usage.lastUsed.userName : undefined;
  if (!userName) {
    throw new CheckSkipped(
      `The key's user is unknown (the key was not found in account ${accountId}): give --principal to simulate a user`,
    );
  }
  const user = await ctx.user(userName);
  return {
    arn: user.Arn ?? `arn:${partition}:iam::${accountId}:user/${userName}`,
    kind: 'user',
    name: userName,
    source: 'key',
    boundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
  };
}

/**
 * The principal a Bedrock API key acts as: a long-term key's IAM user, or the user of the access key that presigned a
 * short-term key. A short-term key made from temporary credentials names no IAM record: the principal must be given.
 */
async function apiKeyPrincipal(ctx: DiagnosisContext, apiKey: ApiKeyFacts): Promise<SimulationPrincipal> {
  const { partition, accountId } = ctx.input;
  let userName: string | undefined;
  if (apiKey.type === 'long_term') {
    if (apiKey.accountId !== accountId) {
      throw new CheckSkipped(
        `The API key's user is in account ${apiKey.accountId}, not ${accountId} (see Bedrock API key)`,
      );
    }
    userName = apiKey.userName;
  } else {
    if (apiKey.accessKeyType !== 'long_term') {
      throw new CheckSkipped(
        `The short-term API key was made from temporary credentials (${maskKeyId(apiKey.accessKeyId)}): its role ` +
          'cannot be read from IAM; give principal=<role ARN> (--principal) to simulate it',
      );
    }
    userName = (await ctx.accessKeyUser(apiKey.accessKeyId).catch(() => undefined))?.userName;
    if (!userName) {
      throw new CheckSkipped(
        `The access key that presigned the API key (${maskKeyId(apiKey.accessKeyId)}) has no user in account ` +
          `${accountId} (see Bedrock API key): give --principal to simulate a user`,
      );
    }
  }
  const user = await ctx.user(userName);
  return {
    arn: user.Arn ?? `arn:${partition}:iam::${accountId}:user/${userName}`,
    kind: 'user',
    name: userName,
    source: 'api key',
    boundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
  };
}
