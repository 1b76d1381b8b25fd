import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

const INVALID =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.';

describe('stated key status wins over rotation wording', () => {
  it('"deactivated the old key during rotation" ranks key_inactive first', () => {
    const t = triage(`I deactivated the old key yesterday during rotation and now InvokeModel fails: ${INVALID}`);
    expect(t.causes[0]?.id).toBe('key_inactive');
  });

  it('"rotated and deleted the old key" still ranks key_not_found first', () => {
    const t = triage(`We rotated the key yesterday and deleted the old one; now: ${INVALID}`);
    expect(t.causes[0]?.id).toBe('key_not_found');
  });

  it('asking whether the key is disabled does not hide a stated rotation', () => {
    const t = triage(`We rotated the key last week. Is the key disabled? ${INVALID}`);
    expect(t.causes.slice(0, 2).map((c) => c.id)).toContain('key_not_found');
  });
});
