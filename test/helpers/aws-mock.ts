/**
 * nock helpers that answer AWS SDK v3 clients in the real wire formats (aws-facts sections 1.7, 1.8, 2.7, 3, 5):
 *
 * - STS and IAM speak awsQuery: `POST /` with a form body (`Action=...`), XML answers
 *   `<XResponse><XResult>...</XResult><ResponseMetadata/></XResponse>`, errors as
 *   `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 * - Bedrock speaks restJson1: JSON bodies, errors carry the `x-amzn-ErrorType` header and `{"message": ...}`;
 *   timestamps are ISO strings (epoch numbers make the SDK throw); `:` in model ids is `%3A` in paths.
 * - Every answer carries `x-amzn-RequestId` (the SDK reads the request id from that header only).
 *
 * Usage:
 *   const assume = mockSts('us-east-1', 'AssumeRole', sts.assumeRole({ accountId, roleName }));
 *   const models = mockBedrock('us-east-1', 'GET', '/foundation-models', bedrock.listFoundationModels([...]));
 *   ... run the code ...
 *   expect(assume.requests).toHaveLength(1);          // parsed form bodies / paths of the calls seen
 *
 * Replies: a MockReply, or a list of them played in order (the last one repeats), which is how "throttled once,
 * then fine" is written: mockIam('ListAccessKeys', [awsErrors.iam('Throttling', 'Rate exceeded', 400), iam.listAccessKeys(...)]).
 * Options: `delayMs` delays every answer (nock .delay: the real SDK path is measured), `match` narrows the
 * interceptor to bodies for which it returns true. Interceptors persist until nock.cleanAll().
 *
 * Build clients for tests with TEST_CREDENTIALS and FAST_CLIENT_SETTINGS (one attempt, millisecond backoff).
 */
import nock from 'nock';

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** Static credentials for the bot in tests (never real). */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTBOTKEY000000', secretAccessKey: 'test-secret-not-real' };

/** Client settings for tests: one attempt, millisecond backoffs, short timeouts. */
export const FAST_CLIENT_SETTINGS = {
  maxAttempts: 1,
  baseDelayMs: 1,
  throttlingBaseDelayMs: 1,
  maxDelayMs: 5,
  connectionTimeoutMs: 2000,
  requestTimeoutMs: 5000,
} as const;

export interface MockReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface MockOptions {
  /** Delay of every answer, in ms (nock .delay). */
  delayMs?: number;
  /** Narrows which requests this interceptor answers (STS/IAM: the parsed form body). */
  match?: (body: Record<string, string>) => boolean;
}

/** What a mock saw, in order: parsed form bodies (STS/IAM; empty objects for Bedrock), paths and headers. */
export interface MockHandle {
  requests: Record<string, string>[];
  paths: string[];
  /** Request headers (lower-case names), e.g. to check `authorization` is SigV4. */
  headers: Record<string, string | string[] | undefined>[];
  scope: nock.Scope;
}

let requestCounter = 0;
const requestId = () => `00000000-0000-4000-8000-${String(++requestCounter).padStart(12, '0')}`;

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An awsQuery success body. `resultXml` goes inside `<ActionResult>` (omitted when undefined). */
export function queryResponse(namespace: string, action: string, resultXml?: string): MockReply {
  const id = requestId();
  const result = resultXml === undefined ? '' : `<${action}Result>${resultXml}</${action}Result>`;
  return {
    status: 200,
    body:
      `<${action}Response xmlns="${namespace}">${result}` +
      `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': id },
  };
}

/** An awsQuery ErrorResponse (Type Sender for 4xx, Receiver for 5xx). */
export function queryError(namespace: string, code: string, message: string, status: number): MockReply {
  const id = requestId();
  return {
    status,
    body:
      `<ErrorResponse xmlns="${namespace}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
      `<RequestId>${id}</RequestId></ErrorResponse>`,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': id },
  };
}

/** A restJson1 success body. */
export function jsonResponse(body: unknown, status = 200): MockReply {
  return {
    status,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId() },
  };
}

export const awsErrors = {
  sts: (code: string, message: string, status = 403) => queryError(STS_NS, code, message, status),
  iam: (code: string, message: string, status = 403) => queryError(IAM_NS, code, message, status),
  /** Bedrock JSON error: `x-amzn-ErrorType: <type>:<namespace>` and `{"message": ...}`. */
  bedrock: (type: string, message: string, status: number): MockReply => ({
    status,
    body: JSON.stringify({ message }),
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId(),
      'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
  }),
};

// ----------------------------------------------------------------------------------------------------------------
// Endpoints and interceptors

export const stsEndpoint = (region: string) => `https://sts.${region}.amazonaws.com`;
export const IAM_ENDPOINT = 'https://iam.amazonaws.com';
export const bedrockEndpoint = (region: string) => `https://bedrock.${region}.amazonaws.com`;

/** A fixed reply, a sequence (the last repeats), or a function of the parsed request body. */
export type Replies = MockReply | MockReply[] | ((body: Record<string, string>) => MockReply);

function sequence(replies: Replies): (body: Record<string, string>) => MockReply {
  if (typeof replies === 'function') return replies;
  const list = Array.isArray(replies) ? [...replies] : [replies];
  if (list.length === 0) throw new Error('a mock needs at least one reply');
  let index = 0;
  return () => {
    const reply = list[Math.min(index, list.length - 1)] as MockReply;
    index++;
    return reply;
  };
}

/** Intercepts an awsQuery action (STS or IAM) at `endpoint`. */
export function mockQuery(endpoint: string, action: string, replies: Replies, options: MockOptions = {}): MockHandle {
  const next = sequence(replies);
  const handle: MockHandle = { requests: [], paths: [], headers: [], scope: nock(endpoint) };
  let interceptor = handle.scope
    .persist()
    .post('/', (body: Record<string, string>) => body.Action === action && (options.match?.(body) ?? true));
  if (options.delayMs) interceptor = interceptor.delay(options.delayMs);
  interceptor.reply(function (path, body) {
    const parsed = parseForm(body);
    handle.headers.push({ ...this.req.headers });
    handle.paths.push(path);
    handle.requests.push(parsed);
    const reply = next(parsed);
    return [reply.status, reply.body, reply.headers];
  });
  return handle;
}

export function mockSts(region: string, action: string, replies: Replies, options?: MockOptions) {
  return mockQuery(stsEndpoint(region), action, replies, options);
}

export function mockIam(action: string, replies: Replies, options?: MockOptions) {
  return mockQuery(IAM_ENDPOINT, action, replies, options);
}

/**
 * Intercepts a Bedrock REST call. `path` is matched exactly (query ignored); give model ids with `%3A`
 * (use bedrockPath()).
 */
export function mockBedrock(
  region: string,
  method: 'GET' | 'POST',
  path: string,
  replies: MockReply | MockReply[],
  options: Omit<MockOptions, 'match'> = {},
  endpoint = bedrockEndpoint(region),
): MockHandle {
  const next = sequence(replies);
  const handle: MockHandle = { requests: [], paths: [], headers: [], scope: nock(endpoint) };
  const base = handle.scope.persist();
  let interceptor = (method === 'GET' ? base.get(path) : base.post(path)).query(true);
  if (options.delayMs) interceptor = interceptor.delay(options.delayMs);
  interceptor.reply(function (uri) {
    handle.headers.push({ ...this.req.headers });
    handle.requests.push({});
    handle.paths.push(uri);
    const reply = next({});
    return [reply.status, reply.body, reply.headers];
  });
  return handle;
}

/** `/foundation-model-availability/anthropic.claude-3-haiku-20240307-v1%3A0` */
export function bedrockPath(prefix: string, id: string): string {
  return `${prefix}/${encodeURIComponent(id)}`;
}

/** The values of an awsQuery list member (`ActionNames.member.1`, `.member.2`, ...) in a parsed form body. */
export function formList(body: Record<string, string>, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; body[`${name}.member.${i}`] !== undefined; i++) out.push(body[`${name}.member.${i}`] as string);
  return out;
}

/** The values of one context key in a SimulatePrincipalPolicy request body. */
export function formContextValues(body: Record<string, string>, key: string): string[] {
  for (let i = 1; body[`ContextEntries.member.${i}.ContextKeyName`] !== undefined; i++) {
    if (body[`ContextEntries.member.${i}.ContextKeyName`] === key) {
      return formList(body, `ContextEntries.member.${i}.ContextKeyValues`);
    }
  }
  return [];
}

function parseForm(body: unknown): Record<string, string> {
  if (body && typeof body === 'object') return body as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(String(body ?? '')));
}

// ----------------------------------------------------------------------------------------------------------------
// Success bodies

/** The resource-type template the current IAM model puts in the top-level EvalResourceName (aws-facts 2.4). */
const ARN_TEMPLATE = 'arn:$P:bedrock:$R::foundation-model/$I'
  .replace('$P', '$' + '{Partition}')
  .replace('$R', '$' + '{Region}')
  .replace('$I', '$' + '{ResourceId}');

const iso = (date: Date | string) => (typeof date === 'string' ? date : date.toISOString().replace(/\.\d{3}Z$/, 'Z'));

export const sts = {
  assumeRole(input: {
    accountId: string;
    roleName: string;
    sessionName?: string;
    expiration: Date | string;
    accessKeyId?: string;
  }): MockReply {
    const session = input.sessionName ?? 'diag-test';
    return queryResponse(
      STS_NS,
      'AssumeRole',
      `<AssumedRoleUser><Arn>arn:aws:sts::${input.accountId}:assumed-role/${input.roleName}/${session}</Arn>` +
        `<AssumedRoleId>AROA3XFRBF535PLBIFPI4:${session}</AssumedRoleId></AssumedRoleUser>` +
        `<Credentials><AccessKeyId>${input.accessKeyId ?? 'ASIAJEXAMPLEXEG2JICEA'}</AccessKeyId>` +
        '<SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>' +
        '<SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE</SessionToken>' +
        `<Expiration>${iso(input.expiration)}</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize>`,
    );
  },
  getAccessKeyInfo(account: string): MockReply {
    return queryResponse(STS_NS, 'GetAccessKeyInfo', `<Account>${account}</Account>`);
  },
  getCallerIdentity(input: { account: string; arn: string; userId?: string }): MockReply {
    return queryResponse(
      STS_NS,
      'GetCallerIdentity',
      `<Arn>${xmlEscape(input.arn)}</Arn><UserId>${input.userId ?? 'AROAEXAMPLEROLEID:diag'}</UserId>` +
        `<Account>${input.account}</Account>`,
    );
  },
};

export interface AccessKeyRow {
  id: string;
  status: 'Active' | 'Inactive' | 'Expired';
  createDate: Date | string;
}

/** One ServiceSpecificCredentialMetadata (botocore iam service-2.json; member order as in the model). */
export interface ServiceCredentialRow {
  userName: string;
  status: 'Active' | 'Inactive' | 'Expired';
  /** ServiceCredentialAlias (Bedrock API keys): `<user>-at-<account>[-suffix]`. */
  alias?: string;
  createDate: Date | string;
  expirationDate?: Date | string;
  /** ServiceSpecificCredentialId: 20-128 word characters (AWS examples: ACCA...). */
  id: string;
  serviceName?: string;
}

export interface SimulationResultSpec {
  action: string;
  decision: 'allowed' | 'implicitDeny' | 'explicitDeny';
  /** Top-level EvalResourceName (default: an ARN template, as the current model describes). */
  resource?: string;
  matched?: { id: string; type?: string; startLine?: number; endLine?: number }[];
  missingContext?: string[];
  allowedByOrganizations?: boolean;
  allowedByBoundary?: boolean;
  decisionDetails?: Record<string, string>;
  resourceSpecific?: {
    resource: string;
    decision: 'allowed' | 'implicitDeny' | 'explicitDeny';
    missingContext?: string[];
    matched?: { id: string; type?: string }[];
    allowedByBoundary?: boolean;
  }[];
}

function statementsXml(statements: SimulationResultSpec['matched'] = []): string {
  if (statements.length === 0) return '<MatchedStatements/>';
  return `<MatchedStatements>${statements
    .map(
      (s) =>
        `<member><SourcePolicyId>${xmlEscape(s.id)}</SourcePolicyId><SourcePolicyType>${s.type ?? 'user'}</SourcePolicyType>` +
        `<StartPosition><Line>${s.startLine ?? 3}</Line><Column>19</Column></StartPosition>` +
        `<EndPosition><Line>${s.endLine ?? 9}</Line><Column>10</Column></EndPosition></member>`,
    )
    .join('')}</MatchedStatements>`;
}

function membersXml(tag: string, values: string[] = []): string {
  return values.length === 0
    ? `<${tag}/>`
    : `<${tag}>${values.map((v) => `<member>${xmlEscape(v)}</member>`).join('')}</${tag}>`;
}

export const iam = {
  getAccessKeyLastUsed(input: {
    userName?: string;
    lastUsedDate?: Date | string;
    serviceName?: string;
    region?: string;
  }): MockReply {
    const used = input.lastUsedDate
      ? `<Region>${input.region ?? 'us-east-1'}</Region><LastUsedDate>${iso(input.lastUsedDate)}</LastUsedDate>` +
        `<ServiceName>${input.serviceName ?? 'bedrock'}</ServiceName>`
      : '<Region>N/A</Region><ServiceName>N/A</ServiceName>';
    return queryResponse(
      IAM_NS,
      'GetAccessKeyLastUsed',
      `<AccessKeyLastUsed>${used}</AccessKeyLastUsed>${input.userName ? `<UserName>${input.userName}</UserName>` : ''}`,
    );
  },
  listAccessKeys(userName: string, keys: AccessKeyRow[], truncatedMarker?: string): MockReply {
    const members = keys
      .map(
        (k) =>
          `<member><UserName>${userName}</UserName><AccessKeyId>${k.id}</AccessKeyId><Status>${k.status}</Status>` +
          `<CreateDate>${iso(k.createDate)}</CreateDate></member>`,
      )
      .join('');
    return queryResponse(
      IAM_NS,
      'ListAccessKeys',
      (members ? `<AccessKeyMetadata>${members}</AccessKeyMetadata>` : '<AccessKeyMetadata/>') +
        (truncatedMarker
          ? `<IsTruncated>true</IsTruncated><Marker>${truncatedMarker}</Marker>`
          : '<IsTruncated>false</IsTruncated>'),
    );
  },
  getUser(input: { userName: string; arn: string; boundaryArn?: string; createDate?: Date | string }): MockReply {
    const boundary = input.boundaryArn
      ? `<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>` +
        `<PermissionsBoundaryArn>${input.boundaryArn}</PermissionsBoundaryArn></PermissionsBoundary>`
      : '';
    return queryResponse(
      IAM_NS,
      'GetUser',
      `<User><Path>/</Path><UserName>${input.userName}</UserName><UserId>AIDAEXAMPLEUSERID0000</UserId>` +
        `<Arn>${input.arn}</Arn><CreateDate>${iso(input.createDate ?? '2024-01-01T00:00:00Z')}</CreateDate>${boundary}</User>`,
    );
  },
  /** ListServiceSpecificCredentials: `ServiceSpecificCredentials` list, then `Marker` and `IsTruncated`. */
  listServiceSpecificCredentials(rows: ServiceCredentialRow[], truncatedMarker?: string): MockReply {
    const members = rows
      .map(
        (r) =>
          `<member><UserName>${r.userName}</UserName><Status>${r.status}</Status>` +
          (r.alias ? `<ServiceCredentialAlias>${xmlEscape(r.alias)}</ServiceCredentialAlias>` : '') +
          `<CreateDate>${iso(r.createDate)}</CreateDate>` +
          (r.expirationDate ? `<ExpirationDate>${iso(r.expirationDate)}</ExpirationDate>` : '') +
          `<ServiceSpecificCredentialId>${r.id}</ServiceSpecificCredentialId>` +
          `<ServiceName>${r.serviceName ?? 'bedrock.amazonaws.com'}</ServiceName></member>`,
      )
      .join('');
    return queryResponse(
      IAM_NS,
      'ListServiceSpecificCredentials',
      (members
        ? `<ServiceSpecificCredentials>${members}</ServiceSpecificCredentials>`
        : '<ServiceSpecificCredentials/>') +
        (truncatedMarker
          ? `<Marker>${xmlEscape(truncatedMarker)}</Marker><IsTruncated>true</IsTruncated>`
          : '<IsTruncated>false</IsTruncated>'),
    );
  },
  /** ListAttachedUserPolicies: `AttachedPolicies` (PolicyName, PolicyArn), `IsTruncated`, `Marker`. */
  listAttachedUserPolicies(policies: { name: string; arn: string }[], truncatedMarker?: string): MockReply {
    const members = policies
      .map(
        (p) =>
          `<member><PolicyName>${xmlEscape(p.name)}</PolicyName><PolicyArn>${xmlEscape(p.arn)}</PolicyArn></member>`,
      )
      .join('');
    return queryResponse(
      IAM_NS,
      'ListAttachedUserPolicies',
      (members ? `<AttachedPolicies>${members}</AttachedPolicies>` : '<AttachedPolicies/>') +
        (truncatedMarker
          ? `<IsTruncated>true</IsTruncated><Marker>${xmlEscape(truncatedMarker)}</Marker>`
          : '<IsTruncated>false</IsTruncated>'),
    );
  },
  /** UpdateServiceSpecificCredential / DeleteServiceSpecificCredential: no output shape, only ResponseMetadata. */
  noOutput(action: 'UpdateServiceSpecificCredential' | 'DeleteServiceSpecificCredential'): MockReply {
    return queryResponse(IAM_NS, action);
  },
  simulatePrincipalPolicy(results: SimulationResultSpec[]): MockReply {
    const members = results
      .map((r) => {
        const org =
          r.allowedByOrganizations === undefined
            ? ''
            : `<OrganizationsDecisionDetail><AllowedByOrganizations>${r.allowedByOrganizations}</AllowedByOrganizations></OrganizationsDecisionDetail>`;
        const boundary =
          r.allowedByBoundary === undefined
            ? ''
            : `<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>${r.allowedByBoundary}</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>`;
        const details = r.decisionDetails
          ? `<EvalDecisionDetails>${Object.entries(r.decisionDetails)
              .map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`)
              .join('')}</EvalDecisionDetails>`
          : '';
        const specific = r.resourceSpecific
          ? `<ResourceSpecificResults>${r.resourceSpecific
              .map(
                (s) =>
                  `<member><EvalResourceName>${xmlEscape(s.resource)}</EvalResourceName>` +
                  `<EvalResourceDecision>${s.decision}</EvalResourceDecision>${statementsXml(s.matched)}` +
                  `${membersXml('MissingContextValues', s.missingContext)}` +
                  (s.allowedByBoundary === undefined
                    ? ''
                    : `<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>${s.allowedByBoundary}</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>`) +
                  '</member>',
              )
              .join('')}</ResourceSpecificResults>`
          : '';
        return (
          `<member><EvalActionName>${r.action}</EvalActionName>` +
          `<EvalResourceName>${xmlEscape(r.resource ?? ARN_TEMPLATE)}</EvalResourceName>` +
          `<EvalDecision>${r.decision}</EvalDecision>${statementsXml(r.matched)}` +
          `${membersXml('MissingContextValues', r.missingContext)}${org}${boundary}${details}${specific}</member>`
        );
      })
      .join('');
    return queryResponse(
      IAM_NS,
      'SimulatePrincipalPolicy',
      `<IsTruncated>false</IsTruncated><EvaluationResults>${members}</EvaluationResults>`,
    );
  },
};

export interface ModelSummarySpec {
  modelId: string;
  region?: string;
  inferenceTypes?: ('ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE')[];
  lifecycle?: 'ACTIVE' | 'LEGACY';
  providerName?: string;
}

export interface InferenceProfileSpec {
  profileId: string;
  accountId: string;
  sourceRegion: string;
  modelId: string;
  /** Destination regions: one foundation-model ARN each. */
  regions: string[];
  status?: 'ACTIVE';
  type?: 'SYSTEM_DEFINED' | 'APPLICATION';
}

export interface EnforcedGuardrailSpec {
  accountId: string;
  guardrailId: string;
  region?: string;
  /** Overrides the ARN built from the account, region and id (odd answers). */
  guardrailArn?: string;
  version?: string;
  configId?: string;
  includedModels?: string[];
  excludedModels?: string[];
}

export const bedrock = {
  modelSummary(spec: ModelSummarySpec) {
    return {
      modelArn: `arn:aws:bedrock:${spec.region ?? 'us-east-1'}::foundation-model/${spec.modelId}`,
      modelId: spec.modelId,
      modelName: spec.modelId,
      providerName: spec.providerName ?? spec.modelId.split('.')[0],
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: spec.inferenceTypes ?? ['ON_DEMAND'],
      modelLifecycle: { status: spec.lifecycle ?? 'ACTIVE' },
    };
  },
  listFoundationModels(models: ModelSummarySpec[]): MockReply {
    return jsonResponse({ modelSummaries: models.map((m) => bedrock.modelSummary(m)) });
  },
  availability(input: {
    modelId: string;
    authorization?: 'AUTHORIZED' | 'NOT_AUTHORIZED';
    agreement?: 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR';
    agreementError?: string;
    entitlement?: 'AVAILABLE' | 'NOT_AVAILABLE';
    region?: 'AVAILABLE' | 'NOT_AVAILABLE';
  }): MockReply {
    return jsonResponse({
      modelId: input.modelId,
      agreementAvailability: { status: input.agreement ?? 'AVAILABLE', errorMessage: input.agreementError ?? null },
      authorizationStatus: input.authorization ?? 'AUTHORIZED',
      entitlementAvailability: input.entitlement ?? 'AVAILABLE',
      regionAvailability: input.region ?? 'AVAILABLE',
    });
  },
  inferenceProfileBody(input: InferenceProfileSpec) {
    return {
      inferenceProfileName: input.profileId,
      inferenceProfileArn: `arn:aws:bedrock:${input.sourceRegion}:${input.accountId}:inference-profile/${input.profileId}`,
      inferenceProfileId: input.profileId,
      status: input.status ?? 'ACTIVE',
      type: input.type ?? 'SYSTEM_DEFINED',
      models: input.regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${input.modelId}` })),
      createdAt: '2024-08-01T00:00:00Z',
      updatedAt: '2024-08-01T00:00:00Z',
    };
  },
  inferenceProfile(input: InferenceProfileSpec): MockReply {
    return jsonResponse(bedrock.inferenceProfileBody(input));
  },
  listInferenceProfiles(profiles: InferenceProfileSpec[]): MockReply {
    return jsonResponse({ inferenceProfileSummaries: profiles.map((p) => bedrock.inferenceProfileBody(p)) });
  },
  /**
   * One AccountEnforcedGuardrailOutputConfiguration (botocore bedrock 2023-04-20, commit 0e6e2404; member names as
   * @aws-sdk/client-bedrock 3.1164.0 reads them): timestamps ISO 8601, owner ACCOUNT, modelEnforcement only when set.
   */
  enforcedGuardrailBody(spec: EnforcedGuardrailSpec) {
    const region = spec.region ?? 'us-east-1';
    return {
      configId: spec.configId ?? 'cfg0abc123def',
      guardrailArn: spec.guardrailArn ?? `arn:aws:bedrock:${region}:${spec.accountId}:guardrail/${spec.guardrailId}`,
      guardrailId: spec.guardrailId,
      selectiveContentGuarding: { system: 'COMPREHENSIVE', messages: 'COMPREHENSIVE' },
      guardrailVersion: spec.version ?? '1',
      createdAt: '2026-03-10T09:15:00Z',
      createdBy: `arn:aws:iam::${spec.accountId}:role/SecurityAdmin`,
      updatedAt: '2026-03-10T09:15:00Z',
      updatedBy: `arn:aws:iam::${spec.accountId}:role/SecurityAdmin`,
      owner: 'ACCOUNT',
      ...(spec.includedModels || spec.excludedModels
        ? {
            modelEnforcement: {
              includedModels: spec.includedModels ?? ['ALL'],
              excludedModels: spec.excludedModels ?? [],
            },
          }
        : {}),
    };
  },
  /** ListEnforcedGuardrailsConfiguration: `guardrailsConfig` (required, at most one item), then `nextToken`. */
  enforcedGuardrails(configs: EnforcedGuardrailSpec[], nextToken?: string): MockReply {
    return jsonResponse({
      guardrailsConfig: configs.map((c) => bedrock.enforcedGuardrailBody(c)),
      ...(nextToken ? { nextToken } : {}),
    });
  },
};
