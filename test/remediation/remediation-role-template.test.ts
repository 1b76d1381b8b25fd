/**
 * Static checks of infra/remediation-role.yaml against the code that uses it: the role name the config defaults
 * to, the session names the service sends, the IAM calls the executor makes, the secret names and tags it writes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config.js';
import { SECRET_PREFIX, secretNameFor } from '../../src/remediation/executor.js';
import type { RemediationRequest } from '../../src/remediation/model.js';
import { sessionName } from '../../src/remediation/service.js';

type Json = Record<string, unknown>;
const template = parse(readFileSync(new URL('../../infra/remediation-role.yaml', import.meta.url), 'utf8')) as Json;
const params = template.Parameters as Record<string, Json>;
const resources = template.Resources as Record<string, Json>;
const role = resources.RemediationRole as Json;
const props = role.Properties as Json;
const trust = ((props.AssumeRolePolicyDocument as Json).Statement as Json[])[0] as Json;
const statements = (((props.Policies as Json[])[0] as Json).PolicyDocument as Json).Statement as Json[];
const allows = statements.filter((s) => s.Effect === 'Allow');
const denies = statements.filter((s) => s.Effect === 'Deny');
const actionsOf = (s: Json) => (Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string]);

/** A CloudFormation Fn::Sub / IAM ARN pattern as a RegExp, with the given parameter values. */
function arnPattern(sub: string, values: Record<string, string>): RegExp {
  const filled = sub.replace(/\$\{([\w:]+)\}/g, (_m, name: string) => values[name] ?? `<${name}>`);
  const escaped = filled.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

describe('infra/remediation-role.yaml', () => {
  it('creates one role named like the bot expects', () => {
    expect(Object.keys(resources)).toEqual(['RemediationRole']);
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(params.RoleName?.Default).toBe(readConfig({}, 'cli').aws.remediationRoleName);
    expect(params.ExternalId?.NoEcho).toBe(true);
  });

  it('trusts only the bot principal, with the external id and the bot session names', () => {
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: { Ref: 'BotPrincipalArn' } },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
    });
    const pattern = ((trust.Condition as Json).StringLike as Json)['sts:RoleSessionName'] as string;
    const matches = arnPattern(pattern, {});
    for (const name of [
      sessionName('check', 'U0REQUESTR'),
      sessionName('rotate', 'U0APPROVER'),
      sessionName('delete', 'system'),
    ]) {
      expect(name).toMatch(matches);
    }
  });

  it('allows exactly the key calls the executor makes, on users under the path only', () => {
    const iam = allows.find((s) => actionsOf(s).some((a) => a.startsWith('iam:')));
    expect(actionsOf(iam ?? {}).sort()).toEqual(
      [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
      ].sort(),
    );
    const resource = (((iam?.Resource ?? {}) as Json)['Fn::Sub'] as string) ?? '';
    const users = arnPattern(resource, {
      'AWS::Partition': 'aws',
      'AWS::AccountId': '111111111111',
      UserPath: '/bedrock-apps/',
    });
    expect('arn:aws:iam::111111111111:user/bedrock-apps/svc-1').toMatch(users);
    expect('arn:aws:iam::111111111111:user/people/alice').not.toMatch(users);
    expect('arn:aws:iam::111111111111:role/bedrock-apps/x').not.toMatch(users);
  });

  it('allows exactly the Bedrock API key calls, on the same users, never creating or resetting one', () => {
    const api = allows.find((s) => actionsOf(s).includes('iam:UpdateServiceSpecificCredential'));
    expect(actionsOf(api ?? {}).sort()).toEqual(
      [
        'iam:DeleteServiceSpecificCredential',
        'iam:ListServiceSpecificCredentials',
        'iam:UpdateServiceSpecificCredential',
      ].sort(),
    );
    const iam = allows.find((s) => actionsOf(s).includes('iam:ListAccessKeys'));
    expect(api?.Resource).toEqual(iam?.Resource);
    const guard = denies.find((s) => actionsOf(s).includes('iam:DeleteServiceSpecificCredential'));
    expect(guard?.Condition).toEqual({
      StringNotEqualsIfExists: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' },
    });
    const all = allows.flatMap(actionsOf);
    expect(all).not.toContain('iam:CreateServiceSpecificCredential');
    expect(all).not.toContain('iam:ResetServiceSpecificCredential');
  });

  it('grants IAM exactly the commands src/remediation/remediation-aws.ts sends', () => {
    const source = readFileSync(new URL('../../src/remediation/remediation-aws.ts', import.meta.url), 'utf8');
    const imported = /import \{([^}]*)\} from '@aws-sdk\/client-iam'/.exec(source)?.[1] ?? '';
    const commands = [...imported.matchAll(/(\w+)Command\b/g)].map((m) => `iam:${m[1]}`);
    const granted = allows.flatMap(actionsOf).filter((a) => a.startsWith('iam:'));
    expect([...new Set(commands)].sort()).toEqual([...new Set(granted)].sort());
  });

  it('lets Secrets Manager writes reach bedrock-403/* only, never reads, and demands the tags the executor sets', () => {
    const sm = allows.find((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(actionsOf(sm ?? {}).sort()).toEqual(['secretsmanager:CreateSecret', 'secretsmanager:TagResource']);
    const secrets = arnPattern((((sm?.Resource ?? {}) as Json)['Fn::Sub'] as string) ?? '', {
      'AWS::Partition': 'aws',
      'AWS::AccountId': '111111111111',
    });
    const name = secretNameFor(
      { accountId: '111111111111', userName: 'svc,1' } as RemediationRequest,
      'AKIANEWKEYEXAMPLE234',
    );
    expect(name.startsWith(SECRET_PREFIX)).toBe(true);
    expect(`arn:aws:secretsmanager:eu-west-1:111111111111:secret:${name}-AbCdEf`).toMatch(secrets);
    expect('arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-password-AbCdEf').not.toMatch(secrets);
    const readDenied = denies.flatMap(actionsOf);
    expect(readDenied).toContain('secretsmanager:GetSecretValue');
    const tagGuard = denies.find((s) => actionsOf(s).includes('secretsmanager:CreateSecret'));
    expect(JSON.stringify(tagGuard?.Condition)).toContain('aws:RequestTag/bedrock-403:user');
  });

  it('has no wildcard action and no Allow on every resource', () => {
    for (const s of allows) {
      for (const a of actionsOf(s)) expect(a).not.toMatch(/\*/);
      expect(s.Resource).not.toBe('*');
    }
    expect(JSON.stringify(statements)).not.toMatch(/"(sts|bedrock|kms):/);
  });
});
