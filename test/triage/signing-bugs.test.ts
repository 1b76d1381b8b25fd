/**
 * SignatureDoesNotMatch with the right secret: a request changed after signing (a proxy's headers signed, a path
 * re-encoded), a client's own SigV4 code, or a signature scoped to another service name is a client bug (`unknown`
 * first, DESIGN section 2), the secret still listed. The bare message still reads as a wrong secret first.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

const MISMATCH =
  'An error occurred (SignatureDoesNotMatch) when calling the Converse operation: The request signature we ' +
  'calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe('a signature mismatch with the right secret', () => {
  it('reads forwarded proxy headers in the canonical request as the request changed after signing', () => {
    const text =
      `${MISMATCH}\n\nThe Canonical String for this request should have been\n'POST\n/model/m/converse\n\n` +
      "host:bedrock-runtime.eu-west-1.amazonaws.com\nx-amz-date:20261201T101010Z\nx-forwarded-for:10.1.2.3\nx-forwarded-proto:https\n'";
    expect(ids(text)[0]).toBe('unknown');
    expect(ids(text).slice(0, 3)).toContain('secret_key_mismatch');
  });

  it("reads a client's own SigV4 code as the client's bug", () => {
    const text = `ExAws.Request: ${MISMATCH}`;
    expect(ids(text)[0]).toBe('unknown');
  });

  it('reads a signature scoped to another service name as the client, not the keys', () => {
    const text =
      "InvalidSignatureException: Credential should be scoped to correct service: 'bedrock'. (signed as 'es')";
    expect(ids(text)[0]).toBe('unknown');
  });

  it('still reads the bare message as a wrong secret first, the client bug next', () => {
    expect(ids(MISMATCH).slice(0, 2)).toEqual(['secret_key_mismatch', 'unknown']);
  });
});
