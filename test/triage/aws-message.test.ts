import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

describe('triage marks a recognised AWS error message (what automatic triage counts as an error signal)', () => {
  it('is set for an AWS message even without an error code or status', () => {
    const text =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
    expect(triage(text).entities.errorCode).toBeUndefined();
    expect(triage(text).awsMessage).toBe(true);
    expect(
      triage('Unable to locate credentials. You can configure credentials by running "aws configure".').awsMessage,
    ).toBe(true);
  });

  it('is not set for a bare status, a generic denial or chatter', () => {
    for (const text of [
      'request failed with status 403',
      'Access denied',
      'error: cannot find module foo in the build',
      'I got access denied to the conference room again',
    ]) {
      expect(triage(text).awsMessage, text).toBeUndefined();
    }
  });
});
