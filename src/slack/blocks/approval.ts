/**
 * Block Kit for remediation requests (issue 5): the approval message in the thread (requester, account, user, key
 * id, last use, what will happen, Approve / Reject), the same message after the decision (no buttons; who decided
 * and when; then the outcome), the result reply in the thread, and the ephemeral answers to the clicker.
 * Pure functions of a RemediationRequest, which holds ids, dates and ARNs only: no secret can reach these messages.
 */
import type { types } from '@slack/bolt';
import { credentialOf, type RemediationRequest } from '../../remediation/model.js';
import { encodeApiKeyActionValue, encodeKeyActionValue } from '../action-values.js';
import { ACTION } from '../ids.js';
import {
  context,
  fallbackText,
  fitBlocks,
  header,
  LIMITS,
  mrkdwnText,
  plainText,
  safe,
  safeCode,
  section,
} from './limits.js';
import type { SlackMessage } from './message.js';

const VERB: Record<RemediationRequest['action'], string> = {
  rotate: 'rotate',
  deactivate: 'deactivate',
  delete: 'delete',
};

const TITLE: Record<RemediationRequest['action'], string> = {
  rotate: 'key rotation',
  deactivate: 'key deactivation',
  delete: 'key deletion',
};

/** `<!date^...>` shows the time in each reader's own time zone; the ISO text is the fallback. */
export function slackDate(ms: number): string {
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${iso}>`;
}

function accountLabel(r: RemediationRequest): string {
  return r.accountLabel ? `${safe(r.accountLabel)} (\`${r.accountId}\`)` : `\`${r.accountId}\``;
}

export function describeLastUse(r: RemediationRequest): string {
  const used = r.key.lastUsed;
  if (!used) return 'unknown';
  if (!used.date) return 'never used';
  const date = Date.parse(used.date);
  const when = Number.isNaN(date) ? safe(used.date) : slackDate(date);
  return `${when} — ${safe(used.service)} in ${safe(used.region)}`;
}

/** "access key" or "Bedrock API key": what the request acts on. */
function keyNoun(r: RemediationRequest): string {
  return credentialOf(r) === 'bedrock_api_key' ? 'Bedrock API key' : 'access key';
}

/** What approval sets in motion, step by step, in the words the approver needs. */
export function plannedSteps(r: RemediationRequest): string[] {
  const key = `\`${r.accessKeyId}\``;
  const user = `\`${safeCode(r.userName)}\``;
  if (credentialOf(r) === 'bedrock_api_key') {
    return r.action === 'deactivate'
      ? [
          `1. Set the Bedrock API key ${key} of ${user} to *Inactive* (iam:UpdateServiceSpecificCredential): calls ` +
            'with it are refused from then on.',
          '2. An IAM admin can reactivate it if needed; it is not deleted.',
        ]
      : [
          `1. Permanently delete the Bedrock API key ${key} of ${user} (iam:DeleteServiceSpecificCredential), ` +
            'inactive or expired. This cannot be undone.',
        ];
  }
  if (r.action === 'rotate') {
    return [
      `1. Create a new access key for ${user} (refused if the user already has two keys).`,
      `2. Store it in AWS Secrets Manager in account \`${r.accountId}\` (${safe(r.region)}) as ` +
        `\`bedrock-403/${r.accountId}/${safeCode(r.userName)}/<new key id>\`. Only the secret's ARN is posted here.`,
      '3. Check that AWS accepts the new key (it can take some seconds to propagate).',
      `4. Deactivate ${key}. It is not deleted: deletion is a separate approved request.`,
    ];
  }
  if (r.action === 'deactivate') {
    return [
      `1. Set ${key} of ${user} to *Inactive*: anything still signing with it gets 403 InvalidClientTokenId.`,
      '2. It can be reactivated by an IAM admin if needed; it is not deleted.',
    ];
  }
  return [`1. Permanently delete the inactive key ${key} of ${user}. This cannot be undone.`];
}

function detailFields(r: RemediationRequest): types.SectionBlock {
  const status = r.key.status
    ? ` (${safe(r.key.status)}${r.key.createDate ? `, created ${safe(r.key.createDate.slice(0, 10))}` : ''})`
    : '';
  const fields = [
    `*Account*\n${accountLabel(r)}`,
    `*IAM user*\n\`${safeCode(r.userName)}\``,
    `*${credentialOf(r) === 'bedrock_api_key' ? 'Bedrock API key' : 'Access key'}*\n\`${r.accessKeyId}\`${status}`,
    `*Last used*\n${describeLastUse(r)}`,
    `*Requested by*\n<@${r.requestedBy}>`,
    r.state === 'requested' ? `*Expires*\n${slackDate(r.expiresAt)}` : `*Requested*\n${slackDate(r.requestedAt)}`,
  ];
  return { type: 'section', fields: fields.map((f) => mrkdwnText(f, LIMITS.sectionFieldText)) };
}

function statusLine(r: RemediationRequest, approvers?: string): string {
  const by = r.decidedBy ? `<@${r.decidedBy}>` : 'someone';
  const at = r.decidedAt ? ` ${slackDate(r.decidedAt)}` : '';
  switch (r.state) {
    case 'requested':
      return `:hourglass_flowing_sand: *Waiting for approval* by ${approvers ?? 'an approver'}.`;
    case 'approved':
      return `:white_check_mark: *Approved* by ${by}${at}. Running now…`;
    case 'executing':
      return `:gear: *Running* (approved by ${by}${at})…`;
    case 'rejected':
      return `:no_entry: *Rejected* by ${by}${at}. Nothing was changed.`;
    case 'expired':
      return `:hourglass: *Expired* ${slackDate(r.expiresAt)} without a decision. Nothing was changed; request again if it is still needed.`;
    case 'done':
      return `:white_check_mark: *Done* (approved by ${by}${at}${r.finishedAt ? `, finished ${slackDate(r.finishedAt)}` : ''}). Details in the thread.`;
    case 'failed':
      return `:x: *Failed* (approved by ${by}${at}). What happened and what state it left is in the thread.`;
  }
}

/** The approval message: posted in the thread when the request is made, redrawn on every state change. */
export function approvalMessage(r: RemediationRequest, approvers?: string): SlackMessage {
  const intro =
    `<@${r.requestedBy}> asks to *${VERB[r.action]}* ${keyNoun(r)} \`${r.accessKeyId}\` of IAM user ` +
    `\`${safeCode(r.userName)}\` in account ${accountLabel(r)}.`;
  const blocks: types.KnownBlock[] = [
    header(`${r.state === 'requested' ? 'Approval needed' : 'Approval request'}: ${TITLE[r.action]}`),
    section(statusLine(r, approvers), `approval_status_${r.id}_${r.state}`),
    section(intro),
    detailFields(r),
    section(`*${r.state === 'requested' ? 'If approved' : 'Requested steps'}*\n${plannedSteps(r).join('\n')}`),
  ];
  if (r.state === 'requested') {
    blocks.push(
      context(
        `Approvers: ${approvers ?? 'see the accounts file'}. The requester cannot approve their own request. ` +
          `Request \`${r.id.slice(0, 8)}\`.`,
      ),
      {
        type: 'actions',
        block_id: `approval_actions_${r.id}`,
        elements: [
          {
            type: 'button',
            action_id: ACTION.approveRequest,
            style: 'primary',
            text: plainText(`Approve ${TITLE[r.action]}`, LIMITS.buttonText),
            value: r.id,
            confirm: {
              title: plainText(`Approve ${TITLE[r.action]}?`, LIMITS.confirmTitle),
              text: plainText(
                `This will ${VERB[r.action]} ${r.accessKeyId} of ${r.userName} in account ${r.accountId} right away.`,
                LIMITS.confirmText,
              ),
              confirm: plainText('Approve', LIMITS.confirmButton),
              deny: plainText('Cancel', LIMITS.confirmButton),
            },
          },
          {
            type: 'button',
            action_id: ACTION.rejectRequest,
            style: 'danger',
            text: plainText('Reject', LIMITS.buttonText),
            value: r.id,
          },
        ],
      },
    );
  } else {
    blocks.push(context(`Request \`${r.id.slice(0, 8)}\`.`));
  }
  const text = `${TITLE[r.action]} of ${r.accessKeyId} (${r.userName}, ${r.accountId}): ${r.state}`;
  return { text: fallbackText(text), blocks: fitBlocks(blocks) };
}

/** The thread reply once the execution has finished: the secret's ARN and next steps, or what failed. */
export function resultMessage(r: RemediationRequest): SlackMessage {
  const res = r.result ?? {};
  const lines: string[] = [];
  if (r.state === 'done') {
    if (r.action === 'rotate') {
      lines.push(
        `:white_check_mark: *Key rotated* for \`${safeCode(r.userName)}\` in account ${accountLabel(r)}.`,
        `• New key \`${safe(res.newAccessKeyId ?? '?')}\`: its secret is in AWS Secrets Manager as \`${safeCode(res.secretArn ?? '?')}\`. ` +
          'The secret itself is never shown here.',
        `• Old key \`${r.accessKeyId}\`: *${safe(res.oldKeyStatus ?? 'unknown')}*.`,
      );
    } else if (r.action === 'deactivate') {
      lines.push(
        `:white_check_mark: *Key deactivated*: \`${r.accessKeyId}\` of \`${safeCode(r.userName)}\` is now Inactive.`,
      );
    } else {
      lines.push(`:white_check_mark: *Key deleted*: \`${r.accessKeyId}\` of \`${safeCode(r.userName)}\`.`);
    }
  } else {
    lines.push(
      `:x: *The ${TITLE[r.action]} of \`${r.accessKeyId}\` failed.*`,
      safe(r.failure ?? 'No reason was recorded.'),
    );
    const state: string[] = [];
    if (res.newAccessKeyId)
      state.push(`new key \`${safe(res.newAccessKeyId)}\`: *${safe(res.newKeyState ?? 'unknown')}*`);
    if (res.secretArn) state.push(`secret \`${safeCode(res.secretArn)}\``);
    if (res.oldKeyStatus) state.push(`key \`${r.accessKeyId}\`: *${safe(res.oldKeyStatus)}*`);
    if (state.length) lines.push(`*State now*: ${state.join('; ')}.`);
  }
  const blocks: types.KnownBlock[] = [section(lines.join('\n'))];
  if (r.state === 'done' && res.nextSteps?.length) {
    blocks.push(section(`*Next steps*\n${res.nextSteps.map((s, i) => `${i + 1}. ${safe(s)}`).join('\n')}`));
  }
  if (r.progress.length) {
    blocks.push(context(`Steps completed: ${r.progress.map((p) => safe(p.detail)).join(' → ')}`));
  }
  if (r.state === 'done' && r.action !== 'delete' && res.oldKeyStatus === 'Inactive') {
    blocks.push({
      type: 'actions',
      block_id: `remediation_followup_${r.id}`,
      elements: [
        {
          type: 'button',
          ...(credentialOf(r) === 'bedrock_api_key'
            ? {
                action_id: ACTION.requestDeleteApiKey,
                text: plainText(`Request deletion of ${r.accessKeyId}`, LIMITS.buttonText),
                value: encodeApiKeyActionValue({
                  accountId: r.accountId,
                  userName: r.userName,
                  credentialId: r.accessKeyId,
                  region: r.region,
                }),
              }
            : {
                action_id: ACTION.requestDeleteKey,
                text: plainText(`Request deletion of ${r.accessKeyId}`, LIMITS.buttonText),
                value: encodeKeyActionValue({
                  accountId: r.accountId,
                  userName: r.userName,
                  accessKeyId: r.accessKeyId,
                  region: r.region,
                }),
              }),
          confirm: {
            title: plainText('Request key deletion?', LIMITS.confirmTitle),
            text: plainText(
              `Ask the approvers to delete the inactive key ${r.accessKeyId} for good. Do this only once nothing uses it.`,
              LIMITS.confirmText,
            ),
            confirm: plainText('Send request', LIMITS.confirmButton),
            deny: plainText('Cancel', LIMITS.confirmButton),
          },
        },
      ],
    });
  }
  const text =
    r.state === 'done'
      ? `${TITLE[r.action]} of ${r.accessKeyId} done${res.secretArn ? `; new key stored in ${res.secretArn}` : ''}`
      : `${TITLE[r.action]} of ${r.accessKeyId} failed`;
  return { text: fallbackText(text), blocks: fitBlocks(blocks) };
}

/** Ephemeral answer to the person who clicked: why not, or what happens next. */
export function clickerMessage(text: string, emoji = ':no_entry_sign:'): SlackMessage {
  const body = `${emoji} ${text}`;
  return { text: fallbackText(body), blocks: [section(body)] };
}

export function requestSentMessage(r: RemediationRequest, approvers: string): SlackMessage {
  return clickerMessage(
    `Your ${TITLE[r.action]} request for \`${r.accessKeyId}\` is in the thread. ${approvers} can approve it until ` +
      `${slackDate(r.expiresAt)}; you cannot approve it yourself.`,
    ':incoming_envelope:',
  );
}

export function alreadyOpenMessage(r: RemediationRequest): SlackMessage {
  return clickerMessage(
    `Key \`${r.accessKeyId}\` already has an open request (${TITLE[r.action]}, ${r.state}, asked by <@${r.requestedBy}>` +
      `${r.state === 'requested' ? `, expires ${slackDate(r.expiresAt)}` : ''}). Only one request per key at a time.`,
    ':information_source:',
  );
}
