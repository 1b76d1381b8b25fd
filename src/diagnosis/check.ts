/**
 * What a check is (one file per check in ./checks/) and the signals it uses to say "skip" or "could not check".
 */
import { type AwsErrorInfo, describeAwsError } from '../aws/errors.js';
import type { Cause, CauseId, CheckId, CheckStatus, Evidence } from '../report.js';
import type { DiagnosisContext } from './context.js';

export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  evidence?: Evidence;
  fix?: string[];
  causes?: Cause[];
  /** Causes this check's facts prove wrong: dropped from the triage hypotheses when merging. */
  refutes?: CauseId[];
  /** One plain-words sentence for the verdict when this check's top cause ranks first. */
  headline?: string;
  /** The check settled the matter (key of another account): every other hypothesis is set aside. */
  conclusive?: boolean;
}

export interface CheckDefinition {
  id: CheckId;
  title: string;
  run(ctx: DiagnosisContext): Promise<CheckOutcome>;
}

/** Thrown by a check or a fact it needs: the check is not applicable (status skip) for the reason given. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
  constructor(
    message: string,
    readonly evidence: Evidence = {},
  ) {
    super(message);
  }
}

/** Thrown by a fact whose AWS call failed: carries the IAM action and who called it. */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    readonly action: string,
    readonly caller: 'bot' | 'role',
    readonly info: AwsErrorInfo,
  ) {
    super(`${action} failed: ${describeAwsError(info)}`);
  }
}

/** Thrown by ctx.role() when the diagnostic role could not be assumed. */
export class RoleUnavailableError extends Error {
  override name = 'RoleUnavailableError';
  constructor(readonly reason: unknown) {
    super('the diagnostic role could not be assumed');
  }
}
