/**
 * nock helpers for the AWS JSON 1.1 services the diagnosis reads (botocore service models, commit 0e6e2404):
 *
 * - CloudTrail (`protocol: json`, jsonVersion 1.1, targetPrefix com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101):
 *   `POST /` to cloudtrail.REGION.amazonaws.com with `X-Amz-Target: <prefix>.LookupEvents`; Events[].CloudTrailEvent
 *   is the whole event record as a JSON STRING; EventTime is epoch seconds (a JSON number) in this protocol
 *   (parse-verified with client-cloudtrail 3.1137.0: 1764690000 -> 2025-12-02T15:40:00.000Z).
 * - Organizations (targetPrefix AWSOrganizationsV20161128): one endpoint, organizations.us-east-1.amazonaws.com;
 *   DescribePolicy answers Policy.PolicySummary and Policy.Content (the policy JSON as a plain string).
 *
 * Errors in JSON 1.1 carry `__type` in the body (and x-amzn-ErrorType), `message` or `Message`.
 */
import nock from 'nock';
import type { MockHandle, MockReply } from './aws-mock.js';

/**
 * botocore's targetPrefix; the JS SDK (client-cloudtrail 3.1137.0, captured) sends the shorter smithy service name
 * `CloudTrail_20131101.LookupEvents`. The service accepts both; the mock does too.
 */
export const CLOUDTRAIL_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';
const TARGET_ALIASES: Record<string, string[]> = { [CLOUDTRAIL_TARGET]: [CLOUDTRAIL_TARGET, 'CloudTrail_20131101'] };
export const ORGANIZATIONS_TARGET = 'AWSOrganizationsV20161128';
export const cloudTrailEndpoint = (region: string) => `https://cloudtrail.${region}.amazonaws.com`;
export const ORGANIZATIONS_ENDPOINT = 'https://organizations.us-east-1.amazonaws.com';

let counter = 0;
const requestId = () => `11111111-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function json11Response(body: unknown, status = 200): MockReply {
  return {
    status,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId() },
  };
}

export function json11Error(type: string, message: string, status = 400): MockReply {
  return {
    status,
    body: JSON.stringify({ __type: type, message }),
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId() },
  };
}

export type Json11Replies = MockReply | MockReply[] | ((body: Record<string, unknown>) => MockReply);

/** Intercepts `X-Amz-Target: <target>.<operation>` at `endpoint`; `requests` holds the parsed JSON bodies. */
export function mockJson11(endpoint: string, target: string, operation: string, replies: Json11Replies): MockHandle {
  const list = typeof replies === 'function' ? undefined : Array.isArray(replies) ? replies : [replies];
  let index = 0;
  const handle: MockHandle = { requests: [], paths: [], headers: [], scope: nock(endpoint) };
  handle.scope
    .persist()
    .post('/')
    .matchHeader('x-amz-target', (value: string) =>
      (TARGET_ALIASES[target] ?? [target]).some((t) => value === `${t}.${operation}`),
    )
    .reply(function (path, body) {
      const parsed = (typeof body === 'string' ? JSON.parse(body || '{}') : body) as Record<string, unknown>;
      handle.headers.push({ ...this.req.headers });
      handle.paths.push(path);
      handle.requests.push(parsed as Record<string, string>);
      const reply = list
        ? (list[Math.min(index++, list.length - 1)] as MockReply)
        : (replies as (b: Record<string, unknown>) => MockReply)(parsed);
      return [reply.status, reply.body, reply.headers];
    });
  return handle;
}

export interface OrgPolicySpec {
  id: string;
  arn: string;
  name: string;
  type?: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** The policy document; serialised into Content as AWS stores it (a JSON string). */
  document: unknown;
}

export const organizations = {
  /** DescribePolicy (Organizations API reference, example response shape). */
  describePolicy: (p: OrgPolicySpec): MockReply =>
    json11Response({
      Policy: {
        PolicySummary: {
          Id: p.id,
          Arn: p.arn,
          Name: p.name,
          Description: `${p.name} (test)`,
          Type: p.type ?? 'SERVICE_CONTROL_POLICY',
          AwsManaged: false,
        },
        Content: JSON.stringify(p.document),
      },
    }),
};

export function mockOrganizations(operation: string, replies: Json11Replies): MockHandle {
  return mockJson11(ORGANIZATIONS_ENDPOINT, ORGANIZATIONS_TARGET, operation, replies);
}

export function mockCloudTrail(region: string, operation: string, replies: Json11Replies): MockHandle {
  return mockJson11(cloudTrailEndpoint(region), CLOUDTRAIL_TARGET, operation, replies);
}

/**
 * DescribeEffectivePolicy's answer for BEDROCK_POLICY as the management account's policy states it (Organizations
 * user guide syntax): one us-east-1 configuration `config_1` enforcing `identifier` (guardrail ARN:VERSION).
 */
export function effectiveBedrockPolicy(
  accountId: string,
  identifier: string,
  extra: Record<string, unknown> = {},
): MockReply {
  return json11Response({
    EffectivePolicy: {
      PolicyContent: JSON.stringify({
        bedrock: {
          guardrail_inference: {
            'us-east-1': {
              config_1: {
                identifier: { '@@assign': identifier },
                selective_content_guarding: {
                  system: { '@@assign': 'selective' },
                  messages: { '@@assign': 'comprehensive' },
                },
                ...extra,
              },
            },
          },
        },
      }),
      LastUpdatedTimestamp: 1773133200,
      TargetId: accountId,
      PolicyType: 'BEDROCK_POLICY',
    },
  });
}
