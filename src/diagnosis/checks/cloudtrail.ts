/**
 * cloudtrail (what a senior engineer looks at next): the failing call itself in the target account's CloudTrail
 * event history, in the SOURCE region (cloudtrail:LookupEvents with the diagnostic role). Looked up by the access
 * key id (or else by the event name the paste shows) within a window around the time the paste shows (or the last
 * hour), the request id matched client-side (LookupEvents has no request-id filter). Shows who really called
 * (identity ARN, access key, source IP, user agent, callWithBearerToken, inferenceRegion) and the error code and
 * message; says plainly when no event can exist (calls AWS rejects for an unknown key are not recorded in the target
 * account, and event history keeps 90 days).
 */
import { maskKeyId } from '../../aws-facts/access-key-ids.js';
import type { Cause, Evidence } from '../../report.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome } from '../check.js';
import {
  EVENT_HISTORY_MS,
  LookupBusy,
  type LookupRequest,
  lookupEvents,
  type TrailEvent,
} from '../cloudtrail-events.js';
import type { DiagnosisContext } from '../context.js';

/** Error codes of a request AWS could not attribute to a key it knows: no account records it. */
const UNKNOWN_KEY_CODES = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);
/** Window around the time the paste shows. */
const WINDOW_MS = 15 * 60_000;
/** Window without a time: the last hour. */
const RECENT_MS = 60 * 60_000;

export const cloudTrailCheck: CheckDefinition = {
  id: 'cloudtrail',
  title: 'The failing call in CloudTrail',
  async run(ctx) {
    const { failedCall, key, region, accountId } = ctx.input;
    const now = ctx.now();
    const requestId = failedCall?.requestId;
    if (!key && failedCall?.errorCode && UNKNOWN_KEY_CODES.has(failedCall.errorCode)) {
      return {
        status: 'skip',
        summary:
          `No CloudTrail event can exist for this failure: AWS rejected the credentials (${failedCall.errorCode}), and a ` +
          `call with a key AWS cannot attribute to an account is not recorded in account ${accountId}'s CloudTrail`,
      };
    }
    if (failedCall?.at !== undefined && now - failedCall.at > EVENT_HISTORY_MS) {
      return {
        status: 'skip',
        summary:
          `The paste shows ${new Date(failedCall.at).toISOString()}, more than 90 days ago: CloudTrail event history ` +
          'keeps 90 days (a trail delivered to S3 or CloudTrail Lake may keep it longer)',
      };
    }
    const attribute: LookupRequest['attribute'] | undefined = key
      ? { key: 'AccessKeyId', value: key.id }
      : failedCall?.operation && requestId
        ? { key: 'EventName', value: failedCall.operation }
        : undefined;
    if (!attribute) {
      return {
        status: 'skip',
        summary:
          'Nothing to look the call up by: give the access key (--key), or paste the error with its request id and operation',
      };
    }
    const center = failedCall?.at;
    const start = new Date(center !== undefined ? center - WINDOW_MS : now - RECENT_MS);
    const end = new Date(Math.min(now, center !== undefined ? center + WINDOW_MS : now));
    const evidence: Evidence = {
      'looked up': `${attribute.key} = ${attribute.key === 'AccessKeyId' ? maskKeyId(attribute.value) : attribute.value} in ${region}, ${start.toISOString()} to ${end.toISOString()}`,
    };
    if (requestId) evidence['request id (from the paste)'] = requestId;

    let result: Awaited<ReturnType<typeof lookupEvents>>;
    try {
      result = await lookupEvents(ctx, {
        region,
        attribute,
        start,
        end,
        ...(requestId ? { stopWhen: (e: TrailEvent) => e.requestId === requestId } : {}),
      });
    } catch (error) {
      if (error instanceof LookupBusy) {
        return {
          status: 'skip',
          summary:
            `Not looked up: CloudTrail answers 2 lookups per second per account and region, and other diagnoses of ` +
            `account ${accountId} in ${region} hold the next ${Math.ceil(error.waitMs / 1000)} s; re-run in a few ` +
            'seconds to see the failing call',
          evidence,
        };
      }
      if (error instanceof AwsCallError && error.info.kind === 'access_denied') {
        return {
          status: 'skip',
          summary:
            `Not looked up: the diagnostic role may not call cloudtrail:LookupEvents (optional; ${error.info.name}). ` +
            `Update the role in account ${accountId} from infra/diagnostic-role.yaml to see the failing call`,
          evidence,
          fix: [`Allow cloudtrail:LookupEvents to ${ctx.roleRequest.roleName} (infra/diagnostic-role.yaml)`],
        };
      }
      throw error;
    }
    evidence['events read'] =
      `${result.events.length} in ${result.pages} page(s)${result.truncated ? ' (more left unread)' : ''}`;

    const bedrockEvents = result.events.filter((e) => !e.eventSource || e.eventSource === 'bedrock.amazonaws.com');
    const match = requestId
      ? result.events.find((e) => e.requestId === requestId)
      : bedrockEvents.find((e) => e.errorCode !== undefined);
    if (!match) return notFound(ctx, evidence, requestId, bedrockEvents.length, Boolean(key));
    return found(ctx, match, evidence, Boolean(requestId));
  },
};

function notFound(
  ctx: DiagnosisContext,
  evidence: Evidence,
  requestId: string | undefined,
  bedrockEvents: number,
  byKey: boolean,
): CheckOutcome {
  const unknownKey = ctx.input.failedCall?.errorCode && UNKNOWN_KEY_CODES.has(ctx.input.failedCall.errorCode);
  const why = unknownKey
    ? ` The paste shows ${ctx.input.failedCall?.errorCode}: a call with a key AWS does not know (deleted, mistyped, or of another partition) is not recorded in this account, so no event may exist.`
    : ' CloudTrail delivers events within about 5 minutes; a call made in another region is recorded there.';
  if (requestId) {
    return {
      status: 'warn',
      summary: `No CloudTrail event in ${ctx.input.region} has the request id ${requestId}.${why}`,
      evidence,
      fix: [
        'Check the region of the failing call (CloudTrail records it in the source region), and the time the paste shows',
      ],
    };
  }
  return {
    status: 'pass',
    summary:
      `No failed Bedrock call ${byKey ? 'with this key ' : ''}in ${ctx.input.region}'s CloudTrail in the window` +
      ` (${bedrockEvents} Bedrock event(s) read, none with an error).${why}`,
    evidence,
  };
}

function found(ctx: DiagnosisContext, e: TrailEvent, base: Evidence, byRequestId: boolean): CheckOutcome {
  const evidence: Evidence = { ...base };
  evidence.event = `${e.eventName ?? 'unknown'} at ${e.eventTime ?? 'unknown'} (event id ${e.eventId ?? 'unknown'})`;
  if (e.requestId) evidence['request id'] = e.requestId;
  evidence.caller = e.identityArn ? `${e.identityArn}${e.identityType ? ` (${e.identityType})` : ''}` : 'not recorded';
  if (e.accessKeyId) evidence['access key'] = maskKeyId(e.accessKeyId);
  if (e.sourceIp) evidence['source IP'] = e.sourceIp;
  if (e.userAgent) evidence['user agent'] = e.userAgent;
  if (e.callWithBearerToken !== undefined) evidence.callWithBearerToken = e.callWithBearerToken;
  if (e.inferenceRegion) evidence.inferenceRegion = e.inferenceRegion;
  if (e.errorCode) evidence.error = `${e.errorCode}${e.errorMessage ? `: ${e.errorMessage}` : ''}`;

  const causes: Cause[] = [];
  const given = ctx.input.principal;
  if (given && e.identityArn && !sameIdentity(given.arn, e.identityArn)) {
    causes.push(
      cause(
        'wrong_profile_or_env',
        0.7,
        `CloudTrail shows the call was made by ${e.identityArn}, not by ${given.arn}`,
        [
          'Check which credentials the client really uses: aws sts get-caller-identity with the same environment and profile',
        ],
      ),
    );
  }
  if (e.callWithBearerToken && !ctx.input.apiKey) {
    causes.push(
      cause(
        'bedrock_api_key',
        0.6,
        'CloudTrail shows the call was made with a Bedrock API key (additionalEventData.callWithBearerToken = true), not with access keys',
        [
          'AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key) overrides SigV4 credentials in the SDKs: unset it, or diagnose the key (--api-key-from-env)',
        ],
      ),
    );
  }
  const where = e.inferenceRegion && e.inferenceRegion !== ctx.input.region ? `, served in ${e.inferenceRegion}` : '';
  const who = `${e.identityArn ?? 'an unrecorded identity'}${e.sourceIp ? ` from ${e.sourceIp}` : ''}`;
  const how = byRequestId ? 'the call with the pasted request id' : 'the latest failed Bedrock call';
  if (!e.errorCode) {
    return {
      status: 'pass',
      summary: `CloudTrail has ${how}, ${e.eventName ?? ''} by ${who}${where}: it did not fail`,
      evidence,
      ...(causes.length > 0 ? { causes } : {}),
    };
  }
  const summary = `CloudTrail has ${how}: ${e.eventName ?? 'a call'} by ${who}${where} failed with ${e.errorCode}${e.errorMessage ? ` (${e.errorMessage})` : ''}`;
  return {
    status: 'fail',
    summary,
    evidence,
    ...(causes.length > 0 ? { causes, headline: causes[0]?.why } : {}),
  };
}

/** Same identity: equal ARNs, or a role and a session of it. */
function sameIdentity(given: string, recorded: string): boolean {
  if (given === recorded) return true;
  const role = (arn: string) =>
    /:assumed-role\/([^/]+)/.exec(arn)?.[1] ?? /:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? arn;
  return role(given) === role(recorded);
}
