/** The short parent message in the channel; the checklist lives in its thread. */
import type { Report } from '../../report.js';
import { context, fallbackText, safe, section, truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { accountLabel, STATUS_EMOJI, VERDICT_EMOJI, verdictTone } from './status.js';

export interface ParentInput {
  accountId: string;
  accountAlias?: string;
  requestedBy: string;
  /** Present once the diagnosis finished. */
  report?: Report;
  /** Present when it could not run. */
  failure?: string;
}

export function buildParentMessage(input: ParentInput): SlackMessage {
  const account = accountLabel(input.accountId, input.accountAlias);
  let text: string;
  if (input.failure !== undefined) {
    text = `:boom: The diagnosis of account ${account} for <@${input.requestedBy}> could not run: ${truncate(safe(input.failure), 1500)}`;
  } else if (input.report) {
    const tone = verdictTone(input.report);
    text = `${VERDICT_EMOJI[tone]} Diagnosis of account ${account} for <@${input.requestedBy}>: ${truncate(safe(input.report.verdict || 'done'), 2000)}`;
  } else {
    text = `${STATUS_EMOJI.pending} Diagnosing account ${account} for <@${input.requestedBy}>…`;
  }
  return {
    text: fallbackText(text),
    blocks: [section(text), context('_The checklist is in the thread below._')],
  };
}
