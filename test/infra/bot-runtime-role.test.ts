/**
 * Static checks of the bot's runtime role template: it parses as plain YAML (long-form intrinsics), grants exactly
 * the two sts actions the bot needs, on the role names the bot is configured with, and nothing IAM/Bedrock-wide.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
const template = parse(readFileSync(new URL('../../infra/bot-runtime-role.yaml', import.meta.url), 'utf8')) as Json;
const resources = template.Resources as Record<string, Json>;
const role = resources.BotRuntimeRole as Json;
const props = role.Properties as Json;
const policy = ((props.Policies as Json[])[0] as Json).PolicyDocument as Json;

/** Statements with Fn::If resolved to their "true" branch (every feature on). */
function statements(doc: Json): Json[] {
  return (doc.Statement as Json[]).map((s) => {
    const branch = s['Fn::If'] as [string, Json, Json] | undefined;
    return branch ? branch[1] : s;
  });
}

describe('infra/bot-runtime-role.yaml', () => {
  it('is one IAM role with the defaults the bot uses', () => {
    expect(Object.keys(resources)).toEqual(['BotRuntimeRole']);
    expect(role.Type).toBe('AWS::IAM::Role');
    const params = template.Parameters as Record<string, Json>;
    expect(params.DiagnosticRoleName?.Default).toBe('BedrockDiagnosticsRole');
    expect(params.RemediationRoleName?.Default).toBe('BedrockKeyRemediationRole');
    expect((template.Outputs as Json).BotRoleArn).toBeDefined();
  });

  it('grants only sts:AssumeRole on the two role names (and the optional org reader) and sts:GetAccessKeyInfo', () => {
    const all = statements(policy);
    const actions = all.map((s) => s.Action);
    expect(actions.sort()).toEqual(['sts:AssumeRole', 'sts:AssumeRole', 'sts:AssumeRole', 'sts:GetAccessKeyInfo']);
    const orgReader = all.find((s) => s.Sid === 'AssumeOrganizationReaderRole');
    expect(orgReader?.Resource).toEqual({ Ref: 'OrgReaderRoleArn' });
    const assumed = all
      .filter((s) => s.Action === 'sts:AssumeRole' && s !== orgReader)
      .map((s) => (s.Resource as Json)['Fn::Sub']);
    expect(assumed).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      'arn:${AWS::Partition}:iam::*:role/${DiagnosticRoleName}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      'arn:${AWS::Partition}:iam::*:role/${RemediationRoleName}',
    ]);
    for (const s of all) {
      expect(s.Effect).toBe('Allow');
      expect(String(s.Action)).not.toMatch(/\*/);
    }
    expect(JSON.stringify(policy)).not.toMatch(/"(iam|bedrock|secretsmanager):/);
  });

  it('scopes ECS trust to tasks of this account and region', () => {
    const trust = statements(props.AssumeRolePolicyDocument as Json);
    const ecs = trust.find((s) => (s.Principal as Json).Service === 'ecs-tasks.amazonaws.com');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    const sourceArn = 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*';
    expect(ecs?.Condition).toMatchObject({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Sub': sourceArn } },
    });
  });
});
