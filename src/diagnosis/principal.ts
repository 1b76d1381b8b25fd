/**
 * Which IAM principal the permission simulation runs for: the principal ARN given, or the user that owns the key.
 */
import { maskKeyId } from '../aws-facts/access-key-ids.js';
import { CheckSkipped } from './check.js';
import type { DiagnosisContext } from './context.js';
import { resolveKeyUsage } from './key-record.js';

export interface SimulationPrincipal {
  /** ARN accepted by SimulatePrincipalPolicy (user or role, with its path when known). */
  arn: string;
  kind: 'user' | 'role';
  name: string;
  source: 'given' | 'key';
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
