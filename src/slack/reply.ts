/**
 * Posting with graceful degradation: a thread reply in the channel first; when Slack refuses (not a member,
 * archived, rate limited past the client's retries, rejected blocks, network) the next best channel of reply:
 * a text-only post, the interaction's response_url (ephemeral, bypasses channel membership), then an ephemeral
 * message. Every failure is logged with Slack's error code; nothing here throws.
 */
import { RespondError, type RespondFn, type webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { scrubSecrets } from '../secrets.js';
import { fallbackText } from './blocks/limits.js';
import type { SlackMessage } from './blocks/message.js';
import { notInChannelMessage } from './blocks/notices.js';

export type SlackClient = webApi.WebClient;

/** Slack's error code for a failed call: `not_in_channel`, `ratelimited`, `response_url_404`, `request_failed`. */
export function slackErrorCode(error: unknown): string {
  if (error instanceof RespondError) return `response_url_${error.statusCode}`;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
    if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
    if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
    if (e.code === 'slack_webapi_http_error') return `http_${String(e.statusCode ?? 'error')}`;
    if (e.code === 'slack_webapi_request_error') return 'request_failed';
  }
  return 'unexpected_error';
}

/** The bot cannot post in this conversation at all: answer through response_url and say how to invite it. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
/** Slack rejected the content: a text-only post may still work. */
const CONTENT_REJECTED = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long', 'msg_too_long']);

export function isNotAMember(code: string): boolean {
  return NOT_A_MEMBER.has(code);
}

export interface ReplyRoute {
  client: SlackClient;
  channel: string;
  threadTs?: string;
  /** The interaction's response_url (slash command, shortcut, button), when there is one. */
  respond?: RespondFn;
  /** Who to show an ephemeral fallback to. */
  userId?: string;
  botUserId?: string;
  logger: Logger;
}

export type PostOutcome =
  | { via: 'channel'; ts: string }
  | { via: 'response_url' }
  | { via: 'ephemeral' }
  | { via: 'none'; code: string };

export async function postWithFallback(route: ReplyRoute, message: SlackMessage, what: string): Promise<PostOutcome> {
  const { client, channel, threadTs, logger } = route;
  let code: string;
  try {
    const result = await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (typeof result.ts === 'string') return { via: 'channel', ts: result.ts };
    code = 'no_ts_returned';
  } catch (error) {
    code = slackErrorCode(error);
  }
  logger.warn({ channel, threadTs, code, what }, `chat.postMessage failed (${code}); trying the next reply channel`);

  if (CONTENT_REJECTED.has(code)) {
    try {
      const result = await client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: fallbackText(message.text),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (typeof result.ts === 'string') return { via: 'channel', ts: result.ts };
    } catch (error) {
      logger.warn({ channel, code: slackErrorCode(error), what }, 'text-only chat.postMessage failed too');
    }
  }

  const notMember = isNotAMember(code);
  if (route.respond) {
    const ephemeral = notMember ? notInChannelMessage(route.botUserId, message) : message;
    if (await respondSafely(route.respond, { ...ephemeral, response_type: 'ephemeral' }, logger, what)) {
      return { via: 'response_url' };
    }
  }
  if (!notMember && route.userId) {
    try {
      await client.chat.postEphemeral({
        channel,
        user: route.userId,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: message.text,
        blocks: message.blocks,
      });
      return { via: 'ephemeral' };
    } catch (error) {
      logger.warn({ channel, code: slackErrorCode(error), what }, 'chat.postEphemeral failed too');
    }
  }
  logger.error({ channel, threadTs, code, what }, `could not deliver ${what} through any reply channel`);
  return { via: 'none', code };
}

/** respond() that logs instead of throwing (an expired response_url throws RespondError in Bolt 5). */
export async function respondSafely(
  respond: RespondFn,
  message: SlackMessage & { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean },
  logger: Logger,
  what: string,
): Promise<boolean> {
  try {
    await respond({ replace_original: false, ...message });
    return true;
  } catch (error) {
    logger.warn({ code: slackErrorCode(error), what }, `response_url failed (${slackErrorCode(error)})`);
    return false;
  }
}

/** chat.update that reports success instead of throwing. */
export async function updateSafely(
  client: SlackClient,
  channel: string,
  ts: string,
  message: SlackMessage,
  logger: Logger,
  what: string,
): Promise<boolean> {
  try {
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    logger.warn({ channel, ts, code, what }, `chat.update failed (${code})`);
    return false;
  }
}

/** A one-line, secret-free description of an error for logs and replies. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return scrubSecrets(text).replace(/\s+/g, ' ').slice(0, 500);
}
