/**
 * Wordings added while studying the gatherV / gatherW batches, each checked on examples of our own (not the corpus
 * pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe("S3's region clause of AuthorizationHeaderMalformed without its prefix", () => {
  it('reads "the region X is wrong; expecting Y" as a signing-region mismatch', () => {
    const text = "S3 upload failed: the region 'eu-west-1' is wrong; expecting 'sa-east-1'";
    expect(messageFamilies(text)).toContain('credential_scope_region');
    expect(ids(text)[0]).toBe('region_unsupported');
  });

  it('leaves a region merely called wrong alone', () => {
    const text = 'the region eu-west-1 is wrong for this team; we expect everything in sa-east-1';
    expect(messageFamilies(text)).not.toContain('credential_scope_region');
  });
});
