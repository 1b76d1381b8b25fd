/**
 * Readings added while studying the gatherQQ / gatherRR batches, each checked on examples of our own (not the corpus
 * pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

describe('a client that fell through to instance metadata off EC2', () => {
  it('reads a failed call to 169.254.169.254 as no credentials found', () => {
    const text =
      'Generic S3 error: error sending request for url (http://169.254.169.254/latest/api/token): error trying to ' +
      'connect: tcp connect error: Connection refused';
    expect(messageFamilies(text)).toContain('no_credentials');
    expect(triage(text).causes[0]?.id).toBe('wrong_profile_or_env');
  });

  it('leaves a metadata URL that answered alone', () => {
    expect(messageFamilies('GET http://169.254.169.254/latest/meta-data/instance-id -> i-0abc')).not.toContain(
      'no_credentials',
    );
  });
});

describe('entities in more SDK shapes', () => {
  it("reads botocore's code-less '(403)' as the status", () => {
    const text = 'An error occurred (403) when calling the HeadBucket operation: Forbidden';
    expect(triage(text).entities.httpStatus).toBe(403);
    expect(triage('An error occurred (AccessDenied) when calling the GetObject operation').entities.httpStatus).toBe(
      undefined,
    );
  });

  it("keeps aws-sdk-ruby's service from the error class, as printed", () => {
    const text =
      'error_class="Aws::CloudWatchLogs::Errors::IncompleteSignatureException" error="Authorization header requires ' +
      "'Signature' parameter.\"";
    expect(triage(text).entities.service).toBe('CloudWatchLogs');
    expect(triage('Aws::Errors::MissingCredentialsError: unable to sign request').entities.service).toBeUndefined();
  });
});
