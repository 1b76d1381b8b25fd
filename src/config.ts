/**
 * Reads and validates the environment of DESIGN section 6 once, at start, into one typed object.
 * Every bad or missing variable is named in a single ConfigError message.
 */
import { z } from 'zod';
import { parseRegion } from './aws/identifiers.js';
import { parseRoleArnWithoutPath } from './aws-facts/arns.js';
import { ConfigError } from './config-error.js';
import { DEFAULT_RESPONSE_URL_HOSTS, responseUrlHostProblems } from './slack/response-url-guard.js';

export type SlackMode = 'socket' | 'http';

export interface Config {
  slack: {
    mode: SlackMode;
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    port: number;
    apiUrl?: string;
    /** SLACK_RESPONSE_URL_HOSTS: the only hosts a response_url may point at (https; default hooks.slack.com). */
    responseUrlHosts?: readonly string[];
    /** SLACK_STARTUP_TIMEOUT_SECONDS in ms: how long start-up keeps trying to reach Slack (default 120 s). */
    startupTimeoutMs?: number;
    /** SLACK_UNHEALTHY_AFTER_SECONDS in ms: /healthz turns 503 after this long without a connection (default 300 s). */
    unhealthyAfterMs?: number;
  };
  aws: {
    /** Default region for diagnosis when the target names none. */
    region: string;
    diagRoleName: string;
    diagExternalId?: string;
    remediationRoleName: string;
    /** REMEDIATION_EXTERNAL_ID: the remediation role's own external id (never DIAG_EXTERNAL_ID). */
    remediationExternalId?: string;
    /** Whole-diagnosis deadline. */
    diagnosisDeadlineMs: number;
    /**
     * Optional read-only role in the organization's management (or delegated administrator) account
     * (ORG_READER_ROLE_ARN, DESIGN section 8): lets the diagnosis show the SCP / RCP statement a denial names.
     */
    orgReaderRoleArn?: string;
  };
  accountsFile?: string;
  approvalTtlSeconds: number;
  /** RATE_LIMIT_PER_USER / RATE_LIMIT_PER_CHANNEL for live diagnoses and remediation requests (undefined = off). */
  rateLimits?: { perUser?: RateLimit; perChannel?: RateLimit };
  /** Bound on waiting for in-flight work after SIGTERM (DRAIN_TIMEOUT_SECONDS, default 20 s); set by readConfig. */
  drainTimeoutMs?: number;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** At most `limit` operations per `windowMs`, e.g. "10/min". */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS = {
  perUser: { limit: 10, windowMs: 60_000 },
  perChannel: { limit: 30, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

const WINDOWS: Record<string, number> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000, hour: 3_600_000 };

/** "10/min", "2/s", "100/hour"; "off" (undefined) turns the limit off; a string is the problem. */
export function parseRateLimit(
  name: string,
  value: string | undefined,
  fallback: RateLimit,
): RateLimit | undefined | string {
  if (value === undefined || value.trim() === '') return fallback;
  const text = value.trim().toLowerCase();
  if (text === 'off') return undefined;
  const match = /^(\d{1,6})\s*\/\s*(s|sec|m|min|h|hour)$/.exec(text);
  const limit = match ? Number(match[1]) : 0;
  if (!match?.[2] || limit < 1) {
    return `${name} must look like 10/min (a positive count per s, min or hour) or "off", got "${value}"`;
  }
  return { limit, windowMs: WINDOWS[match[2]] ?? 60_000 };
}

/** What the caller is about to do decides which variables are required. */
export type ConfigPurpose = 'bot' | 'diagnose' | 'cli';

export { ConfigError } from './config-error.js';

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === '' ? undefined : value));

function intInRange(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value.trim());
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });
}

const schema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xox[bp]-\S+$/.test(v), {
    message: 'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: optionalText.refine((v) => v === undefined || /^\S{8,}$/.test(v), {
    message: "SLACK_SIGNING_SECRET must be the app's signing secret (at least 8 characters, no spaces)",
  }),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || /^xapp-\S+$/.test(v), {
    message: 'SLACK_APP_TOKEN must be an app-level token starting with "xapp-"',
  }),
  SLACK_MODE: optionalText.refine((v) => v === undefined || v === 'socket' || v === 'http', {
    message: 'SLACK_MODE must be "socket" or "http"',
  }),
  PORT: intInRange('PORT', 1, 65535, 3000),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
  }),
  SLACK_STARTUP_TIMEOUT_SECONDS: intInRange('SLACK_STARTUP_TIMEOUT_SECONDS', 1, 3600, 120),
  SLACK_UNHEALTHY_AFTER_SECONDS: intInRange('SLACK_UNHEALTHY_AFTER_SECONDS', 1, 86_400, 300),
  ACCOUNTS_FILE: optionalText,
  DIAG_ROLE_NAME: optionalText.refine((v) => v === undefined || IAM_ROLE_NAME.test(v), {
    message: 'DIAG_ROLE_NAME must be an IAM role name (1-64 of letters, digits and +=,.@_-)',
  }),
  DIAG_EXTERNAL_ID: optionalText.refine((v) => v === undefined || EXTERNAL_ID.test(v), {
    message: 'DIAG_EXTERNAL_ID must be 2-1224 of letters, digits and +=,.@:/-',
  }),
  REMEDIATION_EXTERNAL_ID: optionalText.refine((v) => v === undefined || EXTERNAL_ID.test(v), {
    message: 'REMEDIATION_EXTERNAL_ID must be 2-1224 of letters, digits and +=,.@:/-',
  }),
  SLACK_RESPONSE_URL_HOSTS: optionalText,
  RATE_LIMIT_PER_USER: optionalText,
  RATE_LIMIT_PER_CHANNEL: optionalText,
  ORG_READER_ROLE_ARN: optionalText.refine((v) => v === undefined || parseRoleArnWithoutPath(v) !== undefined, {
    message:
      'ORG_READER_ROLE_ARN must be the ARN of a role without a path, such as ' +
      'arn:aws:iam::123456789012:role/BedrockOrgReaderRole (infra/org-reader-role.yaml)',
  }),
  REMEDIATION_ROLE_NAME: optionalText.refine((v) => v === undefined || IAM_ROLE_NAME.test(v), {
    message: 'REMEDIATION_ROLE_NAME must be an IAM role name (1-64 of letters, digits and +=,.@_-)',
  }),
  APPROVAL_TTL_SECONDS: intInRange('APPROVAL_TTL_SECONDS', 60, 7 * 24 * 3600, 1800),
  DIAGNOSIS_DEADLINE_SECONDS: intInRange('DIAGNOSIS_DEADLINE_SECONDS', 2, 300, 25),
  DRAIN_TIMEOUT_SECONDS: intInRange('DRAIN_TIMEOUT_SECONDS', 0, 600, 20),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^(?:sqlite:.+|postgres(?:ql)?:\/\/.+)$/.test(v), {
    message: 'DATABASE_URL must be sqlite:PATH or postgres://user:pass@host:port/db',
  }),
  LOG_LEVEL: optionalText.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v), {
    message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  }),
  AWS_REGION: optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const region = parseRegion(v);
    if (region.ok) return region.value;
    ctx.addIssue({
      code: 'custom',
      message: `AWS_REGION must be an AWS region code such as us-east-1: ${region.problem}`,
    });
    return z.NEVER;
  }),
  AWS_DEFAULT_REGION: optionalText,
});

/**
 * Reads the environment. `purpose` decides what is required: the bot needs Slack credentials (and the app token
 * in Socket Mode) and the external id; `diagnose` needs the external id; other CLI commands need neither.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, purpose: ConfigPurpose = 'bot'): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(issue.message);
  }
  const e = parsed.success ? parsed.data : undefined;
  const mode: SlackMode = (e?.SLACK_MODE as SlackMode | undefined) ?? (env.SLACK_APP_TOKEN?.trim() ? 'socket' : 'http');

  if (purpose === 'bot') {
    if (!env.SLACK_BOT_TOKEN?.trim()) problems.push('SLACK_BOT_TOKEN is missing (the bot token, xoxb-...)');
    if (mode === 'http' && !env.SLACK_SIGNING_SECRET?.trim()) {
      problems.push('SLACK_SIGNING_SECRET is missing (required in HTTP mode to verify Slack requests)');
    }
    if (mode === 'socket' && !env.SLACK_APP_TOKEN?.trim()) {
      problems.push('SLACK_APP_TOKEN is missing (required when SLACK_MODE=socket; or set SLACK_MODE=http)');
    }
  }
  if ((purpose === 'bot' || purpose === 'diagnose') && !env.DIAG_EXTERNAL_ID?.trim()) {
    problems.push('DIAG_EXTERNAL_ID is missing (the external id the diagnostic role trusts)');
  }
  if (e?.REMEDIATION_EXTERNAL_ID && e.REMEDIATION_EXTERNAL_ID === e.DIAG_EXTERNAL_ID) {
    problems.push(
      'REMEDIATION_EXTERNAL_ID must differ from DIAG_EXTERNAL_ID: the remediation role trusts its own id, so an ' +
        'account that learns the diagnostic id (it is sent to every diagnosed account) cannot reuse it',
    );
  }
  if (e?.SLACK_RESPONSE_URL_HOSTS) problems.push(...responseUrlHostProblems(e.SLACK_RESPONSE_URL_HOSTS));
  const perUser = parseRateLimit('RATE_LIMIT_PER_USER', e?.RATE_LIMIT_PER_USER, DEFAULT_RATE_LIMITS.perUser);
  const perChannel = parseRateLimit(
    'RATE_LIMIT_PER_CHANNEL',
    e?.RATE_LIMIT_PER_CHANNEL,
    DEFAULT_RATE_LIMITS.perChannel,
  );
  for (const limit of [perUser, perChannel]) if (typeof limit === 'string') problems.push(limit);
  if (problems.length > 0 || !e) throw new ConfigError(problems);

  const databaseUrl = e.DATABASE_URL ?? 'sqlite:./data/bedrock-403.db';
  const fallbackRegion = e.AWS_DEFAULT_REGION === undefined ? undefined : parseRegion(e.AWS_DEFAULT_REGION);
  const defaultRegion = e.AWS_REGION ?? (fallbackRegion?.ok ? fallbackRegion.value : 'us-east-1');
  return {
    slack: {
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      port: e.PORT,
      apiUrl: e.SLACK_API_URL,
      responseUrlHosts: e.SLACK_RESPONSE_URL_HOSTS
        ? e.SLACK_RESPONSE_URL_HOSTS.split(',')
            .map((h) => h.trim())
            .filter((h) => h !== '')
        : DEFAULT_RESPONSE_URL_HOSTS,
      startupTimeoutMs: e.SLACK_STARTUP_TIMEOUT_SECONDS * 1000,
      unhealthyAfterMs: e.SLACK_UNHEALTHY_AFTER_SECONDS * 1000,
    },
    aws: {
      region: defaultRegion,
      diagRoleName: e.DIAG_ROLE_NAME ?? 'BedrockDiagnosticsRole',
      diagExternalId: e.DIAG_EXTERNAL_ID,
      remediationRoleName: e.REMEDIATION_ROLE_NAME ?? 'BedrockKeyRemediationRole',
      ...(e.REMEDIATION_EXTERNAL_ID ? { remediationExternalId: e.REMEDIATION_EXTERNAL_ID } : {}),
      diagnosisDeadlineMs: e.DIAGNOSIS_DEADLINE_SECONDS * 1000,
      ...(e.ORG_READER_ROLE_ARN ? { orgReaderRoleArn: e.ORG_READER_ROLE_ARN } : {}),
    },
    accountsFile: e.ACCOUNTS_FILE,
    approvalTtlSeconds: e.APPROVAL_TTL_SECONDS,
    rateLimits: {
      ...(perUser && typeof perUser !== 'string' ? { perUser } : {}),
      ...(perChannel && typeof perChannel !== 'string' ? { perChannel } : {}),
    },
    drainTimeoutMs: e.DRAIN_TIMEOUT_SECONDS * 1000,
    database: databaseUrl.startsWith('sqlite:')
      ? { kind: 'sqlite', path: databaseUrl.slice('sqlite:'.length) }
      : { kind: 'postgres', url: databaseUrl },
    logLevel: (e.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
  };
}

/** The secret values of a config, for exact-match redaction in logs and outgoing payloads. */
export function secretValuesOf(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.aws.diagExternalId,
    config.aws.remediationExternalId,
  ].filter((v): v is string => typeof v === 'string' && v.length >= 6);
}
