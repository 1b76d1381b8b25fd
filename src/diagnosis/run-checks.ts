/**
 * Runs every check concurrently (each awaits only the facts it needs), under one deadline. A check that fails,
 * throws or outlives the deadline becomes its own result (`error`, with why) and never sinks the others. Each
 * finished check is reported to `onCheck` at once; a throwing callback is ignored.
 */
import { classifyAwsError, describeAwsError } from '../aws/errors.js';
import type { Logger } from '../log.js';
import type { CheckResult, CheckStatus } from '../report.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome, CheckSkipped, RoleUnavailableError } from './check.js';
import type { DiagnosisContext } from './context.js';
import type { DiagnoseOptions } from './engine.js';

export interface FinishedCheck {
  definition: CheckDefinition;
  outcome: CheckOutcome;
  result: CheckResult;
}

/** Why the diagnosis signal aborted: the deadline passed, or the caller cancelled. */
export class DeadlineReached extends Error {
  override name = 'AbortError';
  constructor(readonly deadlineMs: number) {
    super(`the diagnosis deadline of ${formatSeconds(deadlineMs)} passed`);
  }
}

export interface RunChecksOptions {
  onCheck?: DiagnoseOptions['onCheck'];
  /** performance.now() at the start of the diagnosis: durations count from it. */
  startedAt: number;
  logger: Logger;
}

export async function runChecks(
  ctx: DiagnosisContext,
  checks: readonly CheckDefinition[],
  options: RunChecksOptions,
): Promise<FinishedCheck[]> {
  const done: CheckResult[] = [];
  const aborted = abortedOutcome(ctx.signal);
  const finished = await Promise.all(
    checks.map(async (definition) => {
      const outcome = await Promise.race([
        runOne(ctx, definition, options.logger),
        aborted.promise.then((make) => make(definition)),
      ]);
      const result = toResult(definition, outcome, performance.now() - options.startedAt);
      done.push(result);
      notify(options.onCheck, result, done, options.logger);
      return { definition, outcome, result };
    }),
  );
  aborted.dispose();
  return finished;
}

async function runOne(ctx: DiagnosisContext, definition: CheckDefinition, logger: Logger): Promise<CheckOutcome> {
  try {
    return await definition.run(ctx);
  } catch (error) {
    if (ctx.signal.aborted) return abortedOutcomeFor(ctx.signal)(definition);
    return outcomeFromError(definition, error, ctx, logger);
  }
}

/** Turns what a check threw into its result: skip (not applicable) or error (could not check, and why). */
export function outcomeFromError(
  definition: CheckDefinition,
  error: unknown,
  ctx: DiagnosisContext,
  logger: Logger,
): CheckOutcome {
  if (error instanceof CheckSkipped) return { status: 'skip', summary: error.message, evidence: error.evidence };
  if (error instanceof RoleUnavailableError) {
    return {
      status: 'skip',
      summary: `Not checked: the diagnostic role ${ctx.roleRequest.roleName} could not be assumed (see Diagnostic role)`,
    };
  }
  if (error instanceof AwsCallError) return awsErrorOutcome(error, ctx);
  const info = classifyAwsError(error);
  logger.error({ err: error, check: definition.id }, 'check failed unexpectedly');
  return {
    status: 'error',
    summary: `Could not check: unexpected ${info.name}: ${info.message}`,
    fix: ['Retry; if it persists, report it with the log line of this diagnosis'],
  };
}

function awsErrorOutcome(error: AwsCallError, ctx: DiagnosisContext): CheckOutcome {
  const { action, caller, info } = error;
  const evidence = { call: action, error: describeAwsError(info) };
  const attempts = info.attempts && info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
  if (info.kind === 'access_denied') {
    const fix =
      caller === 'role'
        ? [
            `Update the diagnostic role ${ctx.roleRequest.roleName} in account ${ctx.input.accountId} from ` +
              `infra/diagnostic-role.yaml: it must allow ${action}`,
            'If it already does, an SCP or permissions boundary in that account denies it to the role',
          ]
        : [`Allow ${action} to the bot's own role (infra/bot-runtime-role.yaml)`];
    return {
      status: 'error',
      summary: `Could not check: the ${caller === 'role' ? 'diagnostic role' : 'bot'} may not call ${action} (${info.name})`,
      evidence,
      fix,
    };
  }
  switch (info.kind) {
    case 'no_credentials':
      return {
        status: 'error',
        summary: `Could not check: the ${caller === 'role' ? 'diagnostic role session' : 'bot'} has no AWS credentials for ${action}`,
        evidence,
      };
    case 'auth':
    case 'expired':
      return {
        status: 'error',
        summary:
          `Could not check: AWS rejected the ${caller === 'role' ? "diagnostic role's" : "bot's own"} credentials ` +
          `for ${action} (${info.name})`,
        evidence,
      };
    case 'throttling':
      return {
        status: 'error',
        summary: `Could not check: AWS kept throttling ${action}${attempts} (${info.name}); retry in a minute`,
        evidence,
      };
    case 'timeout':
      return {
        status: 'error',
        summary: `Could not check: ${action} did not answer in time${attempts} (${info.name})`,
        evidence,
        fix: ['Retry; check the network path to the AWS endpoint'],
      };
    case 'network':
      return {
        status: 'error',
        summary: `Could not check: the endpoint for ${action} could not be reached (${info.message})`,
        evidence,
        fix: ['Check the network path and any AWS_ENDPOINT_URL_* override'],
      };
    default:
      return { status: 'error', summary: `Could not check: ${action} failed: ${describeAwsError(info)}`, evidence };
  }
}

function abortedOutcomeFor(signal: AbortSignal): (definition: CheckDefinition) => CheckOutcome {
  return () => {
    const reason = signal.reason as unknown;
    if (reason instanceof DeadlineReached) {
      return {
        status: 'error',
        summary: `Timed out: not finished within the ${formatSeconds(reason.deadlineMs)} deadline (the other results stand)`,
        fix: ['Run the diagnosis again; if this check keeps timing out, check the AWS endpoints it calls'],
      };
    }
    return { status: 'error', summary: 'Cancelled before it finished (the diagnosis was stopped)' };
  };
}

/** A promise that settles, with the outcome maker, when the signal aborts; dispose() detaches it. */
function abortedOutcome(signal: AbortSignal): {
  promise: Promise<(definition: CheckDefinition) => CheckOutcome>;
  dispose: () => void;
} {
  let onAbort: () => void = () => {};
  const promise = new Promise<(definition: CheckDefinition) => CheckOutcome>((resolve) => {
    onAbort = () => resolve(abortedOutcomeFor(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

export function toResult(definition: CheckDefinition, outcome: CheckOutcome, durationMs: number): CheckResult {
  const result: CheckResult = {
    id: definition.id,
    title: definition.title,
    status: outcome.status satisfies CheckStatus,
    summary: outcome.summary,
    evidence: outcome.evidence ?? {},
    fix: outcome.fix ?? [],
    durationMs: Math.round(durationMs),
  };
  if (outcome.causes && outcome.causes.length > 0) result.causes = outcome.causes;
  return result;
}

function notify(
  onCheck: DiagnoseOptions['onCheck'],
  result: CheckResult,
  done: readonly CheckResult[],
  logger: Logger,
): void {
  if (!onCheck) return;
  try {
    const returned = onCheck(result, [...done]) as unknown;
    if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
      (returned as Promise<unknown>).catch((error: unknown) =>
        logger.warn({ err: error }, 'onCheck callback rejected'),
      );
    }
  } catch (error) {
    logger.warn({ err: error, check: result.id }, 'onCheck callback threw; the diagnosis goes on');
  }
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
