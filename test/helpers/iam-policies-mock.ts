/**
 * IAM awsQuery answers for reading policies (IAM API reference GetPolicy, GetPolicyVersion, ListUserPolicies,
 * GetUserPolicy, ListRolePolicies, GetRolePolicy; botocore iam 2010-05-08): documents are URL-encoded JSON (RFC 3986)
 * inside the XML, as IAM sends them.
 */
import { IAM_NS, type MockReply, queryResponse, xmlEscape } from './aws-mock.js';

/** What IAM puts on the wire for a policy document: RFC 3986 percent-encoding of the JSON text. */
export function iamEncodedDocument(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export const iamPolicies = {
  getPolicy: (p: { arn: string; name: string; defaultVersionId?: string }): MockReply =>
    queryResponse(
      IAM_NS,
      'GetPolicy',
      `<Policy><PolicyName>${xmlEscape(p.name)}</PolicyName><DefaultVersionId>${p.defaultVersionId ?? 'v3'}</DefaultVersionId>` +
        `<PolicyId>ANPAEXAMPLEPOLICYID01</PolicyId><Path>/</Path><Arn>${xmlEscape(p.arn)}</Arn>` +
        '<AttachmentCount>1</AttachmentCount><PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount>' +
        '<IsAttachable>true</IsAttachable><CreateDate>2025-05-01T10:00:00Z</CreateDate>' +
        '<UpdateDate>2026-02-01T10:00:00Z</UpdateDate></Policy>',
    ),
  getPolicyVersion: (document: unknown, versionId = 'v3'): MockReply =>
    queryResponse(
      IAM_NS,
      'GetPolicyVersion',
      `<PolicyVersion><Document>${xmlEscape(iamEncodedDocument(document))}</Document>` +
        `<IsDefaultVersion>true</IsDefaultVersion><VersionId>${versionId}</VersionId>` +
        '<CreateDate>2026-02-01T10:00:00Z</CreateDate></PolicyVersion>',
    ),
  listUserPolicies: (names: string[]): MockReply =>
    queryResponse(
      IAM_NS,
      'ListUserPolicies',
      `<PolicyNames>${names.map((n) => `<member>${xmlEscape(n)}</member>`).join('')}</PolicyNames>` +
        '<IsTruncated>false</IsTruncated>',
    ),
  getUserPolicy: (userName: string, policyName: string, document: unknown): MockReply =>
    queryResponse(
      IAM_NS,
      'GetUserPolicy',
      `<UserName>${xmlEscape(userName)}</UserName><PolicyName>${xmlEscape(policyName)}</PolicyName>` +
        `<PolicyDocument>${xmlEscape(iamEncodedDocument(document))}</PolicyDocument>`,
    ),
  listRolePolicies: (names: string[]): MockReply =>
    queryResponse(
      IAM_NS,
      'ListRolePolicies',
      `<PolicyNames>${names.map((n) => `<member>${xmlEscape(n)}</member>`).join('')}</PolicyNames>` +
        '<IsTruncated>false</IsTruncated>',
    ),
  getRolePolicy: (roleName: string, policyName: string, document: unknown): MockReply =>
    queryResponse(
      IAM_NS,
      'GetRolePolicy',
      `<RoleName>${xmlEscape(roleName)}</RoleName><PolicyName>${xmlEscape(policyName)}</PolicyName>` +
        `<PolicyDocument>${xmlEscape(iamEncodedDocument(document))}</PolicyDocument>`,
    ),
};
