/** One paste per cause id (plus the context rules that move the ambiguous ones), checked through triage(). */
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS, type CauseId, type Triage } from '../../src/report.js';
import { FAMILY_BASE_RATES } from '../../src/triage/base-rates.js';
import { messageFamilies, triage } from '../../src/triage/index.js';

const INVALID =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.';
const EXPIRED = 'ExpiredTokenException: The security token included in the request is expired';

function top(t: Triage): CauseId | undefined {
  return t.causes[0]?.id;
}

function confidence(t: Triage, id: CauseId): number {
  return t.causes.find((c) => c.id === id)?.confidence ?? 0;
}

describe('one paste per cause', () => {
  const cases: Array<[CauseId, string]> = [
    ['key_not_found', `${INVALID}\nwe deleted that IAM user's keys last week`],
    ['key_inactive', `${INVALID}\n"AccessKeyId": "AKIASP2TPHJSQH3FJXYZ",\n"Status": "Inactive",`],
    ['session_token_mismatch', `AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ\nAWS_SESSION_TOKEN=****\n${INVALID}`],
    ['temp_credentials_expired', EXPIRED],
    [
      'secret_key_mismatch',
      'An error occurred (SignatureDoesNotMatch) when calling the ListBuckets operation: The request signature we calculated does not match the signature you provided.',
    ],
    [
      'clock_skew',
      'Signature expired: 20250101T100000Z is now earlier than 20250101T101000Z (20250101T101500Z - 5 min.)',
    ],
    ['wrong_profile_or_env', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials'],
    [
      'region_unsupported',
      'EndpointConnectionError: Could not connect to the endpoint URL: "https://bedrock-runtime.ap-east-1.amazonaws.com/model/x-v1/invoke"',
    ],
    ['opt_in_region_token', `${INVALID}\nendpoint https://bedrock-runtime.af-south-1.amazonaws.com`],
    [
      'missing_iam_permission',
      'User: arn:aws:iam::123456789012:user/a is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
    ],
    [
      'explicit_deny',
      'User: arn:aws:iam::123456789012:user/a is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in a service control policy',
    ],
    [
      'model_access_not_granted',
      'ResourceNotFoundException: Model use case details have not been submitted for this account.',
    ],
    [
      'inference_profile_required',
      "ValidationException: Invocation of model ID amazon.nova-premier-v1:0 with on-demand throughput isn't supported.",
    ],
    ['invalid_model_id', 'ValidationException: The provided model identifier is invalid.'],
    ['account_issue', 'ValidationException: Operation not allowed'],
    ['key_not_propagated', `created a new access key for the bot and used it immediately\n${INVALID}`],
    ['bedrock_api_key', '{"Message":"Authentication failed: Please make sure your API Key is valid."}'],
    ['unknown', 'ThrottlingException: Too many requests, please wait before trying again.'],
  ];

  it.each(cases)('ranks %s first', (id, text) => {
    const t = triage(text);
    expect(top(t)).toBe(id);
    const cause = t.causes[0];
    expect(cause?.title.length).toBeGreaterThan(10);
    expect(cause?.why.length).toBeGreaterThan(20);
    expect(cause?.fix.length).toBeGreaterThan(0);
  });

  it('explains each cause with evidence quoted from this text', () => {
    const t = triage(
      'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
    );
    expect(t.causes[0]?.why).toContain('The request signature we calculated does not match');
  });
});

describe('the ambiguous "security token ... invalid"', () => {
  const bare = triage('The security token included in the request is invalid');

  it('ranks by base rates, caps every confidence at 0.5 and says so', () => {
    expect(bare.ambiguous).toBe(true);
    // The order is the derived base-rate order of the family (src/triage/families/base-rates.ts).
    const byRate = (Object.entries(FAMILY_BASE_RATES.token_invalid.rates) as Array<[CauseId, number]>)
      .sort((a, b) => b[1] - a[1] || CAUSE_IDS.indexOf(a[0]) - CAUSE_IDS.indexOf(b[0]))
      .map(([id]) => id);
    expect(bare.causes.map((c) => c.id).slice(0, 4)).toEqual(byRate.slice(0, 4));
    for (const c of bare.causes) expect(c.confidence).toBeLessThanOrEqual(0.5);
    const finding = bare.findings.find((f) => f.includes('cannot tell'));
    expect(finding).toContain('What tells them apart');
    expect(finding).toContain('env | grep ^AWS_');
  });

  it('gives the commands that separate the candidates', () => {
    expect(bare.commands).toEqual(
      expect.arrayContaining([
        'env | grep ^AWS_ | cut -d= -f1',
        'aws configure list',
        'aws sts get-access-key-info --access-key-id "$AWS_ACCESS_KEY_ID"',
      ]),
    );
    expect(new Set(bare.commands).size).toBe(bare.commands.length);
  });

  it('AKIA key plus a session token -> session_token_mismatch, confidently', () => {
    const t = triage(`${INVALID}\naws_access_key_id = AKIASP2TPHJSQH3FJXYZ\naws_session_token = ****`);
    expect(top(t)).toBe('session_token_mismatch');
    expect(confidence(t, 'session_token_mismatch')).toBeGreaterThan(0.8);
    expect(t.ambiguous).toBeUndefined();
  });

  it('ASIA key without its token -> session_token_mismatch', () => {
    const t = triage(
      `${INVALID}\nboto3.client("bedrock-runtime", aws_access_key_id="ASIAY34FZKBOKMUTVV7A", aws_secret_access_key=secret)`,
    );
    expect(top(t)).toBe('session_token_mismatch');
    expect(confidence(t, 'session_token_mismatch')).toBeGreaterThan(0.7);
    expect(t.causes.some((c) => c.id === 'key_inactive')).toBe(false);
  });

  it('opt-in region -> opt_in_region_token', () => {
    const t = triage(`${INVALID}\n$ aws bedrock-runtime converse --region me-south-1 ...`);
    expect(top(t)).toBe('opt_in_region_token');
    expect(t.findings.join(' ')).toContain('me-south-1 is an opt-in region');
    expect(t.commands).toContain('aws account get-region-opt-status --region-name me-south-1');
  });

  it('a key just created -> key_not_propagated', () => {
    const t = triage(`2024/01/01 10:00:00 Created new access key\n2024/01/01 10:00:00 ${INVALID}`);
    expect(top(t)).toBe('key_not_propagated');
    expect(t.commands[0]).toBe('sleep 15 && aws sts get-caller-identity');
  });

  it('env keys while a profile is meant -> wrong_profile_or_env', () => {
    const t = triage(
      `$ env | grep AWS_\nAWS_PROFILE=bedrock\nAWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A\nAWS_SECRET_ACCESS_KEY=****\nAWS_SESSION_TOKEN=****\n${INVALID}`,
    );
    expect(top(t)).toBe('wrong_profile_or_env');
    expect(t.findings.join(' ')).toContain('AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN and AWS_PROFILE=bedrock are all set');
  });

  it('aws configure list showing env keys under a named profile -> wrong_profile_or_env', () => {
    const t = triage(`${INVALID}
      Name                    Value             Type    Location
      ----                    -----             ----    --------
   profile                     work           manual    --profile
access_key     ****************ABCD              env
secret_key     ****************EFGH              env
    region                us-east-1      config-file    ~/.aws/config`);
    expect(top(t)).toBe('wrong_profile_or_env');
    expect(t.findings.join(' ')).toContain(
      'aws configure list: access_key ****************ABCD from env, profile work',
    );
  });
});

describe('context beyond the message', () => {
  it('flags a key from another account than the one in the text', () => {
    const t = triage(`${INVALID}\nkey AKIASP2TPHJSQH3FJXYZ, target account 123456789012`);
    expect(t.entities.keyAccountId).toBe('171436882533');
    const finding = t.findings.find((f) => f.startsWith('Key from another account'));
    expect(finding).toContain('171436882533');
    expect(finding).toContain('123456789012');
    const ids = t.causes.slice(0, 2).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['key_not_found', 'wrong_profile_or_env']));
  });

  it('says nothing about another account when the key decodes to the account in the text', () => {
    const t = triage(`${INVALID}\nkey AKIASP2TPHJSQH3FJXYZ in account 171436882533`);
    expect(t.findings.some((f) => f.startsWith('Key from another account'))).toBe(false);
  });

  it('reads get-caller-identity output and flags an identity in another account than expected', () => {
    const t = triage(`$ aws sts get-caller-identity
{
    "UserId": "AIDAQWERTYUIOPASDFGHJ",
    "Account": "111122223333",
    "Arn": "arn:aws:iam::111122223333:user/ci"
}
the models are enabled in our ML account 444455556666
AccessDeniedException: You don't have access to the model with the specified model ID.`);
    expect(t.entities.principalArn).toBe('arn:aws:iam::111122223333:user/ci');
    expect(top(t)).toBe('wrong_profile_or_env');
    expect(t.findings.join(' ')).toContain('Identity in another account than expected');
    expect(t.findings.join(' ')).toContain('AIDAQWERTYUIOPASDFGHJ is an IAM user unique id, not an access key');
  });

  it('treats an AKIA key that gets "expired" as a stale token riding along', () => {
    const t = triage(`${EXPIRED}\naws_access_key_id = AKIASP2TPHJSQH3FJXYZ`);
    expect(t.causes.slice(0, 2).map((c) => c.id)).toEqual(
      expect.arrayContaining(['session_token_mismatch', 'wrong_profile_or_env']),
    );
    expect(confidence(t, 'temp_credentials_expired')).toBeLessThan(0.2);
  });

  it('is confident only when the text says so: an explicit SCP deny is high, a bare AccessDenied is not', () => {
    const explicit = triage('with an explicit deny in a service control policy');
    expect(confidence(explicit, 'explicit_deny')).toBeGreaterThanOrEqual(0.8);
    const bare = triage('AccessDeniedException');
    expect(bare.causes[0]?.confidence).toBeLessThanOrEqual(0.5);
  });

  it('never states a bare AccessDenied above 0.5, however often its reports were one cause, but a reason may be', () => {
    const bare = triage('An error occurred (AccessDenied) when calling the PutObject operation: Access Denied');
    expect(bare.causes[0]?.id).toBe('missing_iam_permission');
    expect(bare.causes[0]?.confidence).toBeLessThanOrEqual(0.5);
    const reason = triage(
      'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action',
    );
    expect(confidence(reason, 'missing_iam_permission')).toBeGreaterThan(0.5);
  });

  it("reads an unauthenticated Cognito identity's denial as its scope-down session policy, not an authenticated one's", () => {
    const denied = (role: string) =>
      triage(
        `AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/${role}/CognitoIdentityCredentials is not authorized to perform: iot:Connect on resource: arn:aws:iot:eu-west-1:111122223333:client/dev-1`,
      );
    expect(top(denied('Cognito_devicesUnauth_Role'))).toBe('explicit_deny');
    expect(top(denied('amplify-app-dev-123456-unauthRole'))).toBe('explicit_deny');
    expect(top(denied('Cognito_devicesAuth_Role'))).toBe('missing_iam_permission');
  });

  it("reads the KVS C SDKs' IoT-credentials expiry in the past as a device clock ahead, not another KVS status", () => {
    // amazon-kinesis-video-streams-producer-c IotCredentialProvider.c: CHK(iotExpirationInEpoch >= currentTimeInEpoch,
    // STATUS_IOT_EXPIRATION_OCCURS_IN_PAST); 0x15000017 is its value.
    expect(top(triage('createCredentialProvider(): operation returned status code: 0x15000017'))).toBe('clock_skew');
    expect(top(triage('iot credential provider failed: STATUS_IOT_EXPIRATION_OCCURS_IN_PAST'))).toBe('clock_skew');
    expect(top(triage('createCredentialProvider failed: STATUS_IOT_EXPIRATION_PARSING_FAILED (0x15000018)'))).not.toBe(
      'clock_skew',
    );
  });

  it('reads a signature mismatch from clients with their own signer (ExAws, cognitect aws-api, Alpakka) as theirs', () => {
    const mismatch =
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
    expect(top(triage(`ExAws.S3.get_object("b", "k") |> ExAws.request!\n${mismatch}`))).toBe('unknown');
    expect(top(triage(`{:cognitect.aws.error/code "SignatureDoesNotMatch", :Message "${mismatch}"}`))).toBe('unknown');
    expect(top(triage(`akka.stream.alpakka.s3.S3Exception: ${mismatch}`))).toBe('unknown');
    // The same words from the AWS SDK itself: a wrong secret first.
    expect(top(triage(`com.amazonaws.services.s3.model.AmazonS3Exception: ${mismatch}`))).toBe('secret_key_mismatch');
  });

  it("reads S3's 'Access Denied' printed without its code as S3's AccessDenied, not a bare 403 from anywhere", () => {
    const s3 = triage('download failed: s3://team-data/exports/2026.csv to ./2026.csv Access Denied');
    expect(messageFamilies('download failed: s3://team-data/exports/2026.csv to ./2026.csv Access Denied')).toContain(
      'access_denied_bare',
    );
    expect(top(s3)).toBe('missing_iam_permission');
    expect(messageFamilies('nginx: Access Denied for /admin')).not.toContain('access_denied_bare');
  });

  it('measures clock skew from the timestamps AWS quotes', () => {
    const t = triage(
      'Signature expired: 20250130T203827Z is now earlier than 20250130T204131Z (20250130T204631Z - 5 min.)',
    );
    expect(t.findings.join(' ')).toContain('8 min 4 s before');
    expect(t.commands).toContain('date -u');
  });

  it('points a region-less foundation-model deny at cross-region inference profiles', () => {
    const t = triage(
      'not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0 with an explicit deny in an identity-based policy',
    );
    expect(top(t)).toBe('explicit_deny');
    expect(t.causes[0]?.fix.join(' ')).toContain('exempt bedrock:Invoke*');
  });

  it('substitutes real entities into the commands', () => {
    const t = triage(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action',
    );
    expect(t.commands).toContain(
      'aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user/alice --action-names bedrock:InvokeModelWithResponseStream --resource-arns arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0',
    );
    expect(t.causes[0]?.fix.join(' ')).toContain('authorised as bedrock:InvokeModelWithResponseStream');
  });

  it('finds nothing in text that is not an error', () => {
    const t = triage('Hi team, the deploy went fine, thanks!');
    expect(t.causes).toEqual([]);
    expect(t.commands).toEqual([]);
    expect(t.secretsFound).toBe(false);
  });

  it('triages pasted tool output on its own', () => {
    const t = triage('AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ\nAWS_SESSION_TOKEN=****\nAWS_REGION=us-east-1');
    expect(top(t)).toBe('session_token_mismatch');
  });

  it('reads truncated input and says so', () => {
    const t = triage(`${'log line\n'.repeat(6000)}${INVALID}`);
    expect(t.truncated).toBe(true);
    expect(t.findings.some((f) => f.startsWith('The input was'))).toBe(true);
    expect(t.entities.errorCode).toBe('UnrecognizedClientException');
  });
});
