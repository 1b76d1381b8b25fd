/** Whether a report found anything to act on: the CLI's exit code 3 and the Slack status colour follow it. */
import type { Report } from '../report.js';

/**
 * True when any check failed, warned or could not run, or any cause remains. A report that could not check
 * something is not "nothing wrong found".
 */
export function reportHasProblems(report: Report): boolean {
  return (
    report.causes.length > 0 ||
    report.checks.some((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error')
  );
}
