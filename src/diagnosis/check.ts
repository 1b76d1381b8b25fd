/**
 * What a check is (one file per check in ./checks/); the signals it uses to say "skip" or "could not check" are in
 * ./check-errors.ts (re-exported here), which the context throws too.
 */
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

export { AwsCallError, CheckSkipped, RoleUnavailableError } from './check-errors.js';
