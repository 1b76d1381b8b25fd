/**
 * The failing call in CloudTrail (issue 15): cloudtrail:LookupEvents in the source region, JSON 1.1 on the wire
 * (botocore cloudtrail 2013-11-01), Events[].CloudTrailEvent a JSON string holding the record (CloudTrail record
 * contents: userIdentity, sourceIPAddress, userAgent, errorCode, errorMessage, requestID, additionalEventData).
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { LookupBusy, reserveLookupTurn } from '../../src/diagnosis/cloudtrail-events.js';
import type { Report, Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';
import { json11Error, json11Response } from '../helpers/aws-mock-json11.js';
import {
  ACCOUNT,
  checkOf,
  KEY,
  keyIdForAccount,
  MODEL,
  mockDiagnosisScenario,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const REQUEST_ID = '5bd9b9e0-3f1c-4e5a-9a51-2c1f7c1d2e3f';
const FAILED_AT = Date.now() - 20 * 60_000;

const cloudtrail = (report: Report) => checkOf(report, 'cloudtrail');

interface RecordSpec {
  requestId: string;
  at: number;
  arn?: string;
  keyId?: string;
  errorCode?: string;
  errorMessage?: string;
  bearer?: boolean;
  inferenceRegion?: string;
  eventName?: string;
}

/** One LookupEvents Events[] member, CloudTrailEvent as the JSON string CloudTrail returns. */
function event(r: RecordSpec) {
  const arn = r.arn ?? `arn:aws:iam::${ACCOUNT}:user/${USER}`;
  const record = {
    eventVersion: '1.11',
    userIdentity: {
      type: arn.includes(':assumed-role/') ? 'AssumedRole' : 'IAMUser',
      principalId: 'AIDAEXAMPLEUSERID',
      arn,
      accountId: ACCOUNT,
      accessKeyId: r.keyId ?? KEY,
      userName: USER,
    },
    eventTime: new Date(r.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'bedrock.amazonaws.com',
    eventName: r.eventName ?? 'InvokeModel',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.17',
    userAgent:
      'Boto3/1.40.1 md/Botocore#1.40.1 ua/2.1 os/linux lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.40.1',
    ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage ?? 'denied' } : {}),
    requestParameters: { modelId: MODEL },
    responseElements: null,
    additionalEventData: {
      ...(r.bearer !== undefined ? { callWithBearerToken: r.bearer } : {}),
      ...(r.inferenceRegion ? { inferenceRegion: r.inferenceRegion } : {}),
    },
    requestID: r.requestId,
    eventID: `ev-${r.requestId.slice(0, 8)}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: 'false',
    AccessKeyId: r.keyId ?? KEY,
    EventTime: Math.floor(r.at / 1000),
    EventSource: 'bedrock.amazonaws.com',
    Username: USER,
    Resources: [],
    CloudTrailEvent: JSON.stringify(record),
  };
}

const DENIED =
  `User: arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: bedrock:InvokeModel on resource: ` +
  `arn:aws:bedrock:us-east-2::foundation-model/${MODEL} with an explicit deny in a service control policy`;

function pasteWith(requestId: string, at: number, code = 'AccessDeniedException'): Triage {
  return triage(
    `${new Date(at).toISOString()} ERROR botocore.exceptions.ClientError: An error occurred (${code}) when ` +
      `calling the InvokeModel operation: ${DENIED}\nRequestId: ${requestId}`,
  );
}

describe('the failing call in CloudTrail', () => {
  it('finds the pasted request id (on page 2), shows who really called, from where, how, and the error', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        LookupEvents: [
          json11Response({
            Events: [event({ requestId: 'other-1', at: FAILED_AT + 60_000, errorCode: 'ThrottlingException' })],
            NextToken: 'page-2',
          }),
          json11Response({
            Events: [
              event({
                requestId: REQUEST_ID,
                at: FAILED_AT,
                errorCode: 'AccessDenied',
                errorMessage: DENIED,
                bearer: false,
                inferenceRegion: 'us-east-2',
              }),
            ],
          }),
        ],
      },
    });
    const report = await testEngine().diagnose(aws.target, { triage: pasteWith(REQUEST_ID, FAILED_AT) });
    const c = cloudtrail(report);

    const requests = aws.calls.LookupEvents?.requests ?? [];
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }],
      MaxResults: 50,
    });
    // JSON 1.1 timestamps are epoch seconds: a window of 15 minutes either side of the time the paste shows.
    const start = (requests[0] as unknown as { StartTime: number }).StartTime;
    const end = (requests[0] as unknown as { EndTime: number }).EndTime;
    expect(start).toBe(Math.floor((FAILED_AT - 15 * 60_000) / 1000));
    expect(end).toBe(Math.floor((FAILED_AT + 15 * 60_000) / 1000));
    expect(requests[1]).toMatchObject({ NextToken: 'page-2' });
    expect(aws.calls.LookupEvents?.paths[0]).toBe('/');

    expect(c.status).toBe('fail');
    expect(c.evidence['request id']).toBe(REQUEST_ID);
    expect(c.evidence.caller).toBe(`arn:aws:iam::${ACCOUNT}:user/${USER} (IAMUser)`);
    expect(c.evidence['source IP']).toBe('203.0.113.17');
    expect(String(c.evidence['user agent'])).toMatch(/^Boto3\/1\.40\.1/);
    expect(c.evidence.callWithBearerToken).toBe(false);
    expect(c.evidence.inferenceRegion).toBe('us-east-2');
    expect(c.evidence.error).toBe(`AccessDenied: ${DENIED}`);
    expect(c.summary).toContain('served in us-east-2');
    expect(String(c.evidence['access key'])).not.toContain(KEY);
  });

  it('another identity than the principal given made the call: wrong_profile_or_env', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        LookupEvents: json11Response({
          Events: [
            event({
              requestId: REQUEST_ID,
              at: FAILED_AT,
              errorCode: 'AccessDenied',
              arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-runner/i-0abc`,
            }),
          ],
        }),
      },
    });
    const target = { ...aws.target, principalArn: `arn:aws:iam::${ACCOUNT}:user/${USER}` };
    const report = await testEngine().diagnose(target, { triage: pasteWith(REQUEST_ID, FAILED_AT) });
    const c = cloudtrail(report);
    expect(c.causes?.map((x) => x.id)).toEqual(['wrong_profile_or_env']);
    expect(c.causes?.[0]?.why).toContain('assumed-role/ci-runner/i-0abc');
  });

  it('a call made with a Bedrock API key (callWithBearerToken): bedrock_api_key', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        LookupEvents: json11Response({
          Events: [event({ requestId: REQUEST_ID, at: FAILED_AT, errorCode: 'AccessDeniedException', bearer: true })],
        }),
      },
    });
    const report = await testEngine().diagnose(aws.target, { triage: pasteWith(REQUEST_ID, FAILED_AT) });
    const c = cloudtrail(report);
    expect(c.evidence.callWithBearerToken).toBe(true);
    expect(c.causes?.map((x) => x.id)).toContain('bedrock_api_key');
  });

  it('without a request id: the latest failed Bedrock call of the key in the last hour', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        LookupEvents: json11Response({
          Events: [
            event({ requestId: 'ok-1', at: Date.now() - 60_000 }),
            event({ requestId: 'bad-1', at: Date.now() - 120_000, errorCode: 'ValidationException' }),
          ],
        }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const c = cloudtrail(report);
    expect(c.status).toBe('fail');
    expect(c.evidence['request id']).toBe('bad-1');
    expect(c.summary).toContain('the latest failed Bedrock call');
  });

  it('a request id CloudTrail does not have: warn, and says where else it may be', async () => {
    const aws = mockDiagnosisScenario();
    const report = await testEngine().diagnose(aws.target, { triage: pasteWith(REQUEST_ID, FAILED_AT) });
    const c = cloudtrail(report);
    expect(c.status).toBe('warn');
    expect(c.summary).toContain(`No CloudTrail event in us-east-1 has the request id ${REQUEST_ID}`);
  });

  it('a credentials error without a key: says plainly no event can exist, and calls nothing', async () => {
    const aws = mockDiagnosisScenario();
    const t = triage(
      'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token ' +
        `included in the request is invalid.\nRequestId: ${REQUEST_ID}`,
    );
    const report = await testEngine().diagnose(
      { accountId: ACCOUNT, region: 'us-east-1', modelId: MODEL },
      { triage: t },
    );
    const c = cloudtrail(report);
    expect(c.status).toBe('skip');
    expect(c.summary).toMatch(/^No CloudTrail event can exist for this failure/);
    expect(aws.calls.LookupEvents?.requests).toHaveLength(0);
  });

  it('a paste older than the 90-day event history: skip, no call', async () => {
    const aws = mockDiagnosisScenario();
    const old = Date.now() - 100 * 86_400_000;
    const report = await testEngine().diagnose(aws.target, { triage: pasteWith(REQUEST_ID, old) });
    const c = cloudtrail(report);
    expect(c.status).toBe('skip');
    expect(c.summary).toContain('keeps 90 days');
    expect(aws.calls.LookupEvents?.requests).toHaveLength(0);
  });

  it('the role may not call cloudtrail:LookupEvents: skip naming the optional permission, never a failure', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        LookupEvents: json11Error(
          'AccessDeniedException',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/BedrockDiagnosticsRole/diag-x is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action`,
        ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const c = cloudtrail(report);
    expect(c.status).toBe('skip');
    expect(c.summary).toContain('may not call cloudtrail:LookupEvents (optional');
    expect(c.fix[0]).toContain('infra/diagnostic-role.yaml');
  });
  it('a burst of diagnoses of one account: those whose turn is over 3 s away skip CloudTrail and say why', async () => {
    // An account of its own: the 2 requests/s pacing is per account and region for the whole process.
    const accountId = '222233334444';
    const aws = mockDiagnosisScenario({ accountId, keyId: keyIdForAccount(accountId) });
    const engine = testEngine();
    const reports = await Promise.all(Array.from({ length: 24 }, () => engine.diagnose(aws.target)));
    engine.close();
    const checks = reports.map(cloudtrail);
    const busy = checks.filter((c) => c.summary.startsWith('Not looked up: CloudTrail answers 2 lookups per second'));
    // 24 lookups at 2/s would take 12 s; none waits more than 3 s, so some skip (how many depends on how the 24
    // arrive; the turn arithmetic itself is tested below).
    expect(busy.length).toBeGreaterThan(0);
    expect(aws.calls.LookupEvents?.requests).toHaveLength(24 - busy.length);
    for (const c of busy) {
      expect(c.status).toBe('skip');
      expect(c.summary).toMatch(
        new RegExp(`other diagnoses of account ${accountId} in us-east-1 hold the next \\d s; re-run in a few seconds`),
      );
    }
  }, 30_000);

  it('turns: one every 500 ms per account and region, none further than 3 s ahead, taken only when given', () => {
    const key = `test-turns|${Math.random()}`;
    const waits = Array.from({ length: 7 }, () => reserveLookupTurn(key, 1_000_000));
    expect(waits).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(() => reserveLookupTurn(key, 1_000_000)).toThrow(LookupBusy);
    expect(() => reserveLookupTurn(key, 1_000_000)).toThrow(/queued for 4 s/);
    // Refusals took no turn: half a second later, the next one is 3 s away again.
    expect(reserveLookupTurn(key, 1_000_500)).toBe(3000);
    expect(reserveLookupTurn(`${key}-other-region`, 1_000_000)).toBe(0);
  });
});
