/**
 * The signals a check, or a fact it needs, uses to say "skip" or "could not check". Apart from check.ts so that the
 * context (which throws them) and the check definitions (which take the context) do not import each other.
 */
import { type AwsErrorInfo, describeAwsError } from '../aws/errors.js';
import type { Evidence } from '../report.js';

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
    readonly caller: 'bot' | 'role' | 'org',
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
