/**
 * The diagnosis checklist posted in a thread: verdict first, one line per check (status emoji, summary, evidence,
 * fix steps), the ranked causes, client-side commands, then the buttons. The same builder renders the live
 * progress (checks still running shown as pending) and the final Report. Always within Block Kit limits.
 */
import type { types } from '@slack/bolt';
import type { RemediationAction } from '../../remediation/model.js';
import {
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type EvidenceValue,
  type Report,
  type Target,
} from '../../report.js';
import {
  type ApiKeyActionValue,
  encodeApiKeyActionValue,
  encodeKeyActionValue,
  encodeTargetValue,
  type KeyActionValue,
} from '../action-values.js';
import { ACTION } from '../ids.js';
import {
  context,
  divider,
  fallbackText,
  fitBlocks,
  header,
  joinWithin,
  LIMITS,
  plainText,
  safe,
  safeCode,
  section,
  truncate,
} from './limits.js';
import type { SlackMessage } from './message.js';
import { localCommandsBlock, secretWarningBlock } from './notices.js';
import {
  accountLabel,
  CHECK_TITLES,
  confidenceWord,
  formatDuration,
  STATUS_EMOJI,
  targetFacts,
  VERDICT_EMOJI,
  verdictTone,
} from './status.js';

export interface ChecklistInput {
  target: Target;
  accountAlias?: string;
  /** Slack user id of whoever asked. */
  requestedBy?: string;
  /** The finished diagnosis; absent while checks are still running. */
  report?: Report;
  /** Checks finished so far, while running. */
  done?: readonly CheckResult[];
  /** The pasted text held a secret. */
  secretsFound?: boolean;
  /** The diagnosis could not run at all: why. */
  failure?: string;
  /** The key changes to offer under the final report (decided by the remediation policy; see slack/key-offer.ts). */
  keyOffer?: KeyOffer;
  /** The same for the report's long-term Bedrock API key. */
  apiKeyOffer?: ApiKeyOffer;
}

/** A long-term Bedrock API key and the changes that may be requested for it. */
export interface ApiKeyOffer {
  key: ApiKeyActionValue;
  actions: readonly RemediationAction[];
}

/** A key and the changes that may be requested for it, one button each. */
export interface KeyOffer {
  key: KeyActionValue;
  actions: readonly RemediationAction[];
}

const MAX_EVIDENCE_LINES = 12;
const MAX_EVIDENCE_VALUE = 300;
const MAX_FIX_STEPS = 6;
const MAX_CAUSES = 3;

export function buildChecklistMessage(input: ChecklistInput): SlackMessage {
  const { target, report } = input;
  const checks = report?.checks ?? input.done ?? [];
  const blocks: types.KnownBlock[] = [];
  blocks.push(
    header(`Bedrock 403 diagnosis: account ${target.accountId}${input.accountAlias ? ` (${input.accountAlias})` : ''}`),
  );

  let verdictLine: string;
  if (input.failure !== undefined) {
    verdictLine = `:boom: *The diagnosis could not run:* ${safe(input.failure)}`;
  } else if (report) {
    const tone = verdictTone(report);
    verdictLine = `${VERDICT_EMOJI[tone]} *Verdict:* ${safe(report.verdict || 'no verdict given')}`;
  } else {
    const total = Math.max(CHECK_IDS.length, checks.length);
    verdictLine = `${STATUS_EMOJI.pending} *Checking…* ${checks.length} of ${total} checks done.`;
  }
  blocks.push(section(verdictLine));
  if (input.secretsFound || report?.triage?.secretsFound) blocks.push(secretWarningBlock());

  const facts = [`Account ${accountLabel(target.accountId, input.accountAlias)}`, ...targetFacts(target)];
  if (input.requestedBy) facts.push(`requested by <@${input.requestedBy}>`);
  if (report) facts.push(`took ${formatDuration(report.durationMs)}`);
  blocks.push(context(joinWithin(facts, LIMITS.contextText, ' · ')));
  blocks.push(divider());

  const checkBlocks = checks.map((check) => section(checkText(check)));
  if (!report && input.failure === undefined) {
    const finished = new Set(checks.map((c) => c.id));
    for (const id of CHECK_IDS) {
      if (!finished.has(id))
        checkBlocks.push(section(`${STATUS_EMOJI.pending} *${CHECK_TITLES[id as CheckId]}* running…`));
    }
  }

  const tail: types.KnownBlock[] = [];
  if (report && report.causes.length > 0) tail.push(section(causesText(report)));
  const commands = localCommandsBlock(report?.triage?.commands ?? []);
  if (commands) tail.push(commands);
  const actions = actionsBlock(input);
  if (actions) tail.push(actions);

  // Checks are the droppable middle: keep the head and the tail whole.
  const room = LIMITS.blocksPerMessage - blocks.length - tail.length;
  if (checkBlocks.length > room) {
    const kept = checkBlocks.slice(0, Math.max(0, room - 1));
    const omitted = checkBlocks.length - kept.length;
    blocks.push(...kept, context(`_${omitted} more check${omitted === 1 ? '' : 's'} not shown._`));
  } else {
    blocks.push(...checkBlocks);
  }
  blocks.push(...tail);

  const fallback = report
    ? `Diagnosis of account ${target.accountId}: ${safe(report.verdict)}`
    : input.failure !== undefined
      ? `Diagnosis of account ${target.accountId} could not run: ${safe(input.failure)}`
      : `Diagnosing account ${target.accountId}: ${checks.length} checks done`;
  return { text: fallbackText(fallback), blocks: fitBlocks(blocks) };
}

function checkText(check: CheckResult): string {
  const emoji = STATUS_EMOJI[check.status] ?? STATUS_EMOJI.error;
  const title = safe(check.title || CHECK_TITLES[check.id] || String(check.id));
  const headline = `${emoji} *${truncate(title, 150)}*${check.summary ? ` — ${truncate(safe(check.summary), 600)}` : ''}`;
  const parts = [headline];
  const entries = Object.entries(check.evidence ?? {});
  for (const [label, value] of entries.slice(0, MAX_EVIDENCE_LINES)) {
    parts.push(`    • ${truncate(safe(label), 80)}: ${evidenceValue(value)}`);
  }
  if (entries.length > MAX_EVIDENCE_LINES)
    parts.push(`    • _${entries.length - MAX_EVIDENCE_LINES} more facts not shown_`);
  if ((check.status === 'fail' || check.status === 'warn' || check.status === 'error') && check.fix.length > 0) {
    parts.push(`    *Fix:*`);
    check.fix.slice(0, MAX_FIX_STEPS).forEach((step, i) => {
      parts.push(`    ${i + 1}. ${truncate(safe(step), 500)}`);
    });
    if (check.fix.length > MAX_FIX_STEPS) parts.push(`    _${check.fix.length - MAX_FIX_STEPS} more steps not shown_`);
  }
  return joinWithin(parts, LIMITS.sectionText);
}

function evidenceValue(value: EvidenceValue): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  if (text === '') return '—';
  return `\`${truncate(safeCode(text), MAX_EVIDENCE_VALUE)}\``;
}

function causesText(report: Report): string {
  const parts = ['*Most likely causes*'];
  report.causes.slice(0, MAX_CAUSES).forEach((cause, i) => {
    parts.push(`*${i + 1}. ${truncate(safe(cause.title), 200)}* (${confidenceWord(cause.confidence)})`);
    if (cause.why) parts.push(truncate(safe(cause.why), 600));
    cause.fix.slice(0, 3).forEach((step) => {
      parts.push(`    → ${truncate(safe(step), 300)}`);
    });
  });
  if (report.causes.length > MAX_CAUSES)
    parts.push(`_${report.causes.length - MAX_CAUSES} less likely causes not shown._`);
  return joinWithin(parts, LIMITS.sectionText);
}

function actionsBlock(input: ChecklistInput): types.ActionsBlock | undefined {
  if (!input.report && input.failure === undefined) return undefined;
  const elements: types.Button[] = [
    {
      type: 'button',
      action_id: ACTION.rerunDiagnosis,
      text: plainText('Re-run diagnosis', LIMITS.buttonText),
      value: encodeTargetValue(input.target),
    },
  ];
  const offer = input.report ? input.keyOffer : undefined;
  if (offer) {
    const value = encodeKeyActionValue(offer.key);
    const who = `${offer.key.userName} / ${offer.key.accessKeyId}`;
    for (const action of offer.actions) elements.push(keyButton(action, value, offer.key.accountId, who));
  }
  const apiOffer = input.report ? input.apiKeyOffer : undefined;
  if (apiOffer) {
    const value = encodeApiKeyActionValue(apiOffer.key);
    const who = `${apiOffer.key.userName} / ${apiOffer.key.credentialId}`;
    for (const action of apiOffer.actions) {
      const b = API_KEY_BUTTONS[action];
      if (!b) continue;
      elements.push({
        type: 'button',
        action_id: b.actionId,
        style: 'danger',
        text: plainText(b.label, LIMITS.buttonText),
        value,
        confirm: confirm(b.title, b.ask(apiOffer.key.accountId, who)),
      });
    }
  }
  return { type: 'actions', elements };
}

const API_KEY_BUTTONS: Partial<
  Record<
    RemediationAction,
    { actionId: string; label: string; title: string; ask: (account: string, who: string) => string }
  >
> = {
  deactivate: {
    actionId: ACTION.requestDeactivateApiKey,
    label: 'Request API key deactivation',
    title: 'Deactivate the API key?',
    ask: (account, who) =>
      `Ask the approvers of account ${account} to deactivate the Bedrock API key ${who}. Anything using it stops working.`,
  },
  delete: {
    actionId: ACTION.requestDeleteApiKey,
    label: 'Request API key deletion',
    title: 'Delete the API key?',
    ask: (account, who) =>
      `Ask the approvers of account ${account} to delete the Bedrock API key ${who} (no longer usable) for good.`,
  },
};

const KEY_BUTTONS: Record<
  RemediationAction,
  { actionId: string; label: string; danger?: boolean; title: string; ask: (account: string, who: string) => string }
> = {
  rotate: {
    actionId: ACTION.requestRotateKey,
    label: 'Request key rotation',
    title: 'Request key rotation?',
    ask: (account, who) => `Ask the approvers of account ${account} to rotate ${who}.`,
  },
  deactivate: {
    actionId: ACTION.requestDeactivateKey,
    label: 'Request key deactivation',
    danger: true,
    title: 'Request key deactivation?',
    ask: (account, who) =>
      `Ask the approvers of account ${account} to deactivate ${who}. Anything using it stops working.`,
  },
  delete: {
    actionId: ACTION.requestDeleteKey,
    label: 'Request key deletion',
    danger: true,
    title: 'Request key deletion?',
    ask: (account, who) => `Ask the approvers of account ${account} to delete the inactive key ${who} for good.`,
  },
};

function keyButton(action: RemediationAction, value: string, accountId: string, who: string): types.Button {
  const b = KEY_BUTTONS[action];
  return {
    type: 'button',
    action_id: b.actionId,
    ...(b.danger ? { style: 'danger' as const } : {}),
    text: plainText(b.label, LIMITS.buttonText),
    value,
    confirm: confirm(b.title, b.ask(accountId, who)),
  };
}

function confirm(title: string, text: string): types.ConfirmationDialog {
  return {
    title: plainText(title, LIMITS.confirmTitle),
    text: plainText(text, LIMITS.confirmText),
    confirm: plainText('Send request', LIMITS.confirmButton),
    deny: plainText('Cancel', LIMITS.confirmButton),
  };
}
