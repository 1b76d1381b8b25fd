/**
 * The remediation workflow (DESIGN section 5): request -> decision -> execution, each step checked, stored and
 * audited. It knows AWS only through RemediationAws and Slack only through two small interfaces (group members,
 * rendering a request), so the rules are tested without either.
 *
 * Exactly once: a decision is a conditional update from `requested`, an execution starts with a conditional update
 * from `approved`; whoever loses is told who won. Nothing is kept in memory between calls, so a restart (or a second
 * replica) changes nothing: `resumeApproved` executes approvals that a stopped process never started. Every
 * execution checks the policy again first (the approver, the account entry, the approval's age): what passed at
 * approval time may not pass any more, and then the request fails as "policy changed" without touching AWS.
 */
import type { AccountsDirectory } from '../accounts.js';
import { isKeyIdShaped } from '../aws-facts/access-key-ids.js';
import { isAccountId } from '../aws-facts/account-ids.js';
import { isKnownRegion } from '../aws-facts/regions.js';
import { type Clock, systemClock } from '../clock.js';
import type { Logger } from '../log.js';
import type { AuditStore, RequestStore } from '../store/types.js';
import { logAuditEvent } from './audit-log.js';
import { executeRemediation } from './executor.js';
import {
  type CredentialKind,
  type NewAuditEvent,
  previousState,
  type RemediationAction,
  type RemediationRequest,
  type RequestState,
  type Transition,
} from './model.js';
import {
  checkApiKeyRequest,
  checkApprover,
  checkKeyId,
  checkKeysFor,
  checkRequester,
  type Refusal,
  refuse,
} from './policy.js';
import { describeAwsFailure, type RemediationAwsFactory } from './remediation-aws.js';

/** Slack's view of user groups (usergroups.users.list), read at click time. */
export interface ApproverDirectory {
  usergroupMembers(usergroupId: string): Promise<readonly string[]>;
}

/** Draws a request's current state into its Slack message; called at most once per state reached. */
export interface RemediationNotifier {
  render(request: RemediationRequest): Promise<void>;
}

/** What the service reads and writes: requests and the audit trail. */
export type RemediationStore = RequestStore & AuditStore;

export interface RemediationServiceOptions {
  store: RemediationStore;
  accounts: AccountsDirectory;
  aws: RemediationAwsFactory;
  approvers: ApproverDirectory;
  logger: Logger;
  /** Default APPROVAL_TTL_SECONDS * 1000. */
  ttlMs: number;
  /** Region for Secrets Manager and STS when the diagnosis named none. */
  defaultRegion: string;
  notifier?: RemediationNotifier;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  confirmDelaysMs?: readonly number[];
  /** Observer of every stored state change (metrics: approval transitions). Must not throw; errors are ignored. */
  onTransition?: (from: RequestState | undefined, to: RequestState) => void;
}

export interface RequestInput {
  action: RemediationAction;
  /** Account id or alias. */
  account: string;
  /** The access key id; for a Bedrock API key its ServiceSpecificCredentialId. */
  accessKeyId: string;
  /** Absent: an access key. A Bedrock API key also needs `userName` (IAM lists its keys per user). */
  credential?: CredentialKind;
  userName?: string;
  region?: string;
  requestedBy: string;
  channelId?: string;
  threadTs?: string;
  /** The requester's workspace, when it is not the one the app is installed in (Slack Connect). */
  externalTeamId?: string;
}

export type RequestOutcome =
  | { ok: true; created: true; request: RemediationRequest }
  /** The key already has an open request: that one is returned. */
  | { ok: true; created: false; request: RemediationRequest }
  | Refusal;

export interface DecisionInput {
  requestId: string;
  userId: string;
  decision: 'approved' | 'rejected';
  /** The clicker's workspace, when it is not the one the app is installed in (Slack Connect). */
  externalTeamId?: string;
}

export type DecisionOutcome = { ok: true; request: RemediationRequest } | (Refusal & { request?: RemediationRequest });

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const describeAction = (action: RemediationAction): string =>
  action === 'rotate' ? 'rotation' : action === 'deactivate' ? 'deactivation' : 'deletion';

export class RemediationService {
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Executions running in this process, so shutdown can let them finish (a half-done rotation is the worst case). */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: RemediationServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? sleepFor;
  }

  // ---- request -----------------------------------------------------------------------------------------------

  async request(input: RequestInput): Promise<RequestOutcome> {
    const { accounts, store, aws, logger } = this.options;
    const apiKey = input.credential === 'bedrock_api_key';
    const refused = async (refusal: Refusal, extra: { accountId?: string } = {}): Promise<Refusal> => {
      await this.audit({
        event: 'request_refused',
        actor: input.requestedBy,
        action: input.action,
        accountId: extra.accountId ?? (isAccountId(input.account) ? input.account : undefined),
        accessKeyId:
          isKeyIdShaped(input.accessKeyId) || (apiKey && /^\w{20,128}$/.test(input.accessKeyId))
            ? input.accessKeyId
            : undefined,
        outcome: 'refused',
        detail: `${apiKey ? 'API key ' : ''}${input.action} refused (${refusal.reason}): ${refusal.message}`,
        data: { reason: refusal.reason },
      });
      return refusal;
    };

    const allowed = checkRequester(accounts, input.account, input.requestedBy, input.channelId, input.externalTeamId);
    if (!allowed.ok) return refused(allowed);
    const account = allowed.account;
    const apiKeyOk = apiKey ? checkApiKeyRequest(input.action, input.accessKeyId, input.userName) : undefined;
    if (apiKeyOk && !apiKeyOk.ok) return refused(apiKeyOk, { accountId: account.id });
    const keyOk = apiKey ? { ok: true as const } : checkKeyId(input.accessKeyId);
    if (!keyOk.ok) return refused(keyOk, { accountId: account.id });
    const region = input.region && isKnownRegion(input.region) ? input.region : this.options.defaultRegion;

    // A key that already has an open request is answered from the store, before any AWS call: repeated clicks
    // cost the target account nothing.
    const open = await store.findOpenRequest(account.id, input.accessKeyId);
    if (open) {
      logger.info(
        { requestId: open.id, accessKeyId: input.accessKeyId },
        'remediation request not created: the key already has an open request (no AWS call made)',
      );
      return { ok: true, created: false, request: open };
    }

    const remote = aws.forAccount({
      accountId: account.id,
      region,
      sessionName: sessionName('check', input.requestedBy),
    });
    let userName: string | undefined;
    let lastUsed: RemediationRequest['key']['lastUsed'];
    let keys: { accessKeyId: string; status: string; createDate?: string }[];
    if (apiKeyOk?.ok) {
      // A Bedrock API key: its user's keys (IAM keeps no last use for them), then the same checks and request.
      userName = apiKeyOk.userName;
      try {
        keys = await remote.listApiKeys(userName);
      } catch (error) {
        const notHere = /NoSuchEntity/.test((error as { name?: string })?.name ?? '');
        return refused(
          refuse(
            notHere ? 'key_not_found' : 'key_lookup_failed',
            notHere
              ? `User ${userName} does not exist in account ${account.id}: its API keys went with it.`
              : `Could not list the Bedrock API keys of ${userName} in account ${account.id} with the remediation ` +
                  `role (${describeAwsFailure(error)}). Is infra/remediation-role.yaml (current version) deployed there?`,
          ),
          { accountId: account.id },
        );
      }
    } else {
      try {
        const used = await remote.keyLastUsed(input.accessKeyId);
        userName = used.userName;
        lastUsed = used.lastUsed;
        if (!userName) {
          return refused(
            refuse(
              'key_not_found',
              `Key ${input.accessKeyId} does not belong to an IAM user of account ${account.id}.`,
            ),
            { accountId: account.id },
          );
        }
        keys = await remote.listKeys(userName);
      } catch (error) {
        const name = (error as { name?: string })?.name ?? '';
        const notHere = /NoSuchEntity/.test(name);
        return refused(
          refuse(
            notHere ? 'key_not_found' : 'key_lookup_failed',
            notHere
              ? `Key ${input.accessKeyId} is not a key of account ${account.id} (deleted, or from another account).`
              : `Could not look up key ${input.accessKeyId} in account ${account.id} with the remediation role ` +
                  `(${describeAwsFailure(error)}). Is infra/remediation-role.yaml deployed there?`,
          ),
          { accountId: account.id },
        );
      }
    }
    const keyCheck = checkKeysFor(input.action, input.accessKeyId, userName, keys);
    if (!keyCheck.ok) return refused(keyCheck, { accountId: account.id });

    const created = await store.createRequest({
      action: input.action,
      accountId: account.id,
      accountLabel: account.alias,
      userName,
      accessKeyId: input.accessKeyId,
      region,
      key: {
        ...(apiKey ? { credential: 'bedrock_api_key' as const } : {}),
        status: keyCheck.key.status,
        createDate: keys.find((k) => k.accessKeyId === input.accessKeyId)?.createDate,
        lastUsed,
        otherKeys: keys
          .filter((k) => k.accessKeyId !== input.accessKeyId)
          .map((k) => ({ accessKeyId: k.accessKeyId, status: k.status })),
      },
      requestedBy: input.requestedBy,
      ttlMs: this.options.ttlMs,
      ...(input.channelId ? { slack: { channel: input.channelId, threadTs: input.threadTs } } : {}),
    });
    for (const t of created.expired) await this.transitioned(t);
    if (!created.created) {
      logger.info(
        { requestId: created.existing.id, accessKeyId: input.accessKeyId },
        'remediation request not created: the key already has an open request',
      );
      return { ok: true, created: false, request: created.existing };
    }
    logAuditEvent(logger, created.event);
    this.observe(undefined, 'requested');
    return { ok: true, created: true, request: created.request };
  }

  /**
   * Remembers the approval message posted for a request; that message already shows `requested`, so the sweeper
   * must not draw it again.
   */
  async attachMessage(
    requestId: string,
    ref: { channel: string; threadTs?: string; messageTs: string },
  ): Promise<void> {
    await this.options.store.attachSlackMessage(requestId, ref);
    await this.options.store.claimNotification(requestId, 'requested');
  }

  // ---- decision ----------------------------------------------------------------------------------------------

  /** Checks and stores a decision, without drawing it yet. */
  private async record(
    input: DecisionInput,
  ): Promise<
    { ok: true; request: RemediationRequest; stored: Transition } | (Refusal & { request?: RemediationRequest })
  > {
    const { store, accounts } = this.options;
    const existing = await store.getRequest(input.requestId);
    const refused = async (refusal: Refusal, request?: RemediationRequest) => {
      await this.audit({
        event: 'decision_refused',
        actor: input.userId,
        requestId: request?.id ?? input.requestId,
        action: request?.action,
        accountId: request?.accountId,
        accessKeyId: request?.accessKeyId,
        outcome: 'refused',
        detail: `${input.decision === 'approved' ? 'approval' : 'rejection'} refused (${refusal.reason}): ${refusal.message}`,
        data: { reason: refusal.reason },
      });
      return request ? { ...refusal, request } : refusal;
    };
    if (!existing) {
      return refused(refuse('not_found', 'This request is not in the store (it may belong to another installation).'));
    }
    if (existing.state !== 'requested') return refused(this.alreadyDecided(existing), existing);
    if (this.clock() >= existing.expiresAt) {
      for (const t of await store.expireDue()) await this.transitioned(t);
      const now = (await store.getRequest(existing.id)) ?? existing;
      return refused(this.alreadyDecided(now), now);
    }

    const approver = await checkApprover(
      accounts.find(existing.accountId),
      input.userId,
      existing.requestedBy,
      (group) => this.options.approvers.usergroupMembers(group),
      input.externalTeamId,
    );
    if (!approver.ok) return refused(approver, existing);

    const result = await store.decide(existing.id, input.decision, input.userId);
    if (result.ok) return { ok: true, request: result.transition.request, stored: result.transition };
    if (result.reason === 'not_found') return refused(refuse('not_found', 'This request no longer exists.'));
    if (result.reason === 'expired' && result.transition) await this.transitioned(result.transition);
    return refused(this.alreadyDecided(result.request), result.request);
  }

  /** Records a decision and redraws the request; an approval is left for `execute` (or the sweeper) to run. */
  async decide(input: DecisionInput): Promise<DecisionOutcome> {
    const outcome = await this.record(input);
    if (!outcome.ok) return outcome;
    await this.transitioned(outcome.stored);
    return { ok: true, request: outcome.request };
  }

  /**
   * What a click on Approve / Reject does: records the decision and, for an approval, claims the execution at
   * once, before the Slack redraw (which can retry for minutes under rate limits), so no sweeper of any replica
   * starts it meanwhile; then redraws and runs it. `execution` resolves with the finished request.
   */
  async decideAndExecute(
    input: DecisionInput,
  ): Promise<DecisionOutcome & { execution?: Promise<RemediationRequest | undefined> }> {
    const outcome = await this.record(input);
    if (!outcome.ok) return outcome;
    if (input.decision !== 'approved') {
      await this.transitioned(outcome.stored);
      return { ok: true, request: outcome.request };
    }
    const claimed = await this.options.store.claimExecution(outcome.request.id, input.userId);
    if (!claimed) {
      await this.transitioned(outcome.stored);
      return { ok: true, request: outcome.request };
    }
    // Logged and counted; drawn as "Running (approved by ...)" with the executing state, the one it is in now.
    this.logged(outcome.stored);
    const execution = this.track(
      (async () => {
        await this.transitioned(claimed);
        return this.runClaimed(claimed.request);
      })(),
    );
    return { ok: true, request: outcome.request, execution };
  }

  /** The refusal for a click on a request that is no longer waiting: who decided, when, and what happened. */
  private alreadyDecided(request: RemediationRequest): Refusal {
    if (request.state === 'expired') {
      return refuse(
        'expired',
        `This request expired at ${new Date(request.expiresAt).toISOString()} without a decision. ` +
          'Ask for a new one if the change is still needed.',
      );
    }
    if (request.state === 'requested') {
      return refuse('expired', 'This request has expired. Ask for a new one if the change is still needed.');
    }
    const who = request.decidedBy ? `<@${request.decidedBy}>` : 'someone';
    const when = request.decidedAt ? ` at ${new Date(request.decidedAt).toISOString()}` : '';
    const verdict = request.state === 'rejected' ? 'rejected' : 'approved';
    const now =
      request.state === 'executing'
        ? ' It is running now.'
        : request.state === 'done'
          ? ' It has been carried out.'
          : request.state === 'failed'
            ? ' It ran and failed; see the thread.'
            : '';
    return refuse('already_decided', `This request was already ${verdict} by ${who}${when}.${now}`);
  }

  // ---- execution ---------------------------------------------------------------------------------------------

  /**
   * Executes an approved request if this caller wins the claim; returns the finished request, or undefined when
   * someone else runs (or ran) it.
   */
  execute(requestId: string, actor = 'system'): Promise<RemediationRequest | undefined> {
    return this.track(this.executeOnce(requestId, actor));
  }

  /** Keeps `run` in `running` until it settles (drain waits for it). */
  private track<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    return run;
  }

  /** Number of executions running in this process. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Waits (at most `timeoutMs`) for the executions running in this process. Returns how many were still running;
   * those are left `executing` and the sweeper of a live replica marks them interrupted later.
   */
  async drain(timeoutMs = 90_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.running]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
    }
    if (this.running.size > 0) {
      this.options.logger.error(
        { running: this.running.size },
        'stopping with remediation executions still running; they will be reported as interrupted',
      );
    }
    return this.running.size;
  }

  private async executeOnce(requestId: string, actor: string): Promise<RemediationRequest | undefined> {
    const { store } = this.options;
    const claimed = await store.claimExecution(requestId, actor);
    if (!claimed) return undefined;
    await this.transitioned(claimed);
    return this.runClaimed(claimed.request);
  }

  /**
   * Why a claimed request may no longer run, in words for the thread; undefined when it still may. The policy
   * can change between approval and execution (a restart with another accounts file, an approver removed from
   * the file or the group, remediation turned off), and an approval does not keep: older than the TTL, it is
   * refused like an expired request.
   */
  async policyProblem(request: RemediationRequest): Promise<string | undefined> {
    const { accounts } = this.options;
    if (request.decidedAt !== undefined && this.clock() - request.decidedAt > this.options.ttlMs) {
      return (
        `the approval (${new Date(request.decidedAt).toISOString()}) is older than APPROVAL_TTL_SECONDS ` +
        `(${Math.round(this.options.ttlMs / 1000)} s) and was never started`
      );
    }
    const requester = checkRequester(accounts, request.accountId, request.requestedBy, request.slack?.channel);
    if (!requester.ok) return requester.message;
    if (!request.decidedBy) return 'the request has no recorded approver';
    const approver = await checkApprover(requester.account, request.decidedBy, request.requestedBy, (group) =>
      this.options.approvers.usergroupMembers(group),
    );
    if (!approver.ok) return `<@${request.decidedBy}> can no longer approve it: ${approver.message}`;
    return undefined;
  }

  /** Runs a request this caller claimed (state executing): the policy again first, then the AWS steps. */
  private async runClaimed(request: RemediationRequest): Promise<RemediationRequest | undefined> {
    const { store, aws, logger } = this.options;
    let problem: string | undefined;
    try {
      problem = await this.policyProblem(request);
    } catch (error) {
      problem = `the policy could not be checked again (${error instanceof Error ? error.message : String(error)})`;
    }
    if (problem) {
      logger.warn({ requestId: request.id, problem }, 'remediation not executed: policy changed');
      const failed = await store.finishExecution(request.id, {
        state: 'failed',
        result: {},
        failure: `Policy changed: ${problem}. Nothing was changed in AWS; ask for a new request if it is still needed.`,
      });
      if (!failed) return store.getRequest(request.id).catch(() => undefined);
      await this.transitioned(failed);
      return failed.request;
    }
    const remote = aws.forAccount({
      accountId: request.accountId,
      region: request.region,
      sessionName: sessionName(request.action, request.decidedBy ?? 'system'),
    });
    const outcome = await executeRemediation(request, {
      aws: remote,
      sleep: this.sleep,
      confirmDelaysMs: this.options.confirmDelaysMs,
      recordStep: async (step, detail, data) => {
        try {
          const recorded = await store.recordStep(request.id, step, detail, data);
          const log = { audit: { event: 'step', step, requestId: request.id, accessKeyId: request.accessKeyId } };
          if (recorded) logger.info(log, `remediation step: ${detail}`);
          else logger.warn(log, `remediation step not recorded (request no longer executing): ${detail}`);
          return recorded;
        } catch (error) {
          logger.error({ err: error, requestId: request.id, step }, `remediation step could not be stored: ${detail}`);
          return false;
        }
      },
    });
    let finished: Transition | undefined;
    try {
      finished = await store.finishExecution(request.id, outcome);
    } catch (error) {
      logger.error({ err: error, requestId: request.id, outcome: outcome.state }, 'remediation result not stored');
    }
    if (!finished) {
      logger.error(
        { requestId: request.id, outcome: outcome.state, result: outcome.result },
        'remediation finished but the request was no longer executing (marked interrupted meanwhile)',
      );
      return store.getRequest(request.id).catch(() => undefined);
    }
    await this.transitioned(finished);
    return finished.request;
  }

  /** Executes approved requests that nobody started (a restart between approval and execution). */
  async resumeApproved(approvedBefore = Number.POSITIVE_INFINITY): Promise<RemediationRequest[]> {
    const pending = await this.options.store.listRequests({ states: ['approved'] });
    const done: RemediationRequest[] = [];
    for (const request of pending) {
      if ((request.decidedAt ?? 0) > approvedBefore) continue;
      const finished = await this.execute(request.id, 'system');
      if (finished) done.push(finished);
    }
    return done;
  }

  // ---- shared ------------------------------------------------------------------------------------------------

  /** Logs a stored transition and renders it into Slack, once across all replicas. */
  async transitioned(transition: Transition): Promise<void> {
    this.logged(transition);
    await this.notify(transition.request);
  }

  private logged(transition: Transition): void {
    logAuditEvent(this.options.logger, transition.event);
    this.observe(previousState(transition.request.state), transition.request.state);
  }

  private observe(from: RequestState | undefined, to: RequestState): void {
    try {
      this.options.onTransition?.(from, to);
    } catch {
      // an observer never breaks the workflow
    }
  }

  /** Renders the request's current state if nobody has yet. Never throws. */
  async notify(request: RemediationRequest): Promise<void> {
    const { notifier, store, logger } = this.options;
    if (!notifier || !request.slack?.messageTs) return;
    try {
      if (!(await store.claimNotification(request.id, request.state))) return;
      await notifier.render(request);
    } catch (error) {
      logger.warn({ err: error, requestId: request.id, state: request.state }, 'could not update the Slack message');
    }
  }

  private async audit(event: NewAuditEvent): Promise<void> {
    try {
      const stored = await this.options.store.appendAudit(event);
      logAuditEvent(this.options.logger, stored);
    } catch (error) {
      this.options.logger.error({ err: error, audit: event }, 'audit event could not be stored');
    }
  }
}

/** RoleSessionName `remediate-<what>-<who>` (2-64 of [\w+=,.@-]): CloudTrail in the target shows who approved. */
export function sessionName(what: string, who: string): string {
  return `remediate-${what}-${who}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}
