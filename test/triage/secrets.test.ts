/** A secret in the text is reported and treated as leaked, and no output ever repeats it. */
import { describe, expect, it } from 'vitest';
import { renderTriage } from '../../src/cli/render-triage.js';
import { findSecretValues, scrubSecrets } from '../../src/secrets.js';
import { triage } from '../../src/triage/index.js';
import { echoes } from '../helpers/bedrock-api-keys.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH${'MEUCIQDxQ2hvc2Vu'.repeat(20)}`;
const API_KEY = `ABSK${'QmVkcm9ja0FQSUtleS1leGFtcGxl'.repeat(3)}`;
const SHORT_TERM_API_KEY = `bedrock-api-key-${'YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg'.repeat(2)}`;

function assertNoEcho(text: string, secret: string) {
  const t = triage(text);
  expect(t.secretsFound).toBe(true);
  expect(echoes(JSON.stringify(t), secret)).toBe(false);
  expect(echoes(renderTriage(t), secret)).toBe(false);
  return t;
}

describe('secrets in pasted text', () => {
  it('reports a secret access key as leaked, first, naming the key to deactivate', () => {
    const t = assertNoEcho(
      `AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ\nAWS_SECRET_ACCESS_KEY=${SECRET_KEY}\nSignatureDoesNotMatch: The request signature we calculated does not match`,
      SECRET_KEY,
    );
    expect(t.findings[0]).toMatch(/^LEAKED SECRET: this text contains an AWS secret access key/);
    expect(t.findings[0]).toContain('aws iam update-access-key --access-key-id AKIASP2TPHJSQH3FJXYZ --status Inactive');
    expect(renderTriage(t).startsWith('!! LEAKED SECRET')).toBe(true);
  });

  it('finds session tokens, long-term and short-term Bedrock API keys', () => {
    assertNoEcho(`aws_session_token = ${SESSION_TOKEN}\nExpiredToken`, SESSION_TOKEN);
    assertNoEcho(`token ${SESSION_TOKEN} was sent`, SESSION_TOKEN);
    assertNoEcho(`export AWS_BEARER_TOKEN_BEDROCK=${API_KEY}`, API_KEY);
    assertNoEcho(`Authorization: Bearer ${SHORT_TERM_API_KEY}\n403 Forbidden`, SHORT_TERM_API_KEY);
  });

  it('finds secrets hidden by Slack escaping and JSON escaping, and does not echo them', () => {
    const escaped = SECRET_KEY.replaceAll('/', '\\/');
    assertNoEcho(`{"SecretAccessKey": "${escaped}", "AccessKeyId": "ASIAY34FZKBOKMUTVV7A"}`, SECRET_KEY);
    assertNoEcho(`&gt; aws_secret_access_key = ${SECRET_KEY}`, SECRET_KEY);
  });

  it('does not echo a secret glued into an ARN or a model id either', () => {
    const t = triage(
      `User: arn:aws:iam::123456789012:user/${SECRET_KEY} is not authorized\nAWS_SECRET_ACCESS_KEY=${SECRET_KEY}`,
    );
    expect(echoes(JSON.stringify(t), SECRET_KEY)).toBe(false);
  });

  it('does not call masked values, variables or placeholders secrets', () => {
    for (const text of [
      'aws_secret_access_key = ****************',
      'secret_key     ****************k9Zp shared-credentials-file',
      'client = AnthropicBedrock(aws_access_key="ASIAY34FZKBOKMUTVV7A", aws_secret_key=secret)',
      'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN=<your token>',
      `AWS_SECRET_ACCESS_KEY=${'$'}{AWS_SECRET}`,
      'sha a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 AKIAIOSFODNN7EXAMPLE',
    ]) {
      expect(triage(text).secretsFound, text).toBe(false);
    }
  });

  it('finds a secret key right after or before an `=` (secret=..., --key=...=) and removes it', () => {
    for (const text of [`secret=${SECRET_KEY}`, `--aws-key=${SECRET_KEY}`, `key=${SECRET_KEY}=`, `'''=${SECRET_KEY}`]) {
      assertNoEcho(`An error occurred (SignatureDoesNotMatch): ${text}`, SECRET_KEY);
      expect(scrubSecrets(text)).not.toContain(SECRET_KEY);
    }
    // Part of a longer base64 value (a 44-character blob with its padding) is not a key.
    expect(findSecretValues(`blob=${SECRET_KEY}AAA=`)).toEqual([]);
  });

  it('lists the secret values so callers can keep them out of output', () => {
    expect(findSecretValues(`AWS_SECRET_ACCESS_KEY=${SECRET_KEY} token ${SESSION_TOKEN}`)).toEqual(
      expect.arrayContaining([SECRET_KEY, SESSION_TOKEN]),
    );
    expect(findSecretValues('nothing secret here')).toEqual([]);
  });
});
