/**
 * createDiagnosisEngine: the one way the CLI and the Slack app build the live diagnosis engine. It validates the
 * target before any AWS call, assumes the diagnostic role (cached per account, role and requester), runs every
 * check concurrently under the deadline, and merges triage and check causes into one Report with a verdict.
 */
import { setMaxListeners } from 'node:events';
import {
  type AssumedRole,
  createRoleAssumer,
  MIN_ROLE_DURATION_SECONDS,
  type RoleAssumer,
} from '../aws/assume-role.js';
import {
  type AwsCallEvent,
  type AwsClientFactory,
  type AwsClientSettings,
  type AwsCredentials,
  type AwsCredentialsProvider,
  createAwsClientFactory,
} from '../aws/client-factory.js';
import { sessionNameFor } from '../aws/identifiers.js';
import { parseRoleArnWithoutPath, roleArn } from '../aws-facts/arns.js';
import type { Config } from '../config.js';
import { type Logger, silentLogger } from '../log.js';
import { CHECK_IDS, type Report, type Target } from '../report.js';
import { type ApiKeyInventory, collectApiKeyInventory } from './api-key-inventory.js';
import { reportApiKeyOf } from './api-key-record.js';
import { type CheckDefinition, RoleUnavailableError } from './check.js';
import { withRoleRefusals } from './checks/diag_role.js';
import { ALL_CHECKS } from './checks/index.js';
import { DiagnosisContext, type OrgReader } from './context.js';
import type { DiagnoseOptions, DiagnosisEngine, ListApiKeysOptions } from './engine.js';
import { reportKeyOf } from './key-record.js';
import { mergeCauses } from './merge-causes.js';
import { RolePermissionCache } from './role-refusals.js';
import { DeadlineReached, type FinishedCheck, runChecks, toResult } from './run-checks.js';
import { validateTarget } from './target.js';
import { verdictOf } from './verdict.js';

export interface DiagnosisEngineDeps {
  /** The AWS part of Config: default region, diagnostic role name, external id, whole-diagnosis deadline. */
  aws: Pick<Config['aws'], 'region' | 'diagRoleName' | 'diagExternalId' | 'diagnosisDeadlineMs' | 'orgReaderRoleArn'>;
  logger?: Logger;
  /** Client settings (test seam: maxAttempts, retry delays, timeouts). */
  clientSettings?: AwsClientSettings;
  /** The bot's own credentials (test seam); default: the AWS SDK default chain. */
  botCredentials?: AwsCredentials | AwsCredentialsProvider;
  /** Wall clock (test seam): key ages, credential expiry, startedAt. */
  now?: () => number;
  /** Observer of every AWS call (metrics). */
  onAwsCall?: (event: AwsCallEvent) => void;
  /** Share a client factory / role assumer with other parts (remediation); built here when absent. */
  clients?: AwsClientFactory;
  roleAssumer?: RoleAssumer;
  /** The checks to run (default: all of DESIGN section 3). */
  checks?: readonly CheckDefinition[];
}

export interface LiveDiagnosisEngine extends DiagnosisEngine {
  /** Every Bedrock API key of the account, through the diagnostic role (DESIGN section 8: `api-keys`). */
  listApiKeys(accountId: string, options?: ListApiKeysOptions): Promise<ApiKeyInventory>;
  /** The role assumer (and its cache), for reuse with another role name. */
  readonly roleAssumer: RoleAssumer;
  readonly clients: AwsClientFactory;
  /** Releases the HTTP connections (when this engine built the client factory). */
  close(): void;
}

/**
 * The organization reader role (ORG_READER_ROLE_ARN), assumed on first use with the diagnosis's session name and
 * the same external id as the diagnostic role; undefined when not configured.
 */
/**
 * The abort controller of one diagnosis. Every AWS call in flight listens on its signal (the SDK adds a listener per
 * request and removes it when the call ends); a diagnosis has 15 or more at once, over Node's default warning
 * threshold of 10, which would print a MaxListenersExceededWarning to the CLI's stderr. 256 still flags a leak.
 */
function diagnosisController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(256, controller.signal);
  return controller;
}

/** diag_role once every check has run: with what the role was refused (withRoleRefusals in checks/diag_role.ts). */
function reviewedRoleCheck(ctx: DiagnosisContext, finished: FinishedCheck): FinishedCheck {
  const outcome = withRoleRefusals(ctx, finished.outcome, ctx.refusedCalls());
  if (outcome === finished.outcome) return finished;
  return { ...finished, outcome, result: toResult(finished.definition, outcome, finished.result.durationMs) };
}

function orgReaderFor(
  aws: DiagnosisEngineDeps['aws'],
  roleAssumer: RoleAssumer,
  sessionName: string,
  signal: AbortSignal,
): OrgReader | undefined {
  const arn = aws.orgReaderRoleArn;
  const parsed = arn ? parseRoleArnWithoutPath(arn) : undefined;
  if (!arn || !parsed) return undefined;
  const { accountId, roleName } = parsed;
  return {
    roleArn: arn,
    assume: () =>
      roleAssumer.assumeRoleCredentials({
        accountId,
        roleName,
        externalId: aws.diagExternalId,
        sessionName,
        durationSeconds: MIN_ROLE_DURATION_SECONDS,
        signal,
      }),
  };
}

export function createDiagnosisEngine(deps: DiagnosisEngineDeps): LiveDiagnosisEngine {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const ownsClients = deps.clients === undefined;
  const clients =
    deps.clients ??
    createAwsClientFactory({
      settings: deps.clientSettings,
      botCredentials: deps.botCredentials,
      onAwsCall: deps.onAwsCall,
    });
  const roleAssumer = deps.roleAssumer ?? createRoleAssumer({ clients, stsRegion: deps.aws.region, now });
  const checks = deps.checks ?? ALL_CHECKS;
  const rolePermissionCache = new RolePermissionCache();

  async function diagnose(target: Target, options: DiagnoseOptions = {}): Promise<Report> {
    const startedAt = now();
    const t0 = performance.now();
    const input = validateTarget(target, { defaultRegion: deps.aws.region, triage: options.triage });
    const deadlineMs = Math.max(1, options.deadlineMs ?? deps.aws.diagnosisDeadlineMs);

    const controller = diagnosisController();
    const timer = setTimeout(() => controller.abort(new DeadlineReached(deadlineMs)), deadlineMs);
    const onExternalAbort = () => controller.abort(options.signal?.reason ?? new Error('cancelled'));
    if (options.signal?.aborted) onExternalAbort();
    else options.signal?.addEventListener('abort', onExternalAbort, { once: true });

    const sessionName = sessionNameFor(options.requestedBy);
    const externalId = options.externalId ?? deps.aws.diagExternalId;
    const role: Promise<AssumedRole> = roleAssumer.assumeRoleCredentials({
      accountId: input.accountId,
      roleName: deps.aws.diagRoleName,
      externalId,
      sessionName,
      durationSeconds: MIN_ROLE_DURATION_SECONDS,
      signal: controller.signal,
    });
    const orgReader = orgReaderFor(deps.aws, roleAssumer, sessionName, controller.signal);
    const ctx = new DiagnosisContext({
      ...(orgReader ? { orgReader } : {}),
      rolePermissionCache,
      input,
      clients,
      botRegion: deps.aws.region,
      role,
      roleRequest: {
        roleName: deps.aws.diagRoleName,
        roleArn: roleArn(input.partition, input.accountId, deps.aws.diagRoleName),
        sessionName,
        externalIdConfigured: Boolean(externalId),
        stsRegion: deps.aws.region,
      },
      signal: controller.signal,
      now,
    });

    try {
      const finished = (await runChecks(ctx, checks, { onCheck: options.onCheck, startedAt: t0, logger })).map((f) =>
        f.definition.id === 'diag_role' ? reviewedRoleCheck(ctx, f) : f,
      );
      const ordered = [...finished].sort((a, b) => CHECK_IDS.indexOf(a.result.id) - CHECK_IDS.indexOf(b.result.id));
      const causes = mergeCauses(
        ordered.map((f) => f.outcome),
        options.triage?.causes,
      );
      const key = await reportKeyOf(ctx);
      const apiKeyRecord = await reportApiKeyOf(ctx);
      const report: Report = {
        target: input.target,
        ...(key ? { key } : {}),
        ...(apiKeyRecord ? { apiKeyRecord } : {}),
        checks: ordered.map((f) => f.result),
        causes,
        verdict: verdictOf(input, ordered, causes),
        startedAt: new Date(startedAt).toISOString(),
        durationMs: Math.round(performance.now() - t0),
      };
      if (options.triage) report.triage = options.triage;
      logger.info(
        {
          account: input.accountId,
          region: input.region,
          requestedBy: sessionName,
          statuses: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
          causes: causes.map((c) => c.id),
          durationMs: report.durationMs,
        },
        'diagnosis finished',
      );
      return report;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onExternalAbort);
      // In-flight calls of a finished diagnosis (none normally) are released.
      if (!controller.signal.aborted) controller.abort(new Error('diagnosis finished'));
    }
  }

  async function listApiKeys(accountId: string, options: ListApiKeysOptions = {}): Promise<ApiKeyInventory> {
    const input = validateTarget({ accountId }, { defaultRegion: deps.aws.region });
    const deadlineMs = Math.max(1, options.deadlineMs ?? deps.aws.diagnosisDeadlineMs);
    const controller = diagnosisController();
    const timer = setTimeout(() => controller.abort(new DeadlineReached(deadlineMs)), deadlineMs);
    const onExternalAbort = () => controller.abort(options.signal?.reason ?? new Error('cancelled'));
    options.signal?.addEventListener('abort', onExternalAbort, { once: true });
    const sessionName = sessionNameFor(options.requestedBy);
    const role = roleAssumer.assumeRoleCredentials({
      accountId: input.accountId,
      roleName: deps.aws.diagRoleName,
      externalId: deps.aws.diagExternalId,
      sessionName,
      durationSeconds: MIN_ROLE_DURATION_SECONDS,
      signal: controller.signal,
    });
    const ctx = new DiagnosisContext({
      input,
      clients,
      botRegion: deps.aws.region,
      role,
      roleRequest: {
        roleName: deps.aws.diagRoleName,
        roleArn: roleArn(input.partition, input.accountId, deps.aws.diagRoleName),
        sessionName,
        externalIdConfigured: Boolean(deps.aws.diagExternalId),
        stsRegion: deps.aws.region,
      },
      signal: controller.signal,
      now,
    });
    try {
      const inventory = await collectApiKeyInventory(ctx);
      logger.info(
        { account: input.accountId, requestedBy: sessionName, keys: inventory.counts.total },
        'api keys listed',
      );
      return inventory;
    } catch (error) {
      if (error instanceof RoleUnavailableError) throw error.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onExternalAbort);
      if (!controller.signal.aborted) controller.abort(new Error('listing finished'));
    }
  }

  return {
    diagnose,
    listApiKeys,
    roleAssumer,
    clients,
    close: () => {
      if (ownsClients) clients.destroy();
    },
  };
}
