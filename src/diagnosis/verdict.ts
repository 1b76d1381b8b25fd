/**
 * The one-line verdict of a report, in plain words: the settled fact if there is one (key of another account),
 * else the strongest cause in the words of the check that found it, else why nothing could be concluded, else
 * "healthy".
 */
import { maskKeyId } from '../aws-facts/access-key-ids.js';
import type { Cause, CheckResult } from '../report.js';
import type { FinishedCheck } from './run-checks.js';
import type { DiagnosisInput } from './target.js';

export function verdictOf(input: DiagnosisInput, finished: readonly FinishedCheck[], causes: readonly Cause[]): string {
  const conclusive = finished.find((f) => f.outcome.conclusive && f.outcome.headline);
  if (conclusive?.outcome.headline) return conclusive.outcome.headline;

  const role = finished.find((f) => f.definition.id === 'diag_role');
  const roleFailed = role && (role.result.status === 'fail' || role.result.status === 'error');

  const top = causes[0];
  if (top) {
    const source = finished
      .filter((f) => f.outcome.headline && (f.outcome.causes ?? []).some((c) => c.id === top.id))
      .sort((a, b) => maxConfidence(b, top.id) - maxConfidence(a, top.id))[0];
    if (source?.outcome.headline) return source.outcome.headline;
    const prefix = roleFailed && role?.outcome.headline ? `${role.outcome.headline}. ` : '';
    return `${prefix}Most likely (from the pasted error, not confirmed live): ${lowerFirst(top.title)}: ${top.why}`;
  }
  if (roleFailed && role?.outcome.headline) return role.outcome.headline;

  const unsure = finished.filter((f) => f.result.status === 'warn' || f.result.status === 'error');
  if (unsure.length > 0) {
    return (
      `No fault found in account ${input.accountId}, but ${list(unsure.map((f) => f.result))} ` +
      `${unsure.length === 1 ? 'was' : 'were'} not confirmed: ${unsure[0]?.result.summary ?? ''}`
    );
  }
  const subject = input.key ? `Key ${maskKeyId(input.key.id)}` : `Account ${input.accountId}`;
  const model = input.model ? ` with ${input.model.input}` : '';
  const skipped = finished.filter((f) => f.result.status === 'skip').length;
  const passed = skipped === 0 ? 'every check passed' : `every check that applies passed (${skipped} skipped)`;
  return (
    `${subject} checks out for Bedrock in ${input.region}${model}: ${passed}, so if calls still fail ` +
    'look at the client (secret key, session token, clock, region and credentials it really uses)'
  );
}

function maxConfidence(f: FinishedCheck, id: string): number {
  return Math.max(0, ...(f.outcome.causes ?? []).filter((c) => c.id === id).map((c) => c.confidence));
}

function list(checks: CheckResult[]): string {
  const titles = checks.map((c) => c.title.toLowerCase());
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
