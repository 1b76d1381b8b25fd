/**
 * A whole AWS account, mocked with nock in the real wire formats, for driving the live diagnosis engine: every
 * call the engine makes answers as a healthy account would, and each scenario overrides the calls it is about.
 *
 *   const aws = mockDiagnosisScenario({ listAccessKeys: iam.listAccessKeys('alice', [{ ..., status: 'Inactive' }]) });
 *   const report = await engine.diagnose(aws.target);
 *   expect(aws.calls.AssumeRole.requests).toHaveLength(1);
 *
 * Operation names are the AWS operation names. An override is a reply, a sequence of replies (the last repeats), a
 * function of the request body (STS/IAM), or 'none' (not mocked: the call fails with a nock connection error).
 */
import { createDiagnosisEngine, type DiagnosisEngineDeps } from '../../src/diagnosis/index.js';
import { silentLogger } from '../../src/log.js';
import type { CheckId, CheckResult, Report, Target } from '../../src/report.js';
import {
  awsErrors,
  bedrock,
  bedrockPath,
  FAST_CLIENT_SETTINGS,
  formContextValues,
  formList,
  iam,
  type MockHandle,
  type MockReply,
  mockBedrock,
  mockIam,
  mockSts,
  type Replies,
  type SimulationResultSpec,
  sts,
  TEST_CREDENTIALS,
} from './aws-mock.js';
import { type Json11Replies, json11Response, mockCloudTrail } from './aws-mock-json11.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const ROLE_NAME = 'BedrockDiagnosticsRole';
export const EXTERNAL_ID = 'ext-id-for-tests';
export const USER = 'alice';
export const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
export const BOT_ARN = 'arn:aws:sts::999988887777:assumed-role/bedrock-403-bot/i-0abc';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A modern-format key id that decodes (offline) to `accountId`; `salt` varies the remaining bits. */
export function keyIdForAccount(accountId: string, prefix: 'AKIA' | 'ASIA' = 'AKIA', salt = 1): string {
  const first48 = (1n << 47n) | (BigInt(accountId) << 7n) | BigInt(salt & 0x7f);
  let bits = (first48 << 32n) | BigInt((salt * 2654435761) >>> 0);
  let body = '';
  for (let i = 0; i < 16; i++) {
    body = (ALPHABET[Number(bits & 31n)] ?? 'A') + body;
    bits >>= 5n;
  }
  return `${prefix}${body}`;
}

export const KEY = keyIdForAccount(ACCOUNT);

export type Operation =
  | 'AssumeRole'
  | 'GetAccessKeyInfo'
  | 'BotGetCallerIdentity'
  | 'GetCallerIdentity'
  | 'GetAccessKeyLastUsed'
  | 'ListAccessKeys'
  | 'GetUser'
  | 'SimulatePrincipalPolicy'
  /** diag_role's simulation of the diagnostic role itself (PolicySourceArn = the role): not in SimulatePrincipalPolicy. */
  | 'SimulateDiagnosticRole'
  | 'ListServiceSpecificCredentials'
  | 'ListAttachedUserPolicies'
  | 'ListFoundationModels'
  | 'GetFoundationModelAvailability'
  | 'GetInferenceProfile'
  | 'ListInferenceProfiles'
  | 'LookupEvents'
  | 'ListEnforcedGuardrailsConfiguration';

export type Override = Replies | 'none';

export interface ScenarioOptions {
  accountId?: string;
  region?: string;
  /** Region of the bot's own STS calls (default us-east-1). */
  botRegion?: string;
  userName?: string;
  keyId?: string;
  modelId?: string;
  /** Model id to use in availability/profile paths when the target names a profile (default MODEL). */
  foundationModelId?: string;
  keyCreated?: Date;
  /** Delay of every answer (ms), or per operation. */
  delayMs?: number | Partial<Record<Operation, number>>;
  overrides?: Partial<Record<Operation, Override>>;
}

export interface Scenario {
  target: Target;
  calls: Record<Operation, MockHandle | undefined>;
}

const day = 86_400_000;

/** The decision a healthy account gives for every action and resource asked. */
export function allowedSimulation(body: Record<string, string>): MockReply {
  return simulationAnswer(body, () => ({}));
}

/**
 * A SimulatePrincipalPolicy answer for exactly the actions and resources asked; `decide` returns what differs
 * from "allowed by BedrockInvoke, SCPs and boundary allow" for one (action, resource, requested region).
 */
export function simulationAnswer(
  body: Record<string, string>,
  decide: (
    action: string,
    resource: string,
    region: string,
  ) => Partial<SimulationResultSpec> & {
    resourceDecision?: SimulationResultSpec['decision'];
    resourceMissingContext?: string[];
  },
): MockReply {
  const actions = formList(body, 'ActionNames');
  const resources = formList(body, 'ResourceArns');
  const region = formContextValues(body, 'aws:RequestedRegion')[0] ?? 'us-east-1';
  const concrete = resources.filter((r) => r !== '*');
  const results: SimulationResultSpec[] = actions.map((action) => {
    const per = (concrete.length > 0 ? concrete : ['*']).map((resource) => ({
      resource,
      d: decide(action, resource, region),
    }));
    const decisions = per.map((p) => p.d.resourceDecision ?? p.d.decision ?? 'allowed');
    const aggregate = decisions.includes('explicitDeny')
      ? 'explicitDeny'
      : decisions.includes('implicitDeny')
        ? 'implicitDeny'
        : 'allowed';
    const first =
      per.find((p) => (p.d.resourceDecision ?? p.d.decision ?? 'allowed') !== 'allowed')?.d ?? per[0]?.d ?? {};
    return {
      action,
      decision: aggregate,
      matched: first.matched ?? (aggregate === 'allowed' ? [{ id: 'BedrockInvoke', type: 'user' }] : []),
      missingContext: first.missingContext,
      allowedByOrganizations: first.allowedByOrganizations ?? true,
      allowedByBoundary: first.allowedByBoundary ?? true,
      decisionDetails: first.decisionDetails,
      resourceSpecific:
        concrete.length > 0
          ? per.map((p) => ({
              resource: p.resource,
              decision: p.d.resourceDecision ?? p.d.decision ?? 'allowed',
              missingContext: p.d.resourceMissingContext,
              allowedByBoundary: p.d.allowedByBoundary,
            }))
          : undefined,
    };
  });
  return iam.simulatePrincipalPolicy(results);
}

export function mockDiagnosisScenario(options: ScenarioOptions = {}): Scenario {
  const accountId = options.accountId ?? ACCOUNT;
  const region = options.region ?? 'us-east-1';
  const botRegion = options.botRegion ?? 'us-east-1';
  const userName = options.userName ?? USER;
  const keyId = options.keyId ?? KEY;
  const modelId = options.modelId ?? MODEL;
  const fmId = options.foundationModelId ?? MODEL;
  const created = options.keyCreated ?? new Date(Date.now() - 30 * day);
  const o = options.overrides ?? {};
  const delay = (op: Operation) =>
    typeof options.delayMs === 'number' ? options.delayMs : (options.delayMs?.[op] ?? undefined);
  const pick = (op: Operation, fallback: Replies): Replies | undefined => {
    const value = o[op];
    if (value === 'none') return undefined;
    return value ?? fallback;
  };
  const calls = {} as Record<Operation, MockHandle | undefined>;
  const query = (
    op: Operation,
    endpoint: 'sts-bot' | 'sts-target' | 'iam',
    action: string,
    fallback: Replies,
    match?: (body: Record<string, string>) => boolean,
  ) => {
    const replies = pick(op, fallback);
    if (!replies) return;
    const opts = { delayMs: delay(op), ...(match ? { match } : {}) };
    if (endpoint === 'iam') calls[op] = mockIam(action, replies, opts);
    else calls[op] = mockSts(endpoint === 'sts-bot' ? botRegion : region, action, replies, opts);
  };
  const rest = (op: Operation, path: string, fallback: MockReply | MockReply[]) => {
    const replies = pick(op, fallback);
    if (!replies) return;
    if (typeof replies === 'function') throw new Error(`${op}: Bedrock mocks take replies, not functions`);
    calls[op] = mockBedrock(region, 'GET', path, replies, { delayMs: delay(op) });
  };

  query('AssumeRole', 'sts-bot', 'AssumeRole', (body) =>
    sts.assumeRole({
      accountId,
      roleName: ROLE_NAME,
      sessionName: body.RoleSessionName,
      expiration: new Date(Date.now() + 15 * 60_000),
    }),
  );
  query('GetAccessKeyInfo', 'sts-bot', 'GetAccessKeyInfo', sts.getAccessKeyInfo(accountId));
  // The bot's and the role's GetCallerIdentity share a host when the regions match: tell them apart by region.
  if (botRegion !== region) {
    query(
      'BotGetCallerIdentity',
      'sts-bot',
      'GetCallerIdentity',
      sts.getCallerIdentity({ account: '999988887777', arn: BOT_ARN }),
    );
  }
  query(
    'GetCallerIdentity',
    'sts-target',
    'GetCallerIdentity',
    sts.getCallerIdentity({ account: accountId, arn: `arn:aws:sts::${accountId}:assumed-role/${ROLE_NAME}/diag-test` }),
  );
  query(
    'GetAccessKeyLastUsed',
    'iam',
    'GetAccessKeyLastUsed',
    iam.getAccessKeyLastUsed({ userName, lastUsedDate: new Date(Date.now() - day), serviceName: 'bedrock', region }),
  );
  query(
    'ListAccessKeys',
    'iam',
    'ListAccessKeys',
    iam.listAccessKeys(userName, [{ id: keyId, status: 'Active', createDate: created }]),
  );
  query('GetUser', 'iam', 'GetUser', iam.getUser({ userName, arn: `arn:aws:iam::${accountId}:user/${userName}` }));
  const roleArn = `arn:aws:iam::${accountId}:role/${ROLE_NAME}`;
  query(
    'SimulateDiagnosticRole',
    'iam',
    'SimulatePrincipalPolicy',
    allowedSimulation,
    (body) => body.PolicySourceArn === roleArn,
  );
  query('SimulatePrincipalPolicy', 'iam', 'SimulatePrincipalPolicy', allowedSimulation);
  // The user's one Bedrock API key: Active, made 30 days ago, never expiring.
  query(
    'ListServiceSpecificCredentials',
    'iam',
    'ListServiceSpecificCredentials',
    iam.listServiceSpecificCredentials([
      {
        userName,
        status: 'Active',
        alias: `${userName}-at-${accountId}`,
        createDate: created,
        id: 'ACCAEXAMPLEBEDROCKKEY1',
      },
    ]),
  );
  query(
    'ListAttachedUserPolicies',
    'iam',
    'ListAttachedUserPolicies',
    iam.listAttachedUserPolicies([
      { name: 'AmazonBedrockLimitedAccess', arn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess' },
    ]),
  );
  rest(
    'ListFoundationModels',
    '/foundation-models',
    bedrock.listFoundationModels([
      { modelId: MODEL, region },
      { modelId: 'amazon.nova-pro-v1:0', region, inferenceTypes: ['INFERENCE_PROFILE'] },
      { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', region, inferenceTypes: ['INFERENCE_PROFILE'] },
    ]),
  );
  rest(
    'GetFoundationModelAvailability',
    bedrockPath('/foundation-model-availability', fmId),
    bedrock.availability({ modelId: fmId }),
  );
  rest(
    'GetInferenceProfile',
    bedrockPath('/inference-profiles', modelId),
    awsErrors.bedrock('ResourceNotFoundException', 'Inference profile not found', 404),
  );
  rest('ListInferenceProfiles', '/inference-profiles', bedrock.listInferenceProfiles([]));
  // No guardrail enforced at account level in the region (an empty guardrailsConfig list).
  rest('ListEnforcedGuardrailsConfiguration', '/enforcedGuardrailsConfiguration', bedrock.enforcedGuardrails([]));
  // CloudTrail (JSON 1.1): a healthy account's event history has no failed Bedrock call.
  const lookup = o.LookupEvents === 'none' ? undefined : (o.LookupEvents ?? json11Response({ Events: [] }));
  if (lookup) calls.LookupEvents = mockCloudTrail(region, 'LookupEvents', lookup as Json11Replies);

  return { target: { accountId, accessKeyId: keyId, region, modelId }, calls };
}

/** An engine wired for tests: static bot credentials, one attempt, short backoffs, the given deadline. */
/** The AWS settings of testEngine, with `extra` (e.g. `{ orgReaderRoleArn }`). */
export function testAwsSettings(extra: Partial<DiagnosisEngineDeps['aws']> = {}): DiagnosisEngineDeps['aws'] {
  return {
    region: 'us-east-1',
    diagRoleName: ROLE_NAME,
    diagExternalId: EXTERNAL_ID,
    diagnosisDeadlineMs: 15_000,
    ...extra,
  };
}

/** The check `id` of a report; throws when the report has none (a test must not pass on a missing check). */
export function checkOf(report: Report, id: CheckId | string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in the report`);
  return found;
}

export function testEngine(overrides: Partial<DiagnosisEngineDeps> = {}) {
  return createDiagnosisEngine({
    aws: testAwsSettings(),
    logger: silentLogger,
    botCredentials: TEST_CREDENTIALS,
    clientSettings: FAST_CLIENT_SETTINGS,
    ...overrides,
  });
}
