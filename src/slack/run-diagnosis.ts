/**
 * Runs a live diagnosis and shows it in Slack: a short parent message in the channel (unless there already is a
 * thread to answer in), the checklist in its thread, edited in place as checks finish (at most once per
 * interval), then the final report; the parent gets the verdict. When Slack refuses a step, the result still
 * reaches the person through the next best channel (see reply.ts).
 */
import type { RespondFn } from '@slack/bolt';
import type { CheckResult, Report } from '../report.js';
import { buildChecklistMessage, type ChecklistInput } from './blocks/checklist.js';
import { notInChannelMessage } from './blocks/notices.js';
import { buildParentMessage } from './blocks/parent.js';
import { CoalescingUpdater } from './coalescing-updater.js';
import type { ListenerDeps } from './deps.js';
import type { DiagnoseRequest } from './diagnose-request.js';
import { apiKeyOfferFor, keyOfferFor } from './key-offer.js';
import {
  describeError,
  isNotAMember,
  postWithFallback,
  respondSafely,
  type SlackClient,
  slackErrorCode,
  updateSafely,
} from './reply.js';

export interface DiagnosisInSlack {
  client: SlackClient;
  channelId: string;
  /** Answer in this existing thread (shortcut, button, modal); absent = post a parent message first. */
  threadTs?: string;
  requestedBy: string;
  request: DiagnoseRequest;
  respond?: RespondFn;
  botUserId?: string;
}

export type DiagnosisDelivery = 'thread' | 'fallback' | 'undelivered';

export async function runDiagnosisInSlack(run: DiagnosisInSlack, deps: ListenerDeps): Promise<DiagnosisDelivery> {
  const { client, channelId, request } = run;
  const { logger } = deps;
  const alias = request.account?.alias;
  const base: Omit<ChecklistInput, 'report' | 'done'> = {
    target: request.target,
    requestedBy: run.requestedBy,
    secretsFound: request.secretsFound,
    ...(alias ? { accountAlias: alias } : {}),
  };
  const route = {
    client,
    channel: channelId,
    userId: run.requestedBy,
    logger,
    ...(run.respond ? { respond: run.respond } : {}),
    ...(run.botUserId ? { botUserId: run.botUserId } : {}),
  };

  let threadTs = run.threadTs;
  let parentTs: string | undefined;
  let canPost = true;
  if (!threadTs) {
    const parent = buildParentMessage({
      accountId: request.target.accountId,
      requestedBy: run.requestedBy,
      ...(alias ? { accountAlias: alias } : {}),
    });
    try {
      const posted = await client.chat.postMessage({ channel: channelId, text: parent.text, blocks: parent.blocks });
      parentTs = typeof posted.ts === 'string' ? posted.ts : undefined;
      threadTs = parentTs;
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ channel: channelId, code }, `cannot post the parent message (${code})`);
      canPost = !isNotAMember(code);
    }
  }

  let checklistTs: string | undefined;
  if (threadTs && canPost) {
    const first = buildChecklistMessage(base);
    try {
      const posted = await client.chat.postMessage({
        channel: channelId,
        thread_ts: threadTs,
        text: first.text,
        blocks: first.blocks,
      });
      checklistTs = typeof posted.ts === 'string' ? posted.ts : undefined;
    } catch (error) {
      logger.warn(
        { channel: channelId, code: slackErrorCode(error) },
        'cannot post the checklist; the result will follow',
      );
    }
  }

  let latest: readonly CheckResult[] = [];
  const updater = new CoalescingUpdater(
    async () => {
      if (!checklistTs) return;
      await updateSafely(
        client,
        channelId,
        checklistTs,
        buildChecklistMessage({ ...base, done: latest }),
        logger,
        'checklist progress',
      );
    },
    deps.updateIntervalMs,
    deps.timers,
  );

  let report: Report | undefined;
  let failure: string | undefined;
  try {
    report = await deps.engine.diagnose(request.target, {
      requestedBy: run.requestedBy,
      signal: deps.signal,
      ...(request.triage ? { triage: request.triage } : {}),
      ...(request.account?.diagExternalId ? { externalId: request.account.diagExternalId } : {}),
      ...(deps.diagnosisDeadlineMs ? { deadlineMs: deps.diagnosisDeadlineMs } : {}),
      onCheck: (_check, done) => {
        latest = [...done];
        updater.request();
      },
    });
  } catch (error) {
    failure = describeError(error);
    logger.error({ target: request.target, error: failure }, 'diagnosis failed');
  }
  await updater.close();

  const offer = report ? keyOfferFor(report) : undefined;
  const apiKeyOffer = report ? apiKeyOfferFor(report) : undefined;
  const final = buildChecklistMessage(
    report
      ? { ...base, report, ...(offer ? { keyOffer: offer } : {}), ...(apiKeyOffer ? { apiKeyOffer } : {}) }
      : { ...base, failure: failure ?? 'unknown error' },
  );
  let delivery: DiagnosisDelivery = 'thread';
  const updated = checklistTs
    ? await updateSafely(client, channelId, checklistTs, final, logger, 'final checklist')
    : false;
  if (!updated && !canPost) {
    // Not a member of the conversation: only the response_url reaches the person.
    const sent = run.respond
      ? await respondSafely(
          run.respond,
          { ...notInChannelMessage(run.botUserId, final), response_type: 'ephemeral' },
          logger,
          'final checklist',
        )
      : false;
    delivery = sent ? 'fallback' : 'undelivered';
    if (!sent)
      logger.error({ channel: channelId }, 'could not deliver the final checklist: not in channel and no response_url');
  } else if (!updated) {
    const outcome = await postWithFallback({ ...route, ...(threadTs ? { threadTs } : {}) }, final, 'final checklist');
    delivery = outcome.via === 'none' ? 'undelivered' : outcome.via === 'channel' && threadTs ? 'thread' : 'fallback';
  }
  if (parentTs) {
    const parent = buildParentMessage({
      accountId: request.target.accountId,
      requestedBy: run.requestedBy,
      ...(alias ? { accountAlias: alias } : {}),
      ...(report ? { report } : { failure: failure ?? 'unknown error' }),
    });
    await updateSafely(client, channelId, parentTs, parent, logger, 'parent verdict');
  }
  logger.info(
    {
      target: request.target,
      delivery,
      verdict: report?.verdict,
      failed: failure !== undefined,
      durationMs: report?.durationMs,
    },
    'diagnosis delivered',
  );
  return delivery;
}
