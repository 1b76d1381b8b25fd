/**
 * Credential-side messages exactly as the SDKs, CLIs and services print them, each read in the source or the docs
 * that produce it (repo + path, or the AWS page, in the comment above it) and wrapped the way that client prints it.
 * Each row names the family that must match, and the first cause or the set the top three must hold; a row fails
 * when its wording (or the family it belongs to) is taken out. Messages are never invented: only quoted.
 */
import { describe, expect, it } from 'vitest';
import type { CauseId } from '../../src/report.js';
import type { FamilyId } from '../../src/triage/families/index.js';
import { messageFamilies, triage } from '../../src/triage/index.js';

interface Row {
  /** What prints it (SDK, CLI, service). */
  sdk: string;
  text: string;
  family: FamilyId;
  /** The first cause. */
  first?: CauseId;
  /** Causes that must all be in the top three. */
  top3?: readonly CauseId[];
}

const ROWS: readonly Row[] = [
  // --- S3 -----------------------------------------------------------------------------------------------------
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (InvalidToken, 400); a session token S3
  // refuses: v1 global-STS tokens outside default Regions (IAM UG id_credentials_temp_enable-regions), keys of
  // another partition (whitepaper aws-fault-isolation-boundaries/partitions), a token not the key's.
  {
    sdk: 'aws-cli (botocore ClientError)',
    text: 'An error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
  {
    sdk: 'Java v1 AmazonS3Exception',
    text: 'com.amazonaws.services.s3.model.AmazonS3Exception: The provided token is malformed or otherwise invalid. (Service: Amazon S3; Status Code: 400; Error Code: InvalidToken; Request ID: E44178C6C2BD2BA3)',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
  {
    sdk: 'aws-cli, opt-in region',
    text: 'aws s3 ls --region ap-southeast-4\nAn error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    first: 'opt_in_region_token',
  },
  {
    sdk: 'aws-cli, China partition',
    text: 'aws s3 ls --region cn-north-1\nAn error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    first: 'key_not_found',
  },
  // aws/aws-extensions-for-dotnet-cli src/Amazon.Common.DotNetCli.Tools/Utilities.cs: "Warning: Unable to determine
  // region for bucket {s3Bucket}, assuming bucket is in correct region: {e.Message}" quotes GetBucketLocation's
  // failure; the client has a region (not no_region).
  {
    sdk: 'Amazon.Lambda.Tools (dotnet lambda deploy)',
    text: 'Warning: Unable to determine region for bucket my-bucket, assuming bucket is in correct region: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
];

describe('credential-side wordings as the SDKs and CLIs print them', () => {
  for (const row of ROWS) {
    it(`${row.sdk}: ${row.text.slice(0, 90)}`, () => {
      const families = messageFamilies(row.text);
      expect(families).toContain(row.family);
      const causes = triage(row.text).causes.map((c) => c.id);
      expect(causes.length).toBeGreaterThan(0);
      if (row.first) expect(causes[0]).toBe(row.first);
      for (const id of row.top3 ?? []) expect(causes.slice(0, 3)).toContain(id);
    });
  }

  it('"Unable to determine region for bucket" wraps another failure: it is not a missing region', () => {
    const text =
      'Warning: Unable to determine region for bucket my-bucket, assuming bucket is in correct region: The provided token is malformed or otherwise invalid.';
    expect(messageFamilies(text)).not.toContain('no_region');
  });
});
