/**
 * Where `respond()` may post (issue 11, item 4). Bolt's respond() POSTs to whatever `response_url` a payload
 * carries, through the app's `fetch`; a forged or mangled payload could point it at instance metadata or an
 * internal service. The app's fetch is wrapped here: calls to the Web API base (SLACK_API_URL) pass through
 * unchanged, anything else is a response_url and must be https to a host of SLACK_RESPONSE_URL_HOSTS (default
 * `hooks.slack.com`), on the default port, without credentials in the URL. Redirects are never followed (a 3xx
 * answer fails like any other non-2xx). Refusals are logged and answered with a synthetic 403, so respond() throws
 * its usual RespondError and every caller's existing "response_url failed" path handles it.
 *
 * An entry written `http://HOST` allows plain http to HOST on any port, and only for a loopback HOST (127.0.0.0/8,
 * ::1, localhost): that is how tests point response_url at a local fake. It is refused for any other host.
 */
import type { Logger } from '../log.js';

export const DEFAULT_RESPONSE_URL_HOSTS: readonly string[] = ['hooks.slack.com'];

interface AllowedHost {
  host: string;
  /** Plain http on any port (loopback entries written http://HOST only). */
  insecureLoopback: boolean;
}

export interface ResponseUrlPolicy {
  readonly entries: readonly string[];
  /** Undefined when the URL may be posted to; otherwise why not (for the log). */
  refusal(url: string): string | undefined;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Parses one SLACK_RESPONSE_URL_HOSTS entry; a string is the problem. */
function parseEntry(raw: string): AllowedHost | string {
  const entry = raw.trim().toLowerCase();
  const http = /^http:\/\/(\[[0-9a-f:]+\]|[^/:]+)\/?$/.exec(entry);
  if (http?.[1]) {
    if (!isLoopbackHost(http[1])) {
      return `"${raw.trim()}": http:// is allowed only for a loopback host (tests); list Slack's host without a scheme (https only)`;
    }
    return { host: http[1].replace(/^\[|\]$/g, ''), insecureLoopback: true };
  }
  const host = entry.replace(/^https:\/\//, '').replace(/\/$/, '');
  if (!HOSTNAME.test(host)) {
    return `"${raw.trim()}" is not a host name (expected e.g. hooks.slack.com, or http://127.0.0.1 in tests)`;
  }
  return { host, insecureLoopback: false };
}

/** The problems of a SLACK_RESPONSE_URL_HOSTS value (comma-separated), empty when it is valid. */
export function responseUrlHostProblems(value: string): string[] {
  const entries = value.split(',').filter((e) => e.trim() !== '');
  if (entries.length === 0) return ['SLACK_RESPONSE_URL_HOSTS must list at least one host (default hooks.slack.com)'];
  return entries
    .map(parseEntry)
    .filter((e): e is string => typeof e === 'string')
    .map((p) => `SLACK_RESPONSE_URL_HOSTS: ${p}`);
}

export function responseUrlPolicy(entries: readonly string[] = DEFAULT_RESPONSE_URL_HOSTS): ResponseUrlPolicy {
  const allowed = entries.map(parseEntry).filter((e): e is AllowedHost => typeof e !== 'string');
  return {
    entries,
    refusal(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return 'not a URL';
      }
      if (url.username || url.password) return 'credentials in the URL';
      const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
      const match = allowed.filter((a) => a.host === host);
      if (match.length === 0) return `host ${host} is not in SLACK_RESPONSE_URL_HOSTS`;
      if (url.protocol === 'https:') return url.port === '' ? undefined : `port ${url.port} (only the https default)`;
      if (url.protocol === 'http:' && match.some((a) => a.insecureLoopback)) return undefined;
      return `scheme ${url.protocol.replace(':', '')} (https only)`;
    },
  };
}

type FetchFn = typeof globalThis.fetch;

function urlOf(input: Parameters<FetchFn>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Only the origin and the first path segment go to the log: the rest of a response_url works like a token. */
function shown(raw: string): string {
  try {
    const url = new URL(raw);
    const first = /^\/[^/]*/.exec(url.pathname)?.[0] ?? '';
    return `${url.protocol}//${url.host}${first}${url.pathname.length > first.length ? '/…' : ''}`;
  } catch {
    return raw.slice(0, 40);
  }
}

/**
 * The app's fetch (Bolt uses one for the Web API and for respond()): Web API calls under `apiBase` unchanged,
 * every other URL checked against `policy` and sent with `redirect: 'manual'`.
 */
export function guardedFetch(options: {
  apiBase: string;
  policy: ResponseUrlPolicy;
  logger: Logger;
  fetch?: FetchFn;
}): FetchFn {
  const inner = options.fetch ?? globalThis.fetch;
  const apiBase = options.apiBase.endsWith('/') ? options.apiBase : `${options.apiBase}/`;
  const guarded = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    const url = urlOf(input);
    if (url.startsWith(apiBase)) return inner(input, init);
    const why = options.policy.refusal(url);
    if (why) {
      options.logger.warn(
        { responseUrl: shown(url), reason: why },
        `response_url refused (${why}); nothing was posted there`,
      );
      return new Response(null, { status: 403, statusText: 'response_url not allowed' });
    }
    const response = await inner(input, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      options.logger.warn(
        { responseUrl: shown(url), status: response.status },
        'response_url answered with a redirect; not followed',
      );
    }
    return response;
  };
  return guarded as FetchFn;
}
