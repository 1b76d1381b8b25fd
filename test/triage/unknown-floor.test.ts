/**
 * `unknown` (a client, tool or proxy bug behind an AWS message) keeps a floor of UNKNOWN_FLOOR under every AWS
 * message, so it is listed before causes the evidence makes rarer than that; it never displaces a likelier cause.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';
import { UNKNOWN_FLOOR } from '../../src/triage/score.js';

const DENIED =
  'An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 because no identity-based policy allows the bedrock:InvokeModel action';
const EXPIRED =
  'botocore.exceptions.ClientError: An error occurred (ExpiredTokenException) when calling the InvokeModel operation: The security token included in the request is expired';

function ids(text: string): string[] {
  return triage(text).causes.map((c) => c.id);
}

describe('the client-bug floor under an AWS message', () => {
  it('lists unknown second behind a clear implicit deny, at the floor', () => {
    const t = triage(DENIED);
    expect(t.causes[0]?.id).toBe('missing_iam_permission');
    expect(t.causes[1]).toMatchObject({ id: 'unknown', confidence: UNKNOWN_FLOOR });
  });

  it('lists unknown among the first three behind an expired token', () => {
    expect(ids(EXPIRED).slice(0, 3)).toContain('unknown');
    expect(ids(EXPIRED)[0]).toBe('temp_credentials_expired');
  });

  it('does not lift unknown over a cause likelier than the floor', () => {
    const t = triage(
      'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.',
    );
    const unknownAt = t.causes.findIndex((c) => c.id === 'unknown');
    for (const c of t.causes.slice(0, unknownAt)) expect(c.confidence).toBeGreaterThan(UNKNOWN_FLOOR);
  });

  it('leaves another sender than AWS to its own reading', () => {
    const t = triage(
      'openai.AuthenticationError: Error code: 401 - Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.causes[0]?.confidence).toBeGreaterThan(UNKNOWN_FLOOR);
  });
});
