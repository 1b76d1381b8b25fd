/**
 * Wordings and formats added while studying the gatherN / gatherO batches, each checked on examples of our own
 * (not the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe('MediaConvert called on the wrong endpoint', () => {
  const text =
    'BadRequestException: You must use the subscription API to subscribe your account to the service before using this operation.';

  it('is an endpoint problem, with the region among the first three, never an empty answer', () => {
    expect(messageFamilies(text)).toContain('operation_unresolved');
    expect(ids(text).slice(0, 3)).toContain('region_unsupported');
  });

  it('leaves other subscription wordings alone', () => {
    expect(
      messageFamilies('Please subscribe your account to our newsletter before using this operation.'),
    ).not.toContain('operation_unresolved');
  });
});
