/**
 * CloudTrail event history (cloudtrail:LookupEvents, botocore cloudtrail 2013-11-01; API reference LookupEvents):
 * management events of the last 90 days, per region, ONE lookup attribute per call, at most 50 events a page,
 * "two requests per second, per account, per Region" (else throttling). Bedrock runtime calls (InvokeModel,
 * Converse...) are management events and are logged in the SOURCE region, with additionalEventData.inferenceRegion
 * for cross-region routing and additionalEventData.callWithBearerToken for Bedrock API keys (bedrock-2025-2026
 * sections 1.1, 1.3: [I] observations, not a documented contract).
 *
 * Events[].CloudTrailEvent is the whole record as a JSON string; it is parsed here and never trusted to be JSON.
 */
import { type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { DiagnosisContext } from './context.js';

/** Event history keeps 90 days (LookupEvents documentation). */
export const EVENT_HISTORY_MS = 90 * 86_400_000;
/** 2 requests per second per account and region: one call every 500 ms at most. */
export const MIN_LOOKUP_INTERVAL_MS = 500;
/** At most this many pages (50 events each) per lookup. */
export const MAX_LOOKUP_PAGES = 3;

export interface TrailEvent {
  eventId?: string;
  eventName?: string;
  eventTime?: string;
  eventSource?: string;
  awsRegion?: string;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  identityArn?: string;
  identityType?: string;
  accessKeyId?: string;
  sourceIp?: string;
  userAgent?: string;
  callWithBearerToken?: boolean;
  inferenceRegion?: string;
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** One event: the LookupEvents summary fields, completed from the CloudTrailEvent record when it parses. */
export function parseTrailEvent(event: Event): TrailEvent {
  let record: Json = {};
  try {
    record = obj(JSON.parse(event.CloudTrailEvent ?? '{}'));
  } catch {
    record = {};
  }
  const identity = obj(record.userIdentity);
  const extra = obj(record.additionalEventData);
  const bearer = extra.callWithBearerToken;
  const out: TrailEvent = {
    eventId: event.EventId ?? str(record.eventID),
    eventName: event.EventName ?? str(record.eventName),
    eventTime: event.EventTime?.toISOString() ?? str(record.eventTime),
    eventSource: event.EventSource ?? str(record.eventSource),
    awsRegion: str(record.awsRegion),
    requestId: str(record.requestID),
    errorCode: str(record.errorCode),
    errorMessage: str(record.errorMessage),
    identityArn: str(identity.arn),
    identityType: str(identity.type),
    accessKeyId: str(identity.accessKeyId) ?? event.AccessKeyId,
    sourceIp: str(record.sourceIPAddress),
    userAgent: str(record.userAgent),
    inferenceRegion: str(extra.inferenceRegion),
  };
  if (bearer === true || bearer === 'true') out.callWithBearerToken = true;
  else if (bearer === false || bearer === 'false') out.callWithBearerToken = false;
  for (const key of Object.keys(out) as (keyof TrailEvent)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** When each (account, region) may be asked next: the 2 requests/s limit is per account and region, not per diagnosis. */
const nextAllowed = new Map<string, number>();
/**
 * The longest a lookup waits for its turn: in a burst of diagnoses of one account, the later ones skip CloudTrail
 * (and say why) instead of stretching every diagnosis by half a second per diagnosis ahead of them.
 */
export const MAX_LOOKUP_WAIT_MS = 3000;

/** CloudTrail's turn for this account and region is more than MAX_LOOKUP_WAIT_MS away. */
export class LookupBusy extends Error {
  override name = 'LookupBusy';
  constructor(readonly waitMs: number) {
    super(`CloudTrail lookups for this account and region are queued for ${Math.ceil(waitMs / 1000)} s`);
  }
}

/**
 * Takes the next turn of `key` (account|region) at `now`: how long to wait for it (0: at once). Throws LookupBusy,
 * taking nothing, when that is more than MAX_LOOKUP_WAIT_MS away.
 */
export function reserveLookupTurn(key: string, now: number): number {
  const at = Math.max(now, nextAllowed.get(key) ?? 0);
  if (at - now > MAX_LOOKUP_WAIT_MS) throw new LookupBusy(at - now);
  nextAllowed.delete(key);
  nextAllowed.set(key, at + MIN_LOOKUP_INTERVAL_MS);
  if (nextAllowed.size > 1000) nextAllowed.delete(nextAllowed.keys().next().value ?? '');
  return at - now;
}

async function pace(key: string, signal: AbortSignal): Promise<void> {
  const wait = reserveLookupTurn(key, Date.now());
  if (wait <= 0) return;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, wait);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface LookupRequest {
  region: string;
  attribute: { key: 'AccessKeyId' | 'EventName' | 'Username'; value: string };
  start: Date;
  end: Date;
  /** Stop paging once this returns true for an event (the one looked for was found). */
  stopWhen?: (event: TrailEvent) => boolean;
}

export interface LookupResult {
  events: TrailEvent[];
  pages: number;
  /** True when more pages were left unread (bounded). */
  truncated: boolean;
}

/** LookupEvents in `region` with the diagnostic role: bounded pages, paced to 2 requests/s. */
export async function lookupEvents(ctx: DiagnosisContext, request: LookupRequest): Promise<LookupResult> {
  const client = ctx.clients.cloudtrail(request.region, await ctx.roleSource());
  const events: TrailEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  for (; pages < MAX_LOOKUP_PAGES; ) {
    try {
      await pace(`${ctx.input.accountId}|${request.region}`, ctx.signal);
    } catch (error) {
      // A later page with no turn soon: what was read stands, the rest is left unread.
      if (error instanceof LookupBusy && pages > 0) return { events, pages, truncated: true };
      throw error;
    }
    const out = await ctx.call('cloudtrail:LookupEvents', 'role', (abortSignal) =>
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: request.attribute.key, AttributeValue: request.attribute.value }],
          StartTime: request.start,
          EndTime: request.end,
          MaxResults: 50,
          NextToken: nextToken,
        }),
        { abortSignal },
      ),
    );
    pages++;
    const parsed = (out.Events ?? []).map(parseTrailEvent);
    events.push(...parsed);
    nextToken = out.NextToken;
    if (!nextToken || (request.stopWhen && parsed.some(request.stopWhen))) break;
  }
  return { events, pages, truncated: Boolean(nextToken) && pages >= MAX_LOOKUP_PAGES };
}
