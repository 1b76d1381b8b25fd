/**
 * The start-up check of the bot token: auth.test against SLACK_API_URL (default Slack itself). A token Slack
 * rejects stops the start at once with one line naming SLACK_BOT_TOKEN; Slack unreachable is retried (logged per
 * attempt, bounded backoff) until the start-up bound. What auth.test returns (the bot's ids) is handed to Bolt, so
 * Bolt does not ask again. The app token is checked by the Socket Mode connection itself (socket-supervisor.ts).
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { EXIT } from '../report.js';
import { StartupError } from '../startup-error.js';
import { slackErrorCode } from './reply.js';
import { DEFAULT_STARTUP_TIMEOUT_MS, retryUntilDeadline } from './startup-retry.js';

/** Slack's answers that mean "this token is not valid", as opposed to "Slack could not be reached". */
export const REJECTED_TOKEN_CODES: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'not_allowed_token_type',
  'missing_scope',
  'user_removed_from_team',
  'team_disabled',
]);

/** The Web API base URL every Slack client uses (SLACK_API_URL, with the trailing slash the SDK expects). */
export function slackApiUrl(config: Pick<Config, 'slack'>): string | undefined {
  const url = config.slack.apiUrl;
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** A reason for a log line: Slack's error code, plus the network cause when the request itself failed. */
export function slackFailureReason(error: unknown): string {
  const code = slackErrorCode(error);
  if (code !== 'request_failed' && code !== 'unexpected_error') return code;
  const original = (error as { original?: unknown })?.original ?? error;
  const cause = (original as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : original instanceof Error
          ? original.message
          : String(original ?? 'no answer');
  return `${code}: ${detail}`.replace(/\s+/g, ' ').slice(0, 200);
}

export interface BotIdentity {
  botId?: string;
  botUserId?: string;
  /** The workspace the bot is installed in (Slack Connect: users of other teams are told apart by it). */
  teamId?: string;
}

export interface TokenCheckOptions {
  logger: Pick<Logger, 'warn' | 'info'>;
  signal?: AbortSignal;
}

export async function verifyBotToken(config: Config, options: TokenCheckOptions): Promise<BotIdentity> {
  const apiUrl = slackApiUrl(config);
  const client = new webApi.WebClient(config.slack.botToken ?? '', {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // One attempt per call: the retries (and their log lines) are retryUntilDeadline's.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
  const where = apiUrl ?? 'https://slack.com/api/';
  const result = await retryUntilDeadline(() => client.auth.test(), {
    what: 'checking SLACK_BOT_TOKEN with auth.test',
    deadlineMs: config.slack.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    gaveUp: `cannot reach the Slack Web API at ${where} to check SLACK_BOT_TOKEN; check the network or SLACK_API_URL`,
    logger: options.logger,
    ...(options.signal ? { signal: options.signal } : {}),
    classify: (error) => {
      const code = slackErrorCode(error);
      if (REJECTED_TOKEN_CODES.has(code)) {
        return {
          reason: code,
          fatal: new StartupError(
            `SLACK_BOT_TOKEN was rejected by Slack (${code}): set the app's Bot User OAuth Token (xoxb-...).`,
            EXIT.badInput,
          ),
        };
      }
      return { reason: slackFailureReason(error) };
    },
  });
  return {
    ...(typeof result.bot_id === 'string' ? { botId: result.bot_id } : {}),
    ...(typeof result.user_id === 'string' ? { botUserId: result.user_id } : {}),
    ...(typeof result.team_id === 'string' ? { teamId: result.team_id } : {}),
  };
}
