/**
 * The facts a diagnosis gathers, each fetched at most once and shared by the checks that need it (the key's user
 * feeds key_status, credential_type and permissions; the region's model catalog feeds region, model_access and
 * control_path). Every AWS call carries the diagnosis's abort signal (deadline) and fails as an AwsCallError that
 * names the IAM action, so a check can say exactly what the diagnostic role or the bot lacks.
 */

import {
  type FoundationModelSummary,
  GetFoundationModelAvailabilityCommand,
  type GetFoundationModelAvailabilityCommandOutput,
  GetInferenceProfileCommand,
  type GetInferenceProfileCommandOutput,
  type InferenceProfileSummary,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import {
  type AccessKeyMetadata,
  type AttachedPolicy,
  type EvaluationResult,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListServiceSpecificCredentialsCommand,
  type ServiceSpecificCredentialMetadata,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
  type User,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AssumedRole } from '../aws/assume-role.js';
import type { AwsClientFactory, CredentialSource } from '../aws/client-factory.js';
import { classifyAwsError, deniedBy, isCallerPermissionDenial } from '../aws/errors.js';
import { isAccountId } from '../aws-facts/account-ids.js';
import { BEDROCK_CREDENTIAL_SERVICE_NAME } from '../aws-facts/bedrock-api-keys.js';
import { AwsCallError, RoleUnavailableError } from './check-errors.js';
import type { RolePermissionCache, RoleRefusal } from './role-refusals.js';

export type { RoleRefusal } from './role-refusals.js';

import type { DiagnosisInput } from './target.js';

export interface DiagnosisContextDeps {
  input: DiagnosisInput;
  clients: AwsClientFactory;
  /** Region of the bot's own STS calls. */
  botRegion: string;
  /** The diagnostic role session (assumption already started). */
  role: Promise<AssumedRole>;
  /** What was asked of STS, for the diag_role check's messages. */
  roleRequest: RoleRequestInfo;
  /** Aborts every AWS call (deadline, shutdown). */
  signal: AbortSignal;
  now: () => number;
  /** The optional organization reader role (ORG_READER_ROLE_ARN), assumed on first use; absent when not configured. */
  orgReader?: OrgReader;
  /** The engine's cache of the diagnostic role's own simulated permissions (diag_role). */
  rolePermissionCache?: RolePermissionCache;
}

export interface OrgReader {
  roleArn: string;
  /** Assumes the role (cached by the role assumer). */
  assume(): Promise<AssumedRole>;
}

export interface RoleRequestInfo {
  roleName: string;
  roleArn: string;
  sessionName: string;
  externalIdConfigured: boolean;
  stsRegion: string;
}

export interface KeyLastUsed {
  userName?: string;
  lastUsedDate?: Date;
  serviceName?: string;
  region?: string;
}

/** Caps on pagination, so that a misbehaving answer cannot loop forever. */
const MAX_PAGES = 20;
/** The account-wide API-key listing: 1,000 per page (IAM's maximum MaxItems), 50 pages at most. */
const API_KEY_PAGE_SIZE = 1000;
const MAX_API_KEY_PAGES = 50;

export interface ApiKeyListing {
  keys: ServiceSpecificCredentialMetadata[];
  /** True when the page cap was reached before IAM said there was no more. */
  truncated: boolean;
}

export class DiagnosisContext {
  private readonly facts = new Map<string, Promise<unknown>>();
  private readonly refusals = new Map<string, RoleRefusal>();

  constructor(private readonly deps: DiagnosisContextDeps) {
    // Checks that never ask for the role must not leave its rejection unhandled.
    deps.role.catch(() => {});
  }

  get input(): DiagnosisInput {
    return this.deps.input;
  }

  get signal(): AbortSignal {
    return this.deps.signal;
  }

  now(): number {
    return this.deps.now();
  }

  get roleRequest(): RoleRequestInfo {
    return this.deps.roleRequest;
  }

  /** sts:GetCallerIdentity with the bot's own credentials (needs no permission): who the bot is. */
  botIdentity(): Promise<string | undefined> {
    return this.shared('botIdentity', async () => {
      const out = await this.call('sts:GetCallerIdentity', 'bot', (abortSignal) =>
        this.deps.clients.sts(this.deps.botRegion).send(new GetCallerIdentityCommand({}), { abortSignal }),
      );
      return out.Arn;
    });
  }

  /** The diagnostic role session; rejects with RoleUnavailableError when it could not be assumed. */
  role(): Promise<AssumedRole> {
    return this.deps.role.catch((error: unknown) => {
      throw new RoleUnavailableError(error);
    });
  }

  /** The fact under `key` if a check already asked for it; never starts a fetch. */
  peek<T>(key: string): Promise<T> | undefined {
    return this.facts.get(key) as Promise<T> | undefined;
  }

  /** Runs `fetch` once per key; later callers share the same promise (also for derived facts). */
  shared<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    let fact = this.facts.get(key) as Promise<T> | undefined;
    if (!fact) {
      fact = fetch();
      fact.catch(() => {});
      this.facts.set(key, fact);
    }
    return fact;
  }

  /**
   * Calls off the critical path (AssumeRole -> GetAccessKeyLastUsed -> GetUser -> SimulatePrincipalPolicy) start one
   * macrotask later, so that the critical request is signed and on the wire before their CPU work interleaves
   * with it. Costs nothing measurable when AWS answers slowly; keeps the chain first when the CPU is the limit.
   */
  async background(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Runs one AWS call under the diagnosis signal; a failure becomes an AwsCallError naming the IAM action and who
   * called ('bot', the diagnostic 'role', or the 'org' reader role). infra templates are tested against these calls.
   */
  async call<T>(
    action: string,
    caller: 'bot' | 'role' | 'org',
    send: (signal: AbortSignal) => Promise<T>,
    options: { noteRefusal?: boolean } = {},
  ): Promise<T> {
    try {
      return await send(this.deps.signal);
    } catch (error) {
      const info = classifyAwsError(error);
      if (options.noteRefusal === false) throw new AwsCallError(action, caller, info);
      // The role's own permission: "<role session> is not authorized to perform: <action>" (IAM answers a bare
      // AccessDenied for some unknown keys, which is the target's answer, not recorded). Organizations words
      // every refusal "You don't have permissions to access this resource".
      const refused = caller === 'org' ? info.kind === 'access_denied' : isCallerPermissionDenial(info);
      if (caller !== 'bot' && refused) {
        const by = deniedBy(info);
        this.noteRefusal({ action, caller, ...(by ? { deniedBy: by } : {}) });
      }
      throw new AwsCallError(action, caller, info);
    }
  }

  /** Records that the role (or the reader role) may not call an action; the first note of an action stands. */
  noteRefusal(refusal: RoleRefusal): void {
    const key = `${refusal.caller} ${refusal.action}`;
    if (!this.refusals.has(key)) this.refusals.set(key, refusal);
  }

  get rolePermissionCache(): RolePermissionCache | undefined {
    return this.deps.rolePermissionCache;
  }

  /** The calls the diagnostic role or the organization reader role was refused so far, first refusal first. */
  refusedCalls(): readonly RoleRefusal[] {
    return [...this.refusals.values()];
  }

  /** The client factory (fact modules outside this file build their role-signed clients from it). */
  get clients(): AwsClientFactory {
    return this.deps.clients;
  }

  /** The diagnostic role's credentials for the client factory. */
  async roleSource(): Promise<CredentialSource> {
    return (await this.role()).source;
  }

  /** The organization reader role, when ORG_READER_ROLE_ARN is configured. */
  get orgReader(): OrgReader | undefined {
    return this.deps.orgReader;
  }

  private async roleIam(): Promise<IAMClient> {
    const role = await this.role();
    return this.deps.clients.iam(this.input.region, role.source);
  }

  private async roleBedrock(region: string) {
    const role = await this.role();
    return this.deps.clients.bedrock(region, role.source);
  }

  /** sts:GetAccessKeyInfo with the bot's own credentials: the account that owns the key. */
  keyOwner(): Promise<string> {
    const key = this.requireKey();
    return this.shared('keyOwner', async () => {
      const out = await this.call('sts:GetAccessKeyInfo', 'bot', (abortSignal) =>
        this.deps.clients
          .sts(this.deps.botRegion)
          .send(new GetAccessKeyInfoCommand({ AccessKeyId: key }), { abortSignal }),
      );
      if (!out.Account || !isAccountId(out.Account)) {
        throw new AwsCallError('sts:GetAccessKeyInfo', 'bot', {
          kind: 'unknown',
          name: 'InvalidResponse',
          message: 'GetAccessKeyInfo answered without an account id',
        });
      }
      return out.Account;
    });
  }

  /**
   * The owner of the key when known: 'same' (the target account), the other account id, or undefined when neither
   * AWS nor the key id can tell.
   */
  async keyOwnership(): Promise<{ owner?: string; confirmed: boolean }> {
    try {
      return { owner: await this.keyOwner(), confirmed: true };
    } catch {
      return { owner: this.input.key?.decodedAccountId, confirmed: false };
    }
  }

  /** iam:GetAccessKeyLastUsed in the target account: the key's user and its last use. */
  keyLastUsed(): Promise<KeyLastUsed> {
    const key = this.requireKey();
    return this.shared('keyLastUsed', async () => {
      const iam = await this.roleIam();
      const out = await this.call('iam:GetAccessKeyLastUsed', 'role', (abortSignal) =>
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key }), { abortSignal }),
      );
      const last = out.AccessKeyLastUsed;
      const na = (value: string | undefined) => (value && value !== 'N/A' ? value : undefined);
      return {
        userName: out.UserName,
        lastUsedDate: last?.LastUsedDate,
        serviceName: na(last?.ServiceName),
        region: na(last?.Region),
      };
    });
  }

  /** iam:ListAccessKeys for a user (all pages). */
  accessKeys(userName: string): Promise<AccessKeyMetadata[]> {
    return this.shared(`accessKeys:${userName}`, async () => {
      await this.background();
      const iam = await this.roleIam();
      const keys: AccessKeyMetadata[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await this.call('iam:ListAccessKeys', 'role', (abortSignal) =>
          iam.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker }), { abortSignal }),
        );
        keys.push(...(out.AccessKeyMetadata ?? []));
        if (!out.IsTruncated || !out.Marker) break;
        marker = out.Marker;
      }
      return keys;
    });
  }

  /** iam:GetAccessKeyLastUsed for any key id (the presigning key of a short-term API key): its user, last use. */
  accessKeyUser(keyId: string): Promise<KeyLastUsed> {
    return this.shared(`accessKeyUser:${keyId}`, async () => {
      const iam = await this.roleIam();
      const out = await this.call('iam:GetAccessKeyLastUsed', 'role', (abortSignal) =>
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }), { abortSignal }),
      );
      return { userName: out.UserName, lastUsedDate: out.AccessKeyLastUsed?.LastUsedDate };
    });
  }

  /** iam:ListServiceSpecificCredentials: a user's Bedrock API keys (all pages). */
  userApiKeys(userName: string): Promise<ServiceSpecificCredentialMetadata[]> {
    return this.shared(`userApiKeys:${userName}`, async () => {
      const iam = await this.roleIam();
      const keys: ServiceSpecificCredentialMetadata[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await this.call('iam:ListServiceSpecificCredentials', 'role', (abortSignal) =>
          iam.send(
            new ListServiceSpecificCredentialsCommand({
              UserName: userName,
              ServiceName: BEDROCK_CREDENTIAL_SERVICE_NAME,
              Marker: marker,
            }),
            { abortSignal },
          ),
        );
        keys.push(...(out.ServiceSpecificCredentials ?? []));
        if (!out.IsTruncated || !out.Marker) break;
        marker = out.Marker;
      }
      return keys;
    });
  }

  /** iam:ListServiceSpecificCredentials with AllUsers: every Bedrock API key of the account (all pages). */
  allApiKeys(): Promise<ApiKeyListing> {
    return this.shared('allApiKeys', async () => {
      const iam = await this.roleIam();
      const keys: ServiceSpecificCredentialMetadata[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_API_KEY_PAGES; page++) {
        const out = await this.call('iam:ListServiceSpecificCredentials', 'role', (abortSignal) =>
          iam.send(
            new ListServiceSpecificCredentialsCommand({
              AllUsers: true,
              ServiceName: BEDROCK_CREDENTIAL_SERVICE_NAME,
              MaxItems: API_KEY_PAGE_SIZE,
              Marker: marker,
            }),
            { abortSignal },
          ),
        );
        keys.push(...(out.ServiceSpecificCredentials ?? []));
        if (!out.IsTruncated || !out.Marker) return { keys, truncated: false };
        marker = out.Marker;
      }
      return { keys, truncated: true };
    });
  }

  /** iam:ListAttachedUserPolicies (all pages): the managed policies attached to a user. */
  attachedUserPolicies(userName: string): Promise<AttachedPolicy[]> {
    return this.shared(`attachedUserPolicies:${userName}`, async () => {
      const iam = await this.roleIam();
      const policies: AttachedPolicy[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await this.call('iam:ListAttachedUserPolicies', 'role', (abortSignal) =>
          iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName, Marker: marker }), { abortSignal }),
        );
        policies.push(...(out.AttachedPolicies ?? []));
        if (!out.IsTruncated || !out.Marker) break;
        marker = out.Marker;
      }
      return policies;
    });
  }

  /** iam:GetUser: the user's ARN (with its path) and permissions boundary. */
  user(userName: string): Promise<User> {
    return this.shared(`user:${userName}`, async () => {
      const iam = await this.roleIam();
      const out = await this.call('iam:GetUser', 'role', (abortSignal) =>
        iam.send(new GetUserCommand({ UserName: userName }), { abortSignal }),
      );
      if (!out.User?.Arn) {
        throw new AwsCallError('iam:GetUser', 'role', {
          kind: 'unknown',
          name: 'InvalidResponse',
          message: 'GetUser answered without the user',
        });
      }
      return out.User;
    });
  }

  /** iam:SimulatePrincipalPolicy (all pages). Not shared: every call asks something different. */
  async simulate(
    input: SimulatePrincipalPolicyCommandInput,
    options: { noteRefusal?: boolean } = {},
  ): Promise<EvaluationResult[]> {
    const iam = await this.roleIam();
    const results: EvaluationResult[] = [];
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.call(
        'iam:SimulatePrincipalPolicy',
        'role',
        (abortSignal) => iam.send(new SimulatePrincipalPolicyCommand({ ...input, Marker: marker }), { abortSignal }),
        options,
      );
      results.push(...(out.EvaluationResults ?? []));
      if (!out.IsTruncated || !out.Marker) break;
      marker = out.Marker;
    }
    return results;
  }

  /** sts:GetCallerIdentity as the diagnostic role, through the STS endpoint of `region`. */
  callerIdentity(region: string): Promise<{ arn?: string; account?: string }> {
    return this.shared(`callerIdentity:${region}`, async () => {
      await this.background();
      const role = await this.role();
      const out = await this.call('sts:GetCallerIdentity', 'role', (abortSignal) =>
        this.deps.clients.sts(region, role.source).send(new GetCallerIdentityCommand({}), { abortSignal }),
      );
      return { arn: out.Arn, account: out.Account };
    });
  }

  /** bedrock:ListFoundationModels in `region`: the models that region offers. */
  catalog(region: string): Promise<FoundationModelSummary[]> {
    return this.shared(`catalog:${region}`, async () => {
      await this.background();
      const bedrock = await this.roleBedrock(region);
      const out = await this.call('bedrock:ListFoundationModels', 'role', (abortSignal) =>
        bedrock.send(new ListFoundationModelsCommand({}), { abortSignal }),
      );
      return out.modelSummaries ?? [];
    });
  }

  /** bedrock:GetFoundationModelAvailability for a foundation model id in `region`. */
  availability(region: string, modelId: string): Promise<GetFoundationModelAvailabilityCommandOutput> {
    return this.shared(`availability:${region}:${modelId}`, async () => {
      await this.background();
      const bedrock = await this.roleBedrock(region);
      return this.call('bedrock:GetFoundationModelAvailability', 'role', (abortSignal) =>
        bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId }), { abortSignal }),
      );
    });
  }

  /** bedrock:GetInferenceProfile: the profile's status and the foundation-model ARNs it routes to. */
  inferenceProfile(region: string, identifier: string): Promise<GetInferenceProfileCommandOutput> {
    return this.shared(`profile:${region}:${identifier}`, async () => {
      const bedrock = await this.roleBedrock(region);
      return this.call('bedrock:GetInferenceProfile', 'role', (abortSignal) =>
        bedrock.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier }), { abortSignal }),
      );
    });
  }

  /** bedrock:ListInferenceProfiles (system-defined, all pages) in `region`. */
  systemInferenceProfiles(region: string): Promise<InferenceProfileSummary[]> {
    return this.shared(`profiles:${region}`, async () => {
      await this.background();
      const bedrock = await this.roleBedrock(region);
      const profiles: InferenceProfileSummary[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await this.call('bedrock:ListInferenceProfiles', 'role', (abortSignal) =>
          bedrock.send(
            new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', maxResults: 1000, nextToken }),
            {
              abortSignal,
            },
          ),
        );
        profiles.push(...(out.inferenceProfileSummaries ?? []));
        if (!out.nextToken) break;
        nextToken = out.nextToken;
      }
      return profiles;
    });
  }

  private requireKey(): string {
    const key = this.input.key?.id;
    if (!key) throw new Error('no access key in this diagnosis');
    return key;
  }
}
