import { describe, expect, it } from 'vitest';
import { fixture, signature } from './signing.js';

describe('test signing helper', () => {
  it("reproduces Slack's documented signature test vector", () => {
    const v = fixture<Record<string, string>>('slash_command.signature-vector.json');
    expect(signature(v.signing_secret as string, v.x_slack_request_timestamp as string, v.raw_body as string)).toBe(
      v.expected_x_slack_signature,
    );
  });
});
