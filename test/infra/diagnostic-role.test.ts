/**
 * Static checks of infra/diagnostic-role.yaml: plain YAML (long-form intrinsics), StackSet-ready parameters, a
 * trust policy that requires the external id and "diag-" session names, and exactly the read-only actions the
 * diagnosis calls (read from src/diagnosis/context.ts, so code and template cannot drift apart).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sessionNameFor } from '../../src/aws/identifiers.js';
import {
  BOT_ACTIONS,
  DIAGNOSTIC_ROLE_ACTIONS,
  DIAGNOSTIC_ROLE_PERMISSIONS,
  ORG_READER_ACTIONS,
  PERMISSIONLESS_ACTIONS,
} from '../../src/diagnosis/role-actions.js';

type Json = Record<string, unknown>;
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const template = parse(read('../../infra/diagnostic-role.yaml')) as Json;
const resources = template.Resources as Record<string, Json>;
const role = resources.DiagnosticRole as Json;
const props = role.Properties as Json;
const policy = ((props.Policies as Json[])[0] as Json).PolicyDocument as Json;
const statements = policy.Statement as Json[];

/** `ctx.call('iam:ListAccessKeys', 'role', ...)` anywhere in src/diagnosis: every action and who calls it. */
function calledActions(): { action: string; caller: string }[] {
  const dir = new URL('../../src/diagnosis/', import.meta.url);
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  const source = files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
  return [...source.matchAll(/\.call\(\s*'([a-z-]+:[A-Za-z]+)',\s*'(bot|role|org)'/g)].map((m) => ({
    action: m[1] ?? '',
    caller: m[2] ?? '',
  }));
}

describe('infra/diagnostic-role.yaml', () => {
  it('takes the StackSet parameters the deployment guide names', () => {
    const params = template.Parameters as Record<string, Json>;
    expect(Object.keys(params).sort()).toEqual(['BotRoleArn', 'ExternalId', 'OrganizationId', 'RoleName']);
    expect(params.RoleName?.Default).toBe('BedrockDiagnosticsRole');
    expect(params.ExternalId?.NoEcho).toBe(true);
    expect(params.OrganizationId?.Default).toBe('');
    expect(role.Type).toBe('AWS::IAM::Role');
  });

  it('trusts only the bot role, with the external id and diag-* session names', () => {
    const trust = ((props.AssumeRolePolicyDocument as Json).Statement as Json[])[0] as Json;
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: { Ref: 'BotRoleArn' } },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } },
        StringLike: { 'sts:RoleSessionName': 'diag-*' },
      },
    });
    expect(sessionNameFor('U0123ABCD')).toMatch(/^diag-/);
    expect(sessionNameFor(undefined)).toMatch(/^diag-/);
  });

  it('grants exactly the actions the diagnosis calls with the role, all read-only, none to invoke models', () => {
    const granted = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]) as string[]);
    expect([...granted].sort()).toEqual([...DIAGNOSTIC_ROLE_ACTIONS].sort());
    const roleCalls = calledActions()
      .filter((c) => c.caller === 'role')
      .map((c) => c.action)
      .filter((a) => !(PERMISSIONLESS_ACTIONS as readonly string[]).includes(a));
    expect([...new Set(roleCalls)].sort()).toEqual([...DIAGNOSTIC_ROLE_ACTIONS].sort());
    for (const s of statements) expect(s.Effect).toBe('Allow');
    // The verb starts the action name: iam:ListAttachedUserPolicies reads, iam:AttachUserPolicy would write.
    expect(granted.filter((a) => /\*|:(?:Invoke|Create|Update|Delete|Put|Attach|Detach|Reset)/.test(a))).toEqual([]);
    expect(granted.every((a) => /:(?:Get|List|Simulate|Lookup)/.test(a))).toBe(true);
  });

  it("grants each action on the kind of resource diag_role simulates it on (role-actions.ts 'resource')", () => {
    const resourcesOf = (action: string) =>
      statements
        .filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action))
        .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
        .map((r) => (typeof r === 'string' ? r : String((r as Json)['Fn::Sub'])));
    for (const p of DIAGNOSTIC_ROLE_PERMISSIONS) {
      const granted = resourcesOf(p.action);
      const kind = p.resource ?? 'any';
      if (kind === 'any') expect(granted, p.action).toContain('*');
      else expect(granted, p.action).toContain(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:${kind}/*`);
    }
  });

  it('the organization reader role grants exactly what the diagnosis calls with it, read-only', () => {
    const org = parse(read('../../infra/org-reader-role.yaml')) as Json;
    const orgRole = (org.Resources as Record<string, Json>).OrgReaderRole as Json;
    const orgProps = orgRole.Properties as Json;
    const orgStatements = (((orgProps.Policies as Json[])[0] as Json).PolicyDocument as Json).Statement as Json[];
    const granted = orgStatements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]) as string[]);
    expect([...granted].sort()).toEqual([...ORG_READER_ACTIONS].sort());
    const orgCalls = calledActions()
      .filter((c) => c.caller === 'org')
      .map((c) => c.action);
    expect([...new Set(orgCalls)].sort()).toEqual([...ORG_READER_ACTIONS].sort());
    const trust = ((orgProps.AssumeRolePolicyDocument as Json).Statement as Json[])[0] as Json;
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: { Ref: 'BotRoleArn' } },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } },
        StringLike: { 'sts:RoleSessionName': 'diag-*' },
      },
    });
  });

  it('the bot itself needs only what infra/bot-runtime-role.yaml grants', () => {
    const botCalls = calledActions()
      .filter((c) => c.caller === 'bot')
      .map((c) => c.action)
      .filter((a) => !(PERMISSIONLESS_ACTIONS as readonly string[]).includes(a));
    for (const action of botCalls) expect(BOT_ACTIONS).toContain(action);
    const runtime = read('../../infra/bot-runtime-role.yaml');
    for (const action of BOT_ACTIONS) expect(runtime).toContain(`Action: ${action}`);
  });
});
